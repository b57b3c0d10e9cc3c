"""Skills: a versioned taxonomy (curated + ESCO) and the extractor that maps text spans to skill ids.

ESCO labels are © European Union, CC-BY 4.0 (see `data/NOTICE.txt`).
"""

from jobfit.skills.extractor import extract_skills, find_skill_spans, unique_skills
from jobfit.skills.loader import TAXONOMY_VERSION, load_taxonomy
from jobfit.skills.models import SkillEntry, SkillSpan
from jobfit.skills.taxonomy import Taxonomy

__all__ = [
    "TAXONOMY_VERSION",
    "SkillEntry",
    "SkillSpan",
    "Taxonomy",
    "extract_skills",
    "find_skill_spans",
    "load_taxonomy",
    "unique_skills",
]
