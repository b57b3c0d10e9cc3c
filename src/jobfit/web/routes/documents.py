"""Resumes and jobs in the browser: upload (file, pasted fields or a job page's URL), "what an ATS sees",
the parsed requirements, the original file, delete."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from jobfit.documents.job_length import thin_ad_warnings
from jobfit.http.concurrency import user_turn
from jobfit.http.deps import RuntimeDep
from jobfit.http.parsing import add_job, add_job_file, add_resume, import_job, job_fields
from jobfit.services import files, library
from jobfit.services import upload as uploads
from jobfit.services.errors import ServiceError, get_or_raise
from jobfit.store import documents as store
from jobfit.store.models import JobDescription, Resume
from jobfit.web.deps import CheckedForm, PageAccount, PageDb, PageUser, field, redirect_to
from jobfit.web.rendering import render

router = APIRouter(include_in_schema=False)

JOB_FIELDS = ("title", "company", "description", "requirements", "responsibilities", "benefits", "location",
              "salary_range", "job_type", "remote_option", "experience_level")


# what an upload or a use case refuses with: a parse's coded 4xx (http.parsing) or a ServiceError
REFUSALS = (StarletteHTTPException, ServiceError)


def refusal(exc: StarletteHTTPException | ServiceError) -> tuple[int, str, str | None]:
    """(status, sentence, code) of a refusal, for a form's error box: what the API answers."""
    detail = exc.detail if isinstance(exc.detail, str) else "The request could not be handled."
    return exc.status_code, detail, getattr(exc, "code", None)


def _download(runtime: RuntimeDep, row: Resume | JobDescription) -> Response:
    original = files.original_file(runtime, row)
    return Response(original.content, media_type=original.media_type,
                    headers={"Content-Disposition": original.disposition})


# -- resumes ------------------------------------------------------------------------------------

@router.get("/resumes/new")
def new_resume(request: Request, _user: PageUser) -> Response:
    return render(request, "resume_new.html", title="Upload a resume")


@router.post("/resumes")
async def upload_resume(request: Request, form: CheckedForm, user: PageAccount, runtime: RuntimeDep) -> Response:
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return render(request, "resume_new.html", 422, title="Upload a resume", code="no_file",
                      error="Choose a file to upload: PDF, DOCX, TXT or Markdown.")
    try:
        async with user_turn(runtime.settings, user.id):
            resume_id = (await add_resume(request, runtime, user, upload, field(form, "title") or None))[0].id
    except REFUSALS as exc:
        status, error, code = refusal(exc)
        return render(request, "resume_new.html", status, title="Upload a resume", error=error, code=code)
    return redirect_to(f"/resumes/{resume_id}")


@router.get("/resumes/{resume_id}")
def resume_page(request: Request, resume_id: uuid.UUID, db: PageDb, _user: PageUser) -> Response:
    row = get_or_raise(db, Resume, resume_id, "Resume")
    parsed = store.parsed_resume(row)
    results, _ = library.match_results(db, resume_id=row.id, limit=50)
    jobs = {j.id: j for j in library.jobs(db, limit=None)}
    return render(request, "resume.html", title=row.title or row.original_filename, resume=row, parsed=parsed,
                  lines=(row.content_text or "").split("\n"), results=results, jobs=jobs,
                  derived_from=(row.metadata_ or {}).get("derived_from"))


@router.get("/resumes/{resume_id}/file")
def resume_file(resume_id: uuid.UUID, db: PageDb, _user: PageUser, runtime: RuntimeDep) -> Response:
    return _download(runtime, get_or_raise(db, Resume, resume_id, "Resume"))


@router.post("/resumes/{resume_id}/delete")
def delete_resume(resume_id: uuid.UUID, _form: CheckedForm, db: PageDb, _user: PageUser,
                  runtime: RuntimeDep) -> Response:
    uploads.delete(db, runtime, get_or_raise(db, Resume, resume_id, "Resume"))
    return redirect_to("/")


# -- jobs ---------------------------------------------------------------------------------------

def _job_form(request: Request, status: int = 200, **context: object) -> Response:
    return render(request, "job_new.html", status, title="Add a job", **context)



@router.get("/jobs/new")
def new_job(request: Request, _user: PageUser) -> Response:
    return _job_form(request, values={})


@router.post("/jobs")
async def paste_job(request: Request, form: CheckedForm, user: PageAccount, runtime: RuntimeDep) -> Response:
    values = {name: field(form, name, 200_000, checked=False) for name in JOB_FIELDS}  # JobIn checks them
    try:
        async with user_turn(runtime.settings, user.id):
            job_id = (await add_job(request, runtime, user, job_fields(values)))[0].id
    except REFUSALS as exc:
        status, error, code = refusal(exc)
        return _job_form(request, status, values=values, error=error, code=code)
    return redirect_to(f"/jobs/{job_id}")


@router.post("/jobs/file")
async def upload_job(request: Request, form: CheckedForm, user: PageAccount, runtime: RuntimeDep) -> Response:
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _job_form(request, 422, values={}, code="no_file", error="Choose a job description file to upload.")
    title, company = field(form, "title") or None, field(form, "company") or None
    try:
        async with user_turn(runtime.settings, user.id):
            row, _parsed = await add_job_file(request, runtime, user, upload, title, company)
    except REFUSALS as exc:
        status, error, code = refusal(exc)
        return _job_form(request, status, values={}, error=error, code=code)
    return redirect_to(f"/jobs/{row.id}")


@router.post("/jobs/import")
async def import_job_page(request: Request, form: CheckedForm, user: PageAccount, runtime: RuntimeDep) -> Response:
    """Fetch a posting's page (in the event loop, under one deadline, holding no database session) and add it."""
    url = field(form, "url", 4096)
    try:
        async with user_turn(runtime.settings, user.id):
            row, _parsed, source = await import_job(request, runtime, user, url)
    except REFUSALS as exc:
        status, error, code = refusal(exc)
        return _job_form(request, status, values={}, url=url, error=error, code=code)
    return redirect_to(f"/jobs/{row.id}?imported={source}")


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: uuid.UUID, db: PageDb, _user: PageUser, imported: str = "") -> Response:
    row = get_or_raise(db, JobDescription, job_id, "Job description")
    parsed = store.parsed_job(row)
    lines = parsed.text_content.split("\n")
    resumes = library.resumes(db)
    return render(request, "job.html", title=row.title, job=row, parsed=parsed, lines=lines, resumes=resumes,
                  imported=imported if imported in {"json-ld", "text"} else "", warnings=thin_ad_warnings(parsed))


@router.get("/jobs/{job_id}/file")
def job_file(job_id: uuid.UUID, db: PageDb, _user: PageUser, runtime: RuntimeDep) -> Response:
    return _download(runtime, get_or_raise(db, JobDescription, job_id, "Job description"))


@router.post("/jobs/{job_id}/delete")
def delete_job(job_id: uuid.UUID, _form: CheckedForm, db: PageDb, _user: PageUser, runtime: RuntimeDep) -> Response:
    uploads.delete(db, runtime, get_or_raise(db, JobDescription, job_id, "Job description"))
    return redirect_to("/")

