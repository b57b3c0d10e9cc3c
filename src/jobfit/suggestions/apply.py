"""Apply accepted suggestions to resume text, deterministically.

Every edit is resolved against the lines of the *original* text, so several edits can be applied at once
without line numbers drifting:

- a replacement (`original_text` non-empty) rewrites the first occurrence of `original_text` on line
  `line_number`; if that line no longer contains it (the text changed since the suggestion was made, or an
  earlier edit in the same call rewrote it) the edit is skipped;
- an insertion (`original_text` empty) adds `suggested_text` (one or more lines) after line `line_number`
  (0 = before the first line); without a line number it goes after the last line of `section_name`, or at
  the end of the text when that section does not exist.

Edits are applied in the order given; insertions after the same line keep that order.
"""

from __future__ import annotations

from collections.abc import Iterable

from jobfit.documents.sections import split_sections
from jobfit.suggestions.models import Suggestion


def _insertion_anchor(lines: list[str], suggestion: Suggestion, text: str) -> int:
    if suggestion.line_number is not None:
        return min(suggestion.line_number, len(lines))
    if suggestion.section_name:
        section = split_sections(text)[0].get(suggestion.section_name)
        if section is not None:
            end = min(section.end_line, len(lines))
            while end > section.start_line and not lines[end - 1].strip():
                end -= 1
            return end
    return len(lines)


def apply_suggestions(resume_text: str, suggestions: Iterable[Suggestion]) -> str:
    """`resume_text` with the suggestions' edits applied; advice-only and stale edits are skipped."""
    lines = resume_text.split("\n")
    current = list(lines)
    inserts: dict[int, list[str]] = {}
    for suggestion in suggestions:
        if not suggestion.suggested_text and not suggestion.original_text:
            continue
        if suggestion.original_text:
            number = suggestion.line_number
            if number is None or not 1 <= number <= len(lines):
                continue
            line = current[number - 1]
            if suggestion.original_text not in line:
                continue
            current[number - 1] = line.replace(suggestion.original_text, suggestion.suggested_text or "", 1)
        else:
            anchor = _insertion_anchor(lines, suggestion, resume_text)
            inserts.setdefault(anchor, []).extend((suggestion.suggested_text or "").split("\n"))
    out: list[str] = list(inserts.get(0, []))
    for number, line in enumerate(current, start=1):
        out.append(line)
        out.extend(inserts.get(number, []))
    return "\n".join(out)
