"""Reading a zip of resumes safely: each member one at a time, under limits on count, size and nesting.

Member names are only shown, never used as paths (stored files are named by UUID); still, an archive whose names
climb out of it (`../`, absolute paths) is refused whole, as a sign of a hostile file. Limits: at most
`max_members` files, each at most `max_member_bytes` once inflated (else that member alone is refused, like a
too-large upload), all together at most `max_total_bytes` (checked on the sizes the archive declares before
anything is inflated, and again on the bytes actually read). An archive inside the archive is not opened: that
member is refused. Folders, macOS resource forks (`__MACOSX/`) and hidden files are skipped.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from jobfit.documents.errors import (
    MAX_UPLOAD_BYTES,
    ArchiveTooLargeError,
    CorruptFileError,
    DocumentError,
    EncryptedMemberError,
    FileTooLargeError,
    UnsafeArchiveError,
    UnsupportedTypeError,
)

_NESTED = (".zip", ".jar", ".7z", ".rar", ".tar", ".gz", ".tgz")


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 10_000
    max_member_bytes: int = MAX_UPLOAD_BYTES
    max_total_bytes: int = 1024 * 1024 * 1024


@dataclass(frozen=True)
class ArchiveMember:
    """One file of the archive: its name for display (the last part of its path) and its bytes, or why it was
    refused."""

    name: str
    data: bytes | None
    error: DocumentError | None = None


def display_name(raw: str | None) -> str:
    """A file name fit to show: the last part of its path, without control characters, at most 255 characters
    (a NUL in a name is a client's bug, not what a user means); "upload" when nothing is left."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()[:255]
    return name or "upload"


def is_zip(head: bytes) -> bool:
    """True for bytes that start like a zip archive (a DOCX is one too: the caller tells them apart by name)."""
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def is_office_document(source: BinaryIO) -> bool:
    """True for a zip that is itself a document (a DOCX holds `[Content_Types].xml`), not an archive of files."""
    try:
        with zipfile.ZipFile(source) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        source.seek(0)


def _skipped(path: PurePosixPath) -> bool:
    return path.parts[:1] == ("__MACOSX",) or any(part.startswith(".") for part in path.parts)


def read_archive(source: BinaryIO, limits: ArchiveLimits | None = None) -> Iterator[ArchiveMember]:
    """The archive's files, one at a time. Raises `CorruptFileError`, `UnsafeArchiveError` or
    `ArchiveTooLargeError` (before yielding anything) for an archive refused whole."""
    limits = limits or ArchiveLimits()
    try:
        archive = zipfile.ZipFile(source)
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise CorruptFileError("The archive is damaged or not a zip file.") from None
    members = []
    for info in infos:
        name = info.filename.replace("\\", "/")
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":"):
            raise UnsafeArchiveError()
        if not _skipped(path):
            members.append((info, path))
    if len(members) > limits.max_members:
        raise ArchiveTooLargeError(f"The archive holds {len(members):,} files; a batch takes at most "
                                   f"{limits.max_members:,}.")
    declared = sum(info.file_size for info, _ in members if info.file_size <= limits.max_member_bytes)
    if declared > limits.max_total_bytes:
        raise ArchiveTooLargeError(f"The archive inflates to more than {limits.max_total_bytes // 2**20:,} MB; "
                                   "split it into smaller batches.")
    read = 0
    with archive:
        for info, path in members:
            yield _member(archive, info, display_name(path.name), limits)
            read += min(info.file_size, limits.max_member_bytes)
            if read > limits.max_total_bytes:
                raise ArchiveTooLargeError()


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: ArchiveLimits) -> ArchiveMember:
    if info.flag_bits & 0x1:
        return ArchiveMember(name, None, EncryptedMemberError())
    if name.lower().endswith(_NESTED):
        return ArchiveMember(name, None, UnsupportedTypeError("An archive inside the archive is not opened: "
                                                              "add its files to the batch instead."))
    too_large = FileTooLargeError(f"The file is larger than the {limits.max_member_bytes // 2**20} MB limit.")
    if info.file_size > limits.max_member_bytes:
        return ArchiveMember(name, None, too_large)
    try:
        with archive.open(info) as member:
            data = member.read(limits.max_member_bytes + 1)  # the declared size may lie: never read past the cap
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return ArchiveMember(name, None, CorruptFileError("The file is damaged inside the archive."))
    if len(data) > limits.max_member_bytes:
        return ArchiveMember(name, None, too_large)
    if is_zip(data[:4]) and not name.lower().endswith(".docx") and b"word/" not in data:
        return ArchiveMember(name, None, UnsupportedTypeError("An archive inside the archive is not opened: "
                                                              "add its files to the batch instead."))
    return ArchiveMember(name, data)
