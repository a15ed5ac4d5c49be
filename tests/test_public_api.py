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
