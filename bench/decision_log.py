"""What the decision log adds to the actions it records: the time to append the row of one analysis and of a
500-result ranking (resume hashes computed by Postgres, the row written), inside the action's transaction, on a
throwaway embedded Postgres.

Run: .venv/bin/python bench/decision_log.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--evaldata", type=Path, help="unused (make bench passes it to every script)")
    args = ap.parse_args(argv)

    from jobfit.config import Settings
    from jobfit.runtime import open_runtime
    from jobfit.services import decision_log
    from jobfit.services.accounts import register
    from jobfit.store.models import JobDescription, MatchResultRow, Resume

    text = (REPO / "tests" / "fixtures" / "dotin" / "3.txt").read_text()
    analysis = {"summary": "", "requirements": [{"requirement": "Python", "kind": "skill", "importance": "required",
                                                 "status": "met", "score": 1.0}]}
    folder = Path(tempfile.mkdtemp(prefix="jobfit-bench-log-"))
    runtime = open_runtime(Settings(data_dir=folder, secret_key="bench-" + "k" * 40))
    try:
        with runtime.db.system_session() as s:
            user = register(s, "bench@example.com", "long enough password").id
        with runtime.db.user_session(user) as s:
            job = JobDescription(title="Developer", description="Python and SQL. " * 100)
            resumes = [Resume(original_filename=f"{n}.txt", file_type="txt", file_size=len(text),
                              content_text=f"{text}\n{n}") for n in range(500)]
            s.add_all([job, *resumes])
            s.flush()
            rows = [MatchResultRow(resume_id=r.id, job_id=job.id, overall_score=50, confidence_score=50,
                                   skills_score=50, experience_score=50, education_score=50, keyword_score=50,
                                   match_analysis=analysis, algorithm_version="bench") for r in resumes]
            s.add_all(rows)
            s.commit()
            timings: dict[str, list[float]] = {"one analysis": [], "a ranking of 500 results": []}
            for _ in range(args.repeat):
                # in a savepoint rolled back after: the action's own commit is not the log's cost, and the rows
                # the action holds stay loaded, as they are when an action logs them
                savepoint = s.begin_nested()
                started = time.perf_counter()
                decision_log.record_analysis(s, user, rows[0], job)
                timings["one analysis"].append(time.perf_counter() - started)
                started = time.perf_counter()
                decision_log.record_ranking(s, user, rows, job=job, candidates_considered=1500,
                                            total_documents=500, top_k=500, chosen_ids=False)
                timings["a ranking of 500 results"].append(time.perf_counter() - started)
                savepoint.rollback()
    finally:
        runtime.close()
        shutil.rmtree(folder, ignore_errors=True)
    print("| logged action | median ms | p90 ms |")
    print("|---|---:|---:|")
    for name, values in timings.items():
        ms = sorted(v * 1000 for v in values)
        print(f"| {name} | {statistics.median(ms):.1f} | {ms[int(0.9 * (len(ms) - 1))]:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
