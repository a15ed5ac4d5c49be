"""seal compare, seal generate and batch seal score, as an analyst runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from seal_engine.cli import app

from .conftest import ROOT

EXAMPLES = ROOT / "assessments"
UNDP = "undp-seal-public-institutions"
EVIL = "=HYPERLINK(\"http://example.invalid\",\"click\")"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen") / "p"
    r = run("generate", "--institutions", 8, "--seed", 3, "--periods", "2024,2025", "-o", out)
    assert r.exit_code == 0, r.output
    assert "assessments of 8 institutions" in r.output
    return out


@pytest.fixture
def hostile(portfolio, tmp_path):
    """The portfolio with an institution whose name is a spreadsheet formula."""
    folder = tmp_path / "p"
    shutil.copytree(portfolio, folder)
    for path in folder.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "name:" in text and "standards" not in path.parts:
            first = text.split("  name: ", 1)[1].split("\n", 1)[0]
            for p in path.parent.glob("*.yaml"):
                p.write_text(p.read_text(encoding="utf-8").replace(
                    f"  name: {first}\n", f"  name: '{EVIL}'\n"), encoding="utf-8")
            break
    return folder


def test_compare_the_bundled_examples():
    r = run("compare", EXAMPLES, "--standard", UNDP, "--by", "scope")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Comparison of 4 institutions" in out
    assert "Results shown: Self-assessed results (4)" in out
    assert "Left out: 3 of the 9 read: drafts: 1; other standards: 2" in out
    assert "Municipality of Port Aurel" in out.split("Ranking by level and score")[1]
    assert "Change between periods (2 institutions assessed more than once)" in out
    assert "Parity dashboard" in out
    assert max(len(line) for line in out.splitlines()) <= 250  # COLUMNS in the tests


def test_text_fits_a_narrow_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    r = run("compare", EXAMPLES, "--standard", UNDP)
    assert r.exit_code == 0, r.output
    wide = [line for line in r.stdout.splitlines() if len(line) > 80]
    assert wide == [] or all(" " not in line.strip() for line in wide), wide[:3]


def test_compare_json_says_which_results_it_shows(portfolio):
    r = run("compare", portfolio, "--format", "json", "--by", "country")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["basis"] == "preferred" and data["basis_note"]
    assert data["institutions"] == 8
    assert {g["group"].get("country") for g in data["distribution"][1:]} <= {
        "Republic of Valdoria", "Republic of Norvania", "Federal Republic of Estrelia",
        "Kingdom of Orlesia", "Republic of Marevia", "Free State of Brevonia"}
    assert data["standards_note"].startswith("3 standards are shown") or len(
        data["standards"]) < 3


def test_csv_tables_are_safe_and_say_the_result_kind(hostile):
    r = run("compare", hostile, "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and {row["result"] for row in rows} <= {"self-assessed", "reviewed"}
    names = [row["name"] for row in rows]
    assert "'" + EVIL in names and EVIL not in names
    for table in ("levels", "benchmarks", "parity", "changes"):
        r = run("compare", hostile, "--format", "csv", "--table", table)
        assert r.exit_code == 0, r.output
        head = next(csv.reader(io.StringIO(r.stdout)))
        assert head[0] == "results"
        assert not any(line.startswith(("=", "+", "@")) for line in r.stdout.splitlines())


def test_xlsx_workbook_is_safe_and_readable(hostile, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "portfolio.xlsx"
    r = run("compare", hostile, "-o", out)
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["About", "Ranking", "Levels", "Benchmarks", "Parity", "Changes"]
    about = {row[0].value: row[1].value for row in wb["About"].iter_rows(min_row=3)}
    assert about["Results shown"].startswith(("Mixed", "Self-assessed", "Reviewed"))
    ranking = wb["Ranking"]
    head = [c.value for c in ranking[1]]
    names = [row[head.index("name")].value for row in ranking.iter_rows(min_row=2)]
    assert "'" + EVIL in names
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
    score = ranking.cell(row=2, column=head.index("score") + 1)
    assert isinstance(score.value, float) and score.number_format == "0.0"
    r = run("compare", hostile, "-o", out)
    assert r.exit_code == 2 and "--force" in r.output
    r = run("compare", hostile, "--format", "xlsx")
    assert r.exit_code == 2 and "-o FILE.xlsx" in r.output


def test_batch_score_csv_jsonl_and_table(portfolio):
    files = sorted(p for p in portfolio.rglob("*.yaml") if "standards" not in p.parts)
    r = run("score", portfolio, "--format", "csv", "--workers", 1)
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert sorted(row["file"] for row in rows) == sorted(str(f) for f in files)
    assert {row["result"] for row in rows} <= {"self-assessed", "reviewed"}
    assert f"scored {len(files)} assessments" in r.output
    r = run("score", *files[:3], "--format", "jsonl")
    assert r.exit_code == 0, r.output
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(f) for f in files[:3]]
    assert {"level", "score", "statuses", "dimensions", "kind"} <= set(lines[0])
    r = run("score", portfolio, "--workers", 2)
    assert r.exit_code == 0, r.output
    assert "Score %" in r.stdout and len(r.stdout.splitlines()) >= len(files) + 2


def test_batch_score_reports_bad_files_and_goes_on(portfolio, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("type: assessment\nid: x\n", encoding="utf-8")
    good = next(p for p in portfolio.rglob("2025.yaml"))
    r = run("score", good, bad, "--format", "csv")
    assert r.exit_code == 1
    assert f"error: {bad}" in r.output
    assert len(list(csv.DictReader(io.StringIO(r.stdout)))) == 1
    r = run("score", good, bad, "--format", "json")
    assert r.exit_code == 2 and "for several choose table, csv or jsonl" in r.output


def test_single_file_score_is_unchanged():
    one = EXAMPLES / "port-aurel-municipality" / "2025.yaml"
    r = run("score", one)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[1] == ("Level reached: Gold   Overall score: 82.1 % of "
                                        "applicable benchmarks met (46 of 56)")
    assert json.loads(run("score", one, "-f", "json").stdout)["level"] == "gold"


def test_compare_from_the_database(portfolio, tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_DATA_DIR", str(tmp_path / "data"))
    r = run("db", "import", portfolio)
    assert r.exit_code == 0, r.output
    from_db = run("compare", "--db", "--format", "json")
    assert from_db.exit_code == 0, from_db.output
    from_files = run("compare", portfolio, "--format", "json")
    a, b = json.loads(from_db.stdout), json.loads(from_files.stdout)
    assert a.pop("source").startswith("the app's database (SQLite") and \
        b.pop("source").startswith("files: ")
    assert a == b


def test_bad_command_lines(portfolio):
    r = run("compare")
    assert r.exit_code == 2 and "--db" in r.output
    r = run("compare", portfolio, "--db")
    assert r.exit_code == 2 and "not both" in r.output
    r = run("compare", portfolio, "--by", "colour")
    assert r.exit_code == 1 and "cannot compare by 'colour'" in r.output
    r = run("compare", portfolio / "nowhere")
    assert r.exit_code == 1 and "no such file or folder" in r.output
    r = run("generate", "-o", portfolio)
    assert r.exit_code == 1 and "not empty" in r.output
    r = run("generate", "-o", portfolio.parent / "x", "--periods", "soon")
    assert r.exit_code == 2 and "not a year" in r.output
