"""The shape of `src/jobfit`, read with `ast`: no cycles, the core below the shell, and the shell's rules.

Every package and root module is either core (documents, skills, embeddings, redaction, matching, suggestions,
fairness, pipeline, content_hash, perf) or shell (store, services, http, api, web, cli, worker, app, runtime, config,
sandbox); a new one must be placed. The core imports nothing of the shell, nor a database, web or network library
(the hosted embedder and the LLM client are shell modules behind core protocols). Every SQL statement lives in
`store/`, and only `store/` and `services/` (which own each transaction) commit or roll back. `api/` and `web/` are
siblings over `http/`: neither imports the other. Store imports of matching and suggestions are their data models
only. The candidates' self-reported categories cannot reach scoring: no module that scores or ranks can import their
store module, and no other module names their table.
Imports under `if TYPE_CHECKING:` count too: a cycle for the type checker is a cycle for the reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
CORE = {"documents", "skills", "embeddings", "redaction", "matching", "suggestions", "fairness", "pipeline",
        "content_hash", "perf"}
SHELL = {"store", "services", "http", "api", "web", "cli", "worker", "providers", "app", "runtime", "config",
         "sandbox", "sandbox_preload", "__main__"}
# what the core may not import: a database, a web framework or server, a queue, a network or cloud client
SHELL_LIBRARIES = {"sqlalchemy", "psycopg", "psycopg2", "alembic", "fastapi", "starlette", "uvicorn", "procrastinate",
                   "httpx", "requests", "openai", "boto3", "botocore", "socket", "urllib.request", "http.client"}


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
    """The layer-bearing part of a module's name: its package, or the root module itself (`jobfit.app` -> app)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _sources() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text(), str(p)) for p in SRC.joinpath("jobfit").rglob("*.py")
            if "migrations" not in p.parts}


SOURCES = _sources()


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


def test_every_package_and_root_module_has_a_layer() -> None:
    unplaced = sorted({_package(m) for m in GRAPH} - CORE - SHELL - {""})
    assert not unplaced, f"place these in CORE or SHELL: {unplaced}"


def _libraries(tree: ast.Module) -> set[str]:
    """The outside libraries a module imports (top-level names, and the dotted ones `SHELL_LIBRARIES` lists)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
    return {n for name in names for n in (name.split(".")[0], ".".join(name.split(".")[:2]))}


def shell_libraries_in(tree: ast.Module) -> list[str]:
    return sorted(_libraries(tree) & SHELL_LIBRARIES)


def test_the_core_imports_no_database_web_or_network_library() -> None:
    bad = sorted(f"{m} -> {lib}" for m, tree in SOURCES.items() if _package(m) in CORE
                 for lib in shell_libraries_in(tree))
    assert not bad, bad


# what a module outside store/ may take from sqlalchemy: the session and engine types and the error classes
SQLALCHEMY_TYPES = {"Session", "Engine", "sessionmaker"}
QUERY_METHODS = {"execute", "scalar", "scalars", "query", "exec_driver_sql"}


def sql_outside_the_store(tree: ast.Module) -> list[str]:
    """Where a module builds or runs SQL: a sqlalchemy construct imported (anything but the session and engine
    types and the errors), a session's query method called, or a store model's row read by `.get(Model, id)`."""
    found: list[str] = []
    models: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            if not node.module.endswith(".exc"):  # type: ignore[union-attr]
                found += [f"line {node.lineno}: imports {node.module}.{a.name}" for a in node.names
                          if a.name not in SQLALCHEMY_TYPES]
        elif isinstance(node, ast.ImportFrom) and node.module == "jobfit.store.models":
            models.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import) and any(a.name.startswith("sqlalchemy") for a in node.names):
            found.append(f"line {node.lineno}: imports sqlalchemy")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in QUERY_METHODS:
                found.append(f"line {node.lineno}: .{node.func.attr}(")
            elif (node.func.attr == "get" and node.args and isinstance(node.args[0], ast.Name)
                  and node.args[0].id in models):
                found.append(f"line {node.lineno}: .get({node.args[0].id}, ...)")
    return found


def test_every_sql_statement_lives_in_the_store() -> None:
    bad = sorted(f"{m} {where}" for m, tree in SOURCES.items() if _package(m) != "store"
                 for where in sql_outside_the_store(tree))
    assert not bad, bad


def transaction_ends(tree: ast.Module) -> list[str]:
    return [f"line {node.lineno}: .{node.func.attr}()" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"commit", "rollback"}]


def test_only_services_and_the_store_end_a_transaction() -> None:
    """A use case owns its transaction (the service commits where its work is whole); an adapter never does."""
    bad = sorted(f"{m} {where}" for m, tree in SOURCES.items() if _package(m) not in {"services", "store"}
                 for where in transaction_ends(tree))
    assert not bad, bad


@pytest.mark.parametrize(("one", "other"), [("web", "api"), ("api", "web"), ("http", "api"), ("http", "web")])
def test_web_and_api_are_siblings_over_the_http_host(one: str, other: str) -> None:
    bad = sorted(f"{m} -> {i}" for m, imported in GRAPH.items() if _package(m) == one
                 for i in imported if _package(i) == other)
    assert not bad, bad


def test_the_rule_checkers_find_a_break() -> None:
    """Each rule above, shown a line that breaks it (so a rule cannot pass by reading nothing)."""
    broken = ast.parse("import httpx\nfrom sqlalchemy import select\nfrom jobfit.store.models import Resume\n"
                       "db.execute(select(Resume))\nrow = db.get(Resume, rid)\ndb.commit()\n")
    assert shell_libraries_in(broken) == ["httpx", "sqlalchemy"]
    assert len(sql_outside_the_store(broken)) == 3
    assert transaction_ends(broken) == ["line 6: .commit()"]
    fine = ast.parse("from sqlalchemy.orm import Session\nfrom sqlalchemy.exc import DBAPIError\n"
                     "settings.get('a')\nfind(db, Resume, rid)\n")
    assert not sql_outside_the_store(fine) and not transaction_ends(fine)
    assert not shell_libraries_in(ast.parse("import numpy as np\nfrom pydantic import BaseModel\nimport http\n"))


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
