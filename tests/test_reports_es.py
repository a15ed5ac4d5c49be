"""A report asked for in Spanish from the database: the reasons of a stored result (scored on
the standard in its own language, English) name the standard's parameters by their Spanish
titles, as the app's explanations do, and the gaps' failing conditions too."""

from __future__ import annotations

import pytest

from seal_engine import load_standard

from .conftest import ROOT, demo_actors

pytest.importorskip("jinja2")

STANDARD = ROOT / "standards" / "undp-seal-public-institutions"


def test_a_spanish_report_from_the_store_names_parameters_in_spanish(demo_store):
    from seal_engine import translated_standard
    from seal_engine.reports.build import report_from_store

    own = load_standard(STANDARD)
    es = translated_standard(own, "es")
    english = {p.title for name, p in own.parameters.items()
               if p.title and es.parameters[name].title != p.title}
    spanish = {p.title for p in es.parameters.values() if p.title}
    assert len(english) > 10
    r = report_from_store(demo_store, demo_actors(demo_store)["focal_point"], "results",
                          "valdoria-ministry-of-labour-2025", lang="es")
    reasons = "\n".join(line for b in r.benchmarks for line in b.reason)
    failing = "\n".join(line for g in r.gaps for line in g.failing)
    assert any(f"({t})" in reasons for t in spanish), reasons[:600]
    left = sorted(t for t in english if t in reasons or t in failing)
    assert left == []


def test_an_evidence_title_with_parentheses_is_put_in_the_translations_words():
    """A clause quoting evidence in the result's language, its title holding parentheses of its
    own ("The strategic plan (relevant pages)"), reads in the translation's words alone."""
    from seal_engine import PlainWords, translated_standard

    es = translated_standard(load_standard(STANDARD), "es")
    title = next(e.title for b in es.benchmarks() for e in b.evidence
                 if e.id == "LC-07.strategic_plan")
    line = ("la evidencia LC-07.strategic_plan (The strategic plan (relevant pages)) "
            "está presentada")
    assert PlainWords(es).text(line) == f"la evidencia “{title}” está presentada"
