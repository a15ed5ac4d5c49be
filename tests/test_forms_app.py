"""The self-assessment page's "Import answers from a form export": an upload shows what would
change and writes nothing until confirmed; a file with problems shows them, located, and
writes nothing."""

from __future__ import annotations

import io

import openpyxl

import seal_engine.store as st
from seal_engine.forms.workbook import questionnaire_workbook

from .appkit import ML25, assessment, button, no_failure, open_app, store, texts

SECTION = "Import answers from a form export"


def _workbook(change: dict) -> bytes:
    """The Ministry of Labour's questionnaire as downloaded, with ``change`` typed in
    (question id -> cell D)."""
    info = st.get_assessment(store(), st.SYSTEM, assessment(ML25).id)
    standard = st.get_standard(store(), info.standard_id, info.standard_version)
    answers = {k: a.value for k, a in info.answers.items() if a.value is not None}
    wb = openpyxl.load_workbook(io.BytesIO(questionnaire_workbook(standard, answers,
                                                                  assessment=ML25)))
    for ws in wb.worksheets:
        for r in range(1, ws.max_row + 1):
            qid = ws.cell(r, 2).value
            if qid in change:
                ws.cell(r, 4).value = change[qid]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(at, name: str, data: bytes):
    aid = assessment(ML25).id
    key = next(u.key for u in at.get("file_uploader") if u.key.startswith(f"fimp_up:{aid}"))
    at.file_uploader(key=key).set_value((name, data, "application/octet-stream")).run()
    return at


def test_the_changes_are_shown_then_imported(app_db):
    aid = assessment(ML25).id
    before = st.get_assessment(store(), st.SYSTEM, aid).answers["LC-04.reviews"]
    at = open_app("focal_point", "assessment", a=ML25, d="LC")
    no_failure(at)
    assert SECTION in texts(at)
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Questionnaire workbook (XLSX)" in labels
    assert "Field form for KoboToolbox or ODK (XLSForm)" in labels
    _upload(at, "offline.xlsx", _workbook({"LC-04.reviews": before.value + 2}))
    no_failure(at)
    assert "**1 answer** changes when you import the file:" in texts(at)
    table = at.table[0].value
    assert list(table["Saved now"]) == [str(before.value)]
    assert list(table["From the file"]) == [str(before.value + 2)]
    assert table["Question"].iloc[0].startswith("LC-04.reviews ")
    assert table["Where in the file"].iloc[0].startswith("sheet '1 Leadership")
    # nothing written before the focal point confirms
    assert st.get_assessment(store(), st.SYSTEM, aid).answers["LC-04.reviews"] == before
    button(at, "Import these answers").click().run()
    no_failure(at)
    after = st.get_assessment(store(), st.SYSTEM, aid).answers["LC-04.reviews"]
    assert after.value == before.value + 2 and after.version == before.version + 1


def test_a_file_with_problems_shows_them_and_writes_nothing(app_db):
    aid = assessment(ML25).id
    before = st.get_assessment(store(), st.SYSTEM, aid).version
    at = open_app("focal_point", "assessment", a=ML25, d="LC")
    _upload(at, "offline.xlsx", _workbook({"LC-04.reviews": "every month",
                                           "LC-01.policy": "maybe"}))
    assert any("Nothing was imported" in e.value for e in at.error)
    table = at.table[0].value
    assert table["What is wrong"].str.contains("'every month'").any()
    assert table["What is wrong"].str.contains("'maybe'").any()
    assert table["Column"].str.contains(r"'!D\d+$").all()
    assert not [b for b in at.button if b.label == "Import these answers"]
    assert st.get_assessment(store(), st.SYSTEM, aid).version == before


def test_the_problems_are_shown_in_the_users_language(app_db):
    from seal_engine.messages import render_message, say

    focal = st.authenticate(store(), "focal@demo.seal", "demo-focal-password")
    st.set_language(store(), focal, "fr", st.get_preferences(store(), focal).version)
    at = open_app("focal_point", "assessment", a=ML25, d="LC")
    _upload(at, "offline.xlsx", _workbook({"LC-04.reviews": "every month"}))
    assert not at.exception
    table = at.table[0].value
    (column,) = [c for c in table.columns if table[c].astype(str).str.contains(
        "'every month'").any()]
    french = render_message(say("forms.not_whole", got="'every month'"), lang="fr")
    assert french != render_message(say("forms.not_whole", got="'every month'"))
    assert french in list(table[column])
