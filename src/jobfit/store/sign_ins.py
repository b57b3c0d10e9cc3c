"""Sign-in sessions in the database (`auth_sessions`, migration 0008): opened at sign-in, ended at sign-out,
all ended at a password change. A token is good only while its row is open (checked by every user transaction,
`store.db`)."""

from __future__ import annotations

import uuid
from typing import Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

from jobfit.store.db import Database

Kind = Literal["web", "access"]  # a web session, an API access token
KEEP_ENDED = "1 day"  # ended and expired rows of a user are deleted at that user's next sign-in after this


def open_sign_in(session: Session, user_id: uuid.UUID, kind: Kind, minutes: int) -> uuid.UUID:
    """A new open sign-in of `user_id` for `minutes` (owner session; no commit). Prunes the user's old rows."""
    session.execute(text("DELETE FROM auth_sessions WHERE user_id = :uid AND least(expires_at, "
                         "coalesce(revoked_at, expires_at)) < now() - CAST(:keep AS interval)"),
                    {"uid": user_id, "keep": KEEP_ENDED})
    return session.scalar(text("INSERT INTO auth_sessions (user_id, kind, expires_at) "
                               "VALUES (:uid, :kind, now() + make_interval(mins => :minutes)) RETURNING id"),
                          {"uid": user_id, "kind": kind, "minutes": minutes})


def end_sign_in(session: Session, user_id: uuid.UUID, sign_in_id: uuid.UUID) -> None:
    """End one sign-in of `user_id` (no commit): its token stops working at once."""
    session.execute(text("UPDATE auth_sessions SET revoked_at = now() "
                         "WHERE id = :sid AND user_id = :uid AND revoked_at IS NULL"),
                    {"sid": sign_in_id, "uid": user_id})


def end_all_sign_ins(session: Session, user_id: uuid.UUID) -> int:
    """End every open sign-in of `user_id`, web and API (no commit); returns how many were open."""
    return session.execute(text("UPDATE auth_sessions SET revoked_at = now() "
                                "WHERE user_id = :uid AND revoked_at IS NULL"), {"uid": user_id}).rowcount


def is_open(session: Session, user_id: uuid.UUID, sign_in_id: uuid.UUID) -> bool:
    """Whether this sign-in of `user_id` is open: not ended, not expired."""
    return bool(session.scalar(text("SELECT EXISTS (SELECT 1 FROM auth_sessions WHERE id = :sid AND user_id = :uid "
                                    "AND revoked_at IS NULL AND expires_at > now())"),
                               {"sid": sign_in_id, "uid": user_id}))


def signed_in_email(db: Database, user_id: uuid.UUID, sign_in_id: uuid.UUID) -> str:
    """The email of the account, once its sign-in is checked open and the account active, in one round trip
    with no session kept (`Database.read_as_user`); else `AccountUnavailable`."""
    return db.read_as_user(user_id, "SELECT email FROM users", {}, sign_in_id)[0].email
