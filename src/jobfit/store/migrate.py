"""Apply and inspect the Alembic migrations, and check the recorded embedding model still fits."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class SchemaError(RuntimeError):
    """The database schema does not fit this version of jobfit or its configuration."""


def _config(**attributes: object) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes.update(attributes)
    return cfg


@functools.cache
def head_revision() -> str:
    """The newest migration shipped with this install (read once; /health asks on every call)."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, *, embedding_dim: int, embedding_model: str) -> None:
    """Bring the schema to head. New databases get vector columns of `embedding_dim`."""
    with engine.begin() as conn:
        # one migrator at a time, even if two processes start together
        conn.execute(text("SELECT pg_advisory_xact_lock(727274)"))
        cfg = _config(connection=conn, embedding_dim=embedding_dim, embedding_model=embedding_model)
        command.upgrade(cfg, "head")


def recorded_embedding(engine: Engine) -> tuple[str, int] | None:
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT key, value FROM jobfit_meta")).all())
    if "embedding_dim" not in rows:
        return None
    return rows.get("embedding_model", "unknown"), int(rows["embedding_dim"])


def check_embedding(engine: Engine, *, embedding_dim: int, embedding_model: str) -> None:
    recorded = recorded_embedding(engine)
    if recorded is None:
        return
    model, dim = recorded
    if dim != embedding_dim or model != embedding_model:
        raise SchemaError(
            f"the database holds {dim}-d vectors from '{model}', but the configured embedding model is "
            f"'{embedding_model}' ({embedding_dim}-d). Run `jobfit reembed` to recompute every vector "
            "with the new model, or set the JOBFIT_EMBEDDING_* settings back."
        )
