"""Work-history entries from an experience section: one per date range (the grammar is `dates`), ranges broken
over two lines rejoined, title and company from the lines around each range, and total years from merged
(non-overlapping) month intervals.
"""

from __future__ import annotations

import re
from datetime import date

from jobfit.documents.data import load_json
from jobfit.documents.dates import (
    DATE_RANGE,
    MONTH,
    MONTHS,
    NOW,
    POINT,
    SEASON,
    SEP,
    SINGLE_DATE,
    YEAR,
    DateSpan,
    date_ranges,
    merged_months,
    parse_point,
    parse_range,
    span_months,
)
from jobfit.documents.education import degree_level_of
from jobfit.documents.models import ExperienceEntry
from jobfit.documents.normalize import BULLET

# A range broken over two lines (two-line date columns, wrapped text): "June 2020 –" + "Present ...",
# "Jan 2019 -" + "Mar 2021", or "Jan 2019" + "– Present".
_DASH = r"\s*(?:-|–|—|~|to|until|through|thru|\u2192)"
_OPEN_AT_START = re.compile(rf"^\s*(?P<start>{POINT}){_DASH}(?=\s|$)", re.I)
_OPEN_AT_END = re.compile(rf"(?<![\w/])(?P<start>{POINT}){_DASH}\s*$", re.I)
_POINT_AT_END = re.compile(rf"(?<![\w/])(?P<start>{POINT})\s*$", re.I)
_MONTH_AT_END = re.compile(rf"(?<![\w/]){MONTH}\s*$", re.I)
_YEAR_AT_START = re.compile(rf"^\s*({YEAR})(?![\w/])")
_POINT_LINE = re.compile(rf"^\s*(?P<start>{POINT})\s*$", re.I)
_CLOSE_AT_START = re.compile(rf"^\s*(?P<end>{POINT}|{NOW})(?![\w/])(?!{SEP}(?:{POINT}|{NOW}))", re.I)
_DASH_CLOSE_AT_START = re.compile(rf"^{SEP}(?P<end>{POINT}|{NOW})(?![\w/])", re.I)

_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|manager|analyst|designer|consultant|specialist|coordinator|assistant|director|"
    r"intern|internship|accountant|architect|scientist|administrator|officer|associate|technician|"
    r"representative|teacher|nurse|chef|cook|lead|head|president|vice president|vp|executive|clerk|supervisor|"
    r"agent|writer|editor|programmer|founder|co-founder|cto|ceo|cfo|coo|researcher|fellow|contributor|"
    r"instructor|tutor|professor|lecturer|advisor|adviser|auditor|bookkeeper|cashier|driver|operator|"
    r"mechanic|electrician|member|volunteer|trainee|apprentice|owner|partner|principal|strategist|"
    r"marketer|recruiter|generalist|planner|buyer|attorney|lawyer|paralegal|pharmacist|therapist|"
    r"physician|doctor|dentist|aide|worker|server|bartender|host|receptionist|secretary|sales|"
    r"scrum master|product owner|leader|staff|team lead|tech lead|expert|trainer|counselor|inspector)s?\b",
    re.I,
)
_COMPANY_WORDS = re.compile(
    r"\b(inc|llc|ltd|limited|corp|corporation|company|co|group|gmbh|plc|technologies|solutions|systems|"
    r"labs?|university|college|institute|bank|hospital|agency|studio|partners|consulting|services|"
    r"foundation|school|research|ai)\b\.?",
    re.I,
)
_LOCATION_TAIL = re.compile(r"^[A-Z][\w .'\-]*,\s*[A-Z]{2}(?:\s+\d{5})?$|^(remote|hybrid|on-?site)$", re.I)
_FRAGMENT_SPLIT = re.compile(r"\s*(?:\||·|•|,\s+|\s[–—-]\s|\s{2,}|\bat\b|@)\s*")


def _fmt(point: tuple[int, int] | None) -> str | None:
    return f"{point[0]:04d}-{point[1]:02d}" if point else None


def _is_detail_line(line: str) -> bool:
    s = line.strip()
    found = labelled(s)
    if found is not None and found[0] in ("title", "company"):
        return False  # "company - Acme Ltd": a header field, lower case or not
    return s.startswith((BULLET, "-", "*")) or len(s.split()) > 14 or s.endswith(".") or s[:1].islower()


def _clean_fragment(piece: str) -> str:
    """Trim separators and brackets, keeping a balanced "(...)" ("Software Engineer (Front-End)")."""
    previous = None
    while piece != previous:
        previous = piece
        piece = piece.strip(" ,;:|–—-").lstrip(")").rstrip("(")
        if piece.startswith("(") and ")" not in piece:
            piece = piece[1:]
        if piece.endswith(")") and piece.count("(") < piece.count(")"):
            piece = piece[:-1]
    return piece


def _has_valid_range(line: str) -> bool:
    return next(date_ranges(line), None) is not None


def join_split_ranges(lines: list[str]) -> tuple[list[str], set[int]]:
    """Rejoin date ranges broken over two lines. Returns working lines (same count; the end point moved up
    next to its start) and the indexes of lines whose remainder is body text, not header.

    "June 2020 – Engineer, Google" + "Present Building UIs" -> "June 2020 – Present Engineer, Google" + "Building UIs".
    """
    work = list(lines)
    body: set[int] = set()
    for index in range(len(work) - 1):  # "... from May 2009 to April" + "2010.": the year goes up to its month
        wrapped = _MONTH_AT_END.search(work[index])
        year = _YEAR_AT_START.match(work[index + 1]) if wrapped else None
        if year:
            work[index] = f"{work[index].rstrip()} {year.group(1)}"
            work[index + 1] = work[index + 1][year.end() :].lstrip(" ,")
    for index, line in enumerate(work):
        if not line.strip() or _has_valid_range(line):
            continue
        follower = index + 1
        if follower < len(work) and not work[follower].strip():
            follower += 1  # allow one blank line between the halves
        if follower >= len(work):
            continue
        next_line = work[follower]
        opened = _OPEN_AT_START.match(line) or _OPEN_AT_END.search(line)
        closed = _CLOSE_AT_START.match(next_line) if opened else None
        if not (opened and closed):
            opened = _POINT_AT_END.search(line)
            closed = _DASH_CLOSE_AT_START.match(next_line) if opened else None
        dash = " – "
        if not (opened and closed):  # "May 2010" + "Present": the dash between them was lost
            opened = _POINT_LINE.match(line)
            closed = _CLOSE_AT_START.match(next_line) if opened else None
            dash = " "  # read as two ends with only a space between them (`dates.parse_range` decides)
        if not (opened and closed):
            continue
        start_text, end_text = opened.group("start").strip(), closed.group("end").strip()
        if re.fullmatch(YEAR, start_text) and not re.fullmatch(rf"{YEAR}|{NOW}", end_text, re.I):
            continue  # "2019 –" + "Mar 2021 ...": too loose to trust
        combined = f"{start_text}{dash}{end_text}"
        match = DATE_RANGE.fullmatch(combined)
        if match is None or parse_range(match) is None:
            continue
        before, after = line[: opened.start("start")], line[opened.end() :]
        work[index] = f"{before}{combined} {after.strip()}".rstrip()
        work[follower] = next_line[closed.end() :].strip()
        if after.strip() and work[follower]:
            body.add(follower)  # the header sat beside the start; what follows the end is the description
    return work, body


_LABELS: dict[str, list[str]] = {kind: words for kind, words in load_json("entry_labels.json").items()
                                 if not kind.startswith("_")}
_LABEL_KIND = {label: kind for kind, labels in _LABELS.items() for label in labels}
# "Role: Java Developer", "Role-SAP HANA Developer", "Designation - Sr. Engineer", "Role  Java Developer" (the
# label and its value in two columns, the gap lost when the text was flattened)
_LABELLED = re.compile(
    r"^\s*(?P<label>" + "|".join(re.escape(label).replace(r"\ ", r"\s+")
                                 for label in sorted(_LABEL_KIND, key=len, reverse=True))
    + r")(?:\s*(?P<mark>[:\-–—]+)\s*|\s+)(?P<value>\S.*)$", re.I)
_LENGTH = re.compile(
    r"^(?P<number>\d{1,3}(?:\.\d)?)\s*\+?\s*(?P<unit>months?|mos?|years?|yrs?)\b\.?(?P<rest>.*)$", re.I)


def labelled(line: str) -> tuple[str, str] | None:
    """(kind, value) of a line that opens with an entry label (data/entry_labels.json), None otherwise. A label
    followed only by a space ("Role Java Developer") counts for a title only when the value names a role."""
    match = _LABELLED.match(line)
    if match is None:
        return None
    kind, value = _LABEL_KIND[" ".join(match.group("label").lower().split())], match.group("value").strip()
    if not match.group("mark") and (kind != "title" or not _TITLE_WORDS.search(value)):
        return None
    return kind, value


def labelled_months(line: str) -> int | None:
    """The months a "Duration: 36 months" / "Period - 2 years" line gives as a role's length, None otherwise."""
    found = labelled(line)
    length = _LENGTH.match(found[1]) if found and found[0] == "length" else None
    if length is None or re.search(r"\w", length.group("rest")):
        return None  # "Duration: 6 months project in Pune": a sentence, not the entry's field
    number = float(length.group("number"))
    return round(number * (1 if length.group("unit").lower().startswith("m") else 12))


def _with_function(title: str, fragments: list[str]) -> str:
    """A bare role word and the function after its comma, when another fragment names the employer: "Director,
    Sales & Marketing" of "Director, Sales & Marketing 01/2010 to 12/2015 Company Name City , State" is one title
    ("Manager" alone would lose what the post was). "Engineer, Google" with no other employer stays "Engineer", and
    a fragment ending in a role word ("Director, Senior Engineer") is another title."""
    at = fragments.index(title)
    if len(title.split()) != 1 or at + 1 >= len(fragments):
        return title
    function = fragments[at + 1]
    if (len(function.split()) > 4 or not function[:1].isupper() or re.search(r"\d", function)
            or _TITLE_WORDS.fullmatch(function.split()[-1]) or _COMPANY_WORDS.search(function)):
        return title
    employer = any(_COMPANY_WORDS.search(f) for k, f in enumerate(fragments) if k not in (at, at + 1))
    return f"{title}, {function}" if employer else title


def _title_company(header: list[str]) -> tuple[str | None, str | None]:
    fragments: list[str] = []
    labelled_title = labelled_company = None
    for line in header:
        found = labelled(line)
        if found is not None:
            kind, value = found
            value = _clean_fragment(value)
            if kind == "title" and labelled_title is None and len(value.split()) <= 8 and _TITLE_WORDS.search(value):
                labelled_title = value
            elif kind == "company" and labelled_company is None and len(value.split()) <= 8 and value:
                labelled_company = value
            continue  # a labelled field is never read as a title or an employer by its words
        for piece in _FRAGMENT_SPLIT.split(line):
            piece = _clean_fragment(piece)
            if piece and not _LOCATION_TAIL.match(piece) and re.search(r"[A-Za-z]{2}", piece) \
                    and " ".join(piece.lower().split()) not in _LABEL_KIND:  # "Period" beside its dates
                fragments.append(piece)
    title = labelled_title or next((f for f in fragments if _TITLE_WORDS.search(f) and len(f.split()) <= 8), None)
    if title is not None and labelled_title is None:
        title = _with_function(title, fragments)
    rest = [f for f in fragments if f != title and not (title or "").endswith(f", {f}") and len(f.split()) <= 8]
    company = labelled_company or next((f for f in rest if _COMPANY_WORDS.search(f)), None) or next(iter(rest), None)
    if company and re.fullmatch(r"(?i)(remote|hybrid|present|current)", company):
        company = None
    return title, company


_WHOLE_LINE = re.compile(r".*")
LENGTH_NEAR_DATES = 3  # lines: a "Duration: 36 months" this close to a dated line is that role's field


def _length_hits(lines: list[str], dated: set[int], ranges_only: bool) -> list[tuple[int, re.Match[str], None]]:
    """Entries given by a length and no dates ("Duration: 36 months"), one per such line of an experience
    section that is not a field of a dated role (no dated line within `LENGTH_NEAR_DATES` lines)."""
    if ranges_only:
        return []
    found = []
    for index, line in enumerate(lines):
        if index in dated or labelled_months(line) is None:
            continue
        if any(abs(index - other) <= LENGTH_NEAR_DATES for other in dated):
            continue
        match = _WHOLE_LINE.match(line)
        assert match is not None  # ".*" matches every line
        found.append((index, match, None))
    return found


def extract_experience(text: str, *, first_line: int = 1, today: date | None = None,
                       ranges_only: bool = False) -> list[ExperienceEntry]:
    """Entries for each date range in `text` (an experience section starting at document line
    `first_line`); lines before the next range belong to the entry. "Present" counts to `today` (the resume's
    own date, `dates.document_date`). `ranges_only` (text outside any experience heading) leaves out lines that
    hold a single date and lines that name a degree (a course's dates are not work)."""
    today = today or date.today()
    original = text.split("\n")
    lines, body_lines = join_split_ranges(original)
    hits: list[tuple[int, re.Match[str], DateSpan | None]] = []
    for index, line in enumerate(lines):
        if ranges_only and degree_level_of(line):
            continue
        for match, span in date_ranges(line):
            hits.append((index, match, span))
            break
        else:
            single = None if ranges_only else SINGLE_DATE.search(line)
            if single and not _is_detail_line(line):
                point = parse_point(single.group("start"))
                if point:
                    hits.append((index, single, DateSpan(point[0], point[0], True, True)))
    hits = sorted([*hits, *_length_hits(lines, {index for index, _, _ in hits}, ranges_only)], key=lambda h: h[0])
    entries: list[ExperienceEntry] = []
    for position, (index, match, span) in enumerate(hits):
        previous_end = hits[position - 1][0] + 1 if position else 0
        # Header lines: up to 2 non-detail lines just above the date line (not past the previous entry).
        above: list[str] = []
        cursor = index - 1
        while cursor >= previous_end and len(above) < 2:
            candidate = lines[cursor].strip()
            if not candidate:
                if above:
                    break
                cursor -= 1
                continue
            if _is_detail_line(candidate):
                break
            above.insert(0, candidate)
            cursor -= 1
        if position and previous_end > index - 1:
            above = []
        same = (lines[index][: match.start()] + "  " + lines[index][match.end() :]).strip()
        next_index = hits[position + 1][0] if position + 1 < len(hits) else len(lines)
        below: list[str] = []
        for follower_index in range(index + 1, next_index):
            follower = lines[follower_index]
            if not follower.strip():
                if below:
                    break
                continue
            if follower_index in body_lines or _is_detail_line(follower) or len(below) == 2:
                break
            below.append(follower.strip())
        header = [*above, same, *below] if same else [*above, *below]
        title, company = _title_company(header)
        # The entry text runs from its first header line to the line before the next entry's header.
        start_index = index - len(above)
        end_index = next_index
        if position + 1 < len(hits):
            follow = hits[position + 1][0] - 1
            while follow > index and lines[follow].strip() and not _is_detail_line(lines[follow]):
                follow -= 1
            end_index = follow + 1
        entry_text = "\n".join(line for line in original[start_index:end_index] if line.strip())
        if span is None:  # "Duration: 36 months": a length, no dates
            entries.append(ExperienceEntry(title=title, company=company, months=labelled_months(lines[index]) or 0,
                                           line=first_line + index, text=entry_text))
            continue
        first, last = span_months(span, today)
        if span.start == span.end and re.match(SEASON, match.group(0).strip(), re.I):
            last = first + 3  # "Summer 2022": a season, not a single month
        entries.append(
            ExperienceEntry(
                title=title,
                company=company,
                start=_fmt(span.start),
                end=_fmt(span.end),
                is_current=span.end is None,
                months=last - first,
                line=first_line + index,
                text=entry_text,
            )
        )
    return entries


def total_years(entries: list[ExperienceEntry]) -> float:
    """Years covered by the entries, overlapping periods counted once. Roles given only by their length
    ("Duration: 36 months") cannot be placed in time: their sum counts only when it is more than the dated
    roles cover, never added to them (they are often projects inside a dated role)."""
    intervals: list[tuple[int, int]] = []
    undated = 0
    for entry in entries:
        if entry.start is None:
            undated += max(entry.months, 0)
            continue
        year, month = (int(part) for part in entry.start.split("-"))
        first = year * 12 + month - 1
        intervals.append((first, first + max(entry.months, 0)))
    return round(max(merged_months(intervals), undated) / 12, 1)


# the date grammar lives in `dates`; these names stay importable from here for the modules that read entries
__all__ = ["DATE_RANGE", "MONTHS", "extract_experience", "join_split_ranges", "total_years"]
