"""seal xlsform: the questionnaire as an XLSForm that pyxform converts, with every question
type, the groups, repeats, constraints, required and relevant, labels in every language and
the standard's id and version."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from pyxform.xls2xform import convert
from typer.testing import CliRunner

import seal_engine as se
from seal_engine.cli import app
from seal_engine.forms import form_layout, xlsform_bytes, xlsform_sheets
from seal_engine.forms.xlsform import check_xlsform, relevant

STANDARDS = ["undp-seal-public-institutions", "seal-starter", "undp-seal-private-enterprises",
             "public-service-adaptation-lpdr"]
NS = {"h": "http://www.w3.org/1999/xhtml", "x": "http://www.w3.org/2002/xforms",
      "jr": "http://openrosa.org/javarosa"}


def _java() -> bool:
    """ODK Validate (bundled with pyxform) runs on Java: the check that ODK Collect accepts the
    form.  CI installs it (.ci/run); without it the test fails saying so, it does not pass
    unchecked."""
    assert shutil.which("java"), ("ODK Validate needs Java: apt-get install "
                                  "default-jre-headless")
    return True


@pytest.fixture(scope="module")
def public():
    return se.standard_from("undp-seal-public-institutions")


@pytest.mark.parametrize("sid", STANDARDS, ids=STANDARDS)
def test_every_bundled_standard_converts(sid, tmp_path):
    s = se.standard_from(sid)
    path = tmp_path / "form.xlsx"
    path.write_bytes(xlsform_bytes(s, validate=_java()))  # and ODK Validate's check
    result = convert(xlsform=str(path))  # the written workbook, read back by pyxform
    root = ET.fromstring(result.xform)
    data = root.find("h:head/x:model/x:instance/*", NS)
    assert data.get("id") == s.id and data.get("version") == str(s.version)
    # every question of the standard is a field of the form
    xml = result.xform
    for q in s.questions().values():
        assert f'nodeset="/{data.tag.split("}")[-1]}/' in xml
        assert f"/{q.id}\"" in xml, q.id


def test_sheets_and_settings(public, tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_bytes(xlsform_bytes(public))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["survey", "choices", "settings"]
    settings = dict(zip((c.value for c in wb["settings"][1]), (c.value for c in wb["settings"][2]),
                        strict=True))
    assert settings["form_id"] == "undp-seal-public-institutions"
    assert settings["version"] == "3"
    assert settings["default_language"] == "English (en)"
    header = [c.value for c in wb["survey"][1]]
    assert {"type", "name", "label::English (en)", "hint::English (en)", "required",
            "constraint", "relevant"} <= set(header)
    assert public.translations  # the standard's translation files: a label column for each
    for lang in public.translations:
        assert [h for h in header if h.startswith("label::") and h.endswith(f"({lang})")]
    assert "label::Español (es)" in header and "hint::Français (fr)" in header


def test_groups_repeats_and_types(public):
    sheets = xlsform_sheets(public)
    survey = sheets["survey"]
    by_name = {r["name"]: r for r in survey
               if "name" in r and not r["type"].startswith("end_")}
    begins = [r["name"] for r in survey if r["type"] == "begin_group"]
    assert [d.id for d in public.dimensions] == [b for b in begins if b in
                                                 {d.id for d in public.dimensions}]
    assert {b.id for b in public.benchmarks() if b.questions} <= set(begins)
    # the groups nest: dimension > benchmark > question
    stack = []
    parents = {}
    for r in survey:
        if r["type"] in ("begin_group", "begin_repeat"):
            stack.append(r["name"])
        elif r["type"] in ("end_group", "end_repeat"):
            assert stack.pop() == r["name"]
        else:
            parents[r["name"]] = tuple(stack)
    assert parents["LC-01.policy"] == ("LC", "LC-01")
    assert parents["GA-04.sessions.participants"] == ("GA", "GA-04", "GA-04.sessions")
    # every type
    assert by_name["LC-01.policy"]["type"] == "select_one yes_no"
    assert by_name["GA-04.sessions"]["type"] == "begin_repeat"
    multi = next(q for q in public.questions().values() if q.type.value == "multiple_choice")
    assert by_name[multi.id]["type"].startswith("select_multiple ")
    pct = next(q for q in public.questions().values()
               if q.type.value == "percent" and q.min is None and q.max is None)
    assert by_name[pct.id]["type"] == "decimal"
    assert by_name[pct.id]["constraint"] == ". >= 0 and . <= 100"
    integer = next(q for q in public.questions().values()
                   if q.type.value == "integer" and q.min is not None)
    assert by_name[integer.id]["type"] == "integer"
    assert by_name[integer.id]["constraint"].startswith(f". >= {integer.min:g}")
    date = next(q for q in public.questions().values() if q.type.value == "date")
    assert by_name[date.id]["type"] == "date"
    text = next(q for q in public.questions().values() if q.type.value == "text")
    assert by_name[text.id]["constraint"] == f"string-length(.) <= {text.text_limit}"
    # required where the standard says so
    assert by_name["LC-01.policy"]["required"] == "yes"
    assert "required" not in by_name["LC-01.approved_on"]
    # choices: every list the survey names is on the choices sheet with its values
    lists = {}
    for c in sheets["choices"]:
        lists.setdefault(c["list_name"], []).append(c["name"])
    assert lists["yes_no"] == ["yes", "no"]
    assert lists[by_name[multi.id]["type"].split()[1]] == [
        c.value for c in public.question_choices(multi)]
    # the hidden field naming the standard
    assert by_name["seal_standard"]["calculation"] == "'undp-seal-public-institutions@3'"


def test_relevant_from_asked_when(public):
    rows = {r["name"]: r for r in xlsform_sheets(public)["survey"] if "name" in r}
    asked = [q for q in public.questions().values() if q.asked_when]
    assert asked
    for q in asked:
        assert rows[q.id]["relevant"] == relevant(q.asked_when, public)
    assert relevant("answer('WE-16.survey')", public) == "${WE-16.survey} = 'yes'"
    assert relevant("not answer('WE-16.survey')", public) == "not(${WE-16.survey} = 'yes')"
    assert relevant("answer('GA-01.meetings') >= 4 and answer('WE-16.survey')", public) == \
        "(${GA-01.meetings} >= 4) and (${WE-16.survey} = 'yes')"
    assert relevant("answer('GA-02.time_share') >= 0.2", public) == "${GA-02.time_share} >= 20"
    assert relevant("'planning' in answer('GA-01.units')", public) == \
        "selected(${GA-01.units}, 'planning')"
    # rules with no XLSForm equivalent: the question is always shown
    assert relevant("metric('women_share') > 0.4", public) is None
    assert relevant("answer('GA-04.sessions')", public) is None  # a table
    # and pyxform reads every relevant it is given
    check_xlsform(xlsform_sheets(public))


def test_labels_and_hints_in_every_language(tmp_path):
    s = se.standard_from("seal-starter")
    q = next(iter(s.questions().values()))
    d = s.model_dump()
    d["translations"] = {
        "es": {q.id: {"text": "¿En qué punto está la política de igualdad de género?",
                      "help": "Indique la etapa en que se encuentra."},
               s.dimensions[0].id: {"title": "Liderazgo y compromiso"}},
        "fr": {q.id: {"text": "Où en est la politique d'égalité de genre ?"}},
    }
    t = se.Standard.model_validate(d)
    sheets = xlsform_sheets(t)
    row = next(r for r in sheets["survey"] if r.get("name") == q.id)
    assert row["label::English (en)"] == q.text
    assert row["label::Español (es)"].startswith("¿En qué punto")
    assert row["hint::Español (es)"] == "Indique la etapa en que se encuentra."
    assert row["label::Français (fr)"].startswith("Où en est")
    dim = next(r for r in sheets["survey"] if r.get("name") == s.dimensions[0].id)
    assert dim["label::Español (es)"].endswith("Liderazgo y compromiso")
    yes = [c for c in sheets["choices"] if c["list_name"] == "yes_no"]
    assert yes[0]["label::Español (es)"] == "Sí" and yes[0]["label::Français (fr)"] == "Oui"
    path = tmp_path / "form.xlsx"
    path.write_bytes(xlsform_bytes(t))
    xform = convert(xlsform=str(path)).xform
    langs = re.findall(r'<translation (?:default="true\(\)" )?lang="([^"]+)"', xform)
    assert sorted(langs) == ["English (en)", "Español (es)", "Français (fr)"]
    assert "¿En qué punto" in xform and "Où en est" in xform


def test_a_label_starting_with_equals_stays_text(tmp_path):
    s = se.standard_from("seal-starter")
    d = s.model_dump()
    d["dimensions"][0]["benchmarks"][0]["questions"][0]["text"] = "=1+1 is not a formula"
    t = se.Standard.model_validate(d)
    path = tmp_path / "form.xlsx"
    path.write_bytes(xlsform_bytes(t))
    ws = openpyxl.load_workbook(path)["survey"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == "=1+1 is not a formula"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_layout_names_are_unique_and_match_the_form(public):
    layout = form_layout(public)
    names = [f.name for f in layout.fields] + [f.name for r in layout.repeats for f in r.fields]
    assert len(names) == len(set(names))
    survey = {r["name"] for r in xlsform_sheets(public)["survey"] if "name" in r}
    assert set(names) <= survey


def test_cli_writes_the_form(tmp_path):
    out = tmp_path / "seal-form.xlsx"
    r = CliRunner().invoke(app, ["xlsform", "seal-starter", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "the form of seal-starter v2" in r.output
    convert(xlsform=str(out))
    again = CliRunner().invoke(app, ["xlsform", "seal-starter", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    bad = CliRunner().invoke(app, ["xlsform", "no-such-standard", "-o", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 2 and "no-such-standard" in bad.output


def test_missing_pyxform_names_the_extra(monkeypatch, public):
    import sys

    monkeypatch.setitem(sys.modules, "pyxform.xls2xform", None)
    with pytest.raises(ImportError, match=r"pip install 'seal-engine\[forms\]'"):
        check_xlsform(xlsform_sheets(public))


def test_a_stored_standard_gets_the_languages_of_its_translation_files(demo_store):
    import seal_engine.store as st

    stored = st.get_standard(demo_store, "undp-seal-public-institutions", 3)
    header = {k for r in xlsform_sheets(stored)["survey"] for k in r}
    assert {"label::English (en)", "label::Español (es)", "label::Français (fr)",
            "label::Português (pt)"} <= header
