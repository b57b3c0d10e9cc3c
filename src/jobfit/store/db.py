"""Engines and sessions: a privileged one for migrations and sign-in, and per-user ones under RLS.

Every transaction of a user session first runs `SET LOCAL ROLE jobfit_app` (a role that owns nothing
and cannot bypass RLS) and sets `jobfit.user_id`, so Postgres itself keeps users apart even where
application code forgot a filter. The hook runs on *every* transaction begin, so a commit in the
middle of a request cannot silently drop the user's scope.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

APP_ROLE = "jobfit_app"
USER_KEY = "jobfit_user_id"


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
        self.owner_engine: Engine = create_engine(self.owner_url, pool_pre_ping=True, pool_size=3)
        self.app_engine: Engine = create_engine(
            self.app_url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size * 2
        )
        self._user_sessions = sessionmaker(self.app_engine, expire_on_commit=False)
        self._system_sessions = sessionmaker(self.owner_engine, expire_on_commit=False)
        event.listen(self._user_sessions, "after_begin", _scope_transaction_to_user)

    def user_session(self, user_id: uuid.UUID) -> AbstractContextManager[Session]:
        """A session whose every transaction is confined by RLS to `user_id`'s rows."""
        session = self._user_sessions()
        session.info[USER_KEY] = str(user_id)
        return _closing(session)

    def system_session(self) -> AbstractContextManager[Session]:
        """The owner's session: migrations, sign-up and sign-in only (no user rows are visible)."""
        return _closing(self._system_sessions())

    def user_ids(self) -> list[uuid.UUID]:
        """Every account, oldest first: for maintenance that visits each user's rows in that user's RLS scope."""
        with self.system_session() as session:
            return list(session.scalars(text("SELECT id FROM users ORDER BY created_at, id")))

    def dispose(self) -> None:
        self.owner_engine.dispose()
        self.app_engine.dispose()


def _scope_transaction_to_user(session: Session, _transaction: Any, connection: Any) -> None:
    user_id = session.info.get(USER_KEY)
    if user_id is None:
        raise RuntimeError("a user session was opened without a user")
    # SET LOCAL ROLE and the user in one round trip (set_config('role') is SET ROLE, with the same checks)
    connection.execute(_SCOPE, {"uid": user_id})


_SCOPE = text(f"SELECT set_config('role', '{APP_ROLE}', true), set_config('jobfit.user_id', :uid, true)")


@contextmanager
def _closing(session: Session) -> Iterator[Session]:
    """Yield the session; roll back whatever the block left open when it fails, and close it either way."""
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
