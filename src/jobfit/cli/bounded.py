"""The CLI reads files in the same sandbox as the server (`jobfit.sandbox`), under the configured limits, so a
hostile file costs `jobfit parse/match/rank` no more time or memory than it costs the server."""

from __future__ import annotations

import atexit
import functools
from typing import Any

from jobfit.sandbox import ParseLimits, Sandbox


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
    if kind == "resume":
        return _sandbox().parse_resume(data, filename)
    return _sandbox().parse_job_file(data, filename, None)
