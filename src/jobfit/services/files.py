"""The download use case: the original file of a resume or job description, as it was uploaded."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from jobfit.runtime import Runtime
from jobfit.services.errors import NotFound
from jobfit.store.documents import storage_key
from jobfit.store.models import JobDescription, Resume

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
DEFAULT_MEDIA_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class OriginalFile:
    content: bytes
    media_type: str
    filename: str

    @property
    def disposition(self) -> str:
        """The Content-Disposition header that downloads it under its name (RFC 5987, any characters)."""
        return f"attachment; filename*=UTF-8''{quote(self.filename, safe='')}"


def original_file(runtime: Runtime, row: Resume | JobDescription) -> OriginalFile:
    """The stored bytes of the row's upload; `NotFound` when none were kept (e.g. a job typed in as text).

    A resume downloads under its uploaded name, a job under its title with the uploaded file's extension."""
    if isinstance(row, Resume):
        filename, file_type = row.original_filename, row.file_type
    else:
        file_type = (row.metadata_ or {}).get("file_type", "txt")
        filename = f"{row.title}.{file_type}"
    key = storage_key(row)
    if not key or not runtime.files.exists(key):
        raise NotFound("The original file is not stored for this document")
    return OriginalFile(runtime.files.read(key), MEDIA_TYPES.get(file_type, DEFAULT_MEDIA_TYPE), filename)
