"""The recruiter view: pick a job, rank every resume (or a freshly uploaded batch) against it, keep only those
who meet every required skill (a view a person applies, logged; it rejects nobody), sort by any score, export CSV
(logged); each row opens its match report and shows the latest decision a person recorded."""

from __future__ import annotations

import csv
import io
import uuid
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from jobfit.api.concurrency import user_turn
from jobfit.api.deps import RuntimeDep, user_db
from jobfit.documents.candidate import CONTACT_FIELDS
from jobfit.services import ranking, shortlist
from jobfit.services.errors import get_or_raise
from jobfit.services.shortlist import MAX_RANKED, SORTABLE
from jobfit.store.models import JobDescription, Resume
from jobfit.web.deps import CheckedForm, PageAccount, PageDb, PageUser, field, form_id, redirect_to
from jobfit.web.rendering import PageError, render
from jobfit.web.routes.documents import REFUSALS, refusal, upload_one

router = APIRouter(include_in_schema=False)


def page_job_id(job_id: str) -> uuid.UUID:
    """A job id from a page's address: a malformed one is not found, like an unknown one."""
    try:
        return uuid.UUID(job_id)
    except ValueError:
        raise PageError(404, "Job description not found.", "not_found") from None


@router.get("/recruiter")
def recruiter(request: Request, db: PageDb, user: PageUser, job_id: str = "", must_haves: str = "",
              sort: str = "overall_score", order: str = "desc") -> Response:
    jobs = list(db.query(JobDescription).with_entities(JobDescription.id, JobDescription.title,
                                                       JobDescription.company)
                .order_by(JobDescription.created_at.desc()).limit(200))
    job, rows = None, []
    sort, descending = shortlist.view_options(sort, order)
    if not job_id and len(jobs) == 1:
        job_id = str(jobs[0].id)  # with one job there is nothing to choose
    if job_id:
        job = get_or_raise(db, JobDescription, page_job_id(job_id), "Job description")
        rows = shortlist.view(db, user.id, job.id, must_haves=must_haves == "1", sort=sort, descending=descending)
    resume_count = db.query(Resume).count()
    here = ranking_query(str(job.id), must_haves, sort, order) if job else ""
    return render(request, "recruiter.html", title="Recruiter view", jobs=jobs, job=job, rows=rows,
                  must_haves=must_haves == "1", sort=sort, descending=descending, sortable=SORTABLE,
                  resume_count=resume_count, contact_fields=CONTACT_FIELDS, here=here)


def ranking_query(job_id: str, must_haves: str, sort: str, order: str) -> str:
    """The query string of a ranking view: what a candidate's report links back to."""
    sort, descending = shortlist.view_options(sort, order)
    return urlencode({"job_id": job_id, **({"must_haves": "1"} if must_haves == "1" else {}), "sort": sort,
                      "order": "desc" if descending else "asc"})


def back_to_ranking(query: str) -> str | None:
    """`/recruiter?...` for a ranking query a report was opened from (only the ranking's own parameters), or None."""
    params = dict(parse_qsl(query))
    try:
        job_id = str(uuid.UUID(params.get("job_id", "")))
    except ValueError:
        return None
    return "/recruiter?" + ranking_query(job_id, params.get("must_haves", ""), params.get("sort", ""),
                                         params.get("order", ""))

@router.post("/recruiter/rank")
def rank(form: CheckedForm, db: PageDb, user: PageUser, runtime: RuntimeDep) -> Response:
    job_id = form_id(form, "job_id")
    ranking.rank_resumes_for_job(db, user.id, job_id, runtime.embedder, top_k=MAX_RANKED)
    must = "&must_haves=1" if field(form, "must_haves") == "1" else ""
    return redirect_to(f"/recruiter?job_id={job_id}{must}")

@router.post("/recruiter/upload")
async def upload_batch(request: Request, form: CheckedForm, user: PageAccount, runtime: RuntimeDep) -> Response:
    """Each file is stored or refused on its own; the page lists every file's outcome. The batch takes one of the
    account's turns for slow work, and each file holds a database session only while it is stored; a client that
    hangs up stops the batch."""
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not files:
        raise PageError(422, "Choose one or more resume files to upload.", "no_file")
    outcomes = []
    async with user_turn(runtime.settings, user.id):
        for upload in files:
            if await request.is_disconnected():
                break
            try:
                resume_id = await upload_one(request, user, runtime, upload, None)
                outcomes.append({"name": upload.filename, "ok": True, "id": resume_id, "message": "Uploaded"})
            except REFUSALS as exc:
                _status, error, code = refusal(exc)
                outcomes.append({"name": upload.filename, "ok": False, "message": error, "code": code})
    if not outcomes:
        raise PageError(422, "Choose one or more resume files to upload.", "no_file")
    failed = sum(not o["ok"] for o in outcomes)
    async with user_db(runtime, user) as db:  # the rank button counts the resumes there are now
        resume_count = await run_in_threadpool(lambda: db.query(Resume).count())
    return render(request, "batch_result.html", 422 if failed == len(outcomes) else 200, title="Batch upload",
                  outcomes=outcomes, job_id=field(form, "job_id", 64), resume_count=resume_count)

@router.get("/recruiter/export.csv")
def export_csv(db: PageDb, user: PageUser, job_id: uuid.UUID, must_haves: str = "", sort: str = "overall_score",
               order: str = "desc") -> Response:
    sort, descending = shortlist.view_options(sort, order)
    rows = shortlist.export(db, user.id, job_id, must_haves=must_haves == "1", sort=sort, descending=descending)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["rank", "candidate", "current_title", *CONTACT_FIELDS, "resume", *SORTABLE,
                     "required_skills_met", "required_skills", "meets_must_haves", "decision", "match_id"])
    for rank_, row in enumerate(rows, 1):
        person = row.candidate
        scores = ("" if row.scores[c] is None else f"{row.scores[c]:.2f}" for c in SORTABLE)
        writer.writerow([rank_, *(_csv_safe(v or "") for v in (person.name, person.current_title,
                                                                 *(person.contact.get(f) for f in CONTACT_FIELDS),
                                                                 row.document)),
                         *scores, row.required_met, row.required_total, "yes" if row.passes else "no",
                         row.decision.decision if row.decision else "", row.match.id])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="ranking-{job_id}.csv"'})


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
