"""`python -m jobfit` runs the CLI."""

from jobfit.cli import app

if __name__ == "__main__":
    app()
