"""Dependencies of the pages: the signed-in user from the session cookie (else a redirect to sign in), their
RLS-scoped database session, and forms whose CSRF token has been checked."""

from __future__ import annotations

import functools
import uuid
from collections.abc import AsyncIterator
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from jobfit.http.deps import RuntimeDep, SignedInUser, read_off_loop, request_session
from jobfit.http.schemas import clean_text
from jobfit.services.accounts import TokenClaims
from jobfit.store.db import AccountUnavailable
from jobfit.store.models import User
from jobfit.store.rows import find
from jobfit.store.sign_ins import signed_in_email
from jobfit.web.rendering import PageError
from jobfit.web.session import CSRF_FIELD, CSRF_HEADER, csrf_valid, session_claims


class SignInRequired(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def page_claims(request: Request, runtime: RuntimeDep) -> TokenClaims:
    claims = session_claims(request, runtime.secret_key)
    if claims is None:
        raise SignInRequired(request.url.path)
    return claims


PageClaims = Annotated[TokenClaims, Depends(page_claims)]


async def page_db(runtime: RuntimeDep, claims: PageClaims) -> AsyncIterator[Session]:
    """The user's RLS-scoped session; its first statement fails once the browser's sign-in has ended."""
    async with request_session(runtime.db.open_user_session(claims.user_id, sign_in_id=claims.sign_in_id)) as session:
        yield session


PageDb = Annotated[Session, Depends(page_db)]


def page_user(request: Request, db: PageDb, claims: PageClaims) -> User:
    try:
        user = find(db, User, claims.user_id)  # visible only to itself under RLS
    except AccountUnavailable:  # gone, inactive, or this sign-in ended (signed out, password changed)
        raise SignInRequired(request.url.path) from None
    if user is None or not user.is_active:
        raise SignInRequired(request.url.path)
    request.state.user_email = user.email
    return user


PageUser = Annotated[User, Depends(page_user)]


async def page_account(request: Request, runtime: RuntimeDep, claims: PageClaims) -> SignedInUser:
    """The signed-in account, checked in one round trip that keeps no session: for a form that parses a file or
    fetches a page before it stores anything (it opens its session then, `http.deps.user_db`)."""
    try:
        email = await read_off_loop(runtime, functools.partial(signed_in_email, runtime.db, claims.user_id,
                                                               claims.sign_in_id))
    except AccountUnavailable:
        raise SignInRequired(request.url.path) from None
    request.state.user_email = email
    return SignedInUser(claims.user_id, claims.sign_in_id)


PageAccount = Annotated[SignedInUser, Depends(page_account)]


async def checked_form(request: Request, runtime: RuntimeDep) -> AsyncIterator[FormData]:
    """The posted form, once its CSRF token (field or header) matches this browser's; else 403. Its uploaded
    files are closed (their spooled temporary files deleted) when the request is done."""
    form = await request.form(max_files=200, max_fields=100)
    try:
        sent = form.get(CSRF_FIELD)
        sent = sent if isinstance(sent, str) else request.headers.get(CSRF_HEADER)
        if not csrf_valid(request, runtime.secret_key, sent):
            raise PageError(403, "This form has expired or did not come from jobfit: reload the page and try "
                            "again.", "csrf_failed")
        yield form
    finally:
        await form.close()


CheckedForm = Annotated[FormData, Depends(checked_form)]


def field(form: FormData, name: str, max_length: int = 300, *, strip: bool = True, checked: bool = True) -> str:
    """A text field of the form, trimmed unless `strip` is false ('' when absent or a file). Text the API would
    refuse (`clean_text`) is a 422 naming the field, unless `checked` is false: for fields the caller validates
    as an API body (`JobIn`), whose refusal keeps the text in the form to be corrected."""
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    if checked:
        try:
            value = clean_text(value)
        except ValueError as exc:
            raise PageError(422, f"{name.replace('_', ' ').capitalize()} {exc}.", "invalid_field") from None
    return (value.strip() if strip else value)[:max_length]


def install_sign_in_redirect(app: FastAPI) -> None:
    async def redirect(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SignInRequired)
        return RedirectResponse(f"/sign-in?next={quote(exc.next_path, safe='/')}", status_code=303)

    app.add_exception_handler(SignInRequired, redirect)


def redirect_to(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def form_id(form: FormData, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(field(form, name, 64))
    except ValueError:
        raise PageError(422, f"Choose a {name.replace('_id', '').replace('_', ' ')}.", "invalid_choice") from None
