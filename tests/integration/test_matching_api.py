"""Matching endpoints on the committed sample files: analyse (create then update), list/filter/sort, delete,
rank both ways with the pgvector candidate stage, concurrent ranks over the same
rows, and isolation (foreign ids are 404)."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jobfit.api.app import create_app
from jobfit.matching import PROFILE_VERSION
from jobfit.runtime import Runtime
from tests.conftest import DOTIN_TEXTS, SAMPLES
from tests.integration.conftest import answered_at_once, register_and_login

DOCS = "/api/v1/documents"
MATCH = "/api/v1/matching"


def _upload_resume(client: TestClient, auth: dict, path: Path) -> str:
    r = client.post(f"{DOCS}/upload/resume", headers=auth, files={"file": (path.name, path.read_bytes())})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _upload_job(client: TestClient, auth: dict, path: Path) -> str:
    r = client.post(f"{DOCS}/upload/job-description/file", headers=auth,
                    files={"file": (path.name, path.read_bytes())})
    assert r.status_code == 201, r.text
    return r.json()["id"]


@pytest.fixture()
def samples() -> Path:
    return SAMPLES


def test_analyze_creates_then_updates_one_row(client: TestClient, auth: dict, samples: Path) -> None:
    rid = _upload_resume(client, auth, samples / "resumes" / "barry_allen_fe.pdf")
    jid = _upload_job(client, auth, samples / "job_descriptions" / "job_desc_front_end_engineer.pdf")
    first = client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": rid, "job_id": jid})
    assert first.status_code == 201, first.text
    body = first.json()
    for field in ("overall_score", "confidence_score", "skills_score", "experience_score", "education_score",
                  "keyword_score", "section_scores", "match_analysis", "skill_gaps", "strengths",
                  "processing_time_ms", "algorithm_version"):
        assert field in body
    assert 0 <= body["overall_score"] <= 100 and body["match_analysis"]["summary"]
    reqs = body["match_analysis"]["requirements"]
    met = [r for r in reqs if r["status"] == "met" and r["kind"] == "skill"]
    assert met and all(r["evidence"] and r["line"] for r in met), "met skills point at a resume line"
    assert body["section_scores"], "section scores come from the stored vectors"

    again = client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": rid, "job_id": jid})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert client.get(f"{MATCH}/results", headers=auth).json()["total"] == 1
    assert client.get(f"{MATCH}/results/{body['id']}", headers=auth).json()["overall_score"] == body["overall_score"]
    assert client.delete(f"{MATCH}/results/{body['id']}", headers=auth).status_code == 204
    assert client.get(f"{MATCH}/results/{body['id']}", headers=auth).status_code == 404


def test_rank_resumes_puts_the_matching_resume_first(client: TestClient, auth: dict, samples: Path) -> None:
    resumes = {p.stem: _upload_resume(client, auth, p) for p in sorted((samples / "resumes").glob("*.pdf"))}
    jid = _upload_job(client, auth, samples / "job_descriptions" / "job_desc_product_manager.pdf")
    r = client.post(f"{MATCH}/rank-resumes", headers=auth, json={"job_id": jid, "top_k": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total_documents"] == 5 and len(body["results"]) == 3
    scores = [x["overall_score"] for x in body["results"]]
    assert scores == sorted(scores, reverse=True)
    assert body["results"][0]["resume_id"] == resumes["alfred_pennyworth_pm"]
    listing = client.get(f"{MATCH}/results", headers=auth, params={"job_id": jid, "sort": "score"}).json()
    assert listing["total"] == 3 and [x["overall_score"] for x in listing["items"]] == scores
    high = client.get(f"{MATCH}/results", headers=auth, params={"min_score": scores[0]}).json()
    assert all(x["overall_score"] >= scores[0] for x in high["items"]) and high["total"] >= 1

    subset = client.post(f"{MATCH}/rank-resumes", headers=auth,
                         json={"job_id": jid, "resume_ids": [resumes["john_doe"]], "top_k": 5}).json()
    assert [x["resume_id"] for x in subset["results"]] == [resumes["john_doe"]]


def test_rank_jobs_for_a_resume(client: TestClient, auth: dict, samples: Path) -> None:
    rid = _upload_resume(client, auth, samples / "resumes" / "barry_allen_fe.pdf")
    jobs = {p.stem: _upload_job(client, auth, p) for p in sorted((samples / "job_descriptions").glob("*.pdf"))}
    r = client.post(f"{MATCH}/rank-jobs", headers=auth, json={"resume_id": rid, "top_k": 4})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert len(results) == 4 and results[0]["job_id"] == jobs["job_desc_front_end_engineer"]


def test_equal_scores_rank_and_list_in_upload_order(client: TestClient, auth: dict, samples: Path) -> None:
    """Copies of one document score the same: rank-resumes, rank-jobs and the listing by score put them in
    upload order, not in the order of their random ids (so every run gives the same order)."""
    copies = [_upload_resume(client, auth, samples / "resumes" / "john_doe.pdf") for _ in range(5)]
    jid = _upload_job(client, auth, samples / "job_descriptions" / "job_desc_java_developer.pdf")
    ranked = client.post(f"{MATCH}/rank-resumes", headers=auth, json={"job_id": jid, "top_k": 5}).json()["results"]
    assert len({r["overall_score"] for r in ranked}) == 1
    assert [r["resume_id"] for r in ranked] == copies
    listing = client.get(f"{MATCH}/results", headers=auth, params={"job_id": jid, "sort": "score"}).json()
    assert [r["resume_id"] for r in listing["items"]] == copies

    typed = {"title": "Java developer", "description": "Java, Spring Boot and SQL.", "requirements": "3+ years Java."}
    jobs = [client.post(f"{DOCS}/upload/job-description", headers=auth, json=typed).json()["id"] for _ in range(5)]
    ranked = client.post(f"{MATCH}/rank-jobs", headers=auth,
                         json={"resume_id": copies[0], "job_ids": jobs, "top_k": 5}).json()["results"]
    assert len({r["overall_score"] for r in ranked}) == 1
    assert [r["job_id"] for r in ranked] == jobs
    listing = client.get(f"{MATCH}/results", headers=auth, params={"resume_id": copies[0], "sort": "score"}).json()
    assert [r["job_id"] for r in listing["items"] if r["job_id"] in jobs] == jobs


def test_foreign_and_unknown_ids_are_404_and_bodies_422(client: TestClient, auth: dict, samples: Path) -> None:
    rid = _upload_resume(client, auth, samples / "resumes" / "john_doe.pdf")
    jid = _upload_job(client, auth, samples / "job_descriptions" / "job_desc_java_developer.pdf")
    mid = client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": rid, "job_id": jid}).json()["id"]
    mallory = register_and_login(client)
    mj = client.post(f"{DOCS}/upload/job-description", headers=mallory,
                     json={"title": "Java dev", "description": "Java and Spring"}).json()["id"]
    assert client.post(f"{MATCH}/analyze", headers=mallory, json={"resume_id": rid, "job_id": mj}).status_code == 404
    assert client.get(f"{MATCH}/results/{mid}", headers=mallory).status_code == 404
    assert client.delete(f"{MATCH}/results/{mid}", headers=mallory).status_code == 404
    assert client.get(f"{MATCH}/results", headers=mallory).json()["total"] == 0
    r = client.post(f"{MATCH}/rank-resumes", headers=mallory, json={"job_id": mj, "resume_ids": [rid]})
    assert r.status_code == 404
    unknown = str(uuid.uuid4())
    assert client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": unknown, "job_id": jid}).status_code == 404
    assert client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": "x"}).status_code == 422
    assert client.post(f"{MATCH}/rank-resumes", headers=auth, json={"job_id": jid, "top_k": 0}).status_code == 422
    assert client.get(f"{MATCH}/results/{mid}", headers=auth).status_code == 200


def test_deleting_a_resume_removes_its_matches(client: TestClient, auth: dict, samples: Path) -> None:
    rid = _upload_resume(client, auth, samples / "resumes" / "john_doe.pdf")
    jid = _upload_job(client, auth, samples / "job_descriptions" / "job_desc_java_developer.pdf")
    client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": rid, "job_id": jid})
    assert client.delete(f"{DOCS}/resumes/{rid}", headers=auth).status_code == 204
    assert client.get(f"{MATCH}/results", headers=auth).json()["total"] == 0


def test_ranking_uses_stored_profiles_and_falls_back_without_them(client: TestClient, auth: dict, samples: Path,
                                                                  runtime) -> None:
    from tests.integration.conftest import scalar_as

    for p in sorted((samples / "resumes").glob("*.pdf")):
        _upload_resume(client, auth, p)
    jid = _upload_job(client, auth, samples / "job_descriptions" / "job_desc_full_stack_engineer.pdf")
    count_current = f"SELECT count(*) FROM resume_profiles WHERE version = {PROFILE_VERSION}"
    assert scalar_as(runtime, client, auth, count_current) == 5
    assert scalar_as(runtime, client, auth, "SELECT count(*) FROM resumes WHERE metadata ? 'profile'") == 0
    with_profiles = client.post(f"{MATCH}/rank-resumes", headers=auth, json={"job_id": jid, "top_k": 5}).json()
    # profiles of an older version (and missing ones) are rebuilt by ranking, and saved for the next time
    scalar_as(runtime, client, auth, "WITH u AS (UPDATE resume_profiles SET version = version - 1 "
                                     "RETURNING 1) SELECT count(*) FROM u", commit=True)
    scalar_as(runtime, client, auth, "WITH d AS (DELETE FROM resume_profiles WHERE resume_id IN "
                                     "(SELECT resume_id FROM resume_profiles LIMIT 2) RETURNING 1) "
                                     "SELECT count(*) FROM d", commit=True)
    assert scalar_as(runtime, client, auth, count_current) == 0
    assert scalar_as(runtime, client, auth, "SELECT count(*) FROM resume_profiles") == 3
    rebuilt = client.post(f"{MATCH}/rank-resumes", headers=auth, json={"job_id": jid, "top_k": 5}).json()
    assert scalar_as(runtime, client, auth, count_current) == 5
    strip = [{k: v for k, v in r.items() if k not in ("processing_time_ms", "created_at")}
             for r in with_profiles["results"]]
    assert strip == [{k: v for k, v in r.items() if k not in ("processing_time_ms", "created_at")}
                     for r in rebuilt["results"]]


def test_ranking_equals_analyzing_each_and_survives_a_damaged_profile(client: TestClient, auth: dict,
                                                                     runtime) -> None:
    """rank-resumes gives each resume the score analyze gives it, in rank order, and a damaged stored profile
    is rebuilt from its resume rather than failing the request."""
    from tests.integration.conftest import scalar_as

    ids = []
    for path in sorted(DOTIN_TEXTS.glob("*.txt"))[:8]:
        r = client.post(f"{DOCS}/upload/resume", headers=auth, files={"file": (path.name, path.read_bytes())})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    r = client.post(f"{DOCS}/upload/job-description", headers=auth, json={
        "title": "Java Developer", "description": "Build services in Java, Spring and SQL; code reviews.",
        "requirements": "3+ years of Java; Hibernate, REST, Git. Bachelor's degree in Computer Science."})
    assert r.status_code == 201, r.text
    jid = r.json()["id"]

    def ranked() -> list:
        r = client.post(f"{MATCH}/rank-resumes", headers=auth, json={"job_id": jid, "top_k": 5})
        assert r.status_code == 200, r.text
        return [{k: v for k, v in m.items() if k not in ("id", "processing_time_ms", "created_at")}
                for m in r.json()["results"]]

    first = ranked()
    analyzed = {rid: client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": rid, "job_id": jid}).json()
                for rid in ids}
    best = sorted(ids, key=lambda rid: (-analyzed[rid]["overall_score"], rid))[:5]
    assert [m["resume_id"] for m in first] == best
    assert [m["overall_score"] for m in first] == [analyzed[rid]["overall_score"] for rid in best]
    scalar_as(runtime, client, auth, "WITH u AS (UPDATE resume_profiles SET profile = '{\"broken' WHERE resume_id = "
                                     "(SELECT resume_id FROM resume_profiles LIMIT 1) RETURNING 1) "
                                     "SELECT count(*) FROM u", commit=True)
    assert ranked() == first  # the damaged one was rebuilt from its resume and saved
    assert scalar_as(runtime, client, auth, "SELECT count(*) FROM resume_profiles WHERE profile LIKE '{\"broken%'") == 0


def test_concurrent_ranks_over_the_same_rows_all_succeed_and_store_each_pair_once(
        runtime: Runtime, client: TestClient, auth: dict, samples: Path) -> None:
    resumes = [_upload_resume(client, auth, p) for p in sorted((samples / "resumes").glob("*.pdf"))]
    jobs = [_upload_job(client, auth, p) for p in sorted((samples / "job_descriptions").glob("*.pdf"))[:3]]
    # eight scoring requests at once, each writing rows the others write too, in both directions
    busy = dataclasses.replace(runtime, settings=runtime.settings.model_copy(update={"heavy_concurrency": 8}))
    app = create_app(busy)
    calls = ([("rank-resumes", {"job_id": j, "top_k": len(resumes)}) for j in jobs for _ in range(3)]
             + [("rank-jobs", {"resume_id": r, "top_k": len(jobs)}) for r in resumes for _ in range(2)])

    def post(path: str, body: dict):  # one call of the burst
        return lambda http: http.post(f"{MATCH}/{path}", headers=auth, json=body)

    answers = answered_at_once(app, [post(path, body) for path, body in calls], threads=8)
    assert [a.status_code for a in answers] == [200] * len(calls), [a.text for a in answers if a.status_code != 200]
    scores: dict[tuple[str, str], set[float]] = {}
    for answer in answers:
        for item in answer.json()["results"]:
            scores.setdefault((item["resume_id"], item["job_id"]), set()).add(item["overall_score"])
    assert len(scores) == len(resumes) * len(jobs) and all(len(s) == 1 for s in scores.values())
    stored = client.get(f"{MATCH}/results", headers=auth, params={"limit": 100}).json()
    assert stored["total"] == len(resumes) * len(jobs)
    assert {(x["resume_id"], x["job_id"]): {x["overall_score"]} for x in stored["items"]} == scores
