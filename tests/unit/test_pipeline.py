"""What of a job gets embedded: its text, its sections and its requirements digest."""

from __future__ import annotations

import numpy as np
import pytest

from jobfit.documents.job import parse_job
from jobfit.embeddings.chunks import ASKING, FULL_TEXT, REQUIREMENTS_DIGEST
from jobfit.matching import scores
from jobfit.pipeline import job_chunks, requirements_digest


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


def test_the_full_text_vector_reads_the_ad_under_its_title_once() -> None:
    """A short ad's strongest words are often only in its title ("Java Developer"): the full text embedded opens
    with it, and an ad that already opens with its title does not repeat it."""
    job = parse_job(title="Java Developer", description="Build backend services. Skills: Spring Boot, SQL.")
    assert dict(job_chunks(job))[FULL_TEXT] == "Java Developer\nBuild backend services. Skills: Spring Boot, SQL."
    opened = parse_job(title="Java Developer", description="Java developer\nBuild backend services in Spring.")
    assert dict(job_chunks(opened))[FULL_TEXT].count("Java") == 1
    untitled = parse_job(title="", description="Build backend services in Spring.")
    assert dict(job_chunks(untitled))[FULL_TEXT] == "Build backend services in Spring."


def test_the_ad_without_perks_is_embedded_when_the_semantic_component_reads_it() -> None:
    job = parse_job(title="Backend Developer", description=(
        "We are a fast-growing company with a great culture.\n"
        "Requirements: Python and PostgreSQL.\n"
        "We offer free lunch and a gym membership."))
    chunks = dict(job_chunks(job))
    assert (ASKING in chunks) == (ASKING in scores.job_vector_kinds())
    if ASKING in chunks:
        assert "PostgreSQL" in chunks[ASKING] and "lunch" not in chunks[ASKING]


def test_no_digest_without_skills() -> None:
    job = parse_job(title="Helper", description="Friendly person wanted for our shop.")
    assert requirements_digest(job) is None
    assert all(kind != REQUIREMENTS_DIGEST for kind, _ in job_chunks(job))


def test_the_digest_vector_is_a_section_score() -> None:
    rng = np.random.default_rng(0)
    resume = {"full_text": rng.normal(size=8)}
    close = {"full_text": rng.normal(size=8), REQUIREMENTS_DIGEST: resume["full_text"] * 2}
    far = {"full_text": close["full_text"], REQUIREMENTS_DIGEST: -resume["full_text"]}
    near_sections, _ = scores.score_sections(resume, close)
    far_sections, _ = scores.score_sections(resume, far)
    assert near_sections["requirements"] == 100.0 and far_sections["requirements"] == 0.0
    assert REQUIREMENTS_DIGEST in scores.job_vector_kinds()


def _job_vectors(rng: np.random.Generator) -> dict[str, np.ndarray]:
    kinds = {k for _, job_kinds, _ in scores.SEMANTIC_PARTS for k in job_kinds}
    return {kind: rng.normal(size=16) * rng.uniform(0.5, 3) for kind in kinds}


def _cos(a, b) -> float:
    return float(np.dot(a, b) / np.linalg.norm(a) / np.linalg.norm(b))


def test_the_semantic_component_is_the_share_weighted_cosine_of_its_parts() -> None:
    rng = np.random.default_rng(5)
    resume = {kind: rng.normal(size=16) for kind, _, _ in scores.SEMANTIC_PARTS}
    job = _job_vectors(rng)
    total = sum(share for _, _, share in scores.SEMANTIC_PARTS)
    expected = sum(share * 100 * max(0.0, _cos(resume[r], next(job[k] for k in kinds if k in job)))
                   for r, kinds, share in scores.SEMANTIC_PARTS) / total
    _, semantic = scores.score_sections(resume, job)
    assert semantic == pytest.approx(expected)
    assert scores.score_sections(resume, {})[1] is None


def test_the_candidate_query_orders_resumes_by_the_full_text_parts_of_the_semantic_component() -> None:
    """k-NN with `full_text_query` (cosine with each resume's full-text vector) must order resumes exactly as the
    share-weighted cosines of the semantic parts that read the resume's full text."""
    rng = np.random.default_rng(3)
    job = _job_vectors(rng)
    query = scores.full_text_query(job)
    full_parts = [(kinds, share) for r, kinds, share in scores.SEMANTIC_PARTS if r == "full_text"]
    assert full_parts
    resumes = [rng.normal(size=16) * rng.uniform(0.5, 3) for _ in range(50)]
    by_query = sorted(range(50), key=lambda i: -_cos(resumes[i], query))
    by_parts = sorted(range(50), key=lambda i: -sum(share * _cos(resumes[i], next(job[k] for k in kinds if k in job))
                                                    for kinds, share in full_parts))
    assert by_query == by_parts
    assert scores.full_text_query({"section_benefits": rng.normal(size=16)}) is None
    assert scores.full_text_query({}) is None
