"""Accounts: password hashing (argon2), access tokens (JWT HS256), sign-up and sign-in with throttling.

Used by the API and by `jobfit user create`. Errors never say whether an email is registered. Emails are
compared NFKC-normalised and case-folded (a fullwidth look-alike is the same address). Passwords need 8
characters, not all blank, and must not be among the 20,000 most common ones (`data/common-passwords`).

Sign-in is throttled per account and per client address (table `login_throttle`): after
`FREE_FAILURES` failures in a row the key is locked for 1 s, doubling with each further failure up to
`MAX_LOCK_S`; attempts while locked are refused (429 with Retry-After) without checking the password.
A successful sign-in clears its account's count.
"""

from __future__ import annotations

import functools
import gzip
import math
import time
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.resources import files

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jobfit.store.models import User

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
_hasher = PasswordHasher()
# verified against when the email is unknown, so both paths cost the same (no timing oracle)
_DUMMY_HASH = _hasher.hash("jobfit-dummy-password")


# key prefix -> failures allowed before locking (a client address may try many accounts, a person mistypes)
FREE_FAILURES = {"account": 5, "client": 20}
MAX_LOCK_S = 15 * 60
QUIET_RESET = "1 hour"  # a key with no failure for this long starts again from zero


class AccountError(ValueError):
    """A bad sign-up (invalid email, short password)."""


class EmailTaken(AccountError):
    pass


class InvalidToken(ValueError):
    pass


@dataclass
class LoginThrottled(Exception):
    retry_after_s: int


def canonical_email(email: str) -> str:
    """The form emails are stored and compared in: NFKC, case-folded, trimmed (no validation)."""
    return unicodedata.normalize("NFKC", email).strip().casefold()


def normalise_email(email: str) -> str:
    try:
        return canonical_email(validate_email(canonical_email(email), check_deliverability=False).normalized)
    except EmailNotValidError as exc:
        raise AccountError(f"invalid email address: {exc}") from None


@functools.cache
def common_passwords() -> frozenset[str]:
    data = files("jobfit").joinpath("data/common-passwords.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode().split())


def check_password(password: str, email: str | None = None) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"password must be at most {MAX_PASSWORD_LENGTH} characters")
    if not password.strip():
        raise AccountError("password must not be only spaces")
    folded = unicodedata.normalize("NFKC", password).casefold()
    if folded in common_passwords() or (email and folded in {email, email.split("@")[0]}):
        raise AccountError("this password is too common or too easy to guess: choose another")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def register(session: Session, email: str, password: str) -> User:
    """Create a user (owner session). Raises AccountError / EmailTaken."""
    email = normalise_email(email)
    check_password(password, email)
    user = User(email=email, password_hash=hash_password(password))
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise EmailTaken("an account with this email already exists") from None
    session.refresh(user)
    return user


def authenticate(session: Session, email: str, password: str, client: str | None = None) -> User | None:
    """The active user with these credentials, or None (same cost either way).

    Raises LoginThrottled while the account or the client address is locked by earlier failures."""
    email = canonical_email(email)
    keys = [f"account:{email}"] + ([f"client:{client}"] if client else [])
    _check_unlocked(session, keys)
    user = _verified_user(session, email, password)
    if user is None:
        _record_failures(session, keys)
    else:
        session.execute(text("DELETE FROM login_throttle WHERE key = :key"), {"key": keys[0]})
    session.commit()
    return user


def _check_unlocked(session: Session, keys: list[str]) -> None:
    wait = session.scalar(text("SELECT max(extract(epoch FROM locked_until - now())) FROM login_throttle "
                               "WHERE key = ANY(:keys) AND locked_until > now()"), {"keys": keys})
    if wait is not None:
        raise LoginThrottled(max(1, math.ceil(float(wait))))


def _record_failures(session: Session, keys: list[str]) -> None:
    for key in keys:
        free = FREE_FAILURES[key.split(":", 1)[0]]
        session.execute(text(
            """
            INSERT INTO login_throttle AS t (key, failures) VALUES (:key, 1)
            ON CONFLICT (key) DO UPDATE SET
                failures = CASE WHEN t.last_failure_at < now() - CAST(:quiet AS interval) THEN 1
                                ELSE t.failures + 1 END,
                last_failure_at = now()
            """), {"key": key, "quiet": QUIET_RESET})
        session.execute(text(
            """
            UPDATE login_throttle
            SET locked_until = now() + make_interval(secs => least(:cap, power(2, failures - :free)))
            WHERE key = :key AND failures >= :free
            """), {"key": key, "free": free, "cap": MAX_LOCK_S})


def _verified_user(session: Session, email: str, password: str) -> User | None:
    user = session.scalar(select(User).where(func.lower(User.email) == email))
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.is_active:
        return None
    return user


def create_access_token(user_id: uuid.UUID, secret: str, minutes: int) -> str:
    now = datetime.now(UTC)
    payload = {"sub": str(user_id), "iat": now, "exp": now + timedelta(minutes=minutes), "typ": "access"}
    return jwt.encode(payload, secret, algorithm="HS256")


def decode_access_token(token: str, secret: str) -> uuid.UUID:
    """The user id of a valid, unexpired access token signed with `secret`; else InvalidToken.

    Verified signatures are remembered (a client sends the same token with every request); the expiry is
    checked on every call."""
    user_id, expires = _verified_access_token(token, secret)
    if expires <= time.time():
        raise InvalidToken("Signature has expired")
    return user_id


@functools.lru_cache(maxsize=4096)
def _verified_access_token(token: str, secret: str) -> tuple[uuid.UUID, float]:
    try:
        payload = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp", "sub"]})
        if payload.get("typ") != "access":
            raise InvalidToken("not an access token")
        return uuid.UUID(payload["sub"]), float(payload["exp"])
    except (jwt.PyJWTError, ValueError, KeyError, TypeError) as exc:
        raise InvalidToken(str(exc)) from None


def user_id_for_email(session: Session, email: str) -> uuid.UUID | None:
    """The id of the account with this email (compared as sign-in compares it), or None."""
    return session.scalar(select(User.id).where(User.email == canonical_email(email)))
