"""Education entries: degree level from the many ways degrees are written ("B.S.", "BSc", "Bachelor of",
"MBA", "M.Sc", "Ph.D.", "Associate of", "High School Diploma"), field of study, institution and year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobfit.documents.data import load_json
from jobfit.documents.dates import date_ranges
from jobfit.documents.models import DEGREE_RANK, EducationEntry
from jobfit.documents.normalize import BULLET

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


_DEGREES = load_json("degrees.json")
_DISCIPLINES = "(?:" + "|".join(_DEGREES["disciplines"]) + ")"
_NOT_BEFORE = "|".join(_DEGREES["abbreviation_not_before"])


def _phrases(words: list[str]) -> re.Pattern[str] | None:
    return re.compile(r"\b(?:" + "|".join(w.replace("{disciplines}", _DISCIPLINES) for w in words) + r")(?![a-z])",
                      re.I) if words else None


def _abbreviations(words: list[str]) -> re.Pattern[str] | None:
    """Abbreviations as written ("BS", "MSc"), followed by a field, a comma, a colon ("MS : Economics", as
    livecareer resumes write their degrees), a bracket, "or higher" or the line end. Those that are also US state
    codes ("MA", "MD", "ME", "MS") count after a comma only with "in"/"of" ("Boston, MA")."""
    if not words:
        return None
    from jobfit.documents.contact import US_STATES

    states = [w for w in words if w in US_STATES]
    others = [w for w in words if w not in US_STATES]
    alternatives = [f"(?<!, )(?:{'|'.join(states)})", rf"(?<=, )(?:{'|'.join(states)})(?=\.?\s+(?i:in|of)\s)"] \
        if states else []
    alternatives += [f"(?:{'|'.join(others)})"] if others else []
    return re.compile(
        rf"(?<![A-Za-z,])\s?(?!(?:{'|'.join(words)})\s+(?:{_NOT_BEFORE})\b)(?:{'|'.join(alternatives)})\b"
        r"(?=\.?\s*(?:(?i:in|of|or (?:higher|above|better|equivalent))\b|,|\(|-|–|$|/|\s[A-Z]|"
        rf":(?!\s*(?:{_NOT_BEFORE})\b)))"
    )


# Order matters for job ads (job_degree.py): the first pattern that matches a span wins it.
DEGREE_PATTERNS: tuple[DegreePattern, ...] = tuple(
    DegreePattern(level, regex)
    for level, written in _DEGREES["levels"].items()
    for regex in (_phrases(written["phrases"]), _abbreviations(written["abbreviations"]))
    if regex is not None
)
_BARE_WORDS = frozenset(_DEGREES["bare_words"])
# A doctorate however written ("Ph.D", "PhD students", "DPhil"): never a word of anything but a degree.
DOCTORATE = _phrases(_DEGREES["levels"]["doctorate"]["phrases"])
_QUALIFIER = re.compile(_DEGREES["qualifier"])
_STRONG_QUALIFIER = re.compile(_DEGREES["strong_qualifier"])
_COMPOUND_PREFIXES = frozenset(_DEGREES["compound_prefixes"])
_SCHOOL_YEAR = re.compile(r"(?i)\b(?:" + "|".join(_DEGREES["school_year_context"]) + r")\b|\(\s*1[02]th\s*\)")
_PROSE_IGNORED = frozenset(_DEGREES["prose_words_ignored"])
_LINE_START = re.compile(r"^[\W\d]*$")  # only bullets, numbers, years or punctuation before a mention


def _is_degree(line: str, match: re.Match[str], *, education_section: bool, entry: bool) -> bool:
    """A pattern's match that really names a degree: a bare "Master"/"Bachelor" needs a qualifier after it or
    the start of a line in an education section; "10th"/"12th" needs a school word ("10th standard"). With
    `entry`, the line must read as an education entry, not as a sentence about something else."""
    written = re.sub(r"\s+", " ", match.group(0).strip().lower())
    before = line[: match.start()]
    at_start = _LINE_START.match(before) is not None
    if written in _BARE_WORDS:
        after = line[match.end() :]
        if not _QUALIFIER.match(after) and not (education_section and at_start):
            return False
        named = re.search(r"\b([A-Z][\w-]*)\s+$", before)  # "Scrum Master (CSM)", "Customer Master, Vendor ..."
        if named and named.group(1).lower() not in _COMPOUND_PREFIXES and not _STRONG_QUALIFIER.match(after):
            return False
    if written in {"10th", "12th"} and not (_SCHOOL_YEAR.search(line) or (education_section and at_start)):
        return False
    if at_start or not entry:
        return True
    # "... teaching undergraduate and postgraduate courses": a sentence about something else
    rest = line[: match.start()] + " " + line[match.end() :]
    prose = [w for w in re.findall(r"\b[a-z]{4,}\b", rest) if w not in _PROSE_IGNORED]
    return len(prose) < 3 or len(line.split()) <= 8


def degree_level_of(text: str, *, education_section: bool = False, entry: bool = False) -> tuple[str, str] | None:
    """Highest degree named in a line: (level, degree as written). `education_section`: the line is under an
    education heading, where a bare "Master" at the start of a line is a degree. `entry`: count only a line that
    reads as an education entry ("MBA, Wharton, 2015"), not a sentence that mentions a degree ("taught MBA
    courses to ...")."""
    best: tuple[str, str] | None = None
    for pattern in DEGREE_PATTERNS:
        for match in pattern.regex.finditer(text):
            if not _is_degree(text, match, education_section=education_section, entry=entry):
                continue
            if best is None or DEGREE_RANK[pattern.level] > DEGREE_RANK[best[0]]:
                best = (pattern.level, match.group(0).strip())
            break
    return best


_INSTITUTION = re.compile(
    r"([A-Z][\w.&'’\-]*(?:\s+(?:of|and|for|de|the|&|[A-Z][\w.&'’\-]*))*\s+"
    r"(?:University|College|Institute|School|Academy|Polytechnic|Conservatory|Seminary)"
    r"(?:\s+(?:of|for|at)\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*)?"
    r"|(?:University|Universidad|Université|Universität|Universidade|Università|College|Institute|Academy|"
    r"School|Politecnico|Polytechnic)\s+(?:of|de|di|do|for|at)\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*"
    r"|\b(?:IIT|NIT|IIIT|MIT|UCLA|NYU|ETH|EPFL|KTH|BITS|IISc|USC|CMU)\b[A-Za-z \-]*)"
)
_UPPER_INSTITUTION = re.compile(r"\b(UNIVERSITY|COLLEGE|INSTITUTE|SCHOOL|ACADEMY)\b")
_YEAR = re.compile(r"(?<!\d)((?:19[5-9]|20[0-4])\d)(?!\d)")


def _field_after(line: str, degree: str) -> str | None:
    position = line.find(degree)
    if position < 0:
        return None
    tail = line[position + len(degree) :]
    bracketed = re.match(r"\s*\(([A-Za-z][A-Za-z&/'.\- ]{2,60})\)", tail)  # "Bachelor of Technology (Computer Science)"
    if bracketed and not re.fullmatch(r"(?i)hons?|honou?rs|[a-z]{1,3}", bracketed.group(1).strip()):
        return bracketed.group(1).strip()
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


_PART_SEPARATOR = re.compile(r"\s*(?:[,;|•·]|\s[-–—]\s)\s*")
# a part written as a school's short form: one token with two capitals or more ('CalTech', 'UCLA', 'VJTI', 'UofT')
_SHORT_FORM = re.compile(r"[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*")
# the words a school's name may hold in lower case; 'Specialization in AI' or 'Minor in Economics' is not a school
_NAME_PART = re.compile(r"[A-Z][\w.&'’\-]*(?:\s+(?:of|and|for|de|at|the|&|[A-Z][\w.&'’\-]*))*")


def _institution_part(line: str) -> str | None:
    """The school in a line written as parts ('PhD in Computer Science, CalTech, Pasadena, USA'): a part that is not
    the degree, a date or a place, and that is followed by its place ('City, Country': a bare 'India' after 'Pune' makes
Pune the place) or written as a short form. A part that neither
    a place follows nor has a short form's shape ('First Class', 'Distinction') is not taken for a school."""
    from jobfit.documents.contact import is_place

    for match, _span in date_ranges(line):
        line = line.replace(match.group(0), ",")
    parts = [p for p in _PART_SEPARATOR.split(line) if p.strip()]
    for index, part in enumerate(parts):
        part = part.strip(" .()")
        if (not _NAME_PART.fullmatch(part) or len(part.split()) > 6 or re.search(r"\d", part)
                or degree_level_of(part) is not None or is_place(part)):
            continue
        rest = [p.strip() for p in parts[index + 1 :]]
        if (len(rest) > 1 and is_place(", ".join(rest))) or _SHORT_FORM.fullmatch(part):
            return part
    return None


def _institution(lines: list[str]) -> str | None:
    for line in lines:
        for match in _INSTITUTION.finditer(line):
            name = match.group(1).strip(" ,-–|")
            found = degree_level_of(name)
            if found and name.startswith(found[1]):
                name = name[len(found[1]) :].strip(" ,-–|")
            if name and not _NOT_INSTITUTION.match(name) and len(name.split()) > 1:
                return name
        if part := _institution_part(line):
            return part
        if _UPPER_INSTITUTION.search(line) and len(line.split()) <= 8:
            return re.split(r"\s*[|,–—]\s*", line.strip())[0].strip().title()
    return None


def _field_after_institution(line: str) -> str | None:
    """'PhD Princeton University, Computer Science' -> 'Computer Science' (and '..., PhD in Computer Science')."""
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
    repeated = degree_level_of(candidate)
    if repeated is not None and candidate.startswith(repeated[1]):
        return _field_after(candidate, repeated[1])
    return candidate


def _entry_year(degree_line: str, below: list[str], above: list[str]) -> int | None:
    """The year of an entry: the end of a date range on its degree line or the lines below it (its own block),
    else the latest year there, else the latest year in the header lines above it."""
    for group in ([degree_line], below):
        for line in group:
            ends = [span.end or span.start for _match, span in date_ranges(line)]
            if ends:
                return max(ends)[0]
        years = [int(y) for line in group for y in _YEAR.findall(line)]
        if years:
            return max(years)
    years = [int(y) for line in above for y in _YEAR.findall(line)]
    return max(years) if years else None


def _header_above(lines: list[str], index: int, previous: int) -> list[str]:
    """Up to two lines just above a degree line that head its entry (an institution, dates): not the bullets of
    the entry before it."""
    above: list[str] = []
    for line in reversed(lines[max(previous, index - 2) : index]):
        if line.strip().startswith(BULLET):
            break
        if line.strip():
            above.insert(0, line)
    return above


def extract_education(text: str, *, first_line: int = 1, education_section: bool = True) -> list[EducationEntry]:
    """One entry per line that names a degree; institution and year from the lines around it. `text` is an
    education section unless `education_section` is False (degrees looked for anywhere else)."""
    lines = text.split("\n")
    entries: list[EducationEntry] = []
    degree_lines = [(i, found) for i, line in enumerate(lines)
                    if (found := degree_level_of(line, education_section=education_section, entry=True))]
    for position, (index, (level, degree)) in enumerate(degree_lines):
        previous = degree_lines[position - 1][0] + 1 if position else 0
        following = degree_lines[position + 1][0] if position + 1 < len(degree_lines) else len(lines)
        window_above = _header_above(lines, index, previous)
        window_below = [ln for ln in lines[index + 1 : min(following, index + 3)] if ln.strip()]
        institution = _institution([lines[index], *reversed(window_above), *window_below])
        line = lines[index]
        field = None if level == "none" else _field_after(line, degree) or _field_after_institution(line)
        entries.append(
            EducationEntry(
                degree_level=level,  # type: ignore[arg-type]
                degree=degree,
                field=None if field == institution else field,  # 'B.Tech, IIT Bombay': the school, not the field
                institution=institution,
                year=_entry_year(lines[index], window_below, window_above),
                line=first_line + index,
            )
        )
    return entries
