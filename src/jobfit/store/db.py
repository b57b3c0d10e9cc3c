"""Engines and sessions: a privileged one for migrations and sign-in, and per-user ones under RLS.

Every transaction of a user session first runs `SET LOCAL ROLE jobfit_app` (a role that owns nothing
and cannot bypass RLS) and sets `jobfit.user_id`, so Postgres itself keeps users apart even where
application code forgot a filter. The hook runs on *every* transaction begin, so a commit in the
middle of a request cannot silently drop the user's scope. The same statement checks that the account
exists and is active and, for a request made with a token, that the token's sign-in session is still open
(migration 0008): a session on behalf of a signed-in user fails with `AccountUnavailable` otherwise.
`Database.read_as_user` runs the same scope function and one read-only statement in a single round trip.

Pooled connections are checked with a ping only after they sat idle (`IDLE_PING_S`): under load a
connection goes straight back to work, and one that broke while in use is invalidated with its pool.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import psycopg
from psycopg import ClientCursor
from psycopg.rows import namedtuple_row
from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.orm import Session, sessionmaker

APP_ROLE = "jobfit_app"
USER_KEY = "jobfit_user_id"
SIGN_IN_KEY = "jobfit_sign_in_id"
ACTIVE_KEY = "jobfit_active_only"
IDLE_PING_S = 1.0  # a pooled connection idle longer than this is pinged before use


class AccountUnavailable(Exception):
    """The session's account does not exist (any more) or is not active, or its sign-in session has ended."""


# SQLSTATEs of a write that lost a race with another transaction: a parent deleted meanwhile (foreign key), a
# serialization failure, a deadlock victim. A row-level-security refusal of a new row (42501 with this message)
# is the same race: the policy's check that the parent is the user's no longer finds it.
_LOST_RACE_STATES = frozenset({"23503", "40001", "40P01"})
_RLS_NEW_ROW = "violates row-level security policy"


def disk_full(exc: BaseException) -> bool:
    """Whether the database refused a write because its disk is full (SQLSTATE 53100); nothing was written."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) == "53100"


def lost_race(exc: BaseException) -> bool:
    """Whether `exc` means the request's transaction lost a race with another (a row it relied on was deleted
    or changed meanwhile), rather than a fault: it is answered 409 and its transaction was rolled back."""
    from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError

    if isinstance(exc, (StaleDataError, ObjectDeletedError)):
        return True
    state = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return state in _LOST_RACE_STATES or (state == "42501" and _RLS_NEW_ROW in str(exc))


def normalise_url(url: str) -> str:
    """Accept postgres:// and postgresql:// URLs (as Supabase and Heroku print them) and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Database:
    """Holds the engines; one per process."""

    def __init__(self, owner_url: str, app_url: str | None = None, *, pool_size: int = 10) -> None:
        self.owner_url = normalise_url(owner_url)
        self.app_url = normalise_url(app_url) if app_url else self.owner_url
        self.owner_engine: Engine = _ping_after_idle(create_engine(self.owner_url, pool_size=3))
        self.app_engine: Engine = _ping_after_idle(
            create_engine(self.app_url, pool_size=pool_size, max_overflow=pool_size * 2)
        )
        self._user_sessions = sessionmaker(self.app_engine, expire_on_commit=False)
        self._system_sessions = sessionmaker(self.owner_engine, expire_on_commit=False)
        event.listen(self._user_sessions, "after_begin", _scope_transaction_to_user)

    def user_session(self, user_id: uuid.UUID, *, active_only: bool = True) -> AbstractContextManager[Session]:
        """A session whose every transaction is confined by RLS to `user_id`'s rows. With `active_only` (a
        request on the user's behalf) its first statement raises `AccountUnavailable` for an account that is
        gone or inactive; maintenance passes False to visit every account."""
        return _closing(self.open_user_session(user_id, active_only=active_only))

    def open_user_session(self, user_id: uuid.UUID, *, active_only: bool = True,
                          sign_in_id: uuid.UUID | None = None) -> Session:
        """`user_session` for a caller that ends it itself with `end_session` (nothing is sent until its first
        statement). A request made with a token passes its `sign_in_id`: the session then also fails with
        `AccountUnavailable` once that sign-in has ended (signed out, password changed, expired)."""
        session = self._user_sessions()
        session.info[USER_KEY] = str(user_id)
        session.info[SIGN_IN_KEY] = str(sign_in_id) if sign_in_id else None
        session.info[ACTIVE_KEY] = active_only
        return session

    def read_as_user(self, user_id: uuid.UUID, sql: str, params: Mapping[str, Any],
                     sign_in_id: uuid.UUID | None = None) -> list[Any]:
        """The rows of the read-only statement `sql` (pyformat `params`) in `user_id`'s RLS scope, in one round trip.

        The scope function and `sql` go as one simple-protocol message, which Postgres runs as one implicit
        transaction: the scope's `SET LOCAL`s hold for `sql` (analysed after the scope ran, so under RLS) and end
        with it. A user session's read costs four round trips (BEGIN, scope, statement, ROLLBACK); on the
        busiest call they cost more than the query. Raises `AccountUnavailable` for an account gone or
        inactive, or a `sign_in_id` that has ended (its rows are read, and dropped). Values are bound
        client-side by psycopg.
        """
        with self.app_engine.connect() as connection:  # a failed connect is SQLAlchemy's OperationalError (503)
            driver = connection.connection.driver_connection
            try:
                driver.autocommit = True  # no BEGIN: the message is its own transaction
                try:
                    cursor = ClientCursor(driver, row_factory=namedtuple_row)
                    cursor.execute(_SCOPE_ONE_TRIP + sql, {**params, "jobfit_uid": str(user_id),
                                                           "jobfit_sid": str(sign_in_id) if sign_in_id else None})
                    active = cursor.fetchone()[0]
                    cursor.nextset()
                    rows = cursor.fetchall()
                finally:
                    driver.autocommit = False
            except (psycopg.OperationalError, psycopg.InterfaceError) as error:  # the connection broke
                connection.invalidate()
                raise exc.OperationalError(sql, None, error) from error
        if not active:
            raise AccountUnavailable(user_id)
        return rows

    def system_session(self) -> AbstractContextManager[Session]:
        """The owner's session: migrations, sign-up and sign-in only (no user rows are visible)."""
        return _closing(self.open_system_session())

    def open_system_session(self) -> Session:
        """`system_session` for a caller that ends it itself with `end_session`."""
        return self._system_sessions()

    def user_ids(self) -> list[uuid.UUID]:
        """Every account, oldest first: for maintenance that visits each user's rows in that user's RLS scope."""
        with self.system_session() as session:
            return list(session.scalars(text("SELECT id FROM users ORDER BY created_at, id")))

    def ping(self) -> None:
        """One round trip as the owner; raises when the database cannot be reached."""
        with self.owner_engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def let_app_role_log_in(self) -> None:
        """Allow the application role (which RLS applies to) to log in: the embedded server's start-up step."""
        with self.owner_engine.begin() as conn:
            conn.execute(text(f"ALTER ROLE {APP_ROLE} LOGIN"))

    def dispose(self) -> None:
        self.owner_engine.dispose()
        self.app_engine.dispose()


def _scope_transaction_to_user(session: Session, _transaction: Any, connection: Any) -> None:
    user_id = session.info.get(USER_KEY)
    if user_id is None:
        raise RuntimeError("a user session was opened without a user")
    # SET LOCAL ROLE, the user, and the account and sign-in checks in one round trip (migrations 0007, 0008)
    active = connection.execute(_SCOPE, {"uid": user_id, "sid": session.info.get(SIGN_IN_KEY)}).scalar()
    if not active and session.info.get(ACTIVE_KEY, True):
        raise AccountUnavailable(user_id)


_SCOPE = text("SELECT jobfit_enter_user_scope(CAST(:uid AS uuid), CAST(:sid AS uuid))")
_SCOPE_ONE_TRIP = "SELECT jobfit_enter_user_scope(CAST(%(jobfit_uid)s AS uuid), CAST(%(jobfit_sid)s AS uuid)); "



def _ping_after_idle(engine: Engine) -> Engine:
    """Ping a pooled connection before use only when it sat idle longer than `IDLE_PING_S`; a dead one is
    replaced (the pool retries the checkout with a new connection)."""

    @event.listens_for(engine, "checkin")
    def idle_from(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or time.monotonic() - since <= IDLE_PING_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError(str(error)) from error

    return engine


def end_session(session: Session, *, failed: bool = False) -> None:
    """Roll back what a failed block left open, and close the session (its connection goes back to the pool)."""
    try:
        if failed:
            session.rollback()
    finally:
        session.close()


@contextmanager
def _closing(session: Session) -> Iterator[Session]:
    """Yield the session; roll back whatever the block left open when it fails, and close it either way."""
    try:
        yield session
    except BaseException:
        end_session(session, failed=True)
        raise
    end_session(session)
