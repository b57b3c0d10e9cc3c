"""`perf`: loaded objects are frozen out of the collector; overlapping pauses from several threads keep it off until
the last one ends."""

from __future__ import annotations

import gc
import threading

from jobfit.perf import freeze_loaded_objects, paused_gc


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


def test_the_objects_a_process_loaded_are_frozen_out_of_the_collector() -> None:
    try:
        freeze_loaded_objects()
        frozen = gc.get_freeze_count()
        assert frozen > 50_000  # the modules and the skills taxonomy
        assert len(gc.get_objects()) < frozen  # a full pass no longer walks them
    finally:
        gc.unfreeze()
