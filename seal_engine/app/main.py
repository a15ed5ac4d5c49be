"""The script Streamlit runs for every page: page settings, who is signed in, and the
navigation built from their roles.  A page not in a user's navigation does not exist for their
session (typing its address gives the home page); pages that write check the role again."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from seal_engine.app import session
from seal_engine.app.i18n import (
    _,
    kept_language,
    language,
    language_label,
    languages,
    set_language,
)
from seal_engine.app.ui import ACTOR_KEY, SIDEBAR_KEY, md, show_error
from seal_engine.app.words import role_name
from seal_engine.store import StoreError, end_session, get_preferences
from seal_engine.store import set_language as save_language

VIEWS = Path(__file__).resolve().parent / "views"
ICON = Path(__file__).resolve().parent / "seal-icon.png"
# Layout for a 1366 x 768 laptop screen: less empty space above the title and in the sidebar's
# header, smaller titles (a card's h4 below the section's h3, as on the home pages).  No
# user text ever goes into this.
_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.25rem; padding-bottom: 4rem; }
[data-testid="stSidebarHeader"] { height: 1.25rem; padding: 0.5rem 1rem 0; }
[data-testid="stSidebarUserContent"] { padding-top: 0.5rem; }
h1 { font-size: 2rem !important; padding-bottom: 0.25rem !important; }
h2 { font-size: 1.5rem !important; }
h3 { font-size: 1.25rem !important; }
h4 { font-size: 1.1rem !important; padding-top: 0.5rem !important; }
.st-key-seal_preload { display: none; }
</style>"""


_ADDRESSES = ("home", "assessment", "results", "plan", "review", "portfolio", "standards",
              "account", "admin")


def _page(name: str, title: str, icon: str, url: str, *, default: bool = False) -> st.Page:
    return st.Page(VIEWS / f"{name}.py", title=title, icon=icon, url_path=url, default=default)


def _pages(user) -> dict[str, list[st.Page]]:
    roles = user.roles
    work: list[st.Page] = [_page("home", _("Home"), ":material/home:", "home", default=True)]
    if "focal_point" in roles:
        work += [
            _page("process", _("Programme steps"), ":material/route:", "process"),
            _page("assessment", _("Self-assessment"), ":material/edit_note:", "assessment"),
            _page("results", _("Results"), ":material/insights:", "results"),
            _page("plan", _("Gaps and action plan"), ":material/flag:", "plan"),
        ]
    if "assessor" in roles:
        work.append(_page("review", _("Review"), ":material/fact_check:", "review"))
        if "focal_point" not in roles:
            work.append(_page("results", _("Results"), ":material/insights:", "results"))
    if "programme_officer" in roles:
        work.append(_page("awards", _("Awards"), ":material/workspace_premium:", "awards"))
    if roles & {"analyst", "admin", "programme_officer"}:
        work.append(_page("portfolio", _("Portfolio"), ":material/leaderboard:", "portfolio"))
        if not roles & {"focal_point", "assessor"}:
            work.append(_page("results", _("Results"), ":material/insights:", "results"))
    pages = {_("Your work"): work,
             _("Reference"): [_page("standards", _("Standards"), ":material/menu_book:",
                                    "standards")]}
    account = [_page("account", _("Your account"), ":material/person:", "account")]
    if "admin" in roles:
        account.insert(0, _page("admin", _("Administration"), ":material/admin_panel_settings:",
                                "admin"))
    pages[_("Account")] = account
    return pages


def _sign_out() -> None:
    end_session(session.app_store(), session.session_token())
    for key in list(st.session_state.keys()):
        del st.session_state[key]


def _keep_language(user, lang: str) -> None:
    """Show the session in ``lang`` and keep it as the user's language (read back at their
    next sign-in, in any browser)."""
    set_language(lang)
    store = session.app_store()
    try:
        prefs = get_preferences(store, user)
        if prefs.language != lang:
            save_language(store, user, lang, prefs.language_version)
    except StoreError as e:
        show_error(e, prefix=_("The language is used in this browser, but could not be kept "
                               "for your next sign-in."))


def _language_from_sign_in(user) -> None:
    """The language picked on the sign-in page (carried in the address), kept as the user's."""
    asked = st.query_params.get("lang")
    if asked is None:
        return
    del st.query_params["lang"]
    if asked in languages():
        _keep_language(user, asked)


def _sidebar(user) -> None:
    with st.sidebar:
        st.caption(_("Signed in as"))
        st.markdown(f"**{md(user.display_name)}**")
        roles = sorted({role_name(g.role) for g in user.grants})
        st.caption(md(", ".join(roles)) if roles else _("No role yet: ask your administrator."))
        available = languages()
        if len(available) > 1:
            if st.session_state.get("_lang_picker") != language():
                st.session_state["_lang_picker"] = language()
            st.selectbox(language_label(), list(available),
                         format_func=available.get, key="_lang_picker",
                         on_change=lambda: _keep_language(user, st.session_state["_lang_picker"]))
        st.button(_("Sign out"), icon=":material/logout:", on_click=_sign_out,
                  key="_sign_out")


def _preload() -> None:
    """The script loading Streamlit's chart, grid and table code while the browser is idle
    (``server.PRELOAD_JS``), so that the first page of a tab showing them does not wait for
    it; in a container the page's CSS hides (it draws nothing)."""
    from seal_engine.app.server import PRELOAD_JS

    with st.sidebar.container(key="seal_preload"):
        st.html(f'<script src="{PRELOAD_JS}"></script>', unsafe_allow_javascript=True)


def main() -> None:
    # The tab's icon is a file of the package: a ":material/…:" icon would be fetched by the
    # browser from fonts.gstatic.com (no outside request, and the CSP allows none).
    st.set_page_config(page_title=_("Gender Equality Seal"), page_icon=str(ICON),
                       layout="wide", initial_sidebar_state="expanded")
    st.set_option("client.showErrorDetails", "none")
    st.set_option("client.toolbarMode", "minimal")
    try:
        if not session.store_ready():
            with st.spinner(_("Opening the database…")):
                session.app_store()
        user = session.current_user()
    except Exception as e:  # noqa: BLE001 - the database cannot be reached: say what to do
        st.title(_("Gender Equality Seal"))
        show_error(e, prefix=_("The app cannot open its database."))
        st.info(_("Check SEAL_DATABASE_URL (or SEAL_DATA_DIR) and that the database is running, "
                  "then reload this page. The command seal db status says what is wrong."))
        return
    st.html(_CSS)
    if user is None:
        st.session_state.pop(ACTOR_KEY, None)
        # Every address of the app leads a visitor who is not signed in to the sign-in page
        # (which sends them on to that address once signed in), instead of "page not found".
        signin = [_page("signin", _("Sign in"), ":material/login:", "signin", default=True)]
        signin += [st.Page(VIEWS / "signin.py", title=_("Sign in"), url_path=url,
                           visibility="hidden") for url in _ADDRESSES]
        page = st.navigation(signin, position="hidden")
    else:
        st.session_state[ACTOR_KEY] = user
        _language_from_sign_in(user)
        pages = _pages(user)
        mine = {p.url_path for section in pages.values() for p in section} | {"home"}
        pages[_("Account")] += [  # another role's address says so, instead of "not found"
            st.Page(VIEWS / "elsewhere.py", title=_("Not part of your role"), url_path=url,
                    visibility="hidden") for url in _ADDRESSES if url not in mine]
        page = st.navigation(pages)
        st.session_state[SIDEBAR_KEY] = st.sidebar.container()  # the page's own controls
        _sidebar(user)
        _preload()
    with kept_language():  # every message of the page asks for it
        page.run()


if __name__ == "__main__":
    from seal_engine.store import remembered

    with remembered():  # the user's roles and the standards read once in this run
        main()
