"""How the overall score is made: each component's value, its weight and the points it adds.

The points of a part are weight x value, so the parts add up to the overall score (to rounding); a component
shown with weight 0 adds nothing. Read from a match analysis as stored (`MatchResult.match_analysis` dumped, or
the `match_analysis` column): its `overall_parts` when the engine wrote them, else rebuilt from its
`component_scores` and the weights it applied (`weights`), the same sum, so results stored earlier read the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OverallPart:
    name: str  # skills, experience, education, keywords, lexical, semantic
    value: float | None  # 0-100; None when the component had no signal (left out of the overall)
    weight: float  # its share of the overall, 0-1, renormalised over the components present
    points: float  # weight x value: what it adds to the overall


def overall_parts(analysis: Mapping[str, Any]) -> list[OverallPart]:
    """The parts of the overall score, the ones adding most first, then those with no weight."""
    stored = analysis.get("overall_parts")
    if stored:
        parts = [OverallPart(p["name"], p.get("value"), float(p.get("weight") or 0.0), float(p.get("points") or 0.0))
                 for p in stored]
    else:
        values: Mapping[str, float] = analysis.get("component_scores") or {}
        weights: Mapping[str, float] = analysis.get("weights") or {}
        parts = []
        for name in dict.fromkeys([*weights, *values]):
            value, weight = values.get(name), float(weights.get(name) or 0.0)
            points = round(weight * float(value), 2) if value is not None else 0.0
            parts.append(OverallPart(name, value, weight if value is not None else 0.0, points))
    return sorted(parts, key=lambda p: (p.weight == 0, -p.points, p.name))
