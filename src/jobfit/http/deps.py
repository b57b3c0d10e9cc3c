"""Dependencies that make route signatures read like sentences: `db: Db, user: CurrentUser`.

The cheap ones run in the event loop. `Db` opens the user's RLS-scoped session, whose first statement also
checks that the token's account exists and is active (`store.db.AccountUnavailable`, answered as 401), so a
request reads no user row of its own and makes no extra thread-pool hop for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import uuid
import weakref
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from jobfit.runtime import Runtime
from jobfit.services.accounts import InvalidToken, TokenClaims, decode_token
from jobfit.store.db import end_session
from jobfit.store.sign_ins import signed_in_email

T = TypeVar("T")

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/login", auto_error=False)

UNAUTHORIZED = HTTPException(
    status_code=status.HTTP_401_UNAUTHORIZED,
    detail="Not authenticated: sign in and send 'Authorization: Bearer <token>'",
    headers={"WWW-Authenticate": "Bearer"},
)


async def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def client_address(request: Request) -> str | None:
    """The client's address as the server sees it: a forwarded one only from a trusted proxy (`http/server.py`)."""
    return request.client.host if request.client else None


async def get_token_claims(runtime: RuntimeDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> TokenClaims:
    """The signed-in user and sign-in of the bearer token (an API access token: a web session's token is not
    one). Cookies are not read: the web pages' session is theirs alone."""
    if not token:
        raise UNAUTHORIZED
    try:
        return decode_token(token, runtime.secret_key, "access")
    except InvalidToken:
        raise UNAUTHORIZED from None


TokenUser = Annotated[TokenClaims, Depends(get_token_claims)]


async def get_db(runtime: RuntimeDep, claims: TokenUser) -> AsyncIterator[Session]:
    """The user's RLS-scoped session; its first statement fails (401) once the token's sign-in has ended."""
    async with request_session(runtime.db.open_user_session(claims.user_id, sign_in_id=claims.sign_in_id)) as session:
        yield session


Db = Annotated[Session, Depends(get_db)]


async def get_system_db(runtime: RuntimeDep) -> AsyncIterator[Session]:
    async with request_session(runtime.db.open_system_session()) as session:
        yield session


SystemDb = Annotated[Session, Depends(get_system_db)]

# A request's session holds one of its pool's connections from its first statement to its end, across thread-pool
# hops (the endpoint, then FastAPI's response validation, then the ending). Had the endpoint waited for a
# connection in its thread, it would hold a thread-pool token that the requests holding the connections need in
# order to finish: with more requests than tokens and connections together, all waited until the pool timed out.
# So a request first takes a slot of its pool in the event loop (waiting holds no thread), and ending sessions
# has tokens of its own.
_ENDING = anyio.CapacityLimiter(64)
_SLOTS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, asyncio.Semaphore]] = (
    weakref.WeakKeyDictionary())


def _slots_for(engine: Engine) -> asyncio.Semaphore:
    """This event loop's slots for `engine`'s connection pool (one per connection it can hold)."""
    per_engine = _SLOTS.setdefault(asyncio.get_running_loop(), {})
    if id(engine) not in per_engine:
        pool = engine.pool
        per_engine[id(engine)] = asyncio.Semaphore(pool.size() + max(0, pool._max_overflow))  # type: ignore[attr-defined]
    return per_engine[id(engine)]


@contextlib.asynccontextmanager
async def request_session(session: Session) -> AsyncIterator[Session]:
    """The request's session, once a connection of its pool is free for it; rolled back if the request fails and
    closed either way (off the event loop)."""
    async with _slots_for(session.get_bind()):  # type: ignore[arg-type]
        try:
            yield session
        except BaseException:
            await _end(session, failed=True)
            raise
        await _end(session, failed=False)


async def read_off_loop(runtime: Runtime, work: Callable[[], T]) -> T:
    """`work()` in one thread-pool hop, once a connection of the user pool is free for it: for an `async def`
    route that reads with `Database.read_as_user` (one round trip, no session), the cheapest calls."""
    async with _slots_for(runtime.db.app_engine):
        return await anyio.to_thread.run_sync(work)


async def _end(session: Session, *, failed: bool) -> None:
    if failed or session.in_transaction():  # it holds a connection: ending it is a round trip
        await anyio.to_thread.run_sync(functools.partial(end_session, session, failed=failed), limiter=_ENDING)
    else:
        session.close()


@dataclass(frozen=True)
class SignedInUser:
    """The account a request acts for: the token's user and sign-in (`Db` checks both on its first statement)."""

    id: uuid.UUID
    sign_in_id: uuid.UUID


async def get_current_user(claims: TokenUser) -> SignedInUser:
    return SignedInUser(claims.user_id, claims.sign_in_id)


CurrentUser = Annotated[SignedInUser, Depends(get_current_user)]


async def get_checked_user(runtime: RuntimeDep, claims: TokenUser) -> SignedInUser:
    """The token's user, with the account and sign-in checked now, in one round trip that keeps no session (401
    otherwise): for a route that does slow work before it needs the database (`user_db`)."""
    await read_off_loop(runtime, functools.partial(signed_in_email, runtime.db, claims.user_id, claims.sign_in_id))
    return SignedInUser(claims.user_id, claims.sign_in_id)


CheckedUser = Annotated[SignedInUser, Depends(get_checked_user)]


@contextlib.asynccontextmanager
async def user_db(runtime: Runtime, user: SignedInUser) -> AsyncIterator[Session]:
    """The user's RLS-scoped session for a block, opened when the route needs it: a route that parses a file or
    fetches a page opens it after, so no connection waits on another machine or a parse."""
    async with request_session(runtime.db.open_user_session(user.id, sign_in_id=user.sign_in_id)) as session:
        yield session

