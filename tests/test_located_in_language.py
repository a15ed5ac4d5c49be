"""Where a problem of an uploaded file is, and what is wrong with a workbook that cannot be
read, said in the reader's language: a form export's places (sheet, row, column), the
matching of its submissions to assessments, and the workbook reader's refusals are message
codes with params, rendered by the command line (``--lang``) and the app (the language
picker)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from typer.testing import CliRunner

import seal_engine.store as st
from seal_engine import SubmissionError
from seal_engine.cli import app
from seal_engine.messages import render_message

from .test_forms_submissions import ORIGINAL, kobo_xlsx

#: how each language names a sheet and a row, and says the workbook cannot be read
WORDS = {
    "es": {"sheet": "hoja", "row": "fila", "column": "columna", "twice": "dos veces",
           "xml": "no es XML bien formado", "other": "este envío es de la institución"},
    "fr": {"sheet": "feuille", "row": "ligne", "column": "colonne", "twice": "deux fois",
           "xml": "n'est pas du XML bien formé", "other": "cette soumission concerne "
                                                           "l'institution"},
    "pt": {"sheet": "folha", "row": "linha", "column": "coluna", "twice": "duas vezes",
           "xml": "não é um XML bem formado", "other": "esta submissão é da instituição"},
}
SHEET = "'Gender Equality Seal for Publi'"


def _run(store, lang: str, path, *args: str):
    env = {"SEAL_DATABASE_URL": store.url, "COLUMNS": "250", "SEAL_LANG": "", "LC_ALL": "",
           "LANG": ""}
    r = CliRunner().invoke(app, ["--lang", lang, "submissions", "import", str(path), *args],
                           env=env)
    return r, re.sub("[\u00a0\u202f]", " ", r.output)


def test_a_place_is_a_message_with_its_sheet_row_and_column(demo_store):
    data = kobo_xlsx([ORIGINAL, ORIGINAL], {})
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(demo_store, st.SYSTEM, data, "kobo.xlsx")
    (p,) = [p for p in e.value.problems if p.text.code == "forms.twice"]
    where = p.text.params["where"]
    assert where.code == "forms.in_file" and where.params["file"] == "kobo.xlsx"
    place = where.params["place"]
    assert place.code == "forms.at.sheet_row" and place.params == {"sheet": SHEET, "row": 2}
    assert p.line == 3 and p.field == SHEET
    assert str(where) == f"kobo.xlsx, sheet {SHEET}, row 2"


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_an_export_says_where_in_the_language(demo_store, lang, tmp_path):
    w = WORDS[lang]
    path = tmp_path / "kobo.xlsx"
    # the same submission twice: the second names the first's place
    path.write_bytes(kobo_xlsx([ORIGINAL, ORIGINAL], {}))
    r, out = _run(demo_store, lang, path)
    assert r.exit_code == 1, out
    assert w["twice"] in out and f"{w['sheet']} {SHEET}, {w['row']} 2" in out, out
    assert "sheet '" not in out and ", row " not in out
    # a submission for another assessment's institution
    path.write_bytes(kobo_xlsx([ORIGINAL], {}))
    labour = st.find_assessment(demo_store, st.SYSTEM, "valdoria-ministry-of-labour-2025")
    r, out = _run(demo_store, lang, path, "--assessment", labour.id)
    assert r.exit_code == 1 and w["other"] in out, out
    assert "this submission" not in out
    # a preview names where each changed answer is read
    r, out = _run(demo_store, lang, path, "--dry-run")
    assert r.exit_code == 0, out
    shown = re.findall(r"\[([^\]]+)\]", out)
    assert shown and all(s.startswith(f"{w['sheet']} {SHEET}, {w['row']} 2, {w['column']} ")
                         for s in shown), out


def _broken_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook><sheets>")
        z.writestr("xl/_rels/workbook.xml.rels", "<Relationships/>")
        z.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_a_workbook_that_cannot_be_read_is_refused_in_the_language(demo_store, lang, tmp_path):
    with pytest.raises(SubmissionError) as e:
        st.preview_form_import(demo_store, st.SYSTEM, _broken_workbook(), "broken.xlsx")
    (p,) = e.value.problems
    assert p.text.code == "xlsx.bad_xml" and p.text.params["part"] == "'xl/workbook.xml'"
    assert "not well-formed XML" in p.message
    path = tmp_path / "broken.xlsx"
    path.write_bytes(_broken_workbook())
    r, out = _run(demo_store, lang, path)
    assert r.exit_code == 1
    assert "broken.xlsx" in out and WORDS[lang]["xml"] in out, out
    assert "well-formed" not in out


def test_every_workbook_refusal_is_translated():
    from seal_engine.messages import MESSAGES, say

    codes = [c for c in MESSAGES if c.startswith("xlsx.")]
    assert len(codes) >= 15
    for code in codes:
        params = {f: "x" for f in re.findall(r"{(\w+)", str(MESSAGES[code]))}
        english = render_message(say(code, **params))
        for lang in WORDS:
            assert render_message(say(code, **params), lang=lang) != english, (code, lang)


def test_the_app_says_where_each_answer_is_read_in_the_language(app_db):
    from .appkit import ML25, no_failure, open_app
    from .test_forms_app import _upload, _workbook

    at = open_app("focal_point", "assessment", a=ML25, d="LC")
    at.selectbox(key="_lang_picker").set_value("es").run()
    no_failure(at)
    from .appkit import assessment, store

    before = st.get_assessment(store(), st.SYSTEM, assessment(ML25).id)
    _upload(at, "offline.xlsx", _workbook({"LC-04.reviews": before.answers["LC-04.reviews"]
                                           .value + 2}))
    no_failure(at)
    table = at.table[0].value
    where = table.iloc[0, -1]
    assert re.match(r"hoja '1 [^']+', fila \d+, celda D\d+$", where), where
