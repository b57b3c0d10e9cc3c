"""Recompute every stored vector with the configured embedder (after a provider or model change).

The vector columns are retyped to the new dimension and the HNSW indexes rebuilt after the rows are
back, which is much faster than maintaining the index row by row. Documents are re-embedded user by
user inside each user's own RLS scope, so this works the same on an external database where even the
owner is subject to the (forced) policies. Safe to rerun: it always starts from empty vector tables.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, select, text

from jobfit.embeddings.base import Embedder
from jobfit.pipeline import embed_chunks, job_chunks, resume_chunks
from jobfit.store import documents
from jobfit.store.db import Database
from jobfit.store.models import JobDescription, JobEmbedding, Resume, ResumeEmbedding

VECTOR_INDEXES = {  # name -> (table, predicate)
    "idx_resume_embeddings_vector": ("resume_embeddings", ""),
    "idx_job_embeddings_vector": ("job_embeddings", ""),
    "idx_resume_embeddings_full_text_vector": ("resume_embeddings", "WHERE embedding_type = 'full_text'"),
    "idx_job_embeddings_full_text_vector": ("job_embeddings", "WHERE embedding_type = 'full_text'"),
}
VECTOR_TABLES = ("resume_embeddings", "job_embeddings")


def drop_vector_indexes(conn: Connection) -> None:
    for index in VECTOR_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {index}"))


def create_vector_indexes(conn: Connection) -> None:
    """(Re)build the HNSW indexes: much faster in bulk than row by row during a load."""
    for index, (table, where) in VECTOR_INDEXES.items():
        conn.execute(text(f"CREATE INDEX {index} ON {table} USING hnsw (embedding_vector vector_cosine_ops) {where}"))


def count_documents(db: Database) -> int:
    total = 0
    for user_id in db.user_ids():
        with db.user_session(user_id) as s:
            total += len(s.scalars(select(Resume.id)).all()) + len(s.scalars(select(JobDescription.id)).all())
    return total



def reembed_all(db: Database, embedder: Embedder, on_document: Callable[[], None] = lambda: None) -> int:
    """Re-embed every resume and job of every user; returns the number of documents."""
    dim = int(embedder.dim)
    with db.owner_engine.begin() as conn:
        drop_vector_indexes(conn)
        conn.execute(text("TRUNCATE resume_embeddings, job_embeddings"))
        for table in VECTOR_TABLES:
            conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN embedding_vector TYPE vector({dim})"))
        conn.execute(text("UPDATE jobfit_meta SET value = :v WHERE key = 'embedding_dim'"), {"v": str(dim)})
        conn.execute(text("UPDATE jobfit_meta SET value = :v WHERE key = 'embedding_model'"), {"v": embedder.name})
    done = 0
    for user_id in db.user_ids():
        with db.user_session(user_id) as s:
            for resume in s.scalars(select(Resume)):
                chunks = resume_chunks(documents.parsed_resume(resume))
                documents.replace_vectors(s, ResumeEmbedding, "resume_id", resume.id, chunks,
                                          embed_chunks(embedder, chunks), embedder.name)
                s.commit()
                done += 1
                on_document()
            for job in s.scalars(select(JobDescription)):
                chunks = job_chunks(documents.parsed_job(job))
                documents.replace_vectors(s, JobEmbedding, "job_id", job.id, chunks,
                                          embed_chunks(embedder, chunks), embedder.name)
                s.commit()
                done += 1
                on_document()
    with db.owner_engine.begin() as conn:
        create_vector_indexes(conn)
    return done
