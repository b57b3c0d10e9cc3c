"""What of a job gets embedded: its text, its sections and its requirements digest."""

from __future__ import annotations

import numpy as np
import pytest

from jobfit.documents.job import parse_job
from jobfit.matching import scores
from jobfit.pipeline import REQUIREMENTS_DIGEST, job_chunks, requirements_digest


def test_digest_is_title_and_asked_for_skills_without_the_pitch() -> None:
    job = parse_job(title="Backend Developer", description=(
        "We are a fast-growing company with a great culture.\n"
        "Requirements: Python and PostgreSQL. Docker is a plus.\n"
        "We are an equal opportunity employer and value diversity and inclusion."))
    digest = requirements_digest(job)
    assert digest is not None
    title, skills = digest.split("\n")
    assert title == "Backend Developer"
    assert {"python", "postgresql", "docker"} <= {s.strip().lower() for s in skills.split(",")}
    assert "culture" not in digest and "diversity" not in digest.lower()
    assert (REQUIREMENTS_DIGEST, digest) in job_chunks(job)


def test_no_digest_without_skills() -> None:
    job = parse_job(title="Helper", description="Friendly person wanted for our shop.")
    assert requirements_digest(job) is None
    assert all(kind != REQUIREMENTS_DIGEST for kind, _ in job_chunks(job))


def test_the_digest_vector_is_a_section_score_and_part_of_the_semantic_component() -> None:
    rng = np.random.default_rng(0)
    resume = {"full_text": rng.normal(size=8)}
    close = {"full_text": rng.normal(size=8), REQUIREMENTS_DIGEST: resume["full_text"] * 2}
    far = {"full_text": close["full_text"], REQUIREMENTS_DIGEST: -resume["full_text"]}
    near_sections, near = scores.score_sections(resume, close)
    far_sections, away = scores.score_sections(resume, far)
    assert near_sections["requirements"] == 100.0 and far_sections["requirements"] == 0.0
    assert near is not None and away is not None and near > away
    assert REQUIREMENTS_DIGEST in scores.job_vector_kinds()


def test_the_candidate_query_orders_resumes_by_the_full_text_part_of_the_semantic_component() -> None:
    """k-NN with `full_text_query` (cosine with each resume's full-text vector) must order resumes exactly as the
    share-weighted cosines of the pairs that compare the resume's full text: the overall and requirements pairs."""
    rng = np.random.default_rng(3)
    job = {"full_text": rng.normal(size=16), REQUIREMENTS_DIGEST: rng.normal(size=16) * 3,
           "section_responsibilities": rng.normal(size=16)}
    query = scores.full_text_query(job)
    shares = {name: share for name, (rkey, _, share) in scores.SECTION_PAIRS.items() if rkey == "full_text"}
    assert shares["requirements"] > shares["overall"] > 0

    def cos(a, b):
        return float(np.dot(a, b) / np.linalg.norm(a) / np.linalg.norm(b))

    resumes = [rng.normal(size=16) * rng.uniform(0.5, 3) for _ in range(50)]
    by_query = sorted(range(50), key=lambda i: -cos(resumes[i], query))
    by_pairs = sorted(range(50), key=lambda i: -(shares["overall"] * cos(resumes[i], job["full_text"])
                                                 + shares["requirements"] * cos(resumes[i], job[REQUIREMENTS_DIGEST])))
    assert by_query == by_pairs
    # without a digest (a job with no asked-for skills) the job's full text alone; no vectors: None
    alone = scores.full_text_query({"full_text": job["full_text"]})
    assert cos(alone, job["full_text"]) == pytest.approx(1.0)
    assert scores.full_text_query({}) is None
