"""Sign in: an HTML form posting to the sign-in route, which sets the HttpOnly session cookie
(a Streamlit widget cannot), and the demo accounts with their public passwords only in demo
mode (``seal app --demo``) on a demo database."""

from __future__ import annotations

import html

import streamlit as st

from seal_engine.app import session
from seal_engine.app.i18n import (
    _,
    language,
    language_label,
    languages,
    ngettext,
    set_language,
)
from seal_engine.app.server import SIGNIN_PATH, TYPED_COOKIE, safe_next
from seal_engine.app.ui import md
from seal_engine.app.verify import VERIFY_PATH
from seal_engine.app.words import role_name
from seal_engine.store import DEMO_USERS

_FORM = """
<style>
.seal-signin {{ max-width: 26rem; }}
.seal-signin label {{ display:block; font-size:0.875rem; margin:0.75rem 0 0.25rem; }}
.seal-signin input {{ width:100%; box-sizing:border-box; padding:0.5rem 0.75rem;
  font-size:1rem; border:1px solid #b8bcc8; border-radius:0.5rem; background:#f8f9fb; }}
.seal-signin input:focus {{ outline:2px solid #006eb5; border-color:#006eb5; }}
.seal-signin button {{ margin-top:1rem; padding:0.5rem 1.25rem; font-size:1rem; color:#fff;
  background:#006eb5; border:none; border-radius:0.5rem; cursor:pointer; }}
.seal-signin button:hover {{ background:#00558c; }}
</style>
<form class="seal-signin" method="post" action="{action}" novalidate>
  <label for="seal-email">{email}</label>
  <input id="seal-email" name="email" type="email" autocomplete="username"
         value="{email_value}"{email_focus}>
  <label for="seal-password">{password}</label>
  <input id="seal-password" name="password" type="password" autocomplete="current-password"
        {password_focus}>
  <input type="hidden" name="next" value="{next}">
  <button type="submit">{submit}</button>
</form>
"""


def _next_path() -> str:
    asked = st.query_params.get("next")
    if asked:
        return safe_next(asked)
    try:
        url = st.context.url or ""
    except Exception:
        return "/"
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path or "/"
    if path.rstrip("/").endswith("signin"):
        return "/"
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("lang="))
    return path + (f"?{query}" if query else "")


def _with_language(path: str) -> str:
    """``path`` carrying the language picked on this page, so that it is the signed-in
    session's too (and kept as the user's)."""
    picked = st.session_state.get("_lang")
    if picked not in languages():
        return path
    return path + ("&" if "?" in path else "?") + f"lang={picked}"


def _language_picker() -> None:
    """The language of the page, before signing in: the browser's until one is picked."""
    available = languages()
    if len(available) < 2:
        return
    if "_lang" not in st.session_state:  # carried through a refused sign-in
        from urllib.parse import parse_qs, urlsplit

        nxt = parse_qs(urlsplit(st.query_params.get("next") or "").query).get("lang", [None])
        carried = st.query_params.get("lang") or nxt[0]
        if carried in available:
            set_language(carried)
    if st.session_state.get("_lang_signin") != language():
        st.session_state["_lang_signin"] = language()
    st.selectbox(language_label(), list(available),
                 format_func=available.get, key="_lang_signin", width=220,
                 on_change=lambda: set_language(st.session_state["_lang_signin"]))


def _typed() -> str:
    """The address typed before a refused sign-in: from the short-lived HttpOnly cookie the
    sign-in route set (never from the page's address)."""
    try:
        return (st.context.cookies.get(TYPED_COOKIE) or "")[:320]
    except Exception:  # no request (AppTest)
        return ""


def _minutes(value: str | None) -> int:
    """The minutes to wait the sign-in route said, within reason."""
    try:
        return min(max(int(value or ""), 1), 60)
    except ValueError:
        return 15


def render() -> None:
    _language_picker()
    st.title(_("Gender Equality Seal"))
    st.caption(_("Self-assessment and certification for public institutions"))
    reason = st.query_params.get("signin")
    if reason == "failed":
        st.error(_("Wrong e-mail address or password. Check both and try again."))
    elif reason == "throttled":
        wait = _minutes(st.query_params.get("wait"))
        st.error(ngettext("Too many sign-in attempts. Wait {n} minute, then try again, or ask "
                          "your administrator to set a new password.",
                          "Too many sign-in attempts. Wait {n} minutes, then try again, or ask "
                          "your administrator to set a new password.", wait).format(n=wait))
    elif reason == "missing":
        st.warning({"email": _("Give your e-mail address."),
                    "password": _("Give your password.")}.get(
            st.query_params.get("missing"), _("Give your e-mail address and your password.")),
            icon=":material/warning:")
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(_("Sign in"))
        typed = _typed() if reason else ""
        st.html(_FORM.format(action=html.escape(SIGNIN_PATH),
                             email=html.escape(_("E-mail address")),
                             email_value=html.escape(typed),
                             email_focus="" if typed else " autofocus",
                             password_focus=" autofocus" if typed else "",
                             password=html.escape(_("Password")),
                             next=html.escape(_with_language(_next_path())),
                             submit=html.escape(_("Sign in"))))
        st.caption(_("Forgot your password? Your administrator can set a new one."))
        st.markdown(_("Is a certificate genuine? [Verify a certificate]({url}): no sign-in "
                      "needed.").format(url=VERIFY_PATH))
    with right:
        if session.demo_enabled():
            st.subheader(_("Demo accounts"))
            st.caption(_("This database holds fictional institutions only. Sign in as one of "
                         "these to try each role:"))
            for user in DEMO_USERS:
                st.markdown(f"**{md(role_name(user.role))}**  \n`{user.email}` · "
                            f"`{user.password}`")


if __name__ == "__main__":
    render()
