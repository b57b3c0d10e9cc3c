"""Feedback on match results and the product, its validation, isolation, and the stats loop."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.integration.conftest import register_and_login

DOCS = "/api/v1/documents"
RESUME = ("Jane Roe\njane@example.com\n\nSUMMARY\nBackend engineer.\n\nEXPERIENCE\n"
          "Software Engineer, Acme Corp, Jan 2018 - Present\n- Built Python services on PostgreSQL\n"
          "- Cut API latency by 40%\n\nSKILLS\nPython, PostgreSQL, Docker\n\nEDUCATION\n"
          "B.Sc. Computer Science, State University, 2017\n")


def _match(client: TestClient, auth: dict) -> dict:
    rid = client.post(f"{DOCS}/upload/resume", headers=auth, files={"file": ("cv.txt", RESUME.encode())}).json()["id"]
    jid = client.post(f"{DOCS}/upload/job-description", headers=auth, json={
        "title": "Backend Engineer", "description": "Python, PostgreSQL and Kubernetes. 3+ years."}).json()["id"]
    r = client.post("/api/v1/matching/analyze", headers=auth, json={"resume_id": rid, "job_id": jid})
    assert r.status_code == 201, r.text
    return r.json()


def test_feedback_on_match_and_overall_with_stats(client: TestClient, auth: dict) -> None:
    match = _match(client, auth)
    r = client.post("/api/v1/feedback", headers=auth, json={
        "target_type": "match_result", "target_id": match["id"], "rating": 4, "feedback_text": "fair",
        "context": {"page": "match"}})
    assert r.status_code == 201, r.text
    assert r.json()["rating"] == 4 and r.json()["context"] == {"page": "match"}
    assert client.post("/api/v1/feedback", headers=auth,
                       json={"target_type": "overall", "rating": 2}).status_code == 201
    listing = client.get("/api/v1/feedback", headers=auth).json()
    assert listing["total"] == 2
    only = client.get("/api/v1/feedback", headers=auth, params={"target_type": "overall"}).json()
    assert only["total"] == 1
    stats = client.get("/api/v1/feedback/stats", headers=auth).json()
    assert stats["total_feedback"] == 2 and stats["mean_rating"] == 3.0
    assert stats["by_algorithm_version"] == [{"key": match["algorithm_version"], "count": 1, "mean_rating": 4.0}]


def test_feedback_validation_and_isolation(client: TestClient, auth: dict) -> None:
    match = _match(client, auth)
    for body in ({"target_type": "match_result", "target_id": match["id"], "rating": 0},
                 {"target_type": "match_result", "target_id": match["id"], "rating": 6},
                 {"target_type": "match_result", "rating": 3},
                 {"target_type": "overall", "target_id": match["id"], "rating": 3},
                 {"target_type": "resume", "rating": 3}):
        assert client.post("/api/v1/feedback", headers=auth, json=body).status_code == 422, body
    unknown = {"target_type": "suggestion", "target_id": str(uuid.uuid4()), "rating": 3}
    assert client.post("/api/v1/feedback", headers=auth, json=unknown).status_code == 404
    eve = register_and_login(client)
    theirs = {"target_type": "match_result", "target_id": match["id"], "rating": 1}
    assert client.post("/api/v1/feedback", headers=eve, json=theirs).status_code == 404
    client.post("/api/v1/feedback", headers=auth, json={"target_type": "overall", "rating": 5})
    assert client.get("/api/v1/feedback", headers=eve).json()["total"] == 0
    assert client.get("/api/v1/feedback/stats", headers=eve).json()["total_feedback"] == 0
