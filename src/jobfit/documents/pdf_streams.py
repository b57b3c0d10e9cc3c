"""A bounded look at a PDF's compressed streams before any PDF parser sees them.

A one-page PDF of 1 MB can hold a content stream that inflates to 1 GB; PDFium and pdfminer both inflate it
whole, for minutes and gigabytes. `check_inflated_size` inflates each Flate stream (also chains of Flate
filters) in bounded steps and stops as soon as the total passes the cap. Image streams are skipped: text
extraction never decodes them. Streams in other filters are left to the parse child's time and memory limits.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator

from jobfit.documents.errors import TooComplexError

# Content, font and object streams of real resumes inflate to a few MB in all.
MAX_INFLATED_BYTES = 48 * 1024 * 1024
_STEP = 1024 * 1024
_STREAM = re.compile(rb"stream\r?\n")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_OBJ = re.compile(rb"\bobj\b")


def _dictionary_before(data: bytes, at: int) -> bytes:
    """The bytes of the object header before a `stream` keyword (from its `obj`, at most 4 kB back)."""
    window = data[max(0, at - 4096):at]
    starts = [m.end() for m in _OBJ.finditer(window)]
    return window[starts[-1]:] if starts else window


def _raw_chunks(data: bytes, start: int) -> Iterator[bytes]:
    for at in range(start, len(data), _STEP):
        yield data[at:at + _STEP]


def _inflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Inflate a chunked Flate stream lazily, at most `_STEP` bytes of output at a time."""
    decoder = zlib.decompressobj()
    for chunk in chunks:
        pending = chunk
        while pending:
            out = decoder.decompress(pending, _STEP)
            if out:
                yield out
            if decoder.eof:  # what follows the stream (endstream, the next objects) is not ours
                return
            pending = decoder.unconsumed_tail


def _inflated(data: bytes, start: int, layers: int, budget: int) -> int:
    """Bytes the stream at `start` inflates to through `layers` Flate filters, counted until past `budget`."""
    stream: Iterable[bytes] = _raw_chunks(data, start)
    for _ in range(layers):
        stream = _inflate(stream)
    total = 0
    try:
        for piece in stream:
            total += len(piece)
            if total > budget:
                break
    except zlib.error:  # not valid Flate data: the parsers will see for themselves
        pass
    return total


def check_inflated_size(data: bytes, limit: int = MAX_INFLATED_BYTES) -> None:
    """Raise TooComplexError when the PDF's non-image Flate streams inflate to more than `limit` bytes."""
    total = 0
    for match in _STREAM.finditer(data):
        header = _dictionary_before(data, match.start())
        layers = len(_FLATE.findall(header))
        if not layers or _IMAGE.search(header):
            continue
        total += _inflated(data, match.end(), min(layers, 4), limit - total)
        if total > limit:
            raise TooComplexError(
                f"The PDF's content expands to more than {limit // (1024 * 1024)} MB and was rejected."
            )
