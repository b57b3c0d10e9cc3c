"""Files and rows agree after any crash: a file is published only after its row commits, and the start-up sweep
settles what a crash left in between (the old order wrote the file first and left orphans after kill -9)."""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from jobfit.runtime import Runtime, sweep_files
from jobfit.store import documents
from tests.integration.conftest import register_and_login
from tests.integration.test_serve import _group
from tests.integration.test_serve import data_dir as data_dir  # the fixture
from tests.integration.test_serve_pressure import _serve, _sign_in, _stop

RESUME = b"Jane Doe\njane@example.com\n\nExperience\nPython developer at Acme, 2019 - 2023\n\nSkills\nPython, SQL\n"


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_file_is_visible_only_once_its_row_commits_and_a_rollback_removes_it(client: TestClient,
                                                                               runtime: Runtime) -> None:
    auth = register_and_login(client)
    user_id = uuid.UUID(client.get("/api/v1/auth/me", headers=auth).json()["id"])
    root = runtime.settings.files_dir
    with runtime.db.user_session(user_id) as session:
        key = documents.stage_file(session, runtime.files, user_id, b"staged", "txt")
        assert not runtime.files.exists(key) and [p.name for p in _files(root)] == [f".{key.split('/')[1]}.tmp"]
        session.rollback()
    assert _files(root) == []
    with runtime.db.user_session(user_id) as session:
        key = documents.stage_file(session, runtime.files, user_id, b"staged", "txt")
        session.commit()
    assert runtime.files.exists(key) and runtime.files.read(key) == b"staged"


def test_the_sweep_settles_what_a_crash_left(client: TestClient, runtime: Runtime) -> None:
    auth = register_and_login(client)
    rid = client.post("/api/v1/documents/upload/resume", headers=auth, files={"file": ("cv.txt", RESUME)}).json()["id"]
    user_id = uuid.UUID(client.get("/api/v1/auth/me", headers=auth).json()["id"])
    root = runtime.settings.files_dir
    (published,) = _files(root)
    # a crash after the commit, before the rename: the row names the key, only the staged file exists
    staged = published.with_name(f".{published.name}.tmp")
    published.rename(staged)
    # a crash before the commit: a staged file no row names; and a file whose row was deleted
    orphan_staged = runtime.files.stage(user_id, b"x", "txt")
    orphan = runtime.files.stage(user_id, b"y", "pdf")
    runtime.files.publish(orphan)
    assert sweep_files(runtime.db, runtime.files) == 2
    assert _files(root) == [published]
    assert not runtime.files.exists(orphan) and not runtime.files.exists(orphan_staged)
    assert client.get(f"/api/v1/documents/resumes/{rid}/file", headers=auth).content == RESUME


def test_kill_9_during_an_ingest_leaves_every_file_with_its_row(data_dir: Path) -> None:
    """Rounds of: 4 clients upload as fast as they can, the server is killed with SIGKILL, then restarted."""
    acknowledged: set[str] = set()
    for round_ in range(3):
        proc, url = _serve(data_dir, "--workers", "1")
        try:
            auth = _sign_in(url)
            stop = threading.Event()

            def upload(stop: threading.Event = stop, url: str = url, auth: dict = auth) -> None:
                while not stop.is_set():
                    try:
                        r = httpx.post(f"{url}/api/v1/documents/upload/resume", headers=auth,
                                       files={"file": ("cv.txt", RESUME)}, timeout=10)
                    except httpx.HTTPError:
                        return
                    if r.status_code == 201:
                        acknowledged.add(r.json()["id"])

            clients = [threading.Thread(target=upload) for _ in range(4)]
            for c in clients:
                c.start()
            time.sleep(1.5 + 0.4 * round_)
            os.killpg(proc.pid, signal.SIGKILL)  # the server and its parse children; Postgres runs on
            proc.communicate(timeout=30)
            stop.set()
            for c in clients:
                c.join(15)
        finally:
            _stop(proc)
        deadline = time.monotonic() + 10
        while _group(proc.pid):
            assert time.monotonic() < deadline
            time.sleep(0.1)
    proc, url = _serve(data_dir, "--workers", "1")  # the start-up sweep runs here
    try:
        auth = _sign_in(url)
        rows = httpx.get(f"{url}/api/v1/documents/resumes", headers=auth, params={"limit": 100}).json()
        ids = {item["id"] for item in rows["items"]}
        while len(ids) < rows["total"]:
            page = httpx.get(f"{url}/api/v1/documents/resumes", headers=auth,
                             params={"limit": 100, "offset": len(ids)}).json()
            ids |= {item["id"] for item in page["items"]}
        assert acknowledged and acknowledged <= ids  # every acknowledged upload is there
        for rid in ids:
            assert httpx.get(f"{url}/api/v1/documents/resumes/{rid}/file", headers=auth).content == RESUME
        files = _files(data_dir / "files")
        assert len(files) == len(ids) and not [f for f in files if f.name.startswith(".")]
    finally:
        _stop(proc)
