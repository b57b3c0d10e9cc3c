"""Fetch a job posting's web page for import: bounded in size and time, every hop's address checked.

Only http(s) on the default or a given port. Each hop (the URL and every redirect) is resolved once, every
address it resolves to must be public (private, loopback, link-local, multicast and reserved ranges are refused
unless `allow_private`), and the connection goes to the checked address (no second DNS look-up to rebind).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

MAX_BYTES = 2 * 1024 * 1024
TIMEOUT_S = 10.0
MAX_REDIRECTS = 5
MAX_URL_CHARS = 2048
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "jobfit-job-import/1.0 (+offline resume matcher)"

Resolver = Callable[[str, int], list[str]]


class FetchRefused(ValueError):
    """The URL cannot be imported; `code` names why (as the API's error codes do), the message says it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class FetchedPage:
    url: str  # after redirects
    text: str
    content_type: str


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchRefused("unreachable", f"The host {host!r} could not be found.") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _checked_target(url: str, allowed: Callable[[str], bool], resolver: Resolver) -> tuple[str, str, int, str]:
    """(scheme, host, port, address) of `url` after the scheme, host and address checks."""
    if len(url) > MAX_URL_CHARS:
        raise FetchRefused("invalid_url", f"The URL is longer than {MAX_URL_CHARS} characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchRefused("invalid_url", "The URL is not valid.") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchRefused("invalid_url", "Give an http:// or https:// address of a job posting.")
    if parts.username or parts.password:
        raise FetchRefused("invalid_url", "URLs with a user name or password are not fetched.")
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = resolver(parts.hostname, port)
    if not addresses:
        raise FetchRefused("unreachable", f"The host {parts.hostname!r} could not be found.")
    if not all(allowed(a) for a in addresses):
        raise FetchRefused("private_address",
                           "The URL points to a private, loopback or link-local address, which is not fetched.")
    return parts.scheme, parts.hostname, port, addresses[0]


def _via_address(url: str, address: str) -> str:
    """`url` with its host replaced by the checked address (the Host header and TLS name keep the name)."""
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def fetch_page(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES, timeout_s: float = TIMEOUT_S,
               resolver: Resolver = resolve, address_allowed: Callable[[str], bool] | None = None) -> FetchedPage:
    """The page at `url` as text. Raises FetchRefused (bad URL, refused address, too large, too slow, not HTML,
    an HTTP error, too many redirects). `address_allowed` replaces the public-address rule (tests)."""
    allowed = address_allowed or ((lambda _address: True) if allow_private else is_public)
    deadline = time.monotonic() + timeout_s
    with httpx.Client(follow_redirects=False, verify=True, trust_env=False,
                      timeout=httpx.Timeout(timeout_s, connect=min(5.0, timeout_s))) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            _scheme, host, port, address = _checked_target(url, allowed, resolver)
            headers = {"Host": host if port in (80, 443) else f"{host}:{port}", "User-Agent": USER_AGENT,
                       "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"}
            request = client.build_request("GET", _via_address(url, address), headers=headers,
                                           extensions={"sni_hostname": host})
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise FetchRefused("timeout", f"The page did not answer within {timeout_s:g} s.") from None
            except httpx.HTTPError:
                raise FetchRefused("unreachable", "The page could not be reached.") from None
            try:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    if not location:
                        raise FetchRefused("http_error", "The page redirected without saying where.")
                    url = urljoin(url, location)
                    continue
                return _read(response, url, max_bytes, deadline, timeout_s)
            finally:
                response.close()
    raise FetchRefused("too_many_redirects", f"The page redirected more than {MAX_REDIRECTS} times.")


def _read(response: httpx.Response, url: str, max_bytes: int, deadline: float, timeout_s: float) -> FetchedPage:
    if response.status_code >= 400:
        raise FetchRefused("http_error", f"The page answered HTTP {response.status_code}.")
    content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type and content_type not in ACCEPTED_TYPES:
        raise FetchRefused("unsupported_type", f"The URL is not a web page (it is {content_type}).")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused("too_large", f"The page is larger than {max_bytes // (1024 * 1024)} MB.")
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise FetchRefused("too_large", f"The page is larger than {max_bytes // (1024 * 1024)} MB.")
            if time.monotonic() > deadline:
                raise FetchRefused("timeout", f"The page did not arrive within {timeout_s:g} s.")
    except httpx.TimeoutException:
        raise FetchRefused("timeout", f"The page did not arrive within {timeout_s:g} s.") from None
    except httpx.HTTPError:
        raise FetchRefused("unreachable", "The page could not be read to its end.") from None
    charset = response.charset_encoding or "utf-8"
    try:
        text = bytes(body).decode(charset, errors="replace")
    except LookupError:
        text = bytes(body).decode("utf-8", errors="replace")
    return FetchedPage(url=url, text=text, content_type=content_type or "text/html")
