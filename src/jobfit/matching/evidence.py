"""Find the best resume evidence for skill and keyword requirements.

For each requirement we look, in order of strength, for: the same taxonomy skill (exact or alias),
the requirement's own words as a phrase on a line, a taxonomy parent/child/sibling skill, and most of
the requirement's words on one line. Each candidate line is worth `match quality x line weight`
(section and recency, see `profile.py`); the best line is the evidence, and repeated use on several
lines adds a little depth credit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jobfit.matching.models import RequirementResult
from jobfit.matching.profile import NO_LINE, ResumeProfile
from jobfit.matching.relations import closest
from jobfit.matching.requirements import Requirement
from jobfit.matching.text import tokens

# Match quality by how the requirement was met.
QUALITY = {"exact": 1.0, "alias": 1.0, "child": 0.85, "parent": 0.6, "related": 0.5}
WORDS_QUALITY = 0.8  # most (not all) of a multi-word requirement's words on one line
WORDS_MIN_SHARE = 0.5
# Depth: a single strong line earns DEPTH_BASE of the line's value; each further line adds DEPTH_STEP.
DEPTH_BASE = 0.85
DEPTH_STEP = 0.05
DEPTH_LINES = 3
MET_AT = 0.9  # match quality at or above this counts as "met", above zero as "partial"


@dataclass
class Candidate:
    how: str
    quality: float
    line: int | None
    section: str | None
    weight: float
    name: str | None = None  # the resume's skill, when found through the taxonomy


@dataclass
class Assessment:
    """A requirement explained: its result row (status, score, evidence line) and what a gap report needs."""

    requirement: Requirement
    result: RequirementResult
    occurrences: int = 0
    related_skill: str | None = None  # closest related skill name the resume has (for gaps)


def doc_length(profile: ResumeProfile) -> int:
    """Content words on the resume."""
    return profile.index.length


@lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    return " ".join(tokens(text))


@dataclass(frozen=True, slots=True)
class Search:
    """A skill or keyword requirement compiled for the evidence search: what `_evaluate` looks up in every
    resume, built once per job (`engine.PreparedJob.searches`) rather than once per resume.
    """

    forms: tuple[tuple[str, tuple[str, ...]], ...]  # (how, words): the requirement's words ("exact"), its aliases
    counted: bool  # whether the forms' occurrences are counted (the requirement has words of its own)
    skills: dict[str, tuple[str, float]]  # resume skill id -> (how, match quality): the skill and its neighbours
    partial: tuple[str, ...]  # the words "most of the words on one line" looks for (two or more), else ()
    lone_word: str | None  # a one-word keyword with no skill or alias: missing unless the resume has the word


def compile_search(req: Requirement) -> Search:
    """The `Search` of a skill or keyword requirement (its taxonomy neighbours come with `req.related`)."""
    forms = ((("exact", req.terms),) if req.terms else ()) + tuple(("alias", a) for a in req.aliases if a)
    skills: dict[str, tuple[str, float]] = {}
    if req.skill_id is not None:
        skills[req.skill_id] = ("exact", 1.0)
        for skill_id, (kind, score) in req.related.items():
            if skill_id != req.skill_id:
                skills[skill_id] = (kind, min(QUALITY[kind], score * QUALITY[kind] / 0.7))
    lone = req.terms[0] if req.skill_id is None and not req.aliases and len(req.terms) == 1 else None
    return Search(forms, bool(req.terms), skills, req.terms if len(req.terms) >= 2 else (), lone)


def _taxonomy_hits(profile: ResumeProfile, search: Search) -> list[str]:
    """The resume's skills that are the wanted one or its taxonomy neighbours, in `ResumeProfile.skills` order."""
    hits = profile.skills.keys() & search.skills.keys()
    if len(hits) < 2:
        return list(hits)
    return sorted(hits, key=profile.skill_order.__getitem__)


# A candidate's rank: (-value, -quality, line or NO_LINE); the smallest wins, the first of equals stays.
_Key = tuple[float, float, int]


# The winning evidence as `_evaluate` finds it: (how, quality, line, section or None, the resume's skill id when
# found through the taxonomy or None).
Winner = tuple[str, float, int | None, str | None, str | None]


def _evaluate(profile: ResumeProfile, search: Search) -> tuple[Winner | None, str, float, int]:
    """(winning evidence, status, rounded score, occurrences) of a skill or keyword requirement.

    Candidates, in this order: the requirement's words (or an alias) as a phrase on a line (quality 1), the
    same taxonomy skill or a neighbour (see QUALITY), and - only when nothing of quality >= MET_AT was
    found - most of a multi-word requirement's words on one line. One pass keeps the best full match and
    the best other candidate; the `Candidate` object is built only when the requirement is explained.
    """
    index = profile.index
    if search.lone_word is not None and not index.has(search.lone_word):
        return None, "missing", 0.0, 0  # a one-word keyword absent from the resume (the most common case)
    weight = profile.weight
    strong_key: _Key | None = None  # best candidate of quality >= MET_AT
    strong_at: tuple[str, int | None, str | None, str | None] | None = None  # (how, line, section, skill id)
    weak_key: _Key | None = None  # best candidate below MET_AT
    weak_at: Winner | None = None
    strong_lines: set[int | None] = set()
    occurrences = 0
    for how, terms in search.forms:
        lines, count = index.phrase_matches(terms)
        if lines:
            strong_lines.update(lines)
            best, best_weight = lines[0], weight(lines[0])  # lines ascend: the first of the heaviest wins
            for number in lines[1:]:
                line_weight = weight(number)
                if line_weight > best_weight:
                    best, best_weight = number, line_weight
            key = (-best_weight, -1.0, best)
            if strong_key is None or key < strong_key:
                strong_key, strong_at = key, (how, best, None, None)
            if search.counted:
                occurrences += count
    if search.skills:
        skills = profile.skills
        wanted = search.skills
        for skill_id in _taxonomy_hits(profile, search):
            record = skills[skill_id]
            skill_weight, line, section, skill_lines = record.weight, record.line, record.section, record.lines
            if skill_weight is None:
                continue  # every mention of the skill sits on a redacted line
            kind, quality = wanted[skill_id]
            key = (-quality * skill_weight, -quality, NO_LINE if line is None else line)
            if quality >= MET_AT:
                strong_lines.update(skill_lines)
                if strong_key is None or key < strong_key:
                    strong_key, strong_at = key, (kind, line, section, skill_id)
            elif weak_key is None or key < weak_key:
                weak_key, weak_at = key, (kind, quality, line, section, skill_id)
    if strong_key is None and search.partial:
        line, share = index.best_partial_line(search.partial)
        if line is not None and share >= WORDS_MIN_SHARE:
            quality = WORDS_QUALITY * share
            key = (-quality * weight(line), -quality, line)
            if weak_key is None or key < weak_key:
                weak_key, weak_at = key, ("words", quality, line, None, None)
    if len(strong_lines) > occurrences:
        occurrences = len(strong_lines)
    if strong_key is None:
        if weak_key is None:
            return None, "missing", 0.0, occurrences
        assert weak_at is not None
        value = -weak_key[0] * DEPTH_BASE
        return weak_at, "partial", round(value if value < 1.0 else 1.0, 4), occurrences
    # met: the evidence is the best full match, even if a related skill sits on a better line
    top_value = -(strong_key[0] if weak_key is None or strong_key < weak_key else weak_key[0])
    depth = DEPTH_BASE + DEPTH_STEP * min(max(len(strong_lines) - 1, 0), DEPTH_LINES)
    score = min(1.0, max(-strong_key[0] * depth, top_value * DEPTH_BASE))
    assert strong_at is not None
    kind, line, section, skill_id = strong_at
    return (kind, 1.0, line, section, skill_id), "met", round(score, 4), occurrences


def _candidate(profile: ResumeProfile, req: Requirement, kind: str, quality: float, line: int | None,
               section: str | None, skill_id: str | None) -> Candidate:
    """The evidence `Candidate` for the winner of `_evaluate` (a phrase, a taxonomy skill or most words)."""
    if skill_id is None:  # the requirement's words or an alias as written
        return Candidate(kind, quality, line, profile.section(line), profile.weight(line))
    record = profile.skills[skill_id]
    name, surface = record.name, record.surface  # the best mention as written
    how = kind
    if kind == "exact" and _normalise(surface) != _normalise(req.label):
        how = "alias"
    return Candidate(how, quality, line, section, profile.weight(line, section), name)


# What the evidence search found for one skill or keyword requirement, numbers only (no result row yet):
# (winning evidence, status, score, occurrences).
SearchOutcome = tuple[Winner | None, str, float, int]


def evaluate_skill(profile: ResumeProfile, req: Requirement, search: Search | None = None) -> SearchOutcome:
    """The numbers (and winning evidence) of a skill or keyword requirement; `explain_skill` turns them into
    the `Assessment` that `assess_skill` returns. `search` may pass `compile_search(req)` when the caller has it."""
    return _evaluate(profile, compile_search(req) if search is None else search)


def assess_skill(profile: ResumeProfile, req: Requirement) -> Assessment:
    """Best evidence for a skill or keyword requirement (taxonomy neighbours come with `req.related`)."""
    return explain_skill(profile, req, evaluate_skill(profile, req))


def explain_skill(profile: ResumeProfile, req: Requirement, outcome: SearchOutcome) -> Assessment:
    """The `Assessment` (result row, gap details) of a requirement from its `evaluate_skill` numbers."""
    winner, status, score, occurrences = outcome
    if winner is None:
        rid, _ = closest(req.related, profile.skills)
        related = profile.skills[rid].name if rid is not None else None
        result = RequirementResult(
            requirement=req.label, kind=req.kind, importance=req.importance, status="missing", score=0.0,
            group=req.group,
        )
        return Assessment(req, result, occurrences=occurrences, related_skill=related)
    best = _candidate(profile, req, *winner)
    result = RequirementResult(
        requirement=req.label,
        kind=req.kind,
        importance=req.importance,
        status=status,  # type: ignore[arg-type]
        score=score,
        how=best.how,
        evidence=profile.line_text(best.line),
        section=best.section,
        line=best.line,
        group=req.group,
    )
    related = best.name if best.how in {"child", "parent", "related"} else None
    return Assessment(req, result, occurrences=occurrences, related_skill=related)
