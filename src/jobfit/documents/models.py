"""Typed values that flow out of document parsing: the contract between parsing, matching and storage.

Field names follow the seed's columns (`text_content`, `contact_info`, `sections`, `metadata`,
`quality_score`) so that `model_dump()` can be stored as-is. Line numbers are 1-based indexes into
`text_content.split("\\n")`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from jobfit.skills.models import SkillMention

DegreeLevel = Literal["none", "associate", "bachelor", "master", "doctorate"]
DEGREE_RANK: dict[str, int] = {"none": 0, "associate": 1, "bachelor": 2, "master": 3, "doctorate": 4}

RESUME_SECTIONS = (
    "summary", "experience", "education", "skills", "projects", "certifications", "publications",
    "awards", "languages", "volunteer", "interests", "references",
)
JOB_SECTIONS = (
    "summary", "responsibilities", "requirements", "preferred", "benefits", "about_company",
)


class ContactField(BaseModel):
    value: str
    confidence: float = Field(ge=0.0, le=1.0)


class ContactInfo(BaseModel):
    name: ContactField | None = None
    email: ContactField | None = None
    phone: ContactField | None = None  # E.164 where it could be normalised
    location: ContactField | None = None
    linkedin: ContactField | None = None
    github: ContactField | None = None
    website: ContactField | None = None


class Section(BaseModel):
    """One canonical section of a document: `heading` is the text as written."""

    heading: str
    text: str
    start_line: int  # line of the heading (or first line for an implicit section)
    end_line: int  # last line, inclusive


class ExperienceEntry(BaseModel):
    title: str | None = None
    company: str | None = None
    start: str | None = None  # "YYYY-MM"
    end: str | None = None  # "YYYY-MM"; None with is_current=True means present
    is_current: bool = False
    months: int = 0
    line: int | None = None
    text: str = ""  # the entry's lines (title line and bullets)


class EducationEntry(BaseModel):
    degree_level: DegreeLevel = "none"
    degree: str | None = None  # as written, e.g. "B.Sc."
    field: str | None = None
    institution: str | None = None
    year: int | None = None
    line: int | None = None


class QualityCheck(BaseModel):
    id: str
    label: str
    passed: bool
    weight: float
    hint: str


class DocumentMetadata(BaseModel):
    file_type: str  # pdf, docx, txt, md
    parser: str  # e.g. "pdfminer.six", "python-docx", "text"
    pages: int | None = None
    words: int = 0
    characters: int = 0
    language: str | None = None
    layout: dict[str, bool | int] = Field(default_factory=dict)  # columns, tables, images, text_boxes
    timings_ms: dict[str, float] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    # the date "Present" was counted to ("YYYY-MM-DD") and where it came from: "text" (a date the resume states),
    # "file" (the file's own date) or "today" (documents.dates.document_date); None on documents parsed before
    as_of: str | None = None
    as_of_source: Literal["text", "file", "today"] | None = None

    @classmethod
    def of(cls, source: ExtractedText, text: str, words: int, language: str | None, timings_ms: dict[str, float],
           warnings: list[str]) -> DocumentMetadata:
        """The metadata of a document whose text `text` was read from `source` (type, parser, pages, layout)."""
        return cls(file_type=source.file_type, parser=source.parser, pages=source.pages, words=words,
                   characters=len(text), language=language, layout=dict(source.layout), timings_ms=timings_ms,
                   warnings=warnings)


class ParsedResume(BaseModel):
    text_content: str
    contact_info: ContactInfo = Field(default_factory=ContactInfo)
    sections: dict[str, Section] = Field(default_factory=dict)
    experience: list[ExperienceEntry] = Field(default_factory=list)
    total_years_experience: float = 0.0
    education: list[EducationEntry] = Field(default_factory=list)
    skills: list[SkillMention] = Field(default_factory=list)
    metadata: DocumentMetadata
    quality_score: float = Field(default=0.0, ge=0.0, le=100.0)
    quality_checks: list[QualityCheck] = Field(default_factory=list)


class JobZone(BaseModel):
    """Lines `start_line`..`end_line` of an ad belong to one zone (`documents.job_zones.ZONES`): "company",
    "duties", "requirements", "preferred", "benefits", "legal", "apply", "contact" or "details"."""

    zone: str
    start_line: int
    end_line: int


class Eligibility(BaseModel):
    """Something an ad asks that a recruiter checks by hand rather than scores: work authorisation, security
    clearance, a background check, a driving licence, travel or relocation (`kind`), as the ad words it."""

    kind: str
    text: str
    line: int
    importance: Literal["required", "preferred"] = "required"


class ParsedJob(BaseModel):
    title: str
    company: str | None = None
    text_content: str
    sections: dict[str, Section] = Field(default_factory=dict)
    required_skills: list[SkillMention] = Field(default_factory=list)
    preferred_skills: list[SkillMention] = Field(default_factory=list)
    min_years: float | None = None
    degree_level: DegreeLevel | None = None
    degree_field: str | None = None
    job_type: str | None = None  # full-time, part-time, contract, internship, temporary
    remote_option: str | None = None  # remote, hybrid, onsite
    experience_level: str | None = None  # entry, mid, senior, executive
    location: str | None = None
    salary_range: str | None = None
    # Which part of the ad each line is (empty for jobs parsed before zones were read), and the checks it asks for.
    zones: list[JobZone] = Field(default_factory=list)
    eligibility: list[Eligibility] = Field(default_factory=list)
    metadata: DocumentMetadata


class ExtractedText(BaseModel):
    """Text of a document plus what we learnt about its layout while reading it."""

    text: str
    file_type: str  # pdf, docx, txt, md
    parser: str
    pages: int | None = None
    layout: dict[str, bool | int] = Field(default_factory=dict)  # columns, tables, images, text_boxes
    links: list[str] = Field(default_factory=list)  # hyperlink targets (PDF annotations, DOCX relationships)
    warnings: list[str] = Field(default_factory=list)
    file_date: date | None = None  # when the file says it was last saved (else created): PDF/DOCX metadata
