"""The degree a job asks for, and whether it is required or preferred, read from its requirement sentences."""

from __future__ import annotations

import re

from jobfit.documents.data import load_json
from jobfit.documents.education import DEGREE_PATTERNS
from jobfit.documents.job_cues import PREFERRED_AFTER, PREFERRED_BEFORE, REQUIRED
from jobfit.documents.models import DEGREE_RANK

# Words around a degree mention that make it not a degree, not a requirement, preferred or required
# (data/degree_cues.json: a frame and its alternatives each).
_CUES = {name: re.compile(cue["frame"].replace("{words}", "|".join(cue["words"])), re.I)
         for name, cue in load_json("degree_cues.json")["cues"].items()}

_DEGREE_FIELD = re.compile(
    r"\b(?:degree|bachelor['’]?s?|master['’]?s?|ph\.?d\.?|b\.?s\.?|m\.?s\.?|bsc|msc)\s*(?:degree\s*)?"
    r"(?:\([^)]*\)\s*)?(?:in|of|within)\s+(?:a\s+)?(?P<field>[A-Z][\w&/ ,\-]*?|[a-z][\w&/ ,\-]*?)"
    r"(?=\s*(?:,?\s*or\s+(?:a\s+)?(?:related|equivalent|similar)|\.|;|\(|$|\n|,\s*(?:with|and)\b|\s+from\b|"
    r"\s+(?:required|preferred|is|are|would|will|plus|with|similar|related|and\s+\d)\b|,\s*(?:master|ph\.?d|mba|bachelor)))",
    re.I,
)

# Degree wording in postings. A bare "degree" ("Degree in Accounting", "a university degree") means a
# bachelor's; "advanced/graduate degree" a master's.
_GENERIC_DEGREE = re.compile(
    r"\b(?P<kind>advanced|graduate|post[- ]?graduate|college|university|academic|undergraduate|4[- ]year|four[- ]year)?"
    r"\s*degree\b",
    re.I,
)

_GENERIC_DEGREE_CUE = re.compile(
    r"^\s*(?:in|within|level|or\s+(?:equivalent|similar|higher)|required|preferred)\b|^\s+[A-Z]"
)

_DEGREE_CONNECTOR = re.compile(r"^(?:\s|/|,|\bor\b|\band\b|\bdegree\b|['’]s|\.)*$", re.I)

_SENTENCE_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z•*\-])|;\s+|\s+[•*]\s+")

_MASTER_LIKE = {"advanced", "graduate", "post-graduate", "postgraduate", "post graduate"}

def _keep_mention(sentence: str, start: int, end: int) -> bool:
    """False for look-alikes: "you master English", "the PhD Student", "Baltimore, MD", "attach your diploma"."""
    written = sentence[start:end].lower()
    after, before = sentence[end:], sentence[:start]
    if written == "master" and not (re.search(r"(?i)\bdegree\b", sentence) or re.match(r"\s+(?:of|in)\s", after)):
        return False
    if written == "doctor" and not re.match(r"(?i)(?:al|['’]s|\s+of)\b", after):
        return False
    if written in {"md", "jd"} and not re.search(r"(?i)\bdegree|medical|law\b|juris", sentence):
        return False
    if written in {"10th", "12th"} or (written == "diploma" and not re.search(r"(?i)school|ged|equivalent", sentence)):
        return False
    return not (_CUES["not_a_requirement_after"].match(after) or _CUES["not_a_requirement_before"].search(before))

def _degree_mentions(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, level) for each degree named as a qualification in one sentence, in order."""
    if _CUES["document_clause"].search(sentence):
        return []
    found: list[tuple[int, int, str]] = []
    for pattern in DEGREE_PATTERNS:
        for match in pattern.regex.finditer(sentence):
            start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
            end = match.end()
            if any(start < hi and end > lo for lo, hi, _ in found) or not _keep_mention(sentence, start, end):
                continue
            found.append((start, end, pattern.level))
    if not found:
        for match in _GENERIC_DEGREE.finditer(sentence):
            before, after = sentence[: match.start()], sentence[match.end() :]
            if _CUES["not_a_degree_before"].search(before) or _CUES["not_a_degree_after"].match(after):
                continue
            kind = re.sub(r"\s+", " ", (match.group("kind") or "").lower())
            if not kind and not _GENERIC_DEGREE_CUE.match(after):
                continue
            found.append((match.start(), match.end(), "master" if kind in _MASTER_LIKE else "bachelor"))
    return sorted(found)

def _preferred_flags(sentence: str, mentions: list[tuple[int, int, str]]) -> list[bool]:
    """Whether each mention is only preferred. Alternatives joined by "/", "or", "," share one cue
    ("Master's or PhD preferred"); "Bachelor's degree (MBA preferred)" keeps the bachelor's required."""
    groups: list[list[int]] = []
    for index, (start, _end, _level) in enumerate(mentions):
        if groups and _DEGREE_CONNECTOR.match(sentence[mentions[groups[-1][-1]][1] : start]):
            groups[-1].append(index)
        else:
            groups.append([index])
    flags = [False] * len(mentions)
    for position, group in enumerate(groups):
        first, last = mentions[group[0]][0], mentions[group[-1]][1]
        previous_end = mentions[groups[position - 1][-1]][1] if position else 0
        next_start = mentions[groups[position + 1][0]][0] if position + 1 < len(groups) else len(sentence)
        after = sentence[last:next_start]
        cue = PREFERRED_AFTER.search(after)
        required = REQUIRED.search(after)
        preferred = bool(cue and (required is None or cue.start() < required.start()))
        preferred = preferred or bool(PREFERRED_BEFORE.search(sentence[previous_end:first]))
        for index in group:
            flags[index] = preferred
    return flags

def _degree_field(text: str) -> str | None:
    match = _DEGREE_FIELD.search(text[:200])
    if not match:
        return None
    candidate = match.group("field").strip(" ,")
    if not 2 < len(candidate) < 80 or re.fullmatch(r"(?i)a|an|the|related field|relevant field|similar", candidate):
        return None
    return re.sub(r",?\s*(?:or|and)\s*$", "", candidate)

def degree_field_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each field of study a degree phrase names ("Bachelor's in Computer Science, Engineering or
    related" -> "Computer Science, Engineering"): a field there is the education requirement, not a skill."""
    return [match.span("field") for match in _DEGREE_FIELD.finditer(sentence)]


def find_degree_requirement(text: str, preferred_text: str = "") -> tuple[str | None, str | None, bool]:
    """Degree asked for: (level, field, only_preferred).

    The level is the lowest *required* degree named ("BS/MS in CS" -> bachelor; "Bachelor's degree (MBA
    preferred)" -> bachelor; "High school diploma or GED" -> none; "Degree in Accounting" -> bachelor).
    When every mention is preferred ("Master's preferred", or all under a preferred heading given as
    `preferred_text`), the lowest preferred level is returned with only_preferred=True. A real degree
    outranks "none" among required mentions, since diploma wording is noisy.
    """
    required: list[tuple[str, str | None]] = []
    preferred: list[tuple[str, str | None]] = []
    for chunk, in_preferred_section in ((text, False), (preferred_text, True)):
        for line in chunk.split("\n"):
            for sentence in _SENTENCE_SPLIT.split(line):
                mentions = _degree_mentions(sentence)
                if not mentions:
                    continue
                flags = _preferred_flags(sentence, mentions)
                for (start, _end, level), is_preferred in zip(mentions, flags, strict=True):
                    field = _degree_field(sentence[start:]) if level != "none" else None
                    (preferred if is_preferred or in_preferred_section else required).append((level, field))
    for pool, only_preferred in ((required, False), (preferred, True)):
        if not pool:
            continue
        real = [item for item in pool if item[0] != "none"] or pool
        level = min((item[0] for item in real), key=lambda lv: DEGREE_RANK[lv])
        field = next((f for lv, f in real if lv == level and f), None) or next((f for _, f in real if f), None)
        return level, field, only_preferred
    return None, None, False
