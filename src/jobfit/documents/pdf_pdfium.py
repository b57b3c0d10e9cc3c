"""PDF -> text with pypdfium2 (PDFium, Apache-2.0/BSD): characters with their font boxes are grouped into lines
the way pdfminer's `group_objects` does (same baseline, small horizontal gaps; a wide gap, such as a column
gutter, starts a new line), then ordered by the shared `pdf_layout.order_page`.

PDFium is about 10x faster than pdfminer's content interpretation. It is not thread-safe: every call into it
holds `PDFIUM_LOCK`.
"""

from __future__ import annotations

import ctypes
import functools
import math
import re
import statistics
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from jobfit.documents.errors import MAX_TEXT_CHARS, RAW_TEXT_SLACK, TooLongError
from jobfit.documents.pdf_layout import TextLine, order_page

PDFIUM_LOCK = threading.Lock()
_IMAGE_MARK = re.compile(rb"/Image\b|\bBI\b")

# Mirrors pdf_extract.LINE_PARAMS (pdfminer LAParams) so both backends cut lines alike.
CHAR_MARGIN = 1.6  # a horizontal gap wider than this many char widths starts a new line
LINE_OVERLAP = 0.5  # chars are on one line when they overlap vertically by this share of the smaller height
WORD_MARGIN = 0.12  # a gap wider than this share of the char size is a space
MIN_GLYPH_SAMPLES = 4  # gaps after a glyph needed before its usual within-word gap is trusted (`_glyph_offsets`)
MIN_IMAGE_SHARE = 0.01  # images smaller than this share of the page are icons, not pictures
_SOFT_HYPHEN = 2  # PDFium's code for a hyphen that breaks a word at the end of a line
_SKIP_CODES = frozenset({0, 10, 13, 0xFFFE, 0xFFFF})
_MAX_UPRIGHT_ANGLE = 0.01  # radians; rotated text (sidebar labels, watermarks) is skipped as with pdfminer
_FULL_TURN = 2 * math.pi
# A glyph key, `(code << _HEIGHT_BITS) | box height in tenths of a point`, names a glyph at one size: the
# per-character loop builds one int and appends to flat lists of numbers, which are cheaper than tuples and
# never tracked by the garbage collector.
_GlyphSamples = dict[int, list[float]]
_HEIGHT_BITS = 16
_HEIGHT_MASK = (1 << _HEIGHT_BITS) - 1


class PdfiumOpenError(Exception):
    """PDFium could not open the document; `password` is True when it is encrypted with a user password."""

    def __init__(self, message: str, *, password: bool) -> None:
        super().__init__(message)
        self.password = password


@dataclass
class PageResult:
    lines: list[str]
    columns: int
    images: int
    chars: int
    links: list[str] = field(default_factory=list)


@functools.cache
def _fast_loose_char_box() -> Callable[..., int]:
    """FPDFText_GetLooseCharBox(textpage, index, FS_RECTF*) without ctypes' per-call argument conversion.

    It is called once per character, and the conversion costs about half of the call. Arguments must be passed
    ready-made: a c_void_p handle, an int index and a byref() to an FS_RECTF.
    """
    address = ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(ctypes.c_int)(address)


def _page_codes(raw: object, count: int) -> list[int] | None:
    """All character codes of the page in one call, or None when the text does not map 1:1 onto char indexes."""
    if count <= 0:
        return None
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    if written != count + 1:
        return None
    codes = list(buffer[:count])
    if any(0xD800 <= code <= 0xDFFF for code in codes):  # surrogate pairs: one char, two code units
        return None
    for index, code in enumerate(codes):
        if code == 0xFFFE:  # the text API masks end-of-line hyphens (code 2 per character)
            codes[index] = pdfium_c.FPDFText_GetUnicode(raw, index)
    return codes


def _glyph_offsets(keys: list[int], gaps: list[float], samples: _GlyphSamples, wanted: set[int]) -> dict[int, float]:
    """How far left of its font width each glyph of `wanted` (glyph key) usually ends, in points (<= 0), from
    this page's gaps after each glyph (`keys` and `gaps`, in points) added to `samples`, the gaps (as shares of the
    box height) seen on the document's earlier pages.

    Some producers place every glyph themselves and declare font widths wider than they draw some letters:
    on livecareer PDFs "f" ends 0.22 em and "m" 0.15 em before the next letter of its word, so a word gap after
    them is only 0.03 or 0.11 em wide, under `WORD_MARGIN` ("ofFinance", "teamof"). The median gap from a glyph
    to the letter after it is its within-word gap whenever most of its occurrences are inside words; a word gap
    is then measured from there. Only negative medians count, so a gap is never read narrower than drawn.
    """
    for key, gap in zip(keys, gaps, strict=True):
        if key & _HEIGHT_MASK:
            samples.setdefault(key, []).append(gap / ((key & _HEIGHT_MASK) / 10))
    offsets: dict[int, float] = {}
    for key in wanted:
        shares = samples.get(key, [])  # none for a glyph whose box has no height
        if len(shares) >= MIN_GLYPH_SAMPLES:
            median = statistics.median(shares)
            if median < 0:
                offsets[key] = median * (key & _HEIGHT_MASK) / 10
    return offsets


def _char_lines(textpage: pdfium.PdfTextPage, max_chars: int, samples: _GlyphSamples) -> tuple[list[TextLine], int]:
    """Group the page's characters into horizontal lines; returns the lines and the number of chars kept.
    `samples` carries the glyph gaps seen on earlier pages of the document (see `_glyph_offsets`) and gets this
    page's.

    Like pdfminer's `group_objects`, characters are taken in content order and a character joins the line being
    built when it overlaps the previous character vertically and the horizontal gap is small. This loop is the
    hot path (thousands of characters per page), hence plain locals instead of objects.
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count > max_chars:  # checked before the per-character loop, which is Python
        raise TooLongError()
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    get_unicode = pdfium_c.FPDFText_GetUnicode
    get_box = _fast_loose_char_box()
    handle = ctypes.c_void_p(ctypes.cast(raw, ctypes.c_void_p).value)
    is_generated = pdfium_c.FPDFText_IsGenerated
    get_angle = pdfium_c.FPDFText_GetCharAngle
    built: list[tuple[list[str], float, float, float, float]] = []  # each line's parts and box
    keys: list[int] = []  # every gap between two chars of a line: the first char's glyph key and the gap
    gaps: list[float] = []
    # the gaps too narrow for a space by themselves: line number, index of the char after it, gap less the limit
    open_lines: list[int] = []
    open_indexes: list[int] = []
    open_excess: list[float] = []
    open_keys: list[int] = []
    parts: list[str] = []  # the line being built
    lx0 = ly0 = lx1 = ly1 = 0.0  # its box
    px1 = py0 = py1 = pw = 0.0  # the previous character's right edge, bottom, top and width
    pcode = 0  # the previous character's code
    chars = 0
    codes = _page_codes(raw, count)
    for index in range(count):
        code = codes[index] if codes is not None else get_unicode(raw, index)
        if code in _SKIP_CODES:
            continue  # PDFium's own line breaks: lines are rebuilt from geometry
        if code == 32 or chr(code).isspace():
            # Real spaces separate words; the ones PDFium infers are skipped (gaps are measured below instead).
            if (
                parts
                and parts[-1] != " "
                and code == 32
                and is_generated(raw, index) != 1
                and get_box(handle, index, rect_ref)
                and rect.left >= px1 - 0.5
            ):
                parts.append(" ")
            continue
        if not get_box(handle, index, rect_ref):
            continue
        x0 = rect.left
        x1 = rect.right
        y0 = rect.bottom
        y1 = rect.top
        width = x1 - x0
        if parts:
            overlap = (y1 if y1 < py1 else py1) - (y0 if y0 > py0 else py0)
            height = y1 - y0
            min_height = height if height < py1 - py0 else py1 - py0
            gap = x0 - px1
            if lx0 - x1 > gap:
                gap = lx0 - x1
            if overlap > LINE_OVERLAP * min_height and gap < CHAR_MARGIN * (width if width > pw else pw):
                chars += 1
                if parts[-1] != " ":
                    step = x0 - px1
                    key = (pcode << _HEIGHT_BITS) | (int((py1 - py0) * 10 + 0.5) & _HEIGHT_MASK)
                    keys.append(key)
                    gaps.append(step)
                    excess = step - WORD_MARGIN * (width if width > height else height)
                    if excess > 0:
                        parts.append(" ")
                    else:  # decided once the page's glyphs are known (`_glyph_offsets`)
                        open_lines.append(len(built))
                        open_indexes.append(len(parts))
                        open_excess.append(excess)
                        open_keys.append(key)
                parts.append("-" if code == _SOFT_HYPHEN else chr(code))
                if x0 < lx0:
                    lx0 = x0
                if x1 > lx1:
                    lx1 = x1
                if y0 < ly0:
                    ly0 = y0
                if y1 > ly1:
                    ly1 = y1
                px1, py0, py1, pw, pcode = x1, y0, y1, width, code
                continue
        # Only a char that starts a line can be rotated: rotated runs never join a horizontal line.
        angle = get_angle(raw, index)
        if _MAX_UPRIGHT_ANGLE < angle < _FULL_TURN - _MAX_UPRIGHT_ANGLE:
            continue
        chars += 1
        if parts:
            built.append((parts, lx0, ly0, lx1, ly1))
        parts = ["-" if code == _SOFT_HYPHEN else chr(code)]
        lx0, ly0, lx1, ly1 = x0, y0, x1, y1
        px1, py0, py1, pw, pcode = x1, y0, y1, width, code
    if parts:
        built.append((parts, lx0, ly0, lx1, ly1))
    offsets = _glyph_offsets(keys, gaps, samples, set(open_keys))
    if offsets:
        for line, index, excess, key in zip(open_lines, open_indexes, open_excess, open_keys, strict=True):
            if key in offsets and excess > offsets[key]:
                line_parts = built[line][0]
                line_parts[index] = " " + line_parts[index]
    lines: list[TextLine] = []
    for line_parts, x0, y0, x1, y1 in built:
        text = "".join(line_parts).strip()
        if text:
            lines.append(TextLine(text, x0, y0, x1, y1))
    return lines, chars


def _has_big_image(container: object, count: int, get_object: object, min_area: float, depth: int = 0) -> bool:
    """True when an image object (also inside form XObjects) covers at least `min_area`."""
    bounds = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(value) for value in bounds]
    for index in range(count):
        obj = get_object(container, index)  # type: ignore[operator]
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            if pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
                left, bottom, right, top = (value.value for value in bounds)
                if (right - left) * (top - bottom) >= min_area:
                    return True
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
            inner = pdfium_c.FPDFFormObj_CountObjects(obj)
            if inner > 0 and _has_big_image(obj, inner, pdfium_c.FPDFFormObj_GetObject, min_area, depth + 1):
                return True
    return False


def _page_has_image(page: pdfium.PdfPage, page_area: float) -> bool:
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    return _has_big_image(page.raw, count, pdfium_c.FPDFPage_GetObject, MIN_IMAGE_SHARE * page_area)


def _links(document: pdfium.PdfDocument, page: pdfium.PdfPage) -> list[str]:
    """URI targets of the page's link annotations (mailto:, https://linkedin.com/...)."""
    found: list[str] = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    while pdfium_c.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
            continue
        size = pdfium_c.FPDFAction_GetURIPath(document.raw, action, None, 0)
        if size <= 1:
            continue
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, size)
        found.append(buffer.raw[: size - 1].decode("latin-1"))
    return found


def _read_page(
    document: pdfium.PdfDocument, number: int, may_have_images: bool, max_chars: int, samples: _GlyphSamples
) -> PageResult:
    page = document[number]
    try:
        left, bottom, right, top = page.get_mediabox()
        width, height = right - left, top - bottom
        textpage = page.get_textpage()
        try:
            lines, chars = _char_lines(textpage, max_chars, samples)
        finally:
            textpage.close()
        if left or bottom:  # pdfminer-style coordinates: the media box starts at (0, 0)
            lines = [TextLine(ln.text, ln.x0 - left, ln.y0 - bottom, ln.x1 - left, ln.y1 - bottom) for ln in lines]
        ordered = order_page(lines, width)
        images = int(may_have_images and _page_has_image(page, width * height))
        return PageResult(ordered.lines, ordered.columns, images, chars, _links(document, page))
    finally:
        page.close()


def read_pages(data: bytes, max_pages: int) -> tuple[list[PageResult], int, str | None, str | None]:
    """Read up to `max_pages` pages: (per-page results, the document's page count, error that stopped reading,
    the document's own date as its metadata writes it: "D:20210312..." when saved or else created, or None).

    Raises PdfiumOpenError when PDFium cannot open the document, TooLongError past the text limit.
    """
    budget = MAX_TEXT_CHARS * RAW_TEXT_SLACK
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise PdfiumOpenError(
                str(exc), password=getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD
            ) from exc
        # Image XObjects are streams, whose dictionaries are never compressed: no "/Image" in the bytes means
        # no images, and saves walking every page object (some PDFs draw each glyph as its own object).
        may_have_images = _IMAGE_MARK.search(data) is not None
        results: list[PageResult] = []
        samples: _GlyphSamples = {}
        try:
            total = len(document)
            try:
                info = document.get_metadata_dict(skip_empty=True)
            except pdfium.PdfiumError:
                info = {}
            dated = info.get("ModDate") or info.get("CreationDate")
            for number in range(min(total, max_pages)):
                try:
                    results.append(_read_page(document, number, may_have_images, budget, samples))
                    budget -= results[-1].chars
                except pdfium.PdfiumError as exc:
                    return results, total, str(exc), dated
            return results, total, None, dated
        finally:
            document.close()
