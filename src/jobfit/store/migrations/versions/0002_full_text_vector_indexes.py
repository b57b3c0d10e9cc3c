"""Partial HNSW indexes on the full-text vectors, for ranking.

Ranking looks only at `embedding_type = 'full_text'` rows. Through the general index (which also holds
every section vector) the HNSW scan has to walk past ~6 section vectors per document before it finds
enough full-text ones; a partial index holds exactly the rows ranking needs, so the scan is both
faster and has better recall. The seed's general indexes stay for section-level searches.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX idx_resume_embeddings_full_text_vector ON resume_embeddings "
        "USING hnsw (embedding_vector vector_cosine_ops) WHERE embedding_type = 'full_text'"
    )
    op.execute(
        "CREATE INDEX idx_job_embeddings_full_text_vector ON job_embeddings "
        "USING hnsw (embedding_vector vector_cosine_ops) WHERE embedding_type = 'full_text'"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS idx_resume_embeddings_full_text_vector")
    op.execute("DROP INDEX IF EXISTS idx_job_embeddings_full_text_vector")
