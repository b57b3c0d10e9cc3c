"""The parse sandbox: real child processes, killed past their time or memory, or when the caller gives up."""

from __future__ import annotations

import threading
import time

import pytest

from jobfit.documents.errors import NoTextError, TooComplexError
from jobfit.sandbox import ParseCancelled, ParseLimits, ParseOverloaded, Sandbox, SandboxBusy
from tests.corpus.pdf_builder import pdf_with_content

# 4.7 kB on the wire: 2 MB of path operators, no text, so pdfminer's fallback walks them all (~15 s in-process)
SLOW_PDF = pdf_with_content(b"0 0 m 10 10 l S\n" * (2 * 1024 * 1024 // 16))
# 120 kB on the wire, under the inflate cap: PDFium builds 1.2M text objects (~670 MB in-process)
HUNGRY_PDF = pdf_with_content(b"BT /F1 11 Tf 72 700 Td (A) Tj ET\n" * (40 * 1024 * 1024 // 33))
RESUME = b"Jane Doe\njane@example.com\n\nExperience\nPython developer at Acme, 2019 - 2023\n\nSkills\nPython, SQL\n"


@pytest.fixture(scope="module")
def sandbox():
    box = Sandbox(ParseLimits(timeout_s=2, memory_mb=256, max_concurrent=2, queue_s=1))
    box.parse_resume(RESUME, "warm.txt")
    yield box
    box.close()


def test_a_parse_returns_the_parsed_document_and_parser_errors(sandbox: Sandbox) -> None:
    parsed = sandbox.parse_resume(RESUME, "cv.txt")
    assert parsed.contact_info.email.value == "jane@example.com"
    with pytest.raises(NoTextError):
        sandbox.parse_resume(b"!!! ??? ...", "cv.txt")


def test_a_parse_past_its_time_is_killed(sandbox: Sandbox) -> None:
    started = time.monotonic()
    with pytest.raises(TooComplexError, match="longer than 2 s"):
        sandbox.parse_resume(SLOW_PDF, "cv.pdf")
    assert time.monotonic() - started < sandbox.limits.wall_limit
    assert not sandbox._running


def _pause_the_child(box: Sandbox, seconds: float | None) -> threading.Thread:
    """SIGSTOP the next parse child as soon as it runs, for `seconds` (None: until it is killed), as a machine
    too busy to schedule it would."""
    import os
    import signal

    def pause() -> None:
        deadline = time.monotonic() + 10
        while not box._running and time.monotonic() < deadline:
            time.sleep(0.001)
        pid = next(iter(box._running)).pid
        os.kill(pid, signal.SIGSTOP)
        if seconds is not None:
            time.sleep(seconds)
            os.kill(pid, signal.SIGCONT)

    thread = threading.Thread(target=pause)
    thread.start()
    return thread


def test_the_budget_is_the_childs_cpu_time_so_a_busy_machine_does_not_refuse_a_document() -> None:
    """Under CPU contention a parse takes longer by the clock but not in its own CPU time: it is not refused."""
    box = Sandbox(ParseLimits(timeout_s=1, max_concurrent=1, wall_s=20))
    try:
        box.parse_resume(RESUME, "warm.txt")
        pause = _pause_the_child(box, 2.0)
        started = time.monotonic()
        parsed = box.parse_resume(RESUME * 200, "cv.txt")  # ~0.1-0.3 s of CPU
        pause.join()
        assert time.monotonic() - started > 1.5  # longer than the budget by the clock
        assert parsed.contact_info.email.value == "jane@example.com"
    finally:
        box.close()


def test_a_starved_parse_is_given_up_as_busy_not_as_a_bad_document() -> None:
    box = Sandbox(ParseLimits(timeout_s=5, max_concurrent=1, wall_s=1.5))
    try:
        box.parse_resume(RESUME, "warm.txt")
        pause = _pause_the_child(box, None)
        started = time.monotonic()
        with pytest.raises(ParseOverloaded):
            box.parse_resume(RESUME, "cv.txt")
        pause.join()
        assert time.monotonic() - started < 4
        assert not box._running
    finally:
        box.close()


FORKSERVER_UNDER_CTRL_C = """
import os, signal, sys, threading, time
from multiprocessing import forkserver
from jobfit.sandbox import Sandbox

def main():
    box = Sandbox()
    answers = []
    worker = threading.Thread(target=lambda: answers.append(box.parse_resume_text("Jane Doe, jane@example.com, "
                                                                                  "Python developer since 2019")))
    worker.start()
    deadline = time.monotonic() + 10
    while forkserver._forkserver._forkserver_pid is None and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(0.05)  # it is importing its preload now (parsers, taxonomy: a second or more)
    os.kill(forkserver._forkserver._forkserver_pid, signal.SIGINT)  # as Ctrl-C on the process group would
    worker.join(60)
    print(answers[0].contact_info.email.value)
    box.close()

if __name__ == "__main__":
    main()
"""


def test_ctrl_c_while_the_forkserver_loads_neither_kills_it_nor_prints_a_traceback(tmp_path) -> None:
    import subprocess
    import sys

    script = tmp_path / "ctrl_c.py"
    script.write_text(FORKSERVER_UNDER_CTRL_C)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "jane@example.com", done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr


def test_a_parse_past_its_memory_is_stopped_and_the_server_does_not_grow(sandbox: Sandbox) -> None:
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(TooComplexError, match="memory"):
        sandbox.parse_resume(HUNGRY_PDF, "cv.pdf")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024  # kB
    assert sandbox.peak_child_growth < 256 * 1024 * 1024


def test_a_caller_that_gives_up_kills_its_parse(sandbox: Sandbox) -> None:
    gone = threading.Event()
    threading.Timer(0.3, gone.set).start()
    started = time.monotonic()
    with pytest.raises(ParseCancelled):
        sandbox.parse_resume(SLOW_PDF, "cv.pdf", gone.is_set)
    assert time.monotonic() - started < 1.5
    assert not sandbox._running


def test_parses_beyond_the_cap_wait_then_get_busy() -> None:
    box = Sandbox(ParseLimits(timeout_s=3, max_concurrent=1, queue_s=0.2))
    try:
        def slow() -> None:
            with pytest.raises(TooComplexError):
                box.parse_resume(SLOW_PDF, "a.pdf")

        worker = threading.Thread(target=slow)
        worker.start()
        time.sleep(0.5)
        with pytest.raises(SandboxBusy):
            box.parse_resume(RESUME, "cv.txt")
        worker.join()
    finally:
        box.close()


def test_close_stops_running_parses_at_once() -> None:
    box = Sandbox(ParseLimits(timeout_s=30))
    errors: list[BaseException] = []

    def parse() -> None:
        try:
            box.parse_resume(SLOW_PDF, "cv.pdf")
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=parse)
    worker.start()
    time.sleep(1.0)
    started = time.monotonic()
    box.close()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - started < 2
    assert isinstance(errors[0], ParseCancelled)
