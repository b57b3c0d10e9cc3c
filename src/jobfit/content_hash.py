"""Content hashes, the one way the decision log and the stored report snapshots name what was scored or shown:
SHA-256 in hex of a text's UTF-8 bytes, or of a JSON value written canonically (sorted keys, no spaces)."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def text_hash(text: str) -> str:
    """SHA-256 of the text's UTF-8 bytes: the same value as Postgres's `sha256(convert_to(text, 'UTF8'))`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def json_hash(value: Any) -> str:
    """SHA-256 of `value` as canonical JSON (sorted keys, no whitespace, non-ASCII kept)."""
    return text_hash(json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str))
