"""The CLI reads files in the same sandbox as the server (`jobfit.sandbox`), under the configured limits, so a
hostile file costs `jobfit parse/match/rank` no more time or memory than it costs the server."""

from __future__ import annotations

import atexit
import functools
from typing import Any

from jobfit.documents.errors import TooComplexError
from jobfit.sandbox import ParseLimits, ParseOverloaded, Sandbox


@functools.cache
def _sandbox() -> Sandbox:
    from pydantic import ValidationError

    from jobfit.config import Settings

    try:
        limits = Settings().parse_limits()
    except ValidationError:  # commands that need no database still run with a broken configuration
        limits = ParseLimits()
    box = Sandbox(limits)
    atexit.register(box.close)
    return box


def parse_file(kind: str, data: bytes, filename: str) -> Any:
    """Parse `data` as a "resume" or a "job_file"; raises the parser's DocumentError (also for overruns)."""
    box = _sandbox()
    try:
        if kind == "resume":
            return box.parse_resume(data, filename)
        return box.parse_job_file(data, filename, None)
    except ParseOverloaded:  # no one to retry for a command: the machine was too busy to finish in time
        raise TooComplexError(
            f"The document could not be read within {box.limits.wall_limit:g} s; the machine is busy.") from None
