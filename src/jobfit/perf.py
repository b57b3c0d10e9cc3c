"""Keeping the cyclic garbage collector's passes short: the objects a server process loads once are frozen out of
them, and ranking's burst of short-lived objects runs with the collector paused, safely across threads.

A full pass walks every tracked object alive. Over a server's modules and the skills taxonomy (~220k objects)
one took 150-500 ms, a stall for every request in flight in that process; frozen, they are never walked.

Loading and scoring dozens of stored profiles allocates hundreds of thousands of small objects, over which
CPython's collector would otherwise run full passes mid-request. Reference counting still frees memory while
the collector is paused. The pause is counted: the collector comes back when the last of the overlapping
pauses (concurrent requests) ends, never while another one is still running.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


def freeze_loaded_objects() -> None:
    """Load the static data every request uses, then move every object alive into the collector's permanent
    generation (call once a process has started; objects frozen are still freed by reference counting)."""
    from jobfit.skills.loader import load_taxonomy

    load_taxonomy()
    gc.freeze()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Keep the collector off for the block (and for any other thread's overlapping block).

    Drop the burst's big structures inside the block: the collector's first pass after it walks every
    tracked object still alive that was allocated meanwhile.
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
