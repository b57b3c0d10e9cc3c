"""`jobfit serve` under pressure, as a real process: it stops within 10 s whatever is parsing, a client that hangs
up cancels its parse, and it recovers by itself when its Postgres dies."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.corpus.pdf_builder import pdf_with_content
from tests.integration.test_serve import JOBFIT, _free_port, _group, _wait_healthy
from tests.integration.test_serve import data_dir as data_dir  # the fixture

# 4.7 kB: no text and 2 MB of path operators, which pdfminer's fallback walks for ~15 s
SLOW_PDF = pdf_with_content(b"0 0 m 10 10 l S\n" * (2 * 1024 * 1024 // 16))
PASSWORD = "correct horse battery"


def _serve(data_dir: Path, *args: str, **env: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    environ = {**os.environ, "JOBFIT_DATA_DIR": str(data_dir), "JOBFIT_LOG_LEVEL": "warning",
               "JOBFIT_PARSE_TIMEOUT": "60", **env}
    environ.pop("DATABASE_URL", None)
    proc = subprocess.Popen([*JOBFIT, "serve", "--port", str(port), *args], env=environ, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, proc)
    return proc, url


def _sign_in(url: str) -> dict[str, str]:
    email = "pressure@example.com"
    httpx.post(f"{url}/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    r = httpx.post(f"{url}/api/v1/auth/login", data={"username": email, "password": PASSWORD})
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=60)


@pytest.mark.parametrize(("sig", "workers"), [(signal.SIGINT, "2"), (signal.SIGTERM, "1")])
def test_the_server_stops_within_10_s_while_it_parses(data_dir: Path, sig: signal.Signals, workers: str) -> None:
    proc, url = _serve(data_dir, "--workers", workers)
    try:
        auth = _sign_in(url)
        def post_slow_upload() -> None:
            with contextlib.suppress(httpx.HTTPError):  # the stopping server may close the connection
                httpx.post(f"{url}/api/v1/documents/upload/resume", headers=auth,
                           files={"file": ("cv.pdf", SLOW_PDF)}, timeout=60)

        upload = threading.Thread(target=post_slow_upload)
        upload.start()
        time.sleep(2)  # the parse is running
        started = time.monotonic()
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # Ctrl-C in a terminal reaches the whole group
        else:
            proc.send_signal(sig)
        _out, err = proc.communicate(timeout=30)
        assert time.monotonic() - started < 10, err
        upload.join(10)
    finally:
        _stop(proc)
    assert "Traceback" not in err, err
    assert not (data_dir / "postgres" / "data" / "postmaster.pid").exists()
    deadline = time.monotonic() + 5
    while _group(proc.pid):
        assert time.monotonic() < deadline, "a process outlived the server"
        time.sleep(0.2)


def test_a_client_that_hangs_up_cancels_its_parse(data_dir: Path) -> None:
    proc, url = _serve(data_dir, "--workers", "1")
    try:
        auth = _sign_in(url)
        time.sleep(1)
        idle = len(_group(proc.pid))  # the server and its parse forkserver
        body = (b'--B\r\nContent-Disposition: form-data; name="file"; filename="cv.pdf"\r\n'
                b"Content-Type: application/pdf\r\n\r\n" + SLOW_PDF + b"\r\n--B--\r\n")
        head = (f"POST /api/v1/documents/upload/resume HTTP/1.1\r\nHost: x\r\nAuthorization: {auth['Authorization']}"
                f"\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        sock = socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])))
        sock.sendall(head + body)
        deadline = time.monotonic() + 10
        while len(_group(proc.pid)) <= idle:
            assert time.monotonic() < deadline, "no parse started"
            time.sleep(0.05)
        sock.close()  # the client hangs up
        deadline = time.monotonic() + 3
        while len(_group(proc.pid)) > idle:
            assert time.monotonic() < deadline, "the parse went on after the client left"
            time.sleep(0.05)
        r = httpx.get(f"{url}/api/v1/documents/resumes", headers=auth)
        assert r.status_code == 200 and r.json()["total"] == 0
    finally:
        _stop(proc)


def test_the_server_recovers_when_its_postgres_dies(data_dir: Path) -> None:
    proc, url = _serve(data_dir, "--workers", "1")
    try:
        auth = _sign_in(url)
        reads = [f"{url}/api/v1/auth/me", f"{url}/api/v1/documents/resumes"]  # a session, and a one-trip read
        assert all(httpx.get(u, headers=auth).status_code == 200 for u in reads)  # their pools hold connections
        pidfile = data_dir / "postgres" / "data" / "postmaster.pid"
        os.kill(int(pidfile.read_text().split()[0]), signal.SIGKILL)
        statuses = set()
        deadline = time.monotonic() + 30
        while True:
            assert time.monotonic() < deadline, f"no recovery; saw {statuses}"
            answers = [httpx.get(u, headers=auth, timeout=10) for u in reads]
            statuses.update(r.status_code for r in answers)
            if all(r.status_code == 200 for r in answers):
                break
            for r in answers:
                outage = r.status_code == 503 and r.json()["code"] == "database_unavailable"
                assert r.status_code == 200 or outage, r.text
            time.sleep(0.3)
        assert httpx.get(f"{url}/health").status_code == 200
        r = httpx.post(f"{url}/api/v1/documents/upload/job-description", headers=auth,
                       json={"title": "Python developer", "description": "Build services in Python and SQL."})
        assert r.status_code == 201, r.text
    finally:
        _stop(proc)
