"""The administration page with many assessments: the assessor choice asks the store for the
few it offers (the submitted ones without an assessor first, at most 50, found by part of a
name or code) instead of holding every assessment, and the audit trail names only the
assessments its entries refer to."""

from __future__ import annotations

import datetime as dt

import seal_engine.store as st

from .appkit import CAA25, assessment, no_failure, open_app, store


def _choice(at):
    return next(s for s in at.selectbox if s.label == "Assessment")


def _many(n: int) -> None:
    labour = assessment("valdoria-ministry-of-labour-2025").institution_id
    for i in range(n):
        st.create_assessment(store(), st.SYSTEM, labour, "undp-seal-public-institutions", 3,
                             dt.date(2030 + i, 1, 1), dt.date(2030 + i, 12, 31))


def test_the_assessor_choice_offers_the_waiting_first_and_at_most_50(app_db):
    _many(55)
    every = st.list_assessments(store(), st.SYSTEM)
    assert len(every) > 60
    at = open_app("admin", "admin")
    at.session_state["admin_tabs"] = "Assessor assignments"  # only the open tab is made
    at.run()
    no_failure(at)
    options = _choice(at).options
    assert len(options) == 50
    waiting = [a for a in every if a.state == "submitted"
               and a.id not in {x.assessment_id for x in st.list_assignments(store(),
                                                                              st.SYSTEM)}]
    assert waiting and len(waiting) < 50
    assert [o.split(" · ")[-1] for o in options[:len(waiting)]] == \
        ["Submitted, waiting for review"] * len(waiting)
    assert any(str(len(waiting)) in w.value for w in at.warning)
    assert any("first 50" in c.value for c in at.caption)


def test_the_assessor_choice_searches_the_store(app_db):
    _many(55)
    at = open_app("admin", "admin")
    at.session_state["admin_tabs"] = "Assessor assignments"  # only the open tab is made
    at.run()
    at.text_input(key="assign:search").input("aviation").run()
    no_failure(at)
    caa = assessment(CAA25)
    options = _choice(at).options
    assert options and all(o.startswith(caa.institution_name + " · ") for o in options)
    _choice(at).set_value(caa.id)
    next(b for b in at.button if b.label == "Assign").click().run()
    no_failure(at)
    assert any(a.assessment_id == caa.id for a in st.list_assignments(store(), st.SYSTEM))
    at.text_input(key="assign:search").input("no such institution %_").run()
    no_failure(at)
    assert _choice(at).options == []
    assert any("No assessment matches" in c.value for c in at.caption)


def test_the_store_narrows_a_list_in_sql(app_db):
    every = st.list_assessments(store(), st.SYSTEM)
    assert [a.code for a in st.list_assessments(store(), st.SYSTEM, limit=3)] == \
        [a.code for a in every[:3]]
    some = {every[0].id, every[-1].id}
    assert {a.id for a in st.list_assessments(store(), st.SYSTEM, ids=some | {"nope"})} == some
    assert st.list_assessments(store(), st.SYSTEM, ids=[]) == []
    labour = {a.code for a in st.list_assessments(store(), st.SYSTEM, search="LABOUR")}
    assert labour == {a.code for a in every if "Labour" in a.institution_name}
    assert st.list_assessments(store(), st.SYSTEM, search="%") == []  # a wildcard is a letter
    unassigned = st.list_assessments(store(), st.SYSTEM, unassigned=True)
    assigned = {x.assessment_id for x in st.list_assignments(store(), st.SYSTEM)}
    assert {a.id for a in unassigned} == {a.id for a in every} - assigned
