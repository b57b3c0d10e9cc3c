"""Match results in the database: upsert by (resume, job), many in one statement, filtered listing, and the
pgvector candidate stage."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from sqlalchemy import delete, func, literal_column, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from jobfit.matching.models import SCORE_FIELDS, MatchResult
from jobfit.store.models import JobDescription, JobEmbedding, MatchResultRow, Resume, ResumeEmbedding


def upsert_matches(session: Session, *, user_id: uuid.UUID,
                   results: Sequence[tuple[uuid.UUID, uuid.UUID, MatchResult]]) -> list[tuple[MatchResultRow, bool]]:
    """Insert or update the one row per (resume_id, job_id, result) in one statement; returns (row, created)
    in the order given. Rows are written in key order, so concurrent writers of overlapping results take
    their row locks in the same order and never deadlock. Caller commits."""
    if not results:
        return []
    values = [{"user_id": user_id, "resume_id": resume_id, "job_id": job_id, **_columns(result)}
              for resume_id, job_id, result in sorted(results, key=lambda r: (r[0], r[1]))]
    stmt = insert(MatchResultRow).values(values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["resume_id", "job_id"],
        set_={c: stmt.excluded[c] for c in values[0] if c not in ("user_id", "resume_id", "job_id")},
    ).returning(MatchResultRow, literal_column("(xmax = 0)").label("inserted"))
    stored = {(row.resume_id, row.job_id): (row, bool(inserted))
              for row, inserted in session.execute(stmt, execution_options={"populate_existing": True})}
    return [stored[(resume_id, job_id)] for resume_id, job_id, _ in results]


def delete_match(session: Session, match_id: uuid.UUID) -> bool:
    """Delete the match result (its suggestions cascade) and commit; False if it was not there (any more)."""
    deleted = session.scalar(delete(MatchResultRow).where(MatchResultRow.id == match_id)
                             .returning(MatchResultRow.id))
    session.commit()
    return deleted is not None


def _columns(result: MatchResult) -> dict[str, Any]:
    values: dict[str, Any] = {c: round(getattr(result, c), 2) for c in SCORE_FIELDS}
    values.update(
        section_scores=result.section_scores,
        match_analysis=result.match_analysis.model_dump(mode="json"),
        skill_gaps=[g.model_dump(mode="json") for g in result.skill_gaps],
        strengths=[s.model_dump(mode="json") for s in result.strengths],
        processing_time_ms=result.processing_time_ms,
        algorithm_version=result.algorithm_version,
    )
    return values


def list_matches(session: Session, *, resume_id: uuid.UUID | None, job_id: uuid.UUID | None,
                 min_score: float | None, sort: Literal["score", "date"], limit: int,
                 offset: int) -> tuple[list[MatchResultRow], int]:
    """A page of the user's match results and their total. By score: score descending, then the earlier
    uploaded resume, then the earlier uploaded job (created_at, then id), the order ranking returns them in
    (`services.ranking.Upload`); by date: the latest first."""
    query = select(MatchResultRow)
    if resume_id is not None:
        query = query.where(MatchResultRow.resume_id == resume_id)
    if job_id is not None:
        query = query.where(MatchResultRow.job_id == job_id)
    if min_score is not None:
        query = query.where(MatchResultRow.overall_score >= min_score)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    if sort == "score":
        query = (query.join(Resume, Resume.id == MatchResultRow.resume_id)
                 .join(JobDescription, JobDescription.id == MatchResultRow.job_id)
                 .order_by(MatchResultRow.overall_score.desc(), Resume.created_at, Resume.id,
                           JobDescription.created_at, JobDescription.id))
    else:
        query = query.order_by(MatchResultRow.created_at.desc(), MatchResultRow.id)
    rows = session.scalars(query.limit(limit).offset(offset))
    return list(rows), total


def nearest(session: Session, model: type, fk_column: Any, query_vector: np.ndarray, k: int,
            restrict_to: Sequence[uuid.UUID] | None = None) -> list[uuid.UUID]:
    """Candidate documents by cosine distance of their full-text vectors (HNSW), best first.

    Iterative index scans (pgvector >= 0.8) keep returning neighbours until `k` rows pass the RLS
    and id filters, so a user with few documents among many still gets a full candidate list.
    """
    session.execute(text("SELECT set_config('hnsw.ef_search', :ef, true)"), {"ef": str(min(max(k, 40), 1000))})
    try:
        with session.begin_nested():
            session.execute(text("SET LOCAL hnsw.iterative_scan = relaxed_order"))
    except DBAPIError:  # pgvector < 0.8 on an external database: a plain HNSW scan
        pass
    # a literal, not a bind parameter, so the planner can always use the partial full-text index
    query = select(fk_column).where(model.embedding_type == literal_column("'full_text'"))
    if restrict_to is not None:
        query = query.where(fk_column.in_(list(restrict_to)))
    query = query.order_by(model.embedding_vector.cosine_distance(query_vector)).limit(k)
    return list(session.scalars(query))


def nearest_resumes(session: Session, job_vector: np.ndarray, k: int,
                    restrict_to: Sequence[uuid.UUID] | None = None) -> list[uuid.UUID]:
    return nearest(session, ResumeEmbedding, ResumeEmbedding.resume_id, job_vector, k, restrict_to)


def nearest_jobs(session: Session, resume_vector: np.ndarray, k: int,
                 restrict_to: Sequence[uuid.UUID] | None = None) -> list[uuid.UUID]:
    return nearest(session, JobEmbedding, JobEmbedding.job_id, resume_vector, k, restrict_to)
