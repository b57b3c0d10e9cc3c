"""Data integrity of the shipped taxonomy files, and ESCO attribution."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

from jobfit.skills import TAXONOMY_VERSION, load_taxonomy
from jobfit.skills.loader import CURATED_FILES, ESCO_FILE, load_curated
from jobfit.skills.tokens import fold, form_tokens

DATA = resources.files("jobfit.skills").joinpath("data")


def test_data_files_are_small() -> None:
    for name in (*CURATED_FILES, ESCO_FILE):
        assert len(DATA.joinpath(name).read_bytes()) < 1_500_000, name


def test_curated_ids_unique_and_parents_exist() -> None:
    curated = load_curated()
    ids = [e.id for e in curated]
    assert len(ids) == len(set(ids))
    assert 800 <= len(ids) <= 1500
    known = set(ids)
    for entry in curated:
        assert set(entry.parents) <= known, entry.id
        assert entry.id not in entry.parents
        assert set(entry.case_sensitive) <= set(entry.forms), entry.id
        assert set(entry.needs_context) <= set(entry.forms), entry.id


def test_no_form_maps_to_two_curated_ids() -> None:
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for entry in load_curated():
        for form in entry.forms:
            key = tuple(form_tokens(form))
            owners[key if form in entry.case_sensitive else tuple(fold(t) for t in key)].add(entry.id)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}


def test_parent_graph_has_no_cycles() -> None:
    tax = load_taxonomy()
    for entry in tax:
        assert entry.id not in tax.ancestors(entry.id)


def test_all_categories_are_covered() -> None:
    cats = {e.category for e in load_curated()}
    assert cats == {"language", "framework", "tool", "cloud", "database", "method", "soft_skill", "domain"}


def test_esco_loaded_and_attributed() -> None:
    tax = load_taxonomy()
    assert tax.version == TAXONOMY_VERSION
    esco = [e for e in tax if e.source == "esco"]
    assert len(esco) > 1000
    assert all(
        e.id.startswith("esco:") and e.uri and e.uri.startswith("http://data.europa.eu/esco/") for e in esco
    )
    assert all(len(e.name.split()) >= 2 for e in esco)
    notice = DATA.joinpath("NOTICE.txt").read_text(encoding="utf-8")
    assert "ESCO" in notice and "CC-BY 4.0" in notice and "European Union" in notice


def test_curated_wins_over_esco() -> None:
    tax = load_taxonomy()
    assert tax.lookup("project management").source == "curated"  # type: ignore[union-attr]
    assert tax.lookup("customer service").source == "curated"  # type: ignore[union-attr]
