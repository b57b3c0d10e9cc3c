"""Statement-sized lines: a resume whose text comes out as a few huge lines (a flattened text file, a DOCX
paragraph holding a whole page) is re-split where the text itself shows a boundary, because every later step
(sections, entries, evidence) reads and cites lines.

A line longer than `LONG_LINE` characters is cut, in this order:
1. at runs of blank space (two or more spaces or a tab) in the raw text, where a flattened text lost its line
   breaks and a laid-out document its columns;
2. before inline bullets (a bullet glyph, " * ", a mis-decoded bullet) and before the items of a numbered list
   (1) ... 2) ... 3) ...), and around section headings written as headings (UPPER CASE, Title Case phrases of
   the heading vocabulary, or a heading word followed by a colon);
3. at sentence ends; pieces still too long before date ranges, then between the items of a "|", ";" or ","
   list, packed back into pieces as long as allowed.
A piece that none of these can cut stays whole, and the quality check "statements" reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from jobfit.documents.dates import MONTH, date_ranges
from jobfit.documents.normalize import BULLET, BULLET_GLYPH, normalize_line, normalize_text
from jobfit.documents.sections import INLINE_SINGLE_WORDS, resume_heading_phrases

LONG_LINE = 300  # characters: past this a line is more than one statement

_RAW_LINE_BREAK = re.compile(r"\r\n?|\n|\u2028|\u2029")
_GAP = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u3000]{2,}|\t+")
# a bullet in the middle of a line (a glyph, mis-decoded or not, or a spaced asterisk) starts an item
_INLINE_BULLET = re.compile(rf"\s*(?={BULLET_GLYPH}\s*\S)|\s+(?=\*\s+\w)")
_LEADING_MARK = re.compile(rf"^\s*(?:{BULLET_GLYPH}|\*)?\s*")
_NUMBERED_ITEM = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2}|[a-h])[.)]\s+(?=[A-Za-z])")
_LOWER_BEFORE_HEADING = frozenset({"the", "of", "in", "with", "and", "for", "a", "an", "to", "my", "our", "your",
                                   "his", "her", "their", "on", "at", "by", "as", "from", "into", "about"})
_ABBREVIATION = re.compile(
    rf"(?:^|[\s(])(?:[A-Z][a-z]{{0,2}}|[a-z]|\w+\.\w+|e\.g|i\.e|etc|vs|approx|no|nos|(?i:{MONTH}))\.?$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9•])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]{2,})")
_LIST_SEPARATORS = (re.compile(r"\s+\|\s+"), re.compile(r";\s+"), re.compile(r",\s+"))


def _cut(line: str, positions: list[int]) -> list[str]:
    """`line` cut at the given offsets, pieces stripped, empty ones dropped."""
    pieces: list[str] = []
    last = 0
    for position in sorted(set(positions)):
        if 0 < position < len(line):
            pieces.append(line[last:position])
            last = position
    pieces.append(line[last:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _bullet_cuts(line: str) -> list[int]:
    cuts = [match.end() for match in _INLINE_BULLET.finditer(line)]
    for digits in (True, False):  # 1) ... 2) ... 3) or a. ... b. ... c.: a list, not numbers in a sentence
        items = [(m.group(1), m.start()) for m in _NUMBERED_ITEM.finditer(line) if m.group(1).isdigit() is digits]
        first = "1" if digits else "a"
        run: list[int] = []
        expected = first
        for label, start in items:
            if label == expected:
                run.append(start)
            elif label == first:
                run = [start]
            else:
                continue
            expected = str(int(label) + 1) if digits else chr(ord(label) + 1)
        if len(run) >= 3:
            cuts.extend(run)
    return cuts


@cache
def _heading_alternatives() -> str:
    alternatives = []
    for phrase in resume_heading_phrases():
        words = [r"(?:and|&)" if word == "and" else re.escape(word) for word in phrase.split()]
        alternatives.append(r"\s+".join(words))
    return "|".join(alternatives)


@cache
def _heading_pattern() -> re.Pattern[str]:
    # before it: no letter, or a lower-case one or a digit (a line break lost between "escalations" or "2016" and
    # "Education Details")
    return re.compile(r"(?-i:(?<![A-Z_&'’]))(?:" + _heading_alternatives() + r")(?![\w'’])", re.I)


@cache
def _glued_heading_pattern() -> re.Pattern[str]:
    # a heading that runs to the end of the line (tried only where a capital follows a lower-case letter or digit)
    return re.compile(r"(?P<heading>" + _heading_alternatives() + r")\s*:?\s*$", re.I)


_GLUE_POINT = re.compile(r"(?<=[a-z0-9)])(?=[A-Z])")  # "monthsCompany", "2016Skill", "ExcelEDUCATION"
_GLUED_TAIL = 64  # characters: the longest heading of the vocabulary fits in the line's tail


def split_glued_heading(line: str) -> list[str]:
    """A line whose last words are a section heading glued to the text before it, as two lines: "Duration: 36
    monthsCompany Details" -> "Duration: 36 months" + "Company Details". Only a heading of several Title Case words
    or in UPPER CASE, with no space before it, counts: "soft Skills" and "communication skills" end sentences."""
    pattern = _glued_heading_pattern()
    match = next((found for point in _GLUE_POINT.finditer(line, max(1, len(line) - _GLUED_TAIL))
                  if (found := pattern.match(line, point.start()))), None)
    if match is None or not line[: match.start()].strip():
        return [line]
    heading = match.group("heading")
    words = [word for word in re.findall(r"[^\W\d_]+", heading) if word.lower() not in {"and", "of", "the"}]
    title_case = len(words) > 1 and all(word[0].isupper() and not word[1:].isupper() for word in words)
    if not (title_case or (heading.isupper() and len(heading) >= 4)):
        return [line]
    return [line[: match.start()].rstrip(), line[match.start() :].strip()]


def _written_as_heading(found: str, before: str, after: str) -> bool:
    """UPPER CASE, or a colon after it, or Title Case: several words, or one of the main section words after a
    sentence end ("... pipelines. Education B.Sc. ...")."""
    words = [word for word in re.findall(r"[^\W\d_]+", found) if word.lower() not in {"and", "of", "the"}]
    if after.startswith(":") or (found.isupper() and len(found) >= 4):
        return True
    if not words or not all(word[0].isupper() for word in words):
        return False
    if len(words) > 1:
        return True
    return found.lower() in INLINE_SINGLE_WORDS and (not before.strip() or before.rstrip()[-1] in ".!?;:|")


def _heading_cuts(line: str) -> list[int]:
    cuts: list[int] = []
    for match in _heading_pattern().finditer(line):
        before, after = line[: match.start()], line[match.end() :].lstrip()
        previous = before.split()[-1] if before.split() else ""
        if previous.lower() in _LOWER_BEFORE_HEADING or not _written_as_heading(match.group(0), before, after):
            continue
        if before[-1:].isalnum() and (len(match.group(0).split()) < 2 or not match.group(0)[0].isupper()):
            continue  # glued to a word or a number: only a Title Case phrase of several words counts
        if after and not (after[0] in ":•-–|" or after[0].isupper() or after[0].isdigit()):
            continue  # "Professional Development sessions for ...": words of a sentence, not a heading
        if _LEADING_MARK.sub("", before):  # not right after a bullet: "• Skills: ..." is one item
            cuts.append(match.start())
        if not after.startswith(":"):  # "Skills: Python, Go" stays one line, read as a heading with its text
            cuts.append(match.end())
    return cuts


def _sentence_cuts(line: str) -> list[int]:
    cuts = []
    for match in _SENTENCE_END.finditer(line):
        if _ABBREVIATION.search(line[: match.start()]):
            continue
        if match.start() == match.end():  # no space at the cut: "...purpose.Environment", or one token?
            token = re.search(r"\S*$", line[: match.start()]).group(0) + re.match(r"\S*", line[match.end() :]).group(0)
            if "@" in token or "/" in token or token.lower().startswith("www."):
                continue  # "Jane.Doe@mail.com", "www.Example.Com": one token, not two sentences
        cuts.append(match.end())
    return cuts


def _date_cuts(line: str) -> list[int]:
    cuts = []
    for match, _span in date_ranges(line):
        before = line[: match.start()].rstrip()
        if len(before) >= 20 and not before.endswith(("(", "-", "–", "—", "from", "From")):
            cuts.append(match.start())
    return cuts


def _pack_list(line: str) -> list[str]:
    """A long "a | b | c" (or ";" or ",") list as pieces of whole items, each as long as allowed."""
    for separator in _LIST_SEPARATORS:
        items = separator.split(line)
        if len(items) < 3:
            continue
        joiner = separator.pattern.replace(r"\s+", " ").replace("\\", "").strip()
        glue = f" {joiner} " if joiner == "|" else f"{joiner} "
        pieces: list[str] = []
        for item in items:
            if pieces and len(pieces[-1]) + len(glue) + len(item) <= LONG_LINE:
                pieces[-1] = f"{pieces[-1]}{glue}{item}"
            else:
                pieces.append(item)
        return pieces
    return [line]


def _apply(pieces: list[str], split: Callable[[str], list[str]], *, only_long: bool) -> list[str]:
    out: list[str] = []
    for piece in pieces:
        out.extend(split(piece) if len(piece) > LONG_LINE or not only_long else [piece])
    return out


def split_statement_line(line: str) -> list[str]:
    """A normalised line too long to be a statement, as the statement-sized lines it holds (module doc, steps 2-3):
    bullets, headings and sentence ends cut every piece of it, date ranges and list separators only pieces still
    too long."""
    pieces = [line]
    pieces = _apply(pieces, lambda piece: _cut(piece, _bullet_cuts(piece)), only_long=False)
    pieces = _apply(pieces, lambda piece: _cut(piece, _heading_cuts(piece)), only_long=False)
    pieces = _apply(pieces, lambda piece: _cut(piece, _sentence_cuts(piece)), only_long=False)
    pieces = _apply(pieces, lambda piece: _cut(piece, _date_cuts(piece)), only_long=True)
    pieces = _apply(pieces, _pack_list, only_long=True)
    out = []
    for piece in pieces:
        cleaned = normalize_line(piece)
        if cleaned.startswith("* "):
            cleaned = f"{BULLET} {cleaned[2:]}"
        if cleaned:
            out.append(cleaned)
    return out


def statement_lines(raw: str) -> str:
    """`normalize_text(raw)` with every line longer than `LONG_LINE` re-split into statement-sized lines."""
    out: list[str] = []
    for line in _RAW_LINE_BREAK.split(raw):
        if len(line) <= LONG_LINE or len(" ".join(line.split())) <= LONG_LINE:
            out.extend(split_glued_heading(line))
            continue
        for gapped in _GAP.split(line):  # step 1, on the raw line: its blank runs are gone once normalised
            out.extend(split_statement_line(normalize_text(gapped)))
    return normalize_text("\n".join(out))


def long_lines(text: str) -> list[int]:
    """1-based numbers of the lines longer than one statement."""
    return [number for number, line in enumerate(text.split("\n"), 1) if len(line) > LONG_LINE]
