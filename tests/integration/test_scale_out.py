"""The deployment the scale issue asks for, as real processes: 2 API processes and 3 queue workers on one Postgres
and one S3-compatible server (moto on loopback), nothing shared on local disk. 525 files in 5 batches (500 distinct
resumes, 20 copies of some of them, 5 empty files) are sent through both API processes; one worker is killed with
SIGKILL while it holds jobs. Every file must end in exactly one final state, each distinct resume stored once, the
killed worker's jobs done by the others, and no object in the bucket that no row names."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from jobfit.runtime import sweep_files
from jobfit.store.db import Database
from jobfit.store.embedded import EmbeddedPostgres
from jobfit.store.files import S3FileStore
from tests.integration.s3_server import CREDENTIALS, create_bucket, s3_server_process
from tests.integration.test_serve import JOBFIT, _free_port, _wait_healthy

pytestmark = pytest.mark.slow

DISTINCT, COPIES, EMPTY, BATCHES = 500, 20, 5, 5
SKILLS = ("Python", "Java", "SQL", "Go", "Rust", "Kubernetes", "React", "Excel", "Tableau", "Linux")


def resume(i: int) -> bytes:
    a, b = SKILLS[i % len(SKILLS)], SKILLS[(i // len(SKILLS)) % len(SKILLS)]
    return (f"Candidate {i}\ncandidate{i}@example.com\n\nSummary\nEngineer number {i} with {a} and {b}.\n\n"
            f"Experience\n{a} developer at Company {i}, 2015 - 2023\nBuilt {b} services used by {i * 7} people.\n\n"
            f"Education\nBSc Computer Science, University {i % 13}, 2014\n\nSkills\n{a}, {b}, Git\n").encode()


@pytest.fixture()
def database() -> Iterator[str]:
    root = Path(tempfile.mkdtemp(prefix="jobfit-scale-db-"))
    server = EmbeddedPostgres(root / "postgres")
    server.start()
    try:
        yield server.url()
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def processes(env: dict[str, str]) -> Iterator[list[subprocess.Popen]]:
    started: list[subprocess.Popen] = []
    try:
        yield started
    finally:
        for proc in started:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in started:
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)


def start(started: list[subprocess.Popen], env: dict[str, str], *args: str) -> subprocess.Popen:
    data_dir = tempfile.mkdtemp(prefix="jobfit-scale-node-")  # each process its own: nothing shared on disk
    log = open(Path(data_dir) / "stderr.log", "w")  # noqa: SIM115 - the process writes it until it ends
    proc = subprocess.Popen([*JOBFIT, *args], env={**env, "JOBFIT_DATA_DIR": data_dir}, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=log, text=True)
    proc.log_path = log.name  # type: ignore[attr-defined]
    started.append(proc)
    return proc


def wait_for(check, timeout_s: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)


def test_two_api_processes_three_workers_and_a_kill_9_lose_nothing(database: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    engine = create_engine(database)
    with s3_server_process() as endpoint:
        create_bucket(endpoint, "jobfit-scale")
        env = {**os.environ, **CREDENTIALS, "DATABASE_URL": database, "JOBFIT_STORAGE_URL": "s3://jobfit-scale/files",
               "JOBFIT_S3_ENDPOINT_URL": endpoint, "JOBFIT_SECRET_KEY": "scale-test-" + "k" * 40,
               "JOBFIT_SERVE_WORKER": "0", "JOBFIT_EMBEDDING_PROVIDER": "wordllama", "JOBFIT_LOG_LEVEL": "warning",
               "JOBFIT_PARSE_TIMEOUT": "30"}
        with processes(env) as started:
            apis = []
            for _ in range(2):
                port = _free_port()
                _wait_healthy(f"http://127.0.0.1:{port}",
                              start(started, env, "serve", "--workers", "1", "--port", str(port)), timeout=120)
                apis.append(f"http://127.0.0.1:{port}")
            httpx.post(f"{apis[0]}/api/v1/auth/register", json={"email": "r@example.com", "password": "scale pass 1"})
            token = httpx.post(f"{apis[1]}/api/v1/auth/login",
                               data={"username": "r@example.com", "password": "scale pass 1"}).json()["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            files = [(f"cv-{i}.txt", resume(i)) for i in range(DISTINCT)]
            files += [(f"copy-{i}.txt", resume(i * 7)) for i in range(COPIES)]
            files += [(f"empty-{i}.txt", b"") for i in range(EMPTY)]
            locations = []
            per_batch = len(files) // BATCHES + 1
            for n in range(BATCHES):
                chunk = files[n * per_batch:(n + 1) * per_batch]
                if n == 0:  # one batch as a zip
                    out = io.BytesIO()
                    with zipfile.ZipFile(out, "w") as archive:
                        for name, data in chunk:
                            archive.writestr(f"batch/{name}", data)
                    sent = [("files", ("batch.zip", out.getvalue()))]
                else:
                    sent = [("files", item) for item in chunk]
                r = httpx.post(f"{apis[n % 2]}/api/v1/documents/batches", headers=auth, files=sent, timeout=120)
                assert r.status_code == 202, r.text + "".join(Path(p.log_path).read_text()[-3000:]
                                                              for p in started)
                locations.append(r.headers["location"])

            # every job is queued before any worker runs, so the first worker surely holds jobs when it is killed
            # (and its parse children with it); the other two start then and must do its jobs too
            first_worker = start(started, env, "worker")
            with engine.connect() as conn:
                wait_for(lambda: conn.execute(text("SELECT count(*) FROM procrastinate_workers")).scalar() == 1,
                         120, "the first worker")
                victim_id = conn.execute(text("SELECT id FROM procrastinate_workers")).scalar()
                wait_for(lambda: conn.execute(text("SELECT count(*) FROM procrastinate_jobs WHERE status = 'doing' "
                                                   "AND worker_id = :w"), {"w": victim_id}).scalar() > 0,
                         120, "the first worker to hold a job")
            os.killpg(first_worker.pid, signal.SIGKILL)
            first_worker.wait(10)
            for _ in range(2):
                start(started, env, "worker")

            def finished() -> bool:
                return all(httpx.get(f"{apis[i % 2]}{loc}", headers=auth, timeout=30).json()["finished"]
                           for i, loc in enumerate(locations))

            wait_for(finished, 900, "every batch to finish")
            batches = [httpx.get(f"{apis[i % 2]}{loc}", headers=auth, timeout=30).json()
                       for i, loc in enumerate(locations)]
            by_name = dict(files)
            for n, f in enumerate(f for b in batches for f in b["files"] if f["state"] == "done"):
                if n % 25 == 0:  # what either API process serves is the file as uploaded
                    got = httpx.get(f"{apis[n % 2]}/api/v1/documents/resumes/{f['resume_id']}/file", headers=auth,
                                    timeout=30)
                    assert got.content == by_name[f["filename"]]

        rows = [f for b in batches for f in b["files"]]
        assert len(rows) == len(files)
        assert {f["state"] for f in rows} <= {"done", "failed"}
        failed = [f for f in rows if f["state"] == "failed"]
        assert len(failed) == EMPTY and {f["error"]["code"] for f in failed} == {"empty_file"}
        stored = [f for f in rows if f["state"] == "done" and not f["duplicate"]]
        duplicates = [f for f in rows if f["duplicate"]]
        assert len(stored) == DISTINCT and len(duplicates) == COPIES
        assert len({f["resume_id"] for f in stored}) == DISTINCT
        assert {f["resume_id"] for f in duplicates} <= {f["resume_id"] for f in stored}
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*), count(DISTINCT metadata->>'content_sha256') FROM resumes")
                                ).one() == (DISTINCT, DISTINCT)
            assert conn.execute(text("SELECT count(*) FROM batch_files WHERE storage_key IS NOT NULL")).scalar() == 0
            statuses = dict(conn.execute(text("SELECT status, count(*) FROM procrastinate_jobs GROUP BY status")).all())
            assert statuses == {"succeeded": DISTINCT + COPIES}, statuses
            revived = conn.execute(text("SELECT count(*) FROM procrastinate_jobs WHERE attempts > 0")).scalar()
            assert revived > 0  # the killed worker's jobs were put back and done by the others
            keys = set(conn.execute(text("SELECT metadata->>'storage_key' FROM resumes")).scalars())
        store = S3FileStore("jobfit-scale", "files", endpoint_url=endpoint, region="us-east-1")
        # a kill between a row's commit and its file's deletion (a duplicate's bytes) leaves an object no row names:
        # the sweep settles it at the next start. Every process has stopped, so it may settle files of any age.
        db = Database(database, None)
        try:
            assert sweep_files(db, store, min_age_s=0) <= 10  # at most the jobs the killed worker held
        finally:
            db.dispose()
        objects = {item["Key"].removeprefix("files/")
                   for page in store._client.get_paginator("list_objects_v2").paginate(Bucket="jobfit-scale")
                   for item in page.get("Contents", ())}
        assert objects == keys  # no orphan, no staged leftover, no missing file
    engine.dispose()
