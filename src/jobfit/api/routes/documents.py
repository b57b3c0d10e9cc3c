"""Documents: upload, list, read, rename and delete resumes and job descriptions (seed section 1).

Uploads are atomic (file, row and embeddings all land or none does), sized while streaming (413),
and every unreadable file gets a 422 naming what is wrong, never a 500.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile, status
from starlette.concurrency import run_in_threadpool

from jobfit.api.deps import CurrentUser, Db, RuntimeDep, get_or_404
from jobfit.api.parsing import parse_in_sandbox, read_upload
from jobfit.api.schemas import (
    JobDetail,
    JobIn,
    JobSummary,
    JobUploaded,
    Limit,
    Offset,
    Page,
    ResumeDetail,
    ResumeSummary,
    ResumeUploaded,
    Text,
    TitleUpdate,
)
from jobfit.services import files, upload
from jobfit.store import documents as store
from jobfit.store.models import JobDescription, Resume

router = APIRouter(prefix="/documents", tags=["documents"])

def _resume_summary(row: Resume) -> ResumeSummary:
    return ResumeSummary(id=row.id, title=row.title, original_filename=row.original_filename,
                         file_type=row.file_type, file_size=row.file_size,
                         quality_score=float(row.quality_score or 0), created_at=row.created_at,
                         updated_at=row.updated_at)


def _resume_detail(row: Resume) -> ResumeDetail:
    return ResumeDetail(**_resume_summary(row).model_dump(), content_text=row.content_text,
                        contact_info=row.contact_info or {}, sections=row.sections or {},
                        metadata=store.public_metadata(row))


def _job_summary(row: JobDescription) -> JobSummary:
    return JobSummary(id=row.id, title=row.title, company=row.company, location=row.location,
                      job_type=row.job_type, remote_option=row.remote_option,
                      experience_level=row.experience_level, created_at=row.created_at, updated_at=row.updated_at)


def _job_detail(row: JobDescription) -> JobDetail:
    meta = store.public_metadata(row)
    return JobDetail(**_job_summary(row).model_dump(), description=row.description,
                     requirements=row.requirements, responsibilities=row.responsibilities,
                     benefits=row.benefits, salary_range=row.salary_range, sections=row.sections or {},
                     metadata=meta)


# -- resumes ------------------------------------------------------------------------------------

@router.post("/upload/resume", status_code=status.HTTP_201_CREATED, response_model=ResumeUploaded)
async def upload_resume(
    request: Request, db: Db, user: CurrentUser, runtime: RuntimeDep,
    file: Annotated[UploadFile, File(description="PDF, DOCX, TXT or Markdown, at most 10 MB")],
    title: Annotated[Text | None, Form(max_length=300)] = None,
    title_query: Annotated[Text | None, Query(alias="title", max_length=300)] = None,
) -> ResumeUploaded:
    data, filename = await read_upload(file, runtime.settings.max_upload_mb * 1024 * 1024)
    parsed = await parse_in_sandbox(request, lambda gone: upload.parse_resume(runtime, data, filename, gone))
    row = await run_in_threadpool(lambda: upload.store_resume(db, runtime, user.id, parsed, data=data,
                                                              filename=filename,
                                                              title=(title or title_query or "").strip() or None))
    return ResumeUploaded(id=row.id, title=row.title, quality_score=parsed.quality_score,
                          sections_found=list(parsed.sections), contact_info=row.contact_info)


@router.get("/resumes", response_model=Page[ResumeSummary])
def list_resumes(db: Db, _user: CurrentUser, limit: Limit = 20, offset: Offset = 0) -> Page[ResumeSummary]:
    rows, total = store.page(db, Resume, limit, offset, ResumeSummary.model_fields)
    return Page(items=[_resume_summary(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/resumes/{resume_id}", response_model=ResumeDetail)
def get_resume(resume_id: uuid.UUID, db: Db, _user: CurrentUser) -> ResumeDetail:
    return _resume_detail(get_or_404(db, Resume, resume_id, "Resume"))


@router.patch("/resumes/{resume_id}", response_model=ResumeDetail)
def rename_resume(resume_id: uuid.UUID, body: TitleUpdate, db: Db, _user: CurrentUser) -> ResumeDetail:
    return _resume_detail(upload.rename(db, get_or_404(db, Resume, resume_id, "Resume"), body.title))


@router.delete("/resumes/{resume_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_resume(resume_id: uuid.UUID, db: Db, _user: CurrentUser, runtime: RuntimeDep) -> Response:
    upload.delete(db, runtime, get_or_404(db, Resume, resume_id, "Resume"))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _download(runtime: RuntimeDep, row: Resume | JobDescription) -> Response:
    original = files.original_file(runtime, row)
    return Response(original.content, media_type=original.media_type,
                    headers={"Content-Disposition": original.disposition})


@router.get("/resumes/{resume_id}/file", response_class=Response,
            responses={200: {"content": {"application/octet-stream": {}}}})
def download_resume(resume_id: uuid.UUID, db: Db, _user: CurrentUser, runtime: RuntimeDep) -> Response:
    return _download(runtime, get_or_404(db, Resume, resume_id, "Resume"))


# -- job descriptions ---------------------------------------------------------------------------

@router.post("/upload/job-description", status_code=status.HTTP_201_CREATED, response_model=JobUploaded)
async def create_job(request: Request, body: JobIn, db: Db, user: CurrentUser, runtime: RuntimeDep) -> JobUploaded:
    fields = body.model_dump()
    parsed = await parse_in_sandbox(request, lambda gone: upload.parse_job(runtime, fields, gone))
    row = await run_in_threadpool(lambda: upload.store_job(db, runtime, user.id, parsed, fields=fields))
    return JobUploaded(id=row.id, title=row.title, company=row.company, sections_found=list(parsed.sections))


@router.post("/upload/job-description/file", status_code=status.HTTP_201_CREATED, response_model=JobUploaded)
async def upload_job_file(
    request: Request, db: Db, user: CurrentUser, runtime: RuntimeDep,
    file: Annotated[UploadFile, File(description="PDF, DOCX, TXT or Markdown, at most 10 MB")],
    title: Annotated[Text | None, Form(max_length=300)] = None,
    company: Annotated[Text | None, Form(max_length=300)] = None,
) -> JobUploaded:
    data, filename = await read_upload(file, runtime.settings.max_upload_mb * 1024 * 1024)
    parsed = await parse_in_sandbox(
        request, lambda gone: upload.parse_job_file(runtime, data, filename, title, company, gone))
    row = await run_in_threadpool(lambda: upload.store_job(db, runtime, user.id, parsed, original=(data, filename)))
    return JobUploaded(id=row.id, title=row.title, company=row.company, sections_found=list(parsed.sections))


@router.get("/job-descriptions", response_model=Page[JobSummary])
def list_jobs(db: Db, _user: CurrentUser, limit: Limit = 20, offset: Offset = 0) -> Page[JobSummary]:
    rows, total = store.page(db, JobDescription, limit, offset, JobSummary.model_fields)
    return Page(items=[_job_summary(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/job-descriptions/{job_id}", response_model=JobDetail)
def get_job(job_id: uuid.UUID, db: Db, _user: CurrentUser) -> JobDetail:
    return _job_detail(get_or_404(db, JobDescription, job_id, "Job description"))


@router.patch("/job-descriptions/{job_id}", response_model=JobDetail)
def rename_job(job_id: uuid.UUID, body: TitleUpdate, db: Db, _user: CurrentUser) -> JobDetail:
    return _job_detail(upload.rename(db, get_or_404(db, JobDescription, job_id, "Job description"), body.title))


@router.delete("/job-descriptions/{job_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_job(job_id: uuid.UUID, db: Db, _user: CurrentUser, runtime: RuntimeDep) -> Response:
    upload.delete(db, runtime, get_or_404(db, JobDescription, job_id, "Job description"))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/job-descriptions/{job_id}/file", response_class=Response,
            responses={200: {"content": {"application/octet-stream": {}}}})
def download_job(job_id: uuid.UUID, db: Db, _user: CurrentUser, runtime: RuntimeDep) -> Response:
    return _download(runtime, get_or_404(db, JobDescription, job_id, "Job description"))
