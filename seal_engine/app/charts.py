"""The app's charts, in Altair: dimension scores against the level thresholds, women's share
by grade (the leaky pipeline) and by location against the parity band, the pay gap, and the
portfolio's ranking, heatmap, level distribution and trends.  Every title and axis goes
through ``_``; figures a report suppressed (groups too small to publish) are left out, never
drawn as zero."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from seal_engine import ScoreResult, Standard

from .i18n import _, fmt_percent

__all__ = ["dimension_chart", "distribution_chart", "heatmap_chart", "pay_gap_chart",
           "ranking_chart", "share_chart", "trend_chart"]

_BLUE = "#006eb5"
_LEVEL_COLOURS = {"gold": "#c9a227", "silver": "#8d99a6", "bronze": "#a97142"}
_FONT = 13


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None


def _finish(chart: alt.Chart, height: int) -> alt.Chart:
    # "fit-x": the chart fits the width it is given and keeps the height asked for (Streamlit
    # would otherwise fit the whole chart, axes and legend included, into a default height,
    # squashing the bars).
    return chart.properties(height=height, autosize=alt.AutoSizeParams(
        type="fit-x", contains="padding")).configure_axis(
        labelFontSize=_FONT, titleFontSize=_FONT, labelLimit=320).configure_legend(
        labelFontSize=_FONT, titleFontSize=_FONT, orient="bottom")


def dimension_chart(result: ScoreResult, standard: Standard) -> alt.Chart:
    """Each dimension's score (percent of its applicable points) as a bar, with the levels'
    thresholds as lines."""
    rows = [{"dimension": d.title, "score": d.score if d.score is not None else 0.0,
             "shown": (fmt_percent(d.score) if d.score is not None else _("nothing applies"))}
            for d in result.dimensions]
    data = pd.DataFrame(rows)
    order = [r["dimension"] for r in rows]
    axis = (_("Score (% of applicable benchmarks met)")
            if result.basis.kind == "benchmarks_met" else _("Score (% of applicable points)"))
    bars = alt.Chart(data).mark_bar(color=_BLUE, cornerRadiusEnd=3).encode(
        x=alt.X("score:Q", title=axis,
                scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("dimension:N", sort=order, title=None),
        tooltip=[alt.Tooltip("dimension:N", title=_("Dimension")),
                 alt.Tooltip("shown:N", title=_("Score"))])
    labels = bars.mark_text(align="left", dx=4, fontSize=_FONT).encode(text="shown:N")
    levels = pd.DataFrame([{"level": lv.title, "min": lv.min_score,
                            "colour": _LEVEL_COLOURS.get(lv.id, "#555")}
                           for lv in standard.levels_in_order()])
    rules = alt.Chart(levels).mark_rule(strokeDash=[4, 3], strokeWidth=2).encode(
        x="min:Q", color=alt.Color("level:N", title=_("Overall level threshold"),
                                   scale=alt.Scale(domain=list(levels["level"]),
                                                   range=list(levels["colour"]))))
    return _finish(alt.layer(bars, labels, rules), 36 * len(rows) + 40)


def share_chart(groups: list[dict], by: str, title: str,
                parity_band: tuple[float, float]) -> alt.Chart | None:
    """Women's share of staff per group of ``by`` (grade: in order from entry to top), with
    the parity band shaded and 50 % marked; ``None`` when no group can be shown."""
    rows = []
    for g in groups:
        if g.get(by) in (None, "all"):
            continue
        share = _number(g.get("women_share"))
        if share is None:
            continue
        d = g.get("share_decimals")  # as many as keep the label on its side of the band
        rows.append({"group": str(g[by]), "share": share * 100,
                     "shown": fmt_percent(share * 100, d if isinstance(d, int) else 1),
                     "staff": _number(g.get("headcount"))})
    if not rows:
        return None
    data = pd.DataFrame(rows)
    order = [r["group"] for r in rows]
    low, high = parity_band
    band = alt.Chart(pd.DataFrame([{"low": low * 100, "high": high * 100}])).mark_rect(
        color="#2e7d32", opacity=0.12).encode(y="low:Q", y2="high:Q")
    half = alt.Chart(pd.DataFrame([{"y": 50}])).mark_rule(color="#2e7d32",
                                                          strokeDash=[4, 3]).encode(y="y:Q")
    bars = alt.Chart(data).mark_bar(color=_BLUE, cornerRadiusEnd=3).encode(
        x=alt.X("group:N", sort=order, title=title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share:Q", title=_("Women's share of staff (%)"),
                scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("group:N", title=title), alt.Tooltip("shown:N", title=_("Women")),
                 alt.Tooltip("staff:Q", title=_("Staff"), format=",")])
    labels = bars.mark_text(dy=-8, fontSize=_FONT).encode(text="shown:N")
    return _finish(alt.layer(band, half, bars, labels), 300)


def pay_gap_chart(groups: list[dict], by: str, title: str) -> alt.Chart | None:
    """The unadjusted pay gap (mean and median) per group; positive: men are paid more."""
    rows = []
    for g in groups:
        if g.get(by) in (None,):
            continue
        name = _("All staff") if g.get(by) == "all" else str(g[by])
        for measure, label in (("pay_gap_mean", _("Mean")), ("pay_gap_median", _("Median"))):
            value = _number(g.get(measure))
            if value is not None:
                rows.append({"group": name, "measure": label, "gap": value * 100,
                             "shown": fmt_percent(value * 100)})
    if not rows:
        return None
    data = pd.DataFrame(rows)
    order = list(dict.fromkeys(r["group"] for r in rows))
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("group:N", sort=order, title=title, axis=alt.Axis(labelAngle=0)),
        xOffset="measure:N",
        y=alt.Y("gap:Q", title=_("Pay gap (% of men's pay)")),
        color=alt.Color("measure:N", title=None,
                        scale=alt.Scale(range=[_BLUE, "#7fb3d9"])),
        tooltip=[alt.Tooltip("group:N", title=title), alt.Tooltip("measure:N", title=""),
                 alt.Tooltip("shown:N", title=_("Pay gap"))])
    data = data.assign(label=[f"{v:.1f}" for v in data["gap"]],
                       above=[v >= 0 for v in data["gap"]])
    labels = [alt.Chart(part).mark_text(fontSize=10, color="#333", dy=dy).encode(
        x=alt.X("group:N", sort=order), xOffset="measure:N", y="gap:Q", text="label:N")
        for part, dy in ((data[data["above"]], -6), (data[~data["above"]], 8)) if len(part)]
    zero = alt.Chart(pd.DataFrame([{"y": 0}])).mark_rule(color="#333").encode(y="y:Q")
    return _finish(alt.layer(bars, *labels, zero), 280)


def ranking_chart(data: pd.DataFrame) -> alt.Chart:
    """Institutions in the order given (their rank), bars of their score coloured by level and
    labelled with it (``institution``, ``score``, ``level``, and ``url`` to open when a bar is
    clicked)."""
    data = data.assign(shown=[f"{fmt_percent(v)} · {lv}" for v, lv in
                              zip(data["score"], data["level"], strict=True)])
    order = list(data["institution"])
    levels = list(dict.fromkeys(data["level"]))
    colours = [_LEVEL_COLOURS.get(lv.lower(), "#b0b7c3") for lv in levels]
    bars = alt.Chart(data).mark_bar(cornerRadiusEnd=3).encode(
        # room on the right for the labels; the axis stops at 100
        x=alt.X("score:Q", title=_("Score (% of applicable points)"),
                scale=alt.Scale(domain=[0, 130]),
                axis=alt.Axis(values=[0, 20, 40, 60, 80, 100])),
        y=alt.Y("institution:N", sort=order, title=None),
        color=alt.Color("level:N", legend=None,
                        scale=alt.Scale(domain=levels, range=colours)),
        tooltip=[alt.Tooltip("institution:N", title=_("Institution")),
                 alt.Tooltip("level:N", title=_("Level")),
                 alt.Tooltip("score:Q", title=_("Score"), format=".1f")])
    if "url" in data.columns:  # a bar opens the institution's results
        bars = bars.encode(href="url:N")
    labels = alt.Chart(data).mark_text(align="left", dx=4, fontSize=_FONT, color="#222").encode(
        x="score:Q", y=alt.Y("institution:N", sort=order), text="shown:N")
    return _finish(alt.layer(bars, labels), 34 * len(order) + 40)


def heatmap_chart(data: pd.DataFrame) -> alt.Chart:
    """Dimension scores per institution (``institution``, ``dimension`` (a short id shown on
    the axis), ``title`` (the dimension's, in the tooltip), ``score``, and ``url`` to open when
    a cell is clicked)."""
    order = list(dict.fromkeys(data["dimension"]))
    base = alt.Chart(data).encode(
        x=alt.X("dimension:N", title=None, sort=order,
                axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("institution:N", title=None, sort=list(dict.fromkeys(data["institution"]))))
    cells = base.mark_rect().encode(
        color=alt.Color("score:Q", title=_("Score (%)"),
                        scale=alt.Scale(domain=[0, 100], scheme="blues")),
        tooltip=[alt.Tooltip("institution:N", title=_("Institution")),
                 alt.Tooltip("title:N" if "title" in data.columns else "dimension:N",
                             title=_("Dimension")),
                 alt.Tooltip("score:Q", title=_("Score"), format=".1f")])
    if "url" in data.columns:  # a cell opens the institution's results
        cells = cells.encode(href="url:N")
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("score:Q", format=".0f"),
        color=alt.condition("datum.score > 60", alt.value("white"), alt.value("#222")))
    n = data["institution"].nunique()
    return _finish(alt.layer(cells, text), 34 * n + 40)


def distribution_chart(data: pd.DataFrame) -> alt.Chart:
    """How many institutions reached each level (``level``, ``count``, ``order``)."""
    order = list(data.sort_values("order")["level"])
    colours = [_LEVEL_COLOURS.get(lv.lower(), "#b0b7c3") for lv in order]
    bars = alt.Chart(data).mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("level:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("count:Q", title=_("Institutions"), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("level:N", legend=None, scale=alt.Scale(domain=order, range=colours)),
        tooltip=[alt.Tooltip("level:N", title=_("Level")),
                 alt.Tooltip("count:Q", title=_("Institutions"))])
    labels = bars.mark_text(dy=-8, fontSize=_FONT).encode(text="count:Q",
                                                          color=alt.value("#222"))
    return _finish(alt.layer(bars, labels), 260)


def trend_chart(data: pd.DataFrame) -> alt.Chart:
    """Scores over periods per institution (``institution``, ``period``, ``score``)."""
    periods = sorted(data["period"].unique())
    lines = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("period:O", title=_("Period"), sort=periods, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("score:Q", title=_("Score (%)"), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("institution:N", title=_("Institution"),
                        legend=alt.Legend(orient="right", labelLimit=320)),
        tooltip=[alt.Tooltip("institution:N", title=_("Institution")),
                 alt.Tooltip("period:O", title=_("Period")),
                 alt.Tooltip("score:Q", title=_("Score"), format=".1f")])
    return _finish(lines, 300)
