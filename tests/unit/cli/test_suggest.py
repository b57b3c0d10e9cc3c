"""`jobfit match --suggest`: suggestions in the report and in --json, placed at real resume lines."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jobfit.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()


def test_match_suggest_json_and_report(tmp_path: Path) -> None:
    samples = SAMPLES
    resume = samples / "resumes" / "barry_allen_fe.pdf"
    job = samples / "job_descriptions" / "job_desc_front_end_engineer.pdf"
    result = runner.invoke(app, ["match", str(resume), str(job), "--json", "--suggest"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["suggestions"], "offline rules suggest something for a real pair"
    parsed = json.loads(runner.invoke(app, ["parse", str(resume), "--json"]).stdout)
    lines = parsed["text_content"].split("\n")
    for s in data["suggestions"]:
        assert s["generated_by"].startswith("jobfit-rules") and 1 <= s["priority"] <= 5
        if s["original_text"] and s["line_number"]:
            assert s["original_text"] in lines[s["line_number"] - 1]
    plain = runner.invoke(app, ["match", str(resume), str(job)])
    assert plain.exit_code == 0 and "Suggestions (" not in plain.stdout
    report = runner.invoke(app, ["match", str(resume), str(job), "--suggest"])
    assert report.exit_code == 0 and "Suggestions" in report.stdout and "measurable result" in report.stdout
