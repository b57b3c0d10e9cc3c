"""Recompute every stored vector with the configured embedder (after a provider or model change).

The vector tables are emptied and retyped to the new dimension, documents are re-embedded user by user
inside each user's own RLS scope (so this works the same on an external database whose owner is subject to
the forced policies), and the HNSW indexes are rebuilt at the end. Safe to rerun: it starts from empty tables.
"""

from __future__ import annotations

from collections.abc import Callable

from jobfit.embeddings.base import Embedder
from jobfit.embeddings.chunks import embed_chunks
from jobfit.pipeline import embed_resume, packed_statement_vectors, stored_job_chunks
from jobfit.store import documents
from jobfit.store.db import Database
from jobfit.store.models import JobDescription, JobEmbedding, Resume, ResumeEmbedding
from jobfit.store.vector_tables import create_vector_indexes, reset_vector_tables


def count_documents(db: Database) -> int:
    total = 0
    for user_id in db.user_ids():
        with db.user_session(user_id, active_only=False) as s:
            total += documents.count(s, Resume) + documents.count(s, JobDescription)
    return total


def reembed_all(db: Database, embedder: Embedder, on_document: Callable[[], None] = lambda: None) -> int:
    """Re-embed every resume (its chunks and statements) and job (its chunks and requirements in context) of every
    user; returns the number of documents."""
    with db.owner_engine.begin() as conn:
        reset_vector_tables(conn, int(embedder.dim), embedder.name)
    done = 0
    for user_id in db.user_ids():
        with db.user_session(user_id, active_only=False) as s:
            for resume in documents.rows(s, Resume):  # each parsed when its turn comes
                chunks, vectors, profile = embed_resume(embedder, documents.parsed_resume(resume))
                documents.replace_vectors(s, ResumeEmbedding, "resume_id", resume.id, chunks, vectors, embedder.name)
                documents.save_profiles(s, {resume.id: profile.to_dict()})
                packed = packed_statement_vectors(embedder, profile)
                if packed is not None:
                    documents.save_statement_vectors(s, {resume.id: packed})
                s.commit()
                done += 1
                on_document()
            for job in documents.rows(s, JobDescription):
                chunks = stored_job_chunks(embedder, documents.parsed_job(job))
                documents.replace_vectors(s, JobEmbedding, "job_id", job.id, chunks, embed_chunks(embedder, chunks),
                                          embedder.name)
                s.commit()
                done += 1
                on_document()
    with db.owner_engine.begin() as conn:
        create_vector_indexes(conn)
    return done
