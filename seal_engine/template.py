"""A draft assessment for a standard: every question with its type and allowed values as
comments; or next period's self-assessment, started from the last one and its action plan.

The file is YAML written value by value through the serialiser
(:func:`seal_engine.serialise.yaml_entry`): a value holding a newline, a ``#``, quotes, a
``- {requirement: X, status: accepted}`` or a tag is written as text and reads back as that
text.  Every comment goes through :func:`seal_engine.serialise.comment`, so that a comment
stays one line whatever the text put in it (a question, an evidence title, a plan cell).  The
text is parsed back before it is returned and must give exactly the data it was made from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ._source import parse_text
from .errors import AssessmentError, Problem, SealError
from .models import Assessment, Period, QuestionType, Standard
from .serialise import comment, plain, yaml_entry, yaml_flow

if TYPE_CHECKING:
    from .plans import ActionPlan

__all__ = ["assessment_template", "next_period"]

_HINTS = {
    QuestionType.yes_no: "yes or no",
    QuestionType.integer: "a whole number",
    QuestionType.number: "a number",
    QuestionType.percent: "a percentage, 0-100",
    QuestionType.date: "a date, YYYY-MM-DD",
    QuestionType.text: "text",
    QuestionType.long_text: "text, several lines allowed (after a |, indented)",
}
_ID_CHARS = re.compile(r"[^A-Za-z0-9_.\-]+")
_RECORD_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}$")


# ------------------------------------------------------------------------------ periods


def _months_between(start: dt.date, end: dt.date) -> int | None:
    """n when the period runs exactly n calendar months (1 January to 31 December is 12,
    1 July to 30 June is 12, a quarter is 3), else None."""
    after = end + dt.timedelta(days=1)
    if after.day != start.day:
        return None
    months = (after.year - start.year) * 12 + after.month - start.month
    return months if months >= 1 else None


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def next_period(period: Period) -> Period:
    """The period after ``period``, in calendar terms: a calendar year gives the next year
    (2024 → 2025-01-01 to 2025-12-31), a quarter the next quarter, a July–June year the next
    July–June; a period that is not whole months gives as many days again.  A label naming
    the period moves on with it ('2024' → '2025', '2024/25' → '2025/26', '2025-Q2' →
    '2025-Q3'); one that cannot is dropped.  Raises :class:`AssessmentError` past 9999."""
    try:
        start = period.end + dt.timedelta(days=1)
        months = _months_between(period.start, period.end)
        if months is not None:
            end = _add_months(start, months) - dt.timedelta(days=1)
        else:
            end = start + (period.end - period.start)
    except (OverflowError, ValueError):
        raise AssessmentError(Problem(
            f"the period after {period.start} to {period.end} would end after 9999-12-31",
            field="period")) from None
    return Period(start=start, end=end, label=_next_label(period.label, start, months))


def _next_label(label: str | None, start: dt.date, months: int | None) -> str | None:
    if not label or not months:
        return None
    year4 = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
    if months % 12 == 0:
        years = months // 12
        span = re.compile(r"(?<![0-9])([0-9]{4})([/-])([0-9]{2})(?![0-9])")
        if span.search(label):
            out = span.sub(lambda m: f"{int(m[1]) + years}{m[2]}{(int(m[3]) + years) % 100:02d}",
                           label)
        else:
            out = year4.sub(lambda m: str(int(m[0]) + years), label)
        return out if out != label and all(int(y) <= 9999 for y in year4.findall(out)) else None
    part = {3: ("Q", (start.month - 1) // 3 + 1), 6: ("H", 1 if start.month <= 6 else 2)}
    if months not in part or len(year4.findall(label)) != 1:
        return None
    letter, number = part[months]
    pattern = re.compile(rf"(?<![A-Za-z])([{letter}{letter.lower()}])([1-4])(?![0-9])")
    if not pattern.search(label):
        return None
    out = pattern.sub(lambda m: f"{m[1]}{number}", label)
    return year4.sub(str(start.year), out)


def _next_id(previous: Assessment, new: Period) -> str:
    old = previous.period.label
    if old and new.label:
        for a, b in ((old, new.label), (_slug(old), _slug(new.label)),
                     (_slug(old).lower(), _slug(new.label).lower())):
            if a and a in previous.id:
                candidate = previous.id.replace(a, b)
                if _RECORD_ID.match(candidate):
                    return candidate
    year = str(previous.period.end.year)
    if year in previous.id and new.end.year != previous.period.end.year:
        head, _sep, tail = previous.id.rpartition(year)
        candidate = head + str(new.end.year) + tail
        if _RECORD_ID.match(candidate):
            return candidate
    return previous.id[:75] + "-next"


def _slug(text: str) -> str:
    return _ID_CHARS.sub("-", text).strip("-")


# ------------------------------------------------------------------------------ the file


class _Doc:
    """The lines of the file and the data they must read back as."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.data: dict[str, Any] = {}

    def note(self, text: str = "", indent: int = 0) -> None:
        self.lines.append(" " * indent + ("# " + comment(text) if text else "#").rstrip())

    def key(self, key: str, value: Any, indent: int = 0, note: str | None = None) -> None:
        line = " " * indent + _written(yaml_entry, key, value)
        self.lines.append(line + (f"   # {comment(note)}" if note else ""))

    def block(self, key: str) -> None:
        self.lines.append(f"{key}:")

    def item(self, value: Any, indent: int = 2) -> None:
        self.lines.append(" " * indent + "- " + _written(yaml_flow, value))

    def commented_item(self, value: Any, indent: int = 2, note: str | None = None) -> None:
        self.lines.append(" " * indent + "# - " + _written(yaml_flow, value)
                          + (f"  # {comment(note)}" if note else ""))

    def text(self) -> str:
        text = "\n".join(self.lines) + "\n"
        try:
            back = parse_text(text, "template.yaml").data
        except SealError as e:  # pragma: no cover - every value goes through the dumper
            raise SealError(Problem(f"the template does not read back ({e}); please report "
                                    "this")) from None
        if back != plain(self.data):  # pragma: no cover - likewise
            raise SealError(Problem("the template does not read back as the data it was made "
                                    "from; please report this"))
        return text


def _written(fn, *args) -> str:
    try:
        return fn(*args)
    except ValueError as e:  # a value with no YAML, e.g. an infinite number
        raise AssessmentError(Problem(f"{e}; correct it in the last assessment",
                                      field=str(args[0]) if len(args) > 1 else None)) from None


def assessment_template(standard: Standard, today: dt.date | None = None, *,
                        previous: Assessment | None = None,
                        plan: ActionPlan | None = None) -> str:
    """YAML text of a draft assessment with every question of ``standard``.

    Blank by default.  With ``previous`` (last period's assessment), it is the next period's
    self-assessment (see :func:`next_period`): the institution, the answers to questions the
    standard still asks and the evidence are carried over, marked to be checked.  With
    ``plan``, the evidence of completion of the actions marked done is offered (commented,
    ready to uncomment) under the requirements of the benchmarks they serve."""
    year = (today or dt.date.today()).year
    doc = _Doc()
    d = doc.data
    doc.note(f"Self-assessment against {standard.title}")
    doc.note(f"({standard.id} version {standard.version}). Fill in the answers and the "
             "evidence,")
    doc.note("then run: seal validate THIS_FILE && seal score THIS_FILE")
    std_ref = {"id": standard.id, "version": standard.version}
    carried: dict[str, Any] = {}
    if previous is None:
        d.update(type="assessment", id=f"my-institution-{year}", standard=std_ref)
        doc.key("type", "assessment")
        doc.key("id", d["id"])
        doc.key("standard", std_ref)
        doc.block("institution")
        inst = {"id": "MY-INST", "name": "Name of the institution", "country": "Country",
                "scope": "national", "sector": None, "region": None}
        notes = {"scope": "national or subnational",
                 "region": "province, state or district if subnational"}
        for k, v in inst.items():
            doc.key(k, v, 2, notes.get(k))
        d["institution"] = inst
        period: dict[str, Any] = {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31),
                                  "label": str(year)}
    else:
        new = next_period(previous.period)
        old = previous.period.label or f"{previous.period.start} to {previous.period.end}"
        doc.note(f"Carried over from {previous.id} ({old}): check every answer and every "
                 "piece of")
        doc.note("evidence before you submit; they describe the last period, not this one.")
        d.update(type="assessment", id=_next_id(previous, new), standard=std_ref)
        doc.key("type", "assessment")
        doc.key("id", d["id"])
        doc.key("standard", std_ref)
        inst = previous.institution.model_dump(exclude_none=True)
        doc.block("institution")
        for k, v in inst.items():
            doc.key(k, v, 2)
        d["institution"] = inst
        period = {"start": new.start, "end": new.end}
        if new.label:
            period["label"] = new.label
        carried = {k: v for k, v in previous.answers.items() if v is not None}
    d["period"] = period
    doc.key("period", period)
    d.update(kind="self", status="draft")
    doc.key("kind", "self", note="self or external")
    doc.key("status", "draft", note="draft or submitted")
    if previous is not None and previous.workforce:
        doc.note(f"workforce: {previous.workforce}   # last period's staff data file (relative "
                 "to the last assessment):")
        doc.note("give this period's file here; until then benchmarks that read workforce data")
        doc.note("are decided by the declared answers")
    else:
        doc.note("workforce: workforce.csv   # sex-disaggregated staff data "
                 "(seal workforce-template)")
    _answers(doc, standard, carried)
    _evidence(doc, standard, previous, plan)
    _not_applicable(doc, standard, previous)
    return doc.text()


def _answers(doc: _Doc, standard: Standard, carried: dict[str, Any]) -> None:
    doc.block("answers")
    answers: dict[str, Any] = {}
    questions = standard.questions()
    titles = {lv.id: lv.title for lv in standard.levels}
    for dim in standard.dimensions:
        doc.note(f"=== {dim.ref + ' ' if dim.ref else ''}{dim.title} ({dim.id})", 2)
        for b in dim.benchmarks:
            facts = [f"weight {b.weight:g}"] if standard.scoring.basis == "weighted_points" else []
            if b.mandatory_from:
                facts.append(f"mandatory from {titles[b.mandatory_from]}")
            if not b.allow_not_applicable:
                facts.append("cannot be claimed not applicable")
            doc.note(f"--- {b.id} {b.title}" + (f" ({', '.join(facts)})" if facts else ""), 2)
            for q in b.questions:
                doc.note(q.text, 2)
                if q.help:
                    doc.lines.append("  #   help: " + comment(q.help))
                doc.lines.append("  #   " + comment(
                    f"{_hint(standard, q)}{'' if q.required else ' (optional)'}"))
                value = carried.get(q.id)
                doc.key(q.id, value, 2, "last period's answer" if q.id in carried else None)
                answers[q.id] = value
    dropped = sorted(set(carried) - set(questions))
    if dropped:
        doc.note(f"Not asked any more, so not carried over: {', '.join(dropped)}", 2)
    doc.data["answers"] = answers


def _evidence(doc: _Doc, standard: Standard, previous: Assessment | None,
              plan: ActionPlan | None) -> None:
    doc.note("Evidence: one item for each document or record you provide.")
    doc.block("evidence")
    kept = {e.id for b in standard.benchmarks() for e in b.evidence}
    have: set[str] = set()
    items: list[dict[str, Any]] = []
    if previous is not None:
        doc.note("Last period's evidence: check that each item is still valid; delete it if",
                 2)
        doc.note("not.", 2)
        for item in previous.evidence:
            if item.requirement in kept and item.status != "rejected":
                body = item.model_dump(exclude_none=True, exclude_defaults=True)
                body["note"] = "from the last period: is it still valid?"
                doc.item(body)
                items.append(body)
                have.add(item.requirement)
    doc.note("Uncomment the line of each requirement you meet and fill in its title and", 2)
    doc.note("reference." + (" Requirements with evidence above are left out." if have else ""),
             2)
    done = _done_evidence(plan, standard)
    for b in standard.benchmarks():
        for e in b.evidence:
            if e.id not in have:
                doc.commented_item({"requirement": e.id, "title": e.title, "reference": None},
                                   note=e.kind.value)
            for action, text in done.get(b.id, []):
                doc.commented_item({"requirement": e.id, "title": text,
                                    "note": f"action {action} done"})
    doc.data["evidence"] = items or None


def _not_applicable(doc: _Doc, standard: Standard, previous: Assessment | None) -> None:
    doc.note("Benchmarks that do not apply to you, with the reason; uncomment and edit, e.g.")
    doc.block("not_applicable")
    reasons: dict[str, str] = {}
    if previous is not None and previous.not_applicable:
        ids = {b.id for b in standard.benchmarks()}
        for k, v in previous.not_applicable.items():
            if k in ids:
                doc.key(k, v, 2, "last period's reason")
                reasons[k] = v
    if not reasons:
        doc.note('BM-01: "why it does not apply"', 2)
    doc.data["not_applicable"] = reasons or None


def _done_evidence(plan: ActionPlan | None, standard: Standard) -> dict[str, list]:
    """Benchmark id -> (action id, evidence of completion) of the plan's actions marked done."""
    out: dict[str, list] = {}
    if plan is None:
        return out
    for row in plan.rows:
        if row.status.value == "done" and row.evidence:
            served = row.benchmarks or next(
                (a.benchmarks for a in standard.actions if a.id == row.action), [])
            for b in served:
                out.setdefault(b, []).append((row.action, row.evidence))
    return out


def _hint(standard: Standard, q) -> str:
    if q.type in (QuestionType.single_choice, QuestionType.multiple_choice):
        values = ", ".join(c.value for c in standard.question_choices(q) or [])
        if q.type is QuestionType.single_choice:
            return f"one of: {values}"
        return f"a list of any of: {values}  e.g. [a, b]"
    if q.type is QuestionType.table:
        cols = "; ".join(f"{c.id} ({_hint(standard, c)})" for c in q.columns or [])
        return f"a list of rows, each with: {cols}"
    hint = _HINTS[q.type]
    if q.type is QuestionType.percent and (q.min is not None or q.max is not None):
        low = q.min if q.min is not None else 0
        high = q.max if q.max is not None else 100
        hint = f"a percentage, {low:g} to {high:g}" + (
            " (negative numbers allowed: see the question)" if low < 0 else "")
    bounds: list[str] = []
    if q.min is not None and q.type is not QuestionType.percent:
        bounds.append(f"at least {q.min:g}")
    if q.max is not None and q.type is not QuestionType.percent:
        bounds.append(f"at most {q.max:g}")
    if q.unit:
        bounds.append(q.unit)
    if getattr(q, "text_limit", None):
        bounds.append(f"at most {q.text_limit:,} characters")
    return hint + (f" ({', '.join(bounds)})" if bounds else "")
