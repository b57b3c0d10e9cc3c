"""CPU-bound routes take turns (`http/concurrency.py`): at most N run at once, cheap routes never wait for
them, and a heavy request that cannot get a turn in time is a 503 `busy`."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
from fastapi import FastAPI

from jobfit.http.concurrency import HeavyRequestLimiter

HEAVY = "/api/v1/matching/analyze"


def _app(concurrency: int, queue_s: float) -> tuple[FastAPI, dict[str, int]]:
    app = FastAPI()
    state = {"running": 0, "peak": 0}
    lock = threading.Lock()

    @app.post(HEAVY)
    def heavy() -> dict[str, bool]:
        with lock:
            state["running"] += 1
            state["peak"] = max(state["peak"], state["running"])
        time.sleep(0.3)
        with lock:
            state["running"] -= 1
        return {"ok": True}

    @app.get("/api/v1/documents/resumes")
    def cheap() -> dict[str, bool]:
        return {"ok": True}

    app.add_middleware(HeavyRequestLimiter, concurrency=concurrency, queue_s=queue_s)
    return app, state


async def _run(app: FastAPI, heavy: int) -> tuple[list[int], float]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        tasks = [asyncio.create_task(client.post(HEAVY)) for _ in range(heavy)]
        await asyncio.sleep(0.05)
        started = time.monotonic()
        assert (await client.get("/api/v1/documents/resumes")).status_code == 200
        cheap_s = time.monotonic() - started
        return [r.status_code for r in await asyncio.gather(*tasks)], cheap_s


def test_heavy_requests_take_turns_and_cheap_ones_pass_them() -> None:
    app, state = _app(concurrency=2, queue_s=30)
    statuses, cheap_s = asyncio.run(_run(app, 6))
    assert statuses == [200] * 6
    assert state["peak"] == 2
    assert cheap_s < 0.25  # it did not wait for a heavy request's 0.3 s


def test_a_heavy_request_that_waits_too_long_is_503_busy() -> None:
    app, _state = _app(concurrency=1, queue_s=0.1)
    statuses, _ = asyncio.run(_run(app, 3))
    assert statuses.count(200) == 1 and statuses.count(503) == 2


def test_the_heavy_routes_are_the_scoring_ones_of_the_api_and_the_pages() -> None:
    from jobfit.http.concurrency import HEAVY as ROUTES

    heavy = ["/api/v1/matching/analyze", "/api/v1/matching/rank-resumes", "/api/v1/matching/rank-jobs",
             "/api/v1/matching/results/abc/suggestions/generate", "/api/v1/resumes/abc/apply-suggestions",
             "/matches", "/matches/abc/suggest", "/matches/abc/apply", "/recruiter/rank"]
    light = ["/api/v1/documents/resumes", "/api/v1/auth/login", "/resumes", "/ratings", "/matches/abc",
             "/suggestions/abc/decide", "/recruiter/batches", "/api/v1/documents/batches"]
    assert all(ROUTES.match(path) for path in heavy)
    assert not any(ROUTES.match(path) for path in light)
