"""Access tokens (`jobfit.accounts`): a remembered signature never outlives the token's expiry."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest

from jobfit.accounts import InvalidToken, create_access_token, decode_access_token

SECRET = "s" * 48


def test_a_verified_token_is_refused_once_it_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    user_id = uuid.uuid4()
    token = create_access_token(user_id, SECRET, minutes=1)
    assert decode_access_token(token, SECRET) == user_id
    assert decode_access_token(token, SECRET) == user_id  # the remembered signature
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(InvalidToken):
        decode_access_token(token, SECRET)


def test_the_signature_is_checked_against_the_secret_given() -> None:
    token = create_access_token(uuid.uuid4(), SECRET, minutes=5)
    decode_access_token(token, SECRET)
    with pytest.raises(InvalidToken):
        decode_access_token(token, "t" * 48)


@pytest.mark.parametrize("claims", [
    {"sub": str(uuid.uuid4()), "exp": 9999999999, "typ": "refresh"},
    {"sub": "not-a-uuid", "exp": 9999999999, "typ": "access"},
    {"sub": str(uuid.uuid4()), "typ": "access"},
    {"sub": str(uuid.uuid4()), "exp": 1, "typ": "access"},
])
def test_tokens_that_are_not_valid_access_tokens_are_refused(claims: dict) -> None:
    with pytest.raises(InvalidToken):
        decode_access_token(jwt.encode(claims, SECRET, algorithm="HS256"), SECRET)
