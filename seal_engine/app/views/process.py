"""Programme steps (focal points): where the institution stands in the Seal's process, stage
by stage (commitment, baseline, the plan's approval, implementation, the application, the
award), and the step to take now, each recorded through the store's services, which check
the same rules whatever calls them."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from seal_engine.app.i18n import _, fmt_date, get_standard
from seal_engine.app.session import app_store
from seal_engine.app.ui import act_as, confirmed, empty, link, md, require_role, run_page
from seal_engine.app.words import stage_name, state_name
from seal_engine.store import (
    Actor,
    approve_action_plan,
    find_assessment,
    list_assessments,
    list_stored_standards,
    process_status,
    record_baseline,
    record_commitment,
)

_ICONS = {"done": ":material/check_circle:", "next": ":material/arrow_circle_right:",
          "later": ":material/radio_button_unchecked:", "off": ":material/remove_circle:"}


def _names(user: Actor) -> dict[str, str]:
    """Each assessment's code -> its name for a person: "Institution · period"."""
    return {a.code: f"{a.institution_name} · {a.period_label or a.period_end.year}"
            for a in list_assessments(app_store(), user)}


def _standard(status):
    """The standard whose process is read ("id vN" in the status), in the session's language
    (None when it is not stored)."""
    sid, _sep, version = (status.standard or "").rpartition(" v")
    for info in list_stored_standards(app_store()):
        if info.id == sid and str(info.version) == version:
            return get_standard(app_store(), info.id, info.version)
    return None


def _standard_title(status) -> str:
    standard = _standard(status)
    if standard is None:
        return status.standard or ""
    return f"{standard.title} · v{standard.version}"


def _facts(stage, names: dict[str, str], levels: dict[str, str]) -> str:
    """What a stage rests on, in words; ``levels``: each level's title in the session's
    language."""
    f = stage.facts
    if stage.code == "commitment" and stage.done:
        return _("The head's letter was signed on {day}; the committee's founding act is "
                 "recorded.").format(day=fmt_date(f["signed_on"]))
    if stage.code == "baseline":
        if stage.done:
            return _("{code}: {state}.").format(code=names.get(f["assessment"], f["assessment"]),
                                                state=state_name(f["state"]).lower())
        if f.get("draft"):
            return _("{code} is being answered; record it when every required question is "
                     "answered.").format(code=names.get(f["draft"], f["draft"]))
        return _("Start a self-assessment for the baseline on the Self-assessment page.")
    if stage.code == "plan_approval" and stage.done:
        who = _("the head of the institution") if f["approved_by"] == "head" else \
            _("the Gender Equality Committee")
        return _("Approved by {who} on {day}.").format(who=who, day=fmt_date(f["approved_on"]))
    if stage.code == "implementation":
        text = _("{done} of {rows} actions done.").format(done=f["done_rows"], rows=f["rows"])
        if "ready_on" in f:
            text += " " + _("The standard asks for {months} months from the plan's approval: "
                            "the application can be submitted from {day}.").format(
                months=f["months"], day=fmt_date(f["ready_on"]))
        return text
    if stage.code == "application" and f.get("assessment"):
        return _("{code}: {state}.").format(code=names.get(f["assessment"], f["assessment"]),
                                            state=state_name(f["state"]).lower())
    if stage.code == "award" and f.get("held_level"):
        until = fmt_date(f["held_until"]) if f.get("held_until") else "—"
        return _("Certificate held: {level}, valid until {day}.").format(
            level=levels.get(f["held_level"]) or f.get("held_level_title") or f["held_level"],
            day=until)
    return ""


def _commitment_form(user: Actor, institution_id: str) -> None:
    with st.form("commitment"):
        st.markdown(_("Upload the head's signed letter of commitment and the act founding the "
                      "Gender Equality Committee (PDF, Word or images)."))
        day = st.date_input(_("Day the letter was signed"), value=dt.date.today(),
                            max_value=dt.date.today(), format="DD/MM/YYYY")
        letter = st.file_uploader(_("The head's signed letter"), key="letter")
        act = st.file_uploader(_("The committee's founding act"), key="act")
        if st.form_submit_button(_("Record the commitment"), type="primary"):
            if letter is None or act is None:
                st.error(_("Both documents are needed."))
            elif act_as("focal_point", record_commitment, app_store(), user, institution_id,
                        signed_on=day, letter=(letter.name, letter.getvalue()),
                        committee=(act.name, act.getvalue()), done=_("Commitment recorded")):
                st.rerun()


def _approval_form(user: Actor, assessment_id: str) -> None:
    info = find_assessment(app_store(), user, assessment_id)
    link("plan", _("Open the action plan of {code}").format(
        code=_names(user).get(info.code, info.code)), ":material/flag:", a=info.code)
    with st.form("approval"):
        st.markdown(_("Once the head or the committee has approved the plan, record the "
                      "approval with its document. The actions then stay as approved; you "
                      "report their progress."))
        body = st.radio(_("Approved by"), ["committee", "head"], horizontal=True,
                        format_func=lambda b: _("The Gender Equality Committee")
                        if b == "committee" else _("The head of the institution"))
        day = st.date_input(_("Day of the approval"), value=dt.date.today(),
                            max_value=dt.date.today(), format="DD/MM/YYYY")
        document = st.file_uploader(_("Minutes or signed decision"), key="approval")
        if st.form_submit_button(_("Record the approval"), type="primary"):
            if document is None:
                st.error(_("The approval's document is needed."))
            elif act_as("focal_point", approve_action_plan, app_store(), user, assessment_id,
                        approved_by=body, approved_on=day,
                        document=(document.name, document.getvalue()),
                        expected_version=info.version, done=_("Approval recorded")):
                st.rerun()


def _record_baseline(user: Actor, assessment_id: str) -> None:
    info = find_assessment(app_store(), user, assessment_id)
    name = _names(user).get(info.code, info.code)
    if confirmed(f"record:{assessment_id}", _("Record {code} as the baseline").format(code=name),
                 _("Once recorded, the baseline is kept as your starting point and is not "
                   "changed. Record it now?"), _("Yes, record it"), type="primary"):
        if act_as("focal_point", record_baseline, app_store(), user, assessment_id,
                  info.version, done=_("Baseline recorded")):
            st.rerun()


def render(user: Actor) -> None:
    require_role(user, "focal_point")
    st.title(_("Programme steps"))
    st.caption(_("The Seal's process: the head and a Gender Equality Committee commit; a "
                 "baseline self-assessment; an action plan approved by the head or the "
                 "committee; its implementation; then the application, reviewed by an "
                 "assessment team, and the programme's award decision."))
    if not user.institutions:
        empty(_("Your account is not linked to an institution yet."))
        return
    institution_id = sorted(user.institutions)[0]
    status = process_status(app_store(), user, institution_id)
    if status.standard:
        st.caption(_("Steps required by {standard}.").format(
            standard=md(_standard_title(status))))
    following = status.next_stage
    names = _names(user)
    standard = _standard(status)
    levels = {lv.id: lv.title for lv in standard.levels} if standard is not None else {}
    for stage in status.stages:
        state = ("off" if not stage.required else "done" if stage.done
                 else "next" if stage is following else "later")
        with st.container(border=True):
            title = stage_name(stage.code)
            if state == "off":
                title += " · " + _("not required by this standard")
            st.markdown(f"{_ICONS[state]} **{md(title)}**")
            text = _facts(stage, names, levels)
            if text:
                st.markdown(md(text))
            if state != "next" and not (stage.code == "plan_approval" and not stage.done
                                        and "assessment_id" in stage.facts):
                continue
            if stage.code == "commitment":
                _commitment_form(user, institution_id)
            elif stage.code == "baseline" and stage.facts.get("draft_id"):
                link("assessment", _("Open the baseline"), ":material/edit_note:",
                     a=stage.facts["draft"])
                _record_baseline(user, stage.facts["draft_id"])
            elif stage.code == "baseline":
                link("assessment", _("Start the baseline"), ":material/edit_note:")
            elif stage.code == "plan_approval" and "assessment_id" in stage.facts:
                _approval_form(user, stage.facts["assessment_id"])
            elif stage.code == "implementation":
                link("plan", _("Report progress on the plan"), ":material/flag:",
                     a=status.baseline_code or "")
            elif stage.code == "application":
                link("assessment", _("Open the self-assessment"), ":material/edit_note:",
                     **({"a": stage.facts["assessment"]} if stage.facts.get("assessment")
                        else {}))


if __name__ == "__main__":
    run_page(render)
