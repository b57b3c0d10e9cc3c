"""Integration fixtures: one real Postgres+pgvector per test session (embedded, or JOBFIT_TEST_DATABASE_URL),
the real app over HTTP (TestClient), and fast isolation per test by truncating every table."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path

import anyio.to_thread
import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from jobfit.app import create_app  # the API and the pages, as `jobfit serve` runs them
from jobfit.config import Settings
from jobfit.runtime import Runtime, open_runtime

TABLES = ("login_throttle", "auth_sessions", "user_feedback", "ai_suggestions", "match_results", "job_embeddings",
          "resume_embeddings", "batch_files", "resume_batches", "candidate_decisions", "candidate_demographics",
          "job_descriptions", "resumes", "users", "procrastinate_jobs", "procrastinate_workers")


@pytest.fixture(scope="session")
def runtime() -> Iterator[Runtime]:
    # not under pytest's tmp dir: pytest keeps that 0700, and as root the cluster runs as another user
    data_dir = Path(tempfile.mkdtemp(prefix="jobfit-test-"))
    url = os.environ.get("JOBFIT_TEST_DATABASE_URL")
    settings = Settings(data_dir=data_dir, database_url=url, secret_key="test-" + "k" * 40)
    rt = open_runtime(settings)
    yield rt
    rt.close()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _clean(runtime: Runtime) -> Iterator[None]:
    yield
    runtime.background.wait()  # an upload's late statement vectors (`services.statement_fill`) are not carried over
    with runtime.db.owner_engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(TABLES)} CASCADE"))
        # the decision log refuses TRUNCATE; the purge's cut-off, set past every row, lets them all go
        conn.execute(text("SELECT set_config('jobfit.log_purge_before', 'infinity', true)"))
        conn.execute(text("DELETE FROM decision_log"))
    files: Path = runtime.settings.files_dir
    if files.exists():
        shutil.rmtree(files)


@pytest.fixture()
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime), raise_server_exceptions=False) as c:
        yield c


def register_and_login(client: TestClient, email: str | None = None,
                       password: str = "correct horse battery") -> dict[str, str]:
    email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
    r = client.post("/api/v1/auth/register", json={"email": email, "password": password})
    assert r.status_code == 201, r.text
    r = client.post("/api/v1/auth/login", data={"username": email, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


@pytest.fixture()
def auth(client: TestClient) -> dict[str, str]:
    return register_and_login(client)


def scalar_as(runtime: Runtime, client: TestClient, auth: dict[str, str], sql: str, *, commit: bool = False,
              **params: object) -> object:
    """Run `sql` as the signed-in user (under RLS): works on the embedded server and on an external
    database whose owner cannot bypass the forced policies."""
    user_id = uuid.UUID(client.get("/api/v1/auth/me", headers=auth).json()["id"])
    with runtime.db.user_session(user_id) as session:
        value = session.execute(text(sql), params).scalar()
        if commit:
            session.commit()
        return value


@pytest.fixture()
def owner_database() -> Iterator[tuple[Path, str]]:
    """A separate cluster with a database owned by an ordinary role (as on Supabase or RDS), the `vector`
    extension installed as a managed service's console would: (a scratch folder, the owner's URL).

    Separate, so `jobfit_app` does not exist yet and is created by that owner."""
    from jobfit.store.embedded import EmbeddedPostgres

    root = Path(tempfile.mkdtemp(prefix="jobfit-owner-"))
    server = EmbeddedPostgres(root / "postgres")
    server.start()
    try:
        server._psql("CREATE ROLE ext_owner LOGIN NOSUPERUSER CREATEROLE")
        server._psql("CREATE DATABASE jobfit_external OWNER ext_owner")
        server._psql("CREATE EXTENSION vector", database="jobfit_external")
        yield root, server.url(role="ext_owner", database="jobfit_external")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def answered_at_once(app: object, calls: Sequence[Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]], *,
                     threads: int) -> list[httpx.Response]:
    """Every call sent to `app` at once over ASGI, its event loop given `threads` worker threads; the answers in
    the calls' order."""
    async def burst() -> list[httpx.Response]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t",  # type: ignore[arg-type]
                                     timeout=120) as http:
            return await asyncio.gather(*(call(http) for call in calls))

    return asyncio.run(burst())


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(runtime: Runtime, *, queue_worker: bool = False, **overrides: object) -> Iterator[str]:
    """The real app served by uvicorn, as `jobfit serve` configures it (settings changed by `overrides`; with
    `queue_worker`, its in-process queue worker too), in a thread of this process (so a test can patch it or
    measure it); yields its base URL."""
    import dataclasses
    import threading
    import time

    import uvicorn

    from jobfit.http.server import uvicorn_options

    settings = runtime.settings.model_copy(update={"port": free_port(), "log_level": "warning", **overrides})
    served = dataclasses.replace(runtime, settings=settings, _sandbox=None)  # its own, closed below
    server = uvicorn.Server(uvicorn.Config(create_app(served), **uvicorn_options(settings)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    from jobfit.worker.run import BackgroundWorker

    worker = BackgroundWorker(served).start() if queue_worker else None
    try:
        yield f"http://127.0.0.1:{settings.port}"
    finally:
        if worker is not None:
            worker.stop()
        server.should_exit = True
        thread.join(10)
        if served._sandbox is not None:
            served._sandbox.close()


@pytest.fixture()
def live_server(runtime: Runtime) -> Iterator[str]:
    """The real app on loopback with a 2 s body timeout (`serving`)."""
    with serving(runtime, body_timeout=2.0) as url:
        yield url
