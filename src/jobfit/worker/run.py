"""Running a queue worker: `jobfit worker` (its own process, any number on any machine) and the one `jobfit serve`
starts on a thread of its server process, so that `make run` still does everything with one command.

A worker runs up to `concurrency` jobs at once (`services/batch.ingest_file` in a thread each); their parses run in
sandbox child processes and their resumes are embedded together (`EmbeddingBatcher`). It beats a heartbeat every
`HEARTBEAT_S`; every `REVIVE_EVERY_S` it puts back in the queue the jobs of workers silent for `STALLED_S` (killed
with `kill -9`, or their machine lost), which is how nothing is lost. A failing job is retried with exponential
backoff (2, 4, 8, 16 s) and parked `failed` after `MAX_ATTEMPTS` runs, its file settled `failed` with the error.
Succeeded jobs are kept a week (the batch tables keep each file's outcome for good).
On SIGTERM or SIGINT a worker takes no new job, lets the jobs in hand finish for up to `shutdown_grace` seconds,
and releases the rest back to the queue.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import procrastinate
from procrastinate import RetryStrategy

from jobfit.runtime import Runtime
from jobfit.services import batch, upload
from jobfit.store.queue import INGEST_QUEUE, INGEST_TASK, queue_app
from jobfit.worker.batching import EmbeddingBatcher

log = logging.getLogger(__name__)

HEARTBEAT_S = 2.0
STALLED_S = 15.0
REVIVE_EVERY_S = 5.0
KEEP_SUCCEEDED_H = 7 * 24  # succeeded jobs are deleted after a week (parked failed ones are kept)


def worker_app(runtime: Runtime, jobs: ThreadPoolExecutor) -> tuple[procrastinate.App, EmbeddingBatcher[Any, Any]]:
    """The queue app with the ingest task bound to `runtime`, run on the `jobs` threads, and the batcher its jobs
    share."""
    app = queue_app(runtime.db.owner_url)
    batcher: EmbeddingBatcher[Any, Any] = EmbeddingBatcher(
        lambda parsed: upload.embed_resumes(runtime.embedder, parsed), max_batch=16)

    @app.task(name=INGEST_TASK, queue=INGEST_QUEUE, pass_context=True,
              retry=RetryStrategy(max_attempts=batch.MAX_ATTEMPTS - 1, exponential_wait=2))
    async def ingest_file(context: procrastinate.JobContext, user_id: str, file_id: str) -> None:
        await asyncio.get_running_loop().run_in_executor(jobs, functools.partial(
            batch.ingest_file, runtime, uuid.UUID(user_id), uuid.UUID(file_id), embed=batcher.embed,
            final_attempt=context.job.attempts >= batch.MAX_ATTEMPTS - 1))

    return app, batcher


async def revive_stalled(app: procrastinate.App) -> None:
    """Forever: put the jobs of silent workers back in the queue (another worker may have done it first), and
    about hourly delete the jobs that succeeded more than a week ago."""
    rounds = 0
    while True:
        await asyncio.sleep(REVIVE_EVERY_S)
        rounds += 1
        if rounds % int(3600 / REVIVE_EVERY_S) == 1:
            try:
                await app.job_manager.delete_old_jobs(nb_hours=KEEP_SUCCEEDED_H, queue=INGEST_QUEUE)
            except Exception:
                log.warning("could not delete old jobs", exc_info=True)
        try:
            stalled = await app.job_manager.get_stalled_jobs(queue=INGEST_QUEUE, seconds_since_heartbeat=STALLED_S)
        except Exception:
            log.warning("could not look for stalled jobs", exc_info=True)
            continue
        for job in stalled:
            try:
                await app.job_manager.retry_job(job)
                log.warning("job %s of a silent worker is back in the queue", job.id)
            except Exception:  # moved on meanwhile (finished, or revived by another worker)
                continue


async def run_worker(runtime: Runtime, *, concurrency: int, shutdown_grace: float,
                     install_signal_handlers: bool = True, warm_up: bool = True) -> None:
    """Run one worker until it is stopped (a signal, or cancelling this coroutine). With `warm_up` it loads its
    embedding model and starts its parse server before taking jobs (a worker of its own; the one in `jobfit serve`
    leaves the start-up to the server and loads them at its first job)."""
    # the jobs' own threads, not the loop's default executor: a stopping worker does not wait for a job it has
    # released (its parse is killed when the runtime closes; settling it again is a no-op)
    jobs = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="jobfit-job")
    app, batcher = worker_app(runtime, jobs)
    if warm_up:
        runtime.sandbox.start()  # the parse server loads its parsers meanwhile
        await asyncio.to_thread(runtime.embedder.embed, ["a first text loads the model"])
    async with app.open_async():
        reviver = asyncio.create_task(revive_stalled(app))
        try:
            await app.run_worker_async(queues=[INGEST_QUEUE], concurrency=concurrency,
                                       shutdown_graceful_timeout=shutdown_grace,
                                       install_signal_handlers=install_signal_handlers,
                                       update_heartbeat_interval=HEARTBEAT_S, stalled_worker_timeout=STALLED_S,
                                       listen_notify=True, name="jobfit-worker")
        finally:
            reviver.cancel()
            batcher.close()
            jobs.shutdown(wait=False, cancel_futures=True)


class BackgroundWorker:
    """A worker on a thread of this process (`jobfit serve`, `jobfit ingest`): `start()`, then `stop()`. It parses in
    a sandbox of its own, so the server's uploads never queue for a parse slot behind a batch."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime.with_own_sandbox()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name="jobfit-queue-worker", daemon=True)

    def start(self) -> BackgroundWorker:
        self._thread.start()
        self._ready.wait(30)
        return self

    def _main(self) -> None:
        settings = self.runtime.settings

        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._task = asyncio.current_task()  # type: ignore[assignment]
            self._ready.set()
            await run_worker(self.runtime, concurrency=settings.queue_concurrency,
                             shutdown_grace=settings.shutdown_grace, install_signal_handlers=False, warm_up=False)

        try:
            asyncio.run(main())
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("the queue worker stopped")
        finally:
            self._ready.set()

    def stop(self, timeout_s: float = 10) -> None:
        """Take no new job; jobs in hand get the shutdown grace to finish, then go back to the queue."""
        if self._loop is not None and self._task is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join(timeout_s)
        self.runtime.close_sandbox()  # kills a released job's parse
