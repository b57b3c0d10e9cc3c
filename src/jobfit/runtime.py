"""Runtime: the effects a running jobfit holds (database, file store, embedder), opened from Settings.

`open_runtime` starts the embedded Postgres when DATABASE_URL is unset, applies migrations, checks
the recorded embedding model, and returns one object that the API, the web pages and the CLI share.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import text

from jobfit.config import Settings
from jobfit.embeddings.factory import embedder_from_settings
from jobfit.store import migrate
from jobfit.store.db import APP_ROLE, Database
from jobfit.store.embedded import EmbeddedPostgres
from jobfit.store.files import FileStore, LocalFileStore

if TYPE_CHECKING:
    from jobfit.embeddings.base import Embedder
    from jobfit.matching.parallel import ScoringPool

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    files: FileStore
    server: EmbeddedPostgres | None = None
    secret_key: str = field(default="", repr=False)
    _embedder: Embedder | None = field(default=None, repr=False)
    _scoring: ScoringPool | None = field(default=None, repr=False)
    _closed: bool = field(default=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = embedder_from_settings(self.settings)
            return self._embedder

    @property
    def scoring(self) -> ScoringPool | None:
        """The helper processes ranking shares its scoring with (started on first use), or None when
        `scoring_workers` is 0, the machine has one core, or the runtime is closed."""
        with self._lock:
            if self._closed:
                return None
            if self._scoring is None:
                from jobfit.matching.parallel import ScoringPool

                workers = self.settings.scoring_workers
                self._scoring = ScoringPool(workers).start()
            return self._scoring if self._scoring.workers else None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            scoring, self._scoring = self._scoring, None
        if scoring is not None:
            scoring.close()
        self.db.dispose()
        if self.server is not None:
            self.server.stop()
            self.server = None


def open_runtime(settings: Settings, *, embedder: Embedder | None = None, check_embedding: bool = True) -> Runtime:
    """Start (or connect to) Postgres, migrate to head, and return the Runtime. Caller must close()."""
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
        emb = embedder if embedder is not None else embedder_from_settings(settings)
        migrate.upgrade(db.owner_engine, embedding_dim=emb.dim, embedding_model=emb.name)
        if check_embedding:
            migrate.check_embedding(db.owner_engine, embedding_dim=emb.dim, embedding_model=emb.name)
        if server is not None:
            with db.owner_engine.begin() as conn:
                conn.execute(text(f"ALTER ROLE {APP_ROLE} LOGIN"))
            db.dispose()
            db = Database(owner_url, app_url)
    except BaseException:
        if server is not None:
            server.stop()
        raise
    return Runtime(settings=settings, db=db, files=LocalFileStore(settings.files_dir), server=server,
                   secret_key=settings.resolved_secret_key(), _embedder=emb)
