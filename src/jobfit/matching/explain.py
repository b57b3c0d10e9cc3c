"""Plain-English output of a match: the summary paragraph, skill gaps and strengths.

Everything here is derived from the assessments (requirement + evidence line), so each sentence can be
traced back to a resume line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from jobfit.matching.evidence import Assessment
from jobfit.matching.models import SkillGap, Strength
from jobfit.matching.profile import ResumeProfile
from jobfit.matching.requirements import Requirement

STRONG_EVIDENCE = 0.75  # a met requirement with at least this score is a strength
MAX_EXTRAS = 5


def _names(items: Sequence[Assessment], limit: int = 4) -> str:
    names = [a.requirement.label for a in items[:limit]]
    more = len(items) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def summary(
    assessments: Sequence[Assessment], overall: float, confidence: float, semantic_used: bool
) -> str:
    """One paragraph saying what the score rests on."""
    skills = [a for a in assessments if a.requirement.kind == "skill"]
    required = [a for a in skills if a.requirement.importance == "required"]
    met = [a for a in required if a.result.status == "met"]
    # Alternatives ("Python, Ruby or Java") met by one of their skills are not reported as partial or missing.
    met_groups = _met_groups(assessments)
    unmet = [a for a in required if a.requirement.group is None or a.requirement.group not in met_groups]
    partial = [a for a in unmet if a.result.status == "partial"]
    missing = [a for a in unmet if a.result.status == "missing"]
    parts = [f"Overall match {overall:.0f}/100 (confidence {confidence:.0f}/100)."]
    if required:
        sentence = f"The resume shows {len(met)} of {len(required)} required skills"
        if met:
            sentence += f" ({_names(met)})"
        sentence += "."
        if partial:
            sentence += f" Partly shown: {_names(partial)}."
        if missing:
            sentence += f" Missing: {_names(missing)}."
        parts.append(sentence)
    preferred = [a for a in skills if a.requirement.importance == "preferred"]
    if preferred:
        got = sum(a.result.status != "missing" for a in preferred)
        parts.append(f"It covers {got} of {len(preferred)} preferred skills.")
    for a in assessments:
        kind = a.requirement.kind
        if kind == "experience" and a.result.evidence:
            parts.append(f"Experience: {a.result.evidence}.")
        elif kind == "title":
            if a.result.status != "missing" and a.result.evidence:
                parts.append(f"Closest role to '{a.requirement.label}': '{a.result.evidence}'.")
            else:
                parts.append(f"No past title resembles '{a.requirement.label}'.")
        elif kind == "education":
            verdict = {"met": "meets", "partial": "partly meets", "missing": "does not show"}[a.result.status]
            parts.append(f"Education {verdict} the requirement ({a.requirement.label}).")
    if not semantic_used:
        parts.append("Semantic similarity was not used (no vectors), so the other weights were renormalised.")
    return " ".join(parts)


_STATUS_RANK = {"met": 2, "partial": 1, "missing": 0}


def alternatives_label(labels: Sequence[str]) -> str:
    """How a list of alternatives reads as one requirement: "Python, Ruby or Java"."""
    return labels[0] if len(labels) < 2 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def one_per_group(assessments: Sequence[Assessment]) -> list[Assessment]:
    """A list of alternatives ("Python, Ruby or Java": the skills of one `Requirement.group`) as ONE requirement:
    the row of its best member (met before partial before missing, then by score), named after the whole list,
    where its first member stood. The summary, the evidence table, the gaps and the must-have filter all count
    this one row; the score already counts the group once (`scores.group_percent`)."""
    best: dict[int, Assessment] = {}
    for a in assessments:
        group = a.requirement.group
        if group is None:
            continue
        held = best.get(group)
        if held is None or (_STATUS_RANK.get(a.result.status, 0), a.result.score) > (
                _STATUS_RANK.get(held.result.status, 0), held.result.score):
            best[group] = a
    rows: list[Assessment] = []
    placed: set[int] = set()
    for a in assessments:
        group = a.requirement.group
        if group is None:
            rows.append(a)
        elif group not in placed:
            placed.add(group)
            winner = best[group]
            label = alternatives_label(winner.requirement.alternatives or (winner.requirement.label,))
            rows.append(replace(winner, requirement=winner.requirement.model_copy(update={"label": label}),
                                result=winner.result.model_copy(update={"requirement": label})))
    return rows


def _met_groups(assessments: Sequence[Assessment]) -> set[int]:
    """Groups of alternative skills (`Requirement.group`) that one of their members meets."""
    return {a.requirement.group for a in assessments if a.requirement.group is not None and a.result.status == "met"}


def skill_gaps(assessments: Sequence[Assessment]) -> list[SkillGap]:
    """Missing or partly shown skills: required first, then by weight, then in the job's order."""
    order = {"required": 0, "preferred": 1}
    met_groups = _met_groups(assessments)  # a list of alternatives met by one of its skills leaves no gap
    gaps = [
        (i, a) for i, a in enumerate(assessments)
        if a.requirement.kind == "skill" and a.result.status != "met" and a.requirement.group not in met_groups
    ]
    gaps.sort(key=lambda p: (order[p[1].requirement.importance], p[1].result.status == "partial",
                             -p[1].requirement.weight, p[0]))
    return [
        SkillGap(
            skill=a.requirement.label,
            skill_id=a.requirement.skill_id,
            importance=a.requirement.importance,
            category=a.requirement.category,
            closest_related=a.related_skill,
        )
        for _, a in gaps
    ]


def job_relevance(requirements: Sequence[Requirement]) -> tuple[dict[str, float], dict[str, int]]:
    """Per skill id: its best weight in any requirement's taxonomy neighbourhood, and in how many it appears.

    Depends on the job only: `prepare_job` computes it once for all the resumes it is scored against.
    """
    best: dict[str, float] = {}
    seen: dict[str, int] = {}
    for req in requirements:
        for skill_id, (_, weight) in req.related.items():
            old = best.get(skill_id)
            best[skill_id] = weight if old is None or weight > old else old
            seen[skill_id] = seen.get(skill_id, 0) + 1
    return best, seen


def strengths(assessments: Sequence[Assessment], profile: ResumeProfile,
              relevance: tuple[dict[str, float], dict[str, int]] | None = None) -> list[Strength]:
    """Met requirements with strong evidence (best first), then notable extra skills related to the job.

    `relevance` is `job_relevance` of the assessments' requirements, when the caller has it already.
    """
    met = [a for a in assessments if a.result.status == "met" and a.result.score >= STRONG_EVIDENCE
           and a.requirement.kind != "keyword"]
    met.sort(key=lambda a: (a.requirement.importance != "required", -a.result.score, a.requirement.label))
    out = [
        Strength(requirement=a.requirement.label, evidence=a.result.evidence, section=a.result.section,
                 line=a.result.line)
        for a in met
    ]
    wanted = {a.requirement.skill_id for a in assessments if a.requirement.skill_id}
    # Relevance of a skill to the job: its best weight in any requirement's neighbourhood (0.0 where absent).
    best, seen = relevance if relevance is not None else job_relevance([a.requirement for a in assessments])
    extras: list[tuple[float, str, str, int]] = []  # (rank, skill id, name, line)
    for skill_id, record in profile.skills.items():
        name, n_in_work, first_line = record.name, record.work_count, record.work_line
        if not n_in_work or skill_id in wanted:
            continue
        relevance = best.get(skill_id, 0.0)
        if seen.get(skill_id, 0) < len(assessments):
            relevance = max(relevance, 0.0)
        if relevance <= 0.0 and n_in_work < 2:
            continue
        extras.append((-(relevance + 0.1 * n_in_work), skill_id, name, first_line))
    extras.sort(key=lambda t: (t[0], t[1]))
    return out + [
        Strength(requirement=name, evidence=profile.line_text(line), section=profile.section(line), line=line,
                 kind="extra")
        for _, _, name, line in extras[:MAX_EXTRAS]
    ]
