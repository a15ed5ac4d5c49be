"""The words and number formats every output shares: statuses, question types, action areas,
percentages, ratios, counts.  One copy of each, so that a score reads the same in a terminal,
in Markdown, in a spreadsheet and in the app."""

from __future__ import annotations

from typing import Any

from ..models import BenchmarkStatus
from ..rules import format_value
from ..workforce.report import SUPPRESSED

__all__ = ["AREA_WORDS", "LACKING", "STATUS_WORDS", "SUPPRESSED", "TYPE_WORDS", "answer_text",
           "n_of", "pct", "pct_fraction", "points_text", "ratio_text"]

STATUS_WORDS = {
    BenchmarkStatus.met: "met",
    BenchmarkStatus.partially_met: "partially met",
    BenchmarkStatus.not_met: "not met",
    BenchmarkStatus.not_applicable: "n/a",
    BenchmarkStatus.not_answered: "not answered",
}
TYPE_WORDS = {
    "yes_no": "yes/no", "single_choice": "one choice", "multiple_choice": "several choices",
    "integer": "whole number", "number": "number", "percent": "percentage", "date": "date",
    "text": "text", "table": "table",
}
AREA_WORDS = {
    "policy_standards": "policy & standards", "sensitization": "sensitization",
    "capacity_development": "capacity development",
    "monitoring_evaluation": "monitoring & evaluation", "data_collection": "data collection",
}
#: Shown where the data for a figure is lacking.
LACKING = "—"


def pct(v: float | None) -> str:
    """A percentage given 0..100: '62.9 %', or '–' when there is none."""
    return "–" if v is None else f"{v:.1f} %"


def pct_fraction(v: Any) -> str:
    """A share given 0..1 as a percentage; lacking and suppressed figures say so."""
    if v is None:
        return LACKING
    if v == SUPPRESSED:
        return SUPPRESSED
    return f"{v * 100:.1f} %"


def ratio_text(v: Any, warn: float | None = 0.8) -> str:
    """A ratio such as a selection ratio, marked '!' below ``warn``."""
    if v is None:
        return LACKING
    if v == SUPPRESSED:
        return SUPPRESSED
    return f"{v:.2f}" + (" !" if warn is not None and v < warn else "")


def points_text(v: Any) -> str:
    """A difference of shares in percentage points: '+3.5 points'."""
    if v is None:
        return ""
    if v == SUPPRESSED:
        return SUPPRESSED
    return f"{v * 100:+.1f} points"


def n_of(count: Any, one: str, many: str) -> str:
    """'1 woman', '3 women', '1 benchmark'; a non-number (suppressed) is shown as it is."""
    if isinstance(count, (int, float)) and not isinstance(count, bool):
        return f"{count:g} {one if count == 1 else many}"
    return f"{count} {many}"


def _shown(value: object, qtype: str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if qtype == "percent" and isinstance(value, (int, float)):
        return f"{format_value(value)} %"
    return value if isinstance(value, str) else format_value(value)


def answer_text(answer: object, q) -> list[str]:
    """An answer as the institution gave it, one line (tables: a line a row), indented."""
    if answer is None:
        return ["      answer: (not answered)"]
    if q.type.value == "table" and isinstance(answer, list):
        types = {c.id: c.type.value for c in q.columns or []}
        out = [f"      answer: {n_of(len(answer), 'row', 'rows')}"]
        out.extend("        - " + ", ".join(f"{k}: {_shown(v, types.get(k, ''))}"
                                             for k, v in row.items()) for row in answer
                   if isinstance(row, dict))
        return out
    if isinstance(answer, list):
        return ["      answer: " + (", ".join(str(x) for x in answer) or "(none ticked)")]
    return ["      answer: " + _shown(answer, q.type.value)]
