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


def test_rank_takes_a_folder_of_resumes(tmp_path: Path) -> None:
    job = SAMPLES / "job_descriptions" / "job_desc_full_stack_engineer.pdf"
    out = runner.invoke(app, ["rank", str(job), str(SAMPLES / "resumes"), "--json"])
    assert out.exit_code == 0, out.output
    assert sorted(Path(d["path"]).name for d in json.loads(out.stdout)) == sorted(
        p.name for p in (SAMPLES / "resumes").glob("*.pdf"))
    (tmp_path / "notes.csv").write_text("not a resume")
    empty = runner.invoke(app, ["rank", str(job), str(tmp_path)])
    assert empty.exit_code == 2 and empty.stderr.strip().splitlines() == [
        f"jobfit: error: {tmp_path}: no resume files in this folder (PDF, DOCX, TXT or Markdown)"]


def test_the_ranking_table_reads_at_80_columns() -> None:
    job = SAMPLES / "job_descriptions" / "job_desc_full_stack_engineer.pdf"
    out = runner.invoke(app, ["rank", str(job), str(SAMPLES / "resumes")], env={"COLUMNS": "80"})
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines and max(map(len, lines)) <= 80, "\n".join(lines)
    assert lines[0].startswith("Top 5 of 5 for ") and "Senior Full Stack Engineer" in lines[0]
    assert lines[0] == "Top 5 of 5 for Senior Full Stack Engineer (5+ Years of Experience)"  # whole title
    header = next(line for line in lines if "overall" in line)
    assert header.split() == ["#", "resume", "overall", "skills", "exper.", "keyw.", "top", "gap"]
    for path in (SAMPLES / "resumes").glob("*.pdf"):  # each file name whole, on the line with its scores
        (row,) = [line for line in lines if path.name in line]
        assert len(row.split()) >= 7, row  # rank, name, four scores, the top gap's first word
    assert lines[-1] == "education and confidence: in --json, or in a terminal 100 columns wide"
    wide = runner.invoke(app, ["rank", str(job), str(SAMPLES / "resumes")], env={"COLUMNS": "120"}).stdout
    assert "educ." in wide and "conf." in wide and "in --json" not in wide
