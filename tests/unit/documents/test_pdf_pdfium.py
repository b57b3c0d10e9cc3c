"""The PDFium (pypdfium2) PDF backend: line building, two-column order, links, images, errors and fallback."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import jobfit.documents.pdf_extract as pdf_extract
from jobfit.documents.errors import CorruptFileError, EncryptedPdfError
from jobfit.documents.normalize import normalize_text
from jobfit.documents.pdf_extract import extract_pdf, extract_pdf_pdfminer
from jobfit.documents.pdf_pdfium import PdfiumOpenError, _glyph_offsets

from .conftest import build_pdf, text_page

LEFT = [
    "Experience",
    "Senior Engineer at Acme",
    "Built the billing system",
    "Led a team of five",
    "Engineer at Initech",
    "Maintained the TPS reports",
]
RIGHT = ["Skills", "Python and SQL", "Kubernetes", "Contact", "jane@example.com", "Languages"]


def _two_columns() -> bytes:
    rows = [(72, 740, "Jane Doe")]
    for i, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        rows += [(72, 700 - 18 * i, left), (380, 700 - 18 * i, right)]
    return build_pdf([text_page(rows)])


def test_parser_is_pdfium_and_lines_keep_words():
    data = build_pdf([text_page([(72, 700, "Jane Doe"), (72, 680, "jane@example.com  555-201-7788")])])
    result = extract_pdf(data)
    assert result.parser == "pypdfium2" and result.pages == 1
    assert result.text.splitlines()[:2] == ["Jane Doe", "jane@example.com 555-201-7788"]


def test_two_columns_are_read_column_by_column():
    result = extract_pdf(_two_columns())
    assert result.layout["columns"] == 2
    lines = [ln for ln in result.text.splitlines() if ln.strip()]
    assert lines[0] == "Jane Doe"
    assert lines[1:] == LEFT + RIGHT
    assert "multi-column layout: read column by column" in result.warnings


def test_same_text_as_pdfminer_on_generated_two_columns():
    data = _two_columns()
    assert extract_pdf(data).text == extract_pdf_pdfminer(data).text


def test_wide_gap_splits_a_row_into_two_lines():
    data = build_pdf([text_page([(72, 700, "Software Engineer"), (450, 700, "2019 - 2023")])])
    assert extract_pdf(data).text.splitlines()[0] == "Software Engineer  2019 - 2023"


def _placed_words(y: float, words: list[str], after: dict[str, int]) -> bytes:
    """One line drawn glyph by glyph, like producers that position every letter themselves: no space characters,
    each word gap a TJ shift of Helvetica's space width (278/1000 em), and after each letter in `after` the next
    glyph pulled left by that many thousandths of an em (the letter drawn narrower than the font's width)."""
    items: list[str] = []
    for number, word in enumerate(words):
        if number:
            items.append("-278")
        for char in word:
            items.append(f"({char})")
            if char in after:
                items.append(str(after[char]))
    return f"BT /F1 11 Tf 72 {y} Td [{' '.join(items)}] TJ ET".encode()


def test_word_gap_after_a_letter_drawn_narrower_than_its_width_is_a_space():
    # "m" drawn 0.2 em narrower than Helvetica says leaves 0.078 em after "team": the gap is still a word gap
    words = ["Head", "of", "team", "members", "from", "summer", "programs"]
    data = build_pdf([_placed_words(700, words, {"m": 200})])
    assert extract_pdf(data).text.splitlines()[0] == " ".join(words)


def test_narrow_letters_learned_on_one_page_serve_the_next():
    first = ["Head", "of", "team", "members", "from", "summer", "programs"]
    second = ["Program", "Manager"]
    data = build_pdf([_placed_words(700, first, {"m": 200}), _placed_words(700, second, {"m": 200})])
    assert normalize_text(extract_pdf(data).text).splitlines()[-1] == "Program Manager"


def test_kerned_pairs_and_tight_letters_never_split_a_word():
    # "AV" kerned tighter than the other pairs of "A", and every letter of the line equally tight: no new gaps
    words = ["AVAILABLE", "AVIATION", "TRAVEL"]
    data = build_pdf([_placed_words(700, words, {"A": 80}), _placed_words(686, ["immense", "summit"], {"m": 200})])
    lines = [line for line in extract_pdf(data).text.splitlines() if line]
    assert lines == ["AVAILABLE AVIATION TRAVEL", "immense summit"]


def _key(char: str, height: float) -> int:
    return (ord(char) << 16) | round(height * 10)


def test_glyph_offsets_follow_the_usual_gap_after_each_glyph():
    f, m, o, flat = _key("f", 10), _key("m", 10), _key("o", 10), _key("x", 0)
    samples: dict[int, list[float]] = {}
    # "f": mostly -2.2 pt inside words, twice 0.3 pt before a word; "o": mostly +0.5 pt; "m": only 3 gaps yet
    keys = [f] * 5 + [o] * 5 + [m] * 3 + [flat] * 5
    gaps = [-2.2, -2.2, 0.3, -2.2, 0.3] + [0.5, 0.5, -0.1, 0.5, 2.4] + [-1.5, -1.5, 1.1] + [-1.0] * 5
    offsets = _glyph_offsets(keys, gaps, samples, {f, m, o, flat})
    assert offsets == {f: pytest.approx(-2.2)}  # "o" never counts positive, "m" has too few, "x" has no height
    # the next page adds its gaps to the earlier pages': one more "m" inside a word is enough
    assert _glyph_offsets([m], [-1.5], samples, {m}) == {m: pytest.approx(-1.5)}


def test_rotated_text_is_skipped():
    rotated = b"BT /F1 11 Tf 0 1 -1 0 560 300 Tm (SIDEWAYS LABEL) Tj ET"
    data = build_pdf([text_page([(72, 700, "Jane Doe"), (72, 680, "Data Engineer")]) + b"\n" + rotated])
    text = extract_pdf(data).text
    assert "Jane Doe" in text and "SIDEWAYS" not in text


def test_link_annotations_become_links():
    annots = {
        40: b"<< /Type /Annot /Subtype /Link /Rect [72 690 200 710] /A << /S /URI /URI (mailto:jane@example.com) >> >>",
        41: b"<< /Type /Annot /Subtype /Link /Rect [72 670 200 690] /A << /S /URI /URI "
        b"(https://www.linkedin.com/in/janedoe) >> >>",
    }
    data = build_pdf(
        [text_page([(72, 700, "Jane Doe"), (72, 680, "LinkedIn")])],
        extra_objects=annots,
        page_resources=b"<< /Font << /F1 4 0 R >> >> /Annots [40 0 R 41 0 R]",
    )
    assert extract_pdf(data).links == ["mailto:jane@example.com", "https://www.linkedin.com/in/janedoe"]


def test_large_image_sets_the_images_flag():
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    content = text_page([(72, 700, "Jane Doe"), (72, 680, "Photographer")]) + b"\nq 100 0 0 100 400 600 cm /Im1 Do Q"
    data = build_pdf(
        [content], extra_objects={30: image}, page_resources=b"<< /Font << /F1 4 0 R >> /XObject << /Im1 30 0 R >> >>"
    )
    assert extract_pdf(data).layout["images"] is True
    assert extract_pdf(_two_columns()).layout["images"] is False


def test_encrypted_and_corrupt():
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>"
    locked = build_pdf(
        [text_page([(72, 700, "Secret Resume")])],
        extra_objects={20: encrypt},
        trailer_extra=b"/Encrypt 20 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ",
    )
    with pytest.raises(EncryptedPdfError):
        extract_pdf(locked)
    with pytest.raises(CorruptFileError):
        extract_pdf(_two_columns()[:60])


def test_pdfminer_is_the_fallback_when_pdfium_cannot_open(monkeypatch: pytest.MonkeyPatch):
    def refuse(data: bytes, max_pages: int) -> None:
        raise PdfiumOpenError("format", password=False)

    monkeypatch.setattr(pdf_extract, "read_pages", refuse)
    result = extract_pdf(_two_columns())
    assert result.parser == "pdfminer.six" and result.layout["columns"] == 2


def test_threads_share_pdfium_safely():
    data = _two_columns()
    expected = extract_pdf(data).text
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert set(pool.map(lambda _: extract_pdf(data).text, range(16))) == {expected}


def _text_lines(text: str) -> list[str]:
    return [line for line in normalize_text(text).splitlines() if line.strip()]


def test_latex_two_column_templates_match_pdfminer_order(evaldata: Path):
    """Deedy (two columns) reads as with pdfminer once normalised (ligatures); AltaCV keeps its column order."""
    folder = evaldata / "latex_resume_templates"
    truth = json.loads((folder / "ground_truth.json").read_text())
    deedy = (folder / "deedy_resume-openfont.pdf").read_bytes()
    new, old = extract_pdf(deedy), extract_pdf_pdfminer(deedy)
    assert new.layout["columns"] == 2
    assert _text_lines(new.text) == _text_lines(old.text)
    altacv = extract_pdf((folder / "altacv_mmayer.pdf").read_bytes())
    assert altacv.layout["columns"] == 2
    text = altacv.text.lower()
    assert truth["altacv_mmayer.pdf"]["emails"][0] in text
    # main column (Experience) is read before the sidebar (Life Philosophy), as with pdfminer
    assert text.index("experience") < text.index("yahoo!") < text.index("life philosophy")
