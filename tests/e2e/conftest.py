"""Browser fixtures: Debian's Chromium driven by Playwright (headless, flags in DEVELOPERS.md), the real app on a
loopback live server over the embedded Postgres, a loopback page to import a job from, and axe-core (vendored)."""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.integration.conftest import _clean, runtime, serving  # noqa: F401 (fixtures)

CHROMIUM = os.environ.get("JOBFIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core 4.14.1 from npm (see DEVELOPERS.md)
OUTPUT = Path(os.environ.get("JOBFIT_E2E_OUTPUT", Path(__file__).resolve().parents[2] / "test-output" / "e2e"))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Chromium for one test module: Playwright's sync API keeps its event loop marked as running in this thread
    until it stops, which would break any later test in the same worker that starts a loop of its own."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (see DEVELOPERS.md)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def web(runtime) -> Iterator[str]:  # noqa: F811
    """The app on loopback, allowed to import job pages from loopback addresses (JOBFIT_ALLOW_PRIVATE_URLS)."""
    with serving(runtime, allow_private_urls=True, queue_worker=True) as url:
        yield url


JOB_POSTING = {
    "@context": "https://schema.org", "@type": "JobPosting", "title": "IT Support Specialist",
    "hiringOrganization": {"@type": "Organization", "name": "Wilder Tech"}, "employmentType": "FULL_TIME",
    "description": "<p>Help our staff with their computers.</p><ul><li>Required: technical support and hardware "
                   "troubleshooting</li><li>Nice to have: Active Directory</li></ul>",
}
JOB_PAGE = f"""<!doctype html><html lang="en"><head><title>Careers at Wilder Tech</title>
<script type="application/ld+json">{json.dumps(JOB_POSTING)}</script></head>
<body><nav>Home</nav><main><h1>IT Support Specialist</h1><p>Help our staff.</p></main></body></html>"""


@pytest.fixture(scope="session")
def job_site() -> Iterator[str]:
    """A loopback web server with one job posting page (schema.org JSON-LD) at /jobs/it-support."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = JOB_PAGE.encode()
            self.send_response(200 if self.path == "/jobs/it-support" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    shutil.rmtree(OUTPUT, ignore_errors=True)
    OUTPUT.mkdir(parents=True)
    return OUTPUT


def axe_violations(page: object) -> list[dict]:
    """Serious and critical axe-core violations on the page (evaluated over CDP, so the page's CSP allows it)."""
    page.evaluate(AXE_JS.read_text())  # type: ignore[attr-defined]
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")  # type: ignore[attr-defined]
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
