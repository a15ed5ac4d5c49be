"""Hostile and malformed workforce files (issue 10): every one is a located WorkforceError, read
in bounded memory and time; a generated corpus never escapes as another exception; no CSV or
XLSX the project writes from workforce data starts a live formula."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seal_engine as se
from seal_engine import WorkforceError, parse_workforce
from seal_engine.workforce import METRICS, full_report, load_workforce, pay_report

FIXTURES = Path(__file__).parent / "fixtures" / "workforce"


def problems_of(content: bytes, name: str = "upload.csv") -> list[str]:
    with pytest.raises(WorkforceError) as e:
        parse_workforce(content, name)
    assert all(p.file == name for p in e.value.problems)
    return [str(p) for p in e.value.problems]


# ------------------------------------------------------------------------------- CSV


def test_nul_byte_is_located():
    assert problems_of(b"sex,headcount\nfemale,1\nma\x00le,2\n") == [
        "upload.csv:3:3: the file holds a NUL byte, so it is not a text CSV file; save it as "
        "'CSV UTF-8'"]


def test_latin1_is_located_by_line_and_column():
    (p,) = problems_of("sex,unit,headcount\nfemale,Dirección,1\n".encode("latin-1"))
    assert p.startswith("upload.csv:2:15: file is not UTF-8 text (byte b'\\xf3' here")


def test_utf16_xls_and_ods_say_what_to_save_as(tmp_path):
    assert "UTF-16" in problems_of("sex,headcount\n".encode("utf-16"))[0]
    assert ".xls workbook" in problems_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)[0]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert "OpenDocument" in problems_of(buf.getvalue(), "staff.ods")[0]


def test_a_field_over_the_csv_limit_is_located():
    content = b'sex,unit,headcount\nfemale,"' + b"x" * 200_000 + b"\n"
    (p,) = problems_of(content)
    assert p.startswith("upload.csv:2: malformed CSV: a cell is longer than 131072 characters")


def test_a_cell_longer_than_a_cell_may_be_is_located_and_quoted_short():
    (p,) = problems_of(b"sex,unit,headcount\nfemale," + b"y" * 40_000 + b",3\n")
    assert p.startswith("upload.csv:2:2: the cell holds 40000 characters, more than the 32767")
    assert len(p) < 200


def test_a_line_without_end_is_refused_without_reading_it_whole():
    (p,) = problems_of(b"sex,headcount\n" + b"a" * (3 << 20))
    assert p == ("upload.csv:2: line 2 is longer than 1048576 bytes; this is not a workforce "
                 "CSV file (or its line breaks are lost)")


@pytest.mark.parametrize("cell", ["9" * 5000, "1" + "0" * 30, "1e400", "inf", "nan"])
def test_huge_and_non_finite_numbers(cell):
    (p,) = problems_of(f"sex,headcount\nfemale,{cell}\n".encode())
    assert p.startswith("upload.csv:2:2: headcount: ")
    assert "too large" in p or "not a number" in p
    assert len(p) < 250  # the value is quoted shortened


def test_wrong_delimiter_says_so():
    (p,) = problems_of(b"sex|grade|headcount\nfemale|senior|3\n")
    assert p == ("upload.csv:1: the header is one column, 'sex|grade|headcount': its columns "
                 "seem separated by '|'; separate them with commas (or semicolons or tabs)")


def test_tabs_and_old_mac_line_ends_are_read():
    assert parse_workforce(b"sex\theadcount\nF\t3\nM\t4\n", "t.tsv").metric("women") == 3
    assert parse_workforce(b"sex,headcount\rF,3\rM,4\r", "mac.csv").metric("men") == 4


def test_row_limit_counts_what_the_file_holds(monkeypatch):
    monkeypatch.setenv("SEAL_MAX_DATA_ROWS", "100")
    (p,) = problems_of(b"sex,headcount\n" + b"female,1\n" * 5000)
    assert "more than 100 rows (raise SEAL_MAX_DATA_ROWS if it is genuine)" in p


def test_a_row_of_a_million_commas_is_one_located_problem():
    found = problems_of(b"sex,headcount\nfemale,1" + b",x" * 400_000 + b"\n")
    assert found == ["upload.csv:2: the row has more than 200 values but the header has 2 "
                     "columns"]


def test_a_100_mb_csv_loads_in_bounded_memory(tmp_path):
    """Half the documented limit of SEAL_MAX_DATA_BYTES: streamed, never held as text or
    cells (the old reader held it three times), so memory does not grow with the file: a
    file four times as large (100 MB against 25 MB) costs nearly the same.  What both cost
    is the reader's fixed part (pyarrow's, for a large file, when it is installed)."""

    def write(path, size):
        units = ["Unit " + chr(65 + i) * 2000 for i in range(4)]
        with path.open("w", encoding="utf-8") as f:
            f.write("person_id,sex,unit,pay\n")
            i = 0
            while f.tell() < size:
                f.write("".join(f"P{i + k},{'FM'[k % 2]},{units[k % 4]},{1000 + k % 97}\n"
                                for k in range(1000)))
                i += 1000
        return i

    def grew(path):
        code = (
            "import resource, sys\n"
            "from seal_engine.workforce import load_workforce\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            f"data = load_workforce({str(path)!r})\n"
            "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print(data.rows, len(data.groups), (after - before) // 1024)\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, timeout=300)
        return tuple(map(int, out.stdout.split()))

    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    n_small, n_big = write(small, 25_000_000), write(big, 100_000_000)
    rows, groups, grew_small = grew(small)
    assert rows == n_small and groups == 4
    rows, groups, grew_big = grew(big)
    assert rows == n_big and groups == 4  # two units of women, two of men
    assert grew_big - grew_small < 50, (grew_small, grew_big)  # held, it would be 75 or more
    assert grew_big < 300, grew_big


# ------------------------------------------------------------------------------- XLSX


def _xlsx(sheet_xml: bytes, strings: list[str] | None = None, *, extra=None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml",
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="workforce" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        if strings is not None:
            z.writestr("xl/sharedStrings.xml", "<sst>" + "".join(
                f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _sheet(rows: str) -> bytes:
    return (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{rows}</sheetData></worksheet>').encode()


HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>sex</t></is></c>'
          '<c r="B1" t="inlineStr"><is><t>headcount</t></is></c></row>')


def test_a_value_in_the_last_cell_of_a_sheet_costs_one_row(tmp_path, monkeypatch):
    """The reader gives the rows the sheet holds (three), never the million empty ones
    before the last: counted, not timed."""
    import openpyxl

    from seal_engine.workforce import reading

    real, given = reading.Rows.__iter__, []

    def counted(self):
        for record in real(self):
            given.append(record[0])
            yield record

    monkeypatch.setattr(reading.Rows, "__iter__", counted)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["sex", "headcount"])
    ws.append(["female", 3])
    ws["XFD1048576"] = "stray"
    path = tmp_path / "w.xlsx"
    wb.save(path)
    with pytest.raises(WorkforceError) as e:
        load_workforce(path)
    assert given == [1, 2, 1048576], given
    assert [str(p) for p in e.value.problems] == [
        f"{path}:1048576: the row has more than 200 values but the header has 2 columns"]


def test_a_sheet_that_inflates_to_millions_of_rows_stops_at_the_limit(monkeypatch):
    monkeypatch.setenv("SEAL_MAX_DATA_ROWS", "50000")
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>F</t></is></c>'
                   f'<c r="B{i}"><v>1</v></c></row>' for i in range(2, 60_000))
    (p,) = problems_of(_xlsx(_sheet(HEADER + rows)), "w.xlsx")
    assert p.startswith("w.xlsx:50001: sheet 'workforce' has more than 50000 rows")


def test_a_workbook_that_inflates_past_the_limit_is_refused_unread(monkeypatch):
    monkeypatch.setenv("SEAL_MAX_DATA_BYTES", "1000000")
    bomb = _xlsx(_sheet(HEADER) + b" " * 5_000_000)
    assert len(bomb) < 1_000_000
    (p,) = problems_of(bomb, "w.xlsx")
    assert p.startswith("w.xlsx: the workbook inflates to ")
    assert "over the limit of 1000000 bytes" in p


def test_a_zip_that_lies_about_its_sizes_fails_its_check():
    content = bytearray(_xlsx(_sheet(HEADER + '<row r="2"><c r="A2" t="inlineStr"><is><t>F'
                                     '</t></is></c><c r="B2"><v>1</v></c></row>' * 2000)))
    z = zipfile.ZipFile(io.BytesIO(bytes(content)))
    info = z.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    small = (200).to_bytes(4, "little")
    # rewrite the declared size, in the local header and in the central directory
    assert content.count(real) >= 2
    content = bytearray(bytes(content).replace(real, small))
    (p,) = problems_of(bytes(content), "w.xlsx")
    assert p.startswith("w.xlsx") and ("damaged" in p or "cannot be read" in p
                                       or "not a readable" in p)


def test_one_huge_shared_string(monkeypatch):
    sheet = _sheet(HEADER + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>1</v></c>'
                   '</row>')
    (p,) = problems_of(_xlsx(sheet, ["f" * 2_000_000]), "w.xlsx")
    assert p.startswith("w.xlsx:2:1: the cell holds more than the 32767 characters")


def test_entities_are_refused():
    sheet = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
             + _sheet(HEADER))
    (p,) = problems_of(_xlsx(sheet), "w.xlsx")
    assert "declares a document type" in p


@pytest.mark.parametrize("broken", [b"PK\x03\x04 not really a zip", b"",
                                    b"PK\x03\x04" + b"\0" * 50])
def test_broken_workbooks(broken):
    (p,) = problems_of(broken, "w.xlsx")
    assert p.startswith("w.xlsx: not a readable Excel workbook")


def test_huge_integer_in_a_workbook_cell():
    sheet = _sheet(HEADER + '<row r="2"><c r="A2" t="inlineStr"><is><t>F</t></is></c>'
                   f'<c r="B2"><v>{"9" * 5000}</v></c></row>')
    (p,) = problems_of(_xlsx(sheet), "w.xlsx")
    assert p.startswith("w.xlsx:2:2: headcount: '9999") and "too large" in p


# ------------------------------------------------------------------------------- formulas


HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "=HYPERLINK(\"x\")"]


def _formula_free(text: str) -> None:
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@"):
                float(cell)  # only a number may start with a sign


def test_metrics_and_pay_csv_never_start_a_formula(tmp_path):
    path = tmp_path / "w.csv"
    rows = "".join(f"P{i},{'FM'[i % 2]},{HOSTILE[i % 5]},{1000 + i},40\n" for i in range(60))
    path.write_text("person_id,sex,unit,pay,hours\n" + rows, encoding="utf-8")
    data = load_workforce(path)
    assert "=cmd|' /C calc'!A0" in data.values("unit")  # kept as text, unchanged
    _formula_free(se.render_report(full_report(data, by=("unit",)), "csv"))
    _formula_free(se.render_report(pay_report(data, by=("unit",), min_group=0), "csv"))
    from typer.testing import CliRunner

    from seal_engine.cli import app

    out = CliRunner().invoke(app, ["metrics", str(path), "--by", "unit", "-f", "csv"]).output
    _formula_free(out)
    assert "'=cmd|' /C calc'!A0" in out


def test_pay_workbook_keeps_hostile_text_as_text(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "w.csv"
    path.write_text("person_id,sex,category,pay\n" + "".join(
        f"P{i},{'FM'[i % 2]},=1+1,{1000 + i}\n" for i in range(20)), encoding="utf-8")
    out = tmp_path / "r.xlsx"
    se.write_report(pay_report(load_workforce(path), min_group=0), out)
    wb = openpyxl.load_workbook(out)
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)


# ------------------------------------------------------------------------------- the corpus

_COLUMNS = ["sex", "headcount", "person_id", "grade", "unit", "scope", "pay", "basic_pay",
            "complementary_pay", "hours", "fte", "exits", "exit_reason", "exited", "record",
            "recruited", "applicants", "promoted", "eligible_for_promotion", "category",
            "pay_mean", "pay_median", "colour", ""]
_CELLS = st.one_of(
    st.sampled_from(["", "F", "female", "M", "male", "other", "total", "all", "x", "0", "1",
                     "-1", "2.5", "1e400", "nan", "9" * 400, "senior", "support", "national",
                     "yes", "no", "staff", "applicant", "=1+1", "#", "# grades: a, b",
                     "# year: 2025", "# justification: a = b", "\x00", "ü", "1,5", '"', "\r"]),
    st.text(max_size=8),
    st.integers(-5, 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@st.composite
def _csv_files(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(_COLUMNS), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(_CELLS, min_size=0, max_size=len(header) + 2), max_size=12))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    if draw(st.booleans()):
        lines.insert(0, draw(st.sampled_from(["# grades: support, senior", "# year: 20x5",
                                              "# justification: support = x", "#"])))
    text = "\n".join(lines)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1"])),
                       errors="replace")


def _use(data) -> None:
    """Everything a caller may do with data that loaded."""
    for name, info in METRICS.items():
        data.metric(name)
        for col in info.filters[:2]:
            for value in data.values(col)[:2]:
                data.metric(name, ((col, value),))
    data.metric("women_share", (("pay_quartile", "4"),))
    for report in (full_report(data, by=data.breakdowns[:1]), pay_report(data, min_group=0)):
        for fmt in ("table", "json", "csv"):
            se.render_report(report, fmt)


_SETTINGS = settings(max_examples=150, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_csv_files())
def test_generated_csv_files_load_or_give_located_errors(content):
    try:
        data = parse_workforce(content, "gen.csv")
    except WorkforceError as e:
        assert e.problems and all(p.file == "gen.csv" and p.message for p in e.problems)
        return
    _use(data)


@_SETTINGS
@given(st.binary(max_size=600))
def test_random_bytes_give_located_errors(content):
    for name in ("gen.csv", "gen.xlsx"):
        try:
            parse_workforce(content, name)
        except WorkforceError as e:
            assert e.problems and all(p.file == name for p in e.problems)


@pytest.fixture(scope="module")
def _workbook() -> bytes:
    pytest.importorskip("openpyxl")
    path = FIXTURES / "pay.csv"
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in csv.reader(path.read_text(encoding="utf-8").splitlines()):
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@settings(max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6))
def test_damaged_workbooks_give_located_errors(_workbook, flips):
    content = bytearray(_workbook)
    for at, byte in flips:
        content[at % len(content)] = byte
    try:
        data = parse_workforce(bytes(content), "gen.xlsx")
    except WorkforceError as e:
        assert e.problems and all(p.file == "gen.xlsx" for p in e.problems)
        return
    _use(data)


def test_dates_booleans_and_unsaved_formulas_in_number_cells_are_refused(tmp_path):
    """A cell formatted as a date, TRUE, or a formula with no saved result must not become a
    pay figure (a date's serial number, 1, or nothing)."""
    import datetime as dt

    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "workforce"
    ws.append(["person_id", "sex", "grade", "pay", "trained"])
    for i in range(6):
        ws.append([f"w{i}", "female", "professional", 30000, True])
    ws.append(["m1", "male", "professional", dt.date(2025, 1, 1), False])
    ws.append(["m2", "male", "professional", True, False])
    path = tmp_path / "staff.xlsx"
    wb.save(path)
    with pytest.raises(se.WorkforceError) as info:
        se.load_workforce(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:8:4: pay: '2025-01-01' is not a number; write a number such as 1250.50",
        f"{path}:9:4: pay: 'true' is not a number; write a number such as 1250.50"]
    ws.delete_rows(8, 2)
    ws.append(["m3", "male", "professional", "=D2*2", False])
    wb.save(path)
    with pytest.raises(se.WorkforceError, match=r":8:4: the cell holds a formula with no saved "
                                                r"result"):
        se.load_workforce(path)
