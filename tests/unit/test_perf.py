"""`paused_gc`: overlapping pauses from several threads keep the collector off until the last one ends."""

from __future__ import annotations

import gc
import threading

from jobfit.perf import paused_gc


def test_overlapping_pauses_end_with_the_last() -> None:
    assert gc.isenabled()
    first_in, second_done, first_may_leave = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with paused_gc():
            first_in.set()
            first_may_leave.wait(5)
            seen.append(gc.isenabled())  # after the second pause ended: still off

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with paused_gc():
        assert not gc.isenabled()
    second_done.set()
    assert not gc.isenabled()  # the first pause still runs
    first_may_leave.set()
    thread.join(5)
    assert seen == [False]
    assert gc.isenabled()


def test_a_pause_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
