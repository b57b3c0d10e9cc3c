"""CPU time of one resume parse, for A/B runs of parsing changes on a shared machine (wall-clock figures there
move with the load; the parse's own CPU time does not).

    .venv/bin/python bench/parse_cpu.py [--evaldata PATH] [--passes 3]
    PYTHONPATH=/path/to/other/tree/src .venv/bin/python bench/parse_cpu.py   # the same files through other code

Files: the example PDFs (rendercv, latex templates, soupboss, Resume-Matcher) and the soupboss DOCX files through
`parse_resume`, and the 166 distinct kaggle resume texts through `parse_resume_text`. Prints p50 / p95 of
`time.process_time` per parse, in ms, after one warm-up parse.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from jobfit.documents.resume import parse_resume, parse_resume_text

DEFAULT_EVALDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "evaldata"
FILE_SETS = ("rendercv_examples", "latex_resume_templates", "soupboss_pdf_docx_pairs", "resume_matcher_samples")


def _percentiles(times: list[float]) -> str:
    times = sorted(times)
    return f"{times[len(times) // 2]:.1f} | {times[int(len(times) * 0.95)]:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--evaldata", type=Path, default=DEFAULT_EVALDATA)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.evaldata.is_dir():
        print(f"evaldata not found at {args.evaldata}: nothing to measure.")
        return 0
    files = [p for name in FILE_SETS for p in sorted((args.evaldata / name).rglob("*"))
             if p.suffix.lower() in (".pdf", ".docx")]
    documents = [(path.name, path.read_bytes()) for path in files]
    csv.field_size_limit(10**8)
    with (args.evaldata / "kaggle_updated_resume_dataset" / "UpdatedResumeDataSet.csv").open(
            encoding="utf-8", errors="replace", newline="") as handle:
        texts = list(dict.fromkeys(row["Resume"] for row in csv.DictReader(handle)))
    parse_resume_text("Warm-up resume text: Python developer, 2019 - Present.")
    file_times: list[float] = []
    text_times: list[float] = []
    for _ in range(args.passes):
        for name, data in documents:
            started = time.process_time()
            parse_resume(data, name)
            file_times.append((time.process_time() - started) * 1000)
        for text in texts:
            started = time.process_time()
            parse_resume_text(text)
            text_times.append((time.process_time() - started) * 1000)
    import jobfit

    print(f"code: {Path(jobfit.__file__).parent}\n")
    print("| set | parses | CPU p50 ms | CPU p95 ms |\n|---|---:|---:|---:|")
    print(f"| {len(documents)} example PDF/DOCX files | {len(file_times)} | {_percentiles(file_times)} |")
    print(f"| {len(texts)} kaggle texts | {len(text_times)} | {_percentiles(text_times)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
