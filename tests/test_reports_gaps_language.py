"""The results report's gaps in the language asked for: what fails and why each gap has its
rank rendered from their messages, the benchmarks by the translation's titles, and the gaps
that only add to the score said so in the reader's words."""

from __future__ import annotations

import seal_engine as se

from .conftest import ROOT

PATH = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"


def test_the_gaps_of_a_portuguese_report_are_in_portuguese():
    english = se.report_from_files([PATH], "results")
    report = se.report_from_files([PATH], "results", lang="pt")
    assert [g.id for g in report.gaps] == [g.id for g in english.gaps]
    for mine, theirs in zip(report.gaps, english.gaps, strict=True):
        assert mine.reason != theirs.reason and not mine.reason.startswith(("mandatory", "not "))
        assert mine.title != theirs.title  # the translation's benchmark title
        assert not any(" needs " in f or " is " in f for f in mine.failing), mine.failing
    assert any(g.reason.startswith("obrigatório a partir do nível") for g in report.gaps)
    assert any(g.blocks == "score only" for g in report.gaps)  # the template words it
    from seal_engine.reports.html import render_html

    page = render_html(report, "pt").decode("utf-8")
    assert "só pontuação" in page and "score only" not in page


def test_an_aggregated_staff_files_pay_note_is_in_the_reports_language():
    from seal_engine.reports.html import render_html

    path = ROOT / "assessments" / "highlands-provincial-health" / "2025.yaml"
    report = se.report_from_files([path], "results", lang="pt")
    assert report.workforce.pay_note  # the engine's note: an aggregated file with pay
    page = render_html(report, "pt").decode("utf-8")
    assert "Ficheiro agregado: a média é ponderada" in page and "aggregated file" not in page
