"""The app `jobfit serve` runs: the API (`jobfit.api.app`) under /api/v1 and the web pages (`jobfit.web`) at /,
over one runtime. Composed here so that neither adapter imports the other's package."""

from __future__ import annotations

from fastapi import FastAPI

from jobfit.api import app as api
from jobfit.runtime import Runtime
from jobfit.web.pages import install_web


def create_app(runtime: Runtime, *, owns_runtime: bool = False) -> FastAPI:
    """The API app over `runtime` with the pages mounted on it (see `jobfit.api.app.create_app`)."""
    app = api.create_app(runtime, owns_runtime=owns_runtime)
    install_web(app)
    return app


def create_app_from_environment() -> FastAPI:
    """The app of one `jobfit serve --workers N` process (see `jobfit.api.app.create_app_from_environment`)."""
    app = api.create_app_from_environment()
    install_web(app)
    return app
