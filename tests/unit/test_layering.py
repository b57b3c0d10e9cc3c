"""The import graph of `src/jobfit`, read with `ast`: no cycles, and the core stays below the shell.

Core packages (documents, skills, embeddings, redaction, matching, suggestions, fairness) import nothing of the shell
(store, api, web, cli, services, worker); store imports of matching and suggestions only their data models. The
candidates' self-reported categories cannot reach scoring: no module that scores or ranks can import their store
module, and no other module names their table.
Imports under `if TYPE_CHECKING:` count too: a cycle for the type checker is a cycle for the reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
CORE = {"documents", "skills", "embeddings", "redaction", "matching", "suggestions", "fairness"}
SHELL = {"store", "api", "web", "cli", "services", "worker"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The project modules this module imports (`from a.b import c` counts as a.b.c when that is a module)."""
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        out.update(t for t in targets if t.split(".")[0] == "jobfit" and t in known)
    out.discard(name)
    return out


def import_graph() -> dict[str, set[str]]:
    paths = {(_module_name(p)): p for p in SRC.joinpath("jobfit").rglob("*.py") if "migrations" not in p.parts}
    known = set(paths)
    return {name: _imports(path, name, known) for name, path in paths.items()}


GRAPH = import_graph()


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (as a path that returns to its start), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_is_read() -> None:
    assert "jobfit.services.ranking" in GRAPH
    assert "jobfit.matching.rank" in GRAPH["jobfit.services.ranking"] or any(
        m.startswith("jobfit.matching") for m in GRAPH["jobfit.services.ranking"])


def test_no_module_cycles() -> None:
    assert _cycle(GRAPH) is None, " -> ".join(_cycle(GRAPH) or [])


def test_no_package_cycles() -> None:
    packages: dict[str, set[str]] = {}
    for module, imported in GRAPH.items():
        packages.setdefault(_package(module), set()).update(
            _package(m) for m in imported if _package(m) != _package(module))
    assert _cycle(packages) is None, " -> ".join(_cycle(packages) or [])


@pytest.mark.parametrize("package", sorted(CORE))
def test_core_imports_nothing_of_the_shell(package: str) -> None:
    bad = sorted(f"{m} -> {i}" for m, imported in GRAPH.items() if _package(m) == package
                 for i in imported if _package(i) in SHELL)
    assert not bad, bad


def test_store_imports_only_data_models_of_matching_and_suggestions() -> None:
    bad = sorted(f"{m} -> {i}" for m, imported in GRAPH.items() if _package(m) == "store"
                 for i in imported if _package(i) in {"matching", "suggestions"} and not i.endswith(".models"))
    assert not bad, bad


def test_route_modules_import_no_other_route_module() -> None:
    """A route adapts a service: shapes shared by routes live in http/schemas.py, logic shared with the web
    pages in a service; so no module outside `jobfit.api.app` imports an API route module."""
    bad = sorted(f"{m} -> {i}" for m, imported in GRAPH.items() if m != "jobfit.api.app"
                 for i in imported if i.startswith("jobfit.api.routes."))
    assert not bad, bad


def test_the_checker_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_bench_scripts_import_only_what_exists() -> None:
    """`make bench` imports inside functions (after argument parsing): a moved name would only fail there."""
    import importlib

    missing = []
    for path in sorted((SRC.parent / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jobfit"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    if not hasattr(module, alias.name) and f"{node.module}.{alias.name}" not in GRAPH:
                        missing.append(f"{path.name}: {node.module}.{alias.name}")
    assert not missing, missing


SELF_REPORTS = "jobfit.store.demographics"  # the only module that names `candidate_demographics`
# Everything that parses, embeds, scores, ranks or suggests: it must not be able to read a self-reported category.
SCORING = ("jobfit.documents", "jobfit.skills", "jobfit.embeddings", "jobfit.redaction", "jobfit.matching",
           "jobfit.suggestions", "jobfit.pipeline", "jobfit.services.analyze", "jobfit.services.ranking",
           "jobfit.services.reprofile", "jobfit.services.suggest", "jobfit.services.upload", "jobfit.services.reembed",
           "jobfit.services.shortlist", "jobfit.cli.match")


def _reaches(start: str, target: str) -> list[str] | None:
    """An import path from `start` to `target`, or None."""
    seen, stack = {start}, [[start]]
    while stack:
        path = stack.pop()
        if path[-1] == target:
            return path
        for nxt in sorted(GRAPH.get(path[-1], ())):
            if nxt not in seen:
                seen.add(nxt)
                stack.append([*path, nxt])
    return None


def test_scoring_and_ranking_cannot_reach_the_self_reported_categories() -> None:
    scoring = sorted(m for m in GRAPH if m.startswith(SCORING))
    assert "jobfit.matching.engine" in scoring and "jobfit.services.ranking" in scoring
    paths = [" -> ".join(path) for m in scoring if (path := _reaches(m, SELF_REPORTS))]
    assert not paths, paths
    assert _reaches("jobfit.services.audit", SELF_REPORTS)  # the checker finds a path where there is one


def test_only_the_self_reports_store_names_their_table() -> None:
    naming = sorted(str(p.relative_to(SRC)) for p in SRC.joinpath("jobfit").rglob("*.py")
                    if "migrations" not in p.parts and "candidate_demographics" in p.read_text())
    assert naming == ["jobfit/store/demographics.py"], naming
