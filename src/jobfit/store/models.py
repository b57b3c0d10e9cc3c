"""SQLAlchemy models for the seed's seven tables plus `users` (standing in for Supabase's auth.users).

Column names, types and defaults follow the seed exactly: they are the contract integrators use.
The schema itself is created only by the Alembic migrations in `store/migrations`; these classes
are the typed view of it for queries.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from pgvector.sqlalchemy import Vector
from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


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


def _json(default: str = "'{}'") -> Mapped[Any]:
    return mapped_column(JSONB, server_default=text(f"{default}::jsonb"))


class User(Base):
    __tablename__ = "users"
    id: Mapped[uuid.UUID] = _id()
    email: Mapped[str] = mapped_column(Text, nullable=False)
    password_hash: Mapped[str] = mapped_column(Text, nullable=False)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))
    created_at: Mapped[datetime] = _created()


class Resume(Base):
    __tablename__ = "resumes"
    id: Mapped[uuid.UUID] = _id()
    user_id: Mapped[uuid.UUID] = _owner()
    title: Mapped[str | None] = mapped_column(Text)
    original_filename: Mapped[str] = mapped_column(Text, nullable=False)
    file_type: Mapped[str] = mapped_column(Text, nullable=False)
    file_size: Mapped[int] = mapped_column(Integer, nullable=False)
    content_text: Mapped[str | None] = mapped_column(Text)
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSONB, server_default=text("'{}'::jsonb"))
    contact_info: Mapped[dict[str, Any]] = _json()
    sections: Mapped[dict[str, Any]] = _json()
    quality_score: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=text("0.0"))
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class JobDescription(Base):
    __tablename__ = "job_descriptions"
    id: Mapped[uuid.UUID] = _id()
    user_id: Mapped[uuid.UUID] = _owner()
    title: Mapped[str] = mapped_column(Text, nullable=False)
    company: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    requirements: Mapped[str | None] = mapped_column(Text)
    responsibilities: Mapped[str | None] = mapped_column(Text)
    benefits: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    salary_range: Mapped[str | None] = mapped_column(Text)
    job_type: Mapped[str | None] = mapped_column(Text)
    remote_option: Mapped[str | None] = mapped_column(Text)
    experience_level: Mapped[str | None] = mapped_column(Text)
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSONB, server_default=text("'{}'::jsonb"))
    sections: Mapped[dict[str, Any]] = _json()
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class ResumeProfileRow(Base):
    """The prepared matching profile of a resume (JSON text of `ResumeProfile.to_dict`), read by ranking."""

    __tablename__ = "resume_profiles"
    resume_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("resumes.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = _owner()
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    profile: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = _created()


class _VectorColumns:
    """The columns of a stored vector, the same for resumes and jobs (one table each, for RLS and k-NN)."""

    id: Mapped[uuid.UUID] = _id()
    user_id: Mapped[uuid.UUID] = _owner()
    embedding_type: Mapped[str] = mapped_column(Text, nullable=False)
    chunk_text: Mapped[str | None] = mapped_column(Text)
    embedding_vector: Mapped[Any] = mapped_column(Vector())
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSONB, server_default=text("'{}'::jsonb"))
    created_at: Mapped[datetime] = _created()


class ResumeEmbedding(_VectorColumns, Base):
    __tablename__ = "resume_embeddings"
    resume_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("resumes.id", ondelete="CASCADE"), nullable=False
    )


class JobEmbedding(_VectorColumns, Base):
    __tablename__ = "job_embeddings"
    job_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("job_descriptions.id", ondelete="CASCADE"), nullable=False
    )


class MatchResultRow(Base):
    __tablename__ = "match_results"
    id: Mapped[uuid.UUID] = _id()
    user_id: Mapped[uuid.UUID] = _owner()
    resume_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("resumes.id", ondelete="CASCADE"), nullable=False
    )
    job_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("job_descriptions.id", ondelete="CASCADE"), nullable=False
    )
    overall_score: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    confidence_score: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    skills_score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    experience_score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    education_score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    keyword_score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    section_scores: Mapped[dict[str, Any]] = _json()
    match_analysis: Mapped[dict[str, Any]] = _json()
    skill_gaps: Mapped[list[Any]] = _json("'[]'")
    strengths: Mapped[list[Any]] = _json("'[]'")
    processing_time_ms: Mapped[int | None] = mapped_column(Integer)
    algorithm_version: Mapped[str | None] = mapped_column(Text, server_default=text("'1.0'"))
    created_at: Mapped[datetime] = _created()


class Suggestion(Base):
    __tablename__ = "ai_suggestions"
    id: Mapped[uuid.UUID] = _id()
    user_id: Mapped[uuid.UUID] = _owner()
    match_result_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("match_results.id", ondelete="CASCADE"), nullable=False
    )
    suggestion_type: Mapped[str] = mapped_column(Text, nullable=False)
    category: Mapped[str] = mapped_column(Text, nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    original_text: Mapped[str | None] = mapped_column(Text)
    suggested_text: Mapped[str | None] = mapped_column(Text)
    section_name: Mapped[str | None] = mapped_column(Text)
    line_number: Mapped[int | None] = mapped_column(Integer)
    priority: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("3"))
    impact_score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    effort_estimate: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, nullable=False, server_default=text("'pending'"))
    implemented_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    feedback: Mapped[str | None] = mapped_column(Text)
    ai_confidence: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    generated_by: Mapped[str | None] = mapped_column(Text, server_default=text("'gpt-4'"))
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class UserFeedback(Base):
    __tablename__ = "user_feedback"
    id: Mapped[uuid.UUID] = _id()
    user_id: Mapped[uuid.UUID] = _owner()
    target_type: Mapped[str] = mapped_column(Text, nullable=False)
    target_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    rating: Mapped[int] = mapped_column(Integer, nullable=False)
    feedback_text: Mapped[str | None] = mapped_column(Text)
    context: Mapped[dict[str, Any]] = _json()
    created_at: Mapped[datetime] = _created()


class Meta(Base):
    """Key/value facts about the database itself (embedding model and dimension)."""

    __tablename__ = "jobfit_meta"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
