"""Importing field-form submissions: KoboToolbox and ODK Central exports written here by hand,
from the names in the form the engine generates (not by the reader under test), imported
into the demo database: the right answers, or the right located errors and nothing written."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import openpyxl
import pytest
from typer.testing import CliRunner

import seal_engine as se
import seal_engine.store as st
from seal_engine.cli import app
from seal_engine.forms import xlsform_sheets
from seal_engine.forms.submissions import SubmissionError

STD = "undp-seal-public-institutions"
CAA = "valdoria-civil-aviation-authority-2025"
ML25 = "valdoria-ministry-of-labour-2025"
KOBO_TAIL = ["meta/instanceID", "meta/deprecatedID", "_id", "_uuid", "_submission_time",
             "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags",
             "_index"]


# ------------------------------------------------------------------ the form, as Kobo sees it


def _form():
    """From the XLSForm's survey sheet: each field's group path and type, main and repeats."""
    survey = xlsform_sheets(se.standard_from(STD))["survey"]
    choices = {}
    for c in xlsform_sheets(se.standard_from(STD))["choices"]:
        choices.setdefault(c["list_name"], []).append(c["name"])
    main, repeats, types, stack, repeat = {}, {}, {}, [], None
    for r in survey:
        t = r["type"]
        if t in ("begin_group", "begin_repeat"):
            stack.append(r["name"])
            if t == "begin_repeat":
                repeat = r["name"]
                repeats[repeat] = {}
        elif t in ("end_group", "end_repeat"):
            stack.pop()
            if t == "end_repeat":
                repeat = None
        else:
            (repeats[repeat] if repeat else main)[r["name"]] = (*stack, r["name"])
            types[r["name"]] = t
    return main, repeats, types, choices


MAIN, REPEATS, TYPES, CHOICES = _form()


def _multi(name):
    t = TYPES[name]
    return CHOICES[t.split()[1]] if t.startswith("select_multiple") else None


def _columns(sep, split_sep="/"):
    """Main headers: each field's path; a multiple choice's summary then one per choice."""
    out = []
    for name, path in MAIN.items():
        head = sep.join(path)
        out.append((head, name, None))
        for c in _multi(name) or []:
            out.append((f"{head}{split_sep}{c}", name, c))
    return out


def _cells(columns, values, split_only=()):
    row = []
    for _head, name, choice in columns:
        v = values.get(name)
        if choice is None:
            row.append(None if name in split_only else
                       (" ".join(v) if isinstance(v, list) else v))
        else:
            row.append(None if v is None else ("1" if choice in v else "0"))
    return row


def kobo_xlsx(subs, tables, *, omit=(), split_only=(), hxl=False, seal_tag=None):
    """A KoboToolbox XLSX export ('XML values and headers', multiple choice 'both')."""
    cols = _columns("/")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Gender Equality Seal for Publi"  # Kobo: the form's title, cut to 31
    ws.append([h for h, _n, _c in cols] + KOBO_TAIL)
    if hxl:
        ws.append(["#indicator" if h.endswith(".meetings") else None for h, _n, _c in cols]
                  + [None] * len(KOBO_TAIL))
    for i, s in enumerate(subs, 1):
        values = {"seal_standard": seal_tag or f"{STD}@3", **s["answers"]}
        meta = {"meta/instanceID": f"uuid:{s['uuid']}", "meta/deprecatedID": s.get("edits"),
                "_id": 1000 + i, "_uuid": s["uuid"], "_submission_time": "2025-11-02T10:00:00",
                "_validation_status": None, "_notes": None, "_status": "submitted_via_web",
                "_submitted_by": "focal", "__version__": "vT3x", "_tags": None, "_index": i}
        ws.append(_cells(cols, values, split_only) + [meta[k] for k in KOBO_TAIL])
    for rep, fields in REPEATS.items():
        if rep in omit:
            continue
        sheet = wb.create_sheet(rep[:31])
        heads = ["/".join(p) for p in fields.values()]
        sheet.append(heads + ["_index", "_parent_table_name", "_parent_index",
                              "_submission__id", "_submission__uuid"])
        for n, (parent, row) in enumerate(tables.get(rep, []), 1):
            sheet.append([row.get(name) for name in fields] +
                         [n, ws.title, parent, 1000 + parent, subs[parent - 1]["uuid"]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ORIGINAL = {"uuid": "a1", "answers": {
    "seal_institution": "VAL-CAA", "seal_period": "2025",
    "LC-01.policy": "no", "GA-01.meetings": "2"}}
EDITED = {"uuid": "a2", "edits": "uuid:a1", "answers": {
    "seal_institution": "VAL-CAA", "seal_period": "2025",
    "LC-01.policy": "yes", "LC-01.aligned": "yes", "LC-01.approved_on": "2025-02-14",
    "LC-02.plan": "approved", "GA-01.meetings": "6", "GA-02.time_share": "25",
    "GA-03.budget": "15000.5", "GA-01.units": ["human_resources", "planning"],
    "PC-02.breakdowns": ["age", "location"]}}
SESSIONS = [
    (1, {"GA-04.sessions.topic": "From the first version", "GA-04.sessions.participants": "9"}),
    (2, {"GA-04.sessions.topic": "Gender budgeting", "GA-04.sessions.held_on": "2025-03-04",
         "GA-04.sessions.participants": "20", "GA-04.sessions.women": "12",
         "GA-04.sessions.format": "in_person"}),
    (2, {"GA-04.sessions.topic": "Harassment prevention", "GA-04.sessions.participants": "35",
         "GA-04.sessions.format": "online"}),
]
EXPECTED = {
    "LC-01.policy": "yes", "LC-01.aligned": "yes", "LC-01.approved_on": "2025-02-14",
    "LC-02.plan": "approved", "GA-01.meetings": 6, "GA-02.time_share": 25,
    "GA-03.budget": 15000.5, "GA-01.units": ["human_resources", "planning"],
    "PC-02.breakdowns": ["age", "location"],
    "GA-04.sessions": [
        {"topic": "Gender budgeting", "held_on": "2025-03-04", "participants": 20, "women": 12,
         "format": "in_person"},
        {"topic": "Harassment prevention", "participants": 35, "format": "online"}],
}


def _plain(v):
    """Dates as ISO text, to compare answers read back from the store."""
    import datetime as dt

    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _answers(store, code):
    info = st.get_assessment(store, st.SYSTEM, st.find_assessment(store, st.SYSTEM, code).id)
    return info, {k: _plain(a.value) for k, a in info.answers.items()}


def _expected():
    return dict(EXPECTED)


@pytest.fixture
def store(demo_store):
    return demo_store


@pytest.fixture
def focal(store):
    return st.authenticate(store, "focal@demo.seal", "demo-focal-password")


def _errors(excinfo):
    return [str(p) for p in excinfo.value.problems]


# ------------------------------------------------------------------ KoboToolbox XLSX


def test_kobo_xlsx_edited_submission_repeats_and_split_choices(store):
    data = kobo_xlsx([ORIGINAL, EDITED], {"GA-04.sessions": SESSIONS},
                     split_only={"GA-01.units"}, hxl=True)
    preview = st.preview_form_import(store, st.SYSTEM, data, "kobo-export.xlsx")
    assert preview.dialect == "kobo-xlsx" and preview.standard == f"{STD}@3"
    assert preview.submissions == 1 and preview.replaced == ["uuid:a1"]
    assert {c.assessment_code for c in preview.changes} == {CAA}
    before, old = _answers(store, CAA)
    st.apply_form_import(store, st.SYSTEM, preview)
    after, now = _answers(store, CAA)
    for qid, value in _expected().items():
        assert now[qid] == value, qid
    # each changed answer versioned and audited like a typed one, naming the file
    changed = {c.question_id for c in preview.changes}
    assert changed == {q for q, v in _expected().items() if old.get(q) != v}
    for qid in changed:
        assert after.answers[qid].version == (before.answers[qid].version + 1
                                              if qid in before.answers else 1)
    saves = [e for e in st.list_audit(store, st.SYSTEM, limit=500, action="answer.")
             if e.action == "answer.save" and e.payload.get("source") ==
             "kobo-xlsx:kobo-export.xlsx"]
    assert {e.payload["question"] for e in saves} == changed
    assert st.verify_audit(store).ok  # the trail and the rows it seals still agree
    # the same file again changes nothing
    again = st.preview_form_import(store, st.SYSTEM, data, "kobo-export.xlsx")
    assert again.changes == [] and again.unchanged == len(_expected())


def test_kobo_xlsx_located_errors_and_nothing_written(store):
    bad = {"uuid": "b1", "answers": {
        "seal_institution": "VAL-CAA", "seal_period": "2025",
        "GA-01.meetings": "many",          # not a whole number
        "GA-02.time_share": "140",         # above 100
        "LC-01.policy": "Yes",             # a label, not the value
        "GA-01.units": ["human_resources"],
        "LC-01.aligned": "yes"}}
    data = kobo_xlsx([bad], {"GA-04.sessions": [
        (1, {"GA-04.sessions.topic": "Basics", "GA-04.sessions.participants": "lots"})]})
    # a split column holding something else than 1 or 0
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    col = header.index("GA/GA-01/GA-01.units/planning") + 1
    ws.cell(2, col, "maybe")
    out = io.BytesIO()
    wb.save(out)
    before, old = _answers(store, CAA)
    with pytest.raises(SubmissionError) as e:
        st.apply_form_import(store, st.SYSTEM, st.preview_form_import(
            store, st.SYSTEM, out.getvalue(), "bad.xlsx"))
    problems = e.value.problems
    by_q = {}
    for p in problems:
        by_q.setdefault(p.record_id, []).append(p)

    def letter(head):
        return openpyxl.utils.get_column_letter(header.index(head) + 1)

    main = "'Gender Equality Seal for Publi'"
    p = by_q["GA-01.meetings"][0]
    assert (p.file, p.line) == ("bad.xlsx", 2)
    assert p.field == f"{main}!{letter('GA/GA-01/GA-01.meetings')}2 " \
                      "(GA/GA-01/GA-01.meetings)"
    assert "whole number" in p.message and "'many'" in p.message
    p = by_q["GA-02.time_share"][0]
    assert p.line == 2 and letter("GA/GA-02/GA-02.time_share") in p.field
    assert "above the maximum 100" in p.message
    p = by_q["LC-01.policy"][0]
    assert "XML values and headers" in p.message and letter("GA/GA-01/GA-01.units") != \
        letter("LC/LC-01/LC-01.policy") and letter("LC/LC-01/LC-01.policy") in p.field
    p = by_q["GA-01.units"][0]
    assert p.line == 2 and "1 or 0" in p.message and "'maybe'" in p.message
    assert f"!{letter('GA/GA-01/GA-01.units/planning')}2 " in p.field
    p = by_q["GA-04.sessions"][0]
    assert p.field.startswith("'GA-04.sessions'!C2 (") and p.line == 2
    assert "whole number" in p.message
    assert len(problems) == 5
    after, now = _answers(store, CAA)
    assert now == old and after.version == before.version


@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
def test_problems_are_message_codes_rendered_in_the_readers_language(store, lang, tmp_path,
                                                                     monkeypatch):
    """Each problem of a bad export is a message code with its params (the test asserts on
    them), rendered in the reader's language at the edge: no word of it left in English."""
    from seal_engine.messages import rendered_log

    bad = {"uuid": "b1", "answers": {
        "seal_institution": "VAL-CAA", "seal_period": "2025",
        "GA-01.meetings": "many", "LC-01.policy": "Yes"}}
    data = kobo_xlsx([bad], {"GA-04.sessions": [
        (1, {"GA-04.sessions.topic": "Basics", "GA-04.sessions.participants": "2"})]},
        omit=("GA-04.sessions",))
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(store, st.SYSTEM, data, "bad.xlsx")
    codes = {p.text.code for p in e.value.problems}
    assert {"forms.not_whole", "forms.not_a_choice_labels",
            "forms.missing_repeat_sheets"} <= codes, codes
    whole = next(p for p in e.value.problems if p.text.code == "forms.not_whole")
    assert whole.text.params == {"got": "'many'"} and whole.line == 2
    with rendered_log() as log:
        shown = [p.render(lang) for p in e.value.problems]
    forms = [(code, text, english) for code, lg, text, english in log
             if code.startswith("forms.") and lg == lang]
    assert forms and all(text != english for _c, text, english in forms), forms
    assert all(s.startswith("bad.xlsx:2") for s in shown if "many" in s)
    # the command line says the same in the language asked for
    monkeypatch.setenv("SEAL_DATABASE_URL", store.url)
    path = tmp_path / "bad.xlsx"
    path.write_bytes(data)
    r = CliRunner().invoke(app, ["--lang", lang, "submissions", "import", str(path)])
    assert r.exit_code == 1
    assert whole.render(lang).split(": ", 1)[1] in r.output


def test_kobo_xlsx_missing_repeat_sheet_is_named(store):
    data = kobo_xlsx([EDITED], {}, omit={"WE-04.by_grade", "RI-04.scorecard"})
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(store, st.SYSTEM, data, "filtered.xlsx")
    (p,) = e.value.problems
    assert p.file == "filtered.xlsx" and "WE-04.by_grade, RI-04.scorecard" in p.message
    assert "sheet" in p.message and "all questions" in p.message


def test_a_form_of_another_version_is_refused(store):
    data = kobo_xlsx([EDITED], {}, seal_tag=f"{STD}@2")
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(store, st.SYSTEM, data, "old-form.xlsx")
    (p,) = e.value.problems
    assert f"form of {STD} v2" in p.message and p.line == 2
    assert p.field.endswith("!C2 (seal_standard)")


def test_a_submission_for_another_assessment_is_refused(store, focal):
    ml25 = st.find_assessment(store, st.SYSTEM, ML25).id
    data = kobo_xlsx([EDITED], {})
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(store, focal, data, "kobo.xlsx", assessment_id=ml25)
    assert any("VAL-CAA" in p.message and "VAL-MLSP" in p.message and p.line == 2
               for p in e.value.problems)
    # and a focal point of another institution cannot import into VAL-CAA's assessment
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(store, focal, data, "kobo.xlsx")
    assert "no assessment of institution 'VAL-CAA'" in e.value.problems[0].message


# ------------------------------------------------------------------ KoboToolbox CSV and JSON


def test_kobo_csv_semicolons_main_section_only(store):
    cols = _columns("/")
    text = io.StringIO()
    w = csv.writer(text, delimiter=";", quoting=csv.QUOTE_ALL)
    w.writerow([h for h, _n, _c in cols] + KOBO_TAIL)
    values = {"seal_standard": f"{STD}@3", **EDITED["answers"]}
    w.writerow(_cells(cols, values) + ["uuid:a2", None, 7, "a2", "2025-11-02", None, None,
                                       None, None, None, None, 1])
    data = text.getvalue().encode("utf-8")
    preview = st.preview_form_import(store, st.SYSTEM, data, "kobo.csv")
    assert preview.dialect == "kobo-csv"
    got = {c.question_id: _plain(c.new) for c in preview.changes}
    want = {k: v for k, v in _expected().items() if k != "GA-04.sessions"}
    assert {k: got.get(k, _answers(store, CAA)[1].get(k)) for k in want} == want
    assert any("a CSV export holds no tables" in w.message and "GA-04.sessions" in w.message
               for w in preview.warnings)


def test_kobo_json_with_repeats(store):
    def flat(values):
        out = {}
        for name, v in values.items():
            out["/".join(MAIN[name])] = " ".join(v) if isinstance(v, list) else v
        return out

    sub = {**flat({"seal_standard": f"{STD}@3", **EDITED["answers"]}),
           "_uuid": "a2", "meta/instanceID": "uuid:a2", "_id": 9,
           "/".join(REPEATS["GA-04.sessions"]["GA-04.sessions.topic"][:-1]): [
               {"/".join(REPEATS["GA-04.sessions"][k]): v for k, v in row.items()}
               for parent, row in SESSIONS if parent == 2]}
    data = json.dumps({"count": 1, "results": [sub]}).encode()
    preview = st.preview_form_import(store, st.SYSTEM, data, "kobo.json")
    assert preview.dialect == "json"
    st.apply_form_import(store, st.SYSTEM, preview)
    now = _answers(store, CAA)[1]
    assert {k: now[k] for k in _expected()} == _expected()


# ------------------------------------------------------------------ ODK Central


def _odk_rows(split=True):
    cols = _columns("-") if split else [c for c in _columns("-") if c[2] is None]
    header = ["SubmissionDate"] + [h for h, _n, _c in cols] + [
        "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
        "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]
    values = {"seal_standard": f"{STD}@3", **EDITED["answers"]}
    row = ["2025-11-02T10:00:00.000Z"] + _cells(cols, values) + [
        "uuid:c2", "uuid:c2", "5", "focal", "0", "0", "", "", "", "0", "3"]
    return header, row


def _csv(rows):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode()


def test_odk_central_zip_with_repeat_files(store):
    header, row = _odk_rows()
    fields = REPEATS["GA-04.sessions"]
    rep_header = ["-".join(p) for p in fields.values()] + ["PARENT_KEY", "KEY"]
    rep_rows = [[r.get(n) for n in fields] + ["uuid:c2", f"uuid:c2/GA/GA-04/GA-04.sessions[{i}]"]
                for i, (parent, r) in enumerate(SESSIONS, 1) if parent == 2]
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w") as f:
        f.writestr(f"{STD}.csv", _csv([header, row]))
        for rep, rfields in REPEATS.items():
            body = [["-".join(p) for p in rfields.values()] + ["PARENT_KEY", "KEY"]]
            if rep == "GA-04.sessions":
                body = [rep_header, *rep_rows]
            f.writestr(f"{STD}-{rep}.csv", _csv(body))
    preview = st.preview_form_import(store, st.SYSTEM, z.getvalue(), "submissions.csv.zip")
    assert preview.dialect == "odk-zip"
    st.apply_form_import(store, st.SYSTEM, preview)
    now = _answers(store, CAA)[1]
    assert {k: now[k] for k in _expected()} == _expected()


def test_odk_central_csv_form_version_and_located_errors(store):
    header, row = _odk_rows(split=False)
    preview = st.preview_form_import(store, st.SYSTEM, _csv([header, row]), "submissions.csv")
    assert preview.dialect == "odk-csv"
    assert {c.question_id for c in preview.changes} >= {"LC-01.policy", "GA-01.units"}
    # another form version
    old = list(row)
    old[header.index("FormVersion")] = "2"
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(store, st.SYSTEM, _csv([header, old]), "submissions.csv")
    (p,) = e.value.problems
    assert "form version '2'" in p.message and p.line == 2
    assert p.column == header.index("FormVersion") + 1
    # a date that is not one, located by row and column number
    bad = list(row)
    i = header.index("LC-LC-01-LC-01.approved_on")
    bad[i] = "14/02/2025"
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(store, st.SYSTEM, _csv([header, bad]), "submissions.csv")
    (p,) = e.value.problems
    assert (p.file, p.line, p.column) == ("submissions.csv", 2, i + 1)
    assert p.record_id == "LC-01.approved_on" and "YYYY-MM-DD" in p.message


def test_not_an_export(store):
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(store, st.SYSTEM, b"name,age\nAna,4\n", "people.csv")
    assert "not a KoboToolbox or ODK Central export" in e.value.problems[0].message
    with pytest.raises(se.AssessmentError):
        st.preview_form_import(store, st.SYSTEM, b"\xff\xfe\x00garbage", "x.bin")


# ------------------------------------------------------------------ the command line


def test_cli_import_dry_run_then_write(store, tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_DATABASE_URL", store.url)
    path = tmp_path / "kobo-export.xlsx"
    answers = dict(EDITED["answers"])
    del answers["seal_institution"], answers["seal_period"]
    path.write_bytes(kobo_xlsx([{"uuid": "z9", "answers": answers}], {}))
    runner = CliRunner()
    r = runner.invoke(app, ["submissions", "import", str(path), "--dry-run"])
    assert r.exit_code == 1 and "does not say which institution and period" in r.output
    r = runner.invoke(app, ["submissions", "import", str(path), "--institution", "VAL-CAA",
                            "--period", "2025", "--dry-run"])
    assert r.exit_code == 0, r.output
    assert "kobo-xlsx, the form of undp-seal-public-institutions@3, 1 submission" in r.output
    assert f"{CAA} LC-01.policy: no -> yes" in r.output and "nothing written" in r.output
    assert _answers(store, CAA)[1]["LC-01.policy"] == "no"
    r = runner.invoke(app, ["submissions", "import", str(path), "--institution", "VAL-CAA",
                            "--period", "2025"])
    assert r.exit_code == 0, r.output
    assert "imported:" in r.output
    assert _answers(store, CAA)[1]["LC-01.policy"] == "yes"


def test_hostile_files_are_refused_with_their_reason(store):
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(SubmissionError, match="nested too deeply"):
        st.preview_form_import(store, st.SYSTEM, deep, "deep.json")
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("a.csv", "x,y\n1,2\n")
    with pytest.raises(SubmissionError, match="one CSV of submissions"):
        st.preview_form_import(store, st.SYSTEM, z.getvalue(), "odk.zip")
    header, row = _odk_rows(split=False)
    row[header.index("seal_standard")] = "not a tag"
    with pytest.raises(SubmissionError, match="not ID@VERSION"):
        st.preview_form_import(store, st.SYSTEM, _csv([header, row]), "submissions.csv")


def test_headers_without_group_names_are_matched_too(store):
    """Kobo's 'Include groups in headers' off: bare field names, one column per choice."""
    cols = [(p[-1], n, c) for (h, n, c), p in
            ((col, MAIN[col[1]]) for col in _columns("/"))]
    cols = [(h if c is None else f"{h}/{c}", n, c) for h, n, c in cols]
    text = io.StringIO()
    w = csv.writer(text, delimiter=";", quoting=csv.QUOTE_ALL)
    w.writerow([h for h, _n, _c in cols] + ["_uuid", "_submission_time", "_index"])
    values = {"seal_standard": f"{STD}@3", **EDITED["answers"]}
    w.writerow(_cells(cols, values, split_only={"PC-02.breakdowns"}) + ["d4", "2025-11-02", 1])
    preview = st.preview_form_import(store, st.SYSTEM, text.getvalue().encode(), "bare.csv")
    got = {c.question_id: _plain(c.new) for c in preview.changes}
    assert got["PC-02.breakdowns"] == ["age", "location"]  # rebuilt from its choice columns
    assert got["LC-01.approved_on"] == "2025-02-14" and got["GA-01.meetings"] == 6


def test_an_export_with_label_headers_is_refused_saying_how_to_export(store):
    text = io.StringIO()
    w = csv.writer(text, delimiter=";")
    w.writerow(["Does the institution have a gender equality policy approved by its head?",
                "_uuid", "_submission_time", "_index"])
    w.writerow(["Yes", "u1", "2025-11-02", "1"])
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(store, st.SYSTEM, text.getvalue().encode(), "labels.csv",
                               institution="VAL-CAA", period="2025")
    (p,) = e.value.problems
    assert (p.file, p.line) == ("labels.csv", 1) and "XML values and headers" in p.message


def test_odk_central_odata_json_with_nested_groups_and_repeats(store):
    def nest(values):
        out: dict = {}
        for name, v in values.items():
            *groups, leaf = MAIN[name]
            at = out
            for g in groups:
                at = at.setdefault(g, {})
            at[leaf] = " ".join(v) if isinstance(v, list) else v
        return out

    sub = nest({"seal_standard": f"{STD}@3", **EDITED["answers"]})
    sub["__id"] = "uuid:e5"
    sub["__system"] = {"submissionDate": "2025-11-02T10:00:00Z", "reviewState": None}
    sub["meta"] = {"instanceID": "uuid:e5"}
    sub["GA"].setdefault("GA-04", {})["GA-04.sessions"] = [
        row for parent, row in SESSIONS if parent == 2]
    data = json.dumps({"@odata.context": "…/Submissions", "value": [sub]}).encode()
    preview = st.preview_form_import(store, st.SYSTEM, data, "central.json")
    got = {c.question_id: _plain(c.new) for c in preview.changes}
    assert got["GA-04.sessions"] == _expected()["GA-04.sessions"]
    assert got["PC-02.breakdowns"] == ["age", "location"] and got["LC-01.policy"] == "yes"
