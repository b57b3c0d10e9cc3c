"""The web pages over HTTP: cookie session flags, CSRF on every form, HTML errors, bearer tokens unaffected,
one user's pages and files invisible to another (by guessed URL too)."""

from __future__ import annotations

import re
import time
import uuid

from fastapi.testclient import TestClient

from jobfit.runtime import Runtime
from tests.integration.conftest import register_and_login

PASSWORD = "correct horse battery"
RESUME = (b"Ada Lovelace\nada@example.com\n\nExperience\nSenior Python developer, Acme, 2018-2024\n"
          b"- Built REST APIs with FastAPI and PostgreSQL\n\nSkills\nPython, SQL, Docker\n")
JOB = {"title": "Python Developer", "company": "Initech",
       "description": "We need a Python developer.\nRequired: Python, PostgreSQL and Docker.\n"
                      "Nice to have: Kubernetes."}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def sign_up(client: TestClient, email: str | None = None) -> str:
    email = email or f"web-{uuid.uuid4().hex[:8]}@example.com"
    token = csrf_of(client.get("/sign-up").text)
    r = client.post("/sign-up", data={"email": email, "password": PASSWORD, "password_again": PASSWORD,
                                      "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return email


def test_sign_up_sets_a_safe_session_cookie_and_shows_the_dashboard(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/sign-in?next=/"
    token = csrf_of(client.get("/sign-up").text)
    r = client.post("/sign-up", data={"email": "web@example.com", "password": PASSWORD, "password_again": PASSWORD,
                                      "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    cookies = [v for k, v in r.headers.multi_items() if k == "set-cookie"]
    session = next(c for c in cookies if c.startswith("jobfit_session="))
    assert "HttpOnly" in session and "SameSite=lax" in session and "Secure" not in session  # http here
    page = client.get("/")
    assert page.status_code == 200 and "web@example.com" in page.text and "Upload your resume" in page.text
    assert page.headers["cache-control"] == "no-store"


def test_secure_cookie_over_https(runtime) -> None:
    from jobfit.app import create_app

    with TestClient(create_app(runtime), base_url="https://testserver") as client:
        token = csrf_of(client.get("/sign-up").text)
        r = client.post("/sign-up", data={"email": "tls@example.com", "password": PASSWORD,
                                          "password_again": PASSWORD, "csrf_token": token}, follow_redirects=False)
        assert all("Secure" in v for k, v in r.headers.multi_items() if k == "set-cookie")


def test_forms_without_a_valid_csrf_token_are_refused(client: TestClient) -> None:
    client.get("/sign-up")  # gets the CSRF cookie
    data = {"email": "x@example.com", "password": PASSWORD, "password_again": PASSWORD}
    for token in (None, "0" * 64):
        r = client.post("/sign-up", data={**data, **({"csrf_token": token} if token else {})})
        assert r.status_code == 403 and "csrf_failed" in r.text and "text/html" in r.headers["content-type"]
    sign_up(client)
    r = client.post("/jobs", data=JOB)
    assert r.status_code == 403
    # a token of another browser does not work with this browser's cookie
    other = TestClient(client.app)
    foreign = csrf_of(other.get("/sign-in").text)
    assert client.post("/jobs", data={**JOB, "csrf_token": foreign}).status_code == 403


def test_sign_in_errors_and_sign_out(client: TestClient) -> None:
    email = sign_up(client)
    client.post("/sign-out", data={"csrf_token": csrf_of(client.get("/").text)})
    assert client.get("/", follow_redirects=False).status_code == 303
    token = csrf_of(client.get("/sign-in").text)
    r = client.post("/sign-in", data={"email": email, "password": "wrong password!", "csrf_token": token})
    assert r.status_code == 401 and "Incorrect email or password." in r.text
    r = client.post("/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token,
                                      "next": "//evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_sign_up_explains_a_bad_password(client: TestClient) -> None:
    token = csrf_of(client.get("/sign-up").text)
    r = client.post("/sign-up", data={"email": "p@example.com", "password": "password", "password_again": "password",
                                      "csrf_token": token})
    assert r.status_code == 422 and "too common" in r.text


def test_bad_upload_shows_the_api_code_and_sentence(client: TestClient) -> None:
    sign_up(client)
    token = csrf_of(client.get("/resumes/new").text)
    r = client.post("/resumes", data={"csrf_token": token}, files={"file": ("cv.pdf", b"not a pdf", "application/pdf")})
    api = client.post("/api/v1/documents/upload/resume", headers=register_and_login(client),
                      files={"file": ("cv.pdf", b"not a pdf", "application/pdf")})
    assert r.status_code == api.status_code == 422
    assert api.json()["detail"] in r.text and f"({api.json()['code']})" in r.text


def test_another_user_sees_nothing_and_guessed_urls_are_404(client: TestClient) -> None:
    sign_up(client)
    token = csrf_of(client.get("/resumes/new").text)
    r = client.post("/resumes", data={"csrf_token": token, "title": "Ada's resume"},
                    files={"file": ("ada.txt", RESUME, "text/plain")}, follow_redirects=False)
    assert r.status_code == 303
    resume_url = r.headers["location"]
    r = client.post("/jobs", data={**JOB, "csrf_token": token}, follow_redirects=False)
    job_url = r.headers["location"]
    r = client.post("/matches", data={"csrf_token": token, "resume_id": resume_url.rsplit("/", 1)[1],
                                      "job_id": job_url.rsplit("/", 1)[1]}, follow_redirects=False)
    match_url = r.headers["location"]
    report = client.get(match_url)
    assert report.status_code == 200 and "Overall" in report.text and "Python" in report.text

    other = TestClient(client.app)
    sign_up(other)
    dashboard = other.get("/").text
    assert "Ada" not in dashboard and "Python Developer" not in dashboard
    for url in (resume_url, f"{resume_url}/file", job_url, match_url, f"{match_url}/print",
                f"{match_url}/export.json", "/recruiter?job_id=" + job_url.rsplit("/", 1)[1]):
        r = other.get(url)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"], url
        assert "Ada" not in r.text and "Initech" not in r.text
    token = csrf_of(dashboard)
    r = other.post(f"{resume_url}/delete", data={"csrf_token": token})
    assert r.status_code == 404
    r = other.post("/matches", data={"csrf_token": token, "resume_id": resume_url.rsplit("/", 1)[1],
                                     "job_id": job_url.rsplit("/", 1)[1]})
    assert r.status_code == 404 and "Resume not found" in r.text
    assert client.get(resume_url).status_code == 200


def test_api_paths_keep_json_errors_and_bearer_tokens(client: TestClient) -> None:
    r = client.get("/api/v1/documents/resumes/" + str(uuid.uuid4()), headers=register_and_login(client))
    assert r.status_code == 404 and r.json() == {"detail": "Resume not found", "code": "not_found"}
    assert client.get("/api/v1/documents/resumes").status_code == 401
    sign_up(client)  # a session cookie does not sign in to the API
    assert client.get("/api/v1/documents/resumes").status_code == 401
    r = client.get("/no-such-page")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]


def test_malformed_page_ids_are_html_404s(client: TestClient) -> None:
    sign_up(client)
    for url in ("/resumes/not-a-uuid", "/matches/123", "/recruiter/export.csv?job_id=x"):
        r = client.get(url)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"], url
    assert client.get("/api/v1/documents/resumes/not-a-uuid").status_code in (401, 422)


def test_job_by_file_and_a_refused_url_import(client: TestClient) -> None:
    sign_up(client)
    token = csrf_of(client.get("/jobs/new").text)
    r = client.post("/jobs/file", data={"csrf_token": token, "title": "Data Engineer"},
                    files={"file": ("jd.txt", b"Data Engineer\nRequired: Python, Spark and SQL.\n", "text/plain")})
    assert r.status_code == 200 and "Data Engineer" in r.text and "Required" in r.text
    # the test app is not allowed private addresses: loopback is refused with the reason
    r = client.post("/jobs/import", data={"csrf_token": token, "url": "http://127.0.0.1:9/job"})
    assert r.status_code == 422 and "(private_address)" in r.text
    r = client.post("/jobs/import", data={"csrf_token": token, "url": "file:///etc/passwd"})
    assert r.status_code == 422 and "(invalid_url)" in r.text
    r = client.post("/jobs", data={"csrf_token": token, "title": "No description", "description": " "})
    assert r.status_code == 422 and "Description" in r.text


def test_a_batch_upload_becomes_a_page_that_follows_each_file(client: TestClient, runtime: Runtime) -> None:
    from jobfit.worker.run import BackgroundWorker

    sign_up(client)
    token = csrf_of(client.get("/recruiter").text)
    files = [("files", ("good.txt", RESUME, "text/plain")),
             ("files", ("bad.docx", b"PK not a docx", "application/zip"))]
    r = client.post("/recruiter/batches", data={"csrf_token": token}, files=files, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/recruiter/batches/")
    page = client.get(r.headers["location"]).text
    assert "data-batch-poll" in page and re.search(r'data-file-state="queued" data-file-name="good.txt"', page)
    assert "good.txt" not in client.get("/").text  # not stored until a worker has read it
    worker = BackgroundWorker(runtime).start()
    try:
        deadline = time.monotonic() + 60
        while "data-batch-poll" in page and time.monotonic() < deadline:
            time.sleep(0.2)
            page = client.get(r.headers["location"]).text
    finally:
        worker.stop()
    assert re.search(r'data-file-state="done" data-file-name="good.txt"', page)
    assert re.search(r'data-file-state="failed" data-file-name="bad.docx"', page)
    assert 'class="file-error"' in page and "All 2 finished: 1 stored, 1 refused" in " ".join(page.split())
    assert "good.txt" in client.get("/").text and "bad.docx" not in client.get("/").text
    assert "Recent batches" in client.get("/recruiter").text
    r = client.post("/recruiter/batches", data={"csrf_token": token}, files=[("files", ("x.zip", b"PK\x05\x06"))])
    assert r.status_code == 422


def test_control_characters_in_a_form_field_are_a_422_naming_it(client: TestClient) -> None:
    """The pages check text as the API does: a NUL reached the database (500)."""
    sign_up(client)
    token = csrf_of(client.get("/jobs/new").text)
    r = client.post("/jobs", data={**JOB, "company": "Ini\x00tech", "csrf_token": token})
    assert r.status_code == 422 and "Company" in r.text and "invalid_field" in r.text
    r = client.post("/resumes", data={"title": "my\x07cv", "csrf_token": token}, files={"file": ("cv.txt", RESUME)})
    assert r.status_code == 422 and "Title" in r.text
    assert "Initech" not in client.get("/").text


def test_the_resume_page_shows_the_jobs_education_and_skills_jobfit_parse_prints(client: TestClient) -> None:
    import html
    import json

    from typer.testing import CliRunner

    from jobfit.cli import app
    from tests.conftest import SAMPLES

    pdf = SAMPLES / "resumes" / "bruce_wayne_fullstack.pdf"
    printed = json.loads(CliRunner().invoke(app, ["parse", str(pdf), "--json"]).stdout)
    sign_up(client)
    token = csrf_of(client.get("/resumes/new").text)
    page = client.post("/resumes", data={"csrf_token": token}, files={"file": (pdf.name, pdf.read_bytes())})
    assert page.status_code == 200, page.text
    text = html.unescape(page.text)
    experience = text[text.index('id="parsed-experience"'):text.index('id="education-heading"')]
    assert len(printed["experience"]) == 3
    for entry in printed["experience"]:
        assert entry["title"] in experience and entry["company"] in experience and f"line {entry['line']}" in experience
    education = text[text.index('id="parsed-education"'):text.index('id="skills-heading"')]
    assert len(printed["education"]) == 3
    for entry in printed["education"]:
        assert entry["degree"] in education and f"line {entry['line']}" in education
        assert entry["institution"] is None or entry["institution"] in education
    skills = text[text.index('id="parsed-skills"'):]
    names = {s["name"] for s in printed["skills"]}
    assert names and all(f">{name}<" in skills for name in names)
    assert f"Skills <span class=\"muted\">({len(names)})</span>" in text
