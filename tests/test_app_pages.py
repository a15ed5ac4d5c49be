"""Every page for every role, run by ``AppTest`` on the demo database: each role reaches its
own pages and no other (a page outside its navigation does not exist for it), sees only its own
institution's data, and every page renders without an error."""

from __future__ import annotations

import pytest

from .appkit import (
    CAA25,
    HPH25,
    ML24,
    ML25,
    NSO25,
    RIVERTON,
    no_failure,
    open_app,
    texts,
)

PAGES = {
    "focal_point": {"home", "assessment", "results", "plan", "standards", "account"},
    "assessor": {"home", "review", "results", "standards", "account"},
    "analyst": {"home", "portfolio", "results", "standards", "account"},
    "admin": {"home", "portfolio", "results", "standards", "account", "admin"},
}
ALL = {"home", "assessment", "results", "plan", "review", "portfolio", "standards", "account",
       "admin"}


@pytest.mark.parametrize("role", sorted(PAGES))
def test_each_role_reaches_its_pages_only(app_db, role):
    at = open_app(role)
    no_failure(at)
    for page in sorted(ALL):
        if page in PAGES[role]:
            at.switch_page(f"views/{page}.py").run()
            no_failure(at)
            assert at.title, f"{role}: {page} shows no title"
        else:
            with pytest.raises(ValueError, match="not a registered page|Could not find"):
                at.switch_page(f"views/{page}.py")


def test_nobody_signed_in_gets_the_sign_in_page_only(app_db):
    at = open_app(None)
    no_failure(at)
    assert "Sign in" in texts(at)
    html = at.get("html")[0].proto.body
    assert 'action="/seal/signin"' in html and 'type="password"' in html
    assert "demo-focal-password" in texts(at)  # the demo accounts are listed
    for page in sorted(ALL - {"signin"}):
        with pytest.raises(ValueError):
            at.switch_page(f"views/{page}.py")


def test_without_the_demo_the_accounts_are_not_listed(app_db, monkeypatch):
    monkeypatch.setenv("SEAL_APP_DEMO", "no")
    at = open_app(None)
    assert "demo-focal-password" not in texts(at)


@pytest.mark.parametrize("reason, words", [("failed", "Wrong e-mail address or password"),
                                           ("throttled", "Too many sign-in attempts"),
                                           ("missing", "Give your e-mail address")])
def test_the_sign_in_page_says_why_it_came_back(app_db, reason, words):
    at = open_app(None, signin=reason)
    assert words in texts(at)


def test_home_says_what_to_do_next_for_each_role(app_db):
    focal = texts(open_app("focal_point"))
    assert "The assessor asks for 1 change" in focal
    # the survey questions are not asked (no survey held): every required one is answered
    assert "Every required question is answered" in focal
    import seal_engine.store as st

    store = st.open_store(app_db)
    try:
        aid = st.find_assessment(store, st.SYSTEM, "valdoria-ministry-of-labour-2025").id
        was = st.get_assessment(store, st.SYSTEM, aid).answers["WE-01.diagnosis"]
        st.save_answer(store, st.SYSTEM, aid, "WE-01.diagnosis", None, was.version)
    finally:
        store.close()
    assert "1 question left in Enabling work environment" in texts(open_app("focal_point"))
    assessor = texts(open_app("assessor"))
    assert "1 assessment is waiting for your review" in assessor
    assert "1 review is under way" in assessor
    analyst = texts(open_app("analyst"))
    assert "institutions of Republic of Valdoria have results" in analyst
    admin = texts(open_app("admin"))
    assert "2 submitted assessments have no assessor yet" in admin


def test_a_user_without_a_role_is_told_what_to_ask_for(app_db):
    import seal_engine.store as st

    from .appkit import store

    st.create_user(store(), st.SYSTEM, email="new@test.seal", display_name="New Person",
                   password="a long password")
    from streamlit.testing.v1 import AppTest

    from .appkit import MAIN

    at = AppTest.from_file(MAIN, default_timeout=60)
    at.session_state["_user"] = st.find_user(store(), st.SYSTEM, "new@test.seal").id
    at.run()
    no_failure(at)
    assert "no role yet" in texts(at)


@pytest.mark.parametrize("page", ["assessment", "results", "plan"])
def test_a_focal_point_cannot_open_another_institutions_assessment(app_db, page):
    """An address naming another institution's assessment shows the focal point's own."""
    at = open_app("focal_point", page, a=CAA25)
    no_failure(at)
    shown = texts(at)
    assert "Civil Aviation" not in shown
    assert "Ministry of Labour" in shown
    assert "is not one you can open on this page" in shown


def test_an_assessor_cannot_review_what_is_not_assigned(app_db):
    at = open_app("assessor", "review", a=CAA25)
    no_failure(at)
    assert "Civil Aviation" not in texts(at)


def test_an_analyst_sees_only_results_of_their_country_and_no_answers(app_db):
    at = open_app("analyst", "results", a=ML24)
    no_failure(at)
    shown = texts(at)
    assert "Ministry of Labour" in shown and "Certified" in shown
    assert "shown only to the institution and its assessors" in shown
    assert not at.expander  # the reasons, which quote answers, are not there
    other = texts(open_app("analyst", "results", a=RIVERTON))
    assert "Riverton" not in other


@pytest.mark.parametrize("role, code", [("focal_point", ML25), ("assessor", NSO25),
                                        ("assessor", HPH25), ("analyst", ML24),
                                        ("admin", ML24)])
def test_results_render_for_each_role(app_db, role, code):
    at = open_app(role, "results", a=code)
    no_failure(at)
    assert at.get("vega_lite_chart"), "no chart"
    assert "Level reached" in texts(at)


def test_a_database_that_cannot_be_opened_is_said_so_without_a_traceback(app_db, monkeypatch):
    from seal_engine.app.session import reset_stores

    reset_stores()
    monkeypatch.setenv("SEAL_DATABASE_URL", "mysql://nobody@nowhere/seal")
    from streamlit.testing.v1 import AppTest

    from .appkit import MAIN

    at = AppTest.from_file(MAIN, default_timeout=60).run()
    assert not at.exception
    shown = texts(at)
    assert "The app cannot open its database" in shown and "SEAL_DATABASE_URL" in shown


def test_signing_out_everywhere_ends_every_session(app_db):
    import seal_engine.store as st

    from .appkit import store

    token, _ = st.start_session(store(), "analyst@demo.seal", "demo-analyst-password")
    at = open_app("analyst", "account")
    [b for b in at.button if b.label == "Sign out everywhere"][0].click().run()
    assert st.session_actor(store(), token) is None
    assert "Sign in" in texts(at)
