"""Term specificity: how rare a (stemmed) term is in a generic background corpus of job ads and resumes.

Rare, specific requirements ("hibernate", "avionics") tell candidates apart more than ubiquitous ones
("communication", "team"), so skill and keyword requirements are weighted by their inverse document
frequency, idf(t) = ln(1 + N / df(t)), with N background documents and df(t) = documents holding t
(an unseen term counts as df = 1: maximally specific). A phrase's specificity is the mean idf of its words.
The same idf weighs whole texts for the lexical similarity component (`tfidf_vector`).

The table `data/term_df.json.gz` (~30 KB) is built by `bench/build_term_df.py` from SkillSpan job postings
(MIT) and the dotin resume texts (CC0): 624 documents, no benchmark labels. Its terms are
`text.content_tokens` stems, so rebuild it when stemming changes. Loaded once, lazily; if the file is
missing every term gets the same weight (scores stay valid, only unweighted).
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "term_df.json.gz"


@lru_cache(maxsize=1)
def _table() -> tuple[int, dict[str, int]]:
    try:
        with gzip.open(TABLE, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        return int(data["n_docs"]), {str(k): int(v) for k, v in data["df"].items()}
    except (OSError, ValueError, KeyError):
        return 0, {}


@lru_cache(maxsize=1)
def _idf_table() -> tuple[dict[str, float], float]:
    """`idf` of every term in the table, and of an unseen term (for `tfidf_vector`: no call per term)."""
    n, df = _table()
    if n <= 0:
        return {}, 1.0
    return {t: math.log(1.0 + n / c) for t, c in df.items()}, math.log(1.0 + n)


def is_known(term: str) -> bool:
    """Whether a stemmed term occurs in the table's job postings (True for every term when there is no table)."""
    n, df = _table()
    return n <= 0 or term in df


def idf(term: str) -> float:
    """ln(1 + N / df) of one stemmed term; 1.0 for every term when there is no table."""
    n, df = _table()
    if n <= 0:
        return 1.0
    return math.log(1.0 + n / df.get(term, 1))


@lru_cache(maxsize=16384)
def phrase_specificity(terms: tuple[str, ...]) -> float:
    """Mean idf of a phrase's stemmed words (1.0 for an empty phrase)."""
    if not terms:
        return 1.0
    return sum(idf(t) for t in terms) / len(terms)


def tf_weight(count: int) -> float:
    """Sublinear term frequency: 1 + ln(tf)."""
    return 1.0 + math.log(count) if count > 1 else 1.0


def tfidf_vector(terms: Iterable[str]) -> dict[str, float]:
    """Unit-length TF-IDF vector of a document's stemmed terms: (1 + ln tf) x background idf per term.

    Empty for a document without terms. The idf is this module's background table, so one resume/job pair
    is scored alone, without statistics of a pool of documents.
    """
    weights, unseen = _idf_table()
    get = weights.get
    vector = {t: get(t, unseen) * tf_weight(c) for t, c in Counter(terms).items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm > 0 else {}


def tfidf_norm(counts: Mapping[str, int]) -> float:
    """Length of a document's (unnormalised) TF-IDF vector, from its term counts (0.0 without terms)."""
    weights, unseen = _idf_table()
    get = weights.get
    return math.sqrt(sum((get(t, unseen) * tf_weight(c)) ** 2 for t, c in counts.items()))


def tfidf_query(terms: Iterable[str]) -> dict[str, float]:
    """A job's side of the cosine: its unit TF-IDF weight x the idf of each term.

    The cosine with a resume is then sum(query[t] x tf_weight(count of t on the resume)) / the resume's
    `tfidf_norm`: no resume vector is built, only its counts of the job's terms are looked up.
    """
    weights, unseen = _idf_table()
    get = weights.get
    return {t: w * get(t, unseen) for t, w in tfidf_vector(terms).items()}
