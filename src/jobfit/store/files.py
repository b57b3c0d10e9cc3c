"""Storage for original uploads, laid out as the seed's per-user bucket folder: `<user_id>/<uuid>.<ext>`.

Names chosen by users are never used as paths: keys are built from UUIDs and a whitelisted extension.
`FileStore` is the small interface both backends implement: `LocalFileStore` (a folder, the default) and
`S3FileStore` (any S3-compatible bucket: S3, R2, MinIO, Supabase Storage; `JOBFIT_STORAGE_URL=s3://bucket/prefix`),
so API processes and workers on several machines share one store.

A file is written in two steps around its row's commit: `stage` writes a hidden temporary file, and
`publish` (after the commit) renames it to its key. A crash in between leaves a temporary file, which
`sweep` at the next start publishes if its row committed and deletes otherwise; it also deletes files
that no row names (a crash between a row's deletion and its file's). So after any crash every stored
file has its row and every row its file. Where other processes may be writing meanwhile (several machines on
one database), the sweep leaves alone files younger than `min_age_s`: they may belong to a transaction still
open elsewhere.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

_KEY = re.compile(r"^[0-9a-f-]{36}/[0-9a-f-]{36}\.(pdf|docx|txt|md)$")
ALLOWED_EXTENSIONS = frozenset({"pdf", "docx", "txt", "md"})


# what a write gets from a full disk, a full quota, or a file-size limit
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class StorageFull(OSError):
    """The file could not be stored: no room left (disk, quota or size limit). Nothing of it was kept."""


class FileStore(Protocol):
    def stage(self, user_id: uuid.UUID, data: bytes, ext: str) -> str: ...
    def publish(self, key: str) -> None: ...
    def read(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...
    def delete_user(self, user_id: uuid.UUID) -> None: ...
    def sweep(self, keys_of_user: Callable[[uuid.UUID], set[str]], *, min_age_s: float = 0) -> int: ...


class StorageError(RuntimeError):
    """The file store could not be reached or refused a request (a transient failure: try again)."""


def new_key(user_id: uuid.UUID, ext: str) -> str:
    """A fresh key in the user's folder; only a whitelisted extension, never a user-supplied name."""
    if ext not in ALLOWED_EXTENSIONS:
        raise ValueError(f"unsupported extension {ext!r}")
    return f"{uuid.UUID(str(user_id))}/{uuid.uuid4()}.{ext}"


def check_key(key: str) -> str:
    if not _KEY.match(key):
        raise ValueError("invalid file key")
    return key


def staged_name(key: str) -> str:
    """Where a key's file waits, hidden, between `stage` and `publish`: `<user>/.<name>.tmp`."""
    folder, name = check_key(key).split("/")
    return f"{folder}/.{name}.tmp"


def settle(stored: Iterator[tuple[str, float]], keys_of_user: Callable[[uuid.UUID], set[str]], min_age_s: float,
           publish: Callable[[str], None], remove: Callable[[str], None]) -> int:
    """The sweep's one rule, for any backend: `stored` lists (name relative to the store, age in seconds), grouped
    by user folder. A staged file whose key a committed row names is published; any other staged or unnamed file
    older than `min_age_s` is removed. Returns how many were removed."""
    removed = 0
    named: set[str] | None = None
    current: str | None = None
    for name, age in stored:
        folder, _, base = name.partition("/")
        try:
            user_id = uuid.UUID(folder)
        except ValueError:
            continue
        if folder != current:
            current, named = folder, keys_of_user(user_id)
        assert named is not None
        if base.startswith(".") and base.endswith(".tmp"):
            key = f"{folder}/{base[1:-4]}"
            if key in named:
                publish(key)
                continue
        elif name in named:
            continue
        if age < min_age_s:
            continue
        log.warning("removing %s, left without a database row by an interrupted write or delete", base)
        remove(name)
        removed += 1
    return removed


class LocalFileStore:
    """Files under `root` (by default `<data dir>/files`), written atomically (temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def _staged(self, key: str) -> Path:
        return self.root / staged_name(key)

    def stage(self, user_id: uuid.UUID, data: bytes, ext: str) -> str:
        """Write `data` durably under a new key, not yet visible: `publish` it once its row has committed."""
        key = new_key(user_id, ext)
        tmp = self._staged(key)
        try:
            tmp.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            tmp.unlink(missing_ok=True)  # no half-written file waits for the next start's sweep
            if exc.errno in _NO_ROOM:
                raise StorageFull(exc.errno, f"no room to store the file ({exc.strerror})") from None
            raise
        return key

    def publish(self, key: str) -> None:
        path = self._path(key)
        try:
            os.replace(self._staged(key), path)
        except FileNotFoundError:
            if not path.exists():  # else another process's sweep published it first
                raise
        _fsync_dir(path.parent)

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        """Remove the file, published or only staged."""
        self._path(key).unlink(missing_ok=True)
        self._staged(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).exists()

    def delete_user(self, user_id: uuid.UUID) -> None:
        """Remove every file of the user (their account is deleted), staged or published, and their folder."""
        folder = self.root / str(uuid.UUID(str(user_id)))
        if folder.is_dir():
            for path in folder.iterdir():
                path.unlink(missing_ok=True)
            folder.rmdir()

    def sweep(self, keys_of_user: Callable[[uuid.UUID], set[str]], *, min_age_s: float = 0) -> int:
        """Make the folder agree with the database after a crash (`settle`): run at start. `keys_of_user(user_id)`
        gives the keys that user's committed rows name."""
        if not self.root.is_dir():
            return 0
        now = time.time()

        def stored() -> Iterator[tuple[str, float]]:
            for folder in sorted(self.root.iterdir()):
                if folder.is_dir():
                    for path in folder.iterdir():
                        try:
                            yield f"{folder.name}/{path.name}", now - path.stat().st_mtime
                        except FileNotFoundError:  # settled by another process meanwhile
                            continue

        return settle(stored(), keys_of_user, min_age_s, self.publish,
                      lambda name: (self.root / name).unlink(missing_ok=True))


class S3FileStore:
    """Files in an S3-compatible bucket under `prefix`, through boto3 (the `jobfit[s3]` extra).

    The same two steps as the folder: `stage` uploads to the hidden staged name, `publish` copies it to its key
    inside the bucket and deletes the staged object. Credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID
    and AWS_SECRET_ACCESS_KEY, a profile, an instance role); errors of the service are `StorageError`.
    """

    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None,
                 region: str | None = None) -> None:
        try:
            import boto3
            from botocore.config import Config
        except ImportError:
            raise StorageError("S3 storage needs boto3: pip install 'jobfit[s3]'") from None
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self._client = boto3.client("s3", endpoint_url=endpoint_url, region_name=region,
                                    config=Config(retries={"max_attempts": 3, "mode": "standard"},
                                                  connect_timeout=5, read_timeout=30))

    def _call(self, method: str, **kwargs: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self._client, method)(Bucket=self.bucket, **kwargs)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                raise FileNotFoundError(kwargs.get("Key", "")) from None
            raise StorageError(f"the file store refused {method}: {error.response.get('Error', {}).get('Code')}") \
                from None
        except BotoCoreError as error:
            raise StorageError(f"the file store could not be reached ({type(error).__name__})") from None

    def stage(self, user_id: uuid.UUID, data: bytes, ext: str) -> str:
        key = new_key(user_id, ext)
        self._call("put_object", Key=self.prefix + staged_name(key), Body=data)
        return key

    def publish(self, key: str) -> None:
        staged = self.prefix + staged_name(key)
        try:
            self._call("copy_object", Key=self.prefix + key, CopySource={"Bucket": self.bucket, "Key": staged})
        except FileNotFoundError:
            if not self.exists(key):  # else another process's sweep published it first
                raise
            return
        self._call("delete_object", Key=staged)

    def read(self, key: str) -> bytes:
        return self._call("get_object", Key=self.prefix + check_key(key))["Body"].read()

    def delete(self, key: str) -> None:
        self._call("delete_object", Key=self.prefix + check_key(key))
        self._call("delete_object", Key=self.prefix + staged_name(key))

    def exists(self, key: str) -> bool:
        try:
            self._call("head_object", Key=self.prefix + check_key(key))
        except FileNotFoundError:
            return False
        return True

    def _listed(self, under: str) -> Iterator[dict[str, Any]]:
        """The objects whose key starts with `under` (after the prefix), in key order."""
        from botocore.exceptions import BotoCoreError, ClientError

        pages = self._client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix + under)
        try:
            for page in pages:
                yield from page.get("Contents", ())
        except (BotoCoreError, ClientError) as error:
            raise StorageError(f"the file store could not list its files ({type(error).__name__})") from None

    def delete_user(self, user_id: uuid.UUID) -> None:
        """Remove every object of the user (their account is deleted), staged or published."""
        for item in list(self._listed(f"{uuid.UUID(str(user_id))}/")):
            self._call("delete_object", Key=item["Key"])

    def sweep(self, keys_of_user: Callable[[uuid.UUID], set[str]], *, min_age_s: float = 0) -> int:
        """`settle` over every object under the prefix (listed in key order, so grouped by user folder)."""
        now = time.time()
        stored = ((item["Key"][len(self.prefix):], now - item["LastModified"].timestamp())
                  for item in self._listed(""))
        return settle(stored, keys_of_user, min_age_s, self.publish,
                      lambda name: self._call("delete_object", Key=self.prefix + name))


def file_store(storage_url: str | None, files_dir: Path, *, endpoint_url: str | None = None,
               region: str | None = None) -> FileStore:
    """The store `JOBFIT_STORAGE_URL` names: unset, the folder `files_dir`; `s3://bucket/prefix`, that bucket."""
    if not storage_url:
        return LocalFileStore(files_dir)
    scheme, _, rest = storage_url.partition("://")
    bucket, _, prefix = rest.partition("/")
    if scheme != "s3" or not bucket:
        raise StorageError(f"JOBFIT_STORAGE_URL must look like s3://bucket/prefix, not {storage_url!r}")
    return S3FileStore(bucket, prefix, endpoint_url=endpoint_url, region=region)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
