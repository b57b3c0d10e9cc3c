"""Storage for original uploads, laid out as the seed's per-user bucket folder: `<user_id>/<uuid>.<ext>`.

Names chosen by users are never used as paths: keys are built from UUIDs and a whitelisted extension.
`FileStore` is the small interface an S3-compatible backend would implement.

A file is written in two steps around its row's commit: `stage` writes a hidden temporary file, and
`publish` (after the commit) renames it to its key. A crash in between leaves a temporary file, which
`sweep` at the next start publishes if its row committed and deletes otherwise; it also deletes files
that no row names (a crash between a row's deletion and its file's). So after any crash every stored
file has its row and every row its file.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

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
    def sweep(self, keys_of_user: Callable[[uuid.UUID], set[str]]) -> int: ...


class LocalFileStore:
    """Files under `root` (by default `<data dir>/files`), written atomically (temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError("invalid file key")
        return self.root / key

    def _staged(self, key: str) -> Path:
        path = self._path(key)
        return path.with_name(f".{path.name}.tmp")

    def stage(self, user_id: uuid.UUID, data: bytes, ext: str) -> str:
        """Write `data` durably under a new key, not yet visible: `publish` it once its row has committed."""
        if ext not in ALLOWED_EXTENSIONS:
            raise ValueError(f"unsupported extension {ext!r}")
        key = f"{uuid.UUID(str(user_id))}/{uuid.uuid4()}.{ext}"
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
        os.replace(self._staged(key), path)
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

    def sweep(self, keys_of_user: Callable[[uuid.UUID], set[str]]) -> int:
        """Make the folder agree with the database after a crash (run at start, before any upload).

        `keys_of_user(user_id)` gives the keys that user's committed rows name. Staged files whose row
        committed are published; every other staged or unnamed file is deleted. Returns how many were
        deleted."""
        deleted = 0
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            try:
                user_id = uuid.UUID(folder.name)
            except ValueError:
                continue
            named = keys_of_user(user_id)
            for path in folder.iterdir():
                if path.name.startswith(".") and path.name.endswith(".tmp"):
                    key = f"{folder.name}/{path.name[1:-4]}"
                    if key in named:
                        self.publish(key)
                        continue
                elif f"{folder.name}/{path.name}" in named:
                    continue
                log.warning("removing %s, left without a database row by an interrupted write or delete", path.name)
                path.unlink(missing_ok=True)
                deleted += 1
        return deleted


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
