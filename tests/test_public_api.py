"""``seal_engine.__all__`` is the public namespace, sorted; importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import seal_engine


def test_all_is_the_public_namespace():
    public = {n for n in dir(seal_engine) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(seal_engine, n)).__name__ == "module"}
    assert set(seal_engine.__all__) - {"__version__"} == public - modules


def test_all_is_sorted():
    names = [n for n in seal_engine.__all__ if n != "__version__"]
    assert names == sorted(names, key=str.lower) or names == sorted(names)


def test_import_and_score_need_no_heavy_packages():
    code = ("import sys, seal_engine, seal_engine.cli; "
            "heavy = [m for m in ('pandas', 'openpyxl', 'altair', 'streamlit', 'sqlalchemy') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _cli_modules():
    from pathlib import Path

    return sorted((Path(seal_engine.__file__).parent / "cli").glob("*.py"))


def _offences(paths, surfaces: dict[str, set[str]], own: str, root) -> list[str]:
    """Imports of seal_engine in ``paths`` that reach past the public ``surfaces``; modules
    of the package ``own`` (relative imports inside it included) are the code's own."""
    import ast

    offences = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(root).as_posix()
        here = path.relative_to(root).with_suffix("").parts[:-1]
        aliases: dict[str, set[str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("seal_engine") and not a.name.startswith(own):
                        if a.name not in surfaces:
                            offences.append(f"{name}: import {a.name}")
                            continue
                        aliases[a.asname or a.name] = surfaces[a.name]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = list(here[:len(here) - node.level + 1])
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                if module == own or module.startswith(own + "."):
                    continue
                if module in surfaces:
                    offences += [f"{name}: from {module} import {a.name}"
                                 for a in node.names if a.name not in surfaces[module]]
                elif module.startswith("seal_engine"):
                    offences.append(f"{name}: from {module} import ...")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr not in aliases[node.value.id]):
                offences.append(f"{name}:{node.lineno}: {node.value.id}.{node.attr}")
    return offences


def test_the_cli_uses_public_names_only():
    """The command line is a thin shell: it reaches the engine only through ``__all__`` (the
    store through ``seal_engine.store.__all__``, and the app only to check it is installed)."""
    from pathlib import Path

    import seal_engine.app
    import seal_engine.i18n
    import seal_engine.store

    surfaces = {"seal_engine": set(seal_engine.__all__),
                "seal_engine.i18n": set(seal_engine.i18n.__all__),
                "seal_engine.store": set(seal_engine.store.__all__),
                "seal_engine.app": set(seal_engine.app.__all__)}
    root = Path(seal_engine.__file__).parent.parent
    assert _offences(_cli_modules(), surfaces, "seal_engine.cli", root) == []


def test_the_app_uses_public_names_only():
    """The app reaches the engine only through ``seal_engine.__all__``, the store through
    ``seal_engine.store.__all__``, and spreadsheet cells through ``seal_engine.render.tabular``;
    business rules stay in the store's service functions."""
    from pathlib import Path

    import seal_engine.i18n
    import seal_engine.lifecycle
    import seal_engine.render.tabular
    import seal_engine.store

    surfaces = {"seal_engine": set(seal_engine.__all__),
                "seal_engine.i18n": set(seal_engine.i18n.__all__),
                "seal_engine.lifecycle": set(seal_engine.lifecycle.__all__),
                "seal_engine.store": set(seal_engine.store.__all__),
                "seal_engine.render.tabular": set(seal_engine.render.tabular.__all__)}
    root = Path(seal_engine.__file__).parent.parent
    paths = [root / "app.py", *sorted((root / "seal_engine" / "app").rglob("*.py"))]
    assert _offences(paths, surfaces, "seal_engine.app", root) == []


def test_only_the_app_imports_streamlit():
    import ast
    from pathlib import Path

    root = Path(seal_engine.__file__).parent
    offences = []
    for path in sorted(root.rglob("*.py")):
        if path.is_relative_to(root / "app"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offences += [f"{path.name}: {n}" for n in names if n.split(".")[0] in
                         ("streamlit", "altair")]
    assert offences == []
