"""Tokenisation and folding shared by index and extractor."""

from __future__ import annotations

from jobfit.skills.tokens import fold, singular, tokenize


def test_tokens_keep_symbols_that_distinguish_skills() -> None:
    assert tokenize("C, C++, C#, .NET, Node.js, R&D").raws == ["C", "C++", "C#", ".NET", "Node", "js", "R&D"]


def test_blocks_split_on_hard_punctuation_only() -> None:
    toks = tokenize("scikit-learn / CI/CD, machine learning")
    assert toks.blocks == [0, 0, 0, 0, 1, 1]


def test_singular_and_fold() -> None:
    assert singular("databases") == "database"
    assert singular("policies") == "policy"
    assert singular("processes") == "process"
    assert singular("analysis") == "analysis"
    assert singular("statistics") == "statistics"
    assert fold("Customer's") == "customer"
