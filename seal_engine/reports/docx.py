"""Reports as Word documents people can edit: a DOCX template filled by docxtpl.

Each report kind has a template shipped in ``seal_engine/reports/templates/<kind>.docx``
(written by ``scripts/make_docx_templates.py``); an administrator may upload their own per kind
and language (:mod:`seal_engine.store.report_templates`), which is then used instead.

Every template, shipped or uploaded, is filled in the sandbox of
:mod:`seal_engine.docx_template` (no file read, no code run, plain data only); an uploaded one
in a separate process with time and memory limits.  This module gives templates what they see:
the report as plain data with sentences the engine words (:func:`report_context`), the
filters of the report's language (:func:`report_filters`, from
:mod:`seal_engine.reports.words`) and the charts as PNG drawn from the same Vega-Lite
specifications as the app (:func:`report_images`, by vl-convert).

Needs the ``reports`` extra (docxtpl, vl-convert-python)::

    pip install 'seal-engine[reports]'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..docx_template import (
    MAX_TEMPLATE_BYTES,
    Sandbox,
    TemplateProblem,
    check_template,
    render_template,
    render_untrusted,
    shipped_template,
)

__all__ = ["FILTERS", "MAX_TEMPLATE_BYTES", "Sandbox", "TemplateProblem", "check_template",
           "render_docx", "render_stored_docx", "render_template", "render_untrusted",
           "report_context", "report_filters", "report_images", "sample_context",
           "shipped_template"]


# ------------------------------------------------------------------------------ reports

_DASH = "\u2013"
#: Codes with no method of their own in :class:`~seal_engine.reports.words.Words`.
_CODES = {"drafts": "drafts", "not_certifiable": "not certifiable", "benchmarks_met":
          "benchmarks met", "points": "points", "suppressed": "suppressed"}


def _(message: str) -> str:
    """Marks an English value of a report the ``word`` filter translates (for the catalogue,
    :mod:`seal_engine.reports._pot`)."""
    return message


#: Values a report holds in English words: who wrote a report from the command line, why the
#: portfolio left results out (``left_out``, :func:`seal_engine.compare.build.wanted`), a pay
#: category's status.
_VALUE_WORDS = (_("the command line"), _("drafts"), _("reviewed results (basis self)"),
                _("self-assessed results (basis reviewed)"), _("other periods"),
                _("other standards"),
                # a pay category's status (seal_engine.workforce.pay.CategoryGap.status)
                _("flagged"), _("justified"), _("below threshold"), _("not published"),
                _("no comparison"))


def _day(value: Any) -> Any:
    """A date or time given as ISO text (the report as JSON) as the object it stands for."""
    import datetime as dt

    if isinstance(value, str) and value:
        try:
            return (dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value
                    else dt.date.fromisoformat(value))
        except ValueError:
            return value
    return value


def _fill(text: str, params: dict[str, str]) -> str:
    """``text`` with its ``{name}`` placeholders replaced by ``params`` (plain names only, an
    unknown name left as written: a template's words never reach ``str.format``)."""
    import re

    return re.sub(r"\{(\w+)\}", lambda m: params.get(m.group(1), m.group(0)), text)


def report_filters(lang: str) -> dict[str, Callable]:
    """The filters a report template may use (:data:`FILTERS`), with words in ``lang``
    (English where it has no catalogue), from :mod:`seal_engine.reports.words`."""
    from .words import words

    w = words(lang)

    def date(value: Any) -> str:
        value = _day(value)
        return w.date(value) if value is None or hasattr(value, "year") else str(value)

    def datetime(value: Any) -> str:
        value = _day(value)
        if value is None or not hasattr(value, "hour"):
            return date(value)
        return w.datetime(value)

    def word(code: Any, **params: Any) -> str:
        # A code or a template's fixed words in ``lang``; ``{name}`` placeholders filled from
        # ``params`` (``{{ "{n} institutions"|word(n=c.institutions) }}``).
        if code is None:
            return _DASH
        text = w.gettext(_CODES.get(str(code), str(code).replace("_", " ")))
        if not params:
            return text
        return _fill(text, {k: "" if v is None else str(v) for k, v in params.items()})

    def share(value: Any, decimals: Any = 1) -> str:
        return w.share(value, decimals if isinstance(decimals, int) else 1)

    def band(pair: Any, kind: str = "parity") -> str:
        low, high = pair
        return w.band(low, high, kind)

    return {
        "band": band, "breakdown": w.breakdown, "date": date, "datetime": datetime,
        "decision": w.decision, "effort": w.effort, "group": w.group, "level": w.level,
        "needed": w.needed, "number": w.number, "parity": w.parity, "pct": w.pct,
        "plan_status": w.plan_status, "points": w.points, "recommendation": w.recommendation,
        "result_kind": w.result_kind, "role": w.role, "scope": w.scope, "share": share,
        "state": w.state, "status": w.status, "verdict": w.verdict, "word": word,
        "yesno": lambda value: w.gettext("Yes") if value else w.gettext("No"),
    }


#: The filters a report template may use: ``{{ b.status|status }}``, ``{{ l.min_score|pct }}``
#: (0-100), ``{{ row.women_share|share }}`` (0-1), ``{{ header.generated_at|datetime }}``...
FILTERS = ("band", "breakdown", "date", "datetime", "decision", "effort", "group", "level",
           "needed", "number", "parity", "pct", "plan_status", "points", "recommendation",
           "result_kind", "role", "scope", "share", "state", "status", "verdict", "word",
           "yesno")


def report_context(report: Any, lang: str) -> dict[str, Any]:
    """What a template sees, as plain data: ``report`` (the model as JSON), ``kind``, ``lang``
    and ``text``, the sentences the engine words from several fields (``text.period``,
    ``text.score``, ``text.counted``, ``text.basis``, ``text.next_level``...), plus lookups
    for the kind: ``titles`` (benchmark id to title) and ``evidence`` (every item, flat) for
    results, ``pay_groups`` and ``labels`` for pay, ``levels_shown`` and ``level_titles``
    for portfolio.  See docs/reports.md."""
    from .model import pay_in_language
    from .words import words

    report = pay_in_language(report, lang)
    w = words(lang)
    header = report.header
    text: dict[str, str] = {"period": w.period(header.period)}
    out: dict[str, Any] = {"report": report.model_dump(mode="json"), "kind": header.kind,
                           "lang": lang, "text": text}

    def result(prefix: str, summary: Any, titles: dict[str, str]) -> None:
        if summary is None:  # the same names, empty: a template tests them with {% if %}
            for key in ("score", "counted", "next_level"):
                text.setdefault(prefix + key, "")
            return
        text[prefix + "score"] = w.score(summary)
        text[prefix + "counted"] = w.counted(summary.basis)
        text[prefix + "next_level"] = w.next_level(summary, titles)
        text.setdefault("basis", w.basis(summary.basis))

    kind = header.kind
    if kind == "results":
        titles = {b.id: b.title for b in report.benchmarks}
        result("", report.result, titles)
        result("self_", report.self_result, titles)
        out["titles"] = titles
        out["evidence"] = [e.model_dump(mode="json") for b in report.benchmarks
                           for e in b.evidence]
        wf = report.workforce
        text["band"] = w.band(*wf.band, wf.band_kind) if wf else ""
        everyone = next((f for g in (wf.pay.groups if wf and wf.pay else []) if not g.group
                         for f in g.figures), None)
        text["pay_gap_mean"] = w.share(everyone.pay_gap_mean) if everyone else _DASH
        text["pay_gap_median"] = w.share(everyone.pay_gap_median) if everyone else _DASH
    elif kind == "review":
        titles = {d.benchmark: d.title for d in report.decisions}
        result("", report.reviewed_result, titles)
        result("self_", report.self_result, titles)
        out["titles"] = titles
    elif kind == "pay":
        from ..workforce.pay import indicator_title

        pay = report.pay
        shown = [i for i in pay.indicators if i.key != "categories"]
        out["labels"] = {b.key: b.title for b in pay.bases}
        out["pay_groups"] = [
            {"group": g.group, "women": g.women, "men": g.men,
             "rows": [[{**i.model_dump(mode="json"), "title": indicator_title(i.letter, lang)},
                       f.model_dump(mode="json")]
                      for i in shown for f in g.figures]}
            for g in pay.groups]
    elif kind == "portfolio":
        comparison = report.comparison
        shown = [{"id": lv.id or "none", "title": lv.title if lv.id else w.level(None)}
                 for lv in comparison.levels]
        if not any(lv["id"] == "none" for lv in shown):
            shown.append({"id": "none", "title": w.level(None)})
        out["levels_shown"] = shown
        out["level_titles"] = {lv["id"]: lv["title"] for lv in shown}
        text["audience"] = (w.gettext("Institutions of {countries}").format(
            countries=", ".join(report.countries)) if report.countries
            else w.gettext("Every institution the reader may see"))
        parity = comparison.parity
        text["band"] = w.band(*parity.band, parity.band_kind) if parity else ""
    return out


def _png(spec: dict[str, Any] | None, width_px: int = 640) -> bytes | None:
    """A chart specification drawn as PNG (twice its size, for print) by vl-convert, its text
    in DejaVu Sans as in the HTML and PDF reports."""
    if spec is None:
        return None
    from pathlib import Path

    from . import charts
    from ._deps import require_reports

    vlc = require_reports("vl_convert")
    if not getattr(_png, "fonts", False):
        for folder in charts._FONT_DIRS:
            if Path(folder).is_dir():
                vlc.register_font_directory(folder)
        _png.fonts = True  # type: ignore[attr-defined]
    return vlc.vegalite_to_png(dict(spec, width=width_px), vl_version="5.20", scale=2)


def report_images(report: Any, lang: str) -> dict[str, tuple[bytes, float]]:
    """The report's charts as PNG with the width they take on the page (mm), drawn from the
    same specifications as the app and the HTML report (:mod:`seal_engine.reports.charts`):
    ``dimensions``, ``share_<breakdown>`` and ``pay_gap`` for results; ``levels``,
    ``ranking`` and ``trend`` for portfolio."""
    from . import charts
    from .words import words

    w = words(lang)
    specs: dict[str, tuple[dict[str, Any] | None, float]] = {}
    kind = report.header.kind
    if kind == "results":
        specs["dimensions"] = (charts.dimension_chart(
            [(d.title, d.score) for d in report.dimensions],
            [(lv.id, lv.title, lv.min_score) for lv in report.levels],
            report.result.basis.kind, w), 165)
        if report.workforce:
            for t in report.workforce.tables:
                rows = [dict(g.model_dump(), **{t.by: g.group}) for g in t.rows]
                specs[f"share_{t.by}"] = (charts.share_chart(
                    rows, t.by, w.breakdown(t.by), report.workforce.band, w), 140)
                if t.by == "grade":
                    specs["pay_gap"] = (charts.pay_gap_chart(rows, "grade", w.breakdown("grade"),
                                                             w), 140)
    elif kind == "portfolio":
        c = report.comparison
        counts = c.distribution[0].levels if c.distribution else {}
        if c.levels:
            specs["levels"] = (charts.distribution_chart(
                [{"level": lv.title, "count": counts.get(lv.id or "none", 0), "order": i}
                 for i, lv in enumerate(c.levels)], w), 140)
        if c.ranking:
            specs["ranking"] = (charts.ranking_chart(
                [{"institution": x.name, "score": x.score, "level": x.level_title}
                 for x in c.ranking], w), 165)
        best: dict[tuple[str, str], Any] = {}
        for t in report.trends:
            if (t.institution, t.period) not in best or t.kind == "reviewed":
                best[(t.institution, t.period)] = t
        points = [{"institution": t.name, "period": t.period, "score": t.score}
                  for t in best.values()]
        if len({p["period"] for p in points}) > 1:
            specs["trend"] = (charts.trend_chart(points, w), 165)
    out = {}
    for name, (spec, width_mm) in specs.items():
        png = _png(spec)
        if png is not None:
            out[name] = (png, width_mm)
    return out


def render_docx(report: Any, lang: str = "en", template: bytes | None = None, *,
                template_name: str | None = None) -> bytes:
    """``report`` as a Word document: filled from ``template`` (an administrator's upload,
    rendered by :func:`render_untrusted`) or, when none is given, from the shipped template of
    its kind (rendered in this process, in the same sandbox)."""
    context = report_context(report, lang)
    images = report_images(report, lang)
    kind = report.header.kind
    if template is None:
        return render_template(shipped_template(kind), context, images=images,
                               filters=report_filters(lang), name=f"{kind}.docx (shipped)")
    return render_untrusted(template, context, images=images, lang=lang,
                            name=template_name or f"{kind} template")


def sample_context(report: Any, lang: str = "en") -> dict[str, Any]:
    """What ``scripts/make_docx_templates.py`` writes for a sample report: its name, the
    context its template gets and the names of its charts (the pictures themselves are left
    out: a dot stands for each while an upload is checked)."""
    h = report.header
    return {"name": f"{h.kind} report of {h.assessment or 'the demo portfolio'}",
            "context": report_context(report, lang),
            "charts": sorted(report_images(report, lang))}


def render_stored_docx(store: Any, report: Any, lang: str = "en") -> bytes:
    """``report`` as a Word document written with the template an administrator uploaded for
    its kind and language (:func:`seal_engine.store.report_template`: that language, else
    English), else with the shipped one."""
    import seal_engine.store as st

    found = st.report_template(store, report.header.kind, lang)
    if found is None:
        return render_docx(report, lang)
    return render_docx(report, lang, found.content,
                       template_name=f"{found.filename} ({found.kind}, {found.lang})")
