"""The decision log: an append-only record of every analyze, rank, shortlist filter, export, audit, decision and
change to the self-reported categories (EU AI Act Art. 12 and 26(6); `store/decision_log.py`).

Rows hold ids, content hashes and scores, never document text or personal data. Append-only is enforced by the
database twice over:
- the app role (`jobfit_app`, which serves every request) is granted INSERT and SELECT only, under row-level
  security (each account reads and writes its own rows);
- a trigger refuses UPDATE always, TRUNCATE always, and DELETE of any row not older than the cut-off that
  `jobfit log purge` sets for its own transaction (`jobfit.log_purge_before`), whoever asks.

RLS is enabled but not forced: the table's owner (the role that runs migrations, and `jobfit log purge` and
`jobfit log export`) reads and purges every account's rows; requests never run as the owner. Rows carry no
foreign keys, so deleting a resume, a job or an account leaves their record in place.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE decision_log (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            at TIMESTAMPTZ NOT NULL DEFAULT now(),
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id(),
            action TEXT NOT NULL,
            algorithm_version TEXT,
            job_id UUID,
            resume_id UUID,
            match_result_id UUID,
            details JSONB NOT NULL DEFAULT '{}'
        );
        CREATE INDEX idx_decision_log_user_at ON decision_log(user_id, at);
        CREATE INDEX idx_decision_log_at ON decision_log(at);

        CREATE FUNCTION jobfit_decision_log_append_only() RETURNS trigger
        LANGUAGE plpgsql AS
        $$
        BEGIN
            IF TG_OP = 'DELETE' THEN  -- (OLD exists only for a row's DELETE or UPDATE)
                IF OLD.at < nullif(current_setting('jobfit.log_purge_before', true), '')::timestamptz THEN
                    RETURN OLD;
                END IF;
            END IF;
            RAISE EXCEPTION 'the decision log is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege',
                      HINT = 'rows past the retention period are removed by jobfit log purge';
        END
        $$;
        CREATE TRIGGER decision_log_append_only BEFORE UPDATE OR DELETE ON decision_log
            FOR EACH ROW EXECUTE FUNCTION jobfit_decision_log_append_only();
        CREATE TRIGGER decision_log_no_truncate BEFORE TRUNCATE ON decision_log
            FOR EACH STATEMENT EXECUTE FUNCTION jobfit_decision_log_append_only();

        ALTER TABLE decision_log ENABLE ROW LEVEL SECURITY;
        CREATE POLICY "Users read own log rows" ON decision_log FOR SELECT TO jobfit_app
            USING (user_id = jobfit_current_user_id());
        CREATE POLICY "Users append own log rows" ON decision_log FOR INSERT TO jobfit_app
            WITH CHECK (user_id = jobfit_current_user_id());
        REVOKE ALL ON decision_log FROM PUBLIC;
        GRANT SELECT, INSERT ON decision_log TO jobfit_app;
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS decision_log")
    op.execute("DROP FUNCTION IF EXISTS jobfit_decision_log_append_only()")
