"""Suggestions over real HTTP: stored with each analysis, listed by priority, decided once, regenerated
(optionally through an OpenAI-compatible LLM server on loopback), and applied into a re-scored version."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from docx import Document
from fastapi.testclient import TestClient

from jobfit.runtime import Runtime
from tests.integration.conftest import answered_at_once, register_and_login, scalar_as

DOCS = "/api/v1/documents"
MATCH = "/api/v1/matching"
RESUME = """Jordan Lee
jordan.lee@example.com | +1 415 555 0100

SUMMARY
Backend developer building data services.

EXPERIENCE
Software Engineer, Northwind Traders, Jan 2019 - Present
- Responsible for the billing API written in Python
- Helped build the reporting pipeline for the finance team
- Worked on PostgreSQL tuning

Junior Developer, Contoso, Jun 2016 - Dec 2018
- Maintained internal tools in Java

SKILLS
Python, Java, PostgreSQL, Git

EDUCATION
B.Sc. Computer Science, State University, 2016
"""
JOB = {
    "title": "Senior Backend Engineer",
    "description": "We build billing services.",
    "requirements": "5+ years of Python. PostgreSQL, Docker and Kubernetes. AWS. REST APIs.",
    "responsibilities": "Design and operate backend services.",
}


def _analyze(client: TestClient, auth: dict) -> dict:
    rid = client.post(f"{DOCS}/upload/resume", headers=auth, files={"file": ("cv.txt", RESUME.encode())}).json()["id"]
    jid = client.post(f"{DOCS}/upload/job-description", headers=auth, json=JOB).json()["id"]
    r = client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": rid, "job_id": jid})
    assert r.status_code == 201, r.text
    return r.json()


def test_analyze_stores_prioritised_suggestions(client: TestClient, auth: dict) -> None:
    match = _analyze(client, auth)
    r = client.get(f"{MATCH}/results/{match['id']}/suggestions", headers=auth)
    assert r.status_code == 200
    items = r.json()["items"]
    assert items, "offline rules produce suggestions"
    assert [s["priority"] for s in items] == sorted(s["priority"] for s in items)
    assert {s["generated_by"] for s in items} == {"jobfit-rules/1.0"}
    assert all(s["status"] == "pending" and s["category"].endswith("_impact") for s in items)
    lines = RESUME.split("\n")
    for s in items:
        if s["original_text"] and s["line_number"]:
            assert s["original_text"] in lines[s["line_number"] - 1], s
    skills = [s for s in items if s["suggestion_type"] in ("skills", "keyword")]
    assert skills and any("Kubernetes" in (s["suggested_text"] or "") or "Kubernetes" in s["title"] for s in skills)
    only = client.get(f"{MATCH}/results/{match['id']}/suggestions", headers=auth,
                      params={"type": skills[0]["suggestion_type"]}).json()["items"]
    assert only and {s["suggestion_type"] for s in only} == {skills[0]["suggestion_type"]}


def test_lifecycle_decide_once_and_regenerate_keeps_decisions(client: TestClient, auth: dict) -> None:
    match = _analyze(client, auth)
    items = client.get(f"{MATCH}/results/{match['id']}/suggestions", headers=auth).json()["items"]
    first, second = items[0], items[1]
    r = client.patch(f"/api/v1/suggestions/{first['id']}", headers=auth,
                     json={"status": "implemented", "feedback": "done"})
    assert r.status_code == 200 and r.json()["status"] == "implemented" and r.json()["implemented_at"]
    assert client.patch(f"/api/v1/suggestions/{first['id']}", headers=auth,
                        json={"status": "rejected"}).status_code == 409
    r = client.patch(f"/api/v1/suggestions/{second['id']}", headers=auth, json={"status": "rejected"})
    assert r.status_code == 200 and r.json()["implemented_at"] is None
    # a decision can be undone (back to pending), and only a decided suggestion has one to undo
    r = client.patch(f"/api/v1/suggestions/{second['id']}", headers=auth, json={"status": "pending"})
    assert r.status_code == 200 and r.json()["status"] == "pending" and r.json()["implemented_at"] is None
    assert client.patch(f"/api/v1/suggestions/{second['id']}", headers=auth,
                        json={"status": "pending"}).status_code == 409
    assert client.patch(f"/api/v1/suggestions/{second['id']}", headers=auth,
                        json={"status": "rejected"}).status_code == 200
    assert client.patch(f"/api/v1/suggestions/{second['id']}", headers=auth,
                        json={"status": "moon"}).status_code == 422
    other = register_and_login(client)
    assert client.patch(f"/api/v1/suggestions/{items[2]['id']}", headers=other,
                        json={"status": "rejected"}).status_code == 404
    assert client.get(f"{MATCH}/results/{match['id']}/suggestions", headers=other).status_code == 404

    regen = client.post(f"{MATCH}/results/{match['id']}/suggestions/generate", headers=auth, json={})
    assert regen.status_code == 200
    by_status = {}
    for s in regen.json()["items"]:
        by_status.setdefault(s["status"], []).append(s["id"])
    assert by_status["implemented"] == [first["id"]] and by_status["rejected"] == [second["id"]]
    assert by_status["pending"]

    assert client.post(f"{MATCH}/results/{match['id']}/suggestions/generate", headers=auth,
                       json={"use_llm": True}).status_code == 422  # no LLM configured

    stats = client.get("/api/v1/feedback/stats", headers=auth).json()
    accepted = {a["suggestion_type"]: a for a in stats["acceptance_by_suggestion_type"]}
    assert accepted[first["suggestion_type"]]["implemented"] >= 1


def test_apply_suggestions_makes_a_rescored_version(client: TestClient, auth: dict, runtime: Runtime) -> None:
    match = _analyze(client, auth)
    items = client.get(f"{MATCH}/results/{match['id']}/suggestions", headers=auth).json()["items"]
    positive = [s for s in items if s["suggested_text"] and (s["impact_score"] or 0) > 0]
    assert positive
    r = client.post(f"/api/v1/resumes/{match['resume_id']}/apply-suggestions", headers=auth,
                    json={"suggestion_ids": [s["id"] for s in positive]})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["resume_id"] != match["resume_id"] and body["title"].endswith("(improved)")
    assert body["after"]["overall_score"] > body["before"]["overall_score"]
    promised = max(s["impact_score"] for s in positive)
    assert body["score_change"] >= promised * 0.5, (body["score_change"], promised)
    words = set(body["content_text"].replace(",", " ").split())
    for s in positive:
        if s["id"] in body["applied"]:  # edits on one line compose, so check word by word
            assert set(s["suggested_text"].replace(",", " ").split()) <= words, s
    docx = client.get(body["download_url"], headers=auth)
    assert docx.status_code == 200 and docx.headers["content-type"].startswith("application/vnd.openxml")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Northwind Traders" in text
    decided = client.get(f"{MATCH}/results/{match['id']}/suggestions", headers=auth,
                         params={"status": "implemented"}).json()["items"]
    assert {s["id"] for s in decided} == set(body["applied"])
    assert client.get(f"{DOCS}/resumes", headers=auth).json()["total"] == 2

    bad = client.post(f"/api/v1/resumes/{match['resume_id']}/apply-suggestions", headers=auth,
                      json={"suggestion_ids": []})
    assert bad.status_code == 422


class _Chat(ThreadingHTTPServer):
    daemon_threads = True
    answer: dict
    seen_bodies: list[str]
    on_request: Callable[[], None] = staticmethod(lambda: None)


class _Handler(BaseHTTPRequestHandler):
    server: _Chat

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.server.seen_bodies.append(raw)
        self.server.on_request()
        content = json.dumps(self.server.answer)
        data = json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": "loopback-llm",
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture()
def chat_server() -> Iterator[_Chat]:
    srv = _Chat(("127.0.0.1", 0), _Handler)
    srv.seen_bodies = []
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_regenerate_with_llm_server_on_loopback(client: TestClient, auth: dict, runtime: Runtime,
                                                chat_server: _Chat, monkeypatch: pytest.MonkeyPatch) -> None:
    line = RESUME.split("\n").index("- Helped build the reporting pipeline for the finance team") + 1
    chat_server.answer = {"suggestions": [
        {"line_number": line, "original_text": "Helped build the reporting pipeline",
         "suggested_text": "Built the reporting pipeline", "title": "Lead with your own action",
         "description": "Say what you did.", "suggestion_type": "content"},
        {"line_number": line, "original_text": "for the finance team",
         "suggested_text": "for the finance team at Globex, saving $2M", "title": "Invented", "description": "x",
         "suggestion_type": "content"},
    ]}
    monkeypatch.setattr(runtime.settings, "llm_base_url", f"http://127.0.0.1:{chat_server.server_address[1]}/v1")
    monkeypatch.setattr(runtime.settings, "llm_model", "loopback-llm")
    match = _analyze(client, auth)
    r = client.post(f"{MATCH}/results/{match['id']}/suggestions/generate", headers=auth, json={"use_llm": True})
    assert r.status_code == 200, r.text
    body = r.json()
    from_llm = [s for s in body["items"] if s["generated_by"] == "loopback-llm"]
    assert [s["suggested_text"] for s in from_llm] == ["Built the reporting pipeline"]
    assert body["dropped_by_guard"] >= 1
    sent = " ".join(chat_server.seen_bodies)
    assert "jordan.lee@example.com" not in sent and "Jordan Lee" not in sent, "PII is redacted before sending"


def test_no_transaction_waits_on_the_llm(client: TestClient, auth: dict, runtime: Runtime, chat_server: _Chat,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The regenerate request held its transaction (and its lock on the match) open while the LLM answered."""
    from sqlalchemy import text

    chat_server.answer = {"suggestions": []}
    open_meanwhile: list[int] = []

    def count_open_transactions() -> None:
        with runtime.db.owner_engine.connect() as conn:
            open_meanwhile.append(conn.scalar(text(
                "SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'")))

    chat_server.on_request = count_open_transactions
    monkeypatch.setattr(runtime.settings, "llm_base_url", f"http://127.0.0.1:{chat_server.server_address[1]}/v1")
    match = _analyze(client, auth)
    # the upload's statement vectors are stored on the background thread (`services.statement_fill`); its short
    # transactions are not the request under test, so they finish first
    runtime.background.wait()
    r = client.post(f"{MATCH}/results/{match['id']}/suggestions/generate", headers=auth, json={"use_llm": True})
    assert r.status_code == 200, r.text
    assert open_meanwhile == [0]


def _positive(client: TestClient, auth: dict, match: dict) -> list[dict]:
    items = client.get(f"{MATCH}/results/{match['id']}/suggestions", headers=auth).json()["items"]
    return [s for s in items if s["suggested_text"] and (s["impact_score"] or 0) > 0]


def test_a_rejected_suggestion_is_not_applied(client: TestClient, auth: dict, runtime: Runtime) -> None:
    match = _analyze(client, auth)
    positive = _positive(client, auth, match)
    assert client.patch(f"/api/v1/suggestions/{positive[0]['id']}", headers=auth,
                        json={"status": "rejected"}).status_code == 200
    r = client.post(f"/api/v1/resumes/{match['resume_id']}/apply-suggestions", headers=auth,
                    json={"suggestion_ids": [s["id"] for s in positive]})
    assert r.status_code == 409 and positive[0]["id"] in r.json()["detail"], r.text
    assert client.get(f"{DOCS}/resumes", headers=auth).json()["total"] == 1
    assert scalar_as(runtime, client, auth, "SELECT count(*) FROM ai_suggestions WHERE status = 'implemented'") == 0


def test_applying_the_same_set_again_returns_the_version_it_made(client: TestClient, auth: dict) -> None:
    """Two applies at once and one after made three versions."""
    match = _analyze(client, auth)
    ids = [s["id"] for s in _positive(client, auth, match)]
    path = f"/api/v1/resumes/{match['resume_id']}/apply-suggestions"
    first, second = answered_at_once(client.app, [
        lambda http: http.post(path, headers=auth, json={"suggestion_ids": ids}),
        lambda http: http.post(path, headers=auth, json={"suggestion_ids": list(reversed(ids))}),
    ], threads=4)
    assert sorted([first.status_code, second.status_code]) == [200, 201], (first.text, second.text)
    again = client.post(path, headers=auth, json={"suggestion_ids": ids})
    assert again.status_code == 200
    assert first.json()["resume_id"] == second.json()["resume_id"] == again.json()["resume_id"]
    assert again.json()["after"]["id"] == first.json()["after"]["id"]
    assert client.get(f"{DOCS}/resumes", headers=auth).json()["total"] == 2
