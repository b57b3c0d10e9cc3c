"""Bad inputs fail with a typed DocumentError and a stable code, never with another exception."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from jobfit.documents.errors import MAX_UPLOAD_BYTES, DocumentError
from jobfit.documents.extract import extract_text

from .conftest import CONTENT_TYPES, build_pdf, build_zip, document_xml, text_page


def _code(data: bytes, filename: str | None = None) -> str:
    with pytest.raises(DocumentError) as caught:
        extract_text(data, filename)
    assert caught.value.message and "\n" not in caught.value.message
    return caught.value.code


def test_empty_and_whitespace_files():
    assert _code(b"") == "empty_file"
    assert _code(b"   \n\t ") == "empty_file"


def test_too_large():
    assert _code(b"a" * (MAX_UPLOAD_BYTES + 1)) == "too_large"


def test_random_bytes_are_unsupported():
    data = random.Random(7).randbytes(8192)
    assert _code(data, "resume.pdf") == "unsupported_type"


def test_other_binary_formats_are_unsupported():
    assert _code(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "cv.png") == "unsupported_type"
    assert _code(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "cv.doc") == "unsupported_type"
    assert _code(build_zip({"a.txt": b"hello"}), "archive.zip") == "unsupported_type"


def test_encrypted_pdf_is_reported():
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>"
    data = build_pdf(
        [text_page([(72, 700, "Secret Resume")])],
        extra_objects={20: encrypt},
        trailer_extra=b"/Encrypt 20 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ",
    )
    assert _code(data, "locked.pdf") == "encrypted_pdf"


def test_image_only_pdf_has_no_text():
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    data = build_pdf(
        [b"q 500 0 0 700 50 50 cm /Im1 Do Q"],
        extra_objects={30: image},
        page_resources=b"<< /XObject << /Im1 30 0 R >> >>",
    )
    assert _code(data, "scan.pdf") == "no_text"


def test_truncated_pdf_is_corrupt():
    data = build_pdf([text_page([(72, 700, "Jane Doe"), (72, 680, "jane@example.com")])])
    assert _code(data[:60], "cut.pdf") == "corrupt_file"


def test_pdf_garbage_after_header_is_corrupt():
    assert _code(b"%PDF-1.7\n" + random.Random(1).randbytes(3000)) == "corrupt_file"


def test_valid_generated_pdf_reads_text():
    data = build_pdf([text_page([(72, 700, "Jane Doe"), (72, 680, "jane@example.com  555-201-7788")])])
    extracted = extract_text(data)
    assert extracted.file_type == "pdf" and extracted.pages == 1
    assert extracted.text.splitlines()[0] == "Jane Doe"
    assert "jane@example.com" in extracted.text


def test_docx_zip_bomb_is_rejected():
    data = build_zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": document_xml("<w:p/>"),
            "word/media/bomb.bin": b"\x00" * (3 * 1024 * 1024),
        }
    )
    assert _code(data, "bomb.docx") == "zip_bomb"


def test_docx_declared_size_above_cap_is_rejected():
    members = {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document_xml("<w:p/>")}
    for index in range(6):
        members[f"word/media/part{index}.bin"] = random.Random(index).randbytes(64) * (150 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    assert len(out.getvalue()) > 50 * 1024 * 1024 or _code(out.getvalue(), "big.docx") == "zip_bomb"


def test_docx_external_entity_is_rejected():
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    body = "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
    data = build_zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document_xml(body, prolog)})
    assert _code(data, "xxe.docx") == "xml_entities"


def test_docx_entity_in_other_part_is_rejected():
    data = build_zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": document_xml("<w:p/>"),
            "word/styles.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        }
    )
    assert _code(data, "styles.docx") == "xml_entities"


def test_zip_without_word_document_is_invalid_docx():
    assert _code(build_zip({"word/other.xml": b"<a/>"}), "x.docx") == "invalid_docx"


def test_broken_zip_is_invalid_docx():
    data = build_zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document_xml("<w:p/>")})
    assert _code(data[: len(data) // 2], "half.docx") == "invalid_docx"


def test_docx_with_only_empty_paragraphs_has_no_text():
    import docx

    document = docx.Document()
    document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    assert _code(buffer.getvalue(), "blank.docx") == "no_text"
