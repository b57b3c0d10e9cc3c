"""Migration 0005 stamps existing embeddings and profiles with their owner, even under an ordinary owner role."""

from __future__ import annotations

import uuid

from alembic import command
from sqlalchemy import create_engine, select, text

from jobfit.config import Settings
from jobfit.runtime import open_runtime
from jobfit.store import migrate
from jobfit.store.models import JobEmbedding, ResumeEmbedding, ResumeProfileRow


def test_existing_rows_get_their_owner_and_stay_isolated(owner_database) -> None:
    root, url = owner_database
    engine = create_engine(url)
    users = {name: uuid.uuid4() for name in ("a", "b")}
    with engine.begin() as conn:  # a database written by 0004, with rows of two users
        command.upgrade(migrate._config(connection=conn, embedding_dim=4, embedding_model="test"), "0004")
        for name, user_id in users.items():
            conn.execute(text("INSERT INTO users (id, email, password_hash) VALUES (:u, :e, 'x')"),
                         {"u": user_id, "e": f"{name}@example.com"})
            conn.execute(text("SELECT set_config('jobfit.user_id', :u, true)"), {"u": str(user_id)})
            conn.execute(text("SET LOCAL ROLE jobfit_app"))
            rid = conn.execute(text("INSERT INTO resumes (original_filename, file_type, file_size) "
                                    "VALUES ('cv.txt', 'txt', 1) RETURNING id")).scalar()
            jid = conn.execute(text("INSERT INTO job_descriptions (title, description) VALUES ('Dev', 'Python') "
                                    "RETURNING id")).scalar()
            conn.execute(text("INSERT INTO resume_embeddings (resume_id, embedding_type, embedding_vector) "
                              "VALUES (:r, 'full_text', '[1,0,0,0]')"), {"r": rid})
            conn.execute(text("INSERT INTO job_embeddings (job_id, embedding_type, embedding_vector) "
                              "VALUES (:j, 'full_text', '[0,1,0,0]')"), {"j": jid})
            conn.execute(text("INSERT INTO resume_profiles (resume_id, version, profile) VALUES (:r, 1, '{}')"),
                         {"r": rid})
            conn.execute(text("RESET ROLE"))
    engine.dispose()
    runtime = open_runtime(Settings(data_dir=root / "data", secret_key="m" * 40, database_url=url),
                           check_embedding=False)
    try:
        assert migrate.current_revision(runtime.db.owner_engine) == migrate.head_revision()
        for name, user_id in users.items():
            with runtime.db.user_session(user_id) as s:
                for model in (ResumeEmbedding, JobEmbedding, ResumeProfileRow):
                    assert s.scalars(select(model.user_id)).all() == [user_id], (name, model)
        with runtime.db.owner_engine.connect() as conn:  # RLS is forced again: the owner reads no user rows
            assert conn.execute(text("SELECT count(*) FROM resume_embeddings")).scalar() == 0
            forced = conn.execute(text("SELECT bool_and(relforcerowsecurity) FROM pg_class WHERE relname = ANY(:t)"),
                                  {"t": ["resumes", "job_descriptions", "resume_embeddings", "job_embeddings",
                                         "resume_profiles"]}).scalar()
            assert forced is True
    finally:
        runtime.close()
