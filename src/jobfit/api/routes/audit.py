"""The bias audit (NYC Local Law 144) and the candidates' self-reported categories it reads.

`/self-reports`: upload a CSV of self-reported sex and race/ethnicity keyed by resume (all rows or none; every
problem named with its line), see how many are held, delete them all in one call. `/audit/jobs/{job_id}`: the
scoring rates of a job's ranking (or the selection rates of its shortlist) and their impact ratios per sex,
race/ethnicity and intersection, as JSON or CSV.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from jobfit.fairness.impact import FOUR_FIFTHS, SMALL_SHARE, Basis
from jobfit.http.deps import CurrentUser, Db, RuntimeDep
from jobfit.http.parsing import read_upload
from jobfit.services import audit, self_reports
from jobfit.services.audit import AuditReport

router = APIRouter(tags=["audit"])
CSV_CONTENT = {200: {"description": "The audit as CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}
NOT_INFERRED = ("Categories are what candidates reported about themselves (self_reports); jobfit never infers them "
                "from names, photos or resume text, and never uses them in scoring.")


class SelfReportsStored(BaseModel):
    stored: int


class SelfReportsHeld(BaseModel):
    total: int
    sex: dict[str, int]
    race_ethnicity: dict[str, int]


class SelfReportsDeleted(BaseModel):
    deleted: int


class CategoryOut(BaseModel):
    code: str
    label: str
    count: int
    share: float
    favourable: int
    rate: float | None
    impact_ratio: float | None
    excluded: bool
    reason: str | None
    flagged: bool


class GroupingOut(BaseModel):
    grouping: str
    label: str
    unknown: int
    reference: str | None
    categories: list[CategoryOut]


class AuditOut(BaseModel):
    job_id: uuid.UUID
    job_title: str
    basis: Basis
    rate_name: str
    favourable_means: str
    candidates: int
    self_reported: int
    median_score: float | None
    favourable: int
    exclude_small: bool
    four_fifths: float = FOUR_FIFTHS
    small_share: float = SMALL_SHARE
    algorithm_versions: list[str]
    scored_from: datetime | None
    scored_to: datetime | None
    generated_at: datetime
    groupings: list[GroupingOut]
    flagged: list[str]
    note: str = NOT_INFERRED


def audit_out(report: AuditReport) -> AuditOut:
    result = report.audit
    return AuditOut(
        job_id=report.job.id, job_title=report.job.title, basis=result.basis, rate_name=result.rate_name,
        favourable_means=report.selected_means, candidates=result.total, self_reported=report.self_reported,
        median_score=result.median_score, favourable=result.favourable, exclude_small=result.exclude_small,
        algorithm_versions=report.algorithm_versions, scored_from=report.scored_from, scored_to=report.scored_to,
        generated_at=report.generated_at,
        groupings=[GroupingOut(grouping=t.grouping, label=t.label, unknown=t.unknown, reference=t.reference,
                               categories=[CategoryOut(**vars(row)) for row in t.rows]) for t in result.tables],
        flagged=[f"{t.label}: {row.label}" for t in result.tables for row in t.rows if row.flagged])


AuditBasis = Annotated[Basis, Query(description="scoring: the share of each category scoring above the median "
                                                "(a ranking); selection: the share kept by the must-have filter")]
ExcludeSmall = Annotated[bool, Query(description="leave categories under 2% of the candidates out of the impact "
                                                 "ratios (their counts and rates are still shown, with the reason)")]


@router.post("/self-reports", response_model=SelfReportsStored,
             responses={422: {"description": "The file has problems, each named with its line; nothing was stored"}})
async def upload_self_reports(
    db: Db, user: CurrentUser, runtime: RuntimeDep,
    file: Annotated[UploadFile, File(description="CSV (UTF-8) with a header: resume_id (or file_name), sex, "
                                                 "race_ethnicity; EEO-1 categories, blank for unknown")],
) -> SelfReportsStored:
    data, _name = await read_upload(file, runtime.settings.max_upload_mb * 1024 * 1024)
    return SelfReportsStored(stored=await run_in_threadpool(self_reports.store, db, user.id, data))


@router.get("/self-reports", response_model=SelfReportsHeld)
def self_reports_held(db: Db, _user: CurrentUser) -> SelfReportsHeld:
    held = self_reports.held(db)
    return SelfReportsHeld(total=held.total, sex=held.sex, race_ethnicity=held.race_ethnicity)


@router.delete("/self-reports", response_model=SelfReportsDeleted)
def delete_self_reports(db: Db, user: CurrentUser) -> SelfReportsDeleted:
    return SelfReportsDeleted(deleted=self_reports.delete_all(db, user.id))


@router.get("/audit/jobs/{job_id}", response_model=AuditOut)
def audit_job(job_id: uuid.UUID, db: Db, user: CurrentUser, basis: AuditBasis = "scoring",
              exclude_small: ExcludeSmall = False) -> AuditOut:
    return audit_out(audit.run(db, user.id, job_id, basis, exclude_small=exclude_small))


@router.get("/audit/jobs/{job_id}/csv", response_class=Response, responses=CSV_CONTENT)
def audit_job_csv(job_id: uuid.UUID, db: Db, user: CurrentUser, basis: AuditBasis = "scoring",
                  exclude_small: ExcludeSmall = False) -> Response:
    report = audit.run(db, user.id, job_id, basis, exclude_small=exclude_small, export="audit_csv")
    return Response(audit.as_csv(report), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="bias-audit-{report.job.id}-{basis}.csv"'})
