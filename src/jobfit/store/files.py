"""Storage for original uploads, laid out as the seed's per-user bucket folder: `<user_id>/<uuid>.<ext>`.

Names chosen by users are never used as paths: keys are built from UUIDs and a whitelisted extension.
`FileStore` is the small interface an S3-compatible backend would implement.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import Protocol

_KEY = re.compile(r"^[0-9a-f-]{36}/[0-9a-f-]{36}\.(pdf|docx|txt|md)$")
ALLOWED_EXTENSIONS = frozenset({"pdf", "docx", "txt", "md"})


class FileStore(Protocol):
    def save(self, user_id: uuid.UUID, data: bytes, ext: str) -> str: ...
    def read(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...


class LocalFileStore:
    """Files under `root` (by default `<data dir>/files`), written atomically (temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError("invalid file key")
        return self.root / key

    def save(self, user_id: uuid.UUID, data: bytes, ext: str) -> str:
        if ext not in ALLOWED_EXTENSIONS:
            raise ValueError(f"unsupported extension {ext!r}")
        key = f"{uuid.UUID(str(user_id))}/{uuid.uuid4()}.{ext}"
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return key

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).exists()
