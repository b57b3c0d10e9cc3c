"""Text normalisation for matching: tokens, light stemming, stopwords and phrase search over lines.

Everything here is deterministic and dependency-free so that every score can be traced back to
the exact words on a resume line.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain

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

# Words that appear in almost every job ad and say nothing about fit.
JOB_AD_FILLER: frozenset[str] = frozenset(
    """
    ability able apply applicant applicants candidate candidates company excellent experience experienced
    familiarity familiar good great ideal including job join knowledge looking must new opportunity plus
    position preferred proven related required requirement requirements responsibilities responsible role
    skills skill strong successful team understanding well work working year years demonstrated etc
    desired equivalent minimum prefer qualifications qualification relevant solid we're you'll
    you're will seeking duties key high highly level wide range various within across need needs help
    make use using get like best world-class tools similar proficiency proficient popular degree field
    build building develop developing modern environment practices submit submitting resume salary please
    email opportunities growth professional fast-paced paced fast ensure support provide based bonus
    preferably ideally closely other others many new along able hands-on hand day days per part time
    """.split()  # noqa: SIM905
)

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


class LineIndex:
    """Stemmed tokens per line of a document, for phrase and word look-ups.

    `lines[i]` is line i+1 of the text (1-based line numbers as in the document contract).
    Build it from text, or from already tokenised lines with `from_tokens` (no regex work).
    """

    __slots__ = ("_counts", "line_tokens", "lines", "postings")

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        self._set(lines, line_content_tokens(text))

    @classmethod
    def from_tokens(cls, lines: list[str], line_tokens: list[list[str]]) -> LineIndex:
        """An index over `lines` whose `content_tokens` are already known (one list per line)."""
        if len(lines) != len(line_tokens):
            raise ValueError(f"{len(lines)} lines but {len(line_tokens)} token lists")
        index = cls.__new__(cls)
        index._set(lines, line_tokens)
        return index

    @classmethod
    def from_stored(
        cls, lines: list[str], line_tokens: list[list[str]], postings: dict[str, list[int]]
    ) -> LineIndex:
        """An index whose `postings` were stored with it (trusted as built by `_set`: no rebuild, no copy)."""
        if len(lines) != len(line_tokens):
            raise ValueError(f"{len(lines)} lines but {len(line_tokens)} token lists")
        index = cls.__new__(cls)
        index.lines = lines
        index.line_tokens = line_tokens
        index._counts = None
        index.postings = postings
        return index

    def _set(self, lines: list[str], line_tokens: list[list[str]]) -> None:
        self.lines: list[str] = lines
        self.line_tokens: list[list[str]] = line_tokens
        self._counts: Counter[str] | None = None
        postings: dict[str, list[int]] = {}  # term -> the lines holding it, ascending, each once
        get = postings.get
        for number, toks in enumerate(line_tokens, start=1):
            for tok in toks:
                found = get(tok)
                if found is None:
                    postings[tok] = [number]
                elif found[-1] != number:
                    found.append(number)
        self.postings = postings

    @property
    def counts(self) -> Counter[str]:
        """Occurrences of each stemmed term in the whole document (built on first use; do not mutate)."""
        if self._counts is None:
            self._counts = Counter(chain.from_iterable(self.line_tokens))
        return self._counts

    def count(self, term: str) -> int:
        """Occurrences of a single stemmed term in the whole document."""
        return self.counts.get(term, 0)

    def phrase_lines(self, terms: tuple[str, ...]) -> list[int]:
        """Lines holding every term of the phrase, contiguous and in order (1-based)."""
        if not terms:
            return []
        candidates = self.postings.get(terms[0], [])
        if len(terms) == 1:
            return list(candidates)
        found: list[int] = []
        width = len(terms)
        for number in candidates:
            toks = self.line_tokens[number - 1]
            if not all(t in toks for t in terms[1:]):
                continue
            if any(tuple(toks[i : i + width]) == terms for i in range(len(toks) - width + 1)):
                found.append(number)
        return found

    def phrase_count(self, terms: tuple[str, ...], lines: list[int] | None = None) -> int:
        """Occurrences of the phrase (contiguous, in order) across all lines.

        `lines` may pass `phrase_lines(terms)` when the caller already has it.
        """
        if len(terms) == 1:
            return self.count(terms[0])
        width = len(terms)
        total = 0
        for number in self.phrase_lines(terms) if lines is None else lines:
            toks = self.line_tokens[number - 1]
            total += sum(1 for i in range(len(toks) - width + 1) if tuple(toks[i : i + width]) == terms)
        return total

    def best_partial_line(self, terms: tuple[str, ...]) -> tuple[int | None, float]:
        """The line covering the largest share of the phrase's words (any order), and that share."""
        if not terms:
            return None, 0.0
        hits: dict[int, int] = {}
        unique = set(terms)
        for term in unique:
            for number in self.postings.get(term, ()):
                hits[number] = hits.get(number, 0) + 1
        if not hits:
            return None, 0.0
        best = min(hits, key=lambda n: (-hits[n], n))
        return best, hits[best] / len(unique)


@lru_cache(maxsize=8192)
def clean_title(title: str) -> str:
    """A job title without parenthesised notes, numbers or ad filler ('PM (10+ Years)' -> 'PM')."""
    text = re.sub(r"\([^)]*(?:\)|$)|\[[^\]]*(?:\]|$)", " ", title)  # also an unclosed "(5+ years"
    text = re.split(r"\s[-–|/]\s|,", text)[0]
    words = [w for w in text.split() if not w[0].isdigit() and w.lower().strip(".:") not in JOB_AD_FILLER]
    return " ".join(words).strip() or title.strip()
