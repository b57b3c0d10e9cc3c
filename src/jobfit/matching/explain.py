"""Plain-English output of a match: the summary paragraph, skill gaps and strengths.

Everything here is derived from the assessments (requirement + evidence line), so each sentence can be
traced back to a resume line.
"""

from __future__ import annotations

from collections.abc import Sequence

from jobfit.matching.evidence import Assessment
from jobfit.matching.models import SkillGap, Strength
from jobfit.matching.profile import ResumeProfile

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
    partial = [a for a in required if a.result.status == "partial"]
    missing = [a for a in required if a.result.status == "missing"]
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


def skill_gaps(assessments: Sequence[Assessment]) -> list[SkillGap]:
    """Missing or partly shown skills: required first, then by weight, then in the job's order."""
    order = {"required": 0, "preferred": 1}
    gaps = [
        (i, a) for i, a in enumerate(assessments)
        if a.requirement.kind == "skill" and a.result.status != "met"
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


def strengths(assessments: Sequence[Assessment], profile: ResumeProfile) -> list[Strength]:
    """Met requirements with strong evidence (best first), then notable extra skills related to the job."""
    met = [a for a in assessments if a.result.status == "met" and a.result.score >= STRONG_EVIDENCE
           and a.requirement.kind != "keyword"]
    met.sort(key=lambda a: (a.requirement.importance != "required", -a.result.score, a.requirement.label))
    out = [
        Strength(requirement=a.requirement.label, evidence=a.result.evidence, section=a.result.section,
                 line=a.result.line)
        for a in met
    ]
    wanted = {a.requirement.skill_id for a in assessments if a.requirement.skill_id}
    extras: list[tuple[float, str, Strength]] = []
    for skill_id, mentions in profile.mentions_by_id.items():
        if skill_id in wanted:
            continue
        in_work = [m for m in mentions if profile.section(m.line) in ("experience", "projects")]
        if not in_work:
            continue
        relevance = max((a.requirement.related.get(skill_id, ("", 0.0))[1] for a in assessments), default=0.0)
        if relevance <= 0.0 and len(in_work) < 2:
            continue
        first = min(in_work, key=lambda m: m.line or 0)
        extras.append((
            -(relevance + 0.1 * len(in_work)), skill_id,
            Strength(requirement=first.name, evidence=profile.line_text(first.line),
                     section=profile.section(first.line), line=first.line, kind="extra"),
        ))
    extras.sort(key=lambda t: (t[0], t[1]))
    return out + [s for _, _, s in extras[:MAX_EXTRAS]]
