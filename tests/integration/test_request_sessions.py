"""Request sessions (`api/deps.py`) under more concurrent requests than the thread pool and the connection pool
hold together: every request is answered promptly, none waits for the pool to time out."""

from __future__ import annotations

import asyncio
import time

import anyio.to_thread
import httpx

from jobfit.api.app import create_app
from jobfit.runtime import Runtime
from tests.integration.conftest import register_and_login


def test_more_requests_than_threads_and_connections_together_are_all_answered(runtime: Runtime, client) -> None:
    auth = register_and_login(client)
    app = create_app(runtime)
    pool = runtime.db.app_engine.pool
    requests = 2 * (pool.size() + pool._max_overflow) + 10  # type: ignore[attr-defined]

    async def burst() -> tuple[list[int], float]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = 4  # this event loop's pool of threads
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t",
                                     timeout=60) as http:
            started = time.monotonic()
            answers = await asyncio.gather(*(http.get("/api/v1/documents/resumes", headers=auth)
                                             for _ in range(requests)))
            return [r.status_code for r in answers], time.monotonic() - started

    statuses, took = asyncio.run(burst())
    assert statuses == [200] * requests
    assert took < 20, took  # the pool's own timeout is 30 s
