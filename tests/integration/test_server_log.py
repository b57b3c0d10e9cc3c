"""The embedded server's log is its owner's alone (it was 0644) and holds no emails or request text: a taken email
is found without a failed insert, and errors are logged without their statement or DETAIL lines."""

from __future__ import annotations

import stat

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DataError

from jobfit.runtime import Runtime
from tests.integration.conftest import register_and_login


def test_the_server_log_is_private_and_names_no_one(client: TestClient, runtime: Runtime) -> None:
    if runtime.server is None:
        pytest.skip("an external database keeps its own log")
    log = runtime.server.logfile
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    before = log.stat().st_size
    auth = register_and_login(client, "private.person@example.com")
    again = client.post("/api/v1/auth/register", json={"email": "Private.Person@example.com",
                                                       "password": "another fine passphrase"})
    assert again.status_code == 409
    # an error whose statement carries a value a request sent
    with pytest.raises(DataError), runtime.db.owner_engine.begin() as conn:
        conn.execute(text("SELECT CAST('secret-fragment-of-a-request' AS uuid)"))
    client.get("/api/v1/documents/resumes", headers=auth)
    with runtime.db.owner_engine.connect() as conn:
        settings = dict(conn.execute(text("SELECT name, setting FROM pg_settings WHERE name IN "
                                          "('log_min_error_statement', 'log_error_verbosity')")).all())
    assert settings == {"log_min_error_statement": "panic", "log_error_verbosity": "terse"}
    written = log.read_bytes()[before:].decode(errors="replace")
    assert "private.person" not in written.lower()
    assert "STATEMENT" not in written
