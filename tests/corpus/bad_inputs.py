"""The bad-input corpus: every hostile or malformed request jobfit was found to mishandle, and its neighbours.

`cases()` generates them (PDF and text bombs, NUL and control characters in every text field, offsets past
bigint, disguised HTML, archive bombs, broken JSON and multipart, wrong types, bad tokens); `slow_cases()` are
the connections that never finish. tests/integration/test_bad_inputs.py pushes each through the API. Run
`python -m tests.corpus.bad_inputs` to list them.
"""

from __future__ import annotations

import io
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.corpus.pdf_builder import pdf_with_content

API = "/api/v1"
NO_ID = "00000000-0000-4000-8000-000000000000"
RESUME = b"Jane Doe\njane@example.com\n\nExperience\nPython developer at Acme, 2019 - 2023\n\nSkills\nPython, SQL\n"
HTML = (b"<!DOCTYPE html><html><head><title>Jane Doe</title><script>track()</script></head>"
        b"<body><h1>Jane Doe</h1><p>Python developer, jane@example.com</p></body></html>")
JOB = {"title": "Python developer", "description": "Build data services in Python and SQL. 3+ years."}
CONTROL = {"nul": "\x00", "bell": "\x07", "escape": "\x1b[31m", "delete": "\x7f"}


@dataclass(frozen=True)
class BadInput:
    """One request: `build()` gives httpx keyword arguments (made on demand: some are megabytes)."""

    name: str
    method: str
    path: str
    build: Callable[[], dict[str, Any]]
    statuses: tuple[int, ...] = (422,)
    code: str | None = None  # the expected `code` of the error body, where one specific code is the answer
    signed_in: bool = True
    tags: tuple[str, ...] = field(default=())


def _deflate_spaces(megabytes: int) -> bytes:
    """`megabytes` MB of spaces, deflated in 1 MB pieces: the generator never holds the inflated bytes."""
    squeezer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    return b"".join(squeezer.compress(chunk) for _ in range(megabytes)) + squeezer.flush()


def _flate_bomb(inflated_mb: int) -> bytes:
    """A one-page PDF whose content stream inflates to `inflated_mb` MB."""
    return pdf_with_content(b"", compressed=_deflate_spaces(inflated_mb))


def _nested_flate_bomb() -> bytes:
    """Two Flate layers around 256 MB: each layer alone is small."""
    return pdf_with_content(b"", flate_layers=2, compressed=zlib.compress(_deflate_spaces(256), 9))


def _slow_pdf() -> bytes:  # 4.7 kB: 2 MB of path operators that pdfminer's fallback walks (~15 s CPU)
    return pdf_with_content(b"0 0 m 10 10 l S\n" * (2 * 1024 * 1024 // 16))


def _hungry_pdf() -> bytes:  # 120 kB: 1.2M text objects for PDFium (~670 MB to read in-process)
    return pdf_with_content(b"BT /F1 11 Tf 72 700 Td (A) Tj ET\n" * (40 * 1024 * 1024 // 33))


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _docx_bomb() -> bytes:
    """A DOCX whose document.xml inflates to 200 MB (written in pieces)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as member:
            for _ in range(200):
                member.write(b"\0" * (1024 * 1024))
    return buf.getvalue()


def _docx_xxe() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml":
                 b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'})


def _docx_billion_laughs() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    doc = f'<?xml version="1.0"?><!DOCTYPE d [{entities}]><d>&l9;</d>'.encode()
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": doc})


def _upload(name: str, data: Callable[[], bytes], form: dict[str, str] | None = None) -> Callable[[], dict[str, Any]]:
    return lambda: {"files": {"file": (name, data())}, "data": form or {}}


def _file_cases() -> Iterator[BadInput]:
    files: list[tuple[str, str, Callable[[], bytes], str, tuple[int, ...]]] = [
        ("pdf bomb: 1 GB content stream in 1 MB", "bomb.pdf", lambda: _flate_bomb(1024), "too_complex", (422,)),
        ("pdf bomb: two Flate layers", "nested.pdf", _nested_flate_bomb, "too_complex", (422,)),
        ("pdf that takes minutes of CPU", "slow.pdf", _slow_pdf, "too_complex", (422,)),
        ("pdf that needs GBs of memory", "hungry.pdf", _hungry_pdf, "too_complex", (422,)),
        ("text bomb: 9.9 MB of text", "huge.txt", lambda: b"Python developer. " * (9_900_000 // 18), "too_long",
         (422,)),
        ("text past 100k characters", "long.md", lambda: b"word " * 30_000, "too_long", (422,)),
        ("html saved as .pdf", "cv.pdf", lambda: HTML, "unsupported_type", (422,)),
        ("html saved as .txt", "cv.txt", lambda: HTML, "unsupported_type", (422,)),
        ("html saved as .docx", "cv.docx", lambda: HTML, "unsupported_type", (422,)),
        ("html without an extension", "resume", lambda: HTML, "unsupported_type", (422,)),
        ("docx zip bomb", "bomb.docx", _docx_bomb, "zip_bomb", (422,)),
        ("docx with an external entity", "xxe.docx", _docx_xxe, "xml_entities", (422,)),
        ("docx with nested entities", "laughs.docx", _docx_billion_laughs, "xml_entities", (422,)),
        ("empty file", "empty.pdf", lambda: b"", "empty_file", (422,)),
        ("truncated pdf", "cv.pdf", lambda: b"%PDF-1.7\n1 0 obj <<>> trunc", "corrupt_file", (422,)),
        ("png image", "cv.png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "unsupported_type", (422,)),
        ("binary noise as .txt", "cv.txt", lambda: bytes(range(256)) * 40, None, (422,)),
        ("file over 10 MB", "big.pdf", lambda: b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 10), None, (413,)),
    ]
    for label, filename, data, code, statuses in files:
        yield BadInput(f"resume upload: {label}", "POST", f"{API}/documents/upload/resume", _upload(filename, data),
                       statuses, code, tags=("file",))
    for label, filename, data, code, statuses in files[:12]:
        yield BadInput(f"job file upload: {label}", "POST", f"{API}/documents/upload/job-description/file",
                       _upload(filename, data), statuses, code, tags=("file",))
    header = b"resume_id,sex,race_ethnicity\n"
    reports: list[tuple[str, Callable[[], bytes], str | None, tuple[int, ...]]] = [
        ("binary noise", lambda: bytes(range(256)) * 40, "invalid_self_reports", (422,)),
        ("html", lambda: HTML, "invalid_self_reports", (422,)),
        ("a resume instead of a table", lambda: RESUME, "invalid_self_reports", (422,)),
        ("a row naming no resume", lambda: header + f"{NO_ID},Female,Asian\n".encode(), "invalid_self_reports",
         (422,)),
        ("a cell of a megabyte", lambda: header + b"x" * 1_000_000 + b",Female,Asian\n", "invalid_self_reports",
         (422,)),
        ("file over 10 MB", lambda: header + b"0" * (10 * 1024 * 1024 + 10), None, (413,)),
    ]
    for label, data, code, statuses in reports:
        yield BadInput(f"self-reports upload: {label}", "POST", f"{API}/self-reports", _upload("reports.csv", data),
                       statuses, code, tags=("file",))


def _text_cases() -> Iterator[BadInput]:
    for field_name in ("title", "description", "company", "requirements", "location", "salary_range"):
        for what, char in CONTROL.items():
            if what != "nul" and field_name not in ("title", "description"):
                continue
            yield BadInput(f"job field {field_name} with {what}", "POST", f"{API}/documents/upload/job-description",
                           lambda f=field_name, c=char: {"json": {**JOB, f: f"x {c} y"}}, tags=("text",))
    yield BadInput("resume upload title with NUL", "POST", f"{API}/documents/upload/resume",
                   _upload("cv.txt", lambda: RESUME, {"title": "My\x00CV"}), tags=("text",))
    yield BadInput("job file company with NUL", "POST", f"{API}/documents/upload/job-description/file",
                   _upload("jd.txt", lambda: JOB["description"].encode(), {"company": "Acme\x00"}), tags=("text",))
    for kind in ("resumes", "job-descriptions"):
        yield BadInput(f"rename {kind} with NUL", "PATCH", f"{API}/documents/{kind}/{NO_ID}",
                       lambda: {"json": {"title": "a\x00b"}}, tags=("text",))
    yield BadInput("feedback text with NUL", "POST", f"{API}/feedback",
                   lambda: {"json": {"target_type": "overall", "rating": 4, "feedback_text": "ok\x00"}}, tags=("text",))
    yield BadInput("feedback context with NUL", "POST", f"{API}/feedback",
                   lambda: {"json": {"target_type": "overall", "rating": 4, "context": {"k\x00": "v\x00"}}},
                   tags=("text",))
    yield BadInput("decision reason with NUL", "POST", f"{API}/decisions",
                   lambda: {"json": {"match_result_id": NO_ID, "decision": "hold", "reason": "no\x00"}}, tags=("text",))
    yield BadInput("suggestion decision feedback with NUL", "PATCH", f"{API}/suggestions/{NO_ID}",
                   lambda: {"json": {"status": "rejected", "feedback": "no\x00"}}, tags=("text",))
    yield BadInput("login username with NUL", "POST", f"{API}/auth/login",
                   lambda: {"data": {"username": "a\x00@example.com", "password": "whatever12"}}, signed_in=False,
                   tags=("text",))
    yield BadInput("register email with NUL", "POST", f"{API}/auth/register",
                   lambda: {"json": {"email": "a\x00@example.com", "password": "correct horse battery"}},
                   signed_in=False, tags=("text",))


def _number_cases() -> Iterator[BadInput]:
    for path in ("documents/resumes", "documents/job-descriptions", "matching/results", "feedback"):
        yield BadInput(f"{path}: offset 2^63", "GET", f"{API}/{path}", lambda: {"params": {"offset": 2**63}},
                       tags=("number",))
        yield BadInput(f"{path}: offset 10^30", "GET", f"{API}/{path}", lambda: {"params": {"offset": 10**30}},
                       tags=("number",))
    yield BadInput("negative offset", "GET", f"{API}/documents/resumes", lambda: {"params": {"offset": -1}},
                   tags=("number",))
    yield BadInput("limit of a billion", "GET", f"{API}/documents/resumes", lambda: {"params": {"limit": 10**9}},
                   tags=("number",))
    yield BadInput("rank top_k past its cap", "POST", f"{API}/matching/rank-resumes",
                   lambda: {"json": {"job_id": NO_ID, "top_k": 10**12}}, tags=("number",))
    yield BadInput("feedback rating 2^70", "POST", f"{API}/feedback",
                   lambda: {"json": {"target_type": "overall", "rating": 2**70}}, tags=("number",))


def _json_cases() -> Iterator[BadInput]:
    raw = {"content-type": "application/json"}
    bodies = {
        "truncated JSON": b'{"title": "Python developer", "descr',
        "JSON array for an object": b'["title", "description"]',
        "JSON null": b"null",
        "JSON nested 100000 deep": b"[" * 100_000 + b"]" * 100_000,
        "invalid UTF-8 in JSON": b'{"title": "\xff\xfe", "description": "x"}',
        "lone surrogate escape": b'{"title": "\\ud800", "description": "Build services in Python."}',
        "NaN where text belongs": b'{"title": NaN, "description": "x"}',
    }
    for label, body in bodies.items():
        yield BadInput(f"job upload: {label}", "POST", f"{API}/documents/upload/job-description",
                       lambda b=body: {"content": b, "headers": raw}, (400, 422), tags=("json",))
    yield BadInput("job upload: wrong types", "POST", f"{API}/documents/upload/job-description",
                   lambda: {"json": {"title": 5, "description": ["a"], "job_type": True}}, tags=("json",))
    yield BadInput("job upload: form body to a JSON endpoint", "POST", f"{API}/documents/upload/job-description",
                   lambda: {"data": JOB}, tags=("json",))
    yield BadInput("job upload: description past its cap", "POST", f"{API}/documents/upload/job-description",
                   lambda: {"json": {**JOB, "description": "x" * 200_001}}, tags=("json",))
    yield BadInput("analyze: ids that are not UUIDs", "POST", f"{API}/matching/analyze",
                   lambda: {"json": {"resume_id": "../../etc/passwd", "job_id": 5}}, tags=("json",))
    yield BadInput("analyze: ids of nothing", "POST", f"{API}/matching/analyze",
                   lambda: {"json": {"resume_id": NO_ID, "job_id": NO_ID}}, (404,), tags=("json",))
    yield BadInput("rank: 5001 resume ids", "POST", f"{API}/matching/rank-resumes",
                   lambda: {"json": {"job_id": NO_ID, "resume_ids": [str(uuid.uuid4()) for _ in range(5001)]}},
                   tags=("json",))
    yield BadInput("apply: no suggestions", "POST", f"{API}/resumes/{NO_ID}/apply-suggestions",
                   lambda: {"json": {"suggestion_ids": []}}, tags=("json",))
    yield BadInput("path id that is not a UUID", "GET", f"{API}/documents/resumes/not-a-uuid", lambda: {},
                   tags=("json",))
    yield BadInput("multipart without its boundary", "POST", f"{API}/documents/upload/resume",
                   lambda: {"content": b"--X\r\n\r\nhello\r\n--X--\r\n",
                            "headers": {"content-type": "multipart/form-data"}}, (400, 422), tags=("json",))
    yield BadInput("multipart without the file field", "POST", f"{API}/documents/upload/resume",
                   lambda: {"files": {"other": ("cv.txt", RESUME)}}, tags=("json",))


def _auth_cases() -> Iterator[BadInput]:
    tokens = {
        "garbage token": "Bearer not.a.token",
        "alg none token": "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIn0.",
        "bearer without a token": "Bearer",
        "basic auth": "Basic dXNlcjpwYXNz",
    }
    for label, value in tokens.items():
        yield BadInput(f"list with {label}", "GET", f"{API}/documents/resumes",
                       lambda v=value: {"headers": {"Authorization": v}}, (401,), signed_in=False, tags=("auth",))
    yield BadInput("register with a common password", "POST", f"{API}/auth/register",
                   lambda: {"json": {"email": f"u{uuid.uuid4().hex[:8]}@example.com", "password": "password"}},
                   signed_in=False, tags=("auth",))
    yield BadInput("register with eight spaces", "POST", f"{API}/auth/register",
                   lambda: {"json": {"email": f"u{uuid.uuid4().hex[:8]}@example.com", "password": " " * 8}},
                   signed_in=False, tags=("auth",))
    yield BadInput("login with a 1 MB password", "POST", f"{API}/auth/login",
                   lambda: {"data": {"username": "a@example.com", "password": "x" * 1_000_000}}, signed_in=False,
                   tags=("auth",))


def cases() -> list[BadInput]:
    return [*_file_cases(), *_text_cases(), *_number_cases(), *_json_cases(), *_auth_cases()]


@dataclass(frozen=True)
class SlowInput:
    """A connection that sends `head`, then `trickle` (well-formed, so only a timeout can end it) every second,
    and never finishes; an empty `trickle` sends nothing more."""

    name: str
    head: bytes
    trickle: bytes


def slow_cases(token: str) -> list[SlowInput]:
    upload = (f"POST {API}/documents/upload/resume HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
              "Content-Type: multipart/form-data; boundary=B\r\n").encode()
    return [
        SlowInput("headers that never finish", b"GET /health HTTP/1.1\r\nHost: x\r\n", trickle=b"x"),
        SlowInput("a body shorter than its Content-Length", upload + b"Content-Length: 100000\r\n\r\n--B\r\n",
                  trickle=b""),
        SlowInput("a chunked body that never ends", upload + b"Transfer-Encoding: chunked\r\n\r\n5\r\n--B\r\n\r\n",
                  trickle=b"1\r\nx\r\n"),
    ]


if __name__ == "__main__":
    for case in cases():
        print(f"{case.method:6} {case.path:58} {'/'.join(map(str, case.statuses))} {case.name}")
    for slow in slow_cases("TOKEN"):
        print(f"{'SLOW':6} {'':58} {'':3} {slow.name}")
    print(f"{len(cases()) + len(slow_cases('TOKEN'))} cases")
