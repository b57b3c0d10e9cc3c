"""Batches through the real API and a real queue worker on the test Postgres: 202 at once, every file to one final
state with the error a single upload would give, duplicates recognised by content, zips bounded."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from jobfit.runtime import Runtime
from jobfit.worker.run import BackgroundWorker
from tests.integration.conftest import register_and_login
from tests.unit.documents.conftest import build_zip


def resume_text(name: str, skill: str) -> bytes:
    return (f"{name}\n{name.lower().replace(' ', '.')}@example.com\n\nExperience\n"
            f"{skill} developer at Acme, 2019 - 2023\nBuilt services in {skill} and SQL.\n\n"
            f"Skills\n{skill}, SQL, Git\n").encode()


@pytest.fixture()
def worker(runtime: Runtime) -> Iterator[BackgroundWorker]:
    running = BackgroundWorker(runtime).start()
    yield running
    running.stop()


def wait_finished(client: TestClient, auth: dict[str, str], location: str, timeout_s: float = 120) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        body = client.get(location, headers=auth).json()
        if body["finished"]:
            return body
        time.sleep(0.2)
    raise AssertionError(f"the batch did not finish: {body['counts']}")


def test_a_batch_is_accepted_at_once_and_every_file_ends_done_or_failed(client: TestClient, auth: dict[str, str],
                                                                        worker: BackgroundWorker) -> None:
    ada, bob = resume_text("Ada Lovelace", "Python"), resume_text("Bob Stone", "Java")
    files = [("files", ("ada.txt", ada)), ("files", ("bob.txt", bob)), ("files", ("ada-again.txt", ada)),
             ("files", ("empty.txt", b"")), ("files", ("page.pdf", b"<html><body>not a resume</body></html>"))]
    r = client.post("/api/v1/documents/batches", headers=auth, files=files)
    assert r.status_code == 202, r.text
    assert r.json()["total"] == 5 and r.headers["location"] == f"/api/v1/documents/batches/{r.json()['id']}"
    body = wait_finished(client, auth, r.headers["location"])
    by_name = {f["filename"]: f for f in body["files"]}
    assert [f["filename"] for f in body["files"]] == ["ada.txt", "bob.txt", "ada-again.txt", "empty.txt", "page.pdf"]
    assert body["counts"] == {"queued": 0, "parsing": 0, "embedding": 0, "done": 3, "failed": 2}
    assert by_name["empty.txt"]["error"]["code"] == "empty_file"
    assert by_name["page.pdf"]["error"]["code"] == "unsupported_type"
    assert not by_name["ada.txt"]["duplicate"] and not by_name["bob.txt"]["duplicate"]
    assert by_name["ada-again.txt"]["duplicate"]
    assert by_name["ada-again.txt"]["resume_id"] == by_name["ada.txt"]["resume_id"]
    resumes = client.get("/api/v1/documents/resumes", headers=auth).json()
    assert resumes["total"] == 2
    assert client.get(f"/api/v1/documents/resumes/{by_name['bob.txt']['resume_id']}/file", headers=auth).content == bob
    # a later batch with a file already stored: recognised across batches; kept when asked
    again = client.post("/api/v1/documents/batches", headers=auth, files=[("files", ("bob2.txt", bob))])
    again_file = wait_finished(client, auth, again.headers["location"])["files"][0]
    assert again_file["duplicate"], again_file  # its state and error, if it ever is not
    kept = client.post("/api/v1/documents/batches", headers=auth, files=[("files", ("bob3.txt", bob))],
                       data={"keep_duplicates": "true"})
    kept_file = wait_finished(client, auth, kept.headers["location"])["files"][0]
    assert kept_file["state"] == "done" and not kept_file["duplicate"]
    assert client.get("/api/v1/documents/resumes", headers=auth).json()["total"] == 3
    listed = client.get("/api/v1/documents/batches", headers=auth).json()
    assert listed["total"] == 3 and listed["items"][0]["id"] == kept.json()["id"]


def test_a_zip_is_opened_into_its_files_and_bounded(client: TestClient, auth: dict[str, str],
                                                   worker: BackgroundWorker, runtime: Runtime) -> None:
    inner = build_zip({"x.txt": resume_text("Inner Person", "Go")})
    archive = build_zip({"team/ada.txt": resume_text("Ada Lovelace", "Python"), "team/inner.zip": inner,
                    "__MACOSX/._ada.txt": b"junk", "team/.hidden.txt": b"junk", "team/cyd.md":
                    resume_text("Cyd Charisse", "Rust")})
    r = client.post("/api/v1/documents/batches", headers=auth, files=[("files", ("team.zip", archive))])
    assert r.status_code == 202, r.text
    body = wait_finished(client, auth, r.headers["location"])
    assert [(f["filename"], f["state"]) for f in body["files"]] == [
        ("ada.txt", "done"), ("inner.zip", "failed"), ("cyd.md", "done")]
    assert body["files"][1]["error"]["code"] == "unsupported_type"
    climbing = build_zip({"../../etc/cron.d/evil.txt": b"x" * 100})
    r = client.post("/api/v1/documents/batches", headers=auth, files=[("files", ("evil.zip", climbing))])
    assert r.status_code == 422 and r.json()["code"] == "unsafe_archive"
    many = build_zip({f"f{i}.txt": b"x" for i in range(30)})
    small = runtime.settings.model_copy(update={"max_batch_files": 20})
    from jobfit.app import create_app

    with TestClient(create_app(type(runtime)(**{**runtime.__dict__, "settings": small}))) as limited:
        r = limited.post("/api/v1/documents/batches", headers=auth, files=[("files", ("many.zip", many))])
    assert r.status_code == 422 and r.json()["code"] == "archive_too_large"
    # nothing of the refused archives was stored
    assert client.get("/api/v1/documents/batches", headers=auth).json()["total"] == 1


def test_batch_rows_are_private_and_queue_rows_hold_no_user_data(client: TestClient, runtime: Runtime,
                                                                 worker: BackgroundWorker) -> None:
    owner = register_and_login(client)
    r = client.post("/api/v1/documents/batches", headers=owner,
                    files=[("files", ("ada.txt", resume_text("Ada Lovelace", "Python")))])
    other = register_and_login(client)
    assert client.get(r.headers["location"], headers=other).status_code == 404
    assert client.get("/api/v1/documents/batches", headers=other).json()["total"] == 0
    wait_finished(client, owner, r.headers["location"])
    with runtime.db.owner_engine.connect() as conn:
        args = conn.execute(text("SELECT args FROM procrastinate_jobs")).scalars().all()
    assert args and all(set(a) == {"user_id", "file_id"} for a in args)


def test_batch_tables_have_forced_rls_and_the_app_role_can_only_add_jobs(runtime: Runtime) -> None:
    with runtime.db.owner_engine.connect() as conn:
        rows = conn.execute(text("SELECT relrowsecurity, relforcerowsecurity FROM pg_class "
                                 "WHERE relname IN ('resume_batches', 'batch_files')")).all()
        assert rows == [(True, True), (True, True)]
        can = conn.execute(text(
            "SELECT has_table_privilege('jobfit_app', 'procrastinate_jobs', 'INSERT'), "
            "has_column_privilege('jobfit_app', 'procrastinate_jobs', 'args', 'SELECT'), "
            "has_table_privilege('jobfit_app', 'procrastinate_jobs', 'UPDATE'), "
            "has_table_privilege('jobfit_app', 'procrastinate_jobs', 'DELETE'), "
            "has_table_privilege('jobfit_app', 'procrastinate_workers', 'SELECT')")).one()
        assert tuple(can) == (True, False, False, False, False)
