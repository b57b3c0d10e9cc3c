"""The bias audit over the API, on a synthetic pool of 20 candidates whose figures are computed by hand here."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from fastapi.testclient import TestClient

from jobfit.runtime import Runtime
from tests.integration.audit_pool import MEDIAN, build_pool, self_report_csv


def _user_id(client: TestClient, auth: dict[str, str]) -> uuid.UUID:
    return uuid.UUID(client.get("/api/v1/auth/me", headers=auth).json()["id"])


@pytest.fixture()
def pool(runtime: Runtime, client: TestClient, auth: dict[str, str]) -> tuple[uuid.UUID, list[uuid.UUID]]:
    job_id, resume_ids = build_pool(runtime, _user_id(client, auth))
    r = client.post("/api/v1/self-reports", headers=auth,
                    files={"file": ("self-reports.csv", self_report_csv(resume_ids), "text/csv")})
    assert r.status_code == 200, r.text
    assert r.json() == {"stored": 20}
    return job_id, resume_ids


def _rows(body: dict, grouping: str) -> dict[str, dict]:
    table = next(g for g in body["groupings"] if g["grouping"] == grouping)
    return {c["label"]: c for c in table["categories"]} | {"unknown": table["unknown"], "reference": table["reference"]}


def test_scoring_rates_and_impact_ratios_match_a_hand_computation(client: TestClient, auth: dict[str, str],
                                                                   pool: tuple[uuid.UUID, list[uuid.UUID]]) -> None:
    job_id, _ = pool
    r = client.get(f"/api/v1/audit/jobs/{job_id}", headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["candidates"] == 20 and body["self_reported"] == 20 and body["basis"] == "scoring"
    assert body["median_score"] == MEDIAN and body["favourable"] == 10
    assert body["algorithm_versions"] == ["2.0.0"] and body["scored_from"] and body["scored_to"]
    assert "never infers" in body["note"]

    sex = _rows(body, "sex")
    # male: 90 80 70 40 | 75 50 20 | 45 15 | 52 -> 4 of 10 above 53.5; female: 85 60 30 | 65 55 25 | 95 35 -> 5 of 8
    assert (sex["Male"]["count"], sex["Male"]["favourable"]) == (10, 4)
    assert (sex["Female"]["count"], sex["Female"]["favourable"]) == (8, 5)
    assert sex["unknown"] == 2 and sex["reference"] == "Female"
    assert sex["Female"]["rate"] == pytest.approx(5 / 8) and sex["Female"]["impact_ratio"] == pytest.approx(1.0)
    assert sex["Male"]["rate"] == pytest.approx(4 / 10)
    assert sex["Male"]["impact_ratio"] == pytest.approx((4 / 10) / (5 / 8))  # 0.64: under four-fifths
    assert sex["Male"]["flagged"] and not sex["Female"]["flagged"]

    race = _rows(body, "race_ethnicity")
    # white: 90 80 70 40 85 60 30 -> 5 of 7; black: 75 50 20 65 55 25 -> 3 of 6; asian 95 35 -> 1 of 2; hispanic 0 of 2
    assert race["unknown"] == 3 and race["reference"] == "White"
    expected = {"White": (7, 5 / 7, 1.0), "Black or African American": (6, 3 / 6, (3 / 6) / (5 / 7)),
                "Asian": (2, 1 / 2, (1 / 2) / (5 / 7)), "Hispanic or Latino": (2, 0.0, 0.0)}
    for label, (count, rate, ratio) in expected.items():
        assert race[label]["count"] == count, label
        assert race[label]["rate"] == pytest.approx(rate), label
        assert race[label]["impact_ratio"] == pytest.approx(ratio), label
        assert race[label]["flagged"] == (ratio < 0.8), label
    for label in ("Native Hawaiian or Other Pacific Islander", "American Indian or Alaska Native", "Two or More Races"):
        assert race[label]["count"] == 0 and race[label]["rate"] is None and race[label]["impact_ratio"] is None

    both = _rows(body, "intersection")
    assert both["unknown"] == 3 and both["reference"] == "Male, White"
    best = 3 / 4
    for label, rate in {"Male, White": 3 / 4, "Female, White": 2 / 3, "Male, Black or African American": 1 / 3,
                        "Female, Black or African American": 2 / 3, "Female, Asian": 1 / 2,
                        "Male, Hispanic or Latino": 0.0}.items():
        assert both[label]["rate"] == pytest.approx(rate), label
        assert both[label]["impact_ratio"] == pytest.approx(rate / best), label
    both_label = "Sex and race/ethnicity"
    assert set(body["flagged"]) == {
        "Sex: Male", "Race/ethnicity: Black or African American", "Race/ethnicity: Asian",
        "Race/ethnicity: Hispanic or Latino", f"{both_label}: Male, Black or African American",
        f"{both_label}: Female, Asian", f"{both_label}: Male, Hispanic or Latino"}


def test_selection_rates_of_the_shortlist_match_a_hand_computation(client: TestClient, auth: dict[str, str],
                                                                    pool: tuple[uuid.UUID, list[uuid.UUID]]) -> None:
    job_id, _ = pool
    body = client.get(f"/api/v1/audit/jobs/{job_id}", headers=auth, params={"basis": "selection"}).json()
    assert body["basis"] == "selection" and body["median_score"] is None and body["favourable"] == 9
    sex = _rows(body, "sex")
    # kept by the must-have filter: male 90 80 75 52 (4 of 10), female 85 60 65 95 (4 of 8)
    assert sex["Male"]["rate"] == pytest.approx(0.4) and sex["Female"]["rate"] == pytest.approx(0.5)
    assert sex["Male"]["impact_ratio"] == pytest.approx(0.8) and not sex["Male"]["flagged"]  # exactly four-fifths
    race = _rows(body, "race_ethnicity")
    assert race["White"]["rate"] == pytest.approx(4 / 7) and race["Asian"]["rate"] == pytest.approx(1 / 2)
    assert race["Black or African American"]["impact_ratio"] == pytest.approx((2 / 6) / (4 / 7))


def test_the_audit_exports_as_csv_and_is_logged(client: TestClient, auth: dict[str, str],
                                                pool: tuple[uuid.UUID, list[uuid.UUID]]) -> None:
    job_id, _ = pool
    r = client.get(f"/api/v1/audit/jobs/{job_id}/csv", headers=auth)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    male = next(row for row in rows if row["grouping"] == "Sex" and row["category"] == "Male")
    assert (male["candidates"], male["rate"], male["impact_ratio"], male["below_four_fifths"]) == ("10", "0.4",
                                                                                                   "0.64", "yes")
    unknown = next(row for row in rows if row["grouping"] == "Sex" and row["category"].startswith("Unknown"))
    assert unknown["candidates"] == "2"
    assert {row["algorithm_versions"] for row in rows} == {"2.0.0"}
    assert {row["median_score"] for row in rows} == {"53.5"}
    log = client.get("/api/v1/decision-log", headers=auth).json()["items"]
    actions = [(e["action"], e["details"].get("kind")) for e in log]
    assert ("audit", None) in actions and ("export", "audit_csv") in actions
    audit_row = next(e for e in log if e["action"] == "audit")
    assert audit_row["details"]["candidates"] == 20 and "male" in audit_row["details"]["flagged"]
    assert "Person" not in r.text and "Person" not in str(log)  # the CSV's extra column was never kept


def test_self_reports_are_held_counted_and_deleted_in_one_call(client: TestClient, auth: dict[str, str],
                                                              pool: tuple[uuid.UUID, list[uuid.UUID]]) -> None:
    job_id, _ = pool
    held = client.get("/api/v1/self-reports", headers=auth).json()
    assert held["total"] == 20 and held["sex"] == {"Male": 10, "Female": 8, "Unknown": 2}
    assert held["race_ethnicity"]["Unknown"] == 3
    r = client.delete("/api/v1/self-reports", headers=auth)
    assert r.status_code == 200 and r.json() == {"deleted": 20}
    assert client.get("/api/v1/self-reports", headers=auth).json()["total"] == 0
    body = client.get(f"/api/v1/audit/jobs/{job_id}", headers=auth).json()
    assert body["self_reported"] == 0 and _rows(body, "sex")["unknown"] == 20


def test_another_user_sees_no_self_reports_and_cannot_audit_the_job(client: TestClient, auth: dict[str, str],
                                                                   pool: tuple[uuid.UUID, list[uuid.UUID]]) -> None:
    from tests.integration.conftest import register_and_login

    job_id, resume_ids = pool
    other = register_and_login(client)
    assert client.get("/api/v1/self-reports", headers=other).json()["total"] == 0
    assert client.get(f"/api/v1/audit/jobs/{job_id}", headers=other).status_code == 404
    # nor report on the first user's resumes: their ids are unknown to this account
    r = client.post("/api/v1/self-reports", headers=other,
                    files={"file": ("s.csv", self_report_csv(resume_ids), "text/csv")})
    assert r.status_code == 422 and "no resume has the id" in r.json()["detail"]
    assert client.delete("/api/v1/self-reports", headers=other).json() == {"deleted": 0}
    assert client.get("/api/v1/self-reports", headers=auth).json()["total"] == 20
