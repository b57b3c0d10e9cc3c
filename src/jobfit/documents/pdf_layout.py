"""Reading order for PDF text lines: detects a two-column page (a vertical gutter with text on both sides)
and reads each column top to bottom inside bands separated by full-width lines; aligned rows (a title
with its right-aligned date) are read left to right as one line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLine:
    """One line of text on a page in PDF coordinates (y grows upwards)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class PageText:
    lines: list[str]
    columns: int


_MIN_SIDE_LINES = 4
_MIN_SIDE_SHARE = 0.12  # each column holds at least this share of the page's characters
_MAX_ROW_ALIGNED = 0.9  # above this share of left lines having a same-row partner it is a table, not columns
_MAX_STRADDLING = 0.1  # lines crossing the gutter (headers, footers) as a share of the page's lines


def _find_gutter(lines: list[TextLine], page_width: float) -> float | None:
    """Return the x of a vertical gutter splitting the page into two text columns, or None."""
    total_chars = sum(len(line.text) for line in lines) or 1
    candidates = sorted({round(line.x0) for line in lines if 0.2 * page_width < line.x0 < 0.8 * page_width})
    best: tuple[float, float] | None = None
    for x in candidates:
        left = [ln for ln in lines if ln.x1 <= x + 1]
        right = [ln for ln in lines if ln.x0 >= x - 1]
        if len(left) < _MIN_SIDE_LINES or len(right) < _MIN_SIDE_LINES:
            continue
        left_chars = sum(len(ln.text) for ln in left)
        right_chars = sum(len(ln.text) for ln in right)
        if min(left_chars, right_chars) < _MIN_SIDE_SHARE * total_chars:
            continue
        straddling = len(lines) - len(left) - len(right)
        if straddling > max(4, _MAX_STRADDLING * len(lines)):
            continue
        if _row_aligned_share(left, right) > _MAX_ROW_ALIGNED or _is_flush_right(right):
            continue
        score = min(left_chars, right_chars) - 20 * straddling
        if best is None or score > best[0]:
            best = (score, float(x))
    return best[1] if best else None


def _is_flush_right(lines: list[TextLine]) -> bool:
    """Right-aligned short lines (dates, locations beside entries) are an annotation column, not text."""
    right_edge = max(ln.x1 for ln in lines)
    flush_right = sum(1 for ln in lines if right_edge - ln.x1 < 3)
    left_edge = min(ln.x0 for ln in lines)
    flush_left = sum(1 for ln in lines if ln.x0 - left_edge < 3)
    return flush_right >= 0.7 * len(lines) and flush_right > flush_left


def _same_row(a: TextLine, b: TextLine) -> bool:
    return abs(a.middle - b.middle) < 0.5 * min(a.height, b.height)


def _row_aligned_share(left: list[TextLine], right: list[TextLine]) -> float:
    if not left:
        return 0.0
    aligned = sum(1 for a in left if any(_same_row(a, b) for b in right))
    return aligned / len(left)


def _rows(lines: list[TextLine]) -> list[list[TextLine]]:
    """Group lines into visual rows (top to bottom), each row sorted left to right."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: (-ln.middle, ln.x0)):
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def _emit_rows(lines: list[TextLine]) -> list[str]:
    """Rows as text, with a blank line where the vertical gap suggests a new paragraph."""
    out: list[str] = []
    previous: TextLine | None = None
    for row in _rows(lines):
        first = row[0]
        if previous is not None and previous.y0 - first.y1 > 0.9 * min(previous.height, first.height):
            out.append("")
        out.append("  ".join(ln.text for ln in row))
        previous = min(row, key=lambda ln: ln.y0)
    return out


def order_page(lines: list[TextLine], page_width: float) -> PageText:
    """Order a page's lines for reading; two-column pages are read column by column."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return PageText([], 1)
    gutter = _find_gutter(lines, page_width)
    if gutter is None:
        return PageText(_emit_rows(lines), 1)
    out: list[str] = []
    band_left: list[TextLine] = []
    band_right: list[TextLine] = []

    def flush() -> None:
        out.extend(_emit_rows(band_left))
        if band_left and band_right:
            out.append("")
        out.extend(_emit_rows(band_right))
        band_left.clear()
        band_right.clear()

    centre = page_width / 2
    for row in _rows(lines):
        full_width = [ln for ln in row if ln.x0 < gutter - 1 < gutter + 1 < ln.x1]
        centred = len(row) == 1 and abs(row[0].x0 + row[0].x1 - 2 * centre) < 0.06 * page_width
        if full_width or (centred and not band_left):
            flush()
            out.extend(["", "  ".join(ln.text for ln in row)])
            continue
        for ln in row:
            (band_left if ln.x1 <= gutter + 1 else band_right).append(ln)
    flush()
    return PageText(out, 2)
