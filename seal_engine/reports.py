"""Rendering results for people: plain-text tables, Markdown and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .models import Assessment, BenchmarkStatus, ScoreResult, Standard
from .rules import format_value

__all__ = ["STATUS_WORDS", "md_table", "render_explain", "render_score", "shorten", "text_table"]

STATUS_WORDS = {
    BenchmarkStatus.met: "met",
    BenchmarkStatus.partially_met: "partly met",
    BenchmarkStatus.not_met: "not met",
    BenchmarkStatus.not_applicable: "n/a",
    BenchmarkStatus.not_answered: "not answered",
}


def text_table(headers: Sequence[str], rows: Sequence[Sequence[object]],
               align: str | None = None) -> str:
    """A plain-text table; ``align`` holds 'l' or 'r' per column."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    align = align or "l" * len(headers)

    def fmt(row):
        return "  ".join(
            c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, align, strict=True)
        ).rstrip()

    out = [fmt(cells[0]), "  ".join("-" * w for w in widths)]
    out.extend(fmt(r) for r in cells[1:])
    return "\n".join(out)


def md_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; pipes are escaped and line breaks become <br>."""

    def esc(c: object) -> str:
        return "" if c is None else str(c).replace("|", "\\|").replace("\n", "<br>")

    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out.extend("| " + " | ".join(esc(c) for c in r) + " |" for r in rows)
    return "\n".join(out)


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v:.1f} %"


def _level_line(r: ScoreResult, standard: Standard | None) -> str:
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}
    level = titles.get(r.level, r.level) if r.level else "no level"
    return f"Level reached: {level}   Overall score: {_pct(r.score)} ({r.points:g} of {r.max_points:g} points)"


def _next_line(r: ScoreResult) -> list[str]:
    n = r.next_level
    if n is None:
        return ["Next level: none; the highest level is reached."]
    out = [f"Next level: {n.title} (needs {n.min_score:g} %)"]
    if n.points_needed > 0:
        out.append(f"  {n.points_needed:g} more of the {r.max_points:g} applicable points needed")
    elif n.blocking:
        out[0] += " — the score is enough; mandatory benchmarks are not met"
    if n.blocking:
        out.append(f"  Mandatory benchmarks not yet met: {', '.join(n.blocking)}")
    return out


def render_score(r: ScoreResult, fmt: str = "table", standard: Standard | None = None) -> str:
    """A score result as ``table`` (plain text), ``markdown`` or ``json``."""
    if fmt == "json":
        return json.dumps(r.to_dict(), indent=2, ensure_ascii=False)
    head = f"{r.institution.name} — {r.standard.id} v{r.standard.version}, " \
           f"{r.period.label or f'{r.period.start} to {r.period.end}'}"
    dim_rows = [
        (d.id, d.title, _pct(d.score), d.counts[BenchmarkStatus.met],
         d.counts[BenchmarkStatus.partially_met], d.counts[BenchmarkStatus.not_met],
         d.counts[BenchmarkStatus.not_answered], d.counts[BenchmarkStatus.not_applicable])
        for d in r.dimensions
    ]
    dim_headers = ("Dimension", "Title", "Score", "Met", "Partly", "Not met", "Unanswered", "N/A")
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}
    bench_rows = [
        (b.id, b.title, STATUS_WORDS[b.status], f"{b.points:g}/{b.max_points:g}",
         titles.get(b.mandatory_from, b.mandatory_from or ""))
        for b in r.benchmarks
    ]
    bench_headers = ("Benchmark", "Title", "Status", "Points", "Mandatory from")
    if fmt == "markdown":
        parts = [f"# {head}", "", _level_line(r, standard), "", *_next_line(r), "",
                 "## Dimensions", "", md_table(dim_headers, dim_rows), "",
                 "## Benchmarks", "", md_table(bench_headers, bench_rows), ""]
        return "\n".join(parts)
    parts = [head, _level_line(r, standard), *_next_line(r), "",
             text_table(dim_headers, dim_rows, "llrrrrrr"), "",
             text_table(bench_headers, [(a, shorten(b, 52), c, d, e) for a, b, c, d, e in bench_rows],
                        "llllr"[:4] + "l")]
    return "\n".join(parts)


def render_explain(standard: Standard, assessment: Assessment, r: ScoreResult,
                   benchmark_id: str) -> str:
    """Everything about one benchmark: what it asks, what was answered, its status and why."""
    b = standard.benchmark(benchmark_id)
    res = r.benchmark(benchmark_id)
    dim = next(d for d in standard.dimensions if any(x.id == b.id for x in d.benchmarks))
    lines = [f"{b.id} {b.title}", f"Dimension: {dim.id} {dim.title}"]
    if b.description:
        lines.append(" ".join(b.description.split()))
    titles = {lv.id: lv.title for lv in standard.levels}
    must = (f"Mandatory from: {titles[b.mandatory_from]}" if b.mandatory_from
            else "Not mandatory")
    lines.append(f"Weight: {b.weight:g}   {must}   "
                 f"Status: {STATUS_WORDS[res.status]} ({res.points:g} of {res.max_points:g} "
                 f"point{'' if res.max_points == 1 else 's'})")
    lines.append("")
    lines.append("Why:")
    lines.extend("  " + ln for ln in res.explanation)
    if b.questions:
        lines.append("")
        lines.append("Questions and answers:")
        for q in b.questions:
            lines.append(f"  {q.id} ({_TYPE_WORDS[q.type.value]}) {q.text}")
            lines.extend(_answer_lines(assessment.answers.get(q.id), q))
    if b.evidence:
        lines.append("")
        lines.append("Evidence asked for:")
        for e in b.evidence:
            items = [i for i in assessment.evidence if i.requirement == e.id]
            lines.append(f"  {e.id} {e.title} ({e.kind.value.replace('_', ' ')})")
            if not items:
                lines.append("      provided: nothing")
            for i in items:
                ref = f" [{i.reference}]" if i.reference else ""
                lines.append(f"      provided: {i.title}{ref} ({i.status})")
    actions = standard.actions_for(b.id)
    if actions and res.status not in (BenchmarkStatus.met, BenchmarkStatus.not_applicable):
        lines.append("")
        lines.append("Actions that close it:")
        for act in actions:
            lines.append(f"  {act.id} {act.title} ({_AREA_WORDS[act.area.value]}, about "
                         f"{act.duration_quarters} quarter{'s' if act.duration_quarters > 1 else ''})")
    return "\n".join(lines)


_TYPE_WORDS = {
    "yes_no": "yes/no", "single_choice": "one choice", "multiple_choice": "several choices",
    "integer": "whole number", "number": "number", "percent": "percentage", "date": "date",
    "text": "text", "table": "table",
}
_AREA_WORDS = {
    "policy_standards": "policy & standards", "sensitization": "sensitization",
    "capacity_development": "capacity development",
    "monitoring_evaluation": "monitoring & evaluation", "data_collection": "data collection",
}


def _shown(value: object, qtype: str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if qtype == "percent" and isinstance(value, (int, float)):
        return f"{format_value(value)} %"
    return value if isinstance(value, str) else format_value(value)


def _answer_lines(answer: object, q) -> list[str]:
    if answer is None:
        return ["      answer: (not answered)"]
    if q.type.value == "table" and isinstance(answer, list):
        types = {c.id: c.type.value for c in q.columns or []}
        out = [f"      answer: {len(answer)} row{'' if len(answer) == 1 else 's'}"]
        out.extend("        - " + ", ".join(f"{k}: {_shown(v, types.get(k, ''))}"
                                             for k, v in row.items()) for row in answer
                   if isinstance(row, dict))
        return out
    if isinstance(answer, list):
        return ["      answer: " + (", ".join(str(x) for x in answer) or "(none ticked)")]
    return ["      answer: " + _shown(answer, q.type.value)]


def shorten(text: str, limit: int) -> str:
    """The text cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
