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
from jobfit.matching.profile import ResumeProfile
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

    @property
    def value(self) -> float:
        return self.quality * self.weight

    def key(self) -> tuple[float, float, int]:
        return (-self.value, -self.quality, self.line if self.line is not None else 10**9)


@dataclass
class Assessment:
    """A requirement, its result row, and what a gap report needs."""

    requirement: Requirement
    result: RequirementResult
    occurrences: int = 0
    doc_length: int = 0  # content words on the resume, for the keyword score's length normalisation
    related_skill: str | None = None  # closest related skill name the resume has (for gaps)


def doc_length(profile: ResumeProfile) -> int:
    """Content words on the resume (computed once per profile and remembered on it)."""
    store = getattr(profile, "__dict__", None)
    cached = store.get("_jobfit_doc_length") if store is not None else None
    if cached is None:
        cached = sum(len(t) for t in profile.index.line_tokens)
        if store is not None:
            store["_jobfit_doc_length"] = cached
    return int(cached)


@lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    return " ".join(tokens(text))


def _lexical(profile: ResumeProfile, req: Requirement) -> list[Candidate]:
    out: list[Candidate] = []
    forms = [(req.terms, "exact")] + [(a, "alias") for a in req.aliases]
    for terms, how in forms:
        if not terms:
            continue
        for number in profile.index.phrase_lines(terms):
            out.append(Candidate(how, 1.0, number, profile.section(number), profile.weight(number)))
    return out


def _taxonomy(profile: ResumeProfile, req: Requirement) -> list[Candidate]:
    out: list[Candidate] = []
    if req.skill_id is None:
        return out
    mentions_by_id = profile.mentions_by_id
    related = req.related
    # The resume's skills that are the wanted one or its neighbours, in `mentions_by_id` order.
    if len(related) < len(mentions_by_id):
        order = profile.skill_order
        hits = [s for s in related if s in mentions_by_id]
        if req.skill_id in mentions_by_id and req.skill_id not in related:
            hits.append(req.skill_id)
        hits.sort(key=order.__getitem__)
    else:
        hits = [s for s in mentions_by_id if s == req.skill_id or s in related]
    for skill_id in hits:
        if skill_id == req.skill_id:
            kind, score = "exact", 1.0
        else:
            kind, score = related[skill_id]
        for mention in mentions_by_id[skill_id]:
            how = kind
            if kind == "exact" and _normalise(mention.surface) != _normalise(req.label):
                how = "alias"
            quality = 1.0 if kind == "exact" else min(QUALITY[kind], score * QUALITY[kind] / 0.7)
            line = mention.line
            if line is not None and profile.line_text(line) is None:
                continue  # the mention's line was redacted (e.g. a name that looks like a skill)
            section = profile.section(line) or mention.section
            out.append(Candidate(how, quality, line, section, profile.weight(line, section), mention.name))
    return out


def _partial_words(profile: ResumeProfile, req: Requirement) -> list[Candidate]:
    if len(req.terms) < 2:
        return []
    line, share = profile.index.best_partial_line(req.terms)
    if line is None or share < WORDS_MIN_SHARE:
        return []
    return [Candidate("words", WORDS_QUALITY * share, line, profile.section(line), profile.weight(line))]


def _evaluate(profile: ResumeProfile, req: Requirement) -> tuple[Candidate | None, str, float, int]:
    """(evidence candidate, status, rounded score, occurrences) of a skill or keyword requirement."""
    candidates = _lexical(profile, req) + _taxonomy(profile, req)
    if not any(c.quality >= MET_AT for c in candidates):
        candidates += _partial_words(profile, req)
    strong_lines = {c.line for c in candidates if c.quality >= MET_AT}
    occurrences = (
        sum(profile.index.phrase_count(t) for t in (req.terms, *req.aliases) if t) if req.terms else 0
    )
    if not candidates:
        return None, "missing", 0.0, occurrences
    strong = [c for c in candidates if c.quality >= MET_AT]
    top = min(candidates, key=Candidate.key)
    depth = DEPTH_BASE + DEPTH_STEP * min(max(len(strong_lines) - 1, 0), DEPTH_LINES)
    if strong:  # met: the evidence is the best full match, even if a related skill sits on a better line
        best = min(strong, key=Candidate.key)
        score = min(1.0, max(best.value * depth, top.value * DEPTH_BASE))
        status = "met"
    else:
        best = top
        score = min(1.0, best.value * DEPTH_BASE)
        status = "partial"
    return best, status, round(score, 4), max(occurrences, len(strong_lines))


def skill_numbers(profile: ResumeProfile, req: Requirement) -> tuple[str, float, int]:
    """(status, score, occurrences) of `assess_skill(profile, req)` without building its explanation."""
    _, status, score, occurrences = _evaluate(profile, req)
    return status, score, occurrences


def assess_skill(profile: ResumeProfile, req: Requirement) -> Assessment:
    """Best evidence for a skill or keyword requirement (taxonomy neighbours come with `req.related`)."""
    best, status, score, occurrences = _evaluate(profile, req)
    length = doc_length(profile)
    if best is None:
        rid, _ = closest(req.related, profile.mentions_by_id)
        related = profile.mentions_by_id[rid][0].name if rid is not None else None
        result = RequirementResult(
            requirement=req.label, kind=req.kind, importance=req.importance, status="missing", score=0.0
        )
        return Assessment(req, result, occurrences=occurrences, doc_length=length, related_skill=related)
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
    )
    related = best.name if best.how in {"child", "parent", "related"} else None
    return Assessment(req, result, occurrences=occurrences, doc_length=length, related_skill=related)
