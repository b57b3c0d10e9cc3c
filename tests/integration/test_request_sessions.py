"""Request sessions (`http/deps.py`) under more concurrent requests than the thread pool and the connection pool
hold together: every request is answered promptly, none waits for the pool to time out."""

from __future__ import annotations

import time

from jobfit.api.app import create_app
from jobfit.runtime import Runtime
from tests.integration.conftest import answered_at_once, register_and_login


def test_more_requests_than_threads_and_connections_together_are_all_answered(runtime: Runtime, client) -> None:
    auth = register_and_login(client)
    app = create_app(runtime)
    pool = runtime.db.app_engine.pool
    requests = 2 * (pool.size() + pool._max_overflow) + 10  # type: ignore[attr-defined]

    started = time.monotonic()
    answers = answered_at_once(app, [lambda http: http.get("/api/v1/documents/resumes", headers=auth)] * requests,
                               threads=4)
    took = time.monotonic() - started
    assert [r.status_code for r in answers] == [200] * requests
    assert took < 20, took  # the pool's own timeout is 30 s
