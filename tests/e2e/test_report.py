"""The match report in a real Chromium: how the overall score is made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.pages import (
    JOB_DESCRIPTION,
    RESUME,
    check_accessibility,
    match_from_job_page,
    new_seeker,
    paste_job,
    upload_resume,
)

pytestmark = pytest.mark.e2e


def test_the_report_says_how_the_overall_is_made(browser: Browser, web: str, screenshots: Path) -> None:
    context, page, console_errors = new_seeker(browser, web)
    upload_resume(page, RESUME, "Bruce, full stack")
    job_url = paste_job(page, "Full Stack Developer", "Initech", JOB_DESCRIPTION)
    match_from_job_page(page, job_url, "Bruce, full stack")

    overall = int(re.search(r"Overall (\d+)/100", page.locator("#overall-score").inner_text()).group(1))
    parts = page.locator("#overall-parts")
    expect(page.get_by_role("heading", name=f"How the overall {overall} is made")).to_be_visible()
    for words in ("Similar meaning", "Skills", "Shared wording", "Keywords", "Experience"):
        expect(parts.locator("tbody th", has_text=words)).to_have_count(1)
    shares = [int(s.rstrip("%")) for s in parts.locator("tbody td:nth-child(3)").all_inner_texts() if s.endswith("%")]
    assert 99 <= sum(shares) <= 101 and max(shares) < 100, shares
    adds = [float(a) for a in parts.locator("tbody td:nth-child(4)").all_inner_texts() if a != "—"]
    total = float(parts.locator("tfoot td").last.inner_text())
    assert abs(sum(adds) - total) < 0.2 and abs(total - overall) <= 0.5, (adds, total, overall)
    expect(parts.locator("tr.no-weight")).to_contain_text(re.compile("does not count|left out"))  # no share
    check_accessibility(page, "report-overall-parts", screenshots)

    page.get_by_role("link", name="Printable report").click()
    expect(page.locator("#overall-parts")).to_contain_text("Similar meaning")
    assert console_errors == []
    context.close()
