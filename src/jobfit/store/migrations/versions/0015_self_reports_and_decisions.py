"""Candidates' self-reported categories (for the bias audit) and recruiters' decisions (human oversight).

- `candidate_demographics`: one row per resume, the sex and race/ethnicity the candidate reported (EEO-1 codes,
  NULL for unknown), kept apart from the resume and read only by the audit (`store/demographics.py`); it goes
  with its resume, and a user can delete all of theirs in one statement.
- `candidate_decisions`: advance, hold or reject, with an optional reason, and a snapshot of the match report the
  recruiter saw (its JSON and content hash, the match result's id and algorithm version). Decisions are never
  edited: a later decision supersedes, so the app role may only insert and read them. Both go with the resume
  or job they concern (a candidate's data is deleted with the resume); the decision log keeps ids and hashes.

Both are under row-level security (enabled and forced) like every user table.

Revision ID: 0015
Revises: 0007
Create Date: 2026-12-05
"""

from alembic import op

revision = "0015"
down_revision = "0007"
branch_labels = None
depends_on = None

OWN = "user_id = jobfit_current_user_id()"


def upgrade() -> None:
    op.execute(
        f"""
        CREATE TABLE candidate_demographics (
            resume_id UUID PRIMARY KEY REFERENCES resumes(id) ON DELETE CASCADE,
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id() REFERENCES users(id) ON DELETE CASCADE,
            sex TEXT,
            race_ethnicity TEXT,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX idx_candidate_demographics_user_id ON candidate_demographics(user_id);
        ALTER TABLE candidate_demographics ENABLE ROW LEVEL SECURITY;
        ALTER TABLE candidate_demographics FORCE ROW LEVEL SECURITY;
        CREATE POLICY "Users can manage own candidates' self-reports" ON candidate_demographics
            USING ({OWN}) WITH CHECK ({OWN} AND EXISTS (SELECT 1 FROM resumes r WHERE r.id = resume_id));
        GRANT SELECT, INSERT, UPDATE, DELETE ON candidate_demographics TO jobfit_app;

        CREATE TABLE candidate_decisions (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id() REFERENCES users(id) ON DELETE CASCADE,
            resume_id UUID NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
            job_id UUID NOT NULL REFERENCES job_descriptions(id) ON DELETE CASCADE,
            match_result_id UUID NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('advance', 'hold', 'reject')),
            reason TEXT CHECK (char_length(reason) <= 2000),
            algorithm_version TEXT,
            report_hash TEXT NOT NULL,
            report JSONB NOT NULL,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX idx_candidate_decisions_job ON candidate_decisions(job_id, resume_id, created_at DESC);
        CREATE INDEX idx_candidate_decisions_resume ON candidate_decisions(resume_id);
        ALTER TABLE candidate_decisions ENABLE ROW LEVEL SECURITY;
        ALTER TABLE candidate_decisions FORCE ROW LEVEL SECURITY;
        CREATE POLICY "Users can record and read own decisions" ON candidate_decisions
            USING ({OWN})
            WITH CHECK ({OWN}
                AND EXISTS (SELECT 1 FROM resumes r WHERE r.id = resume_id)
                AND EXISTS (SELECT 1 FROM job_descriptions j WHERE j.id = job_id));
        GRANT SELECT, INSERT ON candidate_decisions TO jobfit_app;
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS candidate_decisions")
    op.execute("DROP TABLE IF EXISTS candidate_demographics")
