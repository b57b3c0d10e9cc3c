"""`jobfit match` / `jobfit rank` on the committed sample files through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from jobfit.cli.match import JSON_FIELDS, match, rank
from tests.conftest import SAMPLES

app = typer.Typer()
app.command("match")(match)
app.command("rank")(rank)
runner = CliRunner()


def test_match_json_has_every_field() -> None:
    jd = SAMPLES / "job_descriptions" / "job_desc_front_end_engineer.pdf"
    out = runner.invoke(app, ["match", str(SAMPLES / "resumes" / "barry_allen_fe.pdf"), str(jd), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert set(JSON_FIELDS) <= set(data)
    assert 0 < data["overall_score"] <= 100
    assert data["match_analysis"]["requirements"]


def test_match_report_and_bad_input() -> None:
    jd = SAMPLES / "job_descriptions" / "job_desc_java_developer.pdf"
    out = runner.invoke(app, ["match", str(SAMPLES / "resumes" / "john_doe.pdf"), str(jd), "--suggest"])
    assert out.exit_code == 0, out.output
    assert "Requirements" in out.stdout and "Overall" in out.stdout
    bad = runner.invoke(app, ["match", "/nonexistent/resume.pdf",
                              str(SAMPLES / "job_descriptions" / "job_desc_java_developer.pdf")])
    assert bad.exit_code == 2
    assert len(bad.stderr.strip().splitlines()) == 1


def test_rank_sorts_and_skips_unreadable(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a pdf")
    resumes = sorted((SAMPLES / "resumes").glob("*.pdf"))
    out = runner.invoke(app, ["rank", str(SAMPLES / "job_descriptions" / "job_desc_product_manager.pdf"),
                              *map(str, resumes), str(broken), "--json", "--top", "3"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert len(data) == 3
    scores = [d["overall_score"] for d in data]
    assert scores == sorted(scores, reverse=True)
    assert all("path" in d for d in data)
    assert "broken.pdf" in out.stderr
