"""Sign-in and sign-up hardening: throttled guessing (200 wrong passwords all got 401 and the right one worked at
once after), common passwords refused (`password`, `12345678`, eight spaces were accepted), and look-alike
emails (fullwidth `ｄup@…` made a second account)."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from tests.integration.conftest import register_and_login

API = "/api/v1/auth"
RIGHT = "correct horse battery"


def _login(client: TestClient, email: str, password: str):
    return client.post(f"{API}/login", data={"username": email, "password": password})


def test_guessing_a_password_is_throttled_then_locked_out_with_retry_after(client: TestClient) -> None:
    register_and_login(client, "victim@example.com", RIGHT)
    statuses = [_login(client, "victim@example.com", f"guess {i}").status_code for i in range(200)]
    assert statuses[:5] == [401] * 5
    assert statuses.count(429) >= 190
    refused = _login(client, "victim@example.com", RIGHT)  # right, but while locked: not checked
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert "try again" in refused.json()["detail"]
    time.sleep(int(refused.headers["retry-after"]) + 0.1)
    assert _login(client, "victim@example.com", RIGHT).status_code == 200
    # success clears the account's count: one mistype later is a plain 401
    assert _login(client, "victim@example.com", "mistyped").status_code == 401


def test_one_client_spraying_many_accounts_is_locked_out(client: TestClient) -> None:
    statuses = [_login(client, f"user{i}@example.com", "Summer2024!").status_code for i in range(40)]
    assert statuses[:20] == [401] * 20 and 429 in statuses[20:]


@pytest.mark.parametrize("password", ["password", "12345678", "        ", "Password1", "qwertyuiop", "ｐａｓｓｗｏｒｄ",
                                      "lookalike"])
def test_common_or_blank_passwords_are_refused(client: TestClient, password: str) -> None:
    r = client.post(f"{API}/register", json={"email": "lookalike@example.com", "password": password})
    assert r.status_code == 422, r.text


def test_emails_are_compared_nfkc_and_case_folded(client: TestClient) -> None:
    assert client.post(f"{API}/register", json={"email": "dup@example.com", "password": RIGHT}).status_code == 201
    for lookalike in ("ｄup@example.com", "DUP@EXAMPLE.COM", "Ｄｕｐ@ｅｘａｍｐｌｅ.ｃｏｍ"):
        assert client.post(f"{API}/register", json={"email": lookalike, "password": RIGHT}).status_code == 409
    assert _login(client, "ＤＵＰ@example.com", RIGHT).status_code == 200
