"""The questionnaire as an Excel workbook, to fill in offline and read back.

:func:`questionnaire_workbook` writes one sheet per dimension: each benchmark as a heading
row, each question as a row with its id (column B), its text (C), the answer cell (D) and what
is allowed (E).  Choices are drop-down lists (data validation on a hidden ``lists`` sheet, by
label); a multiple choice is one row per choice, answered yes or left empty; whole numbers,
numbers, percentages (0-100) and dates are validated with their range; a table question is a
range of rows under a header of its column titles, named ``T_<question id>`` in the workbook,
each column validated.  A hidden ``seal`` sheet names the standard and version (and the
assessment, when the workbook was filled in from one) and the language of the workbook's own
words: its headings, hints and the words typed into answer cells (yes, no, none of these) come
from the engine's catalogue (:mod:`seal_engine.messages.forms`) in the language asked for, and
are read back in that language (the English words are read too).

:func:`read_questionnaire` reads a filled-in workbook back with the bounded reader of
:mod:`seal_engine._xlsx` (the file is untrusted): rows are matched by the question ids the
writer put in column B, never by position, each value converted and checked against its
question as ``seal validate`` checks it, every problem located by file, sheet, row and column.
What is written and read back is the same answers exactly.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from typing import Any

from .._xlsx import Workbook, XlsxError, column_letter, sheet_ref
from ..errors import Problem, install_hint
from ..messages import Ids, Message, num, render_message, say
from ..models import Column, Question, QuestionType, Standard
from .submissions import SubmissionError

__all__ = ["QuestionnaireAnswers", "is_questionnaire", "questionnaire_meta",
           "questionnaire_workbook", "read_questionnaire"]

KIND = "seal-questionnaire"
SEAL_SHEET = "seal"
LISTS_SHEET = "lists"
#: Empty rows offered under a table beyond the rows already answered.
TABLE_ROWS = 15
_ANSWER = 4  # column D
_FIRST_CELL = 4  # tables: first column of cells (D)
_CHOICE_MARK = " = "  # column B of a multiple choice's row: '<question id> = <choice value>'
_ROW_MARK = " # "  # column B of a table's row: '<question id> # <n>'
_COLUMNS_MARK = " : columns"  # column B of a table's hidden row of column ids
#: What the question row of a multiple choice says when none of the choices applies (in
#: English; a workbook in another language says it in its language, see :class:`Words`).
NONE = "none of these"


@dataclass(frozen=True)
class Words:
    """The workbook's own words in ``lang``: each a message of the engine's catalogue."""

    lang: str = "en"

    def __call__(self, code: str, /, **params: Any) -> str:
        return render_message(say(code, **params), lang=self.lang)

    @property
    def yes(self) -> str:
        return self("forms.wb.yes")

    @property
    def no(self) -> str:
        return self("forms.wb.no")

    @property
    def none(self) -> str:
        return self("forms.wb.none")

    def said(self, text: str, code: str) -> bool:
        """Whether a cell's ``text`` is the word of ``code``, in this language or English."""
        t = text.strip().lower()
        return t in {self(code).lower(), render_message(say(code)).lower()}


def _yes_q(words: Words) -> Question:
    return Question(id="yes", type=QuestionType.single_choice, text="yes",
                    choices=[{"value": "yes", "label": words.yes}])


def _none_q(words: Words) -> Question:
    return Question(id="none", type=QuestionType.single_choice, text="none",
                    choices=[{"value": "none", "label": words.none},
                             {"value": "some", "label": "-"}])


def _openpyxl():
    try:
        import openpyxl
    except ImportError as e:
        raise ImportError("writing the questionnaire as a workbook needs openpyxl: "
                          f"{install_hint('xlsx')}") from e
    return openpyxl


def _sheet_titles(standard: Standard) -> dict[str, str]:
    """Dimension id -> a sheet title (at most 31 characters, none of []:*?/\\, unique)."""
    out: dict[str, str] = {}
    for d in standard.dimensions:
        base = re.sub(r"[\[\]:*?/\\']", " ", f"{d.ref or d.id} {d.title}").strip()[:31].strip()
        title, n = base, 2
        while title.lower() in {t.lower() for t in out.values()} or title.lower() in (
                SEAL_SHEET, LISTS_SHEET):
            title = f"{base[:28]} {n}"
            n += 1
        out[d.id] = title
    return out


def _hint(standard: Standard, q: Question | Column, words: Words = Words()) -> str:
    w = words
    if q.type is QuestionType.multiple_choice:
        return w("forms.wb.hint.multiple_choice", yes=w.yes, none=w.none)
    if q.type is QuestionType.yes_no:
        hint = w("forms.wb.hint.yes_no", yes=w.yes, no=w.no)
    else:
        hint = w(f"forms.wb.hint.{q.type.value}", lo=num(0), hi=num(100))
    lo, hi = q.min, q.max
    if q.type is QuestionType.percent:
        lo, hi = (0 if lo is None else lo), (100 if hi is None else hi)
        hint = w("forms.wb.hint.percent", lo=num(lo), hi=num(hi))
    elif lo is not None and hi is not None:
        hint = w("forms.wb.hint.between", hint=hint, lo=num(lo), hi=num(hi))
    elif lo is not None:
        hint = w("forms.wb.hint.at_least", hint=hint, lo=num(lo))
    elif hi is not None:
        hint = w("forms.wb.hint.at_most", hint=hint, hi=num(hi))
    if q.unit:
        hint = w("forms.wb.hint.unit", hint=hint, unit=q.unit)
    limit = q.text_limit if isinstance(q, Question) else None
    if limit:
        hint = w("forms.wb.hint.length", hint=hint, n=limit)
    return hint


def _labels(standard: Standard, q: Question | Column, words: Words = Words()
            ) -> list[tuple[str, str]]:
    if q.type is QuestionType.yes_no:
        return [("yes", words.yes), ("no", words.no)]
    return [(c.value, c.label or c.value) for c in standard.question_choices(q) or []]


def _put(ws, row: int, col: int, value: Any, *, date: bool = False):
    cell = ws.cell(row, col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the text starts with
    else:
        cell.value = value
    if date:
        cell.number_format = "yyyy-mm-dd"
    return cell


class _Writer:
    def __init__(self, standard: Standard, words: Words):
        self.openpyxl = _openpyxl()
        from openpyxl.worksheet.datavalidation import DataValidation

        self.DV = DataValidation
        self.standard = standard
        self.words = words
        self.wb = self.openpyxl.Workbook()
        self.lists = self.wb.active
        self.lists.title = LISTS_SHEET
        self.list_ranges: dict[tuple, str] = {}
        self.list_col = 0

    def choice_range(self, q: Question | Column) -> str:
        labels = tuple(label for _v, label in _labels(self.standard, q, self.words))
        if labels not in self.list_ranges:
            self.list_col += 1
            letter = column_letter(self.list_col)
            for i, label in enumerate(labels, 1):
                _put(self.lists, i, self.list_col, label)
            self.list_ranges[labels] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(labels)}"
        return self.list_ranges[labels]

    def validation(self, ws, q: Question | Column, ref: str) -> None:
        t = q.type
        w = self.words
        dv = None
        if t in (QuestionType.yes_no, QuestionType.single_choice):
            dv = self.DV(type="list", formula1=self.choice_range(q), allow_blank=True,
                         showErrorMessage=True, errorTitle=w("forms.wb.dv.list_title"),
                         error=w("forms.wb.dv.list"))
        elif t in (QuestionType.integer, QuestionType.number, QuestionType.percent):
            lo, hi = q.min, q.max
            if t is QuestionType.percent:
                lo, hi = (0 if lo is None else lo), (100 if hi is None else hi)
            kind = "whole" if t is QuestionType.integer else "decimal"
            lo = -999_999_999_999 if lo is None else lo
            hi = 999_999_999_999 if hi is None else hi
            dv = self.DV(type=kind, operator="between", formula1=_f(lo), formula2=_f(hi),
                         allow_blank=True, showErrorMessage=True,
                         errorTitle=w("forms.wb.dv.range_title"),
                         error=w("forms.wb.dv.range", hint=_hint(self.standard, q, w)))
        elif t is QuestionType.date:
            dv = self.DV(type="date", operator="between", formula1="32874", formula2="73415",
                         allow_blank=True, showErrorMessage=True,
                         errorTitle=w("forms.wb.dv.date_title"), error=w("forms.wb.dv.date"))
        elif isinstance(q, Question) and q.text_limit:
            dv = self.DV(type="textLength", operator="lessThanOrEqual",
                         formula1=str(q.text_limit), allow_blank=True, showErrorMessage=True,
                         errorTitle=w("forms.wb.dv.length_title"),
                         error=w("forms.wb.dv.length", n=q.text_limit))
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(ref)


def _f(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _shown(standard: Standard, q: Question | Column, value: Any, words: Words = Words()
           ) -> Any:
    """An answer as its cell shows it: a choice by its label, a date as a date."""
    if value is None:
        return None
    if q.type in (QuestionType.yes_no, QuestionType.single_choice):
        if isinstance(value, bool):
            value = "yes" if value else "no"
        return dict(_labels(standard, q, words)).get(value, value)
    if q.type is QuestionType.date and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def questionnaire_workbook(standard: Standard, answers: dict[str, Any] | None = None, *,
                           assessment: str | None = None, lang: str = "en") -> bytes:
    """The questionnaire of ``standard`` as an ``.xlsx`` workbook (see the module), with
    ``answers`` (question id -> answer as stored) filled in when given; ``assessment`` names
    the assessment they are from; ``lang``: the language of the workbook's own words
    (headings, hints, yes and no; the standard's texts are the standard's, translate it
    first for another language)."""
    from ..messages import resolve_language

    words = Words(resolve_language(lang, environ={}))
    w = _Writer(standard, words)
    answers = answers or {}
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.workbook.defined_name import DefinedName

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE6F0")
    table_fill = PatternFill("solid", fgColor="F2F2F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    titles = _sheet_titles(standard)
    first = None
    for d in standard.dimensions:
        ws = w.wb.create_sheet(titles[d.id])
        first = first or ws
        _put(ws, 1, 1, f"{standard.title} ({standard.id} v{standard.version})").font = bold
        _put(ws, 2, 1, f"{d.ref + '. ' if d.ref else ''}{d.title}").font = Font(bold=True,
                                                                                 size=13)
        for i, h in enumerate(("benchmark", "question_id", "question", "answer", "help"), 1):
            c = _put(ws, 4, i, words(f"forms.wb.head.{h}"))
            c.font, c.fill = bold, head_fill
        r = 5
        for b in d.benchmarks:
            c = _put(ws, r, 1, f"{b.ref + ' ' if b.ref else ''}{b.title}")
            c.font = bold
            _put(ws, r, 2, b.id)
            r += 1
            for q in b.questions:
                r = _question(w, ws, r, q, answers.get(q.id), wrap, bold, table_fill)
            r += 1
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 18
        ws.column_dimensions["C"].width = 60
        ws.column_dimensions["D"].width = 22
        ws.column_dimensions["E"].width = 40
        ws.freeze_panes = "C5"
        for (name, ref) in getattr(ws, "_seal_tables", []):
            w.wb.defined_names[name] = DefinedName(name, attr_text=ref)
    seal = w.wb.create_sheet(SEAL_SHEET)
    for row in (("kind", KIND), ("standard", standard.id), ("version", standard.version),
                ("assessment", assessment or ""), ("locale", standard.locale),
                ("lang", words.lang)):
        seal.append(list(row))
    seal.sheet_state = "hidden"
    w.lists.sheet_state = "hidden"
    w.wb.move_sheet(w.lists, offset=len(w.wb.sheetnames))
    w.wb.active = w.wb.sheetnames.index(first.title)
    out = io.BytesIO()
    w.wb.save(out)
    return out.getvalue()


def _question(w: _Writer, ws, r: int, q: Question, value: Any, wrap, bold, table_fill) -> int:
    s, words = w.standard, w.words
    _put(ws, r, 2, q.id)
    _put(ws, r, 3, q.text if q.required else words("forms.wb.optional", text=q.text)
         ).alignment = wrap
    help_text = _hint(s, q, words) if q.type is not QuestionType.table else \
        words("forms.wb.table_help")
    if q.help:
        help_text += f". {q.help}"
    _put(ws, r, 5, help_text).alignment = wrap
    if q.type is QuestionType.multiple_choice:
        chosen = set(value or [])
        _put(ws, r, _ANSWER, words.none if value == [] else None)
        w.validation(ws, _none_q(words), f"D{r}")
        for v, label in _labels(s, q, words):
            r += 1
            _put(ws, r, 2, f"{q.id}{_CHOICE_MARK}{v}")
            _put(ws, r, 3, f"    {label}").alignment = wrap
            _put(ws, r, _ANSWER, words.yes if v in chosen else None)
            w.validation(ws, _yes_q(words), f"D{r}")
        return r + 1
    if q.type is QuestionType.table:
        cols = q.columns or []
        rows = list(value or [])
        r += 1
        _put(ws, r, 2, f"{q.id}{_COLUMNS_MARK}")
        for j, c in enumerate(cols):
            _put(ws, r, _FIRST_CELL + j, c.id)
        ws.row_dimensions[r].hidden = True
        r += 1
        _put(ws, r, 3, words("forms.wb.table_rows")).font = bold
        for j, c in enumerate(cols):
            cell = _put(ws, r, _FIRST_CELL + j, c.title or c.id)
            cell.font, cell.fill, cell.alignment = bold, table_fill, wrap
            if ws.column_dimensions[column_letter(_FIRST_CELL + j)].width in (None, 13):
                ws.column_dimensions[column_letter(_FIRST_CELL + j)].width = 20
        top = r + 1
        for n in range(1, len(rows) + TABLE_ROWS + 1):
            r += 1
            _put(ws, r, 2, f"{q.id}{_ROW_MARK}{n}")
            row = rows[n - 1] if n <= len(rows) else {}
            for j, c in enumerate(cols):
                _put(ws, r, _FIRST_CELL + j, _shown(s, c, row.get(c.id), words),
                     date=c.type is QuestionType.date)
        last_col = column_letter(_FIRST_CELL + len(cols) - 1)
        for j, c in enumerate(cols):
            letter = column_letter(_FIRST_CELL + j)
            w.validation(ws, c, f"{letter}{top}:{letter}{r}")
        name = "T_" + re.sub(r"[^A-Za-z0-9_]", "_", q.id)
        ref = f"'{ws.title}'!$D${top}:${last_col}${r}"
        ws._seal_tables = [*getattr(ws, "_seal_tables", []), (name, ref)]
        return r + 1
    cell = _put(ws, r, _ANSWER, _shown(s, q, value, words), date=q.type is QuestionType.date)
    cell.alignment = wrap
    w.validation(ws, q, f"D{r}")
    return r + 1


# ------------------------------------------------------------------------ reading back


@dataclass
class QuestionnaireAnswers:
    """A filled-in workbook read back: the standard and version it is of, the assessment it
    names (if it was filled in from one), the answers given and the questions left empty
    (question id -> where)."""

    source: str
    standard_id: str
    version: int
    assessment: str | None
    answers: dict[str, Any] = field(default_factory=dict)
    located: dict[str, Message] = field(default_factory=dict)  # question id -> where
    empty: dict[str, Message] = field(default_factory=dict)
    cells: dict[str, tuple[str, int, int | None]] = field(default_factory=dict)


def questionnaire_meta(content: bytes) -> dict[str, Any] | None:
    """What the hidden sheet of a questionnaire workbook says (``kind``, ``standard``,
    ``version``, ``assessment``), or ``None`` when ``content`` is not one."""
    try:
        wb = Workbook(content)
        try:
            sheet = next((s for s in wb.sheets if s.name == SEAL_SHEET), None)
            meta = {} if sheet is None else {
                str(cells[0].value): cells[1].value
                for _r, cells in wb.rows(sheet, max_rows=50)
                if len(cells) >= 2 and cells[0].column == 1}
        finally:
            wb.close()
    except XlsxError:
        return None
    return meta if meta.get("kind") == KIND else None


def is_questionnaire(content: bytes) -> bool:
    """Whether ``content`` is a questionnaire workbook this module wrote."""
    return questionnaire_meta(content) is not None


def _place(source: str, sheet: str, row: int, col: int | None) -> Message:
    """Where an answer is in the workbook (``source``), as a message: sheet, row and cell."""
    if col:
        return say("forms.at.sheet_row_cell", sheet=repr(sheet), row=row,
                   cell=f"{column_letter(col)}{row}")
    return say("forms.at.sheet_row", sheet=repr(sheet), row=row)


def _located(source: str, sheet: str, row: int, col: int | None, message,
             record_id: str | None = None) -> Problem:
    """A problem at a cell (or a row) of the workbook; its field says the sheet and cell as a
    spreadsheet does (``'1 Leadership'!D7``, the same in every language)."""
    return Problem(message, file=source, line=row, column=col,
                   field=sheet_ref(sheet) + (f"!{column_letter(col)}{row}" if col else ""),
                   record_id=record_id)


def read_questionnaire(content: bytes, name: str, standard: Standard | None = None
                       ) -> QuestionnaireAnswers:
    """The answers of a filled-in questionnaire workbook (see the module).  ``standard``,
    when given, must be the one the workbook names; raises
    :class:`~seal_engine.forms.SubmissionError` with every problem, located."""
    try:
        wb = Workbook(content)
    except XlsxError as e:
        raise SubmissionError(Problem(e.message, file=name)) from None
    try:
        return _read(wb, name, standard)
    except XlsxError as e:
        raise SubmissionError(Problem(e.message, file=name, line=e.row,
                                      field=e.field)) from None
    finally:
        wb.close()


def _read(wb: Workbook, name: str, standard: Standard | None) -> QuestionnaireAnswers:
    meta: dict[str, Any] = {}
    sheets = {s.name: s for s in wb.sheets}
    if SEAL_SHEET in sheets:
        for _r, cells in wb.rows(sheets[SEAL_SHEET], max_rows=50):
            if len(cells) >= 2 and cells[0].column == 1:
                meta[str(cells[0].value)] = cells[1].value
    if meta.get("kind") != KIND:
        raise SubmissionError(Problem(say("forms.wb.not_questionnaire", sheet=repr(SEAL_SHEET)),
                                      file=name))
    std_id = str(meta.get("standard") or "")
    raw_version = meta.get("version")
    version = int(raw_version) if isinstance(raw_version, (int, float)) or (
        isinstance(raw_version, str) and raw_version.isdigit()) else 0
    if standard is not None and (std_id, version) != (standard.id, standard.version):
        raise SubmissionError(_located(
            name, SEAL_SHEET, 2, 2,
            say("forms.wb.other_version", id=std_id, version=str(version), want_id=standard.id,
                want_version=str(standard.version))))
    if standard is None:
        import seal_engine as se

        standard = se.standard_from(f"{std_id}@{version}")
    locale = str(meta.get("locale") or "")
    if locale and locale != standard.locale:  # its choices are written in that language
        from ..loader.translations import translated_standard

        standard = translated_standard(standard, locale)
    out = QuestionnaireAnswers(name, std_id, version, str(meta.get("assessment") or "") or None)
    from ..messages import resolve_language

    words = Words(resolve_language(str(meta.get("lang") or "en"), environ={}))
    problems: list[Problem] = []
    titles = _sheet_titles(standard)
    for d in standard.dimensions:
        title = titles[d.id]
        if title not in sheets:
            problems.append(Problem(say("forms.wb.sheet_missing", sheet=repr(title),
                                        dimension=d.id), file=name))
            continue
        _read_sheet(wb, sheets[title], name, standard, d, out, problems, words)
    if problems:
        raise SubmissionError(problems)
    _check(standard, out, problems)
    if problems:
        raise SubmissionError(problems)
    return out


def _read_sheet(wb: Workbook, sheet, name: str, standard: Standard, d, out, problems,
                words: Words) -> None:
    questions = {q.id: q for b in d.benchmarks for q in b.questions}
    marks: dict[str, tuple] = {}
    for q in questions.values():
        marks[q.id] = ("q", q)
        if q.type is QuestionType.multiple_choice:
            for v, _label in _labels(standard, q):
                marks[f"{q.id}{_CHOICE_MARK}{v}"] = ("choice", q, v)
        if q.type is QuestionType.table:
            marks[f"{q.id}{_COLUMNS_MARK}"] = ("columns", q)
    columns: dict[str, dict[int, Column]] = {}
    seen: set[str] = set()
    none_said: set[str] = set()
    for row_no, cells in wb.rows(sheet):
        by_col = {c.column: c for c in cells}
        mark_cell = by_col.get(2)
        mark = str(mark_cell.value).strip() if mark_cell and mark_cell.value is not None else ""
        hit = marks.get(mark)
        if hit is None and _ROW_MARK in mark:
            qid, _sep, n = mark.partition(_ROW_MARK)
            if qid in questions and questions[qid].type is QuestionType.table and n.isdigit():
                hit = ("row", questions[qid])
        for c in cells:  # a formula or an error never stands for an answer
            if c.column >= _ANSWER and (c.formula or c.error) and hit is not None:
                problems.append(_located(name, sheet.name, row_no, c.column,
                                         say("forms.wb.formula")))
        if hit is None:
            continue
        kind, q = hit[0], hit[1]
        if kind == "q" and q.type not in (QuestionType.multiple_choice, QuestionType.table):
            seen.add(q.id)
            _single(name, sheet.name, row_no, by_col.get(_ANSWER), standard, q, out, problems,
                    words)
        elif kind == "q":
            seen.add(q.id)
            if q.type is QuestionType.multiple_choice:
                cell = by_col.get(_ANSWER)
                text = "" if cell is None or _blank(cell.value) else str(cell.value).strip()
                if words.said(text, "forms.wb.none"):
                    none_said.add(q.id)
                    out.answers[q.id] = []
                    out.located[q.id] = _place(name, sheet.name, row_no, _ANSWER)
                    out.cells[q.id] = (sheet.name, row_no, _ANSWER)
                elif text:
                    problems.append(_located(name, sheet.name, row_no, _ANSWER,
                                             say("forms.wb.expected_none", none=words.none,
                                                 got=repr(text)), q.id))
                else:
                    out.empty.setdefault(q.id, _place(name, sheet.name, row_no, None))
        elif kind == "choice":
            cell = by_col.get(_ANSWER)
            flag = _yes(cell.value if cell else None, words)
            if flag is None:
                problems.append(_located(name, sheet.name, row_no, _ANSWER,
                                         say("forms.wb.expected_yes", yes=words.yes,
                                             got=repr(cell.value)), q.id))
            elif flag and q.id in none_said:
                problems.append(_located(name, sheet.name, row_no, _ANSWER,
                                         say("forms.wb.ticked_but_none", none=words.none),
                                         q.id))
            elif flag:
                out.answers.setdefault(q.id, []).append(hit[2])
                out.empty.pop(q.id, None)
                out.located.setdefault(q.id, _place(name, sheet.name, row_no, _ANSWER))
                out.cells.setdefault(q.id, (sheet.name, row_no, _ANSWER))
        elif kind == "columns":
            ids = {c.column: str(c.value).strip() for c in cells if c.column >= _FIRST_CELL}
            known = {c.id: c for c in q.columns or []}
            columns[q.id] = {n: known[i] for n, i in ids.items() if i in known}
            seen.add(q.id)
            out.empty.setdefault(q.id, _place(name, sheet.name, row_no, None))
        elif kind == "row":
            cols = columns.get(q.id)
            if cols is None:
                problems.append(_located(name, sheet.name, row_no, 2,
                                         say("forms.wb.row_above_columns"), q.id))
                continue
            row = {}
            for n, col in cols.items():
                cell = by_col.get(n)
                if cell is None or _blank(cell.value):
                    continue
                value, why = _convert(standard, col, cell.value, words)
                if why:
                    problems.append(_located(name, sheet.name, row_no, n, why, q.id))
                else:
                    row[col.id] = value
            if row:
                out.answers.setdefault(q.id, []).append(row)
                out.empty.pop(q.id, None)
                out.located.setdefault(q.id, _place(name, sheet.name, row_no, None))
                out.cells.setdefault(q.id, (sheet.name, row_no, None))
    for qid, q in questions.items():
        if qid not in seen:
            problems.append(Problem(say("forms.wb.row_missing", question=qid,
                                        sheet=repr(sheet.name)), file=name, record_id=qid))
        elif q.type is QuestionType.multiple_choice and qid in out.answers:
            order = [v for v, _label in _labels(standard, q)]
            out.answers[qid] = sorted(out.answers[qid], key=order.index)


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _yes(v: Any, words: Words = Words()) -> bool | None:
    if _blank(v):
        return False
    t = str(v).strip().lower()
    if t in ("yes", "x", "1", "true") or words.said(t, "forms.wb.yes"):
        return True
    if t in ("no", "0", "false") or words.said(t, "forms.wb.no"):
        return False
    return None


def _single(name, sheet, row_no, cell, standard, q, out, problems, words) -> None:
    where = _place(name, sheet, row_no, _ANSWER)
    if cell is None or _blank(cell.value):
        out.empty[q.id] = where
        return
    value, why = _convert(standard, q, cell.value, words)
    if why:
        problems.append(_located(name, sheet, row_no, _ANSWER, why, q.id))
        return
    out.answers[q.id] = value
    out.located[q.id] = where
    out.cells[q.id] = (sheet, row_no, _ANSWER)


def _convert(standard: Standard, q: Question | Column, raw: Any, words: Words = Words()
             ) -> tuple[Any, Message | None]:
    t = q.type
    if t in (QuestionType.yes_no, QuestionType.single_choice):
        text = str(raw).strip()
        pairs = _labels(standard, q, words)
        if t is QuestionType.yes_no and words.lang != "en":  # the English words too
            pairs += _labels(standard, q)
        for v, label in pairs:
            if text == label or text == v:
                return v, None
        for v, label in pairs:
            if text.lower() in (label.lower(), v.lower()):
                return v, None
        shown = list(dict.fromkeys(label for _v, label in pairs))
        return None, say("forms.not_a_choice", value=repr(text), choices=Ids(items=shown))
    if t is QuestionType.integer:
        if isinstance(raw, float) and raw.is_integer():
            return int(raw), None
        if isinstance(raw, str) and re.fullmatch(r"\s*[-+]?\d+\s*", raw):
            return int(raw), None
        return None, say("forms.not_whole", got=repr(raw))
    if t in (QuestionType.number, QuestionType.percent):
        if isinstance(raw, bool):
            return None, say("forms.not_number", got=repr(raw))
        if isinstance(raw, str):
            text = raw.strip().rstrip("%").strip() if t is QuestionType.percent else raw.strip()
            try:
                raw = float(text)
            except ValueError:
                return None, say("forms.not_number", got=repr(raw))
        if not isinstance(raw, float) or not math.isfinite(raw):
            return None, say("forms.not_number", got=repr(raw))
        return (int(raw) if raw.is_integer() else raw), None
    if t is QuestionType.date:
        if isinstance(raw, float) and 1 <= raw < 2958466:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(raw)), None
        try:
            return dt.date.fromisoformat(str(raw).strip()[:10]), None
        except ValueError:
            return None, say("forms.not_date", got=repr(raw))
    if isinstance(raw, float):
        raw = str(int(raw)) if raw.is_integer() else repr(raw)
    return str(raw), None


def _check(standard: Standard, out: QuestionnaireAnswers, problems: list[Problem]) -> None:
    """Every answer checked against its question as ``seal validate`` checks it."""
    from .. import normalise_answers
    from .submissions import _probe

    _, found = normalise_answers(standard, _probe(standard, out.answers))
    for p in found:
        at = out.cells.get(p.record_id or "")
        if at is None:
            problems.append(Problem(p.text, file=out.source, record_id=p.record_id))
        else:
            problems.append(_located(out.source, *at, p.text, p.record_id))
