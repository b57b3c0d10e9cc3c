"""Sub-scores (0-100), the overall score and the confidence score.

- skills_score: weighted mean of skill-requirement scores; a requirement weighs (required x1.0, preferred
  x0.4, soft skills at half weight) x its specificity (mean background idf of its words, `specificity.py`).
  Each earns match quality (exact/alias 1.0, taxonomy child 0.85, parent 0.6, related 0.5, most words 0.8 x
  share) times where it was found (section x recency, `profile.py`). A list of alternatives in the ad
  ("Python, Ruby or Java", `requirements.py`) counts once, by its best member (also in keyword_score).
- experience_score: years vs the minimum (0.45), relevance of past titles to the job title (0.35), seniority
  fit (0.20); parts the job does not specify are left out and the rest renormalised.
- education_score: degree level (0.6) and field (0.4) against the job's; left out when the job asks for none.
- keyword_score: BM25-style coverage of the job's salient terms found verbatim (k1 2.0, b 0.75, average
  length 400 content words), weighted by specificity x importance.
- lexical (component): TF-IDF cosine of the whole resume and the ad's title and text without perks and legal
  lines (`text.titled`), with a shipped background idf (a pair is scored alone), mapped as
  100 x sqrt(min(1, cosine / 0.3)).
- semantic (component): share-weighted mean of 100 x cosine of resume vectors with job vectors, the pairs and
  shares in `SEMANTIC_PARTS`. `section_scores` shows the per-section similarities as information.

overall_score is the weighted mean of the components present, with the weights in `data/weights.json`,
learned by `bench/fit_weights.py` (non-negative, fitted pairwise on every local labelled set, pulled towards
equal weights on standardised components, and chosen by leave-one-source-out quality; a component without
out-of-sample signal has weight 0 and stays visible in `match_analysis.component_scores`, except the skills part,
which the requirement evidence makes and which always keeps a weight). The fit, its
figures and the variants tried are in BENCHMARKS.md. Change ALGORITHM_VERSION, and refit, whenever anything
here (or in evidence/profile/requirements) changes a score.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources

import numpy as np

from jobfit.embeddings.chunks import FULL_TEXT, REQUIREMENTS_DIGEST
from jobfit.matching.requirements import Requirement
from jobfit.matching.specificity import tf_weight

ALGORITHM_VERSION = "3.2.0"


def _learned_model() -> dict:
    """The fitted weights shipped with this algorithm version (`bench/fit_weights.py --write`)."""
    model = json.loads(resources.files("jobfit.matching").joinpath("data", "weights.json").read_text())
    if model.get("algorithm_version") != ALGORITHM_VERSION:
        raise RuntimeError(f"matching/data/weights.json is for algorithm {model.get('algorithm_version')}, "
                           f"not {ALGORITHM_VERSION}: refit with bench/fit_weights.py --write")
    return model


_MODEL = _learned_model()
# Weights of the components in overall_score (renormalised over the components present); 0 = no weight.
OVERALL_WEIGHTS: dict[str, float] = {
    name: float(_MODEL["weights"].get(name, 0.0))
    for name in ("skills", "experience", "education", "keywords", "lexical", "semantic")
}
# The semantic component: (resume embedding type, job embedding types tried in order, share) per part.
SEMANTIC_PARTS: tuple[tuple[str, tuple[str, ...], float], ...] = tuple(
    (part["resume"], tuple(part["job"]), float(part["share"])) for part in _MODEL["semantic_parts"]
)
# The lexical component maps the TF-IDF cosine of the whole texts from [0, LEXICAL_CEILING] onto 0-1, then
# takes the square root: whole-document cosines are small (unrelated pairs near 0.01, close ones 0.15-0.3),
# and the root spreads the low range instead of crushing it near 0.
LEXICAL_CEILING = 0.3
EXPERIENCE_PARTS: dict[str, float] = {"years": 0.45, "title": 0.35, "seniority": 0.20}
EDUCATION_PARTS: dict[str, float] = {"level": 0.6, "field": 0.4}
KEYWORD_WEIGHT = {"required": 1.0, "preferred": 0.5}
# BM25 saturation and length normalisation of the keyword score (see the module docstring).
KEYWORD_K1 = 2.0
KEYWORD_B = 0.75
KEYWORD_AVG_LENGTH = 400

# The similarities shown as `section_scores`: which job vector each resume vector is compared with (first
# present wins). Information only: the score reads `SEMANTIC_PARTS`.
SECTION_PAIRS: dict[str, tuple[str, tuple[str, ...]]] = {
    "overall": ("full_text", ("full_text",)),
    "experience": ("section_experience", ("section_responsibilities", "full_text")),
    "skills": ("section_skills", ("section_requirements", "full_text")),
    "summary": ("section_summary", ("section_summary", "full_text")),
    "projects": ("section_projects", ("section_requirements", "full_text")),
    # the whole resume vs the job's title and asked-for skills (`pipeline.requirements_digest`)
    "requirements": (FULL_TEXT, (REQUIREMENTS_DIGEST,)),
}


def _first(vectors: Mapping[str, np.ndarray], kinds: Sequence[str]) -> np.ndarray | None:
    return next((vectors[k] for k in kinds if k in vectors), None)


def full_text_query(job_vectors: Mapping[str, np.ndarray]) -> np.ndarray | None:
    """The job vector whose cosine with a resume's full-text vector orders resumes by the full-text parts of the
    semantic component: the share-weighted sum of those parts' job vectors, each of unit length. k-NN over the
    resumes' full-text vectors with it finds the candidates ranking re-scores. None without any of them."""
    total: np.ndarray | None = None
    for resume_kind, job_kinds, share in SEMANTIC_PARTS:
        vector = _first(job_vectors, job_kinds)
        if resume_kind != "full_text" or vector is None or share <= 0:
            continue
        v = np.asarray(vector, dtype=np.float64)
        norm = float(np.linalg.norm(v))
        if norm > 0:
            total = share * v / norm if total is None else total + share * v / norm
    return None if total is None else total.astype(np.float32)


def resume_vector_kinds() -> tuple[str, ...]:
    """The resume embedding types `score_sections` reads (the others need not be loaded for scoring)."""
    return tuple(dict.fromkeys((*(r for r, _, _ in SEMANTIC_PARTS), *(r for r, _ in SECTION_PAIRS.values()))))


def job_vector_kinds() -> tuple[str, ...]:
    """The job embedding types `score_sections` reads."""
    return tuple(dict.fromkeys((*(k for _, kinds, _ in SEMANTIC_PARTS for k in kinds),
                                *(k for _, kinds in SECTION_PAIRS.values() for k in kinds))))


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """sum(w x s) / sum(w) over (score, weight) pairs, None when there is no weight."""
    total = sum(w for _, w in pairs)
    if total <= 0:
        return None
    return sum(s * w for s, w in pairs) / total


def skill_weight(requirement: Requirement) -> float:
    """A skill requirement's weight inside the skills sub-score."""
    return requirement.weight * requirement.specificity


def keyword_saturation(doc_length: int) -> float:
    """BM25's k1 x length normalisation for a resume of `doc_length` content words."""
    return KEYWORD_K1 * (1.0 - KEYWORD_B + KEYWORD_B * (max(doc_length, 1) / KEYWORD_AVG_LENGTH))


def keyword_credit(occurrences: int, doc_length: int, saturation: float | None = None) -> float:
    """BM25 term-frequency credit in 0-1: 0 when absent, rising and saturating with repetition.

    `saturation` may pass `keyword_saturation(doc_length)` when the caller scores many terms of one resume.
    """
    if occurrences <= 0:
        return 0.0
    return occurrences / (occurrences + (keyword_saturation(doc_length) if saturation is None else saturation))


def keyword_weight(requirement: Requirement) -> float:
    """A salient term's weight inside the keyword sub-score."""
    return KEYWORD_WEIGHT[requirement.importance] * requirement.specificity


def score_lexical(job_query: Mapping[str, float], counts: Mapping[str, int], resume_norm: float) -> float | None:
    """Whole-text lexical similarity 0-100: TF-IDF cosine of the resume and the job (`specificity`).

    `job_query` is `specificity.tfidf_query` of the job's terms, `counts` the resume's term counts and
    `resume_norm` its `specificity.tfidf_norm`. None when either text has no terms (the component is then
    left out).
    """
    if not job_query or resume_norm <= 0.0:
        return None
    # in the job's term order, so the float sum never depends on set iteration order
    dot = sum(w * tf_weight(counts[t]) for t, w in job_query.items() if t in counts)
    similarity = dot / resume_norm
    return 100.0 * math.sqrt(min(1.0, max(0.0, similarity) / LEXICAL_CEILING))


def percent(pairs: Sequence[tuple[float, float]]) -> float | None:
    """100 x `weighted_mean(pairs)`, None when there is no weight."""
    mean = weighted_mean(pairs)
    return None if mean is None else 100.0 * mean


def group_percent(items: Sequence[tuple[int | None, tuple[float, float]]]) -> float | None:
    """`percent` of (group, (score, weight)) items, each group of alternatives counted once.

    A group (a list of alternatives, `Requirement.group`) earns its best member's score at its members' mean
    weight; ungrouped items count as they are.
    """
    pairs = [pair for group, pair in items if group is None]
    groups: dict[int, list[tuple[float, float]]] = {}
    for group, pair in items:
        if group is not None:
            groups.setdefault(group, []).append(pair)
    for members in groups.values():
        pairs.append((max(s for s, _ in members), sum(w for _, w in members) / len(members)))
    return percent(pairs)


def score_experience(
    years: float | None, title: float | None, seniority: float | None
) -> float | None:
    parts = {"years": years, "title": title, "seniority": seniority}
    mean = weighted_mean([(v, EXPERIENCE_PARTS[k]) for k, v in parts.items() if v is not None])
    return None if mean is None else 100.0 * mean


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    na = float(np.dot(a, a))
    nb = float(np.dot(b, b))
    if na <= 0.0 or nb <= 0.0:
        return 0.0
    return float(np.dot(a, b)) / math.sqrt(na * nb)


def score_sections(
    resume_vectors: Mapping[str, np.ndarray] | None, job_vectors: Mapping[str, np.ndarray] | None
) -> tuple[dict[str, float], float | None]:
    """Per-section cosine x 100 (`SECTION_PAIRS`) and the semantic component (`SEMANTIC_PARTS`), if any vectors."""
    if not resume_vectors or not job_vectors:
        return {}, None
    out: dict[str, float] = {}
    for name, (resume_key, job_keys) in SECTION_PAIRS.items():
        rv, jv = resume_vectors.get(resume_key), _first(job_vectors, job_keys)
        if rv is not None and jv is not None:
            out[name] = round(100.0 * max(0.0, cosine(np.asarray(rv), np.asarray(jv))), 2)
    pairs = []
    for resume_kind, job_kinds, share in SEMANTIC_PARTS:
        rv, jv = resume_vectors.get(resume_kind), _first(job_vectors, job_kinds)
        if rv is not None and jv is not None and share > 0:
            pairs.append((100.0 * max(0.0, cosine(np.asarray(rv), np.asarray(jv))), share))
    return out, weighted_mean(pairs)


def overall(components: Mapping[str, float | None]) -> tuple[float, dict[str, float]]:
    """Overall score and the renormalised weights actually applied (0 for a missing component)."""
    present = {k: v for k, v in components.items() if v is not None and OVERALL_WEIGHTS.get(k, 0) > 0}
    total = sum(OVERALL_WEIGHTS[k] for k in present)
    weights = {k: (OVERALL_WEIGHTS[k] / total if k in present and total else 0.0) for k in OVERALL_WEIGHTS}
    score = sum(weights[k] * float(v) for k, v in present.items())
    return score, {k: round(w, 4) for k, w in weights.items()}


def _pstdev(values: Sequence[float]) -> float:
    """Population standard deviation in plain floats (`statistics.pstdev` works in exact fractions: slow)."""
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def confidence(
    parse_quality: float | None, n_requirements: int, subscores: Sequence[float]
) -> tuple[float, dict[str, float]]:
    """Confidence 0-100 from parse quality (0.4), job specificity (0.35) and sub-score agreement (0.25).

    Specificity reaches 1 at 8 concrete requirements (skills, years, degree); agreement is 1 minus the
    spread (population stdev / 40) of the sub-scores; unknown parse quality counts as 0.5.
    """
    parse = 0.5 if parse_quality is None else max(0.0, min(1.0, parse_quality / 100.0))
    specificity = min(1.0, n_requirements / 8.0)
    spread = _pstdev(subscores) if len(subscores) >= 2 else 20.0
    agreement = max(0.0, 1.0 - spread / 40.0)
    parts = {"parse_quality": parse, "job_specificity": specificity, "agreement": agreement}
    value = 100.0 * (0.4 * parse + 0.35 * specificity + 0.25 * agreement)
    return value, {k: round(v, 3) for k, v in parts.items()}
