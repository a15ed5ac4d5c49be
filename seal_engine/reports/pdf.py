"""Reports as PDF: WeasyPrint prints the report's HTML (:mod:`seal_engine.reports.html`) with
its print CSS (A4, a page counter in the footer, table headers repeated on each page, rows
and charts never cut across pages) as archival PDF/A-3b, its fonts (DejaVu Sans) embedded.

No outside request: the URL fetcher serves ``data:`` addresses (the charts) and the package's
own template files, and refuses anything else (``http:``, ``file:`` elsewhere...) whatever a
report's text holds.  WeasyPrint needs Pango (``apt-get install libpango-1.0-0
libpangoft2-1.0-0`` where it is missing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from .html import TEMPLATES, render_html

__all__ = ["PDF_VARIANT", "refused_urls", "render_pdf"]

#: The PDF/A variant written: PDF/A-3b (archival; allows the charts' transparency).
PDF_VARIANT = "pdf/a-3b"


def _allowed(url: str) -> bool:
    scheme = urlparse(url).scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file":
        return False
    path = Path(unquote(urlparse(url).path)).resolve()
    return path.is_relative_to(TEMPLATES)


def _fetcher(refused: list[str]):
    from ._deps import require_reports

    urls = require_reports("weasyprint.urls")

    class _Fetcher(urls.URLFetcher):
        """Serves ``data:`` and the package's own files; refuses the rest."""

        def fetch(self, url: str, headers: Any = None):  # noqa: D401
            if not _allowed(url):
                refused.append(url)
                raise ValueError(f"the report may not fetch {url!r}: only data: addresses "
                                 "and the package's own files")
            return super().fetch(url, headers)

    return _Fetcher(allowed_protocols=("data", "file"), allow_redirects=False)


#: The addresses refused by the last rendering in this process (for tests and diagnostics).
refused_urls: list[str] = []


def html_to_pdf(html: bytes | str) -> bytes:
    """Print ``html`` (a report's HTML) to PDF/A bytes."""
    import logging
    import warnings

    from ._deps import require_reports

    weasyprint = require_reports("weasyprint")
    refused_urls.clear()
    text = html.decode("utf-8") if isinstance(html, bytes) else html
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)  # a refused address is reported in refused_urls instead
    try:
        doc = weasyprint.HTML(string=text, base_url=TEMPLATES.as_uri() + "/",
                              url_fetcher=_fetcher(refused_urls), media_type="print")
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its own sRGB profile for PDF/A and drops the file unclosed
            # (a ResourceWarning at once, from its code, about its own package file)
            warnings.simplefilter("ignore", ResourceWarning)
            return doc.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=None,
                                 custom_metadata=True)
    finally:
        logger.setLevel(level)


def render_pdf(report: Any, lang: str = "en") -> bytes:
    """The report as an A4 PDF/A-3b file, from the same HTML as :func:`render_html`."""
    return html_to_pdf(render_html(report, lang))
