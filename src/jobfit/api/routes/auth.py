"""Accounts: register, log in (OAuth2 password form), and who am I."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response, status
from pydantic import BaseModel, Field

from jobfit.accounts import AccountError, EmailTaken, LoginThrottled, authenticate, create_access_token, register
from jobfit.api.deps import CurrentUser, Db, RuntimeDep, SystemDb
from jobfit.api.schemas import Text
from jobfit.store.models import User

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


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def register_user(body: RegisterIn, db: SystemDb) -> UserOut:
    try:
        user = register(db, body.email, body.password)
    except EmailTaken as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
    except AccountError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    return UserOut(id=user.id, email=user.email, created_at=user.created_at)


@router.post("/login", response_model=TokenOut)
def login(username: Annotated[Text, Form(max_length=320)], password: Annotated[Text, Form(max_length=1024)],
          request: Request, db: SystemDb, runtime: RuntimeDep, response: Response) -> TokenOut:
    """OAuth2 password flow: form fields `username` (the email) and `password`."""
    response.headers["Cache-Control"] = "no-store"  # a token must not be kept by any cache (RFC 6749 5.1)
    response.headers["Pragma"] = "no-cache"
    try:
        user = authenticate(db, username, password, request.client.host if request.client else None)
    except LoginThrottled as exc:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS,
                            f"Too many failed sign-ins: try again in {exc.retry_after_s} s",
                            headers={"Retry-After": str(exc.retry_after_s)}) from None
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Incorrect email or password", headers={"WWW-Authenticate": "Bearer"}
        )
    minutes = runtime.settings.access_token_minutes
    token = create_access_token(user.id, runtime.secret_key, minutes)
    return TokenOut(access_token=token, expires_in=minutes * 60)


@router.get("/me", response_model=UserOut)
def me(db: Db, user: CurrentUser) -> UserOut:
    row = db.get(User, user.id)  # visible only to itself under RLS; the session has checked it is active
    return UserOut(id=row.id, email=row.email, created_at=row.created_at)
