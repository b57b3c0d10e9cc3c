"""Education entries: degree level from the many ways degrees are written ("B.S.", "BSc", "Bachelor of",
"MBA", "M.Sc", "Ph.D.", "Associate of", "High School Diploma"), field of study, institution and year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobfit.documents.models import DEGREE_RANK, EducationEntry

_FIELD_STOP = (
    r"(?=\s*(?:,|;|\||\(|–|—|\s-\s|\bfrom\b|\bat\b|\bwith\b|\buniversity\b|\bcollege\b|\binstitute\b|"
    r"\bschool\b|\bgpa\b|\bcgpa\b|\bminor\b|\bconcentration\b|\bspecializ|\bexpected\b|(?:19|20)\d\d|\d|$|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d))"
)
_FIELD = rf"(?P<field>[A-Za-z][A-Za-z&/'.\- ]{{1,60}}?){_FIELD_STOP}"


@dataclass(frozen=True)
class DegreePattern:
    level: str
    regex: re.Pattern[str]


def _p(level: str, pattern: str, flags: int = re.I) -> DegreePattern:
    return DegreePattern(level, re.compile(pattern, flags))


_DISCIPLINES = (
    r"(?:science|arts|engineering|technology|business administration|commerce|fine arts|laws?|education|"
    r"applied science|computer applications|philosophy|nursing|architecture|music|pharmacy|public health|"
    r"social work|public administration|medicine|surgery|dental surgery|design)"
)
# Order matters: the first pattern that matches a line wins for that span.
DEGREE_PATTERNS: tuple[DegreePattern, ...] = (
    _p(
        "doctorate",
        r"\b(?:ph\.?\s?d\.?|d\.?\s?phil\.?|doctor(?:ate)?(?:\s+of\s+" + _DISCIPLINES + r")?|"
        r"ed\.d\.?|d\.b\.a\.?|psy\.d\.?|m\.d\.|j\.d\.|dds|dmd|pharm\.?\s?d)(?![a-z])",
    ),
    _p("doctorate", r"\b(?:PhD|MD|JD|DPhil)\b", 0),
    _p(
        "master",
        r"\b(?:master'?s?(?:\s+degree)?(?:\s+(?:of|in)\s+" + _DISCIPLINES + r")?|mba|m\.b\.a\.?|"
        r"m\.?\s?sc\.?|m\.?\s?eng\.?|m\.?\s?tech\.?|m\.s\.|m\.a\.|m\.ed\.?|m\.?\s?phil\.?|mca|m\.?\s?com\.?|"
        r"ll\.?m\.?|mph|mfa|m\.\s?arch\.?|m\s+arch\.?|pgdm|post\s*-?\s*graduate(?:\s+degree)?|postgraduate)(?![a-z])",
    ),
    _p(
        "master",
        r"(?<![A-Za-z,])\s?(?!MS\s+(?:Office|Excel|Word|Access|SQL|Project|Teams|Outlook|Dynamics|Visio|PowerPoint|Windows|Paint))"
        r"(?:(?<!, )(?:MS|MA|ME)|(?<=, )(?:MS|MA|ME)(?=\.?\s+(?i:in|of)\s)|"
        r"MEng|MSc|MTech|MSE|MIS|MEd|MPA|MSW|MArch)\b(?=\.?\s*(?:(?i:in|of)\b|,|\(|-|–|$|/|\s[A-Z]))",
        0,
    ),
    _p(
        "bachelor",
        r"\b(?:bachelor'?s?(?:\s+degree)?(?:\s+(?:of|in)\s+" + _DISCIPLINES + r")?|baccalaureate|"
        r"b\.?\s?sc\.?|b\.?\s?tech\.?|b\.?\s?eng\.?|b\.s\.|b\.a\.|b\.e\.|bba|b\.b\.a\.?|bca|b\.?\s?com\.?|"
        r"ll\.?b\.?|bfa|b\.?\s?arch\.?|b\.ed\.?|undergraduate degree)(?![a-z])",
    ),
    _p(
        "bachelor",
        r"(?<![A-Za-z,])\s?(?:BS|BA|BE|BEng|BSc|BTech|BSE|BBA|BCom|BCS|BFA|AB)\b(?=\.?\s*(?:(?i:in|of)\b|,|\(|-|–|$|/|\s[A-Z]))",
        0,
    ),
    _p("associate", r"\b(?:associate'?s?\s+(?:degree|of\s+" + _DISCIPLINES + r"|in\b)|a\.a\.s?\.|a\.s\.|aas)(?![a-z])"),
    _p("associate", r"(?<![A-Za-z,])\s?(?:AA|AS|AAS)\b(?=\.?\s*(?:(?i:in|of)\b|,|\(|-|–|$))", 0),
    _p(
        "none",
        r"\b(?:high[\s-]?school(?:\s+diploma)?|secondary\s+school|ged|hsc|ssc|matriculation|"
        r"higher\s+secondary|a[\s-]levels?|gcse|10th|12th|diploma)(?![a-z])",
    ),
)

_INSTITUTION = re.compile(
    r"([A-Z][\w.&'’\-]*(?:\s+(?:of|and|for|de|the|&|[A-Z][\w.&'’\-]*))*\s+"
    r"(?:University|College|Institute|School|Academy|Polytechnic|Conservatory|Seminary)"
    r"(?:\s+(?:of|for|at)\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*)?"
    r"|(?:University|Universidad|Université|Universität|Universidade|Università|College|Institute|Academy|"
    r"School|Politecnico|Polytechnic)\s+(?:of|de|di|do|for|at)\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*"
    r"|\b(?:IIT|NIT|IIIT|MIT|UCLA|NYU|ETH|EPFL|KTH|BITS|IISc|USC|CMU)\b[A-Za-z ,\-]*)"
)
_UPPER_INSTITUTION = re.compile(r"\b(UNIVERSITY|COLLEGE|INSTITUTE|SCHOOL|ACADEMY)\b")
_YEAR = re.compile(r"(?<!\d)((?:19[5-9]|20[0-4])\d)(?!\d)")


def degree_level_of(text: str) -> tuple[str, str] | None:
    """Highest degree named in a line: (level, degree as written)."""
    best: tuple[str, str] | None = None
    for pattern in DEGREE_PATTERNS:
        match = pattern.regex.search(text)
        if match and (best is None or DEGREE_RANK[pattern.level] > DEGREE_RANK[best[0]]):
            best = (pattern.level, match.group(0).strip())
    return best


def _field_after(line: str, degree: str) -> str | None:
    position = line.find(degree)
    if position < 0:
        return None
    tail = line[position + len(degree) :]
    match = re.match(r"\s*(?:\.|degree)?\s*(?:in|of|,|:|-|–)?\s+" + _FIELD, tail, re.I)
    if not match:
        return None
    if re.match(r"\s*(?:university|college|institute|school|academy)\b", tail[match.end() :], re.I):
        return None  # "MBA, Wharton School": the words name the school, not the field
    field = match.group("field").strip(" .-")
    if not field or re.fullmatch(r"(?i)(science|arts|the|a|an)", field) or len(field) < 3:
        return None
    if _UPPER_INSTITUTION.search(field.upper()) and re.search(r"(?i)university|college|institute", field):
        return None
    return field.title() if field.isupper() else field


_NOT_INSTITUTION = re.compile(r"(?i)^(?:high|secondary|graduate|undergraduate|law|business|medical)\s+school$")


def _institution(lines: list[str]) -> str | None:
    for line in lines:
        for match in _INSTITUTION.finditer(line):
            name = match.group(1).strip(" ,-–|")
            found = degree_level_of(name)
            if found and name.startswith(found[1]):
                name = name[len(found[1]) :].strip(" ,-–|")
            if name and not _NOT_INSTITUTION.match(name) and len(name.split()) > 1:
                return name
        if _UPPER_INSTITUTION.search(line) and len(line.split()) <= 8:
            return re.split(r"\s*[|,–—]\s*", line.strip())[0].strip().title()
    return None


def _field_after_institution(line: str) -> str | None:
    """'PhD Princeton University, Computer Science' -> 'Computer Science'."""
    match = _INSTITUTION.search(line)
    if not match:
        return None
    tail = re.match(r"\s*,\s*([A-Z][A-Za-z&' ]{2,50}?)\s*(?:$|[–—|(]|\s-\s)", line[match.end() :])
    if not tail:
        return None
    candidate = tail.group(1).strip()
    from jobfit.documents.contact import US_STATES

    if candidate.split()[-1] in US_STATES or len(candidate.split()) > 5:
        return None
    return candidate


def extract_education(text: str, *, first_line: int = 1) -> list[EducationEntry]:
    """One entry per line that names a degree; institution and year from the lines around it."""
    lines = text.split("\n")
    entries: list[EducationEntry] = []
    degree_lines = [(i, found) for i, line in enumerate(lines) if (found := degree_level_of(line))]
    for position, (index, (level, degree)) in enumerate(degree_lines):
        previous = degree_lines[position - 1][0] + 1 if position else 0
        following = degree_lines[position + 1][0] if position + 1 < len(degree_lines) else len(lines)
        window_above = [ln for ln in lines[max(previous, index - 2) : index] if ln.strip()]
        window_below = [ln for ln in lines[index + 1 : min(following, index + 3)] if ln.strip()]
        years = [int(y) for ln in [*window_above, lines[index], *window_below] for y in _YEAR.findall(ln)]
        entries.append(
            EducationEntry(
                degree_level=level,  # type: ignore[arg-type]
                degree=degree,
                field=None
                if level == "none"
                else _field_after(lines[index], degree) or _field_after_institution(lines[index]),
                institution=_institution([lines[index], *reversed(window_above), *window_below]),
                year=max(years) if years else None,
                line=first_line + index,
            )
        )
    return entries
