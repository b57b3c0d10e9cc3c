"""The `jobfit` command: a thin Typer shell over the same runtime and core the server uses."""

from __future__ import annotations

import signal
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from jobfit import __version__
from jobfit.cli.opening import configure_logging, load_settings, open_or_fail, opened, require_embedder
from jobfit.cli.output import fail

app = typer.Typer(
    name="jobfit",
    help="Offline-first, explainable resume <-> job description matching.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database: migrate, inspect, reset.", no_args_is_help=True)
user_app = typer.Typer(help="Accounts.", no_args_is_help=True)
log_app = typer.Typer(help="The decision log: export it, delete rows past the retention period.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
app.add_typer(log_app, name="log")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jobfit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """jobfit: parse resumes and jobs, match and rank them, serve the API."""


def _exit_on_sigterm(_signum: int, _frame: object) -> None:
    raise SystemExit(0)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind (JOBFIT_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (JOBFIT_PORT).")] = None,
    workers: Annotated[int | None, typer.Option(min=1, max=64,
                                                help="Server processes (JOBFIT_WORKERS; default: one per core).")
                       ] = None,
) -> None:
    """Run the API and web pages (embedded Postgres unless DATABASE_URL is set)."""
    import os

    from jobfit.app import create_app
    from jobfit.http import server
    from jobfit.runtime import WORKER_DATABASE_ENV

    settings = load_settings(host=host, port=port, workers=workers)
    require_embedder(settings)  # before anything starts: a server whose embedder cannot run fails every upload
    configure_logging(settings.log_level)
    where = "embedded PostgreSQL in " + str(settings.pg_dir) if settings.embedded else "DATABASE_URL"
    typer.echo(f"jobfit {__version__}: starting on {where} ...", err=True)
    runtime = open_or_fail(settings)
    # uvicorn re-raises SIGTERM after its graceful shutdown; make that an exit we can clean up after
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    queue_worker = None
    try:
        runtime.watch_database()
        if settings.serve_worker:  # batches are ingested here unless JOBFIT_SERVE_WORKER=0 (workers elsewhere)
            from jobfit.worker.run import BackgroundWorker

            queue_worker = BackgroundWorker(runtime).start()
        count = settings.server_workers
        application = None
        if count == 1:
            application = create_app(runtime)
        else:
            os.environ[WORKER_DATABASE_ENV] = f"{runtime.db.owner_url} {runtime.db.app_url}"
        processes = f"{count} server processes" if count > 1 else "1 server process"
        typer.echo(f"jobfit is running at http://{settings.host}:{settings.port}  (open it in your browser; "
                   f"API docs: /docs; {processes}; Ctrl-C stops)")
        server.run(settings, application, count)
    finally:
        if queue_worker is not None:
            queue_worker.stop()
        runtime.close()
        typer.echo("jobfit stopped.", err=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations (serve does this automatically)."""
    from jobfit.store import migrate

    with opened(load_settings()) as runtime:
        typer.echo(f"database at revision {migrate.current_revision(runtime.db.owner_engine)} (head)")


@db_app.command("current")
def db_current() -> None:
    """Show the schema revision and the recorded embedding model."""
    from jobfit.store import migrate

    with opened(load_settings(), check_embedding=False) as runtime:
        typer.echo(f"revision: {migrate.current_revision(runtime.db.owner_engine)}")
        recorded = migrate.recorded_embedding(runtime.db.owner_engine)
        if recorded:
            typer.echo(f"embeddings: {recorded[0]} ({recorded[1]}-d)")


@db_app.command("reset")
def db_reset(yes: Annotated[bool, typer.Option("--yes", help="Really delete everything.")] = False) -> None:
    """Delete the embedded database and stored files (all users' data)."""
    import shutil

    from jobfit.store.embedded import EmbeddedPostgres, EmbeddedPostgresError

    settings = load_settings()
    if not settings.embedded:
        fail("db reset only manages the embedded database; drop an external DATABASE_URL database yourself")
    if not yes:
        fail(f"this deletes every account, document and file under {settings.data_dir}; rerun with --yes")
    try:
        EmbeddedPostgres(settings.pg_dir).reset()
    except EmbeddedPostgresError as exc:
        fail(str(exc))
    shutil.rmtree(settings.files_dir, ignore_errors=True)
    typer.echo(f"deleted the database and files under {settings.data_dir}")


@app.command()
def reembed() -> None:
    """Recompute every stored vector with the configured embedding model (after changing it)."""
    from rich.progress import Progress

    from jobfit.services.reembed import count_documents, reembed_all

    with opened(load_settings(), check_embedding=False) as runtime:
        total = count_documents(runtime.db)
        with Progress(transient=True) as progress:
            task = progress.add_task("re-embedding", total=total)
            done = reembed_all(runtime.db, runtime.embedder, lambda: progress.advance(task))
        typer.echo(f"re-embedded {done} documents with {runtime.embedder.name} ({runtime.embedder.dim}-d)")


@app.command()
def reprofile() -> None:
    """Rebuild the stored matching profiles of an older version, and embed the statements of those whose
    statement vectors are missing or not the configured embedder's (after an upgrade that changes them)."""
    from rich.progress import Progress

    from jobfit.matching import PROFILE_VERSION
    from jobfit.services.reprofile import count_stale_profiles, rebuild_stale_profiles

    with opened(load_settings()) as runtime:
        total = count_stale_profiles(runtime.db, runtime.embedder)
        with Progress(transient=True) as progress:
            task = progress.add_task("rebuilding profiles", total=total)
            done = rebuild_stale_profiles(runtime.db, lambda: progress.advance(task), runtime.embedder)
        typer.echo(f"rebuilt {done} resume profiles (version {PROFILE_VERSION}); every stored profile is current")


@user_app.command("create")
def user_create(
    email: Annotated[str, typer.Argument(help="The account's email.")],
    password: Annotated[str | None, typer.Option(help="Password (prompted for if omitted).")] = None,
) -> None:
    """Create an account."""
    from jobfit.services.accounts import AccountError, register

    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with opened(load_settings()) as runtime, runtime.db.system_session() as session:
        try:
            user = register(session, email, password)
        except AccountError as exc:
            fail(str(exc))
        typer.echo(f"created user {user.email} ({user.id})")


@log_app.command("purge")
def log_purge(
    older_than_days: Annotated[int | None, typer.Option(
        "--older-than-days", min=1, help="Delete rows older than this many days (default: JOBFIT_LOG_RETENTION_DAYS, "
                                         "183).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count the rows that would be deleted.")] = False,
) -> None:
    """Delete every account's decision-log rows older than the retention period (as the database owner)."""
    from jobfit.services import decision_log

    settings = load_settings()
    days = older_than_days or settings.log_retention_days
    if days < decision_log.MIN_RETENTION_DAYS:
        typer.echo(f"note: {days} days is shorter than the six months the EU AI Act asks deployers of high-risk "
                   "systems to keep logs for (Art. 26(6))", err=True)
    with opened(settings, check_embedding=False) as runtime:
        count, every, cutoff = decision_log.purge(runtime.db, days, dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    typer.echo(f"{verb} {count} of {every} decision-log rows written before {cutoff:%Y-%m-%d %H:%M} UTC "
               f"(older than {days} days)")


@log_app.command("export")
def log_export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).",
                                                dir_okay=False, writable=True)] = None,
    since: Annotated[datetime | None, typer.Option(help="Rows logged at or after this date/time.")] = None,
    until: Annotated[datetime | None, typer.Option(help="Rows logged before this date/time.")] = None,
) -> None:
    """Write every account's decision log as JSON Lines, oldest first (as the database owner), for an auditor."""
    from jobfit.services import decision_log

    settings = load_settings()
    with opened(settings, check_embedding=False) as runtime:
        lines = decision_log.export_all(runtime.db, since=since, until=until)
        if output is None:
            for line in lines:
                sys.stdout.buffer.write(line)
            sys.stdout.flush()
            return
        written = 0
        try:
            with output.open("wb") as fh:
                for page in lines:
                    fh.write(page)
                    written += page.count(b"\n")
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"wrote {written} decision-log rows to {output}", err=True)


def _register_core_commands() -> None:
    """Commands kept in modules of their own: the pure core in-process (no server, no database), and the queue."""
    from jobfit.cli import match, parse, queue

    app.command("parse")(parse.parse)
    app.command("match")(match.match)
    app.command("rank")(match.rank)
    app.command("worker")(queue.worker)
    app.command("ingest")(queue.ingest)


_register_core_commands()

__all__ = ["app", "fail"]
