"""Parsing real resumes from evaldata against their ground truths (skipped when evaldata is absent)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from jobfit.documents.errors import DocumentError
from jobfit.documents.models import ParsedResume
from jobfit.documents.resume import parse_resume
from jobfit.documents.sections import find_headings, heading_key
from tests.conftest import evaldata_dir


@cache
def parsed(relative: str) -> ParsedResume:
    path = evaldata_dir() / relative
    return parse_resume(path.read_bytes(), path.name)


def _digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def _truth(evaldata: Path, folder: str) -> dict[str, dict]:
    data = json.loads((evaldata / folder / "ground_truth.json").read_text())
    return {k: v for k, v in data.items() if not k.startswith("_")}


def test_latex_templates_contacts_and_headings(evaldata):
    for file, truth in _truth(evaldata, "latex_resume_templates").items():
        resume = parsed(f"latex_resume_templates/{file}")
        contact = resume.contact_info
        assert contact.name and contact.name.value == truth["name"], file
        assert contact.email and contact.email.value in truth["emails"], file
        assert contact.phone and any(_digits(contact.phone.value).endswith(_digits(p)) for p in truth["phones"]), file
        found = {heading_key(h.text) for h in find_headings(resume.text_content.split("\n"))}
        wanted = truth.get("section_headings") or truth.get("section_headings_first_page")
        missing = [h for h in wanted if heading_key(h) not in found]
        assert not missing, (file, missing)


def test_two_column_deedy_reads_column_by_column(evaldata):
    resume = parsed("latex_resume_templates/deedy_resume-openfont.pdf")
    lines = resume.text_content.split("\n")
    assert resume.metadata.layout["columns"] == 2
    # The narrow left column (education ... skills) comes whole before the right column's experience.
    assert lines.index("EDUCATION") < lines.index("LINKS") < lines.index("SKILLS") < lines.index("EXPERIENCE")
    assert "MENG IN COMPUTER SCIENCE" in lines and "FACEBOOK | SOFTWARE ENGINEER" in lines
    assert resume.education[0].degree_level == "master"
    assert resume.experience[0].start == "2015-01" and resume.experience[0].is_current


def test_open_resume_examples(evaldata):
    truth = _truth(evaldata, "open_resume_examples")
    resume = parsed("open_resume_examples/openresume-resume.pdf")
    profile = truth["openresume-resume.pdf"]["profile"]
    assert resume.contact_info.name.value == profile["name"]
    assert resume.contact_info.email.value == profile["email"]
    assert resume.contact_info.location.value == profile["location"]
    assert _digits(resume.contact_info.phone.value).endswith(_digits(profile["phone"]))
    titles = [e.title for e in resume.experience]
    assert titles == [w["jobTitle"] for w in truth["openresume-resume.pdf"]["workExperiences"]]
    assert resume.education[0].degree_level == "bachelor" and resume.education[0].field == "Computer Science"
    laverne = parsed("open_resume_examples/laverne-resume.pdf")
    assert laverne.contact_info.phone.value == "+19095555555"  # despite soft hyphen + U+2010 in the text layer
    assert laverne.contact_info.name.value == "Leo Leopard"


def test_pyresparser_fixture(evaldata):
    expected = json.loads((evaldata / "pyresparser_fixture" / "expected.json").read_text())["OmkarResume.pdf"]
    resume = parsed("pyresparser_fixture/OmkarResume.pdf")
    assert resume.contact_info.name.value == expected["name"]
    assert _digits(resume.contact_info.phone.value).endswith(expected["mobile_number"])
    assert resume.contact_info.email.value == expected["email_visible_in_pdf"]


def test_soupboss_pdf_docx_parity(evaldata):
    folder = evaldata / "soupboss_pdf_docx_pairs"
    for pdf in sorted(folder.glob("0*.pdf")):
        a = parsed(f"soupboss_pdf_docx_pairs/{pdf.name}")
        b = parsed(f"soupboss_pdf_docx_pairs/{pdf.stem}.docx")
        for field in ("name", "email", "phone", "location"):
            assert getattr(a.contact_info, field).value == getattr(b.contact_info, field).value, (pdf.name, field)
        assert sorted(a.sections) == sorted(b.sections)
        assert [(e.start, e.end) for e in a.experience] == [(e.start, e.end) for e in b.experience]
        assert a.metadata.file_type == "pdf" and b.metadata.file_type == "docx"


def test_docx_text_boxes_are_read(evaldata):
    resume = parsed("soupboss_pdf_docx_pairs/Mickey01_docx.docx")
    assert resume.metadata.layout["text_boxes"] is True
    assert resume.contact_info.name.value == "Mickey Mouse"
    assert "experience" in resume.sections


@pytest.mark.parametrize("theme", ["Classic", "Moderncv", "Ink", "Sb2nov"])
def test_rendercv_themes_agree_with_yaml(evaldata, theme):
    yaml = pytest.importorskip("yaml")
    cv = yaml.safe_load((evaldata / "rendercv_examples" / f"John_Doe_{theme}Theme_CV.yaml").read_text())["cv"]
    resume = parsed(f"rendercv_examples/John_Doe_{theme}Theme_CV.pdf")
    contact = resume.contact_info
    assert (contact.name.value, contact.email.value, contact.location.value) == (
        cv["name"],
        cv["email"],
        cv["location"],
    )
    assert contact.linkedin.value == "linkedin.com/in/rendercv" and contact.github.value == "github.com/rendercv"
    assert {"education", "experience", "projects", "skills"} <= set(resume.sections)
    assert resume.experience[0].is_current and resume.experience[0].start == "2023-06"


def test_livecareer_sample_never_crashes(evaldata):
    paths = sorted((evaldata / "livecareer_resume_pdfs_sample").rglob("*.pdf"))[::40]
    assert paths
    for path in paths:
        try:
            resume = parse_resume(path.read_bytes(), path.name)
        except DocumentError:
            continue
        assert resume.text_content.strip()
        assert 0 <= resume.quality_score <= 100


@pytest.mark.parametrize("relative", [
    "resume_matcher_samples/resumes/alfred_pennyworth_pm.pdf",
    "resume_matcher_samples/resumes/bruce_wayne_fullstack.pdf",
    "rendercv_examples/John_Doe_ClassicTheme_CV.pdf",
    "rendercv_examples/John_Doe_HarvardTheme_CV.pdf",
])
def test_entries_point_at_the_document_line_that_shows_them(evaldata, relative):
    """An entry's `line` is its date line in the document, also when blank lines follow the section heading
    (they used to shift every entry one line up: 'meet business goals.' was shown as a role title)."""
    resume = parsed(relative)
    lines = resume.text_content.split("\n")
    assert resume.experience
    for entry in resume.experience:
        assert entry.start and entry.start[:4] in lines[entry.line - 1], (entry.title, lines[entry.line - 1])
    for entry in resume.education:
        near = " ".join(lines[max(entry.line - 3, 0): entry.line]).lower()
        assert entry.degree is None or entry.degree.lower()[:12] in near, (entry.degree, lines[entry.line - 1])
