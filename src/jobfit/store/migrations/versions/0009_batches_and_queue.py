"""Resume batches, their files, and the job queue (procrastinate's schema) that workers drain.

`resume_batches` and `batch_files` are user rows under RLS like every other table: a batch file holds its
display name, size, content hash, the key of its uploaded bytes until it is settled, its state
(queued, parsing, embedding, done, failed), its error and the resume it became. Resumes record the
SHA-256 of their file in `metadata.content_sha256`, indexed per user, which is how a file uploaded again is
recognised as a resume already stored.

The queue is procrastinate's own schema, applied verbatim from the installed package (its documented
`procrastinate schema --apply` SQL) and recorded in `jobfit_meta`; upgrading procrastinate to a version
with schema changes is a new migration that applies its delta files. Queue rows hold no user data: a job's
arguments are two opaque ids (the owner's and the batch file's), no name, text or file, so the tables stay
outside RLS and only the owner role (workers) reads them. The app role may only insert jobs (and read back
their ids), so an upload enqueues its files in the same transaction as its rows.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from alembic import op
from procrastinate.schema import SchemaManager

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

QUEUE_SCHEMA_VERSION = "3.10"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE resume_batches (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id() REFERENCES users(id) ON DELETE CASCADE,
            keep_duplicates BOOLEAN NOT NULL DEFAULT false,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX idx_resume_batches_user_created ON resume_batches (user_id, created_at DESC);

        CREATE TABLE batch_files (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            batch_id UUID NOT NULL REFERENCES resume_batches(id) ON DELETE CASCADE,
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id() REFERENCES users(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            filename TEXT NOT NULL,
            file_size INTEGER NOT NULL CHECK (file_size >= 0),
            content_sha256 TEXT,
            storage_key TEXT,
            state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'parsing', 'embedding', 'done', 'failed')),
            duplicate BOOLEAN NOT NULL DEFAULT false,
            resume_id UUID REFERENCES resumes(id) ON DELETE SET NULL,
            error_code TEXT,
            error_message TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            queued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            started_at TIMESTAMPTZ,
            finished_at TIMESTAMPTZ,
            UNIQUE (batch_id, position)
        );
        CREATE INDEX idx_batch_files_user_id ON batch_files (user_id);
        CREATE INDEX idx_batch_files_resume_id ON batch_files (resume_id);
        CREATE INDEX idx_resumes_content_sha256 ON resumes (user_id, (metadata ->> 'content_sha256'));
        """
    )
    own = "user_id = jobfit_current_user_id()"
    for table in ("resume_batches", "batch_files"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(
        f"""
        CREATE POLICY "Users can manage own batches" ON resume_batches USING ({own}) WITH CHECK ({own});
        CREATE POLICY "Users can manage own batch files" ON batch_files
            USING ({own})
            WITH CHECK ({own} AND EXISTS (SELECT 1 FROM resume_batches b WHERE b.id = batch_id));
        GRANT SELECT, INSERT, UPDATE, DELETE ON resume_batches, batch_files TO jobfit_app;
        """
    )
    # procrastinate's schema, as its `schema --apply` runs it
    op.get_bind().exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))
    op.execute(
        f"""
        GRANT INSERT, SELECT (id) ON procrastinate_jobs TO jobfit_app;
        GRANT INSERT ON procrastinate_events TO jobfit_app;
        GRANT USAGE ON SEQUENCE procrastinate_jobs_id_seq, procrastinate_events_id_seq TO jobfit_app;
        INSERT INTO jobfit_meta (key, value) VALUES ('queue_schema', 'procrastinate {QUEUE_SCHEMA_VERSION}')
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS batch_files, resume_batches CASCADE")
    op.execute("DROP INDEX IF EXISTS idx_resumes_content_sha256")
    op.execute("DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs, "
               "procrastinate_workers CASCADE")
    op.execute("DELETE FROM jobfit_meta WHERE key = 'queue_schema'")
