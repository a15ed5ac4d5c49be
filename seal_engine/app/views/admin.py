"""Administration: users and their roles, institutions, assessor assignments, and the audit
trail with its verification."""

from __future__ import annotations

import json
from functools import cached_property

import pandas as pd
import streamlit as st

from seal_engine import SealError
from seal_engine.app.audit_words import AuditWords
from seal_engine.app.countries import country_label, country_options
from seal_engine.app.i18n import _, fmt_datetime, fmt_number, ngettext
from seal_engine.app.session import app_store, session_token
from seal_engine.app.ui import act_as, md, require_role, run_page, show_error, toast_saved
from seal_engine.app.words import ROLE_NAMES, role_name, scope_name, state_name
from seal_engine.store import (
    SYSTEM,
    Actor,
    assign_assessor,
    audit_checkpoint,
    create_institution,
    create_user,
    delete_report_template,
    find_user,
    grant_role,
    list_assessments,
    list_assignments,
    list_audit,
    list_institutions,
    list_report_templates,
    list_users,
    report_template_content,
    revoke_role,
    set_password,
    set_user_active,
    store_overview,
    unassign_assessor,
    update_institution,
    upload_report_template,
    verify_audit,
)


def _who(entry) -> str:
    """Who wrote an audit entry: a user's name, or the command line (in the reader's words)."""
    return _("the command line") if entry.actor_id == SYSTEM.user_id else entry.actor


def _do(fn, *args, done: str, **kwargs) -> bool:
    """Run an admin action, re-checking the role; say it was done, or why not."""
    return act_as("admin", fn, *args, done=done, **kwargs)


def _role_text(role: str, institutions: dict[str, str]) -> str:
    name, _sep, scope = role.partition(":")
    if name == "focal_point" and scope:
        return f"{role_name(name)} ({institutions.get(scope, scope)})"
    return f"{role_name(name)} ({scope})" if scope else role_name(name)


class _Lists:
    """What several tabs list, read once per run of the page."""

    def __init__(self, user: Actor):
        self.user = user

    @cached_property
    def users(self):
        return list_users(app_store(), self.user)

    @cached_property
    def institutions(self):
        return list_institutions(app_store(), self.user)

    @cached_property
    def overview(self):
        return store_overview(app_store(), self.user)


def _users(user: Actor, lists: _Lists) -> None:
    store = app_store()
    users = lists.users
    institutions = lists.institutions
    names = {i.code: i.name for i in institutions}
    st.dataframe(pd.DataFrame([{
        _("E-mail"): u.email, _("Name"): u.display_name,
        _("Active"): u.active,
        _("Roles"): "; ".join(_role_text(r, names) for r in u.roles) or _("none"),
    } for u in users]), hide_index=True, width="stretch")
    added = st.session_state.pop("_admin_added", None)
    if added:
        st.success(_("{email} is added, with no role yet: give them one on the right.").format(
            email=md(added)), icon=":material/person_add:")
    left, right = st.columns(2, gap="large")
    # the forms keep what was typed until it is saved: a refusal (an address in use, a
    # password too short) says why and leaves every field as it was, to correct
    with left, st.form("add_user", clear_on_submit=False):
        st.markdown(f"**{_('Add a user')}**")
        email = st.text_input(_("E-mail address"), key=ADD_USER[0])
        name = st.text_input(_("Name"), key=ADD_USER[1])
        password = st.text_input(_("First password (at least 10 characters)"),
                                 type="password", autocomplete="new-password", key=ADD_USER[2])
        st.caption(_("Give it to them in person or by phone; they change it under Your "
                     "account."))
        if st.form_submit_button(_("Add the user"), type="primary"):
            missing = [label for label, value in ((_("the e-mail address"), email),
                                                  (_("the name"), name),
                                                  (_("the first password"), password))
                       if not value.strip()]
            if missing:
                st.error(_("Give {fields}.").format(fields=", ".join(missing)))
            elif _do(create_user, store, user, email=email, display_name=name,
                     password=password, done=_("User added")):
                added = find_user(store, user, email.strip().lower())
                st.session_state["admin_user"] = added.id
                st.session_state["_admin_added"] = added.email
                _forget(ADD_USER)
                st.rerun()
    with right:
        by_id = {u.id: u for u in users}
        chosen = st.selectbox(_("User"), list(by_id), key="admin_user",
                              format_func=lambda i: f"{by_id[i].display_name} · "
                                                    f"{by_id[i].email}")
        u = by_id[chosen]
        inst_names = {i.id: i.name for i in institutions}
        with st.form("grant", clear_on_submit=False):
            st.markdown(f"**{_('Give a role')}**")
            role = st.selectbox(_("Role"), ROLE_NAMES, format_func=role_name, key=GRANT[0])
            inst = st.selectbox(_("Institution (for a focal point)"),
                                [None] + [i.id for i in institutions],
                                format_func=lambda i: "—" if i is None else inst_names[i],
                                key=GRANT[1])
            country = st.selectbox(_("Country (for an analyst)"),
                                   country_options(i.country for i in institutions),
                                   index=None, format_func=country_label, key=GRANT[2],
                                   placeholder=_("Choose or type a country"))
            if st.form_submit_button(_("Give the role")):
                if role == "analyst" and not country:
                    st.error(_("Choose the country the analyst works on."))
                elif _do(grant_role, store, user, u.id, role,
                         institution_id=inst if role == "focal_point" else None,
                         country=country if role == "analyst" else None,
                         done=_("Role given")):
                    _forget(GRANT)
                    st.rerun()
        if u.roles:
            revoke = st.selectbox(_("Role to take away"), u.roles,
                                  format_func=lambda r: _role_text(r, names), key="revoke")
            pending = st.session_state.get(CONFIRM_KEY)
            if pending == (u.id, revoke):
                _confirm_own_revoke(user, u, revoke, institutions, names)
            elif st.button(_("Take the role away"), icon=":material/remove_circle:"):
                if u.id == user.user_id:  # one's own role: ask once more
                    st.session_state[CONFIRM_KEY] = (u.id, revoke)
                    st.rerun()
                elif _revoke(user, u, revoke, institutions):
                    st.rerun()
        # the user's buttons side by side from the left (two columns left "Set a new
        # password" alone at the right when the first one was empty: one's own line)
        row = st.container(horizontal=True)
        if u.active and u.id != user.user_id:
            if row.button(_("Deactivate"), icon=":material/person_off:",
                          help=_("They can no longer sign in, and every session of theirs "
                                 "ends now.")):
                if _do(set_user_active, store, user, u.id, False, done=_("Deactivated")):
                    st.rerun()
        elif not u.active and row.button(_("Reactivate"), icon=":material/person:"):
            if _do(set_user_active, store, user, u.id, True, done=_("Reactivated")):
                st.rerun()
        with row.popover(_("Set a new password"), icon=":material/key:"):
            if u.id == user.user_id:
                st.caption(_("Your other sessions end; this one stays open."))
            else:
                st.caption(_("Every session of theirs ends: they sign in with the new one."))
            with st.form("set_password", clear_on_submit=True):
                new = st.text_input(_("New password"), type="password",
                                    autocomplete="new-password")
                if st.form_submit_button(_("Set it")):
                    _do(set_password, store, user, u.id, new, done=_("Password set"),
                        keep_session=session_token() if u.id == user.user_id else None)


#: The own role an admin asked to take away, waiting for their confirmation.
CONFIRM_KEY = "_admin_confirm_revoke"
#: The fields of the forms that keep what was typed until it is saved.
ADD_USER = ("add_user:email", "add_user:name", "add_user:password")
GRANT = ("grant:role", "grant:institution", "grant:country")
ADD_INSTITUTION = ("add_inst:code", "add_inst:name", "add_inst:country", "add_inst:scope",
                   "add_inst:sector", "add_inst:region")


def _forget(keys: tuple[str, ...]) -> None:
    """Empty a form's fields once what they held is saved."""
    for key in keys:
        st.session_state.pop(key, None)


def _revoke(user: Actor, u, role: str, institutions) -> bool:
    name, _sep, scope = role.partition(":")
    inst_id = next((i.id for i in institutions if i.code == scope), None)
    return _do(revoke_role, app_store(), user, u.id, name,
               institution_id=inst_id if name == "focal_point" else None,
               country=scope if name == "analyst" else None, done=_("Role taken away"))


def _confirm_own_revoke(user: Actor, u, role: str, institutions, names) -> None:
    """Taking a role from oneself: said plainly, and done only on a second click."""
    shown = _role_text(role, names)
    if role == "admin":
        st.warning(_("You are about to take the role {role} away from yourself: you lose "
                     "this Administration page at once, and only another administrator can "
                     "give it back.").format(role=md(shown)), icon=":material/warning:")
    else:
        st.warning(_("You are about to take the role {role} away from yourself.").format(
            role=md(shown)), icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button(_("Yes, take it away from me"), type="primary", key="confirm_revoke"):
        st.session_state.pop(CONFIRM_KEY, None)
        if _revoke(user, u, role, institutions):
            st.rerun()
    if no.button(_("Keep the role"), key="cancel_revoke"):
        st.session_state.pop(CONFIRM_KEY, None)
        st.rerun()


def _institutions(user: Actor, lists: _Lists) -> None:
    store = app_store()
    institutions = lists.institutions
    st.dataframe(pd.DataFrame([{
        _("Code"): i.code, _("Name"): i.name, _("Country"): i.country,
        _("Scope"): scope_name(i.scope), _("Sector"): i.sector or "",
        _("Region"): i.region or "",
    } for i in institutions]), hide_index=True, width="stretch")
    countries = country_options(i.country for i in institutions)
    left, right = st.columns(2, gap="large")
    with left, st.form("add_institution", clear_on_submit=False):
        st.markdown(f"**{_('Add an institution')}**")
        code = st.text_input(_("Code (its id in assessment files, e.g. VAL-MOH)"),
                             key=ADD_INSTITUTION[0])
        name = st.text_input(_("Name"), key=ADD_INSTITUTION[1])
        country = st.selectbox(_("Country"), countries, index=None, format_func=country_label,
                               placeholder=_("Choose or type a country"),
                               key=ADD_INSTITUTION[2])
        scope = st.radio(_("Scope"), ["national", "subnational"], format_func=scope_name,
                         horizontal=True, key=ADD_INSTITUTION[3])
        sector = st.text_input(_("Sector"), key=ADD_INSTITUTION[4])
        region = st.text_input(_("Region (if subnational)"), key=ADD_INSTITUTION[5])
        if st.form_submit_button(_("Add the institution"), type="primary"):
            if not country:
                st.error(_("Choose the institution's country."))
            elif _do(create_institution, store, user, code=code.strip(), name=name,
                     country=country, scope=scope, sector=sector.strip() or None,
                     region=region.strip() or None, done=_("Institution added")):
                _forget(ADD_INSTITUTION)
                st.rerun()
    with right:
        if not institutions:
            return
        by_id = {i.id: i for i in institutions}
        chosen = st.selectbox(_("Institution to change"), list(by_id),
                              format_func=lambda i: by_id[i].name, key="admin_inst")
        i = by_id[chosen]
        with st.form(f"edit_institution:{i.id}:{i.version}"):
            name = st.text_input(_("Name"), value=i.name)
            country = st.selectbox(_("Country"), countries, format_func=country_label,
                                   index=countries.index(i.country)
                                   if i.country in countries else None)
            scope = st.radio(_("Scope"), ["national", "subnational"], format_func=scope_name,
                             index=0 if i.scope == "national" else 1, horizontal=True)
            sector = st.text_input(_("Sector"), value=i.sector or "")
            region = st.text_input(_("Region"), value=i.region or "")
            if st.form_submit_button(_("Save the changes")):
                if country and _do(update_institution, store, user, i.id, i.version, name=name,
                       country=country, scope=scope, sector=sector.strip() or None,
                       region=region.strip() or None, done=_("Institution saved")):
                    st.rerun()


#: How many assessments the assessor choice offers at once (the store is searched for more).
CHOICES = 50


def _assignments(user: Actor, lists: _Lists) -> None:
    store = app_store()
    assignments = list_assignments(store, user)
    assessors = [u for u in lists.users
                 if u.active and any(r == "assessor" for r in u.roles)]
    assigned = {a.id: a for a in list_assessments(
        store, user, ids={x.assessment_id for x in assignments})}
    states: dict[str, str] = {}  # each state in words once, not once per assessment

    def state(code: str) -> str:
        if code not in states:
            states[code] = state_name(code)
        return states[code]

    waiting = lists.overview.assessments.get("submitted", 0) - sum(
        1 for a in assigned.values() if a.state == "submitted")
    if waiting:
        st.warning(ngettext("{n} submitted assessment has no assessor yet.",
                            "{n} submitted assessments have no assessor yet.",
                            waiting).format(n=fmt_number(waiting)))
    st.table(pd.DataFrame([{
        _("Assessment"): x.assessment_code,
        _("Institution"): assigned[x.assessment_id].institution_name
        if x.assessment_id in assigned else "",
        _("State"): state(assigned[x.assessment_id].state) if x.assessment_id in assigned
        else "",
        _("Assessor"): x.assessor, _("Since"): fmt_datetime(x.assigned_at),
    } for x in assignments]), hide_index=True)
    if not assessors:
        st.info(_("No user has the assessor role yet: give one the role under Users."))
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**{_('Assign an assessor')}**")
        # the store searched for the few shown, the submitted ones without an assessor first,
        # instead of every assessment held in the choice (thousands in a country's programme)
        search = st.text_input(_("Find an assessment"), key="assign:search",
                               placeholder=_("Part of the institution's name or code"))
        first = list_assessments(store, user, state="submitted", unassigned=True,
                                 search=search, limit=CHOICES)
        shown = {a.id: a for a in first}
        for a in list_assessments(store, user, search=search, limit=CHOICES):
            if len(shown) >= CHOICES:
                break
            shown.setdefault(a.id, a)
        if len(shown) >= CHOICES:
            st.caption(_("The first {n} are offered: type part of a name to find another.")
                       .format(n=CHOICES))
        elif not shown:
            st.caption(_("No assessment matches: type part of the institution's name or "
                         "code."))
        with st.form("assign", clear_on_submit=True):
            chosen = st.selectbox(_("Assessment"), list(shown), format_func=lambda i: (
                f"{shown[i].institution_name} · {shown[i].period_label or shown[i].period_end.year}"
                f" · {state(shown[i].state)}"))
            who = st.selectbox(_("Assessor"), [u.id for u in assessors],
                               format_func=lambda i: next(u.display_name for u in assessors
                                                          if u.id == i))
            if st.form_submit_button(_("Assign"), type="primary") and chosen is not None:
                if _do(assign_assessor, store, user, chosen, who,
                       done=_("Assessor assigned")):
                    st.rerun()
    with right:
        if assignments:
            labels = {i: f"{x.assessment_code} · {x.assessor}"
                      for i, x in enumerate(assignments)}
            i = st.selectbox(_("Assignment to end"), list(labels), format_func=labels.get)
            if st.button(_("Take the assessor off"), icon=":material/person_remove:"):
                x = assignments[i]
                if _do(unassign_assessor, store, user, x.assessment_id, x.assessor_id,
                       done=_("Assessor taken off")):
                    st.rerun()


def _audit(user: Actor, lists: _Lists) -> None:
    store = app_store()
    cols = st.columns([2, 2, 3])
    if cols[0].button(_("Verify the audit trail"), type="primary", icon=":material/verified:"):
        report = verify_audit(store)
        if report.ok:
            st.success(_("The audit trail is intact: {n} entries, head {seq} · {hash}, "
                         "{a} certificates checked against it.").format(
                n=fmt_number(report.entries), seq=report.head_seq, hash=report.head_hash[:16],
                a=report.anchors_checked))
        else:
            st.error(_("The audit trail was tampered with:") + "\n\n" +
                     "\n".join(f"- {md(str(f))}" for f in report.findings))
    checkpoint = json.dumps(audit_checkpoint(store), indent=2)
    cols[1].download_button(_("Download a checkpoint"), checkpoint, file_name="audit-head.json",
                            mime="application/json", icon=":material/download:",
                            on_click="ignore",
                            help=_("Keep it outside the server: verifying against it later "
                                   "shows whether the trail was rewritten."))
    actions = {"": _("Every action"), "assessment.": _("Lifecycle"), "answer.": _("Answers"),
               "evidence.": _("Evidence"), "review.": _("Review"), "session.": _("Sign-ins"),
               "user.": _("Users"), "role.": _("Roles"), "assignment.": _("Assignments"),
               "institution.": _("Institutions"), "standard.": _("Standards")}
    action = cols[2].selectbox(_("Show"), list(actions), format_func=actions.get,
                               key="audit_action")
    before = st.session_state.get("audit_before")
    entries = list_audit(store, user, limit=50, before=before, action=action or None)
    if not entries:
        st.info(_("No entry of that kind."))
        return
    named = {e.entity.split(":", 1)[1] for e in entries if e.entity.startswith("assessment:")}
    named |= {v for e in entries for k, v in e.payload.items()
              if k == "assessment" and isinstance(v, str)}
    words = AuditWords(list_assessments(store, user, ids=named), lists.users,
                       lists.institutions)
    st.dataframe(pd.DataFrame([{
        _("No."): e.seq, _("When"): _when(e.at), _("Who"): _who(e),
        _("Action"): words.action(e.action), _("Record"): words.record(e.entity),
        _("Details"): words.details(e.payload),
    } for e in entries]), hide_index=True, width="stretch", height=420)
    nav = st.columns(3)
    if before is not None and nav[0].button(_("Newest entries"), icon=":material/first_page:"):
        st.session_state.pop("audit_before", None)
        st.rerun()
    if len(entries) == 50 and nav[1].button(_("Older entries"),
                                            icon=":material/chevron_right:"):
        st.session_state["audit_before"] = entries[-1].seq
        st.rerun()


def _when(at: str) -> str:
    """An audit entry's time (ISO 8601, UTC) in the user's time zone, with the zone."""
    import datetime as dt

    try:
        return fmt_datetime(dt.datetime.fromisoformat(at))
    except ValueError:
        return at


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _kind_name(kind: str) -> str:
    return {"results": _("Results report"), "review": _("Assessment team's report"),
            "pay": _("Pay transparency report"), "portfolio": _("Portfolio report")}[kind]


def _report_templates(user: Actor, _lists: _Lists) -> None:
    """The Word templates reports are written with: the uploaded ones listed, the one in
    effect (or the shipped one) to download, a new one checked and kept, one deleted."""
    store = app_store()
    kinds = ["results", "review", "pay", "portfolio"]
    st.caption(_("Reports downloaded as Word documents are written with these templates: the "
                 "one uploaded for the report's language, else the English one, else the "
                 "template shipped with seal-engine. Start from the shipped one; see "
                 "docs/reports.md for what a template may use."))
    uploaded = list_report_templates(store, user)
    if uploaded:
        st.dataframe(pd.DataFrame([{
            _("Report"): _kind_name(t.kind), _("Language"): t.lang, _("File"): t.filename,
            _("Size"): fmt_number(t.size), _("Uploaded"): fmt_datetime(t.uploaded_at),
            _("By"): t.uploaded_by,
        } for t in uploaded]), hide_index=True, width="stretch")
    else:
        st.info(_("No template uploaded: every report uses the shipped template of its kind."))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{_('Upload a template')}**")
        kind = st.selectbox(_("Report"), kinds, format_func=_kind_name, key="tpl_kind")
        lang = st.text_input(_("Language of the reports it writes"), value="en", key="tpl_lang",
                             help=_("A language tag: en, fr, es, pt..."))
        upload = st.file_uploader(_("Word template (.docx)"), type=["docx"], key="tpl_upload")
        if st.button(_("Check and keep the template"), type="primary", disabled=upload is None,
                     icon=":material/upload_file:"):
            require_role(user, "admin")
            try:
                with st.spinner(_("Filling in the sample reports with the template…")):
                    upload_report_template(store, user, kind, lang.strip(), upload.getvalue(),
                                           upload.name)
            except SealError as e:
                show_error(e, prefix=_("{file} was not kept:").format(file=upload.name))
            else:
                toast_saved(_("Template kept"))
                st.rerun()
    with right:
        st.markdown(f"**{_('Download a template')}**")
        shown = st.selectbox(_("Report"), kinds, format_func=_kind_name, key="tpl_get_kind")
        shipped = st.toggle(_("The shipped template, whatever is uploaded"), key="tpl_shipped")
        try:  # the one in effect for the language typed on the left
            name, data, origin = report_template_content(store, user, shown,
                                                         lang.strip() or "en", shipped=shipped)
        except SealError as e:
            show_error(e)
            return
        st.download_button(
            _("Download {file} ({origin})").format(
                file=name, origin=_("uploaded") if origin == "uploaded" else _("shipped")),
            data, file_name=name, mime=_DOCX, icon=":material/download:", on_click="ignore",
            key="tpl_download")
        if uploaded:
            labels = {f"{t.kind}:{t.lang}": f"{_kind_name(t.kind)} · {t.lang} · {t.filename}"
                      for t in uploaded}
            chosen = st.selectbox(_("Template to delete"), list(labels), format_func=labels.get,
                                  key="tpl_delete_choice")
            if st.button(_("Delete the template"), icon=":material/delete:", key="tpl_delete"):
                k, _sep, lg = chosen.partition(":")
                if _do(delete_report_template, store, user, k, lg, done=_("Template deleted")):
                    st.rerun()


def render(user: Actor) -> None:
    require_role(user, "admin")
    st.title(_("Administration"))
    lists = _Lists(user)
    o = lists.overview
    cols = st.columns(5)
    cols[0].metric(_("Institutions"), fmt_number(o.institutions))
    cols[1].metric(_("Users"), fmt_number(o.users))
    cols[2].metric(_("Assessments"), fmt_number(sum(o.assessments.values())))
    cols[3].metric(_("Certificates"), fmt_number(o.certificates))
    cols[4].metric(_("Audit entries"), fmt_number(o.audit_seq))
    # only the open tab is made (choosing another reruns the page): the browser lays out
    # every tab's lists and forms, hidden or not, before the page is drawn
    tabs = st.tabs([_("Users"), _("Institutions"), _("Assessor assignments"),
                    _("Audit trail"), _("Report templates")], key="admin_tabs",
                   on_change="rerun")
    for tab, show in zip(tabs, (_users, _institutions, _assignments, _audit,
                                _report_templates), strict=True):
        if tab.open:
            with tab:
                show(user, lists)


if __name__ == "__main__":
    run_page(render, roles=("admin",))
