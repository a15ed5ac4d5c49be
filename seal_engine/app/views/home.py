"""Home: what to do next, for each of the user's roles."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from seal_engine import explain_outcome, level_title, outcome_changes, render_message, say
from seal_engine.app.feedback import assessor_feedback, show_feedback, show_requests
from seal_engine.app.i18n import _, fmt_date, fmt_score, get_standard, language, ngettext
from seal_engine.app.progress import progress
from seal_engine.app.session import app_store
from seal_engine.app.ui import empty, link, md, run_page
from seal_engine.app.words import state_name
from seal_engine.lifecycle import REVIEWED, WITH_ASSESSORS, WITH_PROGRAMME, State, can_edit
from seal_engine.store import (
    Actor,
    certificate_pdf_bytes,
    compare_results,
    get_assessment,
    list_assessments,
    list_assignments,
    list_certificates,
    portfolio_results,
    review_status,
    score_assessment,
)

_SOON = dt.timedelta(days=90)


def _focal_point(user: Actor) -> None:
    store = app_store()
    mine = [a for a in list_assessments(store, user) if a.institution_id in user.institutions]
    if not mine:
        empty(_("Your institution has no self-assessment yet. Start one on the "
                "Self-assessment page."))
        link("assessment", _("Start a self-assessment"), ":material/edit_note:")
        return
    certificates = {c.assessment_id: c for c in list_certificates(store, user)}
    for a in mine:
        with st.container(border=True):
            period = a.period_label or a.period_end.year
            st.markdown(f"#### {md(a.institution_name)} · {md(period)}")
            st.caption(state_name(a.state))
            if can_edit(a.state):
                _what_is_left(user, a)
            elif a.state in WITH_ASSESSORS:
                st.markdown(_("Submitted: the assessor is reviewing it. You can still read your "
                              "results and work on the action plan."))
                _outcome(user, a, mine, reviewed=False)
                link("results", _("See the results"), ":material/insights:", a=a.code)
            else:
                if a.id in certificates:
                    _certificate(user, certificates[a.id])
                _outcome(user, a, mine, reviewed=True)
                link("results", _("See the results"), ":material/insights:", a=a.code)
    _certificates(user)


def _certificate(user: Actor, c) -> None:
    """The institution's certificate: its level, its validity, and its PDF to download."""
    store = app_store()
    level = _level_title(get_standard(store, c.standard_id, c.standard_version), c.level)
    days = c.days_left(store.now().date())
    if c.revoked:
        st.error(_("Certificate **{level}**, revoked on {date}: {reason}").format(
            level=md(level), date=fmt_date(c.revoked_at.date()), reason=md(c.revoked_reason)))
        return
    if days is not None and days < 0:
        st.warning(_("Certificate **{level}**, expired on {date}.").format(
            level=md(level), date=fmt_date(c.valid_until)))
    elif c.valid_until is None:
        st.success(_("Certified **{level}**.").format(level=md(level)))
    else:
        st.success(_("Certified **{level}**, valid until {date}.").format(
            level=md(level), date=fmt_date(c.valid_until)))
    if c.token:
        st.download_button(
            _("Download the certificate (PDF)"),
            data=lambda cid=c.id: certificate_pdf_bytes(store, user, cid, language()),
            file_name=f"seal-certificate-{c.institution_code}-{c.issued_on}.pdf",
            mime="application/pdf", key=f"certificate:{c.id}", icon=":material/download:")
        st.caption(_("Anyone can check it: its QR code opens the programme's /verify page."))


def _what_is_left(user: Actor, a) -> None:
    store = app_store()
    info = get_assessment(store, user, a.id)
    standard = get_standard(store, a.standard_id, a.standard_version)
    result = score_assessment(store, user, a.id)
    dims = progress(standard, info, result)
    left = [d for d in dims if d.left]
    if a.state == "changes_requested":
        status = review_status(store, user, a.id)
        requests = status.open_requests
        if requests:
            st.warning(ngettext("The assessor asks for {n} change:",
                                "The assessor asks for {n} changes:",
                                len(requests)).format(n=len(requests)))
            show_requests(standard, a.code, requests)
        feedback = assessor_feedback(store, user, info,
                                     {b.id: b.status.value for b in result.benchmarks}, status)
        reviewed = compare_results(store, user, a.id).reviewed_result
        st.markdown(_("As the assessor reviewed it: {why}").format(
            why=md(_words(explain_outcome(reviewed, standard, _score)))))
        others = {k: f for k, f in feedback.items() if f.notes or f.reviewed_status}
        if others:
            st.markdown(ngettext(
                "The review also changed or commented on **{n} benchmark**:",
                "The review also changed or commented on **{n} benchmarks**:",
                len(others)).format(n=len(others)))
            show_feedback(standard, a.code, others, limit=6, requests=False)
    if left:
        total = sum(len(d.left) for d in left)
        st.markdown(ngettext("**{n} question** is left to answer:",
                             "**{n} questions** are left to answer:", total).format(n=total))
        for d in left[:4]:
            st.markdown("- " + md(ngettext("{n} question left in {dimension}",
                                           "{n} questions left in {dimension}",
                                           len(d.left)).format(n=len(d.left),
                                                               dimension=d.title)))
        if len(left) > 4:
            st.markdown("- " + md(ngettext("and more in {n} other dimension",
                                           "and more in {n} other dimensions",
                                           len(left) - 4).format(n=len(left) - 4)))
    else:
        st.success(_("Every required question is answered: review your results and submit "
                     "the self-assessment for review."))
    st.markdown(_("Self-assessed now: {why}").format(
        why=md(_words(explain_outcome(result, standard, _score)))))
    if a.state == "changes_requested":
        _changes(outcome_changes(reviewed, result, standard, say("change.since_review"), _score))
    else:
        _since_last(user, a, result, standard)
    link("assessment", _("Continue the self-assessment"), ":material/edit_note:", a=a.code)


def _words(message) -> str:
    """A message of the engine (a code and its params) in the session's language."""
    return render_message(message, lang=language())


def _score(result) -> str:
    return fmt_score(result, result.next_level.min_score if result.next_level else None)


def _changes(messages) -> None:
    if messages:
        st.caption(md(" ".join(_words(m) for m in messages)))


def _previous(user: Actor, a, mine):
    """The institution's assessment of the period before ``a`` that has a result to compare
    with (one submitted or decided), or None."""
    earlier = [x for x in mine if x.institution_id == a.institution_id
               and x.period_end < a.period_start and x.standard_id == a.standard_id
               and not can_edit(x.state)]
    return max(earlier, key=lambda x: x.period_end, default=None)


def _final(user: Actor, a):
    """The result that counts for ``a``: the reviewed one once reviewed, else the
    self-assessed one."""
    comparison = compare_results(app_store(), user, a.id)
    return comparison.reviewed_result if a.state in REVIEWED else comparison.self_result


def _since_last(user: Actor, a, result, standard) -> None:
    before = _previous(user, a, [x for x in list_assessments(app_store(), user)
                                 if x.institution_id in user.institutions])
    if before is None:
        return
    period = before.period_label or str(before.period_end.year)
    _changes(outcome_changes(_final(user, before), result, standard,
                             say("change.since_period", period=period), _score))


def _outcome(user: Actor, a, mine, *, reviewed: bool) -> None:
    """Why the assessment's result has its level, and what changed since the period before."""
    standard = get_standard(app_store(), a.standard_id, a.standard_version)
    result = _final(user, a)
    label = _("Reviewed result: {why}") if reviewed and a.state in REVIEWED else \
        _("Self-assessed result: {why}")
    st.markdown(label.format(why=md(_words(explain_outcome(result, standard, _score)))))
    before = _previous(user, a, mine)
    if before is not None:
        period = before.period_label or str(before.period_end.year)
        _changes(outcome_changes(_final(user, before), result, standard,
                                 say("change.since_period", period=period), _score))


def _level_title(standard, level: str | None) -> str:
    if level is None:
        return _("none yet")
    return level_title(standard, level, language())


def _assessor(user: Actor) -> None:
    store = app_store()
    assigned = {x.assessment_id for x in list_assignments(store, user)}
    queue = [a for a in list_assessments(store, user) if a.id in assigned]
    waiting = [a for a in queue if a.state == "submitted"]
    ongoing = [a for a in queue if a.state == "under_review"]
    if not waiting and not ongoing:
        empty(_("No assessment is waiting for your review. Assessments appear here when an "
                "administrator assigns you one and the institution submits it."))
        return
    if waiting:
        st.markdown("#### " + md(ngettext("{n} assessment is waiting for your review",
                                          "{n} assessments are waiting for your review",
                                          len(waiting)).format(n=len(waiting))))
        for a in waiting:
            link("review", f"{a.institution_name} · {a.period_label or a.period_end.year}",
                 ":material/fact_check:", a=a.code)
    if ongoing:
        st.markdown("#### " + md(ngettext("{n} review is under way", "{n} reviews are under way",
                                          len(ongoing)).format(n=len(ongoing))))
        for a in ongoing:
            missing = review_status(store, user, a.id).missing
            note = _("ready to decide") if not missing else md(
                "; ".join(_words(m) for m in missing[:2]))
            link("review", f"{a.institution_name} · {a.period_label or a.period_end.year}",
                 ":material/pending_actions:", a=a.code)
            st.caption(note)


def _analyst(user: Actor) -> None:
    store = app_store()
    rows = portfolio_results(store, user)
    institutions = {r.institution_code for r in rows}
    certified = {c.institution_code for c in list_certificates(store, user,
                                                                include_expired=False)
                 if c.institution_code in institutions}
    if not rows:
        empty(_("No institution in your country has results yet. They appear when "
                "institutions submit their self-assessments."))
        return
    countries = ", ".join(sorted(user.countries)) or _("all countries")
    st.markdown(_("**{n}** institutions of {countries} have results; **{c}** hold a valid "
                  "certificate.").format(n=len(institutions), countries=md(countries),
                                         c=len(certified)))
    link("portfolio", _("Compare the institutions"), ":material/leaderboard:")


def _certificates(user: Actor) -> None:
    store = app_store()
    soon = list_certificates(store, user, expiring_within=_SOON)
    if soon:
        st.markdown("#### " + md(ngettext("{n} certificate expires within 90 days",
                                          "{n} certificates expire within 90 days",
                                          len(soon)).format(n=len(soon))))
        today = store.now().date()
        for c in soon:
            days = c.days_left(today)
            when = (_("expired on {date}") if days is not None and days < 0
                    else _("valid until {date}")).format(date=fmt_date(c.valid_until))
            level = _level_title(get_standard(store, c.standard_id, c.standard_version), c.level)
            st.markdown("- " + _("{label}: {value}").format(
                label=md(c.institution_name), value=f"{md(level)}, {md(when)}"))


def _admin(user: Actor) -> None:
    store = app_store()
    assessments = list_assessments(store, user)
    assigned = {x.assessment_id for x in list_assignments(store, user)}
    unassigned = [a for a in assessments if a.state == "submitted" and a.id not in assigned]
    if unassigned:
        st.warning(ngettext("{n} submitted assessment has no assessor yet.",
                            "{n} submitted assessments have no assessor yet.",
                            len(unassigned)).format(n=len(unassigned)))
        link("admin", _("Assign assessors"), ":material/admin_panel_settings:")
    counts: dict[str, int] = {}
    for a in assessments:
        counts[a.state] = counts.get(a.state, 0) + 1
    # in the lifecycle's order, four to a row: six side by side cut "Submitted, waiting for
    # review" on a laptop
    order = [s.value for s in State]
    shown = sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
    for start in range(0, len(shown), 4):
        cols = st.columns(4)
        for col, (state, n) in zip(cols, shown[start:start + 4], strict=False):
            col.metric(state_name(state), n)


def _programme_officer(user: Actor) -> None:
    waiting = [a for a in list_assessments(app_store(), user) if a.state in WITH_PROGRAMME]
    if not waiting:
        empty(_("No recommendation is waiting for your decision."))
        return
    st.markdown("#### " + md(ngettext("{n} recommendation waits for your decision",
                                      "{n} recommendations wait for your decision",
                                      len(waiting)).format(n=len(waiting))))
    for a in waiting:
        link("awards", f"{a.institution_name} · {a.period_label or a.period_end.year}",
             ":material/workspace_premium:", a=a.code)


def render(user: Actor) -> None:
    st.title(_("Welcome, {name}").format(name=user.display_name))
    roles = user.roles
    if not roles:
        empty(_("Your account has no role yet. Ask your administrator to give you one: focal "
                "point of your institution, assessor, or government analyst."))
        return
    sections = [("focal_point", _("Your institution"), _focal_point),
                ("assessor", _("Your reviews"), _assessor),
                ("programme_officer", _("Awards to decide"), _programme_officer),
                ("analyst", _("Your country"), _analyst),
                ("admin", _("The programme"), _admin)]
    for role, title, show in sections:
        if role in roles:
            st.subheader(title)
            show(user)
    if "focal_point" not in roles and roles & {"analyst", "admin"}:
        _certificates(user)


if __name__ == "__main__":
    run_page(render)
