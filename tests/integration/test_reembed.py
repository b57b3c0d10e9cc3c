"""`jobfit reembed`: after a model change every stored vector is recomputed at the new dimension."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from jobfit.embeddings.local import LocalEmbedder
from jobfit.runtime import Runtime
from jobfit.services.reembed import reembed_all
from jobfit.store import migrate
from tests.conftest import SAMPLES
from tests.integration.conftest import scalar_as


def _vector_type(runtime: Runtime) -> str:
    with runtime.db.owner_engine.connect() as conn:
        return conn.execute(text(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = 'resume_embeddings'::regclass AND attname = 'embedding_vector'")).scalar()


def test_reembed_changes_dimension_and_keeps_every_document(client: TestClient, auth: dict,
                                                             runtime: Runtime) -> None:
    pdf = SAMPLES / "resumes" / "john_doe.pdf"
    assert client.post("/api/v1/documents/upload/resume", headers=auth,
                       files={"file": (pdf.name, pdf.read_bytes())}).status_code == 201
    assert client.post("/api/v1/documents/upload/job-description", headers=auth,
                       json={"title": "Analyst", "description": "SQL and Excel reporting."}).status_code == 201
    before = scalar_as(runtime, client, auth, "SELECT count(*) FROM resume_embeddings")
    original = runtime.embedder
    small = LocalEmbedder(dim=128)
    try:
        assert reembed_all(runtime.db, small) == 2
        assert _vector_type(runtime) == "vector(128)"
        migrate.check_embedding(runtime.db.owner_engine, embedding_dim=128, embedding_model=small.name)
        assert scalar_as(runtime, client, auth, "SELECT count(*) FROM resume_embeddings") == before
        assert scalar_as(runtime, client, auth, "SELECT count(*) FROM job_embeddings") >= 1
        with runtime.db.owner_engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%hnsw%'")).scalar() == 4
    finally:
        reembed_all(runtime.db, original)
    assert _vector_type(runtime) == f"vector({original.dim})"
