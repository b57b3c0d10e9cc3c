"""Rendering pages: the Jinja2 environment, `render` (every page gets the CSRF token and the signed-in user),
and HTML error pages for everything outside the API."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from jobfit.web import wording
from jobfit.web.session import csrf_token, keep_csrf_cookie

TEMPLATES_DIR = files("jobfit.web") / "templates"
STATIC_DIR = files("jobfit.web") / "static"
MODEL_CARD = files("jobfit.web") / "model-card.md"  # a link to docs/model-card.md
# paths that keep the API's JSON errors
JSON_PREFIXES = ("/api/", "/docs", "/redoc", "/openapi.json", "/health")

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.filters.update(score=wording.score, score_word=wording.score_word, status_word=wording.status_word,
                             filesize=wording.filesize, when=wording.when, percent=wording.percent,
                             part_label=wording.part_label, part_meaning=wording.part_meaning,
                             decision_word=wording.decision_word, action_word=wording.action_word)
templates.env.globals.update(label=wording.label)


class PageError(Exception):
    """A page that cannot be shown or a form that cannot be done: rendered as an HTML error page."""

    def __init__(self, status_code: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status_code, self.message, self.code = status_code, message, code


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    secret = request.app.state.runtime.secret_key
    context.setdefault("user_email", getattr(request.state, "user_email", None))
    context.update(csrf=csrf_token(request, secret))
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    keep_csrf_cookie(request, response)
    response.headers["Cache-Control"] = "no-store"  # pages show private data
    return response


def install_page_error_handlers(app: FastAPI) -> None:
    """HTML error pages outside the API; the API's JSON handler stays in place for its paths."""
    json_handler = app.exception_handlers[StarletteHTTPException]
    json_validation_handler = app.exception_handlers[RequestValidationError]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if request.url.path.startswith(JSON_PREFIXES):
            return await json_handler(request, exc)
        code = getattr(exc, "code", None)
        message = exc.detail if isinstance(exc.detail, str) else "The request could not be handled."
        return render(request, "error.html", exc.status_code, message=message, code=code,
                      title=f"Error {exc.status_code}")

    async def page_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PageError)
        return render(request, "error.html", exc.status_code, message=exc.message, code=exc.code,
                      title=f"Error {exc.status_code}")

    async def validation_error(request: Request, exc: Exception) -> Response:
        """A page address with a malformed id or parameter: not found, as an unknown id would be."""
        if request.url.path.startswith(JSON_PREFIXES):
            return await json_validation_handler(request, exc)
        return render(request, "error.html", 404, message="This page does not exist.", code="not_found",
                      title="Error 404")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(PageError, page_error)
