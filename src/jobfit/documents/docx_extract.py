"""DOCX -> text with python-docx, after checking the zip ourselves: size and compression-ratio caps
(zip bombs) and no DOCTYPE/ENTITY in any XML part (checked with defusedxml). Body paragraphs and tables
are read in document order, with text boxes, list bullets, headers and footers.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException
from lxml import etree

from jobfit.documents.errors import (
    CorruptFileError,
    DocumentError,
    InvalidDocxError,
    XmlEntitiesError,
    ZipBombError,
)
from jobfit.documents.models import ExtractedText
from jobfit.documents.normalize import BULLET

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024  # small members may legitimately compress very well
MAX_MEMBERS = 5000

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_W = "{" + _NS["w"] + "}"
_TEXT_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces=_NS)
_IMAGES = etree.XPath(".//a:blip | .//v:imagedata", namespaces=_NS)
_COLUMNS = etree.XPath(".//w:sectPr/w:cols[@w:num > 1]", namespaces=_NS)
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


def check_docx_package(data: bytes) -> zipfile.ZipFile:
    """Validate the zip container safely and return it; raises ZipBomb/XmlEntities/InvalidDocx errors."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InvalidDocxError()
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise InvalidDocxError("The file is a ZIP archive but has no Word document inside.")
    if len(members) > MAX_MEMBERS:
        raise ZipBombError("The DOCX has too many parts and was rejected.")
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        raise ZipBombError()
    for member in members:
        if member.file_size > RATIO_CHECK_MIN_BYTES and member.file_size > MAX_COMPRESSION_RATIO * max(
            member.compress_size, 1
        ):
            raise ZipBombError()
    for member in members:
        if not member.filename.lower().endswith((".xml", ".rels")):
            continue
        try:
            with package.open(member) as handle:
                # Read one byte past the declared size: a lying header must not let more through.
                part = handle.read(member.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise InvalidDocxError(f"The DOCX part {member.filename} is damaged ({type(exc).__name__}).")
        if len(part) > member.file_size:
            raise ZipBombError()
        if _DECLARATION.search(part[:4096]) or _DECLARATION.search(part.replace(b"\x00", b"")[:8192]):
            raise XmlEntitiesError()
        try:
            DefusedET.fromstring(part, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException:
            raise XmlEntitiesError()
        except Exception as exc:
            raise InvalidDocxError(f"The DOCX part {member.filename} is not valid XML ({type(exc).__name__}).")
    return package


def _is_list_paragraph(paragraph: Any) -> bool:
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return True
    try:
        style = paragraph.style.name if paragraph.style is not None else ""
    except Exception:
        style = ""
    return style.lower().startswith("list bullet")


def _paragraph_lines(paragraph: Any, seen_boxes: set[Any], flags: dict[str, bool | int]) -> Iterator[str]:
    from docx.text.paragraph import Paragraph

    text = paragraph.text
    if text.strip():
        yield f"{BULLET} {text.strip()}" if _is_list_paragraph(paragraph) else text
    for box in _TEXT_BOXES(paragraph._p):
        if box in seen_boxes:
            continue
        seen_boxes.add(box)
        flags["text_boxes"] = True
        for child in box.iterchildren(f"{_W}p"):
            inner = Paragraph(child, paragraph._parent)
            if inner.text.strip():
                yield inner.text
        yield ""


def _block_lines(container: Any, seen_boxes: set[Any], flags: dict[str, bool | int]) -> Iterator[str]:
    """Paragraphs and tables of a body, cell or header in reading order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_lines(block, seen_boxes, flags)
        else:
            yield from _paragraph_lines(block, seen_boxes, flags)


def _table_lines(table: Any, seen_boxes: set[Any], flags: dict[str, bool | int]) -> Iterator[str]:
    seen_cells: set[Any] = set()
    filled = 0
    for row in table.rows:
        for cell in row.cells:
            key = cell._tc
            if key in seen_cells:
                continue
            seen_cells.add(key)
            lines = list(_block_lines(cell, seen_boxes, flags))
            if any(line.strip() for line in lines):
                filled += 1
            yield from lines
        yield ""
    if filled > 1:
        flags["tables"] = True


def _header_footer_lines(document: Any, part: str, seen_boxes: set[Any], flags: dict[str, bool | int]) -> list[str]:
    lines: list[str] = []
    seen_text: set[str] = set()
    for section in document.sections:
        for kind in (f"first_page_{part}", part, f"even_page_{part}"):
            try:
                hf = getattr(section, kind)
                if hf.is_linked_to_previous:
                    continue
                block = [line for line in _block_lines(hf, seen_boxes, flags) if line.strip()]
            except Exception:  # a broken header must not cost us the body
                continue
            for line in block:
                if line not in seen_text:
                    seen_text.add(line)
                    lines.append(line)
    return lines


def _hyperlinks(package: zipfile.ZipFile) -> list[str]:
    links: list[str] = []
    for name in package.namelist():
        if name.startswith("word/_rels/") and name.endswith(".rels"):
            root = DefusedET.fromstring(package.read(name))
            for rel in root:
                if rel.get("TargetMode") == "External" and rel.get("Type", "").endswith("/hyperlink"):
                    links.append(rel.get("Target", ""))
    return [link for link in dict.fromkeys(links) if link]


def extract_docx(data: bytes) -> ExtractedText:
    """Extract text from DOCX bytes; raises InvalidDocx/ZipBomb/XmlEntities/CorruptFile errors."""
    package = check_docx_package(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except DocumentError:
        raise
    except Exception as exc:
        raise InvalidDocxError(f"The file is not a valid Word (DOCX) document ({type(exc).__name__}).")
    flags: dict[str, bool | int] = {"columns": 1, "tables": False, "images": False, "text_boxes": False}
    seen_boxes: set[Any] = set()
    try:
        header = _header_footer_lines(document, "header", seen_boxes, flags)
        body = list(_block_lines(document, seen_boxes, flags))
        footer = _header_footer_lines(document, "footer", seen_boxes, flags)
        body_xml = document.element.body
        flags["images"] = bool(_IMAGES(body_xml))
        if _COLUMNS(body_xml):
            flags["columns"] = 2
    except Exception as exc:
        raise CorruptFileError(f"The DOCX content could not be read ({type(exc).__name__}).")
    text = "\n".join([*header, "", *body, "", *footer])
    try:
        properties = document.core_properties
        saved = properties.modified or properties.created
    except Exception:  # a damaged docProps/core.xml costs the date, not the document
        saved = None
    warnings = [
        f"{name.replace('_', ' ')} present: their text may be lost by some ATS"
        for name in ("tables", "text_boxes")
        if flags[name]
    ]
    return ExtractedText(
        text=text,
        file_type="docx",
        parser="python-docx",
        pages=None,
        layout=flags,
        links=_hyperlinks(package),
        warnings=warnings,
        file_date=saved.date() if saved is not None else None,
    )
