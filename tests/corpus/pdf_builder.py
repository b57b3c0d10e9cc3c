"""Hand-built PDFs for tests: a valid one-page file around any content stream, with any number of Flate layers."""

from __future__ import annotations

import zlib


def pdf_with_content(content: bytes, *, flate_layers: int = 1, extra_objects: list[bytes] | None = None,
                     compressed: bytes | None = None) -> bytes:
    """A one-page PDF (Helvetica as /F1) whose page content is `content`, compressed `flate_layers` times (or
    `compressed`: content already compressed `flate_layers` times by the caller)."""
    stream = content
    if compressed is not None:
        stream = compressed
    else:
        for _ in range(flate_layers):
            stream = zlib.compress(stream, 9)
    filters = {0: b"", 1: b"/Filter /FlateDecode "}.get(
        flate_layers, b"/Filter [" + b" ".join([b"/FlateDecode"] * flate_layers) + b"] ")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< " + filters + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(extra_objects or []),
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text_content(lines: list[str]) -> bytes:
    """A content stream that writes `lines` top-down in 11 pt Helvetica."""
    ops = [b"BT /F1 11 Tf 14 TL 72 740 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1", "replace") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)
