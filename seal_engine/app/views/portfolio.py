"""Portfolio (government analysts, administrators): the institutions of their country compared,
from the stored results (``seal_engine.store.compare_stored``, chosen in SQL): filters,
ranking, dimension heatmap, level distribution, trends over periods, the benchmarks most
institutions fail, the parity dashboard; every figure links to the institution's results;
downloads as CSV and XLSX.

What a run draws does not grow with the store: the ranking, its chart and the heatmap show one
page of institutions (a country's thousands are paged, and found by name), the trend is the
mean score by period and scope (aggregated in SQL), the changes between periods the largest
rises and falls; every institution is in the downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from seal_engine import render_comparison, standards_note_in
from seal_engine.app.charts import distribution_chart, heatmap_chart, ranking_chart, trend_chart
from seal_engine.app.i18n import _, fmt_number, fmt_percent, fmt_share, language, ngettext
from seal_engine.app.parity import band_words, needed_words, verdict_words
from seal_engine.app.report_downloads import report_downloads
from seal_engine.app.session import app_store
from seal_engine.app.ui import empty, md, run_page
from seal_engine.app.words import scope_name
from seal_engine.store import Actor, compare_stored, portfolio_choices, portfolio_trend

_ALL = "__all__"
_TABLES = ("ranking", "levels", "benchmarks", "parity", "changes")
#: Institutions on a page of the ranking (and of its chart and heatmap).
_PAGE = 25
#: The largest rises and falls between periods shown (each).
_CHANGES = 5


def _results_url(code: str, shown: str = "") -> str:
    """A link to the institution's results; ``show`` is what the cell shows (a link column
    displays what its pattern picks out of the address)."""
    from urllib.parse import quote

    return f"/results?a={quote(code)}" + (f"&show={quote(shown)}" if shown else "")


def _filters(user: Actor) -> dict:
    choices = portfolio_choices(app_store(), user)
    standards = {f"{sid}@{v}": f"{title} v{v}" for sid, v, title in choices.standards}
    top, bottom = st.columns([2, 3, 3]), st.columns([3, 3, 2])
    cols = [top[0], top[1], bottom[0], top[2], bottom[1]]
    scope = cols[0].selectbox(_("Scope"), [_ALL, "national", "subnational"],
                              format_func=lambda v: _("All") if v == _ALL else scope_name(v),
                              key="pf_scope")
    sector = cols[1].selectbox(_("Sector"), [_ALL, *choices.sectors], key="pf_sector",
                               format_func=lambda v: _("All sectors") if v == _ALL else v)
    chosen = cols[2].multiselect(_("Periods"), choices.periods, key="pf_periods",
                                 placeholder=_("The latest of each institution"))
    standard = cols[3].selectbox(_("Standard"), [_ALL, *standards], key="pf_standard",
                                 format_func=lambda v: _("Every standard") if v == _ALL
                                 else standards[v])
    bases = {"preferred": _("Reviewed where there is one"), "self": _("Self-assessed only"),
             "reviewed": _("Reviewed only")}
    basis = cols[4].selectbox(_("Results"), list(bases), format_func=bases.get,
                              key="pf_basis")
    return {"scope": None if scope == _ALL else scope,
            "sector": None if sector == _ALL else sector, "periods": chosen,
            "standard": None if standard == _ALL else standard, "basis": basis,
            "results": choices.results, "revision": choices.revision}


def _compared(user: Actor, filters: dict):
    """The comparison and the trend of the filters, made once per store revision: a rerun
    that changes only what is shown of them (a page of the ranking, a name looked for, every
    column) uses those of the run before, as long as nothing was written since (every write
    moves the revision, read with the filters' choices)."""
    options = {k: filters[k] for k in ("basis", "standard", "scope", "sector")}
    key = (filters["revision"], user.user_id, tuple(filters["periods"]),
           tuple(sorted(options.items())), language())
    kept = st.session_state.get("pf_compared")
    if kept is not None and kept[0] == key:
        return kept[1], kept[2]
    c = compare_stored(app_store(), user, by=["sector"], periods=filters["periods"],
                       lang=language(), **options)
    trend = portfolio_trend(app_store(), user, **options)
    st.session_state["pf_compared"] = (key, c, trend)
    return c, trend


def _basis_words(c) -> str:
    """Which results are shown, in words."""
    counts = _("{reviewed} and {self_assessed}.").format(
        reviewed=ngettext("{n} reviewed result", "{n} reviewed results",
                          c.reviewed).format(n=c.reviewed),
        self_assessed=ngettext("{n} self-assessed result", "{n} self-assessed results",
                               c.self_assessed).format(n=c.self_assessed))
    return {"preferred": _("Each institution's reviewed result where it has one, else its "
                           "self-assessed one: {counts} The Result column says which."),
            "self": _("Self-assessed results only: {counts}"),
            "reviewed": _("Reviewed results only: {counts}")}[c.basis].format(counts=counts)


def _level(r) -> str:
    """A ranked result's level, its title (of the translated standard) or "no level" in words."""
    return r.level_title if r.level else _("no level")


def _page(c) -> list:
    """The institutions of the ranking's page shown (found by name when a name is typed),
    with the widgets that choose it."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    found = left.text_input(_("Find an institution"), key="pf_find").strip().casefold()
    rows = [r for r in c.ranking if found in r.name.casefold()] if found else c.ranking
    pages = max(1, -(-len(rows) // _PAGE))
    page = right.number_input(_("Page"), min_value=1, max_value=pages, step=1,
                              key="pf_page") if pages > 1 else 1
    page = min(int(page), pages)
    shown = rows[(page - 1) * _PAGE:page * _PAGE]
    if shown:
        st.caption(_("Institutions {first}–{last} of {n}; every institution is in the "
                     "downloads below.").format(first=fmt_number((page - 1) * _PAGE + 1),
                                               last=fmt_number((page - 1) * _PAGE + len(shown)),
                                               n=fmt_number(len(rows))))
    return shown


def _ranking(c, shown: list) -> None:
    # the main columns fit a laptop; scope, sector (both filters above) and the dimensions'
    # scores (also in the heat map below and every download) are a switch away
    every = bool(st.session_state.get("pf_dims"))
    titles = [t for _d, t in c.dimensions] if every else []
    table = pd.DataFrame([{
        _("Rank"): r.rank,
        _("Institution"): r.name,
        **({_("Scope"): scope_name(r.scope), _("Sector"): r.sector or ""} if every else {}),
        _("Period"): r.period,
        _("Level"): _level(r),
        _("Score (%)"): _results_url(r.assessment, fmt_number(r.score, 1)),
        _("Result"): _("reviewed") if r.kind == "reviewed" else _("self-assessed"),
        **({t: _results_url(r.assessment, fmt_number(v, 0)) if v is not None else None
            for t, v in zip(titles, r.dimensions, strict=True)} if titles else {}),
    } for r in shown])
    links = {col: st.column_config.LinkColumn(col, display_text=r"show=(.*)$")
             for col in [_("Score (%)"), *titles]}
    st.dataframe(table, hide_index=True, width="stretch", column_config=links,
                 height=min(38 + 35 * len(table), 420))
    st.caption(_("Ranked by the level reached (highest first), then by score; ties share a "
                 "rank. Select a score to open the institution's results."))
    st.toggle(_("Every column"), key="pf_dims")


def _heatmap(c, shown: list) -> pd.DataFrame:
    return pd.DataFrame([{
        "institution": r.name, "dimension": d, "title": title, "score": v,
        "url": _results_url(r.assessment)}
        for r in shown for (d, title), v in zip(c.dimensions, r.dimensions, strict=True)
        if v is not None])


def _distribution(c) -> pd.DataFrame:
    counts = c.distribution[0].levels if c.distribution else {}
    return pd.DataFrame([{"level": lv.title if lv.id else _("no level"), "level_id": lv.id,
                          "count": counts.get(lv.id or "none", 0),
                          "order": i} for i, lv in enumerate(c.levels)])


def _trend(points) -> dict | None:
    """The mean score by period and scope (aggregated in SQL), as the trend chart draws it
    (one line a scope), or None when one period is shown."""
    if len({p.period for p in points}) < 2:
        return None
    spec = trend_chart(pd.DataFrame([{"institution": scope_name(p.scope), "period": p.period,
                                      "score": p.mean_score} for p in points]))
    for layer in spec.get("layer", [spec]):  # the lines are scopes here, not institutions
        enc = layer.get("encoding", {})
        if "color" in enc:
            enc["color"]["title"] = _("Scope")
        for tip in enc.get("tooltip", []):
            if tip.get("field") == "institution":
                tip["title"] = _("Scope")
            elif tip.get("field") == "score":
                tip["title"] = _("Mean score")
    return spec


def _changes(c) -> None:
    """The largest rises and falls between the two latest periods (every change is in the
    downloads)."""
    if not c.changes:
        return
    ends = c.changes[:_CHANGES] + [ch for ch in c.changes[-_CHANGES:]
                                   if ch not in c.changes[:_CHANGES]]
    st.dataframe(pd.DataFrame([{
        _("Institution"): ch.name,
        _("Period"): f"{ch.before_period} → {ch.after_period}",
        _("Score (%)"): f"{fmt_number(ch.before_score, 1)} → {fmt_number(ch.after_score, 1)}",
        _("Change"): fmt_number(ch.change, 1),
        _("Level"): f"{ch.before_level_title if ch.before_level else _('no level')} → "
                    f"{ch.after_level_title if ch.after_level else _('no level')}",
        _("Benchmarks newly met"): ch.newly_met,
    } for ch in ends]), hide_index=True, width="stretch")
    st.caption(ngettext("The largest rises and falls of {n} institution assessed in two "
                        "periods; every change is in the downloads below.",
                        "The largest rises and falls of {n} institutions assessed in two "
                        "periods; every change is in the downloads below.",
                        len(c.changes)).format(n=fmt_number(len(c.changes))))


def _benchmarks(c) -> None:
    worst = [b for b in c.benchmarks if b.pass_rate is not None][:10]
    if not worst:  # never a heading over nothing: say why
        st.info(_("The standards shown share no benchmark: choose one standard above to see "
                  "which benchmarks institutions fail.") if not c.shared_benchmarks else
                _("No benchmark applies to the results shown."), icon=":material/info:")
        return
    table = pd.DataFrame([{
        _("Benchmark"): f"{b.id} {b.title}",
        _("Met by"): f"{b.met} / {b.applicable}",
        _("Pass rate"): fmt_share(b.pass_rate, 0),
        _("Partially met"): b.partially_met,
        _("Not met"): b.not_met + b.not_answered,
        _("Met least in"): ", ".join(f"{v}" for v in b.lowest.group.values())
        if b.lowest else "",
    } for b in worst])
    if not table[_("Met least in")].any():  # one group only: nothing to compare
        table = table.drop(columns=[_("Met least in")])
    st.dataframe(table, hide_index=True, width="stretch")


def _parity(c) -> None:
    p = c.parity
    if p is None or not p.institutions:
        st.info(_("No staff data among the results shown."))
        return
    band = {"low": p.band[0], "high": p.band[1], "kind": p.band_kind, "target": p.target}
    st.caption(ngettext("{n} institution has women's share in {band}.",
                        "{n} institutions have women's share in {band}.", p.at_parity).format(
        n=p.at_parity, band=band_words(band)))

    def shown(v, share=False, decimals=1):
        if isinstance(v, str):
            return _("suppressed") if v == "suppressed" else v
        if v is None:
            return ""
        return fmt_share(v, decimals if isinstance(decimals, int) else 1) if share else \
            fmt_number(v)

    goal = (_("50/50") if p.target == 0.5 else
            _("{share} women").format(share=fmt_share(p.target, 0)))
    # eight columns: a table whose headers wrap, every column in view on a laptop (a grid
    # showed five and hid the rest behind a sideways scroll)
    st.table(pd.DataFrame([{
        _("Institution"): i.name,
        _("Staff"): shown(f.headcount),
        _("Women's share"): shown(f.women_share, share=True, decimals=f.share_decimals),
        _("Against the band"): verdict_words(f.parity, p.band_kind),
        _("To the band, same headcount"): needed_words(f.band_needed, f.band_needed_sex,
                                                       f.parity),
        _("To the band, adding staff"): needed_words(f.band_needed_added, f.band_needed_sex,
                                                     f.parity),
        _("To {goal}, same headcount").format(goal=goal): needed_words(
            f.needed, f.needed_sex, f.parity),
        _("To {goal}, adding staff").format(goal=goal): needed_words(
            f.needed_added, f.needed_sex, f.parity),
    } for i in p.institutions[:_PAGE] for f in i.figures if f.breakdown == "all"]),
        hide_index=True)
    if len(p.institutions) > _PAGE:
        st.caption(_("The first {shown} of {n} institutions with staff data; every one is in "
                     "the downloads below.").format(shown=_PAGE,
                                                    n=fmt_number(len(p.institutions))))


def _downloads(c) -> None:
    cols = st.columns([2, 2, 3])
    labels = {"ranking": _("Ranking"), "levels": _("Levels reached"),
              "benchmarks": _("Benchmarks"), "parity": _("Parity"),
              "changes": _("Change between periods")}
    table = cols[0].selectbox(_("Table"), _TABLES, format_func=labels.get, key="pf_table",
                              label_visibility="collapsed")
    cols[1].download_button(_("Download CSV"),
                            lambda: render_comparison(c, "csv", table=table).encode("utf-8-sig"),
                            file_name=f"portfolio-{table}.csv", mime="text/csv",
                            icon=":material/csv:", on_click="ignore", key="pf_csv")
    cols[2].download_button(_("Download XLSX (every table)"),
                            lambda: render_comparison(c, "xlsx"),
                            file_name="portfolio.xlsx",
                            mime="application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet",
                            icon=":material/table:", on_click="ignore", key="pf_xlsx")


def _scores(c, shown: list, _points) -> None:
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**{_('Scores')}**")
        if shown:
            st.vega_lite_chart(spec=ranking_chart(pd.DataFrame([{
                "institution": r.name, "score": r.score, "level": _level(r),
                "level_id": r.level, "url": _results_url(r.assessment)} for r in shown])),
                width="stretch")
    with right:
        st.markdown(f"**{_('Levels reached')}**")
        st.vega_lite_chart(spec=distribution_chart(_distribution(c)), width="stretch")
        for g in c.scopes:
            scope = g.group.get("scope")
            st.caption(_("{scope}: {n} institutions, mean score {score}").format(
                scope=scope_name(scope or ""), n=g.institutions,
                score=fmt_percent(g.mean_score) if g.mean_score is not None else "–"))


def _dimensions(c, shown: list, _points) -> None:
    heat = _heatmap(c, shown)
    if not heat.empty:
        st.vega_lite_chart(spec=heatmap_chart(heat), width="stretch")
        st.caption(" · ".join(f"{md(d)}: {md(t)}" for d, t in c.dimensions))
    else:  # never a tab over nothing: say why
        st.info(_("The standards shown share no dimension: choose one standard above to "
                  "compare dimension scores.") if not c.dimensions else
                _("No dimension score among the results shown."), icon=":material/info:")


def _trends(c, _shown, points) -> None:
    trend = _trend(points)
    if trend is not None:
        st.vega_lite_chart(spec=trend, width="stretch")
        st.caption(_("The mean score of the institutions with a result in each period, by "
                     "scope."))
        _changes(c)
    else:
        st.info(_("Only one period is shown: trends appear once institutions are assessed "
                  "again."))


def _failed(c, _shown, _points) -> None:
    st.markdown(f"**{_('The benchmarks most institutions fail')}**")
    _benchmarks(c)


def _staff_parity(c, _shown, _points) -> None:
    st.markdown(f"**{_('Parity of the staff')}**")
    _parity(c)


def _score_words(s) -> str:
    """How a standard's scores are counted, in the reader's language."""
    if s.score_basis == "benchmarks_met":
        head = _("{standard} v{version}: the score is the share of applicable benchmarks met, "
                 "each counted once").format(standard=md(s.title), version=s.version)
    else:
        head = _("{standard} v{version}: the score is the share of weighted points").format(
            standard=md(s.title), version=s.version)
    tail = (_("partially met earns no credit.") if not s.partial_credit else
            _("partially met earns {share} of the credit.").format(
                share=fmt_percent(s.partial_credit * 100)))
    return head + _("; ") + tail


def render(user: Actor) -> None:
    st.title(_("Portfolio"))
    countries = ", ".join(sorted(user.countries)) if user.countries else _("every country")
    st.caption(_("The institutions of {countries}, compared on their submitted and reviewed "
                 "results. Answers and staff files are never shown here.").format(
        countries=md(countries)))
    filters = _filters(user)
    if not filters["results"]:
        empty(_("No institution has submitted a self-assessment yet: results appear here once "
                "they do."))
        return
    c, points = _compared(user, filters)
    if not c.ranking:
        empty(_("No result matches these filters. Choose another scope, sector, period or "
                "standard."))
        return
    st.caption(_basis_words(c))
    st.caption(" ".join(_score_words(s) for s in c.standards))
    report_downloads(user, "portfolio", name="portfolio", by=["sector"],
                     periods=filters["periods"], basis=filters["basis"],
                     standard=filters["standard"], scope=filters["scope"],
                     sector=filters["sector"])
    certified = sum(1 for r in c.ranking if r.kind == "reviewed" and r.level)
    cols = st.columns(4)
    cols[0].metric(_("Institutions"), c.institutions)
    cols[1].metric(_("With a reviewed level"), certified)
    mean = c.distribution[0].mean_score if c.distribution else None
    cols[2].metric(_("Mean score"), fmt_percent(mean) if mean is not None else "–")
    cols[3].metric(_("At parity"), c.parity.at_parity if c.parity else "–")
    if c.standards_note:
        st.caption(md(standards_note_in(c, language())))
    st.subheader(_("Ranking"))
    shown = _page(c)
    _ranking(c, shown)
    # the charts and tables below the ranking, one tab at a time: only the open tab is made
    # (choosing another reruns the page, which reuses the comparison), as on the
    # administration page; the browser laid out all five, mostly below the fold, before the
    # page was drawn
    tabs = st.tabs([_("Scores"), _("Dimension scores"), _("Trends over periods"),
                    _("Benchmarks"), _("Parity")], key="pf_tabs", on_change="rerun")
    for tab, show in zip(tabs, (_scores, _dimensions, _trends, _failed, _staff_parity),
                         strict=True):
        if tab.open:
            with tab:
                show(c, shown, points)
    st.subheader(_("Download"))
    _downloads(c)
    if c.left_out or c.notes:
        with st.expander(_("What is left out")):
            for reason, n in c.left_out.items():
                st.markdown(f"- {md(reason)}: {n}")
            for note in c.notes:
                st.markdown(f"- {md(note)}")


if __name__ == "__main__":
    run_page(render, roles=("analyst", "admin", "programme_officer"))
