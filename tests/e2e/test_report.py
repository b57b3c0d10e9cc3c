"""The match report in a real Chromium: how the overall score is made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

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


def _in_view(page: Page, selector: str) -> dict:
    return page.evaluate("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: window.innerWidth,
                height: window.innerHeight}; }""", selector)


def _both_in_view(page: Page, line: str) -> None:
    """The clicked row and its highlighted resume line are both inside the window, the row not under the line's
    panel."""
    row, mark = _in_view(page, "tr.selected"), _in_view(page, f"#line-{line}")
    panel = _in_view(page, ".evidence-text")
    for box in (row, mark):
        assert box["top"] >= 0 and box["bottom"] <= box["height"], (row, mark)
    if panel["left"] < row["right"] and panel["right"] > row["left"]:  # stacked (phone): the row is above it
        assert row["bottom"] <= panel["top"] + 1, (row, panel)


def test_the_report_is_short_readable_on_a_phone_and_decisions_can_be_undone(browser: Browser, web: str,
                                                                             screenshots: Path) -> None:
    context, page, console_errors = new_seeker(browser, web)
    upload_resume(page, RESUME, "Bruce, full stack")
    job_url = paste_job(page, "Full Stack Developer", "Initech", JOB_DESCRIPTION)
    match_from_job_page(page, job_url, "Bruce, full stack")

    # suggestions that would not raise the score are folded away, each of the others raises it
    impacts = [float(t.split(" ")[0]) for t in
               page.locator("#suggestions li.suggestion p.muted").all_inner_texts()]
    assert impacts and all(i >= 0.1 for i in impacts), impacts
    folded = page.locator("#folded-suggestions")
    expect(folded).not_to_have_attribute("open", "")
    expect(folded.locator("li.suggestion").first).to_be_hidden()
    assert page.locator("li.suggestion").count() > len(impacts)  # the fold holds the rest
    expect(page.locator("li.suggestion .rating").first).to_be_hidden()  # a rating only when asked for

    # an accept can be undone
    first = page.locator("#suggestions li.suggestion").first
    first_id = first.get_attribute("id")
    first.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.locator(f"#{first_id}")).to_contain_text("Accepted")
    expect(page.get_by_role("button", name="Apply accepted suggestions")).to_be_enabled()
    page.locator(f"#{first_id}").get_by_role("button", name=re.compile("^Undo")).click()
    expect(page.locator(f"#{first_id}")).to_contain_text("Pending")
    expect(page.get_by_role("button", name="Apply accepted suggestions")).to_be_disabled()

    # desktop: a requirement low in the table and its line are both in view after the click
    desktop_height = page.evaluate("document.documentElement.scrollHeight")
    rows = page.locator("#requirements button[data-line]")
    last = rows.nth(rows.count() - 1)
    line = last.get_attribute("data-line")
    last.click()
    expect(page.locator(f"#line-{line}")).to_have_class(re.compile("highlight"))
    _both_in_view(page, line)
    check_accessibility(page, "report-desktop", screenshots)

    # phone: no sideways scroll, the evidence reads as blocks, the clicked row clears the pinned resume text
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    table = _in_view(page, "#requirements")
    assert table["right"] <= 390 + 1, table
    caption = page.locator("#requirements caption")
    assert caption.evaluate("c => c.scrollWidth <= c.clientWidth + 1")  # the introduction wraps, not cut
    for index in (0, rows.count() - 1):
        button = page.locator("#requirements button[data-line]").nth(index)
        line = button.get_attribute("data-line")
        button.click()
        expect(page.locator(f"#line-{line}")).to_have_class(re.compile("highlight"))
        _both_in_view(page, line)
    phone_height = page.evaluate("document.documentElement.scrollHeight")
    check_accessibility(page, "report-phone", screenshots)
    # the report fits in a few screens: at most 6,000 px at desktop width, 11,000 px at 390 px
    assert desktop_height <= 6000 and phone_height <= 11000, (desktop_height, phone_height)
    assert console_errors == []
    context.close()
