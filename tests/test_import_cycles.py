"""No module of seal_engine imports itself back, however late the import runs.

The graph is read from the source with :mod:`ast`, not from ``sys.modules``, so that an import
inside a function (the lazy imports that keep ``import seal_engine`` light) counts as much as one
at the top of a file.  A module's edges are every module it may import:

* ``import a.b.c`` and ``from a.b import c`` (when ``c`` is a module) import ``a.b.c``; ``from a.b
  import name`` imports ``a.b``; relative imports are resolved against the module's package;
* importing ``a.b.c`` runs the ``__init__`` of ``a.b`` first, so it is an edge to that package
  too (but not to the importer's own packages, which are already running);
* a name taken from the package root (``from seal_engine import score``, ``from .. import
  score``) is an import of the module the root's lazy table ``_WHERE`` loads it from;
* ``importlib.import_module`` with a literal name is an import.

Imports under ``if TYPE_CHECKING:`` are left out: they never run (the modules use postponed
annotations), and a type may well be named in both directions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = "seal_engine"


def _modules(root: Path, package: str) -> dict[str, tuple[Path, bool]]:
    """Every module of ``package`` under ``root``: dotted name -> (path, is a package)."""
    out = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        out[".".join(parts)] = (path, is_package)
    return out


def _lazy_exports(init: Path, package: str) -> dict[str, str]:
    """The root's lazy table: public name -> the module ``__getattr__`` imports it from."""
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        if isinstance(target, ast.Name) and target.id == "_WHERE":
            table = ast.literal_eval(node.value)
            return {name: package + where if where.startswith(".") else where
                    for name, where in table.items()}
    return {}


def _type_checking(test: ast.expr) -> bool:
    return ((isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
            or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree`` but those under ``if TYPE_CHECKING:`` (its ``else`` runs)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and _type_checking(node.test):
            stack.extend(node.orelse)
            stack.append(node.test)
            continue
        stack.extend(ast.iter_child_nodes(node))


def import_graph(root: Path, package: str) -> dict[str, dict[str, int]]:
    """Module -> {module it imports: the line of the first such import}."""
    modules = _modules(root, package)
    lazy = _lazy_exports(modules[package][0], package) if package in modules else {}
    graph: dict[str, dict[str, int]] = {}
    for name, (path, is_package) in modules.items():
        here = name if is_package else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        edges: dict[str, int] = {}
        for target, line in _imports(tree, here, package, modules, lazy):
            found = known(target, modules)
            if found is not None:
                edges.setdefault(found, line)
        own = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 2)}
        for target, line in list(edges.items()):
            parts = target.split(".")
            for i in range(1, len(parts)):
                above = ".".join(parts[:i])
                if above not in own and above in modules:
                    edges.setdefault(above, line)
        edges.pop(name, None)
        graph[name] = edges
    return graph


def known(name: str, modules) -> str | None:
    """``name``, or the nearest package above it that is one of ``modules``."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(tree: ast.AST, here: str, package: str, modules, lazy: dict[str, str]
             ) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of every import in ``tree``, a module of the package ``here``."""
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                if node.level > len(base):
                    continue  # beyond the top of the package: not ours
                base = base[:len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                if f"{source}.{alias.name}" in modules:
                    yield f"{source}.{alias.name}", node.lineno
                elif source == package and alias.name in lazy:
                    yield lazy[alias.name], node.lineno
                else:
                    yield source, node.lineno
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and (getattr(node.func, "attr", None) == "import_module"
                   or getattr(node.func, "id", None) == "import_module")):
            target = node.args[0].value
            if target.startswith("."):
                dots = len(target) - len(target.lstrip("."))
                base = here.split(".")
                base = base[:len(base) - (dots - 1)]
                target = ".".join([*base, target.lstrip(".")]).rstrip(".")
            yield target, node.lineno


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules, as the modules in import
    order with the first repeated at the end."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    out = []
    for group in groups:
        inside = set(group)
        start = group[0]
        came_from: dict[str, str] = {}
        frontier = [start]
        while frontier and start not in came_from:  # shortest way back to the start
            nxt = []
            for v in frontier:
                for w in sorted(graph[v]):
                    if w in inside and w not in came_from:
                        came_from[w] = v
                        nxt.append(w)
            frontier = nxt
        path = [start]
        v = came_from[start]
        while v != start:
            path.append(v)
            v = came_from[v]
        out.append([start, *reversed(path[1:]), start])
    return out


def _words(cycle: list[str], graph: dict[str, dict[str, int]]) -> str:
    steps = [cycle[0]]
    for a, b in zip(cycle, cycle[1:], strict=False):
        steps.append(f"-> {b} (line {graph[a][b]} of {a})")
    return " ".join(steps)


def test_no_import_cycles():
    graph = import_graph(ROOT, PACKAGE)
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(_words(c, graph) for c in found)


def test_the_graph_sees_every_kind_of_import():
    """The test reads what it claims to: lazy imports in functions, relative ones, names from
    the root's lazy table, and the ``__init__`` of the packages a module reaches into."""
    graph = import_graph(ROOT, PACKAGE)
    assert len(graph) > 100
    # inside a method: CompiledRule.fast imports the code generator when first asked
    assert "seal_engine.rules.codegen" in graph["seal_engine.rules.nodes"]
    # 'from .. import load_assessment' inside a function: the loader, through the lazy table
    assert "seal_engine.loader" in graph["seal_engine.compare.rows"]
    # importing seal_engine.workforce.metrics runs seal_engine/workforce/__init__.py first
    assert "seal_engine.workforce" in graph["seal_engine.compilation"]
    # the engine runs migrations only when it opens a store, and alembic stays lazy
    assert "seal_engine.store.migrate" in graph["seal_engine.store.engine"]


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("files", [
    pytest.param({"__init__.py": "", "a.py": "def f():\n    from . import b\n",
                  "b.py": "from .a import f\n"}, id="lazy-from-dot-import-module"),
    pytest.param({"__init__.py": "", "a.py": "import pkg.sub.c\n", "sub/__init__.py": "",
                  "sub/c.py": "def f():\n    from ..a import x\n"}, id="absolute-and-relative"),
    pytest.param({"__init__.py": "_WHERE: dict[str, str] = {'f': '.a'}\n",
                  "a.py": "def g():\n    from .b import h\n",
                  "b.py": "from pkg import f\n"}, id="root-lazy-table"),
    pytest.param({"__init__.py": "", "a.py": "from .sub.c import x\n",
                  "sub/__init__.py": "from .d import y\n", "sub/c.py": "",
                  "sub/d.py": "from ..a import z\n"}, id="package-init-runs-first"),
    pytest.param({"__init__.py": "", "a.py": "import importlib\nimportlib.import_module('pkg.b')\n",
                  "b.py": "import pkg.a\n"}, id="import-module"),
])
def test_a_cycle_is_found_and_named(tmp_path, files):
    root = _package(tmp_path, files)
    graph = import_graph(root, "pkg")
    found = cycles(graph)
    assert len(found) == 1
    cycle = found[0]
    assert cycle[0] == cycle[-1] and "pkg.a" in cycle
    words = _words(cycle, graph)
    assert "line " in words and "pkg.a" in words


def test_type_checking_imports_are_not_a_cycle(tmp_path):
    root = _package(tmp_path, {
        "__init__.py": "", "a.py": "from .b import B\n",
        "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import A\n"})
    assert cycles(import_graph(root, "pkg")) == []
