"""A document's lines as statements: wrapped lines re-joined into what the writer wrote as one sentence or
bullet, and the lines that state nothing marked as such.

`split_statements` reads the lines of a normalised text (`normalize_text`: bullets as "•", one line per line):

- a line continues the statement above it when that statement cannot have ended there: its last line ends in
  a comma, a dash or a word such as "and" or "of", or it has no end punctuation and fills the line (it is at
  least three quarters as long as the document's long lines, so the layout wrapped it), or the line starts
  in lower case after a line without end punctuation;
- a bullet starts a statement and keeps its continuation lines, never the next bullet;
- a blank line, a heading, a contact line, page furniture or a role's dated heading ends a statement.

Each `Statement` holds the 1-based lines it covers (`first_line`..`last_line`) and its text as one line (a word
hyphenated across lines re-joined). Lines that state nothing are statements of their own kind: section headings
("heading"), contact lines ("contact": an email, phone or link with at most a few words besides), page furniture
("furniture": "1/2", "Page 2 of 3") and a role's heading ("entry": a short line with a date range). The cue lists
live in `data/statements.json`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from jobfit.documents.data import load_json
from jobfit.documents.normalize import BULLET
from jobfit.documents.sections import classify_heading

StatementKind = Literal["statement", "heading", "contact", "furniture", "entry"]

_CUES = load_json("statements.json")
_CONTINUATION_WORDS = frozenset(_CUES["continuation_words"])
_FURNITURE = re.compile("|".join(f"(?:{p})" for p in _CUES["furniture_patterns"]), re.IGNORECASE)
_ENTRY_DATES = re.compile("|".join(f"(?:{p})" for p in _CUES["entry_dates"]), re.IGNORECASE)
_ENTRY_MAX_WORDS = int(_CUES["entry_max_words"])
_CONTACT_DATA = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an email
    r"|(?:https?://|www\.)\S+|\b(?:linkedin|github)\.com/\S*"  # a link
    r"|\+?\(?\d[\d ().-]{6,}\d",  # a phone number
    re.IGNORECASE,
)
_CONTACT_MAX_OTHER_WORDS = 4
_OPEN_ENDINGS = (",", "-", "–", "—", "&", "/", "(", ":", "+")
_END_PUNCTUATION = (".", "!", "?", ";")
_WRAPPED_SHARE = 0.75  # a line this share of the document's long lines' length, without end punctuation, wrapped


@dataclass(frozen=True, slots=True)
class Statement:
    first_line: int
    last_line: int
    text: str
    kind: StatementKind = "statement"
    bullet: bool = False


def line_kind(line: str) -> StatementKind | None:
    """The kind of a line that states nothing by itself (heading, contact, furniture, entry); None for text."""
    stripped = line.strip()
    if _FURNITURE.match(stripped):
        return "furniture"
    if not stripped.startswith(BULLET) and classify_heading(stripped) is not False:
        return "heading"
    found = _CONTACT_DATA.findall(stripped)
    if found:
        rest = _CONTACT_DATA.sub(" ", stripped)
        if len(re.findall(r"[^\W\d_]{2,}", rest)) <= _CONTACT_MAX_OTHER_WORDS:
            return "contact"
    if _ENTRY_DATES.search(stripped) and len(stripped.split()) <= _ENTRY_MAX_WORDS \
            and not stripped.endswith(_END_PUNCTUATION):
        return "entry"
    return None


def _long_line(lines: Sequence[str]) -> int:
    """The length of the document's long lines: the 90th percentile of its text lines' lengths."""
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) > 20)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 80


def _continues(previous: str, line: str, long_line: int) -> bool:
    """Whether `line` goes on with the statement whose last line is `previous`."""
    before = previous.rstrip()
    if not before or before.endswith(_END_PUNCTUATION):
        return False
    last_word = before.rsplit(None, 1)[-1].lower()
    if before.endswith(_OPEN_ENDINGS) or last_word in _CONTINUATION_WORDS:
        return True
    return line.lstrip()[:1].islower() or len(before) >= _WRAPPED_SHARE * long_line


def _join(text: str, line: str) -> str:
    if re.search(r"[^\W\d_]-$", text) and line[:1].islower():  # a word hyphenated across lines
        return text[:-1] + line
    return f"{text} {line}"


def split_statements(text: str | Sequence[str]) -> list[Statement]:
    """The statements of a normalised text (or its lines), in order; blank lines belong to none."""
    lines = text.split("\n") if isinstance(text, str) else list(text)
    long_line = _long_line(lines)
    out: list[Statement] = []
    open_: Statement | None = None  # the statement the next line may continue
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            open_ = None
            continue
        kind = line_kind(line)
        bullet = line.startswith(BULLET)
        if kind is None and not bullet and open_ is not None and _continues(lines[open_.last_line - 1], line,
                                                                             long_line):
            open_ = Statement(open_.first_line, number, _join(open_.text, line), open_.kind, open_.bullet)
            out[-1] = open_
            continue
        body = line[len(BULLET):].strip() if bullet else line
        statement = Statement(number, number, body, kind or "statement", bullet)
        out.append(statement)
        open_ = statement if kind is None else (statement if kind == "entry" and _ends_open(line) else None)
    return out


def _ends_open(line: str) -> bool:
    """A dated heading whose date range the layout cut ('June 2020 –' / 'Present')."""
    return line.rstrip().endswith(("-", "–", "—"))
