"""`jobfit match` and `jobfit rank`: score files against a job in-process (the configured embedder, no server,
no DB), so the scores are the ones the server gives for the same files and settings.

Both print a Rich report by default or JSON with `--json`. Bad input exits with code 2 and one line
on stderr; in `rank`, an unreadable resume is reported and skipped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from jobfit.cli.output import fail
from jobfit.documents.job_length import thin_ad_warnings
from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.base import Vectors
from jobfit.embeddings.chunks import embed_chunks
from jobfit.matching import prepare_job, prepare_resume, rank_resumes, score_prepared
from jobfit.matching.engine import PreparedJob
from jobfit.matching.models import SCORE_FIELDS, MatchResult
from jobfit.matching.overall_parts import overall_parts
from jobfit.matching.profile import ResumeProfile
from jobfit.pipeline import embed_resume, job_chunks, job_meaning
from jobfit.suggestions import SuggestionSet

JSON_FIELDS = (
    *SCORE_FIELDS, "section_scores", "match_analysis", "skill_gaps", "strengths", "processing_time_ms",
    "algorithm_version",
)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _parse(path: Path, kind: str) -> Any:
    from jobfit.cli.bounded import parse_file
    from jobfit.documents.errors import DocumentError

    data = _read(path)
    try:
        return parse_file(kind, data, path.name)
    except DocumentError as exc:
        raise ValueError(f"{path}: {exc.message}") from exc


def load_resume(path: Path) -> ParsedResume:
    """Parse a resume file; raises ValueError with a one-line reason."""
    return _parse(path, "resume")


def load_job(path: Path) -> ParsedJob:
    """Parse a job description file; raises ValueError with a one-line reason."""
    return _parse(path, "job_file")


def note_thin_ad(job: ParsedJob) -> None:
    """Say on stderr why a match against this ad says little, if it does (stdout stays the report or JSON)."""
    for warning in thin_ad_warnings(job):
        typer.echo(f"jobfit: note: {warning}", err=True)


class _Embedding:
    """The configured embedder (`JOBFIT_EMBEDDING_*`, as the server uses), made before any file is read.

    When it cannot run (the MiniLM model package not installed, a server unreachable), the command stops with
    the one line that says what to run: scores without their semantic part are not the server's, and a ranking
    made of them would differ silently. Only when the user chose the provider explicitly
    (JOBFIT_EMBEDDING_PROVIDER) does matching go on without vectors, after one warning.
    """

    def __init__(self) -> None:
        from jobfit.config import Settings
        from jobfit.providers.embedders import embedder_from_settings

        self._embedder: Any = None
        self._explicit = False
        self.error: str | None = None
        try:
            settings = Settings()
            self._explicit = "embedding_provider" in settings.model_fields_set
            self._embedder = embedder_from_settings(settings)
        except Exception as exc:
            self._unavailable(exc)

    def _unavailable(self, exc: Exception) -> None:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if not self._explicit:
            fail(reason)
        self.error = reason
        typer.echo(f"jobfit: warning: embeddings unavailable ({reason}); scoring without them", err=True)

    def _load(self) -> Any:
        return self._embedder if self.error is None else None

    def resume(self, resume: ParsedResume) -> tuple[ResumeProfile, Vectors | None]:
        """The resume's profile (with its statement vectors) and vectors, redacted as the server embeds them."""
        embedder = self._load()
        if embedder is not None:
            try:
                _chunks, vectors, profile = embed_resume(embedder, resume)
                return profile, vectors
            except Exception as exc:
                self._unavailable(exc)
        return prepare_resume(resume), None

    def job(self, job: ParsedJob) -> tuple[PreparedJob, Vectors | None]:
        """The prepared job (with its meaning check) and its vectors."""
        prepared = prepare_job(job)
        embedder = self._load()
        if embedder is not None:
            try:
                vectors = embed_chunks(embedder, job_chunks(job))
                prepared, _chunks, added = job_meaning(prepared, vectors, embedder)
                return prepared, {**vectors, **added}
            except Exception as exc:
                self._unavailable(exc)
        return prepared, None


def result_json(result: MatchResult) -> dict[str, Any]:
    return result.model_dump(mode="json", include=set(JSON_FIELDS))


def _bar(value: float, width: int = 30) -> str:
    filled = round(value / 100 * width)
    color = "green" if value >= 70 else ("yellow" if value >= 45 else "red")
    return f"[{color}]{'█' * filled}[/{color}]{'░' * (width - filled)} {value:5.1f}"


def print_report(console: Console, result: MatchResult) -> None:
    """The human-readable match report."""
    console.print(f"[bold]Match report[/bold] (algorithm {result.algorithm_version}, "
                  f"{result.processing_time_ms} ms)")
    rows = [("Overall", result.overall_score), ("Confidence", result.confidence_score),
            ("Skills", result.skills_score), ("Experience", result.experience_score),
            ("Education", result.education_score), ("Keywords", result.keyword_score)]
    rows += [(f"Similarity: {k}", v) for k, v in result.section_scores.items()]
    for label, value in rows:
        console.print(f"  {label:<24} {_bar(value)}")
    parts = [p for p in overall_parts(result.match_analysis.model_dump()) if p.weight]
    made = " + ".join(f"{p.name} {p.value:.0f} x {p.weight:.0%}" for p in parts)
    console.print(f"  [dim]overall = {made} = {sum(p.points for p in parts):.1f}[/dim]\n")
    console.print(escape(result.match_analysis.summary) + "\n")

    table = Table(title="Requirements", expand=True)
    table.add_column("requirement", ratio=3, overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("how", no_wrap=True)
    table.add_column("evidence (resume line)", ratio=6, overflow="ellipsis", no_wrap=True)
    style = {"met": "green", "partial": "yellow", "related": "yellow", "missing": "red", "check": "cyan"}
    for r in result.match_analysis.requirements:
        if r.kind == "keyword":
            continue  # summarised below the table
        where = f"L{r.line}-{r.line_end}" if r.line and r.line_end and r.line_end > r.line else f"L{r.line}"
        evidence = escape(f"{where}: {r.evidence}" if r.line and r.evidence else (r.evidence or ""))
        label = escape(r.requirement) + ("" if r.importance == "required" else " [dim](pref.)[/dim]")
        if r.kind != "skill":
            label += f" [dim]({r.kind})[/dim]"
        table.add_row(label, f"[{style[r.status]}]{r.status}[/]", f"{r.score:.2f}", r.how or "", evidence)
    console.print(table)
    keywords = result.match_analysis.keywords
    if keywords:
        found = [k for k in keywords if k.count_in_resume > 0]
        console.print(f"\n[bold]Keywords[/bold] {len(found)} of {len(keywords)} found verbatim: "
                      + escape(", ".join(f"{k.term} x{k.count_in_resume}" for k in found)))
        missing = [k.term for k in keywords if k.count_in_resume == 0]
        if missing:
            console.print(f"  missing: {escape(', '.join(missing))}")
    if result.skill_gaps:
        console.print("\n[bold]Skill gaps[/bold] (most important first)")
        for gap in result.skill_gaps:
            related = f" - closest you show: {gap.closest_related}" if gap.closest_related else ""
            console.print(escape(f"  • {gap.skill} ({gap.importance}){related}"))
    if result.strengths:
        console.print("\n[bold]Strengths[/bold]")
        for s in result.strengths:
            where = f" (line {s.line})" if s.line else ""
            extra = " [dim](extra)[/dim]" if s.kind == "extra" else ""
            console.print(f"  • {escape(s.requirement)}{extra}{where}: {escape(s.evidence or '')}")


def print_suggestions(console: Console, suggestions: SuggestionSet) -> None:
    """Suggestions, highest priority first, each placed at its resume line with its measured impact."""
    console.print(f"\n[bold]Suggestions[/bold] ({len(suggestions.suggestions)}, "
                  f"{suggestions.generation_ms:.0f} ms; impact = measured change of the overall score)")
    if not suggestions.suggestions:
        console.print("  Nothing to change for this job.")
    for s in suggestions.suggestions:
        where = f"line {s.line_number}" + (f", {s.section_name}" if s.section_name else "") if s.line_number else ""
        console.print(f"  [bold]P{s.priority}[/bold] {escape(f'[{s.category}]')} {escape(s.title)} "
                      f"([cyan]{s.impact_score:+.1f}[/cyan] pts, effort {s.effort_estimate}) [dim]{where}[/dim]")
        console.print(f"     {escape(s.description)}")
        if s.original_text and s.suggested_text:
            console.print(f"     [red]- {escape(s.original_text)}[/red]")
            console.print(f"     [green]+ {escape(s.suggested_text)}[/green]")
        elif s.suggested_text:
            console.print(f"     [green]+ {escape(s.suggested_text)}[/green]")
    for warning in suggestions.warnings:
        console.print(f"  [yellow]note:[/yellow] {escape(warning)}")


def match(
    resume: Annotated[Path, typer.Argument(help="Resume file (PDF, DOCX, TXT or MD).")],
    job: Annotated[Path, typer.Argument(help="Job description file (PDF, DOCX, TXT or MD).")],
    json_: Annotated[bool, typer.Option("--json", help="Print JSON instead of a report.")] = False,
    suggest: Annotated[bool, typer.Option("--suggest", help="Add suggestions with measured impact.")] = False,
) -> None:
    """Score one resume against one job description, with evidence for every number."""
    embedding = _Embedding()
    try:
        parsed_resume = load_resume(resume)
        parsed_job = load_job(job)
    except ValueError as exc:
        fail(str(exc))
    note_thin_ad(parsed_job)
    prepared_job, job_vectors = embedding.job(parsed_job)
    profile, resume_vectors = embedding.resume(parsed_resume)
    result = score_prepared(profile, prepared_job, resume_vectors=resume_vectors, job_vectors=job_vectors)
    suggestions = None
    if suggest:
        from jobfit.suggestions import generate_suggestions

        suggestions = generate_suggestions(parsed_resume, parsed_job, result, prepared_job=prepared_job,
                                           job_vectors=job_vectors, resume_vectors=resume_vectors)
    if json_:
        out = result_json(result)
        if suggestions is not None:
            out["suggestions"] = [s.model_dump(mode="json") for s in suggestions.suggestions]
        typer.echo(json.dumps(out, indent=2))
    else:
        console = Console()
        print_report(console, result)
        if suggestions is not None:
            print_suggestions(console, suggestions)


# Files `jobfit rank` takes from a folder (by name; each is then read by its content, as uploads are).
FOLDER_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".markdown")


def resume_paths(paths: list[Path]) -> list[Path]:
    """The files to rank: each file given, and the supported files directly inside each folder given (sorted,
    hidden ones skipped). Raises ValueError for a folder with none."""
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        inside = sorted(p for p in path.iterdir()
                        if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES and not p.name.startswith("."))
        if not inside:
            raise ValueError(f"{path}: no resume files in this folder (PDF, DOCX, TXT or Markdown)")
        out += inside
    return out


RANK_COLUMNS = (("overall", "overall_score", "{:.1f}"), ("skills", "skills_score", "{:.0f}"),
                ("exper.", "experience_score", "{:.0f}"), ("educ.", "education_score", "{:.0f}"),
                ("keyw.", "keyword_score", "{:.0f}"), ("conf.", "confidence_score", "{:.0f}"))
NARROW = 100  # below this many columns the table leaves out education and confidence (they are in --json)
_NARROW_LEFT_OUT = ("educ.", "conf.")


def rank_table(shown: list[tuple[str, MatchResult]], width: int) -> Table:
    """The ranking as a table that reads at 80 columns: short score headers that never wrap, whole file names,
    the top gap folded only when it must; below `NARROW` columns without education and confidence."""
    names = [Path(p).name for p, _ in shown]
    columns = [c for c in RANK_COLUMNS if width >= NARROW or c[0] not in _NARROW_LEFT_OUT]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("resume", min_width=min(max(map(len, names), default=6), 28), overflow="fold", ratio=3)
    for header, _field, _form in columns:
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column("top gap", overflow="fold", ratio=2, min_width=8)
    for i, ((_path, r), name) in enumerate(zip(shown, names, strict=True), 1):
        scores = [form.format(getattr(r, field)) for _h, field, form in columns]
        table.add_row(str(i), escape(name), *scores, escape(r.skill_gaps[0].skill) if r.skill_gaps else "")
    return table


def rank(
    job: Annotated[Path, typer.Argument(help="Job description file.")],
    resumes: Annotated[list[Path], typer.Argument(help="Resume files, or folders of them, to rank.")],
    top: Annotated[int, typer.Option("--top", min=1, help="How many to show.")] = 10,
    json_: Annotated[bool, typer.Option("--json", help="Print a JSON list instead of a table.")] = False,
) -> None:
    """Rank resumes (files, or the PDF/DOCX/TXT/MD files in folders) against one job, best first (ties by path)."""
    embedding = _Embedding()
    try:
        parsed_job = load_job(job)
        paths = resume_paths(resumes)
    except ValueError as exc:
        fail(str(exc))
    note_thin_ad(parsed_job)
    prepared_job, job_vectors = embedding.job(parsed_job)
    candidates: list[tuple[str, ResumeProfile, Vectors | None]] = []
    skipped: list[str] = []
    err = Console(stderr=True)
    with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("Scoring resumes", total=len(paths))
        for path in paths:
            try:
                parsed = load_resume(path)
            except ValueError as exc:
                skipped.append(str(exc))
                err.print(f"jobfit: skipped {exc}", markup=False, highlight=False, soft_wrap=True)
                progress.advance(task)
                continue
            candidates.append((str(path), *embedding.resume(parsed)))
            progress.advance(task)
    if not candidates:
        fail(f"none of the {len(paths)} resumes could be read")
    shown = rank_resumes(prepared_job, candidates, top, job_vectors=job_vectors)  # the server's one ranking loop
    if json_:
        typer.echo(json.dumps([{"path": p, **result_json(r)} for p, r in shown], indent=2))
        return
    console = Console()
    console.print(f"[bold]Top {len(shown)} of {len(candidates)}[/bold] for {escape(parsed_job.title or job.name)}")
    console.print(rank_table(shown, console.width))
    if console.width < NARROW:
        console.print(f"[dim]education and confidence: in --json, or in a terminal {NARROW} columns wide[/dim]")
    if skipped:
        print(f"{len(skipped)} resume(s) skipped (see above).", file=sys.stderr)
