"""The FastAPI app factory: routers under /api/v1, OpenAPI at /docs, one error shape."""

from __future__ import annotations

from fastapi import FastAPI

from jobfit import __version__
from jobfit.api.errors import BodySizeLimitMiddleware, RequestIdMiddleware, install_error_handlers
from jobfit.api.routes import auth, documents, feedback, health, matching, suggestions
from jobfit.runtime import Runtime

API_PREFIX = "/api/v1"


def create_app(runtime: Runtime) -> FastAPI:
    app = FastAPI(
        title="jobfit",
        version=__version__,
        description="Offline-first, explainable resume <-> job description matching.",
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    app.state.runtime = runtime
    install_error_handlers(app)
    # multipart framing adds a little on top of the file itself
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=runtime.settings.max_upload_mb * 1024 * 1024 + 64 * 1024)
    app.add_middleware(RequestIdMiddleware)
    app.include_router(health.router)
    app.include_router(auth.router, prefix=API_PREFIX)
    app.include_router(documents.router, prefix=API_PREFIX)
    app.include_router(matching.router, prefix=API_PREFIX)
    app.include_router(suggestions.router, prefix=API_PREFIX)
    app.include_router(feedback.router, prefix=API_PREFIX)
    return app
