"""The charts of the app and the reports, as Vega-Lite specifications (plain dicts): dimension
scores against the level thresholds, women's share by group against the parity band, the pay
gap, and the portfolio's ranking, heatmap, level distribution and trends.

One specification for both: the app draws it with Altair (``seal_engine/app/charts.py``), a
report turns it into SVG with vl-convert (:func:`svg`).  Every title and axis goes through the
``words`` given (anything with ``gettext(message)`` and ``pct(value, decimals)``); figures a
report suppressed (groups too small to publish) are left out, never drawn as zero.  Text is
set in DejaVu Sans, the font the PDF embeds, so that labels measure the same in both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

__all__ = ["CHARTS", "FONT", "chart_spec", "dimension_chart", "distribution_chart",
           "heatmap_chart", "pay_gap_chart", "ranking_chart", "share_chart", "svg", "trend_chart"]

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
FONT = "DejaVu Sans"
BLUE = "#006eb5"
LEVEL_COLOURS = {"gold": "#c9a227", "silver": "#8d99a6", "bronze": "#a97142"}
_SIZE = 13
_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")


class Labels(Protocol):
    def gettext(self, message: str) -> str: ...

    def pct(self, value: Any, decimals: int = 1) -> str: ...


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None


def _q(field: str, title: Any = ..., **more: Any) -> dict[str, Any]:
    """A quantitative field; ``title=None`` hides the axis title, no title leaves it to the
    other layers (a layer's null title would hide the shared axis's)."""
    return {"field": field, "type": "quantitative",
            **({} if title is ... else {"title": title}), **more}


def _n(field: str, title: Any = ..., **more: Any) -> dict[str, Any]:
    return {"field": field, "type": "nominal",
            **({} if title is ... else {"title": title}), **more}


def _finish(layers: list[dict[str, Any]], height: int) -> dict[str, Any]:
    # "fit-x": the chart fits the width it is given and keeps the height asked for (Streamlit
    # would otherwise fit the whole chart, axes and legend included, into a default height).
    return {
        "$schema": SCHEMA, "layer": layers, "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": {"font": FONT,
                   "axis": {"labelFontSize": _SIZE, "titleFontSize": _SIZE, "labelLimit": 320,
                            "labelFont": FONT, "titleFont": FONT},
                   "legend": {"labelFontSize": _SIZE, "titleFontSize": _SIZE, "orient": "bottom",
                              "labelFont": FONT, "titleFont": FONT},
                   "text": {"font": FONT}, "title": {"font": FONT},
                   "view": {"stroke": None}},
    }


#: An axis label longer than a line (a dimension's title in Spanish, French or Portuguese is
#: often half as long again as in English) on two lines, broken at the last space before the
#: 46th character, instead of cut off with an ellipsis at the axis's label limit.
_TWO_LINES = ("length(datum.label) > 46 ? "
              "[substring(datum.label, 0, lastindexof(substring(datum.label, 0, 46), ' ')), "
              "substring(datum.label, lastindexof(substring(datum.label, 0, 46), ' ') + 1)] "
              ": datum.label")


def _data(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"values": [dict(r) for r in rows]}


def dimension_chart(dimensions: Sequence[tuple[str, float | None]],
                    levels: Sequence[tuple[str, str, float]], basis_kind: str,
                    words: Labels) -> dict[str, Any]:
    """Each dimension's score (``(title, score or None)``; percent of its applicable points)
    as a bar, with the levels' thresholds (``(id, title, min_score)``, lowest first) as
    lines."""
    _ = words.gettext
    rows = [{"dimension": title, "score": score if score is not None else 0.0,
             "shown": words.pct(score) if score is not None else _("nothing applies")}
            for title, score in dimensions]
    order = [r["dimension"] for r in rows]
    axis = (_("Score (% of applicable benchmarks met)") if basis_kind == "benchmarks_met"
            else _("Score (% of applicable points)"))
    y = _n("dimension", None, sort=order, axis={"labelExpr": _TWO_LINES})
    bars = {"data": _data(rows), "mark": {"type": "bar", "color": BLUE, "cornerRadiusEnd": 3},
            "encoding": {"x": _q("score", axis, scale={"domain": [0, 100]}), "y": y,
                         "tooltip": [_n("dimension", _("Dimension")),
                                     _n("shown", _("Score"))]}}
    labels = {"data": _data(rows),
              "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": _SIZE},
              "encoding": {"x": _q("score"), "y": y, "text": _n("shown")}}
    marks = [{"level": title, "min": low} for _id, title, low in levels]
    rules = {"data": _data(marks), "mark": {"type": "rule", "strokeDash": [4, 3],
                                            "strokeWidth": 2},
             "encoding": {"x": _q("min"), "color": _n(
                 "level", _("Overall level threshold"), scale={
                     "domain": [m["level"] for m in marks],
                     "range": [LEVEL_COLOURS.get(i, "#555") for i, _t, _m in levels]})}}
    return _finish([bars, labels, rules], 36 * len(rows) + 40)


def share_chart(groups: Sequence[dict[str, Any]], by: str, title: str,
                parity_band: tuple[float, float], words: Labels) -> dict[str, Any] | None:
    """Women's share of staff per group of ``by`` (report rows: ``by``, ``women_share`` 0..1,
    ``share_decimals``, ``headcount``; grade in order from entry to top), with the parity band
    shaded and 50 % marked; ``None`` when no group can be shown."""
    _ = words.gettext
    rows = []
    for g in groups:
        if g.get(by) in (None, "all"):
            continue
        share = _number(g.get("women_share"))
        if share is None:
            continue
        d = g.get("share_decimals")  # as many as keep the label on its side of the band
        rows.append({"group": str(g[by]), "share": share * 100,
                     "shown": words.pct(share * 100, d if isinstance(d, int) else 1),
                     "staff": _number(g.get("headcount"))})
    if not rows:
        return None
    order = [r["group"] for r in rows]
    low, high = parity_band
    band = {"data": _data([{"low": low * 100, "high": high * 100}]),
            "mark": {"type": "rect", "color": "#2e7d32", "opacity": 0.12},
            "encoding": {"y": _q("low"), "y2": {"field": "high"}}}
    half = {"data": _data([{"y": 50}]), "mark": {"type": "rule", "color": "#2e7d32",
                                                 "strokeDash": [4, 3]},
            "encoding": {"y": _q("y")}}
    # long names (staff categories) slant rather than overlap
    slant = max(len(g) for g in order) * len(order) > 60
    x = _n("group", title, sort=order, axis={"labelAngle": -30, "labelAlign": "right"}
           if slant else {"labelAngle": 0})
    y = _q("share", _("Women's share of staff (%)"), scale={"domain": [0, 100]})
    bars = {"data": _data(rows), "mark": {"type": "bar", "color": BLUE, "cornerRadiusEnd": 3},
            "encoding": {"x": x, "y": y, "tooltip": [
                _n("group", title), _n("shown", _("Women")),
                _q("staff", _("Staff"), format=",")]}}
    labels = {"data": _data(rows), "mark": {"type": "text", "dy": -8, "fontSize": _SIZE},
              "encoding": {"x": x, "y": y, "text": _n("shown")}}
    spec = _finish([band, half, bars, labels], 300)
    if slant:  # room on the left for the first slanted name
        spec["padding"] = {"left": min(4 * len(order[0]), 120), "top": 5, "right": 5,
                           "bottom": 5}
    return spec


def pay_gap_chart(groups: Sequence[dict[str, Any]], by: str, title: str,
                  words: Labels) -> dict[str, Any] | None:
    """The unadjusted pay gap (``pay_gap_mean``, ``pay_gap_median``, 0..1) per group;
    positive: men are paid more; ``None`` when no group has a published gap."""
    _ = words.gettext
    rows = []
    for g in groups:
        if g.get(by) is None:
            continue
        name = _("All staff") if g.get(by) == "all" else str(g[by])
        for measure, label in (("pay_gap_mean", _("Mean")), ("pay_gap_median", _("Median"))):
            value = _number(g.get(measure))
            if value is not None:
                rows.append({"group": name, "measure": label, "gap": value * 100,
                             "shown": words.pct(value * 100),
                             "label": words.number(value * 100, 1),
                             "above": value >= 0})
    if not rows:
        return None
    order = list(dict.fromkeys(r["group"] for r in rows))
    x = _n("group", title, sort=order, axis={"labelAngle": 0})
    bars = {"data": _data(rows), "mark": {"type": "bar"},
            "encoding": {"x": x, "xOffset": _n("measure"),
                         "y": _q("gap", _("Pay gap (% of men's pay)")),
                         "color": _n("measure", None, scale={"range": [BLUE, "#7fb3d9"]}),
                         "tooltip": [_n("group", title), _n("measure", ""),
                                     _n("shown", _("Pay gap"))]}}
    labels = []
    for above, dy in ((True, -6), (False, 8)):
        part = [r for r in rows if r["above"] is above]
        if part:
            labels.append({"data": _data(part),
                           "mark": {"type": "text", "fontSize": 10, "color": "#333", "dy": dy},
                           "encoding": {"x": _n("group", sort=order),
                                        "xOffset": _n("measure"), "y": _q("gap"),
                                        "text": _n("label")}})
    zero = {"data": _data([{"y": 0}]), "mark": {"type": "rule", "color": "#333"},
            "encoding": {"y": _q("y")}}
    return _finish([bars, *labels, zero], 280)


def _level_colours(rows: Sequence[dict[str, Any]], shown: Sequence[Any]) -> list[str]:
    """The colour of each level shown, found by the level's id where the rows give it
    (``level_id``: the title is in the reader's language, 'Or' for gold) else by its title."""
    ids = {r["level"]: r.get("level_id") for r in rows}
    return [LEVEL_COLOURS.get(str(ids.get(lv) or lv).lower(), "#b0b7c3") for lv in shown]


def ranking_chart(rows: Sequence[dict[str, Any]], words: Labels) -> dict[str, Any]:
    """Institutions in the order given (their rank): bars of their score coloured by level and
    labelled with it (rows: ``institution``, ``score``, ``level`` (its title), and ``url`` to
    open when a bar is clicked)."""
    _ = words.gettext
    rows = [dict(r, shown=f"{words.pct(r['score'])} · {r['level']}") for r in rows]
    order = [r["institution"] for r in rows]
    levels = list(dict.fromkeys(r["level"] for r in rows))
    colours = _level_colours(rows, levels)
    y = _n("institution", None, sort=order, axis={"labelLimit": 220})
    encoding = {
        # room on the right for the labels; the axis stops at 100
        "x": _q("score", _("Score (% of applicable points)"), scale={"domain": [0, 150]},
                axis={"values": [0, 20, 40, 60, 80, 100]}),
        "y": y,
        "color": _n("level", None, legend=None, scale={"domain": levels, "range": colours}),
        "tooltip": [_n("institution", _("Institution")), _n("level", _("Level")),
                    _q("score", _("Score"), format=".1f")]}
    if any("url" in r for r in rows):  # a bar opens the institution's results
        encoding["href"] = _n("url")
    bars = {"data": _data(rows), "mark": {"type": "bar", "cornerRadiusEnd": 3},
            "encoding": encoding}
    labels = {"data": _data(rows), "mark": {"type": "text", "align": "left", "dx": 4,
                                            "fontSize": _SIZE, "color": "#222"},
              "encoding": {"x": _q("score"), "y": y, "text": _n("shown")}}
    return _finish([bars, labels], 34 * len(order) + 40)


def heatmap_chart(rows: Sequence[dict[str, Any]], words: Labels) -> dict[str, Any]:
    """Dimension scores per institution (rows: ``institution``, ``dimension`` (a short id
    shown on the axis), ``title`` (the dimension's, in the tooltip), ``score``, and ``url`` to
    open when a cell is clicked)."""
    _ = words.gettext
    order = list(dict.fromkeys(r["dimension"] for r in rows))
    institutions = list(dict.fromkeys(r["institution"] for r in rows))
    x = _n("dimension", None, sort=order, axis={"labelAngle": 0, "orient": "top"})
    y = _n("institution", None, sort=institutions)
    has_title = any("title" in r for r in rows)
    cells = {"data": _data(rows), "mark": {"type": "rect"}, "encoding": {
        "x": x, "y": y,
        "color": _q("score", _("Score (%)"), scale={"domain": [0, 100], "scheme": "blues"}),
        "tooltip": [_n("institution", _("Institution")),
                    _n("title" if has_title else "dimension", _("Dimension")),
                    _q("score", _("Score"), format=".1f")]}}
    if any("url" in r for r in rows):  # a cell opens the institution's results
        cells["encoding"]["href"] = _n("url")
    text = {"data": _data(rows), "mark": {"type": "text", "fontSize": 12}, "encoding": {
        "x": x, "y": y, "text": {"field": "score", "type": "quantitative", "format": ".0f"},
        "color": {"condition": {"test": "datum.score > 60", "value": "white"},
                  "value": "#222"}}}
    return _finish([cells, text], 34 * len(institutions) + 40)


def distribution_chart(rows: Sequence[dict[str, Any]], words: Labels) -> dict[str, Any]:
    """How many institutions reached each level (rows: ``level``, ``count``, ``order``)."""
    _ = words.gettext
    order = [r["level"] for r in sorted(rows, key=lambda r: r["order"])]
    colours = _level_colours(rows, order)
    x = _n("level", None, sort=order, axis={"labelAngle": 0})
    top = max((int(r["count"]) for r in rows), default=0)
    # whole institutions on the axis: every count up to ten, else steps of at least one
    axis = ({"values": list(range(top + 1)), "format": "d"} if top <= 10
            else {"tickMinStep": 1, "format": "d"})
    y = _q("count", _("Institutions"), axis=axis)
    bars = {"data": _data(rows), "mark": {"type": "bar", "cornerRadiusEnd": 3}, "encoding": {
        "x": x, "y": y,
        "color": _n("level", None, legend=None, scale={"domain": order, "range": colours}),
        "tooltip": [_n("level", _("Level")), _q("count", _("Institutions"))]}}
    labels = {"data": _data(rows), "mark": {"type": "text", "dy": -8, "fontSize": _SIZE},
              "encoding": {"x": x, "y": y, "text": _q("count"), "color": {"value": "#222"}}}
    return _finish([bars, labels], 260)


def trend_chart(rows: Sequence[dict[str, Any]], words: Labels) -> dict[str, Any]:
    """Scores over periods per institution (rows: ``institution``, ``period``, ``score``)."""
    _ = words.gettext
    periods = sorted({str(r["period"]) for r in rows})
    lines = {"data": _data(rows), "mark": {"type": "line", "point": True}, "encoding": {
        "x": {"field": "period", "type": "ordinal", "title": _("Period"), "sort": periods,
              "axis": {"labelAngle": 0}},
        "y": _q("score", _("Score (%)"), scale={"domain": [0, 100]}),
        "color": _n("institution", _("Institution"),
                    legend={"orient": "right", "labelLimit": 320}),
        "tooltip": [_n("institution", _("Institution")),
                    {"field": "period", "type": "ordinal", "title": _("Period")},
                    _q("score", _("Score"), format=".1f")]}}
    return _finish([lines], 300)


#: Each chart by the name :func:`chart_spec` takes.
CHARTS = {"dimension": dimension_chart, "share": share_chart, "pay_gap": pay_gap_chart,
          "ranking": ranking_chart, "heatmap": heatmap_chart,
          "distribution": distribution_chart, "trend": trend_chart}


def chart_spec(kind: str, *args: Any, lang: str | None = None,
               **kwargs: Any) -> dict[str, Any] | None:
    """The Vega-Lite specification of the ``kind`` chart (a name of :data:`CHARTS`), for
    the app (which draws it with Altair) and the reports (SVG through :func:`svg`).  With
    ``lang`` its words come from the reports' catalogue in that language (the last argument,
    ``words``, is then left out)."""
    try:
        build = CHARTS[kind]
    except KeyError:
        raise ValueError(f"unknown chart {kind!r}; one of {', '.join(CHARTS)}") from None
    if lang is not None:
        from .words import words

        args = (*args, words(lang))
    return build(*args, **kwargs)


_fonts_registered = False


def svg(spec: dict[str, Any], width: int = 640) -> str:
    """``spec`` drawn as SVG ``width`` pixels wide, by vl-convert (no browser, no outside
    request), its text in DejaVu Sans."""
    global _fonts_registered
    from ._deps import require_reports

    vlc = require_reports("vl_convert")
    if not _fonts_registered:
        from pathlib import Path

        for folder in _FONT_DIRS:
            if Path(folder).is_dir():
                vlc.register_font_directory(folder)
        _fonts_registered = True
    return vlc.vegalite_to_svg(dict(spec, width=width), vl_version="5.20")
