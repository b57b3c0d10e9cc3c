"""The device cookie: the device token (`accounts.device_token`) that lets a browser or program that signed in to
an account before past that account's throttle at later sign-ins. The API's sign-in and the pages' set and read
the same cookie (HttpOnly, SameSite=Lax, Secure over https); a program keeps it in its cookie jar."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

DEVICE_COOKIE = "jobfit_device"
DEVICE_COOKIE_S = 400 * 24 * 3600  # the longest a browser keeps a cookie


def sent_device_token(request: Request) -> str | None:
    return request.cookies.get(DEVICE_COOKIE)


def keep_device_cookie(request: Request, response: Response, device_token: str) -> None:
    """Give the browser (or program) the device token of the account it signed in to."""
    response.set_cookie(DEVICE_COOKIE, device_token, max_age=DEVICE_COOKIE_S, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")
