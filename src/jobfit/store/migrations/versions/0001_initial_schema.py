"""The seed's seven tables, users, row-level security and the app role.

Differences from the seed, on purpose:
- `auth.users` (Supabase) becomes `users`, and `auth.uid()` becomes `jobfit_current_user_id()`, which
  reads the per-transaction setting `jobfit.user_id` that the app sets for each request.
- RLS is ENABLEd *and FORCEd* on every user table, policies have WITH CHECK as well as USING, and the
  embeddings tables (which the seed left open) are guarded through their parent document. Rows that
  point at other rows (match results, suggestions) may only point at rows the user can see.
- match_results' references to resumes/job_descriptions cascade on delete, so deleting a document
  removes its matches instead of failing.
- Vector indexes are HNSW (cosine). The seed's ivfflat index is built from the rows present at
  CREATE INDEX time: built on an empty table its lists are meaningless and recall is poor until a
  manual REINDEX. HNSW needs no training data and keeps recall as rows arrive.
- Vector columns take the dimension of the configured embedding model (recorded in jobfit_meta)
  instead of a fixed 1536.
- `updated_at` is maintained by a trigger.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from alembic import context, op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

USER_TABLES = ("resumes", "job_descriptions", "match_results", "ai_suggestions", "user_feedback")
ALL_TABLES = (*USER_TABLES, "resume_embeddings", "job_embeddings")


def upgrade() -> None:
    dim = int(context.config.attributes.get("embedding_dim", 256))
    model = str(context.config.attributes.get("embedding_model", "unknown"))
    op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    op.execute(
        """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jobfit_app') THEN
            CREATE ROLE jobfit_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
          END IF;
        END $$;
        """
    )
    op.execute(
        """
        CREATE FUNCTION jobfit_current_user_id() RETURNS uuid
        LANGUAGE sql STABLE AS
        $$ SELECT nullif(current_setting('jobfit.user_id', true), '')::uuid $$;

        CREATE FUNCTION jobfit_touch_updated_at() RETURNS trigger
        LANGUAGE plpgsql AS
        $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
        """
    )
    op.execute(
        f"""
        CREATE TABLE jobfit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO jobfit_meta (key, value)
            VALUES ('embedding_dim', '{dim}'), ('embedding_model', '{model.replace("'", "''")}');

        CREATE TABLE users (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            email TEXT NOT NULL CHECK (position('@' in email) > 1),
            password_hash TEXT NOT NULL,
            is_active BOOLEAN NOT NULL DEFAULT true,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

        CREATE TABLE resumes (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id() REFERENCES users(id) ON DELETE CASCADE,
            title TEXT,
            original_filename TEXT NOT NULL,
            file_type TEXT NOT NULL,
            file_size INTEGER NOT NULL CHECK (file_size >= 0),
            content_text TEXT,
            metadata JSONB DEFAULT '{{}}',
            contact_info JSONB DEFAULT '{{}}',
            sections JSONB DEFAULT '{{}}',
            quality_score DECIMAL(5,2) DEFAULT 0.0 CHECK (quality_score BETWEEN 0 AND 100),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );

        CREATE TABLE job_descriptions (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id() REFERENCES users(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            company TEXT,
            description TEXT NOT NULL,
            requirements TEXT,
            responsibilities TEXT,
            benefits TEXT,
            location TEXT,
            salary_range TEXT,
            job_type TEXT,
            remote_option TEXT,
            experience_level TEXT,
            metadata JSONB DEFAULT '{{}}',
            sections JSONB DEFAULT '{{}}',
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );

        CREATE TABLE resume_embeddings (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            resume_id UUID NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
            embedding_type TEXT NOT NULL,
            chunk_text TEXT,
            embedding_vector vector({dim}),
            metadata JSONB DEFAULT '{{}}',
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );

        CREATE TABLE job_embeddings (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            job_id UUID NOT NULL REFERENCES job_descriptions(id) ON DELETE CASCADE,
            embedding_type TEXT NOT NULL,
            chunk_text TEXT,
            embedding_vector vector({dim}),
            metadata JSONB DEFAULT '{{}}',
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );

        CREATE TABLE match_results (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id() REFERENCES users(id) ON DELETE CASCADE,
            resume_id UUID NOT NULL REFERENCES resumes(id) ON DELETE CASCADE,
            job_id UUID NOT NULL REFERENCES job_descriptions(id) ON DELETE CASCADE,
            overall_score DECIMAL(5,2) NOT NULL CHECK (overall_score BETWEEN 0 AND 100),
            confidence_score DECIMAL(5,2) NOT NULL CHECK (confidence_score BETWEEN 0 AND 100),
            skills_score DECIMAL(5,2) CHECK (skills_score BETWEEN 0 AND 100),
            experience_score DECIMAL(5,2) CHECK (experience_score BETWEEN 0 AND 100),
            education_score DECIMAL(5,2) CHECK (education_score BETWEEN 0 AND 100),
            keyword_score DECIMAL(5,2) CHECK (keyword_score BETWEEN 0 AND 100),
            section_scores JSONB DEFAULT '{{}}',
            match_analysis JSONB DEFAULT '{{}}',
            skill_gaps JSONB DEFAULT '[]',
            strengths JSONB DEFAULT '[]',
            processing_time_ms INTEGER,
            algorithm_version TEXT DEFAULT '1.0',
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            UNIQUE (resume_id, job_id)
        );

        CREATE TABLE ai_suggestions (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id() REFERENCES users(id) ON DELETE CASCADE,
            match_result_id UUID NOT NULL REFERENCES match_results(id) ON DELETE CASCADE,
            suggestion_type TEXT NOT NULL
                CHECK (suggestion_type IN ('keyword', 'experience', 'skills', 'format', 'content')),
            category TEXT NOT NULL CHECK (category IN ('high_impact', 'medium_impact', 'low_impact')),
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            original_text TEXT,
            suggested_text TEXT,
            section_name TEXT,
            line_number INTEGER,
            priority INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
            impact_score DECIMAL(5,2),
            effort_estimate TEXT CHECK (effort_estimate IN ('low', 'medium', 'high')),
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'implemented', 'rejected')),
            implemented_at TIMESTAMPTZ,
            feedback TEXT,
            ai_confidence DECIMAL(5,2),
            generated_by TEXT DEFAULT 'gpt-4',
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );

        CREATE TABLE user_feedback (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID NOT NULL DEFAULT jobfit_current_user_id() REFERENCES users(id) ON DELETE CASCADE,
            target_type TEXT NOT NULL CHECK (target_type IN ('match_result', 'suggestion', 'overall')),
            target_id UUID,
            rating INTEGER NOT NULL CHECK (rating >= 1 AND rating <= 5),
            feedback_text TEXT,
            context JSONB DEFAULT '{{}}',
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        """
    )
    op.execute(
        """
        CREATE INDEX idx_resumes_user_id ON resumes(user_id);
        CREATE INDEX idx_resumes_created_at ON resumes(created_at DESC);
        CREATE INDEX idx_job_descriptions_user_id ON job_descriptions(user_id);
        CREATE INDEX idx_job_descriptions_created_at ON job_descriptions(created_at DESC);
        CREATE INDEX idx_resume_embeddings_resume_id ON resume_embeddings(resume_id);
        CREATE INDEX idx_resume_embeddings_type ON resume_embeddings(embedding_type);
        CREATE INDEX idx_job_embeddings_job_id ON job_embeddings(job_id);
        CREATE INDEX idx_job_embeddings_type ON job_embeddings(embedding_type);
        CREATE INDEX idx_match_results_user_id ON match_results(user_id);
        CREATE INDEX idx_match_results_resume_id ON match_results(resume_id);
        CREATE INDEX idx_match_results_job_id ON match_results(job_id);
        CREATE INDEX idx_match_results_score ON match_results(overall_score DESC);
        CREATE INDEX idx_ai_suggestions_match_result_id ON ai_suggestions(match_result_id);
        CREATE INDEX idx_ai_suggestions_status ON ai_suggestions(status);
        CREATE INDEX idx_ai_suggestions_priority ON ai_suggestions(priority);
        CREATE INDEX idx_user_feedback_user_id ON user_feedback(user_id);

        CREATE INDEX idx_resume_embeddings_vector ON resume_embeddings
            USING hnsw (embedding_vector vector_cosine_ops);
        CREATE INDEX idx_job_embeddings_vector ON job_embeddings
            USING hnsw (embedding_vector vector_cosine_ops);
        """
    )
    for table in ("resumes", "job_descriptions", "ai_suggestions"):
        op.execute(
            f"CREATE TRIGGER {table}_touch_updated_at BEFORE UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION jobfit_touch_updated_at()"
        )

    # Row-level security: enabled and forced on every user table.
    for table in ALL_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    own = "user_id = jobfit_current_user_id()"
    op.execute(
        f"""
        CREATE POLICY "Users can manage own resumes" ON resumes USING ({own}) WITH CHECK ({own});
        CREATE POLICY "Users can manage own job descriptions" ON job_descriptions
            USING ({own}) WITH CHECK ({own});
        CREATE POLICY "Users can view own match results" ON match_results
            USING ({own})
            WITH CHECK ({own}
                AND EXISTS (SELECT 1 FROM resumes r WHERE r.id = resume_id)
                AND EXISTS (SELECT 1 FROM job_descriptions j WHERE j.id = job_id));
        CREATE POLICY "Users can manage own suggestions" ON ai_suggestions
            USING ({own})
            WITH CHECK ({own} AND EXISTS (SELECT 1 FROM match_results m WHERE m.id = match_result_id));
        CREATE POLICY "Users can manage own feedback" ON user_feedback USING ({own}) WITH CHECK ({own});
        CREATE POLICY "Users can manage own resume embeddings" ON resume_embeddings
            USING (EXISTS (SELECT 1 FROM resumes r WHERE r.id = resume_id))
            WITH CHECK (EXISTS (SELECT 1 FROM resumes r WHERE r.id = resume_id));
        CREATE POLICY "Users can manage own job embeddings" ON job_embeddings
            USING (EXISTS (SELECT 1 FROM job_descriptions j WHERE j.id = job_id))
            WITH CHECK (EXISTS (SELECT 1 FROM job_descriptions j WHERE j.id = job_id));
        """
    )
    # users: the app role may read and update only its own row; sign-up and sign-in run as the owner.
    op.execute("ALTER TABLE users ENABLE ROW LEVEL SECURITY")
    op.execute(
        'CREATE POLICY "Users can see themselves" ON users '
        "USING (id = jobfit_current_user_id()) WITH CHECK (id = jobfit_current_user_id())"
    )

    tables = ", ".join(ALL_TABLES)
    op.execute("GRANT USAGE ON SCHEMA public TO jobfit_app")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO jobfit_app")
    op.execute("GRANT SELECT, UPDATE (email, password_hash) ON users TO jobfit_app")
    op.execute("GRANT SELECT ON jobfit_meta TO jobfit_app")
    op.execute("GRANT EXECUTE ON FUNCTION jobfit_current_user_id() TO jobfit_app")
    # Let the migrating (owner) role switch to jobfit_app with SET ROLE on external databases.
    op.execute(
        """
        DO $$ BEGIN
          IF NOT pg_has_role(current_user, 'jobfit_app', 'MEMBER') THEN
            EXECUTE format('GRANT jobfit_app TO %I', current_user);
          END IF;
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE NOTICE 'could not grant jobfit_app to %', current_user;
        END $$;
        """
    )


def downgrade() -> None:
    for table in ("user_feedback", "ai_suggestions", "match_results", "job_embeddings",
                  "resume_embeddings", "job_descriptions", "resumes", "users", "jobfit_meta"):
        op.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    op.execute("DROP FUNCTION IF EXISTS jobfit_touch_updated_at()")
    op.execute("DROP FUNCTION IF EXISTS jobfit_current_user_id()")
