"""The recruiter's view of one job's ranking: its stored candidates in the order asked, each with whether they meet
every required skill and the current human decision on them; and the shortlist, the must-have filter a person
applies to that view.

The ranking only orders; it never rejects anyone. The must-have filter hides candidates from the view a person
chose to apply it to; it records nothing about them but is logged (who applied it, to which job, whom it showed).
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from jobfit.documents.candidate import CONTACT_FIELDS, Candidate
from jobfit.matching.counts import meets_required_skills, requirement_counts
from jobfit.matching.models import SUB_SCORES, MatchAnalysis
from jobfit.services import decision_log
from jobfit.services.errors import get_or_raise
from jobfit.store import decisions, matches
from jobfit.store import documents as store
from jobfit.store.decisions import DecisionRow
from jobfit.store.models import JobDescription, MatchResultRow

SORTABLE = ("overall_score", *SUB_SCORES, "confidence_score")
MAX_RANKED = 500
MUST_HAVE_FILTER = "meets every required skill"


@dataclass
class Ranked:
    match: MatchResultRow
    document: str  # the resume's title or file name
    candidate: Candidate  # the person as the resume names them (name, current title, contact)
    passes: bool  # meets every required skill
    required_met: int
    required_total: int
    scores: dict[str, float | None]
    decision: DecisionRow | None  # the latest human decision on this candidate for this job


def view_options(sort: str, order: str) -> tuple[str, bool]:
    """A sort column the view knows (else the overall score) and whether it runs highest first."""
    return (sort if sort in SORTABLE else "overall_score"), order != "asc"


def candidates(db: Session, job_id: uuid.UUID, sort: str = "overall_score", descending: bool = True,
               ) -> list[Ranked]:
    """Every stored candidate of the job (at most `MAX_RANKED`, best first by score), sorted as asked."""
    results, _ = matches.list_matches(db, resume_id=None, job_id=job_id, min_score=None, sort="score",
                                      limit=MAX_RANKED, offset=0)
    people = store.candidates(db)
    latest = decisions.latest(db, job_id, [m.resume_id for m in results])
    rows = []
    for match in results:
        analysis = MatchAnalysis.model_validate(match.match_analysis or {"summary": ""})
        counts = requirement_counts(analysis.requirements)  # the one rule the report's summary counts by
        document, person = people.get(match.resume_id, ("(deleted)", Candidate(None, None)))
        rows.append(Ranked(
            match, document, person, meets_required_skills(analysis.requirements),
            counts["required_met"], counts["required_total"],
            {c: None if getattr(match, c) is None else float(getattr(match, c)) for c in SORTABLE},
            latest.get(match.resume_id)))
    rows.sort(key=lambda r: (r.scores[sort] is None, -(r.scores[sort] or 0) if descending
                             else (r.scores[sort] or 0), str(r.match.id)))
    return rows


def kept(every: list[Ranked], must_haves: bool) -> list[Ranked]:
    """The candidates the must-have filter keeps (all of them when it is not applied)."""
    return [c for c in every if c.passes] if must_haves else every


@dataclass
class Shortlist:
    shown: list[Ranked]  # those who meet every required skill, in the order asked
    candidates: int  # every stored candidate of the job (the filter hides the others, it does not reject them)


def shortlist(db: Session, user_id: uuid.UUID, job_id: uuid.UUID, sort: str = "overall_score",
              descending: bool = True) -> Shortlist:
    """The candidates who meet every required skill, in the order asked; logged as applied by `user_id`."""
    job = get_or_raise(db, JobDescription, job_id, "Job description")
    every = candidates(db, job.id, sort, descending)
    shown = kept(every, True)
    decision_log.record(db, user_id, "shortlist", algorithm_version=shown[0].match.algorithm_version if shown else None,
                        job_id=job.id, filter=MUST_HAVE_FILTER, candidates=len(every), hidden=len(every) - len(shown),
                        shown=[{"match_result_id": c.match.id, "resume_id": c.match.resume_id,
                                "overall_score": c.scores["overall_score"]} for c in shown])
    db.commit()
    return Shortlist(shown, len(every))


def view(db: Session, user_id: uuid.UUID, job_id: uuid.UUID, *, must_haves: bool, sort: str = "overall_score",
         descending: bool = True) -> Shortlist:
    """The recruiter's view: every candidate, or the shortlist when the must-have filter is applied."""
    if must_haves:
        return shortlist(db, user_id, job_id, sort, descending)
    get_or_raise(db, JobDescription, job_id, "Job description")
    every = candidates(db, job_id, sort, descending)
    return Shortlist(every, len(every))


def export(db: Session, user_id: uuid.UUID, job_id: uuid.UUID, *, must_haves: bool, sort: str = "overall_score",
           descending: bool = True, kind: str = "ranking_csv") -> list[Ranked]:
    """The view's candidates for a file that leaves jobfit; logged (which, with the filter it had) and committed."""
    job = get_or_raise(db, JobDescription, job_id, "Job description")
    shown = kept(candidates(db, job.id, sort, descending), must_haves)
    decision_log.record_export(db, user_id, kind, rows=[c.match for c in shown], job_id=job.id,
                               filter=MUST_HAVE_FILTER if must_haves else None)
    db.commit()
    return shown


CSV_COLUMNS = ("rank", "candidate", "current_title", *CONTACT_FIELDS, "resume", *SORTABLE, "required_skills_met",
               "required_skills", "meets_must_haves", "decision", "match_id")


def as_csv(rows: list[Ranked]) -> str:
    """The view as CSV, one row per candidate in the order shown; no cell can run as a spreadsheet formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for rank, row in enumerate(rows, 1):
        person = row.candidate
        scores = ("" if row.scores[c] is None else f"{row.scores[c]:.2f}" for c in SORTABLE)
        writer.writerow([rank, *(_csv_safe(v or "") for v in (person.name, person.current_title,
                                                                *(person.contact.get(f) for f in CONTACT_FIELDS),
                                                                row.document)),
                         *scores, row.required_met, row.required_total, "yes" if row.passes else "no",
                         row.decision.decision if row.decision else "", row.match.id])
    return out.getvalue()


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
