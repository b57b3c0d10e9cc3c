"""A resume's lines as statements: wrapped lines re-joined, bullets whole, and lines that state nothing marked."""

from __future__ import annotations

from jobfit.documents.resume import parse_resume
from jobfit.documents.statements import split_statements
from tests.conftest import SAMPLES

TEXT = """Jane Roe
jane@example.com | +1 415 555 0100

Experience
Senior Engineer, Acme, 2019 – 2023
• Built the billing service in Python and Go, cutting the time to invoice customers from three days to
one hour across all regions
• Led four engineers
Worked closely with the data team to improve the
recommendation models.
1/2
Skills
Python, Go and
PostgreSQL"""


def test_wrapped_lines_join_and_bullets_stay_whole() -> None:
    found = [(s.first_line, s.last_line, s.kind, s.bullet) for s in split_statements(TEXT)]
    assert found == [(1, 1, "statement", False), (2, 2, "contact", False), (4, 4, "heading", False),
                     (5, 5, "entry", False), (6, 7, "statement", True), (8, 8, "statement", True),
                     (9, 10, "statement", False), (11, 11, "furniture", False), (12, 12, "heading", False),
                     (13, 14, "statement", False)]
    texts = {s.first_line: s.text for s in split_statements(TEXT)}
    assert texts[6].endswith("three days to one hour across all regions") and texts[8] == "Led four engineers"
    assert texts[13] == "Python, Go and PostgreSQL"


def test_a_real_pdfs_lines_become_fewer_statements_with_headings_and_page_markers_marked() -> None:
    path = SAMPLES / "resumes" / "bruce_wayne_fullstack.pdf"
    text = parse_resume(path.read_bytes(), path.name).text_content
    statements = split_statements(text)
    kinds = [s.kind for s in statements]
    assert kinds.count("heading") == 5 and kinds.count("furniture") == 2
    assert len(statements) < len([line for line in text.split("\n") if line.strip()]) * 0.75
    summary = next(s for s in statements if s.text.startswith("Highly skilled"))
    assert summary.text.endswith("with a primary focus on the ChatGPT project.")
