"""`jobfit parse` on real files, and its one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jobfit.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()


def test_parse_resume_json_uses_seed_field_names() -> None:
    pdf = SAMPLES / "resumes" / "alfred_pennyworth_pm.pdf"
    result = runner.invoke(app, ["parse", str(pdf), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for field in ("text_content", "contact_info", "sections", "metadata", "quality_score", "experience",
                  "education", "skills"):
        assert field in data
    assert data["metadata"]["file_type"] == "pdf" and data["sections"]


def test_parse_job_readable() -> None:
    pdf = SAMPLES / "job_descriptions" / "job_desc_front_end_engineer.pdf"
    result = runner.invoke(app, ["parse", "--job", str(pdf)])
    assert result.exit_code == 0, result.output
    assert "Required skills" in result.stdout


def test_parse_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["parse", str(tmp_path / "nope.pdf")])
    assert missing.exit_code == 2
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    result = runner.invoke(app, ["parse", str(bad)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_parse_of_a_hostile_file_is_bounded_exit_2(tmp_path: Path, monkeypatch) -> None:
    """A small PDF that takes pdfminer ~15 s stops at the parse time limit with one line and exit code 2."""
    import time

    from jobfit.cli import bounded
    from tests.corpus.pdf_builder import pdf_with_content

    monkeypatch.setenv("JOBFIT_PARSE_TIMEOUT", "1")
    bounded._sandbox.cache_clear()  # the limits are read when the command's sandbox is made
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(pdf_with_content(b"0 0 m 10 10 l S\n" * (2 * 1024 * 1024 // 16)))
    started = time.monotonic()
    result = runner.invoke(app, ["parse", "--job", str(slow)])
    assert time.monotonic() - started < 8
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"jobfit: error: {slow}: The document took longer than 1 s to read."]
    bounded._sandbox.cache_clear()
