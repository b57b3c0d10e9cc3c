"""Connections under misuse: slow headers and bodies are cut off, a 500 keeps the connection usable, and every
response carries the security headers."""

from __future__ import annotations

import http.client
import logging
import socket
import time
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from jobfit.http.server import HeaderTimeoutProtocol
from jobfit.runtime import Runtime
from tests.integration.conftest import register_and_login

API = "/api/v1"


def _connect(url: str) -> socket.socket:
    parsed = urlparse(url)
    return socket.create_connection((parsed.hostname, parsed.port), timeout=10)


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        while sock.recv(4096):  # a 408 may come first; then the server closes
            pass
        return True
    except (TimeoutError, ConnectionResetError):
        return False


def test_headers_and_bodies_that_never_finish_are_cut_off(runtime: Runtime, live_server: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(HeaderTimeoutProtocol, "header_timeout", 1.0)
    slow_headers, slow_bodies = [], []
    for _ in range(20):
        sock = _connect(live_server)
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # headers never end
        slow_headers.append(sock)
    for _ in range(20):
        sock = _connect(live_server)
        sock.sendall(b"POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n5\r\n{\"ema\r\n")  # the body never ends
        slow_bodies.append(sock)
    started = time.monotonic()
    assert all(_closed_by_server(s, 5) for s in slow_headers)
    assert all(_closed_by_server(s, 5) for s in slow_bodies)  # the live server's body timeout is 2 s
    assert time.monotonic() - started < 8
    # the server still answers
    conn = http.client.HTTPConnection(urlparse(live_server).hostname, urlparse(live_server).port, timeout=5)
    conn.request("GET", "/health")
    assert conn.getresponse().status == 200


def test_a_500_keeps_the_connection_and_logs_one_traceback_with_the_request_id(
        runtime: Runtime, live_server: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from jobfit.api.routes import auth

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(auth, "register", broken)
    parsed = urlparse(live_server)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    with caplog.at_level(logging.ERROR):
        conn.request("POST", f"{API}/auth/register", body=b'{"email": "a@example.com", "password": "long enough!"}',
                     headers={"Content-Type": "application/json", "X-Request-ID": "abc123"})
        response = conn.getresponse()
        body = response.read()
    assert response.status == 500 and b'"request_id":"abc123"' in body
    conn.request("GET", "/health")  # the same connection
    assert conn.getresponse().status == 200
    tracebacks = [r for r in caplog.records if r.exc_info]
    assert len(tracebacks) == 1 and "abc123" in tracebacks[0].getMessage()


def test_security_headers_on_json_html_and_tokens(runtime: Runtime) -> None:
    from jobfit.app import create_app

    with TestClient(create_app(runtime), base_url="https://testserver") as client:
        health = client.get("/health")
        docs = client.get("/docs")
        page = client.get("/sign-in")
        email = "headers@example.com"
        client.post(f"{API}/auth/register", json={"email": email, "password": "correct horse battery"})
        token = client.post(f"{API}/auth/login", data={"username": email, "password": "correct horse battery"})
    for response in (health, docs, page, token):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["strict-transport-security"].startswith("max-age=")
    docs_csp = docs.headers["content-security-policy"]
    assert "script-src 'self';" in docs_csp and "http" not in docs_csp  # Swagger UI is served from here
    assert health.headers["content-security-policy"].startswith("default-src 'none'")
    page_csp = page.headers["content-security-policy"]
    assert page.status_code == 200 and "script-src 'self';" in page_csp and "unsafe-inline" not in page_csp
    assert token.status_code == 200 and token.headers["cache-control"] == "no-store"


def test_no_hsts_over_plain_http_and_no_cookie_login(client: TestClient) -> None:
    auth = register_and_login(client)
    assert "strict-transport-security" not in client.get("/health").headers
    token = auth["Authorization"].removeprefix("Bearer ")
    assert client.get(f"{API}/auth/me", headers=auth).status_code == 200
    client.cookies.set("jobfit_token", token)
    assert client.get(f"{API}/auth/me").status_code == 401
