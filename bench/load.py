"""Loopback load test of a real `jobfit serve`: many keep-alive clients, bounded in time, figures per endpoint.

Starts `jobfit serve --workers N` on a fresh data dir (embedded Postgres), signs up one user, uploads
`--resumes` livecareer PDFs and a few jobs, then runs each workload for `--duration` seconds with
`--clients` closed-loop clients (each sends its next request when the last one is answered):

  list     GET  /documents/resumes
  analyze  POST /matching/analyze  (a random stored resume against a random job)
  rank     POST /matching/rank-resumes  (top 20 of all stored resumes)
  mixed    the three at once, the clients split evenly

With `--rate R` the run is open-loop instead: requests are due at R per second in all (seeded Poisson
arrivals) and are sent over the same `--clients` connections as they come free; a request's latency counts
from when it was due, so a server that falls behind shows its queue in the figures (no coordinated
omission). A closed loop measures the most a server can do; a rate measures latency at a given load.

Prints a Markdown table (req/s, p50/p99 ms, errors, peak RSS of the server's processes and of Postgres) and
writes JSON with `--json`. The clients speak HTTP/1.1 over raw asyncio streams so that the load generator
costs little of the machine it shares with the server. Only 127.0.0.1 is ever contacted.

    python bench/load.py --evaldata ../shared/evaldata --workers 2 --clients 50 --duration 30
    python bench/load.py --evaldata ../shared/evaldata --workers 2 --clients 50 --duration 30 \
        --workloads list --rate 300
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from live_server import wait_until_healthy

HOST = "127.0.0.1"
REQUEST_TIMEOUT_S = 30.0
MAX_REQUESTS_PER_WORKLOAD = 200_000


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))


class Connection:
    """One keep-alive HTTP/1.1 connection to the server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, token: str, body: bytes | None = None) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {token}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + (body or b""))
        assert self.reader is not None
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and "close" in value.lower():
                close = True
        await self.reader.readexactly(length)
        if close:
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _tree(pid: int) -> list[int]:
    """pid and all its descendants (from /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children[ppid].append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far (from /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15])  # utime, stime and those of reaped children, in ticks
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def _rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class MemorySampler(threading.Thread):
    """Peak RSS of the server's process tree and of the Postgres cluster, sampled every 0.25 s."""

    def __init__(self, server_pid: int, postmaster_pid: int) -> None:
        super().__init__(daemon=True)
        self.server_pid, self.postmaster_pid = server_pid, postmaster_pid
        self.peak_server = self.peak_postgres = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.25):
            self.peak_server = max(self.peak_server, _rss(_tree(self.server_pid)))
            self.peak_postgres = max(self.peak_postgres, _rss(_tree(self.postmaster_pid)))

    def reset(self) -> None:
        self.peak_server = self.peak_postgres = 0


async def _send(conn: Connection, name: str, token: str, make_request, stats: dict[str, Stats],
                started: float) -> None:
    """One request of endpoint `name`, recorded in `stats` with its latency counted from `started`."""
    method, path, body = make_request()
    try:
        status = await asyncio.wait_for(conn.request(method, path, token, body), REQUEST_TIMEOUT_S)
    except (TimeoutError, ConnectionError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        stats[name].errors += 1
        conn.close()
        return
    stats[name].latencies.append(time.monotonic() - started)
    stats[name].statuses[status] += 1
    if status >= 400:
        stats[name].errors += 1


async def _client(name: str, port: int, token: str, make_request, deadline: float, stats: dict[str, Stats],
                  budget: list[int]) -> None:
    conn = Connection(port)
    try:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            await _send(conn, name, token, make_request, stats, time.monotonic())
    finally:
        conn.close()


async def _run_workload(port: int, token: str, clients: dict[str, int], makers: dict, duration: float,
                        rate: float | None = None) -> tuple[dict[str, Stats], float]:
    stats: dict[str, Stats] = defaultdict(Stats)
    deadline = time.monotonic() + duration
    budget = [MAX_REQUESTS_PER_WORKLOAD]
    started = time.monotonic()
    if rate is None:
        await asyncio.gather(*(_client(name, port, token, makers[name], deadline, stats, budget)
                               for name, count in clients.items() for _ in range(count)))
    else:
        await _open_loop(port, token, clients, makers, deadline, stats, rate)
    return stats, time.monotonic() - started


async def _open_loop(port: int, token: str, clients: dict[str, int], makers: dict, deadline: float,
                     stats: dict[str, Stats], rate: float) -> None:
    """Requests due at `rate` per second in all (each endpoint its share by client count), sent over that
    endpoint's connections as they come free; latency counts from when a request was due."""
    total_clients = sum(clients.values())
    rng = random.Random(29)
    due: dict[str, asyncio.Queue[float]] = {name: asyncio.Queue() for name in clients}

    async def schedule(name: str, share: float) -> None:
        at, count = time.monotonic(), 0
        while at < deadline and count < MAX_REQUESTS_PER_WORKLOAD:
            at += rng.expovariate(rate * share)
            await asyncio.sleep(max(0.0, at - time.monotonic()))
            due[name].put_nowait(at)
            count += 1
        for _ in range(clients[name]):
            due[name].put_nowait(-1.0)  # no more: each connection stops at one of these

    async def connection(name: str) -> None:
        conn = Connection(port)
        try:
            while (at := await due[name].get()) >= 0:
                if time.monotonic() > deadline + REQUEST_TIMEOUT_S:
                    stats[name].errors += 1  # still queued long after the run: the server fell far behind
                    continue
                await _send(conn, name, token, makers[name], stats, at)
        finally:
            conn.close()

    await asyncio.gather(*(schedule(name, count / total_clients) for name, count in clients.items()),
                         *(connection(name) for name, count in clients.items() for _ in range(count)))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def _setup(url: str, evaldata: Path, resumes: int) -> tuple[str, list[str], list[str]]:
    email, password = "load@example.com", "load test password 1"
    httpx.post(f"{url}/api/v1/auth/register", json={"email": email, "password": password}, timeout=30)
    token = httpx.post(f"{url}/api/v1/auth/login", data={"username": email, "password": password},
                       timeout=30).json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    pdfs = sorted((evaldata / "livecareer_resume_pdfs_sample").rglob("*.pdf"))[:resumes]
    resume_ids = []
    for pdf in pdfs:
        r = httpx.post(f"{url}/api/v1/documents/upload/resume", headers=auth,
                       files={"file": (pdf.name, pdf.read_bytes(), "application/pdf")}, timeout=60)
        r.raise_for_status()
        resume_ids.append(r.json()["id"])
    jobs = [
        {"title": "Senior Python developer", "description": "We build data services in Python, SQL and AWS. "
         "5+ years of backend experience, Docker, PostgreSQL, REST APIs. Bachelor's degree in computer science."},
        {"title": "Accountant", "description": "Prepare financial statements, reconcile accounts, manage payroll "
         "and taxes. CPA preferred, 3 years of experience with QuickBooks and Excel."},
        {"title": "Registered nurse", "description": "Provide patient care in a hospital setting, administer "
         "medication, maintain records. RN licence, BLS certification, 2+ years of clinical experience."},
    ]
    job_ids = []
    for job in jobs:
        r = httpx.post(f"{url}/api/v1/documents/upload/job-description", headers=auth, json=job, timeout=60)
        r.raise_for_status()
        job_ids.append(r.json()["id"])
    return token, resume_ids, job_ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--evaldata", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" /
                        "evaldata")
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: the server's)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per workload (at most 300)")
    parser.add_argument("--resumes", type=int, default=60)
    parser.add_argument("--workloads", default="list,analyze,rank,mixed")
    parser.add_argument("--rate", type=float, default=None,
                        help="open loop: requests per second in all (default: closed loop)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    duration = min(args.duration, 300.0)

    data_dir = Path(tempfile.mkdtemp(prefix="jobfit-load-"))
    port = _free_port()
    url = f"http://{HOST}:{port}"
    env = {**os.environ, "JOBFIT_DATA_DIR": str(data_dir), "JOBFIT_LOG_LEVEL": "warning"}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "jobfit", "serve", "--port", str(port)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    try:
        if not wait_until_healthy(url, server, timeout_s=120):
            raise SystemExit("the server did not start")
        token, resume_ids, job_ids = _setup(url, args.evaldata, args.resumes)
        time.sleep(3)  # the parse forkservers finish loading
        postmaster = int((data_dir / "postgres" / "data" / "postmaster.pid").read_text().split()[0])
        sampler = MemorySampler(server.pid, postmaster)
        sampler.start()
        rng = random.Random(13)
        makers = {
            "list": lambda: ("GET", "/api/v1/documents/resumes", None),
            "analyze": lambda: ("POST", "/api/v1/matching/analyze", json.dumps(
                {"resume_id": rng.choice(resume_ids), "job_id": rng.choice(job_ids)}).encode()),
            "rank": lambda: ("POST", "/api/v1/matching/rank-resumes", json.dumps(
                {"job_id": rng.choice(job_ids), "top_k": 20}).encode()),
        }
        rows = []
        for workload in args.workloads.split(","):
            if workload == "mixed":
                share = args.clients // 3
                clients = {"list": args.clients - 2 * share, "analyze": share, "rank": share}
            else:
                clients = {workload: args.clients}
            sampler.reset()
            cpu_before = _cpu_seconds(_tree(server.pid)), _cpu_seconds(_tree(postmaster))
            load_cpu_before = time.process_time()
            stats, elapsed = asyncio.run(_run_workload(port, token, clients, makers, duration, args.rate))
            cpu_load = time.process_time() - load_cpu_before
            cpu_server = _cpu_seconds(_tree(server.pid)) - cpu_before[0]
            cpu_postgres = _cpu_seconds(_tree(postmaster)) - cpu_before[1]
            answered = sum(len(s.latencies) for s in stats.values()) or 1
            for name, s in stats.items():
                row = {
                    "workload": workload, "endpoint": name, "clients": clients[name],
                    "offered_per_s": round(args.rate * clients[name] / sum(clients.values()), 1)
                    if args.rate else None,
                    "requests": len(s.latencies), "req_per_s": round(len(s.latencies) / elapsed, 1),
                    "p50_ms": round(1000 * statistics.median(s.latencies), 1) if s.latencies else None,
                    "p99_ms": round(1000 * _percentile(s.latencies, 0.99), 1) if s.latencies else None,
                    "errors": s.errors, "statuses": dict(s.statuses),
                    "peak_server_rss_mb": round(sampler.peak_server / 2**20),
                    "peak_postgres_rss_mb": round(sampler.peak_postgres / 2**20),
                    # CPU per request of the whole workload (all its endpoints): steady even on a shared machine
                    "server_cpu_ms_per_req": round(1000 * cpu_server / answered, 2),
                    "postgres_cpu_ms_per_req": round(1000 * cpu_postgres / answered, 2),
                    "load_generator_cpu_ms_per_req": round(1000 * cpu_load / answered, 2),
                }
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
        sampler.stop.set()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(data_dir, ignore_errors=True)
    print("| workload | endpoint | clients | offered req/s | req/s | p50 ms | p99 ms | errors "
          "| peak RSS server / Postgres MB | CPU ms/req server / Postgres / load generator |\n"
          "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['workload']} | {r['endpoint']} | {r['clients']} | {r['offered_per_s'] or 'closed loop'} | "
              f"{r['req_per_s']} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} | "
              f"{r['peak_server_rss_mb']} / {r['peak_postgres_rss_mb']} | "
              f"{r['server_cpu_ms_per_req']} / {r['postgres_cpu_ms_per_req']} / "
              f"{r['load_generator_cpu_ms_per_req']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
