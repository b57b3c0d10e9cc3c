"""The bad-input corpus (tests/corpus/bad_inputs.py) through the real API on loopback: every case is a 4xx
with a clear message (a `detail` sentence and a `code`), the server stays healthy after each, the server process
grows by at most 300 MB at its peak over the whole corpus, and no row or file is left behind."""

from __future__ import annotations

import resource
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from jobfit.http.server import HeaderTimeoutProtocol
from jobfit.runtime import Runtime
from tests.corpus.bad_inputs import API, cases, slow_cases
from tests.integration.conftest import register_and_login, serving

MAX_GROWTH_MB = 300
GROUPS = sorted({tag for case in cases() for tag in case.tags})


@pytest.fixture(scope="module")
def server(runtime: Runtime) -> Iterator[str]:
    # a 2 s parse budget, so the minutes-long documents are cut off quickly; the limits are otherwise the defaults
    with serving(runtime, parse_timeout=2.0, body_timeout=2.0) as url:
        yield url


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stored_files(runtime: Runtime) -> list[Path]:
    root = runtime.settings.files_dir
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _assert_nothing_stored(http: httpx.Client, auth: dict[str, str], runtime: Runtime) -> None:
    for listing in ("documents/resumes", "documents/job-descriptions", "matching/results", "feedback"):
        r = http.get(f"{API}/{listing}", headers=auth)
        assert r.status_code == 200 and r.json()["total"] == 0, (listing, r.text)
    assert _stored_files(runtime) == []


@pytest.mark.parametrize("group", GROUPS)
def test_every_bad_input_is_a_clear_4xx_and_leaves_the_server_healthy(server: str, runtime: Runtime,
                                                                       group: str) -> None:
    failures: list[str] = []
    with httpx.Client(base_url=server, timeout=120) as http:
        auth = register_and_login(http)
        before = _peak_rss_mb()
        for case in [c for c in cases() if group in c.tags]:
            kwargs = case.build()
            headers = {**(auth if case.signed_in else {}), **kwargs.pop("headers", {})}
            r = http.request(case.method, case.path, headers=headers, **kwargs)
            body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
            if r.status_code not in case.statuses:
                failures.append(f"{case.name}: {r.status_code} {r.text[:200]}")
            elif not (isinstance(body.get("detail"), str) and len(body["detail"]) > 10 and body.get("code")):
                failures.append(f"{case.name}: unclear error body {r.text[:200]}")
            elif case.code and body["code"] != case.code:
                failures.append(f"{case.name}: code {body['code']}, expected {case.code}")
            health = http.get("/health")
            if health.status_code != 200:
                failures.append(f"{case.name}: /health answered {health.status_code} after it")
        growth = _peak_rss_mb() - before
        assert not failures, "\n".join(failures)
        assert growth <= MAX_GROWTH_MB, f"the server's peak memory grew {growth:.0f} MB"
        _assert_nothing_stored(http, auth, runtime)


def test_connections_that_never_finish_are_cut_off_and_the_server_stays_healthy(
        server: str, runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(HeaderTimeoutProtocol, "header_timeout", 1.0)
    port = int(server.rsplit(":", 1)[1])
    with httpx.Client(base_url=server, timeout=30) as http:
        auth = register_and_login(http)
        token = auth["Authorization"].split()[1]
        for case in slow_cases(token):
            sock = socket.create_connection(("127.0.0.1", port), timeout=1)
            sock.sendall(case.head)
            started, answer = time.monotonic(), b""
            while time.monotonic() - started < 8:
                try:
                    chunk = sock.recv(4096)
                except TimeoutError:
                    if case.trickle:
                        sock.sendall(case.trickle)
                    continue
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                answer += chunk
            sock.close()
            assert time.monotonic() - started < 8, f"{case.name}: still open"
            assert not answer or answer.startswith(b"HTTP/1.1 408"), (case.name, answer[:200])
            assert http.get("/health").status_code == 200
        _assert_nothing_stored(http, auth, runtime)
