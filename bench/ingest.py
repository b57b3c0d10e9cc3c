"""Ingest throughput end to end (parse, embed, profile, stored): batches on the queue with 1, 2 and 4 workers, beside
today's one request per file, measured in the same run on the same machine.

Starts a Postgres of its own (the embedded server, used as an external DATABASE_URL), `jobfit serve --workers 2`
with no in-process worker, and `jobfit worker` processes as asked. Each figure uses a fresh account (files are
recognised by content per account, so nothing is skipped as a duplicate):

- one request per file: `--clients` clients POST /documents/upload/resume, each file once (its CPU counted until
  the server is quiet: the statement vectors it embeds after the responses included);
- batches: one POST /documents/batches of the same files, timed from the 202 to the last file settled, with
  1, 2 and 4 workers (`--concurrency` jobs at once each); resumes/s, and resumes per CPU-second of the workers,
  their parse children and Postgres together (the per-core figure);
- queue latency: enqueue to start of each job (procrastinate's `deferred` and `started` events), during the
  batch runs (a backlog: time waiting behind other files) and for single-file batches sent one at a time to idle
  workers (the queue's own pick-up delay).

    python bench/ingest.py [--evaldata PATH] [--files 200] [--workers 1,2,4] [--embedding minilm]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from live_server import settled_cpu_s, tree_cpu_s, wait_until_healthy

REPO = Path(__file__).resolve().parents[1]
JOBFIT = [sys.executable, "-m", "jobfit"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


class Cluster:
    """Postgres, the API (`serve --workers 2`, no in-process worker) and any number of `jobfit worker`s."""

    def __init__(self, embedding: str, concurrency: int) -> None:
        from jobfit.store.embedded import EmbeddedPostgres

        self.root = Path(tempfile.mkdtemp(prefix="jobfit-bench-ingest-"))
        self.pg = EmbeddedPostgres(self.root / "postgres")
        self.pg.start()
        self.env = {**os.environ, "DATABASE_URL": self.pg.url(), "JOBFIT_DATA_DIR": str(self.root / "data"),
                    "JOBFIT_SECRET_KEY": "bench-" + "k" * 40, "JOBFIT_SERVE_WORKER": "0",
                    "JOBFIT_LOG_LEVEL": "warning", "JOBFIT_EMBEDDING_PROVIDER": embedding,
                    "JOBFIT_QUEUE_CONCURRENCY": str(concurrency)}
        self.url = f"http://127.0.0.1:{_port()}"
        self.api = subprocess.Popen([*JOBFIT, "serve", "--workers", "2", "--port", self.url.rsplit(":", 1)[1]],
                                    env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                    start_new_session=True)
        if not wait_until_healthy(self.url, self.api, timeout_s=180):
            raise SystemExit(f"the server did not start: {self.api.stderr.read() if self.api.stderr else ''}")
        self.workers: list[subprocess.Popen] = []

    def postmaster(self) -> int:
        return int((self.pg.pgdata / "postmaster.pid").read_text().split()[0])

    def sql(self, query: str, **params: object) -> list[tuple]:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.pg.url())
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(text(query), params)]
        finally:
            engine.dispose()

    def start_workers(self, count: int) -> None:
        before = self.sql("SELECT count(*) FROM procrastinate_workers")[0][0]
        for _ in range(count):
            self.workers.append(subprocess.Popen([*JOBFIT, "worker"], env=self.env, stdout=subprocess.DEVNULL,
                                                 stderr=subprocess.DEVNULL, start_new_session=True))
        deadline = time.monotonic() + 120
        while self.sql("SELECT count(*) FROM procrastinate_workers")[0][0] < before + count:
            if time.monotonic() > deadline:
                raise SystemExit("the workers did not start")
            time.sleep(0.3)
        time.sleep(3)  # let each load its model and warm its parse server

    def stop_workers(self) -> None:
        for proc in self.workers:
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.workers:
            proc.wait(120)
        self.workers = []

    def account(self) -> dict[str, str]:
        email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
        # password hashing takes seconds on a busy machine: the default 5 s timeout is too short
        httpx.post(f"{self.url}/api/v1/auth/register", json={"email": email, "password": "bench password 1"},
                   timeout=60).raise_for_status()
        token = httpx.post(f"{self.url}/api/v1/auth/login", data={"username": email, "password": "bench password 1"},
                           timeout=60).json()["access_token"]
        return {"Authorization": f"Bearer {token}"}

    def close(self) -> None:
        self.stop_workers()
        os.killpg(self.api.pid, signal.SIGTERM)
        self.api.wait(60)
        self.pg.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def one_request_per_file(cluster: Cluster, files: list[Path], clients: int) -> dict[str, float]:
    """Today's path: each file its own upload request, `clients` at a time."""
    auth = cluster.account()
    todo = list(files)
    lock = threading.Lock()
    latencies: list[float] = []
    failures = 0

    def client() -> None:
        nonlocal failures
        with httpx.Client(base_url=cluster.url, headers=auth, timeout=120) as http:
            while True:
                with lock:
                    if not todo:
                        return
                    path = todo.pop()
                started = time.perf_counter()
                r = http.post("/api/v1/documents/upload/resume", files={"file": (path.name, path.read_bytes())})
                with lock:
                    latencies.append(time.perf_counter() - started)
                    failures += r.status_code != 201

    cpu = tree_cpu_s({cluster.api.pid, cluster.postmaster()})
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    # the statement vectors an upload leaves for after its response are part of its cost: wait for them
    pids = {cluster.api.pid, cluster.postmaster()}
    cpu = settled_cpu_s(pids) - cpu
    stored = len(files) - failures
    return {"stored": stored, "wall_s": wall, "per_s": stored / wall, "cpu_s": cpu, "per_cpu_s": stored / cpu,
            "p50_ms": _p(latencies, .5) * 1000, "p99_ms": _p(latencies, .99) * 1000}


def batch_run(cluster: Cluster, files: list[Path], workers: int) -> dict[str, float]:
    """One batch of every file, with `workers` workers; timed from the 202 to the last file settled."""
    auth = cluster.account()
    cluster.start_workers(workers)
    try:
        pids = {cluster.postmaster(), *(w.pid for w in cluster.workers)}
        cpu = tree_cpu_s(pids)
        started = time.perf_counter()
        r = httpx.post(f"{cluster.url}/api/v1/documents/batches", headers=auth, timeout=300,
                       files=[("files", (p.name, p.read_bytes())) for p in files])
        accepted = time.perf_counter() - started
        assert r.status_code == 202, r.text
        location = cluster.url + r.headers["location"]
        while True:
            body = httpx.get(location, headers=auth, timeout=60).json()
            if body["finished"]:
                break
            time.sleep(0.25)
        wall = time.perf_counter() - started
        cpu = tree_cpu_s(pids) - cpu
    finally:
        cluster.stop_workers()
    stored = body["counts"]["done"]
    waits = _queue_waits(cluster, body["id"])
    return {"stored": stored, "failed": body["counts"]["failed"], "wall_s": wall, "accept_s": accepted,
            "per_s": stored / wall, "cpu_s": cpu, "per_cpu_s": stored / cpu,
            "wait_p50_ms": _p(waits, .5), "wait_p99_ms": _p(waits, .99)}


def _queue_waits(cluster: Cluster, batch_id: str) -> list[float]:
    """Enqueue → start of each job of the batch, in ms (procrastinate's own events)."""
    rows = cluster.sql(
        "SELECT extract(epoch FROM s.at - d.at) * 1000 FROM procrastinate_jobs j "
        "JOIN procrastinate_events d ON d.job_id = j.id AND d.type = 'deferred' "
        "JOIN LATERAL (SELECT min(at) AS at FROM procrastinate_events e WHERE e.job_id = j.id AND e.type = 'started')"
        " s ON true WHERE (j.args ->> 'file_id')::uuid IN (SELECT id FROM batch_files WHERE batch_id = :b)",
        b=batch_id)
    return [float(r[0]) for r in rows if r[0] is not None]


def pickup_latency(cluster: Cluster, files: list[Path], count: int) -> tuple[float, float]:
    """Single-file batches sent one at a time to idle workers (2 of them): enqueue → start p50/p99, ms."""
    auth = cluster.account()
    cluster.start_workers(2)
    waits: list[float] = []
    try:
        for path in files[:count]:
            r = httpx.post(f"{cluster.url}/api/v1/documents/batches", headers=auth, timeout=60,
                           files=[("files", (path.name, path.read_bytes()))])
            location = cluster.url + r.headers["location"]
            while not httpx.get(location, headers=auth, timeout=60).json()["finished"]:
                time.sleep(0.1)
            waits += _queue_waits(cluster, r.json()["id"])
            time.sleep(0.5)
    finally:
        cluster.stop_workers()
    return _p(waits, .5), _p(waits, .99)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--concurrency", type=int, default=4, help="jobs at once per worker")
    ap.add_argument("--clients", type=int, default=8, help="clients of the one-request-per-file run")
    ap.add_argument("--pickups", type=int, default=30, help="single-file batches for the pick-up latency")
    ap.add_argument("--embedding", default="minilm", help="JOBFIT_EMBEDDING_PROVIDER for every process")
    args = ap.parse_args()
    source = args.evaldata / "ferr_hr_relevance_livecareer" / "resumes_pdf"
    if not source.is_dir():
        print(f"evaldata not found at {args.evaldata}: skipping the ingest benchmark")
        return 0
    files = sorted(source.glob("*.pdf"))[: args.files]
    cluster = Cluster(args.embedding, args.concurrency)
    rows = []
    try:
        print(f"  one request per file, {args.clients} clients ...", file=sys.stderr, flush=True)
        baseline = one_request_per_file(cluster, files, args.clients)
        for count in (int(w) for w in args.workers.split(",")):
            print(f"  one batch, {count} worker(s) ...", file=sys.stderr, flush=True)
            rows.append((count, batch_run(cluster, files, count)))
        print("  pick-up latency ...", file=sys.stderr, flush=True)
        pickup = pickup_latency(cluster, files, args.pickups)
    finally:
        cluster.close()
    print(f"\n### Ingest throughput ({len(files)} livecareer PDFs, {args.embedding} embedder, "
          f"{os.cpu_count()} cores)\n")
    print("| path | resumes stored | wall s | resumes/s | CPU s (workers + parse + Postgres) | resumes per CPU-s "
          "| queue wait p50 / p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| one request per file, {args.clients} clients, `serve --workers 2` (CPU: server + Postgres) "
          f"| {baseline['stored']} | {baseline['wall_s']:.1f} | **{baseline['per_s']:.2f}** | {baseline['cpu_s']:.0f} "
          f"| {baseline['per_cpu_s']:.2f} | upload p50 / p99 {baseline['p50_ms']:.0f} / {baseline['p99_ms']:.0f} |")
    for count, row in rows:
        print(f"| one batch, {count} worker{'s' if count > 1 else ''} × {args.concurrency} jobs "
              f"| {row['stored']} | {row['wall_s']:.1f} | **{row['per_s']:.2f}** | {row['cpu_s']:.0f} "
              f"| {row['per_cpu_s']:.2f} | {row['wait_p50_ms']:.0f} / {row['wait_p99_ms']:.0f} |")
    print(f"\nQueue pick-up latency (enqueue → start, {args.pickups} single-file batches to 2 idle workers): "
          f"p50 {pickup[0]:.0f} ms, p99 {pickup[1]:.0f} ms. The batch's 202 came "
          f"{statistics.median(r['accept_s'] for _, r in rows):.1f} s after its request started (median).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
