"""Action plans: the draft, SMART checks, Markdown/CSV/XLSX/JSON round trips, located import
errors that leave the plan unchanged, the workbook's layout, and `seal actions`."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine
from seal_engine.cli import app
from seal_engine.gaps import gap_analysis
from seal_engine.models import ActionArea, Assessment
from seal_engine.plans import (
    AREA_TITLES,
    ActionPlan,
    PlanError,
    PlanStatus,
    check_plan,
    draft_plan,
    plan_quarters,
    read_plan,
    render_plan,
    write_plan,
)

from .conftest import AGENCY, PATH_STD, RIVERTON, STARTER

HERE = Path(__file__).parent

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def std():
    return seal_engine.load_standard(PATH_STD)


@pytest.fixture(scope="module")
def agency() -> Assessment:
    return seal_engine.load_assessment(AGENCY)


@pytest.fixture
def plan(std, agency) -> ActionPlan:
    # ranked towards Silver, every gap planned (no target given to the draft itself)
    return draft_plan(std, agency, gap_analysis(std, agency, target="silver"))


@pytest.fixture
def edited(plan) -> ActionPlan:
    """The draft as a focal point edits it: statuses, progress, evidence, awkward text."""
    rows = []
    for r in plan.rows:
        upd = {}
        if r.action == "A-M2":
            upd = {"status": PlanStatus.done, "progress": 100,
                   "evidence": "Attendance lists | 2026-Q1\nhr/attendance.xlsx"}
        elif r.action == "A-P1":
            upd = {"status": PlanStatus.in_progress, "progress": 35, "baseline": 12.75,
                   "notes": "Évaluation trimestrielle — año 1; “quoted”, comma, semi;colon"}
        elif r.action == "A-P6":
            upd = {"status": PlanStatus.dropped, "responsible": "Communication unit",
                   "baseline": 0}
        elif r.action == "A-M3":
            upd = {"capacities": ["Mentoring programme design", "Coaching", "Budgeting"],
                   "start": "2026-Q2", "end": "2026-Q4", "target": 32.5}
        rows.append(r.model_copy(update=upd))
    return plan.model_copy(update={"rows": rows})


# ---------------------------------------------------------------------------- draft


def test_draft_rows_follow_gap_priority(std, agency, plan):
    report = gap_analysis(std, agency, target="silver")
    assert [g.id for g in report.gaps] == ["M2", "P1", "P2", "P6", "P4", "M3", "P3", "P5"]
    assert [r.action for r in plan.rows] == ["A-M2", "A-P1", "A-P2", "A-P6", "A-M3", "A-P3"]
    assert [r.no for r in plan.rows] == [1, 2, 3, 4, 5, 6]
    # one row per action, listing every gap it serves
    assert plan.row("A-P2").benchmarks == ["P2", "P4"]
    assert plan.uncovered == ["P5"]
    assert (plan.start, plan.end, plan.level, plan.target) == ("2026-Q1", "2026-Q4", None,
                                                               "silver")


def test_draft_row_fields_come_from_the_library(plan):
    r = plan.row("A-M3")
    assert r.activity == ("Leadership programme for women — Mentoring and coaching for women "
                          "in middle management.")
    assert (r.area, r.indicator, r.unit, r.baseline, r.target) == (
        ActionArea.capacity_development, "Women in senior posts", "percent", 20, 30)
    assert (r.means_of_verification, r.resources, r.responsible) == (
        "HR statistics", "Budget for coaches", "Human resources director")
    assert r.capacities == ["Mentoring programme design", "Coaching"]
    assert (r.status, r.progress, r.evidence) == (PlanStatus.planned, 0, None)


def test_draft_schedule(plan):
    # path actions start at once; the next level's one quarter later; too long is shortened
    assert (plan.row("A-M2").start, plan.row("A-M2").end) == ("2026-Q1", "2026-Q1")
    assert (plan.row("A-P2").start, plan.row("A-P2").end) == ("2026-Q1", "2026-Q2")
    assert (plan.row("A-P3").start, plan.row("A-P3").end) == ("2026-Q2", "2026-Q4")
    m3 = plan.row("A-M3")
    assert (m3.start, m3.end) == ("2026-Q1", "2026-Q4")
    assert m3.notes == ("The library expects 6 quarters; shortened to the plan period "
                        "2026-Q1–2026-Q4. Extend the period or split the action.")


def test_draft_when_the_target_is_out_of_reach(std, agency):
    report = gap_analysis(std, agency, target="silver", exclude=["M2"])
    assert not report.target.reachable
    p = draft_plan(std, agency, report)
    assert p.target == "silver"
    assert {r.start for r in p.rows} == {"2026-Q1"}  # no path: nothing waits for another


def test_draft_period_options(std, agency):
    p = draft_plan(std, agency, start="2026-Q3", quarters=8)
    assert (p.start, p.end) == ("2026-Q3", "2028-Q2")
    assert p.quarters()[:3] == ["2026-Q3", "2026-Q4", "2027-Q1"]
    # A-M3 is on the third path (Bronze, Silver, Gold): it starts two quarters in
    assert p.row("A-M3").notes is None
    assert (p.row("A-M3").start, p.row("A-M3").end) == ("2027-Q1", "2028-Q2")
    with pytest.raises(PlanError, match="start 'Q3-2026' is not a quarter"):
        draft_plan(std, agency, start="Q3-2026")
    with pytest.raises(PlanError, match="quarters 0 is out of range"):
        draft_plan(std, agency, quarters=0)
    assert plan_quarters("2025-Q4", "2026-Q2") == ["2025-Q4", "2026-Q1", "2026-Q2"]


def test_draft_for_the_starter_example():
    s = seal_engine.load_standard(STARTER)
    a = seal_engine.load_assessment(RIVERTON)
    p = draft_plan(s, a)
    assert [r.action for r in p.rows] == ["ST-A-02", "ST-A-05", "ST-A-07", "ST-A-03"]
    assert (p.start, p.end, p.level, p.target) == ("2026-Q1", "2026-Q4", "getting_started",
                                                   "building")
    assert check_plan(p, s) == []


# ---------------------------------------------------------------------------- SMART


def test_smart_check_of_the_draft(std, plan):
    assert [str(i) for i in check_plan(plan, std)] == [
        "row 4 (A-P6): no baseline for the indicator yet; fill it in from your own figures",
        "row 4 (A-P6): no responsible party",
    ]
    assert [i.criterion for i in check_plan(plan, std)] == ["measurable", "assigned"]


@pytest.mark.parametrize("update, message", [
    ({"activity": None}, "no activity; say what will be done"),
    ({"indicator": None}, "no indicator; say what will be measured"),
    ({"baseline": None}, "no baseline for the indicator yet; fill it in from your own figures"),
    ({"target": None}, "no target for the indicator yet; set one from your own figures"),
    ({"target": 10.0}, "the target equals the baseline (10); no change is sought"),
    ({"target": 180.0}, "the target 180 is outside 0–100 for a percent indicator"),
    ({"responsible": None}, "no responsible party"),
    ({"benchmarks": []}, "serves no benchmark"),
    ({"start": None}, "no time frame; give a start and an end quarter"),
    ({"start": "2026-Q2", "end": "2026-Q1"},
     "the end quarter 2026-Q1 is before the start quarter 2026-Q2"),
    ({"end": "2027-Q1"}, "the time frame 2026-Q1–2027-Q1 is not inside the plan period "
                         "2026-Q1–2026-Q4"),
    ({"start": "2025-Q4"}, "the time frame 2025-Q4–2026-Q1 is not inside the plan period "
                           "2026-Q1–2026-Q4"),
    ({"status": PlanStatus.done, "progress": 100},
     "marked done but no evidence of completion is given"),
    ({"status": PlanStatus.done, "evidence": "x.pdf", "progress": 60},
     "marked done but progress is 60 %"),
    ({"progress": 20}, "marked planned but progress is 20 %; mark it in progress"),
], ids=lambda v: str(v)[:40])
def test_smart_check_says_what_is_wrong(std, plan, update, message):
    rows = [r.model_copy(update=update) if r.action == "A-M2" else r for r in plan.rows]
    issues = [str(i) for i in check_plan(plan.model_copy(update={"rows": rows}), std)
              if i.action == "A-M2"]
    assert issues == [f"row 1 (A-M2): {message}"]


@pytest.mark.parametrize("lang, unit", [("es", "en porcentaje"), ("fr", "en pourcentage"),
                                        ("pt", "em percentagem")])
def test_a_target_out_of_range_names_its_unit_in_the_reader_language(std, plan, lang, unit):
    rows = [r.model_copy(update={"target": 180.0}) if r.action == "A-M2" else r
            for r in plan.rows]
    said = [i.render(lang) for i in check_plan(plan.model_copy(update={"rows": rows}), std)
            if i.action == "A-M2"]
    assert len(said) == 1 and "180" in said[0] and unit in said[0], said


def test_smart_check_against_the_standard(std, plan):
    rows = [r.model_copy(update={"action": "A-ZZ", "benchmarks": ["M2", "Q9"]})
            if r.action == "A-M2" else r for r in plan.rows]
    issues = [str(i) for i in check_plan(plan.model_copy(update={"rows": rows}), std)
              if i.row == 1]
    assert issues == ["row 1 (A-ZZ): Q9 is not a benchmark of the standard",
                      "row 1 (A-ZZ): 'A-ZZ' is not in the standard's action library"]


# ---------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".md", ".json"])
def test_round_trip_of_the_draft(std, plan, tmp_path, suffix):
    path = write_plan(plan, tmp_path / f"plan{suffix}", standard=std)
    assert read_plan(path, std, plan) == plan


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".md", ".json"])
def test_round_trip_of_an_edited_plan(std, plan, edited, tmp_path, suffix):
    path = write_plan(edited, tmp_path / f"plan{suffix}", standard=std)
    back = read_plan(path, std, plan)
    assert back == edited
    assert back.row("A-P1").baseline == 12.75
    assert back.row("A-M2").evidence == "Attendance lists | 2026-Q1\nhr/attendance.xlsx"
    # reading it again from what was read gives the same again
    again = write_plan(back, tmp_path / f"again{suffix}", standard=std)
    assert read_plan(again, std, plan) == edited


def test_round_trip_of_the_starter_plan(tmp_path):
    s = seal_engine.load_standard(STARTER)
    p = draft_plan(s, seal_engine.load_assessment(RIVERTON))
    for suffix in (".xlsx", ".csv", ".md", ".json"):
        assert read_plan(write_plan(p, tmp_path / f"p{suffix}", standard=s), s, p) == p


def test_numbers_keep_fifteen_digits_like_a_spreadsheet(plan):
    row = plan.rows[0].model_dump()
    row.update(baseline=0.1 + 0.2, target=1 / 3)
    r = type(plan.rows[0]).model_validate(row)
    assert (r.baseline, r.target) == (0.3, 0.333333333333333)


def test_csv_is_excel_friendly(plan, tmp_path):
    path = write_plan(plan, tmp_path / "plan.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header[:5] == ["No.", "Action id", "Activity", "Benchmarks", "Area"]
    assert render_plan(plan, "csv").startswith("No.,Action id,")


def test_edits_in_the_file_are_read(std, plan, tmp_path):
    path = write_plan(plan, tmp_path / "plan.xlsx", standard=std)
    wb = openpyxl.load_workbook(path)
    ws = wb["Sensitization"]
    ws["O2"] = "in progress"
    ws["P2"] = 50
    ws["Q2"] = "photos.zip"
    # a row moved up by its No., a blank row skipped, a row added by hand
    wb["Policy & standards"]["A2"] = 0.5
    lib = wb["Data collection"]
    lib["B3"] = None
    wb.save(path)
    back = read_plan(path, std, plan)
    assert back.row("A-M2").status is PlanStatus.in_progress
    assert (back.row("A-M2").progress, back.row("A-M2").evidence) == (50, "photos.zip")
    assert [r.action for r in back.rows][:2] == ["A-P3", "A-M2"]
    assert [r.no for r in back.rows] == list(range(1, 7))


def test_rows_removed_in_the_file_leave_the_plan(std, plan, tmp_path):
    path = write_plan(plan, tmp_path / "plan.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8-sig")
    back = read_plan(path, std, plan)
    assert [r.action for r in back.rows] == ["A-M2", "A-P2", "A-P6", "A-M3", "A-P3"]


def test_added_row_from_the_library(std, plan, tmp_path):
    path = write_plan(plan, tmp_path / "plan.csv")
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(["", "A-M1", "Approve the policy", "M1", "", "", "", "", "", "",
                                "2026-Q3", "2026-Q4", "", "Head", "", "", "", "", ""])
    back = read_plan(path, std, plan)
    new = back.rows[-1]
    assert (new.no, new.action, new.area, new.status, new.progress) == (
        7, "A-M1", ActionArea.policy_standards, PlanStatus.planned, 0)


# ---------------------------------------------------------------------------- bad imports

# CSV columns: 1 No., 2 Action id, 3 Activity, 4 Benchmarks, 5 Area, 6 Indicator, 7 Unit,
# 8 Baseline, 9 Target, 10 Means of verification, 11 Start, 12 End, 13 Required resources,
# 14 Responsible party, 15 Missing capacities, 16 Status, 17 Progress (%), 18 Evidence, 19 Notes.
# Line 2 is row No. 1 (A-M2), line 4 is A-P2.
BAD_CSV = [
    ("not an id", 2, 2, "A XX",
     "Action id: action id 'A XX' is not an id; use letters, digits, '.', '_' and '-' (at most "
     "80), starting with a letter or digit"),
    ("bad status", 2, 16, "finished",
     "[A-M2] Status: status 'finished' is not one of planned, in progress, done, dropped; pick "
     "one from the list"),
    ("progress too high", 2, 17, "140",
     "[A-M2] Progress (%): progress 140 is outside 0–100; enter a whole number from 0 to 100"),
    ("progress negative", 2, 17, "-5",
     "[A-M2] Progress (%): progress -5 is outside 0–100; enter a whole number from 0 to 100"),
    ("progress not a number", 2, 17, "half",
     "[A-M2] Progress (%): progress 'half' is not a number; enter a number such as 40"),
    ("progress fraction", 2, 17, "12.5",
     "[A-M2] Progress (%): progress '12.5' is not a whole number; enter a whole number from 0 to "
     "100"),
    ("end before start", 4, 12, "2026-Q1",
     None),  # filled below: start is 2026-Q1 for A-P2, so set start later instead
    ("quarter outside the period", 4, 12, "2027-Q2",
     "[A-P2] End: end quarter '2027-Q2' is outside the plan period 2026-Q1–2026-Q4; pick a "
     "quarter in the period"),
    ("not a quarter", 4, 11, "Q3 2026",
     "[A-P2] Start: start quarter 'Q3 2026' is not a quarter; write it as YYYY-Qn, e.g. "
     "'2026-Q3'"),
    ("unknown benchmark", 4, 4, "P2; Q7",
     "[A-P2] Benchmarks: benchmark 'Q7' is not a benchmark of plans-path v1"),
    ("baseline not a number", 4, 8, "about half",
     "[A-P2] Baseline: baseline 'about half' is not a number; enter a number such as 40"),
    ("bad area", 4, 5, "Outreach",
     "[A-P2] Area: area 'Outreach' is not one of Policy & standards, Sensitization, Capacity "
     "development, Monitoring & evaluation, Data collection"),
    ("repeated action", 4, 2, "A-M2",
     "[A-M2] Action id: action 'A-M2' is already in row 2; keep one row per action"),
    ("no action id", 4, 2, "",
     "Action id: no action id; give the id of an action from the standard's action library, "
     "or an id of your own for an action of your own"),
    ("bad unit", 4, 7, "kg",
     "[A-P2] Unit: unit 'kg' is not one of percent, percentage points, number, share, yes/no"),
]
BAD_CSV[6] = ("end before start", 4, 11, "2026-Q3",
              "[A-P2] End: end quarter '2026-Q2' is before start quarter '2026-Q3'; the end must "
              "be the start or later")


def _edit_csv(path: Path, line: int, column: int, value: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    rows[line - 1][column - 1] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")


@pytest.mark.parametrize("case", BAD_CSV, ids=[c[0] for c in BAD_CSV])
def test_bad_csv_row_is_located_and_nothing_changes(std, plan, tmp_path, case):
    _name, line, column, value, message = case
    path = write_plan(plan, tmp_path / "plan.csv")
    _edit_csv(path, line, column, value)
    before = plan.model_dump()
    content = path.read_bytes()
    with pytest.raises(PlanError) as e:
        read_plan(path, std, plan)
    assert [str(p) for p in e.value.problems] == [f"{path}:{line}:{_col(case)}: {message}"]
    p = e.value.problems[0]
    assert (p.file, p.line) == (str(path), line)
    assert plan.model_dump() == before
    assert path.read_bytes() == content


def _col(case) -> int:
    # the end-before-start error sits on the End column although Start was edited
    return 12 if case[0] == "end before start" else case[2]


def test_every_bad_row_is_reported_at_once(std, plan, tmp_path):
    path = write_plan(plan, tmp_path / "plan.csv")
    _edit_csv(path, 2, 16, "finished")
    _edit_csv(path, 3, 17, "101")
    _edit_csv(path, 5, 2, "A XX")
    with pytest.raises(PlanError) as e:
        read_plan(path, std, plan)
    assert [(p.line, p.column, p.field) for p in e.value.problems] == [
        (2, 16, "Status"), (3, 17, "Progress (%)"), (5, 2, "Action id")]


# XLSX columns (no Area column: the sheet is the area): A No., B Action id, C Activity,
# D Benchmarks, E Indicator, F Unit, G Baseline, H Target, I Means of verification, J Start,
# K End, L Required resources, M Responsible party, N Missing capacities, O Status,
# P Progress (%), Q Evidence of completion, R Notes.
BAD_XLSX = [
    ("not an id", "Sensitization", "B2", "A/XX", 2,
     "Sensitization!B2 (Action id): action id 'A/XX' is not an id; use letters, digits, '.', "
     "'_' and '-' (at most 80), starting with a letter or digit"),
    ("bad status", "Sensitization", "O2", "finished", 15,
     "[A-M2] Sensitization!O2 (Status): status 'finished' is not one of planned, in progress, "
     "done, dropped; pick one from the list"),
    ("progress out of range", "Sensitization", "P2", 140, 16,
     "[A-M2] Sensitization!P2 (Progress (%)): progress 140 is outside 0–100; enter a whole "
     "number from 0 to 100"),
    ("quarter outside the period", "Data collection", "K2", "2027-Q1", 11,
     "[A-P2] Data collection!K2 (End): end quarter '2027-Q1' is outside the plan period "
     "2026-Q1–2026-Q4; pick a quarter in the period"),
    ("end before start", "Policy & standards", "K2", "2026-Q1", 11,
     "[A-P3] Policy & standards!K2 (End): end quarter '2026-Q1' is before start quarter "
     "'2026-Q2'; the end must be the start or later"),
    # sheets are read in area order, so the second A-M2 is the one on Sensitization
    ("repeated action", "Policy & standards", "B2", "A-M2", 2,
     "[A-M2] Sensitization!B2 (Action id): action 'A-M2' is already in row 2 of sheet "
     "'Policy & standards'; keep one row per action"),
]


@pytest.mark.parametrize("case", BAD_XLSX, ids=[c[0] for c in BAD_XLSX])
def test_bad_xlsx_cell_is_located_and_nothing_changes(std, plan, tmp_path, case):
    _name, sheet, cell, value, column, message = case
    path = write_plan(plan, tmp_path / "plan.xlsx", standard=std)
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)
    before = plan.model_dump()
    content = path.read_bytes()
    with pytest.raises(PlanError) as e:
        read_plan(path, std, plan)
    row = int(cell[1:])
    assert [str(p) for p in e.value.problems] == [f"{path}:{row}:{column}: {message}"]
    assert plan.model_dump() == before
    assert path.read_bytes() == content


def test_bad_markdown_cell_is_located(std, plan, tmp_path):
    path = write_plan(plan, tmp_path / "plan.md", standard=std)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    n = next(i for i, ln in enumerate(lines) if "| A-M2 |" in ln)
    lines[n] = lines[n].replace("| planned |", "| started |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PlanError) as e:
        read_plan(path, std, plan)
    assert [str(p) for p in e.value.problems] == [
        f"{path}:{n + 1}:15: [A-M2] Sensitization › Status: status 'started' is not one of "
        "planned, in progress, done, dropped; pick one from the list"]


def test_bad_json_row_is_located(std, plan, tmp_path):
    path = write_plan(plan, tmp_path / "plan.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["rows"][2]["progress"] = 250
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PlanError) as e:
        read_plan(path, std, plan)
    assert [str(p) for p in e.value.problems] == [
        f"{path}: [A-P2] rows[2].progress: progress 250 is outside 0–100; enter a whole number "
        "from 0 to 100"]


@pytest.mark.parametrize("name, content, message", [
    ("plan.csv", "Activity,Status\nx,done\n",
     "{path}:1: no 'Action id' column in the header row; keep the header row as exported"),
    ("plan.csv", "", "{path}: the file is empty; export a plan to start from"),
    ("plan.md", "# nothing here\n",
     "{path}: no plan table with an 'Action id' column found; keep the tables as exported"),
    ("plan.xlsx", "not a workbook", None),
    ("plan.txt", "x", "{path}: cannot tell the format of 'plan.txt'; name it .xlsx, .csv, .md "
                      "or .json"),
])
def test_unreadable_files(std, plan, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PlanError) as e:
        read_plan(path, std, plan)
    if message:
        assert str(e.value) == message.format(path=path)
    else:
        assert str(e.value).startswith(f"{path}: cannot read it as an Excel workbook")


def test_workbook_without_area_sheets(std, plan, tmp_path):
    path = tmp_path / "plan.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(path)
    with pytest.raises(PlanError, match="no area sheet found; expected sheets named "
                                        "'Policy & standards', 'Sensitization'"):
        read_plan(path, std, plan)


def test_missing_openpyxl_names_the_extra(plan, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r"pip install 'seal-engine\[xlsx\]'") as e:
        write_plan(plan, tmp_path / "plan.xlsx")
    assert isinstance(e.value.__cause__, ImportError)


# ---------------------------------------------------------------------------- workbook


def test_workbook_layout(std, edited, tmp_path):
    path = write_plan(edited, tmp_path / "plan.xlsx", standard=std)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Summary", *AREA_TITLES.values(), "Action library"]
    for title in AREA_TITLES.values():
        ws = wb[title]
        assert ws.freeze_panes == "D2"
        assert ws["A1"].value == "No." and ws["B1"].value == "Action id"
        assert ws["O1"].value == "Status" and ws["P1"].value == "Progress (%)"
        assert all(c.font.bold for c in ws[1])
        assert ws.column_dimensions["C"].width == 44  # activity
        assert ws.column_dimensions["A"].width == 6
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape"
        last = ws.max_row + 200
        dvs = sorted((str(dv.sqref), dv.type, dv.formula1, dv.formula2, dv.showErrorMessage)
                     for dv in ws.data_validations.dataValidation)
        quarters = '"2026-Q1,2026-Q2,2026-Q3,2026-Q4"'
        assert dvs == [
            (f"B2:B{last}", "list", "'Action library'!$A$2:$A$8", None, True),
            (f"F2:F{last}", "list", '"percent,percentage points,number,share,yes/no"', None, True),
            (f"J2:J{last}", "list", quarters, None, True),
            (f"K2:K{last}", "list", quarters, None, True),
            (f"O2:O{last}", "list", '"planned,in progress,done,dropped"', None, True),
            (f"P2:P{last}", "whole", "0", "100", True),
        ]
    ws = wb["Sensitization"]
    assert ws["B2"].value == "A-M2" and ws["O2"].value == "done" and ws["P2"].value == 100
    assert ws["C2"].alignment.wrap_text and ws["C2"].alignment.vertical == "top"
    m3 = wb["Capacity development"]
    assert m3["N2"].value == "Mentoring programme design\nCoaching\nBudgeting"
    assert m3["H2"].value == 32.5
    assert wb["Data collection"]["D2"].value == "P2\nP4"
    assert wb["Data collection"]["G2"].value == 0
    summary = wb["Summary"]
    values = [c.value for row in summary.iter_rows() for c in row if c.value is not None]
    assert "Gender equality action plan: Test Agency" in values
    assert "2026-Q1 – 2026-Q4" in values
    assert any(isinstance(v, str) and v.startswith("=COUNTIF('Sensitization'!$O$2:$O$1000")
               for v in values)
    assert "SMART check" in values
    # fixed in `edited`
    assert ("row 4 (A-P6): no baseline for the indicator yet; fill it in from your own figures"
            not in values)
    lib = wb["Action library"]
    assert [c.value for c in lib[1]][:3] == ["Action id", "Title", "Area"]
    assert lib.max_row == 8


def test_starter_workbook(tmp_path):
    s = seal_engine.load_standard(STARTER)
    p = draft_plan(s, seal_engine.load_assessment(RIVERTON))
    path = write_plan(p, tmp_path / "riverton-plan.xlsx", standard=s)
    wb = openpyxl.load_workbook(path)
    assert wb["Policy & standards"]["B2"].value == "ST-A-02"
    assert wb["Monitoring & evaluation"]["B2"].value == "ST-A-03"
    assert wb["Data collection"].max_row == 1  # header only; rows can be added
    # the long note of ST-A-05 wraps: its row is tall enough to show it, others stay one line
    cap = wb["Capacity development"]
    assert cap["B2"].value == "ST-A-05" and cap.row_dimensions[2].height >= 60
    assert wb["Policy & standards"].row_dimensions[2].height == 30  # means of verification
    assert cap["A2"].alignment.horizontal == "center"
    assert "Every row is SMART." in [c.value for row in wb["Summary"].iter_rows() for c in row]


def test_committed_starter_workbook_still_reads(tmp_path):
    # tests/fixtures/plans/riverton-water-agency-2025-plan.xlsx was written by
    # `seal actions assessments/starter/riverton-water-agency-2025.yaml -o ...`: a workbook made
    # by an earlier version must stay readable.
    s = seal_engine.load_standard(STARTER)
    base = draft_plan(s, seal_engine.load_assessment(RIVERTON))
    back = read_plan(HERE / "fixtures" / "plans" / "riverton-water-agency-2025-plan.xlsx", s,
                     base)
    assert {r.action for r in back.rows} <= {a.id for a in s.actions}
    assert back.rows and all(r.status is PlanStatus.planned for r in back.rows)


# ---------------------------------------------------------------------------- CLI


runner = CliRunner()


def test_cli_actions_markdown():
    r = runner.invoke(app, ["actions", str(RIVERTON)])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("# Gender equality action plan: Riverton National Water Agency")
    assert "| 1 | ST-A-02 | Set up the gender equality committee |" in r.stdout
    assert "## SMART check" in r.stdout


def test_cli_actions_formats(tmp_path):
    r = runner.invoke(app, ["actions", str(AGENCY), "-s", str(PATH_STD), "--target", "silver",
                            "--format", "json"])
    assert r.exit_code == 0, r.output
    assert [row["action"] for row in json.loads(r.stdout)["rows"]][:2] == ["A-M2", "A-P1"]
    assert ("warning: row 4 (A-P6): no baseline for the indicator yet; fill it in from your "
            "own figures") in r.stderr
    r = runner.invoke(app, ["actions", str(RIVERTON), "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.startswith("No.,Action id,Activity")


def test_cli_actions_xlsx_needs_output(tmp_path):
    r = runner.invoke(app, ["actions", str(RIVERTON), "--format", "xlsx"])
    assert r.exit_code == 2
    assert "add -o PLAN.xlsx" in r.output
    out = tmp_path / "plan.xlsx"
    r = runner.invoke(app, ["actions", str(RIVERTON), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert r.stdout == f"wrote {out} (4 actions, 2026-Q1 to 2026-Q4)\n"
    assert openpyxl.load_workbook(out).sheetnames[0] == "Summary"


def test_cli_actions_reads_the_edited_plan(tmp_path):
    out = tmp_path / "plan.xlsx"
    assert runner.invoke(app, ["actions", str(RIVERTON), "-o", str(out)]).exit_code == 0
    wb = openpyxl.load_workbook(out)
    wb["Policy & standards"]["O2"] = "done"
    wb["Policy & standards"]["P2"] = 100
    wb["Policy & standards"]["Q2"] = "committee/appointment-2026.pdf"
    wb.save(out)
    r = runner.invoke(app, ["actions", str(RIVERTON), "--plan", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    row = json.loads(r.stdout)["rows"][0]
    assert (row["action"], row["status"], row["progress"]) == ("ST-A-02", "done", 100)


def test_cli_actions_bad_plan_changes_nothing(tmp_path):
    plan_csv = tmp_path / "plan.csv"
    assert runner.invoke(app, ["actions", str(RIVERTON), "-o", str(plan_csv)]).exit_code == 0
    _edit_csv(plan_csv, 2, 17, "140")
    content = plan_csv.read_bytes()
    out = tmp_path / "out.xlsx"
    r = runner.invoke(app, ["actions", str(RIVERTON), "--plan", str(plan_csv), "-o", str(out)])
    assert r.exit_code == 1
    assert r.stderr == (f"error: {plan_csv}:2:17: [ST-A-02] Progress (%): progress 140 is "
                        "outside 0–100; enter a whole number from 0 to 100\n")
    assert not out.exists()
    assert plan_csv.read_bytes() == content
    # writing back over the edited file needs --force; even then a bad file stays as it was
    r = runner.invoke(app, ["actions", str(RIVERTON), "--plan", str(plan_csv), "-o",
                            str(plan_csv)])
    assert r.exit_code == 2 and "add --force to rewrite it in place" in r.output
    assert plan_csv.read_bytes() == content
    r = runner.invoke(app, ["actions", str(RIVERTON), "--plan", str(plan_csv), "-o",
                            str(plan_csv), "--force"])
    assert r.exit_code == 1 and plan_csv.read_bytes() == content


def test_baselines_measured_from_the_assessment():
    import seal_engine as se
    from tests.conftest import STARTER, STARTER_EXAMPLE

    s = se.load_standard(STARTER)
    plan = se.draft_plan(s, se.load_assessment(STARTER_EXAMPLE))
    rows = {r.action: r for r in plan.rows}
    assert rows["ST-A-05"].baseline == 24  # 24 % of senior posts, not the library's 20
    assert rows["ST-A-02"].baseline == 3  # meetings held
    assert rows["ST-A-03"].baseline == 0.4  # percent of the budget
    assert "Baseline measured from this assessment." in rows["ST-A-05"].notes


def test_row_says_when_only_evidence_is_missing(tmp_path):
    import seal_engine as se
    from tests.conftest import STARTER, STARTER_EXAMPLE

    text = STARTER_EXAMPLE.read_text().replace(
        "  - {requirement: ST-LC-01.policy_doc, title: Gender Equality Policy 2024-2028, "
        "reference: policies/gender-policy-2024.pdf, date: 2024-03-08}\n", "")
    path = tmp_path / "a.yaml"
    path.write_text(text)
    plan = se.draft_plan(se.load_standard(STARTER), se.load_assessment(path))
    row = next(r for r in plan.rows if r.action == "ST-A-01")
    assert row.notes.startswith("Only evidence is missing for ST-LC-01: The signed policy "
                                "document. If this action is already done, provide the "
                                "evidence and mark it done.")
    assert all(not (r.notes or "").startswith("Only evidence") for r in plan.rows
               if r.action != "ST-A-01")
