"""The whole product in a real headless Chromium: a job seeker's flow and a recruiter's, accessibility, CSRF and
isolation between users."""

from __future__ import annotations

import csv
import io
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.pages import (
    JOB_DESCRIPTION,
    OTHER_RESUME,
    RESUME,
    check_accessibility,
    expected_failures,
    new_page,
    sign_up,
)

pytestmark = pytest.mark.e2e


def test_job_seeker_and_recruiter_flow(browser: Browser, web: str, job_site: str,
                                       screenshots: Path) -> None:
    context, page, console_errors = new_page(browser, web)
    email = f"seeker-{uuid.uuid4().hex[:6]}@example.com"
    sign_up(page, email)
    expect(page.get_by_text("Get started in three steps")).to_be_visible()
    check_accessibility(page, "01-dashboard-empty", screenshots)

    # upload a real resume PDF, with progress, and read what an ATS sees
    page.get_by_role("link", name="Upload resume").click()
    check_accessibility(page, "02-upload", screenshots)
    page.get_by_label("Resume file").set_input_files(str(RESUME))
    page.get_by_label("Title").fill("Bruce, full stack")
    page.get_by_role("button", name="Upload and read").click()
    expect(page.get_by_role("heading", name="Bruce, full stack")).to_be_visible()
    expect(page.locator("#contact-fields")).to_contain_text("bwayne@email.com")
    expect(page.locator("#sections-found")).to_contain_text("Experience")
    expect(page.locator("#quality-checklist")).to_contain_text("Quantified achievements")
    expect(page.locator("#parsed-experience")).to_contain_text("MERN Stack Developer")
    expect(page.locator("#parsed-education")).to_contain_text("Master of Science")
    expect(page.locator("#parsed-skills")).to_contain_text("MongoDB")
    expect(page.locator("#resume-text")).to_contain_text("MERN Stack Developer, OpenAI")
    check_accessibility(page, "03-resume", screenshots)

    # a bad upload says what the API says
    page.goto("/resumes/new")
    page.get_by_label("Resume file").set_input_files(
        {"name": "broken.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 not really"})
    page.get_by_role("button", name="Upload and read").click()
    expect(page.locator("#form-error")).to_be_visible()
    expect(page.locator("#form-error")).to_contain_text("(")
    expected_failures(console_errors, 422)

    # a job by pasting, and another by URL from a loopback page
    page.get_by_role("link", name="Add job").click()
    check_accessibility(page, "04-add-job", screenshots)
    page.get_by_label("Job title").first.fill("Full Stack Developer")
    page.get_by_label("Company").fill("Initech")
    page.get_by_label("Description", exact=True).fill(JOB_DESCRIPTION)
    page.get_by_role("button", name="Add job").click()
    expect(page.get_by_role("heading", name="Full Stack Developer")).to_be_visible()
    requirements = page.locator("#job-requirements")
    expect(requirements).to_contain_text("Required")
    expect(requirements).to_contain_text("Preferred")
    expect(requirements).to_contain_text("line ")
    check_accessibility(page, "05-job", screenshots)
    job_url = page.url

    page.goto("/jobs/new")
    page.get_by_label("Job posting URL").fill(f"{job_site}/jobs/it-support")
    page.get_by_role("button", name="Import job").click()
    expect(page.get_by_role("heading", name="IT Support Specialist")).to_be_visible()
    expect(page.get_by_text("imported from the page's JobPosting data")).to_be_visible()
    expect(page.get_by_text("Wilder Tech")).to_be_visible()

    # run the match
    page.goto(job_url)
    page.get_by_label("Resume", exact=True).select_option(label="Bruce, full stack")
    page.get_by_role("button", name="Match", exact=True).click()
    expect(page.locator("#overall-score")).to_contain_text(re.compile(r"Overall \d+/100"))
    expect(page.locator(".bars")).to_contain_text("Skills")
    expect(page.locator(".bars")).to_contain_text("Confidence")
    expect(page.locator("#gaps")).to_contain_text("Amazon Web Services")
    match_url = page.url

    # click a requirement: its evidence statement, every line of it and nothing else, is highlighted
    trigger = page.locator("#requirements button[data-line]").first
    line = trigger.get_attribute("data-line")
    line_end = trigger.get_attribute("data-line-end")
    trigger.click()
    for n in range(int(line), int(line_end) + 1):
        expect(page.locator(f"#line-{n}")).to_have_class(re.compile("highlight"))
    expect(page.locator("#resume-text .highlight")).to_have_count(int(line_end) - int(line) + 1)
    # by keyboard: Tab to another requirement and press Enter
    other = page.locator(f'#requirements button[data-line]:not([data-line="{line}"])').first
    other_line = other.get_attribute("data-line")
    other.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator(f"#line-{other_line}")).to_have_class(re.compile("highlight"))
    expect(page.locator(f"#line-{line}")).not_to_have_class(re.compile("highlight"))
    check_accessibility(page, "06-match-report", screenshots)
    page.set_viewport_size({"width": 1280, "height": 1500})  # the README's (docs/): scores and evidence
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "match-report.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    # accept a suggestion that changes the text, apply, see before/after and the DOCX
    suggestion = page.locator("#suggestions li.suggestion.status-pending").filter(has=page.locator("ins")).first
    suggestion_id = suggestion.get_attribute("id")
    suggestion.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.locator(f"#{suggestion_id}")).to_contain_text("Accepted")
    page.get_by_role("button", name="Apply accepted suggestions").click()
    expect(page.locator("#before-after")).to_contain_text("Before:")
    expect(page.locator("#after-score")).to_contain_text(re.compile(r"\d+/100"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the improved resume (DOCX)").click()
    assert download.value.suggested_filename.endswith("-improved.docx")
    page.get_by_role("button", name="Make suggestions").click()
    expect(page.locator("#suggestions")).to_be_visible()

    # rate the match and a suggestion
    page.goto(match_url)
    page.locator("#rating").get_by_label("4").check()
    page.locator("#rating").get_by_role("button", name="Rate").click()
    expect(page.locator("#rating")).to_contain_text("you rated it 4 of 5")
    first = page.locator("li.suggestion").first
    first.get_by_text("Rate this suggestion").click()
    first.get_by_label("5").check()
    first.get_by_role("button", name="Rate").click()
    expect(page.locator("li.suggestion").first).to_contain_text("you rated it 5 of 5")

    # exports: printable HTML and JSON
    page.get_by_role("link", name="Printable report").click()
    expect(page.get_by_role("heading", name=re.compile("Match report"))).to_be_visible()
    check_accessibility(page, "06b-printable-report", screenshots)
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="Export JSON").click()
    assert '"overall_score"' in Path(download.value.path()).read_text()

    # recruiter: a batch with one bad file, rank, must-haves filter, sort, CSV
    page.get_by_role("link", name="Recruiter view").click()
    page.get_by_label("Job", exact=True).select_option(label="Full Stack Developer (Initech)")
    page.get_by_role("button", name="Show").click()
    page.get_by_label("Resume files").set_input_files([
        {"name": "barry_allen_fe.pdf", "mimeType": "application/pdf", "buffer": OTHER_RESUME.read_bytes()},
        {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
    ])
    page.get_by_role("button", name="Upload", exact=True).click()
    # the batch's own page: it follows the queue's workers until both files are settled
    expect(page.locator("#batch-summary")).to_contain_text("All 2 finished: 1 stored, 1 refused", timeout=60_000)
    files = page.locator("#batch-files tbody tr")
    expect(files.nth(0)).to_contain_text("Stored")
    expect(files.nth(1)).to_contain_text("Refused")
    expect(files.nth(1)).to_contain_text("empty_file")
    check_accessibility(page, "07-batch", screenshots)
    batch_url = page.url
    page.get_by_role("button", name=re.compile("^Rank all resumes")).click()
    ranking = page.locator("#ranking tbody tr")
    expect(ranking).to_have_count(3)  # the original, its improved version and the batch upload
    check_accessibility(page, "07-recruiter", screenshots)
    page.locator("#ranking-heading").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "recruiter-view.png"))
    recruiter_url = page.url
    page.get_by_role("link", name=re.compile("^Experience")).click()
    expect(page.locator("th[aria-sort]")).to_contain_text("Experience")
    page.get_by_label(re.compile("Must-haves only")).check()
    page.get_by_role("button", name="Show").click()
    kept = page.locator("#ranking tbody tr")
    expect(kept.first).to_contain_text("All must-haves")
    assert kept.count() < 3
    expect(page.locator("#ranking")).not_to_contain_text("barry_allen")
    page.screenshot(path=str(screenshots / "08-recruiter-must-haves.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert len(rows) == kept.count() and all(r["meets_must_haves"] == "yes" for r in rows)
    assert float(rows[0]["overall_score"]) > 0
    kept.first.get_by_role("link").first.click()
    expect(page.locator("#overall-score")).to_be_visible()

    page.goto("/")
    expect(page.locator("#resume-list")).to_contain_text("Bruce, full stack (improved)")
    expect(page.locator("main table")).to_contain_text(re.compile(r"\d+/100 \((strong|good|fair|weak)\)"))
    check_accessibility(page, "10-dashboard", screenshots)

    # CSRF: a form post without its token is refused (with this browser's cookies)
    response = page.request.post(f"{web}/jobs", form={"title": "X", "description": "Python"})
    assert response.status == 403 and "csrf_failed" in response.text()

    # phone width: the report reads without sideways scrolling of the page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(match_url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(screenshots / "09-match-report-phone.png"), full_page=True)
    # the README's phone views (docs/): the report's evidence with a line highlighted, and the ranking
    page.locator("#requirements button[data-line]").nth(2).click()
    page.screenshot(path=str(screenshots / "match-report-phone.png"))
    page.goto(recruiter_url)
    page.locator("#ranking-heading").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "recruiter-view-phone.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in$"))
    page.goto(match_url)
    expect(page).to_have_url(re.compile(r"/sign-in\?next="))
    assert console_errors == []
    context.close()

    # isolation: a second user sees none of it, by page and by guessed URL
    context, page, console_errors = new_page(browser, web)
    sign_up(page, f"other-{uuid.uuid4().hex[:6]}@example.com")
    expect(page.get_by_text("Get started in three steps")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Bruce")
    for url in (match_url, job_url):
        response = page.goto(url)
        assert response is not None and response.status == 404
        expect(page.locator("main")).not_to_contain_text("Full Stack")
    page.goto("/recruiter")
    expect(page.locator("main")).not_to_contain_text("Full Stack")
    assert page.goto(batch_url).status == 404  # another user's batch
    expected_failures(console_errors, 404)
    context.close()


def test_the_api_docs_load_everything_from_this_server(browser: Browser, web: str) -> None:
    """/docs loaded an unpinned Swagger UI from a CDN; it is served from the install, under a content security
    policy without inline scripts, and renders the contract with no console error (a CSP refusal is one)."""
    context, page, console_errors = new_page(browser, web)
    requested: list[str] = []
    page.on("response", lambda response: requested.append(f"{response.status} {response.url}"))
    page.goto("/docs")
    expect(page.get_by_text("/api/v1/auth/login").first).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert console_errors == [], requested
    assert requested and all(url.split(" ", 1)[1].startswith(web) for url in requested), requested
    context.close()
