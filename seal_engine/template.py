"""A blank assessment for a standard: every question with its type and allowed values as comments."""

from __future__ import annotations

import datetime as dt

from .models import QuestionType, Standard

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


def assessment_template(standard: Standard, today: dt.date | None = None) -> str:
    """YAML text of a draft assessment with every question of ``standard`` left unanswered."""
    year = (today or dt.date.today()).year
    out = [
        f"# Self-assessment against {standard.title}",
        f"# ({standard.id} version {standard.version}). Fill in the answers and the evidence,",
        "# then run: seal validate THIS_FILE && seal score THIS_FILE",
        "type: assessment",
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
        "kind: self                   # self or external",
        "status: draft                # draft or submitted",
        "# workforce: workforce.csv   # sex-disaggregated staff data (seal workforce-template)",
        "answers:",
    ]
    for d in standard.dimensions:
        out.append(f"  # === {d.ref + ' ' if d.ref else ''}{d.title} ({d.id})")
        for b in d.benchmarks:
            must = f", mandatory from {b.mandatory_from}" if b.mandatory_from else ""
            out.append(f"  # --- {b.id} {b.title} (weight {b.weight:g}{must})")
            for q in b.questions:
                out.append(f"  # {' '.join(q.text.split())}")
                if q.help:
                    out.append(f"  #   help: {' '.join(q.help.split())}")
                out.append(f"  #   {_hint(standard, q)}{'' if q.required else ' (optional)'}")
                out.append(f"  {q.id}: null")
    out.append("# Evidence: one item for each document or record you provide. Uncomment the line")
    out.append("# of each requirement you meet and fill in its title and reference.")
    out.append("evidence:")
    for b in standard.benchmarks():
        for e in b.evidence:
            out.append(f"  # - {{requirement: {e.id}, title: {_q(e.title)}, reference: null}}"
                       f"  # {e.kind.value}")
    out.append("# Benchmarks that do not apply to you, with the reason; uncomment and edit, e.g.")
    out.append("not_applicable:")
    out.append('  # BM-01: "why it does not apply"')
    return "\n".join(out) + "\n"


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
    bounds: list[str] = []
    if q.min is not None and q.type is not QuestionType.percent:
        bounds.append(f"at least {q.min:g}")
    if q.max is not None and q.type is not QuestionType.percent:
        bounds.append(f"at most {q.max:g}")
    if q.unit:
        bounds.append(q.unit)
    return hint + (f" ({', '.join(bounds)})" if bounds else "")
