"""Accounts over real HTTP: register, login, me, and the error shapes."""

from __future__ import annotations

import jwt
from fastapi.testclient import TestClient

from tests.integration.conftest import register_and_login


def test_register_login_me(client: TestClient) -> None:
    r = client.post("/api/v1/auth/register", json={"email": "Ada@Example.com", "password": "s3cret-enough"})
    assert r.status_code == 201
    body = r.json()
    assert body["email"] == "ada@example.com" and set(body) == {"id", "email", "created_at"}
    r = client.post("/api/v1/auth/login", data={"username": "ada@example.com", "password": "s3cret-enough"})
    assert r.status_code == 200
    token = r.json()
    assert token["token_type"] == "bearer"
    claims = jwt.decode(token["access_token"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 60 * 60
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.status_code == 200 and me.json()["id"] == body["id"]


def test_duplicate_email_case_insensitive_is_409(client: TestClient) -> None:
    first = client.post("/api/v1/auth/register", json={"email": "x@example.com", "password": "twelve-3456-78"})
    assert first.status_code == 201
    r = client.post("/api/v1/auth/register", json={"email": "X@EXAMPLE.COM", "password": "twelve-3456-78"})
    assert r.status_code == 409 and "detail" in r.json()


def test_weak_password_and_bad_email_are_422(client: TestClient) -> None:
    r = client.post("/api/v1/auth/register", json={"email": "y@example.com", "password": "short"})
    assert r.status_code == 422 and "8" in r.json()["detail"]
    r = client.post("/api/v1/auth/register", json={"email": "not-an-email", "password": "long enough"})
    assert r.status_code == 422


def test_bad_credentials_do_not_reveal_which_part(client: TestClient) -> None:
    register_and_login(client, "z@example.com", "right password")
    wrong_pw = client.post("/api/v1/auth/login", data={"username": "z@example.com", "password": "wrong password"})
    no_user = client.post("/api/v1/auth/login", data={"username": "nobody@example.com", "password": "whatever1"})
    assert wrong_pw.status_code == no_user.status_code == 401
    assert wrong_pw.json() == no_user.json()


def test_me_without_or_with_bad_token_is_401(client: TestClient) -> None:
    assert client.get("/api/v1/auth/me").status_code == 401
    r = client.get("/api/v1/auth/me", headers={"Authorization": "Bearer not.a.token"})
    assert r.status_code == 401 and r.json()["detail"]
    forged = jwt.encode({"sub": "00000000-0000-0000-0000-000000000000", "exp": 9999999999, "typ": "access"},
                        "wrong-key-" + "w" * 40, algorithm="HS256")
    assert client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_health_and_openapi(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["migrations"] == "current"
    assert client.get("/docs").status_code == 200
    assert "/api/v1/auth/login" in client.get("/openapi.json").json()["paths"]


def test_error_shape_for_validation_unknown_route_and_oversized_body(client: TestClient) -> None:
    """One error schema (`Error` in the OpenAPI): a message in `detail`, a stable `code`, the failing fields of
    a validation error in `errors`."""
    r = client.post("/api/v1/auth/register", json={"email": 5})
    body = r.json()
    assert r.status_code == 422 and body["code"] == "invalid_request" and body["detail"] == "Email must be text."
    assert body["errors"][0]["loc"] == ["body", "email"]
    r = client.get("/api/v1/nope")
    assert r.status_code == 404 and r.json() == {"detail": "Not Found", "code": "not_found"}
    big = b"x" * (11 * 1024 * 1024)
    r = client.post("/api/v1/auth/register", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["detail"] and r.json()["code"] == "too_large"


def test_chunked_oversized_body_is_cut_off_with_413(client: TestClient) -> None:
    def chunks():
        for _ in range(12):
            yield b"y" * (1024 * 1024)

    r = client.post("/api/v1/auth/register", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_unexpected_error_is_500_with_request_id_and_no_internals(runtime, caplog) -> None:
    from jobfit.api.app import create_app

    app = create_app(runtime)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
    assert r.status_code == 500
    assert "secret" not in r.text and r.json()["request_id"] == r.headers["x-request-id"]
    assert any("secret internal detail" in (rec.exc_text or "") or rec.exc_info for rec in caplog.records)


def test_a_valid_token_of_an_inactive_or_deleted_account_is_401(client: TestClient, runtime) -> None:
    from sqlalchemy import text

    auth = register_and_login(client, "gone@example.com")
    assert client.get("/api/v1/documents/resumes", headers=auth).status_code == 200

    def owner(sql: str) -> None:
        with runtime.db.owner_engine.begin() as conn:
            conn.execute(text(sql))

    owner("UPDATE users SET is_active = false WHERE email = 'gone@example.com'")
    for path in ("/api/v1/documents/resumes", "/api/v1/auth/me", "/api/v1/matching/results"):
        r = client.get(path, headers=auth)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer", (path, r.text)
    owner("UPDATE users SET is_active = true WHERE email = 'gone@example.com'")
    assert client.get("/api/v1/auth/me", headers=auth).status_code == 200
    owner("DELETE FROM users WHERE email = 'gone@example.com'")
    assert client.get("/api/v1/documents/resumes", headers=auth).status_code == 401
