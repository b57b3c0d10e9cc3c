"""A full disk: an upload answers 507 with a plain sentence, deletes its staged file at once and writes no rows
(it was a 500 that left a `.tmp` file until the next restart). The files folder is a real filesystem that is
full: a tmpfs of 64 KB, filled up."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jobfit.app import create_app
from jobfit.runtime import Runtime
from jobfit.store.files import LocalFileStore
from tests.integration.conftest import register_and_login, scalar_as
from tests.integration.test_web_pages import PASSWORD, csrf_of

API = "/api/v1"
RESUME = (b"Ada Lovelace\nada@example.com\n\nExperience\nSenior Python developer, Acme, 2018-2024\n"
          b"- Built REST APIs with FastAPI and PostgreSQL\n\nSkills\nPython, SQL, Docker\n")


@contextlib.contextmanager
def full_filesystem() -> Iterator[Path]:
    """A mounted 64 KB tmpfs with no room left (a filler file took it all); needs the right to mount (root)."""
    mount = Path(tempfile.mkdtemp(prefix="jobfit-full-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        mount.rmdir()
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.strip()}")
    try:
        with open(mount / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
            while True:
                filler.write(b"\0" * 4096)
        with pytest.raises(OSError) as full:
            (mount / "probe").write_bytes(b"x")
        assert full.value.errno == errno.ENOSPC
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()


def test_uploads_on_a_full_disk_are_507_and_leave_nothing(runtime: Runtime) -> None:
    with full_filesystem() as mount:
        served = dataclasses.replace(runtime, files=LocalFileStore(mount / "files"))
        with TestClient(create_app(served), raise_server_exceptions=False) as client:
            auth = register_and_login(client)
            r = client.post(f"{API}/documents/upload/resume", headers=auth, files={"file": ("cv.txt", RESUME)})
            assert r.status_code == 507, r.text
            assert r.json()["code"] == "insufficient_storage" and "storage is full" in r.json()["detail"]
            r = client.post(f"{API}/documents/upload/job-description/file", headers=auth,
                            files={"file": ("job.txt", b"Python developer\nRequired: Python and SQL.\n")})
            assert r.status_code == 507, r.text
            # a job typed in keeps no file: the database still has room for it
            typed = {"title": "Python developer", "description": "Python and SQL."}
            assert client.post(f"{API}/documents/upload/job-description", headers=auth, json=typed).status_code == 201

            # the web form says so in words, with the same status
            email = "web-full@example.com"
            token = csrf_of(client.get("/sign-up").text)
            client.post("/sign-up", data={"email": email, "password": PASSWORD, "password_again": PASSWORD,
                                          "csrf_token": token})
            page = client.post("/resumes", data={"csrf_token": csrf_of(client.get("/resumes/new").text)},
                               files={"file": ("cv.txt", RESUME)})
            assert page.status_code == 507 and "storage is full" in page.text

            assert scalar_as(runtime, client, auth, "SELECT count(*) FROM resumes") == 0
            assert scalar_as(runtime, client, auth, "SELECT count(*) FROM job_descriptions") == 1
            left = [p.name for p in (mount / "files").rglob("*") if p.is_file()]
            assert left == [], left  # no staged .tmp file waits for a restart

            (mount / "filler").unlink()  # room again: the same upload works
            r = client.post(f"{API}/documents/upload/resume", headers=auth, files={"file": ("cv.txt", RESUME)})
            assert r.status_code == 201, r.text


def test_a_batch_on_a_full_disk_is_507_and_leaves_nothing(runtime: Runtime) -> None:
    """The batch path stages many files: one that finds no room refuses the batch, and those staged before it are
    deleted at once (no batch, no job, no file)."""
    with full_filesystem() as mount:
        (mount / "filler").unlink()
        (mount / "filler").write_bytes(b"\0" * (64 * 1024 - 3 * 4096))  # room for the first files, not for all
        served = dataclasses.replace(runtime, files=LocalFileStore(mount / "files"))
        with TestClient(create_app(served), raise_server_exceptions=False) as client:
            auth = register_and_login(client)
            files = [("files", (f"cv{n}.txt", RESUME.replace(b"Ada", f"Ada{n}".encode()) + b"x" * 3000))
                     for n in range(6)]
            r = client.post(f"{API}/documents/batches", headers=auth, files=files)
            assert r.status_code == 507, r.text
            assert r.json()["code"] == "insufficient_storage" and "storage is full" in r.json()["detail"]
            assert scalar_as(runtime, client, auth, "SELECT count(*) FROM resume_batches") == 0
            assert scalar_as(runtime, client, auth, "SELECT count(*) FROM batch_files") == 0
            left = [p.name for p in (mount / "files").rglob("*") if p.is_file()]
            assert left == [], left  # the files staged before the disk filled were deleted with the refusal
