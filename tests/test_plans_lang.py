"""Action plan files in the reader's language (issue 22's leftover): the workbook, the CSV and
the Markdown written in es, fr and pt read back to the same plan, in any language, whoever
reads them; the words a reader matches are told apart in every language; the standard's texts
come from its translation; cells stay inert."""

from __future__ import annotations

import csv
import io

import pytest

import seal_engine as se
from seal_engine.messages import MESSAGES, has_translation
from seal_engine.models import ActionArea
from seal_engine.plans import PlanRow, PlanStatus, draft_plan, read_plan, render_plan, write_plan
from seal_engine.plans.words import known, words
from seal_engine.render.markdown import escape
from seal_engine.render.tabular import FORMULA_START

from .conftest import ROOT
from .test_plans_files import EVIL, _evil_plan

openpyxl = pytest.importorskip("openpyxl")

LANGS = ("es", "fr", "pt")
HEALTH = ROOT / "assessments" / "highlands-provincial-health" / "2025.yaml"
_SHEET_FORBIDDEN = set("[]:*?/\\")


@pytest.fixture(scope="module")
def health() -> se.Assessment:
    return se.load_assessment(HEALTH)


@pytest.fixture(scope="module")
def std(health) -> se.Standard:
    s = se.standard_for(health)
    assert set(LANGS) <= set(s.translations)
    return s


@pytest.fixture(scope="module")
def plan(std, health) -> se.ActionPlan:
    """The draft with every status, every unit, decimals, and an action of the institution's
    own, so that each word of a file is read back."""
    p = draft_plan(std, health)
    statuses = list(PlanStatus)
    units = ["percent", "points", "number", "share", "yes_no", None]
    rows = []
    for i, r in enumerate(p.rows):
        rows.append(r.model_copy(update={
            "status": statuses[i % 4], "progress": (0, 40, 100, 10)[i % 4],
            "unit": units[i % len(units)], "baseline": (12.5, 0, None, 3)[i % 4],
            "evidence": "Acta n.º 7, «firmada»" if i % 4 == 2 else None}))
    rows.append(PlanRow(
        no=len(rows) + 1, action="PROPIA-01", own=True, activity="Círculo de mentoría",
        benchmarks=[p.rows[0].benchmarks[0]], area=ActionArea.capacity_development,
        indicator="Mujeres acompañadas", unit="number", baseline=0, target=12.25,
        start=p.start, end=p.end, responsible="Dirección de personal",
        capacities=["Mentoras", "Tiempo"], status=PlanStatus.in_progress, progress=25))
    return p.model_copy(update={"rows": rows})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".md"])
def test_written_in_a_language_reads_back_the_same(std, health, plan, tmp_path, lang, suffix):
    path = write_plan(plan, tmp_path / f"plan{suffix}", standard=std, lang=lang)
    assert read_plan(path, std, plan) == plan
    alone = read_plan(path, std, assessment=health)
    assert alone.rows == plan.rows
    if suffix != ".csv":  # the summary and the Markdown header say the period and levels
        assert (alone.start, alone.end) == (plan.start, plan.end)
        assert (alone.level, alone.target) == (plan.level, plan.target)


@pytest.mark.parametrize("lang", LANGS)
def test_the_workbook_is_in_the_language(std, plan, tmp_path, lang):
    w = words(lang)
    path = write_plan(plan, tmp_path / "plan.xlsx", standard=std, lang=lang)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(w.sheets)
    english = words("en")
    for area, title in w.areas.items():
        ws = wb[title]
        head = [c.value for c in ws[1]]
        assert head == [w.columns[f] for f in w.columns if f != "area"]
        for n, h in enumerate(head, start=1):  # no header word is cut in the middle
            width = ws.column_dimensions[openpyxl.utils.get_column_letter(n)].width
            assert width >= 1.2 * max(len(word) for word in h.split()), (h, width)
        assert not set(head) & {english.columns[f] for f in english.columns} - set(
            w.columns.values())  # no English title (some are the same word, 'Total', 'Effort')
        statuses = {ws.cell(row=r, column=head.index(w.columns["status"]) + 1).value
                    for r in range(2, ws.max_row + 1)} - {None}
        assert statuses and statuses <= set(w.statuses.values()), (area, statuses)
        # the cells' pick lists offer the language's words
        lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
        assert '"' + ",".join(w.statuses.values()) + '"' in lists
        assert '"' + ",".join(w.units.values()) + '"' in lists
        library_ref = "'" + w.library.replace("'", "''") + "'!"
        assert any(f.startswith(library_ref) for f in lists)
    summary = wb[w.summary]
    assert summary["A1"].value == w("planfile.title", institution=plan.institution.name)
    labels = [summary.cell(row=r, column=1).value for r in range(3, 9)]
    assert labels == [w.labels[k] for k in ("institution", "standard", "assessment", "period",
                                            "level", "target")]
    shown = std.translated(lang)
    assert summary["B8"].value == next(lv.title for lv in shown.levels if lv.id == plan.target)
    texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    assert w("planfile.howto") in texts and w("planfile.smart") in texts
    # the summary's counts name the sheets and count the statuses in the language
    formulas = [c.value for row in summary.iter_rows() for c in row if c.data_type == "f"]
    assert any(f'"{w.statuses["done"]}"' in f for f in formulas)
    assert any(f"'{w.areas[ActionArea.sensitization]}'!" in f for f in formulas)
    # the library sheet: the standard's action titles from its translation
    lib = wb[w.library]
    titles = {r[0].value: r[1].value for r in lib.iter_rows(min_row=2)}
    assert titles == {a.id: a.title for a in shown.actions}
    assert titles != {a.id: a.title for a in std.actions}
    assert lib.cell(row=2, column=7).value in {w(f"effort.{e}") for e in ("low", "medium",
                                                                          "high")}


@pytest.mark.parametrize("lang", LANGS)
def test_csv_and_markdown_are_in_the_language(std, plan, lang):
    w = words(lang)
    text = render_plan(plan, "csv", lang=lang)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(w.columns.values())
    status_at, area_at = rows[0].index(w.columns["status"]), rows[0].index(w.columns["area"])
    assert {r[status_at] for r in rows[1:]} == set(w.statuses.values())
    assert {r[area_at] for r in rows[1:]} <= set(w.areas.values())
    md = render_plan(plan, "markdown", std, lang=lang)
    assert md.startswith("# " + w("planfile.title", institution=escape(plan.institution.name)))
    for title in w.areas.values():
        assert f"\n## {title}\n" in md
    assert f"\n## {w('planfile.smart')}\n" in md
    assert w("planfile.md.line", label=w.labels["period"], value="") in md
    # a decimal as the language writes it, read back as the number it was
    assert f"12{w.decimal}25" in md


def test_english_is_as_before(std, plan):
    md = render_plan(plan, "markdown", std)
    assert md.startswith("# Gender equality action plan: ")
    assert "\n## Policy & standards\n" in md and "- Plan period: " in md
    assert list(csv.reader(io.StringIO(render_plan(plan, "csv"))))[0][:3] == [
        "No.", "Action id", "Activity"]


def test_a_file_in_one_language_is_read_by_a_reader_of_another(std, plan, tmp_path):
    # a colleague's Spanish workbook, its statuses edited in French and its units in English
    path = write_plan(plan, tmp_path / "plan.xlsx", standard=std, lang="es")
    wb = openpyxl.load_workbook(path)
    es = words("es")
    ws = wb[es.areas[plan.rows[0].area]]
    head = [c.value for c in ws[1]]
    ws.cell(row=2, column=head.index(es.columns["status"]) + 1).value = "Réalisée"
    ws.cell(row=2, column=head.index(es.columns["progress"]) + 1).value = 100
    ws.cell(row=2, column=head.index(es.columns["unit"]) + 1).value = "Percent"
    wb.save(path)
    back = read_plan(path, std, plan)
    first = back.row(plan.rows[0].action)
    assert (first.status, first.progress, first.unit) == (PlanStatus.done, 100, "percent")


def test_every_word_is_told_apart_in_every_language():
    assert known().clashes == []
    for lang in ("en", *LANGS):
        w = words(lang)
        assert w.lang == lang
        assert len(set(w.sheets)) == len(w.sheets)
        for name in w.sheets:  # what Excel accepts as a sheet name
            assert 0 < len(name) <= 31 and not set(name) & _SHEET_FORBIDDEN, (lang, name)
            assert not name.startswith("'") and not name.endswith("'"), (lang, name)
        for label in (*w.statuses.values(), *w.units.values()):  # items of a pick list
            assert "," not in label and '"' not in label, (lang, label)
        assert len(set(w.columns.values())) == len(w.columns)
        assert len(set(w.labels.values())) == len(w.labels)


@pytest.mark.parametrize("lang", LANGS)
def test_every_plan_file_word_is_translated(lang):
    missing = [c for c in MESSAGES if c.startswith("planfile.") and not has_translation(c, lang)]
    assert missing == []


def test_a_language_without_a_catalogue_writes_english(std, plan):
    assert render_plan(plan, "csv", lang="xx") == render_plan(plan, "csv")


@pytest.mark.parametrize("lang", LANGS)
def test_no_cell_of_a_translated_workbook_is_a_live_formula(std, plan, tmp_path, lang):
    evil = _evil_plan(plan)
    path = write_plan(evil, tmp_path / "plan.xlsx", standard=std, lang=lang)
    wb = openpyxl.load_workbook(path)
    sheets = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    sheets.add(ws.title)
                elif isinstance(c.value, str):
                    assert not c.value.startswith(FORMULA_START), (ws.title, c.coordinate)
    assert sheets == {words(lang).summary}
    assert read_plan(path, std, evil) == evil
    for suffix in (".csv", ".md"):
        path = write_plan(evil, tmp_path / f"plan{suffix}", standard=std, lang=lang)
        assert read_plan(path, std, evil) == evil
    assert any(r.activity == EVIL[0] for r in evil.rows)


def test_cli_writes_the_plan_in_the_run_language(tmp_path):
    from typer.testing import CliRunner

    from seal_engine.cli import app

    out = tmp_path / "plan.xlsx"
    r = CliRunner().invoke(app, ["--lang", "fr", "actions", str(HEALTH), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert openpyxl.load_workbook(out).sheetnames == list(words("fr").sheets)
    r = CliRunner().invoke(app, ["actions", str(HEALTH), "--format", "csv"],
                           env={"SEAL_LANG": "pt"})
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0].startswith("N.º,Id. da ação,Atividade")
    # and reads it back, whatever the language of the run reading it
    r = CliRunner().invoke(app, ["--lang", "en", "actions", str(HEALTH), "--plan", str(out),
                                 "--format", "json"])
    assert r.exit_code == 0, r.output


# ------------------------------------------------------------------ problems, in the reader's


def _edit_cell(path, sheet, column_title, row, value):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    ws.cell(row=row, column=head.index(column_title) + 1).value = value
    wb.save(path)


def test_a_bad_cell_of_a_spanish_workbook_is_told_in_spanish_where_it_is(std, plan, tmp_path):
    es = words("es")
    path = write_plan(plan, tmp_path / "plan.xlsx", standard=std, lang="es")
    sheet = es.areas[plan.rows[0].area]
    _edit_cell(path, sheet, es.columns["progress"], 2, 140)
    _edit_cell(path, sheet, es.columns["status"], 3, "a medias")
    with pytest.raises(se.PlanError) as e:
        read_plan(path, std, plan)
    progress, status = e.value.problems
    assert (progress.text.code, progress.text.params["value"]) == ("planread.outside", "140")
    assert progress.line == 2 and progress.field.startswith(f"{sheet}!")
    assert progress.field.endswith(f"({es.columns['progress']})")
    assert progress.render("es").endswith(
        "avance: 140 está fuera del rango 0–100; ingrese un número entero de 0 a 100")
    assert f"{path}:2:" in progress.render("es")
    assert status.text.code == "planread.bad_status"
    assert status.render("es").endswith(
        "el estado 'a medias' no es ninguno de estos: planificada, en curso, realizada, "
        "descartada; elija uno de la lista")
    # the English, for logs, as before
    assert progress.message == ("progress 140 is outside 0–100; enter a whole number from 0 to "
                                "100")
    assert status.message.startswith("status 'a medias' is not one of planned, in progress, ")


@pytest.mark.parametrize("lang", LANGS)
def test_what_reading_says_is_in_the_reader_language(std, plan, tmp_path, lang):
    """Broken files of every kind: each problem is a message of the catalogue, translated."""
    w = words(lang)
    xlsx = write_plan(plan, tmp_path / "plan.xlsx", standard=std, lang=lang)
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[w.areas[plan.rows[0].area]]
    ws["C2"] = "=1+1"  # a formula where a value is expected
    ws.merge_cells("D3:E3")
    ws.cell(row=1, column=ws.max_column + 1).value = "Presupuesto"  # an unknown column
    wb.create_sheet("Hoja1")["A1"] = "x"
    wb.save(xlsx)
    csv_path = tmp_path / "plan.csv"
    csv_path.write_text(render_plan(plan, "csv", lang=lang).replace(
        plan.rows[1].action, plan.rows[0].action, 1), encoding="utf-8")
    md = tmp_path / "plan.md"
    md.write_bytes(b"\xff\xfe broken")
    codes = set()
    for path in (xlsx, csv_path, md, tmp_path / "missing.csv", tmp_path / "plan.txt"):
        with pytest.raises(se.PlanError) as e:
            read_plan(path, std, plan)
        for p in e.value.problems:
            codes.add(p.text.code)
            assert p.text.code.startswith("planread."), p
            assert has_translation(p.text.code, lang)
            assert p.render(lang) != str(p), p
    assert {"planread.unknown_column", "planread.repeated", "planread.not_utf8",
            "planread.no_file", "planread.unknown_format"} <= codes


def test_the_cli_tells_a_bad_plan_in_the_run_language(std, plan, tmp_path):
    from typer.testing import CliRunner

    from seal_engine.cli import app

    out = tmp_path / "plan.xlsx"
    r = CliRunner().invoke(app, ["--lang", "es", "actions", str(HEALTH), "-o", str(out)])
    assert r.exit_code == 0, r.output
    es = words("es")
    first = openpyxl.load_workbook(out)[es.areas[ActionArea.policy_standards]]
    _edit_cell(out, es.areas[ActionArea.policy_standards], es.columns["end"], 2, "2099-Q9")
    assert first.max_row > 1
    r = CliRunner().invoke(app, ["--lang", "fr", "actions", str(HEALTH), "--plan", str(out)])
    assert r.exit_code == 1
    assert f"{es.areas[ActionArea.policy_standards]}!" in r.output
    assert f"fin{chr(0xa0)}: '2099-Q9' n'est pas un trimestre" in r.output, r.output


def test_an_english_file_reads_no_catalogue(std, health, plan, tmp_path):
    """Every language's words are read (three catalogues) only for a file that is not in
    English: an English plan reads as fast as before."""
    paths = [write_plan(plan, tmp_path / f"plan{s}", standard=std) for s in (".xlsx", ".csv",
                                                                           ".md")]
    known.cache_clear()
    for path in paths:
        assert read_plan(path, std, plan) == plan
        assert read_plan(path, std, assessment=health).rows == plan.rows
    assert known.cache_info().currsize == 0
    spanish = write_plan(plan, tmp_path / "plan-es.xlsx", standard=std, lang="es")
    assert read_plan(spanish, std, plan) == plan
    assert known.cache_info().currsize == 1


def test_the_plan_period_asked_for_is_refused_in_the_reader_language(health):
    from seal_engine.plans.model import default_period

    with pytest.raises(se.PlanError) as e:
        default_period(health.period, start="2026-Q5")
    (p,) = e.value.problems
    assert (p.text.code, p.field) == ("planperiod.bad_start", "start")
    assert p.message == "start '2026-Q5' is not a quarter; write it as YYYY-Qn, e.g. '2026-Q1'"
    assert p.render("es").endswith("inicio '2026-Q5': no es un trimestre; escríbalo con el "
                                   "formato YYYY-Qn, por ejemplo '2026-Q1'")
    with pytest.raises(se.PlanError) as e:
        default_period(health.period, quarters=41)
    assert e.value.problems[0].render("pt").endswith(
        "trimestres 41: fora do intervalo; indique de 1 a 40")
    late = health.period.model_copy(update={"start": health.period.start.replace(year=9999),
                                            "end": health.period.end.replace(year=9999)})
    with pytest.raises(se.PlanError) as e:
        default_period(late, assessment=health)
    (p,) = e.value.problems
    assert p.text.code == "planperiod.beyond_period"
    # the date the assessment period ends on, as French writes it
    assert p.render("fr").endswith(
        "se termine le 31 décembre 9999\u00a0; indiquez --start, ou corrigez la période")
