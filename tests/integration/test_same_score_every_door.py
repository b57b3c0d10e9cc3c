"""The same resume and job text give the same score through every door: `jobfit match`, the API with files,
the API with typed fields, and the web app's paste form."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jobfit.cli import app
from jobfit.documents.extract import extract_text
from tests.conftest import SAMPLES
from tests.integration.test_web_pages import csrf_of, sign_up

DOCS, MATCH = "/api/v1/documents", "/api/v1/matching"
RESUME = SAMPLES / "resumes" / "bruce_wayne_fullstack.pdf"
JOB = SAMPLES / "job_descriptions" / "job_desc_full_stack_engineer.pdf"


def _analyze(client: TestClient, auth: dict, resume_id: str, job_id: str) -> float:
    r = client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": resume_id, "job_id": job_id})
    assert r.status_code == 201, r.text
    return r.json()["overall_score"]


def test_the_same_text_scores_the_same_through_every_door(client: TestClient, auth: dict) -> None:
    cli = json.loads(CliRunner().invoke(app, ["match", str(RESUME), str(JOB), "--json"]).stdout)["overall_score"]

    resume_id = client.post(f"{DOCS}/upload/resume", headers=auth,
                            files={"file": (RESUME.name, RESUME.read_bytes())}).json()["id"]
    by_file = client.post(f"{DOCS}/upload/job-description/file", headers=auth,
                          files={"file": (JOB.name, JOB.read_bytes())}).json()
    scores = {"cli": cli, "api file": _analyze(client, auth, resume_id, by_file["id"])}

    text = extract_text(JOB.read_bytes(), JOB.name).text
    title = by_file["title"]
    # the whole ad pasted as the description, its title typed again in the title field, the company apart
    typed = client.post(f"{DOCS}/upload/job-description", headers=auth,
                        json={"title": title, "company": "Tech Solutions", "description": text}).json()
    scores["api fields"] = _analyze(client, auth, resume_id, typed["id"])

    # the browser: the same ad pasted, title and company typed apart, the resume uploaded, matched
    sign_up(client)
    token = csrf_of(client.get("/jobs/new").text)
    pasted = client.post("/jobs", data={"title": title, "company": "Tech Solutions", "description": text,
                                        "csrf_token": token}, follow_redirects=False)
    uploaded = client.post("/resumes", data={"csrf_token": token},
                           files={"file": (RESUME.name, RESUME.read_bytes())}, follow_redirects=False)
    report = client.post("/matches", data={"csrf_token": token, "job_id": pasted.headers["location"].split("/")[-1],
                                           "resume_id": uploaded.headers["location"].split("/")[-1]})
    assert report.status_code == 200
    exported = client.get(f"{report.url.path}/export.json").json()
    scores["web paste"] = exported["match"]["overall_score"]
    assert len(set(scores.values())) == 1, scores
