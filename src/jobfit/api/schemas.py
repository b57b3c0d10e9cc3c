"""Pydantic models at the API's edge: request bodies and response shapes (the seed's field names)."""

from __future__ import annotations

import math
import uuid
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import AfterValidator, BaseModel, Field, field_validator

T = TypeVar("T")

PG_BIGINT_MAX = 2**63 - 1  # OFFSET and every integer column end here; larger values are a 422, not a 500
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def refuse_control_characters(value: str) -> str:
    """Text from a client: NUL and the other C0 controls (but tab and line breaks) and DEL are refused."""
    for ch in value:
        if (ch < " " and ch not in _ALLOWED_CONTROLS) or ch == "\x7f":
            raise ValueError(f"must not contain control characters (found U+{ord(ch):04X})")
    return value


def refuse_unstorable_json(value: Any) -> Any:
    """JSON from a client that Postgres can store: no control characters in strings or keys, no NaN/Infinity."""
    if isinstance(value, str):
        refuse_control_characters(value)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValueError("numbers must be finite")
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_unstorable_json(key)
            refuse_unstorable_json(item)
    elif isinstance(value, list):
        for item in value:
            refuse_unstorable_json(item)
    return value


# Every text field of a request (JSON body, form or query) is one of these.
Text = Annotated[str, AfterValidator(refuse_control_characters)]
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
            raise ValueError("title must not be blank")
        return value


class JobIn(BaseModel):
    """The seed's job fields, plus responsibilities, benefits, job_type, remote_option, experience_level."""

    title: Text = Field(min_length=1, max_length=300)
    company: Text | None = Field(default=None, max_length=300)
    description: Text = Field(min_length=1, max_length=200_000)
    requirements: Text | None = Field(default=None, max_length=100_000)
    responsibilities: Text | None = Field(default=None, max_length=100_000)
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
            raise ValueError("must not be blank")
        return value.strip()


class JobUploaded(BaseModel):
    id: uuid.UUID
    title: str
    company: str | None
    sections_found: list[str]
    processing_status: str = "completed"


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
