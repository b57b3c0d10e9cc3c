"""Human oversight and candidate explanations over the API: decisions with the report they were made on, the
shortlist as a view that hides but never rejects, and an explanation that holds one candidate's data only."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from jobfit.runtime import Runtime
from tests.conftest import DOTIN_TEXTS
from tests.integration.conftest import register_and_login, scalar_as

JOB = {"title": "Data Scientist", "description": "Required: Python, SQL and machine learning. 3+ years of "
                                                "experience. Nice to have: Tableau."}


def _pool(client: TestClient, auth: dict[str, str]) -> tuple[str, list[str]]:
    ids = []
    for name in ("1.txt", "2.txt", "3.txt"):
        r = client.post("/api/v1/documents/upload/resume", headers=auth,
                        files={"file": (name, (DOTIN_TEXTS / name).read_bytes(), "text/plain")})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    job = client.post("/api/v1/documents/upload/job-description", headers=auth, json=JOB).json()["id"]
    ranked = client.post("/api/v1/matching/rank-resumes", headers=auth, json={"job_id": job})
    assert ranked.status_code == 200, ranked.text
    return job, [r["id"] for r in ranked.json()["results"]]


def test_a_decision_keeps_the_report_it_was_made_on(runtime: Runtime, client: TestClient,
                                                   auth: dict[str, str]) -> None:
    job, matches = _pool(client, auth)
    assert client.get("/api/v1/decisions", headers=auth).json()["total"] == 0  # ranking decided nothing
    seen = client.get(f"/api/v1/matching/results/{matches[0]}", headers=auth).json()
    seen_hash = client.get(f"/api/v1/decisions/report-hash/{matches[0]}", headers=auth).json()["report_hash"]
    r = client.post("/api/v1/decisions", headers=auth, json={
        "match_result_id": matches[0], "decision": "advance", "reason": "  Strong SQL  ", "report_hash": seen_hash})
    assert r.status_code == 201, r.text
    decided = r.json()
    assert decided["decision"] == "advance" and decided["reason"] == "Strong SQL"
    assert decided["report_hash"] == seen_hash and decided["job_id"] == job

    # the pair is scored again with another outcome (as an upgrade of the algorithm would)
    scalar_as(runtime, client, auth, "UPDATE match_results SET overall_score = 12.5, algorithm_version = '9.9.9' "
              "WHERE id = :id RETURNING id", commit=True, id=matches[0])
    detail = client.get(f"/api/v1/decisions/{decided['id']}", headers=auth).json()
    assert detail["report"]["overall_score"] == seen["overall_score"] != 12.5
    assert detail["report"]["algorithm_version"] == seen["algorithm_version"]
    assert detail["report"]["match_analysis"] == seen["match_analysis"]
    # a decision taken on the report as it was seen before is refused: the person must look again
    stale = client.post("/api/v1/decisions", headers=auth, json={
        "match_result_id": matches[0], "decision": "reject", "report_hash": seen_hash})
    assert stale.status_code == 409 and "open it again" in stale.json()["detail"]
    fresh = client.get(f"/api/v1/decisions/report-hash/{matches[0]}", headers=auth).json()["report_hash"]
    later = client.post("/api/v1/decisions", headers=auth, json={
        "match_result_id": matches[0], "decision": "hold", "report_hash": fresh}).json()
    listed = client.get("/api/v1/decisions", headers=auth, params={"job_id": job}).json()
    assert listed["total"] == 2 and [d["decision"] for d in listed["items"]] == ["hold", "advance"]
    assert client.get(f"/api/v1/decisions/{later['id']}", headers=auth).json()["report"]["overall_score"] == 12.5
    shortlist = client.get("/api/v1/matching/shortlist", headers=auth, params={"job_id": job}).json()
    assert shortlist["candidates"] == 3
    assert all(item["decision"] in (None, "hold") for item in shortlist["items"])


def test_decisions_refuse_bad_input_and_other_users_matches(client: TestClient, auth: dict[str, str]) -> None:
    _job, matches = _pool(client, auth)
    for body, status in [({"match_result_id": matches[0], "decision": "maybe"}, 422),
                         ({"match_result_id": matches[0], "decision": "reject", "reason": "x" * 2001}, 422),
                         ({"match_result_id": matches[0], "decision": "reject", "reason": "a\x00b"}, 422),
                         ({"match_result_id": str(uuid.uuid4()), "decision": "reject"}, 404)]:
        r = client.post("/api/v1/decisions", headers=auth, json=body)
        assert r.status_code == status, (body, r.text)
        assert r.json()["detail"]
    other = register_and_login(client)
    assert client.post("/api/v1/decisions", headers=other, json={
        "match_result_id": matches[0], "decision": "reject"}).status_code == 404
    mine = client.post("/api/v1/decisions", headers=auth, json={"match_result_id": matches[0],
                                                                "decision": "reject"}).json()
    assert client.get(f"/api/v1/decisions/{mine['id']}", headers=other).status_code == 404
    assert client.get("/api/v1/decisions", headers=other).json()["total"] == 0


def test_the_shortlist_hides_candidates_and_says_how_many(client: TestClient, auth: dict[str, str]) -> None:
    job, _matches = _pool(client, auth)
    r = client.get("/api/v1/matching/shortlist", headers=auth, params={"job_id": job, "sort": "skills_score",
                                                                      "order": "asc"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["candidates"] == 3 and body["shown"] == len(body["items"]) <= 3
    assert all(i["required_skills_met"] == i["required_skills"] for i in body["items"])
    skills = [i["skills_score"] for i in body["items"]]
    assert skills == sorted(skills)
    assert client.get("/api/v1/matching/shortlist", headers=auth,
                      params={"job_id": str(uuid.uuid4())}).status_code == 404
    assert client.get("/api/v1/matching/shortlist", headers=auth,
                      params={"job_id": job, "sort": "name"}).status_code == 422


def test_the_recruiter_view_without_the_filter_and_as_csv(client: TestClient, auth: dict[str, str]) -> None:
    """The recruiter page's view over the API: every candidate without the must-have filter, sorted by any score,
    and the same view as the CSV the page exports (one row per candidate, in the order shown, logged)."""
    job, _matches = _pool(client, auth)
    params = {"job_id": job, "sort": "experience_score", "order": "desc", "must_haves": "false"}
    every = client.get("/api/v1/matching/shortlist", headers=auth, params=params).json()
    assert every["filter"] is None and every["candidates"] == every["shown"] == len(every["items"]) == 3
    scores = [i["experience_score"] for i in every["items"]]
    assert scores == sorted(scores, reverse=True)
    kept = client.get("/api/v1/matching/shortlist", headers=auth, params={**params, "must_haves": "true"}).json()
    assert kept["filter"] == "meets every required skill" and kept["shown"] <= 3
    r = client.get("/api/v1/matching/shortlist/csv", headers=auth, params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), r.text
    header, *rows = r.text.strip().splitlines()
    assert header.startswith("rank,candidate,current_title,") and header.endswith(",decision,match_id")
    assert [row.rsplit(",", 1)[1] for row in rows] == [i["match_result_id"] for i in every["items"]]
    exports = client.get("/api/v1/decision-log", headers=auth, params={"action": "export"}).json()
    assert exports["total"] == 1
    assert client.get("/api/v1/matching/shortlist/csv", headers=auth,
                      params={"job_id": str(uuid.uuid4())}).status_code == 404


def test_the_match_report_over_the_api_is_the_pages(client: TestClient, auth: dict[str, str]) -> None:
    """`GET /matching/results/{id}/report`: the report page's content (`services/report.py`) for a program."""
    _job, matches = _pool(client, auth)
    r = client.get(f"/api/v1/matching/results/{matches[0]}/report", headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["match"] == client.get(f"/api/v1/matching/results/{matches[0]}", headers=auth).json()
    listed = client.get(f"/api/v1/matching/results/{matches[0]}/suggestions", headers=auth).json()
    assert [s["id"] for s in body["suggestions"]] == [s["id"] for s in listed["items"]]
    assert set(body["worth_a_look"]) <= {s["id"] for s in body["suggestions"]}
    seen_hash = client.get(f"/api/v1/decisions/report-hash/{matches[0]}", headers=auth).json()["report_hash"]
    assert body["report_hash"] == seen_hash and body["decisions"] == [] and body["ratings"] == {}
    assert abs(sum(p["points"] for p in body["score_parts"]) - body["match"]["overall_score"]) < 0.5
    client.post("/api/v1/decisions", headers=auth, json={"match_result_id": matches[0], "decision": "hold",
                                                         "report_hash": seen_hash})
    client.post("/api/v1/feedback", headers=auth, json={"target_type": "match_result", "target_id": matches[0],
                                                        "rating": 4})
    again = client.get(f"/api/v1/matching/results/{matches[0]}/report", headers=auth).json()
    assert [d["decision"] for d in again["decisions"]] == ["hold"] and again["ratings"] == {matches[0]: 4}
    other = register_and_login(client)
    assert client.get(f"/api/v1/matching/results/{matches[0]}/report", headers=other).status_code == 404


def test_the_candidate_explanation_holds_this_match_only(client: TestClient, auth: dict[str, str]) -> None:
    _job, matches = _pool(client, auth)
    result = client.get(f"/api/v1/matching/results/{matches[1]}", headers=auth).json()
    r = client.get(f"/api/v1/matching/results/{matches[1]}/explanation", headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["job_title"] == "Data Scientist" and body["overall_score"] == result["overall_score"]
    assert body["algorithm_version"] == result["algorithm_version"]
    assert [q["requirement"] for q in body["requirements"]] == [
        q["requirement"] for q in result["match_analysis"]["requirements"]]
    assert body["shown"] + body["partly_shown"] + body["not_found"] == len(body["requirements"])
    assert any(q["evidence"] and q["line"] for q in body["requirements"])
    parts = {p["name"]: p for p in body["score_parts"]}
    assert "skills" in parts and parts["skills"]["what"]
    assert abs(sum(p["points"] for p in parts.values()) - result["overall_score"]) < 0.5
    assert any("no other candidate" in line for line in body["how_scored"])
    text = r.text
    others = [m for m in matches if m != matches[1]]
    other_resumes = [client.get(f"/api/v1/matching/results/{m}", headers=auth).json()["resume_id"] for m in others]
    for other in [*others, *other_resumes, "rank", "candidates_considered"]:
        assert other not in text, other
    assert client.get(f"/api/v1/matching/results/{uuid.uuid4()}/explanation", headers=auth).status_code == 404
