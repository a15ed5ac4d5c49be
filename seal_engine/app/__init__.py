"""The web app (Streamlit): self-assessment, results, gaps and action plan, assessor review,
the government portfolio, standards and administration, for people signed in with a role.

This package is the only part of seal-engine that imports Streamlit, and it reaches the engine
and the database only through the public names of :mod:`seal_engine` and
:mod:`seal_engine.store` (a test checks).  Business rules (roles, lifecycle, audit, versions)
live in the store's service functions; the pages only ask them.

Layout, by job:

* ``serve`` - the ASGI app ``streamlit run`` finds (``st.App`` with the sign-in routes);
* ``server`` - those routes: sign-in and sign-out setting the HttpOnly session cookie;
* ``main`` - the script run for every page: who is signed in, the navigation for their roles;
* ``session`` - the database handle and :func:`current_user`;
* ``i18n`` - the one translation function ``_`` and number and date formats;
* ``ui``, ``words``, ``charts``, ``questions``, ``evidence``, ``plan_table`` - shared pieces;
* ``views/`` - one script per page.

Needs the ``app`` extra::

    pip install 'seal-engine[app]'
"""

from __future__ import annotations

import importlib.util

__all__ = ["APP_HINT", "missing_packages", "require"]

APP_HINT = "pip install 'seal-engine[app]' (in a source checkout: pip install -e '.[app]')"
_NEEDED = ("streamlit", "altair", "pandas", "openpyxl", "sqlalchemy", "alembic", "argon2")


def missing_packages() -> list[str]:
    """The packages the app needs that are not installed."""
    return [name for name in _NEEDED if importlib.util.find_spec(name) is None]


def require() -> None:
    """Raise ImportError naming the extra to install when a package the app needs is missing."""
    missing = missing_packages()
    if missing:
        raise ImportError(f"the app needs {', '.join(missing)}, which "
                          f"{'is' if len(missing) == 1 else 'are'} not installed: {APP_HINT}")
