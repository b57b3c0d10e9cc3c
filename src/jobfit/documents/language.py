"""A small stopword-based language guess (en, es, fr, de, pt, it, nl): enough to flag non-English text."""

from __future__ import annotations

import re

from jobfit.documents.data import load_json

_WORDS = load_json("stopwords.json")  # word lists, in data/stopwords.json
STOPWORDS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _WORDS["STOPWORDS"].items()}
_WORD = re.compile(r"[^\W\d_]+")
MIN_HITS = 5


def detect_language(text: str) -> str | None:
    """Language code with the most stopword hits, or None when the text gives too little evidence."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return None
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < MIN_HITS:
        return None
    return best
