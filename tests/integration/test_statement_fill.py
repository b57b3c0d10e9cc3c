"""An upload's statement vectors are embedded after its response (`services.statement_fill`): a match is the same
whether it is scored before or after they are filled, and resumes left without them are filled at start."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from jobfit.app import create_app
from jobfit.embeddings.compact import unpack_rows
from jobfit.matching.profile import ResumeProfile
from jobfit.runtime import Runtime
from jobfit.services import statement_fill
from tests.conftest import SAMPLES
from tests.integration.conftest import register_and_login, scalar_as

DOCS, MATCH = "/api/v1/documents", "/api/v1/matching"
RESUME = SAMPLES / "resumes" / "bruce_wayne_fullstack.pdf"
JOB = SAMPLES / "job_descriptions" / "job_desc_full_stack_engineer.pdf"
VECTORS = "SELECT statement_vectors FROM resume_profiles"
PER_ROW = {"id", "resume_id", "job_id", "created_at", "processing_time_ms"}


@contextmanager
def background_held(runtime: Runtime) -> Iterator[None]:
    """The background thread kept busy, so what is queued behind runs only after the block (then waited for)."""
    release = threading.Event()
    assert runtime.background.submit(lambda: release.wait(60))
    try:
        yield
    finally:
        release.set()
        runtime.background.wait()


def _upload(client: TestClient, auth: dict[str, str]) -> tuple[str, str]:
    resume = client.post(f"{DOCS}/upload/resume", headers=auth, files={"file": (RESUME.name, RESUME.read_bytes())})
    assert resume.status_code == 201, resume.text
    job = client.post(f"{DOCS}/upload/job-description/file", headers=auth,
                      files={"file": (JOB.name, JOB.read_bytes())})
    assert job.status_code == 201, job.text
    return resume.json()["id"], job.json()["id"]


def _match(client: TestClient, auth: dict[str, str], resume_id: str, job_id: str) -> dict[str, Any]:
    r = client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": resume_id, "job_id": job_id})
    assert r.status_code == 201, r.text
    return {k: v for k, v in r.json().items() if k not in PER_ROW}


def _stored_vectors(runtime: Runtime, client: TestClient, auth: dict[str, str]) -> bytes | None:
    data = scalar_as(runtime, client, auth, VECTORS)
    return None if data is None else bytes(data)  # type: ignore[arg-type]


def test_a_match_is_the_same_scored_before_or_after_the_statements_are_filled(client: TestClient,
                                                                             runtime: Runtime) -> None:
    first, later = register_and_login(client), register_and_login(client)

    with background_held(runtime):
        resume_id, job_id = _upload(client, first)
        assert _stored_vectors(runtime, client, first) is None  # the upload answered without them
        scored_first = _match(client, first, resume_id, job_id)  # the scoring embeds and stores them
        by_scoring = _stored_vectors(runtime, client, first)
        assert by_scoring is not None
    assert _stored_vectors(runtime, client, first) == by_scoring  # the late fill found them and kept them

    resume_id, job_id = _upload(client, later)
    runtime.background.wait()
    by_fill = _stored_vectors(runtime, client, later)
    assert by_fill == by_scoring  # the same vectors, bit for bit, whichever stored them
    profile = ResumeProfile.from_json(scalar_as(runtime, client, later, "SELECT profile FROM resume_profiles"))
    assert unpack_rows(by_fill).shape == (len(profile.statements), runtime.embedder.dim)
    assert scalar_as(runtime, client, later, "SELECT vectors_key FROM resume_profiles") == (
        f"{runtime.embedder.name}|{profile.statements_key}")

    scored_after = _match(client, later, resume_id, job_id)
    assert scored_after["match_analysis"]["requirements"], "the match cites evidence to compare"
    assert scored_after == scored_first  # claims, evidence and scores


def test_resumes_left_without_statement_vectors_are_filled_when_the_server_starts(client: TestClient,
                                                                                 runtime: Runtime) -> None:
    auth = register_and_login(client)
    _upload(client, auth)
    runtime.background.wait()
    filled = _stored_vectors(runtime, client, auth)
    assert filled is not None
    # as if the process had stopped between the upload's commit and its late fill
    scalar_as(runtime, client, auth, "UPDATE resume_profiles SET statement_vectors = NULL, vectors_key = NULL "
                                     "RETURNING 1", commit=True)
    with TestClient(create_app(runtime)):  # a server starting on this database
        runtime.background.wait()
    assert _stored_vectors(runtime, client, auth) == filled
    assert statement_fill.fill_missing(runtime.db, runtime.embedder) == 0  # nothing left
