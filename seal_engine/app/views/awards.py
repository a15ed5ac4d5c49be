"""Awards (programme officers): the assessment teams' recommendations waiting for a decision,
each with the reviewed result, the team, who reviewed what and the lead's reason; certify,
record as not certified, or return to the team.  The decider is never on the team (four eyes:
the store refuses it too)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from seal_engine.app.i18n import _, fmt_score, get_standard, ngettext
from seal_engine.app.session import app_store
from seal_engine.app.ui import (
    act_as,
    chosen_assessment,
    confirmed,
    empty,
    md,
    require_role,
    run_page,
)
from seal_engine.lifecycle import WITH_PROGRAMME
from seal_engine.store import (
    Actor,
    certify_assessment,
    compare_results,
    list_assessments,
    refuse_certification,
    return_to_team,
    review_status,
)


def _act(fn, *args, done: str, **kwargs) -> bool:
    return act_as("programme_officer", fn, *args, done=done, **kwargs)


def _team(status) -> None:
    st.markdown(f"**{_('The assessment team')}**")
    rows = [{_("Assessor"): name,
             _("Role on the team"): _("Lead") if role == "lead" else _("Member"),
             _("No conflict of interest declared"): _("yes") if declared else _("no"),
             _("Verdicts given"): status.verdicts_by.get(name, 0)}
            for name, role, declared in status.team]
    others = {k: v for k, v in status.verdicts_by.items()
              if k not in {name for name, _r, _d in status.team}}
    rows += [{_("Assessor"): name, _("Role on the team"): _("no longer on the team"),
              _("No conflict of interest declared"): "", _("Verdicts given"): n}
             for name, n in others.items()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def render(user: Actor) -> None:
    require_role(user, "programme_officer")
    store = app_store()
    st.title(_("Awards"))
    st.caption(_("The assessment teams recommend; the programme decides. You decide only on "
                 "assessments whose team you are not on."))
    decided = st.session_state.pop("_awards_decided", None)
    if decided:  # said after the page moves on (a toast is lost in the rerun)
        st.success(decided, icon=":material/verified:")
    waiting = [a for a in list_assessments(store, user) if a.state in WITH_PROGRAMME]
    if not waiting:
        empty(_("No recommendation is waiting for a decision. Assessments appear here when "
                "the lead of their assessment team recommends certifying them, or not."))
        return
    summary = chosen_assessment(waiting, label=_("Recommendation to decide"))
    if summary is None:
        return
    status = review_status(store, user, summary.id)
    standard = get_standard(store, summary.standard_id, summary.standard_version)
    titles = {lv.id: lv.title for lv in standard.levels}
    result = compare_results(store, user, summary.id).reviewed_result
    st.markdown(f"**{md(summary.institution_name)}** · {md(summary.period_label or '')} · "
                f"{md(standard.title)} v{standard.version}")
    cols = st.columns(3)
    cols[0].metric(_("The team recommends"),
                   titles.get(status.recommended_level, status.recommended_level)
                   if status.recommendation == "certify" else _("Not certifying"))
    cols[1].metric(_("Reviewed score"), fmt_score(result))
    cols[2].metric(_("Level the reviewed result reaches"),
                   titles.get(result.level, result.level) if result.level else _("No level"))
    st.markdown(md(_("Recommended by {who}.").format(who=status.recommended_by or "—"))
                + (" " + md(_("Reason: {why}").format(why=status.recommendation_reason))
                   if status.recommendation_reason else ""))
    _team(status)
    overridden = sum(1 for v in status.benchmarks if v.decision == "override")
    st.caption(ngettext("{n} benchmark's status was overridden by the team.",
                        "{n} benchmarks' statuses were overridden by the team.",
                        overridden).format(n=overridden))
    st.subheader(_("Decision"))
    left, middle, right = st.columns(3)
    with left:
        if status.recommendation == "certify":
            if confirmed(f"award:{summary.id}", _("Certify"),
                         _("Certify {institution} at {level}? The certificate is issued at "
                           "once.").format(institution=summary.institution_name,
                                           level=titles.get(result.level, result.level)),
                         _("Yes, certify"), type="primary", icon=":material/verified:"):
                if _act(certify_assessment, store, user, summary.id, summary.version,
                        done=_("Certified")):
                    st.session_state["_awards_decided"] = _(
                        "{institution} is certified at {level}: the certificate is issued, "
                        "signed, and shown on the institution's home page.").format(
                        institution=summary.institution_name,
                        level=titles.get(result.level, result.level))
                    st.rerun()
        else:
            st.caption(_("The team recommends not certifying: record it, or return it to "
                         "the team."))
    with middle, st.popover(_("Record: not certified")):
        with st.form("award-refuse"):
            why = st.text_area(_("Why the assessment is not certified"))
            if st.form_submit_button(_("Record: not certified")):
                if _act(refuse_certification, store, user, summary.id, summary.version, why,
                        done=_("Recorded as not certified")):
                    st.rerun()
    with right, st.popover(_("Return to the team")):
        with st.form("award-return"):
            why = st.text_area(_("What the team should look at again"))
            if st.form_submit_button(_("Return to the team")):
                if _act(return_to_team, store, user, summary.id, summary.version, why,
                        done=_("Returned to the team")):
                    st.rerun()


if __name__ == "__main__":
    run_page(render)
