"""Score one resume against one job: the matching engine's entry point.

`score_match` redacts the resume, indexes it, turns the job into requirements, finds evidence for each,
computes sub-scores, overall and confidence scores, and explains them. It is pure and deterministic
(except `processing_time_ms`). `prepare_resume`/`prepare_job` let ranking reuse the per-document work.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.base import Vectors
from jobfit.matching import background, explain, scores
from jobfit.matching.counts import requirement_counts
from jobfit.matching.evidence import (
    Assessment,
    Meaning,
    Search,
    SearchOutcome,
    agree_with_siblings,
    compile_search,
    doc_length,
    evaluate_skill,
    explain_skill,
    narrower_siblings,
)
from jobfit.matching.keywords import asking_text, is_search_term
from jobfit.matching.meaning import JobMeaning, Thresholds, job_meaning, requirement_statements
from jobfit.matching.models import KeywordCount, MatchAnalysis, MatchResult, OverallPart
from jobfit.matching.profile import ResumeProfile
from jobfit.matching.relations import SkillRelations, default_relations, neighbourhood
from jobfit.matching.requirements import Requirement, extract_requirements
from jobfit.matching.specificity import tfidf_query
from jobfit.matching.text import content_tokens, titled
from jobfit.redaction import redact_resume


@dataclass(frozen=True)
class PreparedJob:
    job: ParsedJob
    requirements: tuple[Requirement, ...]
    seniority: int | None
    relevance: tuple[dict[str, float], dict[str, int]]  # `explain.job_relevance` of the requirements
    # Per requirement: its weight in the skills sub-score (None: not a skill) and in the keyword sub-score
    # (None: no terms), computed once for all the resumes the job is scored against.
    weights: tuple[tuple[float | None, float | None], ...]
    # `specificity.tfidf_query` of the job's title and text (without perks and legal lines), for the lexical
    # component.
    terms: Mapping[str, float]
    # Which skill/keyword requirements (by position) a resume word or taxonomy skill id can possibly meet:
    # a requirement reached by neither of a resume's words nor its skills is missing without a search.
    by_term: Mapping[str, tuple[int, ...]]
    by_skill: Mapping[str, tuple[int, ...]]
    # Per requirement: its compiled evidence search (`evidence.compile_search`), None when not a skill/keyword.
    searches: tuple[Search | None, ...]
    # Per requirement: the text its meaning is judged in (`meaning.requirement_contexts`), None when not searched.
    contexts: tuple[str | None, ...] = ()
    # The job's side of the meaning check (thresholds, context vectors), attached by `with_meaning`; None: no check.
    meaning: JobMeaning | None = None
    # Per requirement: the positions of its narrower siblings (`evidence.narrower_siblings`), whose status it
    # agrees with (`evidence.agree_with_siblings`).
    narrower: tuple[tuple[int, ...], ...] = ()

    def with_meaning(self, vectors: Mapping[str, np.ndarray], thresholds: Thresholds | None) -> PreparedJob:
        """This job with its requirement context vectors (by `meaning.context_key`, e.g. the job's stored
        vectors) and the embedder's thresholds attached: resumes with statement vectors are then checked."""
        return dataclasses.replace(self, meaning=job_meaning(self.contexts, vectors, thresholds))


def prepare_resume(resume: ParsedResume) -> ResumeProfile:
    """Redact and index a resume once; reuse the profile for many jobs."""
    return ResumeProfile.build(redact_resume(resume))


def prepare_job(job: ParsedJob, relations: SkillRelations | None = None) -> PreparedJob:
    """Extract a job's requirements (with their taxonomy neighbours) once; reuse them for many resumes.

    `relations` defaults to the project's skills taxonomy.
    """
    relations = _relations(relations)
    requirements = extract_requirements(job)
    if relations is not None:
        for req in requirements:
            if req.kind == "skill" and req.skill_id is not None:
                req.related = neighbourhood(relations, req.skill_id)
    contexts, asked = requirement_statements(job, requirements)
    searches = tuple(compile_search(r, c, a) if r.kind in _SEARCHED else None
                     for r, c, a in zip(requirements, contexts, asked, strict=True))
    return PreparedJob(
        job=job,
        requirements=tuple(requirements),
        seniority=background.job_seniority(job.experience_level, job.title, job.min_years),
        relevance=explain.job_relevance(requirements),
        weights=_weights(requirements),
        terms=tfidf_query(content_tokens(titled(job.title, asking_text(job)))),
        by_term=_triggers((i, t) for i, search in enumerate(searches) if search is not None  # every form's words
                          for _, words in search.forms for t in words),
        by_skill=_triggers((i, s) for i, search in enumerate(searches) if search is not None for s in search.skills),
        searches=searches,
        contexts=contexts,
        narrower=narrower_siblings(requirements),
    )


_SEARCHED = ("skill", "keyword")  # requirement kinds met by evidence lines (`evidence.evaluate_skill`)
_MISSING: SearchOutcome = (None, "missing", 0.0, 0)


def _triggers(pairs: Iterable[tuple[int, str]]) -> dict[str, tuple[int, ...]]:
    """key -> the positions of the requirements it can meet (`PreparedJob.by_term` / `by_skill`)."""
    out: dict[str, set[int]] = {}
    for position, key in pairs:
        out.setdefault(key, set()).add(position)
    return {key: tuple(sorted(positions)) for key, positions in out.items()}


def _reachable(profile: ResumeProfile, prepared: PreparedJob) -> set[int]:
    """Positions of the skill/keyword requirements that a word or a taxonomy skill of the resume can meet.

    Every other one is missing: `evaluate_skill` only ever finds evidence through the requirement's words
    (or an alias's) in the resume's index, or through its skill and taxonomy neighbours among the mentions, or
    (a field of study) through a degree's name.
    """
    reachable: set[int] = set()
    by_term, by_skill = prepared.by_term, prepared.by_skill
    for term in by_term.keys() & profile.index.vocabulary:
        reachable.update(by_term[term])
    for skill_id in by_skill.keys() & profile.skills.keys():
        reachable.update(by_skill[skill_id])
    if profile.degrees:  # a field of study is also named by a degree's name, which the index blanks
        reachable.update(i for i, search in enumerate(prepared.searches) if search is not None and search.field_like)
    return reachable


def _weights(requirements: Sequence[Requirement]) -> tuple[tuple[float | None, float | None], ...]:
    """`PreparedJob.weights`: each requirement's (skills sub-score weight, keyword sub-score weight)."""
    return tuple(
        (
            scores.skill_weight(req) if req.kind == "skill" else None,
            scores.keyword_weight(req) if _is_keyword(req) else None,
        )
        for req in requirements
    )


def _is_keyword(req: Requirement) -> bool:
    """Whether a requirement is one of the ad's keywords (listed and in the keyword sub-score): a skill or salient
    phrase with terms, and a search term, not a whole field of work alone ("Programming")."""
    return req.kind in ("skill", "keyword") and bool(req.terms) and is_search_term(req.label)


def _relations(relations: SkillRelations | None) -> SkillRelations | None:
    if relations is not None:
        return relations
    try:
        return default_relations()
    except ImportError:  # the skills package is not importable: match on words only
        return None


def _assess_background(profile: ResumeProfile, req: Requirement) -> Assessment:
    if req.kind == "eligibility":
        return background.assess_eligibility(req)  # listed for a person to check, never scored
    if req.kind == "experience":
        return background.assess_years(profile, req)
    if req.kind == "education":
        return background.assess_education(profile, req)
    return background.assess_title(profile, req)


@dataclass
class ScoredPair:
    """A resume scored against a prepared job, numbers only: what ranking keeps for every candidate.

    `entries` has one per requirement: a skill or keyword requirement's `SearchOutcome` (numbers and winning
    evidence line), an experience, title or education requirement's full `Assessment` (a few per job).
    `components` are the sub-scores, computed once here; `explain_evaluated` explains these same values.
    """

    profile: ResumeProfile
    prepared: PreparedJob
    entries: list[SearchOutcome | Assessment]
    components: dict[str, float | None]  # `_components`: the sub-scores overall_score is made of
    weights: dict[str, float]  # the renormalised weight of each component in overall_score (`scores.overall`)
    overall: float  # the weighted mean of the components, unrounded (the summary's "Overall match N/100")
    overall_score: float  # `overall` as reported and ranked: clamped to 0-100, rounded to 2 decimals
    section_scores: dict[str, float]


def evaluate(profile: ResumeProfile, prepared: PreparedJob, *, resume_vectors: Vectors | None = None,
             job_vectors: Vectors | None = None) -> ScoredPair:
    """Score a prepared pair numerically (what ranking does for every candidate); `explain` it if needed."""
    skill_pairs: list[tuple[int | None, tuple[float, float]]] = []
    keyword_pairs: list[tuple[int | None, tuple[float, float]]] = []
    background_scores: dict[str, float] = {}
    entries: list[SearchOutcome | Assessment] = []
    saturation = scores.keyword_saturation(doc_length(profile))
    reachable = _reachable(profile, prepared)
    similarities = _similarities(profile, prepared.meaning)
    # a requirement no word or skill reaches can only be met by a paraphrase: one at or above the threshold
    paraphrased = _paraphrased(similarities, prepared.meaning)
    columns = similarities.T.tolist() if similarities is not None else None  # plain floats: read one by one
    outcomes: list[SearchOutcome] = []
    for position, (req, search) in enumerate(zip(prepared.requirements, prepared.searches, strict=True)):
        if search is not None and (
            position in reachable or (search.by_meaning and paraphrased is not None and paraphrased[position])
        ):
            outcomes.append(evaluate_skill(profile, req, search, _meaning(columns, prepared.meaning, position)))
        else:
            outcomes.append(_MISSING)
    if prepared.narrower:
        agree_with_siblings(outcomes, prepared.narrower)
    for req, (skill_weight, keyword_weight), search, outcome in zip(
        prepared.requirements, prepared.weights, prepared.searches, outcomes, strict=True
    ):
        if search is not None:
            entries.append(outcome)
            _, _, score, occurrences = outcome
            if skill_weight is not None:
                skill_pairs.append((req.group, (score, skill_weight)))
            if keyword_weight is not None:
                keyword_pairs.append((req.group, (scores.keyword_credit(occurrences, 0, saturation), keyword_weight)))
        else:
            assessment = _assess_background(profile, req)
            entries.append(assessment)
            background_scores.setdefault(req.kind, assessment.result.score)
    section_scores, semantic = scores.score_sections(resume_vectors, job_vectors)
    lexical = scores.score_lexical(prepared.terms, profile.index.counts_of(prepared.terms), profile.lexical_norm)
    components = _components(profile, prepared, scores.group_percent(skill_pairs),
                             scores.group_percent(keyword_pairs), background_scores, lexical, semantic)
    overall, weights = scores.overall(components)
    return ScoredPair(profile, prepared, entries, components, weights, overall, _pct(overall, 0.0), section_scores)


def _checked(profile: ResumeProfile, meaning: JobMeaning | None) -> bool:
    """Whether the pair's evidence is checked by meaning: both sides have vectors of one size."""
    vectors = profile.statement_vectors
    return meaning is not None and vectors is not None and vectors.shape[1:] == meaning.columns.shape[:1]


def _similarities(profile: ResumeProfile, meaning: JobMeaning | None) -> np.ndarray | None:
    """Cosines of every statement (rows) with every requirement in context (columns); None without a check."""
    if not _checked(profile, meaning):
        return None
    assert meaning is not None and profile.statement_vectors is not None
    return np.dot(profile.statement_vectors, meaning.columns)


def _paraphrased(similarities: np.ndarray | None, meaning: JobMeaning | None) -> list[bool] | None:
    """Per requirement, whether some statement reaches the paraphrase threshold (None without a check)."""
    if similarities is None or meaning is None or not len(similarities):
        return None
    return (similarities.max(axis=0) >= meaning.thresholds.paraphrase).tolist()


def _meaning(columns: list[list[float]] | None, meaning: JobMeaning | None, position: int) -> Meaning:
    """The meaning check of the requirement at `position`: its statements' cosines and the thresholds."""
    if columns is None or meaning is None or not meaning.present[position]:
        return None
    return columns[position], meaning.thresholds


def _components(
    profile: ResumeProfile,
    prepared: PreparedJob,
    skills_score: float | None,
    keyword_score: float | None,
    background_scores: dict[str, float],
    lexical: float | None,
    semantic: float | None,
) -> dict[str, float | None]:
    """The sub-scores of a pair: the components of `overall_score`.

    `background_scores` holds the score (0-1) of the first experience/title/education requirement.
    """
    have_level, _ = background.resume_seniority(profile)
    seniority = (
        background.seniority_fit(prepared.seniority, have_level) if prepared.seniority is not None else None
    )
    experience_score = scores.score_experience(
        background_scores.get("experience"), background_scores.get("title"), seniority
    )
    education = background_scores.get("education")
    education_score = 100.0 * education if education is not None else None
    return {
        "skills": skills_score,
        "experience": experience_score,
        "education": education_score,
        "keywords": keyword_score,
        "lexical": lexical,
        "semantic": semantic,
    }


def _pct(value: float | None, default: float) -> float:
    return round(max(0.0, min(100.0, default if value is None else value)), 2)


def score_prepared(profile: ResumeProfile, prepared: PreparedJob, *, resume_vectors: Vectors | None = None,
                   job_vectors: Vectors | None = None) -> MatchResult:
    """Score a prepared resume against a prepared job (see `score_match`)."""
    started = time.perf_counter()
    return explain_evaluated(
        evaluate(profile, prepared, resume_vectors=resume_vectors, job_vectors=job_vectors), started
    )


def explain_evaluated(pair: ScoredPair, started: float | None = None) -> MatchResult:
    """The full `MatchResult` of an `evaluate`d pair: requirement rows with evidence, summary, gaps, strengths.

    Its sub-scores, weights and `overall_score` are the pair's own (`pair.components`), not computed again.
    """
    started = time.perf_counter() if started is None else started
    profile, prepared, components = pair.profile, pair.prepared, pair.components
    assessments = [
        explain_skill(profile, req, entry) if isinstance(entry, tuple) else entry
        for req, entry in zip(prepared.requirements, pair.entries, strict=True)
    ]
    rows = explain.one_per_group(assessments)  # a list of alternatives is one requirement
    present = [float(v) for v in components.values() if v is not None]
    n_concrete = sum(1 for a in rows if a.requirement.kind in ("skill", "experience", "education"))
    confidence_score, confidence_parts = scores.confidence(profile.parse_quality, n_concrete, present)

    keywords = [
        KeywordCount(
            term=a.requirement.label,
            count_in_job=a.requirement.count_in_job,
            count_in_resume=a.occurrences,
        )
        for a in assessments
        if _is_keyword(a.requirement)
    ]
    results = [a.result for a in rows]
    checked = _checked(profile, prepared.meaning)
    analysis = MatchAnalysis(
        summary=explain.summary(rows, pair.overall, confidence_score, components["semantic"] is not None, checked),
        requirements=results,
        keywords=keywords,
        weights=pair.weights,
        component_scores={k: round(v, 2) for k, v in components.items() if v is not None},
        confidence_parts=confidence_parts,
        overall_parts=[
            OverallPart(name=name, value=None if value is None else round(value, 2), weight=pair.weights[name],
                        points=round(pair.weights[name] * (value or 0.0), 2))
            for name, value in components.items()
        ],
        counts=requirement_counts(results),
        meaning_checked=checked,
    )

    return MatchResult(
        overall_score=pair.overall_score,
        confidence_score=_pct(confidence_score, 0.0),
        skills_score=_pct(components["skills"], 0.0),
        experience_score=_pct(components["experience"], 0.0),
        education_score=_pct(components["education"], 100.0),
        keyword_score=_pct(components["keywords"], 0.0),
        section_scores=pair.section_scores,
        match_analysis=analysis,
        skill_gaps=explain.skill_gaps(rows),
        strengths=explain.strengths(rows, profile, prepared.relevance),
        processing_time_ms=round((time.perf_counter() - started) * 1000),
        algorithm_version=scores.ALGORITHM_VERSION,
    )


def score_match(resume: ParsedResume, job: ParsedJob, *, resume_vectors: Vectors | None = None,
                job_vectors: Vectors | None = None, relations: SkillRelations | None = None) -> MatchResult:
    """Score one resume against one job.

    Vectors are keyed by embedding type ("full_text", "section_experience", ...); without them the
    semantic component is left out and the other weights renormalised (see `match_analysis.weights`).
    `relations` defaults to the project's skills taxonomy.
    """
    started = time.perf_counter()
    result = score_prepared(
        prepare_resume(resume), prepare_job(job, relations),
        resume_vectors=resume_vectors, job_vectors=job_vectors,
    )
    result.processing_time_ms = round((time.perf_counter() - started) * 1000)
    return result
