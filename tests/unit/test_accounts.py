"""Tokens and device tokens (`jobfit.services.accounts`): a remembered signature never outlives the token's
expiry, a token of one kind is not accepted as the other, and a device token is good for its own account only."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest

from jobfit.services.accounts import InvalidToken, create_token, decode_token, device_of, device_token, throttle_keys

SECRET = "s" * 48


def test_a_verified_token_is_refused_once_it_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    user_id, sign_in_id = uuid.uuid4(), uuid.uuid4()
    token = create_token(user_id, sign_in_id, SECRET, minutes=1)
    assert decode_token(token, SECRET).user_id == user_id
    assert decode_token(token, SECRET).sign_in_id == sign_in_id  # the remembered signature
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(InvalidToken):
        decode_token(token, SECRET)


def test_the_signature_is_checked_against_the_secret_given() -> None:
    token = create_token(uuid.uuid4(), uuid.uuid4(), SECRET, minutes=5)
    decode_token(token, SECRET)
    with pytest.raises(InvalidToken):
        decode_token(token, "t" * 48)


def test_web_session_tokens_and_api_tokens_are_not_interchangeable() -> None:
    """An API token worked as a web session cookie, and a web session's token as a bearer token."""
    user_id, sign_in_id = uuid.uuid4(), uuid.uuid4()
    web, api = (create_token(user_id, sign_in_id, SECRET, 5, kind) for kind in ("web", "access"))
    assert decode_token(web, SECRET, "web").user_id == decode_token(api, SECRET, "access").user_id == user_id
    with pytest.raises(InvalidToken):
        decode_token(web, SECRET, "access")
    with pytest.raises(InvalidToken):
        decode_token(api, SECRET, "web")


@pytest.mark.parametrize("claims", [
    {"sub": str(uuid.uuid4()), "sid": str(uuid.uuid4()), "exp": 9999999999, "typ": "refresh"},
    {"sub": "not-a-uuid", "sid": str(uuid.uuid4()), "exp": 9999999999, "typ": "access"},
    {"sub": str(uuid.uuid4()), "sid": str(uuid.uuid4()), "typ": "access"},
    {"sub": str(uuid.uuid4()), "sid": str(uuid.uuid4()), "exp": 1, "typ": "access"},
    {"sub": str(uuid.uuid4()), "exp": 9999999999, "typ": "access"},  # no sign-in: a token from before 0008
])
def test_tokens_that_are_not_valid_access_tokens_are_refused(claims: dict) -> None:
    with pytest.raises(InvalidToken):
        decode_token(jwt.encode(claims, SECRET, algorithm="HS256"), SECRET)


def test_a_device_token_is_good_for_its_own_account_only() -> None:
    token = device_token("Ada@Example.com", SECRET)
    device = device_of(token, "ada@example.com", SECRET)
    assert device and token.startswith(device)
    assert device_of(token, "bob@example.com", SECRET) is None
    assert device_of(token, "ada@example.com", "t" * 48) is None
    assert device_of(token[:-1] + ("0" if token[-1] != "0" else "1"), "ada@example.com", SECRET) is None
    assert device_of(None, "ada@example.com", SECRET) is None
    assert device_of("x" * 500, "ada@example.com", SECRET) is None


def test_throttle_keys_name_no_email_or_address_and_a_device_is_counted_alone() -> None:
    keys = throttle_keys("Ada@Example.com", "203.0.113.9", None)
    assert [k.split(":")[0] for k in keys] == ["account", "pair", "address"]
    assert not any("ada" in k or "203.0" in k for k in keys)
    assert throttle_keys("ada@example.com", "203.0.113.9", None) == keys  # the same account, folded
    assert [k.split(":")[0] for k in throttle_keys("ada@example.com", "203.0.113.9", "d1")] == ["device"]
