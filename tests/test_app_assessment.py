"""The self-assessment page, driven by ``AppTest`` as the Ministry of Labour's focal point on
its 2025 assessment (sent back for changes, so editable): answers of every type saved to the
store as they are entered, with versions, found again by a new session (a reload); a second
editor's change not overwritten; not-applicable claims, evidence, staff data with its errors by
row, and submitting once complete."""

from __future__ import annotations

import datetime as dt

import pytest

import seal_engine.store as st

from .appkit import (
    ML24,
    ML25,
    actor,
    assessment,
    button,
    no_failure,
    open_app,
    store,
    texts,
)
from .conftest import ROOT

PDF = b"%PDF-1.4\n% a test report\n"


def _answers(code: str = ML25) -> dict:
    info = st.get_assessment(store(), st.SYSTEM, assessment(code).id)
    return {k: v.value for k, v in info.answers.items()}


def _key(code: str, qid: str) -> str:
    return f"q:{assessment(code).id}:{qid}"


def test_answers_of_every_type_are_saved_as_entered_and_kept_after_a_reload(app_db):
    at = open_app("focal_point", "assessment", a=ML25, d="LC")
    no_failure(at)
    at.segmented_control(key=_key(ML25, "LC-01.aligned")).set_value("no").run()
    at.number_input(key=_key(ML25, "LC-04.reviews")).set_value(5).run()
    at.number_input(key=_key(ML25, "LC-05.coverage")).set_value(62.5).run()
    at.pills(key=_key(ML25, "LC-03.channels")).set_value(["website", "email"]).run()
    at.radio(key=_key(ML25, "LC-02.plan")).set_value("adopted").run() \
        if "adopted" in at.radio(key=_key(ML25, "LC-02.plan")).options else None
    at.date_input(key=_key(ML25, "LC-01.approved_on")).set_value(dt.date(2024, 3, 8)).run()
    no_failure(at)
    saved = _answers()
    assert saved["LC-01.aligned"] is False
    assert saved["LC-04.reviews"] == 5 and isinstance(saved["LC-04.reviews"], int)
    assert saved["LC-05.coverage"] == 62.5
    assert saved["LC-03.channels"] == ["email", "website"]  # in the standard's order
    assert saved["LC-01.approved_on"] == dt.date(2024, 3, 8)
    info = st.get_assessment(store(), st.SYSTEM, assessment(ML25).id)
    assert info.answers["LC-04.reviews"].version == 2  # one more than the imported one
    # a reload is a new session: every widget is seeded from the database
    again = open_app("focal_point", "assessment", a=ML25, d="LC")
    assert again.segmented_control(key=_key(ML25, "LC-01.aligned")).value == "no"
    assert again.number_input(key=_key(ML25, "LC-04.reviews")).value == 5
    assert again.pills(key=_key(ML25, "LC-03.channels")).value == ["email", "website"]
    assert again.date_input(key=_key(ML25, "LC-01.approved_on")).value == dt.date(2024, 3, 8)
    assert "saved as you type" in texts(again)


def test_text_and_clearing_an_answer(app_db):
    at = open_app("focal_point", "assessment", a=ML25, d="RI")
    at.text_input(key=_key(ML25, "RI-05.service")).input("Employment counselling").run()
    assert _answers()["RI-05.service"] == "Employment counselling"
    at.number_input(key=_key(ML25, "RI-05.baseline_share")).set_value(None).run()
    assert _answers().get("RI-05.baseline_share") is None


def test_a_table_question_is_an_editable_grid_saved_when_it_changes(app_db):
    at = open_app("focal_point", "assessment", a=ML25, d="GA")
    editors = [e for e in at.data_editor]
    assert editors, "the table question shows no grid"
    grid = editors[0]
    before = len(grid.value)
    key = grid.key if hasattr(grid, "key") else None
    assert key and key.startswith("t:")
    at.session_state[key] = {"edited_rows": {"0": {"participants": 99}}, "added_rows": [
        {"topic": "Gender budgeting", "held_on": "2025-05-06", "participants": 12,
         "women": 7, "format": "in_person"}], "deleted_rows": []}
    at.run()
    no_failure(at)
    rows = _answers()["GA-04.sessions"]
    assert len(rows) == before + 1
    assert rows[0]["participants"] == 99
    assert rows[-1]["topic"] == "Gender budgeting" and rows[-1]["women"] == 7


def test_a_second_editors_change_is_not_overwritten_silently(app_db):
    at = open_app("focal_point", "assessment", a=ML25, d="LC")
    aid = assessment(ML25).id
    # someone else (another focal point, another tab) saves first
    version = st.get_assessment(store(), st.SYSTEM, aid).answers["LC-04.reviews"].version
    st.save_answer(store(), actor("focal_point"), aid, "LC-04.reviews", 7, version)
    at.number_input(key=_key(ML25, "LC-04.reviews")).set_value(3).run()
    assert _answers()["LC-04.reviews"] == 7  # theirs is kept
    shown = texts(at)
    assert "Not saved" in shown and "Farah Focal" in shown
    assert at.number_input(key=_key(ML25, "LC-04.reviews")).value == 7


def test_a_benchmark_claimed_not_applicable_with_its_reason_and_withdrawn(app_db):
    aid = assessment(ML25).id
    at = open_app("focal_point", "assessment", a=ML25, d="PC")
    at.toggle(key=f"na:{aid}:PC-06").set_value(True).run()
    assert "Give the reason" in texts(at)
    at.text_input(key=f"na:{aid}:PC-06:why").input("We run no procurement of our own.").run()
    no_failure(at)
    info = st.get_assessment(store(), st.SYSTEM, aid)
    assert info.not_applicable["PC-06"].reason == "We run no procurement of our own."
    at.toggle(key=f"na:{aid}:PC-06").set_value(False).run()
    assert "PC-06" not in st.get_assessment(store(), st.SYSTEM, aid).not_applicable


def test_evidence_is_uploaded_to_its_requirement_and_removed(app_db):
    aid = assessment(ML25).id
    at = open_app("focal_point", "assessment", a=ML25, d="RI")
    at.toggle(key=f"eva:{aid}:RI-01.impact_data").set_value(True).run()
    at.file_uploader(key=f"evu:{aid}:RI-01.impact_data").set_value(
        ("monitoring-2025.pdf", PDF, "application/pdf"))
    at.text_input(key=f"evt:{aid}:RI-01.impact_data").input("Monitoring report 2025")
    [b for b in at.button if b.label == "Attach the file"][0].click().run()
    no_failure(at)
    items = [e for e in st.get_assessment(store(), st.SYSTEM, aid).evidence
             if e.requirement_id == "RI-01.impact_data"]
    mine = [e for e in items if e.original_name == "monitoring-2025.pdf"]
    assert mine and mine[0].title == "Monitoring report 2025" and mine[0].size == len(PDF)
    assert "monitoring-2025.pdf" in texts(at)
    at.button(key=f"rm:{mine[0].id}").click().run()
    assert mine[0].id not in {e.id for e in st.get_assessment(store(), st.SYSTEM, aid).evidence}


def test_a_file_that_is_not_what_its_name_says_is_refused_with_the_reason(app_db):
    aid = assessment(ML25).id
    at = open_app("focal_point", "assessment", a=ML25, d="RI")
    at.toggle(key=f"eva:{aid}:RI-01.impact_data").set_value(True).run()
    at.file_uploader(key=f"evu:{aid}:RI-01.impact_data").set_value(
        ("report.pdf", b"not a pdf at all", "application/pdf"))
    [b for b in at.button if b.label == "Attach the file"][0].click().run()
    assert any("content is not one" in e.value for e in at.error)
    assert not at.exception


def test_a_web_link_as_evidence(app_db):
    aid = assessment(ML25).id
    at = open_app("focal_point", "assessment", a=ML25, d="RI")
    at.toggle(key=f"eva:{aid}:RI-01.impact_data").set_value(True).run()
    at.text_input(key=f"evlu:{aid}:RI-01.impact_data").input("https://example.org/report")
    [b for b in at.button if b.label == "Add the link"][0].click().run()
    no_failure(at)
    assert any(e.reference == "https://example.org/report"
               for e in st.get_assessment(store(), st.SYSTEM, aid).evidence)


def test_staff_data_with_errors_shows_them_by_row_and_stores_nothing(app_db):
    aid = assessment(ML25).id
    good = (ROOT / "assessments/valdoria-ministry-of-labour/workforce-2025.csv").read_bytes()
    lines = good.decode("utf-8").splitlines()
    data = [i for i, line in enumerate(lines) if line and not line.startswith("#")]
    header = lines[data[0]].split(",")
    row = lines[data[2]].split(",")
    row[header.index("sex")] = "sometimes"  # a sex code the format does not know
    lines[data[2]] = ",".join(row)
    before = st.get_assessment(store(), st.SYSTEM, aid).workforce
    at = open_app("focal_point", "assessment", a=ML25, d="_staff")
    at.file_uploader(key=f"wfu:{aid}").set_value(("staff.csv", "\n".join(lines).encode(),
                                                   "text/csv"))
    [b for b in at.button if b.label == "Check and upload"][0].click().run()
    assert any("was not uploaded" in e.value for e in at.error)
    table = at.table[0].value
    assert data[2] + 1 in set(table["Row"])  # the line of the bad value, as the file counts
    assert table["What is wrong"].str.contains("sometimes").any()
    assert st.get_assessment(store(), st.SYSTEM, aid).workforce.sha256 == before.sha256
    at.file_uploader(key=f"wfu:{aid}").set_value(("staff-2025.csv", good, "text/csv"))
    [b for b in at.button if b.label == "Check and upload"][0].click().run()
    no_failure(at)
    assert st.get_assessment(store(), st.SYSTEM, aid).workforce.name == "staff-2025.csv"


def test_submitting_lists_what_is_missing_first_then_submits(app_db):
    aid = assessment(ML25).id
    focal = actor("focal_point")
    # an answer taken back: the assessment is no longer complete
    was = st.get_assessment(store(), st.SYSTEM, aid).answers["LC-01.aligned"]
    st.save_answer(store(), focal, aid, "LC-01.aligned", None, was.version)
    at = open_app("focal_point", "assessment", a=ML25, d="_submit")
    shown = texts(at)
    assert "still unanswered" in shown
    assert "What percentage of staff answered it?" not in shown  # no survey: not asked
    assert button(at, "Submit for review").disabled
    # answer what is left, through the store, and come back
    from seal_engine.app.progress import progress

    info = st.get_assessment(store(), st.SYSTEM, aid)
    std = st.get_standard(store(), info.standard_id, info.standard_version)
    questions = std.questions()
    focal = actor("focal_point")
    values = {"yes_no": True, "integer": 1, "number": 1, "percent": 50, "text": "Done",
              "date": dt.date(2025, 6, 1)}
    for d in progress(std, info, st.score_assessment(store(), focal, aid)):
        for _bid, qid in d.left:
            q = questions[qid]
            value = values.get(q.type.value)
            if q.type.value in ("single_choice", "multiple_choice"):
                first = std.question_choices(q)[0].value
                value = first if q.type.value == "single_choice" else [first]
            if q.type.value == "table":
                value = [{q.columns[0].id: "x"}]
            stored = info.answers.get(qid)
            st.save_answer(store(), focal, aid, qid, value, stored.version if stored else 0)
    at = open_app("focal_point", "assessment", a=ML25, d="_submit")
    assert "Every required question is answered" in texts(at)
    button(at, "Submit for review").click().run()
    button(at, "Yes, submit").click().run()
    no_failure(at)
    assert st.find_assessment(store(), st.SYSTEM, aid).state == "submitted"
    assert "Submitted" in texts(at)


def test_a_certified_assessment_is_read_only(app_db):
    at = open_app("focal_point", "assessment", a=ML24, d="LC")
    no_failure(at)
    assert "you can read it, not change it" in texts(at)
    assert at.segmented_control(key=_key(ML24, "LC-01.aligned")).disabled
    assert not [b for b in at.button if b.label == "Attach the file"]


def test_the_assessor_cannot_open_the_questionnaire(app_db):
    at = open_app("assessor")
    with pytest.raises(ValueError):
        at.switch_page("views/assessment.py")


def test_the_next_self_assessment_starts_from_the_last_certified_one(app_db):
    aid = assessment(ML25).id
    st.submit_assessment(store(), actor("focal_point"), aid, assessment(ML25).version)
    at = open_app("focal_point", "assessment", a=ML25)
    button(at, "Start the next self-assessment").click().run()
    no_failure(at)
    assert "Start a new self-assessment" in texts(at)
    assert at.checkbox[0].value is True  # from the certified 2024 assessment
    at.date_input[0].set_value(dt.date(2026, 1, 1))
    at.date_input[1].set_value(dt.date(2026, 12, 31))
    [b for b in at.button if b.label == "Start"][0].click().run()
    no_failure(at)
    mine = st.list_assessments(store(), actor("focal_point"))
    new = [a for a in mine if a.period_end == dt.date(2026, 12, 31)]
    assert len(new) == 1 and new[0].state == "draft"
    info = st.get_assessment(store(), actor("focal_point"), new[0].id)
    assert info.renewed_from == assessment(ML24).id and info.answers  # answers carried over
    assert "Self-assessment" in texts(at) and "2026" in texts(at)
