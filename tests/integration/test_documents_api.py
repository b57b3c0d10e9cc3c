"""Document endpoints over real HTTP on the committed sample files: upload, list, read, rename, download, delete,
bad input (4xx with nothing left behind), atomicity and isolation between users."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jobfit.runtime import Runtime
from tests.conftest import SAMPLES
from tests.integration.conftest import register_and_login, scalar_as

API = "/api/v1/documents"


def _counts(runtime: Runtime, client: TestClient, auth: dict) -> tuple[int, int, int]:
    resumes = scalar_as(runtime, client, auth, "SELECT count(*) FROM resumes")
    embeddings = scalar_as(runtime, client, auth, "SELECT count(*) FROM resume_embeddings")
    files = runtime.settings.files_dir
    stored = sum(1 for p in files.rglob("*") if p.is_file()) if files.exists() else 0
    return resumes, embeddings, stored


@pytest.fixture()
def resume_pdf() -> Path:
    return SAMPLES / "resumes" / "bruce_wayne_fullstack.pdf"


def test_upload_pdf_resume_end_to_end(client: TestClient, auth: dict, resume_pdf: Path, runtime: Runtime) -> None:
    data = resume_pdf.read_bytes()
    r = client.post(f"{API}/upload/resume", headers=auth, files={"file": (resume_pdf.name, data, "application/pdf")},
                    data={"title": "My CV"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["title"] == "My CV" and body["processing_status"] == "completed"
    assert "experience" in body["sections_found"] and 0 < body["quality_score"] <= 100
    assert body["contact_info"]["email"]["value"]
    rid = body["id"]

    detail = client.get(f"{API}/resumes/{rid}", headers=auth).json()
    assert detail["original_filename"] == resume_pdf.name and detail["file_type"] == "pdf"
    assert detail["file_size"] == len(data) and "experience" in detail["sections"]
    assert detail["metadata"]["parser"] and "storage_key" not in detail["metadata"]
    assert detail["metadata"]["skills"], "skills were extracted and stored"

    kinds = set(scalar_as(runtime, client, auth, "SELECT array_agg(embedding_type) FROM resume_embeddings "
                                                 "WHERE resume_id = :i", i=rid))
    assert "full_text" in kinds and "section_experience" in kinds

    listing = client.get(f"{API}/resumes", headers=auth, params={"limit": 5}).json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == rid and listing["limit"] == 5

    original = client.get(f"{API}/resumes/{rid}/file", headers=auth)
    assert original.status_code == 200 and original.content == data
    assert original.headers["content-type"] == "application/pdf"

    renamed = client.patch(f"{API}/resumes/{rid}", headers=auth, json={"title": "Renamed"})
    assert renamed.status_code == 200 and renamed.json()["title"] == "Renamed"
    assert renamed.json()["updated_at"] > detail["updated_at"]

    assert _counts(runtime, client, auth) == (1, len(kinds), 1)
    assert client.delete(f"{API}/resumes/{rid}", headers=auth).status_code == 204
    assert _counts(runtime, client, auth) == (0, 0, 0)
    assert client.get(f"{API}/resumes/{rid}", headers=auth).status_code == 404


def _docx(paragraphs: list[str]) -> bytes:
    """A Word document made with python-docx, as Word would save it."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_upload_docx_and_txt_detected_by_content(client: TestClient, auth: dict) -> None:
    docx = _docx(["Ebony Moore", "emoore@example.com", "Experience", "Accountant, Acme Corp, 2019 - Present",
                  "Closed the books every month"])
    r = client.post(f"{API}/upload/resume", headers=auth, files={"file": ("cv.bin", docx)})
    assert r.status_code == 201, r.text
    txt = b"Jane Roe\njane@example.com\n\nEXPERIENCE\nAccountant, Acme Corp, 2019 - Present\n- Closed books\n"
    r = client.post(f"{API}/upload/resume", headers=auth, files={"file": ("cv.pdf", txt)})
    assert r.status_code == 201, r.text
    items = client.get(f"{API}/resumes", headers=auth).json()["items"]
    assert sorted(i["file_type"] for i in items) == ["docx", "txt"]


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
    return buf.getvalue()


def _xxe_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                        "<d>&x;</d>")
    return buf.getvalue()


@pytest.mark.parametrize(("name", "payload", "code"), [
    ("empty.pdf", b"", "empty_file"),
    ("cv.pdf", b"%PDF-1.7\n1 0 obj <<>> trunc", "corrupt_file"),
    ("bomb.docx", None, "zip_bomb"),
    ("xxe.docx", None, "xml_entities"),
    ("img.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "unsupported_type"),
])
def test_bad_uploads_get_422_and_leave_nothing(client: TestClient, auth: dict, runtime: Runtime,
                                               name: str, payload: bytes | None, code: str) -> None:
    if payload is None:
        payload = _zip_bomb() if code == "zip_bomb" else _xxe_docx()
    r = client.post(f"{API}/upload/resume", headers=auth, files={"file": (name, payload)})
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code and isinstance(r.json()["detail"], str)
    assert _counts(runtime, client, auth) == (0, 0, 0)


def test_oversized_upload_is_413_with_or_without_length(client: TestClient, auth: dict, runtime: Runtime) -> None:
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 10)
    r = client.post(f"{API}/upload/resume", headers=auth, files={"file": ("big.pdf", big)})
    assert r.status_code == 413 and "10 MB" in r.json()["detail"]

    def stream():
        boundary = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n\r\n"
        yield boundary
        for _ in range(11):
            yield b"0" * (1024 * 1024)
        yield b"\r\n--XyZ--\r\n"

    r = client.post(f"{API}/upload/resume", headers={**auth, "content-type": "multipart/form-data; boundary=XyZ"},
                    content=stream())
    assert r.status_code == 413
    assert _counts(runtime, client, auth) == (0, 0, 0)


def test_failed_database_write_leaves_no_file(client: TestClient, auth: dict, runtime: Runtime,
                                              monkeypatch: pytest.MonkeyPatch, resume_pdf: Path) -> None:
    from jobfit.store.models import ResumeEmbedding

    # a real database failure at the last step: an embedding of the wrong dimension
    original = ResumeEmbedding.__init__

    def bad_dimension(self, **kw):
        kw["embedding_vector"] = [0.5, 0.5]
        original(self, **kw)

    monkeypatch.setattr(ResumeEmbedding, "__init__", bad_dimension)
    r = client.post(f"{API}/upload/resume", headers=auth, files={"file": ("cv.pdf", resume_pdf.read_bytes())})
    assert r.status_code == 500 and "request_id" in r.json()
    assert _counts(runtime, client, auth) == (0, 0, 0)


def test_failed_file_write_leaves_no_row(client: TestClient, auth: dict, runtime: Runtime, resume_pdf: Path) -> None:
    files = runtime.settings.files_dir
    files.parent.mkdir(parents=True, exist_ok=True)
    files.write_text("not a directory")  # the store cannot create its folder
    try:
        r = client.post(f"{API}/upload/resume", headers=auth, files={"file": ("cv.pdf", resume_pdf.read_bytes())})
        assert r.status_code == 500
        assert scalar_as(runtime, client, auth, "SELECT count(*) FROM resumes") == 0
    finally:
        files.unlink()


def test_job_description_from_fields_and_file(client: TestClient, auth: dict,
                                              runtime: Runtime) -> None:
    r = client.post(f"{API}/upload/job-description", headers=auth, json={
        "title": "Senior Backend Engineer", "company": "Acme",
        "description": "We build payment APIs in Python and Go.",
        "requirements": "5+ years of Python. Experience with PostgreSQL and Docker. Nice to have: Kubernetes.",
        "responsibilities": "Design and run services.", "benefits": "Health insurance",
        "remote_option": "remote", "location": "Berlin",
    })
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["title"] == "Senior Backend Engineer" and body["company"] == "Acme" and body["sections_found"]
    detail = client.get(f"{API}/job-descriptions/{body['id']}", headers=auth).json()
    assert detail["remote_option"] == "remote" and detail["experience_level"] == "senior"
    required = {s["name"] for s in detail["metadata"]["required_skills"]}
    assert {"Python", "PostgreSQL", "Docker"} <= required
    assert detail["metadata"]["min_years"] == 5

    jd = SAMPLES / "job_descriptions" / "job_desc_java_developer.pdf"
    r = client.post(f"{API}/upload/job-description/file", headers=auth, files={"file": (jd.name, jd.read_bytes())})
    assert r.status_code == 201, r.text
    jid = r.json()["id"]
    assert client.get(f"{API}/job-descriptions/{jid}/file", headers=auth).content == jd.read_bytes()
    assert client.get(f"{API}/job-descriptions", headers=auth).json()["total"] == 2
    assert scalar_as(runtime, client, auth, "SELECT count(*) FROM job_embeddings WHERE job_id = :i", i=jid) >= 1
    assert client.delete(f"{API}/job-descriptions/{jid}", headers=auth).status_code == 204
    assert client.get(f"{API}/job-descriptions", headers=auth).json()["total"] == 1


@pytest.mark.parametrize("body", [
    {"description": "no title"},
    {"title": "   ", "description": "blank title"},
    {"title": "T", "description": "x", "remote_option": "moon"},
])
def test_bad_job_bodies_are_422(client: TestClient, auth: dict, body: dict) -> None:
    assert client.post(f"{API}/upload/job-description", headers=auth, json=body).status_code == 422


def test_users_cannot_see_or_touch_each_others_documents(client: TestClient, resume_pdf: Path) -> None:
    alice, bob = register_and_login(client), register_and_login(client)
    rid = client.post(f"{API}/upload/resume", headers=alice,
                      files={"file": ("cv.pdf", resume_pdf.read_bytes())}).json()["id"]
    assert client.get(f"{API}/resumes", headers=bob).json()["total"] == 0
    for method, suffix in (("get", ""), ("get", "/file"), ("delete", ""), ("patch", "")):
        kwargs = {"json": {"title": "x"}} if method == "patch" else {}
        r = getattr(client, method)(f"{API}/resumes/{rid}{suffix}", headers=bob, **kwargs)
        assert r.status_code == 404, (method, suffix)
    assert client.get(f"{API}/resumes/{rid}", headers=alice).json()["title"] == "cv.pdf"
    assert client.get(f"{API}/resumes", headers={}).status_code == 401


def test_pagination_bounds(client: TestClient, auth: dict) -> None:
    assert client.get(f"{API}/resumes", headers=auth, params={"limit": 0}).status_code == 422
    assert client.get(f"{API}/resumes", headers=auth, params={"limit": 101}).status_code == 422
    assert client.get(f"{API}/resumes", headers=auth, params={"offset": -1}).status_code == 422
    assert client.get(f"{API}/resumes/not-a-uuid", headers=auth).status_code == 422


def test_pages_carry_the_total_of_every_row_even_past_the_end(client: TestClient, auth: dict) -> None:
    for n in range(3):
        job = {"title": f"Python developer {n}", "description": "Build data services in Python and SQL. 3+ years."}
        assert client.post(f"{API}/upload/job-description", headers=auth, json=job).status_code == 201
    pages = [client.get(f"{API}/job-descriptions", headers=auth, params={"limit": 2, "offset": offset}).json()
             for offset in (0, 2, 5)]
    assert [(len(p["items"]), p["total"]) for p in pages] == [(2, 3), (1, 3), (0, 3)]
    assert client.get(f"{API}/resumes", headers=auth).json()["total"] == 0


POSTING = b"""<html><head><title>Jobs</title><script type="application/ld+json">{"@context": "https://schema.org",
"@type": "JobPosting", "title": "Platform Engineer", "hiringOrganization": {"name": "Acme"},
"description": "<p>We run Kubernetes for the whole company.</p><p>Required: Go, Terraform and 3+ years of on-call.</p>"}
</script></head><body><h1>Platform Engineer</h1></body></html>"""


@pytest.fixture()
def job_pages() -> Iterator[str]:
    """A web server on loopback with one job posting (`/job`) and one page that holds none (`/empty`)."""
    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = POSTING if self.path == "/job" else b"<html><body></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_job_is_imported_from_a_posting_page(runtime: Runtime, client: TestClient, auth: dict,
                                               job_pages: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`POST /documents/import/job-description`: the page's JSON-LD JobPosting becomes a job, as the web form's
    import does; loopback is refused unless the server allows private addresses."""
    r = client.post(f"{API}/import/job-description", headers=auth, json={"url": f"{job_pages}/job"})
    assert r.status_code == 422 and r.json()["code"] == "private_address", r.text
    monkeypatch.setattr(runtime.settings, "allow_private_urls", True)
    r = client.post(f"{API}/import/job-description", headers=auth, json={"url": f"{job_pages}/job"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["source"] == "json-ld" and body["title"] == "Platform Engineer" and body["company"] == "Acme"
    job = client.get(f"{API}/job-descriptions/{body['id']}", headers=auth).json()
    assert "Terraform" in job["description"]
    for url, code in [(f"{job_pages}/empty", "no_job_found"), ("file:///etc/passwd", "invalid_url")]:
        r = client.post(f"{API}/import/job-description", headers=auth, json={"url": url})
        assert r.status_code == 422 and r.json()["code"] == code and r.json()["detail"], r.text
    assert client.post(f"{API}/import/job-description", headers=auth, json={"url": ""}).status_code == 422
    assert client.get(f"{API}/job-descriptions", headers=auth).json()["total"] == 1  # nothing else was kept
