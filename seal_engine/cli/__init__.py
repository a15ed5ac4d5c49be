"""The `seal` command line: a thin shell over the public functions of seal_engine.

Commands live in modules by domain (assessments, standards, workforce, plans…); each registers
itself on :data:`app` when imported, and the ``seal`` group imports a module only when one of its
commands runs or shows its help (the list of commands and their short help are kept as data in
:mod:`._commands`, written by ``python -m seal_engine.cli._index``).  One error handler turns
every :class:`~seal_engine.SealError` into its located problems on stderr and exit status 1, and
a missing optional extra into its install hint, so commands never catch them themselves.
"""

from __future__ import annotations

from typing import Any

__all__ = ["app"]


def __getattr__(name: str) -> Any:
    """:data:`app`, imported when first asked for: ``python -m seal_engine`` sets its process up
    (:mod:`._program`) before the command line's imports."""
    if name == "app":
        from ._app import app

        globals()["app"] = app
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
