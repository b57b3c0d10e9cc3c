"""DATABASE_URL pointing at a database whose owner is an ordinary role (as on Supabase or RDS):
migrations run as that owner, requests switch to jobfit_app, and the forced policies still isolate."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from jobfit.config import Settings
from jobfit.runtime import Runtime, open_runtime
from jobfit.services.accounts import register
from jobfit.store.models import Resume


@pytest.fixture()
def external(owner_database):
    root, url = owner_database
    ext = open_runtime(Settings(data_dir=root / "data", secret_key="e" * 40, database_url=url))
    yield ext
    ext.close()


def test_ordinary_owner_migrates_and_rls_isolates(external: Runtime) -> None:
    with external.db.owner_engine.connect() as conn:
        assert conn.execute(text("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                            ).scalar() is False
    with external.db.system_session() as s:
        a = register(s, "ext-a@example.com", "long enough password")
        b = register(s, "ext-b@example.com", "long enough password")
    with external.db.user_session(a.id) as s:
        s.add(Resume(user_id=a.id, original_filename="a.txt", file_type="txt", file_size=1))
        s.commit()
        assert s.execute(text("SELECT current_user")).scalar() == "jobfit_app"
    with external.db.user_session(b.id) as s:
        assert s.scalars(select(Resume)).all() == []
    with external.db.user_session(a.id) as s:
        assert len(s.scalars(select(Resume)).all()) == 1
    with external.db.owner_engine.connect() as conn:  # FORCEd: not even the owner reads user rows
        assert conn.execute(text("SELECT count(*) FROM resumes")).scalar() == 0
