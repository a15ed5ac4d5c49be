"""The store's optional dependencies, checked once with the install hint of the extra."""

from __future__ import annotations

import importlib

from ..errors import install_hint

HINT = install_hint("store")
_NEEDED = (("sqlalchemy", "SQLAlchemy"), ("alembic", "alembic"), ("argon2", "argon2-cffi"))


def require() -> None:
    """Import what the store needs, or raise :class:`ImportError` naming the extra to install."""
    for module, package in _NEEDED:
        try:
            importlib.import_module(module)
        except ImportError as e:
            raise ImportError(
                f"the database store needs {package}, which is not installed: {HINT}") from e
