"""seal template -f xlsx: the questionnaire as an Excel workbook, filled in offline (here with
openpyxl, as a person would: by the question ids in column B) and imported back exactly, with
located errors for what does not fit."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from typer.testing import CliRunner

import seal_engine as se
import seal_engine.store as st
from seal_engine.cli import app
from seal_engine.forms.submissions import SubmissionError
from seal_engine.forms.workbook import questionnaire_workbook, read_questionnaire
from seal_engine.store import preview_form_import

STD = "undp-seal-public-institutions"
CAA = "valdoria-civil-aviation-authority-2025"
ML25 = "valdoria-ministry-of-labour-2025"


def _plain(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _canonical(standard, answers):
    """Answers as compared: dates as text, a multiple choice in the standard's order (the order
    in which choices were ticked is not kept), unanswered left out."""
    out = {}
    qs = standard.questions()
    for qid, v in answers.items():
        if v is None:
            continue
        q = qs[qid]
        if q.type.value == "multiple_choice":
            order = [c.value for c in standard.question_choices(q)]
            v = sorted(v, key=order.index)
        out[qid] = _plain(v)
    return out


def _rows(ws):
    """Column B (the question id, or its markers) -> row number."""
    return {str(ws.cell(r, 2).value): r for r in range(1, ws.max_row + 1)
            if ws.cell(r, 2).value is not None}


def _fill(content: bytes, standard, answers, words=("yes", "no", "none of these")) -> bytes:
    """Fill a blank questionnaire the way a person does in Excel: choices by their label from
    the drop-down, yes on each ticked choice's row, dates as dates, table rows under the
    table's header; ``words``: yes, no and none of these in the workbook's language."""
    yes, no, none = words
    wb = openpyxl.load_workbook(io.BytesIO(content))
    qs = standard.questions()
    where = {}
    for ws in wb.worksheets:
        for key, r in _rows(ws).items():
            where[key] = (ws, r)
    for qid, value in answers.items():
        q = qs[qid]
        t = q.type.value
        ws, r = where[qid]
        if t == "multiple_choice":
            if value == []:
                ws.cell(r, 4, none)
            for c in value:
                ws2, r2 = where[f"{qid} = {c}"]
                ws2.cell(r2, 4, yes)
        elif t == "table":
            ws2, r2 = where[f"{qid} : columns"]
            cols = {ws2.cell(r2, j).value: j for j in range(4, 4 + len(q.columns))}
            by_id = {c.id: c for c in q.columns}
            for n, row in enumerate(value, 1):
                ws3, r3 = where[f"{qid} # {n}"]
                for col, v in row.items():
                    c = by_id[col]
                    if c.type.value in ("single_choice",):
                        v = next(x.label or x.value for x in standard.question_choices(c)
                                 if x.value == v)
                    if c.type.value == "date":
                        v = dt.date.fromisoformat(v) if isinstance(v, str) else v
                    ws3.cell(r3, cols[col], v)
        elif t == "single_choice":
            ws.cell(r, 4, next(c.label or c.value for c in standard.question_choices(q)
                               if c.value == value))
        elif t == "date":
            ws.cell(r, 4, dt.date.fromisoformat(value) if isinstance(value, str) else value)
        elif t == "yes_no":
            ws.cell(r, 4, yes if value in (True, "yes") else no)
        else:
            ws.cell(r, 4, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def standard():
    return se.standard_from(STD)


@pytest.fixture(scope="module")
def example():
    """The Ministry of Labour's 2025 answers (every question type, tables, empty choices)."""
    a = se.load_assessment(se.__file__.rsplit("/seal_engine/", 1)[0]
                           + "/assessments/valdoria-ministry-of-labour/2025.yaml")
    return {k: v for k, v in a.answers.items() if v is not None}


def test_layout_validation_and_ranges(standard, tmp_path):
    out = tmp_path / "q.xlsx"
    r = CliRunner().invoke(app, ["template", STD, "-f", "xlsx", "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    dims = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert len(dims) == len(standard.dimensions)
    assert dims[0].title.startswith("1 Leadership")
    assert {ws.title for ws in wb.worksheets if ws.sheet_state == "hidden"} == {"seal", "lists"}
    ws = dims[1]
    rows = _rows(ws)
    kinds = {}
    for dv in ws.data_validations.dataValidation:
        for cell in str(dv.sqref).split():
            kinds[cell] = (dv.type, dv.formula1, dv.formula2)
    assert kinds[f"D{rows['GA-01.committee']}"][0] == "list"
    assert kinds[f"D{rows['GA-01.meetings']}"] == ("whole", "0", "366")
    assert kinds[f"D{rows['GA-02.time_share']}"] == ("decimal", "0", "100")
    assert kinds[f"D{rows['GA-01.units = planning']}"][0] == "list"
    lists = wb["lists"]
    ref = kinds[f"D{rows['GA-03.level']}"][1]
    col = ref.split("!$")[1].split("$")[0]
    labels = [lists[f"{col}{i}"].value for i in range(1, 5)]
    assert labels == [c.label for c in standard.question_choices(
        standard.questions()["GA-03.level"])]
    assert ws.row_dimensions[rows["GA-04.sessions : columns"]].hidden
    name = wb.defined_names["T_GA_04_sessions"]
    assert name.attr_text.startswith(f"'{ws.title}'!$D${rows['GA-04.sessions # 1']}:$H$")
    date_cells = [c for c, k in kinds.items() if k[0] == "date"]
    assert any(c.startswith("E") for c in date_cells)  # the table's date column
    no_out = CliRunner().invoke(app, ["template", STD, "-f", "xlsx"])
    assert no_out.exit_code == 2 and "-o FILE" in no_out.output


def test_round_trip_is_exact(standard, example):
    blank = questionnaire_workbook(standard)
    filled = _fill(blank, standard, example)
    back = read_questionnaire(filled, "filled.xlsx", standard)
    assert back.assessment is None and (back.standard_id, back.version) == (STD, 3)
    assert _canonical(standard, back.answers) == _canonical(standard, example)
    # and written from the answers, it reads back as them
    written = questionnaire_workbook(standard, example, assessment=ML25)
    again = read_questionnaire(written, "written.xlsx", standard)
    assert again.assessment == ML25
    assert _canonical(standard, again.answers) == _canonical(standard, example)
    assert set(again.empty) == set(standard.questions()) - set(example)
    # in Spanish (seal template -l es): the drop-downs hold the Spanish labels, read back
    spanish = questionnaire_workbook(standard.translated("es"), example)
    ws = openpyxl.load_workbook(io.BytesIO(spanish)).worksheets[1]
    assert ws.cell(_rows(ws)["GA-03.level"], 4).value == next(
        c.label for c in standard.translated("es").question_choices(
            standard.questions()["GA-03.level"]) if c.value == example["GA-03.level"])
    back = read_questionnaire(spanish, "es.xlsx", standard)
    assert _canonical(standard, back.answers) == _canonical(standard, example)


@pytest.mark.parametrize("lang", ["fr", "es", "pt"])
def test_the_workbooks_own_words_in_the_language_asked(standard, example, tmp_path, lang):
    """seal --lang fr template -f xlsx -l fr: the standard's texts translated (-l) and the
    workbook's own words (headings, hints, yes, no, none of these, the validation messages)
    in the reader's language (--lang); filled in with those words, it reads back exactly."""
    from seal_engine.messages import has_translation, render_message, say

    def w(code, **params):
        return render_message(say(code, **params), lang=lang)

    out = tmp_path / f"q-{lang}.xlsx"
    r = CliRunner().invoke(app, ["--lang", lang, "template", STD, "-f", "xlsx", "-l", lang,
                                 "-o", str(out)])
    assert r.exit_code == 0, r.output
    codes = ("forms.wb.head.benchmark", "forms.wb.head.question", "forms.wb.head.answer",
             "forms.wb.head.help", "forms.wb.yes", "forms.wb.none", "forms.wb.hint.number",
             "forms.wb.dv.list")
    assert all(has_translation(c, lang) for c in codes)
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[1]
    heads = [ws.cell(4, i).value for i in range(1, 6)]
    assert heads == [w(f"forms.wb.head.{h}") for h in
                     ("benchmark", "question_id", "question", "answer", "help")]
    assert heads != [render_message(say(f"forms.wb.head.{h}")) for h in
                     ("benchmark", "question_id", "question", "answer", "help")]
    rows = _rows(ws)
    hint = ws.cell(rows["GA-01.units"], 5).value
    assert hint.startswith(w("forms.wb.hint.multiple_choice", yes=w("forms.wb.yes"),
                             none=w("forms.wb.none")))
    errors = {dv.error for dv in ws.data_validations.dataValidation}
    assert w("forms.wb.dv.list") in errors and "Choose an answer from the list." not in errors
    assert wb["seal"]["B6"].value == lang
    words = (w("forms.wb.yes"), w("forms.wb.no"), w("forms.wb.none"))
    assert words != ("yes", "no", "none of these")
    filled = _fill(out.read_bytes(), standard.translated(lang), example, words)
    back = read_questionnaire(filled, out.name, standard)
    assert _canonical(standard, back.answers) == _canonical(standard, example)
    # written from the answers in that language, it reads back as them too
    written = questionnaire_workbook(standard.translated(lang), example, lang=lang)
    assert _canonical(standard, read_questionnaire(written, "w.xlsx", standard).answers) == \
        _canonical(standard, example)


def test_filled_in_offline_and_imported(demo_store, standard, example):
    info = st.get_assessment(demo_store, st.SYSTEM,
                             st.find_assessment(demo_store, st.SYSTEM, CAA).id)
    taken = {q.id for q in standard.questions().values() if q.from_baseline}
    wanted = {k: v for k, v in example.items() if k not in taken}
    data = _fill(questionnaire_workbook(standard), standard, wanted)
    preview = st.preview_form_import(demo_store, st.SYSTEM, data, "offline.xlsx",
                             institution="VAL-CAA", period="2025")
    assert preview.dialect == "workbook" and preview.standard == f"{STD}@3"
    st.apply_form_import(demo_store, st.SYSTEM, preview)
    after = st.get_assessment(demo_store, st.SYSTEM, info.id)
    stored = {k: a.value for k, a in after.answers.items()}
    assert _canonical(standard, {k: stored[k] for k in wanted}) == _canonical(standard, wanted)
    # a blank questionnaire's empty cells leave the other answers as they were
    for qid, a in info.answers.items():
        if qid not in wanted:
            assert after.answers[qid].value == a.value
    # downloaded with the answers, uploaded unchanged: nothing to do
    mine = questionnaire_workbook(standard, stored, assessment=CAA)
    same = st.preview_form_import(demo_store, st.SYSTEM, mine, "mine.xlsx")
    assert same.changes == []
    # a cell emptied in a workbook filled in from the assessment clears that answer
    wb = openpyxl.load_workbook(io.BytesIO(mine))
    ws = next(w for w in wb.worksheets if "LC-01.policy" in _rows(w))
    ws.cell(_rows(ws)["LC-01.policy"], 4).value = None
    out = io.BytesIO()
    wb.save(out)
    cleared = st.preview_form_import(demo_store, st.SYSTEM, out.getvalue(), "mine.xlsx")
    assert [(c.question_id, c.new) for c in cleared.changes] == [("LC-01.policy", None)]


def test_located_errors_and_nothing_written(demo_store, standard):
    data = questionnaire_workbook(standard)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[1]
    rows = _rows(ws)
    ws.cell(rows["GA-01.meetings"], 4, "weekly")
    ws.cell(rows["GA-01.committee"], 4, "perhaps")
    ws.cell(rows["GA-02.time_share"], 4, 250)
    ws.cell(rows["GA-01.units = legal"], 4, "sometimes")
    ws.cell(rows["GA-04.sessions # 2"], 5, "next spring")
    ws.cell(rows["GA-03.budget"], 4, "=1000*12")
    out = io.BytesIO()
    wb.save(out)
    before = st.find_assessment(demo_store, st.SYSTEM, CAA)
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(demo_store, st.SYSTEM, out.getvalue(), "offline.xlsx",
                       institution="VAL-CAA", period="2025")
    got = {(p.record_id, p.line, p.field) for p in e.value.problems}
    sheet = f"'{ws.title}'"  # the sheet and cell as a spreadsheet writes them
    r = rows
    assert (("GA-01.meetings", r["GA-01.meetings"], f"{sheet}!D{r['GA-01.meetings']}")
            in got)
    assert ("GA-01.committee", r["GA-01.committee"],
            f"{sheet}!D{r['GA-01.committee']}") in got
    assert ("GA-01.units", r["GA-01.units = legal"],
            f"{sheet}!D{r['GA-01.units = legal']}") in got
    assert ("GA-04.sessions", r["GA-04.sessions # 2"],
            f"{sheet}!E{r['GA-04.sessions # 2']}") in got
    assert (None, r["GA-03.budget"], f"{sheet}!D{r['GA-03.budget']}") in got
    assert all(p.file == "offline.xlsx" for p in e.value.problems)
    # the range is checked once the values are read (as seal validate checks it)
    ws.cell(rows["GA-01.meetings"], 4, 3)
    ws.cell(rows["GA-01.committee"], 4, "yes")
    ws.cell(rows["GA-01.units = legal"], 4, "yes")
    ws.cell(rows["GA-04.sessions # 2"], 5, dt.date(2025, 4, 1))
    ws.cell(rows["GA-03.budget"], 4, 12000)
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(demo_store, st.SYSTEM, out.getvalue(), "offline.xlsx",
                       institution="VAL-CAA", period="2025")
    (p,) = e.value.problems
    assert (p.record_id, p.line, p.column) == ("GA-02.time_share", rows["GA-02.time_share"], 4)
    assert "above the maximum 100" in p.message
    after = st.find_assessment(demo_store, st.SYSTEM, CAA)
    assert after.version == before.version


def test_a_workbook_of_another_standard_or_assessment_is_refused(demo_store):
    starter = se.standard_from("seal-starter")
    data = questionnaire_workbook(starter)
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(demo_store, st.SYSTEM, data, "starter.xlsx", institution="VAL-CAA",
                       period="2025")
    assert "questionnaire of seal-starter v2" in e.value.problems[0].message
    public = se.standard_from(STD)
    theirs = questionnaire_workbook(public, {"LC-01.policy": "yes"}, assessment=ML25)
    caa = st.find_assessment(demo_store, st.SYSTEM, CAA).id
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(demo_store, st.SYSTEM, theirs, "ml.xlsx", assessment_id=caa)
    assert f"filled in from {ML25}, not {CAA}" in e.value.problems[0].message
    with pytest.raises(SubmissionError) as e:
        read_questionnaire(b"not a workbook", "x.xlsx", public)
    assert e.value.problems[0].file == "x.xlsx"


def test_cli_from_last_period(tmp_path, standard, example):
    out = tmp_path / "next.xlsx"
    last = "assessments/valdoria-ministry-of-labour/2025.yaml"
    r = CliRunner().invoke(app, ["template", STD, "-f", "xlsx", "-o", str(out), "--from",
                                 se.__file__.rsplit("/seal_engine/", 1)[0] + "/" + last])
    assert r.exit_code == 0, r.output
    back = read_questionnaire(out.read_bytes(), "next.xlsx", standard)
    assert back.assessment is None  # a new period's: empty cells change nothing
    assert _canonical(standard, back.answers) == _canonical(standard, example)
    r = CliRunner().invoke(app, ["template", STD, "-f", "xlsx", "-o", str(tmp_path / "p.xlsx"),
                                 "--from", last, "--plan", "plan.csv"])
    assert r.exit_code == 2 and "--plan" in r.output


def test_an_answer_taken_from_the_baseline_is_refused_where_it_is(demo_store, standard):
    """ML25 takes RI-03.baseline_senior from its recorded baseline (2024): typed in the
    workbook, it is refused at its cell before anything is written."""
    data = _fill(questionnaire_workbook(standard), standard, {"RI-03.baseline_senior": 30,
                                                             "LC-04.reviews": 9})
    before = st.find_assessment(demo_store, st.SYSTEM, ML25)
    with pytest.raises(SubmissionError) as e:
        preview_form_import(demo_store, st.SYSTEM, data, "offline.xlsx", institution="VAL-MLSP",
                            period="2025")
    (p,) = e.value.problems
    assert p.record_id == "RI-03.baseline_senior" and "taken from the baseline" in p.message
    assert "valdoria-ministry-of-labour-2024" in p.message and "cell D" in p.message
    assert st.find_assessment(demo_store, st.SYSTEM, ML25).version == before.version
