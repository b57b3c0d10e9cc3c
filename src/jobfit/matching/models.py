"""The result of matching one resume against one job: the contract the API, CLI and suggestions share.

Field names follow the seed's `match_results` columns.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Importance = Literal["required", "preferred"]
# met: the resume shows it; partial: shows part of it (some of its words, fewer years); related: shows only a
# broader field or a neighbouring skill (a field never meets a named tool); missing: nothing. Only "met" counts
# as met anywhere (`counts.is_met`). "check": an eligibility requirement (work authorisation, clearance, ...)
# that a person checks; never scored.
Status = Literal["met", "partial", "related", "missing", "check"]


class RequirementResult(BaseModel):
    """One requirement of the job and the best evidence the resume has for it."""

    requirement: str
    kind: Literal["skill", "experience", "education", "title", "keyword", "eligibility"]
    importance: Importance
    status: Status
    score: float = Field(ge=0.0, le=1.0)
    how: str | None = None  # exact, alias, child, parent, related, words, meaning, years, level ...; eligibility: what
    evidence: str | None = None  # the resume statement that earns it (its lines re-joined)
    section: str | None = None
    line: int | None = None  # 1-based first line of that statement in the resume's text_content
    line_end: int | None = None  # its last line (the same as `line` for a one-line statement)
    # Whether the statement's meaning was checked against the requirement in its ad context and confirmed
    # it (True), or not checked (None: no vectors, or an embedder without calibrated thresholds).
    confirmed: bool | None = None
    similarity: float | None = None  # that cosine, when checked
    group: int | None = None  # alternatives in the ad ("Python, Ruby or Java") share a group: met by any one


class KeywordCount(BaseModel):
    term: str
    count_in_job: int
    count_in_resume: int


class OverallPart(BaseModel):
    """One component of the overall score: its value 0-100 (None: no signal, left out), its weight in the overall
    (renormalised over the components present) and the points it adds (weight x value)."""

    name: str
    value: float | None
    weight: float
    points: float


class MatchAnalysis(BaseModel):
    summary: str
    requirements: list[RequirementResult] = Field(default_factory=list)
    keywords: list[KeywordCount] = Field(default_factory=list)
    weights: dict[str, float] = Field(default_factory=dict)
    # Added by the engine: each component's 0-100 value before weighting (absent = no signal), and the
    # inputs of the confidence score (parse_quality, job_specificity, agreement, each 0-1).
    component_scores: dict[str, float] = Field(default_factory=dict)
    confidence_parts: dict[str, float] = Field(default_factory=dict)
    # How the overall score is made: every component with its value, weight and points (they sum to the overall).
    overall_parts: list[OverallPart] = Field(default_factory=list)
    # The requirement counts every view shows (`counts.requirement_counts`): one rule decides "met".
    counts: dict[str, int] = Field(default_factory=dict)
    meaning_checked: bool = False  # whether evidence was confirmed by meaning (see RequirementResult.confirmed)


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
    line_end: int | None = None
    kind: Literal["requirement", "extra"] = "requirement"


# The sub-scores, and every score a match result carries (0-100), in the order tables and exports show them: the one
# list the store, the exports, the decision log, the pages and the CLI read.
SUB_SCORES = ("skills_score", "experience_score", "education_score", "keyword_score")
SCORE_FIELDS = ("overall_score", "confidence_score", *SUB_SCORES)


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
