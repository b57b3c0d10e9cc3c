"""Mounts the web app on the FastAPI app: the page routers at /, the static files, HTML errors, sign-in redirects."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from jobfit.web.deps import install_sign_in_redirect
from jobfit.web.rendering import STATIC_DIR, install_page_error_handlers
from jobfit.web.routes import accounts, audit, dashboard, documents, matches, model_card, oversight, recruiter


def install_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for module in (accounts, dashboard, documents, matches, recruiter, audit, oversight, model_card):
        app.include_router(module.router)
    install_page_error_handlers(app)
    install_sign_in_redirect(app)
