"""Submissions of the field form read back as answers, every problem located.

:func:`read_submissions` takes an export (see :mod:`.dialects`) and the standard the form was
generated from, matches the export's columns against the names that form gave its fields
(:mod:`.layout`; never by splitting a header), rebuilds multiple choices from their summary
column or their one-column-per-choice columns, joins repeat sheets (tables) to their
submission, drops a submission that a later edit replaced (``deprecatedID``), converts each
value to an answer as the questionnaire stores it and checks it against its question as
``seal validate`` does.  It returns the submissions and warnings, or raises
:class:`SubmissionError` with every problem found, located by file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from ..messages import Ids, Message, say
from ..models import Assessment, QuestionType, Standard
from .dialects import Export, SubmissionError, Table
from .layout import (
    INSTITUTION_FIELD,
    PERIOD_FIELD,
    STANDARD_FIELD,
    FormField,
    Repeat,
    form_layout,
)

__all__ = ["Submission", "SubmissionError", "SubmissionSet", "export_standard",
           "read_submissions"]

_META = {
    "start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
    "phonenumber", "audit", "KEY", "PARENT_KEY", "SubmissionDate", "SubmitterID",
    "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState",
    "DeviceID", "Edits", "FormVersion", "instanceID", "__id", "__system",
}
_INSTANCE = ("meta/instanceID", "meta-instanceID", "instanceID", "__id", "KEY")
_DEPRECATED = ("meta/deprecatedID", "meta-deprecatedID", "deprecatedID")


@dataclass(frozen=True)
class Where:
    """Where a value was read: the table and the row and column in it."""

    table: Table
    row: int
    index: int | None

    def problem(self, message, record_id: str | None = None) -> Problem:
        return self.table.problem(message, self.row, self.index, record_id)

    def place(self) -> Message:
        """Where it is in the file, as a message: sheet (of a workbook), row and column."""
        said: dict[str, Any] = {"row": self.row}
        code = "row"
        if self.table.sheet is not None:
            said["sheet"] = repr(self.table.sheet)
            code = "sheet_row"
        if self.index is not None:
            said["column"] = self.table.column_name(self.index)
            code += "_column"
        return say(f"forms.at.{code}", **said)

    def message(self) -> Message:
        """Where it is, the file named: 'kobo.xlsx, sheet 'main', row 3' in English."""
        return say("forms.in_file", file=self.table.source, place=self.place())

    def __str__(self) -> str:
        return str(self.message())


@dataclass
class Submission:
    """One submission: its instance id, where it is, what it is about (institution code and
    period, when the form says), and its answers (question id -> value as stored) with where
    each was read."""

    instance_id: str | None
    where: Where
    institution: str | None = None
    period: str | None = None
    standard: str | None = None  # the form's id@version, when the export has it
    answers: dict[str, Any] = field(default_factory=dict)
    located: dict[str, Where] = field(default_factory=dict)
    deprecated: str | None = None  # the submission this one is an edit of
    #: table question id -> (where the row was read, column id -> where each cell was read)
    table_rows: dict[str, list[tuple[Where, dict[str, Where]]]] = field(default_factory=dict)


@dataclass
class SubmissionSet:
    """What an export holds: its dialect, the submissions kept (an edited one replaces its
    earlier version), those replaced, and warnings (columns the form does not have, tables
    a CSV export cannot hold)."""

    dialect: str
    source: str
    submissions: list[Submission]
    replaced: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (
        isinstance(v, float) and math.isnan(v))


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def export_standard(export: Export) -> tuple[str | None, list[Problem]]:
    """The ``id@version`` the form's hidden field carries in every row of the export (None
    when the column is not there), and a problem for each row naming another one."""
    t = export.main
    if STANDARD_FIELD not in t.header:
        return None, []
    i = t.header.index(STANDARD_FIELD)
    tags = {}
    for row_no, cells in t.rows:
        v = cells[i] if i < len(cells) else None
        if not _empty(v):
            tags.setdefault(_text(v), []).append(row_no)
    if not tags:
        return None, []
    if len(tags) == 1:
        return next(iter(tags)), []
    first = next(iter(tags))
    return first, [t.problem(say("forms.other_form_version", tag=tag, first=first), rows[0], i)
                   for tag, rows in list(tags.items())[1:]]


# ------------------------------------------------------------------------ values


_INT = re.compile(r"^[-+]?\d+(\.0+)?$")
_NUM = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def _value(f: FormField, raw: Any, standard: Standard) -> tuple[Any, Message | None]:
    """(answer as stored, None) or (None, what is wrong)."""
    t = f.type
    if t in (QuestionType.yes_no, QuestionType.single_choice):
        v = _text(raw)
        if v in f.choices:
            return v, None
        return None, _not_a_choice(f, v, standard)
    if t is QuestionType.multiple_choice:
        values = raw if isinstance(raw, list) else _text(raw).split()
        bad = [v for v in values if v not in f.choices]
        if bad:
            return None, _not_a_choice(f, bad[0], standard)
        return [c for c in f.choices if c in values], None
    if t is QuestionType.integer:
        if isinstance(raw, bool):
            return None, say("forms.not_whole", got=repr(raw))
        if isinstance(raw, (int, float)) and float(raw).is_integer():
            return int(raw), None
        if isinstance(raw, str) and _INT.match(raw.strip()):
            return int(float(raw.strip())), None
        return None, say("forms.not_whole", got=repr(raw))
    if t in (QuestionType.number, QuestionType.percent):
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw):
            n = float(raw)
        elif isinstance(raw, str) and _NUM.match(raw.strip()):
            n = float(raw.strip())
        else:
            return None, say("forms.not_number", got=repr(raw))
        return (int(n) if n.is_integer() else n), None
    if t is QuestionType.date:
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 1 <= raw < 2958466:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(raw)), None  # Excel's serial
        text = _text(raw)
        try:
            return dt.date.fromisoformat(text[:10]), None
        except ValueError:
            return None, say("forms.not_date", got=repr(raw))
    return (raw if isinstance(raw, str) else _text(raw)), None


def _not_a_choice(f: FormField, value: str, standard: Standard) -> Message:
    q = f.column or f.question
    labels = {(c.label or c.value).lower(): c.value
              for c in (standard.question_choices(q) or [])}
    if f.type is QuestionType.yes_no:
        labels.update({"yes": "yes", "no": "no", "true": "yes", "false": "no"})
    code = "forms.not_a_choice"
    if value.lower() in labels or value.lower() in ("oui", "non", "sí", "si", "sim", "não"):
        code = "forms.not_a_choice_labels"
    return say(code, value=repr(value), choices=Ids(items=list(f.choices)))


def _flag(v: Any) -> bool | None:
    """A split multiple-choice cell: 1/0, True/False; None when empty."""
    if _empty(v):
        return None
    t = _text(v).lower()
    if t in ("1", "true"):
        return True
    if t in ("0", "false"):
        return False
    raise ValueError(t)


# ------------------------------------------------------------------------ columns


@dataclass
class _Columns:
    """A table's columns matched against fields: field name -> column index, the split
    columns of multiple choices, and the columns left over."""

    single: dict[str, int] = field(default_factory=dict)
    split: dict[str, dict[str, int]] = field(default_factory=dict)
    unknown: list[int] = field(default_factory=list)


def _match(table: Table, fields: tuple[FormField, ...], sep: str,
           within: tuple[str, ...] = ()) -> _Columns:
    wanted: dict[str, tuple[FormField, str | None]] = {}
    for f in fields:
        for h in f.headers(sep, within):
            wanted.setdefault(h, (f, None))
            if f.multiple:
                for c in f.choices:
                    for s in {"/", sep}:  # Kobo and Central both split with '/'
                        wanted.setdefault(f"{h}{s}{c}", (f, c))
    out = _Columns()
    for i, h in enumerate(table.header):
        hit = wanted.get(h)
        if hit is None:
            if h and not h.startswith("_") and h not in _META and not h.startswith(
                    ("meta/", "meta-", "formhub/", "SET-OF-", "seal_about")) \
                    and h not in (STANDARD_FIELD, INSTITUTION_FIELD, PERIOD_FIELD):
                out.unknown.append(i)
            continue
        f, choice = hit
        if choice is None:
            out.single.setdefault(f.name, i)
        else:
            out.split.setdefault(f.name, {}).setdefault(choice, i)
    return out


def _about(table: Table, sep: str) -> dict[str, int]:
    out = {}
    for name in (INSTITUTION_FIELD, PERIOD_FIELD):
        for h in (f"seal_about{sep}{name}", name):
            if h in table.header:
                out[name] = table.header.index(h)
                break
    return out


def _cell(cells: list[Any], i: int | None) -> Any:
    return cells[i] if i is not None and i < len(cells) else None


def _read_fields(table: Table, row_no: int, cells: list[Any], cols: _Columns,
                 fields: tuple[FormField, ...], standard: Standard,
                 problems: list[Problem]) -> tuple[dict[str, Any], dict[str, Where]]:
    values: dict[str, Any] = {}
    where: dict[str, Where] = {}
    for f in fields:
        i = cols.single.get(f.name)
        raw = _cell(cells, i)
        split = cols.split.get(f.name)
        if split and f.multiple:
            ticked, bad = [], False
            for choice, j in split.items():
                try:
                    flag = _flag(_cell(cells, j))
                except ValueError as e:
                    problems.append(table.problem(say("forms.flag", choice=repr(choice),
                                                      got=repr(e.args[0])), row_no, j,
                                                  f.question.id))
                    bad = True
                    continue
                if flag:
                    ticked.append(choice)
            if bad:
                continue
            if _empty(raw):
                if any(_cell(cells, j) not in (None, "") for j in split.values()):
                    raw = ticked
                    i = next(iter(split.values()))
            elif sorted(_text(raw).split()) != sorted(ticked) and any(
                    not _empty(_cell(cells, j)) for j in split.values()):
                problems.append(table.problem(
                    say("forms.split_disagree", value=repr(_text(raw)),
                        ticked=Ids(items=ticked)), row_no, i, f.question.id))
                continue
        if _empty(raw) or raw == []:
            continue
        value, why = _value(f, raw, standard)
        if why is not None:
            problems.append(table.problem(why, row_no, i, f.question.id))
            continue
        values[f.name] = value
        where[f.name] = Where(table, row_no, i)
    return values, where


# ------------------------------------------------------------------------ submissions


def _id_of(table: Table, cells: list[Any], names: tuple[str, ...]) -> str | None:
    for n in names:
        if n in table.header:
            v = _cell(cells, table.header.index(n))
            if not _empty(v):
                v = _text(v)
                return v if ":" in v or n != "_uuid" else f"uuid:{v}"
    return None


def _repeat_table(export: Export, rep: Repeat) -> Table | None:
    if export.dialect == "json":
        for h in ("/".join(rep.path), rep.name):
            if h in export.nested:
                return export.nested[h]
        return None
    for t in export.others:
        label = t.sheet if t.sheet is not None else t.source.rsplit("/", 1)[-1]
        if export.dialect.endswith("xlsx") and label in (rep.name[:31], rep.name):
            return t
        if label in (f"{rep.name}.csv",) or label.endswith(f"-{rep.name}.csv"):
            return t
    return None


def read_submissions(export: Export, standard: Standard) -> SubmissionSet:
    """The submissions of ``export``, a form of ``standard`` (see the module)."""
    layout = form_layout(standard)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    main = export.main
    sep = export.sep
    cols = _match(main, layout.fields, sep)
    about = _about(main, sep)
    if not cols.single and not cols.split:
        example = "/".join(layout.fields[0].groups + (layout.fields[0].name,))
        raise SubmissionError(main.problem(
            say("forms.no_field_column", tag=layout.tag, example=repr(example)),
            main.header_row))
    for i in cols.unknown:
        warnings.append(main.problem(say("forms.unknown_column", tag=layout.tag),
                                     main.header_row, i))
    tag, mixed = export_standard(export)
    problems.extend(mixed)
    subs: list[Submission] = []
    by_index: dict[str, Submission] = {}
    for row_no, cells in main.rows:
        where = Where(main, row_no, None)
        values, located = _read_fields(main, row_no, cells, cols, layout.fields, standard,
                                       problems)
        sub = Submission(_id_of(main, cells, (*_INSTANCE, "_uuid")), where,
                         standard=tag, answers=values, located=located)
        for name, i in about.items():
            v = _cell(cells, i)
            if not _empty(v):
                setattr(sub, "institution" if name == INSTITUTION_FIELD else "period", _text(v))
        sub.deprecated = _id_of(main, cells, _DEPRECATED)
        subs.append(sub)
        for key in ("_index", "KEY"):
            if key in main.header:
                k = _cell(cells, main.header.index(key))
                if not _empty(k):
                    by_index[_text(k)] = sub
                break
    _tables(export, layout, standard, by_index, problems, warnings)
    subs, replaced = _latest(subs, problems)
    for sub in subs:
        _check(sub, standard, problems)
    if problems:
        raise SubmissionError(problems)
    return SubmissionSet(export.dialect, main.source, subs, replaced, warnings)


def _tables(export: Export, layout, standard: Standard, by_index: dict[str, Submission],
            problems: list[Problem], warnings: list[Problem]) -> None:
    """Table answers from the repeat sheets, files or lists, joined to their submission."""
    single_file = export.dialect in ("kobo-csv", "odk-csv")
    missing = []
    for rep in layout.repeats:
        t = _repeat_table(export, rep)
        if t is None:
            missing.append(rep)
            continue
        cols = _match(t, rep.fields, export.sep, rep.path)
        parent_col = next((t.header.index(k) for k in ("_parent_index", "PARENT_KEY")
                           if k in t.header), None)
        if parent_col is None:
            problems.append(t.problem(say("forms.no_parent_column", table=rep.name),
                                      t.header_row))
            continue
        for row_no, cells in t.rows:
            parent = _cell(cells, parent_col)
            sub = by_index.get(_text(parent)) if not _empty(parent) else None
            if sub is None:
                problems.append(t.problem(say("forms.orphan_row", parent=repr(parent)),
                                          row_no, parent_col))
                continue
            values, located = _read_fields(t, row_no, cells, cols, rep.fields, standard,
                                           problems)
            if not values:
                continue
            row = {f.key: values[f.name] for f in rep.fields if f.name in values}
            sub.answers.setdefault(rep.name, []).append(row)
            sub.located.setdefault(rep.name, Where(t, row_no, None))
            cells_at = {f.key: located[f.name] for f in rep.fields if f.name in located}
            sub.table_rows.setdefault(rep.name, []).append((Where(t, row_no, None), cells_at))
    if missing:
        names = Ids(items=[r.name for r in missing])
        if single_file:
            warnings.append(export.main.problem(say("forms.csv_no_tables", tables=names)))
        elif export.dialect != "json":
            code = ("forms.missing_repeat_sheets" if export.dialect.endswith("xlsx")
                    else "forms.missing_repeat_files")
            problems.append(export.main.problem(say(code, tables=names)))


def _latest(subs: list[Submission], problems: list[Problem]) -> tuple[list[Submission],
                                                                       list[str]]:
    """An edited submission (its ``deprecatedID`` naming the earlier one) replaces it."""
    replaced = {s.deprecated for s in subs} - {None}
    seen: dict[str, Submission] = {}
    kept = []
    for s in subs:
        if s.instance_id in replaced:
            continue
        if s.instance_id is not None and s.instance_id in seen:
            problems.append(s.where.problem(
                say("forms.twice", id=s.instance_id, where=seen[s.instance_id].where.message())))
            continue
        if s.instance_id is not None:
            seen[s.instance_id] = s
        kept.append(s)
    return kept, sorted(i for i in replaced if any(s.instance_id == i for s in subs))


def _check(sub: Submission, standard: Standard, problems: list[Problem]) -> None:
    """Each answer checked against its question as ``seal validate`` checks it."""
    from .. import normalise_answers

    if not sub.answers:
        return
    probe = _probe(standard, sub.answers)
    _, found = normalise_answers(standard, probe)
    for p in found:
        qid = p.record_id
        if qid in sub.table_rows:
            problems.extend(_table_problems(sub, qid, standard))
            continue
        where = sub.located.get(qid, sub.where)
        problems.append(where.problem(p.text, qid))


def _table_problems(sub: Submission, qid: str, standard: Standard) -> list[Problem]:
    from .. import normalise_answers

    out = []
    for n, (_where, cells) in enumerate(sub.table_rows[qid]):
        for col, cell_where in cells.items():
            row = {col: sub.answers[qid][n].get(col)}
            _, found = normalise_answers(standard, _probe(standard, {qid: [row]}))
            for p in found:  # the cell is located: its words without 'row n, column c:'
                text = p.text
                if isinstance(text, Message) and text.code == "answer.in_cell":
                    text = text.params.get("why", text)
                out.append(cell_where.problem(text, qid))
    return out or [sub.located[qid].problem(say("forms.table_misfit"), qid)]


def _probe(standard: Standard, answers: dict[str, Any]) -> Assessment:
    return Assessment.model_validate({
        "id": "form-import", "standard": {"id": standard.id, "version": standard.version},
        "institution": {"id": "X", "name": "X", "country": "X", "scope": "national"},
        "period": {"start": dt.date(2000, 1, 1), "end": dt.date(2000, 12, 31)},
        "answers": answers})
