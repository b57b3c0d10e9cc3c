"""The job-import use case: a posting's web page, fetched (bounded in size and time, every hop's address checked:
`providers/url_fetch.py`) and read into the fields of the job form (JSON-LD JobPosting first, else the page's
readable text: `documents/job_page.py`). The page and the API add the job from these fields as a pasted one is
added; a page that cannot be fetched or read is a 422 with a stable code."""

from __future__ import annotations

from jobfit.config import Settings
from jobfit.documents.job_page import JobPage, NoJobFound, read_job_page
from jobfit.providers.url_fetch import FetchRefused, fetch_page
from jobfit.services.errors import Unprocessable


class ImportRefused(Unprocessable):
    """The page could not be fetched (`code` names why: invalid_url, private_address, unreachable, timeout,
    too_large, ...) or holds no job posting (`no_job_found`)."""

    def __init__(self, detail: str, code: str) -> None:
        super().__init__(detail)
        self.code = code


async def read_posting(settings: Settings, url: str) -> JobPage:
    """The job posting at `url`: its job-form fields and where they came from ("json-ld" or "text"). Runs in the
    event loop under the fetch's one deadline, holding no database session."""
    try:
        page = await fetch_page(url, allow_private=settings.allow_private_urls)
        return read_job_page(page.text)
    except FetchRefused as exc:
        raise ImportRefused(exc.message, exc.code) from None
    except NoJobFound as exc:
        raise ImportRefused(str(exc), "no_job_found") from None
