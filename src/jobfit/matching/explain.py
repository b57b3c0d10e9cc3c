"""Plain-English output of a match: the summary paragraph, skill gaps and strengths.

Everything here is derived from the assessments (requirement + evidence line), so each sentence can be
traced back to a resume line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from jobfit.matching.background import is_entry_level
from jobfit.matching.counts import counted_skills, is_met, status_rank
from jobfit.matching.evidence import (
    Assessment,
    accepted,
    describes_a_project,
    named_only_as_post,
    named_only_before_other_heads,
    names_another_thing,
    names_only_others,
    person_forms,
    reads_as_title,
    statement_place,
    written_terms,
)
from jobfit.matching.models import RequirementResult, SkillGap, Strength
from jobfit.matching.profile import SKILL_USE_SECTIONS, ResumeProfile
from jobfit.matching.relations import default_relations
from jobfit.matching.requirements import Requirement

STRONG_EVIDENCE = 0.75  # a met requirement with at least this score is a strength
MAX_EXTRAS = 5
TITLE_WORDS = 8  # a line this short that says an entry level ("Software Engineering Intern") is a title


def _is_tool(skill_id: str) -> bool:
    """Whether a taxonomy skill is a named tool, language, platform or database, whose every name is its own."""
    entry = getattr(default_relations(), "get", lambda _: None)(skill_id)
    return bool(entry is not None and entry.is_tech)


def _names(items: Sequence[str], limit: int = 4) -> str:
    more = len(items) - limit
    return ", ".join(items[:limit]) + (f" and {more} more" if more > 0 else "")


def _label(status: str, members: Sequence[RequirementResult]) -> str:
    """How a counted requirement is named: a met group of alternatives by the member that meets it."""
    if status == "met":
        return next(m.requirement for m in members if is_met(m))
    return " or ".join(m.requirement for m in members)


def summary(assessments: Sequence[Assessment], overall: float, confidence: float, semantic_used: bool,
            meaning_checked: bool = False) -> str:
    """One paragraph saying what the score rests on; skills are counted as everywhere else (`counts.py`)."""
    results = [a.result for a in assessments]
    parts = [f"Overall match {overall:.0f}/100 (confidence {confidence:.0f}/100)."]
    required = counted_skills(results, "required")
    if required:
        by_status = {s: [_label(s, m) for status, m in required if status == s]
                     for s in ("met", "partial", "related", "missing")}
        sentence = f"The resume shows {len(by_status['met'])} of {len(required)} required skills"
        if by_status["met"]:
            sentence += f" ({_names(by_status['met'])})"
        sentence += "."
        if by_status["partial"]:
            sentence += f" Partly shown: {_names(by_status['partial'])}."
        if by_status["related"]:
            sentence += f" Only related skills shown for: {_names(by_status['related'])}."
        if by_status["missing"]:
            sentence += f" Missing: {_names(by_status['missing'])}."
        parts.append(sentence)
    preferred = counted_skills(results, "preferred")
    if preferred:
        got = sum(status == "met" for status, _ in preferred)
        parts.append(f"It shows {got} of {len(preferred)} preferred skills.")
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
            verdict = {"met": "meets", "partial": "partly meets", "related": "partly meets",
                       "missing": "does not show"}[a.result.status]
            parts.append(f"Education {verdict} the requirement ({a.requirement.label}).")
    if not meaning_checked:
        parts.append("Evidence was matched on words only: its meaning was not checked.")
    if not semantic_used:
        parts.append("Semantic similarity was not used (no vectors), so the other weights were renormalised.")
    return " ".join(parts)


def alternatives_label(labels: Sequence[str]) -> str:
    """How a list of alternatives reads as one requirement: "Python, Ruby or Java"."""
    return labels[0] if len(labels) < 2 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def one_per_group(assessments: Sequence[Assessment]) -> list[Assessment]:
    """A list of alternatives ("Python, Ruby or Java": the skills of one `Requirement.group`) as ONE requirement:
    the row of its best member (`counts.status_rank`, then by score), named after the whole list, where its first
    member stood. The summary, the evidence table, the gaps and the must-have filter all count
    this one row; the score already counts the group once (`scores.group_percent`)."""
    best: dict[int, Assessment] = {}
    for a in assessments:
        group = a.requirement.group
        if group is None:
            continue
        held = best.get(group)
        if held is None or (status_rank(a.result.status), a.result.score) > (
                status_rank(held.result.status), held.result.score):
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


def skill_gaps(assessments: Sequence[Assessment]) -> list[SkillGap]:
    """Skills not met (`counts.is_met`; a group of alternatives met by one member leaves no gap): required first,
    then partly shown before related and missing, then by weight, then in the job's order."""
    order = {"required": 0, "preferred": 1}
    met_groups = {a.requirement.group for a in assessments if a.requirement.group is not None and is_met(a.result)}
    gaps = [
        (i, a) for i, a in enumerate(assessments)
        if a.requirement.kind == "skill" and not is_met(a.result) and a.requirement.group not in met_groups
    ]
    gaps.sort(key=lambda p: (order[p[1].requirement.importance], p[1].result.status != "partial",
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


def _name_forms(name: str, surface: str | None) -> set[tuple[str, ...]]:
    """The words of a skill's name, and those of the form the resume writes it in when that is the same name
    inflected, each word a beginning of the other ("recruiting" -> "recruit" for Recruitment -> "recruitment"),
    not another name for it ("QA" for Quality assurance)."""
    words = written_terms(name)
    written = written_terms(surface or name)
    inflected = len(written) == len(words) and all(
        a.startswith(b) or b.startswith(a) for a, b in zip(written, words, strict=True))
    return {form for form in (words, written if inflected else words) if form}


def _best_line(profile: ResumeProfile, name: str, lines: Sequence[int], surface: str | None = None) -> int:
    """The line a recruiter reads as proof of an extra strength, of the lines that show it: one that writes its
    name or the form the resume writes it in (`surface`: "recruiting" for Recruitment) ("JavaScript", not only
    "Knockout JS"), then one that is no role's bare title line ("Procurement Associate Company Name City, State":
    the statements under it show the work), then one that is no student's work and no statement of the person's
    post (`evidence.statement_place`, `named_only_as_post`), then a sentence before a list item; the earliest of
    equals."""
    by_name = {line for form in _name_forms(name, surface) for line in profile.index.phrase_lines(form)}
    words = written_terms(name)
    titles = profile.title_lines()

    def key(line: int) -> tuple[bool, bool, bool, bool, int]:
        academic, post = statement_place(profile, line)
        return (line not in by_name, line in titles,
                academic or (post is not None and named_only_as_post(post, words)),
                profile.shape_at(line) != "sentence", line)

    return min(lines, key=key)


def _work_lines(profile: ResumeProfile, skill_id: str) -> list[int]:
    """The lines of a skill that can show it as a strength: a sentence or list item of work (not a role's
    heading, a project title or a headline), never a workshop attended or a student paper presented."""
    memo = profile.memo("_strength_work_lines")
    if skill_id not in memo:
        memo[skill_id] = [line for line in profile.skills[skill_id].lines
                          if profile.section(line) in SKILL_USE_SECTIONS
                          and profile.shape_at(line) in ("sentence", "list") and not profile.attended(line)]
    return memo[skill_id]


def _entry_title(profile: ResumeProfile, line: int) -> bool:
    """An internship's or trainee post's title: a role's, or a short line that says the level."""
    memo = profile.memo("_entry_titles")
    if line not in memo:
        text = profile.line_text(line) or ""
        memo[line] = any(role.line == line and is_entry_level(role.title) for role in profile.roles) or (
            len(text.split()) <= TITLE_WORDS and is_entry_level(text))
    return memo[line]


def _described_only(profile: ResumeProfile, line: int) -> bool:
    """A line that tells of no work of the person's own: a student's work, a statement describing a project, a
    product or a client ("The objective is to ..."), or a title in the projects section (a project's or a paper's:
    "Distributed Banking System", "... of Pediatric Liver Transplant Recipients")."""
    position = profile.statement_at(line)
    text = profile.statement_text(position) if position >= 0 else profile.line_text(line)
    return statement_place(profile, line)[0] or describes_a_project(text) or (
        profile.section(line) == "projects" and reads_as_title(profile.line_text(line)))


def _named_work_lines(profile: ResumeProfile, skill_id: str) -> list[int]:
    """`_work_lines` that name the skill: a skill that is no named tool by its own words (a "QA" environment is no
    Quality assurance, UI test automation no UI design), on a line the fitted acceptance rule lets meet it and that
    tells of the person's own work; never only as another thing (a modifier, "a backbone.js-like framework";
    colleagues or clients, "managed programmers and DBA"; a client's fact, "insurance protects 1.6 million
    clients"; a generic skill as a modifier of another thing, "candidates for software engineering jobs"), nor in an
    internship's title."""
    memo = profile.memo("_strength_named_lines")
    if skill_id in memo:
        return memo[skill_id]
    record = profile.skills[skill_id]
    shown = _work_lines(profile, skill_id)
    if not _is_tool(skill_id):
        named = {line for form in _name_forms(record.name, record.surface) for words in person_forms(form)
                 for line in profile.index.phrase_lines(words)
                 if not names_only_others(profile.line_text(line) or "", words)
                 and not named_only_before_other_heads(profile.line_text(line), words)}
        shown = [line for line in shown if line in named
                 and accepted("other", "exact", profile.shape_at(line) == "list")
                 and not _described_only(profile, line)]
    written = written_terms(record.surface or record.name)
    memo[skill_id] = [line for line in shown if not _entry_title(profile, line)
                      and not names_another_thing(profile.line_text(line) or "", written)]
    return memo[skill_id]


def strengths(assessments: Sequence[Assessment], profile: ResumeProfile,
              relevance: tuple[dict[str, float], dict[str, int]] | None = None) -> list[Strength]:
    """Met requirements with strong evidence (best first), then notable extra skills related to the job.

    `relevance` is `job_relevance` of the assessments' requirements, when the caller has it already.
    """
    met = [a for a in assessments if is_met(a.result) and a.result.score >= STRONG_EVIDENCE
           and a.requirement.kind != "keyword"]
    met.sort(key=lambda a: (a.requirement.importance != "required", -a.result.score, a.requirement.label))
    out = [
        Strength(requirement=a.requirement.label, evidence=a.result.evidence, section=a.result.section,
                 line=a.result.line, line_end=a.result.line_end)
        for a in met
    ]
    wanted = {a.requirement.skill_id for a in assessments if a.requirement.skill_id}
    # Relevance of a skill to the job: its best weight in any requirement's neighbourhood (0.0 where absent).
    best, seen = relevance if relevance is not None else job_relevance([a.requirement for a in assessments])
    extras: list[tuple[float, str, str, list[int]]] = []  # (rank, skill id, name, the lines that show it)
    for skill_id, record in profile.skills.items():
        if not record.work_count or skill_id in wanted:
            continue
        shown = _work_lines(profile, skill_id)
        relevance = best.get(skill_id, 0.0)
        if seen.get(skill_id, 0) < len(assessments):
            relevance = max(relevance, 0.0)
        if not shown or (relevance <= 0.0 and len(shown) < 2):
            continue  # before the word checks, which only ever remove lines
        shown = _named_work_lines(profile, skill_id)
        if not shown or (relevance <= 0.0 and len(shown) < 2):
            continue
        extras.append((-(relevance + 0.1 * len(shown)), skill_id, record.name, shown))
    extras.sort(key=lambda t: (t[0], t[1]))
    cited = [(name, _best_line(profile, name, shown, profile.skills[skill_id].surface))
             for _, skill_id, name, shown in extras[:MAX_EXTRAS]]
    return out + [
        Strength(requirement=name, evidence=profile.statement_text(profile.statement_at(line)),
                 section=profile.section(line), line=line, kind="extra")
        for name, line in cited
    ]
