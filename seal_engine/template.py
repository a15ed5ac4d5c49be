"""A blank assessment for a standard: every question, with its type and allowed values as
comments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import yaml

from .models import Assessment, QuestionType, Standard

if TYPE_CHECKING:
    from .actions import ActionPlan

__all__ = ["assessment_template"]

_HINTS = {
    QuestionType.yes_no: "yes or no",
    QuestionType.integer: "a whole number",
    QuestionType.number: "a number",
    QuestionType.percent: "a percentage, 0-100",
    QuestionType.date: "a date, YYYY-MM-DD",
    QuestionType.text: "text",
}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow(value: Any) -> str:
    """A value as one line of YAML."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if value in ("yes", "no"):  # plain: our YAML reads them as text, yes/no answers accept them
        return value
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000,
                          sort_keys=False)
    return text.strip().removesuffix("...").strip()


def _next_period(previous: Assessment) -> tuple[dt.date, dt.date, str | None]:
    p = previous.period
    start = p.end + dt.timedelta(days=1)
    end = start + (p.end - p.start)
    label = p.label
    if label and label.isdigit():
        label = str(int(label) + 1)
    elif label:
        label = None
    return start, end, label


def assessment_template(standard: Standard, today: dt.date | None = None, *,
                        previous: Assessment | None = None,
                        plan: ActionPlan | None = None) -> str:
    """YAML text of a draft assessment with every question of ``standard``.

    Blank by default.  With ``previous`` (last period's assessment), it is the next period's
    self-assessment: the institution, the answers to questions the standard still asks and the
    evidence are carried over, marked to be checked.  With ``plan``, the evidence of completion
    of the actions marked done is offered (commented) under the requirements of the benchmarks
    they serve."""
    year = (today or dt.date.today()).year
    header = [
        f"# Self-assessment against {standard.title}",
        f"# ({standard.id} version {standard.version}). Fill in the answers and the evidence,",
        "# then run: seal validate THIS_FILE && seal score THIS_FILE",
        "type: assessment",
    ]
    if previous is None:
        out = header + [
            "id: my-institution-" + str(year),
            f"standard: {{id: {standard.id}, version: {standard.version}}}",
            "institution:",
            "  id: MY-INST",
            '  name: "Name of the institution"',
            '  country: "Country"',
            "  scope: national            # national or subnational",
            "  sector: null",
            "  region: null               # province, state or district if subnational",
            f"period: {{start: {year}-01-01, end: {year}-12-31, label: \"{year}\"}}",
        ]
        carried: dict[str, Any] = {}
    else:
        start, end, label = _next_period(previous)
        old = previous.period.label or f"{previous.period.start} to {previous.period.end}"
        new_id = previous.id
        if previous.period.label and previous.period.label in new_id and label:
            new_id = new_id.replace(previous.period.label, label)
        else:
            new_id += "-next"
        inst = previous.institution.model_dump(exclude_none=True)
        out = header + [
            f"# Carried over from {previous.id} ({old}): check every answer and every piece of",
            "# evidence before you submit; they describe the last period, not this one.",
            f"id: {new_id}",
            f"standard: {{id: {standard.id}, version: {standard.version}}}",
            "institution:",
            *(f"  {k}: {_flow(v)}" for k, v in inst.items()),
            f"period: {{start: {start}, end: {end}"
            + (f", label: \"{label}\"" if label else "") + "}",
        ]
        carried = {k: v for k, v in previous.answers.items() if v is not None}
    out += [
        "kind: self                   # self or external",
        "status: draft                # draft or submitted",
    ]
    if previous is not None and previous.workforce:
        out += [f"# workforce: {previous.workforce}   # last period's staff data file (relative to "
                "the last assessment):",
                "# give this period's file here; until then benchmarks that read workforce data",
                "# are decided by the declared answers"]
    else:
        out.append("# workforce: workforce.csv   # sex-disaggregated staff data "
                   "(seal workforce-template)")
    out.append("answers:")
    questions = standard.questions()
    titles = {lv.id: lv.title for lv in standard.levels}
    for d in standard.dimensions:
        out.append(f"  # === {d.ref + ' ' if d.ref else ''}{d.title} ({d.id})")
        for b in d.benchmarks:
            must = f", mandatory from {titles[b.mandatory_from]}" if b.mandatory_from else ""
            out.append(f"  # --- {b.id} {b.title} (weight {b.weight:g}{must})")
            for q in b.questions:
                out.append(f"  # {' '.join(q.text.split())}")
                if q.help:
                    out.append(f"  #   help: {' '.join(q.help.split())}")
                out.append(f"  #   {_hint(standard, q)}{'' if q.required else ' (optional)'}")
                if q.id in carried:
                    out.append(f"  {q.id}: {_flow(carried[q.id])}   # last period's answer")
                else:
                    out.append(f"  {q.id}: null")
    dropped = sorted(set(carried) - set(questions))
    if dropped:
        out.append(f"  # Not asked any more, so not carried over: {', '.join(dropped)}")
    out.append("# Evidence: one item for each document or record you provide.")
    out.append("evidence:")
    kept = {e.id for b in standard.benchmarks() for e in b.evidence}
    have: set[str] = set()
    if previous is not None:
        out.append("  # Last period's evidence: check that each item is still valid; delete it if")
        out.append("  # not.")
        for item in previous.evidence:
            if item.requirement in kept and item.status != "rejected":
                body = item.model_dump(exclude_none=True, exclude_defaults=True)
                body["note"] = "from the last period: is it still valid?"
                out.append(f"  - {_flow(body)}")
                have.add(item.requirement)
    out.append("  # Uncomment the line of each requirement you meet and fill in its title and")
    out.append("  # reference." + (" Requirements with evidence above are left out."
                                   if have else ""))
    done = _done_evidence(plan, standard)
    for b in standard.benchmarks():
        for e in b.evidence:
            if e.id not in have:
                out.append(f"  # - {{requirement: {e.id}, title: {_q(e.title)}, "
                           f"reference: null}}  # {e.kind.value}")
            for action, text in done.get(b.id, []):
                out.append(f"  # - {{requirement: {e.id}, title: {_q(text)}, "
                           f"note: {_q(f'action {action} done')}}}")
    out.append("# Benchmarks that do not apply to you, with the reason; uncomment and edit, e.g.")
    out.append("not_applicable:")
    if previous is not None and previous.not_applicable:
        out.extend(f"  {k}: {_q(v)}   # last period's reason" for k, v in
                   previous.not_applicable.items() if k in {b.id for b in standard.benchmarks()})
    else:
        out.append('  # BM-01: "why it does not apply"')
    return "\n".join(out) + "\n"


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
    return hint + (f" ({', '.join(bounds)})" if bounds else "")
