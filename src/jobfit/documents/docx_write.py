"""Write a resume's text as a clean, ATS-friendly DOCX: one column, the name and contact fields at the top, real
headings, a paragraph per statement and a list item per bullet.

The text comes from the parsed document, so it carries what a PDF's layout left in it: lines wrapped by the
page, icon glyphs in front of contact fields, page markers ("1/2"), a role's end date read into the next line.
`resume_docx` writes it as a person would have: statements re-joined (`statements.split_statements`), page
furniture dropped, the header's contact lines replaced by the contact fields the parse found (written out, so a
link that was only a PDF annotation is kept), icon glyphs dropped, and a cut date range ("June 2020 –" /
"Present Working on ...") made whole again on its role's line.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from docx import Document
from docx.shared import Pt

from jobfit.documents.contact import LETTER_BEFORE_CONTACT
from jobfit.documents.models import ContactInfo
from jobfit.documents.statements import Statement, split_statements

_CONTACT_ORDER = ("email", "phone", "location", "linkedin", "github", "website")
# A lone glyph an icon font leaves: one character that is not a letter or digit of the Latin alphabet.
_GLYPH = re.compile(r"(?<!\S)[^A-Za-z0-9\s(+]\s*(?=\S|$)")
# The end of a date range that the layout moved to the start of the next line.
_DATE_END = re.compile(
    r"^(present|current|now|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d{2}"
    r"|(?:19|20)\d{2})\b\s*", re.IGNORECASE)
_OPEN_RANGE = re.compile(r"^((?:[A-Za-z]+\.?\s+)?(?:19|20)\d{2}\s*[-–—])\s*(?!\s*(?:present|current|now|"
                         r"(?:[A-Za-z]+\.?\s+)?(?:19|20)\d{2}))", re.IGNORECASE)


def clean_name(name: str) -> str:
    """A parsed name without an icon glyph read as a trailing initial ('Bruce Wayne I')."""
    return re.sub(r"\s+[A-Za-z]$", "", name.strip())


def resume_docx(text: str, contact: ContactInfo) -> bytes:
    """A resume's (normalised) text written as a clean DOCX; `contact` is what its parse found."""
    statements = _repair_dates(split_statements(text))
    first_heading = next((i for i, s in enumerate(statements) if s.kind == "heading"), len(statements))
    values = [getattr(contact, f).value for f in _CONTACT_ORDER if getattr(contact, f) is not None]
    doc = _document()
    if contact.name is not None:
        doc.add_heading(clean_name(contact.name.value), level=0)
    if values:
        doc.add_paragraph(" · ".join(values))
    for statement in statements[:first_heading]:
        line = _header_line(statement, contact, values)
        if line:
            doc.add_paragraph(line)
    for statement in statements[first_heading:]:
        if statement.kind == "furniture":
            continue
        if statement.kind == "heading":
            doc.add_heading(statement.text, level=1)
        elif statement.bullet:
            doc.add_paragraph(statement.text, style="List Bullet")
        else:
            doc.add_paragraph(statement.text)
    return _saved(doc)


def _header_line(statement: Statement, contact: ContactInfo, values: list[str]) -> str:
    """A line above the first heading, without what the contact block already says and without icon glyphs."""
    if statement.kind in ("contact", "furniture"):
        return ""
    line = _GLYPH.sub("", LETTER_BEFORE_CONTACT.sub("", statement.text))
    if contact.name is not None:
        line = line.replace(contact.name.value, "").replace(clean_name(contact.name.value), "")
    known = {v.casefold() for v in values} | {v.rstrip("/").rsplit("/", 1)[-1].casefold() for v in values if "/" in v}
    kept = " ".join(w for w in line.split() if w.strip(",·|").casefold() not in known).strip(" ,·|")
    return "" if not kept or kept.casefold() in known else kept


def _repair_dates(statements: list[Statement]) -> list[Statement]:
    """Give a role's heading back the end of its date range when the layout put it at the start of the next
    statement ('June 2020 – MERN Stack Developer' / 'Present Working on ...')."""
    out = list(statements)
    for i, statement in enumerate(out[:-1]):
        following = out[i + 1]
        cut = _OPEN_RANGE.match(statement.text)
        end = _DATE_END.match(following.text)
        if statement.kind != "entry" or following.kind not in ("statement", "entry") or not cut or not end:
            continue
        rest = statement.text[cut.end():].strip()
        out[i] = Statement(statement.first_line, statement.last_line,
                           f"{cut.group(1)} {end.group(1)}" + (f" {rest}" if rest else ""), "entry")
        remainder = following.text[end.end():].strip()
        out[i + 1] = Statement(following.first_line, following.last_line, remainder, following.kind,
                               following.bullet)
    return [s for s in out if s.text]


def _document():
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    return doc


def _saved(doc) -> bytes:
    # python-docx's template says it was written in 2013; a resume's own date decides where "Present" ends
    doc.core_properties.created = doc.core_properties.modified = datetime.now(UTC).replace(microsecond=0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
