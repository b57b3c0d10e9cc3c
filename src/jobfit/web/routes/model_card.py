"""The model card (`docs/model-card.md`, shipped inside the package as `web/model-card.md`), rendered as a page at
/model-card: linked from every page's footer and from the API docs."""

from __future__ import annotations

import functools

from fastapi import APIRouter, Request
from markdown_it import MarkdownIt
from starlette.responses import Response

from jobfit.web.rendering import MODEL_CARD, render

router = APIRouter(include_in_schema=False)


@functools.cache
def _card_html() -> str:
    """The card as HTML (raw HTML in the Markdown is not passed through). A table column's alignment becomes a
    class (`align-right`): the page's Content Security Policy refuses inline styles."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(MODEL_CARD.read_text())
    for token in tokens:
        style = token.attrs.pop("style", None) if token.type in ("th_open", "td_open") else None
        if isinstance(style, str) and style.startswith("text-align:"):
            token.attrSet("class", "align-" + style.removeprefix("text-align:"))
    return md.renderer.render(tokens, md.options, {})


@router.get("/model-card")
def model_card(request: Request) -> Response:
    return render(request, "model_card.html", title="Model card", card=_card_html())
