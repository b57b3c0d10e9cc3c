"""Pydantic models at the API's edge: request bodies and response shapes (the seed's field names)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field, field_validator

T = TypeVar("T")


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
    title: str = Field(min_length=1, max_length=300)

    @field_validator("title")
    @classmethod
    def _strip(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("title must not be blank")
        return value


class JobIn(BaseModel):
    """The seed's job fields, plus responsibilities, benefits, job_type, remote_option, experience_level."""

    title: str = Field(min_length=1, max_length=300)
    company: str | None = Field(default=None, max_length=300)
    description: str = Field(min_length=1, max_length=200_000)
    requirements: str | None = Field(default=None, max_length=100_000)
    responsibilities: str | None = Field(default=None, max_length=100_000)
    benefits: str | None = Field(default=None, max_length=50_000)
    location: str | None = Field(default=None, max_length=300)
    salary_range: str | None = Field(default=None, max_length=100)
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
