"""The score fields are listed once (`matching.models.SCORE_FIELDS`): every shape that carries a match result's
scores carries exactly these, so a score added to the engine cannot be left out of the store, the API, the
shortlist, the decision log's snapshot or the pages' labels."""

from __future__ import annotations

from jobfit.api.routes.matching import ShortlistItem
from jobfit.cli.match import JSON_FIELDS, RANK_COLUMNS
from jobfit.http.schemas import MatchOut
from jobfit.matching.models import SCORE_FIELDS, SUB_SCORES, MatchResult
from jobfit.services.shortlist import SORTABLE
from jobfit.store.models import MatchResultRow
from jobfit.web.wording import LABELS


def _scores(names: object) -> set[str]:
    return {n for n in names if n.endswith("_score")}  # type: ignore[attr-defined]


def test_the_list_is_the_engines_scores() -> None:
    assert set(SCORE_FIELDS) == _scores(MatchResult.model_fields)
    assert set(SUB_SCORES) < set(SCORE_FIELDS) and len(set(SCORE_FIELDS)) == len(SCORE_FIELDS)


def test_every_shape_carries_every_score() -> None:
    assert _scores(MatchResultRow.__table__.columns.keys()) == set(SCORE_FIELDS)
    assert _scores(MatchOut.model_fields) == set(SCORE_FIELDS)
    assert _scores(ShortlistItem.model_fields) == set(SCORE_FIELDS)
    assert set(SORTABLE) == set(SCORE_FIELDS)
    assert {column for _, column, _ in RANK_COLUMNS} == set(SCORE_FIELDS) == _scores(JSON_FIELDS)


def test_every_score_has_words_on_the_pages() -> None:
    assert set(SCORE_FIELDS) <= set(LABELS)
