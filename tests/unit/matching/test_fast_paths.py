"""The small fast paths of scoring equal their straightforward versions."""

from __future__ import annotations

import random
import statistics

import numpy as np
import pytest

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import score_match, scores
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


def test_scoring_reads_only_the_vector_kinds_ranking_loads() -> None:
    """Ranking loads only `resume_vector_kinds()` and `job_vector_kinds()`: scoring with every vector a
    document has must give the same numbers as scoring with just those."""
    resume = parse_resume_text(RESUME)
    job = parse_job(title="Python developer", description="Build APIs in Python and PostgreSQL.",
                    requirements="3+ years of Python and SQL. Docker is a plus.")
    rng = np.random.default_rng(5)
    kinds_r = ["full_text", *(f"section_{name}" for name in ("summary", "experience", "skills", "education",
                                                             "projects", "certifications", "languages"))]
    kinds_j = ["full_text", "requirements_digest", *(f"section_{name}" for name in (
        "summary", "requirements", "responsibilities", "preferred", "benefits", "about"))]
    rv = {k: rng.normal(size=16).astype(np.float32) for k in kinds_r}
    jv = {k: rng.normal(size=16).astype(np.float32) for k in kinds_j}
    full = score_match(resume, job, resume_vectors=rv, job_vectors=jv)
    loaded = score_match(resume, job, resume_vectors={k: v for k, v in rv.items() if k in scores.resume_vector_kinds()},
                         job_vectors={k: v for k, v in jv.items() if k in scores.job_vector_kinds()})
    assert (loaded.overall_score, loaded.section_scores) == (full.overall_score, full.section_scores)
    assert score_match(resume, job).overall_score != full.overall_score  # the vectors do count


RESUME = """Alex Example
alex@example.com

Summary
Backend developer building APIs.

Experience
Python Developer, Acme, 2018 - 2024
- Built REST APIs in Python and PostgreSQL
- Deployed services with Docker

Skills
Python, SQL, Docker

Education
B.Sc. Computer Science, 2017
"""


