"""How every command that needs the database gets its settings and runtime, and how it logs."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jobfit.cli.output import fail

if TYPE_CHECKING:
    from jobfit.config import Settings
    from jobfit.runtime import Runtime


def load_settings(**overrides: object):
    from pydantic import ValidationError

    from jobfit.config import Settings

    try:
        base = Settings()
        return base.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "JOBFIT_" + "_".join(str(part) for part in first["loc"]).upper()
        fail(f"invalid configuration: {name.replace('JOBFIT_DATABASE_URL', 'DATABASE_URL')}: {first['msg']}")


def require_embedder(settings: Settings) -> None:
    """Stop with one line saying what to run when the configured embedder cannot run here (e.g. the MiniLM model
    package, installed apart from jobfit, is missing)."""
    from jobfit.embeddings.base import EmbeddingError
    from jobfit.providers.embedders import embedder_from_settings

    try:
        embedder_from_settings(settings)
    except EmbeddingError as exc:
        fail(str(exc))


def open_or_fail(settings, **kwargs):
    from jobfit.embeddings.base import EmbeddingError
    from jobfit.runtime import open_runtime
    from jobfit.store.embedded import EmbeddedPostgresError
    from jobfit.store.migrate import SchemaError

    try:
        return open_runtime(settings, **kwargs)
    except (EmbeddingError, EmbeddedPostgresError, SchemaError) as exc:
        fail(str(exc).splitlines()[0] if isinstance(exc, SchemaError) else str(exc))
    except Exception as exc:  # connection errors to an external DATABASE_URL
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            fail(f"cannot connect to the database: {str(exc.orig).splitlines()[0] if exc.orig else exc}")
        raise


@contextlib.contextmanager
def opened(settings: Settings, **kwargs: bool) -> Iterator[Runtime]:
    """The runtime for one command, closed (and an embedded Postgres stopped) when the command ends."""
    runtime = open_or_fail(settings, **kwargs)
    try:
        yield runtime
    finally:
        runtime.close()


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)


