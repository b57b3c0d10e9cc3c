"""Counterfactual resumes for the wider fairness tests (`bench/fairness.py`): from one real resume's text, versions
that differ only in something that says a person's age (graduation years), ethnicity (an address, a school), family
or service (a gap for parental leave or military service), or first language (the same facts, non-native phrasing).

The edits are in `bench/data/counterfactuals.json`; each returns None when the resume has nothing to edit (no
education year, no school named, no experience section), so only resumes that really differ are compared.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobfit.documents.models import ParsedResume

DATA = json.loads((Path(__file__).parent / "data" / "counterfactuals.json").read_text())
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True)
class Variant:
    name: str
    family: str  # age | place | school | gap | phrasing
    text: str


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _section_lines(resume: ParsedResume, name: str) -> range:
    """0-based indexes of a section's lines after its heading (empty when the resume has no such section)."""
    section = resume.sections.get(name)
    if section is None:
        return range(0)
    return range(section.start_line, section.end_line)  # start_line is the 1-based heading: its next line onward


def shift_graduation_years(text: str, resume: ParsedResume, years: int) -> str | None:
    """Every year written in the education section moved by `years` (graduating earlier says the person is older)."""
    lines = _lines(text)
    changed = False
    for i in _section_lines(resume, "education"):
        new = YEAR.sub(lambda m: str(int(m.group(1)) + years), lines[i])
        changed |= new != lines[i]
        lines[i] = new
    return "\n".join(lines) if changed else None


def drop_graduation_years(text: str, resume: ParsedResume) -> str | None:
    """The education section without its years (advice often given to older applicants)."""
    lines = _lines(text)
    changed = False
    for i in _section_lines(resume, "education"):
        if YEAR.search(lines[i]):  # only lines with a year: the rest keep their spacing
            lines[i] = re.sub(r"\s{2,}", " ", YEAR.sub("", lines[i])).rstrip(" ,-–(")
            changed = True
    return "\n".join(lines) if changed else None


def with_address(text: str, address: str) -> str:
    """An address line under the first line (where a resume's header puts it)."""
    lines = _lines(text)
    return "\n".join([*lines[:1], address, *lines[1:]])


def with_school(text: str, resume: ParsedResume, school: str) -> str | None:
    """Every mention of the first school the parser found, renamed."""
    institution = next((e.institution for e in resume.education if e.institution and e.institution in text), None)
    if not institution or len(institution) < 6:
        return None
    return text.replace(institution, school)


def with_gap(text: str, resume: ParsedResume, line: str) -> str | None:
    """A line for a career gap, first in the experience section (right under its heading)."""
    section = resume.sections.get("experience")
    if section is None:
        return None
    lines = _lines(text)
    return "\n".join([*lines[:section.start_line], line, *lines[section.start_line:]])


def _case_like(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def non_native(text: str, resume: ParsedResume, rules: dict[str, Any] | None = None) -> str | None:
    """The experience and summary sections' sentences rephrased as a non-native writer might: articles dropped and
    verbs made periphrastic. Only function words and verbs change: skills, employers, titles and numbers stay."""
    rules = rules or DATA["non_native"]
    drop = re.compile(r"\b(?:" + "|".join(rules["drop_words"]) + r")\s+", re.IGNORECASE)
    lines = _lines(text)
    changed = False
    for name in ("experience", "summary"):
        for i in _section_lines(resume, name):
            new = drop.sub("", lines[i])
            for old, replacement in rules["replace"]:
                new = re.sub(rf"\b{re.escape(old)}\b", lambda m, r=replacement: _case_like(m.group(0), r), new,
                             flags=re.IGNORECASE)
            changed |= new != lines[i]
            lines[i] = new
    return "\n".join(lines) if changed else None


def variants(text: str, resume: ParsedResume) -> list[Variant]:
    """Every counterfactual of this resume that differs from it (its text is `text`, parsed as `resume`)."""
    made: list[tuple[str, str, Callable[[], str | None]]] = [
        (f"graduation years {DATA['graduation_year_shift']:+d}", "age",
         lambda: shift_graduation_years(text, resume, DATA["graduation_year_shift"])),
        ("graduation years removed", "age", lambda: drop_graduation_years(text, resume)),
        *[(name, "place", lambda a=address: with_address(text, a)) for name, address in DATA["addresses"].items()],
        *[(name, "school", lambda s=school: with_school(text, resume, s)) for name, school in DATA["schools"].items()],
        *[(name, "gap", lambda g=gap: with_gap(text, resume, g)) for name, gap in DATA["gaps"].items()],
        ("non-native phrasing", "phrasing", lambda: non_native(text, resume)),
    ]
    out = []
    for name, family, make in made:
        edited = make()
        if edited is not None and edited != text:
            out.append(Variant(name, family, edited))
    return out
