"""Tokenisation and normalisation shared by the taxonomy index and the extractor.

Both sides go through the same functions, so "scikit-learn", "scikit learn" and "Scikit Learn" all become
("scikit", "learn"), "CI/CD" and "CI CD" become ("ci", "cd"), while "C", "C++", "C#" and ".NET" stay
distinct tokens. Plural forms are folded ("APIs" -> "api", "policies" -> "policy") for
case-insensitive keys only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A token: optional leading dot only at a word start (".NET" but not the ".js" of "Node.js"),
# alphanumerics joined by "&" or an apostrophe ("R&D", "AT&T", "master's"), then "++", "+" or "#".
TOKEN_RE = re.compile(r"(?<![A-Za-z0-9])\.?[A-Za-z0-9]+(?:[&'’][A-Za-z0-9]+)*(?:\+\+|\+|#)?")
# Characters between two tokens that still allow a phrase to continue across them.
_PLAIN = re.compile(r"^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$")
_SOFT_GAP_CHARS = " \t\r\f\v-/.&\u00a0"
_NO_FOLD_ENDINGS = ("ss", "us", "is", "ics", "ous", "'s")


@dataclass(slots=True)
class LineTokens:
    """The tokens of one line as parallel lists (cheaper than one object per token)."""

    raws: list[str]  # as written
    keys: list[str]  # case-folded, singular
    starts: list[int]
    ends: list[int]
    blocks: list[int]  # tokens of one block are not separated by hard punctuation (",", ";", "(" ...)


def singular(word: str) -> str:
    """Fold a lower-case English plural to its singular; leaves short and non-alphabetic words alone."""
    if len(word) < 4 or not word.isalpha() or not word.endswith("s") or word.endswith(_NO_FOLD_ENDINGS):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=65536)
def fold(raw: str) -> str:
    """The case-insensitive key of one token (memoised: vocabularies repeat a lot)."""
    word = raw.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return singular(word)


def tokenize(text: str) -> LineTokens:
    """Tokens of one line of text, with their character offsets and phrase blocks."""
    raws: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    blocks: list[int] = []
    block = 0
    prev_end = -1
    for match in TOKEN_RE.finditer(text):
        start, end = match.span()
        if prev_end >= 0 and start > prev_end and text[prev_end:start].strip(_SOFT_GAP_CHARS):
            block += 1
        raws.append(match.group())
        starts.append(start)
        ends.append(end)
        blocks.append(block)
        prev_end = end
    return LineTokens(raws, [fold(r) for r in raws], starts, ends, blocks)


def form_tokens(form: str) -> list[str]:
    """Raw tokens of a taxonomy surface form."""
    if _PLAIN.match(form):
        return form.split()
    return TOKEN_RE.findall(form)


_TAG_PREFIX = re.compile(r"(?:^|[^\w-])[a-z]{1,2}-$")


def after_tag_prefix(text: str, start: int) -> bool:
    """Is text[start:] the second part of a name written with a short lower-case prefix and a hyphen ("rx-java"
    is RxJava, not Java; "re-design", "e-learning")?"""
    return _TAG_PREFIX.search(text, max(0, start - 4), start) is not None


def hyphen_glued(text: str, start: int, end: int) -> bool:
    """Is text[start:end] attached to a neighbouring word by a hyphen ("C-level", "Go-getter")?"""
    before = start > 1 and text[start - 1] == "-" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum()
    return before or after
