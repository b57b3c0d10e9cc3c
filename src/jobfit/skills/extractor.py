"""Find taxonomy skills in free text: `extract_skills` (one `SkillMention` per occurrence) and helpers.

How a line is scanned: tokens (see `tokens.py`) are looked up greedily, longest n-gram first, in the
compiled index (exact-case forms, then folded forms), never across hard punctuation. Rules on top:

- forms of <= 3 characters glued to a word by a hyphen never match ("C-level", "Go-getter"), nor any form after
  a short lower-case prefix and a hyphen ("rx-java" is RxJava, not Java);
- forms marked `needs_context` ("Go", "R", "C", "Spark", "Chef"...) are kept only in a skills section,
  on a "Skills:"-style line, or next to another skill on the same line (a tech skill for tech forms),
  and never before a function word ("Go to ...");
- unmatched single tokens of >= 8 letters get one fuzzy chance (one edit, OSA distance) against long
  single-word tech names only ("Kubernets" -> Kubernetes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import OSA

from jobfit.skills.index import FUZZY_MIN_LENGTH, SkillIndex
from jobfit.skills.loader import load_taxonomy
from jobfit.skills.models import SkillMention, SkillSpan
from jobfit.skills.taxonomy import Taxonomy
from jobfit.skills.tokens import after_tag_prefix, hyphen_glued, tokenize

SKILLS_SECTIONS = frozenset({"skills"})
_SKILLS_LINE = re.compile(
    r"^\W*(?:[\w/&+ ]{0,30}\b)?(?:skills?|languages?|technolog(?:y|ies)|tools?|stack|frameworks?|"
    r"platforms?|proficienc(?:y|ies)|competenc(?:y|ies)|expertise|software|environment)\s*[:\-–|]",
    re.IGNORECASE,
)
_NOT_AFTER_CONTEXT_FORM = frozenset(
    [
        "to",
        "for",
        "ahead",
        "back",
        "beyond",
        "above",
        "through",
        "with",
        "on",
        "out",
        "up",
        "the",
        "a",
        "an",
        "live",
        "over",
        "into",
        "get",
    ]
)


def _context_ok(
    line: str, section: str | None, span: SkillSpan, spans: list[SkillSpan], taxonomy: Taxonomy
) -> bool:
    if section in SKILLS_SECTIONS or _SKILLS_LINE.match(line):
        return True
    entry = taxonomy.get(span.skill_id)
    need_tech = entry is not None and entry.is_tech
    for other in spans:
        if other is span or other.skill_id == span.skill_id:
            continue
        other_entry = taxonomy.get(other.skill_id)
        if other_entry is not None and (other_entry.is_tech or not need_tech):
            return True
    return False


def _fuzzy(index: SkillIndex, word: str) -> str | None:
    if len(word) < FUZZY_MIN_LENGTH or word in index.folded_first or not word.isalpha():
        return None
    for length in (len(word) - 1, len(word), len(word) + 1):
        for candidate, skill_id in index.fuzzy_buckets.get((word[0], length), ()):
            if OSA.distance(word, candidate, score_cutoff=1) <= 1:
                return skill_id
    return None


def scan_line(
    line: str, line_no: int, taxonomy: Taxonomy, *, section: str | None = None, fuzzy: bool = True,
    tags: bool = False,
) -> list[SkillSpan]:
    """All skill spans in one line (character offsets within the line). `tags`: the line is a job board's bare
    list of lower-case tags ("spring java cloud"), where a name written with capitals elsewhere ("Java") is read
    in any case and needs no other context."""
    toks = tokenize(line)
    raws, keys, starts, ends, blocks = toks.raws, toks.keys, toks.starts, toks.ends, toks.blocks
    n = len(raws)
    if not n:
        return []
    index = taxonomy.index
    exact, folded = index.exact, index.folded
    exact_first, folded_first = index.exact_first, index.folded_first
    if tags:
        exact, exact_first, raws = index.exact_folded, index.exact_folded_first, keys
    spans: list[SkillSpan] = []
    context_spans: list[SkillSpan] = []
    i = 0
    while i < n:
        longest = max(exact_first.get(raws[i], 0), folded_first.get(keys[i], 0))
        matched = 0
        if longest:
            block = blocks[i]
            for length in range(min(longest, n - i), 0, -1):
                last = i + length - 1
                if blocks[last] != block:
                    continue
                hit = exact.get(tuple(raws[i : last + 1])) or folded.get(tuple(keys[i : last + 1]))
                if hit is None:
                    continue
                start, end = starts[i], ends[last]
                if (end - start <= 3 and hyphen_glued(line, start, end)) or after_tag_prefix(line, start):
                    continue
                if hit.needs_context and last + 1 < n and keys[last + 1] in _NOT_AFTER_CONTEXT_FORM:
                    continue
                span = SkillSpan(hit.skill_id, line[start:end], line_no, start, end)
                spans.append(span)
                if hit.needs_context:
                    context_spans.append(span)
                matched = length
                break
        elif fuzzy and len(keys[i]) >= FUZZY_MIN_LENGTH:
            skill_id = _fuzzy(index, keys[i])
            if skill_id is not None:
                spans.append(SkillSpan(skill_id, raws[i], line_no, starts[i], ends[i], fuzzy=True))
        i += matched or 1
    if context_spans and not tags:
        solid = [s for s in spans if s not in context_spans]
        keep = {id(s) for s in context_spans if _context_ok(line, section, s, solid, taxonomy)}
        spans = [s for s in spans if s not in context_spans or id(s) in keep]
    return spans


# Lines already scanned, per (line, section, fuzzy), for one taxonomy: a resume is scanned again for every
# suggestion whose impact is measured (`suggestions/impact.py`), and all its lines but the edited one repeat.
_SCANNED: dict[tuple[str, str | None, bool], tuple[SkillSpan, ...]] = {}
_SCANNED_TAXONOMY: list[Taxonomy] = []
_SCANNED_MAX = 50_000


def _scan_once(line: str, tax: Taxonomy, section: str | None, fuzzy: bool) -> tuple[SkillSpan, ...]:
    if not _SCANNED_TAXONOMY or _SCANNED_TAXONOMY[0] is not tax:
        _SCANNED.clear()
        _SCANNED_TAXONOMY[:] = [tax]
    key = (line, section, fuzzy)
    found = _SCANNED.get(key)
    if found is None:
        if len(_SCANNED) >= _SCANNED_MAX:
            _SCANNED.clear()
        found = _SCANNED[key] = tuple(scan_line(line, 0, tax, section=section, fuzzy=fuzzy))
    return found


def find_skill_spans(
    text: str, *, section: str | None = None, taxonomy: Taxonomy | None = None, fuzzy: bool = True
) -> list[SkillSpan]:
    """Every skill span in `text`, in reading order; `line` is 1-based into text.split("\\n")."""
    tax = taxonomy if taxonomy is not None else load_taxonomy()
    spans: list[SkillSpan] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        for s in _scan_once(line, tax, section, fuzzy):
            spans.append(SkillSpan(s.skill_id, s.surface, line_no, s.start, s.end, s.fuzzy))
    return spans


def extract_skills(
    text: str, *, section: str | None = None, taxonomy: Taxonomy | None = None
) -> list[SkillMention]:
    """Every occurrence of a taxonomy skill in `text` as a `SkillMention` (surface as written)."""
    tax = taxonomy if taxonomy is not None else load_taxonomy()
    return _mentions(find_skill_spans(text, section=section, taxonomy=tax), tax, section)


def _mentions(spans: Iterable[SkillSpan], tax: Taxonomy, section: str | None) -> list[SkillMention]:
    mentions: list[SkillMention] = []
    for span in spans:
        entry = tax.get(span.skill_id)
        if entry is not None:
            mentions.append(SkillMention(skill_id=entry.id, name=entry.name, category=entry.category,
                                         surface=span.surface, line=span.line, section=section))
    return mentions


def extract_tag_line(line: str, *, taxonomy: Taxonomy | None = None) -> list[SkillMention]:
    """The skills of one line of a job board's technology tags ("cloud java web-services"), `line` 1."""
    tax = taxonomy if taxonomy is not None else load_taxonomy()
    return _mentions(scan_line(line, 1, tax, fuzzy=False, tags=True), tax, None)


def unique_skills(mentions: Iterable[SkillMention]) -> list[SkillMention]:
    """The first mention of each skill id, in order."""
    seen: set[str] = set()
    unique: list[SkillMention] = []
    for mention in mentions:
        if mention.skill_id not in seen:
            seen.add(mention.skill_id)
            unique.append(mention)
    return unique
