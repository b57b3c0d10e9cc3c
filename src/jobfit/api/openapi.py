"""The OpenAPI contract: every status and content type the server can send, declared once for all routes.

Routes declare their success answers; this module adds, per operation, the error answers the shared machinery
can give (validation, sign-in, look-ups, body limits, throttling, outages) with the one error schema of
`http/errors.py`, and the real media types of file downloads.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from jobfit.services.files import DEFAULT_MEDIA_TYPE, MEDIA_TYPES

ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["detail", "code"],
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, for people"},
        "code": {"type": "string", "description": "What went wrong, for programs (stable)"},
        "errors": {"type": "array", "description": "The fields that failed validation (422 only)",
                   "items": {"$ref": "#/components/schemas/FieldError"}},
        "request_id": {"type": "string", "description": "Quote it when reporting a 500"},
    },
}
FIELD_ERROR_SCHEMA: dict[str, Any] = {
    "title": "FieldError",
    "type": "object",
    "required": ["loc", "msg", "type"],
    "properties": {
        "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"type": "string"},
        "type": {"type": "string"},
    },
}
# What each status means here, for the descriptions of the declared answers.
DESCRIPTIONS = {
    400: "The body could not be read (malformed JSON framing or multipart)",
    401: "Not signed in, or the token is invalid, expired or signed out",
    403: "The password given to confirm is not the account's",
    404: "No such item for this user",
    408: "The request body did not arrive in time",
    409: "Conflicts with the current state, or another request changed or deleted the item meanwhile",
    413: "The request body or file is too large",
    422: "A field is invalid, or the document cannot be read (see `code`)",
    429: "Too many attempts: wait for Retry-After seconds",
    500: "Unexpected error (with a request id)",
    503: "The database is unavailable or the server is busy or stopping: retry after Retry-After seconds",
    507: "The server's storage is full: nothing was stored",
}
FILE_MEDIA_TYPES = (*MEDIA_TYPES.values(), DEFAULT_MEDIA_TYPE)
# Statuses only some operations give, by (method, path under the API prefix).
EXTRA = {("post", "/auth/login"): (401, 429), ("post", "/auth/register"): (409, 429),
         ("post", "/auth/password"): (403, 429), ("delete", "/auth/me"): (403, 429),
         ("patch", "/suggestions/{suggestion_id}"): (409,), ("post", "/apply-suggestions"): (409,),
         ("post", "/decisions"): (409,)}


def _statuses(path: str, method: str, op: dict[str, Any]) -> set[int]:
    statuses = {422, 500, 503}
    if op.get("security"):
        statuses.add(401)
    if "{" in path or op.get("security"):
        statuses.add(404)  # a missing item, or the signed-in user's account gone
    if "requestBody" in op or method in {"post", "put", "patch"}:
        statuses |= {400, 408, 413}
    if op.get("security") and method in {"post", "put", "patch", "delete"}:
        statuses |= {409, 507}  # a write that lost a race with another, or found the disk full
    for (extra_method, suffix), extra in EXTRA.items():
        if method == extra_method and path.endswith(suffix):
            statuses.update(extra)
    return statuses


def contract(app: FastAPI) -> dict[str, Any]:
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Error"] = ERROR_SCHEMA
    schemas["FieldError"] = FIELD_ERROR_SCHEMA
    for path, operations in spec.get("paths", {}).items():
        for method, op in operations.items():
            responses = op.setdefault("responses", {})
            if path == "/health":
                responses["503"] = {"description": "The database is unreachable or its schema is not current",
                                    "content": dict(responses["200"].get("content") or {})}
                continue
            for status in _statuses(path, method, op):
                responses[str(status)] = {"description": DESCRIPTIONS[status],
                                          "content": {"application/json": {"schema": ERROR_REF}}}
            ok = responses.get("200", {})
            if "application/octet-stream" in (ok.get("content") or {}):  # a file download: its stored type
                ok["content"] = {media: {"schema": {"type": "string", "format": "binary"}}
                                 for media in FILE_MEDIA_TYPES}
            created = responses.get("201", {})
            if "200" in responses and not ok.get("content") and created.get("content"):
                ok["content"] = created["content"]  # the same body, for an update instead of a creation
    return spec


def install_contract(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = contract(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
