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


def test_the_cli_uses_public_names_only():
    """The command line is a thin shell: it reaches the engine only through ``__all__`` (and
    the store through ``seal_engine.store.__all__``)."""
    import ast

    import seal_engine.store

    surfaces = {"seal_engine": set(seal_engine.__all__),
                "seal_engine.store": set(seal_engine.store.__all__)}
    offences = []
    for path in _cli_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, set[str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("seal_engine"):
                        if a.name not in surfaces:
                            offences.append(f"{path.name}: import {a.name}")
                            continue
                        aliases[a.asname or a.name] = surfaces[a.name]
            elif isinstance(node, ast.ImportFrom):
                if node.level == 1:  # the cli package's own modules
                    continue
                module = {"": "seal_engine", "store": "seal_engine.store"}.get(
                    node.module or "", node.module or "") if node.level == 2 else node.module
                if module in surfaces:
                    offences += [f"{path.name}: from {module} import {a.name}"
                                 for a in node.names if a.name not in surfaces[module]]
                elif (module or "").startswith("seal_engine") or node.level == 2:
                    offences.append(f"{path.name}: from {module} import ...")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr not in aliases[node.value.id]):
                offences.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    assert offences == []
