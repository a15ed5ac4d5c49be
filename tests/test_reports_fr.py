"""A report asked for in French reads the standard in French: the benchmarks' titles, the
results levels and the next level by the translation's words (not the stored result's English),
and the reasons of a report scored from files in French."""

from __future__ import annotations

from seal_engine import load_standard

from .conftest import ROOT, demo_actors

STANDARD = ROOT / "standards" / "undp-seal-public-institutions"


def _french():
    from seal_engine import translated_standard

    return translated_standard(load_standard(STANDARD), "fr")


def test_a_french_report_from_the_store_names_benchmarks_and_levels_in_french(demo_store):
    from seal_engine.reports.build import report_from_store

    fr = _french()
    r = report_from_store(demo_store, demo_actors(demo_store)["focal_point"], "results",
                          "valdoria-ministry-of-labour-2025", lang="fr")
    titles = {b.id: b.title for b in fr.benchmarks()}
    assert {b.id: b.title for b in r.benchmarks} == {b.id: titles[b.id] for b in r.benchmarks}
    assert titles["WE-05"] != load_standard(STANDARD).benchmark("WE-05").title
    assert r.result.next_level == "gold" and r.result.next_level_title == "Or"
    groups = {g.id: g.title for g in fr.results_levels}
    assert [g.title for g in r.results_levels] == [groups[g.id] for g in r.results_levels]


def test_a_french_report_from_files_gives_its_reasons_in_french(tmp_path):
    from seal_engine.reports.build import report_from_files

    path = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"
    r = report_from_files(path, lang="fr")
    met = next(b for b in r.benchmarks if b.status == "met" and b.reason)
    assert met.reason[0] == "Rempli\u00a0: la règle est satisfaite.", met.reason
    english = report_from_files(path, lang="en")
    assert next(b for b in english.benchmarks if b.id == met.id).reason[0] == (
        "Met: the rule holds.")


def test_level_colours_follow_the_level_not_its_french_title():
    import json

    from seal_engine.reports.charts import LEVEL_COLOURS, distribution_chart, ranking_chart
    from seal_engine.reports.words import words

    w = words("fr")
    levels = [{"level": "Or", "level_id": "gold", "count": 1, "order": 0},
              {"level": "Argent", "level_id": "silver", "count": 2, "order": 1},
              {"level": "aucun niveau", "level_id": None, "count": 1, "order": 2}]
    spec = json.dumps(distribution_chart(levels, w))
    assert f'["{LEVEL_COLOURS["gold"]}", "{LEVEL_COLOURS["silver"]}", "#b0b7c3"]' in spec
    ranked = [{"institution": "A", "score": 82.1, "level": "Or", "level_id": "gold"},
              {"institution": "B", "score": 79.0, "level": "Argent", "level_id": "silver"}]
    spec = json.dumps(ranking_chart(ranked, w))
    assert f'["{LEVEL_COLOURS["gold"]}", "{LEVEL_COLOURS["silver"]}"]' in spec
