"""Health: is the database reachable and the schema current."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from jobfit import __version__
from jobfit.http.deps import RuntimeDep
from jobfit.store import migrate

router = APIRouter(tags=["health"])


@router.get("/health")
def health(runtime: RuntimeDep) -> JSONResponse:
    body: dict[str, object] = {"version": __version__, "database": "unreachable", "migrations": "unknown"}
    try:
        runtime.db.ping()
        body["database"] = "ok"
        current, head = migrate.current_revision(runtime.db.owner_engine), migrate.head_revision()
        body["migrations"] = "current" if current == head else f"at {current}, expected {head}"
    except Exception:  # the probe must answer, whatever the database does
        pass
    healthy = body["database"] == "ok" and body["migrations"] == "current"
    body["status"] = "ok" if healthy else "unhealthy"
    return JSONResponse(body, status_code=200 if healthy else 503)
