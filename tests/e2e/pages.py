"""What the browser tests share: a page on the live app that records console errors, signing up, the sample
documents, and the steps that take a job seeker from a new account to a match report."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.conftest import SAMPLES
from tests.e2e.conftest import axe_violations

PASSWORD = "correct horse battery"
RESUME = SAMPLES / "resumes" / "bruce_wayne_fullstack.pdf"
OTHER_RESUME = SAMPLES / "resumes" / "barry_allen_fe.pdf"
JOB_DESCRIPTION = """Full Stack Developer
We build the web apps that 2 million riders use every day.
Requirements:
- 5+ years of experience building web applications
- JavaScript, React and Node.js
- MongoDB and RESTful APIs
- Docker
Nice to have:
- Kubernetes
- AWS"""


def watch_console(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def new_page(browser: Browser, base_url: str) -> tuple[BrowserContext, Page, list[str]]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    return context, page, watch_console(page)


def expected_failures(console_errors: list[str], status: int) -> None:
    """A step that is meant to fail logs the browser's 'Failed to load resource' line for its answer, and only it."""
    assert console_errors and all(f"status of {status}" in e for e in console_errors), console_errors
    console_errors.clear()


def sign_up(page: Page, email: str) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in"))
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def check_accessibility(page: Page, name: str, shots: Path) -> None:
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert axe_violations(page) == [], name


def upload_resume(page: Page, path: Path, title: str) -> None:
    page.goto("/resumes/new")
    page.get_by_label("Resume file").set_input_files(str(path))
    page.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Upload and read").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def paste_job(page: Page, title: str, company: str, description: str) -> str:
    """Add a job by pasting; returns its page's URL."""
    page.goto("/jobs/new")
    page.get_by_label("Job title").first.fill(title)
    page.get_by_label("Company").fill(company)
    page.get_by_label("Description", exact=True).fill(description)
    page.get_by_role("button", name="Add job").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    return page.url


def match_from_job_page(page: Page, job_url: str, resume_title: str) -> str:
    """Match one resume against the job of `job_url`; returns the report's URL."""
    page.goto(job_url)
    page.get_by_label("Resume", exact=True).select_option(label=resume_title)
    page.get_by_role("button", name="Match", exact=True).click()
    expect(page.locator("#overall-score")).to_contain_text(re.compile(r"Overall \d+/100"))
    return page.url


def new_seeker(browser: Browser, web: str) -> tuple[BrowserContext, Page, list[str]]:
    context, page, console_errors = new_page(browser, web)
    sign_up(page, f"seeker-{uuid.uuid4().hex[:6]}@example.com")
    return context, page, console_errors
