"""The app both adapters are mounted on: its lifespan (sandbox and embedder start, the sweep of statement vectors
left unembedded, the runtime closed by a worker process's app), the one error shape (a use case's refusal, a lost
race, a full disk, an ended sign-in) and the middleware (body limits, turns for heavy requests, the request
envelope). `api/` and `web/` add their routes."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import Response

from jobfit import __version__
from jobfit.http.concurrency import HeavyRequestLimiter
from jobfit.http.deps import UNAUTHORIZED
from jobfit.http.envelope import EnvelopeMiddleware
from jobfit.http.errors import CodedHTTPException, RequestBodyLimitMiddleware, error_body, install_error_handlers
from jobfit.perf import freeze_loaded_objects
from jobfit.runtime import Runtime
from jobfit.services import statement_fill
from jobfit.services.errors import Conflict, InsufficientStorage, ServiceError
from jobfit.store.db import AccountUnavailable
from jobfit.store.db import disk_full as db_disk_full
from jobfit.store.db import lost_race as db_lost_race

API_PREFIX = "/api/v1"
# where a request may carry a whole batch (`Settings.max_batch_mb`) instead of one file
BATCH_UPLOAD_PATHS = (f"{API_PREFIX}/documents/batches", "/recruiter/batches")


def create_host(runtime: Runtime, *, owns_runtime: bool = False) -> FastAPI:
    """The app over `runtime`, with no routes yet; with `owns_runtime` the app closes it when it stops (a worker
    process's app)."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        runtime.sandbox.start()  # the parse forkserver loads in the background
        runtime.load_embedder_in_background()
        # uploads whose statement vectors were never embedded (the process stopped after storing them)
        runtime.background.submit(lambda: statement_fill.fill_missing(runtime.db, runtime.embedder))
        freeze_loaded_objects()
        yield
        if owns_runtime:
            await run_in_threadpool(runtime.close)

    app = FastAPI(
        lifespan=lifespan,
        title="jobfit",
        version=__version__,
        description=("Offline-first, explainable resume <-> job description matching. Before using it to rank "
                     "people, read the [model card](/model-card): intended use, quality figures, known limits, "
                     "fairness tests, and what a deployer must do (notice to candidates, a person deciding, logs)."),
        docs_url=None,  # served from this install by api/docs.py
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.runtime = runtime
    install_error_handlers(app)

    @app.exception_handler(ServiceError)
    async def refused(request: Request, exc: ServiceError) -> Response:
        """A use case's refusal answers as the HTTP error of its status (the app's one error shape)."""
        if exc.errors and request.url.path.startswith(API_PREFIX):  # the problems one by one, for programs
            return JSONResponse(error_body(exc.status_code, exc.detail, exc.code, errors=exc.errors),
                                status_code=exc.status_code)
        http = (CodedHTTPException(exc.status_code, exc.detail, exc.code, exc.headers) if exc.code
                else HTTPException(exc.status_code, exc.detail, exc.headers))
        return await app.exception_handlers[HTTPException](request, http)

    async def database_refused(request: Request, exc: Exception) -> Response:
        """A write that lost a race with another request (a row it relied on was deleted meanwhile) is a 409, one
        refused for a full disk a 507, each with its transaction rolled back; other database errors are left to
        the envelope (503 for an outage, else 500)."""
        if db_disk_full(exc):
            refusal = InsufficientStorage("The server's storage is full, so nothing was stored: try again later "
                                          "(the operator needs to free disk space).")
        elif db_lost_race(exc):
            refusal = Conflict("The item was changed or deleted by another request meanwhile: reload it and "
                               "try again.")
        else:
            raise exc
        return await refused(request, refusal)

    for error in (DBAPIError, StaleDataError, ObjectDeletedError):
        app.add_exception_handler(error, database_refused)

    @app.exception_handler(AccountUnavailable)
    async def signed_out(request: Request, _exc: AccountUnavailable) -> Response:
        """A valid token whose account is gone or inactive is answered like no sign-in at all."""
        return await app.exception_handlers[HTTPException](request, UNAUTHORIZED)

    settings = runtime.settings
    # multipart framing adds a little on top of the file itself
    app.add_middleware(RequestBodyLimitMiddleware, max_bytes=settings.max_upload_mb * 1024 * 1024 + 64 * 1024,
                       timeout_s=settings.body_timeout,
                       larger={path: settings.max_batch_mb * 1024 * 1024 for path in BATCH_UPLOAD_PATHS})
    app.add_middleware(HeavyRequestLimiter, concurrency=settings.heavy_concurrency,
                       queue_s=settings.heavy_queue_timeout)
    app.add_middleware(EnvelopeMiddleware)
    return app
