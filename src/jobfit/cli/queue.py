"""`jobfit worker` and `jobfit ingest`: the batch queue from the command line, over the same services as the API."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from jobfit.cli.output import fail

if TYPE_CHECKING:
    import uuid

    from rich.progress import Progress

    from jobfit.config import Settings
    from jobfit.runtime import Runtime
    from jobfit.services.batch import BatchProgress

SUPPORTED = (".pdf", ".docx", ".txt", ".md", ".markdown", ".zip")
POLL_S = 0.5


@contextlib.contextmanager
def attached(settings: Settings) -> Iterator[Runtime]:
    """A runtime on the configured database: the embedded one of a `jobfit serve` running on this data dir (joined,
    not started), else as every command opens it (`DATABASE_URL`, or the embedded database started here)."""
    from jobfit.cli.opening import opened
    from jobfit.runtime import connect_runtime
    from jobfit.store.db import APP_ROLE
    from jobfit.store.embedded import EmbeddedPostgres

    server = EmbeddedPostgres(settings.pg_dir) if settings.embedded else None
    if server is not None and server.is_running():
        runtime = connect_runtime(settings, server.url(), server.url(role=APP_ROLE))
        try:
            yield runtime
        finally:
            runtime.close()
        return
    with opened(settings) as runtime:
        yield runtime


def worker(
    concurrency: Annotated[int | None, typer.Option(min=1, max=64,
                                                    help="Jobs run at once (JOBFIT_QUEUE_CONCURRENCY, default 4).")
                           ] = None,
) -> None:
    """Run a queue worker: parse, embed and store the files of batches until stopped (SIGTERM lets the jobs in
    hand finish, for up to JOBFIT_WORKER_SHUTDOWN_GRACE seconds)."""
    import asyncio

    from jobfit.cli.opening import configure_logging, load_settings
    from jobfit.worker.run import run_worker

    settings = load_settings(queue_concurrency=concurrency)
    configure_logging(settings.log_level)
    with attached(settings) as runtime:
        typer.echo(f"jobfit worker: running {settings.queue_concurrency} jobs at once (Ctrl-C stops)", err=True)
        asyncio.run(run_worker(runtime, concurrency=settings.queue_concurrency,
                               shutdown_grace=settings.worker_shutdown_grace))
    typer.echo("jobfit worker stopped.", err=True)


def _files(path: Path) -> list[tuple[str, Path]]:
    if path.is_file():
        return [(path.name, path)]
    found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return [(str(p.relative_to(path)), p) for p in found]


def ingest(
    path: Annotated[Path, typer.Argument(help="A folder of resumes (PDF, DOCX, TXT, Markdown, zips), or one zip.")],
    user: Annotated[str, typer.Option("--user", help="Email of the account the resumes are added to.")],
    keep_duplicates: Annotated[bool, typer.Option("--keep-duplicates",
                                                  help="Store a file again even if its content is a resume "
                                                       "already.")] = False,
    wait: Annotated[bool, typer.Option("--wait/--no-wait", help="Wait until every file is done, working on the "
                                                                "queue meanwhile (default).")] = True,
) -> None:
    """Add many resumes at once as a batch, and follow its progress."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from jobfit.cli.opening import load_settings
    from jobfit.documents.errors import DocumentError
    from jobfit.services import batch
    from jobfit.services.accounts import user_id_for_email
    from jobfit.services.errors import ServiceError
    from jobfit.worker.run import BackgroundWorker

    if not path.exists():
        fail(f"{path}: no such file or folder")
    files = _files(path)
    if not files:
        fail(f"{path}: no resume files ({', '.join(SUPPORTED)}) found")
    settings = load_settings()
    with attached(settings) as runtime:
        with runtime.db.system_session() as session:
            user_id = user_id_for_email(session, user)
        if user_id is None:
            fail(f"no account with the email {user} (create it with `jobfit user create`)")
        with contextlib.ExitStack() as opened, runtime.db.user_session(user_id) as db:
            parts: list[tuple[str, BinaryIO]] = [(name, opened.enter_context(open(p, "rb"))) for name, p in files]
            try:
                batch_id = batch.create_batch(db, runtime, user_id,
                                              batch.incoming_files(parts, settings.archive_limits()),
                                              keep_duplicates=keep_duplicates)
            except DocumentError as exc:
                fail(exc.message)
            except ServiceError as exc:
                fail(exc.detail)
        typer.echo(f"batch {batch_id}: queued", err=True)
        if not wait:
            typer.echo(str(batch_id))
            return
        helper = BackgroundWorker(runtime).start()
        try:
            found = _follow(runtime, user_id, batch_id, Progress(
                TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                TimeElapsedColumn(), transient=True))
        finally:
            helper.stop()
    _report(found)


def _follow(runtime: Runtime, user_id: uuid.UUID, batch_id: uuid.UUID, bar: Progress) -> BatchProgress:
    """Poll the batch's progress onto the bar until every file is done or failed; the last progress read."""
    from jobfit.services import batch

    with bar as progress:
        task = None
        while True:
            with runtime.db.user_session(user_id) as db:
                found = batch.progress(db, batch_id)
            counts, total = found.counts, len(found.files)
            if task is None:
                task = progress.add_task("", total=total)
            progress.update(task, completed=counts["done"] + counts["failed"],
                            description=f"{counts['failed']} failed" if counts["failed"] else "")
            if found.finished:
                return found
            time.sleep(POLL_S)


def _report(found: BatchProgress) -> None:
    files = found.files
    new = sum(f.state == "done" and not f.duplicate for f in files)
    duplicates = sum(f.duplicate for f in files)
    failed = [f for f in files if f.state == "failed"]
    for f in failed:
        typer.echo(f"  {f.filename}: {f.error_message} ({f.error_code})", err=True)
    typer.echo(f"{len(files)} files: {new} new resumes, {duplicates} already stored, {len(failed)} failed")
