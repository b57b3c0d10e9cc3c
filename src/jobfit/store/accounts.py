"""Accounts in the database: users by email, the sign-up insert, account deletion, and the sign-in throttle's
counts (`login_throttle`: per key, failures and the time a key stays locked). The rules (which keys, how many free
failures, how long a lock) are `services/accounts.py`'s; this module holds their SQL."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from jobfit.store.models import User


def insert_user(session: Session, email: str, password_hash: str) -> uuid.UUID | None:
    """The new user's id, or None when the email (compared case-blind) is taken; no failed insert is logged."""
    return session.scalar(text("INSERT INTO users (email, password_hash) VALUES (:email, :hash) "
                               "ON CONFLICT ((lower(email))) DO NOTHING RETURNING id"),
                          {"email": email, "hash": password_hash})


def user_by_email(session: Session, email: str) -> User | None:
    """The user whose email, lower-cased, is `email` (already canonical)."""
    return session.scalar(select(User).where(func.lower(User.email) == email))


def user_id_by_email(session: Session, email: str) -> uuid.UUID | None:
    return session.scalar(select(User.id).where(User.email == email))


def delete_user(session: Session, user_id: uuid.UUID) -> None:
    """Delete the user; every table's rows of the user cascade (the caller commits, then deletes the files)."""
    session.execute(delete(User).where(User.id == user_id))


def seconds_locked(session: Session, keys: list[str]) -> float | None:
    """How long the longest-locked of these throttle keys stays locked, or None when none is."""
    wait = session.scalar(text("SELECT max(extract(epoch FROM locked_until - now())) FROM login_throttle "
                               "WHERE key = ANY(:keys) AND locked_until > now()"), {"keys": keys})
    return None if wait is None else float(wait)


def count_failure(session: Session, key: str, *, quiet: str, free: int, base: float, cap: float) -> None:
    """One more failure on `key` (from one after `quiet` without any); past `free` failures the key locks for
    `base` seconds, doubling with each further failure, at most `cap`."""
    session.execute(text(
        """
        INSERT INTO login_throttle AS t (key, failures) VALUES (:key, 1)
        ON CONFLICT (key) DO UPDATE SET
            failures = CASE WHEN t.last_failure_at < now() - CAST(:quiet AS interval) THEN 1
                            ELSE t.failures + 1 END,
            last_failure_at = now()
        """), {"key": key, "quiet": quiet})
    session.execute(text(
        """
        UPDATE login_throttle
        SET locked_until = now() + make_interval(secs => least(:cap, :base * power(2, failures - :free)))
        WHERE key = :key AND failures >= :free
        """), {"key": key, "free": free, "base": base, "cap": cap})


def clear_failures(session: Session, keys: list[str]) -> None:
    """Forget these keys' failures."""
    session.execute(text("DELETE FROM login_throttle WHERE key = ANY(:keys)"), {"keys": keys})
