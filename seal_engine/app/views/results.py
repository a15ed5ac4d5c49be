"""Results: the level reached and what stands between it and the next, dimension scores,
every benchmark with its status and why, and the parity charts; the reviewed result beside the
self-assessed one once the assessor has worked on it."""

from __future__ import annotations

import streamlit as st

from seal_engine import (
    BenchmarkNames,
    ScoreResult,
    Standard,
    benchmark_heading,
    level_title,
    render_message,
)
from seal_engine.app.charts import dimension_chart
from seal_engine.app.explain import explain_benchmark
from seal_engine.app.i18n import (
    _,
    fmt_number,
    fmt_percent,
    fmt_points,
    fmt_score,
    get_standard,
    language,
    ngettext,
)
from seal_engine.app.parity import parity_section
from seal_engine.app.report_downloads import report_downloads
from seal_engine.app.session import app_store
from seal_engine.app.ui import chosen_assessment, empty, md, run_page
from seal_engine.app.words import state_name, status_icon, status_name
from seal_engine.i18n import words_of
from seal_engine.lifecycle import REVIEWED, can_edit
from seal_engine.store import (
    Actor,
    compare_results,
    get_assessment,
    list_assessments,
    list_assignments,
    portfolio_results,
)


def _level_title(standard: Standard, level: str | None) -> str:
    if level is None:
        return _("No level")
    return level_title(standard, level, language())


def _next_level(result: ScoreResult, standard: Standard) -> None:
    nxt = result.next_level
    if nxt is None:
        if result.level is not None:
            st.success(_("The highest level of the standard is reached."))
        return
    names = BenchmarkNames(standard)
    parts = []
    if nxt.points_needed > 0 and result.basis.kind == "benchmarks_met":
        more = round(nxt.points_needed)
        parts.append(ngettext(
            "{n} more benchmark met, to reach {threshold} of the applicable benchmarks",
            "{n} more benchmarks met, to reach {threshold} of the applicable benchmarks",
            more).format(n=more, threshold=fmt_percent(nxt.min_score)))
    elif nxt.points_needed > 0:
        parts.append(_("{points} more points, to reach {threshold} of the applicable "
                       "points").format(points=fmt_number(nxt.points_needed, 1),
                                        threshold=fmt_percent(nxt.min_score)))
    unmet = [b for b in nxt.blocking if b not in nxt.pending_claims]
    if unmet:
        parts.append(ngettext("this mandatory benchmark met: {list}",
                              "these mandatory benchmarks met: {list}",
                              len(unmet)).format(
            list=_("; ").join(names.heading(b) for b in unmet)))
    if nxt.pending_claims:
        parts.append(ngettext(
            "the assessor's decision on its claim that this mandatory benchmark does not "
            "apply: {list}",
            "the assessor's decision on its claims that these mandatory benchmarks do not "
            "apply: {list}", len(nxt.pending_claims)).format(
            list=_("; ").join(names.heading(b) for b in nxt.pending_claims)))
    st.info(md(_("To reach {level}, the institution needs {what}.").format(
        level=_level_title(standard, nxt.id), what=_(" and ").join(parts))),
        icon=":material/flag:")


def basis_caption(result: ScoreResult) -> str:
    """How the score is counted, in the reader's language (the reports' words for it)."""
    return words_of(language()).basis(result.basis)


def _results_levels(result: ScoreResult, standard: Standard):
    import pandas as pd

    from seal_engine import BenchmarkStatus as S

    titles = {rl.id: rl.title for rl in standard.results_levels}  # in the session's language
    return pd.DataFrame([{
        _("Results level"): titles.get(g.id, g.title),
        _("Score"): fmt_percent(g.score) if g.score is not None else "–",
        _("Met"): g.counts[S.met],
        _("Partially met"): g.counts[S.partially_met],
        _("Not met"): g.counts[S.not_met],
        _("Not answered"): g.counts[S.not_answered],
        _("Not applicable"): g.counts[S.not_applicable],
    } for g in result.results_levels])


def _table(result: ScoreResult, standard: Standard):
    import pandas as pd

    dims = {d.id: d.title for d in standard.dimensions}
    levels = {lv.id: lv.title for lv in standard.levels}
    weighted = result.basis.kind == "weighted_points"
    names = BenchmarkNames(standard)
    rows = []
    for b in result.benchmarks:
        row = {_("Benchmark"): names.heading(b.id),
               _("Dimension"): dims.get(b.dimension, b.dimension),
               _("Status"): status_name(b.status.value) + (
                   " · " + _("claim pending the assessor's decision")
                   if b.claim == "pending" else "")}
        if weighted:
            row[_("Points")] = f"{fmt_points(b.points)} / {fmt_points(b.max_points)}"
        row[_("Mandatory from")] = levels.get(b.mandatory_from, "") if b.mandatory_from else ""
        rows.append(row)
    return pd.DataFrame(rows)


def _benchmarks(result: ScoreResult, standard: Standard, *, why: bool, key: str) -> None:
    table = _table(result, standard)
    # 15 rows in view (a laptop's screen holds them with the heading), not 7 of 57; the rest
    # a scroll away, and the grid's own search and full screen
    st.dataframe(table, hide_index=True, width="stretch",
                 height=38 + 35 * min(len(table), 15))
    if not why:
        return
    st.markdown(f"**{_('Why each benchmark has its status')}**")
    dims = {d.id: d.title for d in standard.dimensions}
    bench = {b.id: b for b in standard.benchmarks()}
    chosen = st.selectbox(_("Dimension"), list(dims), format_func=dims.get,
                          key=f"{key}:dimension")
    for b in result.benchmarks:
        if b.dimension != chosen:
            continue
        points = "" if result.basis.kind == "benchmarks_met" else " · " + ngettext(
            "{p} of {m} point", "{p} of {m} points", 1 if b.max_points == 1 else 2).format(
            p=fmt_points(b.points), m=fmt_points(b.max_points))
        # the reasons are made only while their benchmark is open (opening one reruns the
        # page): a dimension has up to 15 benchmarks, and every reason the browser lays out,
        # hidden or not, is part of the wait for the page
        box = st.expander(f"{status_icon(b.status.value)} {md(benchmark_heading(bench[b.id]))} · "
                          f"{status_name(b.status.value)}{points}", key=f"{key}:why:{b.id}",
                          on_change="rerun")
        if not box.open:
            continue
        with box:
            if b.mandatory_from:
                st.caption(_("Mandatory from {level}").format(
                    level=md(_level_title(standard, b.mandatory_from))))
            explain_benchmark(b, standard)


def _result(result: ScoreResult, standard: Standard, *, why: bool, key: str) -> None:
    cols = st.columns(3)
    cols[0].metric(_("Level reached"), _level_title(standard, result.level))
    cols[1].metric(_("Score"), fmt_score(
        result, result.next_level.min_score if result.next_level else None))
    if result.basis.kind == "benchmarks_met":
        cols[2].metric(_("Benchmarks met"), f"{result.basis.met} / {result.basis.applicable}")
    else:
        cols[2].metric(_("Points"), f"{fmt_number(result.points, 1)} / "
                       f"{fmt_number(result.max_points, 1)}")
    st.caption(basis_caption(result))
    _next_level(result, standard)
    st.markdown(f"**{_('Dimension scores')}**")
    st.vega_lite_chart(spec=dimension_chart(result, standard), width="stretch")
    if result.results_levels:
        st.markdown(f"**{_('By the results the programme seeks')}**")
        st.dataframe(_results_levels(result, standard), hide_index=True, width="stretch")
    st.markdown(f"**{_('Every benchmark')}**")
    if not why:
        st.caption(_("Why each benchmark has its status is shown only to the institution and "
                     "its assessors: the reasons quote the institution's answers."))
    _benchmarks(result, standard, why=why, key=key)


def _differences(comparison, standard: Standard) -> None:
    if not comparison.differences:
        st.caption(_("The reviewed result agrees with the self-assessment on every "
                     "benchmark."))
        return
    st.markdown(f"**{_('Where the review differs from the self-assessment')}**")
    names = BenchmarkNames(standard)
    for d in comparison.differences:
        reason = render_message(d.why, lang=language())
        st.markdown(f"- {md(names.heading(d.benchmark_id))}: {status_name(d.self_status)} → "
                    f"**{status_name(d.reviewed_status)}**. {md(reason)}")


def render(user: Actor) -> None:
    store = app_store()
    st.title(_("Results"))
    visible = list_assessments(store, user)
    assigned = {a.assessment_id for a in list_assignments(store, user)} if user.is_assessor \
        else set()

    def content(a) -> bool:
        return a.institution_id in user.institutions or a.id in assigned

    if not user.institutions and not assigned:
        with_results = {r.assessment_id for r in portfolio_results(store, user)}
        visible = [a for a in visible if a.id in with_results]
    else:
        visible = [a for a in visible if content(a)]
    # A focal point comes here for the assessment in hand (the newest); others for decided ones.
    summary = chosen_assessment(visible, prefer=None if user.institutions
                                else lambda a: a.state in REVIEWED)
    if summary is None:
        empty(_("There are no results to show yet. Results appear once a self-assessment "
                "is started (for its institution) or submitted (for others)."))
        return
    standard = get_standard(store, summary.standard_id, summary.standard_version)
    why = content(summary)
    st.markdown(f"**{md(summary.institution_name)}** · {md(summary.period_label or '')} · "
                f"{state_name(summary.state)} · {md(standard.title)}")
    comparison = compare_results(store, user, summary.id)
    report_downloads(user, "results", summary.id, name=summary.code)
    if summary.state in REVIEWED:
        kinds = {"reviewed": _("Reviewed result"), "self": _("Self-assessed result")}
        kind = st.segmented_control(_("Result"), list(kinds), format_func=kinds.get,
                                    default="reviewed", key="results:kind",
                                    required=True) or "reviewed"
        if kind == "reviewed":
            _differences(comparison, standard)
            _result(comparison.reviewed_result, standard, why=why, key="reviewed")
        else:
            _result(comparison.self_result, standard, why=why, key="self")
    else:
        if can_edit(summary.state):
            st.caption(_("As the answers stand now; the result is final once reviewed."))
        _result(comparison.self_result, standard, why=why, key="self")
    st.subheader(_("Parity of the staff"))
    if not why:
        st.info(_("Staff figures are shown only to the institution and its assessors."))
    elif get_assessment(store, user, summary.id).workforce is None:
        empty(_("No staff data is uploaded for this assessment. The focal point uploads it on "
                "the Self-assessment page, under Staff data."))
    else:
        # the charts and the table are made only while this is open (opening it reruns the
        # page), as the reasons of a benchmark are: three charts below the fold were a third
        # of what the browser laid out before the page was drawn
        box = st.expander(_("Women by grade and by location, the number needed for parity "
                            "and the pay gap"), key="results:parity", on_change="rerun")
        if box.open:
            with box:
                parity_section(user, summary.id)


if __name__ == "__main__":
    run_page(render)
