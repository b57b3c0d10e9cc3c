"""A `jobfit serve` started by a bench script: waiting until its /health answers 200 (or it has exited), and the
CPU time it and its descendants have used, read from /proc."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx


def wait_until_healthy(url: str, server: subprocess.Popen, timeout_s: float) -> bool:
    """True once `url`/health answers 200; False if `server` exits or `timeout_s` passes first."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            return False
        time.sleep(0.2)


def tree_cpu_s(pids: set[int], skip: str | None = None) -> float:
    """CPU seconds (user + system) used so far by these processes and all their descendants; a descendant whose
    command starts with `skip` is not counted (its own descendants still are). 0 where /proc is missing."""
    stats: dict[int, tuple[int, str, float]] = {}  # pid -> (parent pid, command, CPU s)
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
            fields = tail.split()  # from field 3 (state): ppid is field 4, utime and stime fields 14 and 15
            cpu = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
        stats[int(stat.parent.name)] = (int(fields[1]), head.split("(", 1)[1], cpu)
    total, todo, seen = 0.0, list(pids), set()
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in stats:
            continue
        seen.add(pid)
        if skip is None or not stats[pid][1].startswith(skip):
            total += stats[pid][2]
        todo += [child for child, (parent, _, _) in stats.items() if parent == pid]
    return total


def settled_cpu_s(pids: set[int], skip: str | None = None, idle_s: float = 0.05, every_s: float = 1.0) -> float:
    """`tree_cpu_s` once the processes have gone quiet (less than `idle_s` of CPU in `every_s`): their background
    work done."""
    before = tree_cpu_s(pids, skip)
    while True:
        time.sleep(every_s)
        now = tree_cpu_s(pids, skip)
        if now - before < idle_s:
            return now
        before = now
