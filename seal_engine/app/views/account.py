"""Your account: the time zone times are shown in, e-mail notices on or off, change your
password, sign out everywhere."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from seal_engine.app.i18n import _, fmt_datetime, ngettext, set_time_zone
from seal_engine.app.session import app_store, session_token
from seal_engine.app.ui import md, run_page, show_error, toast_saved
from seal_engine.app.words import role_name
from seal_engine.store import (
    Actor,
    StoreError,
    end_user_sessions,
    find_user,
    get_institution,
    get_notice_setting,
    get_preferences,
    set_email_notices,
    set_password,
    time_zones,
)
from seal_engine.store import set_time_zone as save_time_zone


def _time_zone(user: Actor) -> None:
    """The time zone every time is shown in, saved as it is chosen."""
    st.subheader(_("Time zone"))
    prefs = get_preferences(app_store(), user)
    zones = list(time_zones())
    current = prefs.time_zone or "UTC"
    key = f"_tz_pick:{prefs.version}"

    def _save() -> None:
        chosen = st.session_state[key]
        try:
            save_time_zone(app_store(), user, chosen, prefs.version)
        except StoreError as e:
            st.session_state["_tz_error"] = e
        else:
            set_time_zone(chosen)
            toast_saved(_("Times are now shown in {zone}").format(zone=chosen))

    st.selectbox(_("Show times in"), zones, index=zones.index(current) if current in zones
                 else 0, key=key, on_change=_save,
                 help=_("Type a city to find its zone, e.g. Panama or Vientiane."))
    error = st.session_state.pop("_tz_error", None)
    if error is not None:
        show_error(error)
    st.caption(_("Now: {when}").format(when=fmt_datetime(dt.datetime.now(dt.UTC))))


def _notices(user: Actor) -> None:
    """E-mail notices (seal notify) on or off, saved as it is switched."""
    st.subheader(_("E-mail notices"))
    setting = get_notice_setting(app_store(), user)
    key = f"_notices:{setting.version}"

    def _save() -> None:
        try:
            set_email_notices(app_store(), user, st.session_state[key], setting.version)
        except StoreError as e:
            st.session_state["_notices_error"] = e
        else:
            toast_saved(_("E-mail notices on") if st.session_state[key]
                        else _("E-mail notices off"))

    st.toggle(_("Send me e-mail notices"), value=setting.email_notices, key=key,
              on_change=_save,
              help=_("When an assessment is submitted to your team, when changes are requested "
                     "or the award is decided, before a certificate expires and when a plan "
                     "milestone is due."))
    error = st.session_state.pop("_notices_error", None)
    if error is not None:
        show_error(error)


def render(user: Actor) -> None:
    store = app_store()
    st.title(_("Your account"))
    info = find_user(store, user, user.user_id)
    st.markdown(f"**{md(info.display_name)}** · `{info.email}`")
    for g in user.grants:
        scope = g.country or ""
        if g.institution_id:
            scope = get_institution(store, user, g.institution_id).name
        st.markdown("- " + (_("{label}: {value}").format(label=md(role_name(g.role)),
                                                        value=md(scope))
                            if scope else md(role_name(g.role))))
    _time_zone(user)
    _notices(user)
    st.subheader(_("Change your password"))
    with st.form("password", clear_on_submit=True, enter_to_submit=False):
        current = st.text_input(_("Current password"), type="password",
                                autocomplete="current-password")
        new = st.text_input(_("New password (at least 10 characters)"), type="password",
                            autocomplete="new-password")
        again = st.text_input(_("New password again"), type="password",
                              autocomplete="new-password")
        if st.form_submit_button(_("Change the password"), type="primary"):
            if new != again:
                st.error(_("The two new passwords differ. Type the same one twice."))
            else:
                try:
                    set_password(store, user, user.user_id, new, current_password=current,
                                 keep_session=session_token())
                except StoreError as e:
                    show_error(e)
                else:
                    toast_saved(_("Password changed"))
                    st.success(_("Your password is changed, and your sessions in other browsers "
                                 "have ended. Use it the next time you sign in."))
    st.subheader(_("Sign out everywhere"))
    st.caption(_("Ends your sessions in every browser, this one included, for example after "
                 "using a shared computer."))
    if st.button(_("Sign out everywhere"), icon=":material/devices:"):
        ended = end_user_sessions(store, user, user.user_id)
        st.session_state.clear()
        st.success(ngettext("{n} session ended.", "{n} sessions ended.", ended).format(n=ended))
        st.rerun()


if __name__ == "__main__":
    run_page(render)
