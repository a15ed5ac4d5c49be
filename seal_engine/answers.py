"""Answers checked against their questions and converted to what rules see: yes/no as booleans,
percentages as fractions 0..1, dates as dates, table rows column by column."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ._source import format_path
from .errors import Problem, suggestion
from .messages import MESSAGES, num, pct, say
from .models import Assessment, Question, QuestionType, Standard

__all__ = ["empty_cell", "normalise_answers", "without_empty_cells"]


def empty_cell(cell: Any) -> bool:
    """Whether a table cell holds no value: ``None``, a float NaN (what a spreadsheet or a
    data frame gives for an empty cell) or blank text.  An empty cell is an absent value:
    it is left out of its row, never counted as a value."""
    if cell is None:
        return True
    if type(cell) is float:
        return cell != cell
    return type(cell) is str and not cell.strip()


def without_empty_cells(rows: Any) -> Any:
    """Table rows without their empty cells (see :func:`empty_cell`), rows left with no cell
    dropped; anything that is not a list of mappings is returned as it is (for the check to
    word the problem)."""
    if type(rows) is not list or not all(type(r) is dict for r in rows):
        return rows
    out = []
    for row in rows:
        kept = {k: v for k, v in row.items() if not empty_cell(v)}
        if kept:
            out.append(kept)
    return out


def normalise_answers(standard: Standard, assessment: Assessment) -> tuple[dict, list[Problem]]:
    """Check every answer against its question and convert it to the form rules see:
    yes/no as booleans, percentages as fractions 0..1, dates as dates.  Returns the answers
    (unanswered questions left out) and the problems found."""
    from .compilation import compiled

    c = compiled(standard)
    src = assessment.origin
    questions = c.questions
    converters = c.converters
    if converters is None:  # kept with the compiled standard, made once
        converters = c.converters = {qid: fast_converter(standard, q)
                                     for qid, q in questions.items()}
    out: dict[str, Any] = {}
    problems: list[Problem] = []

    def where(loc):
        if src is None:
            return None, None, None
        return src.locate(loc)

    def add(msg, loc, rid=None):
        file, line, col = where(loc)
        problems.append(Problem(msg, file=file, line=line, column=col, field=format_path(loc),
                                record_id=rid))

    slow = _SLOW
    for qid, value in assessment.answers.items():
        if value is None:
            if qid not in questions:
                add(say("answer.unknown_question", id=qid, standard=standard.id,
                        version=str(standard.version), hint=suggestion(qid, questions)),
                    ["answers", qid], qid)
            continue
        fast = converters.get(qid)
        if fast is None:
            add(say("answer.unknown_question", id=qid, standard=standard.id,
                    version=str(standard.version), hint=suggestion(qid, questions)),
                ["answers", qid], qid)
            continue
        converted = fast(value)
        if converted is not slow:
            out[qid] = converted
            continue
        ok, converted, why = _convert(standard, questions[qid], value)
        if ok:
            out[qid] = converted
        else:
            add(why, ["answers", qid], qid)
    evidence_ids = c.evidence_ids
    for i, item in enumerate(assessment.evidence):
        if item.requirement not in evidence_ids:
            add(say("answer.unknown_evidence", id=item.requirement,
                    hint=suggestion(item.requirement, evidence_ids)),
                ["evidence", i, "requirement"], item.requirement)
    bench_ids = c.benchmark_ids
    for bid in assessment.not_applicable:
        if bid not in bench_ids:
            add(say("answer.unknown_benchmark", id=bid), ["not_applicable", bid], bid)
        elif not standard.benchmark(bid).allow_not_applicable:
            add(say("answer.claim_not_allowed", id=bid, standard=standard.id,
                    version=str(standard.version)),
                ["not_applicable", bid], bid)
    for i, bid in enumerate(assessment.accepted_claims):
        if bid not in assessment.not_applicable:
            add(say("answer.accepted_unclaimed", id=bid),
                ["accepted_claims", i], bid)
    ref = assessment.standard
    if (ref.id, ref.version) != (standard.id, standard.version):
        add(say("answer.other_standard", given=ref.id, given_version=str(ref.version),
                standard=standard.id, version=str(standard.version)),
            ["standard"])
    return out, problems




_SLOW = object()  # a fast converter's "check this one the long way"
_YES_NO = {"yes": True, "no": False, "Yes": True, "No": False, "YES": True, "NO": False}


def fast_converter(standard: Standard, q: Question):
    """A function giving the converted answer for the common, valid case, or ``_SLOW`` when the
    value needs the full check (which also words the problem).  Built once per question, the
    first time answers to a standard are checked, and kept with the compiled standard, so
    scoring never re-derives a question's rules."""
    t = q.type
    slow = _SLOW
    if t is QuestionType.yes_no:
        yn = _YES_NO

        def yes_no(v):
            if v is True or v is False:
                return v
            return yn.get(v, slow) if type(v) is str else slow

        return yes_no
    if t in (QuestionType.integer, QuestionType.number, QuestionType.percent):
        if t is QuestionType.percent:
            lo = q.min if q.min is not None else 0
            hi = q.max if q.max is not None else 100
        else:
            lo = q.min if q.min is not None else -math.inf
            hi = q.max if q.max is not None else math.inf
        whole = t is QuestionType.integer
        percent = t is QuestionType.percent

        def number(v):
            kind = type(v)
            if kind is int:
                pass
            elif kind is float:
                if not (v == v and abs(v) != math.inf) or (whole and not v.is_integer()):
                    return slow
            else:
                return slow
            if not lo <= v <= hi:
                return slow
            if percent:
                return v / 100
            return int(v) if whole else v

        return number
    if t is QuestionType.single_choice:
        allowed = frozenset(c.value for c in standard.question_choices(q) or [])
        return lambda v: v if type(v) is str and v in allowed else slow
    if t is QuestionType.multiple_choice:
        allowed = frozenset(c.value for c in standard.question_choices(q) or [])

        def several(v):
            if type(v) is list and all(type(x) is str and x in allowed for x in v) and \
                    len(set(v)) == len(v):
                return v
            return slow

        return several
    if t is QuestionType.date:
        iso = dt.date.fromisoformat

        def date(v):
            if type(v) is dt.date:
                return v
            if type(v) is str and len(v) == 10:
                try:
                    return iso(v)
                except ValueError:
                    return slow
            return slow

        return date
    if t in (QuestionType.text, QuestionType.long_text):
        limit = q.text_limit if isinstance(q, Question) else None
        if limit is None:
            return lambda v: v if type(v) is str else slow
        return lambda v: v if type(v) is str and len(v) <= limit else slow
    columns = {c.id: fast_converter(standard, c) for c in q.columns or []}

    def table(v):
        if type(v) is not list:
            return slow
        rows = []
        for row in v:
            if type(row) is not dict:
                return slow
            new = {}
            for key, cell in row.items():
                convert = columns.get(key)
                if convert is None:
                    return slow
                if empty_cell(cell):
                    continue  # an empty cell is no value
                value = convert(cell)
                if value is slow:
                    return slow
                new[key] = value
            if new:  # a row of empty cells is no row
                rows.append(new)
        return rows

    return table


def _convert(standard: Standard, q: Question, value: Any) -> tuple[bool, Any, Any]:
    t = q.type
    def bad():
        return _bad(t, value)

    if t is QuestionType.yes_no:
        if isinstance(value, bool):
            return True, value, ""
        if isinstance(value, str) and value.lower() in ("yes", "no"):
            return True, value.lower() == "yes", ""
        return bad()
    if t in (QuestionType.single_choice, QuestionType.multiple_choice):
        allowed = [c.value for c in standard.question_choices(q) or []]
        values = value if t is QuestionType.multiple_choice else [value]
        if t is QuestionType.multiple_choice and not isinstance(value, list):
            return False, None, say("answer.expected_choices", allowed=str(allowed),
                                    got=repr(value))
        for v in values:
            if not isinstance(v, str) or v not in allowed:
                return (False, None, say("answer.not_a_choice", value=repr(v),
                                         allowed=str(allowed), hint=suggestion(v, allowed)))
        if t is QuestionType.multiple_choice and len(set(values)) != len(values):
            return False, None, say("answer.ticked_twice", value=repr(value))
        return True, value, ""
    if t is QuestionType.percent and isinstance(value, str):
        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*%\s*", value)
        if m:  # '20%' or '20 %' is 20
            value = float(m.group(1))
            value = int(value) if value.is_integer() else value
    if t in (QuestionType.integer, QuestionType.number, QuestionType.percent):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not math.isfinite(value)
        ):
            return bad()
        if t is QuestionType.integer and not (isinstance(value, int) or value.is_integer()):
            return bad()
        lo = 0 if t is QuestionType.percent else q.min
        hi = 100 if t is QuestionType.percent else q.max
        if t is QuestionType.percent:
            lo = q.min if q.min is not None else 0
            hi = q.max if q.max is not None else 100
        if lo is not None and value < lo:
            return False, None, say("answer.below_minimum", value=repr(value), limit=num(lo),
                                    hint=_pct(t, lo, hi))
        if hi is not None and value > hi:
            return False, None, say("answer.above_maximum", value=repr(value), limit=num(hi),
                                    hint=_pct(t, lo, hi))
        if t is QuestionType.percent:
            return True, value / 100, ""
        return True, int(value) if t is QuestionType.integer else value, ""
    if t is QuestionType.date:
        if isinstance(value, dt.date):
            return True, value, ""
        if isinstance(value, str):
            try:
                return True, dt.date.fromisoformat(value), ""
            except ValueError:
                return bad()
        return bad()
    if t in (QuestionType.text, QuestionType.long_text):
        if not isinstance(value, str):
            return bad()
        limit = q.text_limit if isinstance(q, Question) else None
        if limit is not None and len(value) > limit:
            return (False, None, say("answer.text_too_long", length=len(value), n=limit,
                                     over=len(value) - limit))
        return True, value, ""
    # table
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        return False, None, say("answer.expected_rows", got=repr(value))
    cols = {c.id: c for c in q.columns or []}
    rows = []
    for i, row in enumerate(value):
        new = {}
        for key, cell in row.items():
            col = cols.get(key)
            if col is None:
                return False, None, say("answer.unknown_column", row=i + 1, column=key,
                                        columns=str(list(cols)))
            if empty_cell(cell):
                continue  # an empty cell is no value
            ok, conv, why = _convert(standard, col, cell)  # columns share question semantics
            if not ok:
                return False, None, say("answer.in_cell", row=i + 1, column=key, why=why)
            new[key] = conv
        if new:  # a row of empty cells is no row
            rows.append(new)
    return True, rows, ""


def _bad(t: QuestionType, value: Any) -> tuple[bool, Any, Any]:
    from ._source import shorten_repr

    expected = say(f"expect.{t.value}") if f"expect.{t.value}" in MESSAGES else t.value
    return False, None, say("answer.expected", expected=expected, got=shorten_repr(value))


def _pct(t: QuestionType, lo: float | None = 0, hi: float | None = 100) -> Any:
    if t is not QuestionType.percent:
        return ""
    if (lo, hi) != (0, 100):  # a gap, say: -100 to 100
        return say("answer.percent_range", low=num(lo), high=num(hi))
    return say("answer.percent_scale")


def answer_warnings(standard: Standard, assessment: Assessment) -> list[Problem]:
    """What is allowed but probably not meant, located: a percentage written as a fraction
    (0.64 for 64 %), a number below what its question calls usual, a benchmark mandatory at some
    level marked not applicable (assessors will check the reason)."""
    src = assessment.origin
    out: list[Problem] = []
    inst = assessment.institution
    if inst.id == "MY-INST" or inst.name == "Name of the institution" or \
            inst.country == "Country":
        file, line, col = src.locate(["institution"]) if src else (None, None, None)
        out.append(Problem(
            say("answer.placeholder_institution"),
            file=file, line=line, column=col, field="institution"))
    questions = standard.questions()
    for qid, value in assessment.answers.items():
        q = questions.get(qid)
        if q is None or isinstance(value, bool) or q.type is QuestionType.table:
            continue
        if q.type is QuestionType.percent and isinstance(value, str):
            ok, converted, _why = _convert(standard, q, value)
            value = converted * 100 if ok else None
        if not isinstance(value, (int, float)):
            continue
        floor = q.warn_below if q.warn_below is not None else (
            1 if q.type is QuestionType.percent else None)
        if floor is None or not 0 < value < floor:
            continue
        file, line, col = src.locate(["answers", qid]) if src else (None, None, None)
        if q.type is QuestionType.percent and floor <= 1:
            msg = say("answer.fraction_percent", value=num(value), pct=pct(value),
                      meant=num(value * 100), meant_pct=pct(value * 100))
        else:
            msg = say("answer.below_usual", value=num(value), floor=num(floor))
        out.append(Problem(msg, file=file, line=line, column=col, field=f"answers.{qid}",
                           record_id=qid))
    titles = {lv.id: lv.title for lv in standard.levels}
    benches = {b.id: b for b in standard.benchmarks()}
    for bid, why in assessment.not_applicable.items():
        b = benches.get(bid)
        if b is None or not b.mandatory_from:
            continue
        file, line, col = src.locate(["not_applicable", bid]) if src else (None, None, None)
        if assessment.claim_accepted(bid):
            continue
        out.append(Problem(
            say("answer.mandatory_claimed", id=bid, level=titles[b.mandatory_from],
                reason=repr(why)), file=file, line=line, column=col,
            field=f"not_applicable.{bid}", record_id=bid))
    return out
