"""A document's lines as statements: the units a resume claims something in, and the lines that claim nothing.

`split_statements` re-joins what a layout broke apart and keeps apart what the writer wrote apart:

- a line that continues the previous one's sentence joins it: it starts in lower case and the previous line
  has no end punctuation, or the previous line ends in a word or mark that cannot end a sentence ("and", "of",
  ",", "&"), and it is neither a bullet nor indented less than the statement's first line;
- a bullet starts a statement and keeps its continuation lines, never the next bullet;
- a blank line, a heading, a contact line or page furniture ends a statement.

Each `Statement` holds the 1-based lines it covers (`first_line`..`last_line`) and its text as one line (bullet
marker dropped, a word hyphenated across lines re-joined). Lines that are never evidence of experience are
statements of their own kind: section headings, contact lines (an email, phone or profile link with at most a
few words besides) and page furniture ("1/2", "Page 2 of 3"). A statement of interest or aspiration ("passionate
about", "eager to learn", an objective) is marked by the span of its text from the cue to the end of the cue's
sentence (`Statement.interest`); a statement made only of such spans, or written under an Objective or
Interests heading, is of kind "interest". A short line with a date range ("Software Engineer, Acme - 2019 -
Present", "Research Assistant Summer 2021") is a role's heading, of kind "entry": it names a title, employer and
dates, not a skill (outside Education and the like, where a dated line is a degree). The cue lists live in
`data/statements.json`.

Lines without a letter or digit (blank, or separators left by redaction) belong to no statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from jobfit.documents.contact import is_place
from jobfit.documents.data import load_json
from jobfit.documents.sections import classify_heading, heading_key

StatementKind = Literal["statement", "interest", "heading", "contact", "furniture", "entry"]

_CUES = load_json("statements.json")
_BULLET = re.compile(r"^(\s*)(?:[" + re.escape(_CUES["bullet_markers"]) + r"]+|\(?(?:\d{1,2}|[a-z])[.)])\s+")
_CONTINUATION_WORDS = frozenset(_CUES["continuation_words"])
_INTEREST = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in sorted(_CUES["interest_cues"], key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_INTEREST_HEADINGS = frozenset(heading_key(h) for h in _CUES["interest_headings"])
_ATTENDANCE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in sorted(_CUES["attendance_cues"], key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_TEACHING = re.compile(r"^\W*(?:" + "|".join(_CUES["attendance_teaching_verbs"]) + r")\b", re.IGNORECASE)
_FURNITURE = re.compile("|".join(f"(?:{p})" for p in _CUES["furniture_patterns"]), re.IGNORECASE)
_CONTACT_LABELS = frozenset(_CUES["contact_labels"])
_ENTRY_DATES = re.compile("|".join(f"(?:{p})" for p in _CUES["entry_dates"]), re.IGNORECASE)
_ENTRY_MAX_WORDS = int(_CUES["entry_max_words"])
_ENTRY_FREE = frozenset(_CUES["entry_free_headings"])
_CONTACT_DATA = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # email
    r"|(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|dev|me|in|co|uk|de)(?:/\S*)?"  # link or bare domain
    r"|\+?\(?\d[\d ().-]{6,}\d",  # phone
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ALNUM = re.compile(r"\w")
_END_PUNCTUATION = ".!?"
_CONTINUATION_MARKS = ",&/(-–+"
# Where a sentence ends inside a statement: end punctuation, then a space and a capital, digit or quote (not an
# abbreviation such as "e.g." or "Inc." before a lower-case word).
_SENTENCE_END = re.compile(r"[.!?;](?=\s+[\"'(A-Z0-9•])")


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of a document, or one line that states nothing (a heading, contact line, page furniture).

    `parts` maps the text back to the document: per covered line, (line, column in the line where its part of
    `text` starts, offset of that part in `text`, its length). `interest` holds the spans of `text` that state an
    interest or aspiration (each from its cue to the end of the cue's sentence).
    """

    first_line: int
    last_line: int
    text: str
    kind: StatementKind = "statement"
    bullet: bool = False
    parts: tuple[tuple[int, int, int, int], ...] = ()
    interest: tuple[tuple[int, int], ...] = ()

    @property
    def lines(self) -> range:
        """The 1-based document lines the statement covers."""
        return range(self.first_line, self.last_line + 1)

    @property
    def evidence_text(self) -> str:
        """The text that can be evidence of experience: all of it but its interest spans ("" for other kinds)."""
        if self.kind != "statement":
            return ""
        if not self.interest:
            return self.text
        kept, at = [], 0
        for start, end in self.interest:
            kept.append(self.text[at:start])
            at = end
        kept.append(self.text[at:])
        return " ".join(" ".join(kept).split())

    @property
    def is_evidence(self) -> bool:
        """Whether any of the statement can be evidence of experience."""
        return self.kind == "statement"


def _bullet(line: str) -> re.Match[str] | None:
    return _BULLET.match(line)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _is_contact(stripped: str) -> bool:
    """A line of contact details: an email, link or phone number with at most three other words (labels do not
    count), e.g. "jane@x.com | +1 555 123 4567 | linkedin.com/in/jane"."""
    if not _CONTACT_DATA.search(stripped):
        return False
    rest = _CONTACT_DATA.sub(" ", stripped)
    words = [w for w in _WORD.findall(rest) if w.lower() not in _CONTACT_LABELS]
    return len(words) <= 3


def _is_heading(stripped: str) -> bool:
    """A section heading: a line that names a known section as a heading does (`sections.classify_heading`).
    Other short lines in capitals are kept as content: a role ("SENIOR DATA ENGINEER") or a skill ("SQL")."""
    return classify_heading(stripped) is not False


@lru_cache(maxsize=65536)
def line_kind(line: str) -> StatementKind | None:
    """What a line is on its own: None without a letter or digit, else heading, contact, furniture or
    statement (a line of content, which may join its neighbours)."""
    stripped = line.strip()
    if not _ALNUM.search(stripped):
        return None
    if _FURNITURE.match(stripped):
        return "furniture"
    if _is_contact(stripped):
        return "contact"
    if _bullet(line) is None and _is_heading(stripped):
        return "heading"
    return "statement"


def _is_entry(text: str) -> bool:
    """Whether a statement is a role's heading: short, with a date range or a season and year, or an employer and
    its place ("Cisco - Mumbai, Maharashtra -", "Infosys Ltd, Bangalore, Karnataka")."""
    if len(text.split()) > _ENTRY_MAX_WORDS:
        return False
    return _ENTRY_DATES.search(text) is not None or _ends_at_place(text)


def _ends_at_place(text: str) -> bool:
    """Whether what follows a name's first dash, bar or comma reads whole as a place (`contact.is_place`)."""
    text = text.strip().rstrip(" -–—|,")
    return any(is_place(text[m.end():]) for m in _PLACE_SEPARATOR.finditer(text))


def _ends_open(text: str) -> bool:
    """Whether a line's text cannot end a sentence: it ends in a comma, "&", a hyphen or a function word."""
    if text[-1] in _CONTINUATION_MARKS:
        return True
    last = text.rsplit(None, 1)[-1].lower()
    return last in _CONTINUATION_WORDS


def _continues(previous: str, line: str, first_indent: int) -> bool:
    """Whether `line` goes on with the sentence of `previous` (the statement's last line so far)."""
    stripped = line.strip()
    if _bullet(line) is not None or _indent(line) < first_indent:
        return False
    last = previous.rstrip()
    if _ends_open(last):
        return not _ends_at_place(last)  # "Cisco - Mumbai, Maharashtra -" ends there, whatever its dash
    return stripped[0].islower() and last[-1] not in _END_PUNCTUATION


class _Builder:
    """The statement being read: its lines and the parts of its text."""

    def __init__(self, number: int, line: str) -> None:
        bullet = _bullet(line)
        start = bullet.end() if bullet is not None else _indent(line)
        self.first_line = self.last_line = number
        self.first_indent = _indent(line)
        self.bullet = bullet is not None
        self.last_raw = line
        piece = line[start:].rstrip()
        self.text = piece
        self.parts: list[tuple[int, int, int, int]] = [(number, start, 0, len(piece))]

    def add(self, number: int, line: str) -> None:
        start = _indent(line)
        piece = line[start:].rstrip()
        if self.text.endswith("-") and self.text[-2:-1].isalpha() and piece[:1].islower():
            self.text = self.text[:-1]  # "develop-" + "ment": one word again
            offset = len(self.text)
        else:
            self.text += " "
            offset = len(self.text)
        self.text += piece
        self.parts.append((number, start, offset, len(piece)))
        self.last_line = number
        self.last_raw = line

    def build(self, kind: StatementKind) -> Statement:
        interest: tuple[tuple[int, int], ...] = ()
        if kind == "statement":
            interest = _interest_spans(self.text)
            if interest and not " ".join(
                self.text[a:b] for a, b in _complement(interest, len(self.text))
            ).strip(" .,;:-"):
                kind = "interest"
        return Statement(self.first_line, self.last_line, self.text, kind, self.bullet, tuple(self.parts), interest)


def _complement(spans: tuple[tuple[int, int], ...], length: int) -> list[tuple[int, int]]:
    out, at = [], 0
    for start, end in spans:
        out.append((at, start))
        at = end
    out.append((at, length))
    return out


def _interest_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of `text` stating an interest or aspiration: from each cue to the end of its sentence."""
    spans: list[tuple[int, int]] = []
    for cue in _INTEREST.finditer(text):
        if spans and cue.start() < spans[-1][1]:
            continue
        end = _SENTENCE_END.search(text, cue.end())
        stop = end.end() if end is not None else len(text)
        spans.append((cue.start(), stop))
    return tuple(spans)


StatementShape = Literal["list", "thin", "heading", "sentence"]
_PLACE_SEPARATOR = re.compile(r"\s+[-–—|]\s+|,\s*")
_LIST_SEPARATORS = re.compile(r"\s*[,;|•·▪/]\s*|\s+[-–]\s+|:\s+")
_LIST_MIN_ITEMS = 3
_LIST_ITEM_WORDS = 3  # the median item of a list has at most this many words
_LIST_LONGEST_ITEM = 6  # and none more than this ("design, implement, and operate" in a sentence is no list)
_THIN_WORDS = 4
_HEADING_WORDS = 6  # a line of at most this many words ending in a colon heads what follows it
# "OS: Windows", "Container service: Docker, Podman": a label of a few words, a colon, then what it lists
_LABELLED = re.compile(r"^\s*[^\W\d_][\w'’&/ .+#-]{0,40}?:\s+\S")
_LABEL_WORDS = 3


def statement_shape(text: str) -> StatementShape:
    """How a statement reads: a "list" of items (three or more, most of a few words and none long: "SQL, PL/SQL, HTML,
    XML", "Sonicwall Firewall/VPN/SSL products; Barracuda Security products"; or a label and a colon before short
    items: "OS: Windows"), a "heading" (a few words ending in a colon, "Hardware:", "Mysql / Oracle / SQL Support:",
    over the lines it introduces), "thin" (at most four words that are no list: a headline, a title, a sub-heading,
    "Knowledge on Docker."), or a "sentence". In a list an item names a thing and nothing else; a thin line names it
    without showing any use of it; a heading is never evidence."""
    if text.rstrip().endswith(":") and len(_WORD.findall(text)) <= _HEADING_WORDS:
        return "heading"  # "Mysql / Oracle / SQL Support:" introduces the lines below it, whatever it names
    items = [item for item in _LIST_SEPARATORS.split(text) if _ALNUM.search(item)]
    labelled = _LABELLED.match(text)
    if labelled is not None and len(_WORD.findall(text[: text.index(":")])) <= _LABEL_WORDS:
        sizes = sorted(len(_WORD.findall(item)) for item in items[1:])
        if sizes and sizes[-1] <= _LIST_LONGEST_ITEM:
            return "list"
    if len(items) >= _LIST_MIN_ITEMS:
        sizes = sorted(len(_WORD.findall(item)) for item in items)
        if sizes[len(sizes) // 2] <= _LIST_ITEM_WORDS and sizes[-1] <= _LIST_LONGEST_ITEM:
            return "list"
    if len(_WORD.findall(text)) > _THIN_WORDS:
        return "sentence"
    return "heading" if text.rstrip().endswith(":") else "thin"


@lru_cache(maxsize=16384)
def is_attendance(text: str) -> bool:
    """Whether a statement tells of attending or trying something rather than doing it: a workshop or seminar
    attended, a paper presented as a student, training taken, "tried my hands on" (`attendance_cues`). One that
    opens by giving it ("Conducted a workshop on Docker") is not."""
    return _ATTENDANCE.search(text) is not None and _TEACHING.match(text) is None


def list_items(text: str) -> list[str]:
    """The items of a list statement, split where `statement_shape` splits them ("Teradata, Oracle, SQL Workbench"
    -> Teradata, Oracle, SQL Workbench)."""
    return [item for item in _LIST_SEPARATORS.split(text) if _ALNUM.search(item)]


def split_statements(text: str | Sequence[str]) -> list[Statement]:
    """The statements of a document, in order (`text` as a string, or its lines).

    Line numbers are 1-based indexes into `text.split("\\n")`; lines without a letter or digit belong to no
    statement. Statements under an Objective or Interests heading are of kind "interest" (see the module doc).
    """
    lines = text.split("\n") if isinstance(text, str) else list(text)
    out: list[Statement] = []
    current: _Builder | None = None
    under_interest_heading = False
    section: str | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            statement = current.build("statement")
            if under_interest_heading:
                statement = Statement(statement.first_line, statement.last_line, statement.text, "interest",
                                      statement.bullet, statement.parts, ((0, len(statement.text)),))
            elif statement.kind == "statement" and section not in _ENTRY_FREE and _is_entry(statement.text):
                statement = Statement(statement.first_line, statement.last_line, statement.text, "entry",
                                      statement.bullet, statement.parts)
            out.append(statement)
            current = None

    for number, line in enumerate(lines, start=1):
        kind = line_kind(line)
        if kind != "statement":
            close()
            if kind is not None:
                if kind == "heading":
                    under_interest_heading = heading_key(line) in _INTEREST_HEADINGS
                    found = classify_heading(line.strip())
                    section = found if isinstance(found, str) else None
                one = _Builder(number, line)
                out.append(one.build(kind))
            continue
        if current is not None and current.last_line == number - 1 and _continues(
            current.last_raw, line, current.first_indent
        ):
            current.add(number, line)
            continue
        close()
        current = _Builder(number, line)
    close()
    return out


def joined_text(lines: Sequence[str]) -> str:
    """The text of a statement whose lines these are (a `Statement.text`: bullet marker dropped, a word
    hyphenated across lines re-joined), without classifying them again."""
    builder = _Builder(1, lines[0])
    for number, line in enumerate(lines[1:], start=2):
        builder.add(number, line)
    return builder.text


def evidence_lines(lines: Sequence[str], statements: Sequence[Statement]) -> list[str]:
    """`lines` with everything that is never evidence of experience blanked out (replaced by spaces, so columns
    and line numbers stay): headings, contact lines, page furniture and the interest spans of statements."""
    out = list(lines)
    for statement in statements:
        if statement.kind == "statement" and not statement.interest:
            continue
        spans = ((0, len(statement.text)),) if statement.kind != "statement" else statement.interest
        for number, column, offset, length in statement.parts:
            line = out[number - 1]
            for start, end in spans:
                lo, hi = max(start, offset), min(end, offset + length)
                if lo < hi:
                    a, b = column + lo - offset, column + hi - offset
                    line = line[:a] + " " * (b - a) + line[b:]
            out[number - 1] = line
    return out
