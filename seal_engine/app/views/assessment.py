"""Self-assessment: the questionnaire by dimension and benchmark, evidence, not-applicable
claims, staff data, progress, and submitting for review.  Every answer is saved to the store
as it is entered (see :mod:`seal_engine.app.questions`)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from seal_engine import AssessmentError, SealError, benchmark_heading
from seal_engine.app.evidence import evidence_section
from seal_engine.app.feedback import (
    BenchmarkFeedback,
    assessor_feedback,
    feedback_lines,
    show_feedback,
    show_requests,
)
from seal_engine.app.form_import import form_import_section
from seal_engine.app.i18n import (
    _,
    fmt_date,
    fmt_datetime,
    fmt_points,
    fmt_score,
    get_standard,
    ngettext,
)
from seal_engine.app.progress import DimensionProgress, progress
from seal_engine.app.questions import question_widget, unsaved_guard
from seal_engine.app.session import app_store
from seal_engine.app.threads import answer_comment, benchmark_thread, comments_of, messages_of
from seal_engine.app.ui import (
    chosen_assessment,
    confirmed,
    empty,
    link,
    md,
    require_role,
    rerun,
    run_page,
    show_error,
    sidebar,
    toast_saved,
)
from seal_engine.app.words import stage_name, state_name, status_icon, status_name
from seal_engine.app.workforce_ui import staff_section
from seal_engine.lifecycle import BASELINES, can_edit
from seal_engine.store import (
    Actor,
    AssessmentInfo,
    claim_not_applicable,
    compare_results,
    create_assessment,
    get_assessment,
    list_assessments,
    list_stored_standards,
    process_status,
    record_baseline,
    renew_assessment,
    review_status,
    score_assessment,
    submit_assessment,
    withdraw_not_applicable,
)

_STAFF, _SUBMIT = "_staff", "_submit"


def _section_label(standard, dims: dict[str, DimensionProgress], code: str) -> str:
    if code == _STAFF:
        return _("Staff data")
    if code == _SUBMIT:
        return _("Submit for review")
    d = dims[code]
    mark = ":green[:material/check_circle:] " if d.complete else ""
    return f"{mark}{md(d.title)} · {d.answered}/{d.required}"


def _pick_section(standard, dims: dict[str, DimensionProgress]) -> str:
    codes = [*dims, _STAFF, _SUBMIT]
    wanted = st.query_params.get("d") or st.session_state.get("_section")
    if wanted not in codes:
        wanted = next((c for c, d in dims.items() if not d.complete), _SUBMIT)
    key = "_section_picker"
    st.session_state[key] = wanted

    def _picked() -> None:
        st.session_state["_section"] = st.session_state[key]
        st.query_params["d"] = st.session_state[key]

    chosen = sidebar().radio(_("Sections"), codes, key=key, on_change=_picked,
                              format_func=lambda c: _section_label(standard, dims, c))
    # kept in the session, so that finishing a section does not move the page on; the address
    # is written only when it names another section (Back leaves the page in one press)
    st.session_state["_section"] = chosen
    if st.query_params.get("d") not in (None, chosen):
        st.query_params["d"] = chosen
    return chosen


def _not_applicable(user: Actor, info: AssessmentInfo, benchmark, *, editable: bool) -> None:
    claim = info.not_applicable.get(benchmark.id)
    key = f"na:{info.id}:{benchmark.id}"
    if claim is not None and claim.decision:
        decided = _("accepted by the assessor") if claim.decision == "accepted" else \
            _("rejected by the assessor")
        st.caption(_("Claimed not applicable ({decided}): {reason}").format(
            decided=decided, reason=md(claim.reason)) + (
            f" · {md(claim.decision_reason)}" if claim.decision_reason else ""))
    if not editable:
        if claim is not None and not claim.decision:
            st.caption(_("Claimed not applicable: {reason}").format(reason=md(claim.reason)))
        return
    if not benchmark.allow_not_applicable and claim is None:
        st.caption(_("This benchmark applies to every institution: it cannot be claimed not "
                     "applicable."))
        return
    if benchmark.mandatory_from and claim is not None and claim.decision != "accepted":
        st.caption(_("A mandatory benchmark: the level it is mandatory for is reached only once "
                     "the assessor accepts this claim."))
    on = st.toggle(_("This benchmark does not apply to us"), value=claim is not None,
                   key=key)
    store = app_store()
    if on:
        reason = st.text_input(_("Why it does not apply (the assessor checks this)"),
                               value=claim.reason if claim else "", key=f"{key}:why",
                               placeholder=_("e.g. the institution runs no procurement"))
        if reason.strip() and (claim is None or reason.strip() != claim.reason):
            try:
                claim_not_applicable(store, user, info.id, benchmark.id, reason,
                                     claim.version if claim else 0)
            except SealError as e:
                show_error(e)
            else:
                toast_saved(_("Saved: does not apply"))
                rerun()
        elif not reason.strip():
            st.caption(_("Give the reason to save the claim."))
    elif claim is not None:
        try:
            withdraw_not_applicable(store, user, info.id, benchmark.id, claim.version)
        except SealError as e:
            show_error(e)
        else:
            toast_saved(_("Claim withdrawn"))
            rerun()


def _dimension(user: Actor, assessment_id: str, dimension_id: str, editable: bool,
               feedback: dict[str, BenchmarkFeedback]) -> None:
    store = app_store()
    info = get_assessment(store, user, assessment_id)
    standard = get_standard(store, info.standard_id, info.standard_version)
    result = score_assessment(store, user, assessment_id)
    dims = {d.id: d for d in progress(standard, info, result)}
    d = next(x for x in standard.dimensions if x.id == dimension_id)
    p = dims[dimension_id]
    st.subheader(f"{d.ref + '. ' if d.ref else ''}{d.title}")
    if editable:
        unsaved_guard()
    if d.description:
        st.caption(md(d.description))
    st.progress(p.share, text=ngettext("{a} of {n} required question answered",
                                       "{a} of {n} required questions answered",
                                       p.required).format(a=p.answered, n=p.required))
    levels = {lv.id: lv.title for lv in standard.levels}
    opened = st.session_state.setdefault(f"_open:{assessment_id}", set())
    comments, threads = comments_of(user, info), messages_of(user, info)
    for b in d.benchmarks:
        r = result.benchmark(b.id)
        left = sum(1 for bid, _q in p.left if bid == b.id)
        said = feedback.get(b.id)
        if left or (said and editable) or st.query_params.get("b") == b.id:
            opened.add(b.id)  # stays open once answered, so the answers stay in sight
        head = benchmark_heading(b)  # "PC-06 (3.6) Title", as requests and results name it
        shown = said.reviewed_status if said and said.reviewed_status else r.status.value
        with st.expander(f"{status_icon(shown)} {md(head)}", expanded=b.id in opened,
                         key=f"exp:{assessment_id}:{b.id}"):
            facts = [f"{status_name(r.status.value)}"]
            if said and said.reviewed_status:
                facts = [_("Self-assessed: {status}").format(status=status_name(r.status.value)),
                         _("reviewed: {status}").format(status=status_name(said.reviewed_status))]
            if b.mandatory_from:
                facts.append(_("mandatory from {level}").format(level=levels.get(
                    b.mandatory_from, b.mandatory_from)))
            if standard.scoring.basis == "weighted_points":
                facts.append(ngettext("{n} point", "{n} points",
                                      1 if b.weight == 1 else 2).format(n=fmt_points(b.weight)))
            st.caption(" · ".join(md(f) for f in facts))
            if b.description:
                st.markdown(md(b.description))
            if said and (said.notes or said.requests):
                lines = feedback_lines(said, with_status=False)
                st.warning(md(lines[0]) if len(lines) == 1 else
                           "\n".join(f"- {md(n)}" for n in lines),
                           icon=":material/rate_review:")
            _not_applicable(user, info, b, editable=editable)
            if b.id not in info.not_applicable:
                not_asked = set(result.not_asked)
                for q in b.questions:
                    given = info.answers.get(q.id)
                    if q.id in not_asked and (given is None or given.value is None):
                        continue  # its asked_when is false: not asked of this institution
                    question_widget(standard, info, q, user, editable=editable)
                    answer_comment(user, info, q, comments, editable=editable)
            evidence_section(user, info, b, editable=editable)
            benchmark_thread(user, info, b, messages=threads.get(b.id, []))


def _submit(user: Actor, info: AssessmentInfo, standard, dims: dict[str, DimensionProgress],
            editable: bool) -> None:
    st.subheader(_("Submit for review"))
    if not editable:
        st.info(_("This self-assessment is {state}: nothing to submit.").format(
            state=state_name(info.state).lower()))
        return
    left = [d for d in dims.values() if d.left]
    questions = standard.questions()
    if left:
        n = sum(len(d.left) for d in left)
        st.warning(ngettext("{n} required question is still unanswered. Answer it first:",
                            "{n} required questions are still unanswered. Answer them first:",
                            n).format(n=n))
        for d in left:
            st.markdown(f"**{md(d.title)}**")
            for bid, qid in d.left[:10]:
                st.markdown("- " + _("{label}: {value}").format(
                    label=md(bid), value=md(questions[qid].text)))
            if len(d.left) > 10:
                st.markdown("- " + md(_("… and {n} more").format(n=len(d.left) - 10)))
    missing = [(d, bid, rid) for d in dims.values() for bid, rid in d.missing_evidence]
    if missing:
        with st.expander(ngettext("{n} evidence requirement has nothing attached",
                                  "{n} evidence requirements have nothing attached",
                                  len(missing)).format(n=len(missing)),
                         icon=":material/warning:"):
            st.caption(_("You may submit without them, but the benchmarks relying on them are "
                         "not met until the evidence is there."))
            titles = {e.id: e.title for b in standard.benchmarks() for e in b.evidence}
            for _d, bid, rid in missing:
                st.markdown("- " + _("{label}: {value}").format(
                    label=md(bid), value=md(titles.get(rid, rid))))
    baseline = info.purpose == "baseline"
    label = _("Record as the baseline") if baseline else _("Submit for review")
    if left:
        st.button(label, disabled=True, type="primary")
        return
    st.success(_("Every required question is answered."))
    _requests_answered(user, info, standard)
    if not baseline and info.state == "draft":
        waiting = process_status(app_store(), user, info.institution_id).next_stage
        if waiting is not None and waiting.code not in ("application", "award"):
            st.info(_("Before the application, the programme's earlier steps come first: "
                      "{step}.").format(step=stage_name(waiting.code).lower()),
                    icon=":material/route:")
            link("process", _("Open the programme steps"), ":material/route:")
    question = (_("Once recorded, the baseline is kept as your starting point and is not "
                  "changed; the action plan is drafted on its gaps. Record it now?")
                if baseline else
                _("Once submitted, the self-assessment cannot be changed until the assessor "
                  "sends it back. Submit it now?"))
    if confirmed(f"_confirm_submit:{info.id}", label, question,
                 _("Yes, record it") if baseline else _("Yes, submit"),
                 yes_icon=":material/send:", type="primary", icon=":material/send:"):
        require_role(user, "focal_point")
        try:
            (record_baseline if baseline else submit_assessment)(
                app_store(), user, info.id, info.version)
        except AssessmentError as e:
            show_error(e, prefix=_("The answers need fixing first:"))
        except SealError as e:
            show_error(e)
        else:
            st.session_state["_submitted"] = info.code
            st.rerun()


def _requests_answered(user: Actor, info: AssessmentInfo, standard) -> None:
    """Before submitting again: each request of the assessment team, and whether it was
    answered (what changed in its benchmark since the assessment was sent back)."""
    from seal_engine import BenchmarkNames
    from seal_engine.store import changes_since_submission, list_requests

    requests = list_requests(app_store(), user, info.id)
    open_ = [r for r in requests if r.answered_at is None]
    if not open_:
        return
    changes = changes_since_submission(app_store(), user, info.id).benchmarks
    names = BenchmarkNames(standard)
    answered = sum(1 for r in open_ if r.benchmark_id in changes)
    st.markdown(f"**{_('The assessment team’s requests')}**")
    st.caption(ngettext("{a} of {n} request has a change in its benchmark since it was sent "
                        "back. Submitting sends your answers to the team.",
                        "{a} of {n} requests have a change in their benchmark since they were "
                        "sent back. Submitting sends your answers to the team.",
                        len(open_)).format(a=answered, n=len(open_)))
    for r in open_:
        done = changes.get(r.benchmark_id, [])
        with st.container(border=True):
            st.markdown(_("{label}: {value}").format(
                label=f"**{md(names.heading(r.benchmark_id))}**", value=md(r.message)) + "  \n" +
                        _("Asked by {who} on {when}").format(
                            who=md(r.requested_by.split(" <")[0]),
                            when=fmt_date(r.requested_at.date())))
            if done:
                st.markdown(":green[:material/check_circle:] " + ngettext(
                    "Answered: {n} change since it was sent back, the last on {when}",
                    "Answered: {n} changes since it was sent back, the last on {when}",
                    len(done)).format(n=len(done), when=fmt_datetime(max(c.at for c in done))))
            else:
                st.markdown(":orange[:material/pending:] " + _(
                    "Not answered yet: nothing changed in this benchmark since it was sent "
                    "back."))


def _start(user: Actor) -> None:
    """No assessment yet: start one (or renew a certified one)."""
    store = app_store()
    mine = [a for a in list_assessments(store, user) if a.institution_id in user.institutions]
    certified = [a for a in mine if a.state == "certified"]
    st.subheader(_("Start a new self-assessment"))
    standards = list_stored_standards(store)
    if not standards:
        empty(_("No standard is in the database yet. Ask your administrator to add one."))
        return
    institution = sorted(user.institutions)[0]
    with st.form("start"):
        if certified:
            st.caption(_("Starting from your last certified assessment carries its answers, "
                         "evidence and claims over, to check and update."))
        labels = {s.pk: f"{s.title} (v{s.version})" for s in standards}
        chosen = st.selectbox(_("Standard"), list(labels), format_func=labels.get)
        year = dt.date.today().year
        start = st.date_input(_("Period starts"), value=dt.date(year, 1, 1), format="DD/MM/YYYY")
        end = st.date_input(_("Period ends"), value=dt.date(year, 12, 31), format="DD/MM/YYYY")
        has_baseline = any(a.state in BASELINES for a in mine)
        purposes = {"baseline": _("The baseline: your starting point, recorded, not reviewed"),
                    "certification": _("The application: reviewed by an assessment team for "
                                       "the Seal")}
        purpose = st.radio(_("What is this self-assessment for?"), list(purposes),
                           format_func=purposes.get, index=1 if has_baseline else 0)
        renew = st.checkbox(_("Start from the last certified assessment"),
                            value=bool(certified), disabled=not certified)
        if st.form_submit_button(_("Start"), type="primary"):
            s = next(x for x in standards if x.pk == chosen)
            try:
                if renew and certified and purpose == "certification":
                    new = renew_assessment(store, user, certified[0].id, start, end,
                                           standard_version=s.version)
                    code = get_assessment(store, user, new).code
                else:
                    code = create_assessment(store, user, institution, s.id, s.version,
                                             start, end, purpose=purpose).code
            except SealError as e:
                show_error(e)
            else:
                st.query_params["a"] = code
                st.session_state["_assessment"] = code
                st.session_state.pop("_start_new", None)
                st.rerun()


def render(user: Actor) -> None:
    require_role(user, "focal_point")
    store = app_store()
    st.title(_("Self-assessment"))
    mine = [a for a in list_assessments(store, user) if a.institution_id in user.institutions]
    summary = chosen_assessment(mine, prefer=lambda a: can_edit(a.state))
    if summary is None or st.session_state.get("_start_new"):
        if summary is None:
            empty(_("Your institution has no self-assessment yet."))
        _start(user)
        return
    info = get_assessment(store, user, summary.id)
    standard = get_standard(store, info.standard_id, info.standard_version)
    editable = can_edit(info.state)
    st.markdown(f"**{md(info.institution_name)}** · {md(info.period_label or '')} "
                f"({fmt_date(info.period_start)} – {fmt_date(info.period_end)}) · "
                f"{md(standard.title)}")
    if st.session_state.pop("_submitted", None) == info.code:
        st.success(_("Submitted. The assessor has been given it; you will see their review "
                     "on your home page."))
    result = score_assessment(store, user, info.id)
    status = review_status(store, user, info.id) if info.state == "changes_requested" else None
    feedback = assessor_feedback(store, user, info,
                                 {b.id: b.status.value for b in result.benchmarks}, status)
    if status is not None:
        requests = status.open_requests
        st.warning(_("The assessor sent this self-assessment back. Make the changes asked for, "
                     "then submit it again."))
        show_requests(standard, info.code, requests)
        _feedback_summary(user, info, standard, feedback)
    elif not editable:
        st.info(_("This self-assessment is {state}: you can read it, not change it.").format(
            state=state_name(info.state).lower()))
        _feedback_summary(user, info, standard, feedback)
        if not any(can_edit(a.state) for a in mine) and st.button(
                _("Start the next self-assessment"), icon=":material/add:"):
            st.session_state["_start_new"] = True
            st.rerun()
    dims = {d.id: d for d in progress(standard, info, result)}
    total = sum(d.required for d in dims.values())
    done = sum(d.answered for d in dims.values())
    top = st.columns([3, 2, 2])
    top[0].progress(done / total if total else 1.0,
                    text=_("{a} of {n} required questions answered").format(a=done, n=total))
    top[1].markdown(_("Score now: **{score}**").format(score=fmt_score(result)))
    saved = st.session_state.get("_last_saved")
    if editable:
        top[2].caption(_("All answers are saved as you type. Last saved {when}.").format(
            when=fmt_datetime(saved)) if saved else _("All answers are saved as you type."))
    form_import_section(user, info, standard, editable=editable)
    section = _pick_section(standard, dims)
    if section == _STAFF:
        staff_section(user, info, editable=editable)
    elif section == _SUBMIT:
        _submit(user, info, standard, dims, editable)
    else:
        _dimension(user, info.id, section, editable, feedback)


def _feedback_summary(user: Actor, info: AssessmentInfo, standard,
                      feedback: dict[str, BenchmarkFeedback]) -> None:
    """The reviewed result, and every benchmark the assessor said something about, in one place
    (each is repeated in its own benchmark)."""
    if not feedback:
        return
    reviewed = compare_results(app_store(), user, info.id).reviewed_result
    level = next((lv.title for lv in standard.levels if lv.id == reviewed.level), _("no level"))
    st.markdown(_("As the assessor reviewed it: **{score}**, level **{level}**.").format(
        score=fmt_score(reviewed), level=md(level)))
    others = {k: f for k, f in feedback.items() if f.notes or f.reviewed_status}
    if not others:  # only requests, listed above
        return
    with st.expander(ngettext("The assessor's review changed or commented on {n} benchmark",
                              "The assessor's review changed or commented on {n} benchmarks",
                              len(others)).format(n=len(others)),
                     icon=":material/rate_review:", expanded=True):
        show_feedback(standard, info.code, others, requests=False)


if __name__ == "__main__":
    run_page(render, roles=("focal_point",))
