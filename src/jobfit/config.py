"""Settings: one pydantic-settings object read from JOBFIT_* environment variables and DATABASE_URL.

Every option, its environment variable and its default is documented in the README's Configuration
table; keep the two in step.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from jobfit.documents.archive import ArchiveLimits
from jobfit.sandbox import ParseLimits
from jobfit.store.files import FileStore, file_store

SECRET_KEY_FILE = "secret_key"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("jobfit", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JOBFIT_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "JOBFIT_DATABASE_URL")
    )
    secret_key: str | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: str = "info"
    access_token_minutes: int = Field(default=60, ge=1)
    max_upload_mb: int = Field(default=10, ge=1)
    embedding_provider: str = "minilm"  # minilm | wordllama (also "local") | openai | sentence-transformers
    embedding_model: str | None = None
    embedding_base_url: str | None = None
    embedding_api_key: str | None = None
    embedding_dimensions: int | None = None
    # Threads one MiniLM pass may use (ONNX Runtime intra-op); requests already run in parallel (BENCHMARKS.md).
    embedding_threads: int = Field(default=1, ge=1, le=64)
    # Where models built from installed weights are kept (None: <data dir>/models); several data dirs may share one.
    model_cache_dir: Path | None = None
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_timeout: float = 30.0
    llm_retries: int = 2
    # Untrusted documents are parsed in child processes under these limits (`jobfit.sandbox`).
    parse_timeout: float = Field(default=10.0, gt=0, le=600)
    parse_memory_mb: int = Field(default=256, ge=64, le=65536)
    max_concurrent_uploads: int = Field(default=4, ge=1, le=256)
    # CPU-bound requests (scoring, ranking, suggestions) running at once per server process; the rest queue
    # (`http/concurrency.py`) for at most heavy_queue_timeout seconds, then get 503.
    heavy_concurrency: int = Field(default=2, ge=1, le=64)
    heavy_queue_timeout: float = Field(default=30.0, gt=0, le=600)
    # Slow work of one account (uploads, batches, URL imports) running at once per server process; one more waits
    # at most upload_queue_timeout seconds for a turn, then gets 429 (`http/concurrency.py`).
    uploads_per_user: int = Field(default=2, ge=1, le=64)
    upload_queue_timeout: float = Field(default=10.0, ge=0, le=600)
    # Connections: seconds to send a request's headers, and its whole body; graceful shutdown's wait.
    header_timeout: float = Field(default=10.0, gt=0, le=3600)
    body_timeout: float = Field(default=60.0, gt=0, le=3600)
    shutdown_grace: int = Field(default=3, ge=0, le=60)
    # Job import from a URL refuses private, loopback and link-local addresses unless this is set.
    allow_private_urls: bool = False
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: comma-separated addresses or networks
    # ("127.0.0.1", "10.0.0.0/8"), or "*" for any; empty (the default): none, the client is the socket's peer.
    trusted_proxies: str = ""
    # Server processes of `jobfit serve` (None: one per core).
    workers: int | None = Field(default=None, ge=1, le=64)
    # Where original files live: unset, the data dir's `files/` folder; `s3://bucket/prefix`, an S3-compatible
    # bucket (endpoint and region for S3 look-alikes; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
    storage_url: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    # With an external database other machines may be writing files meanwhile: the start-up sweep leaves files
    # younger than this alone (seconds). The embedded database has one server, so it sweeps everything.
    sweep_grace: float = Field(default=3600.0, ge=0)
    # Batches: the request size, files per batch, and what a zip may inflate to.
    max_batch_mb: int = Field(default=200, ge=1, le=100_000)
    max_batch_files: int = Field(default=10_000, ge=1, le=1_000_000)
    max_archive_mb: int = Field(default=2048, ge=1, le=1_000_000)
    # Queue workers: jobs one worker runs at once; whether `jobfit serve` runs one in-process; and how long a
    # stopping `jobfit worker` lets the jobs in hand finish before it releases them to the queue.
    queue_concurrency: int = Field(default=4, ge=1, le=64)
    serve_worker: bool = True
    worker_shutdown_grace: float = Field(default=30.0, ge=0, le=3600)
    # Days the decision log keeps its rows; `jobfit log purge` deletes older ones (6 months: EU AI Act Art. 26(6)).
    log_retention_days: int = Field(default=183, ge=1, le=36500)

    @field_validator("data_dir", "model_cache_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser().resolve() if value is not None else None

    @field_validator("log_level", mode="after")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.lower()
        if level not in {"critical", "error", "warning", "info", "debug"}:
            raise ValueError("log level must be one of critical, error, warning, info, debug")
        return level

    @field_validator("trusted_proxies", mode="after")
    @classmethod
    def _proxies(cls, value: str) -> str:
        entries = [entry.strip() for entry in value.split(",") if entry.strip()]
        for entry in entries:
            if entry != "*":
                try:
                    ipaddress.ip_network(entry, strict=False)
                except ValueError:
                    raise ValueError(f"trusted proxies: {entry!r} is not an address or network (e.g. 10.0.0.0/8)")
        return ",".join(entries)

    @property
    def embedded(self) -> bool:
        """True when jobfit runs its own Postgres under the data dir (DATABASE_URL unset)."""
        return not self.database_url

    @property
    def server_workers(self) -> int:
        return self.workers or os.cpu_count() or 1

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def pg_dir(self) -> Path:
        return self.data_dir / "postgres"

    def file_store(self) -> FileStore:
        return file_store(self.storage_url, self.files_dir, endpoint_url=self.s3_endpoint_url, region=self.s3_region)

    def archive_limits(self) -> ArchiveLimits:
        return ArchiveLimits(max_members=self.max_batch_files, max_member_bytes=self.max_upload_mb * 2**20,
                             max_total_bytes=self.max_archive_mb * 2**20)

    @property
    def models_dir(self) -> Path:
        """Where models built from installed weights are cached (the MiniLM ONNX model)."""
        return self.model_cache_dir or self.data_dir / "models"

    def parse_limits(self) -> ParseLimits:
        return ParseLimits(timeout_s=self.parse_timeout, memory_mb=self.parse_memory_mb,
                           max_concurrent=self.max_concurrent_uploads, queue_s=self.parse_timeout)

    def resolved_secret_key(self) -> str:
        """The JWT signing key: JOBFIT_SECRET_KEY, else one generated once and kept (mode 0600)."""
        if self.secret_key:
            return self.secret_key
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = self.data_dir / SECRET_KEY_FILE
        if path.exists():
            return path.read_text().strip()
        key = secrets.token_urlsafe(48)  # 48 random bytes
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process won the race: use its key
            return path.read_text().strip()
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
        return key


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
