"""The portfolio page with more institutions than a page holds: what a run draws does not grow
with the store (the ranking, its chart and the heatmap show one page of institutions, found by
name; the trend is the mean score by period and scope; the changes the largest rises and
falls), and every institution is still in the downloads."""

from __future__ import annotations

import json

import pytest

import seal_engine as se
import seal_engine.store as st

from .appkit import no_failure, open_app, store, texts

PAGE = 25


@pytest.fixture
def many(app_db, tmp_path, monkeypatch):
    """The demo with 55 generated institutions (three periods) imported."""
    monkeypatch.setenv("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    folder = tmp_path / "portfolio"
    se.generate_portfolio(folder, 55, seed=7, years=(2023, 2024, 2025), file_format="json",
                          workforce=False)
    st.import_assessments(store(), st.SYSTEM, [folder])
    return st.compare_stored(store(), st.SYSTEM, by=["sector"])


def _ranking(at):
    return next(d.value for d in at.dataframe if "Rank" in d.value.columns)


def _specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _rows_of(spec: dict) -> list[dict]:
    return [r for layer in spec.get("layer", [spec]) for r in layer["data"]["values"]]


def test_the_ranking_is_paged_and_the_charts_hold_one_page(many):
    assert many.institutions > 2 * PAGE
    at = open_app("admin", "portfolio")
    no_failure(at)
    first = _ranking(at)
    assert list(first["Institution"]) == [r.name for r in many.ranking[:PAGE]]
    assert f"Institutions 1–{PAGE} of {many.institutions}" in texts(at)
    specs = _specs(at)
    bars = next(s for s in specs if any("shown" in r for r in _rows_of(s)))  # the scores
    assert [r["institution"] for r in _rows_of(bars)][:PAGE] == list(first["Institution"])
    at.number_input(key="pf_page").set_value(3).run()
    no_failure(at)
    third = _ranking(at)
    assert list(third["Institution"]) == [r.name for r in many.ranking[2 * PAGE:3 * PAGE]]
    assert list(third["Rank"]) == [r.rank for r in many.ranking[2 * PAGE:3 * PAGE]]


def test_the_heatmap_holds_the_page_shown(many):
    at = open_app("admin", "portfolio")
    one = max(s for s in st.portfolio_choices(store(), st.SYSTEM).standards
              if s[0] == "undp-seal-public-institutions")  # one standard: its dimensions
    at.selectbox(key="pf_standard").set_value(f"{one[0]}@{one[1]}")
    at.session_state["pf_tabs"] = "Dimension scores"  # only the open tab is made
    at.run()
    no_failure(at)
    shown = set(_ranking(at)["Institution"])
    assert 0 < len(shown) <= PAGE
    heat = next(s for s in _specs(at) if any("dimension" in r for r in _rows_of(s)))
    assert {r["institution"] for r in _rows_of(heat)} == shown


def test_an_institution_is_found_by_name(many):
    wanted = many.ranking[-1]
    at = open_app("admin", "portfolio")
    at.text_input(key="pf_find").set_value(wanted.name.upper()).run()
    no_failure(at)
    assert wanted.name in set(_ranking(at)["Institution"])
    assert len(_ranking(at)) < PAGE


def test_the_trend_is_the_mean_by_period_and_scope(many):
    at = open_app("admin", "portfolio")
    at.session_state["pf_tabs"] = "Trends over periods"  # only the open tab is made
    at.run()
    trend = next(s for s in _specs(at) if any("period" in r for r in _rows_of(s)))
    points = st.portfolio_trend(store(), st.SYSTEM)
    lines = {(r["institution"], r["period"]): r["score"] for r in _rows_of(trend)}
    assert len(lines) == len(points) <= 2 * 4  # scopes x periods, whatever the store holds
    assert {name for name, _p in lines} <= {"National", "Subnational"}
    # each point is the mean of the institutions' preferred result of that period and scope
    rows = st.portfolio_results(store(), st.SYSTEM)
    best: dict = {}
    for r in rows:
        key = (r.institution_code, r.period_label or str(r.period_end.year))
        if key not in best or (r.kind == "reviewed", r.period_end, r.assessment_code) > (
                best[key].kind == "reviewed", best[key].period_end,
                best[key].assessment_code):
            best[key] = r
    for p in points:
        scores = [r.score for (_i, period), r in best.items()
                  if period == p.period and r.scope == p.scope]
        assert p.institutions == len(scores)
        assert p.mean_score == pytest.approx(sum(scores) / len(scores), abs=0.006)


def test_the_changes_shown_are_the_largest_and_every_one_is_downloaded(many):
    at = open_app("admin", "portfolio")
    at.session_state["pf_tabs"] = "Trends over periods"  # only the open tab is made
    at.run()
    table = next(d.value for d in at.dataframe if "Benchmarks newly met" in d.value.columns)
    expected = many.changes[:5] + many.changes[-5:]
    assert list(table["Institution"]) == [ch.name for ch in expected]
    assert f"of {len(many.changes)} institutions assessed in two periods" in texts(at)
    csv = se.render_comparison(many, "csv", table="changes")
    assert all(ch.name in csv for ch in many.changes)


def test_the_filters_choices_come_from_the_store(many):
    choices = st.portfolio_choices(store(), st.SYSTEM)
    rows = st.portfolio_results(store(), st.SYSTEM)
    assert choices.results == len(rows)
    assert choices.periods == sorted({r.period_label or str(r.period_end.year) for r in rows},
                                     reverse=True)
    assert {(s, v) for s, v, _t in choices.standards} == {
        (r.standard_id, r.standard_version) for r in rows}
    assert choices.sectors == sorted({i.sector for i in st.list_institutions(
        store(), st.SYSTEM) if i.sector})


def test_a_rerun_reuses_the_comparison_until_the_store_changes(many, tmp_path):
    at = open_app("admin", "portfolio")
    kept = at.session_state["pf_compared"]
    at.number_input(key="pf_page").set_value(2).run()  # only what is shown changes
    assert at.session_state["pf_compared"][1] is kept[1]
    more = tmp_path / "more"
    se.generate_portfolio(more, 3, seed=99, years=(2026,), file_format="json",
                          workforce=False)
    st.import_assessments(store(), st.SYSTEM, [more])  # a write moves the revision
    at.run()
    no_failure(at)
    again = at.session_state["pf_compared"]
    assert again[0][0] > kept[0][0] and again[1] is not kept[1]
    assert again[1].institutions == st.compare_stored(store(), st.SYSTEM,
                                                      by=["sector"]).institutions
    assert "2026" in {r.period for r in again[1].ranking}
    assert "2026" not in {r.period for r in kept[1].ranking}


def test_choices_and_trend_show_what_the_actor_may_see(many):
    from .appkit import actor

    analyst = actor("analyst")
    seen = st.portfolio_results(store(), analyst)
    every = st.portfolio_results(store(), st.SYSTEM)
    assert 0 < len(seen) < len(every)
    assert st.portfolio_choices(store(), analyst).results == len(seen)
    mine = st.portfolio_trend(store(), analyst)
    assert sum(p.institutions for p in mine) < sum(
        p.institutions for p in st.portfolio_trend(store(), st.SYSTEM))
    assert sum(p.institutions for p in mine) == len(
        {(r.institution_code, r.period_label or str(r.period_end.year)) for r in seen})


def test_the_sector_choices_are_those_the_actor_may_see(many):
    """An analyst who is also an assessor is offered the sectors of the institutions they may
    see, not those of every institution (the assessments' visibility applied to institutions
    alone let every institution through)."""
    from .appkit import actor

    analyst = actor("analyst")
    st.grant_role(store(), st.SYSTEM, analyst.user_id, "assessor")
    mine = sorted({i.sector for i in st.list_institutions(store(), analyst) if i.sector})
    every = sorted({i.sector for i in st.list_institutions(store(), st.SYSTEM) if i.sector})
    assert mine and mine != every
    assert st.portfolio_choices(store(), analyst).sectors == mine
