"""A plan as an Excel workbook for the focal point to edit, and the edited workbook read back.

Writing needs openpyxl (``pip install 'seal-engine[xlsx]'``); every text cell goes through
:func:`seal_engine.render.tabular.xlsx_value`, so that no institution name, action title or
plan cell becomes a live formula; the summary's own formulas are written as formulas.  Reading
uses the bounded reader :mod:`seal_engine._xlsx`: only the cells the file holds are read,
within limits on what it inflates to, and a renamed or unexpected sheet, merged cells, formulas
where values are expected and values outside the plan's columns are each reported where they
are.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from .._cells import openpyxl, unsafe_text, xlsx_value
from .._xlsx import Workbook, XlsxError, column_letter
from ..errors import PlanError, Problem, SealError
from ..messages import Ids, say
from ..models import Standard
from .check import check_plan
from .columns import MAX_ROWS, SHEET_COLUMNS, cell_value, column_of
from .model import AREA_TITLES, ActionPlan
from .reading import Record, header_fields, problems_error
from .words import english, in_language, key, meaning, title_of, words

__all__ = ["SHEETS", "read_xlsx", "write_xlsx"]

SUMMARY = "Summary"
LIBRARY = "Action library"
#: The sheets of a plan workbook in English, in order (``words(lang).sheets`` in a language).
SHEETS = (SUMMARY, *AREA_TITLES.values(), LIBRARY)
_CENTRED = {"no", "unit", "baseline", "target", "start", "end", "status", "progress"}
_SPARE = 200  # rows below the plan that keep the validations, for rows added by hand
_HEAD_FILL = "1F4E79"


def _lines(value: Any, width: float) -> int:
    """About how many lines a wrapped cell of this width needs."""
    if value is None or isinstance(value, (int, float)):
        return 1
    per_line = max(1, int(width * 1.1) - 2)
    return sum(max(1, math.ceil(len(seg) / per_line)) for seg in str(value).split("\n"))


def _fit(width: float, *texts: Any, bold: bool = False) -> float:
    """``width``, or more where a word of ``texts`` (a header in some language, a pick list's
    label) would otherwise be cut in the middle: 'Avancement (%)' in a column of 10."""
    longest = max((len(word) for t in texts if t for word in str(t).split()), default=0)
    return max(width, round(longest * (1.25 if bold else 1.1) + 2, 1))


class _Writer:
    """Puts values into cells, text always kept as text."""

    def __init__(self, ws):
        self.ws = ws

    def put(self, row: int, column: int, value: Any):
        where = f"{self.ws.title}!{column_letter(column)}{row}"
        try:
            safe = xlsx_value(value, where)
        except SealError as e:
            raise PlanError([Problem(p.message, field=p.field) for p in e.problems]) from None
        cell = self.ws.cell(row=row, column=column)
        cell.value = safe
        if isinstance(safe, str):
            cell.data_type = "s"  # never a formula, whatever openpyxl guesses
        return cell

    def formula(self, row: int, column: int, text: str):
        cell = self.ws.cell(row=row, column=column)
        cell.value = text
        return cell


def _ref(sheet: str) -> str:
    """A sheet named in a formula: quoted, its apostrophes doubled ('Bibliothèque d''actions')."""
    return "'" + sheet.replace("'", "''") + "'!"


def write_xlsx(plan: ActionPlan, path: Path, standard: Standard | None,
               lang: str = "en") -> None:
    """Write the plan workbook in ``lang``: a summary, one sheet per area, the action
    library."""
    xl = openpyxl()
    w_ = words(lang)
    from openpyxl.formatting.rule import CellIsRule, DataBarRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor=_HEAD_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    head_align = Alignment(wrap_text=True, vertical="center")
    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    issues = check_plan(plan, standard)
    quarters = plan.quarters()

    wb = xl.Workbook()
    summary = wb.active
    summary.title = w_.summary
    lib_rows = len(standard.actions) if standard else 0
    cols = {c.field: column_letter(n) for n, c in enumerate(SHEET_COLUMNS, start=1)}
    statuses = w_.statuses
    widths = {c.field: _fit(c.width, w_.columns[c.field], bold=True) for c in SHEET_COLUMNS}
    widths["status"] = _fit(widths["status"], *statuses.values())
    widths["unit"] = _fit(widths["unit"], *w_.units.values())
    head_height = 15 * max(2, *(_lines(w_.columns[c.field], widths[c.field] / 1.2)
                                for c in SHEET_COLUMNS)) + 2
    for area, title in w_.areas.items():
        ws = wb.create_sheet(title)
        w = _Writer(ws)
        rows = [r for r in plan.rows if r.area is area]
        for n, c in enumerate(SHEET_COLUMNS, start=1):
            cell = w.put(1, n, w_.columns[c.field])
            cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, \
                head_align, border
            ws.column_dimensions[column_letter(n)].width = widths[c.field]
        ws.row_dimensions[1].height = head_height
        for i, r in enumerate(rows, start=2):
            lines = 1
            for n, c in enumerate(SHEET_COLUMNS, start=1):
                value = cell_value(r, c.field, lang=lang)
                cell = w.put(i, n, value)
                cell.alignment = centred if c.field in _CENTRED else wrap
                cell.border = border
                lines = max(lines, _lines(value, widths[c.field]))
            # spreadsheet programs do not grow rows for wrapped text on opening: set the height
            ws.row_dimensions[i].height = 15 * min(lines, 12)
        last = len(rows) + 1 + _SPARE
        ws.freeze_panes = "D2"
        ws.auto_filter.ref = f"A1:{column_letter(len(SHEET_COLUMNS))}{max(2, len(rows) + 1)}"

        def validate(dv, col, ws=ws, last=last):
            dv.showErrorMessage = True
            dv.add(f"{cols[col]}2:{cols[col]}{last}")
            ws.add_data_validation(dv)

        validate(DataValidation(
            type="list", formula1='"' + ",".join(statuses.values()) + '"',
            allow_blank=True, errorTitle=w_.columns["status"], errorStyle="stop",
            error=w_("planfile.check.status",
                     statuses=Ids(items=list(statuses.values()), join="or"))),
            "status")
        validate(DataValidation(
            type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
            errorTitle=w_("planfile.check.progress_title"), error=w_("planfile.check.progress"),
            errorStyle="stop", promptTitle=w_("planfile.check.progress_title"),
            prompt=w_("planfile.check.progress_prompt")), "progress")
        q_list = '"' + ",".join(quarters) + '"'
        for col in ("start", "end"):
            validate(DataValidation(
                type="list", formula1=q_list, allow_blank=True,
                errorTitle=w_("planfile.check.quarter_title"), errorStyle="stop",
                error=w_("planfile.check.quarter", start=plan.start, end=plan.end)), col)
        validate(DataValidation(
            type="list", formula1='"' + ",".join(w_.units.values()) + '"', allow_blank=True,
            errorTitle=w_.columns["unit"], errorStyle="stop", error=w_("planfile.check.unit")),
            "unit")
        if lib_rows:
            # a warning, not a stop: an action of the institution's own has an id of its own
            validate(DataValidation(
                type="list", formula1=f"{_ref(w_.library)}$A$2:$A${lib_rows + 1}",
                allow_blank=False, errorTitle=w_.columns["action"], errorStyle="warning",
                error=w_("planfile.check.action", library=w_.library)), "action")
        rng = f"{cols['status']}2:{cols['status']}{last}"
        for status, colour in (("done", "C6EFCE"), ("in_progress", "FFEB9C"),
                               ("dropped", "D9D9D9")):
            ws.conditional_formatting.add(rng, CellIsRule(
                operator="equal", formula=[f'"{statuses[status]}"'],
                fill=PatternFill("solid", fgColor=colour, bgColor=colour)))
        ws.conditional_formatting.add(
            f"{cols['progress']}2:{cols['progress']}{last}",
            DataBarRule(start_type="num", start_value=0, end_type="num", end_value=100,
                        color="5B9BD5"))
        _print_setup(ws, "landscape", ws.PAPERSIZE_A3, title_row=True)

    shown = in_language(standard, lang)
    _summary(plan, shown, summary, cols, issues, path, head_font, head_fill, head_align,
             border, wrap, w_)
    if standard:
        _library(wb.create_sheet(w_.library), shown, head_font, head_fill, head_align, wrap, w_)
    wb.save(path)


def _summary(plan, standard, summary, cols, issues, path, head_font, head_fill, head_align,
             border, wrap, w_) -> None:
    from openpyxl.styles import Font

    w = _Writer(summary)
    lb = w_.labels
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}
    heads = [w_(f"planfile.head.{h}") for h in (
        "area", "actions", "planned", "in_progress", "done", "dropped", "progress")]
    summary.column_dimensions["A"].width = _fit(28, *w_.areas.values())
    for col in "BCDEFG":
        summary.column_dimensions[col].width = _fit(14, *heads[1:], bold=True)
    w.put(1, 1, w_("planfile.title", institution=plan.institution.name)).font = \
        Font(bold=True, size=14)
    info = [
        (lb["institution"], f"{plan.institution.name} ({plan.institution.country})"),
        (lb["standard"], f"{plan.standard.id} v{plan.standard.version}"
                         + (f" — {standard.title}" if standard else "")),
        (lb["assessment"], plan.assessment),
        (lb["period"], f"{plan.start} – {plan.end}"),
        (lb["level"], titles.get(plan.level, plan.level) if plan.level
         else w_("planfile.no_level")),
        (lb["target"], titles.get(plan.target, plan.target) if plan.target
         else w_("planfile.no_target")),
    ]
    n = 3
    for k, v in info:
        w.put(n, 1, k).font = Font(bold=True)
        w.put(n, 2, v)
        n += 1
    n += 1
    for i, h in enumerate(heads, start=1):
        c = w.put(n, i, h)
        c.font, c.fill, c.alignment, c.border = head_font, head_fill, head_align, border
    summary.row_dimensions[n].height = 30
    first_area_row = n + 1
    labels = w_.statuses
    for title in w_.areas.values():
        n += 1
        ref = _ref(title)
        st = f"{ref}${cols['status']}$2:${cols['status']}$1000"
        pr = f"{ref}${cols['progress']}$2:${cols['progress']}$1000"
        ids = f"{ref}${cols['action']}$2:${cols['action']}$1000"
        w.put(n, 1, title).border = border
        formulas = [f"=COUNTA({ids})"] + [
            f'=COUNTIF({st},"{lab}")' for lab in labels.values()] + [
            f'=IFERROR(ROUND(AVERAGEIFS({pr},{st},"<>{labels["dropped"]}",{ids},"<>"),0),"")']
        for i, f in enumerate(formulas, start=2):
            w.formula(n, i, f).border = border
    n += 1
    w.put(n, 1, w_("planfile.total")).font = Font(bold=True)
    summary.cell(row=n, column=1).border = border
    for i in range(2, 7):
        letter = column_letter(i)
        c = w.formula(n, i, f"=SUM({letter}{first_area_row}:{letter}{n - 1})")
        c.font, c.border = Font(bold=True), border
    n += 2
    notes: list[tuple[str, list[str]]] = []
    if plan.notes:
        notes.append((w_("planfile.about"), list(plan.notes)))
    notes.append((w_("planfile.smart"),
                  [i.render(w_.lang) for i in issues] or [w_("planfile.smart_ok")]))
    if plan.answer_first:
        notes.append((w_("planfile.answer_first"),
                      [f"{x.benchmark} {title_of(standard, x.benchmark, x.title)}: {x.note}"
                       for x in plan.answer_first]))
    if plan.uncovered:
        notes.append((w_("planfile.uncovered"), [
            w_("planfile.uncovered_sheet", ids=Ids(items=list(plan.uncovered)))]))
    if plan.set_aside:
        notes.append((w_("planfile.set_aside"),
                      [f"{s.action} {title_of(standard, s.action, s.title)}: {s.note}"
                       for s in plan.set_aside]))
    notes.append((w_("planfile.howto"), [
        w_("planfile.howto.edit"),
        w_("planfile.howto.ids", action=w_.columns["action"], library=w_.library),
        w_("planfile.howto.names"),
        w_("planfile.howto.done"),
        w_("planfile.howto.read", file=path.name),
    ]))
    for head, lines in notes:
        w.put(n, 1, head).font = Font(bold=True)
        n += 1
        for ln in lines:
            summary.merge_cells(start_row=n, start_column=1, end_row=n, end_column=7)
            w.put(n, 1, ln).alignment = wrap
            summary.row_dimensions[n].height = 15 * _lines(ln, 28 + 6 * 14)
            n += 1
        n += 1
    _print_setup(summary, "portrait", summary.PAPERSIZE_A4)


def _library(lib, standard: Standard, head_font, head_fill, head_align, wrap, w_) -> None:
    from openpyxl.styles import Alignment

    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    w = _Writer(lib)
    efforts = [w_(f"effort.{e}") for e in ("low", "medium", "high")]
    lib_cols = [(h, _fit(_fit(width, h, bold=True), *values)) for h, width, values in (
        (w_.columns["action"], 11, ()), (w_("planfile.lib.title"), 44, ()),
        (w_.columns["area"], 22, ()), (w_.columns["benchmarks"], 13, ()),
        (w_.columns["indicator"], 36, ()), (w_("planfile.lib.duration"), 11, ()),
        (w_("planfile.lib.effort"), 9, efforts), (w_("planfile.lib.responsible"), 24, ()))]
    for i, (h, width) in enumerate(lib_cols, start=1):
        c = w.put(1, i, h)
        c.font, c.fill, c.alignment = head_font, head_fill, head_align
        lib.column_dimensions[column_letter(i)].width = width
    lib.row_dimensions[1].height = 32
    for r, a in enumerate(standard.actions, start=2):
        vals = [a.id, a.title, w_.areas[a.area], "\n".join(a.benchmarks),
                a.indicator.text if a.indicator else None, a.duration_quarters,
                w_(f"effort.{a.effort}"), a.responsible]
        for i, v in enumerate(vals, start=1):
            w.put(r, i, v).alignment = centred if i in (6, 7) else wrap
        lib.row_dimensions[r].height = 15 * max(
            _lines(str(v), width) for v, (_h, width) in zip(vals, lib_cols, strict=True)
            if v is not None)
    lib.freeze_panes = "B2"
    _print_setup(lib, "landscape", lib.PAPERSIZE_A4, title_row=True)


def _print_setup(ws, orientation: str, paper: int, title_row: bool = False) -> None:
    """Print one page wide, as many pages long as needed, the header on each page."""
    ws.page_setup.orientation = orientation
    ws.page_setup.paperSize = paper
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_row:
        ws.print_title_rows = "1:1"


# ------------------------------------------------------------------------------ reading


def _sheet_of(name: str) -> Any:
    """The plan sheet a sheet name is, in any of the programme's languages, letter case and
    spaces aside: an area, ``"summary"``, ``"library"`` or ``None``."""
    return meaning("sheets", key(name))


def read_xlsx(content: bytes, name: str) -> tuple[list[Record], dict[str, str]]:
    """The records of an edited plan workbook and what its summary says (plan period,
    assessment, level reached, target level).  Raises :class:`PlanError` naming the sheet and
    cell of every problem."""
    try:
        wb = Workbook(content)
    except XlsxError as e:
        raise PlanError(Problem(e.message, file=name)) from None
    try:
        return _read(wb, name)
    except XlsxError as e:
        raise PlanError(Problem(e.message, file=name, line=e.row, column=e.column,
                                field=e.field)) from None
    finally:
        wb.close()


def _read(wb: Workbook, name: str) -> tuple[list[Record], dict[str, str]]:
    problems: list[Problem] = []
    found = False
    out: list[Record] = []
    header: dict[str, str] = {}
    renamed: list[Problem] = []
    for sheet in wb.sheets:
        kind = _sheet_of(sheet.name) if sheet.kind == "worksheet" else None
        if kind is None:
            problem, holds_rows = _unexpected(wb, sheet, name)
            problems.append(problem)
            if holds_rows:
                renamed.append(problem)
            continue
        if kind == "summary":
            header = _summary_values(wb, sheet)
            continue
        if kind == "library":
            continue
        found = True
        for ref in wb.merged(sheet):
            problems.append(Problem(say("planread.merged"), file=name,
                                    field=f"{sheet.name}!{ref}"))
        out.extend(_area_records(wb, sheet, kind, name, problems, len(out)))
    if not found:
        raise PlanError([Problem(say("planread.no_area_sheet", names=_sheet_names(areas=True)),
                                 file=name), *renamed])
    if problems:
        raise problems_error(problems)
    return out, header


def _sheet_names(areas: bool = False) -> Ids:
    """The sheets of a plan workbook (or only its area sheets), quoted, in the reader's
    language when rendered."""
    codes = [f"planfile.area.{a.value}" for a in AREA_TITLES]
    if not areas:
        codes = ["planfile.sheet.summary", *codes, "planfile.sheet.library"]
    return Ids(items=[say("planread.quoted", text=say(c)) for c in codes])


def _unexpected(wb: Workbook, sheet, name: str) -> tuple[Problem, bool]:
    if sheet.kind == "worksheet":
        first = next(iter(wb.rows(sheet, max_rows=1)), (0, []))
        if any(getattr(column_of(c.value), "field", None) == "action" for c in first[1]):
            return Problem(say("planread.rows_elsewhere", sheet=repr(sheet.name),
                               areas=Ids(items=[say(f"planfile.area.{a.value}")
                                                for a in AREA_TITLES])),
                           file=name, field=sheet.name), True
    return Problem(say("planread.other_sheet", sheet=repr(sheet.name),
                       expected=_sheet_names()), file=name, field=sheet.name), False


def _summary_values(wb: Workbook, sheet) -> dict[str, str]:
    """What the summary's first rows say (column A's label, in any language, as ``period``,
    ``level``, ``target``..., to column B's value)."""
    pairs: list[tuple[str, str]] = []
    for row, cells in wb.rows(sheet, max_rows=60):
        if row > 12:
            break
        by_col = {c.column: c for c in cells}
        a, b = by_col.get(1), by_col.get(2)
        if a and b and isinstance(a.value, str) and isinstance(b.value, str) and not b.formula:
            pairs.append((key(a.value), unsafe_text(b.value)))
    # the English labels first: an English summary (all of them English) reads no catalogue
    out = {english().labels[k]: v for k, v in pairs if k in english().labels}
    if not {"period", "level", "target"} <= set(out):
        out.update((meaning("labels", k), v) for k, v in pairs if meaning("labels", k))
    return out


def _area_records(wb: Workbook, sheet, area, name: str, problems: list[Problem],
                  so_far: int) -> list[Record]:
    title = sheet.name
    out: list[Record] = []
    mapping: dict[int, str] | None = None
    titles: dict[str, str] = {}
    cols: dict[str, int] = {}
    for row, cells in wb.rows(sheet, max_rows=10 * MAX_ROWS):
        if mapping is None:
            if row != 1:
                problems.append(Problem(say("planread.header_row"), file=name, line=row,
                                        field=f"{title}!A{row}"))
                return out
            head = {c.column: c for c in cells}
            width = max(head, default=0)
            values = [head[i].value if i in head else None for i in range(1, width + 1)]
            try:
                mapping = {i + 1: f for i, f in header_fields(values, lambda i: {
                    "file": name, "line": 1, **({"column": i + 1} if i >= 0 else {}),
                    "field": f"{title}!{column_letter(i + 1) if i >= 0 else 'A'}1"}).items()}
            except PlanError as e:
                problems.extend(e.problems)
                return out
            titles = {f: str(head[i].value).strip() for i, f in mapping.items()}
            cols = {f: i for i, f in mapping.items()}
            continue
        values: dict[str, Any] = {}
        for c in cells:
            where = f"{title}!{c.ref}"
            field = mapping.get(c.column)
            shown = f" ({titles[field]})" if field else ""
            if c.formula is not None:
                problems.append(Problem(
                    say("planread.formula", formula=c.formula[:60]), file=name, line=c.row,
                    column=c.column, field=where + shown))
            elif c.error is not None:
                problems.append(Problem(
                    say("planread.cell_error", error=c.error[:20]), file=name, line=c.row,
                    column=c.column, field=where + shown))
            elif c.bad_number is not None:
                problems.append(Problem(
                    say("planread.not_finite", value=repr(c.bad_number)), file=name,
                    line=c.row, column=c.column, field=where + shown))
            elif field is None:
                if not (isinstance(c.value, str) and not c.value.strip()):
                    problems.append(Problem(say("planread.untitled"), file=name, line=c.row,
                                            column=c.column, field=where))
            else:
                values[field] = unsafe_text(c.value) if isinstance(c.value, str) else c.value
        if not any(v is not None and str(v).strip() for v in values.values()):
            continue
        if so_far + len(out) >= MAX_ROWS:
            problems.append(Problem(say("planread.workbook_rows", most=MAX_ROWS), file=name,
                                    line=row, field=title))
            return out

        def where(f, n=row, cols=cols, titles=titles):
            col = cols.get(f)
            cell = f"{column_letter(col)}{n}" if col else str(n)
            return {"file": name, "line": n, "column": col,
                    "field": f"{title}!{cell} ({titles.get(f, f)})", "sheet": title}

        out.append(Record(values, where, area))
    return out
