"""Answers checked against their questions and converted to what rules see: yes/no as booleans,
percentages as fractions 0..1, dates as dates, table rows column by column."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ._source import format_path
from .errors import Problem, did_you_mean
from .models import Assessment, Question, QuestionType, Standard

__all__ = ["normalise_answers"]


def normalise_answers(standard: Standard, assessment: Assessment) -> tuple[dict, list[Problem]]:
    """Check every answer against its question and convert it to the form rules see:
    yes/no as booleans, percentages as fractions 0..1, dates as dates.  Returns the answers
    (unanswered questions left out) and the problems found."""
    src = assessment.origin
    questions = standard.questions()
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

    for qid, value in assessment.answers.items():
        q = questions.get(qid)
        if q is None:
            add(f"unknown question {qid!r}: {standard.id} v{standard.version} has no such "
                f"question{did_you_mean(qid, questions)}", ["answers", qid], qid)
            continue
        if value is None:
            continue
        ok, converted, why = _convert(standard, q, value)
        if ok:
            out[qid] = converted
        else:
            add(why, ["answers", qid], qid)
    evidence_ids = {e.id for b in standard.benchmarks() for e in b.evidence}
    for i, item in enumerate(assessment.evidence):
        if item.requirement not in evidence_ids:
            add(f"unknown evidence requirement {item.requirement!r}"
                f"{did_you_mean(item.requirement, evidence_ids)}",
                ["evidence", i, "requirement"], item.requirement)
    bench_ids = {b.id for b in standard.benchmarks()}
    for bid in assessment.not_applicable:
        if bid not in bench_ids:
            add(f"unknown benchmark {bid!r}", ["not_applicable", bid], bid)
    ref = assessment.standard
    if (ref.id, ref.version) != (standard.id, standard.version):
        add(f"assessment is for {ref.id} v{ref.version}, not {standard.id} v{standard.version}",
            ["standard"])
    return out, problems


_EXPECT = {
    "yes_no": "yes or no (true/false)",
    "integer": "a whole number",
    "number": "a number",
    "percent": "a percentage between 0 and 100",
    "date": "a date as YYYY-MM-DD",
    "text": "text",
}


def _convert(standard: Standard, q: Question, value: Any) -> tuple[bool, Any, str]:
    t = q.type
    bad = (False, None, f"expected {_EXPECT.get(t.value, t.value)}, got {value!r}")
    if t is QuestionType.yes_no:
        if isinstance(value, bool):
            return True, value, ""
        if isinstance(value, str) and value.lower() in ("yes", "no"):
            return True, value.lower() == "yes", ""
        return bad
    if t in (QuestionType.single_choice, QuestionType.multiple_choice):
        allowed = [c.value for c in standard.question_choices(q) or []]
        values = value if t is QuestionType.multiple_choice else [value]
        if t is QuestionType.multiple_choice and not isinstance(value, list):
            return False, None, f"expected a list of choices from {allowed}, got {value!r}"
        for v in values:
            if not isinstance(v, str) or v not in allowed:
                return (False, None, f"{v!r} is not one of the allowed choices {allowed}"
                        f"{did_you_mean(v, allowed)}")
        if t is QuestionType.multiple_choice and len(set(values)) != len(values):
            return False, None, f"a choice is ticked twice in {value!r}"
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
            return bad
        if t is QuestionType.integer and not (isinstance(value, int) or value.is_integer()):
            return bad
        lo = 0 if t is QuestionType.percent else q.min
        hi = 100 if t is QuestionType.percent else q.max
        if t is QuestionType.percent:
            lo = q.min if q.min is not None else 0
            hi = q.max if q.max is not None else 100
        if lo is not None and value < lo:
            return False, None, f"{value!r} is below the minimum {lo:g}" + _pct(t, lo, hi)
        if hi is not None and value > hi:
            return False, None, f"{value!r} is above the maximum {hi:g}" + _pct(t, lo, hi)
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
                return bad
        return bad
    if t is QuestionType.text:
        return (True, value, "") if isinstance(value, str) else bad
    # table
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        return False, None, f"expected a list of rows (mappings of column: value), got {value!r}"
    cols = {c.id: c for c in q.columns or []}
    rows = []
    for i, row in enumerate(value):
        new = {}
        for key, cell in row.items():
            col = cols.get(key)
            if col is None:
                return False, None, f"row {i + 1}: unknown column {key!r} (columns: {list(cols)})"
            if cell is None:
                new[key] = None
                continue
            ok, conv, why = _convert(standard, col, cell)  # columns share question semantics
            if not ok:
                return False, None, f"row {i + 1}, column {key!r}: {why}"
            new[key] = conv
        rows.append(new)
    return True, rows, ""


def _pct(t: QuestionType, lo: float | None = 0, hi: float | None = 100) -> str:
    if t is not QuestionType.percent:
        return ""
    if (lo, hi) != (0, 100):  # a gap, say: -100 to 100
        return f" (this percentage is written {lo:g} to {hi:g})"
    return " (percentages are written 0-100)"


def answer_warnings(standard: Standard, assessment: Assessment) -> list[Problem]:
    """What is allowed but probably not meant, located: a benchmark mandatory at some level
    marked not applicable (assessors will check the reason)."""
    src = assessment.origin
    out: list[Problem] = []
    titles = {lv.id: lv.title for lv in standard.levels}
    benches = {b.id: b for b in standard.benchmarks()}
    for bid, why in assessment.not_applicable.items():
        b = benches.get(bid)
        if b is None or not b.mandatory_from:
            continue
        file, line, col = src.locate(["not_applicable", bid]) if src else (None, None, None)
        out.append(Problem(
            f"{bid} is mandatory from {titles[b.mandatory_from]} and is marked not applicable "
            f"({why!r}); assessors will check that reason", file=file, line=line, column=col,
            field=f"not_applicable.{bid}", record_id=bid))
    return out
