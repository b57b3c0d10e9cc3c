"""The accounts use case: password hashing (argon2), tokens (JWT HS256), sign-up and sign-in with throttling,
password change. Its refusals are `ServiceError`s (422, 409 for a taken email, 403 for a wrong password, 429 with
the wait while throttled), so every adapter answers them as it answers other use cases.

Used by the sign-in service (`services/sign_in.py`) and `jobfit user create`. Errors never say whether an email
is registered. Emails are compared NFKC-normalised and case-folded (a fullwidth look-alike is the same address).
Passwords need 8 characters, not all blank, and must not be among the 20,000 most common ones
(`data/common-passwords`).

Tokens name their sign-in (`sid`, a row of `auth_sessions`, checked on every use) and their kind: `access` for
the API's bearer tokens, `web` for the browser's session cookie; neither is accepted as the other.

Throttling (table `login_throttle`; keys are SHA-256 digests, never an email or an address in the clear): each
key counts failures; past its free failures (`FREE_FAILURES`) it is locked for 1 s, doubling with each further
failure up to `MAX_LOCK_S`; an attempt while a key is locked is refused (429 with Retry-After) without checking
the password, and a key with no failure for `QUIET_RESET` starts again from zero. The keys of a sign-in:
- `pair` (this account from this client address): a guesser slows only their own attempts on that account;
- `account` (from anywhere) and `address` (any account from this address): bounds on distributed guessing and on
  spraying many accounts, which bind only sign-ins without a device token;
- `device`: a browser or program that signed in to the account before holds a device token for it (signed by
  the server); its sign-ins are counted on that token alone, so the owner passes whatever others pile on the
  account or the address.
A successful sign-in clears its pair or device count. Sign-ups are counted per client address (`signup`: after
10, one a minute, doubling).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import hmac
import math
import secrets
import time
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from typing import Literal

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from jobfit.services.errors import ServiceError, Unprocessable
from jobfit.store import accounts as store
from jobfit.store.models import User
from jobfit.store.rows import find

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
_hasher = PasswordHasher()
# verified against when the email is unknown, so both paths cost the same (no timing oracle)
_DUMMY_HASH = _hasher.hash("jobfit-dummy-password")


# key kind -> failures (sign-ups, for `signup`) allowed before the key locks
FREE_FAILURES = {"pair": 5, "device": 5, "account": 20, "address": 100, "signup": 10}
FIRST_LOCK_S = {"signup": 60}  # the first lock of a key kind, in seconds (1 s unless named), doubling from there
MAX_LOCK_S = 15 * 60
QUIET_RESET = "1 hour"  # a key with no failure for this long starts again from zero
TokenKind = Literal["access", "web"]
MAX_DEVICE_TOKEN = 200


class AccountError(Unprocessable):
    """A bad sign-up or new password (invalid email, short or common password): 422."""


class EmailTaken(AccountError):
    """An account with this email exists already: 409."""

    status_code = 409


class WrongPassword(AccountError):
    """The password given to confirm a change is not the account's: 403."""

    status_code = 403


class InvalidToken(ValueError):
    """A token that is malformed, forged, expired or of the other kind (answered as no sign-in at all)."""


class LoginThrottled(ServiceError):
    """Too many failures on a key of this sign-in (or sign-ups from this address): 429, retry after a while."""

    status_code = 429

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"Too many attempts: try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s
        self.headers = {"Retry-After": str(retry_after_s)}


@dataclass(frozen=True)
class TokenClaims:
    """What a valid token says: whose it is, and which sign-in (row of `auth_sessions`) it belongs to."""

    user_id: uuid.UUID
    sign_in_id: uuid.UUID


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


def register(session: Session, email: str, password: str, client: str | None = None) -> User:
    """Create a user (owner session). Raises AccountError / EmailTaken, or LoginThrottled when `client` (the
    address asking; None for the command line) has signed up too often. A taken email is found without a failed
    insert, so the database's log never shows it."""
    signup = [_key("signup", client)] if client else []
    _check_unlocked(session, signup)
    email = normalise_email(email)
    check_password(password, email)
    user_id = store.insert_user(session, email, hash_password(password))
    _record_failures(session, signup)  # every sign-up that got this far counts: each cost an argon2 hash
    session.commit()
    if user_id is None:
        raise EmailTaken("an account with this email already exists")
    user = find(session, User, user_id)
    assert user is not None
    return user


def _key(kind: str, *parts: str) -> str:
    """A throttle key: its kind and a digest of what it counts (no email or address is stored as such)."""
    return f"{kind}:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def throttle_keys(email: str, client: str | None, device: str | None) -> list[str]:
    """The keys a sign-in to `email` from `client` is counted on: its device's alone when it has a device token
    for the account (`device`, from `device_of`), else the account's, the pair's and the address's."""
    email = canonical_email(email)
    if device:
        return [_key("device", email, device)]
    return [_key("account", email)] + ([_key("pair", email, client), _key("address", client)] if client else [])


def authenticate(session: Session, email: str, password: str, client: str | None = None,
                 device: str | None = None) -> User | None:
    """The active user with these credentials, or None (same cost either way).

    Raises LoginThrottled while a key of this sign-in (`throttle_keys`) is locked by earlier failures."""
    keys = throttle_keys(email, client, device)
    _check_unlocked(session, keys)
    user = _verified_user(session, canonical_email(email), password)
    if user is None:
        _record_failures(session, keys)
    else:
        cleared = [k for k in keys if k.startswith(("pair:", "device:"))]
        store.clear_failures(session, cleared)
    session.commit()
    return user


def forget_account(session: Session, email: str) -> None:
    """Drop the account's own throttle count (the account is being deleted; no commit)."""
    store.clear_failures(session, [_key("account", canonical_email(email))])


def device_token(email: str, secret: str) -> str:
    """A new device token for the account `email`: proof, at later sign-ins, that this browser or program signed
    in to it before (`device_of`)."""
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_device_mac(canonical_email(email), nonce, secret)}"


def device_of(token: str | None, email: str, secret: str) -> str | None:
    """The device a token names, if it is a valid device token for the account `email`; else None."""
    if not token or len(token) > MAX_DEVICE_TOKEN:
        return None
    nonce, _, mac = token.partition(".")
    if nonce and mac and hmac.compare_digest(mac, _device_mac(canonical_email(email), nonce, secret)):
        return nonce
    return None


def _device_mac(email: str, nonce: str, secret: str) -> str:
    return hmac.new(secret.encode(), f"device:{email}:{nonce}".encode(), hashlib.sha256).hexdigest()


def set_password(user: User, new: str) -> None:
    """Give the user the password `new` (AccountError when it is not acceptable); the caller commits."""
    check_password(new, user.email)
    user.password_hash = hash_password(new)


def _check_unlocked(session: Session, keys: list[str]) -> None:
    wait = store.seconds_locked(session, keys)
    if wait is not None:
        raise LoginThrottled(max(1, math.ceil(wait)))


def _record_failures(session: Session, keys: list[str]) -> None:
    for key in keys:
        kind = key.split(":", 1)[0]
        free, base = FREE_FAILURES[kind], FIRST_LOCK_S.get(kind, 1)
        store.count_failure(session, key, quiet=QUIET_RESET, free=free, base=base, cap=MAX_LOCK_S)


def _verified_user(session: Session, email: str, password: str) -> User | None:
    user = store.user_by_email(session, email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.is_active:
        return None
    return user


def create_token(user_id: uuid.UUID, sign_in_id: uuid.UUID, secret: str, minutes: int,
                 kind: TokenKind = "access") -> str:
    """A signed token of `kind` for the sign-in `sign_in_id` of `user_id`, valid for `minutes`."""
    now = datetime.now(UTC)
    payload = {"sub": str(user_id), "sid": str(sign_in_id), "iat": now, "exp": now + timedelta(minutes=minutes),
               "typ": kind}
    return jwt.encode(payload, secret, algorithm="HS256")


def decode_token(token: str, secret: str, kind: TokenKind = "access") -> TokenClaims:
    """The claims of a valid, unexpired token of `kind` signed with `secret`; else InvalidToken. (Whether its
    sign-in is still open is the database's to say, on the request's first statement.)

    Verified signatures are remembered (a client sends the same token with every request); the expiry is
    checked on every call."""
    claims, token_kind, expires = _verified_token(token, secret)
    if token_kind != kind:
        raise InvalidToken(f"not a {kind} token")
    if expires <= time.time():
        raise InvalidToken("Signature has expired")
    return claims


@functools.lru_cache(maxsize=4096)
def _verified_token(token: str, secret: str) -> tuple[TokenClaims, str, float]:
    try:
        payload = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp", "sub", "sid"]})
        return (TokenClaims(uuid.UUID(payload["sub"]), uuid.UUID(payload["sid"])), str(payload.get("typ")),
                float(payload["exp"]))
    except (jwt.PyJWTError, ValueError, KeyError, TypeError) as exc:
        raise InvalidToken(str(exc)) from None


def user_id_for_email(session: Session, email: str) -> uuid.UUID | None:
    """The id of the account with this email (compared as sign-in compares it), or None."""
    return store.user_id_by_email(session, canonical_email(email))
