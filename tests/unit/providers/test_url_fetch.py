"""Fetching a job page: address checks on every hop, size and time limits, only web pages."""

from __future__ import annotations

import functools
import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import anyio
import pytest

from jobfit.providers import url_fetch
from jobfit.providers.url_fetch import FetchedPage, FetchRefused, is_public


def fetch_page(url: str, **options: Any) -> FetchedPage:
    return anyio.run(functools.partial(url_fetch.fetch_page, url, **options))


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        routes = {
            "/job": (200, "text/html; charset=utf-8", b"<h1>Job</h1><p>Python</p>"),
            "/latin": (200, "text/html; charset=iso-8859-1", "<p>Café</p>".encode("latin-1")),
            "/pdf": (200, "application/pdf", b"%PDF-1.4"),
            "/missing": (404, "text/html", b"no"),
            "/big": (200, "text/html", b"x" * 5000),
        }
        if self.path.startswith("/redirect"):
            port = self.server.server_address[1]
            target = {"/redirect": "/job", "/redirect-private": f"http://internal.test:{port}/job",
                      "/redirect-nat64": f"http://[64:ff9b::127.0.0.1]:{port}/job"}.get(self.path, "/redirect-loop")
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>drip</p>")
                self.wfile.flush()
                time.sleep(0.1)
            return
        if self.path == "/drip-headers":  # a header byte every 0.1 s: each read is quick, the whole is not
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(60):
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.1)
            return
        code, kind, body = routes.get(self.path, (404, "text/plain", b""))
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_loopback_is_refused_unless_allowed(server: str) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_page(f"{server}/job")
    assert refused.value.code == "private_address"
    page = fetch_page(f"{server}/job", allow_private=True)
    assert page.text == "<h1>Job</h1><p>Python</p>" and page.content_type == "text/html"


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4", "169.254.169.254",
                                     "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "0.0.0.0", "224.0.0.1",
                                     "100.64.0.1", "::", "ff02::1", "not an address"])
def test_non_public_addresses(address: str) -> None:
    assert not is_public(address)


# Each of these was taken for public: loopback and private IPv4 inside NAT64, 6to4, IPv4-compatible and
# IPv4-translated IPv6 addresses, the local-use NAT64 prefix, and the site-local range.
@pytest.mark.parametrize("address", ["64:ff9b::127.0.0.1", "64:ff9b::a00:1", "2002:7f00:1::1", "2002:c0a8:1::",
                                     "::127.0.0.1", "::10.0.0.1", "::ffff:0:127.0.0.1", "::ffff:0:a9fe:a9fe",
                                     "64:ff9b:1::1", "64:ff9b:1::8.8.8.8", "fec0::1", "fec0::127.0.0.1",
                                     "2001:0:7f00:1::1", "fe80::1%eth0"])
def test_non_global_addresses_in_every_ipv6_form(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "64:ff9b::8.8.8.8", "2002:808:808::1",
                                     "::ffff:8.8.8.8"])
def test_public_addresses(address: str) -> None:
    assert is_public(address)


def _literal_or(name_to: str) -> Any:
    def resolver(host: str, _port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            return [name_to]
    return resolver


def test_a_nat64_address_is_refused_directly_and_after_a_redirect(server: str) -> None:
    """The test server's own loopback address stands for a public one; the NAT64 form of loopback does not."""
    port = server.rsplit(":", 1)[1]
    allowed = {"address_allowed": lambda address: address == "127.0.0.1" or is_public(address)}
    with pytest.raises(FetchRefused) as refused:
        fetch_page(f"http://[64:ff9b::127.0.0.1]:{port}/job", **allowed)
    assert refused.value.code == "private_address"
    assert "Python" in fetch_page(f"http://public.test:{port}/job", resolver=_literal_or("127.0.0.1"), **allowed).text
    with pytest.raises(FetchRefused) as refused:
        fetch_page(f"http://public.test:{port}/redirect-nat64", resolver=_literal_or("127.0.0.1"), **allowed)
    assert refused.value.code == "private_address"


def test_a_name_resolving_to_any_private_address_is_refused() -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_page("http://jobs.example.com/x", resolver=lambda host, port: ["93.184.215.14", "10.0.0.5"])
    assert refused.value.code == "private_address"


def test_a_redirect_to_a_private_address_is_checked_again(server: str) -> None:
    """Only the test server's own address is allowed; the redirect names a host that resolves elsewhere."""
    seen: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        seen.append(host)
        return ["127.0.0.1"] if host == "public.test" else ["127.0.0.2"]

    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchRefused) as refused:
        fetch_page(f"http://public.test:{port}/redirect-private", resolver=resolver,
                   address_allowed=lambda address: address == "127.0.0.1")
    assert refused.value.code == "private_address"
    assert seen == ["public.test", "internal.test"]


def test_redirects_are_followed_and_bounded(server: str) -> None:
    page = fetch_page(f"{server}/redirect", allow_private=True)
    assert page.url.endswith("/job") and "Python" in page.text
    with pytest.raises(FetchRefused) as refused:
        fetch_page(f"{server}/redirect-loop", allow_private=True)
    assert refused.value.code == "too_many_redirects"


@pytest.mark.parametrize(("path", "code"), [("/pdf", "unsupported_type"), ("/missing", "http_error")])
def test_only_web_pages_that_answer(server: str, path: str, code: str) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_page(server + path, allow_private=True)
    assert refused.value.code == code


def test_size_and_time_limits(server: str) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_page(f"{server}/big", allow_private=True, max_bytes=1000)
    assert refused.value.code == "too_large"
    started = time.monotonic()
    with pytest.raises(FetchRefused) as refused:
        fetch_page(f"{server}/slow", allow_private=True, timeout_s=0.5)
    assert refused.value.code == "timeout"
    assert time.monotonic() - started < 3


def test_headers_sent_a_byte_at_a_time_are_cut_off_at_the_deadline(server: str) -> None:
    """Every read got a byte in time, so per-read timeouts never fired: the import took as long as the server
    liked (128 s for a byte every 2 s). The deadline covers the whole fetch."""
    started = time.monotonic()
    with pytest.raises(FetchRefused) as refused:
        fetch_page(f"{server}/drip-headers", allow_private=True, timeout_s=0.5)
    assert refused.value.code == "timeout"
    assert time.monotonic() - started < 1.5


def test_declared_charset_is_used(server: str) -> None:
    assert fetch_page(f"{server}/latin", allow_private=True).text == "<p>Café</p>"


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "http://",
                                 "http://user:pw@example.com/", "http://example.com:99999/", "x" * 3000])
def test_bad_urls(url: str) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_page(url)
    assert refused.value.code == "invalid_url"
