"""Migrations from empty produce the seed's schema, with RLS enabled and forced, and HNSW indexes."""

from __future__ import annotations

from sqlalchemy import text

from jobfit.runtime import Runtime
from jobfit.store import migrate

SEED_COLUMNS = {
    "resumes": ["id", "user_id", "title", "original_filename", "file_type", "file_size", "content_text",
                "metadata", "contact_info", "sections", "quality_score", "created_at", "updated_at"],
    "job_descriptions": ["id", "user_id", "title", "company", "description", "requirements",
                         "responsibilities", "benefits", "location", "salary_range", "job_type",
                         "remote_option", "experience_level", "metadata", "sections", "created_at",
                         "updated_at"],
    "resume_embeddings": ["id", "resume_id", "embedding_type", "chunk_text", "embedding_vector", "metadata",
                          "created_at"],
    "job_embeddings": ["id", "job_id", "embedding_type", "chunk_text", "embedding_vector", "metadata",
                       "created_at"],
    "match_results": ["id", "user_id", "resume_id", "job_id", "overall_score", "confidence_score",
                      "skills_score", "experience_score", "education_score", "keyword_score", "section_scores",
                      "match_analysis", "skill_gaps", "strengths", "processing_time_ms", "algorithm_version",
                      "created_at"],
    "ai_suggestions": ["id", "user_id", "match_result_id", "suggestion_type", "category", "title",
                       "description", "original_text", "suggested_text", "section_name", "line_number",
                       "priority", "impact_score", "effort_estimate", "status", "implemented_at", "feedback",
                       "ai_confidence", "generated_by", "created_at", "updated_at"],
    "user_feedback": ["id", "user_id", "target_type", "target_id", "rating", "feedback_text", "context",
                      "created_at"],
}
# Columns jobfit adds after the seed's own (additive: the seed's columns keep their names and order).
ADDED_COLUMNS = {
    "resume_embeddings": ["user_id"],  # owner, so RLS compares a column (0005)
    "job_embeddings": ["user_id"],
}


def test_schema_is_at_head(runtime: Runtime) -> None:
    assert migrate.current_revision(runtime.db.owner_engine) == migrate.head_revision()


def test_seed_tables_and_columns(runtime: Runtime) -> None:
    with runtime.db.owner_engine.connect() as conn:
        for table, columns in SEED_COLUMNS.items():
            found = conn.execute(
                text("SELECT column_name FROM information_schema.columns WHERE table_name = :t "
                     "ORDER BY ordinal_position"), {"t": table}
            ).scalars().all()
            assert found == columns + ADDED_COLUMNS.get(table, []), table
        types = dict(conn.execute(text(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'match_results'"
        )).all())
        assert types["overall_score"] == "numeric"
        assert types["section_scores"] == "jsonb"


def test_rls_enabled_and_forced_everywhere(runtime: Runtime) -> None:
    with runtime.db.owner_engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY(:t)"
        ), {"t": list(SEED_COLUMNS)}).all()
        assert {r[0] for r in rows} == set(SEED_COLUMNS)
        assert all(r[1] and r[2] for r in rows), rows
        role = conn.execute(text(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'jobfit_app'")).one()
        assert role == (False, False)
        owned = conn.execute(text(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'jobfit_app'"
        )).scalar()
        assert owned == 0


def test_vector_indexes_are_hnsw_and_dimension_recorded(runtime: Runtime) -> None:
    with runtime.db.owner_engine.connect() as conn:
        defs = conn.execute(text(
            "SELECT indexdef FROM pg_indexes WHERE indexname IN "
            "('idx_resume_embeddings_vector', 'idx_job_embeddings_vector')")).scalars().all()
        assert len(defs) == 2 and all("hnsw" in d and "vector_cosine_ops" in d for d in defs)
        typmod = conn.execute(text(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = 'resume_embeddings'::regclass AND attname = 'embedding_vector'")).scalar()
    assert typmod == f"vector({runtime.embedder.dim})"
    assert migrate.recorded_embedding(runtime.db.owner_engine) == (runtime.embedder.name, runtime.embedder.dim)


def test_embedding_mismatch_is_a_clear_error(runtime: Runtime) -> None:
    import pytest

    with pytest.raises(migrate.SchemaError, match="jobfit reembed"):
        migrate.check_embedding(runtime.db.owner_engine, embedding_dim=1536, embedding_model="text-embedding-3-small")


def test_updated_at_maintained_by_database(runtime: Runtime) -> None:
    import uuid

    from jobfit.services.accounts import register
    from jobfit.store.models import Resume

    with runtime.db.system_session() as s:
        user = register(s, "touch@example.com", "long enough password")
    with runtime.db.user_session(user.id) as s:
        resume = Resume(original_filename="a.txt", file_type="txt", file_size=3, content_text="abc")
        s.add(resume)
        s.commit()
        before = resume.updated_at
        s.execute(text("SELECT pg_sleep(0.01)"))
        s.execute(text("UPDATE resumes SET title = 'x' WHERE id = :id"), {"id": resume.id})
        s.commit()
        after = s.execute(text("SELECT updated_at FROM resumes WHERE id = :id"), {"id": resume.id}).scalar()
        assert after > before
        assert isinstance(resume.id, uuid.UUID)
