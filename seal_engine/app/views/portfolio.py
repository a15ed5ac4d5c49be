"""Portfolio (government analysts, administrators): the institutions of their country compared,
from the stored results (``seal_engine.store.compare_stored``, aggregated in SQL): filters,
ranking, dimension heatmap, level distribution, trends over periods, the benchmarks most
institutions fail, the parity dashboard; every figure links to the institution's results;
downloads as CSV and XLSX."""

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
from seal_engine.store import (
    Actor,
    compare_stored,
    list_institutions,
    list_stored_standards,
    portfolio_results,
)

_ALL = "__all__"
_TABLES = ("ranking", "levels", "benchmarks", "parity", "changes")


def _results_url(code: str, shown: str = "") -> str:
    """A link to the institution's results; ``show`` is what the cell shows (a link column
    displays what its pattern picks out of the address)."""
    from urllib.parse import quote

    return f"/results?a={quote(code)}" + (f"&show={quote(shown)}" if shown else "")


def _filters(user: Actor) -> dict:
    store = app_store()
    rows = portfolio_results(store, user)
    institutions = list_institutions(store, user)
    sectors = sorted({i.sector for i in institutions if i.sector})
    periods = sorted({r.period_label or str(r.period_end.year) for r in rows}, reverse=True)
    standards = {f"{s.id}@{s.version}": f"{s.title} v{s.version}"
                 for s in list_stored_standards(store)
                 if any((r.standard_id, r.standard_version) == (s.id, s.version) for r in rows)}
    top, bottom = st.columns([2, 3, 3]), st.columns([3, 3, 2])
    cols = [top[0], top[1], bottom[0], top[2], bottom[1]]
    scope = cols[0].selectbox(_("Scope"), [_ALL, "national", "subnational"],
                              format_func=lambda v: _("All") if v == _ALL else scope_name(v),
                              key="pf_scope")
    sector = cols[1].selectbox(_("Sector"), [_ALL, *sectors], key="pf_sector",
                               format_func=lambda v: _("All sectors") if v == _ALL else v)
    chosen = cols[2].multiselect(_("Periods"), periods, key="pf_periods",
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
            "rows": rows}


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


def _ranking(c) -> None:
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
    } for r in c.ranking])
    links = {col: st.column_config.LinkColumn(col, display_text=r"show=(.*)$")
             for col in [_("Score (%)"), *titles]}
    st.dataframe(table, hide_index=True, width="stretch", column_config=links,
                 height=min(38 + 35 * len(table), 420))
    st.caption(_("Ranked by the level reached (highest first), then by score; ties share a "
                 "rank. Select a score to open the institution's results."))
    st.toggle(_("Every column"), key="pf_dims")


def _heatmap(c) -> pd.DataFrame:
    return pd.DataFrame([{
        "institution": r.name, "dimension": d, "title": title, "score": v,
        "url": _results_url(r.assessment)}
        for r in c.ranking for (d, title), v in zip(c.dimensions, r.dimensions, strict=True)
        if v is not None])


def _distribution(c) -> pd.DataFrame:
    counts = c.distribution[0].levels if c.distribution else {}
    return pd.DataFrame([{"level": lv.title if lv.id else _("no level"), "level_id": lv.id,
                          "count": counts.get(lv.id or "none", 0),
                          "order": i} for i, lv in enumerate(c.levels)])


def _trend(rows, filters) -> pd.DataFrame:
    best: dict[tuple[str, str], object] = {}
    for r in rows:
        if filters["scope"] and r.scope != filters["scope"]:
            continue
        if filters["sector"] and r.sector != filters["sector"]:
            continue
        if filters["standard"] and f"{r.standard_id}@{r.standard_version}" != \
                filters["standard"]:
            continue
        if filters["basis"] != "preferred" and r.kind != filters["basis"]:
            continue
        key = (r.institution_name, r.period_label or str(r.period_end.year))
        if key not in best or r.kind == "reviewed":
            best[key] = r
    return pd.DataFrame([{"institution": k[0], "period": k[1], "score": r.score}
                         for k, r in best.items()])


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
    } for i in p.institutions for f in i.figures if f.breakdown == "all"]), hide_index=True)


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
    if not filters["rows"]:
        empty(_("No institution has submitted a self-assessment yet: results appear here once "
                "they do."))
        return
    c = compare_stored(app_store(), user, by=["sector"], periods=filters["periods"],
                       basis=filters["basis"], standard=filters["standard"],
                       scope=filters["scope"], sector=filters["sector"], lang=language())
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
    _ranking(c)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**{_('Scores')}**")
        st.vega_lite_chart(spec=ranking_chart(pd.DataFrame([{
            "institution": r.name, "score": r.score, "level": _level(r), "level_id": r.level,
            "url": _results_url(r.assessment)} for r in c.ranking])), width="stretch")
    with right:
        st.markdown(f"**{_('Levels reached')}**")
        st.vega_lite_chart(spec=distribution_chart(_distribution(c)), width="stretch")
        for g in c.scopes:
            scope = g.group.get("scope")
            st.caption(_("{scope}: {n} institutions, mean score {score}").format(
                scope=scope_name(scope or ""), n=g.institutions,
                score=fmt_percent(g.mean_score) if g.mean_score is not None else "–"))
    st.subheader(_("Dimension scores"))
    heat = _heatmap(c)
    if not heat.empty:
        st.vega_lite_chart(spec=heatmap_chart(heat), width="stretch")
        st.caption(" · ".join(f"{md(d)}: {md(t)}" for d, t in c.dimensions))
    else:  # never a heading over nothing: say why
        st.info(_("The standards shown share no dimension: choose one standard above to "
                  "compare dimension scores.") if not c.dimensions else
                _("No dimension score among the results shown."), icon=":material/info:")
    st.subheader(_("Trends over periods"))
    trend = _trend(filters["rows"], filters)
    if not trend.empty and trend["period"].nunique() > 1:
        st.vega_lite_chart(spec=trend_chart(trend), width="stretch")
        lines = []  # one element for the list (a country's thousand institutions)
        for ch in c.changes:
            newly = ngettext("{n} benchmark newly met", "{n} benchmarks newly met",
                             ch.newly_met).format(n=ch.newly_met)
            lines.append(f"- {md(ch.name)}: {fmt_percent(ch.before_score)} "
                         f"({md(ch.before_period)}) → **{fmt_percent(ch.after_score)}** "
                         f"({md(ch.after_period)}), {md(newly)}")
        if lines:
            st.markdown("\n".join(lines))
    else:
        st.info(_("Only one period is shown: trends appear once institutions are assessed "
                  "again."))
    st.subheader(_("The benchmarks most institutions fail"))
    _benchmarks(c)
    st.subheader(_("Parity of the staff"))
    _parity(c)
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
