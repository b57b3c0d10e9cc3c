"""One model call for the files a worker runs at once: jobs hand their parsed resumes to `EmbeddingBatcher` and
wait; its thread embeds everything handed over since its last call together, so while one call runs the next
batch gathers by itself, with no waiting added when the worker is idle."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class EmbeddingBatcher(Generic[Item, Result]):
    """Runs `embed_many` over up to `max_batch` items at a time, in one thread, for callers on any thread."""

    def __init__(self, embed_many: Callable[[Sequence[Item]], Sequence[Result]], max_batch: int = 16) -> None:
        self._embed_many = embed_many
        self._max_batch = max_batch
        self._pending: queue.SimpleQueue[tuple[Item, Future[Result]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="jobfit-embed", daemon=True)
        self._thread.start()
        self.calls = 0  # how many model calls were made (for tests and logs)

    def embed(self, item: Item) -> Result:
        """The result for `item`, once the call it joined has run (its exception, if that call failed)."""
        done: Future[Result] = Future()
        self._pending.put((item, done))
        return done.result()

    def close(self) -> None:
        self._pending.put(None)

    def _run(self) -> None:
        while (first := self._pending.get()) is not None:
            group = [first]
            while len(group) < self._max_batch:
                try:
                    nxt = self._pending.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._pending.put(None)  # stop after this call
                    break
                group.append(nxt)
            self.calls += 1
            try:
                results = self._embed_many([item for item, _ in group])
            except BaseException as exc:
                for _, done in group:
                    done.set_exception(exc)
                continue
            for (_, done), result in zip(group, results, strict=True):
                done.set_result(result)
