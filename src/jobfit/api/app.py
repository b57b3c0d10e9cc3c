"""The JSON API: its routers under /api/v1, the health probe, the OpenAPI contract and the docs at /docs, installed
on the shared host (`http/host.py`)."""

from __future__ import annotations

from fastapi import FastAPI

from jobfit.api.docs import install_docs
from jobfit.api.openapi import install_contract
from jobfit.api.routes import (
    audit,
    auth,
    batches,
    decision_log,
    decisions,
    documents,
    feedback,
    health,
    matching,
    suggestions,
)
from jobfit.http.host import API_PREFIX, create_host
from jobfit.runtime import Runtime


def install_api(app: FastAPI) -> None:
    app.include_router(health.router)
    app.include_router(auth.router, prefix=API_PREFIX)
    app.include_router(batches.router, prefix=API_PREFIX)
    app.include_router(documents.router, prefix=API_PREFIX)
    app.include_router(matching.router, prefix=API_PREFIX)
    app.include_router(suggestions.router, prefix=API_PREFIX)
    app.include_router(feedback.router, prefix=API_PREFIX)
    app.include_router(decisions.router, prefix=API_PREFIX)
    app.include_router(audit.router, prefix=API_PREFIX)
    app.include_router(decision_log.router, prefix=API_PREFIX)
    install_contract(app)
    install_docs(app)
    install_contract(app)
    install_docs(app)


def create_app(runtime: Runtime, *, owns_runtime: bool = False) -> FastAPI:
    """The API alone over `runtime` (the full app, with the pages, is `jobfit.app.create_app`)."""
    app = create_host(runtime, owns_runtime=owns_runtime)
    install_api(app)
    return app
