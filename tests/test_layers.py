"""The layer contract: arrows point down only, and no module imports itself back through others.

``core`` is pure Python (no Qt, no SQLAlchemy); ``store``, ``formats`` and ``report`` run without Qt, so
the command line and the printed plan work with no window; only ``ui`` (and the start-up modules above it)
imports ``smoplanner.ui``; ``store`` never imports ``report``. Imports inside functions count: they are
arrows too, only later ones.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import smoplanner

PACKAGE = Path(smoplanner.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module this file imports, at any depth of the code (TYPE_CHECKING blocks included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # ``from smoplanner.store import posts`` imports the module smoplanner.store.posts (as import-linter
            # reads it); ``from smoplanner.store.posts import create_post`` imports smoplanner.store.posts.
            submodules = {f"{module}.{alias.name}" for alias in node.names} & ALL_MODULES
            found.update(submodules or {module})
    return found


ALL_MODULES = {_module_name(p) for p in PACKAGE.rglob("*.py")}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts[-3:-1]}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path) if m in modules and m != name}
    return graph


GRAPH = _graph()


def _layer(module: str) -> str:
    """``smoplanner.store.posts`` is in the layer ``store``; the package itself holds only its version."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "version"


def _third_party(module: str) -> set[str]:
    path = PACKAGE.parent.joinpath(*module.split("."))
    file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return {m.split(".")[0] for m in _imports(file)}


@pytest.mark.parametrize("layer", ["core", "store", "formats", "report"])
def test_lower_layers_import_no_qt(layer: str) -> None:
    # report draws its charts with matplotlib (imported when a chart is first needed), never with Qt
    forbidden = {"PySide6", "shiboken6"} if layer == "report" else {"PySide6", "shiboken6", "matplotlib"}
    offenders = {m: sorted(_third_party(m) & forbidden) for m in GRAPH if _layer(m) == layer}
    assert {m: found for m, found in offenders.items() if found} == {}


def test_printing_needs_no_widgets_and_no_database() -> None:
    """The PDF is drawn with no window (the command line on a server): QtGui and QtSvg, never QtWidgets."""
    modules = [m for m in GRAPH if _layer(m) == "printing"]
    assert modules
    path_of = {m: PACKAGE.parent.joinpath(*m.split(".")) for m in modules}
    found = {
        m: sorted(
            name
            for name in _imports(p / "__init__.py" if p.is_dir() else p.with_suffix(".py"))
            if name.startswith(("PySide6.QtWidgets", "sqlalchemy"))
        )
        for m, p in path_of.items()
    }
    assert {m: names for m, names in found.items() if names} == {}


def test_core_imports_no_database() -> None:
    offenders = {m: sorted(_third_party(m) & {"sqlalchemy", "alembic"}) for m in GRAPH if _layer(m) == "core"}
    assert {m: found for m, found in offenders.items() if found} == {}


#: Which layers each layer may import (besides itself). The top-level modules (app, cli, __main__) may
#: import anything; ``areas`` names modules as strings and imports none.
ALLOWED = {
    "core": {"resources", "paths"},
    "formats": {"core", "resources", "paths"},
    "store": {"core", "resources", "paths", "areas"},
    "report": {"core", "store", "resources", "paths", "areas"},
    # ``printing`` draws the monthly plan with Qt's painter (fonts, PDF, SVG) for the window and the command
    # line alike, so it sits between ``report`` (its data, which stays free of Qt) and ``ui``; it never
    # touches widgets or the database (see test_printing_needs_no_widgets_and_no_database).
    "printing": {"core", "report", "resources", "paths", "areas"},
    "ui": {"core", "store", "formats", "report", "printing", "resources", "paths", "areas"},
    "areas": set(),
    "resources": set(),
    "paths": set(),
    "version": set(),
}


def test_arrows_point_down_only() -> None:
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if _layer(module) in ALLOWED
        for target in targets
        if _layer(target) not in {_layer(module), "version"} and _layer(target) not in ALLOWED[_layer(module)]
    )
    assert upward == []


def test_no_import_cycles() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_contract_sees_real_arrows() -> None:
    """The graph is not empty by accident: known downward arrows are in it."""
    assert "smoplanner.core.platforms" in GRAPH["smoplanner.core.post_checks"]
    assert any(_layer(t) == "store" for t in GRAPH["smoplanner.cli"])
