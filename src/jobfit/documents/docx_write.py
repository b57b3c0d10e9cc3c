"""Write a resume's text as a plain, ATS-friendly DOCX (one column, real headings and bullet lists)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import UTC, datetime

from docx import Document
from docx.shared import Pt

_BULLET = re.compile(r"^\s*(?:[•▪●◦\-*–])\s+")


def text_to_docx(text: str, heading_lines: Iterable[int] = ()) -> bytes:
    """`heading_lines` are 1-based line numbers of section headings (from `ParsedResume.sections`)."""
    headings = set(heading_lines)
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if number in headings:
            doc.add_heading(stripped, level=1)
        elif _BULLET.match(stripped):
            doc.add_paragraph(_BULLET.sub("", stripped), style="List Bullet")
        else:
            doc.add_paragraph(stripped)
    # python-docx's template says it was written in 2013; a resume's own date decides where "Present" ends
    doc.core_properties.created = doc.core_properties.modified = datetime.now(UTC).replace(microsecond=0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
