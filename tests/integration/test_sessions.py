"""Sessions that end: signing out ends the session on the server, web sessions and API tokens are different
credentials, and a password change or an account deletion ends everything issued before. (The old cookie worked
for 60 minutes after sign-out, also as a bearer token, and API tokens worked as session cookies.)"""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient
from sqlalchemy import text

from jobfit.app import create_app
from jobfit.runtime import Runtime
from tests.integration.conftest import register_and_login
from tests.integration.test_web_pages import JOB, PASSWORD, RESUME, csrf_of, sign_up

API = "/api/v1"
NEW_PASSWORD = "a brand new passphrase"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _works(client: TestClient, headers: dict[str, str]) -> bool:
    """Whether these credentials work, on a session read and on the one-round-trip list read."""
    me = client.get(f"{API}/auth/me", headers=headers).status_code
    listed = client.get(f"{API}/documents/resumes", headers=headers).status_code
    assert me == listed, (me, listed)
    return me == 200


def _page_works(runtime: Runtime, cookie: str) -> bool:
    with TestClient(create_app(runtime), cookies={"jobfit_session": cookie}) as browser:
        return browser.get("/", follow_redirects=False).status_code == 200


def test_api_logout_ends_the_token_at_once(client: TestClient) -> None:
    auth = register_and_login(client, "out@example.com", PASSWORD)
    other = client.post(f"{API}/auth/login", data={"username": "out@example.com", "password": PASSWORD}).json()
    assert _works(client, auth)
    assert client.post(f"{API}/auth/logout", headers=auth).status_code == 204
    assert not _works(client, auth)
    r = client.post(f"{API}/documents/upload/resume", headers=auth, files={"file": ("cv.txt", RESUME)})
    assert r.status_code == 401
    assert _works(client, _bearer(other["access_token"]))  # another sign-in goes on


def test_web_sign_out_ends_the_session_and_cookies_and_tokens_are_not_interchangeable(
        client: TestClient, runtime: Runtime) -> None:
    email = sign_up(client)
    cookie = client.cookies["jobfit_session"]
    assert _page_works(runtime, cookie)
    assert not _works(client, _bearer(cookie))  # a web session is no API token
    token = client.post(f"{API}/auth/login", data={"username": email, "password": PASSWORD}).json()["access_token"]
    assert not _page_works(runtime, token)  # nor an API token a web session
    client.post("/sign-out", data={"csrf_token": csrf_of(client.get("/").text)})
    assert not _page_works(runtime, cookie)  # the old cookie, kept by someone, is dead
    assert _works(client, _bearer(token))  # the API sign-in is another sign-in


def test_a_password_change_ends_every_earlier_sign_in(client: TestClient, runtime: Runtime) -> None:
    email = sign_up(client)
    web_cookie = client.cookies["jobfit_session"]
    tokens = [client.post(f"{API}/auth/login", data={"username": email, "password": PASSWORD}).json()["access_token"]
              for _ in range(2)]
    wrong = client.post(f"{API}/auth/password", headers=_bearer(tokens[0]),
                        json={"current_password": "not it at all", "new_password": NEW_PASSWORD})
    assert wrong.status_code == 403 and all(_works(client, _bearer(t)) for t in tokens)
    weak = client.post(f"{API}/auth/password", headers=_bearer(tokens[0]),
                       json={"current_password": PASSWORD, "new_password": "password"})
    assert weak.status_code == 422 and _works(client, _bearer(tokens[0]))
    r = client.post(f"{API}/auth/password", headers=_bearer(tokens[0]),
                    json={"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert r.status_code == 200, r.text
    assert _works(client, _bearer(r.json()["access_token"]))
    assert not any(_works(client, _bearer(t)) for t in tokens)
    assert not _page_works(runtime, web_cookie)
    assert client.post(f"{API}/auth/login", data={"username": email, "password": PASSWORD}).status_code == 401
    assert client.post(f"{API}/auth/login", data={"username": email, "password": NEW_PASSWORD}).status_code == 200


def test_a_password_change_in_the_browser_keeps_it_signed_in_and_ends_the_rest(client: TestClient,
                                                                               runtime: Runtime) -> None:
    email = sign_up(client)
    token = client.post(f"{API}/auth/login", data={"username": email, "password": PASSWORD}).json()["access_token"]
    old_cookie = client.cookies["jobfit_session"]
    page = client.get("/account")
    assert page.status_code == 200 and "Change your password" in page.text
    r = client.post("/account/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                               "new_password_again": NEW_PASSWORD, "csrf_token": csrf_of(page.text)})
    assert r.status_code == 200 and "Your password is changed" in r.text
    assert client.get("/", follow_redirects=False).status_code == 200
    assert not _page_works(runtime, old_cookie) and not _works(client, _bearer(token))


def test_deleting_the_account_removes_every_row_and_file_and_ends_its_sign_ins(client: TestClient,
                                                                                 runtime: Runtime) -> None:
    auth = register_and_login(client, "leaving@example.com", PASSWORD)
    user_id = client.get(f"{API}/auth/me", headers=auth).json()["id"]
    rid = client.post(f"{API}/documents/upload/resume", headers=auth, files={"file": ("cv.txt", RESUME)}).json()["id"]
    jid = client.post(f"{API}/documents/upload/job-description", headers=auth, json=JOB).json()["id"]
    match = client.post(f"{API}/matching/analyze", headers=auth, json={"resume_id": rid, "job_id": jid}).json()
    client.post(f"{API}/feedback", headers=auth, json={"target_type": "match_result", "target_id": match["id"],
                                                       "rating": 4})
    stayer = register_and_login(client, "staying@example.com", PASSWORD)
    client.post(f"{API}/documents/upload/resume", headers=stayer, files={"file": ("cv.txt", RESUME)})
    folder = runtime.settings.files_dir / user_id
    assert any(folder.iterdir())

    wrong = client.request("DELETE", f"{API}/auth/me", headers=auth, json={"password": "not my password"})
    assert wrong.status_code == 403 and _works(client, auth)
    assert client.request("DELETE", f"{API}/auth/me", headers=auth, json={"password": PASSWORD}).status_code == 204
    assert not _works(client, auth)
    assert client.post(f"{API}/auth/login", data={"username": "leaving@example.com",
                                                  "password": PASSWORD}).status_code == 401
    assert not folder.exists()
    with runtime.db.owner_engine.connect() as conn:
        conn.execute(text("SET row_security = off"))
        for table in ("users", "resumes", "job_descriptions", "resume_embeddings", "job_embeddings", "resume_profiles",
                      "match_results", "ai_suggestions", "user_feedback", "auth_sessions"):
            column = "id" if table == "users" else "user_id"
            left = conn.execute(text(f"SELECT count(*) FROM {table} WHERE {column} = :uid"),
                                {"uid": uuid.UUID(user_id)}).scalar()
            assert left == 0, table
    assert client.get(f"{API}/documents/resumes", headers=stayer).json()["total"] == 1  # others keep theirs


def test_deleting_the_account_in_the_browser(client: TestClient) -> None:
    email = sign_up(client)
    page = client.get("/account")
    wrong = client.post("/account/delete", data={"password": "not my password", "csrf_token": csrf_of(page.text)})
    assert wrong.status_code == 403 and "nothing was deleted" in wrong.text
    r = client.post("/account/delete", data={"password": PASSWORD, "csrf_token": csrf_of(page.text)})
    assert r.status_code == 200 and "all its data are deleted" in r.text
    assert client.get("/", follow_redirects=False).status_code == 303
    assert client.post(f"{API}/auth/login", data={"username": email, "password": PASSWORD}).status_code == 401
