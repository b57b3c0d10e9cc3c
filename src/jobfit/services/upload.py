"""Upload a resume or a job: parse it in the sandbox, embed it, store row, vectors, profile and file at once.

Parsing is one call and storing another, so an adapter can parse where it can cancel (the API stops a parse
whose client hung up) and store in the request's transaction. Parse failures raise `DocumentError`
(`documents.errors`), `SandboxBusy` or `ParseCancelled` (`jobfit.sandbox`).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.chunks import embed_chunks
from jobfit.pipeline import embed_resume, packed_statement_vectors, stored_job_chunks
from jobfit.runtime import Runtime
from jobfit.services.errors import InsufficientStorage, NotFound
from jobfit.store import documents
from jobfit.store.files import StorageFull
from jobfit.store.models import JobDescription, Resume

Cancelled = Callable[[], bool]
Row = TypeVar("Row", Resume, JobDescription)


def _never() -> bool:
    return False


def parse_resume(runtime: Runtime, data: bytes, filename: str, cancelled: Cancelled = _never) -> ParsedResume:
    return runtime.sandbox.parse_resume(data, filename, cancelled)


def parse_job(runtime: Runtime, fields: dict[str, Any], cancelled: Cancelled = _never) -> ParsedJob:
    """A job typed in as fields (title, description, requirements, ...)."""
    return runtime.sandbox.parse_job(fields, cancelled)


def parse_job_file(runtime: Runtime, data: bytes, filename: str, title: str | None = None,
                   company: str | None = None, cancelled: Cancelled = _never) -> ParsedJob:
    """A job uploaded as a file; a given title or company overrides what the file says."""
    parsed: ParsedJob = runtime.sandbox.parse_job_file(data, filename, (title or "").strip() or None, cancelled)
    if company:
        parsed.company = company.strip()
    return parsed


@contextlib.contextmanager
def _room_checked() -> Iterator[None]:
    """A full disk while storing is `InsufficientStorage` (507); the staged file is gone and no row was written."""
    try:
        yield
    except StorageFull:
        raise InsufficientStorage("The server's storage is full, so the file was not stored: try again later "
                                  "(the operator needs to free disk space).") from None


def store_resume(db: Session, runtime: Runtime, user_id: uuid.UUID, parsed: ParsedResume, *, data: bytes,
                 filename: str, title: str | None = None, commit: bool = True) -> Resume:
    """Embed and store the parsed resume with its original file (published on commit; all of it or none): its
    chunks' vectors, its matching profile and its statements' vectors (`pipeline.embed_resume`)."""
    embedder = runtime.embedder
    chunks, vectors, profile = embed_resume(embedder, parsed)
    with _room_checked():
        return documents.add_resume(db, runtime.files, user_id=user_id, title=title,
                                    filename=filename, data=data, parsed=parsed, chunks=chunks,
                                    vectors=vectors, model=embedder.name, profile=profile.to_dict(),
                                    statement_vectors=packed_statement_vectors(embedder, profile), commit=commit)


def store_job(db: Session, runtime: Runtime, user_id: uuid.UUID, parsed: ParsedJob, *,
              fields: dict[str, Any] | None = None, original: tuple[bytes, str] | None = None) -> JobDescription:
    """Embed and store the parsed job: typed `fields`, or an `original` (bytes, filename) uploaded file. Its
    requirements in context are embedded with it (`pipeline.stored_job_chunks`)."""
    chunks = stored_job_chunks(runtime.embedder, parsed)
    vectors = embed_chunks(runtime.embedder, chunks)
    with _room_checked():
        return documents.add_job(db, runtime.files, user_id=user_id, parsed=parsed,
                                 fields=fields if fields is not None else {"description": parsed.text_content},
                                 chunks=chunks, vectors=vectors, model=runtime.embedder.name, original=original)


def rename(db: Session, row: Row, title: str) -> Row:
    """Give the document a new title (committed); returns the refreshed row."""
    row.title = title
    db.commit()
    db.refresh(row)
    return row


def delete(db: Session, runtime: Runtime, row: Resume | JobDescription) -> None:
    """Delete the document (vectors, matches and suggestions cascade), then its stored file; `NotFound` when
    another request deleted it meanwhile."""
    if not documents.delete_document(db, runtime.files, row):
        raise NotFound(f"{'Resume' if isinstance(row, Resume) else 'Job description'} not found")
