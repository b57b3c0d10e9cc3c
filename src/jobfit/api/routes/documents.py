"""Documents: upload, list, read, rename and delete resumes and job descriptions (seed section 1).

Uploads are atomic (file, row and embeddings all land or none does), sized while streaming (413),
and every unreadable file gets a 422 naming what is wrong, never a 500.
"""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile, status
from pydantic import BaseModel

from jobfit.documents.job_length import thin_ad_warnings
from jobfit.documents.models import ParsedJob
from jobfit.http.concurrency import user_turn
from jobfit.http.deps import CheckedUser, CurrentUser, Db, RuntimeDep, read_off_loop
from jobfit.http.parsing import add_job, add_job_file, add_resume, import_job
from jobfit.http.schemas import (
    JobDetail,
    JobImported,
    JobImportIn,
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
from jobfit.services import files, library, upload
from jobfit.services.errors import get_or_raise
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


def _document_routes(model: type[Resume] | type[JobDescription], noun: str, path: str, what: str,
                     summary: type[BaseModel], detail: type[BaseModel], to_summary: Callable[[Any], BaseModel],
                     to_detail: Callable[[Any], BaseModel]) -> None:
    """List, read, rename, delete and download one kind of document: the same five routes for resumes and
    job descriptions, under `path`, with `{noun}_id` as the path parameter and `..._{noun}` as route names."""
    doc_id = Annotated[uuid.UUID, Path(alias=f"{noun}_id")]
    one = f"{path}/{{{noun}_id}}"
    columns = tuple(summary.model_fields)
    downloadable = {200: {"content": {"application/octet-stream": {}}}}

    @router.get(path, response_model=Page[summary], name=f"list_{noun}s")  # type: ignore[valid-type]
    async def list_documents(runtime: RuntimeDep, user: CurrentUser, limit: Limit = 20, offset: Offset = 0,
                             ) -> Response:
        # the busiest call: one thread hop, one round trip, and the page serialised once (FastAPI would
        # validate it again)
        def one_page() -> bytes:
            rows, total = library.page(runtime.db, user.id, model, limit, offset, columns, user.sign_in_id)
            return Page[summary](items=[to_summary(r) for r in rows], total=total, limit=limit,  # type: ignore[valid-type]
                                 offset=offset).model_dump_json().encode()

        return Response(await read_off_loop(runtime, one_page), media_type="application/json")

    @router.get(one, response_model=detail, name=f"get_{noun}")
    def get_document(row_id: doc_id, db: Db, _user: CurrentUser) -> BaseModel:
        return to_detail(get_or_raise(db, model, row_id, what))

    @router.patch(one, response_model=detail, name=f"rename_{noun}")
    def rename_document(row_id: doc_id, body: TitleUpdate, db: Db, _user: CurrentUser) -> BaseModel:
        return to_detail(upload.rename(db, get_or_raise(db, model, row_id, what, lock="update"), body.title))

    @router.delete(one, status_code=status.HTTP_204_NO_CONTENT, name=f"delete_{noun}")
    def delete_document(row_id: doc_id, db: Db, _user: CurrentUser, runtime: RuntimeDep) -> Response:
        upload.delete(db, runtime, get_or_raise(db, model, row_id, what))
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    @router.get(f"{one}/file", response_class=Response, responses=downloadable, name=f"download_{noun}")
    def download_document(row_id: doc_id, db: Db, _user: CurrentUser, runtime: RuntimeDep) -> Response:
        original = files.original_file(runtime, get_or_raise(db, model, row_id, what))
        return Response(original.content, media_type=original.media_type,
                        headers={"Content-Disposition": original.disposition})


# -- resumes ------------------------------------------------------------------------------------

# Uploads hold no database session while they parse (`http/parsing.py`), and each account runs at most
# `uploads_per_user` of them at once (`http/concurrency.py`).

@router.post("/upload/resume", status_code=status.HTTP_201_CREATED, response_model=ResumeUploaded)
async def upload_resume(
    request: Request, user: CheckedUser, runtime: RuntimeDep,
    file: Annotated[UploadFile, File(description="PDF, DOCX, TXT or Markdown, at most 10 MB")],
    title: Annotated[Text | None, Form(max_length=300)] = None,
    title_query: Annotated[Text | None, Query(alias="title", max_length=300)] = None,
) -> ResumeUploaded:
    async with user_turn(runtime.settings, user.id):
        row, parsed = await add_resume(request, runtime, user, file, (title or title_query or "").strip() or None)
    return ResumeUploaded(id=row.id, title=row.title, quality_score=parsed.quality_score,
                          sections_found=list(parsed.sections), contact_info=row.contact_info)


_document_routes(Resume, "resume", "/resumes", "Resume", ResumeSummary, ResumeDetail, _resume_summary,
                 _resume_detail)


# -- job descriptions ---------------------------------------------------------------------------

@router.post("/upload/job-description", status_code=status.HTTP_201_CREATED, response_model=JobUploaded)
async def create_job(request: Request, body: JobIn, user: CheckedUser, runtime: RuntimeDep) -> JobUploaded:
    async with user_turn(runtime.settings, user.id):
        row, parsed = await add_job(request, runtime, user, body.model_dump())
    return _job_uploaded(row, parsed)


@router.post("/import/job-description", status_code=status.HTTP_201_CREATED, response_model=JobImported,
             responses={422: {"description": "The page cannot be fetched (invalid_url, private_address, too_large, "
                                             "timeout, ...) or holds no job posting (no_job_found)"}})
async def import_job_page(request: Request, body: JobImportIn, user: CheckedUser, runtime: RuntimeDep) -> JobImported:
    """A job from a posting's web page: its JSON-LD JobPosting, else its readable text (`source` says which). The
    page is fetched under one deadline and size limit, every address checked (no private ones unless the server
    allows them)."""
    async with user_turn(runtime.settings, user.id):
        row, parsed, source = await import_job(request, runtime, user, body.url)
    return JobImported(**_job_uploaded(row, parsed).model_dump(), source=source)


@router.post("/upload/job-description/file", status_code=status.HTTP_201_CREATED, response_model=JobUploaded)
async def upload_job_file(
    request: Request, user: CheckedUser, runtime: RuntimeDep,
    file: Annotated[UploadFile, File(description="PDF, DOCX, TXT or Markdown, at most 10 MB")],
    title: Annotated[Text | None, Form(max_length=300)] = None,
    company: Annotated[Text | None, Form(max_length=300)] = None,
) -> JobUploaded:
    async with user_turn(runtime.settings, user.id):
        row, parsed = await add_job_file(request, runtime, user, file, title, company)
    return _job_uploaded(row, parsed)


def _job_uploaded(row: JobDescription, parsed: ParsedJob) -> JobUploaded:
    return JobUploaded(id=row.id, title=row.title, company=row.company, sections_found=list(parsed.sections),
                       warnings=thin_ad_warnings(parsed))


_document_routes(JobDescription, "job", "/job-descriptions", "Job description", JobSummary, JobDetail,
                 _job_summary, _job_detail)
