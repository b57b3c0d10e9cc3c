"""Accounts: register, sign in (OAuth2 password form) and out, who am I, change the password, delete the account.

The use cases are `services/sign_in.py`'s; a sign-in also sets the device cookie (`http/device_cookie.py`) that lets
this program past the account-wide throttle later, if it keeps cookies."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response, status
from pydantic import BaseModel, Field

from jobfit.http.deps import CurrentUser, Db, RuntimeDep, SystemDb, TokenUser, client_address
from jobfit.http.device_cookie import keep_device_cookie, sent_device_token
from jobfit.http.schemas import Text
from jobfit.services import sign_in as sign_ins
from jobfit.services.accounts import LoginThrottled, WrongPassword, register
from jobfit.store.models import User
from jobfit.store.rows import find

router = APIRouter(prefix="/auth", tags=["auth"])


class RegisterIn(BaseModel):
    email: Text = Field(max_length=320)
    password: Text = Field(max_length=1024)


class UserOut(BaseModel):
    id: uuid.UUID
    email: str
    created_at: datetime


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class PasswordChangeIn(BaseModel):
    current_password: Text = Field(max_length=1024)
    new_password: Text = Field(max_length=1024)


class PasswordIn(BaseModel):
    password: Text = Field(max_length=1024)


def throttled(exc: LoginThrottled, what: str = "sign-ins") -> HTTPException:
    return HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, f"Too many {what}: try again in {exc.retry_after_s} s",
                         headers={"Retry-After": str(exc.retry_after_s)})


def _token(request: Request, response: Response, signed_in: sign_ins.SignedIn) -> TokenOut:
    response.headers["Cache-Control"] = "no-store"  # a token must not be kept by any cache (RFC 6749 5.1)
    response.headers["Pragma"] = "no-cache"
    keep_device_cookie(request, response, signed_in.device_token)
    return TokenOut(access_token=signed_in.token, expires_in=signed_in.expires_in_s)


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def register_user(body: RegisterIn, request: Request, db: SystemDb, runtime: RuntimeDep) -> UserOut:
    """A new account (409 when the email is taken, 422 for an unacceptable email or password: the use case's
    refusals). At most 10 sign-ups from one address in a row (then 429 with Retry-After)."""
    try:
        user = register(db, body.email, body.password, client_address(request))
    except LoginThrottled as exc:
        raise throttled(exc, "sign-ups from this address") from None
    return UserOut(id=user.id, email=user.email, created_at=user.created_at)


@router.post("/login", response_model=TokenOut)
def login(username: Annotated[Text, Form(max_length=320)], password: Annotated[Text, Form(max_length=1024)],
          request: Request, db: SystemDb, runtime: RuntimeDep, response: Response) -> TokenOut:
    """OAuth2 password flow: form fields `username` (the email) and `password`. The token works until it expires,
    `POST /auth/logout`, or a password change."""
    try:
        signed_in = sign_ins.sign_in(db, runtime, username, password, kind="access", client=client_address(request),
                                     device_token=sent_device_token(request))
    except LoginThrottled as exc:
        raise throttled(exc, "failed sign-ins") from None
    if signed_in is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Incorrect email or password", headers={"WWW-Authenticate": "Bearer"}
        )
    return _token(request, response, signed_in)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(claims: TokenUser, db: SystemDb) -> Response:
    """End this token's sign-in: the token stops working at once."""
    sign_ins.sign_out(db, claims)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=UserOut)
def me(db: Db, user: CurrentUser) -> UserOut:
    row = find(db, User, user.id)  # visible only to itself under RLS; the session has checked it is active
    return UserOut(id=row.id, email=row.email, created_at=row.created_at)


@router.post("/password", response_model=TokenOut)
def change_password(body: PasswordChangeIn, claims: TokenUser, request: Request, db: SystemDb, runtime: RuntimeDep,
                    response: Response) -> TokenOut:
    """A new password, once the current one is confirmed: every token and web session issued before stops
    working, and the answer is a new token for the caller."""
    try:
        signed_in = sign_ins.change_password(db, runtime, claims, body.current_password, body.new_password,
                                             kind="access", client=client_address(request))
    except LoginThrottled as exc:
        raise throttled(exc, "failed sign-ins") from None
    except WrongPassword as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"{str(exc).capitalize()}: nothing was changed") from None
    return _token(request, response, signed_in)  # an unacceptable new password is the use case's 422


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
def delete_me(body: PasswordIn, claims: TokenUser, request: Request, db: SystemDb, runtime: RuntimeDep) -> Response:
    """Delete the account, once its password is confirmed: every document, result, suggestion, rating, sign-in
    and stored file of it."""
    try:
        sign_ins.delete_account(db, runtime, claims, body.password, client=client_address(request))
    except LoginThrottled as exc:
        raise throttled(exc, "failed sign-ins") from None
    except WrongPassword as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"{str(exc).capitalize()}: nothing was deleted") from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)
