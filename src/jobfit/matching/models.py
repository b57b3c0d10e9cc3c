"""The result of matching one resume against one job: the contract the API, CLI and suggestions share.

Field names follow the seed's `match_results` columns.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Importance = Literal["required", "preferred"]
# "check": an eligibility requirement (work authorisation, clearance, ...) that a person checks; never scored.
Status = Literal["met", "partial", "missing", "check"]


class RequirementResult(BaseModel):
    """One requirement of the job and the best evidence the resume has for it."""

    requirement: str
    kind: Literal["skill", "experience", "education", "title", "keyword", "eligibility"]
    importance: Importance
    status: Status
    score: float = Field(ge=0.0, le=1.0)
    how: str | None = None  # exact, alias, parent, child, related, semantic, years, level ...; eligibility: what
    evidence: str | None = None  # the resume line that earns it
    section: str | None = None
    line: int | None = None  # 1-based line in the resume's text_content
    # Skills of one list of alternatives ("Python, Ruby or Java") share a group: one member met meets them all.
    group: int | None = None


class KeywordCount(BaseModel):
    term: str
    count_in_job: int
    count_in_resume: int


class MatchAnalysis(BaseModel):
    summary: str
    requirements: list[RequirementResult] = Field(default_factory=list)
    keywords: list[KeywordCount] = Field(default_factory=list)
    weights: dict[str, float] = Field(default_factory=dict)
    # Added by the engine: each component's 0-100 value before weighting (absent = no signal), and the
    # inputs of the confidence score (parse_quality, job_specificity, agreement, each 0-1).
    component_scores: dict[str, float] = Field(default_factory=dict)
    confidence_parts: dict[str, float] = Field(default_factory=dict)


class SkillGap(BaseModel):
    skill: str
    skill_id: str | None = None
    importance: Importance
    category: str | None = None
    closest_related: str | None = None  # the related skill the resume does show, if any


class Strength(BaseModel):
    requirement: str
    evidence: str | None = None
    section: str | None = None
    line: int | None = None
    kind: Literal["requirement", "extra"] = "requirement"


class MatchResult(BaseModel):
    overall_score: float = Field(ge=0.0, le=100.0)
    confidence_score: float = Field(ge=0.0, le=100.0)
    skills_score: float = Field(ge=0.0, le=100.0)
    experience_score: float = Field(ge=0.0, le=100.0)
    education_score: float = Field(ge=0.0, le=100.0)
    keyword_score: float = Field(ge=0.0, le=100.0)
    section_scores: dict[str, float] = Field(default_factory=dict)
    match_analysis: MatchAnalysis
    skill_gaps: list[SkillGap] = Field(default_factory=list)
    strengths: list[Strength] = Field(default_factory=list)
    processing_time_ms: int = 0
    algorithm_version: str
