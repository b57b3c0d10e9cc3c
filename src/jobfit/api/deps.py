"""Dependencies that make route signatures read like sentences: `db: Db, user: CurrentUser`."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from jobfit.accounts import InvalidToken, decode_access_token
from jobfit.runtime import Runtime
from jobfit.store.models import User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/login", auto_error=False)

_UNAUTHORIZED = HTTPException(
    status_code=status.HTTP_401_UNAUTHORIZED,
    detail="Not authenticated: sign in and send 'Authorization: Bearer <token>'",
    headers={"WWW-Authenticate": "Bearer"},
)


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_token_user_id(runtime: RuntimeDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> uuid.UUID:
    """The signed-in user from the bearer token. Cookies are not read: nothing sets one, and a cookie login
    needs CSRF protection first."""
    if not token:
        raise _UNAUTHORIZED
    try:
        return decode_access_token(token, runtime.secret_key)
    except InvalidToken:
        raise _UNAUTHORIZED from None


TokenUserId = Annotated[uuid.UUID, Depends(get_token_user_id)]


def get_db(runtime: RuntimeDep, user_id: TokenUserId) -> Iterator[Session]:
    with runtime.db.user_session(user_id) as session:
        yield session


Db = Annotated[Session, Depends(get_db)]


def get_system_db(runtime: RuntimeDep) -> Iterator[Session]:
    with runtime.db.system_session() as session:
        yield session


SystemDb = Annotated[Session, Depends(get_system_db)]


def get_current_user(db: Db, user_id: TokenUserId) -> User:
    user = db.get(User, user_id)  # visible only to itself under RLS
    if user is None or not user.is_active:
        raise _UNAUTHORIZED
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_or_404(db: Session, model: type, row_id: uuid.UUID, what: str) -> Any:
    """The row, or 404: under RLS another user's id is indistinguishable from an unknown one."""
    row = db.get(model, row_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{what} not found")
    return row
