"""Word lists the suggestion rules read (verb forms and synonyms), as JSON files."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """The parsed JSON file `name` of this folder, read once per process."""
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))
