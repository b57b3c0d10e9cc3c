"""The explanation of a match written for the candidate (EU AI Act Art. 86): each requirement of the job with the
resume line used as evidence, and how the score was made, part by part, in plain words (`data/score_parts.json`).

It is built from the one match alone (its scores, requirement table and gaps): it can hold no other candidate's data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources

from pydantic import BaseModel

from jobfit.matching.models import MatchAnalysis, SkillGap

_WORDING = json.loads(resources.files("jobfit.matching").joinpath("data", "score_parts.json").read_text())


class ExplainedRequirement(BaseModel):
    requirement: str
    importance: str  # required | preferred
    status: str  # met | partial | missing
    status_text: str
    evidence: str | None  # the resume line the score used
    line: int | None  # its line number in the resume's text


class ScorePart(BaseModel):
    name: str
    label: str
    what: str  # what the part measures, in plain words
    score: float | None  # 0-100; None: no signal for this pair (its weight went to the other parts)
    weight: float  # its share of the overall score, 0-1
    points: float  # what it added to the overall score (score x weight)


class CandidateExplanation(BaseModel):
    job_title: str
    company: str | None
    overall_score: float
    algorithm_version: str | None
    summary: str
    requirements: list[ExplainedRequirement]
    shown: int  # requirements shown in the resume
    partly_shown: int
    not_found: int
    score_parts: list[ScorePart]
    how_scored: list[str]
    missing_skills: list[str]


def explain_to_candidate(overall_score: float, analysis: MatchAnalysis, gaps: Sequence[SkillGap], *,
                         algorithm_version: str | None, job_title: str, company: str | None) -> CandidateExplanation:
    parts_text = _WORDING["parts"]
    requirements = [ExplainedRequirement(requirement=r.requirement, importance=r.importance, status=r.status,
                                         status_text=_WORDING["status"][r.status], evidence=r.evidence, line=r.line)
                    for r in analysis.requirements]
    names = list(dict.fromkeys([*parts_text, *analysis.weights, *analysis.component_scores]))
    parts = []
    for name in names:
        weight = analysis.weights.get(name, 0.0)
        score = analysis.component_scores.get(name)
        if not weight and score is None:
            continue
        text = parts_text.get(name, {"label": name.replace("_", " ").capitalize(), "what": ""})
        parts.append(ScorePart(name=name, label=text["label"], what=text["what"], score=score, weight=weight,
                               points=round((score or 0.0) * weight, 2)))
    parts.sort(key=lambda p: -p.weight)
    return CandidateExplanation(
        job_title=job_title, company=company, overall_score=overall_score, algorithm_version=algorithm_version,
        summary=analysis.summary, requirements=requirements,
        shown=sum(r.status == "met" for r in requirements),
        partly_shown=sum(r.status == "partial" for r in requirements),
        not_found=sum(r.status == "missing" for r in requirements), score_parts=parts,
        how_scored=[line.format(algorithm_version=algorithm_version or "unknown") for line in _WORDING["how_scored"]],
        missing_skills=[g.skill for g in gaps])
