"""The decision log in the database: append-only for the app role and (but for the purge) for the owner too, the
purge, the CLI over it, and what the actions of the product write into it (ids, hashes and scores, no text)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from jobfit.content_hash import text_hash
from jobfit.runtime import Runtime
from jobfit.services import decision_log
from jobfit.services.accounts import register
from tests.conftest import DOTIN_TEXTS


def _user(runtime: Runtime, email: str) -> uuid.UUID:
    with runtime.db.system_session() as s:
        return register(s, email, "long enough password").id


def _append(runtime: Runtime, user_id: uuid.UUID) -> uuid.UUID:
    with runtime.db.user_session(user_id) as s:
        row = decision_log.record(s, user_id, "export", kind="test")
        s.commit()
        return row.id


def _owner_insert(runtime: Runtime, user_id: uuid.UUID, days_ago: int) -> None:
    with runtime.db.owner_engine.begin() as conn:
        conn.execute(text("INSERT INTO decision_log (user_id, action, at) VALUES (:u, 'export', :at)"),
                     {"u": user_id, "at": datetime.now(UTC) - timedelta(days=days_ago)})


@pytest.mark.parametrize("statement", ["UPDATE decision_log SET action = 'rank'", "DELETE FROM decision_log",
                                       "TRUNCATE decision_log"])
def test_the_app_role_cannot_change_or_delete_log_rows(runtime: Runtime, statement: str) -> None:
    user_id = _user(runtime, "log-app@example.com")
    _append(runtime, user_id)
    with runtime.db.user_session(user_id) as s:
        # even with the purge's setting, which only the owner's DELETE can use
        s.execute(text("SELECT set_config('jobfit.log_purge_before', 'infinity', true)"))
        with pytest.raises(DBAPIError, match="permission denied"):
            s.execute(text(statement))
    with runtime.db.user_session(user_id) as s:
        assert s.execute(text("SELECT count(*), min(action) FROM decision_log")).one() == (1, "export")


def test_the_app_role_can_only_append_its_own_rows(runtime: Runtime) -> None:
    a, b = _user(runtime, "log-a@example.com"), _user(runtime, "log-b@example.com")
    _append(runtime, a)
    with runtime.db.user_session(b) as s:
        assert s.execute(text("SELECT count(*) FROM decision_log")).scalar() == 0
        with pytest.raises(DBAPIError, match="row-level security"):
            s.execute(text("INSERT INTO decision_log (user_id, action) VALUES (:a, 'rank')"), {"a": a})


def test_the_owner_cannot_edit_rows_nor_delete_them_outside_the_purge(runtime: Runtime) -> None:
    user_id = _user(runtime, "log-owner@example.com")
    _append(runtime, user_id)
    _owner_insert(runtime, user_id, days_ago=400)
    for statement in ("UPDATE decision_log SET action = 'rank'", "DELETE FROM decision_log", "TRUNCATE decision_log"):
        with pytest.raises(DBAPIError, match="append-only"), runtime.db.owner_engine.begin() as conn:
            conn.execute(text(statement))
    with runtime.db.owner_engine.begin() as conn:  # the purge's cut-off lets only older rows go
        conn.execute(text("SELECT set_config('jobfit.log_purge_before', :c, true)"),
                     {"c": (datetime.now(UTC) - timedelta(days=10)).isoformat()})
        with pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text("DELETE FROM decision_log"))
    with runtime.db.owner_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM decision_log")).scalar() == 2


def test_the_purge_deletes_every_account_s_rows_past_the_retention_period_only(runtime: Runtime) -> None:
    a, b = _user(runtime, "purge-a@example.com"), _user(runtime, "purge-b@example.com")
    recent = _append(runtime, a)
    for user_id, days in ((a, 200), (b, 190), (b, 100)):
        _owner_insert(runtime, user_id, days)
    due, every, cutoff = decision_log.purge(runtime.db, 183, dry_run=True)
    assert (due, every) == (2, 4) and cutoff < datetime.now(UTC) - timedelta(days=182)
    assert decision_log.purge(runtime.db, 183)[:2] == (2, 4)
    with runtime.db.owner_engine.connect() as conn:
        left = conn.execute(text("SELECT id, at FROM decision_log ORDER BY at")).all()
    assert len(left) == 2 and recent in [row.id for row in left]
    assert all(row.at > cutoff for row in left)
    assert decision_log.purge(runtime.db, 183)[:2] == (0, 2)


def test_jobfit_log_purge_and_export_run_as_the_owner(runtime: Runtime, tmp_path: Path) -> None:
    from jobfit.cli import app

    a, b = _user(runtime, "cli-a@example.com"), _user(runtime, "cli-b@example.com")
    _append(runtime, a)
    _append(runtime, b)
    _owner_insert(runtime, b, days_ago=300)
    env = {"DATABASE_URL": runtime.db.owner_url.replace("+psycopg", ""), "JOBFIT_DATA_DIR": str(tmp_path),
           "JOBFIT_EMBEDDING_PROVIDER": runtime.settings.embedding_provider}
    runner = CliRunner()
    out = tmp_path / "log.jsonl"
    result = runner.invoke(app, ["log", "export", "--output", str(out)], env=env)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 3 and {r["user_id"] for r in rows} == {str(a), str(b)}
    assert rows == sorted(rows, key=lambda r: r["at"])  # oldest first
    result = runner.invoke(app, ["log", "purge", "--dry-run"], env=env)
    assert result.exit_code == 0 and "would delete 1 of 3" in result.output, result.output
    result = runner.invoke(app, ["log", "purge"], env=env)
    assert result.exit_code == 0 and "deleted 1 of 3" in result.output, result.output
    result = runner.invoke(app, ["log", "purge", "--older-than-days", "30"], env=env)
    assert "shorter than the six months" in result.output and "deleted 0 of 2" in result.output
    result = runner.invoke(app, ["log", "export", "--output", str(tmp_path / "no" / "such" / "dir.jsonl")], env=env)
    assert result.exit_code == 2 and "cannot write" in result.output


def _upload(client: TestClient, auth: dict[str, str], name: str) -> str:
    text_ = (DOTIN_TEXTS / name).read_bytes()
    r = client.post("/api/v1/documents/upload/resume", headers=auth, files={"file": (name, text_, "text/plain")})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_analyze_rank_shortlist_export_and_decide_are_logged_with_hashes_and_scores(
        client: TestClient, auth: dict[str, str]) -> None:
    first, second = _upload(client, auth, "1.txt"), _upload(client, auth, "2.txt")
    job = client.post("/api/v1/documents/upload/job-description", headers=auth, json={
        "title": "Data Scientist", "description": "Python, SQL and machine learning. 3+ years."}).json()
    analysed = client.post("/api/v1/matching/analyze", headers=auth,
                           json={"resume_id": first, "job_id": job["id"]}).json()
    ranked = client.post("/api/v1/matching/rank-resumes", headers=auth, json={"job_id": job["id"]}).json()
    assert client.get("/api/v1/matching/shortlist", headers=auth, params={"job_id": job["id"]}).status_code == 200
    assert client.get(f"/api/v1/matching/results/{analysed['id']}/explanation", headers=auth).status_code == 200
    decided = client.post("/api/v1/decisions", headers=auth, json={
        "match_result_id": analysed["id"], "decision": "hold", "reason": "Ask about the SQL work, Jane"})
    assert decided.status_code == 201, decided.text
    entries = list(reversed(client.get("/api/v1/decision-log", headers=auth).json()["items"]))
    assert [e["action"] for e in entries] == ["analyze", "rank", "shortlist", "export", "decision"]
    me = client.get("/api/v1/auth/me", headers=auth).json()["id"]
    assert {e["user_id"] for e in entries} == {me}

    analyze, rank, shortlist, export, decision = entries
    resume_text = client.get(f"/api/v1/documents/resumes/{first}", headers=auth).json()["content_text"]
    assert analyze["resume_id"] == first and analyze["match_result_id"] == analysed["id"]
    assert analyze["details"]["inputs"]["resume"] == text_hash(resume_text)
    assert len(analyze["details"]["inputs"]["job"]) == 64
    assert analyze["details"]["scores"]["overall_score"] == analysed["overall_score"]
    assert analyze["algorithm_version"] == analysed["algorithm_version"]
    assert [r["match_result_id"] for r in rank["details"]["results"]] == [r["id"] for r in ranked["results"]]
    assert {r["resume_id"] for r in rank["details"]["results"]} == {first, second}
    assert all(len(r["resume_hash"]) == 64 and r["scores"]["overall_score"] is not None
               for r in rank["details"]["results"])
    assert shortlist["details"]["filter"] == "meets every required skill" and shortlist["job_id"] == job["id"]
    assert shortlist["details"]["candidates"] == 2
    assert export["details"]["kind"] == "explanation" and export["match_result_id"] == analysed["id"]
    assert decision["details"]["decision"] == "hold" and decision["details"]["decision_id"] == decided.json()["id"]
    assert decision["details"]["reason_hash"] == text_hash("Ask about the SQL work, Jane")

    # ids, hashes and numbers only: no document text, no names, no typed reason
    exported = client.get("/api/v1/decision-log/export", headers=auth)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in exported.text.splitlines()]
    # the export itself is logged before its rows are read, so it is in it
    assert [row["action"] for row in lines] == ["analyze", "rank", "shortlist", "export", "decision", "export"]
    assert lines[-1]["details"]["kind"] == "decision_log_jsonl"
    every = exported.text
    for secret in ("Jane", "SQL work", "Data Scientist", resume_text.split("\n")[0], "@"):
        assert secret not in every, secret


def test_a_long_log_exports_whole_and_in_order_a_page_at_a_time(runtime: Runtime) -> None:
    user_id = _user(runtime, "long-log@example.com")
    with runtime.db.owner_engine.begin() as conn:  # 2,500 rows, many sharing one timestamp: ties go by id
        conn.execute(text("INSERT INTO decision_log (user_id, action, at) SELECT :u, 'export', "
                          "now() - (n / 7) * interval '1 second' FROM generate_series(1, 2500) n"), {"u": user_id})
    pages = list(decision_log.export_as_user(runtime.db, user_id))
    rows = [json.loads(line) for page in pages for line in page.splitlines()]
    assert len(pages) == 3 and len(rows) == 2500 and len({r["id"] for r in rows}) == 2500
    keys = [(r["at"], r["id"]) for r in rows]
    assert keys == sorted(keys)


def test_grants_and_row_level_security_of_the_accountability_tables(runtime: Runtime) -> None:
    with runtime.db.owner_engine.connect() as conn:
        privileges = {(table, p): conn.execute(text("SELECT has_table_privilege('jobfit_app', :t, :p)"),
                                               {"t": table, "p": p}).scalar()
                      for table in ("decision_log", "candidate_decisions", "candidate_demographics")
                      for p in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")}
        security = {name: (enabled, forced) for name, enabled, forced in conn.execute(text(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname IN "
            "('decision_log', 'candidate_decisions', 'candidate_demographics')"))}
    assert {p for (t, p), granted in privileges.items() if t == "decision_log" and granted} == {"SELECT", "INSERT"}
    assert {p for (t, p), granted in privileges.items() if t == "candidate_decisions" and granted} == {
        "SELECT", "INSERT"}
    assert {p for (t, p), granted in privileges.items() if t == "candidate_demographics" and granted} == {
        "SELECT", "INSERT", "UPDATE", "DELETE"}
    # forced everywhere but the log, whose owner purges and exports every account's rows
    assert security == {"decision_log": (True, False), "candidate_decisions": (True, True),
                        "candidate_demographics": (True, True)}
