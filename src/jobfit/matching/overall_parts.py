"""How the overall score is made: each component's value, its weight and the points it adds.

The points of a part are weight x value, so the parts add up to the overall score (to rounding); a component
shown with weight 0 adds nothing. Read from a match analysis as stored (`MatchResult.match_analysis` dumped, or
the `match_analysis` column): its `overall_parts` when the engine wrote them, else rebuilt from its
`component_scores` and the weights it applied (`weights`), the same sum, so results stored earlier read the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobfit.matching.models import OverallPart


def overall_parts(analysis: Mapping[str, Any]) -> list[OverallPart]:
    """The parts of the overall score, the ones adding most first, then those with no weight."""
    stored = analysis.get("overall_parts")
    if stored:
        parts = [OverallPart.model_validate(p) for p in stored]
    else:
        values: Mapping[str, float] = analysis.get("component_scores") or {}
        weights: Mapping[str, float] = analysis.get("weights") or {}
        parts = []
        for name in dict.fromkeys([*weights, *values]):
            value, weight = values.get(name), float(weights.get(name) or 0.0)
            points = round(weight * float(value), 2) if value is not None else 0.0
            shown_weight = weight if value is not None else 0.0
            parts.append(OverallPart(name=name, value=value, weight=shown_weight, points=points))
    return sorted(parts, key=lambda p: (p.weight == 0, -p.points, p.name))
