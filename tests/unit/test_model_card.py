"""The model card states BENCHMARKS.md's figures, never its own: its generated blocks are what `bench/model_card.py`
makes from BENCHMARKS.md today, and the web app serves the same file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.append(str(REPO / "bench"))  # appended: bench's script names never shadow a module

from model_card import BLOCK, StaleSource, fairness, quality, refreshed  # noqa: E402

CARD = REPO / "docs" / "model-card.md"
BENCHMARKS = REPO / "BENCHMARKS.md"


def test_the_card_s_figures_match_benchmarks() -> None:
    card = CARD.read_text()
    assert refreshed(card, BENCHMARKS.read_text()) == card, "run: python bench/model_card.py --write"


def test_the_card_has_both_blocks_filled() -> None:
    blocks = {m.group(2): m.group(3) for m in BLOCK.finditer(CARD.read_text())}
    assert set(blocks) == {"quality", "fairness"}
    assert "| real_ads |" in blocks["quality"] and "LODO" in blocks["quality"]
    assert "| non-native phrasing |" in blocks["fairness"] and "python bench/fairness.py" in blocks["fairness"]


def test_the_quality_figures_are_for_the_algorithm_the_code_ships() -> None:
    """A version bump without a rewritten "Match quality" section leaves the card describing another score (the
    weights file is held to the version where it is loaded, `matching.scores`)."""
    from jobfit.matching.scores import ALGORITHM_VERSION

    blocks = {m.group(2): m.group(3) for m in BLOCK.finditer(CARD.read_text())}
    assert blocks["quality"].startswith(f"Algorithm {ALGORITHM_VERSION};")


def test_figures_come_from_the_named_rows() -> None:
    benchmarks = """# b
## Match quality — algorithm 9.9.9 (`bench/quality.py`)
| set | source | groups | labels | metric |
|---|---|---:|---|---|
| a | src A | 3 | grades | mean AP |
| method | a |
|---|---:|
| overall_score (shipped weights) | 0.500 |
| **LODO overall (refitted without the set's source)** | **0.400** |
## Fairness
Wider fairness: 2 resumes.
Command: `python bench/fairness.py --per-category 1`
| counterfactual | pairs | changed | mean change | mean abs change | largest abs change | moved by |
|---|---:|---:|---:|---:|---:|---|
| gap: x | 2 | 1 | -0.50 | 0.50 | 1.00 | skills 1.00 |
## Next
"""
    assert "| a | src A | 3 | grades | mean AP | 0.400 | 0.500 |" in quality(benchmarks)
    assert "Algorithm 9.9.9" in quality(benchmarks)
    table = fairness(benchmarks)
    assert "| gap: x | 2 | 1 | -0.50 | 0.50 | 1.00 | skills 1.00 |" in table
    assert "`python bench/fairness.py --per-category 1`" in table
    with pytest.raises(StaleSource, match="LODO overall"):
        quality(benchmarks.replace("LODO overall", "something else"))


def test_the_web_app_serves_this_card() -> None:
    from jobfit.web.rendering import MODEL_CARD

    assert MODEL_CARD.read_text() == CARD.read_text()
