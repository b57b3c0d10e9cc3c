"""Taxonomy: lookup, graph queries and relatedness values."""

from __future__ import annotations

from jobfit.skills import load_taxonomy
from jobfit.skills.taxonomy import GRANDPARENT, PARENT_CHILD, SIBLING


def test_lookup_by_id_name_and_alias() -> None:
    tax = load_taxonomy()
    assert tax.get("python") is not None and tax.get("python").name == "Python"  # type: ignore[union-attr]
    assert tax.lookup("k8s").id == "kubernetes"  # type: ignore[union-attr]
    assert tax.lookup("Scikit Learn").id == "scikit-learn"  # type: ignore[union-attr]
    assert tax.lookup("GO") is None  # "Go" is case-sensitive
    assert tax.lookup("Go").id == "go"  # type: ignore[union-attr]
    assert tax.lookup("no such skill at all") is None


def test_parents_children_ancestors() -> None:
    tax = load_taxonomy()
    assert "python" in tax.parents("flask")
    assert "flask" in tax.children("python")
    assert "sql" in tax.parents("postgresql")
    assert "javascript" in tax.parents("react")
    assert tax.ancestors("spring-boot")[:2] == ["spring", "java"]


def test_relatedness_values() -> None:
    tax = load_taxonomy()
    assert tax.relatedness("python", "python") == 1.0
    assert tax.relatedness("flask", "python") == PARENT_CHILD
    assert tax.relatedness("python", "flask") == PARENT_CHILD
    assert tax.relatedness("react", "vue-js") == SIBLING
    assert tax.relatedness("spring-boot", "java") == GRANDPARENT
    assert tax.relatedness("python", "bookkeeping") == 0.0
    assert tax.relatedness("nope", "nope") == 0.0


def test_closest_related() -> None:
    tax = load_taxonomy()
    assert tax.closest_related("flask", ["excel", "django", "python"]) == "python"
    assert tax.closest_related("react", ["excel", "vue-js"]) == "vue-js"
    assert tax.closest_related("react", ["excel", "bookkeeping"]) is None
