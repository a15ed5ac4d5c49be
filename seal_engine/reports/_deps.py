"""The reports' optional dependencies, imported when a renderer first needs one, with the
install hint of the ``reports`` extra."""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import install_hint

HINT = install_hint("reports")
#: Module -> the package that provides it.
PACKAGES = {"jinja2": "Jinja2", "weasyprint": "weasyprint", "vl_convert": "vl-convert-python"}


def require_reports(module: str) -> ModuleType:
    """``module`` imported, or :class:`ImportError` naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(f"reports need {PACKAGES.get(module, module)}, which is not "
                          f"installed: {HINT}") from e
