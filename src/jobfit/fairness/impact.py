"""The bias audit of NYC Local Law 144 (6 RCNY § 5-300, § 5-301) over one pool of scored candidates.

- Scoring rate (a ranking): the median of every audited candidate's score is taken over the whole sample,
  unknown categories included; a category's rate is the share of its members scoring *above* that median.
- Selection rate (a shortlist): the share of a category's members who were selected.
- Impact ratio: a category's rate divided by the rate of the highest-rate category of the same grouping. Sex,
  race/ethnicity and their intersections are separate groupings, each with its own reference category.
- Candidates whose category is unknown for a grouping are counted (shown) and left out of that grouping's rates.
- With `exclude_small`, a category holding under 2% of the audited candidates keeps its count and rate but is
  left out of the impact ratios (it neither gets one nor serves as the reference), and the reason is recorded.
- A ratio under 0.8 (the four-fifths rule of 29 CFR § 1607.4(D)) is flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Literal

from jobfit.fairness.categories import CATEGORIES, GROUPING_LABELS, GROUPINGS, Grouping, intersection_code

Basis = Literal["scoring", "selection"]
FOUR_FIFTHS = 0.8
SMALL_SHARE = 0.02
RATE_NAMES: dict[Basis, str] = {"scoring": "scoring rate", "selection": "selection rate"}


@dataclass(frozen=True)
class AuditedCandidate:
    """One candidate of the pool: their score, whether the shortlist kept them, and their self-reported categories
    (None: unknown)."""

    score: float
    selected: bool
    sex: str | None
    race_ethnicity: str | None

    def category(self, grouping: Grouping) -> str | None:
        if grouping == "intersection":
            if self.sex is None or self.race_ethnicity is None:
                return None
            return intersection_code(self.sex, self.race_ethnicity)
        return self.sex if grouping == "sex" else self.race_ethnicity


@dataclass(frozen=True)
class GroupRow:
    code: str
    label: str
    count: int
    share: float  # of every audited candidate
    favourable: int  # members scoring above the median, or selected
    rate: float | None  # None: no members
    impact_ratio: float | None  # None: no members, excluded, or no category has a rate above 0
    excluded: bool
    reason: str | None  # why it was excluded from the impact ratios
    flagged: bool  # impact ratio under four-fifths


@dataclass(frozen=True)
class GroupTable:
    grouping: Grouping
    label: str
    unknown: int  # candidates whose category is unknown for this grouping
    reference: str | None  # the label of the highest-rate category, the ratios' denominator
    rows: list[GroupRow]


@dataclass(frozen=True)
class BiasAudit:
    basis: Basis
    rate_name: str
    total: int
    median_score: float | None  # scoring basis only
    favourable: int  # candidates above the median, or selected
    exclude_small: bool
    tables: list[GroupTable]

    @property
    def flagged(self) -> list[GroupRow]:
        return [row for table in self.tables for row in table.rows if row.flagged]


def bias_audit(pool: Sequence[AuditedCandidate], basis: Basis, *, exclude_small: bool = False) -> BiasAudit:
    """Rates and impact ratios of every category of every grouping over `pool`."""
    total = len(pool)
    middle = median(c.score for c in pool) if pool and basis == "scoring" else None

    def favourable(candidate: AuditedCandidate) -> bool:
        return candidate.selected if basis == "selection" else candidate.score > middle  # type: ignore[operator]

    tables = [_table(grouping, pool, favourable, total, exclude_small) for grouping in GROUPINGS]
    return BiasAudit(basis, RATE_NAMES[basis], total, middle, sum(favourable(c) for c in pool), exclude_small, tables)


def _table(grouping: Grouping, pool: Sequence[AuditedCandidate], favourable: Callable[[AuditedCandidate], bool],
           total: int, exclude_small: bool) -> GroupTable:
    members: dict[str, list[bool]] = {c.code: [] for c in CATEGORIES.of(grouping)}
    unknown = 0
    for candidate in pool:
        code = candidate.category(grouping)
        if code is None:
            unknown += 1
        else:
            members[code].append(favourable(candidate))
    counted = []
    for category in CATEGORIES.of(grouping):
        outcomes = members[category.code]
        share = len(outcomes) / total if total else 0.0
        small = exclude_small and 0 < share < SMALL_SHARE
        reason = (f"{len(outcomes)} of {total} candidates ({share:.1%}): under {SMALL_SHARE:.0%} of the audited "
                  "data, so left out of the impact ratios") if small else None
        rate = sum(outcomes) / len(outcomes) if outcomes else None
        counted.append((category, len(outcomes), share, sum(outcomes), rate, small, reason))
    rated = [(rate, category) for category, _n, _s, _f, rate, small, _r in counted if rate is not None and not small]
    best_rate, best = max(rated, key=lambda r: r[0]) if rated else (None, None)
    rows = []
    for category, count, share, favoured, rate, small, reason in counted:
        ratio = rate / best_rate if rate is not None and not small and best_rate else None
        rows.append(GroupRow(category.code, category.label, count, share, favoured, rate, ratio, small, reason,
                             ratio is not None and ratio < FOUR_FIFTHS))
    reference = best.label if best is not None and best_rate else None
    return GroupTable(grouping, GROUPING_LABELS[grouping], unknown, reference, rows)
