"""The accountability pages over HTTP, without a browser: the model card for everyone, clear refusals on bad forms,
and one user's audit, decisions, self-reports and log invisible to another."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from jobfit.runtime import Runtime
from tests.integration.audit_pool import build_pool, self_report_csv
from tests.integration.test_web_pages import csrf_of, sign_up


def _user_id(runtime: Runtime, email: str) -> uuid.UUID:
    from sqlalchemy import text

    with runtime.db.owner_engine.connect() as conn:
        return conn.execute(text("SELECT id FROM users WHERE email = :e"), {"e": email}).scalar_one()


def test_the_model_card_is_public_and_linked_from_every_page_and_the_api_docs(client: TestClient) -> None:
    page = client.get("/model-card")
    assert page.status_code == 200 and "<h1>Model card" in page.text and "What a deployer must do" in page.text
    main = page.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<script" not in main
    assert " style=" not in main and '<td class="align-right">' in main  # the CSP refuses inline styles
    assert 'href="/model-card"' in client.get("/sign-in").text
    assert "/model-card" in client.get("/openapi.json").json()["info"]["description"]


def test_bad_forms_are_refused_in_plain_words(runtime: Runtime, client: TestClient) -> None:
    email = sign_up(client)
    job_id, resume_ids = build_pool(runtime, _user_id(runtime, email))
    token = csrf_of(client.get("/self-reports").text)
    r = client.post("/self-reports", data={"csrf_token": token})
    assert r.status_code == 422 and "Choose a CSV file" in r.text
    r = client.post("/self-reports", data={"csrf_token": token},
                    files={"file": ("r.csv", b"resume_id,sex\n" + str(resume_ids[0]).encode() + b",Male\n")})
    assert r.status_code == 422 and "line 1: the first line must name the columns" in r.text
    assert "invalid_self_reports" in r.text and "Held now: 0" in r.text
    r = client.post("/self-reports", data={"csrf_token": token},
                    files={"file": ("r.csv", self_report_csv(resume_ids))}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/self-reports?stored=20"
    match_id = client.get(f"/recruiter?job_id={job_id}").text.split('href="/matches/', 1)[1].split('?', 1)[0]
    r = client.post(f"/matches/{match_id}/decision", data={"csrf_token": token, "decision": "fire"})
    assert r.status_code == 422 and "Choose Advance, Hold or Reject" in r.text
    r = client.post(f"/matches/{match_id}/decision", data={"csrf_token": token, "decision": "hold",
                                                          "reason": "x" * 2001})
    assert r.status_code == 422 and "under 2000 characters" in r.text
    r = client.post(f"/matches/{match_id}/decision", data={"csrf_token": token, "decision": "hold"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/recruiter/audit?job_id=not-a-uuid").status_code == 404
    assert client.get(f"/recruiter/audit?job_id={uuid.uuid4()}").status_code == 404
    audit = client.get(f"/recruiter/audit?job_id={job_id}&basis=nonsense&exclude_small=1")
    assert audit.status_code == 200 and "Scoring rates for" in audit.text and "under 2% of the candidates" in audit.text
    log = client.get("/decision-log?action=nonsense&offset=-5")
    assert log.status_code == 200
    for action in ("decision", "audit", "self_reports"):
        assert f'data-action="{action}"' in log.text, action
    decisions_only = client.get("/decision-log?action=decision").text
    assert 'data-action="decision"' in decisions_only and 'data-action="audit"' not in decisions_only

    # another user sees none of it
    client.cookies.clear()
    sign_up(client)
    assert client.get(f"/recruiter/audit?job_id={job_id}").status_code == 404
    assert client.get(f"/matches/{match_id}/explanation").status_code == 404
    assert "Held now: 0" in client.get("/self-reports").text
    assert "Nothing logged yet" in client.get("/decision-log").text
    token = csrf_of(client.get("/self-reports").text)
    r = client.post("/self-reports/delete", data={"csrf_token": token}, follow_redirects=False)
    assert r.headers["location"] == "/self-reports?deleted=0"
