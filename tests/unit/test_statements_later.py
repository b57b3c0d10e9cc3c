"""An upload's statement vectors embedded after its response (`pipeline.embed_resumes(statements=False)`, then
`pipeline.profile_vectors`) are the vectors it got when they were embedded with its chunks in one call; and the
background thread that runs such work (`runtime.BackgroundWork`)."""

from __future__ import annotations

import logging
import threading

import numpy as np
import pytest

from jobfit.documents.extract import extract_text
from jobfit.documents.models import ParsedResume
from jobfit.documents.resume import parse_resume_text
from jobfit.embeddings.minilm import MiniLMEmbedder
from jobfit.pipeline import embed_resumes, profile_vectors
from jobfit.runtime import BackgroundWork
from tests.conftest import SAMPLES

TEXTS = (
    "Ada Lovelace\nada@example.com\n\nExperience\nPython developer at Acme, 2018 - 2023\n"
    "Built REST APIs in Python and PostgreSQL.\nCut page load time by 40% by caching queries in Redis.\n\n"
    "Skills\nPython, SQL, Docker\n",
    "Maria Lopez\n\nExperience\nStaff Nurse, St. Mary's Hospital ICU, 2017 - present\n"
    "Cared for critically ill patients; managed ventilators.\nTrained 12 new graduate nurses.\n\n"
    "Education\nBSc Nursing, 2014\n",
)


@pytest.fixture(scope="module")
def embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.fixture(scope="module")
def resumes() -> list[ParsedResume]:
    pdf = SAMPLES / "resumes" / "john_doe.pdf"
    return [parse_resume_text(extract_text(pdf.read_bytes(), pdf.name).text), *map(parse_resume_text, TEXTS)]


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = rows.astype(np.float64)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_statements_embedded_later_get_the_vectors_they_got_with_the_chunks(embedder: MiniLMEmbedder,
                                                                            resumes: list[ParsedResume]) -> None:
    for resume in resumes:
        ((chunks, vectors, profile),) = embed_resumes(embedder, [resume])
        ((late_chunks, late_vectors, late_profile),) = embed_resumes(embedder, [resume], statements=False)
        assert late_chunks == chunks and late_vectors.keys() == vectors.keys()
        for kind in vectors:
            assert float(vectors[kind] @ late_vectors[kind]) >= 0.9999
        assert late_profile.statement_vectors is None  # stored without them: the late fill's to do
        assert profile.statement_vectors is not None and len(profile.statements) > 2

        fresh = profile_vectors(embedder, {"r": late_profile}, {})
        assert set(fresh) == {"r"}  # embedded now, packed for storing
        assert late_profile.statement_vectors.shape == profile.statement_vectors.shape
        cosines = (_unit(late_profile.statement_vectors) * _unit(profile.statement_vectors)).sum(axis=1)
        assert cosines.min() >= 0.9999


def test_background_work_runs_tasks_in_order_and_survives_a_failing_one(caplog: pytest.LogCaptureFixture) -> None:
    work, done = BackgroundWork(), []

    def fail() -> None:
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR, logger="jobfit.runtime"):
        assert work.submit(lambda: done.append(1)) and work.submit(fail) and work.submit(lambda: done.append(2))
        work.wait()
    assert done == [1, 2]
    assert "a background task failed" in caplog.text
    work.close()
    assert not work.submit(lambda: done.append(3))  # closed: dropped
    assert done == [1, 2]


def test_background_work_drops_tasks_beyond_its_limit(caplog: pytest.LogCaptureFixture) -> None:
    work, release, done = BackgroundWork(limit=2), threading.Event(), []
    started = threading.Event()

    def hold() -> None:
        started.set()
        release.wait(10)

    assert work.submit(hold)
    assert started.wait(10)  # the thread is busy; two may wait
    with caplog.at_level(logging.WARNING, logger="jobfit.runtime"):
        assert work.submit(lambda: done.append(1)) and work.submit(lambda: done.append(2))
        assert not work.submit(lambda: done.append(3))
    assert "dropped" in caplog.text
    release.set()
    work.wait()
    assert done == [1, 2]
    work.close()
