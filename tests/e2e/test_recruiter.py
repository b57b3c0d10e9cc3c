"""The recruiter view in a real Chromium: a batch upload's page leads straight to ranking once the queue has read
its files, and candidates are people (name, current title, contact) whose reports lead back to the ranking."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.pages import JOB_DESCRIPTION, SAMPLES, check_accessibility, new_seeker, paste_job

pytestmark = pytest.mark.e2e
BATCH = [SAMPLES / "resumes" / name for name in ("bruce_wayne_fullstack.pdf", "barry_allen_fe.pdf", "john_doe.pdf")]


def _upload_batch(page: Page) -> None:
    page.get_by_label("Resume files").set_input_files([str(p) for p in BATCH])
    page.get_by_role("button", name="Upload", exact=True).click()
    # the batch's own page follows the queue's workers (it polls, no reload) until every file is settled
    expect(page.locator("#batch-summary")).to_contain_text(f"All {len(BATCH)} finished: {len(BATCH)} stored",
                                                           timeout=60_000)


def test_when_a_batch_is_in_its_page_counts_the_new_resumes_and_ranks_them(browser: Browser, web: str,
                                                                            screenshots: Path) -> None:
    context, page, console_errors = new_seeker(browser, web)
    paste_job(page, "Full Stack Developer", "Initech", JOB_DESCRIPTION)
    page.get_by_role("link", name="Recruiter view").click()
    rank = page.get_by_role("button", name=re.compile("^Rank all resumes"))
    expect(page.locator("#rank-heading")).to_have_text("Rank my 0 resumes")
    expect(rank).to_be_disabled()

    _upload_batch(page)
    expect(page.locator("[data-rank-heading]")).to_have_text(f"Rank my {len(BATCH)} resumes")
    expect(rank).to_be_enabled()
    check_accessibility(page, "recruiter-after-batch", screenshots)
    rank.click()
    expect(page.locator("#ranking tbody tr")).to_have_count(len(BATCH))
    assert console_errors == []
    context.close()


def test_candidates_are_named_with_their_title_and_contact_and_reports_lead_back(browser: Browser, web: str,
                                                                                screenshots: Path) -> None:
    context, page, console_errors = new_seeker(browser, web)
    paste_job(page, "Full Stack Developer", "Initech", JOB_DESCRIPTION)
    page.get_by_role("link", name="Recruiter view").click()
    # one job: it is chosen already
    expect(page.get_by_role("heading", name="Candidates for Full Stack Developer")).to_be_visible()
    _upload_batch(page)
    page.get_by_role("button", name=re.compile("^Rank all resumes")).click()
    ranking = page.locator("#ranking tbody")
    expect(ranking.locator("tr")).to_have_count(len(BATCH))
    bruce = ranking.locator("tr", has_text="Bruce Wayne")
    expect(bruce.locator(".role")).to_have_text("MERN Stack Developer")
    expect(bruce.locator(".contact")).to_contain_text("bwayne@email.com")
    expect(bruce.locator(".file")).to_have_text("bruce_wayne_fullstack.pdf")
    expect(ranking.locator("tr", has_text="Barry Allen").locator(".role")).to_have_text(
        "Software Engineer (Front-End)")
    check_accessibility(page, "recruiter-candidates", screenshots)

    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    (bruce_row,) = [r for r in rows if r["candidate"].startswith("Bruce Wayne")]
    assert bruce_row["current_title"] == "MERN Stack Developer"
    assert bruce_row["email"] == "bwayne@email.com" and bruce_row["phone"]
    assert bruce_row["resume"] == "bruce_wayne_fullstack.pdf"

    # sorted by skills, open a candidate, and come back to the same ranking
    page.get_by_role("link", name=re.compile("^Skills")).click()
    sorted_url = page.url
    ranking.locator("tr", has_text="Bruce Wayne").get_by_role("link", name="Bruce Wayne").click()
    expect(page.locator("#overall-score")).to_be_visible()
    page.get_by_role("link", name="← Back to the ranking for Full Stack Developer").click()
    expect(page.locator("th[aria-sort]")).to_contain_text("Skills")
    assert page.url.split("?")[1].split("&") and set(page.url.split("?")[1].split("&")) == set(
        sorted_url.split("?")[1].split("&"))
    assert console_errors == []
    context.close()
