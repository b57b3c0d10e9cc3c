"""Resumes and job descriptions in the database: rows <-> parsed documents, atomic creation and deletion.

The seed's columns hold what they name (`content_text`, `contact_info`, `sections`, `quality_score`);
the rest of the parsed document (experience, education, skills, quality checks, the storage key of the
original file) lives in `metadata`, so the full ParsedResume / ParsedJob can be rebuilt for matching
without parsing the file again.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

import numpy as np
import orjson
from sqlalchemy import LargeBinary, any_, bindparam, delete, event, func, literal, select, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.postgresql.psycopg import dialect as psycopg_dialect
from sqlalchemy.orm import Session

from jobfit.documents.candidate import Candidate, candidate_of
from jobfit.documents.models import DocumentMetadata, ParsedJob, ParsedResume, Section
from jobfit.store.db import Database
from jobfit.store.files import FileStore
from jobfit.store.models import BatchFile, JobDescription, JobEmbedding, Resume, ResumeEmbedding, ResumeProfileRow

Row = TypeVar("Row", Resume, JobDescription)

_RESUME_EXTRA = ("experience", "total_years_experience", "education", "skills", "quality_checks")
_JOB_EXTRA = ("text_content", "required_skills", "preferred_skills", "min_years", "degree_level", "degree_field",
              "zones", "eligibility")


def _sections_json(sections: Mapping[str, Section]) -> dict[str, Any]:
    return {name: s.model_dump() for name, s in sections.items()}


def resume_metadata(parsed: ParsedResume, *, storage_key: str | None,
                    content_sha256: str | None = None) -> dict[str, Any]:
    meta = parsed.metadata.model_dump()
    meta.update(parsed.model_dump(include=set(_RESUME_EXTRA), mode="json"))
    meta["storage_key"] = storage_key
    if content_sha256:
        meta["content_sha256"] = content_sha256  # how a file uploaded again is recognised (`store/batches.py`)
    return meta


def public_metadata(row: Resume | JobDescription) -> dict[str, Any]:
    """What the API shows of `metadata`: not where the file is stored."""
    return {k: v for k, v in (row.metadata_ or {}).items() if k not in ("storage_key", "profile", "content_sha256")}


class StoredProfile(NamedTuple):
    """A stored profile as ranking reads it: the JSON text, and its statement vectors (`embeddings.compact`
    bytes) with the key they were made for (None when there are none)."""

    text: str
    vectors_key: str | None
    vectors: bytes | None


# The statement vectors of a resume as stored: (`vectors_key`, `embeddings.compact` bytes).
PackedVectors = tuple[str, bytes]


def profile_row(resume_id: uuid.UUID, profile: Mapping[str, Any],
                statement_vectors: PackedVectors | None = None) -> dict[str, Any]:
    """The `resume_profiles` row of a prepared profile (`ResumeProfile.to_dict()`), as compact JSON text.

    orjson writes it (and ranking reads it back with orjson): about twice as fast as the json module on the
    ~27 KB profiles, which ranking decodes by the dozen per query.
    """
    row = {"resume_id": resume_id, "version": int(profile["version"]), "profile": orjson.dumps(profile).decode()}
    if statement_vectors is not None:
        row["vectors_key"], row["statement_vectors"] = statement_vectors
    return row


def save_profiles(session: Session,
                  profiles: Mapping[uuid.UUID, Mapping[str, Any]]) -> dict[uuid.UUID, StoredProfile]:
    """Insert or replace the stored profiles of these resumes (e.g. rebuilt after a version change), keeping
    their statement vectors; returns each as `stored_profiles` would read it back."""
    if not profiles:
        return {}
    rows = [profile_row(rid, p) for rid, p in profiles.items()]
    stmt = pg_insert(ResumeProfileRow).values(rows)
    kept = session.execute(stmt.on_conflict_do_update(
        index_elements=[ResumeProfileRow.resume_id],
        set_={"version": stmt.excluded.version, "profile": stmt.excluded.profile},
    ).returning(ResumeProfileRow.resume_id, ResumeProfileRow.vectors_key, ResumeProfileRow.statement_vectors))
    vectors = {rid: (key, None if data is None else bytes(data)) for rid, key, data in kept}
    return {row["resume_id"]: StoredProfile(row["profile"], *vectors.get(row["resume_id"], (None, None)))
            for row in rows}


def stored_profiles(session: Session, resume_ids: list[uuid.UUID], version: int) -> dict[uuid.UUID, StoredProfile]:
    """The stored profiles of `version` among these resumes, with their statement vectors (absent: none or
    another version)."""
    rows = session.execute(select(ResumeProfileRow.resume_id, ResumeProfileRow.profile, ResumeProfileRow.vectors_key,
                                  ResumeProfileRow.statement_vectors)
                           .where(ResumeProfileRow.resume_id == any_(resume_ids), ResumeProfileRow.version == version))
    return {rid: StoredProfile(profile, key, None if vectors is None else bytes(vectors))
            for rid, profile, key, vectors in rows}


def save_statement_vectors(session: Session, vectors: Mapping[uuid.UUID, PackedVectors], *,
                           only_missing: bool = False) -> None:
    """Store these resumes' statement vectors next to their (existing) profiles; with `only_missing`, only where a
    profile has none yet (a late fill never replaces what a scoring stored meanwhile)."""
    if not vectors:
        return
    where = [ResumeProfileRow.resume_id == bindparam("rid")]
    if only_missing:
        where.append(ResumeProfileRow.statement_vectors.is_(None))
    stmt = (update(ResumeProfileRow).where(*where)
            .values(vectors_key=bindparam("key"), statement_vectors=bindparam("vectors")))
    session.connection().execute(stmt, [{"rid": rid, "key": key, "vectors": data}
                                        for rid, (key, data) in vectors.items()])


def parsed_resume(row: Resume) -> ParsedResume:
    meta = public_metadata(row)
    extra = {k: meta.pop(k) for k in _RESUME_EXTRA if k in meta}
    return ParsedResume(
        text_content=row.content_text or "",
        contact_info=row.contact_info or {},
        sections=row.sections or {},
        metadata=DocumentMetadata.model_validate(meta),
        quality_score=float(row.quality_score or 0),
        **extra,
    )


def candidates(session: Session) -> dict[uuid.UUID, tuple[str, Candidate]]:
    """Every resume of the session's user as a recruiter lists it: (its title or file name, its candidate)."""
    rows = session.execute(select(Resume.id, Resume.title, Resume.original_filename, Resume.contact_info,
                                  Resume.metadata_["experience"]))
    return {rid: (title or filename, candidate_of(contact, experience))
            for rid, title, filename, contact, experience in rows}


def job_metadata(parsed: ParsedJob, *, storage_key: str | None = None) -> dict[str, Any]:
    meta = parsed.metadata.model_dump()
    meta.update(parsed.model_dump(include=set(_JOB_EXTRA), mode="json"))
    meta["storage_key"] = storage_key
    return meta


def parsed_job(row: JobDescription) -> ParsedJob:
    meta = public_metadata(row)
    extra = {k: meta.pop(k) for k in _JOB_EXTRA if k in meta}
    extra.setdefault("text_content", row.description)
    return ParsedJob(
        title=row.title, company=row.company, sections=row.sections or {},
        job_type=row.job_type, remote_option=row.remote_option, experience_level=row.experience_level,
        location=row.location, salary_range=row.salary_range,
        metadata=DocumentMetadata.model_validate(meta), **extra,
    )


def storage_key(row: Resume | JobDescription) -> str | None:
    return (row.metadata_ or {}).get("storage_key")


def _vector_rows(cls: type, fk: str, owner_id: uuid.UUID, chunks: list[tuple[str, str]],
                 vectors: Mapping[str, np.ndarray], model: str) -> list[Any]:
    return [
        cls(**{fk: owner_id}, embedding_type=kind, chunk_text=text,
            embedding_vector=vectors[kind], metadata_={"model": model})
        for kind, text in chunks
    ]


def stage_file(session: Session, files: FileStore, user_id: uuid.UUID, data: bytes, ext: str) -> str:
    """Stage an original file for a row this session is writing: published when the session commits, deleted
    when it rolls back (and, after a crash in between, settled by `FileStore.sweep` at the next start)."""
    session.connection()  # begin the transaction now, so that its commit or rollback settles the file
    key = files.stage(user_id, data, ext)
    settled = False

    def publish(_session: Session) -> None:
        nonlocal settled
        if not settled:
            settled = True
            files.publish(key)

    def discard(_session: Session, *_args: Any) -> None:
        nonlocal settled
        if not settled:
            settled = True
            files.delete(key)

    event.listen(session, "after_commit", publish, once=True)
    event.listen(session, "after_rollback", discard, once=True)
    return key


def derived_version(session: Session, resume_id: uuid.UUID, made_by: str) -> Resume | None:
    """The stored version of `resume_id` whose metadata says it was `made_by` this (e.g. one set of suggestions
    applied), if there is one."""
    return session.scalars(select(Resume).where(Resume.metadata_["derived_from"].astext == str(resume_id),
                                                Resume.metadata_["made_by"].astext == made_by)
                           .order_by(Resume.created_at).limit(1)).first()


def hold_existing(session: Session, model: type[Resume] | type[JobDescription],
                  ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Those of `ids` that still exist, each held against deletion (FOR KEY SHARE, taken in id order) until the
    transaction ends: rows written for them after this cannot lose a race with their deletion."""
    if not ids:
        return set()
    return set(session.scalars(select(model.id).where(model.id == any_(list(ids))).order_by(model.id)
                               .with_for_update(read=True, key_share=True)))


def storage_keys(session: Session) -> set[str]:
    """The file keys that the session's user's committed resumes, jobs and unsettled batch files name (for
    `FileStore.sweep`)."""
    keys = set()
    for model in (Resume, JobDescription):
        keys.update(session.scalars(select(model.metadata_["storage_key"].astext)
                                    .where(model.metadata_["storage_key"].astext.is_not(None))))
    keys.update(session.scalars(select(BatchFile.storage_key).where(BatchFile.storage_key.is_not(None))))
    return keys


def add_resume(session: Session, files: FileStore, *, user_id: uuid.UUID, title: str | None,
               filename: str, data: bytes, parsed: ParsedResume, chunks: list[tuple[str, str]],
               vectors: Mapping[str, np.ndarray], model: str, profile: dict[str, Any] | None = None,
               statement_vectors: PackedVectors | None = None, commit: bool = True, stored_key: str | None = None,
               content_sha256: str | None = None) -> Resume:
    """Store the original file, the row and its embeddings: all of them, or none.

    With commit=False the file is published when the caller commits (or deleted when it rolls back). A file
    already in the store under a committed row's key (a batch file's upload) is named by `stored_key` instead
    of being written again."""
    key = stored_key or stage_file(session, files, user_id, data, parsed.metadata.file_type)
    try:
        row = Resume(
            user_id=user_id, title=title or filename, original_filename=filename,
            file_type=parsed.metadata.file_type, file_size=len(data), content_text=parsed.text_content,
            metadata_=resume_metadata(parsed, storage_key=key, content_sha256=content_sha256),
            contact_info=parsed.contact_info.model_dump(mode="json"),
            sections=_sections_json(parsed.sections), quality_score=round(parsed.quality_score, 2),
        )
        session.add(row)
        session.flush()
        session.add_all(_vector_rows(ResumeEmbedding, "resume_id", row.id, chunks, vectors, model))
        if profile is not None:
            session.add(ResumeProfileRow(**profile_row(row.id, profile, statement_vectors)))
        if commit:
            session.commit()
        else:
            session.flush()
    except BaseException:
        session.rollback()  # deletes the staged file: no orphan when the database write fails
        raise
    return row


def add_job(session: Session, files: FileStore, *, user_id: uuid.UUID, parsed: ParsedJob,
            fields: Mapping[str, Any], chunks: list[tuple[str, str]], vectors: Mapping[str, np.ndarray],
            model: str, original: tuple[bytes, str] | None = None) -> JobDescription:
    """Store a job (and, for an uploaded file, the original): all of it, or none."""
    key = stage_file(session, files, user_id, original[0], parsed.metadata.file_type) if original else None
    try:
        row = JobDescription(
            user_id=user_id, title=parsed.title, company=parsed.company,
            description=fields.get("description") or parsed.text_content,
            requirements=fields.get("requirements"), responsibilities=fields.get("responsibilities"),
            benefits=fields.get("benefits"), location=parsed.location, salary_range=parsed.salary_range,
            job_type=parsed.job_type, remote_option=parsed.remote_option,
            experience_level=parsed.experience_level,
            metadata_=job_metadata(parsed, storage_key=key), sections=_sections_json(parsed.sections),
        )
        session.add(row)
        session.flush()
        session.add_all(_vector_rows(JobEmbedding, "job_id", row.id, chunks, vectors, model))
        session.commit()
    except BaseException:
        session.rollback()  # deletes the staged file
        raise
    return row


def delete_document(session: Session, files: FileStore, row: Resume | JobDescription) -> bool:
    """Delete the row (embeddings, matches and suggestions cascade), then the stored file; False when the row was
    gone already (deleted by another request meanwhile)."""
    model = type(row)
    deleted = session.execute(delete(model).where(model.id == row.id)
                              .returning(model.metadata_["storage_key"].astext)).first()
    session.commit()
    if deleted is not None and deleted[0]:
        files.delete(deleted[0])
    return deleted is not None


def newest(session: Session, model: type, columns: Sequence[str], limit: int | None) -> list[Any]:
    """The user's documents (rows of only `columns`), newest first, at most `limit` of them (None: all)."""
    return list(session.execute(select(*(getattr(model, c) for c in columns))
                                .order_by(model.created_at.desc()).limit(limit)))


def ids(session: Session, model: type, among: Sequence[uuid.UUID] | None = None) -> list[uuid.UUID]:
    """The ids of the user's documents of this kind (only those `among` these, when given)."""
    query = select(model.id)
    return list(session.scalars(query if among is None else query.where(model.id.in_(among))))


def rows(session: Session, model: type[Row], among: Sequence[uuid.UUID] | None = None) -> list[Row]:
    """The user's documents of this kind, whole (only those `among` these ids, when given)."""
    query = select(model)
    return list(session.scalars(query if among is None else query.where(model.id.in_(among))))  # type: ignore[attr-defined]


def created_at(session: Session, model: type, among: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """When each of these documents was created (a deleted one is absent)."""
    return dict(session.execute(select(model.id, model.created_at).where(model.id.in_(among))).all())


def count(session: Session, model: type) -> int:
    """How many documents of this kind the user has."""
    return session.scalar(select(func.count()).select_from(model)) or 0


def page_as_user(db: Database, user_id: uuid.UUID, model: type, limit: int, offset: int,
                 columns: tuple[str, ...], sign_in_id: uuid.UUID | None = None) -> tuple[list[Any], int]:
    """One page of the user's documents, newest first, in one round trip (`Database.read_as_user`): rows of only
    `columns` (a list shows no text or JSON), with the total riding along on each row (a window count over every
    visible row). With `sign_in_id` (a request's), an ended sign-in raises `AccountUnavailable`."""
    found = db.read_as_user(user_id, _page_sql(model, columns), {"limit": limit, "offset": offset}, sign_in_id)
    if found:
        return found, found[0].page_total
    if not offset:
        return [], 0
    return [], db.read_as_user(user_id, _count_sql(model), {}, sign_in_id)[0].total  # past the end


@functools.cache
def _page_sql(model: type, columns: tuple[str, ...]) -> str:
    statement = (select(*(getattr(model, c) for c in columns), func.count().over().label("page_total"))
                 .order_by(model.created_at.desc(), model.id).limit(bindparam("limit")).offset(bindparam("offset")))
    return str(statement.compile(dialect=psycopg_dialect()))


@functools.cache
def _count_sql(model: type) -> str:
    return str(select(func.count().label("total")).select_from(model).compile(dialect=psycopg_dialect()))


def _binary_vector(model: type) -> Any:
    """The vector column in pgvector's binary wire form (`vector_send`: int16 dim, int16 0, big-endian float32s).

    Decoding it is one `np.frombuffer`; the text form costs a Python float() per dimension, which made
    loading ranking candidates' vectors the slowest step after their profiles.
    """
    return func.vector_send(model.embedding_vector)


def _decode_vector(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=">f4", offset=4).astype(np.float32)


def vectors_of(session: Session, model: type, fk_column: Any, owner_id: uuid.UUID) -> dict[str, np.ndarray]:
    rows = session.execute(select(model.embedding_type, _binary_vector(model)).where(fk_column == owner_id))
    return {kind: _decode_vector(raw) for kind, raw in rows if raw is not None}


def vectors_of_many(session: Session, model: type, fk_column: Any, owner_ids: list[uuid.UUID],
                    kinds: Sequence[str] | None = None) -> dict[uuid.UUID, dict[str, np.ndarray]]:
    """The vectors of many documents by id and embedding type (only `kinds`, when given).

    One row per document (its types, and their binary vectors concatenated in the same order), with the ids
    as one array parameter: ranking reads 60 candidates' vectors in about half the time that one row per
    vector and an expanded IN list took.
    """
    out: dict[uuid.UUID, dict[str, np.ndarray]] = {i: {} for i in owner_ids}
    order = model.embedding_type
    query = (
        select(fk_column, func.array_agg(aggregate_order_by(order, order)),
               func.string_agg(_binary_vector(model), aggregate_order_by(literal(b"", LargeBinary), order)))
        .where(fk_column == any_(list(owner_ids)), model.embedding_vector.is_not(None))
        .group_by(fk_column)
    )
    if kinds is not None:
        query = query.where(model.embedding_type == any_(list(kinds)))
    for owner, types, raw in session.execute(query):
        vectors = out[owner]
        at = 0
        for kind in types:  # each: int16 dimension, int16 unused, then the big-endian float32s
            dim = int.from_bytes(raw[at : at + 2], "big")
            vectors[kind] = np.frombuffer(raw, dtype=">f4", count=dim, offset=at + 4).astype(np.float32)
            at += 4 + 4 * dim
    return out


def add_vectors(session: Session, model: type, fk: str, owner_id: uuid.UUID, chunks: list[tuple[str, str]],
                vectors: Mapping[str, np.ndarray], name: str) -> None:
    """Store more vectors of a document (e.g. a job's requirement contexts embedded after it was stored)."""
    session.add_all(_vector_rows(model, fk, owner_id, chunks, vectors, name))


def replace_vectors(session: Session, model: type, fk: str, owner_id: uuid.UUID, chunks: list[tuple[str, str]],
                    vectors: Mapping[str, np.ndarray], name: str) -> None:
    session.execute(delete(model).where(getattr(model, fk) == owner_id))
    session.add_all(_vector_rows(model, fk, owner_id, chunks, vectors, name))
