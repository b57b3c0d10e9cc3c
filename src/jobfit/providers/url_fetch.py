"""Fetch a job posting's web page for import: bounded in size and in total time, every hop's address checked.

Only http(s) on the default or a given port. Each hop (the URL and every redirect) is resolved once, every
address it resolves to must be global (`is_public`: the standard library's notion, also for the IPv4 address
inside an IPv4-mapped, -compatible, -translated, 6to4 or NAT64 IPv6 address) unless `allow_private`, and the
connection goes to the checked address (no second DNS look-up to rebind).

The fetch runs in the event loop (waiting for a slow server holds no thread) under one deadline for the whole of
it: look-ups, connects, every redirect, the headers and the body. A server that sends a byte just often enough to
keep each read alive is cut off at the deadline all the same.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import anyio
import anyio.to_thread
import certifi
import httpx

MAX_BYTES = 2 * 1024 * 1024
TIMEOUT_S = 10.0
MAX_REDIRECTS = 5
MAX_URL_CHARS = 2048
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "jobfit-job-import/1.0 (+offline resume matcher)"

Resolver = Callable[[str, int], list[str]]
# Look-ups block a thread (getaddrinfo); they get threads of their own, so slow DNS cannot take the threads that
# other requests need, and a look-up past the deadline is abandoned.
_LOOKUPS = anyio.CapacityLimiter(8)
# the well-known NAT64 prefix (RFC 6052): 64:ff9b::a.b.c.d reaches the IPv4 address a.b.c.d
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


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


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address reaches, in the forms that carry one: IPv4-mapped (::ffff:a.b.c.d),
    IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d), 6to4 (2002:AABB:CCDD::/48) and NAT64
    (64:ff9b::a.b.c.d); None for the others."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    high, low = int(ip) >> 32, ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if high in (0, 0xFFFF0000) and int(low) > 1:  # compatible, translated (:: and ::1 are themselves)
        return low
    if ip in _NAT64:
        return low
    return None


def is_public(address: str) -> bool:
    """Whether `address` is globally reachable: `is_global` of the standard library and neither multicast nor
    reserved (nor IPv6 site-local, fec0::/10); an IPv6 form that carries an IPv4 address is judged by that
    address, and Teredo by both of its ends."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            return is_public(str(inner))
        if ip.teredo is not None and not all(is_public(str(end)) for end in ip.teredo):
            return False
        if ip.is_site_local:
            return False
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def _checked_url(url: str) -> tuple[str, int]:
    """(host, port) of `url` after the length, scheme and credential checks."""
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
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


async def _checked_address(host: str, port: int, allowed: Callable[[str], bool], resolver: Resolver) -> str:
    """The address to connect to for `host`: every address it resolves to must be allowed."""
    addresses = await anyio.to_thread.run_sync(resolver, host, port, abandon_on_cancel=True, limiter=_LOOKUPS)
    if not addresses:
        raise FetchRefused("unreachable", f"The host {host!r} could not be found.")
    if not all(allowed(a) for a in addresses):
        raise FetchRefused("private_address",
                           "The URL points to a private, loopback or link-local address, which is not fetched.")
    return addresses[0]


def _via_address(url: str, address: str) -> str:
    """`url` with its host replaced by the checked address (the Host header and TLS name keep the name)."""
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


async def fetch_page(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES,
                     timeout_s: float = TIMEOUT_S, resolver: Resolver = resolve,
                     address_allowed: Callable[[str], bool] | None = None) -> FetchedPage:
    """The page at `url` as text, all of it within `timeout_s`. Raises FetchRefused (bad URL, refused address,
    too large, too slow, not HTML, an HTTP error, too many redirects). `address_allowed` replaces the
    public-address rule (tests)."""
    allowed = address_allowed or ((lambda _address: True) if allow_private else is_public)
    try:
        with anyio.fail_after(timeout_s):
            return await _fetch(url, allowed, resolver, max_bytes, timeout_s)
    except TimeoutError:
        raise FetchRefused("timeout", f"The page did not arrive within {timeout_s:g} s.") from None


@functools.cache
def _tls() -> ssl.SSLContext:
    """The TLS settings of every fetch, made once: loading the CA bundle costs ~0.1 s of CPU, in the event loop."""
    return ssl.create_default_context(cafile=certifi.where())


async def _fetch(url: str, allowed: Callable[[str], bool], resolver: Resolver, max_bytes: int,
                 timeout_s: float) -> FetchedPage:
    async with httpx.AsyncClient(follow_redirects=False, verify=_tls(), trust_env=False,
                                 timeout=httpx.Timeout(timeout_s, connect=min(5.0, timeout_s))) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            host, port = _checked_url(url)
            address = await _checked_address(host, port, allowed, resolver)
            headers = {"Host": host if port in (80, 443) else f"{host}:{port}", "User-Agent": USER_AGENT,
                       "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"}
            request = client.build_request("GET", _via_address(url, address), headers=headers,
                                           extensions={"sni_hostname": host})
            try:
                response = await client.send(request, stream=True)
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
                return await _read(response, url, max_bytes)
            finally:
                await response.aclose()
    raise FetchRefused("too_many_redirects", f"The page redirected more than {MAX_REDIRECTS} times.")


async def _read(response: httpx.Response, url: str, max_bytes: int) -> FetchedPage:
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
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise FetchRefused("too_large", f"The page is larger than {max_bytes // (1024 * 1024)} MB.")
    except httpx.TimeoutException:
        raise FetchRefused("timeout", "The page stopped sending before its end.") from None
    except httpx.HTTPError:
        raise FetchRefused("unreachable", "The page could not be read to its end.") from None
    charset = response.charset_encoding or "utf-8"
    try:
        text = bytes(body).decode(charset, errors="replace")
    except LookupError:
        text = bytes(body).decode("utf-8", errors="replace")
    return FetchedPage(url=url, text=text, content_type=content_type or "text/html")
