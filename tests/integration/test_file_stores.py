"""Both file stores keep one contract (stage → publish after commit, read, delete, sweep), the S3 one against a real
S3-compatible server on loopback (moto's server mode); and uploads, batches and downloads work over S3."""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jobfit.app import create_app
from jobfit.runtime import Runtime, sweep_files
from jobfit.store.files import FileStore, LocalFileStore, S3FileStore, StorageError, file_store
from jobfit.worker.run import BackgroundWorker
from tests.integration.conftest import register_and_login
from tests.integration.s3_server import create_bucket, s3_server_thread
from tests.integration.test_batches import resume_text, wait_finished


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with s3_server_thread() as endpoint:
        yield endpoint


def _s3(endpoint: str) -> S3FileStore:
    bucket = f"jobfit-{uuid.uuid4().hex[:12]}"
    create_bucket(endpoint, bucket)
    return S3FileStore(bucket, "uploads", endpoint_url=endpoint, region="us-east-1")


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, s3_endpoint: str) -> FileStore:
    if request.param == "local":
        return LocalFileStore(Path(tempfile.mkdtemp(prefix="jobfit-files-")))
    return _s3(s3_endpoint)


def test_the_store_contract(store: FileStore) -> None:
    user = uuid.uuid4()
    key = store.stage(user, b"first", "pdf")
    assert key.startswith(f"{user}/") and key.endswith(".pdf")
    assert not store.exists(key)  # staged: not visible until published
    store.publish(key)
    assert store.exists(key) and store.read(key) == b"first"
    store.publish(key)  # a second publish (two sweeps at once) is harmless
    store.delete(key)
    assert not store.exists(key)
    with pytest.raises(FileNotFoundError):
        store.read(key)
    with pytest.raises(ValueError):
        store.read("../etc/passwd")


def test_deleting_a_user_removes_all_their_files_and_no_one_elses(store: FileStore) -> None:
    user, other = uuid.uuid4(), uuid.uuid4()
    published = store.stage(user, b"kept until the account goes", "pdf")
    store.publish(published)
    staged = store.stage(user, b"an upload in flight", "txt")
    theirs = store.stage(other, b"another account's", "md")
    store.publish(theirs)
    store.delete_user(user)
    assert not store.exists(published)
    with pytest.raises(FileNotFoundError):  # the staged bytes went too
        store.publish(staged)
    assert store.read(theirs) == b"another account's"
    store.delete_user(user)  # again (a retried deletion), and for a user who never stored a file: harmless
    store.delete_user(uuid.uuid4())
    assert store.sweep(lambda _uid: {theirs}) == 0


def test_the_sweep_publishes_named_staged_files_and_removes_old_unnamed_ones(store: FileStore) -> None:
    user = uuid.uuid4()
    named_staged = store.stage(user, b"a", "txt")  # its row committed, the publish was lost
    orphan_staged = store.stage(user, b"b", "txt")  # its transaction never committed
    orphan = store.stage(user, b"c", "md")
    store.publish(orphan)  # its row was deleted
    kept = store.stage(user, b"d", "docx")
    store.publish(kept)
    named = {named_staged, kept}
    # files younger than the grace may belong to a transaction still open elsewhere: left alone
    assert store.sweep(lambda _uid: named, min_age_s=3600) == 0
    assert store.exists(named_staged)  # published even so: its row is committed
    assert store.sweep(lambda _uid: named) == 2
    assert store.exists(kept) and store.read(named_staged) == b"a"
    assert not store.exists(orphan)
    with pytest.raises(FileNotFoundError):  # its staged bytes are gone
        store.publish(orphan_staged)
    assert store.sweep(lambda _uid: named) == 0


def test_a_storage_url_names_its_backend(tmp_path: Path, s3_endpoint: str) -> None:
    assert isinstance(file_store(None, tmp_path), LocalFileStore)
    s3 = file_store("s3://some-bucket/a/b", tmp_path, endpoint_url=s3_endpoint)
    assert isinstance(s3, S3FileStore) and s3.bucket == "some-bucket" and s3.prefix == "a/b/"
    with pytest.raises(StorageError):
        file_store("ftp://host/x", tmp_path)
    missing = file_store("s3://no-such-bucket", tmp_path, endpoint_url=s3_endpoint)
    with pytest.raises(StorageError):
        missing.stage(uuid.uuid4(), b"x", "txt")


def test_unreachable_storage_is_a_storage_error() -> None:
    store = S3FileStore("bucket", endpoint_url="http://127.0.0.1:9", region="us-east-1")
    started = time.monotonic()
    with pytest.raises(StorageError):
        store.stage(uuid.uuid4(), b"x", "txt")
    assert time.monotonic() - started < 60


def test_uploads_batches_and_downloads_over_s3(runtime: Runtime, s3_endpoint: str) -> None:
    store = _s3(s3_endpoint)
    on_s3 = dataclasses.replace(runtime, files=store, _sandbox=None)
    worker = BackgroundWorker(on_s3).start()
    try:
        with TestClient(create_app(on_s3), raise_server_exceptions=False) as client:
            auth = register_and_login(client)
            ada = resume_text("Ada Lovelace", "Python")
            single = client.post("/api/v1/documents/upload/resume", headers=auth, files={"file": ("ada.txt", ada)})
            assert single.status_code == 201, single.text
            assert client.get(f"/api/v1/documents/resumes/{single.json()['id']}/file", headers=auth).content == ada
            bob = resume_text("Bob Stone", "Java")
            r = client.post("/api/v1/documents/batches", headers=auth,
                            files=[("files", ("bob.txt", bob)), ("files", ("ada.txt", ada))])
            body = wait_finished(client, auth, r.headers["location"])
            assert [(f["state"], f["duplicate"]) for f in body["files"]] == [("done", False), ("done", True)]
            rid = body["files"][0]["resume_id"]
            assert client.get(f"/api/v1/documents/resumes/{rid}/file", headers=auth).content == bob
            assert sweep_files(runtime.db, store) == 0  # every object has its row; the duplicate's bytes are gone
            objects = store._client.list_objects_v2(Bucket=store.bucket).get("KeyCount")
            assert objects == 2
            assert client.delete(f"/api/v1/documents/resumes/{rid}", headers=auth).status_code == 204
            assert store._client.list_objects_v2(Bucket=store.bucket).get("KeyCount") == 1
    finally:
        worker.stop()
        if on_s3._sandbox is not None:
            on_s3._sandbox.close()
    assert os.environ.get("AWS_ACCESS_KEY_ID")  # the server's credentials stay set for the module
