"""Row-level security isolates users even when application code forgets its own user filter."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from jobfit.runtime import Runtime
from jobfit.services.accounts import register
from jobfit.store.db import AccountUnavailable
from jobfit.store.models import JobDescription, MatchResultRow, Resume, ResumeEmbedding, User


def _user(runtime: Runtime, email: str) -> User:
    with runtime.db.system_session() as s:
        return register(s, email, "long enough password")


def _resume_with_embedding(runtime: Runtime, user: User) -> uuid.UUID:
    with runtime.db.user_session(user.id) as s:
        r = Resume(original_filename="cv.txt", file_type="txt", file_size=10, content_text="Python developer")
        s.add(r)
        s.flush()
        s.add(ResumeEmbedding(resume_id=r.id, embedding_type="full_text", chunk_text="Python developer",
                              embedding_vector=[0.1] * runtime.embedder.dim))
        s.commit()
        return r.id


def test_unfiltered_queries_see_only_own_rows(runtime: Runtime) -> None:
    a, b = _user(runtime, "a@example.com"), _user(runtime, "b@example.com")
    a_resume = _resume_with_embedding(runtime, a)
    b_resume = _resume_with_embedding(runtime, b)
    with runtime.db.user_session(b.id) as s:
        # no WHERE user_id = ... anywhere: only the database stands between B and A's rows
        assert s.scalars(select(Resume.id)).all() == [b_resume]
        assert {e.resume_id for e in s.scalars(select(ResumeEmbedding))} == {b_resume}
        assert s.get(Resume, a_resume) is None
        assert s.scalars(select(User.email)).all() == ["b@example.com"]
        assert s.execute(text("SELECT count(*) FROM resumes")).scalar() == 1
        # writes to A's rows touch nothing
        assert s.execute(text("UPDATE resumes SET title = 'pwned'")).rowcount == 1
        assert s.execute(text("DELETE FROM resumes WHERE id = :id"), {"id": a_resume}).rowcount == 0
        assert s.execute(text("DELETE FROM resume_embeddings WHERE resume_id = :id"),
                         {"id": a_resume}).rowcount == 0
        s.commit()
    with runtime.db.user_session(a.id) as s:
        mine = s.get(Resume, a_resume)
        assert mine is not None and mine.title is None
        assert s.scalar(select(ResumeEmbedding.id).where(ResumeEmbedding.resume_id == a_resume)) is not None


def test_cannot_insert_rows_owned_by_someone_else(runtime: Runtime) -> None:
    a, b = _user(runtime, "a2@example.com"), _user(runtime, "b2@example.com")
    a_resume = _resume_with_embedding(runtime, a)
    with runtime.db.user_session(b.id) as s:
        s.add(Resume(user_id=a.id, original_filename="x.txt", file_type="txt", file_size=1))
        with pytest.raises(DBAPIError, match="row-level security"):
            s.commit()
    with runtime.db.user_session(b.id) as s:  # nor attach an embedding to A's resume
        s.add(ResumeEmbedding(resume_id=a_resume, embedding_type="full_text",
                              embedding_vector=[0.0] * runtime.embedder.dim))
        with pytest.raises(DBAPIError, match="row-level security"):
            s.commit()
    with runtime.db.user_session(b.id) as s:  # nor a match that points at A's resume
        job = JobDescription(title="Dev", description="Python")
        s.add(job)
        s.flush()
        s.add(MatchResultRow(resume_id=a_resume, job_id=job.id, overall_score=50, confidence_score=50))
        with pytest.raises(DBAPIError, match="row-level security"):
            s.commit()


def test_scope_survives_commit_within_a_session(runtime: Runtime) -> None:
    a, b = _user(runtime, "a3@example.com"), _user(runtime, "b3@example.com")
    _resume_with_embedding(runtime, a)
    with runtime.db.user_session(b.id) as s:
        s.commit()
        assert s.execute(text("SELECT current_user")).scalar() == "jobfit_app"
        assert s.execute(text("SELECT count(*) FROM resumes")).scalar() == 0


def test_no_user_means_no_rows(runtime: Runtime) -> None:
    a = _user(runtime, "a4@example.com")
    _resume_with_embedding(runtime, a)
    with runtime.db.app_engine.connect() as conn:
        conn.exec_driver_sql("SET ROLE jobfit_app")
        assert conn.execute(text("SELECT count(*) FROM resumes")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 0


def test_resume_profiles_are_guarded_through_their_resume(runtime: Runtime) -> None:
    from jobfit.store.models import ResumeProfileRow

    a, b = _user(runtime, "a-prof@example.com"), _user(runtime, "b-prof@example.com")
    a_resume = _resume_with_embedding(runtime, a)
    with runtime.db.user_session(a.id) as s:
        s.add(ResumeProfileRow(resume_id=a_resume, version=1, profile="{}"))
        s.commit()
    with runtime.db.user_session(b.id) as s:
        assert s.scalars(select(ResumeProfileRow.resume_id)).all() == []
        assert s.execute(text("UPDATE resume_profiles SET profile = 'x'")).rowcount == 0
        assert s.execute(text("DELETE FROM resume_profiles")).rowcount == 0
        s.commit()
    with runtime.db.user_session(b.id) as s:
        s.add(ResumeProfileRow(resume_id=a_resume, version=9, profile="{}"))  # attach to A's resume
        with pytest.raises(DBAPIError, match="row-level security"):
            s.flush()
    with runtime.db.user_session(a.id) as s:
        assert s.scalar(select(ResumeProfileRow.profile).where(ResumeProfileRow.resume_id == a_resume)) == "{}"


def test_vector_and_profile_rows_carry_their_owner_and_cannot_claim_another(runtime: Runtime) -> None:
    """Since 0005 embeddings and profiles hold `user_id` (RLS compares it): filled from the session, never forged."""
    from jobfit.store.models import JobEmbedding, ResumeProfileRow

    a, b = _user(runtime, "a-own@example.com"), _user(runtime, "b-own@example.com")
    a_resume = _resume_with_embedding(runtime, a)
    b_resume = _resume_with_embedding(runtime, b)
    with runtime.db.user_session(a.id) as s:
        assert s.scalars(select(ResumeEmbedding.user_id)).all() == [a.id]
    dim = runtime.embedder.dim
    forged = [
        ResumeEmbedding(resume_id=b_resume, user_id=a.id, embedding_type="x", embedding_vector=[0.0] * dim),
        ResumeProfileRow(resume_id=b_resume, user_id=a.id, version=1, profile="{}"),
    ]
    for row in forged:  # B's own resume, but rows stamped as A's: A would then see them
        with runtime.db.user_session(b.id) as s:
            s.add(row)
            with pytest.raises(DBAPIError, match="row-level security"):
                s.flush()
    with runtime.db.user_session(b.id) as s:  # nor rows stamped as B's on A's resume
        s.add(ResumeEmbedding(resume_id=a_resume, user_id=b.id, embedding_type="x", embedding_vector=[0.0] * dim))
        with pytest.raises(DBAPIError, match="row-level security"):
            s.flush()
    with runtime.db.user_session(b.id) as s:
        job = JobDescription(title="Dev", description="Python")
        s.add(job)
        s.flush()
        s.add(JobEmbedding(job_id=job.id, embedding_type="full_text", embedding_vector=[0.0] * dim))
        s.commit()
        assert s.scalars(select(JobEmbedding.user_id)).all() == [b.id]
    with runtime.db.user_session(a.id) as s:
        assert s.scalars(select(JobEmbedding.job_id)).all() == []


def test_one_trip_reads_see_only_own_rows_and_leave_no_scope_behind(runtime: Runtime) -> None:
    """`Database.read_as_user` (the list calls' read) is scoped like a user session, and its scope ends with it:
    the pooled connection it used goes back with its login role and no user."""
    a, b = _user(runtime, "one-a@example.com"), _user(runtime, "one-b@example.com")
    _resume_with_embedding(runtime, a)
    b_resume = _resume_with_embedding(runtime, b)
    db = runtime.db
    db.app_engine.dispose()  # one pooled connection below: the next checkout is the one the read used
    rows = db.read_as_user(b.id, "SELECT id, current_user AS role FROM resumes", {})
    assert [r.id for r in rows] == [b_resume]
    assert rows[0].role == "jobfit_app"
    assert db.app_engine.pool.checkedin() == 1
    with db.app_engine.connect() as conn:
        assert conn.execute(text("SELECT current_user = session_user")).scalar()  # no SET ROLE left over
        assert conn.execute(text("SELECT current_setting('jobfit.user_id', true)")).scalar() in (None, "")


def test_one_trip_read_refuses_an_inactive_account(runtime: Runtime) -> None:
    user = _user(runtime, "one-gone@example.com")
    _resume_with_embedding(runtime, user)
    with runtime.db.system_session() as s:
        s.execute(text("UPDATE users SET is_active = false WHERE id = :id"), {"id": user.id})
        s.commit()
    with pytest.raises(AccountUnavailable):
        runtime.db.read_as_user(user.id, "SELECT id FROM resumes", {})
    with pytest.raises(AccountUnavailable):
        runtime.db.read_as_user(uuid.uuid4(), "SELECT id FROM resumes", {})


def test_one_trip_read_binds_values_as_literals(runtime: Runtime) -> None:
    user = _user(runtime, "one-bind@example.com")
    hostile = "x'); DELETE FROM resumes; --"
    rows = runtime.db.read_as_user(user.id, "SELECT %(value)s AS value, %(n)s + 1 AS n", {"value": hostile, "n": 41})
    assert (rows[0].value, rows[0].n) == (hostile, 42)
