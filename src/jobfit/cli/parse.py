"""`jobfit parse FILE`: the parsed resume (or, with --job, the parsed job) as readable text or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from jobfit.cli.match import load_job, load_resume
from jobfit.cli.output import fail
from jobfit.documents.job_length import thin_ad_warnings
from jobfit.documents.models import ParsedJob, ParsedResume


def parse(
    file: Annotated[Path, typer.Argument(help="A resume or job file: PDF, DOCX, TXT or Markdown.")],
    job: Annotated[bool, typer.Option("--job", help="Parse FILE as a job description.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON with the API's field names.")] = False,
) -> None:
    """Parse a resume (or job description) and show what jobfit reads from it."""
    try:
        parsed = load_job(file) if job else load_resume(file)
    except ValueError as exc:
        fail(str(exc))
    if json_:
        typer.echo(json.dumps(parsed.model_dump(mode="json"), indent=2, ensure_ascii=False))
    elif isinstance(parsed, ParsedJob):
        _show_job(parsed)
    else:
        _show_resume(parsed)


def _show_resume(p: ParsedResume) -> None:
    out = Console()
    meta = p.metadata
    out.print(f"[bold]Resume[/bold]  {meta.file_type}, {meta.pages or 1} page(s), {meta.words} words, "
              f"parser {meta.parser}, quality [bold]{p.quality_score:.0f}[/bold]/100")
    contact = Table(title="Contact", show_header=False)
    for field, value in p.contact_info:
        if value is not None:
            contact.add_row(field, value.value, f"{value.confidence:.2f}")
    out.print(contact)
    sections = Table(title="Sections")
    for col in ("section", "heading", "lines"):
        sections.add_column(col)
    for name, s in p.sections.items():
        sections.add_row(name, s.heading, f"{s.start_line}-{s.end_line}")
    out.print(sections)
    if p.experience:
        counted_to = {"text": "the date on the resume", "file": "the file's saved date"}.get(
            meta.as_of_source or "", "today")
        current = f"; present counted to {meta.as_of} ({counted_to})" if meta.as_of and any(
            e.is_current for e in p.experience) else ""
        exp = Table(title=f"Experience ({p.total_years_experience:.1f} years{current})")
        for col in ("title", "company", "from", "to", "months"):
            exp.add_column(col)
        for e in p.experience:
            exp.add_row(e.title or "", e.company or "", e.start or "", "present" if e.is_current else e.end or "",
                        str(e.months))
        out.print(exp)
    if p.education:
        edu = Table(title="Education")
        for col in ("level", "degree", "field", "institution", "year"):
            edu.add_column(col)
        for ed in p.education:
            edu.add_row(ed.degree_level, ed.degree or "", ed.field or "", ed.institution or "", str(ed.year or ""))
        out.print(edu)
    names = sorted({s.name for s in p.skills})
    out.print(f"[bold]Skills[/bold] ({len(names)}): " + ", ".join(names))
    checks = Table(title="Quality checks")
    for col in ("check", "result", "weight", "how to fix"):
        checks.add_column(col)
    for c in p.quality_checks:
        checks.add_row(c.label, "[green]pass[/green]" if c.passed else "[red]fail[/red]", f"{c.weight:g}",
                       "" if c.passed else c.hint)
    out.print(checks)


def _show_job(p: ParsedJob) -> None:
    out = Console()
    out.print(f"[bold]{p.title}[/bold]" + (f" at {p.company}" if p.company else ""))
    facts = Table(show_header=False)
    for label, value in (("job type", p.job_type), ("remote", p.remote_option), ("level", p.experience_level),
                         ("minimum years", p.min_years), ("degree", p.degree_level), ("field", p.degree_field),
                         ("location", p.location), ("salary", p.salary_range)):
        if value is not None:
            facts.add_row(label, str(value))
    out.print(facts)
    out.print("[bold]Sections:[/bold] " + ", ".join(p.sections))
    if p.zones:  # which part of the ad each line is: requirements are read from duties, requirements, preferred
        out.print("[bold]Zones:[/bold] " + escape(", ".join(
            f"{z.zone} {z.start_line}" + (f"-{z.end_line}" if z.end_line > z.start_line else "") for z in p.zones)))
    out.print("[bold]Required skills:[/bold] " + ", ".join(sorted({s.name for s in p.required_skills})))
    out.print("[bold]Preferred skills:[/bold] " + ", ".join(sorted({s.name for s in p.preferred_skills})))
    for check in p.eligibility:
        out.print(f"[bold]To check ({escape(check.kind)}):[/bold] {escape(check.text)}"
                  + ("" if check.importance == "required" else " (preferred)"))
    for warning in thin_ad_warnings(p):
        out.print(f"[yellow]note:[/yellow] {escape(warning)}")
