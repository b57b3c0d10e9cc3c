"""Load the versioned skills taxonomy shipped in `data/`.

`curated_*.json` hold the hand-curated vocabulary (languages, frameworks, tools, cloud, databases,
methods, soft skills and domain skills across job families). `esco_skills.json.gz` extends it with
short labels from ESCO, the European Skills, Competences, Qualifications and Occupations
classification, © European Union, CC-BY 4.0 (see `data/NOTICE.txt`; rebuilt by `build_esco.py`).
ESCO entries get ids `esco:<uuid prefix>`, category "domain", and never override a curated form.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jobfit.skills.models import SkillEntry
from jobfit.skills.taxonomy import Taxonomy

TAXONOMY_VERSION = "2026.12.8"
CURATED_FILES = (
    "curated_tech.json",
    "curated_methods.json",
    "curated_soft_skills.json",
    "curated_domain.json",
)
ESCO_FILE = "esco_skills.json.gz"
ESCO_ATTRIBUTION = "ESCO © European Union, CC-BY 4.0 (https://esco.ec.europa.eu)"


def _data_bytes(name: str) -> bytes:
    return resources.files("jobfit.skills").joinpath("data", name).read_bytes()


def load_curated() -> list[SkillEntry]:
    """The curated entries, in file order."""
    entries: list[SkillEntry] = []
    for name in CURATED_FILES:
        payload: dict[str, Any] = json.loads(_data_bytes(name))
        if payload.get("taxonomy_version") != TAXONOMY_VERSION:
            raise ValueError(
                f"{name} is version {payload.get('taxonomy_version')}, expected {TAXONOMY_VERSION}"
            )
        entries.extend(SkillEntry(**raw) for raw in payload["skills"])
    return entries


def load_esco() -> list[SkillEntry]:
    """The ESCO entries (multi-word labels only, see build_esco.py)."""
    payload: dict[str, Any] = json.loads(gzip.decompress(_data_bytes(ESCO_FILE)))
    return [
        SkillEntry.model_construct(
            id=raw["id"],
            name=raw["name"],
            category="domain",
            aliases=tuple(raw["aliases"]),
            parents=(),
            case_sensitive=(),
            needs_context=(),
            source="esco",
            uri=raw["uri"],
        )
        for raw in payload["skills"]
    ]


@lru_cache(maxsize=2)
def load_taxonomy(include_esco: bool = True) -> Taxonomy:
    """The taxonomy (cached: the data is static). Curated entries come first and win conflicts."""
    entries = load_curated()
    if include_esco:
        entries.extend(load_esco())
    return Taxonomy(entries, version=TAXONOMY_VERSION)
