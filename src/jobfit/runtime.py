"""Runtime: the effects a running jobfit holds (database, file store, embedder), opened from Settings.

`open_runtime` starts the embedded Postgres when DATABASE_URL is unset, applies migrations, checks
the recorded embedding model, and returns one object that the API, the web pages and the CLI share.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import queue
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jobfit.config import Settings
from jobfit.providers.embedders import embedder_from_settings
from jobfit.store import migrate
from jobfit.store.db import APP_ROLE, Database
from jobfit.store.embedded import EmbeddedPostgres
from jobfit.store.files import FileStore
from jobfit.store.queue import queue_app

if TYPE_CHECKING:
    import procrastinate

    from jobfit.embeddings.base import Embedder
    from jobfit.sandbox import Sandbox

log = logging.getLogger(__name__)


BACKGROUND_LIMIT = 256  # tasks waiting for the background thread; more are dropped (what they do is redone later)
BACKGROUND_NICE = 10  # the background thread's CPU priority below requests' (Linux: per thread)


class BackgroundWork:
    """One thread running short tasks after a response (e.g. the statement vectors of an upload), in order, at a
    lower CPU priority than requests. At most `limit` wait: a task submitted beyond that, or after `close`, is
    dropped with a warning, so only tasks whose work is redone when needed belong here. A failing task is logged."""

    def __init__(self, limit: int = BACKGROUND_LIMIT) -> None:
        self._tasks: queue.Queue[Callable[[], object] | None] = queue.Queue(limit)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, task: Callable[[], object]) -> bool:
        """Queue `task`; False when it was dropped (too many waiting, or closed)."""
        with self._lock:
            if self._closed:
                return False
            try:
                self._tasks.put_nowait(task)
            except queue.Full:
                log.warning("background work is %d tasks behind; a task was dropped", self._tasks.maxsize)
                return False
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="jobfit-background", daemon=True)
                self._thread.start()
            return True

    def _run(self) -> None:
        with contextlib.suppress(AttributeError, OSError):  # no per-thread priority here: runs at the same one
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
        while True:
            task = self._tasks.get()
            try:
                if task is None:
                    return
                task()
            except Exception:
                log.exception("a background task failed")
            finally:
                self._tasks.task_done()

    def wait(self) -> None:
        """Return once every task submitted so far has run (tests and benches)."""
        self._tasks.join()

    def close(self, timeout_s: float = 10.0) -> None:
        """Take no more tasks, drop those waiting and let the running one finish (up to `timeout_s`)."""
        with self._lock:
            self._closed = True
            thread = self._thread
        while True:
            try:
                self._tasks.get_nowait()
                self._tasks.task_done()
            except queue.Empty:
                break
        if thread is not None:
            self._tasks.put(None)
            thread.join(timeout_s)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    files: FileStore
    server: EmbeddedPostgres | None = None
    secret_key: str = field(default="", repr=False)
    _embedder: Embedder | None = field(default=None, repr=False)
    _sandbox: Sandbox | None = field(default=None, repr=False)
    _queue: procrastinate.App | None = field(default=None, repr=False)
    _background: BackgroundWork | None = field(default=None, repr=False)
    _closed: bool = field(default=False, repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = embedder_from_settings(self.settings)
            return self._embedder

    def load_embedder_in_background(self) -> None:
        """Load the embedding model in a background thread (a server process at start), so the first upload does
        not wait for it; a failure is logged here and raised again by the first `embed`."""
        load = getattr(self.embedder, "load", None)  # the offline embedders; a hosted one has nothing to load
        if load is None:
            return

        def run() -> None:
            try:
                load()
            except Exception as exc:
                log.warning("could not load the embedding model: %s", exc)

        threading.Thread(target=run, name="jobfit-embedder-load", daemon=True).start()

    @property
    def background(self) -> BackgroundWork:
        """This process's thread for work done after a response (`BackgroundWork`), started on first use."""
        with self._lock:
            if self._background is None:
                self._background = BackgroundWork()
                if self._closed:
                    self._background.close()
            return self._background

    @property
    def queue(self) -> procrastinate.App:
        """The job queue, for enqueueing on a session's connection (`store/queue.py`); workers open their own."""
        with self._lock:
            if self._queue is None:
                self._queue = queue_app(self.db.owner_url)
            return self._queue

    @property
    def sandbox(self) -> Sandbox:
        """Where uploads are parsed: child processes under the configured time and memory limits."""
        with self._lock:
            if self._sandbox is None:
                from jobfit.sandbox import Sandbox

                self._sandbox = Sandbox(self.settings.parse_limits())
                if self._closed:
                    self._sandbox.close()
            return self._sandbox

    def with_own_sandbox(self) -> Runtime:
        """The same database, files and embedder with a parse sandbox of its own (its own slots), for a queue worker
        inside a server: a long batch then never makes an upload wait for a parse slot. Close it with
        `close_sandbox`."""
        return dataclasses.replace(self, _sandbox=None)

    def close_sandbox(self) -> None:
        with self._lock:
            sandbox, self._sandbox = self._sandbox, None
        if sandbox is not None:
            sandbox.close()

    def watch_database(self, interval_s: float = 1.0) -> None:
        """Restart the embedded Postgres whenever it dies (checked every `interval_s`); requests meanwhile get
        503, and pooled connections are replaced on their next use (a ping after idling, `store/db.py`). No-op
        for an external database, whose pool reconnects by itself once it is back."""
        server = self.server
        if server is None:
            return

        def watch() -> None:
            while not self._stopping.wait(interval_s):
                try:
                    server.ensure_running()
                except Exception:  # e.g. the data folder is gone: keep trying, say why each time
                    log.exception("could not restart the embedded PostgreSQL server")

        threading.Thread(target=watch, name="jobfit-db-watchdog", daemon=True).start()

    def close(self) -> None:
        self._stopping.set()
        with self._lock:
            self._closed = True
            sandbox, background = self._sandbox, self._background
        if background is not None:  # before the database goes: its running task may be writing
            background.close()
        if sandbox is not None:
            sandbox.close()
        self.db.dispose()
        if self.server is not None:
            self.server.stop()
            self.server = None


# Set by `jobfit serve --workers N` for its worker processes: "<owner URL> <app URL>" of the running database.
WORKER_DATABASE_ENV = "JOBFIT_WORKER_DATABASE"


def connect_runtime(settings: Settings, owner_url: str, app_url: str | None) -> Runtime:
    """A Runtime on a database that another process started and migrated (a worker of `jobfit serve`)."""
    return Runtime(settings=settings, db=Database(owner_url, app_url), files=settings.file_store(),
                   secret_key=settings.resolved_secret_key())


def open_runtime(settings: Settings, *, embedder: Embedder | None = None, check_embedding: bool = True) -> Runtime:
    """Start (or connect to) Postgres, migrate to head, and return the Runtime. Caller must close().

    The embedder is made first: one that cannot run here (its model not installed) raises `EmbeddingError`
    before any database is started."""
    emb = embedder if embedder is not None else embedder_from_settings(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    server: EmbeddedPostgres | None = None
    if settings.embedded:
        server = EmbeddedPostgres(settings.pg_dir)
        server.start()
        owner_url, app_url = server.url(), server.url(role=APP_ROLE)
    else:
        assert settings.database_url
        owner_url, app_url = settings.database_url, None
    try:
        db = Database(owner_url, None)
        migrate.upgrade(db.owner_engine, embedding_dim=emb.dim, embedding_model=emb.name)
        if check_embedding:
            migrate.check_embedding(db.owner_engine, embedding_dim=emb.dim, embedding_model=emb.name)
        if server is not None:
            db.let_app_role_log_in()
            db.dispose()
            db = Database(owner_url, app_url)
        files = settings.file_store()
        sweep_files(db, files, min_age_s=0 if settings.embedded else settings.sweep_grace)
    except BaseException:
        if server is not None:
            server.stop()
        raise
    return Runtime(settings=settings, db=db, files=files, server=server, secret_key=settings.resolved_secret_key(),
                   _embedder=emb)


def sweep_files(db: Database, files: FileStore, *, min_age_s: float = 0) -> int:
    """Settle files left by a crash between a file write and its row's commit (`FileStore.sweep`); files younger
    than `min_age_s` may belong to another process's open transaction and are left alone."""
    from jobfit.store.documents import storage_keys

    def keys_of_user(user_id: uuid.UUID) -> set[str]:
        with db.user_session(user_id, active_only=False) as session:
            return storage_keys(session)

    return files.sweep(keys_of_user, min_age_s=min_age_s)
