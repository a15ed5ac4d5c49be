"""Staff data in the HR system's own shape: the column mapping (units, codes, columns left out,
line numbers of the export kept), its file format with located problems, the store's versions
and audit, the CLI (seal staff, seal metrics --columns) and the app's mapping step."""

from __future__ import annotations

import io

import pytest
from typer.testing import CliRunner

import seal_engine.store as st
from seal_engine import parse_workforce
from seal_engine.errors import WorkforceError
from seal_engine.workforce.mapping import (
    ColumnMapping,
    apply_mapping,
    check_header,
    mapping_from_text,
    mapping_note,
)

from .appkit import ML25, assessment, open_app, store
from .conftest import assessment_id

EXPORT = (b"emp_no,full_name,gender,grade,weekly_hours,base_salary,bonus_paid\n"
          b"1,Ana,2,senior,40,5000,100\n2,Ben,1,senior,40,5200,0\n"
          b"3,Cid,2,manager,20,2000,50\n4,Dee,1,manager,40,4100,0\n"
          b"5,Eve,2,support,38,2500,0\n6,Fay,1,support,40,2600,0\n")
MAPPING = ColumnMapping(
    columns={"emp_no": "person_id", "full_name": None, "gender": "sex",
             "Weekly Hours": "hours", "base_salary": "basic_pay",
             "bonus_paid": "complementary_pay"},
    hours="per_week", pay="monthly", values={"sex": {"1": "male", "2": "female"}})


def test_mapping_renames_converts_and_leaves_out():
    out = apply_mapping(EXPORT, "hr.csv", MAPPING, version=3)
    lines = out.decode().splitlines()
    assert lines[0] == "person_id,sex,grade,hours,basic_pay,complementary_pay"
    assert lines[1] == "1,female,senior,2080,60000,1200"  # 40 h x 52, 5000 x 12, 100 x 12
    assert lines[3] == "3,female,manager,1040,24000,600"
    assert "Ana" not in out.decode()
    data = parse_workforce(out, "hr.csv")
    assert data.shape == "per_person"
    version, used = mapping_note(out)
    assert version == 3 and used == MAPPING
    assert mapping_note(EXPORT) is None


def test_hours_a_month_and_annual_pay_pass_as_they_are():
    m = ColumnMapping(columns={"weekly_hours": "hours"}, hours="per_month")
    out = apply_mapping(b"person_id,sex,weekly_hours,pay\n1,f,160,30000\n", "x.csv", m)
    assert out.decode().splitlines()[1] == "1,f,1920,30000"


def test_a_bad_cell_is_located_at_the_exports_line_and_column():
    bad = EXPORT.replace(b"3,Cid,2,manager,20,2000", b"3,Cid,2,manager,20,lots")
    with pytest.raises(WorkforceError) as e:
        parse_workforce(apply_mapping(bad, "hr.csv", MAPPING), "hr.csv")
    assert [(p.line, p.column) for p in e.value.problems] == [(4, 5)]
    assert "lots" in e.value.problems[0].message


def test_an_xlsx_export_keeps_its_row_numbers():
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, line in enumerate(EXPORT.decode().splitlines(), start=3):  # rows 1-2 left empty
        for c, cell in enumerate(line.split(","), start=1):
            ws.cell(row=r, column=c).value = int(cell) if cell.isdigit() else cell
    ws.cell(row=6, column=6).value = "n/a"  # Cid's base salary
    buf = io.BytesIO()
    wb.save(buf)
    mapped = apply_mapping(buf.getvalue(), "hr.xlsx", MAPPING)
    with pytest.raises(WorkforceError) as e:
        parse_workforce(mapped, "hr.xlsx (columns mapped)")
    assert [(p.line, p.column) for p in e.value.problems] == [(6, 5)], e.value.problems


def test_header_check_and_suggestions():
    found = check_header(EXPORT, "hr.csv")
    assert found.unknown == ["emp_no", "full_name", "weekly_hours", "base_salary", "bonus_paid"]
    s = found.suggested
    assert s.columns["emp_no"] == "person_id" and s.columns["weekly_hours"] == "hours"
    assert s.columns["base_salary"] == "basic_pay"
    assert s.columns["bonus_paid"] == "complementary_pay"
    assert s.columns["full_name"] is None and s.hours == "per_week"
    assert check_header(EXPORT, "hr.csv", MAPPING).unknown == []


def test_mapping_files_are_checked_with_located_problems():
    m = mapping_from_text("columns:\n  emp_no: person_id\n  weekly_hours: hours\n"
                          "hours: per_week\n", "hr-columns.yaml")
    assert m.columns == {"emp_no": "person_id", "weekly_hours": "hours"}
    with pytest.raises(WorkforceError) as e:
        mapping_from_text("columns:\n  emp_no: person_id\n  gender: sexo\n  sex_code: sex\n"
                          "  gender2: sex\n", "hr-columns.yaml")
    first = e.value.problems[0]
    assert (first.file, first.line, first.field) == ("hr-columns.yaml", 3, "columns.gender")
    assert "did you mean 'sex'" in first.message
    with pytest.raises(WorkforceError) as e:
        mapping_from_text("columns: {}\npay: weekly\n", "m.yaml")
    assert e.value.problems[0].line == 2 and e.value.problems[0].field == "pay"
    with pytest.raises(ValueError, match="both mapped to 'sex'"):
        ColumnMapping(columns={"a": "sex", "b": "sex"})


def test_the_mapping_files_json_schema_takes_what_the_reader_takes():
    import json

    import jsonschema
    import yaml

    from .conftest import ROOT

    schema = json.loads((ROOT / "schemas" / "column-mapping.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = (ROOT / "docs" / "workforce.md").read_text("utf-8")
    example = doc.split("# hr-columns.yaml\n", 1)[1].split("```", 1)[0]
    data = yaml.safe_load(example)
    jsonschema.validate(data, schema)  # the documented example
    assert mapping_from_text(example, "hr-columns.yaml").columns["gender"] == "sex"
    for bad in ({"columns": {"gender": "sexo"}}, {"pay": "weekly"},
                {"values": {"gender": {"1": "male"}}}, {"colums": {}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
        with pytest.raises(WorkforceError):
            mapping_from_text(json.dumps(bad), "m.json")


def test_the_store_keeps_every_version_audited(demo_store):
    focal = st.authenticate(demo_store, "focal@demo.seal", "demo-focal-password")
    assert st.get_column_mapping(demo_store, focal, "VAL-MLSP") is None
    assert st.save_column_mapping(demo_store, focal, "VAL-MLSP", MAPPING, 0) == 1
    assert st.save_column_mapping(demo_store, focal, "VAL-MLSP", MAPPING, 1) == 1  # the same
    other = MAPPING.model_copy(update={"pay": "annual"})
    assert st.save_column_mapping(demo_store, focal, "VAL-MLSP", other, 1) == 2
    with pytest.raises(st.StaleWriteError):
        st.save_column_mapping(demo_store, focal, "VAL-MLSP", MAPPING, 1)
    history = st.list_column_mappings(demo_store, focal, "VAL-MLSP")
    assert [h.version for h in history] == [2, 1]
    assert history[1].mapping == MAPPING and history[0].mapping.pay == "annual"
    entries = [e for e in st.list_audit(demo_store, st.SYSTEM)
               if e.action == "institution.column_mapping"]
    assert sorted(e.payload["version"] for e in entries) == [1, 2]
    # the audit verifies with the mapping rows sealed
    report = st.verify_audit(demo_store)
    assert report.ok, report.findings


def test_upload_staff_data_auto_saved_none_and_idempotent(demo_store):
    focal = st.authenticate(demo_store, "focal@demo.seal", "demo-focal-password")
    aid = assessment_id(demo_store, ML25)
    with pytest.raises(st.StoreError, match="no saved column mapping"):
        st.upload_staff_data(demo_store, focal, aid, EXPORT, "hr.csv", mapping="saved")
    with pytest.raises(WorkforceError):  # auto without a saved mapping: the file as it is
        st.upload_staff_data(demo_store, focal, aid, EXPORT, "hr.csv")
    st.save_column_mapping(demo_store, focal, "VAL-MLSP", MAPPING, 0)
    done = st.upload_staff_data(demo_store, focal, aid, EXPORT, "hr.csv")
    assert done.changed and done.mapping_version == 1
    again = st.upload_staff_data(demo_store, focal, aid, EXPORT, "hr.csv")
    assert not again.changed and again.version == done.version
    # a file in the staff data file's own columns goes as it is, even with a mapping saved
    plain = b"person_id,sex,grade\n1,female,senior\n2,male,senior\n"
    done = st.upload_staff_data(demo_store, focal, aid, plain, "plain.csv")
    assert done.changed and done.mapping_version is None
    assert st.workforce_content(demo_store, focal, aid) == ("plain.csv", plain)
    assert st.staff_data_mapping(demo_store, focal, aid) is None


def _cli(args, db_url, monkeypatch):
    from seal_engine.cli import app

    monkeypatch.setenv("SEAL_DATABASE_URL", db_url)
    return CliRunner().invoke(app, args)


def test_cli_staff_mapping_and_upload(demo_store, tmp_path, monkeypatch):
    export = tmp_path / "hr-export.csv"
    export.write_bytes(EXPORT)
    r = _cli(["staff", "mapping", "suggest", str(export)], demo_store.url, monkeypatch)
    assert r.exit_code == 0, r.output
    suggested = mapping_from_text(r.output, "suggested.yaml")
    assert suggested.columns["weekly_hours"] == "hours"
    mapping = tmp_path / "hr-columns.yaml"
    mapping.write_text("columns:\n  emp_no: person_id\n  full_name: null\n  gender: sex\n"
                       "  weekly_hours: hours\n  base_salary: basic_pay\n"
                       "  bonus_paid: complementary_pay\nhours: per_week\npay: monthly\n"
                       "values:\n  sex: {'1': male, '2': female}\n", encoding="utf-8")
    r = _cli(["staff", "mapping", "set", "VAL-MLSP", str(mapping)], demo_store.url, monkeypatch)
    assert r.exit_code == 0 and "version 1" in r.output, r.output
    r = _cli(["staff", "mapping", "show", "VAL-MLSP"], demo_store.url, monkeypatch)
    assert "weekly_hours: hours" in r.output and "# version 1" in r.output
    r = _cli(["staff", "upload", ML25, str(export)], demo_store.url, monkeypatch)
    assert r.exit_code == 0 and "version 1" in r.output, r.output
    r = _cli(["staff", "upload", ML25, str(export)], demo_store.url, monkeypatch)
    assert r.exit_code == 0 and "nothing changed" in r.output
    r = _cli(["staff", "upload", ML25, str(export), "--as-is"], demo_store.url, monkeypatch)
    assert r.exit_code == 1 and "hr-export.csv:1" in r.output
    r = _cli(["metrics", str(export), "--columns", str(mapping), "-f", "json"],
             demo_store.url, monkeypatch)
    assert r.exit_code == 0, r.output
    assert '"headcount": 6' in r.output.replace("\n", " ").replace("  ", " ") or \
        "6" in r.output


def test_the_apps_mapping_step(app_db):
    aid = assessment(ML25).id
    at = open_app("focal_point", "assessment", a=ML25, d="_staff")
    at.file_uploader(key=f"wfu:{aid}").set_value(("hr-export.csv", EXPORT, "text/csv"))
    [b for b in at.button if b.label == "Check and upload"][0].click().run()
    assert not at.exception
    assert any("are not those of the staff data file" in w.value for w in at.warning)
    # the guesses, shown as choices; the preview as the importer will read it
    boxes = {s.label: s for s in at.selectbox if s.label in
             ("emp_no", "full_name", "gender", "grade", "weekly_hours", "base_salary",
              "bonus_paid")}
    assert boxes["emp_no"].value == "person_id" and boxes["weekly_hours"].value == "hours"
    assert boxes["gender"].value == "sex"
    preview = at.dataframe[0].value
    assert list(preview.columns)[:2] == ["person_id", "sex"]
    assert str(preview.iloc[0]["hours"]) == "2080"  # 40 hours a week, as a year
    [r for r in at.radio if r.label == "The pay columns are"][0].set_value("monthly").run()
    assert str(at.dataframe[0].value.iloc[0]["basic_pay"]) == "60000"
    # codes 1 and 2 are not sex codes the importer knows: asked for; left unsaid, the upload
    # names them and keeps nothing
    codes = {s.label: s for s in at.selectbox if s.label.startswith("Code ")}
    assert set(codes) == {"Code 1", "Code 2"}
    [b for b in at.button if b.label == "Save the mapping and upload"][0].click().run()
    assert any("was not uploaded" in e.value for e in at.error)
    saved = st.get_column_mapping(store(), st.SYSTEM, "VAL-MLSP")
    assert saved.version == 1 and saved.mapping.columns["base_salary"] == "basic_pay"
    assert saved.mapping.pay == "monthly" and saved.mapping.hours == "per_week"
    # said once, they are kept with the mapping and the file goes through
    codes = {s.label: s for s in at.selectbox if s.label.startswith("Code ")}
    codes["Code 1"].set_value("male")
    codes["Code 2"].set_value("female").run()
    [b for b in at.button if b.label == "Save the mapping and upload"][0].click().run()
    assert not at.exception and not at.error
    saved = st.get_column_mapping(store(), st.SYSTEM, "VAL-MLSP")
    assert saved.version == 2 and saved.mapping.values == {"sex": {"1": "male", "2": "female"}}
    assert st.get_assessment(store(), st.SYSTEM, aid).workforce.name == "hr-export.csv"
    # an export with the sex written out goes through with the saved mapping, no step
    words = EXPORT.replace(b",2,", b",female,").replace(b",1,", b",male,")
    at = open_app("focal_point", "assessment", a=ML25, d="_staff")
    at.file_uploader(key=f"wfu:{aid}").set_value(("hr-export.csv", words, "text/csv"))
    [b for b in at.button if b.label == "Check and upload"][0].click().run()
    assert not at.exception and not at.error
    info = st.get_assessment(store(), st.SYSTEM, aid)
    assert info.workforce.name == "hr-export.csv"
    shown = [c.value.replace("\\", "") for c in at.caption]
    line = next(c for c in shown if "mapped from the HR system's export" in c)
    assert "version 2" in line and "weekly_hours → hours (hours a week)" in line
    assert "codes of sex: 1 = male, 2 = female" in line
    assert "base_salary → basic_pay (monthly pay)" in line and "left out: full_name" in line
    # the assessor sees the same line on the Review page, once the review is under way
    from .appkit import actor

    st.submit_assessment(store(), actor("focal_point"), aid, assessment(ML25).version)
    st.start_review(store(), actor("assessor"), aid, assessment(ML25).version)
    review = open_app("assessor", "review", a=ML25)
    assert not review.exception
    assert line in [c.value.replace("\\", "") for c in review.caption]
