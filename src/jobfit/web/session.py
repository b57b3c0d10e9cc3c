"""The browser's session and CSRF tokens.

The session cookie holds the same signed access token the API hands to programs (HttpOnly, SameSite=Lax, Secure
over https). Every form carries a CSRF token: the HMAC of a random per-browser cookie under the server's secret,
so a page on another site can neither read nor forge it (and it works before sign-in too).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid

from starlette.requests import Request
from starlette.responses import Response

from jobfit.accounts import InvalidToken, decode_access_token

SESSION_COOKIE = "jobfit_session"
CSRF_COOKIE = "jobfit_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


def session_user_id(request: Request, secret: str) -> uuid.UUID | None:
    """The signed-in user of this browser, or None (no cookie, expired or forged)."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    try:
        return decode_access_token(token, secret)
    except InvalidToken:
        return None


def start_session(request: Request, response: Response, token: str, max_age_s: int) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age_s, httponly=True, samesite="lax",
                        secure=_https(request), path="/")
    # a new CSRF secret with each sign-in: tokens from before it are worthless
    response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), httponly=True, samesite="lax",
                        secure=_https(request), path="/")


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
