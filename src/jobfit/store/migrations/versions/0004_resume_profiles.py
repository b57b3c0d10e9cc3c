"""Move the prepared matching profile of each resume out of `resumes.metadata` into `resume_profiles`.

The profile (redacted lines, their tokens and word index, per-line weights; see
`jobfit.matching.profile`) is what ranking loads for every candidate. Inside the `metadata` JSONB it
was re-serialised from JSONB to text on every read (about 0.4 ms per resume on the server) and was
loaded with every resume row the API read. In its own table it is plain text fetched only by ranking.
Rows are guarded by row-level security through their parent resume, like the embeddings.
Profiles of an older `version` are rebuilt by ranking when it meets them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE resume_profiles (
            resume_id UUID PRIMARY KEY REFERENCES resumes(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            profile TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        ALTER TABLE resume_profiles ENABLE ROW LEVEL SECURITY;
        ALTER TABLE resume_profiles FORCE ROW LEVEL SECURITY;
        CREATE POLICY "Users can manage own resume profiles" ON resume_profiles
            USING (EXISTS (SELECT 1 FROM resumes r WHERE r.id = resume_id))
            WITH CHECK (EXISTS (SELECT 1 FROM resumes r WHERE r.id = resume_id));
        GRANT SELECT, INSERT, UPDATE, DELETE ON resume_profiles TO jobfit_app;
        UPDATE resumes SET metadata = metadata - 'profile' WHERE metadata ? 'profile';
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS resume_profiles")
