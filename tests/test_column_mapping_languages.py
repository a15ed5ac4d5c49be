"""A column mapping's problems (two columns on one field, a field the workforce file does not
have, codes for an unknown field) are message codes with params, said in the reader's language
by the app's mapping step, the command line (``--lang``) and the API (``Accept-Language``)."""

from __future__ import annotations

import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from typer.testing import CliRunner

from seal_engine import WorkforceError, mapping_from_data
from seal_engine.api import api_routes
from seal_engine.cli import app
from seal_engine.messages import render_message
from seal_engine.workforce.mapping import ColumnMapping, mapping_from_text

#: what each language says of two columns on one field, and of an unknown field
WORDS = {"es": ("corresponden ambas a", "no es un campo del archivo de datos del personal"),
         "fr": ("correspondent toutes deux à", "n'est pas un champ du fichier de données"),
         "pt": ("correspondem ambas a", "não é um campo do ficheiro de dados do pessoal")}
TWO = {"columns": {"gender": "sex", "sex_code": "sex"}}


def _plain(text: str) -> str:
    return re.sub("[\u00a0\u202f]", " ", text)


def test_a_mappings_problems_are_codes_with_params():
    with pytest.raises(WorkforceError) as e:
        mapping_from_data(TWO)
    (p,) = e.value.problems
    assert p.field == "columns" and p.text.code == "mapping.same_field"
    assert p.text.params == {"column": "'sex_code'", "other": "'gender'", "field": "'sex'"}
    assert p.message == ("'sex_code' and 'gender' are both mapped to 'sex'; map one column to "
                         "each field")
    with pytest.raises(WorkforceError) as e:
        mapping_from_data({"columns": {"Sexo": "sexo"}, "values": {"genre": {"1": "male"}}})
    codes = {p.field: p.text.code for p in e.value.problems}
    assert codes == {"columns": "mapping.unknown_field", "values": "mapping.values_unknown_field"}
    unknown = next(p for p in e.value.problems if p.field == "columns")
    assert "did you mean 'sex'" in unknown.message
    assert "¿quiso decir 'sex'?" in render_message(unknown.text, lang="es")
    with pytest.raises(WorkforceError) as e:
        mapping_from_data({"columns": {"": "sex"}})
    assert e.value.problems[0].text.code == "mapping.empty_column"
    with pytest.raises(WorkforceError) as e:
        mapping_from_data({"columns": {"Gender": "sex", "gender ": None}})
    assert e.value.problems[0].text.code == "mapping.column_twice"
    # the model itself still refuses, in English, for code that builds one directly
    with pytest.raises(ValueError, match="both mapped to 'sex'"):
        ColumnMapping(columns={"a": "sex", "b": "sex"})
    with pytest.raises(WorkforceError) as e:
        mapping_from_text("- a list\n", "m.yaml")
    assert e.value.problems[0].text.code == "mapping.not_a_mapping"


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_the_cli_says_a_mapping_files_problems_in_the_language(lang, demo_store, tmp_path):
    env = {"SEAL_DATABASE_URL": demo_store.url, "SEAL_LANG": lang, "LC_ALL": "", "LANG": "",
           "COLUMNS": "250"}
    both, unknown = WORDS[lang]
    path = tmp_path / "hr-columns.yaml"
    path.write_text("columns:\n  gender: sex\n  grade: grado\n", "utf-8")
    r = CliRunner().invoke(app, ["staff", "mapping", "set", "VAL-MLSP", str(path)], env=env)
    out = _plain(r.output)
    assert r.exit_code == 1 and f"{path}:3:3: columns.grade: 'grado'" in out, out
    assert unknown in out and "is not a field" not in out, out
    path.write_text("columns:\n  gender: sex\n  sex_code: sex\n", "utf-8")
    r = CliRunner().invoke(app, ["staff", "mapping", "set", "VAL-MLSP", str(path)], env=env)
    out = _plain(r.output)
    assert r.exit_code == 1 and f"{path}:1:1: columns: 'sex_code'" in out, out
    assert both in out and "both mapped" not in out, out


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_the_api_says_a_mappings_problems_in_the_language(lang, demo_store):
    import seal_engine.store as st

    client = TestClient(Starlette(routes=api_routes(lambda: demo_store)))
    token, _info = st.create_token(demo_store, st.SYSTEM, "focal@demo.seal", "test")
    url = "/api/v1/institutions/VAL-MLSP/column-mapping"
    body = {"mapping": TWO, "expected_version": 0}
    headers = {"Authorization": f"Bearer {token}"}
    en = client.put(url, json=body, headers=headers)
    other = client.put(url, json=body, headers={**headers, "Accept-Language": lang})
    assert en.status_code == other.status_code == 422, other.text
    assert other.headers["content-language"] == lang
    (p,) = other.json()["problems"]
    assert p["code"] == "mapping.same_field" and p["field"] == "mapping.columns"
    assert WORDS[lang][0] in _plain(p["message"])
    assert en.json()["problems"][0]["message"].startswith("'sex_code' and 'gender' are both")


def test_the_apps_mapping_step_says_a_mappings_problem_in_the_language(app_db):
    from seal_engine.app import i18n

    from .appkit import ML25, assessment, no_failure, open_app
    from .test_column_mapping import EXPORT

    aid = assessment(ML25).id
    at = open_app("focal_point")  # the language chosen first, then the page
    at.selectbox(key="_lang_picker").set_value("es").run()
    # AppTest formats each widget's value with its format_func in this thread, outside the
    # script run: the page's language is kept here too, so values match their labels
    kept = i18n._KEPT.set(["es", i18n._translations("es")])
    try:
        at.switch_page("views/assessment.py")
        at.query_params["a"], at.query_params["d"] = ML25, "_staff"
        at.run()
        at.file_uploader(key=f"wfu:{aid}").set_value(("hr-export.csv", EXPORT, "text/csv"))
        next(b for b in at.button if b.label == "Verificar y subir").click().run()
        no_failure(at)
        boxes = {s.label: s for s in at.selectbox if s.key and s.key.startswith("_wf_col:")}
        boxes["grade"].set_value("sex").run()
    finally:
        i18n._KEPT.reset(kept)
    shown = [_plain(e.value) for e in at.error]
    assert any("corresponden ambas a 'sex'" in e for e in shown), shown
    assert not any("both mapped" in e for e in shown)
