"""Accountable hiring in a real headless Chromium: self-reports upload, the bias audit on a synthetic pool (its
impact ratios checked against a hand computation), a decision with the report it was made on, the candidate
explanation and its print view, the decision log and the model card; axe-core finds no violation on any of them."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import text

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.runtime import Runtime
from jobfit.services import analyze, upload
from tests.conftest import DOTIN_TEXTS
from tests.e2e.conftest import AXE_JS
from tests.e2e.test_flow import expected_failures, new_page, sign_up
from tests.integration.audit_pool import build_pool, self_report_csv

pytestmark = pytest.mark.e2e
JOB = {"title": "Data Engineer", "description": "Required: Python, SQL and Oracle. 2+ years of experience. "
                                               "Nice to have: Java."}


def no_violations(page: Page, name: str, shots: Path) -> None:
    """axe-core over the page finds nothing, of any impact (moderate and minor included)."""
    page.screenshot(path=str(shots / f"accountable-{name}.png"), full_page=True)
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]]
    assert found == [], (name, found)


def _user_id(runtime: Runtime, email: str) -> uuid.UUID:
    with runtime.db.owner_engine.connect() as conn:
        return conn.execute(text("SELECT id FROM users WHERE email = :e"), {"e": email}).scalar_one()


def _real_match(runtime: Runtime, user_id: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    """A real resume (dotin 1.txt) and job, stored and analysed by the services the pages use."""
    data = (DOTIN_TEXTS / "1.txt").read_bytes()
    with runtime.db.user_session(user_id) as db:
        resume = upload.store_resume(db, runtime, user_id, parse_resume_text(data.decode()), data=data,
                                     filename="meda.txt", title="Meda, engineer")
        job = upload.store_job(db, runtime, user_id, parse_job(**JOB), fields=JOB)
        return analyze.analyze(db, user_id, resume.id, job.id, runtime.embedder).row.id, job.id


def test_audit_decision_explanation_log_and_model_card(browser: Browser, web: str, runtime: Runtime,
                                                       screenshots: Path) -> None:
    context, page, console_errors = new_page(browser, web)
    email = f"recruiter-{uuid.uuid4().hex[:6]}@example.com"
    sign_up(page, email)
    user_id = _user_id(runtime, email)
    job_id, resume_ids = build_pool(runtime, user_id)
    match_id, real_job_id = _real_match(runtime, user_id)

    # self-reports: a bad file is refused whole, with its line; then the pool's file is stored
    page.goto("/self-reports")
    expect(page.get_by_text("never infers a category")).to_be_visible()
    page.get_by_label("CSV file").set_input_files({"name": "bad.csv", "mimeType": "text/csv", "buffer":
                                                   f"resume_id,sex,race_ethnicity\n{resume_ids[0]},F,White\n"
                                                   f"{resume_ids[1]},Martian,White\n".encode()})
    page.get_by_role("button", name="Upload self-reports").click()
    expect(page.locator("#form-error")).to_contain_text("line 3: sex 'Martian'")
    expected_failures(console_errors, 422)
    page.get_by_label("CSV file").set_input_files({"name": "pool.csv", "mimeType": "text/csv",
                                                   "buffer": self_report_csv(resume_ids)})
    page.get_by_role("button", name="Upload self-reports").click()
    expect(page.locator("#self-reports-status")).to_contain_text("Stored the self-reports of 20 resumes")
    expect(page.locator("#held-heading")).to_contain_text("Held now: 20")
    no_violations(page, "self-reports", screenshots)

    # the ranking, then its audit: the hand computation of tests/integration/test_bias_audit_api.py
    page.goto(f"/recruiter?job_id={job_id}")
    expect(page.locator("#ranking tbody tr")).to_have_count(20)
    page.get_by_role("link", name="Bias audit of this ranking").click()
    expect(page.locator("#median-score")).to_contain_text("53.50")
    sex = page.locator("#audit-sex")
    male = sex.locator("tr[data-category='male']")
    expect(male.locator(".impact-ratio")).to_have_text("0.64")  # (4/10) / (5/8)
    expect(male).to_contain_text("Below 0.80")
    expect(sex.locator("tr[data-category='female'] .impact-ratio")).to_have_text("1.00")
    expect(sex.locator(".unknown-count")).to_have_text("2")
    race = page.locator("#audit-race_ethnicity")
    expect(race.locator("tr[data-category='white'] .impact-ratio")).to_have_text("1.00")
    expect(race.locator("tr[data-category='black_or_african_american'] .impact-ratio")).to_have_text("0.70")
    expect(race.locator("tr[data-category='hispanic_or_latino'] .impact-ratio")).to_have_text("0.00")
    both = page.locator("#audit-intersection")
    expect(both.locator("tr[data-category='male+black_or_african_american'] .impact-ratio")).to_have_text("0.44")
    expect(page.locator("#audit-flags")).to_contain_text("below the four-fifths rule")
    expect(page.locator("#audit-algorithm")).to_contain_text("2.0.0")
    expect(page.locator("#not-inferred")).to_contain_text("never infers")
    no_violations(page, "audit", screenshots)
    page.get_by_label("Audit", exact=True).select_option("selection")
    page.get_by_role("button", name="Run the audit").click()
    expect(page.locator("#audit-sex tr[data-category='male'] .impact-ratio")).to_have_text("0.80")  # 0.4 / 0.5
    expect(page.locator("#audit-sex tr[data-category='male']")).to_contain_text("At or above 0.80")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert next(r for r in rows if r["category"] == "Male")["impact_ratio"] == "0.8"
    page.get_by_role("link", name="Printable report").click()
    expect(page.get_by_role("heading", name=re.compile("Bias audit report"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("algorithm 2.0.0")
    no_violations(page, "audit-print", screenshots)

    # a decision on a real match, then the pair is scored again: the decision keeps the report that was seen
    page.goto(f"/matches/{match_id}")
    seen_score = page.locator("#overall-score").inner_text()
    page.get_by_label("Advance").check()
    page.get_by_label("Reason").fill("Strong SQL work")
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("#current-decision")).to_contain_text("Advance")
    expect(page.locator("#decision-history")).to_contain_text("Strong SQL work")
    no_violations(page, "decision", screenshots)
    with runtime.db.owner_engine.begin() as conn:
        conn.execute(text("UPDATE match_results SET overall_score = 3 WHERE id = :id"), {"id": match_id})
    page.get_by_label("Hold").check()
    page.get_by_role("button", name="Record decision").click()  # on the report as it was before the change
    expect(page.locator("main")).to_contain_text("changed after you opened it")
    expected_failures(console_errors, 409)
    page.goto(f"/matches/{match_id}")
    expect(page.locator("#decision-history")).to_contain_text("differs from today's")
    page.locator("#decision-history").get_by_role("link").first.click()
    expect(page.locator("#report-changed")).to_be_visible()
    expect(page.locator("#overall-score")).to_have_text(seen_score)
    no_violations(page, "decision-seen", screenshots)
    page.goto(f"/recruiter?job_id={real_job_id}")
    expect(page.locator("#ranking tbody tr").first).to_contain_text("Advance")  # the latest is still the advance

    # the candidate's explanation and its print view
    page.goto(f"/matches/{match_id}")
    page.get_by_role("link", name="Explanation for the candidate").click()
    expect(page.get_by_role("heading", name=re.compile("Your match with Data Engineer"))).to_be_visible()
    expect(page.locator("#explained-requirements")).to_contain_text("Shown in your resume")
    expect(page.locator("#score-parts")).to_contain_text("Skills")
    expect(page.locator("main")).not_to_contain_text("Audited Python Developer")
    no_violations(page, "explanation", screenshots)
    page.get_by_role("link", name="Print or save as PDF").click()
    page.emulate_media(media="print")
    expect(page.locator(".no-print")).to_be_hidden()
    expect(page.locator("#explained-requirements")).to_be_visible()
    no_violations(page, "explanation-print", screenshots)
    page.emulate_media(media="screen")

    # the decision log: every action above, filtered, exported as JSON Lines
    page.goto("/decision-log")
    log = page.locator("#decision-log")
    for action in ("audit", "export", "decision", "analyze"):
        expect(log.locator(f"tr[data-action='{action}']").first).to_be_visible()
    no_violations(page, "decision-log", screenshots)
    page.get_by_label("Show").select_option("decision")
    page.get_by_role("button", name="Show").click()
    expect(log.locator("tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="Export all as JSON Lines").click()
    lines = [json.loads(line) for line in Path(download.value.path()).read_text().splitlines()]
    assert {"self_reports", "audit", "analyze", "decision", "export"} <= {row["action"] for row in lines}
    assert "Strong SQL work" not in json.dumps(lines) and "Meda" not in json.dumps(lines)

    # the model card, from every page's footer
    page.get_by_role("contentinfo").get_by_role("link", name="Model card").click()
    expect(page.get_by_role("heading", name=re.compile("Model card"), level=1)).to_be_visible()
    expect(page.locator("#model-card")).to_contain_text("What a deployer must do")
    no_violations(page, "model-card", screenshots)
    assert console_errors == []
    context.close()
