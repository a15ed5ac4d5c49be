"""Gaps and action plan: the ranked gaps, the shortest path to the next or a chosen level,
what-if toggles recomputing the level, and the action plan as an editable table (the library's
actions and the institution's own) with its SMART warnings and downloads."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from seal_engine import (
    ActionPlan,
    BenchmarkNames,
    SealError,
    benchmark_heading,
    check_plan,
    draft_plan,
    gap_analysis,
    gap_reasons,
    level_title,
    render_message,
    render_plan,
    write_plan,
)
from seal_engine.app.explain import plain_words
from seal_engine.app.i18n import (
    _,
    fmt_number,
    fmt_percent,
    fmt_score,
    get_standard,
    language,
    ngettext,
)
from seal_engine.app.plan_table import (
    column_config,
    plan_frame,
    plan_from_frame,
    shown_columns,
)
from seal_engine.app.session import app_store
from seal_engine.app.staff_files import staff_data
from seal_engine.app.ui import (
    chosen_assessment,
    empty,
    md,
    require_role,
    run_page,
    show_error,
    toast_saved,
)
from seal_engine.app.words import status_name
from seal_engine.lifecycle import can_edit
from seal_engine.store import (
    Actor,
    NotFoundError,
    StaleWriteError,
    assessment_model,
    get_action_plan,
    get_assessment,
    list_assessments,
    save_action_plan,
)


def _issue_words(issue) -> str:
    """What is wrong with a plan row, in the session's language."""
    return issue.message if issue.text is None else render_message(issue.text, lang=language())


def _criterion(name: str) -> str:
    return {"specific": _("Specific"), "measurable": _("Measurable"), "assigned": _("Assigned"),
            "relevant": _("Relevant"), "time_bound": _("Time-bound"),
            "achievable": _("Achievable"), "consistent": _("Consistent")}.get(name, name)


def _workforce(user: Actor, info):
    if info.workforce is None:
        return None
    file = staff_data(user, info.id)
    return file[2] if file is not None else None


def _level_title(standard, level: str | None) -> str:
    if level is None:
        return _("no level")
    return level_title(standard, level, language())


def _gaps(standard, model, workforce, info) -> tuple[object, list[str]]:
    levels = standard.levels_in_order()
    cols = st.columns([2, 3])
    target = cols[0].selectbox(_("Aim for"), [None] + [lv.id for lv in levels],
                               format_func=lambda v: _("the next level") if v is None
                               else _level_title(standard, v), key=f"target:{info.id}")
    base = gap_analysis(standard, model, target=target, workforce=workforce)
    ids = [g.id for g in base.gaps]
    names = {g.id: benchmark_heading(g) for g in base.gaps}
    words = plain_words(standard)
    question = BenchmarkNames(standard)
    key = f"whatif:{info.id}"
    path = base.target.benchmarks if base.target and base.target.reachable else []
    with cols[1]:
        assumed = st.multiselect(_("What if these were met?"), ids, format_func=names.get,
                                 key=key, placeholder=_("Choose benchmarks to assume met"))
        if path:
            def _assume_path() -> None:
                st.session_state[key] = [b for b in path if b in ids]

            st.button(_("Assume the shortest path is done"), key=f"{key}:path",
                      on_click=_assume_path)
    report = gap_analysis(standard, model, target=target, assume_met=assumed,
                          workforce=workforce) if assumed else base
    m = st.columns(3)
    m[0].metric(_("Level now"), _level_title(standard, base.level))
    if assumed:
        m[1].metric(_("Level if those were met"), _level_title(standard, report.level))
        change = report.score - base.score
        m[2].metric(_("Score if those were met"), fmt_score(report),
                    delta=_("{sign}{n} percentage points").format(
                        sign="+" if change > 0 else "-", n=fmt_number(abs(change), 1))
                    if round(change, 1) else None)
    else:
        m[1].metric(_("Score now"), fmt_score(base))
        m[2].metric(_("Gaps"), len(base.gaps))
    tp = base.target
    if tp is not None:
        if tp.already_reached:
            st.success(_("{level} is already reached.").format(level=tp.title))
        elif tp.reachable:
            st.info(md(ngettext(
                "Shortest path to {level}: meet {n} benchmark ({list}); the score would be "
                "{score}.",
                "Shortest path to {level}: meet {n} benchmarks ({list}); the score would be "
                "{score}.", len(tp.benchmarks)).format(
                level=tp.title, n=len(tp.benchmarks),
                list=", ".join(question(b) for b in tp.benchmarks),
                score=fmt_percent(tp.score_after))), icon=":material/route:")
        else:
            st.warning(md(_("{level} cannot be reached: {why}").format(
                level=tp.title, why=words.text("; ".join(tp.reasons)))))
    points = base.basis is not None and base.basis.kind == "weighted_points"
    # counted in benchmarks, each gap gains one: a column of 1s says nothing and took the
    # width "What fails" needs on a laptop
    gains = points or any(g.gain != 1 for g in report.gaps)
    rows = [{
        _("Priority"): g.priority,
        _("Benchmark"): benchmark_heading(g),
        _("Status"): status_name(g.status.value),
        **({(_("Points to gain") if points else _("Benchmarks to gain")):
            fmt_number(g.gain, 1 if points or g.gain != int(g.gain) else 0)} if gains else {}),
        _("Effort"): {"low": _("low"), "medium": _("medium"), "high": _("high")}[g.effort],
        _("Blocks"): g.blocks if g.blocks != "score only" else _("score only"),
        _("What fails"): words.text(render_message(
            gap_reasons(g)[:2] if len(g.failing) > 1 else gap_reasons(g),
            lang=language())),
        _("Why this rank"): words.text(g.reason if g.reason_why is None else
                                       render_message(g.reason_why, lang=language())),
    } for g in report.gaps]
    if rows:
        # every gap in the page's own scroll (a box of 420 px showed three of twelve)
        st.table(pd.DataFrame(rows), hide_index=True)
    else:
        st.success(_("No gaps: every applicable benchmark is met."))
    return report, assumed


def _xlsx(plan: ActionPlan, standard, lang: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return write_plan(plan, Path(tmp) / "plan.xlsx", "xlsx", standard,
                          lang=lang).read_bytes()


def _downloads(plan: ActionPlan, standard, code: str) -> None:
    lang = language()  # the files in the page's language (read back in any language)
    cols = st.columns(3)
    cols[0].download_button(_("Download XLSX"), lambda: _xlsx(plan, standard, lang),
                            file_name=f"action-plan-{code}.xlsx",
                            mime="application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet", icon=":material/table:",
                            on_click="ignore", key="dl:xlsx")
    cols[1].download_button(_("Download CSV"),
                            lambda: render_plan(plan, "csv", lang=lang).encode("utf-8-sig"),
                            file_name=f"action-plan-{code}.csv", mime="text/csv",
                            icon=":material/csv:", on_click="ignore", key="dl:csv")
    cols[2].download_button(_("Download Markdown"),
                            lambda: render_plan(plan, "markdown", standard,
                                                      lang=lang).encode("utf-8"),
                            file_name=f"action-plan-{code}.md", mime="text/markdown",
                            icon=":material/description:", on_click="ignore", key="dl:md")


def _answer_first_and_milestones(plan: ActionPlan) -> None:
    """What the draft left for the institution to answer first, and the yearly milestones of
    rows whose target is more than a year's pace away."""
    if plan.answer_first:
        with st.expander(ngettext("{n} benchmark to answer first (no action proposed yet)",
                                  "{n} benchmarks to answer first (no action proposed yet)",
                                  len(plan.answer_first)).format(n=len(plan.answer_first)),
                         icon=":material/help:"):
            st.caption(_("The self-assessment cannot tell yet whether these are met: answer "
                         "their questions first, then draft the plan again."))
            st.markdown("\n".join(
                f"- {md(a.benchmark)} {md(a.title)}"
                + (f": {md(', '.join(a.questions))}" if a.questions else "")
                for a in plan.answer_first))
    if plan.milestones:
        with st.expander(ngettext("{n} yearly milestone", "{n} yearly milestones",
                                  len(plan.milestones)).format(n=len(plan.milestones)),
                         icon=":material/flag:"):
            st.caption(_("Where an indicator should stand at the end of each year, at the pace "
                         "the standard finds plausible."))
            st.dataframe(pd.DataFrame([{
                _("Action"): m.action, _("Quarter"): m.quarter,
                _("Target"): fmt_number(m.target, 1)} for m in plan.milestones]),
                hide_index=True, width="stretch")


def _plan(user: Actor, info, standard, model, workforce, report) -> None:
    store = app_store()
    st.subheader(_("Action plan"))
    try:
        plan, version = get_action_plan(store, user, info.id)
    except NotFoundError:
        plan, version = None, 0
    if plan is None:
        empty(_("No action plan yet. Draft one from the standard's action library: one row "
                "per action serving a gap, in priority order, scheduled over the next "
                "quarters. Then edit it here."))
        if st.button(_("Draft the action plan"), type="primary", icon=":material/auto_fix:"):
            require_role(user, "focal_point")
            drafted = draft_plan(standard, model, report if not report.assumed_met else None,
                                 workforce=workforce, lang=language())
            save_action_plan(store, user, info.id, drafted, 0)
            toast_saved(_("Action plan drafted"))
            st.rerun()
        return
    st.caption(_("Edit any cell; add an action of your own in the empty row at the bottom "
                 "(leave its id empty). Changes are saved as you make them. Plan period: "
                 "{start} to {end}.").format(start=plan.start, end=plan.end))
    # The grid keeps its own edits on top of the plan it was first given; its key changes only
    # when someone else saved the plan meanwhile (then it starts again from theirs).
    base_key = f"planbase:{info.id}"
    base = st.session_state.get(base_key)
    if base is None or base["saved"] != version:
        base = {"start": version, "saved": version, "plan": plan}
        st.session_state[base_key] = base
    order = shown_columns(f"plan:{info.id}")
    edited = st.data_editor(plan_frame(base["plan"]), key=f"plan:{info.id}:{base['start']}",
                            num_rows="dynamic", hide_index=True, column_order=order,
                            column_config=column_config(plan, standard), width="stretch",
                            height=360)
    library = {a.id for a in standard.actions}
    new, problems = plan_from_frame(plan, edited, library)
    if problems:
        st.error(_("Not saved yet: fix these cells.") + "\n\n" +
                 "\n".join(f"- {md(p)}" for p in problems))
    elif new is not None and new.to_dict() != plan.to_dict():
        require_role(user, "focal_point")
        try:
            base["saved"] = save_action_plan(store, user, info.id, new, version)
        except StaleWriteError as e:
            st.session_state.pop(base_key, None)
            show_error(e)
        except SealError as e:
            show_error(e)
        else:
            plan = new
            toast_saved(_("Action plan saved"))
    _answer_first_and_milestones(plan)
    issues = check_plan(plan, standard)
    if issues:
        with st.expander(ngettext("{n} SMART warning", "{n} SMART warnings",
                                  len(issues)).format(n=len(issues)),
                         icon=":material/warning:", expanded=len(issues) <= 6):
            for i in issues:
                st.markdown("- " + _("{label}: {value}").format(
                    label=f"{_('Row {n}').format(n=i.row)} ({md(i.action)}), "
                          f"{_criterion(i.criterion)}", value=md(_issue_words(i))))
    else:
        st.success(_("Every row is specific, measurable, assigned, relevant and time-bound."))
    _downloads(plan, standard, info.code)


def render(user: Actor) -> None:
    require_role(user, "focal_point")
    store = app_store()
    st.title(_("Gaps and action plan"))
    mine = [a for a in list_assessments(store, user) if a.institution_id in user.institutions]
    summary = chosen_assessment(mine, prefer=lambda a: can_edit(a.state))
    if summary is None:
        empty(_("Your institution has no self-assessment yet. Start one on the Self-assessment "
                "page; its gaps and plan appear here."))
        return
    info = get_assessment(store, user, summary.id)
    standard = get_standard(store, info.standard_id, info.standard_version)
    model = assessment_model(store, user, info.id)
    workforce = _workforce(user, info)
    st.markdown(f"**{md(info.institution_name)}** · {md(info.period_label or '')} · "
                f"{md(standard.title)}")
    st.subheader(_("Gaps"))
    report, _assumed = _gaps(standard, model, workforce, info)
    _plan(user, info, standard, model, workforce, report)


if __name__ == "__main__":
    run_page(render, roles=("focal_point",))
