"""Pydantic models at the API's edge: request bodies and response shapes (the seed's field names)."""

from __future__ import annotations

import math
import uuid
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Query
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from jobfit.documents.errors import MAX_TEXT_CHARS

T = TypeVar("T")

PG_BIGINT_MAX = 2**63 - 1  # OFFSET and every integer column end here; larger values are a 422, not a 500
_ALLOWED_CONTROLS = frozenset("\t\n\r")
# Whitespace control characters that text copied from a PDF or a Word document carries: a page break, Word's
# manual line break (vertical tab), next line. They are line breaks in all but name.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n"})
# A JSONB column read back: NULL is shown as the empty object or list.
StoredObject = Annotated[dict[str, Any], BeforeValidator(lambda v: {} if v is None else v)]
StoredList = Annotated[list[Any], BeforeValidator(lambda v: [] if v is None else v)]


def clean_text(value: str) -> str:
    """Text from a client: whitespace control characters become line breaks; NUL, the other C0 controls (but tab
    and line breaks), DEL and lone UTF-16 surrogates are refused, in words a person can act on."""
    value = value.translate(_LINE_BREAKS)
    for position, ch in enumerate(value, 1):
        if (ch < " " and ch not in _ALLOWED_CONTROLS) or ch == "\x7f":
            raise PydanticCustomError(
                "control_character",
                "contains an invisible control character (U+{code}, character {position}) that is not text: "
                "delete it and try again",
                {"code": f"{ord(ch):04X}", "position": position})
        if "\ud800" <= ch <= "\udfff":  # JSON can spell a lone surrogate ("\\ud800"); no UTF-8 text can hold one
            raise PydanticCustomError(
                "lone_surrogate",
                "contains a broken character (a lone UTF-16 surrogate, U+{code}, character {position}) that is not "
                "text: delete it and try again",
                {"code": f"{ord(ch):04X}", "position": position})
    return value


def refuse_unstorable_json(value: Any) -> Any:
    """JSON from a client that Postgres can store: strings and keys cleaned as `clean_text`, no NaN/Infinity."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("finite_number", "holds a number that is not finite (NaN or Infinity)")
    if isinstance(value, dict):
        return {refuse_unstorable_json(key): refuse_unstorable_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [refuse_unstorable_json(item) for item in value]
    return value


# Every text field of a request (JSON body, form or query) is one of these.
Text = Annotated[str, AfterValidator(clean_text)]
JsonObject = Annotated[dict[str, Any], AfterValidator(refuse_unstorable_json)]
# Paging parameters of every list endpoint.
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=PG_BIGINT_MAX)]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class ResumeUploaded(BaseModel):
    id: uuid.UUID
    title: str | None
    quality_score: float
    sections_found: list[str]
    contact_info: dict[str, Any]
    processing_status: str = "completed"


class ResumeSummary(BaseModel):
    id: uuid.UUID
    title: str | None
    original_filename: str
    file_type: str
    file_size: int
    quality_score: float
    created_at: datetime
    updated_at: datetime


class ResumeDetail(ResumeSummary):
    content_text: str | None
    contact_info: dict[str, Any]
    sections: dict[str, Any]
    metadata: dict[str, Any]


class TitleUpdate(BaseModel):
    title: Text = Field(min_length=1, max_length=300)

    @field_validator("title")
    @classmethod
    def _strip(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise PydanticCustomError("blank", "is blank")
        return value


class JobIn(BaseModel):
    """The seed's job fields, plus responsibilities, benefits, job_type, remote_option, experience_level."""

    title: Text = Field(min_length=1, max_length=300)
    company: Text | None = Field(default=None, max_length=300)
    description: Text = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    requirements: Text | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    responsibilities: Text | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    benefits: Text | None = Field(default=None, max_length=50_000)
    location: Text | None = Field(default=None, max_length=300)
    salary_range: Text | None = Field(default=None, max_length=100)
    job_type: str | None = Field(default=None, pattern="^(full-time|part-time|contract|internship|temporary)$")
    remote_option: str | None = Field(default=None, pattern="^(remote|hybrid|onsite)$")
    experience_level: str | None = Field(default=None, pattern="^(entry|mid|senior|executive)$")

    @field_validator("title", "description")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("blank", "is blank")
        return value.strip()


class JobUploaded(BaseModel):
    id: uuid.UUID
    title: str
    company: str | None
    sections_found: list[str]
    processing_status: str = "completed"
    # why a match against this ad would say little (too short, nothing it asks for was read), in plain words
    warnings: list[str] = Field(default_factory=list)


class JobImportIn(BaseModel):
    url: str = Field(min_length=1, max_length=4096, description="The posting's web page (http or https)")


class JobImported(JobUploaded):
    source: Literal["json-ld", "text"] = Field(description="json-ld: the page's JobPosting data; text: its "
                                                           "readable text")


class JobSummary(BaseModel):
    id: uuid.UUID
    title: str
    company: str | None
    location: str | None
    job_type: str | None
    remote_option: str | None
    experience_level: str | None
    created_at: datetime
    updated_at: datetime


class JobDetail(JobSummary):
    description: str
    requirements: str | None
    responsibilities: str | None
    benefits: str | None
    salary_range: str | None
    sections: dict[str, Any]
    metadata: dict[str, Any]


class MatchOut(BaseModel):
    """A stored match result (`MatchResultRow`), read from its attributes."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    resume_id: uuid.UUID
    job_id: uuid.UUID
    overall_score: float
    confidence_score: float
    skills_score: float | None
    experience_score: float | None
    education_score: float | None
    keyword_score: float | None
    section_scores: StoredObject
    match_analysis: StoredObject
    skill_gaps: StoredList
    strengths: StoredList
    processing_time_ms: int | None
    algorithm_version: str | None
    created_at: datetime


class SuggestionOut(BaseModel):
    """A stored suggestion (`store.models.Suggestion`), read from its attributes."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    match_result_id: uuid.UUID
    suggestion_type: str
    category: str
    title: str
    description: str
    original_text: str | None
    suggested_text: str | None
    section_name: str | None
    line_number: int | None
    priority: int
    impact_score: float | None
    effort_estimate: str | None
    status: str
    implemented_at: datetime | None
    feedback: str | None
    ai_confidence: float | None
    generated_by: str | None
    created_at: datetime
    updated_at: datetime


class DecisionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    match_result_id: uuid.UUID
    resume_id: uuid.UUID
    job_id: uuid.UUID
    decision: str
    reason: str | None
    algorithm_version: str | None
    report_hash: str
    created_at: datetime


def match_out(row: object) -> MatchOut:
    return MatchOut.model_validate(row)


def suggestion_out(row: object) -> SuggestionOut:
    return SuggestionOut.model_validate(row)


class FeedbackIn(BaseModel):
    target_type: Literal["match_result", "suggestion", "overall"]
    target_id: uuid.UUID | None = None
    rating: int = Field(ge=1, le=5)
    feedback_text: Text | None = Field(default=None, max_length=5000)
    context: JsonObject = Field(default_factory=dict)

    @model_validator(mode="after")
    def _target(self) -> FeedbackIn:
        if self.target_type != "overall" and self.target_id is None:
            raise ValueError(f"target_id is required when target_type is {self.target_type}")
        if self.target_type == "overall" and self.target_id is not None:
            raise ValueError("target_id must be empty when target_type is overall")
        if len(str(self.context)) > 10_000:
            raise ValueError("context is too large (10 kB at most)")
        return self


# -- batches --------------------------------------------------------------------------------------

BatchState = Literal["queued", "parsing", "embedding", "done", "failed"]


class FileError(BaseModel):
    code: str = Field(description="The same code a single upload of this file would get (or processing_failed)")
    detail: str


class BatchFileOut(BaseModel):
    id: uuid.UUID
    filename: str
    file_size: int
    state: BatchState
    duplicate: bool = Field(description="Done without a new resume: the same file (by SHA-256) is `resume_id`")
    resume_id: uuid.UUID | None
    error: FileError | None
    attempts: int
    queued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class StateCounts(BaseModel):
    queued: int
    parsing: int
    embedding: int
    done: int
    failed: int


class BatchSummary(BaseModel):
    id: uuid.UUID
    created_at: datetime
    keep_duplicates: bool
    total: int
    counts: StateCounts
    finished: bool = Field(description="Every file is done or failed")


class BatchOut(BatchSummary):
    files: list[BatchFileOut]
