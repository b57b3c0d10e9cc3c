"""`jobfit serve --workers N` as a real process (`http/workers.py`): keep-alive connections are spread over the
workers, a worker that dies is replaced, and a port that is taken is one clear line and a non-zero exit."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import psutil

from tests.integration.test_serve import JOBFIT, _free_port
from tests.integration.test_serve import data_dir as data_dir  # the fixture
from tests.integration.test_serve_pressure import _serve, _stop


def _workers(proc: subprocess.Popen) -> list[psutil.Process]:
    """The server processes: children of the supervisor that listen on a TCP port."""
    found = []
    for child in psutil.Process(proc.pid).children():
        try:
            if any(c.status == psutil.CONN_LISTEN for c in child.net_connections("tcp")):
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found


def _wait_for_workers(proc: subprocess.Popen, count: int, not_pids: set[int] = frozenset()) -> list[psutil.Process]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = [w for w in _workers(proc) if w.pid not in not_pids]
        if len(workers) == count:
            return workers
        time.sleep(0.2)
    raise AssertionError(f"expected {count} server processes, found {_workers(proc)}")


def test_keep_alive_connections_are_spread_over_the_workers(data_dir: Path) -> None:
    proc, url = _serve(data_dir, "--workers", "2")
    try:
        workers = _wait_for_workers(proc, 2)
        port = int(url.rsplit(":", 1)[1])
        clients = []
        for _ in range(40):  # opened at once, as a load test or a page full of requests does
            clients.append(socket.create_connection(("127.0.0.1", port)))
        for sock in clients:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
        for sock in clients:
            assert sock.recv(64).startswith(b"HTTP/1.1 200")
        held = {w.pid: sum(1 for c in w.net_connections("tcp") if c.status == psutil.CONN_ESTABLISHED
                           and c.laddr.port == port) for w in workers}
        for sock in clients:
            sock.close()
        assert sum(held.values()) == 40, held
        assert min(held.values()) >= 8, held  # hashed over two sockets: fewer than 8 of 40 is ~1 in 10^5
    finally:
        _stop(proc)


def test_a_worker_that_dies_is_replaced(data_dir: Path) -> None:
    proc, url = _serve(data_dir, "--workers", "2")
    try:
        first = _wait_for_workers(proc, 2)
        os.kill(first[0].pid, signal.SIGKILL)
        _wait_for_workers(proc, 2, not_pids={first[0].pid})
        assert all(httpx.get(f"{url}/health", timeout=10).status_code == 200 for _ in range(10))
    finally:
        _stop(proc)


def test_a_port_that_is_taken_is_one_line_and_a_non_zero_exit(data_dir: Path) -> None:
    port = _free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        environ = {**os.environ, "JOBFIT_DATA_DIR": str(data_dir), "JOBFIT_LOG_LEVEL": "warning"}
        environ.pop("DATABASE_URL", None)
        done = subprocess.run([*JOBFIT, "serve", "--port", str(port), "--workers", "2"], env=environ, text=True,
                              capture_output=True, timeout=120)
    assert done.returncode != 0
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr, done.stderr
