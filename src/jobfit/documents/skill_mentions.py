"""Bridge to `jobfit.skills`: skill mentions per section with document line numbers.

Each canonical section is passed to the extractor with its name (so section-aware rules apply); lines
outside every section (the header area) are read with `section=None`.
"""

from __future__ import annotations

from collections.abc import Callable

from jobfit.documents.models import Section
from jobfit.skills.extractor import extract_skills
from jobfit.skills.loader import load_taxonomy
from jobfit.skills.models import SkillMention

SkillExtractor = Callable[..., list[SkillMention]]

# (chunk, section) -> the default extractor's mentions of it, for the taxonomy in `_CHUNKS_TAXONOMY`: the
# edited variants of one resume that suggestions' impact parses share all but one of their sections.
_CHUNKS: dict[tuple[str, str | None], list[SkillMention]] = {}
_CHUNKS_TAXONOMY: list[object] = []
_CHUNKS_MAX = 512


def _cached_extract(chunk: str, *, section: str | None) -> list[SkillMention]:
    """`extract_skills(chunk, section=section)`, remembered; callers copy the mentions, never change them."""
    taxonomy = load_taxonomy()
    if not _CHUNKS_TAXONOMY or _CHUNKS_TAXONOMY[0] is not taxonomy:
        _CHUNKS.clear()
        _CHUNKS_TAXONOMY[:] = [taxonomy]
    key = (chunk, section)
    found = _CHUNKS.get(key)
    if found is None:
        if len(_CHUNKS) >= _CHUNKS_MAX:
            _CHUNKS.clear()
        found = _CHUNKS[key] = extract_skills(chunk, section=section, taxonomy=taxonomy)
    return found


def find_skill_mentions(
    text: str, sections: dict[str, Section], *, extractor: SkillExtractor = extract_skills
) -> list[SkillMention]:
    """All skill mentions in `text`, each tagged with its section and 1-based document line."""
    extract = _cached_extract if extractor is extract_skills else extractor
    lines = text.split("\n")
    covered = [False] * len(lines)
    mentions: list[SkillMention] = []
    for name, section in sorted(sections.items(), key=lambda item: item[1].start_line):
        first = section.start_line
        chunk = lines[first - 1 : section.end_line]
        for offset in range(first - 1, min(section.end_line, len(lines))):
            covered[offset] = True
        for mention in extract("\n".join(chunk), section=name):
            line = mention.line + first - 1 if mention.line is not None else None
            mentions.append(mention.model_copy(update={"line": line, "section": name}))
    rest = "\n".join("" if covered[i] else line for i, line in enumerate(lines))
    if rest.strip():
        for mention in extract(rest, section=None):
            mentions.append(mention.model_copy(update={"section": None}))
    mentions.sort(key=lambda m: (m.line or 0, m.skill_id))
    # A merged section's range can span other sections: keep one mention per (skill, line).
    unique: dict[tuple[str, int | None, str], SkillMention] = {}
    for mention in mentions:
        unique.setdefault((mention.skill_id, mention.line, mention.surface), mention)
    return list(unique.values())

