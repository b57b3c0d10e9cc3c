"""PDF -> text: PDFium (pypdfium2, `pdf_pdfium`) first, pdfminer.six as the fallback for files PDFium cannot
open or finds no text in. Both group characters into lines the same way, then order them with `pdf_layout` so
two-column resumes read column by column.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTComponent, LTContainer, LTCurve, LTImage, LTPage
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from jobfit.documents.errors import CorruptFileError, DocumentError, EncryptedPdfError
from jobfit.documents.models import ExtractedText
from jobfit.documents.pdf_layout import TextLine, order_page
from jobfit.documents.pdf_pdfium import PdfiumOpenError, read_pages

MAX_PAGES = 30
# char_margin 2.0 (default) would glue a left column to a right one separated by a narrow gutter.
LINE_PARAMS = LAParams(char_margin=1.6, line_overlap=0.5, word_margin=0.12, detect_vertical=False)

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _walk(items: Iterable[LTComponent]) -> Iterator[LTComponent]:
    for item in items:
        yield item
        if isinstance(item, LTContainer) and not isinstance(item, LTChar):
            yield from _walk(item)


def _page_lines(ltpage: LTPage) -> tuple[list[TextLine], int, int]:
    chars: list[LTChar] = []
    images = 0
    rules = 0
    for item in _walk(ltpage):
        if isinstance(item, LTChar):
            if (item.upright and item.get_text().strip()) or item.get_text() == " ":
                chars.append(item)
        elif isinstance(item, LTImage):
            if item.width * item.height > 0.01 * ltpage.width * ltpage.height:
                images += 1
        elif isinstance(item, LTCurve) and item.width > 3 and item.height > 3:
            rules += 1
    lines: list[TextLine] = []
    if not chars:  # pdfminer's grouping asserts on an empty page
        return lines, images, rules
    for group in ltpage.group_objects(LINE_PARAMS, chars):
        text = group.get_text().replace("\n", " ")
        if text.strip():
            lines.append(TextLine(text.strip(), group.x0, group.y0, group.x1, group.y1))
    return lines, images, rules


def _links(page: PDFPage) -> list[str]:
    found: list[str] = []
    try:
        annots = resolve1(page.annots) or []
        for annot in annots if isinstance(annots, list) else []:
            annot = resolve1(annot)
            action = resolve1(annot.get("A")) if isinstance(annot, dict) else None
            uri = resolve1(action.get("URI")) if isinstance(action, dict) else None
            if isinstance(uri, bytes):
                found.append(uri.decode("latin-1"))
            elif isinstance(uri, str):
                found.append(uri)
    except Exception:  # annotations are a bonus: a broken one must not fail the document
        return found
    return found


def extract_pdf(data: bytes) -> ExtractedText:
    """Extract ordered text from PDF bytes; raises EncryptedPdfError / CorruptFileError."""
    try:
        pages, total, error, dated = read_pages(data, MAX_PAGES)
    except PdfiumOpenError as exc:
        if exc.password:
            raise EncryptedPdfError()
        return extract_pdf_pdfminer(data)  # pdfminer reads some files PDFium rejects, or raises CorruptFileError
    if total == 0 or (error and not pages):
        return extract_pdf_pdfminer(data)
    if not any(page.chars for page in pages):  # a scan, or text PDFium cannot decode: pdfminer gets a say
        try:
            fallback = extract_pdf_pdfminer(data)
        except DocumentError:
            fallback = None
        if fallback is not None and fallback.text.strip():
            return fallback
    warnings: list[str] = []
    if total > MAX_PAGES:
        warnings.append(f"only the first {MAX_PAGES} pages were read")
    if error:
        warnings.append(f"stopped reading at page {len(pages) + 1}: the file is damaged ({error})")
    columns = max((page.columns for page in pages), default=1)
    if columns > 1:
        warnings.append("multi-column layout: read column by column")
    return ExtractedText(
        text="\n\n".join("\n".join(page.lines) for page in pages),
        file_type="pdf",
        parser="pypdfium2",
        pages=total,
        layout={
            "columns": columns,
            "tables": False,
            "images": any(page.images for page in pages),
            "text_boxes": False,
        },
        links=list(dict.fromkeys(link for page in pages for link in page.links)),
        warnings=warnings,
        file_date=pdf_date(dated),
    )


def extract_pdf_pdfminer(data: bytes) -> ExtractedText:
    """The pdfminer.six reader (about 10x slower than PDFium); raises EncryptedPdfError / CorruptFileError."""
    try:
        parser = PDFParser(io.BytesIO(data))
        document = PDFDocument(parser, password="")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise EncryptedPdfError()
    except Exception as exc:
        raise CorruptFileError(f"The PDF is damaged and could not be opened ({type(exc).__name__}).")
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    page_texts: list[str] = []
    links: list[str] = []
    warnings: list[str] = []
    columns = 1
    image_pages = 0
    pages = 0
    try:
        for page in PDFPage.create_pages(document):
            pages += 1
            if pages > MAX_PAGES:
                warnings.append(f"only the first {MAX_PAGES} pages were read")
                break
            interpreter.process_page(page)
            ltpage = device.get_result()
            lines, images, _rules = _page_lines(ltpage)
            ordered = order_page(lines, ltpage.width)
            columns = max(columns, ordered.columns)
            image_pages += 1 if images else 0
            page_texts.append("\n".join(ordered.lines))
            links.extend(_links(page))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise EncryptedPdfError()
    except DocumentError:
        raise
    except Exception as exc:
        if not page_texts:
            raise CorruptFileError(f"The PDF is damaged and could not be read ({type(exc).__name__}).")
        warnings.append(f"stopped reading at page {pages}: the file is damaged ({type(exc).__name__})")
    if pages == 0:
        raise CorruptFileError("The PDF has no pages.")
    info = document.info[0] if document.info else {}
    dated = resolve1(info.get("ModDate") or info.get("CreationDate")) if isinstance(info, dict) else None
    if columns > 1:
        warnings.append("multi-column layout: read column by column")
    return ExtractedText(
        text="\n\n".join(page_texts),
        file_type="pdf",
        parser="pdfminer.six",
        pages=pages,
        layout={"columns": columns, "tables": False, "images": image_pages > 0, "text_boxes": False},
        links=list(dict.fromkeys(links)),
        warnings=warnings,
        file_date=pdf_date(dated),
    )


_PDF_DATE = re.compile(r"^(?:D:)?((?:19|20)\d\d)(\d\d)?(\d\d)?")


def pdf_date(value: object) -> date | None:
    """The date of a PDF date string ("D:20210312141158+05'30'"), or None when it is missing or malformed."""
    if isinstance(value, bytes):
        value = value.decode("latin-1", errors="replace")
    match = _PDF_DATE.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None
