"""One row by its primary key, optionally locked: the lookup every use case starts from (under RLS another user's
row is not found)."""

from __future__ import annotations

import uuid
from typing import Literal, TypeVar

from sqlalchemy.orm import Session

Row = TypeVar("Row")
Lock = Literal["key share", "update"]

# FOR KEY SHARE: the row cannot be deleted until the transaction ends (for a use case that writes rows pointing at
# it: a concurrent delete waits, then removes those too); FOR UPDATE: nor changed (for one that changes it).
_LOCKS = {"key share": {"read": True, "key_share": True}, "update": {"nowait": False}}


def find(session: Session, model: type[Row], row_id: uuid.UUID, lock: Lock | None = None) -> Row | None:
    """The row, or None. With `lock`, the row is read afresh and held as named until the transaction ends (a row
    deleted meanwhile is not found)."""
    return session.get(model, row_id, with_for_update=_LOCKS[lock] if lock else None,
                       populate_existing=lock is not None)
