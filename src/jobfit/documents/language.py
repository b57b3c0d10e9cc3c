"""A small stopword-based language guess (en, es, fr, de, pt, it, nl): enough to flag non-English text."""

from __future__ import annotations

import re

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        {
            "the",
            "and",
            "of",
            "to",
            "in",
            "for",
            "with",
            "on",
            "is",
            "are",
            "was",
            "as",
            "by",
            "at",
            "an",
            "be",
            "this",
            "that",
            "from",
            "have",
            "has",
            "or",
        }
    ),
    "es": frozenset(
        {
            "el",
            "la",
            "de",
            "que",
            "y",
            "en",
            "los",
            "las",
            "del",
            "por",
            "con",
            "para",
            "una",
            "un",
            "es",
            "se",
            "al",
            "como",
            "más",
            "su",
            "lo",
        }
    ),
    "fr": frozenset(
        {
            "le",
            "la",
            "les",
            "de",
            "des",
            "et",
            "en",
            "du",
            "un",
            "une",
            "pour",
            "dans",
            "sur",
            "est",
            "avec",
            "par",
            "au",
            "aux",
            "que",
            "qui",
            "ce",
        }
    ),
    "de": frozenset(
        {
            "der",
            "die",
            "das",
            "und",
            "in",
            "den",
            "von",
            "zu",
            "mit",
            "für",
            "auf",
            "ist",
            "im",
            "dem",
            "des",
            "ein",
            "eine",
            "nicht",
            "als",
            "bei",
        }
    ),
    "pt": frozenset(
        {
            "o",
            "a",
            "os",
            "as",
            "de",
            "do",
            "da",
            "dos",
            "das",
            "e",
            "em",
            "para",
            "com",
            "um",
            "uma",
            "que",
            "no",
            "na",
            "por",
            "se",
            "ao",
        }
    ),
    "it": frozenset(
        {
            "il",
            "lo",
            "la",
            "i",
            "gli",
            "le",
            "di",
            "del",
            "della",
            "e",
            "in",
            "per",
            "con",
            "un",
            "una",
            "che",
            "non",
            "sono",
            "al",
            "dei",
            "nel",
        }
    ),
    "nl": frozenset(
        {
            "de",
            "het",
            "een",
            "en",
            "van",
            "in",
            "op",
            "te",
            "met",
            "voor",
            "is",
            "dat",
            "zijn",
            "bij",
            "als",
            "aan",
            "door",
            "ook",
            "naar",
        }
    ),
}
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
