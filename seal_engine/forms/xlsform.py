"""A standard's questionnaire as an XLSForm, for KoboToolbox and ODK Collect.

The sheets are built as data (:func:`xlsform_sheets`: ``survey``, ``choices`` and
``settings``, each a list of rows) from the standard and its :mod:`layout <.layout>`, checked
by pyxform (:func:`check_xlsform`) and written as an ``.xlsx`` workbook with openpyxl
(:func:`xlsform_bytes`).  A group per dimension holds a group per benchmark holding its
questions; a table question is a repeat; yes/no and single choice are ``select_one``, multiple
choice ``select_multiple``; numbers and percentages carry their range as a constraint, texts
their length; a question the standard asks only when a rule holds gets that rule as
``relevant`` when the rule has an XLSForm equivalent.  Labels and hints come in the standard's
language and in every language it has a translation for (``label::Español (es)``).  The
settings name the standard: ``form_id`` its id, ``version`` its version; a hidden field
``seal_standard`` carries ``id@version`` into every submission.
"""

from __future__ import annotations

import ast
import io
from typing import Any

from ..errors import Problem, StandardError, install_hint
from ..models import Column, Question, QuestionType, Standard
from .layout import (
    INSTITUTION_FIELD,
    PERIOD_FIELD,
    STANDARD_FIELD,
    FormLayout,
    form_layout,
    xlsform_type,
)

__all__ = ["check_xlsform", "form_languages", "xlsform_bytes", "xlsform_sheets"]

HINT = install_hint("forms")

#: The form's own words (yes and no, the fields naming what a submission is about, the
#: constraint messages) are messages of the engine's catalogue (``forms.xf.*``), one column per
#: language of the standard; a language the catalogue lacks takes the standard's own language's
#: words, else English.


def _words(code: str, lang: str, fallback: str, **params: Any) -> str:
    from ..messages import message_languages, render_message, say

    have = message_languages()
    use = lang if lang in have else (fallback if fallback in have else "en")
    return render_message(say(code, **params), lang=use)


def _language_name(code: str) -> str:
    """'English (en)', 'Español (es)': the language's own name and its code."""
    try:
        from babel import Locale
    except ImportError as e:
        raise ImportError(f"naming the languages of a field form needs Babel: {HINT}") from e
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, LookupError):
        name = code
    return f"{name[:1].upper()}{name[1:]} ({code})"


def form_languages(standard: Standard) -> list[str]:
    """The standard's language first, then every language it has translations for (its own
    and those of its translation files on the standards search path)."""
    from ..loader.translations import translation_languages

    return translation_languages(standard)


def _in(standard: Standard, lang: str) -> Standard:
    from ..loader.translations import translated_standard

    return translated_standard(standard, lang)


def _num(v: float) -> str:
    return f"{v:g}" if float(v).is_integer() else repr(float(v))


def _range(q: Question | Column) -> tuple[float | None, float | None]:
    if q.type is QuestionType.percent:
        return (0 if q.min is None else q.min), (100 if q.max is None else q.max)
    return q.min, q.max


def _constraint(q: Question | Column) -> tuple[str | None, str, dict[str, Any]]:
    """(constraint, message key, its parameters) of a question or column."""
    if q.type in (QuestionType.integer, QuestionType.number, QuestionType.percent):
        lo, hi = _range(q)
        parts = ([f". >= {_num(lo)}"] if lo is not None else []) + (
            [f". <= {_num(hi)}"] if hi is not None else [])
        if parts:
            return " and ".join(parts), "range", {"lo": lo, "hi": hi}
    limit = q.text_limit if isinstance(q, Question) else None
    if limit is not None:
        return f"string-length(.) <= {limit}", "length", {"n": limit}
    return None, "", {}


def _constraint_text(lang: str, fallback: str, key: str, params: dict[str, Any]) -> str:
    from ..messages import num

    if key == "range":
        lo, hi = params["lo"], params["hi"]
        if lo is None or hi is None:  # one-sided: the sign says it
            return f">= {_num(lo)}" if lo is not None else f"<= {_num(hi)}"
        return _words("forms.xf.range", lang, fallback, lo=num(lo), hi=num(hi))
    return _words("forms.xf.length", lang, fallback, n=params["n"])


# ------------------------------------------------------------------------ relevant


def relevant(rule: str | None, standard: Standard) -> str | None:
    """The XLSForm ``relevant`` expression of an ``asked_when`` rule, or ``None`` when the rule
    has none (it uses more than answers to questions of the form outside tables, compared
    with literals): the question is then always shown, and the engine still applies the rule."""
    if not rule:
        return None
    try:
        tree = ast.parse(rule, mode="eval").body
    except SyntaxError:
        return None
    questions = {q.id: q for q in standard.questions().values()
                 if q.type is not QuestionType.table}
    try:
        return _xpath(tree, questions)
    except _NoMap:
        return None


class _NoMap(Exception):
    pass


def _answer_of(node: ast.AST, questions: dict[str, Question]) -> Question:
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "answer" and len(node.args) == 1 and not node.keywords
            and isinstance(node.args[0], ast.Constant) and node.args[0].value in questions):
        return questions[node.args[0].value]
    raise _NoMap


def _literal(node: ast.AST, q: Question) -> str:
    if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
        if isinstance(node, ast.Constant) and q.type is QuestionType.yes_no:
            return "'yes'" if node.value else "'no'"
        raise _NoMap
    v = node.value
    if isinstance(v, str) and "'" not in v:
        return f"'{v}'"
    if isinstance(v, (int, float)):
        return _num(v)
    raise _NoMap


_OPS = {ast.Eq: "=", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def _truthy(q: Question) -> str:
    ref = f"${{{q.id}}}"
    if q.type is QuestionType.yes_no:
        return f"{ref} = 'yes'"
    if q.type in (QuestionType.integer, QuestionType.number, QuestionType.percent):
        return f"{ref} != 0 and {ref} != ''"
    if q.type is QuestionType.multiple_choice:
        return f"count-selected({ref}) > 0"
    return f"{ref} != ''"


def _xpath(node: ast.AST, questions: dict[str, Question]) -> str:
    if isinstance(node, ast.BoolOp):
        op = " and " if isinstance(node.op, ast.And) else " or "
        return op.join(f"({_xpath(v, questions)})" for v in node.values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return f"not({_xpath(node.operand, questions)})"
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        op, right = node.ops[0], node.comparators[0]
        if isinstance(op, (ast.In, ast.NotIn)):  # 'x' in answer('Q')
            q = _answer_of(right, questions)
            if q.type is not QuestionType.multiple_choice:
                raise _NoMap
            test = f"selected(${{{q.id}}}, {_literal(node.left, q)})"
            return test if isinstance(op, ast.In) else f"not({test})"
        if type(op) not in _OPS:
            raise _NoMap
        q = _answer_of(node.left, questions)
        if q.type is QuestionType.percent and isinstance(right, ast.Constant) \
                and isinstance(right.value, (int, float)) and not isinstance(right.value, bool):
            value = _num(right.value * 100)  # rules see a percentage as a share 0..1
        else:
            value = _literal(right, q)
        return f"${{{q.id}}} {_OPS[type(op)]} {value}"
    return _truthy(_answer_of(node, questions))


# ------------------------------------------------------------------------ the sheets


def xlsform_sheets(standard: Standard, layout: FormLayout | None = None) -> dict[str, list]:
    """The XLSForm of ``standard`` as data: ``{"survey": [...], "choices": [...],
    "settings": [...]}``, each a list of rows (column name -> value)."""
    layout = layout or form_layout(standard)
    langs = form_languages(standard)
    names = {lang: _language_name(lang) for lang in langs}
    texts = {lang: _in(standard, lang) for lang in langs}
    recs = {lang: texts[lang].records() for lang in langs}
    survey: list[dict[str, Any]] = []
    choices: list[dict[str, Any]] = []
    lists: dict[tuple, str] = {}

    def labelled(row: dict, key: str, values: dict[str, str | None]) -> dict:
        for lang in langs:
            if values.get(lang):
                row[f"{key}::{names[lang]}"] = values[lang]
        return row

    def yes_no(lang: str) -> tuple[str, str]:
        return (_words("forms.xf.yes", lang, standard.locale),
                _words("forms.xf.no", lang, standard.locale))

    def choice_list(owner: str, q: Question | Column, col_of: str | None = None) -> str:
        if q.type is QuestionType.yes_no:
            key: tuple = ("yes_no",)
            labels = {lang: yes_no(lang) for lang in langs}
            rows = [("yes", {lang: labels[lang][0] for lang in langs}),
                    ("no", {lang: labels[lang][1] for lang in langs})]
        else:
            per_lang = {}
            for lang in langs:
                target = recs[lang][owner]
                if col_of is not None:
                    target = next(c for c in target.columns if c.id == col_of)
                per_lang[lang] = texts[lang].question_choices(target) or []
            base = per_lang[standard.locale]
            rows = [(c.value, {lang: (per_lang[lang][i].label or c.value) for lang in langs})
                    for i, c in enumerate(base)]
            key = tuple((v, tuple(sorted(lab.items()))) for v, lab in rows)
        if key in lists:
            return lists[key]
        name = "yes_no" if key == ("yes_no",) else (
            q.answer_scale or (f"{owner}.{col_of}" if col_of else owner))
        while name in lists.values():
            name += "_"
        lists[key] = name
        for value, labs in rows:
            choices.append(labelled({"list_name": name, "name": value}, "label", labs))
        return name

    def field_row(q: Question | Column, name: str, owner: str, col_of: str | None,
                  required: bool) -> dict:
        t = xlsform_type(q.type)
        if t.startswith("select"):
            t = f"{t} {choice_list(owner, q, col_of)}"
        row: dict[str, Any] = {"type": t, "name": name}
        if col_of is None:
            labels = {lang: recs[lang][owner].text for lang in langs}
            hints = {lang: recs[lang][owner].help for lang in langs}
        else:
            cols = {lang: next(c for c in recs[lang][owner].columns if c.id == col_of)
                    for lang in langs}
            labels = {lang: cols[lang].title or col_of for lang in langs}
            hints = {lang: cols[lang].unit for lang in langs}
        labelled(row, "label", labels)
        labelled(row, "hint", {lang: h for lang, h in hints.items() if h})
        if required:
            row["required"] = "yes"
        constraint, key, params = _constraint(q)
        if constraint:
            row["constraint"] = constraint
            labelled(row, "constraint_message",
                     {lang: _constraint_text(lang, standard.locale, key, params)
                      for lang in langs})
        if q.type is QuestionType.long_text:
            row["appearance"] = "multiline"
        return row

    about = {lang: tuple(_words(f"forms.xf.{w}", lang, standard.locale)
                         for w in ("about", "institution", "period")) for lang in langs}
    survey.append({"type": "start", "name": "start"})
    survey.append({"type": "end", "name": "end"})
    survey.append({"type": "calculate", "name": STANDARD_FIELD,
                   "calculation": f"'{layout.tag}'"})
    survey.append(labelled({"type": "begin_group", "name": "seal_about"}, "label",
                           {lang: about[lang][0] for lang in langs}))
    survey.append(labelled({"type": "text", "name": INSTITUTION_FIELD}, "label",
                           {lang: about[lang][1] for lang in langs}))
    survey.append(labelled({"type": "text", "name": PERIOD_FIELD}, "label",
                           {lang: about[lang][2] for lang in langs}))
    survey.append({"type": "end_group", "name": "seal_about"})
    by_question = {f.question.id: f for f in layout.fields}
    repeats = layout.repeat_by_name
    for d in standard.dimensions:
        head = {lang: " ".join(filter(None, (d.ref, recs[lang][d.id].title))) for lang in langs}
        survey.append(labelled({"type": "begin_group", "name": d.id}, "label", head))
        for b in d.benchmarks:
            if not b.questions:
                continue
            head = {lang: " ".join(filter(None, (b.ref, recs[lang][b.id].title)))
                    for lang in langs}
            group = labelled({"type": "begin_group", "name": b.id}, "label", head)
            if not any(q.type is QuestionType.table for q in b.questions):
                group["appearance"] = "field-list"  # one screen per benchmark in Collect
            survey.append(group)
            for q in b.questions:
                when = relevant(q.asked_when, standard)
                if q.type is QuestionType.table:
                    rep = repeats[q.id]
                    row = labelled({"type": "begin_repeat", "name": q.id}, "label",
                                   {lang: recs[lang][q.id].text for lang in langs})
                    labelled(row, "hint", {lang: recs[lang][q.id].help for lang in langs})
                    if when:
                        row["relevant"] = when
                    survey.append(row)
                    for f in rep.fields:
                        survey.append(field_row(f.column, f.name, q.id, f.column.id, False))
                    survey.append({"type": "end_repeat", "name": q.id})
                    continue
                row = field_row(q, by_question[q.id].name, q.id, None,
                                q.required and not q.from_baseline)
                if when:
                    row["relevant"] = when
                survey.append(row)
            survey.append({"type": "end_group", "name": b.id})
        survey.append({"type": "end_group", "name": d.id})
    settings = [{
        "form_title": f"{standard.title} ({standard.id} v{standard.version})",
        "form_id": standard.id,
        "version": str(standard.version),
        "default_language": names[standard.locale],
        "style": "pages",
    }]
    return {"survey": survey, "choices": choices, "settings": settings}


def check_xlsform(sheets: dict[str, list], *, validate: bool = False) -> str:
    """The XForm pyxform makes of ``sheets``; raises :class:`StandardError` when it refuses
    them.  ``validate`` also runs ODK Validate (needs Java)."""
    try:
        from pyxform.errors import PyXFormError
        from pyxform.xls2xform import convert
    except ImportError as e:
        raise ImportError(f"checking a field form needs pyxform: {HINT}") from e
    try:
        return convert(xlsform=_as_pyxform(sheets), validate=validate).xform
    except PyXFormError as e:
        from ..messages import say

        raise StandardError(Problem(say("forms.pyxform_refuses", error=str(e)))) from None


def _as_pyxform(sheets: dict[str, list]) -> dict[str, list[dict[str, str]]]:
    """The sheets as pyxform takes them: values as text, empty cells left out, and each
    sheet's header row given (pyxform would read it from the first rows only)."""
    out: dict[str, list[dict[str, str]]] = {}
    for name, rows in sheets.items():
        columns = list(dict.fromkeys(k for row in rows for k in row))
        out[name] = [{k: str(v) for k, v in row.items() if v not in (None, "")} for row in rows]
        out[f"{name}_header"] = [{c: c for c in columns}]
    return out


def xlsform_bytes(standard: Standard, *, validate: bool = False) -> bytes:
    """The XLSForm of ``standard`` as an ``.xlsx`` workbook, checked by pyxform first."""
    sheets = xlsform_sheets(standard)
    check_xlsform(sheets, validate=validate)
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError as e:
        raise ImportError(f"writing a field form needs openpyxl: {HINT}") from e
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        columns: list[str] = []
        for row in rows:
            columns.extend(k for k in row if k not in columns)
        ws.append(columns)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_cell(row.get(c)) for c in columns])
        for i, c in enumerate(columns, 1):
            width = max([len(c)] + [min(len(str(r.get(c) or "")), 60) for r in rows])
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(width + 2, 62)
        ws.freeze_panes = "A2"
        _as_text(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    return None if value is None else str(value)


def _as_text(ws) -> None:
    """Every cell written as text: a label starting with '=' stays a label, never a formula
    (XLSForm columns hold no formulas)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
