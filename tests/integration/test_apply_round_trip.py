"""'Apply as a new DOCX version' gives a resume one could send: parsing the new DOCX gives the original's contact,
sections and entries plus the accepted changes, no icon glyphs or page markers, and a score at least as high."""

from __future__ import annotations

import io

import docx
from fastapi.testclient import TestClient

from jobfit.documents.resume import parse_resume
from tests.conftest import SAMPLES

DOCS, MATCH = "/api/v1/documents", "/api/v1/matching"
RESUME = SAMPLES / "resumes" / "bruce_wayne_fullstack.pdf"
JOB = {"title": "Full Stack Developer", "company": "Initech",
       "description": "We build the web apps that 2 million riders use every day.\nRequirements:\n"
                      "- 5+ years of experience building web applications\n- JavaScript, React and Node.js\n"
                      "- MongoDB and RESTful APIs\n- Docker\nNice to have:\n- Kubernetes\n- AWS"}


def _entries(parsed) -> tuple:
    return ([(e.title, e.company, e.start, e.end, e.is_current) for e in parsed.experience],
            [(e.degree_level, e.degree, e.field, e.year) for e in parsed.education])


def test_the_new_docx_reads_as_the_original_plus_the_accepted_changes(client: TestClient, auth: dict) -> None:
    original = parse_resume(RESUME.read_bytes(), RESUME.name)
    rid = client.post(f"{DOCS}/upload/resume", headers=auth,
                      files={"file": (RESUME.name, RESUME.read_bytes())}).json()["id"]
    jid = client.post(f"{DOCS}/upload/job-description", headers=auth, json=JOB).json()["id"]
    match = client.post(f"{MATCH}/analyze", headers=auth, json={"resume_id": rid, "job_id": jid}).json()
    items = client.get(f"{MATCH}/results/{match['id']}/suggestions", headers=auth).json()["items"]
    edits = [s for s in items if s["suggested_text"] and (s["impact_score"] or 0) > 0]
    assert edits, "the sample pair has suggestions that raise the score"
    r = client.post(f"/api/v1/resumes/{rid}/apply-suggestions", headers=auth,
                    json={"suggestion_ids": [s["id"] for s in edits]})
    assert r.status_code == 201, r.text
    applied = r.json()
    assert applied["score_change"] >= 0 and applied["after"]["overall_score"] >= applied["before"]["overall_score"]

    data = client.get(applied["download_url"], headers=auth).content
    new = parse_resume(data, "improved.docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    # a clean resume: wrapped lines re-joined, no icon glyphs, no page markers, dates on their roles' lines
    assert len(paragraphs) < len([line for line in original.text_content.split("\n") if line.strip()]) * 0.75
    assert not any(p.strip() in {"1/2", "2/2"} for p in paragraphs)
    assert not any(glyph in data_text for data_text in paragraphs for glyph in ("§", "ð", "# ", " I ("))
    assert "June 2020 – Present MERN Stack Developer, OpenAI, San Francisco, USA" in paragraphs
    assert not any(p.startswith(("Present ", "May 2020 ")) for p in paragraphs)
    # the same person, sections and entries as the original ...
    for field in ("email", "phone", "location", "linkedin", "github"):
        assert getattr(new.contact_info, field) == getattr(original.contact_info, field) or \
            getattr(new.contact_info, field).value == getattr(original.contact_info, field).value, field
    assert new.contact_info.name.value == "Bruce Wayne"  # the PDF's phone icon read as an initial is gone
    assert original.contact_info.name.value.startswith(new.contact_info.name.value)
    assert set(new.sections) == set(original.sections)
    assert _entries(new) == _entries(original)
    # ... plus the accepted changes, and the checklist no longer asks for a DOCX
    for s in edits:
        assert " ".join(s["suggested_text"].split()) in " ".join(new.text_content.split()), s["title"]
    assert new.metadata.file_type == "docx" and new.quality_score >= original.quality_score
    stored = client.get(f"{DOCS}/resumes/{applied['resume_id']}", headers=auth).json()
    assert stored["content_text"] == new.text_content and stored["file_type"] == "docx"
