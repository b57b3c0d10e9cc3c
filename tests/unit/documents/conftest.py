"""Small file builders for document-parsing tests (PDF, ZIP, DOCX parts)."""

from __future__ import annotations

import io
import zipfile


def build_pdf(
    page_contents: list[bytes],
    *,
    extra_objects: dict[int, bytes] | None = None,
    trailer_extra: bytes = b"",
    page_resources: bytes = b"<< /Font << /F1 4 0 R >> >>",
) -> bytes:
    """A minimal but valid PDF: object 1 catalog, 2 pages, 3.. pages and content streams, 4 = Helvetica."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    number = 10
    for content in page_contents:
        page_no, stream_no = number, number + 1
        number += 2
        kids.append(f"{page_no} 0 R".encode())
        objects[page_no] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
            + page_resources
            + f" /Contents {stream_no} 0 R >>".encode()
        )
        objects[stream_no] = f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + f"] /Count {len(kids)} >>".encode()
    objects.update(extra_objects or {})
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for obj_no in sorted(objects):
        offsets[obj_no] = out.tell()
        out.write(f"{obj_no} 0 obj\n".encode() + objects[obj_no] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(f"xref\n0 {size}\n".encode())
    out.write(b"0000000000 65535 f \n")
    for obj_no in range(1, size):
        if obj_no in offsets:
            out.write(f"{offsets[obj_no]:010d} 00000 n \n".encode())
        else:
            out.write(b"0000000000 65535 f \n")
    out.write(f"trailer\n<< /Size {size} /Root 1 0 R ".encode() + trailer_extra + b">>\n")
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_page(lines: list[tuple[float, float, str]], size: int = 11) -> bytes:
    """Content stream drawing each (x, y, text) with Helvetica."""
    ops = []
    for x, y, text in lines:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 {size} Tf {x} {y} Td ({escaped}) Tj ET")
    return "\n".join(ops).encode("latin-1")


def build_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + prolog
        + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + "</w:body></w:document>"
    ).encode()
