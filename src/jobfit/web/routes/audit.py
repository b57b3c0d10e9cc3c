"""The bias audit pages: a job's scoring or selection rates and impact ratios per sex, race/ethnicity and their
intersection (with a printable report and CSV), and the candidates' self-reported categories it reads (upload a CSV,
see the counts held, delete them all)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from jobfit.fairness import CATEGORIES
from jobfit.fairness.impact import FOUR_FIFTHS, SMALL_SHARE, Basis
from jobfit.http.deps import RuntimeDep
from jobfit.http.parsing import read_upload
from jobfit.services import audit, library, self_reports
from jobfit.services.audit import BASES, AuditReport
from jobfit.web.deps import CheckedForm, PageDb, PageUser, redirect_to
from jobfit.web.rendering import render
from jobfit.web.routes.documents import REFUSALS, refusal
from jobfit.web.routes.recruiter import page_job_id

router = APIRouter(include_in_schema=False)


def _options(basis: str, exclude_small: str) -> tuple[Basis, bool]:
    return (basis if basis in BASES else "scoring"), exclude_small == "1"  # type: ignore[return-value]


def _run(db: PageDb, user: PageUser, job_id: str, basis: str, exclude_small: str,
         export: str | None = None) -> tuple[AuditReport, dict[str, object]]:
    """The audit (logged, and its export when it becomes a file or a page), and what its pages show."""
    chosen, exclude = _options(basis, exclude_small)
    report = audit.run(db, user.id, page_job_id(job_id), chosen, exclude_small=exclude, export=export)
    query = f"job_id={report.job.id}&basis={chosen}" + ("&exclude_small=1" if exclude else "")
    return report, {"report": report, "result": report.audit, "basis": chosen, "exclude_small": exclude,
                    "query": query, "four_fifths": FOUR_FIFTHS, "small_share": SMALL_SHARE}


@router.get("/recruiter/audit")
def audit_page(request: Request, db: PageDb, user: PageUser, job_id: str = "", basis: str = "scoring",
               exclude_small: str = "") -> Response:
    jobs = library.jobs(db)
    chosen, exclude = _options(basis, exclude_small)
    context = _run(db, user, job_id, basis, exclude_small)[1] if job_id else {"basis": chosen,
                                                                              "exclude_small": exclude}
    return render(request, "audit.html", title="Bias audit", jobs=jobs, held=self_reports.held(db), **context)


@router.get("/recruiter/audit/print")
def audit_print(request: Request, db: PageDb, user: PageUser, job_id: str, basis: str = "scoring",
                exclude_small: str = "") -> Response:
    return render(request, "audit_print.html", title="Bias audit report",
                  **_run(db, user, job_id, basis, exclude_small, export="audit_print")[1])


@router.get("/recruiter/audit.csv")
def audit_csv(db: PageDb, user: PageUser, job_id: str, basis: str = "scoring", exclude_small: str = "") -> Response:
    report, _ = _run(db, user, job_id, basis, exclude_small, export="audit_csv")
    name = f"bias-audit-{report.job.id}-{report.audit.basis}.csv"
    return Response(audit.as_csv(report), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _self_reports_page(request: Request, db: PageDb, status: int = 200, **context: object) -> Response:
    return render(request, "self_reports.html", status, title="Candidates' self-reported categories",
                  held=self_reports.held(db), categories=CATEGORIES, **context)


@router.get("/self-reports")
def self_reports_page(request: Request, db: PageDb, _user: PageUser, stored: int | None = None,
                      deleted: int | None = None) -> Response:
    return _self_reports_page(request, db, stored=stored, deleted=deleted)


@router.post("/self-reports")
async def upload_self_reports(request: Request, form: CheckedForm, db: PageDb, user: PageUser,
                              runtime: RuntimeDep) -> Response:
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _self_reports_page(request, db, 422, error="Choose a CSV file to upload.", code="no_file")
    try:
        data, _name = await read_upload(upload, runtime.settings.max_upload_mb * 1024 * 1024)  # type: ignore[arg-type]
        count = await run_in_threadpool(self_reports.store, db, user.id, data)
    except REFUSALS as exc:
        status, error, code = refusal(exc)
        return await run_in_threadpool(lambda: _self_reports_page(request, db, status, error=error, code=code))
    return redirect_to(f"/self-reports?stored={count}")


@router.post("/self-reports/delete")
def delete_self_reports(_form: CheckedForm, db: PageDb, user: PageUser) -> Response:
    return redirect_to(f"/self-reports?deleted={self_reports.delete_all(db, user.id)}")
