"""The workforce file format: importing, checking, templates and scoring with workforce data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine
from seal_engine import load_workforce_for
from seal_engine.cli import app
from seal_engine.errors import WorkforceError
from seal_engine.rules import Missing
from seal_engine.workforce import (
    AGGREGATED_COLUMNS,
    DEFAULT_GRADES,
    PERSON_COLUMNS,
    TEMPLATE_COLUMNS,
    load_workforce,
    workforce_template,
    write_workforce_template,
)

FIXTURES = Path(__file__).parent / "fixtures" / "workforce"
DOCS = Path(__file__).parent.parent / "docs" / "workforce.md"

AGG_HEADER = "sex,grade,headcount,eligible_for_promotion,promoted,exits\n"


def write(tmp_path: Path, text: str, name: str = "w.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, **kw) -> list[str]:
    with pytest.raises(WorkforceError) as e:
        load_workforce(path, **kw)
    return [str(p) for p in e.value.problems]


# ------------------------------------------------------------------------------- reading


def test_aggregated_file_loads():
    data = load_workforce(FIXTURES / "basic.csv")
    assert data.shape == "aggregated"
    assert data.grades == DEFAULT_GRADES
    assert data.year == 2025
    assert data.breakdowns == ("grade", "location")
    assert data.rows == 9
    assert data.metric("headcount") == 1005
    assert data.metric("women") == 440
    assert data.metric("men") == 560
    assert data.values("grade") == ["support", "professional", "manager", "senior"]
    assert data.values("location") == ["North", "South"]
    assert data.values("unit") == []


def test_per_person_file_loads():
    data = load_workforce(FIXTURES / "people.csv")
    assert data.shape == "per_person"
    assert data.rows == 127  # 102 staff + 25 applicant rows
    assert data.metric("headcount") == 86  # staff not exited
    assert len(data.people) == 86
    assert "applicants" in data.reported


def test_sex_codes_are_case_insensitive_and_other_is_counted_apart(tmp_path):
    path = write(tmp_path, "sex,headcount\nF,1\nfemale,2\nWOMAN,3\nw,4\nM,10\nMan,1\nmale,1\n"
                           "men,1\nUndisclosed,7\nother,1\nX,1\n")
    data = load_workforce(path)
    assert data.metric("women") == 10
    assert data.metric("men") == 13
    assert data.metric("headcount") == 32  # 9 other or undisclosed counted
    assert data.metric("women_share") == pytest.approx(10 / 23)  # ...but not in the share


def test_grade_order_from_header_line(tmp_path):
    path = write(tmp_path, "# grades: G1, G2, D1\n# year: 2024\nsex,grade,headcount\n"
                           "female,d1,3\nmale,G1,4\n")
    data = load_workforce(path)
    assert data.grades == ("G1", "G2", "D1")
    assert data.year == 2024
    assert data.values("grade") == ["G1", "D1"]  # canonical spelling, entry to top
    assert data.metric("women_share", (("grade", "d1"),)) == 1.0


def test_grades_argument_overrides_header(tmp_path):
    path = write(tmp_path, "# grades: a, b\nsex,grade,headcount\nfemale,P1,3\nmale,P2,4\n")
    data = load_workforce(path, grades=["P1", "P2"])
    assert data.grades == ("P1", "P2")


def test_semicolon_separated_csv_with_bom(tmp_path):
    path = tmp_path / "w.csv"
    path.write_bytes("\ufeffsex;grade;headcount\nfemale;senior;3\nmale;senior;7\n".encode())
    assert load_workforce(path).metric("women_share", (("grade", "senior"),)) == 0.3


def test_free_text_breakdowns_match_case_insensitively(tmp_path):
    path = write(tmp_path, "sex,location,headcount\nfemale,Head Office,3\nmale,head office,7\n")
    data = load_workforce(path)
    assert data.values("location") == ["Head Office"]
    assert data.metric("women_share", (("location", "HEAD OFFICE"),)) == 0.3


def test_total_rows_are_checked_and_dropped():
    data = load_workforce(FIXTURES / "totals.csv")
    assert data.metric("headcount") == 100
    assert data.metric("women_share", (("grade", "senior"),)) == 0.25


def test_exit_reason_rows(tmp_path):
    data = load_workforce(FIXTURES / "people_aggregated.csv")
    assert {"sex": "female", "reason": "retirement", "exits": 7} in data.exit_reasons
    assert data.exit_reasons == load_workforce(FIXTURES / "people.csv").exit_reasons


def test_xlsx_import(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "workforce"
    ws.append(["# grades: junior, senior"])
    ws.append(["sex", "grade", "headcount", "pay_mean"])
    ws.append(["F", "senior", 3, 5000.5])
    ws.append(["M", "Senior", 7, 5200])
    ws.append(["Other", "junior", 2, None])
    readme = wb.create_sheet("README")
    readme.append(["not data"])
    path = tmp_path / "w.xlsx"
    wb.save(path)
    data = load_workforce(path)
    assert data.grades == ("junior", "senior")
    assert data.metric("women_share", (("grade", "senior"),)) == 0.3
    assert data.metric("headcount") == 12


def test_xlsx_errors_are_located_by_row_and_column(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["sex", "headcount"])
    ws.append(["F", 3])
    ws.append(["M", "many"])
    path = tmp_path / "w.xlsx"
    wb.save(path)
    assert problems(path) == [
        f"{path}:3:2: headcount: 'many' is not a number; write a whole number such as 12"]


def test_per_person_and_aggregated_give_the_same_figures():
    from seal_engine.workforce import METRICS

    people = load_workforce(FIXTURES / "people.csv")
    groups = load_workforce(FIXTURES / "people_aggregated.csv")
    keys = [(), (("grade", "senior"),), (("grade", "support"),), (("location", "North"),),
            (("grade", "professional"), ("location", "South"))]
    compared = 0
    for name, info in METRICS.items():
        if "median" in name or name.startswith(("basic_", "bonus_")):
            continue  # aggregated files approximate the median and have no pay components
        for key in keys:
            if any(col not in info.filters for col, _v in key):
                continue
            a, b = people.metric(name, key), groups.metric(name, key)
            if isinstance(a, Missing):
                assert isinstance(b, Missing) and a.reason == b.reason
            else:
                assert a == pytest.approx(b), (name, key)
                compared += 1
    assert compared > 60


# ------------------------------------------------------------------------------- bad data


def test_negative_count(tmp_path):
    path = write(tmp_path, AGG_HEADER + "female,senior,-3,,,\n")
    assert problems(path) == [f"{path}:2:3: headcount: -3 is negative; headcount must be 0 or more"]


def test_promoted_more_than_headcount(tmp_path):
    path = write(tmp_path, AGG_HEADER + "female,senior,10,20,12,0\n")
    assert problems(path) == [f"{path}:2:5: promoted: promoted (12) is more than headcount (10)"]


def test_promoted_more_than_eligible(tmp_path):
    path = write(tmp_path, AGG_HEADER + "male,manager,10,2,3,0\n")
    assert problems(path) == [
        f"{path}:2:5: promoted: promoted (3) is more than eligible_for_promotion (2)"]


def test_unknown_grade(tmp_path):
    path = write(tmp_path, AGG_HEADER + "female,boss,10,,,\n")
    assert problems(path) == [
        f"{path}:2:2: grade: unknown grade 'boss'; grades are support, professional, manager, "
        "senior (a file with other grades lists them, lowest first, in a '# grades:' line at "
        "its top)"]


def test_text_in_a_number_column(tmp_path):
    path = write(tmp_path, AGG_HEADER + "female,senior,ten,,,\n")
    assert problems(path) == [
        f"{path}:2:3: headcount: 'ten' is not a number; write a whole number such as 12"]


def test_fraction_of_a_person(tmp_path):
    path = write(tmp_path, AGG_HEADER + "female,senior,2.5,,,\n")
    assert problems(path) == [f"{path}:2:3: headcount: 2.5 is not a whole number of people"]


def test_unknown_sex_code(tmp_path):
    path = write(tmp_path, AGG_HEADER + "q,senior,3,,,\n")
    assert problems(path) == [
        f"{path}:2:1: sex: unknown sex code 'q'; use female, male or other (F, M, woman, man, "
        "undisclosed... are accepted)"]


def test_totals_that_do_not_add_up(tmp_path):
    path = write(tmp_path, "sex,grade,headcount,promoted\nfemale,senior,3,1\nmale,senior,7,1\n"
                           "total,senior,11,2\n")
    assert problems(path) == [
        f"{path}:4:3: headcount: totals do not add up: this total row says 11 but the rows it "
        "covers (lines 2, 3) add up to 10"]


def test_exit_reasons_that_do_not_add_up(tmp_path):
    path = write(tmp_path, "sex,grade,headcount,exits,exit_reason\nfemale,senior,30,5,\n"
                           "female,senior,,2,retirement\nfemale,senior,,2,resignation\n")
    assert problems(path) == [
        f"{path}:2:4: exits: totals do not add up: exits is 5 but the exit_reason rows for this "
        "group (lines 3, 4) add up to 4"]


def test_every_problem_is_reported_and_nothing_imported():
    path = FIXTURES / "bad.csv"
    assert problems(path) == [
        f"{path}:4:1: sex: unknown sex code 'fem'; use female, male or other (F, M, woman, man, "
        "undisclosed... are accepted)",
        f"{path}:4:4: headcount: -4 is negative; headcount must be 0 or more",
        f"{path}:5:2: grade: unknown grade 'director'; grades are support, professional, "
        "manager, senior (a file with other grades lists them, lowest first, in a '# grades:' "
        "line at its top)",
        f"{path}:5:6: exits: 'two' is not a number; write a whole number such as 12",
        f"{path}:6:5: promoted: promoted (9) is more than headcount (5)",
        f"{path}:7:3: scope: unknown scope 'regional'; write national or subnational",
        f"{path}:7:4: headcount: headcount is empty; write 0 if the group has no staff",
        f"{path}:9:4: headcount: totals do not add up: this total row says 20 but the rows it "
        "covers (lines 8) add up to 10",
    ]


def test_header_problems(tmp_path):
    path = write(tmp_path, "sex,grade,headcount,promotd,grade\nfemale,senior,1,1,senior\n")
    assert problems(path) == [
        f"{path}:1:4: unknown column 'promotd' (columns: {', '.join(AGGREGATED_COLUMNS)})",
        f"{path}:1:5: column 'grade' appears twice (also column 2)",
    ]


def test_column_of_the_other_shape(tmp_path):
    path = write(tmp_path, "sex,headcount,exited\nfemale,1,1\n")
    assert problems(path) == [
        f"{path}:1:3: unknown column 'exited'; it belongs in per-person files (columns: "
        f"{', '.join(AGGREGATED_COLUMNS)})"]


def test_neither_shape(tmp_path):
    path = write(tmp_path, "# comment\nsex,grade\nfemale,senior\n")
    assert problems(path) == [
        f"{path}:2: the header has neither a headcount column (aggregated rows) nor a person_id "
        "column (one row per person); see docs/workforce.md"]


def test_both_shapes(tmp_path):
    path = write(tmp_path, "person_id,sex,headcount\n1,female,1\n")
    assert problems(path) == [
        f"{path}:1: the header has both person_id (one row per person) and headcount "
        "(aggregated rows); use one shape per file"]


def test_missing_required_column(tmp_path):
    path = write(tmp_path, "grade,headcount\nsenior,1\n")
    assert problems(path) == [f"{path}:1: the header has no 'sex' column, which is required"]


def test_no_rows_and_no_header(tmp_path):
    assert problems(write(tmp_path, "sex,headcount\n")) == [
        f"{tmp_path / 'w.csv'}:1: the file has no data rows below the header"]
    empty = write(tmp_path, "# nothing\n\n", "e.csv")
    assert problems(empty) == [
        f"{empty}: the file has no header row; start with the column names (run 'seal "
        "workforce-template' for a blank file)"]


def test_row_too_long(tmp_path):
    path = write(tmp_path, "sex,headcount\nfemale,1,2\n")
    assert problems(path) == [f"{path}:2: the row has 3 values but the header has 2 columns"]


def test_bad_settings_lines(tmp_path):
    path = write(tmp_path, "# year: soon\n# grades: a, b, A\nsex,headcount\nfemale,1\n")
    assert problems(path) == [
        f"{path}:1: '# year:' must be a year such as 2025, not 'soon'",
        f"{path}:2: '# grades:' lists 'a' twice",
    ]


def test_settings_after_the_header(tmp_path):
    path = write(tmp_path, "sex,headcount\nfemale,1\n# grades: a, b\n# a comment: fine\n")
    assert problems(path) == [f"{path}:3: the '# grades:' line must come before the header row"]


def test_comments_blank_rows_and_leading_spaces_between_rows(tmp_path):
    path = write(tmp_path, "sex,unit,headcount\nfemale,a,1\n\n  # note\n,,\n male ,b,2\n"
                           ",c,3\n")
    assert problems(path) == [
        f"{path}:7:1: sex: sex is empty; write female, male, or other for other or undisclosed"]
    path.write_text("sex,unit,headcount\nfemale,a,1\n\n  # note\n,,\n male ,b,2\n")
    data = load_workforce(path)
    assert data.metric("men") == 2 and data.values("unit") == ["a", "b"]


def test_many_rows_with_the_same_problem_are_summarised(tmp_path):
    path = write(tmp_path, "sex,headcount\n" + "female,x\n" * 25 + "male,-1\n")
    found = problems(path)
    assert len(found) == 22
    assert found[19] == (f"{path}:21:2: headcount: 'x' is not a number; write a whole number "
                         "such as 12")
    assert found[20] == (f"{path}:22:2: headcount: and 5 more rows with the same problem in "
                         "this column, up to line 26")
    assert found[21] == f"{path}:27:2: headcount: -1 is negative; headcount must be 0 or more"


def test_line_numbers_count_quoted_newlines(tmp_path):
    path = write(tmp_path, 'sex,unit,headcount\nfemale,"Two\nlines",1\nmale,x,-1\n')
    assert problems(path) == [f"{path}:4:3: headcount: -1 is negative; headcount must be 0 or more"]


def test_per_person_problems(tmp_path):
    path = write(tmp_path, "person_id,record,sex,grade,pay,eligible_for_promotion,promoted,"
                           "exited,exit_reason,on_leave,returned\n"
                           "P1,staff,F,senior,100,0,1,0,,0,0\n"
                           "P1,staff,M,senior,-5,1,maybe,0,retired,0,1\n"
                           "A1,applicant,F,senior,,1,0,0,,0,0\n"
                           "A2,visitor,F,senior,,,,,,,\n"
                           ",staff,F,senior,,,,,,,\n")
    assert problems(path) == [
        f"{path}:2:7: promoted: promoted is 1 but eligible_for_promotion is 0",
        f"{path}:3:1: person_id: person_id 'P1' is used again (first on line 2); each person "
        "has one row",
        f"{path}:3:5: pay: -5 is negative; pay must be 0 or more",
        f"{path}:3:7: promoted: 'maybe' is not a yes/no flag; write 1 or 0 (or yes/no)",
        f"{path}:3:9: exit_reason: exit_reason 'retired' is given but exited is not 1",
        f"{path}:3:11: returned: returned is 1 but on_leave is 0",
        f"{path}:4:6: eligible_for_promotion: an applicant row cannot have "
        "eligible_for_promotion = 1; people hired are staff rows",
        f"{path}:5:2: record: unknown record 'visitor'; write staff or applicant",
        f"{path}:6:1: person_id: person_id is empty",
    ]


def test_file_too_large(tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_MAX_DATA_BYTES", "10")
    path = write(tmp_path, "sex,headcount\nfemale,1\n")
    assert problems(path) == [
        f"{path}: file is 23 bytes, over the limit of 10 bytes (raise SEAL_MAX_DATA_BYTES if "
        "it is genuine)"]


def test_missing_file_and_not_utf8(tmp_path):
    missing = tmp_path / "nope.csv"
    assert problems(missing) == [f"{missing}: no such workforce file {str(missing)!r}"]
    path = tmp_path / "latin.csv"
    path.write_bytes("sex,unit,headcount\nfemale,Direcci\xf3n,1\n".encode("latin-1"))
    assert problems(path) == [
        f"{path}:2:15: file is not UTF-8 text (byte b'\\xf3' here: invalid continuation byte); "
        "save it as 'CSV UTF-8'"]


def test_broken_xlsx(tmp_path):
    pytest.importorskip("openpyxl")
    path = write(tmp_path, "not a workbook", "w.xlsx")
    (message,) = problems(path)
    assert message.startswith(f"{path}: not a readable Excel workbook")


def test_reading_needs_neither_pandas_nor_openpyxl(tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["sex", "headcount"])
    wb.active.append(["F", 3])
    wb.save(tmp_path / "w.xlsx")
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert load_workforce(write(tmp_path, "sex,headcount\nfemale,1\n")).metric("women") == 1
    assert load_workforce(tmp_path / "w.xlsx").metric("women") == 3


def test_writing_xlsx_without_openpyxl_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r"pip install 'seal-engine\[xlsx\]'") as e:
        write_workforce_template(tmp_path / "t.xlsx")
    assert isinstance(e.value.__cause__, ImportError)


def test_importing_seal_engine_does_not_import_pandas():
    code = ("import sys, seal_engine, seal_engine.workforce, seal_engine.workforce.metrics; "
            "assert 'pandas' not in sys.modules and 'numpy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_scoring_an_example_with_its_workforce_file_never_imports_pandas():
    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys, seal_engine as se\n"
        f"a = se.load_assessment({str(root / 'assessments/port-aurel-municipality/2025.yaml')!r})\n"
        "data = se.load_workforce_for(a)\n"
        "assert data.metric('headcount') > 0\n"
        "r = se.score(se.standard_for(a), a, data)\n"
        "print(r.level, data.shape)\n"
        "heavy = [m for m in ('pandas', 'numpy', 'openpyxl') if m in sys.modules]\n"
        "assert not heavy, heavy\n")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True)
    assert out.stdout.split() == ["gold", "aggregated"]


# ------------------------------------------------------------------------------- templates


def _uncomment_example(text: str) -> str:
    lines = text.splitlines()
    lines[-1] = lines[-1].removeprefix("# ")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("per_person", [False, True], ids=["aggregated", "per-person"])
def test_csv_template(tmp_path, per_person):
    text = workforce_template(per_person)
    assert f"\n{','.join(TEMPLATE_COLUMNS[per_person])}\n# " in text
    for c in PERSON_COLUMNS if per_person else AGGREGATED_COLUMNS:
        assert f"# - {c} = " in text
    path = write(tmp_path, text)
    assert problems(path)[0].endswith("the file has no data rows below the header")
    data = load_workforce(write(tmp_path, _uncomment_example(text), "filled.csv"))
    assert data.metric("women") == (1 if per_person else 42)
    assert data.grades == DEFAULT_GRADES


@pytest.mark.parametrize("per_person", [False, True], ids=["aggregated", "per-person"])
def test_xlsx_template(tmp_path, per_person):
    openpyxl = pytest.importorskip("openpyxl")
    path = write_workforce_template(tmp_path / "t.xlsx", per_person=per_person)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["workforce", "README"]
    assert [c.value for c in wb["workforce"][2]] == list(TEMPLATE_COLUMNS[per_person])
    readme = [[c.value for c in row] for row in wb["README"].iter_rows()]
    assert ["sex", "yes", AGGREGATED_COLUMNS["sex"] if not per_person else PERSON_COLUMNS["sex"]
            ] in readme
    ws = wb["workforce"]
    ws["A3"] = ws["A3"].value.removeprefix("# ")
    wb.save(path)
    assert load_workforce(path).metric("headcount") == (1 if per_person else 42)


def test_cli_workforce_template(tmp_path):
    runner = CliRunner()
    out = tmp_path / "w.csv"
    result = runner.invoke(app, ["workforce-template", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out} (aggregated rows)\n"
    assert out.read_text(encoding="utf-8") == workforce_template()
    result = runner.invoke(app, ["workforce-template", "--per-person", "-o",
                                 str(tmp_path / "p.xlsx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p.xlsx").is_file()
    result = runner.invoke(app, ["workforce-template"])
    assert result.exit_code == 2


# ------------------------------------------------------------------------------- assessments


def test_load_workforce_for_resolves_relative_to_the_assessment():
    a = seal_engine.load_assessment(FIXTURES / "assessment-met.yaml")
    data = load_workforce_for(a)
    assert Path(data.file) == FIXTURES / "senior-met.csv"
    assert data.year == 2025  # from the assessment period


def test_load_workforce_for_missing_file_points_at_the_assessment(tmp_path):
    text = (FIXTURES / "assessment-met.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, text, "a.yaml")
    a = seal_engine.load_assessment(path)
    with pytest.raises(WorkforceError) as e:
        load_workforce_for(a)
    assert str(e.value) == (
        f"{path}:6:1: [wf-met] workforce: no such workforce file "
        f"{str(tmp_path / 'senior-met.csv')!r}; fix the path (it is relative to the "
        "assessment file)")


def _score(case: str):
    s = seal_engine.load_standard(FIXTURES / "standard.yaml")
    a = seal_engine.load_assessment(FIXTURES / f"assessment-{case}.yaml")
    return {b.id: b for b in seal_engine.score(s, a, seal_engine.load_workforce_for(a)).benchmarks}


def test_scoring_with_workforce_data_met():
    r = _score("met")
    assert r["WF-01"].status.value == "met"
    assert r["WF-01"].explanation == [
        "Met: the rule holds.",
        "✓ women's share of staff (grade senior) is 40 %; needs at least 30 % (target "
        "share of women in senior posts)"]
    assert r["WF-02"].status.value == "met"  # median gap (5100 - 5000)/5100... over all staff
    assert r["WF-03"].status.value == "met"


def test_scoring_with_workforce_data_not_met():
    r = _score("not-met")
    assert r["WF-01"].status.value == "not_met"
    assert "✗ women's share of staff (grade senior) is 15 %" in r["WF-01"].explanation[1]


def test_scoring_with_missing_workforce_data_is_not_answered():
    r = _score("missing")
    assert r["WF-01"].status.value == "not_answered"
    assert r["WF-01"].explanation[0] == "Not answered: data the rule needs is missing."
    assert "no staff in grade 'senior'" in r["WF-01"].explanation[1]
    assert r["WF-02"].status.value == "not_answered"
    assert "the workforce file has no pay data" in r["WF-02"].explanation[1]
    assert r["WF-03"].status.value == "met"


def test_docs_describe_every_column():
    text = DOCS.read_text(encoding="utf-8")
    for c in {*AGGREGATED_COLUMNS, *PERSON_COLUMNS}:
        assert f"`{c}`" in text, c


def test_metric_over_several_values_of_a_filter():
    data = load_workforce(FIXTURES / "basic.csv")
    manager = data.metric("women", (("grade", "manager"),))
    senior = data.metric("women", (("grade", "senior"),))
    both = (("grade", ("manager", "senior")),)
    assert data.metric("women", both) == manager + senior
    men = data.metric("men", both)
    assert data.metric("women_share", both) == pytest.approx((manager + senior) /
                                                             (manager + senior + men))
    missing = data.metric("women_share", (("grade", ("chief", "none")),))
    assert missing.reason == "no staff in grade 'chief' or 'none'"


def test_each_cell_problem_located_among_plain_rows_comments_and_blank_starts(tmp_path):
    """A file whose rows are mostly plain (read column by column), with a comment, a row
    starting with a blank, a row of another width, empty and bad counts and pay that is not a
    number: every problem at its line and column, and the plain rows read as before."""
    path = write(tmp_path, "sex,grade,headcount,promoted,pay_mean\n"
                           "female,senior,3,1,5000\n"
                           "# a comment between rows\n"
                           " male,senior,7,,5100\n"
                           "female,support,,0,4000\n"
                           "male,support,4,2.5,nan\n"
                           "female,manager,2,1\n"
                           "male,manager,5,x,4500,\n"
                           "total,senior,10,1,\n")
    assert problems(path) == [
        f"{path}:5:3: headcount: headcount is empty; write 0 if the group has no staff",
        f"{path}:6:4: promoted: 2.5 is not a whole number of people",
        f"{path}:6:5: pay_mean: 'nan' is not a number; write a number such as 1250.50",
        f"{path}:8:4: promoted: 'x' is not a number; write a whole number such as 12",
    ]
    good = write(tmp_path, "sex,grade,headcount,promoted,pay_mean\n"
                           "female,senior,3,1,5000\n# a comment\n male,senior,7,,5100\n"
                           "female,support,,0,4000\nmale,manager,5,2,\n"
                           "total,senior,10,1,\n", name="good.csv")
    with pytest.raises(WorkforceError) as e:
        load_workforce(good)
    assert [str(p) for p in e.value.problems] == [
        f"{good}:5:3: headcount: headcount is empty; write 0 if the group has no staff"]
    # every row as wide as the header: the comment is told from the first cell alone
    fine = write(tmp_path, "sex,grade,headcount,promoted,pay_mean\n"
                           "female,senior,3,1,5000\n male,senior,7,,5100\n"
                           "# a comment as wide as a row,,,,\n\tmale,manager,5,2,\n"
                           "total,senior,10,1,\n", name="fine.csv")
    data = load_workforce(fine)
    assert data.metric("headcount") == 15
    assert data.metric("women_share", (("grade", "senior"),)) == 0.3
