"""The app's charts: the Vega-Lite specifications the reports draw too
(``seal_engine.chart_spec``), their words from the reports' catalogue in the session's language:
dimension scores against the level thresholds, women's share by grade (the leaky pipeline) and
by location against the parity band, the pay gap, and the portfolio's ranking, heatmap, level
distribution and trends.  Figures a report suppressed (groups too small to publish) are left
out, never drawn as zero.

Pages draw them with ``st.vega_lite_chart(spec=...)`` as they are: an Altair chart built
from them validates every node against the Vega-Lite JSON schema, on reading and again on
writing, which cost 0.1-0.2 s a chart on every rerun for a specification already checked by
the reports' tests."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from seal_engine import ScoreResult, Standard, chart_spec

from .i18n import language

__all__ = ["dimension_chart", "distribution_chart", "heatmap_chart", "pay_gap_chart",
           "ranking_chart", "share_chart", "trend_chart"]

Spec = dict[str, Any]


def _chart(spec: Spec | None) -> Spec | None:
    return spec


def _rows(data: pd.DataFrame) -> list[dict[str, Any]]:
    """The table's rows, a missing value (pandas' NaN: the level of an institution that
    reached none) as None: NaN is not JSON, and the browser drew an error box instead of the
    chart."""
    return [{k: None if isinstance(v, float) and math.isnan(v) else v for k, v in r.items()}
            for r in data.to_dict("records")]


def dimension_chart(result: ScoreResult, standard: Standard) -> Spec:
    """Each dimension's score (percent of its applicable points) as a bar, with the levels'
    thresholds as lines."""
    titles = {d.id: d.title for d in standard.dimensions}  # in the session's language
    return _chart(chart_spec(
        "dimension", [(titles.get(d.id, d.title), d.score) for d in result.dimensions],
        [(lv.id, lv.title, lv.min_score) for lv in standard.levels_in_order()],
        result.basis.kind, lang=language()))


def share_chart(groups: list[dict], by: str, title: str,
                parity_band: tuple[float, float]) -> Spec | None:
    """Women's share of staff per group of ``by`` (grade: in order from entry to top), with
    the parity band shaded and 50 % marked; ``None`` when no group can be shown."""
    return _chart(chart_spec("share", _labelled(groups, by), by, title, parity_band,
                             lang=language()))


def pay_gap_chart(groups: list[dict], by: str, title: str) -> Spec | None:
    """The unadjusted pay gap (mean and median) per group; positive: men are paid more."""
    return _chart(chart_spec("pay_gap", _labelled(groups, by), by, title, lang=language()))


def _labelled(groups: list[dict], by: str) -> list[dict]:
    """The groups with their ``by`` value as a label ('senior' is shown 'Senior'), the order
    kept (grades from entry to top)."""
    from .words import group_label

    return [{**g, by: group_label(g[by])} if g.get(by) not in (None, "all") else g
            for g in groups]


def ranking_chart(data: pd.DataFrame) -> Spec:
    """Institutions in the order given (their rank), bars of their score coloured by level and
    labelled with it (``institution``, ``score``, ``level``, and ``url`` to open when a bar is
    clicked)."""
    return _chart(chart_spec("ranking", _rows(data), lang=language()))


def heatmap_chart(data: pd.DataFrame) -> Spec:
    """Dimension scores per institution (``institution``, ``dimension`` (a short id shown on
    the axis), ``title`` (the dimension's, in the tooltip), ``score``, and ``url`` to open when
    a cell is clicked)."""
    return _chart(chart_spec("heatmap", _rows(data), lang=language()))


def distribution_chart(data: pd.DataFrame) -> Spec:
    """How many institutions reached each level (``level``, ``count``, ``order``)."""
    return _chart(chart_spec("distribution", _rows(data), lang=language()))


def trend_chart(data: pd.DataFrame) -> Spec:
    """Scores over periods per institution (``institution``, ``period``, ``score``)."""
    return _chart(chart_spec("trend", _rows(data), lang=language()))
