"""The decision log: the signed-in account's record of every analyze, rank, shortlist filter, export, audit, change to
the self-reported categories and decision, as a page of JSON or as JSON Lines (oldest first). Rows hold ids,
content hashes and scores only; they cannot be changed or deleted (the owner's `jobfit log purge` removes those past
the retention period)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict

from jobfit.http.deps import CurrentUser, Db, RuntimeDep
from jobfit.http.schemas import Limit, Offset, Page
from jobfit.services import decision_log
from jobfit.services.decision_log import Action

router = APIRouter(prefix="/decision-log", tags=["decision log"])
JSON_LINES = "application/x-ndjson"


class LogEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: datetime
    user_id: uuid.UUID
    action: str
    algorithm_version: str | None
    job_id: uuid.UUID | None
    resume_id: uuid.UUID | None
    match_result_id: uuid.UUID | None
    details: dict[str, Any]


Since = Annotated[datetime | None, Query(description="rows logged at or after this time (ISO 8601)")]
Until = Annotated[datetime | None, Query(description="rows logged before this time (ISO 8601)")]


@router.get("", response_model=Page[LogEntryOut])
def log_page(db: Db, _user: CurrentUser, since: Since = None, until: Until = None, action: Action | None = None,
             limit: Limit = 50, offset: Offset = 0) -> Page[LogEntryOut]:
    """A page of the log, the latest first."""
    rows, total = decision_log.page(db, since=since, until=until, action=action, limit=limit, offset=offset)
    return Page(items=[LogEntryOut.model_validate(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/export", response_class=StreamingResponse, responses={200: {
    "description": "One JSON object per line, oldest first", "content": {JSON_LINES: {"schema": {"type": "string"}}}}})
def export_log(db: Db, user: CurrentUser, runtime: RuntimeDep, since: Since = None, until: Until = None,
               action: Action | None = None) -> StreamingResponse:
    """The whole log (or the rows asked for) as JSON Lines; the export itself is logged first."""
    decision_log.record_log_export(db, user.id, since=since, until=until, action=action)
    lines = decision_log.export_as_user(runtime.db, user.id, since=since, until=until, action=action)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return StreamingResponse(lines, media_type=JSON_LINES,
                             headers={"Content-Disposition": f'attachment; filename="decision-log-{stamp}.jsonl"'})
