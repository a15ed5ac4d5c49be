"""Reports as self-contained HTML: the package's Jinja2 templates
(``templates/<kind>.html.j2``) rendered in a sandboxed environment with autoescape, inline
CSS (screen and print), charts as SVG images inlined as ``data:`` addresses (drawn by
vl-convert from the same Vega-Lite specifications as the app), no script and no outside
address.  The PDF is printed from the same HTML (:mod:`seal_engine.reports.pdf`).

Every text of the data is escaped; the templates see the report, a :class:`Words` of the
language and a few tables prepared here, never the file system or Python internals (the
sandbox refuses ``{{ ''.__class__ }}`` and its kind).
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path
from typing import Any

from .charts import dimension_chart as _dimension_chart
from .charts import (
    distribution_chart,
    heatmap_chart,
    pay_gap_chart,
    ranking_chart,
    share_chart,
    svg,
    trend_chart,
)
from .model import PayReport, PortfolioReport, ResultsReport, ReviewReport
from .words import Words, words

__all__ = ["TEMPLATES", "context", "environment", "render_html", "render_string"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Width of the charts, in CSS pixels (the A4 text width at 96 dpi is about 680).
CHART_WIDTH = 660


@functools.cache
def environment():
    """The sandboxed Jinja2 environment of the report templates (autoescape on, undefined
    names an error)."""
    from ._deps import require_reports

    jinja2 = require_reports("jinja2")
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def css_string(text: str) -> Any:
    """``text`` as a CSS string literal whose every character but letters, digits and spaces
    is a hex escape (``\\3c `` for ``<``): safe inside a ``<style>`` element, which HTML
    never unescapes."""
    from markupsafe import Markup

    # an escape ends at the one space after it (which CSS swallows), so a space that follows
    # in the text stays a space
    body = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{body}"')


def _uri(spec: dict[str, Any] | None) -> str | None:
    if spec is None:
        return None
    data = svg(spec, CHART_WIDTH).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def _title(report: Any, w: Words) -> str:
    _ = w.gettext
    return {ResultsReport: _("Results report"), ReviewReport: _("Review report"),
            PayReport: _("Pay transparency report"),
            PortfolioReport: _("Portfolio report")}[type(report)]


def _results_charts(r: ResultsReport, w: Words) -> dict[str, str | None]:
    out = {"dimensions": _uri(_dimension_chart(
        [(d.title, d.score) for d in r.dimensions],
        [(lv.id, lv.title, lv.min_score) for lv in r.levels], r.result.basis.kind, w)),
        "pay_gap": None}
    if r.workforce:
        band = r.workforce.band
        for t in r.workforce.tables:
            rows = [dict(g.model_dump(), **{t.by: g.group}) for g in t.rows]
            out[f"share:{t.by}"] = _uri(share_chart(rows, t.by, w.breakdown(t.by), band, w))
            if t.by == "grade":
                out["pay_gap"] = _uri(pay_gap_chart(rows, "grade", w.breakdown("grade"), w))
    return out


def _portfolio_charts(r: PortfolioReport, w: Words) -> dict[str, str | None]:
    c = r.comparison
    counts = c.distribution[0].levels if c.distribution else {}
    out: dict[str, str | None] = {
        "distribution": _uri(distribution_chart(
            [{"level": lv.title, "level_id": lv.id, "count": counts.get(lv.id or "none", 0),
              "order": i} for i, lv in enumerate(c.levels)], w)) if c.levels else None,
        "ranking": _uri(ranking_chart(
            [{"institution": x.name, "score": x.score, "level": x.level_title,
              "level_id": x.level} for x in c.ranking], w)) if c.ranking else None,
    }
    cells = [{"institution": x.name, "dimension": d, "title": title, "score": v}
             for x in c.ranking for (d, title), v in zip(c.dimensions, x.dimensions, strict=True)
             if v is not None]
    out["heatmap"] = _uri(heatmap_chart(cells, w)) if cells else None
    # one point per institution and period: the reviewed result where there is one
    best: dict[tuple[str, str], Any] = {}
    for t in r.trends:
        key = (t.institution, t.period)
        if key not in best or t.kind == "reviewed":
            best[key] = t
    points = [{"institution": t.name, "period": t.period, "score": t.score}
              for t in best.values()]
    several = len({p["period"] for p in points}) > 1
    out["trend"] = _uri(trend_chart(points, w)) if points and several else None
    return out


def _pay_rows(pay: Any, w: Words) -> list[tuple[str, str, str]]:
    from ..workforce.pay import indicator_title

    titles = {i.letter: indicator_title(i.letter, w.lang) for i in pay.indicators}
    _ = w.gettext
    return [("pay_gap_mean", "a", titles.get("a", "")),
            ("bonus_gap_mean", "b", titles.get("b", "")),
            ("pay_gap_median", "c", titles.get("c", "")),
            ("bonus_gap_median", "d", titles.get("d", "")),
            ("bonus_share_women", "e", _("women receiving complementary or variable "
                                         "components")),
            ("bonus_share_men", "e", _("men receiving complementary or variable components"))]


def context(report: Any, lang: str = "en") -> dict[str, Any]:
    """Everything a report template sees: the report ``r``, the words ``w`` with ``_`` and
    ``ngettext``, the title, the charts as ``data:`` addresses and lookup tables."""
    from .. import __version__
    from .model import pay_in_language

    report = pay_in_language(report, lang)
    w = words(lang)
    title = _title(report, w)
    h = report.header
    ctx: dict[str, Any] = {
        "r": report, "w": w, "_": w.gettext, "ngettext": w.ngettext, "title": title,
        "version": __version__, "charts": {}, "titles": {}, "level_titles": {},
        "show_reasons": True, "units": {}, "pay_rows": [], "indicator_titles": {},
    }
    name = h.institution.name if h.institution else ""
    ctx["footer"] = css_string(" · ".join(x for x in (title, name) if x))
    ctx["page"] = css_string(w.gettext("Page"))
    pay = None
    if isinstance(report, ResultsReport):
        ctx["charts"] = _results_charts(report, w)
        ctx["titles"] = {b.id: b.title for b in report.benchmarks}
        ctx["level_titles"] = {lv.id: lv.title for lv in report.levels}
        ctx["show_reasons"] = any(b.reason or b.evidence for b in report.benchmarks)
        _ = w.gettext
        ctx["units"] = {"percent": _("percent"), "points": _("percentage points"),
                        "number": _("number"), "share": _("share"), "yes_no": _("yes/no")}
        pay = report.workforce.pay if report.workforce else None
    elif isinstance(report, ReviewReport):
        ctx["titles"] = {d.benchmark: d.title for d in report.decisions}
        ctx["level_titles"] = {}
        for s in (report.self_result, report.reviewed_result):
            if s and s.level:
                ctx["level_titles"][s.level] = s.level_title
        if report.recommendation.level:
            ctx["level_titles"][report.recommendation.level] = report.recommendation.level_title
    elif isinstance(report, PortfolioReport):
        ctx["charts"] = _portfolio_charts(report, w)
        ctx["level_titles"] = {lv.id: lv.title for lv in report.comparison.levels if lv.id}
    elif isinstance(report, PayReport):
        pay = report.pay
    if pay is not None:
        ctx["pay_rows"] = _pay_rows(pay, w)
        from ..workforce.pay import indicator_title

        ctx["indicator_titles"] = {i.letter: indicator_title(i.letter, lang)
                                   for i in pay.indicators}
    return ctx


def render_string(source: str, report: Any, lang: str = "en") -> str:
    """A template given as text, rendered in the same sandbox with the same context (what an
    administrator's own template would see)."""
    return environment().from_string(source).render(context(report, lang))


def render_html(report: Any, lang: str = "en") -> bytes:
    """The report as one self-contained HTML file (UTF-8)."""
    kind = report.header.kind
    template = environment().get_template(f"{kind}.html.j2")
    return template.render(context(report, lang)).encode("utf-8")
