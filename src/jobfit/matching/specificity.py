"""Term specificity: how rare a (stemmed) term is in a generic background corpus of job ads and resumes.

Rare, specific requirements ("hibernate", "avionics") tell candidates apart more than ubiquitous ones
("communication", "team"), so skill and keyword requirements are weighted by their inverse document
frequency, idf(t) = ln(1 + N / df(t)), with N background documents and df(t) = documents holding t
(an unseen term counts as df = 1: maximally specific). A phrase's specificity is the mean idf of its words.

The table `data/term_df.json.gz` (~30 KB) is built by `bench/build_term_df.py` from SkillSpan job postings
(MIT) and the dotin resume texts (CC0): 624 documents, no benchmark labels. Its terms are
`text.content_tokens` stems, so rebuild it when stemming changes. Loaded once, lazily; if the file is
missing every term gets the same weight (scores stay valid, only unweighted).
"""

from __future__ import annotations

import gzip
import json
import math
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
