"""Gaps and the action plan, driven by ``AppTest`` as the focal point: the ranked gaps and the
shortest path, what-if recomputing the level, drafting the plan from the library, editing it
(the library's rows and an action of the institution's own), SMART warnings, downloads."""

from __future__ import annotations

import seal_engine.store as st

from .appkit import ML25, actor, assessment, button, no_failure, open_app, store, texts


def _plan():
    return st.get_action_plan(store(), actor("focal_point"), assessment(ML25).id)


def test_gaps_are_ranked_with_the_shortest_path_and_what_if_changes_the_level(app_db):
    at = open_app("focal_point", "plan", a=ML25)
    no_failure(at)
    gaps = at.table[0].value
    assert list(gaps["Priority"])[:3] == [1, 2, 3]
    assert "Shortest path to Gold" in texts(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Level now"] == "Silver"
    # Gold is blocked by its mandatory WE-05, RI-01 and RI-02 (the score, 79 %, is enough)
    at.multiselect(key=f"whatif:{assessment(ML25).id}").set_value(["RI-01", "RI-02"]).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Level if those were met"] == "Silver"
    at.multiselect(key=f"whatif:{assessment(ML25).id}").set_value(["RI-01", "RI-02",
                                                                   "WE-05"]).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Level if those were met"] == "Gold"
    button(at, "Assume the shortest path is done").click().run()
    assert {m.label: m.value for m in at.metric}["Level if those were met"] == "Gold"


def test_a_chosen_target_level(app_db):
    at = open_app("focal_point", "plan", a=ML25)
    at.selectbox(key=f"target:{assessment(ML25).id}").set_value("bronze").run()
    no_failure(at)
    assert "Bronze is already reached" in texts(at)


def test_the_plan_is_drafted_edited_with_an_own_action_and_checked(app_db):
    at = open_app("focal_point", "plan", a=ML25)
    assert "No action plan yet" in texts(at)
    button(at, "Draft the action plan").click().run()
    no_failure(at)
    plan, version = _plan()
    assert plan.rows and version == 1
    grid = at.data_editor[0]
    first = plan.rows[0]
    at.session_state[grid.key] = {
        "edited_rows": {"0": {"responsible": "Gender focal point", "progress": 10,
                              "status": "in_progress"}},
        "added_rows": [{"activity": "Mentoring for women managers", "area": "capacity_development",
                        "benchmarks": ["WE-02"], "responsible": "HR director",
                        "indicator": "women mentored", "unit": "number", "baseline": 0,
                        "target": 20, "start": plan.start, "end": plan.end}],
        "deleted_rows": []}
    at.run()
    no_failure(at)
    plan, version = _plan()
    assert version == 2
    edited = plan.row(first.action)
    assert (edited.responsible, edited.progress, edited.status.value) == (
        "Gender focal point", 10, "in_progress")
    own = plan.rows[-1]
    assert own.action.startswith("OWN-") and own.activity == "Mentoring for women managers"
    if hasattr(own, "own"):
        assert own.own is True
    assert "SMART warning" in texts(at) or "Every row is specific" in texts(at)
    labels = {b.label for b in at.download_button}
    assert {"Download XLSX", "Download CSV", "Download Markdown"} <= labels
    at.run()  # the next run keeps the edit (it does not save the grid's first state again)
    assert _plan()[1] == 2 and _plan()[0].row(first.action).responsible == "Gender focal point"
    # the edits are in the database: a new session shows them
    again = open_app("focal_point", "plan", a=ML25)
    rows = again.data_editor[0].value
    assert "Mentoring for women managers" in set(rows["activity"])


def test_a_row_without_its_area_is_not_saved_and_says_why(app_db):
    at = open_app("focal_point", "plan", a=ML25)
    button(at, "Draft the action plan").click().run()
    grid = at.data_editor[0]
    at.session_state[grid.key] = {"edited_rows": {}, "added_rows": [
        {"activity": "Something of our own"}], "deleted_rows": []}
    at.run()
    assert any("choose the area" in e.value for e in at.error)
    assert _plan()[1] == 1


def test_smart_warnings_name_the_row_and_the_criterion(app_db):
    at = open_app("focal_point", "plan", a=ML25)
    button(at, "Draft the action plan").click().run()
    grid = at.data_editor[0]
    at.session_state[grid.key] = {"edited_rows": {"0": {"responsible": None}},
                                  "added_rows": [], "deleted_rows": []}
    at.run()
    no_failure(at)
    assert "Assigned: no responsible party" in texts(at)
