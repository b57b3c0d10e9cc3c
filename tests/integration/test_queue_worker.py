"""The queue's promises, on the real worker: a job run twice leaves one result; a job that keeps failing is retried
with backoff, then parked with its error and shown in the batch; SIGTERM releases the job in hand."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from jobfit.runtime import Runtime
from jobfit.services import batch, upload
from jobfit.store import batches
from jobfit.worker.run import BackgroundWorker
from tests.integration.conftest import register_and_login
from tests.integration.test_batches import resume_text, wait_finished
from tests.integration.test_serve_pressure import SLOW_PDF


def _queued_file(client: TestClient, auth: dict[str, str], name: str, data: bytes) -> tuple[str, str, uuid.UUID]:
    r = client.post("/api/v1/documents/batches", headers=auth, files=[("files", (name, data))])
    body = client.get(r.headers["location"], headers=auth).json()
    user_id = uuid.UUID(client.get("/api/v1/auth/me", headers=auth).json()["id"])
    return r.headers["location"], body["files"][0]["id"], user_id


def test_a_job_run_twice_leaves_one_result(client: TestClient, runtime: Runtime) -> None:
    auth = register_and_login(client)
    location, file_id, user_id = _queued_file(client, auth, "ada.txt", resume_text("Ada Lovelace", "Python"))
    claimed = batch.claim_file(runtime, user_id, uuid.UUID(file_id))
    assert claimed is not None
    embedded = upload.embed_resumes(runtime.embedder, [upload.parse_resume(runtime, claimed.data, claimed.filename)])
    batch.finish_file(runtime, claimed, embedded[0])
    batch.finish_file(runtime, claimed, embedded[0])  # the same job again, e.g. revived while it was finishing
    batch.ingest_file(runtime, user_id, uuid.UUID(file_id), embed=lambda p: embedded[0])  # and from the start
    assert client.get("/api/v1/documents/resumes", headers=auth).json()["total"] == 1
    body = client.get(location, headers=auth).json()
    assert body["files"][0]["state"] == "done" and body["files"][0]["attempts"] == 1


def test_a_job_taken_before_its_upload_publishes_the_file_publishes_it_itself(client: TestClient,
                                                                              runtime: Runtime) -> None:
    """write → commit → publish: a worker can take a job between the commit and the publish. It publishes the bytes
    itself rather than wait; a duplicate settled (its bytes deleted) before the upload's publish leaves nothing."""
    auth = register_and_login(client)
    user_id = uuid.UUID(client.get("/api/v1/auth/me", headers=auth).json()["id"])
    data = resume_text("Early Bird", "Rust")

    def committed_not_published() -> tuple[uuid.UUID, str]:
        key = runtime.files.stage(user_id, data, "txt")
        with runtime.db.user_session(user_id) as session:
            batch_id = batches.add_batch(session, runtime.queue, user_id, [batches.NewBatchFile(
                "early.txt", len(data), upload.content_sha256(data), key)], keep_duplicates=False)
            (row,) = batches.files_of(session, batch_id)
        return row.id, key

    file_id, key = committed_not_published()
    batch.ingest_file(runtime, user_id, file_id, embed=lambda p: upload.embed_resumes(runtime.embedder, [p])[0])
    assert runtime.files.exists(key)  # the resume's file, published by the job
    runtime.files.publish(key)  # the upload's late publish finds it published: nothing to do
    assert runtime.files.read(key) == data
    twin_id, twin_key = committed_not_published()
    batch.ingest_file(runtime, user_id, twin_id, embed=lambda p: pytest.fail("a duplicate is not embedded"))
    assert not runtime.files.exists(twin_key)  # settled as a duplicate, its bytes deleted, none orphaned
    with pytest.raises(FileNotFoundError):  # which the upload's late publish skips (create_batch)
        runtime.files.publish(twin_key)
    assert client.get("/api/v1/documents/resumes", headers=auth).json()["total"] == 1


def test_a_job_that_keeps_failing_is_retried_then_parked_and_shown(client: TestClient, runtime: Runtime) -> None:
    auth = register_and_login(client)
    location, file_id, _user_id = _queued_file(client, auth, "lost.txt", resume_text("Lost File", "Go"))
    with runtime.db.owner_engine.begin() as conn:  # its bytes vanish from the store: every run fails to read them
        key = conn.execute(text("SELECT storage_key FROM batch_files WHERE id = :f"), {"f": file_id}).scalar()
    runtime.files.delete(key)
    worker = BackgroundWorker(runtime).start()
    try:
        body = wait_finished(client, auth, location, timeout_s=120)  # backoff 2 + 4 + 8 + 16 s
    finally:
        worker.stop()
    (row,) = body["files"]
    assert row["state"] == "failed" and row["attempts"] == batch.MAX_ATTEMPTS
    assert row["error"]["code"] == "processing_failed" and "FileNotFoundError" in row["error"]["detail"]
    with runtime.db.owner_engine.connect() as conn:
        job = conn.execute(text("SELECT status, attempts FROM procrastinate_jobs WHERE args->>'file_id' = :f"),
                           {"f": file_id}).one()
        waits = conn.execute(text(
            "SELECT extract(epoch FROM at - lag(at) OVER (ORDER BY at)) FROM procrastinate_events "
            "WHERE job_id = (SELECT id FROM procrastinate_jobs WHERE args->>'file_id' = :f) AND type = 'started'"),
            {"f": file_id}).scalars().all()
    assert tuple(job) == ("failed", batch.MAX_ATTEMPTS)  # parked where an operator looks for it, after 5 runs
    assert [w for w in waits if w is not None][-1] >= 16  # the backoff grew


def test_sigterm_releases_the_job_in_hand(client: TestClient, runtime: Runtime) -> None:
    if not runtime.settings.embedded:
        pytest.skip("`jobfit worker` joins the test's embedded database; not with JOBFIT_TEST_DATABASE_URL")
    auth = register_and_login(client)
    location, file_id, _user_id = _queued_file(client, auth, "slow.pdf", SLOW_PDF)  # ~15 s of parsing
    env = {**os.environ, "JOBFIT_DATA_DIR": str(runtime.settings.data_dir), "JOBFIT_WORKER_SHUTDOWN_GRACE": "1",
           "JOBFIT_PARSE_TIMEOUT": "60", "JOBFIT_SECRET_KEY": runtime.secret_key, "JOBFIT_LOG_LEVEL": "warning"}
    env.pop("DATABASE_URL", None)
    worker = subprocess.Popen([sys.executable, "-m", "jobfit", "worker"], env=env, start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while client.get(location, headers=auth).json()["files"][0]["state"] != "parsing":
            assert time.monotonic() < deadline and worker.poll() is None, worker.stderr.read() if worker.stderr else ""
            time.sleep(0.2)
        started = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        _out, err = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    assert worker.returncode == 0, err
    assert time.monotonic() - started < 15  # it did not wait for the 15 s parse
    with runtime.db.owner_engine.connect() as conn:
        status = conn.execute(text("SELECT status FROM procrastinate_jobs WHERE args->>'file_id' = :f"),
                              {"f": file_id}).scalar()
    assert status == "todo"  # back in the queue for another worker
    assert client.get(location, headers=auth).json()["files"][0]["state"] in ("parsing", "queued")


def test_jobfit_ingest_adds_a_folder_with_a_progress_bar_and_reports(client: TestClient, runtime: Runtime,
                                                                     tmp_path: Path) -> None:
    if not runtime.settings.embedded:
        pytest.skip("`jobfit ingest` joins the test's embedded database; not with JOBFIT_TEST_DATABASE_URL")
    email = f"ingest-{uuid.uuid4().hex[:6]}@example.com"
    register_and_login(client, email)
    folder = tmp_path / "resumes"
    (folder / "team").mkdir(parents=True)
    (folder / "ada.txt").write_bytes(resume_text("Ada Lovelace", "Python"))
    (folder / "team" / "ada-copy.txt").write_bytes(resume_text("Ada Lovelace", "Python"))
    (folder / "team" / "empty.md").write_bytes(b"")
    (folder / "notes.xlsx").write_bytes(b"not a resume format: skipped")
    env = {**os.environ, "JOBFIT_DATA_DIR": str(runtime.settings.data_dir), "JOBFIT_SECRET_KEY": runtime.secret_key,
           "JOBFIT_LOG_LEVEL": "warning"}
    env.pop("DATABASE_URL", None)

    def ingest(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "jobfit", "ingest", *args], env=env, capture_output=True,
                              text=True, timeout=180)

    done = ingest(str(folder), "--user", email)
    assert done.returncode == 0, done.stderr
    assert "3 files: 1 new resumes, 1 already stored, 1 failed" in done.stdout
    assert "empty.md: The file is empty. (empty_file)" in done.stderr
    for bad, says in ((["/no/such/folder", "--user", email], "no such file or folder"),
                      ([str(folder), "--user", "nobody@example.com"], "no account with the email")):
        refused = ingest(*bad)
        assert refused.returncode == 2 and says in refused.stderr and "Traceback" not in refused.stderr
