"""Words around the answers, in the pages: the institution's comment under each answer, and
the conversation on a benchmark between the institution and its assessment team, in a compact
expander under the benchmark (the questionnaire) or beside the verdict (the review).

The store decides who may write (:mod:`seal_engine.store.threads`); the pages only offer the
box to whoever it would accept, and show its refusal as it words it.  What is typed stays in
its box until it is saved: a refusal (too long, the assessment decided meanwhile) keeps it to
correct."""

from __future__ import annotations

import streamlit as st

from seal_engine import SealError, render_message
from seal_engine.lifecycle import can_edit, transitions_from
from seal_engine.store import (
    COMMENT_LIMIT,
    MESSAGE_LIMIT,
    Actor,
    AssessmentInfo,
    CommentInfo,
    MessageInfo,
    StaleWriteError,
    list_comments,
    list_messages,
    post_message,
    save_comment,
)

from .i18n import _, fmt_datetime, fmt_number, language, ngettext
from .session import app_store
from .ui import md, toast_saved

__all__ = ["answer_comment", "benchmark_thread", "comments_of", "messages_of"]


def comments_of(user: Actor, info: AssessmentInfo) -> dict[str, CommentInfo]:
    """The institution's comments on the assessment's answers (one read per page run)."""
    return list_comments(app_store(), user, info.id)


def messages_of(user: Actor, info: AssessmentInfo) -> dict[str, list[MessageInfo]]:
    """Every thread of the assessment, by benchmark (one read per page run)."""
    out: dict[str, list[MessageInfo]] = {}
    for m in list_messages(app_store(), user, info.id):
        out.setdefault(m.benchmark_id, []).append(m)
    return out


def _may_write(user: Actor, info: AssessmentInfo) -> bool:
    """Whether the store would take a message from ``user`` now: a focal point of the
    institution or an assessor (assigned: the page only shows them assessments they review),
    before the decision."""
    return _open(info) and (info.institution_id in user.institutions or user.is_assessor)


def _open(info: AssessmentInfo) -> bool:
    """Whether the assessment is not decided yet (a thread closes with the decision)."""
    return bool(transitions_from(info.state, info.purpose))


def _key(kind: str, info: AssessmentInfo, subject: str) -> str:
    return f"{kind}:{info.id}:{subject}"


# ------------------------------------------------------------------------------ comments


def answer_comment(user: Actor, info: AssessmentInfo, q, comments: dict[str, CommentInfo], *,
                   editable: bool) -> None:
    """Under an answer: the institution's comment on it, and for its focal points while they
    may edit, a small box to write or change it (saved when the box is left; made only while
    it is open)."""
    comment = comments.get(q.id)
    mine = editable and info.institution_id in user.institutions and can_edit(info.state)
    if not mine:
        if comment is not None:
            st.caption(_("Comment from the institution: {text}").format(text=md(comment.text)))
        return
    key, vkey, ekey, tkey = (_key("cm", info, q.id), _key("cmv", info, q.id),
                             _key("cme", info, q.id), _key("cmt", info, q.id))
    version = comment.version if comment else 0

    def _save() -> None:
        st.session_state.pop(ekey, None)
        typed = st.session_state.get(key)
        try:
            st.session_state[vkey] = save_comment(app_store(), user, info.id, q.id, typed,
                                                  st.session_state.get(vkey, 0))
        except SealError as e:
            st.session_state[ekey] = "; ".join(render_message(p.text, lang=language())
                                               for p in e.problems)
            if isinstance(e, StaleWriteError):
                st.session_state.pop(vkey, None)  # the saved comment is shown again
            else:  # kept to correct, even if the box is closed meanwhile
                st.session_state[tkey] = typed
        else:
            st.session_state.pop(tkey, None)
            toast_saved(_("Comment saved"))

    label = _("Your comment (1)") if comment else _("Add a comment")
    # its box is made only while it is open (a click reruns the page): a dimension has dozens
    # of questions, and every box made costs the page's run (Streamlit goes through the
    # session's whole state for each one)
    box = st.popover(label, icon=":material/comment:", key=_key("cmp", info, q.id),
                     on_change="rerun")
    if box.open:
        if st.session_state.get(vkey) != version or key not in st.session_state:
            kept = st.session_state.get(tkey)
            st.session_state[key] = kept if kept is not None else (
                comment.text if comment else "")
            st.session_state[vkey] = version
        with box:
            st.text_area(_("A comment on this answer, for the assessment team"), key=key,
                         on_change=_save, height=120,
                         placeholder=_("e.g. where the figure comes from, or what the "
                                       "document attached shows"))
            st.caption(_("At most {n} characters; saved when you leave the box.").format(
                n=fmt_number(COMMENT_LIMIT)))
    if comment is not None:
        st.caption(_("Your comment: {text}").format(text=md(comment.text)))
    error = st.session_state.get(ekey)
    if error:
        st.error(_("The comment was not saved: {why}").format(why=md(error)),
                 icon=":material/error:")


# ------------------------------------------------------------------------------ threads


def benchmark_thread(user: Actor, info: AssessmentInfo, benchmark, *,
                     messages: list[MessageInfo] | None = None, expanded: bool = False,
                     answer_comments: bool = False) -> None:
    """The conversation on ``benchmark`` between the institution and its assessment team: a
    compact expander with every message (who, which side, when) and, for whoever may write
    now, a box to add one.  ``messages``: the benchmark's messages if already read (else they
    are read here).  With ``answer_comments`` (the review), the institution's comments on the
    benchmark's answers are listed first."""
    if answer_comments:
        said = comments_of(user, info)
        lines = [f"- {md(q.text)}: *{md(said[q.id].text)}*" for q in benchmark.questions
                 if q.id in said]
        if lines:
            st.markdown(f"**{_('Comments from the institution on its answers')}**\n"
                        + "\n".join(lines))
    if messages is None:
        messages = list_messages(app_store(), user, info.id, benchmark.id)
    writable = _may_write(user, info)
    if not messages and not writable:
        return
    title = ngettext("Conversation with the assessment team · {n} message",
                     "Conversation with the assessment team · {n} messages", len(messages)) \
        .format(n=len(messages)) if messages else _("Ask the assessment team or answer them")
    if info.institution_id not in user.institutions:
        title = ngettext("Conversation with the institution · {n} message",
                         "Conversation with the institution · {n} messages",
                         len(messages)).format(n=len(messages)) if messages else \
            _("Ask the institution about this benchmark")
    key = _key("th", info, benchmark.id)
    # its messages and box are made only while it is open (opening it reruns the page), as
    # the comments' boxes
    thread = st.expander(title, icon=":material/forum:", key=f"{key}:shown",
                         expanded=expanded or st.session_state.get(f"{key}:open", False),
                         on_change="rerun")
    if not thread.open:
        return
    with thread:
        for m in messages[-50:]:
            side = _("the institution") if m.side == "institution" else \
                _("the assessment team")
            st.markdown(f"**{md(m.author)}** · {side} · {fmt_datetime(m.posted_at)}  \n"
                        f"{md(m.text)}")
        if len(messages) > 50:
            st.caption(_("The 50 latest messages are shown."))
        if not writable:
            st.caption(_("The assessment is decided: the conversation is closed.")
                       if not _open(info) else
                       _("The institution's focal points and the assessment team write here."))
            return
        ekey, typed = f"{key}:error", f"{key}:typed"
        if key not in st.session_state and st.session_state.get(typed):
            st.session_state[key] = st.session_state[typed]  # the thread closed and opened

        def _keep() -> None:
            st.session_state[typed] = st.session_state.get(key) or ""

        def _post() -> None:
            st.session_state[f"{key}:open"] = True
            st.session_state.pop(ekey, None)
            try:
                post_message(app_store(), user, info.id, benchmark.id,
                             st.session_state.get(key) or "")
            except SealError as e:
                st.session_state[ekey] = "; ".join(render_message(p.text, lang=language())
                                               for p in e.problems)
            else:
                st.session_state[key] = ""  # sent: the box is empty again
                st.session_state.pop(typed, None)
                toast_saved(_("Message sent"))

        st.text_area(_("Your message"), key=key, height=90, on_change=_keep,
                     placeholder=_("Ask a question, or answer one"))
        st.button(_("Send"), key=f"{key}:send", on_click=_post, icon=":material/send:")
        st.caption(_("At most {n} characters. The other side reads it in this benchmark; "
                     "the messages are kept with the assessment.").format(
            n=fmt_number(MESSAGE_LIMIT)))
        error = st.session_state.get(ekey)
        if error:
            st.error(_("Not sent: {why} Your text is still in the box.").format(why=md(error)),
                     icon=":material/error:")
