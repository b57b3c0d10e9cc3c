"""`python -m jobfit` runs the CLI."""

from jobfit.cli import app

app()
