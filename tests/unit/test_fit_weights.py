"""The weight fit's choices (`bench/fit_weights.py`) and the quality gate's gap figure (`bench/quality_sets.py`),
on plain values: which elimination run is kept, that the skills part is never eliminated, and how far apart two
methods are on one set."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.append(str(REPO / "bench"))  # appended: bench's script names never shadow a module

import fit_weights  # noqa: E402
from fit_weights import KEPT, Table, _best_run, select  # noqa: E402
from quality_sets import Group, LabelledSet, paired_difference, set_metric  # noqa: E402


def _table() -> Table:
    """Two sets from two resume sources: the mean by source is the mean of the two figures."""
    sets = [LabelledSet(name, source, "ap", [], {}, {}) for name, source in (("a", "one"), ("b", "two"))]
    return Table(sets, {"a": {}, "b": {}})


def _run(pull: float, kept: list[str], a: float, b: float) -> tuple:
    return (pull, kept, [], [(pull, {"a": a, "b": b})])


def test_the_best_mean_lodo_wins_when_runs_are_apart() -> None:
    runs = [_run(0.1, ["skills", "lexical"], 0.50, 0.50), _run(10.0, ["skills", "keywords"], 0.55, 0.55)]
    assert _best_run(_table(), runs)[0] == 10.0


def test_on_a_tie_the_stronger_pull_wins() -> None:
    runs = [_run(0.1, ["skills", "lexical"], 0.601, 0.601), _run(10.0, ["skills", "keywords"], 0.601, 0.601)]
    assert _best_run(_table(), runs)[0] == 10.0


def _ranked_set(name: str, source: str) -> tuple[LabelledSet, dict]:
    """A set of two jobs with three resumes each, the first resume relevant: "lexical" ranks it first in both,
    "skills" is the same for every resume (no signal: removing it lowers no figure)."""
    groups, rows = [], {}
    for job in ("j1", "j2"):
        pairs = [(f"{job}r{i}", job) for i in range(3)]
        groups.append(Group(job, pairs, [1.0, 0.0, 0.0]))
        for i, pair in enumerate(pairs):
            rows[pair] = {"skills": 50.0, "lexical": 90.0 - 30 * i}
    return LabelledSet(name, source, "ap", groups, {}, {}), rows


def test_the_skills_part_is_never_eliminated(monkeypatch: pytest.MonkeyPatch) -> None:
    (a, rows_a), (b, rows_b) = _ranked_set("a", "one"), _ranked_set("b", "two")
    table = Table([a, b], {"a": rows_a, "b": rows_b})
    assert "skills" in KEPT
    assert select(table, ["skills", "lexical"], 0.1)[0] == ["skills", "lexical"]
    monkeypatch.setattr(fit_weights, "KEPT", ())  # the same fit without the rule drops it
    assert select(table, ["skills", "lexical"], 0.1)[0] == ["lexical"]


def test_the_gap_between_two_methods_is_paired_by_group() -> None:
    gap, error, n = paired_difference([0.5, 0.7, None, 0.9], [0.4, 0.5, 0.3, 0.6])
    assert n == 3  # the group one method cannot score is left out of both
    assert math.isclose(gap, 0.2)
    assert math.isclose(error, 0.1 / math.sqrt(3))


def test_a_gap_over_one_group_has_no_error() -> None:
    gap, error, n = paired_difference([0.5], [0.25])
    assert (gap, n) == (0.25, 1) and math.isnan(error)


def test_a_set_metric_is_the_mean_over_groups_that_can_be_scored() -> None:
    groups = [Group("j1", [("r1", "j1"), ("r2", "j1")], [1.0, 0.0]),  # relevant first: AP 1
              Group("j2", [("r1", "j2"), ("r2", "j2")], [0.0, 1.0])]  # relevant second: AP 0.5
    s = LabelledSet("s", "one", "ap", groups, {}, {})
    assert set_metric(s, lambda pair: 1.0 if pair[0] == "r1" else 0.0) == 0.75
