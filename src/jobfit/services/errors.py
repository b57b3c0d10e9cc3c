"""Refusals a use case raises; each adapter turns them into its own answer (HTTP status, CLI exit 2)."""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy.orm import Session

from jobfit.store.rows import Lock, find

Row = TypeVar("Row")


class ServiceError(Exception):
    """A request the use case refuses, with the HTTP status that names the reason and a one-line detail; optionally
    a stable `code`, the problems one by one (`errors`: `{"loc", "msg", "type"}`, as a validation 422 has) and
    HTTP headers the answer carries (`headers`, e.g. Retry-After)."""

    status_code = 400
    code: str | None = None
    headers: dict[str, str] | None = None

    def __init__(self, detail: str, *, errors: list[dict[str, object]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class NotFound(ServiceError):
    """The row does not exist, or belongs to someone else (indistinguishable under RLS)."""

    status_code = 404


class Conflict(ServiceError):
    """The row is in a state that does not allow this (e.g. a suggestion already decided)."""

    status_code = 409


class InsufficientStorage(ServiceError):
    """The server has no room left to store what the request sends (a full disk); nothing was stored."""

    status_code = 507


class Unprocessable(ServiceError):
    """The request is well-formed but cannot be carried out (e.g. no LLM configured)."""

    status_code = 422


def get_or_raise(session: Session, model: type[Row], row_id: uuid.UUID, what: str, lock: Lock | None = None) -> Row:
    """The row, or `NotFound("<what> not found")`: under RLS another user's id is an unknown one. With `lock`, the
    row is read afresh and held as named until the transaction ends (a row deleted meanwhile is not found)."""
    row = find(session, model, row_id, lock)
    if row is None:
        raise NotFound(f"{what} not found")
    return row
