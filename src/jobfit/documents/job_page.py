"""A job posting's fields from a web page's HTML: its schema.org JobPosting JSON-LD, else its readable main text.

Pure: the HTML is given (fetching is `jobfit.providers.url_fetch`). Output is bounded: the page is cut to
`MAX_HTML_CHARS` before parsing and each field to the API's limits.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

MAX_HTML_CHARS = 2_000_000
MAX_JSON_LD_CHARS = 500_000
MAX_DESCRIPTION_CHARS = 200_000
MAX_SHORT_CHARS = 300

# elements whose text is never part of the posting
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
                      "iframe", "button", "select", "head"})
# elements that end a line of text
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "ul", "ol", "br", "tr", "table", "h1", "h2", "h3",
                     "h4", "h5", "h6", "dd", "dt", "dl", "blockquote", "pre", "hr"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr",
                   "track", "param"})
_EMPLOYMENT_TYPES = {"FULL_TIME": "full-time", "PART_TIME": "part-time", "CONTRACTOR": "contract",
                     "INTERN": "internship", "TEMPORARY": "temporary"}


class NoJobFound(ValueError):
    """The page holds neither a JobPosting nor enough readable text to be one."""


@dataclass(frozen=True)
class JobPage:
    """What a page gave: the fields of the API's job form (`JobIn`), by its names and only the non-empty ones,
    and where they came from ("json-ld" or "text")."""

    fields: dict[str, str]
    source: str = "text"


def _present(**fields: str | None) -> dict[str, str]:
    return {name: value for name, value in fields.items() if value}


class _Reader(HTMLParser):
    """One pass over the page: the JSON-LD scripts, the <title>, the first <h1>, and text by container."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.json_ld: list[str] = []
        self.title = ""
        self.h1 = ""
        self.body: list[str] = []
        self.main: list[str] = []
        self._stack: list[str] = []
        self._skip_depth = 0
        self._main_depth = 0
        self._in_json_ld = False
        self._script: list[str] = []
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and (dict(attrs).get("type") or "").strip().lower() == "application/ld+json":
            self._in_json_ld, self._script = True, []
        if tag in _VOID:
            if tag in _BLOCKS:
                self._text("\n")
            return
        self._stack.append(tag)
        if tag in _SKIPPED:
            self._skip_depth += 1
        if tag in {"main", "article"} or dict(attrs).get("role") == "main":
            self._main_depth += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1" and not self.h1:
            self._in_h1 = True
        if tag in _BLOCKS:
            self._text("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.json_ld.append("".join(self._script))
        if tag not in self._stack:
            return
        while self._stack:  # close what was left open inside it
            top = self._stack.pop()
            if top in _SKIPPED:
                self._skip_depth -= 1
            if top in {"main", "article"}:
                self._main_depth = max(0, self._main_depth - 1)
            if top == "title":
                self._in_title = False
            if top == "h1":
                self._in_h1 = False
            if top in _BLOCKS:
                self._text("\n")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            if sum(map(len, self._script)) < MAX_JSON_LD_CHARS:
                self._script.append(data)
            return
        if self._in_title:
            self.title += data
        if self._in_h1:
            self.h1 += data
        if not self._skip_depth:
            self._text(data)

    def _text(self, data: str) -> None:
        self.body.append(data)
        if self._main_depth:
            self.main.append(data)


def _lines(parts: list[str]) -> str:
    """Text pieces as lines: spaces collapsed, blank lines dropped."""
    text = "".join(parts)
    lines = (re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line and line != "-")


def html_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment (a JSON-LD description is often HTML); plain text passes through."""
    if "<" not in fragment:
        return _lines([html.unescape(fragment)])
    reader = _Reader()
    reader.feed(fragment[:MAX_HTML_CHARS])
    reader.close()
    return _lines(reader.body)


def _short(value: Any) -> str | None:
    text = _plain(value)
    return text[:MAX_SHORT_CHARS] if text else None


def _plain(value: Any) -> str:
    """A JSON-LD value as one line of text: strings, names of objects, lists joined."""
    if isinstance(value, str):
        return " ".join(html_to_text(value).split())
    if isinstance(value, dict):
        return _plain(value.get("name") or value.get("value") or "")
    if isinstance(value, list):
        return ", ".join(p for p in (_plain(v) for v in value[:20]) if p)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return ""


def _block(value: Any) -> str | None:
    """A JSON-LD value that may be long (a list of skills, an HTML section) as lines of text."""
    if isinstance(value, list):
        text = "\n".join(f"- {p}" for p in (_plain(v) for v in value[:200]) if p)
    elif isinstance(value, str):
        text = html_to_text(value)
    else:
        text = _plain(value)
    return text[:100_000] or None


def _location(value: Any) -> str | None:
    places = value if isinstance(value, list) else [value]
    names = []
    for place in places[:5]:
        address = place.get("address", place) if isinstance(place, dict) else place
        if isinstance(address, dict):
            parts = [_plain(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
            names.append(", ".join(p for p in parts if p))
        else:
            names.append(_plain(address))
    return _short("; ".join(n for n in names if n))


def _salary(value: Any) -> str | None:
    if not isinstance(value, dict):
        return _short(value)
    amount = value.get("value")
    currency = _plain(value.get("currency"))
    if isinstance(amount, dict):
        low, high = _plain(amount.get("minValue")), _plain(amount.get("maxValue"))
        unit = _plain(amount.get("unitText")).lower()
        figure = "-".join(p for p in (low, high) if p) or _plain(amount.get("value"))
        text = " ".join(p for p in (currency, figure, f"per {unit}" if unit else "") if p)
    else:
        text = " ".join(p for p in (currency, _plain(amount)) if p)
    return text[:100] or None


def _is_posting(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "JobPosting" for k in kinds)


def _find_posting(data: Any, depth: int = 0) -> dict[str, Any] | None:
    if depth > 4:
        return None
    if _is_posting(data):
        return data
    children = data if isinstance(data, list) else data.get("@graph", []) if isinstance(data, dict) else []
    for child in children[:50] if isinstance(children, list) else []:
        if (found := _find_posting(child, depth + 1)) is not None:
            return found
    return None


def _from_json_ld(posting: dict[str, Any]) -> JobPage | None:
    title = _short(posting.get("title") or posting.get("name"))
    description = _block(posting.get("description"))
    if not title or not description:
        return None
    kind = posting.get("employmentType")
    kind = kind[0] if isinstance(kind, list) and kind else kind
    remote = "remote" if str(posting.get("jobLocationType", "")).upper() == "TELECOMMUTE" else None
    requirements = "\n".join(b for b in (_block(posting.get(k)) for k in
                                         ("qualifications", "skills", "experienceRequirements",
                                          "educationRequirements")) if b)
    return JobPage(_present(title=title, description=description[:MAX_DESCRIPTION_CHARS],
                            company=_short(posting.get("hiringOrganization")),
                            location=_location(posting.get("jobLocation")), requirements=requirements,
                            responsibilities=_block(posting.get("responsibilities")),
                            job_type=_EMPLOYMENT_TYPES.get(str(kind).upper()) if isinstance(kind, str) else None,
                            remote_option=remote, salary_range=_salary(posting.get("baseSalary"))), source="json-ld")


def read_job_page(page: str) -> JobPage:
    """The posting on `page` (HTML): JSON-LD JobPosting first, else the readable text of <main>/<article> (or the
    body) titled by its first <h1> (or <title>). Raises NoJobFound when neither gives a title and some text."""
    reader = _Reader()
    reader.feed(page[:MAX_HTML_CHARS])
    reader.close()
    for script in reader.json_ld:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        posting = _find_posting(data)
        if posting is not None and (job := _from_json_ld(posting)) is not None:
            return job
    text = _lines(reader.main) or _lines(reader.body)
    title = " ".join(reader.h1.split()) or " ".join(reader.title.split())
    if not title or len(text) < 40:
        raise NoJobFound("The page has no job posting: no schema.org JobPosting and too little readable text.")
    return JobPage(_present(title=title[:MAX_SHORT_CHARS], description=text[:MAX_DESCRIPTION_CHARS]))
