"""Parse untrusted documents in child processes, each under a wall-clock budget and a memory cap.

Every parse runs in a fresh process forked from a warm forkserver (parsers and skills taxonomy loaded once,
see `sandbox_preload`), with RLIMIT_AS set to its starting size plus `memory_mb`. The caller waits for the
answer in short slices and kills the child when it has used `timeout_s` seconds of CPU (the document is too
costly: `TooComplexError`), when it dies of its memory cap, or when the caller gives up (the client hung up, the
server stops). The budget is the child's own CPU time, not the wall clock, so a busy machine does not turn an
ordinary document into a refusal; a child that gets too little CPU to finish within `wall_s` is killed too, and
that is `SandboxBusy` (try again), not the document's fault. A child's memory goes back to the system when it
ends, so a huge document never grows the server. At most `max_concurrent` parses run at once; a caller that
finds no slot within `queue_s` gets `SandboxBusy`.

The forkserver and its children are started with SIGINT blocked: Ctrl-C reaches the whole process group, and
a forkserver still loading its parsers would otherwise die of it with a traceback; the parent stops them.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from jobfit.documents.errors import DocumentError, TooComplexError, error_for_code

log = logging.getLogger(__name__)

_POLL_S = 0.05
_CONTEXT = multiprocessing.get_context("forkserver")
# "__main__" too: each child would otherwise import the main script again (the `jobfit` CLI: ~0.1 s)
_CONTEXT.set_forkserver_preload(["__main__", "jobfit.sandbox_preload"])


class SandboxBusy(RuntimeError):
    """Every parse slot stayed taken for the whole wait: the server is saturated, try again shortly."""


class ParseOverloaded(SandboxBusy):
    """The parse got too little CPU to finish within its wall-clock limit: the machine is overloaded."""


class ParseCancelled(RuntimeError):
    """The caller gave up (client disconnected, server stopping); the child was killed."""


@dataclass(frozen=True)
class ParseLimits:
    timeout_s: float = 10.0  # CPU seconds one parse may use
    memory_mb: int = 256
    max_concurrent: int = 2
    queue_s: float = 10.0
    wall_s: float | None = None  # wall-clock seconds before a starved parse is given up (None: 3 x timeout_s + 5)

    @property
    def wall_limit(self) -> float:
        return self.wall_s if self.wall_s is not None else 3 * self.timeout_s + 5


def _vm_size() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


_CLOCK_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process `pid` (None where /proc cannot tell: the caller falls back to wall time)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rpartition(b")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICK  # utime, stime: fields 14 and 15 of stat(5)


def _call(kind: str, args: tuple[Any, ...]) -> Any:
    if kind == "resume":
        from jobfit.documents.resume import parse_resume

        return parse_resume(*args)
    if kind == "resume_text":
        from jobfit.documents.resume import parse_resume_text

        return parse_resume_text(*args)
    if kind == "job_file":
        from jobfit.documents.job import parse_job_file

        return parse_job_file(*args)
    if kind == "job":
        from jobfit.documents.job import parse_job

        return parse_job(**args[0])
    raise ValueError(f"unknown parse kind {kind!r}")


def _child(conn: Connection, memory_mb: int, timeout_s: float, kind: str, args: tuple[Any, ...]) -> None:
    """The parse child: cap its own address space and CPU time, parse, send one answer, exit.

    Ctrl-C reaches the whole process group; the child leaves stopping to its parent, which kills it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    start_rss = _peak_rss()
    cap = _vm_size() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = int(timeout_s) + 2  # a backstop: the parent kills it at timeout_s of CPU time
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        answer: tuple[Any, ...] = ("ok", _call(kind, args))
    except DocumentError as exc:
        answer = ("error", exc.code, exc.message)
    except MemoryError:
        answer = ("error", TooComplexError.code, "The document needs more memory to read than is allowed.")
    except Exception as exc:  # a parser bug on odd input: the file is unreadable to us, not a server error
        log.warning("parser failed on a %s document: %s", kind, type(exc).__name__, exc_info=True)
        answer = ("error", "corrupt_file", f"The file could not be read ({type(exc).__name__}).")
    try:
        conn.send((*answer, max(0, _peak_rss() - start_rss)))
    except (OSError, EOFError):  # the caller gave up or stopped meanwhile: nobody waits for the answer
        return
    conn.close()


class Sandbox:
    """Runs parses in child processes under `ParseLimits`. Thread-safe; `close()` kills running parses."""

    def __init__(self, limits: ParseLimits | None = None) -> None:
        self.limits = limits or ParseLimits()
        self._slots = threading.BoundedSemaphore(self.limits.max_concurrent)
        self._running: set[Any] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._started = False
        self.peak_child_growth = 0  # the largest growth of a child's RSS during its parse, in bytes

    def start(self) -> Sandbox:
        """Start the forkserver in the background (it loads the parsers), so the first upload is not slow."""
        with self._lock:
            if self._started:
                return self
            self._started = True
        threading.Thread(target=self._warm, name="jobfit-sandbox-start", daemon=True).start()
        return self

    def _warm(self) -> None:
        try:
            self.parse_resume_text("Warm-up resume text with enough words to be parsed.")
        except Exception:  # a failed warm-up only means the first parse starts the forkserver itself
            log.debug("sandbox warm-up failed", exc_info=True)

    def parse_resume(self, data: bytes, filename: str | None, cancelled: Callable[[], bool] | None = None) -> Any:
        return self.run("resume", (data, filename), cancelled)

    def parse_resume_text(self, text: str, cancelled: Callable[[], bool] | None = None) -> Any:
        return self.run("resume_text", (text,), cancelled)

    def parse_job_file(self, data: bytes, filename: str | None, title: str | None,
                       cancelled: Callable[[], bool] | None = None) -> Any:
        return self.run("job_file", (data, filename, title), cancelled)

    def parse_job(self, fields: dict[str, Any], cancelled: Callable[[], bool] | None = None) -> Any:
        return self.run("job", (fields,), cancelled)

    def run(self, kind: str, args: tuple[Any, ...], cancelled: Callable[[], bool] | None = None) -> Any:
        """Parse in a child; raises the parser's DocumentError, TooComplexError on overrun, SandboxBusy,
        or ParseCancelled."""
        if not self._slots.acquire(timeout=self.limits.queue_s):
            raise SandboxBusy("too many documents are being read right now; try again in a few seconds")
        try:
            return self._run(kind, args, cancelled or (lambda: False))
        finally:
            self._slots.release()

    def _run(self, kind: str, args: tuple[Any, ...], cancelled: Callable[[], bool]) -> Any:
        limits = self.limits
        receiver, sender = _CONTEXT.Pipe(duplex=False)
        proc = _CONTEXT.Process(target=_child, args=(sender, limits.memory_mb, limits.timeout_s, kind, args),
                                name="jobfit-parse", daemon=True)
        with self._lock:
            if self._closed:
                raise ParseCancelled("the server is stopping")
            _start_without_sigint(proc)
            self._running.add(proc)
        sender.close()
        started = time.monotonic()
        try:
            while not receiver.poll(_POLL_S):
                if self._closed or cancelled():
                    raise ParseCancelled("the parse was cancelled")
                wall = time.monotonic() - started
                cpu = _cpu_seconds(proc.pid) if proc.pid else None
                if (wall if cpu is None else cpu) > limits.timeout_s:
                    raise TooComplexError(f"The document took longer than {limits.timeout_s:g} s to read.")
                if wall > limits.wall_limit:
                    raise ParseOverloaded("the server is too busy to read this document now; try again shortly")
            try:
                answer = receiver.recv()
            except EOFError:  # the child died: killed by close(), its memory or CPU cap, or a native parser crash
                if self._closed:
                    raise ParseCancelled("the server is stopping") from None
                proc.join(1)
                if proc.exitcode == -signal.SIGXCPU:
                    raise TooComplexError(
                        f"The document took longer than {limits.timeout_s:g} s to read.") from None
                raise TooComplexError("The document needs more memory to read than is allowed.") from None
        finally:
            receiver.close()
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            with self._lock:
                self._running.discard(proc)
        *outcome, growth = answer
        self.peak_child_growth = max(self.peak_child_growth, growth)
        if outcome[0] == "ok":
            return outcome[1]
        raise error_for_code(outcome[1], outcome[2])

    def close(self) -> None:
        """Kill every running parse; later calls raise ParseCancelled."""
        with self._lock:
            self._closed = True
            running = list(self._running)
        for proc in running:
            proc.kill()


def _start_without_sigint(proc: Any) -> None:
    """Start `proc` with SIGINT blocked in this thread: the forkserver, when this start launches it, inherits the
    mask (and its children from it), so Ctrl-C on the process group never interrupts it, even while it is still
    importing its preload. Other threads keep receiving SIGINT as before. (The stdlib guards its resource
    tracker the same way, bpo-33613; it is started first because its launch unblocks SIGINT in this thread.)"""
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        proc.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
