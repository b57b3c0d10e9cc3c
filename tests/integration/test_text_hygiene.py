"""Odd text and out-of-range numbers at the edge: NUL and other control characters in any text field, and
offsets past the database's bigint, are 422s that name the field (they were 500s), with nothing stored."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from jobfit.runtime import Runtime
from tests.conftest import SAMPLES
from tests.integration.conftest import scalar_as
from tests.integration.test_suggestions_api import _analyze

API = "/api/v1"
JOB = {"title": "Python developer", "description": "Build data services in Python and SQL. 3+ years."}
RESUME = b"Jane Doe\njane@example.com\n\nExperience\nPython developer at Acme, 2019 - 2023\n\nSkills\nPython, SQL\n"
BAD = ["nul\x00here", "bell\x07", "escape\x1b[31m", "del\x7f"]


def _field_named(response, field: str) -> bool:
    return response.status_code == 422 and any(field in map(str, e["loc"]) for e in response.json()["errors"])


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("field", ["title", "description", "company", "requirements", "location", "salary_range"])
def test_job_text_fields(client: TestClient, auth: dict, field: str, bad: str) -> None:
    r = client.post(f"{API}/documents/upload/job-description", headers=auth, json={**JOB, field: f"x {bad}"})
    assert _field_named(r, field), r.text


@pytest.mark.parametrize("field", ["title", "company"])
def test_upload_form_fields(client: TestClient, auth: dict, field: str) -> None:
    path = "resume" if field == "title" else "job-description/file"
    r = client.post(f"{API}/documents/upload/{path}", headers=auth, files={"file": ("cv.txt", RESUME)},
                    data={field: "My\x00CV"})
    assert _field_named(r, field), r.text


def test_a_nul_in_a_filename_is_removed(client: TestClient, auth: dict) -> None:
    body = (b'--B\r\nContent-Disposition: form-data; name="file"; filename="my\x00cv\x01.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n" + RESUME + b"\r\n--B--\r\n")  # raw: httpx would escape them
    r = client.post(f"{API}/documents/upload/resume", content=body,
                    headers={**auth, "Content-Type": "multipart/form-data; boundary=B"})
    assert r.status_code == 201, r.text
    stored = client.get(f"{API}/documents/resumes/{r.json()['id']}", headers=auth).json()
    assert stored["original_filename"] == "mycv.txt"


def test_rename_and_feedback_and_suggestion_feedback(client: TestClient, auth: dict, runtime: Runtime) -> None:
    match = _analyze(client, auth)
    rid = match["resume_id"]
    assert _field_named(client.patch(f"{API}/documents/resumes/{rid}", headers=auth, json={"title": "a\x00"}), "title")
    feedback = {"target_type": "match_result", "target_id": match["id"], "rating": 4}
    r = client.post(f"{API}/feedback", headers=auth, json={**feedback, "feedback_text": "good\x00"})
    assert _field_named(r, "feedback_text"), r.text
    r = client.post(f"{API}/feedback", headers=auth, json={**feedback, "context": {"page\x00": 1}})
    assert _field_named(r, "context"), r.text
    r = client.post(f"{API}/feedback", headers=auth, json={**feedback, "context": {"nested": ["ok", "bad\x00"]}})
    assert _field_named(r, "context"), r.text
    r = client.post(f"{API}/feedback", headers=auth, content=b'{"target_type": "overall", "rating": 3, '
                    b'"context": {"x": NaN}}', )
    assert r.status_code == 422, r.text
    suggestion = client.get(f"{API}/matching/results/{match['id']}/suggestions", headers=auth).json()["items"][0]
    r = client.patch(f"{API}/suggestions/{suggestion['id']}", headers=auth,
                     json={"status": "rejected", "feedback": "no\x00"})
    assert _field_named(r, "feedback"), r.text
    assert scalar_as(runtime, client, auth, "SELECT count(*) FROM user_feedback") == 0


def test_login_and_register(client: TestClient) -> None:
    assert _field_named(client.post(f"{API}/auth/login", data={"username": "a\x00@example.com", "password": "x"}),
                        "username")
    r = client.post(f"{API}/auth/register", json={"email": "a\x00b@example.com", "password": "long enough pass"})
    assert _field_named(r, "email")
    r = client.post(f"{API}/auth/register", json={"email": "ab@example.com", "password": "long\x00enough pass"})
    assert _field_named(r, "password")


@pytest.mark.parametrize("path", ["/documents/resumes", "/documents/job-descriptions", "/matching/results",
                                  "/feedback"])
@pytest.mark.parametrize("offset", [2**63, 2**64 + 5, 10**30])
def test_offsets_past_bigint(client: TestClient, auth: dict, path: str, offset: int) -> None:
    assert _field_named(client.get(f"{API}{path}", headers=auth, params={"offset": offset}), "offset")
    assert client.get(f"{API}{path}", headers=auth, params={"offset": 2**63 - 1}).status_code == 200


def _raw_json(value: dict) -> bytes:
    """`value` as JSON with every lone surrogate escaped as JSON spells it (httpx would fail to encode it)."""
    import json

    return json.dumps(value, ensure_ascii=True).encode()


LONE = "x \ud800 y"
JOB_FIELDS = ["title", "description", "company", "requirements", "responsibilities", "benefits", "location",
              "salary_range", "job_type", "remote_option", "experience_level"]


@pytest.mark.parametrize("field", JOB_FIELDS)
def test_a_lone_surrogate_in_a_job_field_is_a_422_naming_it(client: TestClient, auth: dict, runtime: Runtime,
                                                             field: str) -> None:
    """`"\\ud800"` was a 500 in company, requirements, responsibilities, benefits, location and salary_range."""
    r = client.post(f"{API}/documents/upload/job-description", content=_raw_json({**JOB, field: LONE}),
                    headers={**auth, "Content-Type": "application/json"})
    assert _field_named(r, field), r.text
    assert scalar_as(runtime, client, auth, "SELECT count(*) FROM job_descriptions") == 0


def test_a_lone_surrogate_anywhere_else_is_a_422_naming_the_field(client: TestClient, auth: dict,
                                                                    runtime: Runtime) -> None:
    """Suggestion feedback, feedback text and context keys and values were 500s too."""
    match = _analyze(client, auth)
    json_headers = {**auth, "Content-Type": "application/json"}
    suggestion = client.get(f"{API}/matching/results/{match['id']}/suggestions", headers=auth).json()["items"][0]
    feedback = {"target_type": "match_result", "target_id": match["id"], "rating": 4}
    sent = [
        ("patch", f"/suggestions/{suggestion['id']}", {"status": "rejected", "feedback": LONE}, "feedback"),
        ("post", "/feedback", {**feedback, "feedback_text": LONE}, "feedback_text"),
        ("post", "/feedback", {**feedback, "context": {LONE: 1}}, "context"),
        ("post", "/feedback", {**feedback, "context": {"page": [LONE]}}, "context"),
        ("patch", f"/documents/resumes/{match['resume_id']}", {"title": LONE}, "title"),
        ("post", "/auth/register", {"email": f"a{LONE}@example.com", "password": "long enough pass"}, "email"),
        ("post", "/auth/register", {"email": "ab@example.com", "password": f"long enough {LONE}"}, "password"),
    ]
    for method, path, body, field in sent:
        r = client.request(method, f"{API}{path}", content=_raw_json(body), headers=json_headers)
        assert _field_named(r, field), (path, r.text)
    assert scalar_as(runtime, client, auth, "SELECT count(*) FROM user_feedback") == 0
    assert scalar_as(runtime, client, auth, "SELECT status FROM ai_suggestions WHERE id = :id",
                     id=suggestion["id"]) == "pending"


def test_a_job_pasted_from_a_pdf_keeps_its_page_breaks_as_line_breaks(client: TestClient) -> None:
    """Text copied from a PDF carries form feeds and vertical tabs: the browser's paste and the API accept it."""
    from tests.integration.test_web_pages import csrf_of, sign_up

    sign_up(client)
    pasted = "Data analyst\x0cPage 2\x0bRequired: Python and SQL, 3+ years.\x0cNice to have: Tableau."
    token = csrf_of(client.get("/jobs/new").text)
    r = client.post("/jobs", data={"title": "Data analyst", "description": pasted, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"]).text
    assert "Required: Python and SQL, 3+ years." in page and "\x0c" not in page

    refused = client.post("/jobs", data={"title": "Data analyst", "description": "Python\x07 and SQL",
                                         "csrf_token": token})
    assert refused.status_code == 422
    assert ("Description contains an invisible control character (U+0007, character 7) that is not text: "
            "delete it and try again.") in refused.text
    assert "Value error" not in refused.text
    assert "Python\x07 and SQL</textarea>" in refused.text  # the paste is kept in the form, to be corrected


def test_the_api_answers_a_refused_field_in_plain_words(client: TestClient, auth: dict) -> None:
    r = client.post(f"{API}/documents/upload/job-description", headers=auth,
                    json={**JOB, "description": "Build\x0cservices"})
    assert r.status_code == 201, r.text
    r = client.post(f"{API}/documents/upload/job-description", headers=auth, json={**JOB, "job_type": "gig"})
    assert r.status_code == 422
    assert r.json()["detail"] == "Job type must be one of: full-time, part-time, contract, internship, temporary."


def test_pasted_jobs_have_the_file_cap_and_short_ads_a_warning(client: TestClient, auth: dict) -> None:
    """A 276,000-character paste is refused like a file over 100,000 characters; a 3-word ad is taken, with a
    warning in the upload's answer, on the job's page and on its match report."""
    from tests.integration.test_web_pages import csrf_of, sign_up

    sentence = "We build reliable data pipelines in Python and SQL for our analysts. "
    huge = sentence * (276_000 // len(sentence))
    r = client.post(f"{API}/documents/upload/job-description", headers=auth, json={**JOB, "description": huge})
    assert r.status_code == 422 and r.json()["detail"] == "Description is too long: at most 100,000 characters."
    half = sentence * (60_000 // len(sentence))
    r = client.post(f"{API}/documents/upload/job-description", headers=auth,
                    json={**JOB, "description": half, "requirements": half})
    assert r.status_code == 422 and r.json()["code"] == "too_long", r.text
    r = client.post(f"{API}/documents/upload/job-description", headers=auth,
                    json={"title": "Engineer", "description": "Python engineer wanted"})
    assert r.status_code == 201 and r.json()["warnings"][0].startswith("This ad has only 3 words")
    ad = SAMPLES / "job_descriptions" / "job_desc_java_developer.pdf"
    r = client.post(f"{API}/documents/upload/job-description/file", headers=auth,
                    files={"file": (ad.name, ad.read_bytes())})
    assert r.status_code == 201 and r.json()["warnings"] == []

    sign_up(client)
    token = csrf_of(client.get("/jobs/new").text)
    refused = client.post("/jobs", data={"title": "Data engineer", "description": huge, "csrf_token": token})
    assert refused.status_code == 422 and "Description is too long: at most 100,000 characters." in refused.text
    r = client.post("/jobs", data={"title": "Engineer", "description": "Python engineer wanted", "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303
    job_page = client.get(r.headers["location"]).text
    assert 'id="job-warnings"' in job_page and "This ad has only 3 words" in job_page
    client.post("/resumes", data={"csrf_token": token}, files={"file": ("cv.txt", RESUME)})
    resume_id = re.search(r'<option value="([0-9a-f-]{36})"', client.get(r.headers["location"]).text).group(1)
    job_id = r.headers["location"].rsplit("/", 1)[-1]
    report = client.post("/matches", data={"csrf_token": token, "resume_id": resume_id, "job_id": job_id})
    assert report.status_code == 200 and "This ad has only 3 words" in report.text
