"""The `seal` command line: a thin shell over the public functions of seal_engine.

Commands live in modules by domain (assessments, standards, workforce, plans…); each registers
itself on :data:`app`.  One error handler turns every :class:`~seal_engine.SealError` into its
located problems on stderr and exit status 1, and a missing optional extra into its install
hint, so commands never catch them themselves.
"""

from __future__ import annotations

from . import (  # noqa: F401  (commands register on import)
    assess,
    certificates,
    db,
    forms,
    i18n,
    notify,
    plans,
    portfolio,
    process,
    report,
    report_templates,
    serve,
    staff,
    standards,
    tokens,
    workforce,
)
from ._app import app

__all__ = ["app"]
