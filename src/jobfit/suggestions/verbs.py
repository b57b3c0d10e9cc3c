"""Verb forms for resume bullets: past tense of a base, gerund or present form, weak openings and their
stronger rewrites, and synonyms for verbs repeated across bullets.

Small tables plus regular English rules: enough for the verbs resumes start bullets with.
"""

from __future__ import annotations

import re

from jobfit.suggestions.data import load_json

_WORDS = load_json("verbs.json")  # word lists, in data/verbs.json
IRREGULAR_PAST: dict[str, str] = dict(_WORDS["IRREGULAR_PAST"])
# Base forms of the regular verbs resumes open bullets with (irregular ones are the keys above).
REGULAR_BASES = frozenset(_WORDS["REGULAR_BASES"])
KNOWN_BASES = REGULAR_BASES | frozenset(IRREGULAR_PAST)
_DOUBLE_FINAL = frozenset(_WORDS["_DOUBLE_FINAL"])
_VOWELS = set("aeiou")

# Stronger verbs for one repeated too often (first choice first).
SYNONYMS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _WORDS["SYNONYMS"].items()}


def _regular_past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if len(base) > 2 and base.endswith("y") and base[-2] not in _VOWELS:
        return base[:-1] + "ied"
    if base in _DOUBLE_FINAL:
        return base + base[-1] + "ed"
    return base + "ed"


def base_past(base: str) -> str:
    """Past tense of a base form ('build' -> 'built', 'manage' -> 'managed')."""
    return IRREGULAR_PAST.get(base, _regular_past(base))


def gerund_past(word: str) -> str | None:
    """Past tense of an -ing form ('building' -> 'built', 'managing' -> 'managed'), None if not an -ing verb."""
    word = word.lower()
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    candidates = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])
    for candidate in candidates:
        if candidate in IRREGULAR_PAST:
            return IRREGULAR_PAST[candidate]
    if len(stem) > 2 and stem.endswith("y") and stem[-2] not in _VOWELS:
        return stem[:-1] + "ied"
    return stem + "ed"


def present_base(word: str) -> str | None:
    """The base of a present-tense verb that opens a bullet ('Develops' -> 'develop'), None if not one."""
    word = word.lower()
    if word in KNOWN_BASES:
        return word
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + repl in KNOWN_BASES:
            return word[: len(word) - len(suffix)] + repl
    return None


def is_known_gerund(word: str) -> bool:
    """True for the -ing form of a known resume verb ('Developing', 'Leading')."""
    word = word.lower()
    if not word.endswith("ing"):
        return False
    stem = word[:-3]
    return any(c in KNOWN_BASES for c in (stem, stem + "e", stem[:-1] if len(stem) > 2 else stem))


def to_past(word: str) -> str | None:
    """Past tense of a present or -ing opening verb, keeping its capitalisation; None if not one."""
    if is_known_gerund(word):
        past = gerund_past(word)
    else:
        base = present_base(word)
        past = base_past(base) if base else None
    if past is None:
        return None
    return past.capitalize() if word[:1].isupper() else past


# Weak openings and how to rewrite them: (pattern at the start of a statement, replacement builder).
WEAK_OPENINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("responsible for", re.compile(r"(?i)^(?:was\s+|were\s+)?responsible\s+for\s+(?P<rest>\S)")),
    ("helped", re.compile(r"(?i)^helped\s+(?:to\s+)?(?P<verb>[a-z]+)\b")),
    ("worked on", re.compile(r"(?i)^worked\s+on\s+(?P<rest>\S)")),
    ("worked with", re.compile(r"(?i)^worked\s+with\s+(?P<rest>\S)")),
    ("assisted with", re.compile(r"(?i)^(?:assisted|participated|involved)\s+(?:with|in)\s+(?P<rest>\S)")),
    ("tasked with", re.compile(r"(?i)^(?:was\s+)?(?:tasked\s+with|duties\s+included)\s+(?P<rest>\S)")),
)


def strengthen_opening(statement: str) -> tuple[str, int, str] | None:
    """(weak phrase, length of the opening to replace, replacement) for a statement that opens weakly.

    'Responsible for managing the team' -> ('responsible for', 25, 'Managed'): replace the first 25
    characters ('Responsible for managing') with 'Managed'. Nothing is added beyond a verb.
    """
    for phrase, pattern in WEAK_OPENINGS:
        match = pattern.match(statement)
        if match is None:
            continue
        if phrase == "helped":
            verb = match.group("verb").lower()
            if verb not in KNOWN_BASES:
                return None
            return phrase, match.end(), base_past(verb).capitalize()
        start = match.start("rest")
        first = re.match(r"[A-Za-z]+", statement[start:])
        after = statement[start + first.end() : start + first.end() + 2] if first else ""
        if first and is_known_gerund(first.group(0)) and re.match(r" [A-Za-z]", after):
            return phrase, start + first.end(), (gerund_past(first.group(0)) or "").capitalize()
        replacement = {
            "responsible for": "Owned",
            "worked on": "Delivered",
            "worked with": "Collaborated with",
            "assisted with": "Contributed to",
            "tasked with": "Owned",
        }[phrase]
        return phrase, start, replacement + " "
    return None
