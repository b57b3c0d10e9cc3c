"""Imported once by the parsing forkserver (`sandbox`): loads every parser and the skills taxonomy by parsing
small samples, so that each parse child, forked from it, starts warm (~10 ms instead of ~150 ms).

Ctrl-C reaches the server's whole process group: the forkserver ignores it (as its children do) and leaves
stopping to the server, which shuts the sandbox down."""

from __future__ import annotations

import gc
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)

from jobfit.documents.docx_write import resume_docx  # noqa: E402  (after the signal: loading takes seconds)
from jobfit.documents.job import parse_job  # noqa: E402
from jobfit.documents.models import ContactInfo  # noqa: E402
from jobfit.documents.resume import parse_resume, parse_resume_text  # noqa: E402

_SAMPLE = """Jane Doe
jane.doe@example.com | +1 415 555 0100 | San Francisco, CA

Experience
Software Engineer, Acme Corp, 2019 - 2023
• Built data pipelines in Python and SQL

Education
BSc Computer Science, State University, 2018

Skills
Python, SQL, Docker
"""
# One page, Helvetica, a line of text: enough to load PDFium and the PDF reading path.
_SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>"
    b"endobj\n4 0 obj<</Length 88>>stream\nBT /F1 12 Tf 72 720 Td (Jane Doe, software engineer: Python, SQL, "
    b"Docker since 2019) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

parse_resume_text(_SAMPLE)
parse_resume(_SAMPLE.encode(), "sample.md")
parse_resume(_SAMPLE_PDF, "sample.pdf")
parse_resume(resume_docx(_SAMPLE, ContactInfo()), "sample.docx")
parse_job(title="Python developer", description="Build services in Python and SQL. 3+ years of experience.")
gc.collect()
gc.freeze()  # children never walk the long-lived objects they inherit
