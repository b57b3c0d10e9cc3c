"""Each resume's statement vectors, stored compactly next to its matching profile.

Evidence is confirmed by meaning (`jobfit.matching.meaning`): every statement of a resume is embedded once at
upload and ranking reads the vectors of its ~60 re-scored candidates with their profiles, in the same query.
They are int8 rows with a scale each (`jobfit.embeddings.compact`): ~20 KB for a resume of 50 statements,
instead of a pgvector row per statement. `vectors_key` names the embedder and the statement texts they were
made of; vectors of another key are stale and are embedded again when met.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-07
"""

from alembic import op

revision = "0010"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE resume_profiles
            ADD COLUMN statement_vectors BYTEA,
            ADD COLUMN vectors_key TEXT
        """
    )


def downgrade() -> None:
    op.execute("ALTER TABLE resume_profiles DROP COLUMN statement_vectors, DROP COLUMN vectors_key")
