"""A person's sign-ins: sign up, sign in, sign out, change the password, delete the account.

A sign-in opens a row of `auth_sessions` (`store/sign_ins.py`) and hands back a token that names it: an API access
token or a web session's, different kinds (`accounts.create_token`), so neither works as the other. Signing out
ends that row; a password change ends every row of the user (and opens a new one for the caller), and deleting
the account removes the user's rows (the sign-ins among them) and files. Every use of a token checks its row, so
an ended sign-in stops working at once. Each sign-in also hands back a device token (`accounts.device_token`)
that lets this browser or program past the account-wide throttle later.

All of it runs in the owner's session (`SystemDb`), as sign-in always has; a password is confirmed through
`accounts.authenticate`, so guesses at it are throttled like sign-ins.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from jobfit.runtime import Runtime
from jobfit.services import accounts
from jobfit.services.accounts import TokenClaims, TokenKind, WrongPassword
from jobfit.store import accounts as account_store
from jobfit.store import sign_ins
from jobfit.store.db import AccountUnavailable
from jobfit.store.models import User
from jobfit.store.rows import find


@dataclass(frozen=True)
class SignedIn:
    user_id: uuid.UUID
    email: str
    token: str
    expires_in_s: int
    device_token: str


def sign_in(db: Session, runtime: Runtime, email: str, password: str, *, kind: TokenKind, client: str | None,
            device_token: str | None) -> SignedIn | None:
    """A new sign-in of kind `kind` for these credentials, or None when they are wrong. Raises LoginThrottled."""
    device = accounts.device_of(device_token, email, runtime.secret_key)
    user = accounts.authenticate(db, email, password, client, device)
    if user is None:
        return None
    return _open(db, runtime, user, kind, device_token if device else None)


def sign_up(db: Session, runtime: Runtime, email: str, password: str, *, kind: TokenKind,
            client: str | None) -> SignedIn:
    """A new account, signed in. Raises AccountError, EmailTaken, or LoginThrottled (too many sign-ups)."""
    return _open(db, runtime, accounts.register(db, email, password, client), kind, None)


def sign_out(db: Session, claims: TokenClaims) -> None:
    """End the sign-in of this token (its other sign-ins go on)."""
    sign_ins.end_sign_in(db, claims.user_id, claims.sign_in_id)
    db.commit()


def change_password(db: Session, runtime: Runtime, claims: TokenClaims, current: str, new: str, *,
                    kind: TokenKind, client: str | None) -> SignedIn:
    """Give the account the password `new` once `current` is confirmed, end every sign-in made before, and sign
    the caller in again. Raises WrongPassword, AccountError (an unacceptable new password), LoginThrottled, or
    AccountUnavailable (the token's sign-in has ended)."""
    user = _confirmed(db, claims, current, client)
    accounts.set_password(user, new)
    sign_ins.end_all_sign_ins(db, user.id)
    db.commit()
    return _open(db, runtime, user, kind, None)


def delete_account(db: Session, runtime: Runtime, claims: TokenClaims, password: str, *, client: str | None) -> None:
    """Delete the account once `password` is confirmed: every row of it (documents, vectors, matches, suggestions,
    feedback, sign-ins) and then its stored files."""
    user = _confirmed(db, claims, password, client)
    accounts.forget_account(db, user.email)
    account_store.delete_user(db, user.id)  # every table's rows of the user cascade
    db.commit()
    runtime.files.delete_user(user.id)


def _confirmed(db: Session, claims: TokenClaims, password: str, client: str | None) -> User:
    """The token's user, once its sign-in is open and `password` is theirs (counted and throttled as a sign-in)."""
    user = find(db, User, claims.user_id)
    if user is None or not user.is_active or not sign_ins.is_open(db, claims.user_id, claims.sign_in_id):
        raise AccountUnavailable(claims.user_id)  # answered as no sign-in at all
    if accounts.authenticate(db, user.email, password, client) is None:
        raise WrongPassword("the password is not right")
    return user


def _open(db: Session, runtime: Runtime, user: User, kind: TokenKind, device_token: str | None) -> SignedIn:
    minutes = runtime.settings.access_token_minutes
    sign_in_id = sign_ins.open_sign_in(db, user.id, kind, minutes)
    db.commit()
    return SignedIn(user.id, user.email, accounts.create_token(user.id, sign_in_id, runtime.secret_key, minutes, kind),
                    minutes * 60, device_token or accounts.device_token(user.email, runtime.secret_key))
