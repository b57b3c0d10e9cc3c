"""Turn a ParsedJob into the list of requirements a resume is checked against.

A requirement is one thing the job asks for: a skill (required or preferred), a minimum number of
years, a degree level and field, the role itself (title/seniority), or a salient keyword of the ad.
Each carries a weight used inside its sub-score; the sub-score weights live in `scores.py`.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel

from jobfit.documents.models import ParsedJob
from jobfit.matching.keywords import salient_keywords
from jobfit.matching.models import Importance
from jobfit.matching.specificity import phrase_specificity
from jobfit.matching.text import LineIndex, clean_title, phrase_terms
from jobfit.skills.models import SkillMention

RequirementKind = Literal["skill", "experience", "education", "title", "keyword"]

# Inside the skills sub-score, a required skill counts this many times a preferred one.
REQUIRED_WEIGHT = 1.0
PREFERRED_WEIGHT = 0.4
# Soft skills ("communication", "teamwork") are asked for almost everywhere and tell candidates apart
# least: they count half inside the skills sub-score.
SOFT_SKILL_FACTOR = 0.5
# A list of alternatives asks for any one of them: "languages such as Python, Ruby or Java", "React, Vue, or
# Angular", "at least one framework (JSF, Spring MVC)". A list is two or more skills written next to each
# other on a line, separated only by commas, slashes or one "and"/"or"; it is a list of alternatives when one
# separator is an "or", or when a lead-in phrase ("such as", "e.g.", "at least one") precedes it in its clause.
_LIST_GAP_RE = re.compile(r"[\s,/]*(?:(?:and/or|or|and)\b[\s,]*)?", re.IGNORECASE)
_OR_GAP_RE = re.compile(r"\bor\b", re.IGNORECASE)
_ALTERNATIVES_LEAD_RE = re.compile(
    r"\b(?:such as|e\.g\.|for example|for instance|like|one of|any of|at least one|one or more)(?:\W|$)",
    re.IGNORECASE,
)
_CLAUSE_END_RE = re.compile(r"[;:]|(?<!\be\.g)(?<!\bi\.e)\.(?:\s|$)")


class Requirement(BaseModel):
    """One thing the job asks for."""

    kind: RequirementKind
    label: str
    importance: Importance = "required"
    weight: float = 1.0
    skill_id: str | None = None
    category: str | None = None
    terms: tuple[str, ...] = ()  # stemmed words of the label, for lexical matching
    aliases: tuple[tuple[str, ...], ...] = ()  # stemmed words of other names the job used
    years: float | None = None
    degree_level: str | None = None
    degree_field: str | None = None
    # Skills in one list of alternatives share a group id: the group counts once, by its best member.
    group: int | None = None
    count_in_job: int = 0  # verbatim occurrences of the label (or its aliases) in the job text
    # Mean background idf of the label's words (`specificity.py`): rare terms weigh more in the skills
    # and keyword sub-scores.
    specificity: float = 1.0
    # Taxonomy neighbours of `skill_id` (id -> (kind, relatedness)), filled by `engine.prepare_job`.
    related: dict[str, tuple[str, float]] = {}


def _bare(term: str) -> str:
    """A term without version digits or a .js suffix, to see that 'css3' and 'vue' name known skills."""
    return re.sub(r"(?:\.?js|[\d.]+)$", "", term) or term


def _alternative_lists(lines: list[str], mentions: list[SkillMention]) -> list[tuple[int, int] | None]:
    """Per mention, (line, position) of the list of alternatives it is written in, or None."""
    tags: list[tuple[int, int] | None] = [None] * len(mentions)
    by_line: dict[int, list[tuple[int, int, int]]] = {}  # line -> (start, end, mention index)
    for i, m in enumerate(mentions):
        if m.line is not None and 1 <= m.line <= len(lines) and m.surface:
            at = lines[m.line - 1].lower().find(m.surface.lower())
            if at >= 0:
                by_line.setdefault(m.line, []).append((at, at + len(m.surface), i))
    for number, spans in by_line.items():
        line = lines[number - 1]
        spans.sort()
        chains: list[list[tuple[int, int, int]]] = [[spans[0]]]
        for span in spans[1:]:
            gap = line[chains[-1][-1][1] : span[0]]
            if span[0] >= chains[-1][-1][1] and _LIST_GAP_RE.fullmatch(gap):
                chains[-1].append(span)
            else:
                chains.append([span])
        for chain in chains:
            if len(chain) < 2:
                continue
            gaps = [line[a[1] : b[0]] for a, b in pairwise(chain)]
            before = _CLAUSE_END_RE.split(line[: chain[0][0]])[-1]
            if any(_OR_GAP_RE.search(g) for g in gaps) or _ALTERNATIVES_LEAD_RE.search(before):
                for _, _, i in chain:
                    tags[i] = (number, chain[0][0])
    return tags


def _group_alternatives(found: dict[str, Requirement], tags: dict[str, set[tuple[int, int] | None]]) -> None:
    """Give the skills of each list of alternatives (two or more, mentioned nowhere else) a shared group id."""
    members: dict[tuple[int, int], list[Requirement]] = {}
    for key, req in found.items():
        seen = tags.get(key, set())
        if len(seen) == 1 and None not in seen:
            members.setdefault(next(iter(seen)), []).append(req)
    for group, (_, reqs) in enumerate(sorted(members.items())):
        if len(reqs) >= 2:
            for req in reqs:
                req.group = group


def skill_requirements(job: ParsedJob) -> list[Requirement]:
    """Required and preferred skills, deduplicated by skill id (required wins); lists of alternatives grouped."""
    found: dict[str, Requirement] = {}
    lines = job.text_content.split("\n")
    everything = [*job.required_skills, *job.preferred_skills]
    tags: dict[str, set[tuple[int, int] | None]] = {}
    for mention, tag in zip(everything, _alternative_lists(lines, everything), strict=True):
        tags.setdefault(mention.skill_id or mention.name.lower(), set()).add(tag)
    for importance, mentions in (("required", job.required_skills), ("preferred", job.preferred_skills)):
        for mention in mentions:
            key = mention.skill_id or mention.name.lower()
            alias_terms = phrase_terms(mention.surface) if mention.surface else ()
            existing = found.get(key)
            if existing is not None:
                if alias_terms and alias_terms not in existing.aliases and alias_terms != existing.terms:
                    existing.aliases = (*existing.aliases, alias_terms)
                continue
            terms = phrase_terms(mention.name)
            aliases = (alias_terms,) if alias_terms and alias_terms != terms else ()
            found[key] = Requirement(
                kind="skill",
                label=mention.name,
                importance=importance,  # type: ignore[arg-type]
                weight=(REQUIRED_WEIGHT if importance == "required" else PREFERRED_WEIGHT)
                * (SOFT_SKILL_FACTOR if mention.category == "soft_skill" else 1.0),
                skill_id=mention.skill_id,
                category=mention.category,
                terms=terms,
                aliases=aliases,
            )
    _group_alternatives(found, tags)
    return list(found.values())


def extract_requirements(job: ParsedJob, *, max_keywords: int = 15) -> list[Requirement]:
    """All requirements of a job, in a stable order: skills, experience, education, title, keywords."""
    reqs = skill_requirements(job)
    if job.min_years is not None:
        label = f"{job.min_years:g}+ years of experience" if job.min_years > 0 else "no minimum experience"
        reqs.append(Requirement(kind="experience", label=label, years=job.min_years))
    if (job.degree_level and job.degree_level != "none") or job.degree_field:
        level = job.degree_level if job.degree_level and job.degree_level != "none" else None
        label = " in ".join(x for x in ((level or "degree").capitalize(), job.degree_field) if x)
        reqs.append(
            Requirement(kind="education", label=label, degree_level=level, degree_field=job.degree_field)
        )
    if job.title.strip():
        reqs.append(
            Requirement(
                kind="title",
                label=clean_title(job.title),
                importance="preferred",
                terms=phrase_terms(clean_title(job.title)),
            )
        )
    covered = {r.terms for r in reqs} | {a for r in reqs for a in r.aliases}
    covered_words = {_bare(t) for r in reqs if r.kind == "skill" for a in (r.terms, *r.aliases) for t in a}
    for term, count in salient_keywords(job, limit=max_keywords + len(covered)):
        terms = phrase_terms(term)
        if not terms or terms in covered or all(_bare(t) in covered_words for t in terms):
            continue  # already a skill requirement (also "vue" for Vue.js, "css3" for CSS)
        reqs.append(
            Requirement(
                kind="keyword",
                label=term,
                importance="preferred",
                weight=float(min(count, 3)),
                terms=terms,
            )
        )
        if sum(r.kind == "keyword" for r in reqs) >= max_keywords:
            break
    index = LineIndex(job.text_content)
    for req in reqs:
        if req.kind in ("skill", "keyword") and req.terms:
            req.count_in_job = sum(index.phrase_count(t) for t in (req.terms, *req.aliases) if t)
            req.specificity = round(phrase_specificity(req.terms), 4)
    return reqs
