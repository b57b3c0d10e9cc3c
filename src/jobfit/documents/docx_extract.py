"""DOCX -> text, after checking the zip ourselves: size and compression-ratio caps (zip bombs) and no
DOCTYPE/ENTITY in any XML part (checked with defusedxml). python-docx opens the parts; the text is read from
their XML in document order: every paragraph its own line (a soft line break too), every table cell its own
lines (nested tables alike), text boxes after the paragraph that anchors them (one copy of a shape that is
written twice, DrawingML and VML), content controls, tracked insertions and hyperlinks included, deleted text
and field codes left out; list paragraphs get a bullet; headers and footers (where contact details often
sit) come first and last.
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
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
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


class _Reading:
    """What one extraction learns while walking the document: layout flags and the styles that number."""

    def __init__(self, numbered_styles: frozenset[str]) -> None:
        self.flags: dict[str, bool | int] = {"columns": 1, "tables": False, "images": False, "text_boxes": False}
        self.numbered_styles = numbered_styles


def _numbered_styles(document: Any) -> frozenset[str]:
    """Ids of paragraph styles that make a list (their own numbering, or a base style's, or a "List ..." name)."""
    try:
        styles = document.styles.element
    except Exception:  # no styles part: only direct numbering counts
        return frozenset()
    numbered: set[str] = set()
    based_on: dict[str, str] = {}
    for style in styles.iterchildren(f"{_W}style"):
        style_id = style.get(f"{_W}styleId") or ""
        name = style.find(f"{_W}name")
        num_id = style.find(f"{_W}pPr/{_W}numPr/{_W}numId")
        if (num_id is not None and num_id.get(f"{_W}val") != "0") or (
            name is not None and (name.get(f"{_W}val") or "").lower().startswith(("list bullet", "list number"))
        ):
            numbered.add(style_id)
        base = style.find(f"{_W}basedOn")
        if base is not None:
            based_on[style_id] = base.get(f"{_W}val") or ""
    for _ in range(10):  # styles based on a numbered style number too
        grown = {style for style, base in based_on.items() if base in numbered} - numbered
        if not grown:
            break
        numbered |= grown
    return frozenset(numbered)


def _is_list_paragraph(p: Any, reading: _Reading) -> bool:
    num_id = p.find(f"{_W}pPr/{_W}numPr/{_W}numId")
    if num_id is not None:
        return num_id.get(f"{_W}val") != "0"
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return style is not None and style.get(f"{_W}val") in reading.numbered_styles


# Inside a paragraph: subtrees that hold no text of its own (deleted text, properties, field codes) or text
# read elsewhere (drawings and VML shapes hold text boxes, read after the paragraph; comments are not the resume).
_NOT_TEXT = frozenset(
    f"{{{_NS[prefix]}}}{name}"
    for prefix, name in (
        ("w", "del"), ("w", "moveFrom"), ("w", "rPr"), ("w", "pPr"), ("w", "drawing"), ("w", "pict"),
        ("w", "object"), ("mc", "AlternateContent"), ("w", "txbxContent"), ("w", "instrText"), ("w", "delText"),
        ("w", "fldData"), ("w", "commentReference"), ("w", "footnoteReference"), ("w", "endnoteReference"),
    )
)


def _runs_text(element: Any, out: list[str]) -> None:
    """The text of a paragraph's runs, wherever they sit (hyperlinks, content controls, tracked insertions, smart
    tags, simple fields): a tab as a tab, a line, page or column break as a new line."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT:
            continue
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}sym":  # a Symbol or Wingdings glyph (a bullet, a phone icon): kept, normalised later
            code = child.get(f"{_W}char") or ""
            if re.fullmatch(r"[0-9A-Fa-f]{2,4}", code):
                out.append(chr(int(code, 16)))
        else:
            _runs_text(child, out)


def _anchored_boxes(p: Any) -> list[Any]:
    """Text boxes anchored in this paragraph (not in a box inside it), one copy each: a shape written both as
    DrawingML (mc:Choice) and as VML (mc:Fallback) is read from the first. Several boxes anchored in one
    paragraph are read top to bottom, by their offset on the page."""
    boxes = [box for box in _TEXT_BOXES(p) if next(box.iterancestors(f"{_W}p"), None) is p]

    def offset(box: Any) -> int:
        anchor = next(box.iterancestors(f"{{{_NS['wp']}}}anchor"), None)
        value = anchor.findtext(f"{{{_NS['wp']}}}positionV/{{{_NS['wp']}}}posOffset") if anchor is not None else None
        return int(value) if value and re.fullmatch(r"-?\d{1,12}", value.strip()) else 0

    return sorted(boxes, key=offset)


def _paragraph_lines(p: Any, reading: _Reading) -> Iterator[str]:
    parts: list[str] = []
    _runs_text(p, parts)
    lines = "".join(parts).split("\n")
    if lines[0].strip() and _is_list_paragraph(p, reading):
        lines[0] = f"{BULLET} {lines[0].strip()}"
    yield from (line for line in lines if line.strip())
    for box in _anchored_boxes(p):
        reading.flags["text_boxes"] = True
        yield from _block_lines(box, reading)
        yield ""


_WRAPPERS = frozenset({f"{_W}customXml", f"{_W}ins", f"{_W}smartTag", f"{_W}moveTo"})


def _block_lines(container: Any, reading: _Reading) -> Iterator[str]:
    """Paragraphs and tables of a body, cell, text box, header or footer in reading order, also inside content
    controls (w:sdt, which Word's templates wrap sections in) and other wrappers."""
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            yield from _paragraph_lines(child, reading)
        elif tag == f"{_W}tbl":
            yield from _table_lines(child, reading)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_lines(content, reading)
        elif tag in _WRAPPERS:
            yield from _block_lines(child, reading)
        elif tag == f"{{{_NS['mc']}}}AlternateContent":
            choice = child.find(f"{{{_NS['mc']}}}Choice")
            if choice is None:
                choice = child.find(f"{{{_NS['mc']}}}Fallback")
            if choice is not None:
                yield from _block_lines(choice, reading)


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Rows of a table or cells of a row, also when a content control or custom XML wraps them."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from _children(content, tag)


def _table_lines(table: Any, reading: _Reading) -> Iterator[str]:
    """Each cell's paragraphs as their own lines, cell by cell, a blank line after each row (nested tables
    inside cells the same way)."""
    filled = 0
    for row in _children(table, f"{_W}tr"):
        for cell in _children(row, f"{_W}tc"):
            lines = list(_block_lines(cell, reading))
            if any(line.strip() for line in lines):
                filled += 1
            yield from lines
        yield ""
    if filled > 1:
        reading.flags["tables"] = True


def _header_footer_lines(document: Any, part: str, reading: _Reading) -> list[str]:
    lines: list[str] = []
    seen_text: set[str] = set()
    for section in document.sections:
        for kind in (f"first_page_{part}", part, f"even_page_{part}"):
            try:
                hf = getattr(section, kind)
                if hf.is_linked_to_previous:
                    continue
                block = [line for line in _block_lines(hf._element, reading) if line.strip()]
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
    reading = _Reading(_numbered_styles(document))
    flags = reading.flags
    try:
        header = _header_footer_lines(document, "header", reading)
        body_xml = document.element.body
        body = list(_block_lines(body_xml, reading))
        footer = _header_footer_lines(document, "footer", reading)
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
