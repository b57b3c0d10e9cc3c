"""Reading untrusted documents is bounded: inflated PDF streams, text length, and HTML in disguise."""

from __future__ import annotations

import time

import pytest

from jobfit.documents.errors import MAX_TEXT_CHARS, TooComplexError, TooLongError, UnsupportedTypeError
from jobfit.documents.extract import extract_text, looks_like_html
from jobfit.documents.pdf_streams import check_inflated_size
from jobfit.documents.resume import parse_resume
from tests.corpus.pdf_builder import pdf_with_content, text_content

LINE = b"BT /F1 11 Tf 72 700 Td (Python developer experience) Tj ET\n"


def _content(megabytes: int) -> bytes:
    return LINE * (megabytes * 1024 * 1024 // len(LINE))


@pytest.mark.parametrize("layers", [1, 2])
def test_a_pdf_whose_content_inflates_past_the_cap_is_refused_fast(layers: int) -> None:
    bomb = pdf_with_content(_content(200), flate_layers=layers)
    assert len(bomb) < 700_000
    started = time.perf_counter()
    with pytest.raises(TooComplexError):
        parse_resume(bomb, "cv.pdf")
    assert time.perf_counter() - started < 5  # it stops counting at the cap instead of inflating it all


def test_the_inflate_check_passes_ordinary_pdfs_and_skips_images() -> None:
    check_inflated_size(pdf_with_content(_content(8)))
    image = b"<< /Type /XObject /Subtype /Image /Filter /FlateDecode >>\nstream\n"
    import zlib

    check_inflated_size(image + zlib.compress(b"\0" * (100 * 1024 * 1024)) + b"\nendstream")


def test_text_past_the_limit_is_too_long() -> None:
    words = ("Python developer building data pipelines. " * (MAX_TEXT_CHARS // 40 + 10)).encode()
    with pytest.raises(TooLongError):
        extract_text(words, "cv.txt")


def test_a_pdf_page_with_too_many_characters_is_too_long_before_it_is_read() -> None:
    lines = ["Python developer building data pipelines in SQL and Python " * 3] * 2500  # ~450k chars
    with pytest.raises(TooLongError):
        extract_text(pdf_with_content(text_content(lines)), "cv.pdf")


def test_a_resume_near_the_limit_still_parses() -> None:
    text = "Jane Doe\njane@example.com\n\nExperience\n" + "• Built Python services for payments\n" * 2000
    assert len(text) < MAX_TEXT_CHARS
    assert parse_resume(text.encode(), "cv.txt").text_content


HTML = (b"<!DOCTYPE html><html><head><title>Jane Doe</title><script>track()</script></head>"
        b"<body><div><p>Jane Doe</p><p>Python developer with 5 years of experience</p></div></body></html>")


@pytest.mark.parametrize("name", ["cv.pdf", "cv.txt", "cv.docx", "cv.md", None])
def test_html_saved_under_any_name_is_refused(name: str | None) -> None:
    with pytest.raises(UnsupportedTypeError, match="HTML"):
        extract_text(HTML, name)


def test_html_detection_reads_tags_not_words() -> None:
    assert looks_like_html("<html><body><p>x</p></body></html>")
    assert looks_like_html("<!-- saved -->\n<!doctype html>\n<p>x")
    assert not looks_like_html("Jane Doe\nSkills: HTML, CSS, <div> layouts, React\nExperience ...")
