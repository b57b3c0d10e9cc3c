"""How every CLI command reports: one line on stderr and exit code 2 for bad input."""

from __future__ import annotations

from typing import NoReturn

import typer


def fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"jobfit: error: {message}", err=True)
    raise typer.Exit(code)
