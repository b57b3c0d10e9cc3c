"""Sign up, sign in and out, and the account page (change the password, delete the account): the same accounts and
use cases as the API (`services/sign_in.py`), kept in a web session cookie that signing out ends on the server."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from jobfit.http.deps import RuntimeDep, SystemDb, client_address
from jobfit.http.device_cookie import sent_device_token
from jobfit.services import sign_in as sign_ins
from jobfit.services.accounts import AccountError, EmailTaken, LoginThrottled, WrongPassword
from jobfit.services.sign_in import SignedIn
from jobfit.web.deps import CheckedForm, PageClaims, PageUser, field, redirect_to
from jobfit.web.rendering import render
from jobfit.web.session import end_session, session_claims, start_session

router = APIRouter(include_in_schema=False)


def _next_path(value: str) -> str:
    """Where to go after signing in: a local path only (no open redirect)."""
    return value if value.startswith("/") and not value.startswith(("//", "/\\")) else "/"


def _signed_in(request: Request, signed_in: SignedIn, next_path: str) -> Response:
    response = redirect_to(_next_path(next_path))
    start_session(request, response, signed_in.token, signed_in.expires_in_s, signed_in.device_token)
    return response


def _sentence(exc: Exception) -> str:
    text = str(exc)
    return f"{text[:1].upper()}{text[1:]}."


@router.get("/sign-in")
def sign_in_page(request: Request, runtime: RuntimeDep, next: str = "/") -> Response:
    if session_claims(request, runtime.secret_key) is not None:
        return redirect_to(_next_path(next))
    return render(request, "sign_in.html", title="Sign in", next=_next_path(next))


@router.post("/sign-in")
def sign_in(request: Request, form: CheckedForm, db: SystemDb, runtime: RuntimeDep) -> Response:
    email, next_path = field(form, "email", 320), field(form, "next")
    password = field(form, "password", 1100, strip=False)
    try:
        signed_in = sign_ins.sign_in(db, runtime, email, password, kind="web", client=client_address(request),
                                     device_token=sent_device_token(request))
    except LoginThrottled as exc:
        return render(request, "sign_in.html", 429, title="Sign in", email=email, next=next_path,
                      error=f"Too many failed sign-ins: try again in {exc.retry_after_s} s.")
    if signed_in is None:
        return render(request, "sign_in.html", 401, title="Sign in", email=email, next=next_path,
                      error="Incorrect email or password.")
    return _signed_in(request, signed_in, next_path)


@router.get("/sign-up")
def sign_up_page(request: Request, deleted: str = "") -> Response:
    return render(request, "sign_up.html", title="Create an account", deleted=deleted == "1")


@router.post("/sign-up")
def sign_up(request: Request, form: CheckedForm, db: SystemDb, runtime: RuntimeDep) -> Response:
    email, password = field(form, "email", 320), field(form, "password", 1100, strip=False)
    if password != field(form, "password_again", 1100, strip=False):
        return render(request, "sign_up.html", 422, title="Create an account", email=email,
                      error="The two passwords differ: type the same password twice.")
    try:
        signed_in = sign_ins.sign_up(db, runtime, email, password, kind="web", client=client_address(request))
    except LoginThrottled as exc:
        return render(request, "sign_up.html", 429, title="Create an account", email=email,
                      error=f"Too many sign-ups from this address: try again in {exc.retry_after_s} s.")
    except EmailTaken as exc:
        return render(request, "sign_up.html", 409, title="Create an account", email=email,
                      error=f"{str(exc).capitalize()}: sign in instead.")
    except AccountError as exc:
        return render(request, "sign_up.html", 422, title="Create an account", email=email, error=_sentence(exc))
    return _signed_in(request, signed_in, "/")


@router.post("/sign-out")
def sign_out(request: Request, _form: CheckedForm, db: SystemDb, runtime: RuntimeDep) -> Response:
    """End this browser's sign-in on the server (its cookie is worthless from now on, kept or not)."""
    claims = session_claims(request, runtime.secret_key)
    if claims is not None:
        sign_ins.sign_out(db, claims)
    response = redirect_to("/sign-in")
    end_session(request, response)
    return response


def _account_refused(request: Request, exc: LoginThrottled | AccountError, undone: str) -> Response:
    """The Account page again, saying why its form was refused and that nothing was `undone`."""
    if isinstance(exc, LoginThrottled):
        status, error = 429, f"Too many wrong passwords: try again in {exc.retry_after_s} s."
    elif isinstance(exc, WrongPassword):
        status, error = 403, f"The password is not right: nothing was {undone}."
    else:
        status, error = 422, _sentence(exc)
    return render(request, "account.html", status, title="Your account", error=error)


@router.get("/account")
def account_page(request: Request, _user: PageUser, changed: str = "") -> Response:
    return render(request, "account.html", title="Your account", changed=changed == "1")


@router.post("/account/password")
def change_password(request: Request, form: CheckedForm, _user: PageUser, claims: PageClaims, db: SystemDb,
                    runtime: RuntimeDep) -> Response:
    current = field(form, "current_password", 1100, strip=False)
    new = field(form, "new_password", 1100, strip=False)
    if new != field(form, "new_password_again", 1100, strip=False):
        return render(request, "account.html", 422, title="Your account",
                      error="The two new passwords differ: type the same password twice.")
    try:
        signed_in = sign_ins.change_password(db, runtime, claims, current, new, kind="web",
                                             client=client_address(request))
    except (LoginThrottled, AccountError) as exc:
        return _account_refused(request, exc, "changed")
    return _signed_in(request, signed_in, "/account?changed=1")


@router.post("/account/delete")
def delete_account(request: Request, form: CheckedForm, _user: PageUser, claims: PageClaims, db: SystemDb,
                   runtime: RuntimeDep) -> Response:
    password = field(form, "password", 1100, strip=False)
    try:
        sign_ins.delete_account(db, runtime, claims, password, client=client_address(request))
    except (LoginThrottled, AccountError) as exc:
        return _account_refused(request, exc, "deleted")
    response = redirect_to("/sign-up?deleted=1")
    end_session(request, response)
    return response
