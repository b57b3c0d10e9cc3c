"""The bias audit's arithmetic (6 RCNY § 5-301) on plain values, checked against hand computations."""

from __future__ import annotations

import pytest

from jobfit.fairness import AuditedCandidate, BiasAudit, GroupRow, GroupTable, bias_audit
from jobfit.fairness.impact import FOUR_FIFTHS


def person(score: float, sex: str | None = None, race: str | None = None, selected: bool = False) -> AuditedCandidate:
    return AuditedCandidate(score, selected, sex, race)


def rows(audit: BiasAudit, grouping: str) -> tuple[GroupTable, dict[str, GroupRow]]:
    table = next(t for t in audit.tables if t.grouping == grouping)
    return table, {r.code: r for r in table.rows}


def test_the_median_is_of_the_whole_sample_and_rates_count_scores_strictly_above_it() -> None:
    # scores 10 20 30 40 | 50: median 30; above it 40 and 50; the unknown candidate counts in the median
    pool = [person(10, "male"), person(20, "female"), person(30, "male"), person(40, "female"), person(50)]
    audit = bias_audit(pool, "scoring")
    assert audit.median_score == 30 and audit.favourable == 2 and audit.total == 5
    table, sex = rows(audit, "sex")
    assert table.unknown == 1
    assert (sex["male"].count, sex["male"].favourable, sex["male"].rate) == (2, 0, 0.0)
    assert (sex["female"].count, sex["female"].favourable, sex["female"].rate) == (2, 1, 0.5)
    assert sex["female"].impact_ratio == 1.0 and sex["male"].impact_ratio == 0.0 and sex["male"].flagged
    assert table.reference == "Female"


def test_an_even_sample_takes_the_mean_of_the_two_middle_scores() -> None:
    audit = bias_audit([person(s, "female") for s in (1, 2, 3, 4)], "scoring")
    assert audit.median_score == 2.5 and audit.favourable == 2


def test_selection_rates_count_the_selected() -> None:
    pool = [person(90, "male", selected=True), person(80, "male", selected=True), person(70, "male"),
            person(60, "female", selected=True), person(50, "female"), person(40, "female")]
    audit = bias_audit(pool, "selection")
    _, sex = rows(audit, "sex")
    assert audit.median_score is None and audit.favourable == 3
    assert sex["male"].rate == pytest.approx(2 / 3) and sex["female"].rate == pytest.approx(1 / 3)
    assert sex["female"].impact_ratio == pytest.approx(0.5) and sex["female"].flagged


def test_exactly_four_fifths_is_not_flagged() -> None:
    pool = ([person(1, "male", selected=True)] * 5 + [person(1, "male")] * 5
            + [person(1, "female", selected=True)] * 4 + [person(1, "female")] * 6)
    _, sex = rows(bias_audit(pool, "selection"), "sex")
    assert sex["female"].impact_ratio == pytest.approx(FOUR_FIFTHS) and not sex["female"].flagged


def test_intersections_need_both_categories_and_have_their_own_reference() -> None:
    pool = [person(90, "male", "white"), person(10, "male", "white"), person(80, "female", "asian"),
            person(70, "female", "asian"), person(60, "male"), person(5, None, "asian")]
    audit = bias_audit(pool, "scoring")  # median (10 60 70 80 90 5 -> 5 10 60 70 80 90) = 65
    table, both = rows(audit, "intersection")
    assert audit.median_score == 65 and table.unknown == 2
    assert both["male+white"].rate == 0.5 and both["female+asian"].rate == 1.0
    assert table.reference == "Female, Asian" and both["male+white"].impact_ratio == 0.5
    assert both["male+asian"].count == 0 and both["male+asian"].rate is None and both["male+asian"].impact_ratio is None


def test_small_categories_may_be_excluded_from_the_ratios_with_the_reason_recorded() -> None:
    # 60 candidates: one American Indian or Alaska Native candidate is 1.7% of them (under 2%), and the only one
    # above the median: excluded, it neither gets a ratio nor becomes the reference
    pool = ([person(100, "female", "american_indian_or_alaska_native")]
            + [person(60 + n % 2 * 20, "male", "white") for n in range(30)]
            + [person(60 + n % 3 * 10, "female", "black_or_african_american") for n in range(29)])
    plain = bias_audit(pool, "scoring")
    table, race = rows(plain, "race_ethnicity")
    small = race["american_indian_or_alaska_native"]
    assert small.impact_ratio == 1.0 and not small.excluded
    assert table.reference == "American Indian or Alaska Native"

    audit = bias_audit(pool, "scoring", exclude_small=True)
    table, race = rows(audit, "race_ethnicity")
    small = race["american_indian_or_alaska_native"]
    assert small.excluded and small.impact_ratio is None and not small.flagged
    assert small.count == 1 and small.rate == 1.0  # still shown
    assert small.reason is not None and "1 of 60" in small.reason and "2%" in small.reason
    assert table.reference == "White"
    assert race["white"].impact_ratio == 1.0 and not race["white"].excluded
    # a category with no members is not "excluded": it simply has no rate
    assert not race["asian"].excluded and race["asian"].rate is None


def test_no_rate_above_zero_gives_no_ratios() -> None:
    audit = bias_audit([person(50, "male"), person(50, "female")], "scoring")  # nobody above the median
    _, sex = rows(audit, "sex")
    assert sex["male"].rate == 0.0 and sex["male"].impact_ratio is None and not sex["male"].flagged
    assert bias_audit([], "scoring").median_score is None
