"""Typed values of the suggestions core: one `Suggestion` (the seed's `ai_suggestions` fields) and the
`SuggestionSet` a generation run returns.

An edit is carried by `original_text`, `suggested_text` and `line_number` (1-based into
`resume.text_content.split("\\n")`): a non-empty `original_text` is replaced on that line; an empty one means
"insert `suggested_text` as new line(s) after `line_number`". A suggestion without `suggested_text` is advice
only (nothing to apply, measured impact 0).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SuggestionType = Literal["keyword", "skills", "experience", "format", "content"]
Category = Literal["high_impact", "medium_impact", "low_impact"]
Effort = Literal["low", "medium", "high"]

RULES_GENERATOR = "jobfit-rules/1.0"


class Suggestion(BaseModel):
    """One improvement to a resume for one job, pointing at a real line where it applies."""

    suggestion_type: SuggestionType
    category: Category = "low_impact"
    title: str
    description: str
    original_text: str | None = None
    suggested_text: str | None = None
    section_name: str | None = None
    line_number: int | None = Field(default=None, ge=0)  # 0 = insert before the first line
    priority: int = Field(default=3, ge=1, le=5)  # 1 highest
    impact_score: float = 0.0  # measured change of overall_score, in points
    effort_estimate: Effort = "low"
    ai_confidence: float = Field(default=50.0, ge=0.0, le=100.0)
    generated_by: str = RULES_GENERATOR
    # True when the suggestion only holds if the candidate confirms it ("If you have used Kubernetes, ...");
    # only conditional suggestions may name a skill the resume does not show (see guard.py).
    conditional: bool = False

    @property
    def is_edit(self) -> bool:
        return bool(self.suggested_text) and self.line_number is not None

    def edit_key(self) -> tuple[int | None, str, str]:
        return self.line_number, self.original_text or "", self.suggested_text or ""


class SuggestionSet(BaseModel):
    """Suggestions for one match, best first, with what the truth guard dropped and any warnings."""

    suggestions: list[Suggestion] = Field(default_factory=list)
    dropped_by_guard: int = 0
    warnings: list[str] = Field(default_factory=list)
    generation_ms: float = 0.0
