"""The small fast paths of scoring equal their straightforward versions."""

from __future__ import annotations

import random
import statistics

import numpy as np
import pytest

from jobfit.matching import scores
from jobfit.matching.relations import closest


def _reference_closest(related: dict[str, tuple[str, float]], have) -> tuple[str | None, float]:
    best: tuple[str | None, float] = (None, 0.0)
    for skill_id in sorted(set(have)):
        score = related.get(skill_id, ("", 0.0))[1]
        if score > best[1]:
            best = (skill_id, score)
    return best


def test_closest_equals_the_sorted_scan() -> None:
    rng = random.Random(3)
    ids = [f"s{i:02d}" for i in range(40)]
    for _ in range(2000):
        related = {s: ("related", rng.choice([0.0, 0.3, 0.5, 0.5, 0.8])) for s in rng.sample(ids, rng.randint(0, 15))}
        have = rng.sample(ids, rng.randint(0, 20))
        as_dict = {s: [] for s in have}
        assert closest(related, have) == _reference_closest(related, have)
        assert closest(related, as_dict) == _reference_closest(related, have)


def test_spread_equals_statistics_pstdev() -> None:
    rng = random.Random(5)
    for _ in range(500):
        values = [rng.uniform(0, 100) for _ in range(rng.randint(2, 6))]
        assert scores._pstdev(values) == pytest.approx(statistics.pstdev(values), abs=1e-9)


def test_cosine_matches_numpy() -> None:
    rng = np.random.default_rng(1)
    for _ in range(200):
        a, b = rng.normal(size=16).astype(np.float32), rng.normal(size=16).astype(np.float32)
        expected = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))
        assert scores.cosine(a, b) == pytest.approx(expected, abs=1e-6)
    assert scores.cosine(np.zeros(4), np.ones(4)) == 0.0


def test_vector_kinds_cover_every_section_pair() -> None:
    """Ranking loads only these embedding types: they must be all `score_sections` reads."""
    for resume_key, job_keys in scores.SECTION_PAIRS.values():
        assert resume_key in scores.resume_vector_kinds()
        assert set(job_keys) <= set(scores.job_vector_kinds())
    for resume_key, job_keys, _ in scores.SEMANTIC_PARTS:
        assert resume_key in scores.resume_vector_kinds()
        assert set(job_keys) <= set(scores.job_vector_kinds())
