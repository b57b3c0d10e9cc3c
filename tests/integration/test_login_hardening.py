"""Sign-in and sign-up hardening: throttled guessing (200 wrong passwords all got 401 and the right one worked at
once after), common passwords refused (`password`, `12345678`, eight spaces were accepted), look-alike emails
(fullwidth `ｄup@…` made a second account); an attacker's failures slow the attacker, not the owner (five wrong
passwords from anywhere locked the owner out, and twenty from one address every user behind it); sign-ups are
rate-limited per address (60 accounts, each an argon2 hash, in 10.7 s)."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from jobfit.runtime import Runtime
from tests.integration.conftest import register_and_login

API = "/api/v1/auth"
RIGHT = "correct horse battery"


def _login(client: TestClient, email: str, password: str):
    return client.post(f"{API}/login", data={"username": email, "password": password})


def _from(runtime: Runtime, address: str) -> TestClient:
    """A client at its own address (its own cookie jar: no device token until it signs in)."""
    from jobfit.app import create_app

    return TestClient(create_app(runtime), raise_server_exceptions=False, client=(address, 40000))


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


def test_one_client_spraying_many_accounts_is_locked_out_but_not_its_neighbours_who_signed_in_before(
        runtime: Runtime) -> None:
    with _from(runtime, "198.51.100.20") as neighbour, _from(runtime, "198.51.100.20") as sprayer:
        register_and_login(neighbour, "neighbour@example.com", RIGHT)  # behind the same NAT; keeps its device cookie
        statuses = [_login(sprayer, f"user{i}@example.com", "Summer2024!").status_code for i in range(103)]
        # then locked for 1 s, doubling (a 1 s lock can lapse before the next try on a loaded machine; 2 s rarely)
        assert statuses[:100] == [401] * 100 and 429 in statuses[100:]
        assert _login(neighbour, "neighbour@example.com", RIGHT).status_code == 200


def test_an_attackers_failures_do_not_lock_the_owner_out(runtime: Runtime) -> None:
    """Five wrong passwords from anywhere locked the owner out of the API and the web sign-in, right password or
    not. Now they lock only the attacker's (account, address) pair; the owner signs in from elsewhere, and from the
    attacker's own address with the device cookie of an earlier sign-in."""
    with _from(runtime, "203.0.113.5") as owner, _from(runtime, "198.51.100.66") as attacker, \
            _from(runtime, "203.0.113.5") as owner_elsewhere_same_nat:
        register_and_login(owner, "victim@example.com", RIGHT)
        statuses = [_login(attacker, "victim@example.com", f"guess {i}").status_code for i in range(15)]
        assert statuses[:5] == [401] * 5 and statuses[-1] == 429
        assert _login(attacker, "victim@example.com", RIGHT).status_code == 429  # the attacker's pair is locked
        assert _login(owner, "victim@example.com", RIGHT).status_code == 200
        with _from(runtime, "192.0.2.44") as owner_on_the_road:  # a new address, no device cookie
            assert _login(owner_on_the_road, "victim@example.com", RIGHT).status_code == 200
        # the web sign-in too
        from tests.integration.test_web_pages import csrf_of

        token = csrf_of(owner_elsewhere_same_nat.get("/sign-in").text)
        page = owner_elsewhere_same_nat.post("/sign-in", data={"email": "victim@example.com", "password": RIGHT,
                                                               "csrf_token": token}, follow_redirects=False)
        assert page.status_code == 303


def test_distributed_guessing_locks_the_account_for_new_devices_only(runtime: Runtime) -> None:
    """Guesses from many addresses hit the account-wide bound (20 failures); past it, a sign-in without a device
    token waits, and the owner's browser or program that signed in before passes at once."""
    with _from(runtime, "203.0.113.5") as owner:
        register_and_login(owner, "target@example.com", RIGHT)
        for i in range(25):
            with _from(runtime, f"198.51.100.{i + 1}") as bot:
                _login(bot, "target@example.com", f"guess {i}")
        with _from(runtime, "192.0.2.99") as new_device:
            refused = _login(new_device, "target@example.com", RIGHT)
            assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert _login(owner, "target@example.com", RIGHT).status_code == 200
        assert _login(owner, "target@example.com", "mistyped").status_code == 401  # counted on its device alone


def test_sign_ups_from_one_address_are_rate_limited(runtime: Runtime) -> None:
    with _from(runtime, "198.51.100.77") as farm, _from(runtime, "203.0.113.8") as someone:
        statuses = [farm.post(f"{API}/register", json={"email": f"farm{i}@example.com", "password": RIGHT})
                    .status_code for i in range(14)]
        assert statuses[:10] == [201] * 10 and statuses[10:] == [429] * 4
        refused = farm.post(f"{API}/register", json={"email": "farm-late@example.com", "password": RIGHT})
        assert int(refused.headers["retry-after"]) >= 1 and "sign-ups" in refused.json()["detail"]
        assert someone.post(f"{API}/register", json={"email": "someone@example.com", "password": RIGHT}
                            ).status_code == 201


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


def _guesses_with_forged_addresses(url: str) -> list[int]:
    import httpx

    httpx.post(f"{url}{API}/register", json={"email": "proxied@example.com", "password": RIGHT})
    return [httpx.post(f"{url}{API}/login", data={"username": "proxied@example.com", "password": f"guess {i}"},
                       headers={"X-Forwarded-For": f"203.0.113.{i + 1}"}).status_code for i in range(7)]


def test_forwarded_addresses_are_believed_only_from_trusted_proxies(runtime: Runtime) -> None:
    """uvicorn believed X-Forwarded-For from 127.0.0.1 by default: a local client dodged the per-address limit
    (60 failures, no 429) or aimed it at someone else. By default no proxy is trusted: the guesses all count
    on the loopback client's own (account, address) pair."""
    from tests.integration.conftest import serving

    with serving(runtime) as url:
        statuses = _guesses_with_forged_addresses(url)
    assert statuses[:5] == [401] * 5 and 429 in statuses[5:]


def test_a_trusted_proxy_passes_on_the_clients_address(runtime: Runtime) -> None:
    """Behind a proxy the operator names (JOBFIT_TRUSTED_PROXIES), each forwarded client has its own pair."""
    from tests.integration.conftest import serving

    with serving(runtime, trusted_proxies="127.0.0.1") as url:
        assert _guesses_with_forged_addresses(url) == [401] * 7
