"""Text normalisation for matching: tokens, light stemming, stopwords and phrase search over lines.

Everything here is deterministic and dependency-free so that every score can be traced back to
the exact words on a resume line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, KeysView, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

# Tokens keep technology spellings intact: c++, c#, .net, node.js, ci/cd is split on "/".
_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9+#]*(?:\.[a-z0-9+#]+)*|\.[a-z][a-z0-9]*")
# The same tokens plus each line break as a token of its own: tokenises a whole document in one pass.
_TOKEN_OR_NEWLINE_RE = re.compile(_TOKEN_RE.pattern + r"|\n")

STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each etc few for from further had
    has have having here how i if in into is it its itself just me more most my no nor not now of off on
    once only or other our ours out over own per same shall should so some such than that the their them
    then there these they this those through to too under until up upon very via was we were what when
    where which while who whom why will with within without would you your yours us e.g i.e ie eg
    """.split()  # noqa: SIM905
)

# Words that appear in almost every job ad and say nothing about fit (data/job_ad_words.json).
AD_WORDS = json.loads(resources.files("jobfit.matching").joinpath("data", "job_ad_words.json").read_text())
_ROLE_HEADS_DATA = json.loads(resources.files("jobfit.matching").joinpath("data", "role_heads.json").read_text())
# Generic heads of job titles ("engineer", "manager"): the part of a title that names the role holds one.
ROLE_HEADS: frozenset[str] = frozenset(_ROLE_HEADS_DATA["words"])
# Titles that all name a software developer ("Software Engineer", "Java Developer"), for the title claim.
SOFTWARE_ROLES: dict[str, list[str]] = {k: v for k, v in _ROLE_HEADS_DATA["software_roles"].items() if k != "_about"}
GENERIC_TITLE_WORDS: frozenset[str] = frozenset(_ROLE_HEADS_DATA["generic_words"]["words"])
# Seniority words of a post held at the role below its level ("Junior"), and words of where a job is worked
# ("onsite or remote"): data/role_heads.json junior_words, title_noise.
JUNIOR_WORDS: frozenset[str] = frozenset(_ROLE_HEADS_DATA["junior_words"]["words"])
TITLE_NOISE: frozenset[str] = frozenset(_ROLE_HEADS_DATA["title_noise"]["words"])
JOB_AD_FILLER: frozenset[str] = frozenset(AD_WORDS["filler"])
# Filler words that also name part of a post ("Knowledge Management Consultant"): data/role_heads.json.
ROLE_NAME_FILLER: frozenset[str] = frozenset(_ROLE_HEADS_DATA["role_name_filler"]["words"])

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "s")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A light, deterministic suffix stripper: 'testing', 'tested', 'tests' -> 'test'."""
    if len(token) <= 4 or not token.isalpha():
        return token
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            base = token[: -len(suffix)]
            if suffix == "ies":
                return base + "y"
            if suffix == "ied":
                return base + "y"
            if len(base) >= 2 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]  # planning -> plann -> plan
            return base
    return token


def tokens(text: str) -> list[str]:
    """Lower-cased tokens of `text` (no stemming, stopwords kept)."""
    return _TOKEN_RE.findall(text.lower().replace("’", "'"))


# token -> stem, or "" for a stopword (a plain dict: the hot path). "\n" maps to itself: a line break marker
# for `line_content_tokens` (a real token never contains one).
_CONTENT: dict[str, str] = {"\n": "\n"}


def _content(token: str) -> str:
    value = "" if (token in STOPWORDS or len(token) <= 1) and token not in ("c", "r") else stem(token)
    if len(_CONTENT) < 200_000:
        _CONTENT[token] = value
    return value


def content_tokens(text: str) -> list[str]:
    """Stemmed tokens with stopwords removed: the unit of lexical matching."""
    get = _CONTENT.get
    out = []
    for t in _TOKEN_RE.findall(text.lower().replace("’", "'")):
        s = get(t)
        if s is None:
            s = _content(t)
        if s:
            out.append(s)
    return out


def line_content_tokens(text: str) -> list[list[str]]:
    """`content_tokens` of each line of `text` (`text.split("\\n")`), computed in one pass over the text."""
    found = _TOKEN_OR_NEWLINE_RE.findall(text.lower().replace("’", "'"))
    stems = list(map(_CONTENT.get, found))
    if None in stems:
        stems = [_content(t) if s is None else s for s, t in zip(stems, found, strict=True)]
    # Stems hold no whitespace, stopwords are "": join, cut at the line breaks, split on the spaces.
    return [segment.split() for segment in " ".join(stems).split("\n")]  # type: ignore[arg-type]


def phrase_terms(phrase: str) -> tuple[str, ...]:
    """The stemmed content words of a requirement phrase ('Purchase Planning' -> ('purchase', 'plan'))."""
    return tuple(content_tokens(phrase))


def has_run(words: tuple[str, ...], names: tuple[str, ...]) -> bool:
    """Whether `names` occurs in `words` as a run of consecutive items."""
    n = len(names)
    return any(words[k : k + n] == names for k in range(len(words) - n + 1))


class LineIndex:
    """Stemmed tokens per line of a document, for phrase and word look-ups.

    `lines[i]` is line i+1 of the text (1-based line numbers as in the document contract).
    Build it from text, or reload the form `stored()` wrote with `from_stored`. A reloaded index is lazy: a
    term's line list is parsed, and a line tokenised again, only when a look-up reaches them. Ranking reads a
    few dozen terms of each candidate, so most of a stored index is never turned into Python objects.
    """

    __slots__ = ("_length", "_postings", "_repeats", "_stored_postings", "_terms", "_tokens", "lines")

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        self._set(lines, line_content_tokens(text))

    @classmethod
    def from_stored(cls, lines: list[str], stored: Mapping[str, Any]) -> LineIndex:
        """The index `stored()` wrote, over `lines` (trusted as written: nothing is checked or rebuilt)."""
        index = cls.__new__(cls)
        index.lines = lines
        index._tokens = [None] * len(lines)
        index._stored_postings = index._terms = stored["postings"]
        index._postings = {}
        index._repeats = stored["repeats"]
        index._length = int(stored["length"])
        return index

    def stored(self) -> dict[str, Any]:
        """A JSON-safe form of the index (without the lines): each term's lines as one string ("3 17 40"), the
        terms repeated on a line, and the length. A line's tokens are not stored: tokenising it again gives
        them (tokens never span a line break)."""
        stored_postings = self._stored_postings
        if stored_postings is None:
            stored_postings = {t: " ".join(map(str, numbers)) for t, numbers in self._postings.items()}
        return {"postings": stored_postings, "repeats": self._repeats, "length": self._length}

    def _set(self, lines: list[str], line_tokens: list[list[str]]) -> None:
        self.lines: list[str] = lines
        self._tokens: list[list[str] | None] = line_tokens  # type: ignore[assignment]
        self._stored_postings: dict[str, str] | None = None
        postings: dict[str, list[int]] = {}  # term -> the lines holding it, ascending, each once
        repeats: dict[str, int] = {}  # term -> its occurrences beyond one per line
        get = postings.get
        length = 0
        for number, toks in enumerate(line_tokens, start=1):
            length += len(toks)
            for tok in toks:
                found = get(tok)
                if found is None:
                    postings[tok] = [number]
                elif found[-1] != number:
                    found.append(number)
                else:
                    repeats[tok] = repeats.get(tok, 0) + 1
        self._postings = self._terms = postings
        self._repeats = repeats
        self._length = length

    @property
    def vocabulary(self) -> KeysView[str]:
        """Every term of the document."""
        return self._terms.keys()

    def has(self, term: str) -> bool:
        return term in self._terms

    def lines_of(self, term: str) -> list[int]:
        """The lines holding `term`, ascending, each once (do not mutate the list)."""
        found = self._postings.get(term)
        if found is None:
            text = self._stored_postings.get(term) if self._stored_postings is not None else None
            if text is None:
                return []
            found = self._postings[term] = list(map(int, text.split()))
        return found

    def tokens_of(self, number: int) -> list[str]:
        """The stemmed content tokens of line `number` (1-based; do not mutate the list)."""
        toks = self._tokens[number - 1]
        if toks is None:
            toks = self._tokens[number - 1] = line_content_tokens(self.lines[number - 1])[0]
        return toks

    @property
    def line_tokens(self) -> list[list[str]]:
        """The tokens of every line (splits a reloaded index in full: for tests and rebuilding, not look-ups)."""
        return [self.tokens_of(number) for number in range(1, len(self.lines) + 1)]

    @property
    def postings(self) -> dict[str, list[int]]:
        """Every term's lines (parses a reloaded index in full: for tests and rebuilding, not look-ups)."""
        return {term: self.lines_of(term) for term in self.vocabulary}

    @property
    def length(self) -> int:
        """Content words in the whole document."""
        return self._length

    @property
    def counts(self) -> dict[str, int]:
        """Occurrences of every stemmed term, in first-occurrence order (counts them all: for building a
        profile, not for look-ups, which use `count` / `counts_of`)."""
        count = self.count
        return {term: count(term) for term in self.vocabulary}

    def count(self, term: str) -> int:
        """Occurrences of a single stemmed term in the whole document."""
        found = self._postings.get(term)
        if found is not None:
            return len(found) + self._repeats.get(term, 0)
        text = self._stored_postings.get(term) if self._stored_postings is not None else None
        if text is None:
            return 0
        return text.count(" ") + 1 + self._repeats.get(term, 0)  # lines stored as "3 17 40"

    def counts_of(self, terms: Iterable[str]) -> dict[str, int]:
        """The occurrences of those of `terms` that the document holds."""
        count = self.count
        return {term: count(term) for term in self.vocabulary & terms}

    def phrase_lines(self, terms: tuple[str, ...]) -> list[int]:
        """Lines holding every term of the phrase, contiguous and in order (1-based; do not mutate the list)."""
        return self.phrase_matches(terms)[0]

    def phrase_count(self, terms: tuple[str, ...], lines: list[int] | None = None) -> int:
        """Occurrences of the phrase (contiguous, in order) across all lines.

        `lines` may pass `phrase_lines(terms)` when the caller already has it.
        """
        if len(terms) == 1:
            return self.count(terms[0])
        if lines is None:
            return self.phrase_matches(terms)[1]
        return sum(_occurrences(self.tokens_of(number), terms) for number in lines)

    def phrase_matches(self, terms: tuple[str, ...]) -> tuple[list[int], int]:
        """(`phrase_lines`, `phrase_count`) of a phrase, found in one pass.

        Only the lines holding all of its words (the intersection of their line lists) are scanned for the
        phrase itself, so a phrase with a word the document lacks costs a few look-ups.
        """
        if not terms:
            return [], 0
        first = self.lines_of(terms[0])
        if not first:
            return first, 0
        if len(terms) == 1:
            return first, len(first) + self._repeats.get(terms[0], 0)
        if not all(map(self.has, terms[1:])):
            return [], 0
        common = set(first)
        for term in terms[1:]:
            common.intersection_update(self.lines_of(term))
            if not common:
                return [], 0
        found: list[int] = []
        total = 0
        for number in sorted(common):
            occurrences = _occurrences(self.tokens_of(number), terms)
            if occurrences:
                found.append(number)
                total += occurrences
        return found, total

    def best_partial_line(self, terms: tuple[str, ...]) -> tuple[int | None, float]:
        """The line covering the largest share of the phrase's words (any order), and that share."""
        if not terms:
            return None, 0.0
        hits: dict[int, int] = {}
        unique = set(terms)
        for term in unique:
            for number in self.lines_of(term):
                hits[number] = hits.get(number, 0) + 1
        if not hits:
            return None, 0.0
        best = min(hits, key=lambda n: (-hits[n], n))
        return best, hits[best] / len(unique)


def _occurrences(toks: list[str], terms: tuple[str, ...]) -> int:
    """How often the phrase `terms` (two or more words) appears, contiguous and in order, in `toks`."""
    head, rest, width = terms[0], list(terms[1:]), len(terms)
    found = 0
    at = -1
    try:
        while True:
            at = toks.index(head, at + 1)
            if toks[at + 1 : at + width] == rest:
                found += 1
    except ValueError:
        return found


def titled(title: str, text: str) -> str:
    """`text` with `title` as its first line, unless it already opens with it: what an ad says about the role
    starts with its name (the lexical component and the job's full-text vector read this)."""
    title = title.strip()
    if not title or text.lstrip()[: len(title)].lower() == title.lower():
        return text
    return f"{title}\n{text}"


_ROLE_HEAD_STEMS = frozenset(stem(word) for word in ROLE_HEADS)


@lru_cache(maxsize=8192)
def clean_title(title: str) -> str:
    """A job title without parenthesised notes, numbers or ad filler ('PM (10+ Years)' -> 'PM'); of a title in
    parts ('Cloud Services - SRE Manager', 'Data Engineer - Remote'), the first part naming a role."""
    text = re.sub(r"\([^)]*(?:\)|$)|\[[^\]]*(?:\]|$)", " ", title)  # also an unclosed "(5+ years"
    parts = re.split(r"\s[-–|/]\s|,", text)
    # "Cloud Services - Site Reliability Engineering Manager": the part that names a role, not the division
    text = next((part for part in parts if any(stem(t) in _ROLE_HEAD_STEMS for t in tokens(part))), parts[0])
    split = text.split()
    words = [w for i, w in enumerate(split) if not w[0].isdigit() and (
        w.lower().strip(".:") not in JOB_AD_FILLER or _names_part_of_post(w, split[i + 1 : i + 2]))]
    return " ".join(words).strip() or title.strip()


def _names_part_of_post(word: str, after: list[str]) -> bool:
    """Whether a filler word of a title names part of the post ("Key" of "Key Account Manager", data/role_heads.json
    role_name_filler): capitalised, right before another capitalised word."""
    return (word.lower() in ROLE_NAME_FILLER and word[0].isupper() and bool(after) and after[0][0].isupper())
