"""The shipped weights file (`matching/data/weights.json`, written by `bench/fit_weights.py --write`) is the fit of
this algorithm version, and the engine reads it as fitted."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from jobfit.matching import scores


def _model() -> dict:
    return json.loads(resources.files("jobfit.matching").joinpath("data", "weights.json").read_text())


def test_the_weights_file_records_this_algorithm_version() -> None:
    assert _model()["algorithm_version"] == scores.ALGORITHM_VERSION


def test_the_weights_file_records_how_it_was_fitted_and_measured() -> None:
    model = _model()
    assert model["command"] == "python bench/fit_weights.py --write"
    assert model["shrink"] >= 0
    assert set(model["lodo"]) == set(model["fitted_on"])  # a leave-one-source-out figure for every set fitted on
    assert all(0.0 <= value <= 1.0 for value in model["lodo"].values())


def test_the_engine_applies_the_fitted_weights() -> None:
    model = _model()
    weights = model["weights"]
    assert all(value > 0 for value in weights.values())  # a component without signal is left out, not zeroed
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-3)
    assert {name: weights.get(name, 0.0) for name in scores.OVERALL_WEIGHTS} == scores.OVERALL_WEIGHTS
    shares = [part["share"] for part in model["semantic_parts"]]
    assert sum(shares) == pytest.approx(1.0, abs=1e-3)
    assert [share for _, _, share in scores.SEMANTIC_PARTS] == shares


def test_a_weights_file_of_another_version_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scores, "ALGORITHM_VERSION", "0.0.0")
    with pytest.raises(RuntimeError, match=r"refit with bench/fit_weights\.py --write"):
        scores._learned_model()
