"""The vector tables as a whole: empty and retype them for another embedder, drop and rebuild their HNSW indexes.

Building an HNSW index after a bulk load is much faster than maintaining it row by row during it.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

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
    for index, (table, where) in VECTOR_INDEXES.items():
        conn.execute(text(f"CREATE INDEX {index} ON {table} USING hnsw (embedding_vector vector_cosine_ops) {where}"))


def reset_vector_tables(conn: Connection, dim: int, model: str) -> None:
    """Drop the indexes, empty both vector tables, retype them to `dim` and record the new embedder (owner only)."""
    drop_vector_indexes(conn)
    conn.execute(text("TRUNCATE resume_embeddings, job_embeddings"))
    for table in VECTOR_TABLES:
        conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN embedding_vector TYPE vector({dim})"))
    conn.execute(text("UPDATE jobfit_meta SET value = :v WHERE key = 'embedding_dim'"), {"v": str(dim)})
    conn.execute(text("UPDATE jobfit_meta SET value = :v WHERE key = 'embedding_model'"), {"v": model})
