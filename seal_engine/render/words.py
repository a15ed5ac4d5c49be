"""The words and number formats every output shares: statuses, question types, action areas,
percentages, ratios, counts.  One copy of each, so that a score reads the same in a terminal,
in Markdown, in a spreadsheet and in the app."""

from __future__ import annotations

from typing import Any

from ..models import BenchmarkStatus
from ..rules import format_value
from ..workforce.report import SUPPRESSED

__all__ = ["AREA_WORDS", "LACKING", "STATUS_WORDS", "SUPPRESSED", "TYPE_WORDS", "answer_lines",
           "answer_text", "band_in", "band_name", "basis_message", "basis_text", "n_of",
           "needed_in", "needed_text", "pct", "pct_fraction", "points_in", "points_text",
           "ratio_in", "ratio_text", "score_decimals", "score_message", "score_num",
           "score_words", "share_in", "status_message", "target_in", "target_name", "verdict_in",
           "verdict_text"]

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


def _answer_param(value: object, qtype: str):
    from ..messages import pct as _pct
    from ..messages import say
    from ..rules.values import value_param

    if isinstance(value, bool):
        return say("word.yes" if value else "word.no")
    if qtype == "yes_no" and value in ("yes", "no"):  # the answer's code: in words
        return say(f"word.{value}")
    if qtype == "percent" and isinstance(value, (int, float)):
        return _pct(value, None)
    return value if isinstance(value, str) else value_param(value)


def answer_lines(answer: object, q, lang: str = "en") -> list[str]:
    """An answer as the institution gave it, in ``lang``, one line (tables: a line a row),
    indented."""
    from ..messages import Ids, render_message, say

    def t(code: str, /, **params) -> str:
        return render_message(say(code, **params), lang=lang)

    if answer is None:
        return ["      " + t("explain.not_answered")]
    if q.type.value == "table" and isinstance(answer, list):
        types = {c.id: c.type.value for c in q.columns or []}
        out = ["      " + t("explain.rows", n=len(answer))]
        out.extend("        - " + ", ".join(
            t("explain.cell", column=k, value=_answer_param(v, types.get(k, "")))
            for k, v in row.items()) for row in answer if isinstance(row, dict))
        return out
    if isinstance(answer, list):
        if not answer:
            return ["      " + t("explain.none_ticked")]
        return ["      " + t("explain.answer", answer=Ids(items=[str(x) for x in answer]))]
    return ["      " + t("explain.answer", answer=_answer_param(answer, q.type.value))]


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

def score_num(points: float, max_points: float, threshold: float | None = None):
    """``points`` as a percentage of ``max_points`` (a :class:`~seal_engine.messages.Num`) from
    the exact ratio (never from a figure already rounded, so 45 of 57 is 78.9 %, not 79.0 %),
    with one decimal, or more where one decimal would print a ``threshold`` (0..100) the score
    does not reach: 69.96 % is never printed '70.0 %' beside a level that needs 70 %."""
    from ..messages import pct as _pct
    from ..percent import shown_decimals

    exact = points * 100 / max_points
    return _pct(exact, shown_decimals(exact, threshold))


def score_decimals(points: float, max_points: float, threshold: float | None = None,
                   lang: str = "en") -> str:
    """:func:`score_num` written in ``lang``: '78.9 %'; '–' when there are no points."""
    from ..messages import render_message, say

    if max_points <= 0:
        return "–"
    return render_message(say("problem.text", text=score_num(points, max_points, threshold)),
                          lang=lang)


def score_message(score: float, basis: Any, points: float, max_points: float,
                  threshold: float | None = None):
    """The overall score with what it is a share of, as a message: '72.7 % of applicable
    benchmarks met (40 of 55)' or '84.6 % of points (93 of 110)'; ``threshold``: the next
    level's, which the printed figure must not seem to reach when the score does not."""
    from ..messages import pct as _pct
    from ..messages import say

    shown = (score_num(points, max_points, threshold) if max_points > 0 else
             _pct(score, 1))
    if basis.kind == "benchmarks_met":
        return say("score.of_benchmarks", score=shown, met=basis.met, applicable=basis.applicable)
    return say("score.of_points", score=shown, points=points, max_points=max_points)


def score_words(score: float, basis: Any, points: float, max_points: float,
                threshold: float | None = None, lang: str = "en") -> str:
    """:func:`score_message` written in ``lang``."""
    from ..messages import render_message

    return render_message(score_message(score, basis, points, max_points, threshold), lang=lang)


def basis_message(basis: Any):
    """How the percentage is counted, as a message, for the line beside it."""
    from ..messages import pct as _pct
    from ..messages import say

    head = say("basis.benchmarks_met" if basis.kind == "benchmarks_met" else
               "basis.weighted_points")
    credit = basis.partial_credit
    partly = (say("basis.no_partial_credit") if not credit else
              say("basis.partial_credit", share=_pct(credit * 100)))
    rule = say("basis.rule_more_than" if basis.threshold_operator == ">" else
               "basis.rule_at_least")
    return say("basis.text", head=head, partly=partly, rule=rule)


def basis_text(basis: Any, lang: str = "en") -> str:
    """:func:`basis_message` written in ``lang``."""
    from ..messages import render_message

    return render_message(basis_message(basis), lang=lang)


def status_message(status: Any):
    """A benchmark status in words, as a message ('met', 'partially met', 'n/a')."""
    from ..messages import say

    return say(f"status.{BenchmarkStatus(status).value}")


# ------------------------------------------------------------------------------- in a language

def _t(lang: str):
    from ..messages import render_message, say

    def t(code: str, /, **params) -> str:
        return render_message(say(code, **params), lang=lang)

    return t


def share_in(v: Any, decimals: Any = 1, lang: str = "en") -> str:
    """:func:`pct_fraction` in ``lang``: a share 0..1 as a percentage; lacking and suppressed
    figures say so."""
    from ..messages import pct as _pct

    if v is None:
        return LACKING
    if v == SUPPRESSED:
        return _t(lang)("staff.suppressed")
    d = decimals if isinstance(decimals, int) and not isinstance(decimals, bool) else 1
    return _t(lang)("problem.text", text=_pct(v * 100, d))


def band_in(band: Any, lang: str = "en") -> str:
    """:func:`band_name` in ``lang``."""
    from ..messages import num

    b = band if isinstance(band, dict) else band.model_dump()
    low, high = num(round(b["low"] * 100, 6)), num(round(b["high"] * 100, 6))
    code = {"parity": "band.parity", "balanced": "band.balanced"}.get(b["kind"], "band.other")
    return _t(lang)(code, low=low, high=high)


def target_in(band: Any, lang: str = "en") -> str:
    """:func:`target_name` in ``lang``."""
    from ..messages import num

    t = (band if isinstance(band, dict) else band.model_dump())["target"]
    return "50/50" if t == 0.5 else _t(lang)("band.target_women", share=num(round(t * 100, 6)))


def verdict_in(verdict: Any, kind: str, lang: str = "en") -> str:
    """:func:`verdict_text` in ``lang``."""
    if verdict is None:
        return LACKING
    if verdict == SUPPRESSED:
        return _t(lang)("staff.suppressed")
    if verdict == "in band":
        return _t(lang)({"parity": "verdict.at_parity", "balanced": "verdict.balanced"}.get(
            kind, "verdict.in_band"))
    code = {"below band": "verdict.below_band", "above band": "verdict.above_band"}.get(verdict)
    return _t(lang)(code) if code else str(verdict)


def needed_in(count: Any, sex: Any, lang: str = "en") -> str:
    """:func:`needed_text` in ``lang``."""
    t = _t(lang)
    if count is None:
        return t("needed.out_of_reach")
    if count == SUPPRESSED:
        return t("staff.suppressed")
    if sex in ("women", "men") and isinstance(count, (int, float)):
        return t(f"needed.{sex}", n=count)
    return "0"


def ratio_in(v: Any, warn: float | None = 0.8, lang: str = "en") -> str:
    """:func:`ratio_text` in ``lang``."""
    from ..messages import num

    if v is None:
        return LACKING
    if v == SUPPRESSED:
        return _t(lang)("staff.suppressed")
    text = _t(lang)("problem.text", text=num(v, 2))
    return text + (" !" if warn is not None and v < warn else "")


def points_in(v: Any, lang: str = "en") -> str:
    """:func:`points_text` in ``lang``: '+3.5 points'."""
    from ..messages import num

    if v is None:
        return ""
    if v == SUPPRESSED:
        return _t(lang)("staff.suppressed")
    return _t(lang)("staff.change_points", n=num(v * 100, 1, sign=True))
