"""The recruiter view: pick a job, rank every resume against it, keep only those who meet every required skill
(a view a person applies, logged; it rejects nobody), sort by any score, export CSV (logged); each row opens its
match report and shows the latest decision a person recorded. A batch of resumes (files or zips) is handed to the
queue at once and followed on its own page, which survives closing the tab."""

from __future__ import annotations

import contextlib
import uuid
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from jobfit.documents.candidate import CONTACT_FIELDS
from jobfit.documents.errors import DocumentError
from jobfit.http.concurrency import user_turn
from jobfit.http.deps import RuntimeDep
from jobfit.http.parsing import store_batch
from jobfit.services import batch, library, ranking, shortlist
from jobfit.services.errors import NotFound, get_or_raise
from jobfit.services.shortlist import MAX_RANKED, SORTABLE
from jobfit.store.models import JobDescription
from jobfit.web.deps import CheckedForm, PageAccount, PageDb, PageUser, field, form_id, redirect_to
from jobfit.web.rendering import PageError, render

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
    jobs = library.jobs(db)
    job, rows = None, []
    sort, descending = shortlist.view_options(sort, order)
    if not job_id and len(jobs) == 1:
        job_id = str(jobs[0].id)  # with one job there is nothing to choose
    if job_id:
        job = get_or_raise(db, JobDescription, page_job_id(job_id), "Job description")
        rows = shortlist.view(db, user.id, job.id, must_haves=must_haves == "1", sort=sort,
                              descending=descending).shown
    resume_count = library.resume_count(db)
    recent_batches, _ = batch.recent(db, limit=5, offset=0)
    here = ranking_query(str(job.id), must_haves, sort, order) if job else ""
    return render(request, "recruiter.html", title="Recruiter view", jobs=jobs, job=job, rows=rows,
                  must_haves=must_haves == "1", sort=sort, descending=descending, sortable=SORTABLE,
                  resume_count=resume_count, contact_fields=CONTACT_FIELDS, here=here,
                  batches=recent_batches)


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

@router.post("/recruiter/batches")
async def upload_batch(form: CheckedForm, user: PageAccount, runtime: RuntimeDep) -> Response:
    """The files (or zips of them) become one batch, ingested by the queue: the browser can close meanwhile. They
    are stored holding no database session, in one of the account's turns for slow work."""
    parts = [(upload.filename, upload.file) for upload in form.getlist("files")
             if isinstance(upload, UploadFile) and upload.filename]
    if not parts:
        raise PageError(422, "Choose one or more resume files to upload.", "no_file")
    try:
        async with user_turn(runtime.settings, user.id):
            batch_id = await store_batch(runtime, user, lambda: batch.incoming_files(
                parts, runtime.settings.archive_limits()))
    except DocumentError as exc:
        raise PageError(422, exc.message, exc.code) from None
    job = field(form, "job_id", 64)
    return redirect_to(f"/recruiter/batches/{batch_id}" + (f"?job_id={quote(job)}" if job else ""))


@router.get("/recruiter/batches/{batch_id}")
def batch_page(request: Request, batch_id: uuid.UUID, db: PageDb, _user: PageUser, job_id: str = "") -> Response:
    """A batch's progress, file by file; the page refreshes itself (app.js) until every file is settled."""
    found = batch.progress(db, batch_id)
    job = None
    with contextlib.suppress(ValueError, NotFound):
        job = get_or_raise(db, JobDescription, uuid.UUID(job_id), "Job description") if job_id else None
    return render(request, "batch.html", title="Batch upload", progress=found, job=job,
                  stored=sum(f.state == "done" and not f.duplicate for f in found.files),
                  duplicates=sum(f.duplicate for f in found.files), resume_count=library.resume_count(db))

@router.get("/recruiter/export.csv")
def export_csv(db: PageDb, user: PageUser, job_id: uuid.UUID, must_haves: str = "", sort: str = "overall_score",
               order: str = "desc") -> Response:
    sort, descending = shortlist.view_options(sort, order)
    rows = shortlist.export(db, user.id, job_id, must_haves=must_haves == "1", sort=sort, descending=descending)
    return Response(shortlist.as_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="ranking-{job_id}.csv"'})
