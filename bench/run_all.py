"""`make bench`: run every benchmark in turn and print their markdown tables (kept in BENCHMARKS.md).

Each benchmark is its own script (run it alone for details); this runner passes the evaldata path
through, shows a progress line per benchmark, and ends with the combined tables on stdout.

    python bench/run_all.py [--evaldata PATH] [--only parsing,quality] [--ranking-sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHES = ("parsing", "resume_fields", "skills", "embeddings", "matching_speed", "quality", "fairness", "suggestions",
           "api", "ingest", "ranking", "decision_log", "load", "load_at_300")
# the load generator twice, 15 s per workload: its closed loop (the most each workload serves) and the list at 300
# req/s offered (issue 13's latency target); `make soak` runs it for longer
SCRIPT = {"load_at_300": "load"}
LOAD = ["--workers", "2", "--clients", "50", "--duration", "15"]
EXTRA = {"load": LOAD, "load_at_300": [*LOAD, "--workloads", "list", "--rate", "300"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    ap.add_argument("--only", default=",".join(BENCHES), help="comma-separated subset of: " + ", ".join(BENCHES))
    ap.add_argument("--ranking-sizes", default="10000,100000")
    args = ap.parse_args()
    chosen = [b for b in args.only.split(",") if b]
    unknown = sorted(set(chosen) - set(BENCHES))
    if unknown:
        print(f"run_all: unknown benchmark(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    outputs: list[str] = []
    failed: list[str] = []
    for i, name in enumerate(chosen, 1):
        cmd = [sys.executable, str(REPO / "bench" / f"{SCRIPT.get(name, name)}.py")]
        if name not in ("embeddings", "matching_speed"):
            cmd += ["--evaldata", str(args.evaldata)]
        if name == "ranking":
            cmd += ["--sizes", args.ranking_sizes]
        cmd += EXTRA.get(name, [])
        print(f"[{i}/{len(chosen)}] {name} ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False)
        took = time.monotonic() - started
        print(f"[{i}/{len(chosen)}] {name}: {'ok' if proc.returncode == 0 else 'FAILED'} in {took:.0f}s",
              file=sys.stderr, flush=True)
        if proc.returncode != 0:
            failed.append(name)
        outputs.append(f"## {name}\n\nCommand: `{' '.join(Path(c).name if c.endswith('.py') else c for c in cmd)}`"
                       f"\n\n{proc.stdout.strip()}\n")
    print("\n".join(outputs))
    if failed:
        print(f"run_all: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
