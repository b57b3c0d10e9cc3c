"""API latency through a real `jobfit serve` (uvicorn + embedded Postgres) on loopback.

Measures what a user waits for: upload -> stored (parse + embed + atomic write), job creation,
analyze (score + offline suggestions with measured impact), and ranking a few hundred resumes; and the
server process's own CPU time per request (user + system, from /proc: the Python work, without Postgres),
which a loaded machine disturbs much less than the latencies.

    python bench/api.py [--evaldata PATH] [--uploads 60]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from live_server import settled_cpu_s, tree_cpu_s, wait_until_healthy

REPO = Path(__file__).resolve().parents[1]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_ms(pid: int) -> float:
    """CPU time used so far by the server process `pid` and its worker processes, without Postgres's, in ms."""
    return tree_cpu_s({pid}, skip="postgres") * 1000


def _settled_cpu_ms(pid: int) -> float:
    """`_cpu_ms(pid)` once the server has gone quiet: its background work done."""
    return settled_cpu_s({pid}, skip="postgres") * 1000


def _p(values: list[float], q: float) -> float:
    return float(sorted(values)[min(len(values) - 1, int(q * len(values)))])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    ap.add_argument("--uploads", type=int, default=60)
    args = ap.parse_args()
    if not args.evaldata.is_dir():
        print(f"evaldata not found at {args.evaldata}: skipping the API benchmark")
        return 0
    pdfs = sorted((args.evaldata / "ferr_hr_relevance_livecareer" / "resumes_pdf").glob("*.pdf"))[: args.uploads]
    jds = sorted((args.evaldata / "resume_matcher_samples" / "job_descriptions").glob("*.pdf"))
    data_dir = Path(tempfile.mkdtemp(prefix="jobfit-bench-api-"))
    port = _port()
    env = {**os.environ, "JOBFIT_DATA_DIR": str(data_dir), "JOBFIT_LOG_LEVEL": "warning"}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "jobfit", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    rows: list[tuple[str, int, float, float, float]] = []  # name, n, p50, p95, server CPU ms per request
    try:
        started = time.monotonic()
        if not wait_until_healthy(base, server, timeout_s=90):
            print(f"server did not start: {server.stderr.read() if server.stderr else ''}", file=sys.stderr)
            return 1
        cold_start = time.monotonic() - started
        with httpx.Client(base_url=base, timeout=120) as c:
            c.post("/api/v1/auth/register", json={"email": "bench@example.com", "password": "bench password"})
            token = c.post("/api/v1/auth/login", data={"username": "bench@example.com",
                                                       "password": "bench password"}).json()["access_token"]
            c.headers["Authorization"] = f"Bearer {token}"
            uploads, resume_ids = [], []
            cpu = _cpu_ms(server.pid)
            for i, pdf in enumerate(pdfs):
                t = time.perf_counter()
                r = c.post("/api/v1/documents/upload/resume", files={"file": (pdf.name, pdf.read_bytes())})
                uploads.append((time.perf_counter() - t) * 1000)
                if r.status_code == 201:
                    resume_ids.append(r.json()["id"])
                if i % 10 == 0:
                    print(f"  uploaded {i}/{len(pdfs)}", file=sys.stderr, flush=True)
            # CPU until the server is quiet: the statement vectors embedded after the responses are the uploads'
            rows.append(("upload resume PDF -> stored (parse+embed+write; CPU with the late statements)",
                         len(uploads), _p(uploads, .5), _p(uploads, .95),
                         (_settled_cpu_ms(server.pid) - cpu) / len(uploads)))
            jobs, job_ids = [], []
            cpu = _cpu_ms(server.pid)
            for jd in jds:
                t = time.perf_counter()
                r = c.post("/api/v1/documents/upload/job-description/file", files={"file": (jd.name, jd.read_bytes())})
                jobs.append((time.perf_counter() - t) * 1000)
                job_ids.append(r.json()["id"])
            rows.append(("upload job PDF -> stored", len(jobs), _p(jobs, .5), _p(jobs, .95),
                         (_cpu_ms(server.pid) - cpu) / len(jobs)))
            analyses = []
            cpu = _cpu_ms(server.pid)
            for jid in job_ids:
                for rid in resume_ids[:10]:
                    t = time.perf_counter()
                    c.post("/api/v1/matching/analyze", json={"resume_id": rid, "job_id": jid})
                    analyses.append((time.perf_counter() - t) * 1000)
            rows.append(("analyze (score + suggestions with measured impact)", len(analyses), _p(analyses, .5),
                         _p(analyses, .95), (_cpu_ms(server.pid) - cpu) / len(analyses)))
            ranks = []
            cpu = _cpu_ms(server.pid)
            for jid in job_ids:
                t = time.perf_counter()
                c.post("/api/v1/matching/rank-resumes", json={"job_id": jid, "top_k": 20})
                ranks.append((time.perf_counter() - t) * 1000)
            rows.append((f"rank-resumes top-20 of {len(resume_ids)}", len(ranks), _p(ranks, .5), _p(ranks, .95),
                         (_cpu_ms(server.pid) - cpu) / len(ranks)))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)
    print("\n### API latency (real server on loopback, embedded Postgres)\n")
    print(f"Cold start to healthy: {cold_start:.1f} s\n")
    print("| operation | n | p50 ms | p95 ms | server CPU ms / request |")
    print("|---|---:|---:|---:|---:|")
    for name, n, p50, p95, cpu_ms in rows:
        print(f"| {name} | {n} | {p50:.0f} | {p95:.0f} | {cpu_ms:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
