"""A synthetic pool of 20 scored candidates for one job, with known self-reported categories, for the bias-audit tests
(API and browser). The rows are written straight to the database as the user (under RLS): their scores are chosen,
so the audit's figures can be computed by hand (below, and again in each test)."""

from __future__ import annotations

import csv
import io
import uuid

from jobfit.runtime import Runtime
from jobfit.store.models import JobDescription, MatchResultRow, Resume

# (sex, race/ethnicity, overall score, meets every required skill); "" = not reported
POOL = [
    ("Male", "White", 90, True), ("Male", "White", 80, True), ("Male", "White", 70, False),
    ("Male", "White", 40, False),
    ("Female", "White", 85, True), ("Female", "White", 60, True), ("Female", "White", 30, False),
    ("Male", "Black or African American", 75, True), ("Male", "Black or African American", 50, False),
    ("Male", "Black or African American", 20, False),
    ("Female", "Black or African American", 65, True), ("Female", "Black or African American", 55, False),
    ("Female", "Black or African American", 25, False),
    ("Female", "Asian", 95, True), ("Female", "Asian", 35, False),
    ("Male", "Hispanic or Latino", 45, False), ("Male", "Hispanic or Latino", 15, False),
    ("", "", 88, True), ("", "", 10, False),
    ("Male", "", 52, True),
]
# By hand: the 20 scores sorted are 95 90 88 85 80 75 70 65 60 55 | 52 50 45 40 35 30 25 20 15 10, so the median is
# (55 + 52) / 2 = 53.5 and the ten above it are 55 and higher.
MEDIAN = 53.5


def _analysis(meets: bool) -> dict:
    return {"summary": "synthetic", "requirements": [
        {"requirement": "Python", "kind": "skill", "importance": "required", "status": "met" if meets else "missing",
         "score": 1.0 if meets else 0.0}]}


def build_pool(runtime: Runtime, user_id: uuid.UUID) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """The job and the 20 resumes (in `POOL` order), each with its stored match result."""
    with runtime.db.user_session(user_id) as s:
        job = JobDescription(title="Audited Python Developer", description="Python")
        s.add(job)
        resumes = [Resume(original_filename=f"candidate-{n:02d}.txt", file_type="txt", file_size=10,
                          content_text=f"Candidate {n} resume text") for n in range(len(POOL))]
        s.add_all(resumes)
        s.flush()
        for resume, (_sex, _race, score, meets) in zip(resumes, POOL, strict=True):
            s.add(MatchResultRow(resume_id=resume.id, job_id=job.id, overall_score=score, confidence_score=80,
                                 skills_score=score, experience_score=score, education_score=score,
                                 keyword_score=score, match_analysis=_analysis(meets), algorithm_version="2.0.0"))
        s.commit()
        return job.id, [r.id for r in resumes]


def self_report_csv(resume_ids: list[uuid.UUID]) -> bytes:
    """The pool's self-reports keyed by resume id (an unreported category is left blank, or says 'Declined')."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["resume_id", "sex", "race_ethnicity", "name (ignored)"])
    for n, (rid, (sex, race, _score, _meets)) in enumerate(zip(resume_ids, POOL, strict=True)):
        writer.writerow([rid, sex, race or ("Declined" if n % 2 else ""), f"Person {n}"])
    return out.getvalue().encode()
