"""Upload a resume or a job: parse it in the sandbox, embed it, store row, vectors, profile and file at once.

A resume's statement vectors (the meaning check) may be left out of the request and embedded after it
(`statement_fill`): the API and the web page do that, so an upload waits for its chunks only.

Parsing is one call and storing another, so an adapter can parse where it can cancel (the API stops a parse
whose client hung up) and store in the request's transaction. Parse failures raise `DocumentError`
(`documents.errors`), `SandboxBusy` or `ParseCancelled` (`jobfit.sandbox`).
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from sqlalchemy.orm import Session

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.base import Embedder
from jobfit.embeddings.chunks import embed_chunks
from jobfit.matching.profile import ResumeProfile
from jobfit.pipeline import Chunks, packed_statement_vectors, stored_job_chunks
from jobfit.pipeline import embed_resumes as embed_many
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
def room_checked() -> Iterator[None]:
    """A full disk while storing is `InsufficientStorage` (507); the staged file is gone and no row was written."""
    try:
        yield
    except StorageFull:
        raise InsufficientStorage("The server's storage is full, so the file was not stored: try again later "
                                  "(the operator needs to free disk space).") from None


@dataclass(frozen=True)
class EmbeddedResume:
    """A parsed resume with what is stored beside its row: its chunks, their vectors and its matching profile
    (with its statements' vectors when the embedder has meaning thresholds)."""

    parsed: ParsedResume
    chunks: Chunks
    vectors: dict[str, np.ndarray]
    profile: ResumeProfile


def embed_resumes(embedder: Embedder, parsed: Sequence[ParsedResume], *,
                  statements: bool = True) -> list[EmbeddedResume]:
    """Embed many parsed resumes in one model call (a worker's files together; an upload's one) and prepare
    each one's profile (`pipeline.embed_resumes`); without `statements`, no statement vectors."""
    done = embed_many(embedder, parsed, statements=statements)
    return [EmbeddedResume(p, *one) for p, one in zip(parsed, done, strict=True)]


def content_sha256(data: bytes) -> str:
    """The SHA-256 of a file's bytes, hex: how the same file uploaded again is recognised."""
    return hashlib.sha256(data).hexdigest()


def store_resume(db: Session, runtime: Runtime, user_id: uuid.UUID, parsed: ParsedResume | EmbeddedResume, *,
                 data: bytes, filename: str, title: str | None = None, commit: bool = True,
                 stored_key: str | None = None, statements: bool = True) -> Resume:
    """Embed (unless done already) and store the parsed resume with its original file (published on commit; all
    of it or none): its chunks' vectors, its matching profile and its statements' vectors. `stored_key`: the
    file is in storage already, under that key. Without `statements` the statements are not embedded here: the
    caller queues them after the commit (`statement_fill.fill_later`) or leaves them to the first scoring."""
    embedder = runtime.embedder
    done = (parsed if isinstance(parsed, EmbeddedResume)
            else embed_resumes(embedder, [parsed], statements=statements)[0])
    with room_checked():
        return documents.add_resume(db, runtime.files, user_id=user_id, title=title,
                                    filename=filename, data=data, parsed=done.parsed, chunks=done.chunks,
                                    vectors=done.vectors, model=embedder.name, profile=done.profile.to_dict(),
                                    statement_vectors=packed_statement_vectors(embedder, done.profile),
                                    commit=commit, stored_key=stored_key, content_sha256=content_sha256(data))


def store_job(db: Session, runtime: Runtime, user_id: uuid.UUID, parsed: ParsedJob, *,
              fields: dict[str, Any] | None = None, original: tuple[bytes, str] | None = None) -> JobDescription:
    """Embed and store the parsed job: typed `fields`, or an `original` (bytes, filename) uploaded file. Its
    requirements in context are embedded with it (`pipeline.stored_job_chunks`)."""
    chunks = stored_job_chunks(runtime.embedder, parsed)
    vectors = embed_chunks(runtime.embedder, chunks)
    with room_checked():
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
