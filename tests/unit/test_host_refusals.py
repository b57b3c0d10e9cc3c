"""The host answers a use case's refusal once, for every route mounted on it (`http/host.py`): its status, its
sentence, its code and its headers (a throttled sign-in's Retry-After)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from fastapi.testclient import TestClient

from jobfit.config import Settings
from jobfit.http.host import create_host
from jobfit.services.accounts import EmailTaken, LoginThrottled
from jobfit.services.job_import import ImportRefused


def _refusing(refusal: Exception) -> Callable[[], None]:
    def route() -> None:
        raise refusal

    return route


def test_a_refusal_keeps_its_status_sentence_code_and_headers(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, secret_key="test-" + "k" * 40)
    app = create_host(SimpleNamespace(settings=settings))  # type: ignore[arg-type]
    refusals = {"throttled": LoginThrottled(7), "taken": EmailTaken("an account with this email already exists"),
                "import": ImportRefused("The page did not answer within 10 s.", "timeout")}
    for name, refusal in refusals.items():
        app.add_api_route(f"/{name}", _refusing(refusal))
    client = TestClient(app, raise_server_exceptions=False)  # no lifespan: nothing of the runtime is started
    r = client.get("/throttled")
    assert r.status_code == 429 and r.headers["retry-after"] == "7" and "try again in 7 s" in r.json()["detail"]
    r = client.get("/taken")
    assert r.status_code == 409 and r.json()["detail"] == "an account with this email already exists"
    r = client.get("/import")
    assert r.status_code == 422 and r.json() == {"detail": "The page did not answer within 10 s.", "code": "timeout"}
