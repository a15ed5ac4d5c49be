"""Assessor review: the queue of assigned assessments; for each benchmark the institution's
answers, its evidence (read in the page or downloaded) and the computed status; confirm or
override with a justification, accept or reject evidence and not-applicable claims, ask for
changes, certify or refuse; the self-assessed and the reviewed results side by side.

The review flows: next and previous benchmark, filters (not yet reviewed, overridden, with open
requests, mandatory, outdated, changed since the last submission) read from the store's review
status, the review's progress always in view, what the institution changed since the last
submission pointed out per benchmark and listed, one summary message per bulk action."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from seal_engine import BenchmarkNames, SealError, render_message
from seal_engine.app.answers_view import show_answer
from seal_engine.app.evidence import evidence_download, evidence_view
from seal_engine.app.explain import explain_benchmark
from seal_engine.app.i18n import (
    _,
    fmt_date,
    fmt_datetime,
    fmt_percent,
    get_standard,
    language,
    ngettext,
)
from seal_engine.app.report_downloads import report_downloads
from seal_engine.app.session import app_store
from seal_engine.app.ui import (
    act_as,
    actor,
    chosen_assessment,
    confirmed,
    empty,
    md,
    require_role,
    rerun,
    run_page,
    show_error,
    sidebar,
    toast_saved,
)
from seal_engine.app.words import state_name, status_name, verdict_name
from seal_engine.app.workforce_ui import staff_data_line
from seal_engine.lifecycle import DECIDED, WITH_ASSESSORS, WITH_PROGRAMME, can_edit
from seal_engine.store import (
    Actor,
    ChangesSinceSubmission,
    ReviewStatus,
    changes_since_submission,
    compare_results,
    confirm_remaining,
    decide_not_applicable,
    declare_no_conflict,
    find_assessment,
    get_assessment,
    list_assessments,
    list_assignments,
    list_certificates,
    recommend_certification,
    recommend_refusal,
    request_changes,
    request_evidence,
    review_benchmark,
    review_evidence,
    review_status,
    start_review,
    withdraw_verdict,
)

_STATUSES = ("met", "partially_met", "not_met", "not_applicable")
#: Previous, the benchmark picker, Next: wide enough for "Précédent" beside its arrow at 1366 px
_NAV_COLUMNS = [1.4, 5.2, 1.4]


def _act(fn, *args, done: str, **kwargs) -> bool:
    """Run a review action as the assessor; say it was saved, or why not."""
    return act_as("assessor", fn, *args, done=done, **kwargs)


def _queue(user: Actor):
    store = app_store()
    assigned = {x.assessment_id for x in list_assignments(store, user)}
    return [a for a in list_assessments(store, user) if a.id in assigned]


def _decided(key: str, fn, args: tuple, kwargs: dict, *, state_key: str, before,
             done: str) -> None:
    """A verdict control's callback: save the choice, or put the control back as it was and
    say why."""
    st.session_state.pop(f"err:{key}", None)
    try:
        require_role(actor(), "assessor")
        fn(app_store(), actor(), *args, **kwargs)
    except SealError as e:
        st.session_state[f"err:{key}"] = "; ".join(render_message(p.text, lang=language())
                                                     for p in e.problems)
        st.session_state[state_key] = before
    else:
        toast_saved(done)


def _error(key: str) -> None:
    message = st.session_state.get(f"err:{key}")
    if message:
        st.error(md(_("Not saved: {why}").format(why=message)), icon=":material/error:")


def _accept_or_reject(key: str, reason_key: str, label: str, current: str | None,
                      version: int, reason: str | None, save, *,
                      reason_label: str | None = None) -> None:
    """An accept / reject control with its reason, showing the stored ``current`` decision (at
    ``version``); ``save(choice, reason)`` stores a new one, and a failed save puts the control
    back."""
    if st.session_state.get(f"{key}:seen") != (current, version):
        st.session_state[key] = current
        st.session_state[reason_key] = reason or ""
        st.session_state[f"{key}:seen"] = (current, version)

    def _save() -> None:
        choice = st.session_state.get(key)
        if choice is None:
            st.session_state[key] = current
            return
        save(choice, st.session_state.get(reason_key) or None)

    cols = st.columns([3, 2], vertical_alignment="bottom")
    cols[0].text_input(reason_label or _("Reason, if rejected"), key=reason_key)
    cols[1].segmented_control(
        label, ["accepted", "rejected"], key=key, on_change=_save,
        format_func=lambda v: {"accepted": _("Accept"), "rejected": _("Reject")}[v],
        label_visibility="collapsed")
    _error(key)


def _evidence_verdict(user: Actor, e) -> None:
    key = f"rv:{e.id}"

    def save(choice: str, reason: str | None) -> None:
        _decided(key, review_evidence, (e.id, choice, e.verdict_version), {"reason": reason},
                 state_key=key, before=e.verdict,
                 done=_("Evidence marked {v}").format(v=verdict_name(choice).lower()))

    _accept_or_reject(key, f"rr:{e.id}", _("Evidence"), e.verdict, e.verdict_version,
                      e.verdict_reason, save)


def _evidence(user: Actor, info, benchmark, added: frozenset[str] = frozenset()) -> list:
    """The benchmark's evidence with the verdict controls; returns the files to read in the
    page (their "View here" on), shown by the caller across the whole width."""
    items = [e for e in info.evidence if e.benchmark_id == benchmark.id]
    titles = {e.id: e.title for e in benchmark.evidence}
    viewed: list = []
    if not benchmark.evidence:
        return viewed
    st.markdown(f"**{_('Evidence')}**")
    for req in benchmark.evidence:
        mine = [e for e in items if e.requirement_id == req.id]
        st.markdown(f"*{md(titles[req.id])}*" + ("" if mine else f" · :orange[{_('none')}]"))
        if req.description:  # the standard's examples of what is acceptable, to judge against
            st.caption(md(req.description))
        for e in mine:
            with st.container(border=True):
                where = e.original_name if e.kind == "file" else (e.reference or "")
                cols = st.columns([5, 2], vertical_alignment="center")
                new = f":orange-badge[{_('New since the last submission')}] " \
                    if e.id in added else ""
                cols[0].markdown(new + f"{md(e.title)} · {md(where)}" +
                                 (f" · {fmt_date(e.date)}" if e.date else "") + "  \n" +
                                 _("Verdict: {v}").format(v=verdict_name(e.verdict)))
                if e.kind == "file":
                    with cols[1]:
                        evidence_download(user, e, key=f"rdl:{e.id}")
                elif e.kind == "link" and (e.reference or "").startswith(("https://",
                                                                          "http://")):
                    cols[1].link_button(_("Open the link"), e.reference,
                                        icon=":material/open_in_new:")
                elif e.kind == "reference":
                    cols[1].caption(_("Named only: the file itself was never uploaded. Ask the "
                                      "institution for it if you need to see it."))
                if info.state == "under_review":
                    _evidence_verdict(user, e)
                if e.kind == "file" and st.toggle(_("View here"), key=f"rview:{e.id}",
                                                  help=_("Shown below the benchmark, across "
                                                         "the page")):
                    viewed.append(e)
    return viewed


def _read_in_place(user: Actor, viewed: list) -> None:
    """The files whose "View here" is on, each across the page's width (a PDF's text is
    readable at that size on a laptop)."""
    for e in viewed:
        st.divider()
        st.markdown(f"**{md(e.title)}** · {md(e.original_name or '')}")
        evidence_view(user, e)


def _claim(user: Actor, info, benchmark) -> None:
    claim = info.not_applicable.get(benchmark.id)
    if claim is None:
        return
    st.warning(_("The institution says this benchmark does not apply: {reason}").format(
        reason=md(claim.reason)), icon=":material/block:")
    if info.state != "under_review":
        return
    key = f"nav:{benchmark.id}"

    def save(choice: str, reason: str | None) -> None:
        _decided(key, decide_not_applicable,
                 (info.id, benchmark.id, choice == "accepted", claim.version),
                 {"reason": reason}, state_key=key, before=claim.decision,
                 done=_("Claim decided"))

    _accept_or_reject(key, f"nar:{benchmark.id}", _("Claim"), claim.decision, claim.version,
                      claim.decision_reason, save,
                      reason_label=_("Reason (needed to accept or to reject)"))


def _verdict(user: Actor, info, benchmark, verdict, computed) -> None:
    st.markdown(f"**{_('Your verdict')}**")
    if verdict.decision == "confirm" and not verdict.outdated:
        st.success(_("Confirmed as {status}.").format(status=status_name(verdict.status)))
    elif verdict.decision == "override":
        st.info(md(_("Overridden to {status}: {why}").format(
            status=status_name(verdict.status), why=verdict.justification or "")))
    if verdict.outdated:
        st.warning(_("Confirm again: the computed status changed since you confirmed it."))
    row = st.container(horizontal=True)
    if verdict.decision is not None and row.button(
            _("Withdraw the verdict"), key=f"withdraw:{benchmark.id}", icon=":material/undo:"):
        if _act(withdraw_verdict, app_store(), user, info.id, benchmark.id, verdict.version,
                done=_("Verdict withdrawn")):
            rerun()
    if row.button(_("Confirm {status}").format(status=status_name(computed).lower()),
                  key=f"confirm:{benchmark.id}", type="primary", icon=":material/check:"):
        if _act(review_benchmark, app_store(), user, info.id, benchmark.id, "confirm",
                verdict.version, done=_("Confirmed")):
            rerun()
    with row.popover(_("Override the status"), icon=":material/edit:"):
        with st.form(f"override:{benchmark.id}", clear_on_submit=True):
            options = [s for s in _STATUSES if s != computed]
            status = st.selectbox(_("Reviewed status"), options, format_func=status_name,
                                  key=f"ovs:{benchmark.id}")
            why = st.text_area(_("Justification (the institution reads it)"),
                               key=f"ovj:{benchmark.id}")
            if st.form_submit_button(_("Override"), type="primary"):
                if _act(review_benchmark, app_store(), user, info.id, benchmark.id,
                        "override", verdict.version, status=status, justification=why,
                        done=_("Overridden")):
                    rerun()
    with row.popover(_("Ask the institution for more"), icon=":material/mail:"):
        with st.form(f"request:{benchmark.id}", clear_on_submit=True):
            req = st.selectbox(_("About"), [None] + [e.id for e in benchmark.evidence],
                               format_func=lambda v: _("the benchmark as a whole") if v is None
                               else next(e.title for e in benchmark.evidence if e.id == v))
            message = st.text_area(_("What is needed"), key=f"rqm:{benchmark.id}")
            if st.form_submit_button(_("Add the request"), type="primary"):
                if _act(request_evidence, app_store(), user, info.id, benchmark.id, message,
                        requirement_id=req, done=_("Request added")):
                    rerun()


def _change_words(change, standard) -> str:
    """One change of the institution's, in words (without its benchmark)."""
    if change.kind == "answer":
        q = standard.questions().get(change.subject)
        text = q.text if q is not None else change.subject
        return _("answer to “{question}” changed").format(
            question=md(text if len(text) <= 90 else text[:88] + "…"))
    if change.kind == "evidence_added":
        return _("evidence added: {title}").format(title=md(change.title or ""))
    if change.kind == "evidence_removed":
        titles = {e.id: e.title for b in standard.benchmarks() for e in b.evidence}
        return _("evidence removed from “{requirement}”").format(
            requirement=md(titles.get(change.requirement_id, change.requirement_id or "")))
    if change.kind == "claim":
        return _("claimed not to apply, or the reason changed")
    if change.kind == "claim_withdrawn":
        return _("the claim that it does not apply withdrawn")
    if change.kind == "workforce":
        return _("the staff data file replaced")
    return _("moved to another version of the standard")


def _changed_here(changes: ChangesSinceSubmission, standard, benchmark_id: str) -> None:
    """What the institution changed in this benchmark since the last submission."""
    mine = changes.benchmarks.get(benchmark_id, [])
    if not mine:
        return
    st.info(md(_("Changed since the last submission ({when}):").format(
        when=fmt_datetime(changes.since))) + "\n" + "\n".join(
        f"- {_change_words(c, standard)} · {md(c.by)}, {fmt_datetime(c.at)}" for c in mine),
        icon=":material/change_circle:")


def _benchmark_panel(user: Actor, info, standard, status: ReviewStatus, comparison,
                     changes: ChangesSinceSubmission, benchmark_id: str) -> None:
    verdicts = {v.benchmark_id: v for v in status.benchmarks}
    names = BenchmarkNames(standard)
    b = standard.benchmark(benchmark_id)
    v = verdicts[benchmark_id]
    st.subheader(names.heading(b.id))
    if b.description:
        st.caption(md(b.description))
    _changed_here(changes, standard, b.id)
    mine = changes.benchmarks.get(b.id, [])
    changed_questions = {c.subject for c in mine if c.kind == "answer"}
    added = frozenset(c.subject for c in mine if c.kind == "evidence_added")
    requests = [r for r in status.open_requests if r["benchmark_id"] == b.id]
    if requests:
        st.warning(md(_("Open requests to the institution:")) + "\n" + "\n".join(
            f"- {md(r['message'])}" for r in requests), icon=":material/mail:")
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**{_('Answers')}**")
        for q in b.questions:
            stored = info.answers.get(q.id)
            if q.id in changed_questions:
                st.markdown(":orange-badge[:material/edit: " +
                            _("Changed since the last submission") + "]")
            show_answer(standard, q, stored.value if stored else None)
        _claim(user, info, b)
        viewed = _evidence(user, info, b, added)
    with right:
        self_status = comparison.self_result.benchmark(benchmark_id).status.value
        st.markdown(_("Self-assessed: {a} · computed from the reviewed evidence: "
                      "**{b}**").format(a=status_name(self_status),
                                        b=status_name(v.computed_status)))
        explain_benchmark(comparison.reviewed_result.benchmark(benchmark_id), standard)
        if status.state == "under_review":
            _verdict(user, info, b, v, v.computed_status)
    _read_in_place(user, viewed)
    from seal_engine.app.threads import benchmark_thread  # comments and the conversation

    benchmark_thread(user, info, b, answer_comments=True)


def _side_by_side(comparison, standard) -> None:
    a, b = comparison.self_result, comparison.reviewed_result
    names = BenchmarkNames(standard)
    titles = {lv.id: lv.title for lv in standard.levels}
    cols = st.columns(2)
    cols[0].metric(_("Self-assessed"),
                   f"{titles.get(a.level, _('No level'))} · {fmt_percent(a.score)}")
    cols[1].metric(_("Reviewed"),
                   f"{titles.get(b.level, _('No level'))} · {fmt_percent(b.score)}")
    if comparison.differences:
        st.table(pd.DataFrame([{
            _("Benchmark"): names.heading(d.benchmark_id),
            _("Self-assessed"): status_name(d.self_status),
            _("Reviewed"): status_name(d.reviewed_status),
            _("Why"): render_message(d.why, lang=language()),
        } for d in comparison.differences]), hide_index=True)
    else:
        st.caption(_("No difference between the self-assessed and the reviewed statuses."))


def _decisions(user: Actor, summary, status, names, *, lead: bool) -> None:
    store = app_store()
    st.subheader(_("Decision"))
    if status.missing:
        st.warning(_("Before a decision, the review still needs:") + "\n\n" +
                   "\n".join(f"- {md(render_message(m, lang=language()))}"
                             for m in status.missing))
    cols = st.columns(3)
    with cols[0]:
        n = len(status.open_requests)
        st.caption(ngettext("{n} open request to the institution",
                            "{n} open requests to the institution", n).format(n=n))
        for r in status.open_requests:
            _open_button(summary.id, r["benchmark_id"], names, key=f"goreq:{r['id']}")
            st.caption(md(r["message"]))
        if confirmed(f"sendback:{summary.id}", _("Send back for changes"),
                      _("Send it back with the open requests? The institution can change its "
                        "answers until it submits again."), _("Yes, send it back"),
                      disabled=not n, icon=":material/undo:"):
            if _act(request_changes, store, user, summary.id, summary.version,
                    done=_("Sent back to the institution")):
                st.rerun()
    if not lead:
        leads = [name for name, role, _d in status.team if role == "lead"]
        cols[1].caption(_("The team's lead, {name}, recommends the decision to the "
                          "programme.").format(name=md(", ".join(leads) or "—")))
        return
    with cols[1]:
        no_level = not status.missing and status.reviewed_level is None
        if no_level:
            st.caption(_("The reviewed result ({score}) reaches no level: it cannot be "
                         "certified. Record it as not certified, or send it back.").format(
                score=fmt_percent(status.reviewed_score)))
        if confirmed(f"certify:{summary.id}", _("Recommend certification"),
                      _("Recommend certifying at the reviewed level? A programme officer who "
                        "is not on the team decides the award."),
                      _("Yes, recommend it"), type="primary",
                      disabled=bool(status.missing) or no_level, icon=":material/verified:"):
            if _act(recommend_certification, store, user, summary.id, summary.version,
                    done=_("Recommended")):
                st.rerun()
    with cols[2], st.popover(_("Recommend not certifying"), disabled=bool(status.missing)):
        with st.form("refuse"):
            why = st.text_area(_("Why the assessment should not be certified"))
            if st.form_submit_button(_("Recommend: not certified")):
                if _act(recommend_refusal, store, user, summary.id, summary.version, why,
                        done=_("Recommended: not certified")):
                    st.rerun()


def _confirm_rest(user: Actor, summary, status, names) -> None:
    """One act for the end of a review: confirm the computed status of the benchmarks left
    that no level makes mandatory (the service confirms exactly those shown, or nothing).
    Mandatory benchmarks and evidence items are decided one by one, each opened."""
    bulk = status.confirmable_in_bulk
    mandatory = [v.benchmark_id for v in status.benchmarks
                 if v.open and v.mandatory_from is not None]
    if mandatory:
        st.caption(ngettext(
            "{n} mandatory benchmark is left to open and decide on its own: {list}",
            "{n} mandatory benchmarks are left to open and decide one by one: {list}",
            len(mandatory)).format(n=len(mandatory), list=", ".join(names(b) for b in mandatory)))
    if status.evidence_pending:
        st.caption(ngettext("{n} evidence item is left to look at and accept or reject",
                            "{n} evidence items are left to look at and accept or reject",
                            len(status.evidence_pending)).format(
            n=len(status.evidence_pending)))
    if not bulk:
        return
    if confirmed(f"bulk:{summary.id}",
                 ngettext("Confirm the computed status of the {n} non-mandatory benchmark left",
                          "Confirm the computed status of the {n} non-mandatory benchmarks left",
                          len(bulk)).format(n=len(bulk)),
                 _("Confirm these as computed, in one act recorded in the audit trail: {list}?"
                   ).format(list=", ".join(names(b) for b in bulk)), _("Yes, confirm them"),
                 icon=":material/done_all:"):
        require_role(actor(), "assessor")
        try:
            done = confirm_remaining(app_store(), user, summary.id, bulk)
        except SealError as e:
            show_error(e)
            return
        computed = {v.benchmark_id: v.computed_status for v in status.benchmarks}
        st.session_state[f"bulkdone:{summary.id}"] = [(b, computed.get(b)) for b in done]
        st.rerun()


def _bulk_summary(summary, names) -> None:
    """The one message a bulk confirmation leaves: how many, by status, which."""
    done = st.session_state.pop(f"bulkdone:{summary.id}", None)
    if done is None:
        return
    by_status: dict[str, int] = {}
    for _b, status in done:
        by_status[status] = by_status.get(status, 0) + 1
    order = {k: i for i, k in enumerate(_STATUSES)}
    counts = ", ".join(f"{n} {status_name(k).lower()}"
                       for k, n in sorted(by_status.items(), key=lambda x: order.get(x[0], 9)))
    st.success(md(ngettext("{n} benchmark confirmed as computed ({counts}), in one act "
                           "recorded in the audit trail: {list}",
                           "{n} benchmarks confirmed as computed ({counts}), in one act "
                           "recorded in the audit trail: {list}", len(done)).format(
        n=len(done), counts=counts, list=", ".join(names(b) for b, _s in done))),
        icon=":material/done_all:")


def _declare(user: Actor, summary) -> None:
    """The declaration of no conflict of interest an assessor makes before reviewing."""
    st.warning(_("Before you review {institution}, declare that you have no conflict of "
                 "interest with it: you have not worked for it or advised it, have no family, "
                 "financial or political tie to it, and took no part in its "
                 "self-assessment.").format(institution=md(summary.institution_name)),
               icon=":material/gavel:")
    with st.form(f"coi:{summary.id}"):
        statement = st.text_area(_("Your declaration, in your own words"))
        if st.form_submit_button(_("Declare no conflict of interest"), type="primary"):
            if _act(declare_no_conflict, app_store(), user, summary.id, statement,
                    done=_("Declaration recorded")):
                st.rerun()


def render(user: Actor) -> None:
    require_role(user, "assessor")
    store = app_store()
    st.title(_("Review"))
    queue = _queue(user)
    summary = chosen_assessment(queue, prefer=lambda a: a.state in WITH_ASSESSORS,
                                label=_("Assessment to review"))
    if summary is None:
        empty(_("No assessment is assigned to you. An administrator assigns assessments to "
                "assessors; they appear here."))
        return
    summary = find_assessment(store, user, summary.id)
    standard = get_standard(store, summary.standard_id, summary.standard_version)
    st.markdown(f"**{md(summary.institution_name)}** · {md(summary.period_label or '')} · "
                f"{state_name(summary.state)} · {md(standard.title)}")
    mine = next((x for x in list_assignments(store, user) if x.assessment_id == summary.id),
                None)
    if mine is not None and mine.no_conflict_at is None and summary.state in WITH_ASSESSORS:
        _declare(user, summary)
        return
    if summary.state == "submitted":
        st.info(_("Submitted by the institution and waiting for you."))
        if st.button(_("Start the review"), type="primary", icon=":material/play_arrow:"):
            if _act(start_review, store, user, summary.id, summary.version,
                    done=_("Review started")):
                st.rerun()
        return
    if can_edit(summary.state):
        st.info(_("The institution is working on it; you can review it once it is submitted."))
        return
    if summary.state in WITH_PROGRAMME:
        st.info(_("The team's recommendation waits for the programme's decision."),
                icon=":material/hourglass_top:")
    if summary.state in DECIDED:
        certificate = next((c for c in list_certificates(store, user)
                            if c.assessment_id == summary.id), None)
        if certificate:
            st.success(_("Certified {level} on {date}, valid until {until}. Audit entry {seq} "
                         "· {hash}").format(level=certificate.level.title(),
                                           date=fmt_date(certificate.issued_on),
                                           until=fmt_date(certificate.valid_until),
                                           seq=certificate.audit_seq,
                                           hash=certificate.audit_hash[:16]))
    status = review_status(store, user, summary.id)
    comparison = compare_results(store, user, summary.id)
    st.subheader(_("Self-assessed and reviewed"))
    _side_by_side(comparison, standard)
    report_downloads(user, "review", summary.id, name=summary.code)
    info = get_assessment(store, user, summary.id)
    staff_data_line(user, info)
    changes = changes_since_submission(store, user, summary.id)
    names = BenchmarkNames(standard)
    _progress(status)
    _changes_list(summary.id, changes, standard, names)
    st.subheader(_("Benchmarks"))
    _bulk_summary(summary, names)
    chosen, buttons = _navigator(summary, standard, status, changes, names)
    if chosen is not None:
        _benchmark_panel(user, info, standard, status, comparison, changes, chosen)
        st.divider()
        buttons(st.columns(_NAV_COLUMNS), ":end")  # again where a long benchmark ends
    if summary.state == "under_review":
        _confirm_rest(user, summary, status, names)
        _decisions(user, summary, status, names, lead=mine is not None and mine.lead)


def _progress(status: ReviewStatus) -> None:
    """The review's progress, in the sidebar (always in view; the benchmark picker repeats
    it)."""
    total, done = len(status.benchmarks), status.reviewed_count
    text = ngettext("Reviewed: {n} of {total} benchmark", "Reviewed: {n} of {total} benchmarks",
                    total).format(n=done, total=total)
    left = []
    if status.evidence_pending:
        left.append(ngettext("{n} evidence item to decide", "{n} evidence items to decide",
                             len(status.evidence_pending)).format(
            n=len(status.evidence_pending)))
    if status.claims_pending:
        left.append(ngettext("{n} claim to decide", "{n} claims to decide",
                             len(status.claims_pending)).format(n=len(status.claims_pending)))
    where = sidebar()
    where.progress(done / total if total else 0.0, text=text)
    if left:
        where.caption(" · ".join(left))


def _changes_list(summary_id: str, changes: ChangesSinceSubmission, standard, names) -> None:
    """Everything the institution changed since the last submission, benchmark by benchmark."""
    if not changes.sent_back:
        return
    n = len(changes.changes)
    title = ngettext("{n} change since the last submission",
                     "{n} changes since the last submission", n).format(n=n)
    with st.expander(title, expanded=bool(n), icon=":material/change_circle:"):
        if changes.since is not None:
            st.caption(_("What the institution changed after the submission of {when}, which "
                         "was sent back for changes.").format(when=fmt_datetime(changes.since)))
        if not n:
            st.markdown(_("Nothing: it was submitted again as it was."))
            return
        lines = []
        for c in changes.changes:
            where = f"**{md(names(c.benchmark_id))}**: " if c.benchmark_id else ""
            lines.append(f"- {where}{_change_words(c, standard)} · {md(c.by)}, "
                         f"{fmt_datetime(c.at)}")
        st.markdown("\n".join(lines))
        row = st.container(horizontal=True)
        for bid in changes.benchmarks:
            with row:
                _open_button(summary_id, bid, names, key=f"gochg:{bid}")


def _open_benchmark(assessment_id: str, benchmark_id: str) -> None:
    """Open a benchmark named elsewhere on the page (filters cleared, so that it is shown)."""
    st.session_state[f"_rb:{assessment_id}"] = benchmark_id
    st.session_state[f"rf:{assessment_id}"] = []
    st.query_params["b"] = benchmark_id


def _open_button(assessment_id: str, benchmark_id: str, names, *, key: str) -> None:
    st.button(names(benchmark_id), key=key, type="tertiary", icon=":material/arrow_forward:",
              on_click=_open_benchmark, args=(assessment_id, benchmark_id),
              help=_("Open this benchmark"))


def _filter_name(name: str) -> str:
    return {"not_reviewed": _("Not yet reviewed"), "overridden": _("Overridden"),
            "open_requests": _("With open requests"), "mandatory": _("Mandatory"),
            "outdated": _("Outdated verdicts"),
            "changed": _("Changed since the last submission")}[name]


def _navigator(summary, standard, status: ReviewStatus, changes: ChangesSinceSubmission,
               names):
    """Filters, the benchmark picker and previous / next; returns the benchmark in hand (None
    when no benchmark matches the filters) and a function drawing previous / next again.

    Which benchmarks a filter keeps is the store's answer (``ReviewStatus.matching``, and
    the changes since the last submission); the page only intersects them."""
    verdicts = {v.benchmark_id: v for v in status.benchmarks}
    ids = [v.benchmark_id for v in status.benchmarks]
    changed = set(changes.benchmarks)
    options = list(status.FILTERS) + (["changed"] if changes.sent_back else [])
    counts = {f: len(status.matching([f])) for f in status.FILTERS}
    counts["changed"] = len(changed)
    filters_key = f"rf:{summary.id}"
    chosen_filters = st.pills(
        _("Show only"), options, selection_mode="multi", key=filters_key,
        format_func=lambda f: f"{_filter_name(f)} ({counts[f]})")
    shown = status.matching([f for f in chosen_filters if f != "changed"])
    if "changed" in chosen_filters:
        shown = [b for b in shown if b in changed]

    def label(bid: str) -> str:
        v = verdicts[bid]
        mark = "✓ " if v.decision and not v.outdated else ("! " if v.outdated else "")
        status_shown = v.status if v.decision == "override" and v.status else v.computed_status
        return f"{mark}{names.heading(bid)} · {status_name(status_shown)}"

    # The choice is kept apart from the widget: the labels change as verdicts are given, and a
    # widget whose labels change starts again from its first option.
    # It is kept in the address too (``?b=``), so a reload stays on the benchmark in hand.
    key, kept = f"rb:{summary.id}", f"_rb:{summary.id}"
    opened = st.session_state.get(kept) not in ids  # the page just opened (no benchmark yet)
    if opened:
        asked = st.query_params.get("b")
        pending = status.matching(["not_reviewed"])
        st.session_state[kept] = asked if asked in ids else (pending or ids)[0]
    current = st.session_state[kept]
    if not shown:
        st.info(_("No benchmark matches the filters chosen."), icon=":material/filter_alt_off:")
        return None, None
    if current not in shown:
        # the benchmark in hand left the list (e.g. just reviewed): the next one in it
        after = [b for b in shown if ids.index(b) > ids.index(current)]
        current = (after or shown)[0]
        st.session_state[kept] = current
    st.session_state[key] = current
    # the address follows the benchmark in hand (a reload stays on it), but opening the page
    # writes nothing that Back would have to undo
    if st.query_params.get("b") != current and not (opened and "b" not in st.query_params):
        st.query_params["b"] = current
    at = shown.index(current)

    def _go(bid: str) -> None:
        st.session_state[kept] = bid
        st.query_params["b"] = bid

    def _picked() -> None:
        _go(st.session_state[key])

    def buttons(where, suffix: str = "") -> None:
        where[0].button(_("Previous"), key=f"prev{suffix}:{summary.id}",
                        icon=":material/arrow_back:", disabled=at == 0, on_click=_go,
                        args=(shown[at - 1],) if at else ("",), width="stretch")
        where[-1].button(_("Next"), key=f"next{suffix}:{summary.id}",
                         icon=":material/arrow_forward:", disabled=at == len(shown) - 1,
                         on_click=_go, args=(shown[at + 1],) if at < len(shown) - 1 else ("",),
                         width="stretch")

    row = st.columns(_NAV_COLUMNS, vertical_alignment="bottom")
    buttons(row)
    row[1].selectbox(_("Benchmark"), shown, format_func=label, key=key, on_change=_picked)
    st.caption(_("Benchmark {n} of the {m} shown · {done} of {total} reviewed").format(
        n=at + 1, m=len(shown), done=status.reviewed_count, total=len(ids)))
    return current, buttons


if __name__ == "__main__":
    run_page(render, roles=("assessor",))
