"""The words and number formats every output shares: statuses, question types, action areas,
percentages, ratios, counts.  One copy of each, so that a score reads the same in a terminal,
in Markdown, in a spreadsheet and in the app."""

from __future__ import annotations

from typing import Any

from ..models import BenchmarkStatus
from ..rules import format_value
from ..workforce.report import SUPPRESSED

__all__ = ["AREA_WORDS", "LACKING", "STATUS_WORDS", "SUPPRESSED", "TYPE_WORDS", "answer_text",
           "band_name", "basis_text", "n_of", "needed_text", "pct", "pct_fraction", "points_text",
           "ratio_text", "score_decimals", "score_words", "target_name", "verdict_text"]

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
    "text": "text", "long_text": "long text", "table": "table",
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


def pct_fraction(v: Any, decimals: Any = 1) -> str:
    """A share given 0..1 as a percentage with ``decimals`` (a women's share beside its parity
    verdict takes its row's ``share_decimals``); lacking and suppressed figures say so."""
    if v is None:
        return LACKING
    if v == SUPPRESSED:
        return SUPPRESSED
    d = decimals if isinstance(decimals, int) and not isinstance(decimals, bool) else 1
    return f"{v * 100:.{d}f} %"


# ------------------------------------------------------------------------------- parity

def _edge(x: float) -> str:
    return f"{x * 100:g}"


def band_name(band: Any) -> str:
    """The band a women's share is read against, by its kind: 'parity band 47-53 %',
    'balanced participation 40-60 %' or 'band 45-55 %'.  ``band``: a
    :class:`~seal_engine.workforce.parity.ParityBand` or its dict."""
    b = band if isinstance(band, dict) else band.model_dump()
    edges = f"{_edge(b['low'])}-{_edge(b['high'])} %"
    return {"parity": f"parity band {edges}",
            "balanced": f"balanced participation {edges}"}.get(b["kind"], f"band {edges}")


def target_name(band: Any) -> str:
    """The target of the 'needed for' figures: '50/50', or '45 % women'."""
    t = (band if isinstance(band, dict) else band.model_dump())["target"]
    return "50/50" if t == 0.5 else f"{_edge(t)} % women"


def verdict_text(verdict: Any, kind: str) -> str:
    """A parity verdict in words: inside a parity band 'at parity', inside balanced
    participation 'balanced' (never 'at parity'), inside another band 'in band'."""
    if verdict is None:
        return LACKING
    if verdict == "in band":
        return {"parity": "at parity", "balanced": "balanced"}.get(kind, "in band")
    return str(verdict)


def needed_text(count: Any, sex: Any) -> str:
    """'130 women', '1 man', '0'; ``None`` (no whole number of people reaches the band) is
    'out of reach'; a suppressed figure says so."""
    if count is None:
        return "out of reach"
    if count == SUPPRESSED:
        return SUPPRESSED
    if sex == "women":
        return n_of(count, "woman", "women")
    if sex == "men":
        return n_of(count, "man", "men")
    return "0"


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


# ------------------------------------------------------------------------------- the basis

def score_decimals(points: float, max_points: float, threshold: float | None = None) -> str:
    """``points`` as a percentage of ``max_points`` from the exact ratio (never from a figure
    already rounded, so 45 of 57 is 78.9 %, not 79.0 %), with one decimal, or more where one
    decimal would print a ``threshold`` (0..100) the score does not reach: 69.96 % is never
    printed '70.0 %' beside a level that needs 70 %."""
    from ..percent import shown_decimals

    if max_points <= 0:
        return "–"
    exact = points * 100 / max_points
    return f"{exact:.{shown_decimals(exact, threshold)}f} %"


def score_words(score: float, basis: Any, points: float, max_points: float,
                threshold: float | None = None) -> str:
    """The overall score with what it is a share of: '72.7 % of applicable benchmarks met
    (40 of 55)' or '84.6 % of points (93 of 110)'; ``threshold``: the next level's, which the
    printed figure must not seem to reach when the score does not."""
    shown = score_decimals(points, max_points, threshold) if max_points > 0 else pct(score)
    if basis.kind == "benchmarks_met":
        return (f"{shown} of applicable benchmarks met ({basis.met:g} of "
                f"{basis.applicable:g})")
    return f"{shown} of points ({points:g} of {max_points:g})"


def basis_text(basis: Any) -> str:
    """How the percentage is counted, in words, for the line beside it."""
    if basis.kind == "benchmarks_met":
        head = "share of applicable benchmarks met, each benchmark counted once"
    else:
        head = "weighted points, each benchmark worth its weight"
    credit = basis.partial_credit
    partly = ("partially met earns no credit (shown as progress)" if not credit else
              f"partially met earns {credit * 100:g} % of the credit")
    op = "more than" if basis.threshold_operator == ">" else "at least"
    return (f"{head}; {partly}; a level needs {op} its threshold and every benchmark "
            "mandatory up to it met (a claim of not applicable counts as not met until an "
            "assessor accepts it)")

