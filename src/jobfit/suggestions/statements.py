"""Statements of a resume's work sections: bullets and sentences, with where each starts and ends.

Resume text from PDFs wraps sentences over lines and puts several sentences on one line, so a statement
is a bullet or a sentence: it starts after a bullet glyph, a blank line, an entry header or a sentence end,
and ends at '.', ';', '!' or '?' followed by a space or the line end (or where the next one starts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jobfit.documents.experience import DATE_RANGE
from jobfit.documents.models import ExperienceEntry, ParsedResume

STATEMENT_SECTIONS = ("experience", "projects", "volunteer")  # whose lines are work statements to improve
_BULLET = re.compile(r"^\s*(?:[•\-*·▪–]\s*)")
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")
_FIRST_WORD = re.compile(r"[A-Za-z][A-Za-z\-']*")
NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "dozen",
        "dozens",
        "double",
        "doubled",
        "triple",
        "tripled",
        "half",
        "halved",
        "percent",
    ]
)


@dataclass
class Statement:
    """One bullet or sentence; `line`/`col` is where its text starts, `end_line`/`end_col` where it ends."""

    section: str
    line: int
    col: int
    end_line: int = 0
    end_col: int = 0
    parts: list[str] = field(default_factory=list)
    entry: ExperienceEntry | None = None

    @property
    def text(self) -> str:
        out = ""
        for part in self.parts:
            part = part.strip()
            out = out[:-1] + part if out.endswith("-") and part[:1].islower() else f"{out} {part}" if out else part
        return out

    @property
    def first_word(self) -> str:
        match = _FIRST_WORD.match(self.text)
        return match.group(0) if match else ""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def has_number(self) -> bool:
        text = self.text
        return bool(re.search(r"\d|%|[$€£¥]", text)) or any(
            w in NUMBER_WORDS for w in re.findall(r"[a-z]+", text.lower())
        )


def _entry_for(entries: list[ExperienceEntry], line: int) -> ExperienceEntry | None:
    best: ExperienceEntry | None = None
    for entry in entries:
        if entry.line is not None and entry.line <= line and (best is None or entry.line >= (best.line or 0)):
            best = entry
    return best


def work_statements(resume: ParsedResume) -> list[Statement]:
    """Statements of the experience, projects and volunteer sections, in reading order."""
    lines = resume.text_content.split("\n")
    headers = {e.line for e in resume.experience if e.line is not None}
    out: list[Statement] = []
    for name in STATEMENT_SECTIONS:
        section = resume.sections.get(name)
        if section is None:
            continue
        current: Statement | None = None

        def flush() -> None:
            nonlocal current
            if current is not None and current.parts and current.text:
                out.append(current)
            current = None

        for number in range(section.start_line + 1, min(section.end_line, len(lines)) + 1):
            raw = lines[number - 1]
            if not raw.strip() or number in headers or (DATE_RANGE.search(raw) and not raw.rstrip().endswith(".")):
                flush()
                continue
            bullet = _BULLET.match(raw)
            col = bullet.end() if bullet else len(raw) - len(raw.lstrip())
            if bullet:
                flush()
            pos = col
            for match in _SENTENCE_END.finditer(raw, col):
                if current is None:
                    start = pos + len(raw[pos:]) - len(raw[pos:].lstrip())
                    current = Statement(
                        name,
                        number,
                        start,
                        entry=_entry_for(resume.experience, number) if name == "experience" else None,
                    )
                current.parts.append(raw[pos : match.end()])
                current.end_line, current.end_col = number, match.end()
                flush()
                pos = match.end()
            rest = raw[pos:]
            if rest.strip():
                if current is None:
                    start = pos + len(rest) - len(rest.lstrip())
                    current = Statement(
                        name,
                        number,
                        start,
                        entry=_entry_for(resume.experience, number) if name == "experience" else None,
                    )
                current.parts.append(rest)
                current.end_line, current.end_col = number, len(raw.rstrip())
        flush()
    return out
