"""SQLAlchemy models for the seed's seven tables plus `users` (standing in for Supabase's auth.users).

Column names, types and defaults follow the seed exactly: they are the contract integrators use.
The schema itself is created only by the Alembic migrations in `store/migrations`; these classes
are the typed view of it for queries.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

from pgvector.sqlalchemy import Vector
from sqlalchemy import (
    DateTime,
    ForeignKey,
    Numeric,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Column types follow the annotation (`Mapped[str | None]` is a nullable TEXT, `Mapped[Decimal]` a NOT
    NULL NUMERIC(5,2)): a declaration names only what differs (defaults, keys, another type)."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        str: Text,
        Decimal: Numeric(5, 2),
        datetime: DateTime(timezone=True),
        uuid.UUID: UUID(as_uuid=True),
        dict[str, Any]: JSONB,
        list[Any]: JSONB,
    }


def _id() -> Mapped[uuid.UUID]:
    return mapped_column(UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()"))


def _created() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())


def _owner() -> Mapped[uuid.UUID]:
    return mapped_column(
        UUID(as_uuid=True),
        ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        server_default=text("jobfit_current_user_id()"),
    )


def _parent(column: str, primary_key: bool = False) -> Mapped[uuid.UUID]:
    """The id of the row this one belongs to (`column`, e.g. "resumes.id"): deleting that row deletes this one."""
    return mapped_column(ForeignKey(column, ondelete="CASCADE"), nullable=False, primary_key=primary_key)


def _json(default: str = "'{}'", name: str | None = None) -> Mapped[Any]:
    return mapped_column(*([name] if name else []), JSONB, server_default=text(f"{default}::jsonb"))


class _Owned:
    """A row of one user's: its own id and its owner, whom the RLS policies compare with the session's user."""

    id: Mapped[uuid.UUID] = _id()
    user_id: Mapped[uuid.UUID] = _owner()


class _Edited:
    """A row that can change after it is made: when it was made and last changed."""

    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class User(Base):
    __tablename__ = "users"
    id: Mapped[uuid.UUID] = _id()
    email: Mapped[str]
    password_hash: Mapped[str]
    is_active: Mapped[bool] = mapped_column(server_default=text("true"))
    created_at: Mapped[datetime] = _created()


class Resume(_Owned, _Edited, Base):
    __tablename__ = "resumes"
    title: Mapped[str | None]
    original_filename: Mapped[str]
    file_type: Mapped[str]
    file_size: Mapped[int]
    content_text: Mapped[str | None]
    metadata_: Mapped[dict[str, Any]] = _json(name="metadata")
    contact_info: Mapped[dict[str, Any]] = _json()
    sections: Mapped[dict[str, Any]] = _json()
    quality_score: Mapped[Decimal] = mapped_column(server_default=text("0.0"))


class JobDescription(_Owned, _Edited, Base):
    __tablename__ = "job_descriptions"
    title: Mapped[str]
    company: Mapped[str | None]
    description: Mapped[str]
    requirements: Mapped[str | None]
    responsibilities: Mapped[str | None]
    benefits: Mapped[str | None]
    location: Mapped[str | None]
    salary_range: Mapped[str | None]
    job_type: Mapped[str | None]
    remote_option: Mapped[str | None]
    experience_level: Mapped[str | None]
    metadata_: Mapped[dict[str, Any]] = _json(name="metadata")
    sections: Mapped[dict[str, Any]] = _json()


class ResumeProfileRow(Base):
    """The prepared matching profile of a resume (JSON text of `ResumeProfile.to_dict`), read by ranking, and
    its statements' vectors (`embeddings.compact` bytes; `vectors_key` says of which embedder and texts)."""

    __tablename__ = "resume_profiles"
    resume_id: Mapped[uuid.UUID] = _parent("resumes.id", primary_key=True)
    user_id: Mapped[uuid.UUID] = _owner()
    version: Mapped[int]
    profile: Mapped[str]
    statement_vectors: Mapped[bytes | None]
    vectors_key: Mapped[str | None]
    created_at: Mapped[datetime] = _created()


class _VectorColumns(_Owned):
    """The columns of a stored vector, the same for resumes and jobs (one table each, for RLS and k-NN)."""

    embedding_type: Mapped[str]
    chunk_text: Mapped[str | None]
    embedding_vector: Mapped[Any] = mapped_column(Vector())
    metadata_: Mapped[dict[str, Any]] = _json(name="metadata")
    created_at: Mapped[datetime] = _created()


class ResumeEmbedding(_VectorColumns, Base):
    __tablename__ = "resume_embeddings"
    resume_id: Mapped[uuid.UUID] = _parent("resumes.id")


class JobEmbedding(_VectorColumns, Base):
    __tablename__ = "job_embeddings"
    job_id: Mapped[uuid.UUID] = _parent("job_descriptions.id")


class _SubScores:
    """The four sub-scores of a match, 0–100, beside its overall score (nullable, as in the seed)."""

    skills_score: Mapped[Decimal | None]
    experience_score: Mapped[Decimal | None]
    education_score: Mapped[Decimal | None]
    keyword_score: Mapped[Decimal | None]


class MatchResultRow(_Owned, _SubScores, Base):
    __tablename__ = "match_results"
    resume_id: Mapped[uuid.UUID] = _parent("resumes.id")
    job_id: Mapped[uuid.UUID] = _parent("job_descriptions.id")
    overall_score: Mapped[Decimal]
    confidence_score: Mapped[Decimal]
    section_scores: Mapped[dict[str, Any]] = _json()
    match_analysis: Mapped[dict[str, Any]] = _json()
    skill_gaps: Mapped[list[Any]] = _json("'[]'")
    strengths: Mapped[list[Any]] = _json("'[]'")
    processing_time_ms: Mapped[int | None]
    algorithm_version: Mapped[str | None] = mapped_column(server_default=text("'1.0'"))
    created_at: Mapped[datetime] = _created()


class Suggestion(_Owned, _Edited, Base):
    __tablename__ = "ai_suggestions"
    match_result_id: Mapped[uuid.UUID] = _parent("match_results.id")
    suggestion_type: Mapped[str]
    category: Mapped[str]
    title: Mapped[str]
    description: Mapped[str]
    original_text: Mapped[str | None]
    suggested_text: Mapped[str | None]
    section_name: Mapped[str | None]
    line_number: Mapped[int | None]
    priority: Mapped[int] = mapped_column(server_default=text("3"))
    impact_score: Mapped[Decimal | None]
    effort_estimate: Mapped[str | None]
    status: Mapped[str] = mapped_column(server_default=text("'pending'"))
    implemented_at: Mapped[datetime | None]
    feedback: Mapped[str | None]
    ai_confidence: Mapped[Decimal | None]
    generated_by: Mapped[str | None] = mapped_column(server_default=text("'gpt-4'"))


class UserFeedback(_Owned, Base):
    __tablename__ = "user_feedback"
    target_type: Mapped[str]
    target_id: Mapped[uuid.UUID | None]
    rating: Mapped[int]
    feedback_text: Mapped[str | None]
    context: Mapped[dict[str, Any]] = _json()
    created_at: Mapped[datetime] = _created()


class ResumeBatch(_Owned, Base):
    """Files a user handed over at once (many files, a zip, a folder), each parsed and stored by a worker."""

    __tablename__ = "resume_batches"
    keep_duplicates: Mapped[bool] = mapped_column(server_default=text("false"))
    created_at: Mapped[datetime] = _created()


class BatchFile(_Owned, Base):
    """One file of a batch: its state from `queued` to `done` or `failed`, its error, the resume it became, and
    the storage key of its uploaded bytes until it is settled (then the resume names them, or they are gone)."""

    __tablename__ = "batch_files"
    batch_id: Mapped[uuid.UUID] = _parent("resume_batches.id")
    position: Mapped[int]
    filename: Mapped[str]
    file_size: Mapped[int]
    content_sha256: Mapped[str | None]
    storage_key: Mapped[str | None]
    state: Mapped[str] = mapped_column(server_default=text("'queued'"))
    duplicate: Mapped[bool] = mapped_column(server_default=text("false"))
    resume_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("resumes.id", ondelete="SET NULL"))
    error_code: Mapped[str | None]
    error_message: Mapped[str | None]
    attempts: Mapped[int] = mapped_column(server_default=text("0"))
    queued_at: Mapped[datetime] = _created()
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class Meta(Base):
    """Key/value facts about the database itself (embedding model and dimension)."""

    __tablename__ = "jobfit_meta"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str]
