"""Bytes -> normalised text: detects the type from content (magic bytes), then reads PDF (PDFium via
pypdfium2, pdfminer.six as the fallback), DOCX (python-docx, after a safety check of the zip) or plain
text / Markdown.
"""

from __future__ import annotations

import re

from jobfit.documents.errors import (
    MAX_TEXT_CHARS,
    MAX_UPLOAD_BYTES,
    RAW_TEXT_SLACK,
    EmptyFileError,
    FileTooLargeError,
    NoTextError,
    TooLongError,
    UnsupportedTypeError,
)
from jobfit.documents.long_lines import statement_lines
from jobfit.documents.models import ExtractedText
from jobfit.documents.normalize import normalize_text

MIN_TEXT_CHARS = 20  # fewer letters/digits than this counts as "no extractable text"


# Binary formats we recognise but do not read.
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office (.doc)"),
    (b"{\\rtf", "RTF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7z archive"),
)


def detect_file_type(data: bytes, filename: str | None = None) -> str:
    """Return 'pdf', 'docx', 'md' or 'txt' from the content; raise for anything else."""
    if not data or not data.strip():
        raise EmptyFileError()
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileTooLargeError()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        if b"word/" in data or (filename or "").lower().endswith(".docx"):
            return "docx"
        raise UnsupportedTypeError("The file is a ZIP archive but not a Word (DOCX) document.")
    for magic, label in _OTHER_MAGIC:
        if data.startswith(magic):
            raise UnsupportedTypeError(f"Unsupported file type ({label}): upload a PDF, DOCX, TXT or Markdown file.")
    text = decode_text(data)
    if looks_like_html(text):
        raise UnsupportedTypeError("The file is an HTML page, not a resume document: save it as PDF, DOCX or text.")
    return "md" if looks_like_markdown(text, filename) else "txt"


_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_HTML_TAG = re.compile(r"</?(?:html|head|body|div|span|script|style|p|a|table|tr|td|ul|li|br|meta|link|form|iframe)\b"
                       r"[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """An HTML page, whatever its file name says: it starts as one, or tags make up much of its first 64 kB.

    Refused rather than read: an HTML page is often not the applicant's own document (a saved job board or
    profile page), and its scripts and markup would be scored as words.
    """
    head = text[:65536]
    if _HTML_START.match(head):
        return True
    tags = _HTML_TAG.findall(head)
    return len(tags) >= 10 and sum(map(len, tags)) > 0.05 * len(head)


def decode_text(data: bytes) -> str:
    """Decode text bytes (BOM, UTF-8, UTF-16, then cp1252/latin-1); reject binary content."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 4:  # BOM-less UTF-16
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        try:
            return data.decode("utf-16-be" if even_nuls > odd_nuls else "utf-16-le")
        except UnicodeDecodeError:
            raise UnsupportedTypeError("The file is binary, not text: upload a PDF, DOCX, TXT or Markdown file.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > 0.01 * len(text):
            text = data.decode("latin-1")
    control = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0)
    if control > 0.02 * len(text) or text.count("\ufffd") > 0.02 * len(text):
        raise UnsupportedTypeError("The file is binary, not text: upload a PDF, DOCX, TXT or Markdown file.")
    return text


_MD_SIGNALS = (
    re.compile(r"^#{1,6} \S", re.M),
    re.compile(r"\*\*[^*\n]+\*\*"),
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
    re.compile(r"^\s*[-*+] \S", re.M),
    re.compile(r"^\s*\|.*\|\s*$", re.M),
)


def looks_like_markdown(text: str, filename: str | None = None) -> bool:
    name = (filename or "").lower()
    if name.endswith((".md", ".markdown")):
        return True
    if name.endswith(".txt"):
        return False
    return bool(_MD_SIGNALS[0].search(text)) or sum(1 for rx in _MD_SIGNALS[1:] if rx.search(text)) >= 2


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?!\s)|(?<![\w_])_(?!\s)|`)")
_MD_BULLET = re.compile(r"^(\s*)[-*+]\s+")
# a line of markup only, read as a blank line: a horizontal rule, or a table's header separator
_MD_MARKUP_LINE = re.compile(r"^\s*([-*_]\s*){3,}$|^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def markdown_to_text(text: str) -> tuple[str, list[str]]:
    """Strip Markdown syntax, keeping the words, the line structure and link targets."""
    links: list[str] = []
    out: list[str] = []
    for line in text.splitlines():
        if _MD_MARKUP_LINE.match(line):
            out.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)

        def link(m: re.Match[str]) -> str:
            label, target = m.group(1), m.group(2)
            links.append(target)
            plain_target = target.removeprefix("mailto:").removeprefix("tel:")
            return label if plain_target in label or not label else f"{label} ({plain_target})"

        line = _MD_LINK.sub(link, line)
        line = _MD_BULLET.sub(r"\1• ", line)
        line = _MD_EMPHASIS.sub("", line)
        if line.strip().startswith("|"):
            line = " | ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        line = re.sub(r"^\s*>\s?", "", line)
        out.append(line)
    return "\n".join(out), links


def _check_has_text(text: str) -> None:
    if len(re.findall(r"\w", text)) < MIN_TEXT_CHARS:
        raise NoTextError()


def extract_text(data: bytes, filename: str | None = None, *, statements: bool = False) -> ExtractedText:
    """Read a document's text. Raises a DocumentError subclass with a stable `code` on failure.

    `statements=True` (resumes) also re-splits lines too long to be one statement (`long_lines`).
    """
    file_type = detect_file_type(data, filename)
    if file_type == "pdf":
        from jobfit.documents.pdf_extract import extract_pdf
        from jobfit.documents.pdf_streams import check_inflated_size

        check_inflated_size(data)
        result = extract_pdf(data)
    elif file_type == "docx":
        from jobfit.documents.docx_extract import extract_docx

        result = extract_docx(data)
    else:
        raw = decode_text(data)
        check_text_length(raw, raw=True)
        links: list[str] = []
        if file_type == "md":
            raw, links = markdown_to_text(raw)
        result = ExtractedText(
            text=raw,
            file_type=file_type,
            parser="markdown" if file_type == "md" else "text",
            layout={"columns": 1, "tables": False, "images": False, "text_boxes": False},
            links=links,
        )
    check_text_length(result.text, raw=True)
    result.text = statement_lines(result.text) if statements else normalize_text(result.text)
    check_text_length(result.text)
    _check_has_text(result.text)
    return result


def check_text_length(text: str, *, raw: bool = False) -> None:
    """Raise TooLongError past MAX_TEXT_CHARS (raw, not yet normalised text: past RAW_TEXT_SLACK times it)."""
    if len(text) > MAX_TEXT_CHARS * (RAW_TEXT_SLACK if raw else 1):
        raise TooLongError()


__all__ = ["check_text_length", "decode_text", "detect_file_type", "extract_text",
           "looks_like_html"]
