"""The portfolio page, driven by ``AppTest`` as the demo analyst (the Republic of Valdoria) and
the admin: filters by scope, sector, period and standard, the ranking whose figures link to each
institution's results, charts, the benchmarks most institutions fail, downloads."""

from __future__ import annotations

import seal_engine.store as st

from .appkit import no_failure, open_app, store, texts


def _ranking(at):
    return next(d.value for d in at.dataframe if "Rank" in d.value.columns)


def test_the_analyst_compares_the_institutions_of_their_country(app_db):
    at = open_app("analyst", "portfolio")
    no_failure(at)
    ranking = _ranking(at)
    assert list(ranking["Rank"])[:2] == [1, 2]
    assert ranking["Institution"].iloc[0] == "Municipality of Port Aurel"
    assert "Riverton" not in " ".join(ranking["Institution"])  # another country
    # every figure of a row links to that institution's results page
    assert ranking["Score (%)"].iloc[0] == "/results?a=port-aurel-municipality-2025&show=82.1"
    # the main columns fit a laptop; scope, sector and the dimensions' scores a switch away
    assert not [c for c in ranking.columns if c.startswith("Leadership") or c == "Sector"]
    at.toggle(key="pf_dims").set_value(True).run()
    ranking = _ranking(at)
    dims = [c for c in ranking.columns if c.startswith("Leadership")]
    assert ranking[dims[0]].iloc[0].startswith("/results?a=port-aurel-municipality-2025&show=")
    assert "Ranking" in texts(at)
    assert [t.label for t in at.tabs] == ["Scores", "Dimension scores", "Trends over periods",
                                          "Benchmarks", "Parity"]
    assert len(at.get("vega_lite_chart")) == 2  # only the open tab is made: scores, levels
    for tab, part, charts in (
            ("Dimension scores", "LC: Leadership", 1),  # the heat map and its key
            ("Trends over periods", "The mean score of the institutions", 1),
            ("Benchmarks", "The benchmarks most institutions fail", 0),
            ("Parity", "Parity of the staff", 0)):
        at.session_state["pf_tabs"] = tab  # what choosing the tab sets
        at.run()
        no_failure(at)
        assert part in texts(at), tab
        assert len(at.get("vega_lite_chart")) == charts, tab
    assert {b.label for b in at.download_button} >= {"Download CSV",
                                                     "Download XLSX (every table)"}


def test_filters_narrow_the_comparison(app_db):
    at = open_app("analyst", "portfolio")
    at.toggle(key="pf_dims").set_value(True).run()  # every column: the scope among them
    at.selectbox(key="pf_scope").set_value("subnational").run()
    no_failure(at)
    assert set(_ranking(at)["Scope"]) == {"Subnational"}
    at.selectbox(key="pf_scope").set_value("__all__").run()
    at.selectbox(key="pf_sector").set_value("health").run()
    assert set(_ranking(at)["Institution"]) == {"Northern Highlands Provincial Health Department"}
    at.selectbox(key="pf_sector").set_value("__all__").run()
    at.multiselect(key="pf_periods").set_value(["2024"]).run()
    assert set(_ranking(at)["Period"]) == {"2024"}
    at.multiselect(key="pf_periods").set_value([]).run()
    at.selectbox(key="pf_basis").set_value("reviewed").run()
    assert set(_ranking(at)["Result"]) == {"reviewed"}


def test_a_filter_matching_nothing_says_so(app_db):
    at = open_app("analyst", "portfolio")
    at.selectbox(key="pf_standard").set_value("public-service-adaptation-lpdr@3").run()
    at.selectbox(key="pf_scope").set_value("subnational").run()
    no_failure(at)
    assert "No result matches these filters" in texts(at)


def test_a_linked_results_page_opens_for_the_analyst(app_db):
    at = open_app("analyst", "results", a="port-aurel-municipality-2025")
    no_failure(at)
    assert "Municipality of Port Aurel" in texts(at) and "Gold" in texts(at)


def test_an_analyst_of_a_country_without_results_sees_an_empty_state(app_db):
    user = st.create_user(store(), st.SYSTEM, email="riverton@test.seal",
                          display_name="Riverton Analyst", password="a long password")
    st.grant_role(store(), st.SYSTEM, user.id, "analyst", country="Republic of Nowhere")
    from streamlit.testing.v1 import AppTest

    from .appkit import MAIN

    at = AppTest.from_file(MAIN, default_timeout=60)
    at.session_state["_user"] = user.id
    at.run()
    at.switch_page("views/portfolio.py").run()
    no_failure(at)
    assert "No institution has submitted a self-assessment yet" in texts(at)


def test_the_admin_sees_every_country(app_db):
    at = open_app("admin", "portfolio")
    no_failure(at)
    assert "every country" in texts(at)


def test_the_programme_officer_sees_every_country(app_db):
    """The page is in the programme officer's menu: it opens for them (it said "not part of
    your role")."""
    at = open_app("programme_officer", "portfolio")
    no_failure(at)
    assert "every country" in texts(at)
    assert "not part of your role" not in texts(at)


def test_sections_with_nothing_to_compare_say_why(app_db):
    """Every country, three standards sharing no benchmark: the dimension scores and the
    benchmarks most institutions fail say why they are empty, never a heading over nothing."""
    at = open_app("programme_officer", "portfolio")
    no_failure(at)
    at.session_state["pf_tabs"] = "Dimension scores"
    at.run()
    assert "The standards shown share no dimension: choose one standard above" in texts(at)
    at.session_state["pf_tabs"] = "Benchmarks"
    at.run()
    assert "The standards shown share no benchmark: choose one standard above" in texts(at)
