"""Pieces every page uses: the signed-in user, role checks, errors shown as what to do, empty
states, escaped text and the assessment a page is about."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable

import streamlit as st

from seal_engine import SealError, render_message
from seal_engine.store import Actor, AssessmentSummary, NotFoundError, PermissionDeniedError

from .i18n import _, language

__all__ = ["ACTOR_KEY", "SIDEBAR_KEY", "actor", "chosen_assessment", "empty", "link", "md",
           "require_role", "rerun", "run_page", "show_error", "sidebar", "toast_saved"]

ACTOR_KEY = "_actor"
SIDEBAR_KEY = "_sidebar"
_LOG = logging.getLogger("seal_engine.app")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def md(text: object) -> str:
    """``text`` safe inside Streamlit Markdown: every Markdown character escaped, so a name,
    an answer or a file name is shown as written and never becomes a link, markup or an
    icon."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def actor() -> Actor:
    """The user signed in for this run (set by ``main.py`` before the page runs)."""
    found = st.session_state.get(ACTOR_KEY)
    if found is None:  # a page script run on its own
        st.error(_("You are not signed in. Reload the page and sign in."))
        st.stop()
    return found


def sidebar():
    """Where a page puts its own controls in the sidebar: above the signed-in user's box."""
    return st.session_state.get(SIDEBAR_KEY) or st.sidebar


def require_role(user: Actor, *roles: str) -> None:
    """Stop the page unless ``user`` holds one of ``roles`` (the navigation already hides it;
    this is checked again in every page that writes)."""
    if not (user.roles & set(roles)):
        st.error(_("This page is not part of your role. Choose a page in the menu on the left."))
        st.stop()


def show_error(error: BaseException, prefix: str | None = None) -> None:
    """An error as the user reads it: what failed and what to do; never a traceback."""
    if isinstance(error, SealError):
        lines = [render_message(p.text, lang=language()) for p in error.problems] or [
            str(error)]
        if isinstance(error, NotFoundError):
            lines = [_("This is not there, or not yours to see. Choose another one in the "
                       "menu.")]
        elif isinstance(error, PermissionDeniedError):
            lines = [_("Your role does not allow this."), *lines]
        text = "\n".join(f"- {md(line)}" for line in lines[:12])
        if len(lines) > 12:
            text += "\n- " + md(_("… and {n} more").format(n=len(lines) - 12))
        st.error(((md(prefix) + "\n\n") if prefix else "") + text)
        return
    _LOG.error("unexpected error in a page", exc_info=error)
    st.error(_("Something went wrong. Nothing was changed by the step that failed. Reload the "
               "page; if this happens again, tell your administrator what you were doing."))


def run_page(render: Callable[[Actor], None], *, roles: Iterable[str] | None = None) -> None:
    """Run a page's ``render(user)``: for the signed-in user, only with one of ``roles`` when
    given, every error shown as a message."""
    user = actor()
    if roles is not None:
        require_role(user, *roles)
    try:
        render(user)
    except st.runtime.scriptrunner.StopException:  # pragma: no cover - st.stop()
        raise
    except Exception as e:  # noqa: BLE001 - shown to the user, logged when unexpected
        if type(e).__name__ in ("RerunException", "StopException"):
            raise
        show_error(e)


def empty(message: str) -> None:
    """An empty state: what is missing and what to do about it."""
    st.info(message, icon=":material/info:")


def toast_saved(message: str | None = None) -> None:
    st.toast(message or _("Saved"), icon=":material/check:")


def confirmed(key: str, label: str, question: str, yes: str, *, yes_icon: str | None = None,
              **button) -> bool:
    """A button whose action is asked once more before it is done (``question``, answered by
    ``yes`` or "Not yet"): True on the run where ``yes`` is pressed."""
    if not st.session_state.get(key):
        if st.button(label, key=f"{key}:ask", **button):
            st.session_state[key] = True
            st.rerun()
        return False
    with st.container(border=True):
        st.markdown(md(question))
        row = st.container(horizontal=True)
        sure = row.button(yes, key=f"{key}:yes", type="primary", icon=yes_icon)
        if row.button(_("Not yet"), key=f"{key}:no"):
            st.session_state.pop(key, None)
            st.rerun()
    if sure:
        st.session_state.pop(key, None)
    return sure


def act_as(role: str, fn: Callable[..., object], *args, done: str, **kwargs) -> bool:
    """Run a store action as the signed-in user, re-checking ``role`` first; say it was done,
    or show why not (the store has changed nothing then)."""
    require_role(actor(), role)
    try:
        fn(*args, **kwargs)
    except SealError as e:
        show_error(e)
        return False
    toast_saved(done)
    return True


def chosen_assessment(assessments: list[AssessmentSummary], *,
                      prefer: Callable[[AssessmentSummary], bool] | None = None,
                      label: str | None = None) -> AssessmentSummary | None:
    """The assessment the page is about: the one in the address (``?a=<code>``), else the one
    chosen before in this session, else the first ``prefer`` likes, else the newest; a picker in
    the sidebar changes it.  A choice made with the picker goes into the address, so a reload
    keeps it; opening a page leaves the address as it is, so Back leaves it in one press."""
    if not assessments:
        return None
    by_code = {a.code: a for a in assessments}
    asked = st.query_params.get("a")
    if asked and asked not in by_code:
        st.warning(_("The assessment in the address ({code}) is not one you can open on this "
                     "page; here is one of yours instead.").format(code=md(asked)),
                   icon=":material/info:")
        asked = None
    wanted = asked or st.session_state.get("_assessment")
    if wanted not in by_code:
        preferred = [a for a in assessments if prefer(a)] if prefer else []
        wanted = (preferred or assessments)[0].code
    codes = list(by_code)

    def _label(code: str) -> str:
        a = by_code[code]
        return f"{a.institution_name} · {a.period_label or a.period_end.year}"

    key = "_assessment_picker"
    st.session_state[key] = wanted

    def _picked() -> None:
        st.session_state["_assessment"] = st.session_state[key]
        st.query_params["a"] = st.session_state[key]

    chosen = sidebar().selectbox(label or _("Assessment"), codes, key=key,
                                  format_func=_label, on_change=_picked)
    st.session_state["_assessment"] = chosen
    # the address changes only when it names another assessment (a choice in the picker writes
    # it): writing it on a page opened from the menu added a step that Back had to undo
    if st.query_params.get("a") not in (None, chosen):
        st.query_params["a"] = chosen
    return by_code[chosen]


def link(page: str, label: str, icon: str | None = None, **params: str) -> None:
    """A link to another page of the user's navigation (``views/<page>.py``), with query
    parameters such as ``a=<assessment code>``."""
    st.page_link(f"views/{page}.py", label=label, icon=icon, query_params=params or None)


def rerun() -> None:
    """Run the page again after a change, so that every part of it shows the change (the
    progress, the score, the lists of what is missing)."""
    st.rerun()
