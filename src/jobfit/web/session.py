"""The browser's session, device and CSRF cookies.

The session cookie holds a signed web session token (HttpOnly, SameSite=Lax, Secure over https): a token of its
own kind, not an API access token, naming a server-side sign-in that signing out ends (`services/sign_in.py`).
The device cookie (`http/device_cookie.py`, which the API's sign-in sets too) holds the device token that lets
this browser past the account-wide sign-in throttle (`accounts`). Every form carries a CSRF token: the HMAC of a random
per-browser cookie under the server's secret, so a page on another site can neither read nor forge it (and it
works before sign-in too).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

from jobfit.http.device_cookie import keep_device_cookie
from jobfit.services.accounts import InvalidToken, TokenClaims, decode_token

SESSION_COOKIE = "jobfit_session"
CSRF_COOKIE = "jobfit_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


def session_claims(request: Request, secret: str) -> TokenClaims | None:
    """The user and sign-in of this browser's session cookie, or None (no cookie, expired, forged, or not a web
    session token). Whether the sign-in is still open is checked by the page's database session."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    try:
        return decode_token(token, secret, "web")
    except InvalidToken:
        return None


def start_session(request: Request, response: Response, token: str, max_age_s: int, device_token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age_s, httponly=True, samesite="lax",
                        secure=_https(request), path="/")
    # a new CSRF secret with each sign-in: tokens from before it are worthless
    response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), httponly=True, samesite="lax",
                        secure=_https(request), path="/")
    keep_device_cookie(request, response, device_token)



def end_session(request: Request, response: Response) -> None:
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", httponly=True, samesite="lax", secure=_https(request))


def _sign(secret: str, nonce: str) -> str:
    return hmac.new(secret.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def csrf_token(request: Request, secret: str) -> str:
    """The token for this browser's forms; a browser without the CSRF cookie gets one (set by `keep_csrf_cookie`)."""
    nonce = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_nonce", None)
    if not nonce:
        nonce = request.state.new_csrf_nonce = secrets.token_urlsafe(32)
    return _sign(secret, nonce)


def keep_csrf_cookie(request: Request, response: Response) -> None:
    """Set the CSRF cookie that `csrf_token` made up for this request, if it did."""
    nonce = getattr(request.state, "new_csrf_nonce", None)
    if nonce and CSRF_COOKIE not in request.cookies:
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="lax", secure=_https(request), path="/")


def csrf_valid(request: Request, secret: str, sent: str | None) -> bool:
    nonce = request.cookies.get(CSRF_COOKIE)
    return bool(nonce and sent) and hmac.compare_digest(_sign(secret, nonce), sent or "")
