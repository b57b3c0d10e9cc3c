"""Sign up, sign in and sign out: the same accounts as the API, kept in a session cookie."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from jobfit.accounts import AccountError, EmailTaken, LoginThrottled, authenticate, create_access_token, register
from jobfit.api.deps import RuntimeDep, SystemDb
from jobfit.web.deps import CheckedForm, field, redirect_to
from jobfit.web.rendering import render
from jobfit.web.session import end_session, session_user_id, start_session

router = APIRouter(include_in_schema=False)


def _next_path(value: str) -> str:
    """Where to go after signing in: a local path only (no open redirect)."""
    return value if value.startswith("/") and not value.startswith(("//", "/\\")) else "/"


def _signed_in(request: Request, runtime: RuntimeDep, user_id: object, next_path: str) -> Response:
    minutes = runtime.settings.access_token_minutes
    response = redirect_to(_next_path(next_path))
    start_session(request, response, create_access_token(user_id, runtime.secret_key, minutes), minutes * 60)
    return response


@router.get("/sign-in")
def sign_in_page(request: Request, runtime: RuntimeDep, next: str = "/") -> Response:
    if session_user_id(request, runtime.secret_key) is not None:
        return redirect_to(_next_path(next))
    return render(request, "sign_in.html", title="Sign in", next=_next_path(next))


@router.post("/sign-in")
def sign_in(request: Request, form: CheckedForm, db: SystemDb, runtime: RuntimeDep) -> Response:
    email, next_path = field(form, "email", 320), field(form, "next")
    password = field(form, "password", 1100, strip=False)
    try:
        user = authenticate(db, email, password, request.client.host if request.client else None)
    except LoginThrottled as exc:
        return render(request, "sign_in.html", 429, title="Sign in", email=email, next=next_path,
                      error=f"Too many failed sign-ins: try again in {exc.retry_after_s} s.")
    if user is None:
        return render(request, "sign_in.html", 401, title="Sign in", email=email, next=next_path,
                      error="Incorrect email or password.")
    return _signed_in(request, runtime, user.id, next_path)


@router.get("/sign-up")
def sign_up_page(request: Request) -> Response:
    return render(request, "sign_up.html", title="Create an account")


@router.post("/sign-up")
def sign_up(request: Request, form: CheckedForm, db: SystemDb, runtime: RuntimeDep) -> Response:
    email, password = field(form, "email", 320), field(form, "password", 1100, strip=False)
    if password != field(form, "password_again", 1100, strip=False):
        return render(request, "sign_up.html", 422, title="Create an account", email=email,
                      error="The two passwords differ: type the same password twice.")
    try:
        user = register(db, email, password)
    except EmailTaken as exc:
        return render(request, "sign_up.html", 409, title="Create an account", email=email,
                      error=f"{str(exc).capitalize()}: sign in instead.")
    except AccountError as exc:
        return render(request, "sign_up.html", 422, title="Create an account", email=email,
                      error=f"{str(exc)[0].upper()}{str(exc)[1:]}.")
    return _signed_in(request, runtime, user.id, "/")


@router.post("/sign-out")
def sign_out(request: Request, _form: CheckedForm) -> Response:
    response = redirect_to("/sign-in")
    end_session(request, response)
    return response
