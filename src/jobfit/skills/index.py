"""The compiled lookup structure behind the extractor: token n-gram -> skill, built once per taxonomy.

Keys are tuples of tokens (see `tokens.py`). Case-sensitive forms live in `exact` keyed by raw tokens;
all other forms live in `folded` keyed by folded tokens. Curated forms are indexed before ESCO forms
and an earlier entry keeps a key, so curated skills win every conflict. `exact_folded` holds the case-sensitive forms
again by folded tokens, for lines of bare lower-case tags only. Multi-token forms are also
indexed joined ("Node JS" -> "nodejs", "Power BI" -> "powerbi") when the joined word is >= 5 chars.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from jobfit.skills.models import SkillEntry
from jobfit.skills.tokens import fold, form_tokens

FUZZY_MIN_LENGTH = 8  # only long single tokens are fuzzy-matched, with one edit at most


class IndexHit(NamedTuple):
    skill_id: str
    needs_context: bool


@dataclass
class SkillIndex:
    exact: dict[tuple[str, ...], IndexHit] = field(default_factory=dict)
    folded: dict[tuple[str, ...], IndexHit] = field(default_factory=dict)
    exact_first: dict[str, int] = field(default_factory=dict)  # first raw token -> longest key length
    folded_first: dict[str, int] = field(default_factory=dict)
    # exact-case forms by their folded tokens: a job board's tag line writes every name in lower case ("java")
    exact_folded: dict[tuple[str, ...], IndexHit] = field(default_factory=dict)
    exact_folded_first: dict[str, int] = field(default_factory=dict)
    # (first letter, length) -> [(folded word, skill id)] for fuzzy matching of long tech names
    fuzzy_buckets: dict[tuple[str, int], list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, entry: SkillEntry) -> None:
        exact_forms = set(entry.case_sensitive)
        context_forms = set(entry.needs_context)
        for form in entry.forms:
            raw = form_tokens(form)
            if not raw:
                continue
            hit = IndexHit(entry.id, form in context_forms)
            if form in exact_forms or len(form) <= 2:
                self._put(self.exact, self.exact_first, tuple(raw), hit)
                self._put(self.exact_folded, self.exact_folded_first, tuple(fold(tok) for tok in raw), hit)
                continue
            key = tuple(fold(tok) for tok in raw)
            self._put(self.folded, self.folded_first, key, hit)
            joined = "".join(key)
            if len(key) > 1 and len(joined) >= 5 and joined.isalnum():
                self._put(self.folded, self.folded_first, (joined,), hit)
            if (
                entry.is_tech
                and len(key) == 1
                and len(joined) >= FUZZY_MIN_LENGTH
                and joined.isalpha()
                and not hit.needs_context
            ):
                self.fuzzy_buckets[(joined[0], len(joined))].append((joined, entry.id))

    @staticmethod
    def _put(
        table: dict[tuple[str, ...], IndexHit], first: dict[str, int], key: tuple[str, ...], hit: IndexHit
    ) -> None:
        if key in table:  # first writer wins: curated before ESCO, names before later aliases
            return
        table[key] = hit
        first[key[0]] = max(first.get(key[0], 0), len(key))


def build_index(entries: Iterable[SkillEntry]) -> SkillIndex:
    """Index `entries` in order; pass curated entries first so that they win conflicts."""
    index = SkillIndex()
    for entry in entries:
        index.add(entry)
    return index
