"""Reports people print, edit and file: one typed model per report
(:mod:`seal_engine.reports.model`), built by the core from stored data or from files
(:mod:`seal_engine.reports.build`), rendered by a registry of renderers by format.

``render(report, "pdf", "en")`` gives the bytes of the file.  A renderer is a function
``(report, lang) -> bytes`` named in :data:`RENDERERS` by its module and function, imported
only when used (WeasyPrint and docxtpl are heavy); a new format is one entry there.  An
unknown format is refused with the list of formats.  Needs the ``reports`` extra::

    pip install 'seal-engine[reports]'
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple

from ..errors import Problem, SealError

__all__ = ["FORMATS", "REPORT_KINDS", "RENDERERS", "Renderer", "build_report", "render",
           "render_document", "report_bytes", "report_files", "report_formats",
           "report_from_files", "report_from_store"]

#: The kinds of report (``seal report --kind``).
REPORT_KINDS: tuple[str, ...] = ("results", "review", "pay", "portfolio")


class Renderer(NamedTuple):
    """Where a format's renderer lives (imported when first used) and what it writes."""

    module: str  #: relative to this package, e.g. ``.html``
    function: str  #: ``(report, lang: str) -> bytes``
    media_type: str
    suffix: str


#: The renderers by format.
RENDERERS: dict[str, Renderer] = {
    "html": Renderer(".html", "render_html", "text/html; charset=utf-8", ".html"),
    "pdf": Renderer(".pdf", "render_pdf", "application/pdf", ".pdf"),
    "docx": Renderer(".docx", "render_docx", "application/vnd.openxmlformats-officedocument"
                     ".wordprocessingml.document", ".docx"),
}


def report_formats() -> tuple[str, ...]:
    """The formats a report can be rendered in, in the registry's order."""
    return tuple(RENDERERS)


FORMATS = report_formats  # the first name of report_formats, kept for its callers


def _renderer(fmt: str) -> Renderer:
    try:
        return RENDERERS[fmt]
    except KeyError:
        raise SealError(Problem(f"unknown report format {fmt!r}; choose one of "
                                f"{', '.join(RENDERERS)}", field="format")) from None


def render(report: Any, fmt: str, lang: str = "en") -> bytes:
    """``report`` (a model of :mod:`seal_engine.reports.model`) as the bytes of a ``fmt``
    file, its words in ``lang`` (English where a translation is missing)."""
    r = _renderer(fmt)
    fn = getattr(importlib.import_module(r.module, __name__), r.function)
    return fn(report, lang)


render_document = render  # the name seal_engine exports it under


def report_files(store: Any, actor: Any, kind: str, formats: tuple[str, ...] = ("html", "pdf"),
                 lang: str = "en", assessment_id: str | None = None,
                 **options: Any) -> dict[str, bytes]:
    """One call for the app: the ``kind`` report of a stored assessment (or the portfolio)
    as ``actor`` may see it, built once and rendered in each of ``formats`` (format -> the
    file's bytes).  The formats are checked before anything is read."""
    for fmt in formats:
        _renderer(fmt)
    from .build import report_from_store

    report = report_from_store(store, actor, kind, assessment_id, lang, **options)
    return {fmt: _stored_docx(store, report, lang) if fmt == "docx" else render(report, fmt, lang)
            for fmt in formats}


def _stored_docx(store: Any, report: Any, lang: str) -> bytes:
    """DOCX from the store: the template an administrator uploaded for the report's kind and
    language (else English), else the shipped one."""
    from .docx import render_stored_docx

    return render_stored_docx(store, report, lang)


def report_bytes(store: Any, actor: Any, kind: str, fmt: str, lang: str = "en",
                 assessment_id: str | None = None, **options: Any) -> bytes:
    """The ``kind`` report of a stored assessment (or the portfolio) in one format."""
    return report_files(store, actor, kind, (fmt,), lang, assessment_id, **options)[fmt]


def __getattr__(name: str) -> Any:
    if name in ("build_report", "report_from_files", "report_from_store"):
        from . import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
