"""Fairness of the scores, on plain values: the self-reported categories of the EEO-1 report, reading them from a
recruiter's CSV, and the bias audit of NYC Local Law 144 (scoring or selection rates and impact ratios per sex,
race/ethnicity and their intersections).

The categories are only ever what candidates reported about themselves: nothing here infers them from names,
photos or text, and the scoring code (`jobfit.matching`) never reads them (`tests/unit/test_layering.py`).
"""

from jobfit.fairness.categories import CATEGORIES, Category, Grouping
from jobfit.fairness.impact import AuditedCandidate, BiasAudit, GroupRow, GroupTable, bias_audit
from jobfit.fairness.self_reports import LineError, SelfReport, SelfReports, read_self_reports

__all__ = ["CATEGORIES", "AuditedCandidate", "BiasAudit", "Category", "GroupRow", "GroupTable", "Grouping",
           "LineError", "SelfReport", "SelfReports", "bias_audit", "read_self_reports"]
