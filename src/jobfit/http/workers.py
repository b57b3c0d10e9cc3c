"""`jobfit serve --workers N`: N server processes on one port, each listening on a socket of its own.

With one listening socket shared by all processes, whichever process wakes first accepts a whole burst of new
connections (50 keep-alive clients split 42 / 8), and the busier process sets every client's latency. Here each
worker binds its own socket with SO_REUSEPORT, so the kernel spreads new connections across the workers.

The supervisor holds a bound (never listening) socket on the address for as long as it runs, so a program that
does not share ports cannot take it meanwhile. It restarts a worker that dies, stops for good when one cannot
start, and on SIGINT or SIGTERM stops them all within the graceful-shutdown limit.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE

log = logging.getLogger("jobfit.serve")
_spawn = multiprocessing.get_context("spawn")
APP_FACTORY = "jobfit.app:create_app_from_environment"
POLL_S = 0.5


class WorkersFailed(RuntimeError):
    """A worker process could not start (its own log says why)."""


def shared_port_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) with SO_REUSEPORT, not yet listening; OSError if the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _worker(options: dict[str, Any]) -> None:
    """One worker process: its own socket in the port's group, and a uvicorn server building the app."""
    sock = shared_port_socket(options["host"], options["port"])
    config = uvicorn.Config(APP_FACTORY, factory=True, **options)
    uvicorn.Server(config).run(sockets=[sock])


def serve_workers(options: dict[str, Any], workers: int) -> None:
    """Run `workers` server processes with uvicorn `options` until SIGINT/SIGTERM; WorkersFailed if one
    cannot start."""
    holder = shared_port_socket(options["host"], options["port"])  # fails here, clearly, if the port is taken
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes: list[multiprocessing.process.BaseProcess] = []
    failed = False
    try:
        processes = [_start(options) for _ in range(workers)]
        while not stop.wait(POLL_S):
            for index, process in enumerate(processes):
                if process.is_alive():
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    failed = True
                    stop.set()
                    break
                log.warning("server process %s exited (code %s); starting another", process.pid, process.exitcode)
                processes[index] = _start(options)
    finally:
        _stop_all(processes, options.get("timeout_graceful_shutdown") or 5)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        holder.close()
    if failed:
        raise WorkersFailed("a server process could not start")


def _start(options: dict[str, Any]) -> multiprocessing.process.BaseProcess:
    process = _spawn.Process(target=_worker, args=(options,), name="jobfit-server")
    process.start()
    return process


def _stop_all(processes: list[multiprocessing.process.BaseProcess], grace_s: float) -> None:
    """SIGTERM every worker (uvicorn's graceful shutdown), then SIGKILL any still running after `grace_s` + 2 s."""
    for process in processes:
        if process.is_alive() and process.pid is not None:
            os.kill(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s + 2
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()
