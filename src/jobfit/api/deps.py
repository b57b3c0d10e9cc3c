"""Dependencies that make route signatures read like sentences: `db: Db, user: CurrentUser`.

The cheap ones run in the event loop. `Db` opens the user's RLS-scoped session, whose first statement also
checks that the token's account exists and is active (`store.db.AccountUnavailable`, answered as 401), so a
request reads no user row of its own and makes no extra thread-pool hop for it.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from jobfit.accounts import InvalidToken, decode_access_token
from jobfit.runtime import Runtime
from jobfit.store.db import end_session

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/login", auto_error=False)

UNAUTHORIZED = HTTPException(
    status_code=status.HTTP_401_UNAUTHORIZED,
    detail="Not authenticated: sign in and send 'Authorization: Bearer <token>'",
    headers={"WWW-Authenticate": "Bearer"},
)


async def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_token_user_id(runtime: RuntimeDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> uuid.UUID:
    """The signed-in user from the bearer token. Cookies are not read: nothing sets one, and a cookie login
    needs CSRF protection first."""
    if not token:
        raise UNAUTHORIZED
    try:
        return decode_access_token(token, runtime.secret_key)
    except InvalidToken:
        raise UNAUTHORIZED from None


TokenUserId = Annotated[uuid.UUID, Depends(get_token_user_id)]


async def get_db(runtime: RuntimeDep, user_id: TokenUserId) -> AsyncIterator[Session]:
    session = runtime.db.open_user_session(user_id)
    try:
        yield session
    except BaseException:
        await _end(session, failed=True)
        raise
    await _end(session, failed=False)


async def _end(session: Session, *, failed: bool) -> None:
    if failed or session.in_transaction():  # it holds a connection: ending it is a round trip
        await run_in_threadpool(end_session, session, failed=failed)
    else:
        session.close()


Db = Annotated[Session, Depends(get_db)]


def get_system_db(runtime: RuntimeDep) -> Iterator[Session]:
    with runtime.db.system_session() as session:
        yield session


SystemDb = Annotated[Session, Depends(get_system_db)]


@dataclass(frozen=True)
class SignedInUser:
    """The account a request acts for: the token's user (`Db` checks the account on its first statement)."""

    id: uuid.UUID


async def get_current_user(user_id: TokenUserId) -> SignedInUser:
    return SignedInUser(user_id)


CurrentUser = Annotated[SignedInUser, Depends(get_current_user)]


def get_or_404(db: Session, model: type, row_id: uuid.UUID, what: str) -> Any:
    """The row, or 404: under RLS another user's id is indistinguishable from an unknown one."""
    row = db.get(model, row_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{what} not found")
    return row
