"""Sub-scores (0-100), the overall score and the confidence score, with their documented weights.

- skills_score: weighted mean of skill-requirement scores; a requirement weighs (required x1.0, preferred
  x0.4, soft skills at half weight) x its specificity (mean background idf of its words, see
  `specificity.py`), so "hibernate" counts about three times "communication". Each requirement earns
  match quality (exact/alias 1.0, taxonomy child 0.85, parent 0.6, related 0.5, most words 0.8 x share)
  times where it was found (section x recency, see `profile.py`), with a little credit for repeated use.
  A list of alternatives in the ad ("languages such as Python, Ruby or Java", see `requirements.py`)
  counts once: its best member's score at its members' mean weight (also in keyword_score).
- experience_score: years vs the minimum (weight 0.45), relevance of past titles to the job title (0.35),
  seniority fit (0.20); parts the job does not specify are left out and the rest renormalised.
- education_score: degree level (0.6) and field (0.4) against the job's; 100 with zero weight when the
  job asks for none.
- keyword_score: BM25-style coverage of the job's salient terms (skills and keywords) found verbatim:
  each term earns tf / (tf + k1 x (1 - b + b x length / avg_length)) of its weight
  (specificity x 1.0 required / 0.5 preferred), so repetition saturates and long resumes do not win by
  bulk (k1 2.0, b 0.75, avg_length 400 content words).
- lexical (component only): TF-IDF cosine of the whole redacted resume and the job text (without its
  Benefits/About sections and equal-opportunity or perks lines, `keywords.asking_text`), both
  weighted (1 + ln tf) x background idf (`specificity.tfidf_vector`: no pool statistics, a pair is scored
  alone), mapped as 100 x sqrt(min(1, cosine / 0.3)).
- section_scores: cosine similarity x 100 of resume section vectors to job vectors (input, optional),
  including `requirements` (the whole resume vs the job's title + asked-for skills); the semantic
  component is their weighted mean (SECTION_PAIRS) after mapping cosine [0.2, 0.8] onto 0-100.

overall_score = sum(weight x sub-score) over the components that have a signal, weights renormalised:
skills 0.20, experience 0.10, education 0.10 (only when the job asks for a degree), keywords 0.10,
lexical 0.20 (when both texts have content words), semantic 0.40 (only with vectors).

Evidence for 1.2.0 (bench/quality.py; FERR = mean per-(HR, JD) Spearman vs HR ratings, AP = category
retrieval mean AP on livecareer / kaggle, RM = Resume-Matcher samples ranked first), before -> after: FERR
0.333 -> 0.341 (NDCG@5 0.671 -> 0.679, pairwise 0.600 -> 0.638), livecareer 0.506 -> 0.514, kaggle 0.814 ->
0.826, RM 3/4 -> 4/4; without vectors FERR 0.220 -> 0.235, livecareer 0.493 -> 0.519, kaggle 0.795 -> 0.836.
TF-IDF over the pool wins category retrieval, and the whole-text lexical similarity is the part of it a
single pair can compute; alone it scores FERR 0.20, livecareer 0.48, kaggle 0.83, RM 4/4. Weights chosen
on a coarse grid (skills 0.1/0.2/0.35, experience 0/0.1/0.15, keywords 0/0.1, semantic 0.2/0.4, lexical
0/0.2/0.4/0.6) as a setting that gains on every benchmark at once; its +-0.05 neighbours stay within FERR
0.31-0.34, livecareer 0.51-0.52, kaggle 0.82-0.83. More skills weight favours FERR, more lexical weight
favours retrieval. The FERR differences are within noise (groups of 7-10 resumes): the case rests on
retrieval and on full job ads, where grouping alternatives turned RM's full-stack ad (5 languages "such as
Python, Ruby, Java, PHP, and .Net" had all counted as required) from rank 2 to rank 1. Tried and not kept:
per-requirement embedding credit for unmatched skills (best resume line by WordLlama; no gain on any
benchmark, and a vector per resume line), other semantic section shares and cosine ranges, a geometric
mean, BM25 coverage of the job's words instead of the cosine. Per-pair cost: one sparse dot product
(the resume's vector is built once per profile, the job's once per job).
1.2.1: equal-opportunity, legal and benefits sentences of an ad no longer yield requirements or keywords
("In accordance with applicable law ... mental health ..." had made Law and Mental health required skills of
a Java job). No change on the benchmarks above, whose ads hold no such text.
1.3.0: the semantic component also compares the whole resume with the job's requirements digest (title +
asked-for skills, `pipeline.requirements_digest`; section score `requirements`, half of the semantic
component when present). Measured on a new check closest to real use - 53 real full-text SkillSpan ads,
each ranking the 166 kaggle resumes whose category its title names (rule fixed in bench/quality.py before
scoring): mean AP 0.225 -> 0.315 (the ad's own vector alone: 0.162; TF-IDF 0.147; the lexical component
now also reads the ad without its perks and legal lines, 0.309 -> 0.315). Kaggle 0.826 -> 0.834,
livecareer 0.514 -> 0.514, Resume-Matcher 4/4; FERR Spearman 0.341 -> 0.323 (NDCG@5 0.679 -> 0.656,
pairwise 0.638 -> 0.590), within FERR's noise (+-0.04) but a cost: its JDs are bare skill lists already.
Change ALGORITHM_VERSION whenever anything here (or in evidence/profile/requirements) changes a score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from jobfit.matching.evidence import Assessment
from jobfit.matching.requirements import Requirement
from jobfit.matching.specificity import tf_weight

ALGORITHM_VERSION = "1.3.0"

# Weights of the components in overall_score (renormalised over the components present).
OVERALL_WEIGHTS: dict[str, float] = {
    "skills": 0.20,
    "experience": 0.10,
    "education": 0.10,
    "keywords": 0.10,
    "lexical": 0.20,
    "semantic": 0.40,
}
# The semantic component maps cosine similarity linearly from [FLOOR, CEILING] onto 0-100: unrelated
# documents of the local embedder sit near 0.2, a close resume/JD pair near 0.8.
SEMANTIC_FLOOR = 0.2
SEMANTIC_CEILING = 0.8
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

# Which job vector each resume vector is compared with (first present wins), and its share of the
# semantic component.
SECTION_PAIRS: dict[str, tuple[str, tuple[str, ...], float]] = {
    "overall": ("full_text", ("full_text",), 0.4),
    "experience": ("section_experience", ("section_responsibilities", "full_text"), 0.45),
    "skills": ("section_skills", ("section_requirements", "full_text"), 0.15),
    "summary": ("section_summary", ("section_summary", "full_text"), 0.0),
    "projects": ("section_projects", ("section_requirements", "full_text"), 0.0),
    # the whole resume vs the job's title and asked-for skills (`pipeline.requirements_digest`): the ad's
    # vector without its company pitch and perks
    "requirements": ("full_text", ("requirements_digest",), 1.0),
}


def full_text_query(job_vectors: Mapping[str, np.ndarray]) -> np.ndarray | None:
    """The job vector whose cosine with a resume's full-text vector orders resumes by the part of the semantic
    component that compares their full text (`SECTION_PAIRS` "overall" and "requirements"): the share-weighted
    sum of those job vectors, each of unit length. k-NN over the resumes' full-text vectors with it finds the
    candidates ranking re-scores. None without any of those job vectors."""
    total: np.ndarray | None = None
    for resume_key, job_keys, share in SECTION_PAIRS.values():
        if resume_key != "full_text" or share <= 0:
            continue
        vector = next((job_vectors[k] for k in job_keys if k in job_vectors), None)
        if vector is None:
            continue
        v = np.asarray(vector, dtype=np.float64)
        norm = float(np.linalg.norm(v))
        if norm > 0:
            total = share * v / norm if total is None else total + share * v / norm
    return None if total is None else total.astype(np.float32)


def resume_vector_kinds() -> tuple[str, ...]:
    """The resume embedding types `score_sections` reads (the others need not be loaded for scoring)."""
    return tuple(dict.fromkeys(resume_key for resume_key, _, _ in SECTION_PAIRS.values()))


def job_vector_kinds() -> tuple[str, ...]:
    """The job embedding types `score_sections` reads."""
    return tuple(dict.fromkeys(k for _, job_keys, _ in SECTION_PAIRS.values() for k in job_keys))


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """sum(w x s) / sum(w) over (score, weight) pairs, None when there is no weight."""
    total = sum(w for _, w in pairs)
    if total <= 0:
        return None
    return sum(s * w for s, w in pairs) / total


def skill_weight(requirement: Requirement) -> float:
    """A skill requirement's weight inside the skills sub-score."""
    return requirement.weight * requirement.specificity


def skill_pair(requirement: Requirement, score: float) -> tuple[float, float]:
    """(score, weight) of one skill requirement inside the skills sub-score."""
    return score, skill_weight(requirement)


def score_skills(assessments: Sequence[Assessment]) -> float | None:
    """Specificity-weighted mean of the skill requirements' scores, x 100 (alternatives counted once)."""
    return group_percent([
        (a.requirement.group, skill_pair(a.requirement, a.result.score))
        for a in assessments
        if a.requirement.kind == "skill"
    ])


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


def keyword_pair(requirement: Requirement, occurrences: int, doc_length: int,
                 saturation: float | None = None) -> tuple[float, float]:
    """(credit, weight) of one salient term inside the keyword sub-score."""
    return keyword_credit(occurrences, doc_length, saturation), keyword_weight(requirement)


def score_keywords(assessments: Sequence[Assessment]) -> float | None:
    """BM25-style coverage of salient job terms found verbatim on the resume, x 100.

    Each term's credit (`keyword_credit`) is weighted by its specificity and importance (required
    terms weigh double). In an average-length resume two mentions earn 0.5 of a term, six earn 0.75.
    """
    return group_percent([
        (a.requirement.group, keyword_pair(a.requirement, a.occurrences, a.doc_length))
        for a in assessments
        if a.requirement.kind in ("skill", "keyword") and a.requirement.terms
    ])


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
    """Per-section cosine x 100 and the semantic component (calibrated weighted mean), if any vectors."""
    if not resume_vectors or not job_vectors:
        return {}, None
    out: dict[str, float] = {}
    pairs: list[tuple[float, float]] = []
    for name, (resume_key, job_keys, share) in SECTION_PAIRS.items():
        rv = resume_vectors.get(resume_key)
        jv = next((job_vectors[k] for k in job_keys if k in job_vectors), None)
        if rv is None or jv is None:
            continue
        similarity = cosine(np.asarray(rv), np.asarray(jv))
        out[name] = round(100.0 * max(0.0, similarity), 2)
        if share > 0:
            calibrated = (similarity - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR)
            pairs.append((100.0 * min(1.0, max(0.0, calibrated)), share))
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
