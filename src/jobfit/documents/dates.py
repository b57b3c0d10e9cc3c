"""Dates on a resume: points, ranges, open ranges, and the date the resume itself was written.

Points: "Jan 2019", "January, 2019", "Jan-2019", "Jan'19", "Sept' 2017", "12 March 2019", "March 12, 2019", "Spring
2020", "01/2019", "1.2019", "2019-01", "2019/01", "2019-01-15", "15/01/2019", "01/19" and a bare year. Month names
come in several languages (`data/dates.json`).

Ranges: two points joined by a dash (a fullwidth one too, as read or mis-decoded), "to", "till", "until", "through",
"~", "/" or an arrow ("1982-84" too, when the two digits cannot be a month; "July2013to June2014", glued in
flattened text, too); a point and a word for now ("Present", "Current", "Ongoing", "till date", "to date"); "Feb to
August, 2013" (the start takes the end's year); "Since 2018", "From Jan 2018" with no end, "2018 onwards". When the
dash between two ends was lost (a glyph PDF extraction could not map, a flattened text), two points separated only
by spaces still make a range if the start names its month ("May 2010 Jan 2012"), the end is a word for now ("2007
Present"), or both are years ("2010 2014").

The document's date ("as of"): "Present" counts to the date the resume was written, when the resume shows it.
`document_date` takes, in order, a date the resume states ("Date: 12/03/2021", "Last updated: March 2021"),
then the file's own date (saved or created, from the PDF or DOCX metadata), and uses the first that is not in
the future and not before anything the resume dates (a date older than the resume's own latest date is a
template's or a copy's, not the resume's); else today. The latest date in the text alone is not used: a resume
whose latest date is the start of its current role would count that role as zero months.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from jobfit.documents.data import load_json

_VOCAB = load_json("dates.json")

# month word -> its number (names and abbreviations in every language of the data file)
MONTHS: dict[str, int] = {word: int(number) for number, words in _VOCAB["months"].items() for word in words}
SEASONS: dict[str, int] = dict(_VOCAB["seasons"])


def _alternatives(words: Iterable[str]) -> str:
    """A pattern for any of `words` (matched case-insensitively), built as a trie: at a position that starts
    none of them it fails on the first letter instead of trying each word (the grammar runs on every line)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


MONTH = rf"(?:{_alternatives(MONTHS)})\.?"
SEASON = rf"(?:{_alternatives(SEASONS)})"
YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_NUM_MONTH = r"(?:0?[1-9]|1[0-2])"
MONTH_POINT = rf"(?:(?:{_DAY}\s+)?{MONTH}(?:\s+{_DAY},)?[\s,'’\-]*(?:{YEAR}|['’]\d{{2}}))"
POINT = (
    rf"(?:\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*{YEAR}(?!\d)"  # 15/01/2019, 01.15.2019
    rf"|{YEAR}\s*[/.\-]\s*{_NUM_MONTH}(?:\s*[/.\-]\s*\d{{1,2}})?(?![\d])"  # 2019-01, 2019-01-15
    rf"|{MONTH_POINT}"
    rf"|{SEASON}\s*,?\s*(?:{YEAR}|['’]\d{{2}})"
    rf"|{_NUM_MONTH}\s*[/.\-]\s*{YEAR}"  # 01/2019, 1.2019
    rf"|{_NUM_MONTH}/['’]?\d{{2}}(?![\d/])"  # 01/19
    rf"|{YEAR})"
)
NOW = rf"(?:{_alternatives(_VOCAB['now'])})"
_NOW_AFTER_SPACE = re.compile(rf"(?:{_alternatives(_VOCAB['now_after_space'])})", re.I)
# "ï¼" is a fullwidth dash ("－", U+FF0D) whose UTF-8 bytes were read as Latin-1 (livecareer's PDFs: "05/2016 ï¼
# Current")
SEP = r"\s*(?:-+|–|—|~|/|\uff0d|ï¼|(?:\b|(?<=\d))to\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b|\u2192)\s*"
_SINCE = rf"(?:{_alternatives(_VOCAB['since'])})"
_ONWARDS = rf"(?:{_alternatives(_VOCAB['onwards'])})"
DATE_RANGE = re.compile(
    rf"(?<![\w/])(?:"
    rf"(?P<start>{POINT})(?:(?P<sep>{SEP}|\s+)(?P<end>{POINT}|{NOW}|\d\d(?![\d/.\-]))|\s*(?P<onwards>{_ONWARDS}))"
    rf"|(?P<month>{MONTH}){SEP}(?P<month_end>{MONTH_POINT})"
    rf"|\b{_SINCE}\s+(?P<since>{POINT})(?!{SEP}(?:{MONTH}|{SEASON}|\d|{NOW})))(?![\w/])",
    re.I,
)
SINGLE_DATE = re.compile(rf"(?<![\w/])(?P<start>{MONTH_POINT}|{SEASON}\s*,?\s*{YEAR})(?![\w/])", re.I)


_MAY_HOLD_DATE = re.compile(r"\d\d")  # every point has a year: two digits in a row at least


@dataclass(frozen=True)
class DateSpan:
    start: tuple[int, int]  # (year, month)
    end: tuple[int, int] | None  # None = present
    start_precise: bool
    end_precise: bool


def _two_digit_year(text: str) -> int:
    value = int(text)
    return 2000 + value if value < 50 else 1900 + value


def parse_point(text: str) -> tuple[tuple[int, int], bool] | None:
    """One date point -> ((year, month), whether the month is known)."""
    t = text.strip().lower().replace(",", " ")
    m = re.fullmatch(rf"(\d{{1,2}})\s*[/.\-]\s*(\d{{1,2}})\s*[/.\-]\s*({YEAR})", t)
    if m:  # day and month: month first unless the first number cannot be a month (15/01/2019)
        first, second = int(m.group(1)), int(m.group(2))
        month = second if first > 12 else first
        return ((int(m.group(3)), month), True) if 1 <= month <= 12 else None
    m = re.fullmatch(rf"({YEAR})\s*[/.\-]\s*(\d{{1,2}})(?:\s*[/.\-]\s*\d{{1,2}})?", t)
    if m:
        return (int(m.group(1)), int(m.group(2))), True
    m = re.search(rf"({MONTH})['’]?[^\d']*?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?({YEAR}|['’]\d{{2}})$", t, re.I)
    if m and re.match(rf"(?:{_DAY}\s+)?{MONTH}", t, re.I):
        month = MONTHS[m.group(1).rstrip(".")]
        year_text = m.group(2).lstrip("'’")
        return (int(year_text) if len(year_text) == 4 else 2000 + int(year_text), month), True
    m = re.fullmatch(rf"({SEASON})\s*({YEAR}|['’]\d{{2}})", t, re.I)
    if m:
        year_text = m.group(2).lstrip("'’")
        year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
        return (year, SEASONS[re.sub(r"\s+", " ", m.group(1))]), True
    m = re.fullmatch(rf"(\d{{1,2}})\s*[/.\-]\s*({YEAR})", t)
    if m:
        return (int(m.group(2)), int(m.group(1))), True
    m = re.fullmatch(r"(\d{1,2})/['’]?(\d{2})", t)
    if m:
        return (_two_digit_year(m.group(2)), int(m.group(1))), True
    m = re.fullmatch(rf"({YEAR})", t)
    if m:
        return (int(m.group(1)), 1), False
    return None


def parse_range(match: re.Match[str]) -> DateSpan | None:
    """The span a `DATE_RANGE` match names, or None when it is no range after all (an end before its start,
    or two points with only a space between them that are not trusted as a range: see the module doc)."""
    open_start = match.group("since") or (match.group("start") if match.group("onwards") else None)
    if open_start:
        point = parse_point(open_start)
        return DateSpan(point[0], None, point[1], True) if point else None
    if match.group("month"):
        end = parse_point(match.group("month_end"))
        if end is None:
            return None
        month = MONTHS[match.group("month").strip().rstrip(".").lower()]
        year = end[0][0] if month <= end[0][1] else end[0][0] - 1
        return DateSpan((year, month), end[0], True, True)
    start = parse_point(match.group("start"))
    if start is None:
        return None
    end_text = match.group("end").strip()
    bare = not match.group("sep").strip()
    if re.fullmatch(NOW, end_text, re.I):
        if bare and not _NOW_AFTER_SPACE.fullmatch(end_text):
            return None  # "in 2019 now leading ...": a sentence, not a range
        return DateSpan(start[0], None, start[1], True)
    if re.fullmatch(r"\d\d", end_text):  # "1982-84", "2014-15": the end year's last two digits
        year = start[0][0] - start[0][0] % 100 + int(end_text)
        if start[1] or bare or int(end_text) <= 12 or not 0 < year - start[0][0] <= 30:
            return None  # "2011-12" could be December 2011: not trusted as a range
        return DateSpan(start[0], (year, 1), False, False)
    end = parse_point(end_text)
    if end is None or end[0] < start[0]:
        return None
    if bare and not start[1] and end[1]:
        return None  # "2015 Jan 2017": too loose
    return DateSpan(start[0], end[0], start[1], end[1])


def date_ranges(text: str) -> Iterator[tuple[re.Match[str], DateSpan]]:
    """Every range in `text` with its span, line by line (a line without two digits in a row holds none: the
    test saves running the grammar over most lines)."""
    for line in text.split("\n"):
        if _MAY_HOLD_DATE.search(line):
            for match in DATE_RANGE.finditer(line):
                span = parse_range(match)
                if span is not None:
                    yield match, span


def month_index(point: tuple[int, int]) -> int:
    return point[0] * 12 + point[1] - 1


def span_months(span: DateSpan, as_of: date) -> tuple[int, int]:
    """Half-open month interval [first, last + 1) covered by a span; an open span ends at `as_of`."""
    first = month_index(span.start)
    if span.end is None:
        last = month_index((as_of.year, as_of.month))
    else:
        last = month_index(span.end)
        if not span.end_precise and span.start_precise is False:
            last -= 1  # "2017 - 2019" counts two years, not three
    return first, max(first + 1, last + 1)


def merged_months(intervals: list[tuple[int, int]]) -> int:
    """Total months covered by intervals, overlaps counted once."""
    total = 0
    current: tuple[int, int] | None = None
    for lo, hi in sorted(intervals):
        if current is None or lo > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (lo, hi)
        else:
            current = (current[0], max(current[1], hi))
    if current is not None:
        total += current[1] - current[0]
    return total


_STATED_DATE = re.compile(
    rf"(?<![\w-])(?P<before>\w+\s+)?(?:{_alternatives(_VOCAB['document_date'])})\s*[:\-–]?\s*"
    rf"(?P<date>{POINT})(?![\w/])",
    re.I,
)
_NOT_THE_DOCUMENT = re.compile(rf"(?:{_alternatives(_VOCAB['document_date_not_after'])})\s+$", re.I)


def _latest_point(text: str, today: date) -> tuple[int, int] | None:
    """The latest (year, month) the text dates, at or before today (an expected graduation is not a fact)."""
    latest: tuple[int, int] | None = None
    limit = (today.year, today.month)
    for _match, span in date_ranges(text):
        for point in (span.start, span.end):
            if point is not None and point <= limit and (latest is None or point > latest):
                latest = point
    return latest


def stated_date(text: str) -> date | None:
    """The date a resume says it was written ("Date: 12/03/2021", "Last updated: March 2021"), if any."""
    for match in _STATED_DATE.finditer(text):
        if match.group("before") and _NOT_THE_DOCUMENT.match(match.group("before")):
            continue  # "Start date: Jan 2019", "Date of birth" never gets here (no date right after "date")
        point = parse_point(match.group("date"))
        if point is not None and point[1]:
            (year, month), _known = point
            return date(year, month, 1)
    return None


def document_date(text: str, file_date: date | None, today: date) -> tuple[date, str | None]:
    """(the date "Present" counts to, where it came from: "text", "file" or None for today); see module doc."""
    latest = _latest_point(text, today)
    for candidate, source in ((stated_date(text), "text"), (file_date, "file")):
        if candidate is None or candidate > today:
            continue
        if latest is not None and (candidate.year, candidate.month) < latest:
            continue
        return candidate, source
    return today, None
