"""The bias audit of one job's candidates (NYC Local Law 144): the scoring rate over the ranking, or the selection rate
of the shortlist (the must-have filter), per sex, race/ethnicity and their intersections, from the candidates'
self-reported categories (`jobfit.fairness`). The report names the algorithm version(s) and the dates the scores
were made; the run is logged with its figures' hash.

This is the one reader of the self-reports besides their own upload page; nothing that scores or ranks imports it.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from jobfit.content_hash import json_hash
from jobfit.fairness import AuditedCandidate, BiasAudit, bias_audit
from jobfit.fairness.impact import Basis
from jobfit.services import decision_log, shortlist
from jobfit.services.errors import get_or_raise
from jobfit.store import decision_log as log_store
from jobfit.store import demographics
from jobfit.store.models import JobDescription

BASES: tuple[Basis, ...] = ("scoring", "selection")
WHAT_IS_SELECTED = {"scoring": "scoring above the median score of every audited candidate",
                    "selection": f"kept by the must-have filter ({shortlist.MUST_HAVE_FILTER})"}


@dataclass
class AuditReport:
    job: JobDescription
    audit: BiasAudit
    algorithm_versions: list[str]
    scored_from: datetime | None
    scored_to: datetime | None
    self_reported: int  # audited candidates who have a self-report (possibly of unknown categories)
    generated_at: datetime

    @property
    def selected_means(self) -> str:
        return WHAT_IS_SELECTED[self.audit.basis]


def run(db: Session, user_id: uuid.UUID, job_id: uuid.UUID, basis: Basis = "scoring", *,
        exclude_small: bool = False, export: str | None = None) -> AuditReport:
    """Audit the job's stored candidates (`shortlist.candidates`, at most `shortlist.MAX_RANKED`), logged; with
    `export` (what kind of file or page it becomes: audit_csv, audit_print) the export is logged too."""
    job = get_or_raise(db, JobDescription, job_id, "Job description")
    pool = shortlist.candidates(db, job.id)
    reports = demographics.of_resumes(db, [c.match.resume_id for c in pool])
    audited = [AuditedCandidate(c.scores["overall_score"] or 0.0, c.passes,
                                *reports.get(c.match.resume_id, (None, None))) for c in pool]
    result = bias_audit(audited, basis, exclude_small=exclude_small)
    when = log_store.scored_at(db, job.id)
    times = [when.get(c.match.id, c.match.created_at) for c in pool]
    versions = sorted({c.match.algorithm_version or "unknown" for c in pool})
    flagged = [row.code for row in result.flagged]
    excluded = [row.code for table in result.tables for row in table.rows if row.excluded]
    entry = decision_log.record(
        db, user_id, "audit", algorithm_version=versions[-1] if len(versions) == 1 else None, job_id=job.id,
        basis=basis, exclude_small=exclude_small, algorithm_versions=versions, candidates=result.total,
        self_reported=len(reports), median_score=result.median_score, flagged=flagged, excluded=excluded,
        figures_hash=json_hash(asdict(result)))
    if export:
        decision_log.record_export(db, user_id, export, job_id=job.id, basis=basis, exclude_small=exclude_small,
                                   audit_log_id=entry.id)
    db.commit()
    return AuditReport(job, result, versions, min(times, default=None), max(times, default=None), len(reports),
                       entry.at)


CSV_COLUMNS = ("grouping", "category", "candidates", "share_of_candidates", "favourable", "rate", "impact_ratio",
               "below_four_fifths", "excluded_from_ratios", "exclusion_reason", "basis", "median_score",
               "algorithm_versions", "scored_from", "scored_to", "job_id")


def as_csv(report: AuditReport) -> str:
    """The audit as one CSV table: a row per category of each grouping and one for its unknown count, each row
    naming the basis, the algorithm version(s), the dates the scores were made and the job."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    audit = report.audit
    context = [audit.basis, _number(audit.median_score), " ".join(report.algorithm_versions),
               report.scored_from.isoformat() if report.scored_from else "",
               report.scored_to.isoformat() if report.scored_to else "", str(report.job.id)]
    for table in audit.tables:
        for row in table.rows:
            writer.writerow([table.label, row.label, row.count, _number(row.share), row.favourable,
                             _number(row.rate), _number(row.impact_ratio), "yes" if row.flagged else "no",
                             "yes" if row.excluded else "no", row.reason or "", *context])
        writer.writerow([table.label, "Unknown (not in the rates)", table.unknown, _number(
            table.unknown / audit.total if audit.total else None), "", "", "", "", "", "", *context])
    return out.getvalue()


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")
