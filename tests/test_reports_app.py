"""The report downloads of the app, driven by ``AppTest``: on the Results, Review and Portfolio
pages a button prepares the report (nothing is built before it is pressed), then HTML and PDF
are offered, built as the signed-in user may see them."""

from __future__ import annotations

import pytest

from .appkit import no_failure, open_app

pytest.importorskip("weasyprint")
pytest.importorskip("vl_convert")


def _prepare(at):
    button = next(b for b in at.button if b.label == "Prepare the report")
    button.click().run(timeout=120)
    no_failure(at)
    return {b.label: b for b in at.download_button if b.label.startswith("Download ")}


def _report_downloads(at) -> set[str]:
    return {b.label for b in at.download_button if b.label in ("Download HTML", "Download PDF")}


@pytest.mark.parametrize(("role", "page", "title"), [
    ("focal_point", "results", "Results report"),
    ("assessor", "review", "Review report"),
    ("analyst", "portfolio", "Portfolio report"),
])
def test_a_page_prepares_its_report_when_asked(app_db, role, page, title):
    at = open_app(role, page)
    no_failure(at)
    assert not _report_downloads(at)  # nothing built before the button is pressed
    _prepare(at)
    assert _report_downloads(at) == {"Download HTML", "Download PDF"}
    prepared = [v for k, v in at.session_state.items()
                if k.startswith(f"report:{page}:") and isinstance(v, tuple)]
    assert len(prepared) == 1
    _when, files = prepared[0]
    assert files["pdf"].startswith(b"%PDF")
    html = files["html"].decode("utf-8")
    assert f"<h1>{title}</h1>" in html
