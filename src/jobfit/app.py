"""The app `jobfit serve` runs: the shared host (`jobfit.http.host`) with the API (`jobfit.api`) under /api/v1 and
the web pages (`jobfit.web`) at /, over one runtime. Composed here, so that neither adapter imports the other."""

from __future__ import annotations

import os

from fastapi import FastAPI

from jobfit.api.app import install_api
from jobfit.http.host import create_host
from jobfit.runtime import WORKER_DATABASE_ENV, Runtime, connect_runtime
from jobfit.web.pages import install_web


def create_app(runtime: Runtime, *, owns_runtime: bool = False) -> FastAPI:
    """The host over `runtime` with the API and the pages on it; with `owns_runtime` the app closes the runtime
    when it stops."""
    app = create_host(runtime, owns_runtime=owns_runtime)
    install_api(app)
    install_web(app)
    return app


def create_app_from_environment() -> FastAPI:
    """The app of one `jobfit serve --workers N` process: it connects to the database the supervising process
    started and migrated (its URLs are in WORKER_DATABASE_ENV) and closes its runtime when it stops."""
    from jobfit.config import Settings

    owner_url, _, app_url = os.environ[WORKER_DATABASE_ENV].partition(" ")
    return create_app(connect_runtime(Settings(), owner_url, app_url or None), owns_runtime=True)
