"""Named critical sections across server processes: Postgres advisory locks held until the transaction ends."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def hold_for_transaction(session: Session, name: str) -> None:
    """Wait until no other transaction holds `name`, then hold it until this one commits or rolls back.

    A second writer of the same thing therefore starts after the first has committed, and (each statement of a
    READ COMMITTED transaction reading afresh) sees what it wrote."""
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"), {"name": name})
