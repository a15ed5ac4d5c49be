"""Words around the answers: the institution's comment on each answer, and a thread per
benchmark between the institution and its assessment team.

Both are kept with the assessment (sealed in its scope, like its answers) and every write is
audited by the hash of its text, never the text.  Who may write:

- a **comment** on an answer: the institution's focal points, while they may change the
  answers (a draft, or sent back for changes); an empty comment removes it;
- a **message** in a benchmark's thread: the institution's focal points and the assessors
  assigned to the assessment (once they declared no conflict of interest), in any state but
  the final ones: nobody writes after the decision (certified, not certified, or a baseline
  recorded).

Whoever may read the assessment's answers reads both (its focal points, its assessors, the
programme officers, the command line).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..errors import Problem, StoreError, TransitionError
from ..lifecycle import transitions_from
from ..messages import say
from . import audit
from ._common import Actor, assessment_row, aware, denied, new_id, refresh, stale, state_word
from ._common import update_versioned as _cas
from .assessments import editable_row
from .engine import Store
from .schema import answer_comment, app_user, assignment, benchmark_message
from .standards import standard_by_pk

__all__ = ["COMMENT_LIMIT", "MESSAGE_LIMIT", "CommentInfo", "MessageInfo", "list_comments",
           "list_messages", "post_message", "save_comment"]

#: The most characters of a comment on an answer, and of one message of a thread.
COMMENT_LIMIT = 4000
MESSAGE_LIMIT = 4000


@dataclass(frozen=True)
class CommentInfo:
    """The institution's comment on one answer."""

    question_id: str
    text: str
    version: int
    updated_at: dt.datetime
    updated_by: str
    """The display name of who wrote it last."""


@dataclass(frozen=True)
class MessageInfo:
    """One message of a benchmark's thread."""

    id: str
    benchmark_id: str
    number: int
    """1, 2, ... within its benchmark's thread."""
    side: str
    """``institution`` (a focal point) or ``assessors`` (the assessment team)."""
    author: str
    """The author's display name."""
    text: str
    posted_at: dt.datetime


def _text(text: str | None, limit: int, what: str, field: str) -> str:
    value = (text or "").strip()
    if len(value) > limit:
        raise StoreError(Problem(
            say(f"store.too_long.{what}", length=len(value), limit=limit,
                over=len(value) - limit), field=field))
    return value


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return {r.id: r.display_name for r in conn.execute(
        sa.select(app_user.c.id, app_user.c.display_name).where(app_user.c.id.in_(sorted(ids))))}


# ------------------------------------------------------------------------------ comments


def save_comment(store: Store, actor: Actor, assessment_id: str, question_id: str,
                 text: str | None, expected_version: int) -> int:
    """Save the institution's comment on its answer to ``question_id`` (``expected_version``:
    the comment's version read, 0 for none); an empty ``text`` removes the comment.  Returns
    the new version (0 once removed)."""
    value = _text(text, COMMENT_LIMIT, "comment", f"comments.{question_id}")
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.comment"))
        std = standard_by_pk(conn, row.standard_pk)
        if question_id not in std.questions():
            raise StoreError(Problem(say("store.no_question", standard=std.id,
                                         version=std.version, id=question_id),
                                     field=f"comments.{question_id}",
                                     record_id=question_id))
        now = store.now()
        where = [answer_comment.c.assessment_id == row.id,
                 answer_comment.c.question_id == question_id]
        current = conn.execute(sa.select(answer_comment.c.version, answer_comment.c.updated_at,
                                         answer_comment.c.updated_by).where(*where)).first()
        what = say("store.rec.comment", question=question_id, code=row.code)
        if current is None:
            if expected_version != 0:
                raise stale(conn, what, None, expected_version)
            if not value:
                return 0
            conn.execute(answer_comment.insert().values(
                assessment_id=row.id, question_id=question_id, text=value, version=1,
                updated_at=now, updated_by=actor.user_id))
            version = 1
        elif not value:
            if current.version != expected_version:
                raise stale(conn, what, current, expected_version)
            conn.execute(answer_comment.delete().where(*where))
            version = 0
        else:
            version = _cas(conn, answer_comment, where, expected_version, what, actor, now,
                           {"text": value})
        audit.append(conn, store, actor.user_id,
                     "comment.save" if version else "comment.remove", f"assessment:{row.id}",
                     {"assessment": row.id, "question": question_id, "version": version,
                      "text_sha256": audit.value_hash(value) if value else None})
        return version


def list_comments(store: Store, actor: Actor, assessment_id: str) -> dict[str, CommentInfo]:
    """The institution's comments on its answers, by question id (for whoever may read the
    answers)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id)
        rows = conn.execute(sa.select(answer_comment).where(
            answer_comment.c.assessment_id == row.id)).all()
        names = _names(conn, {r.updated_by for r in rows})
        return {r.question_id: CommentInfo(r.question_id, r.text, r.version,
                                           aware(r.updated_at),
                                           names.get(r.updated_by, "the command line"))
                for r in rows}


# ------------------------------------------------------------------------------ threads


def _side(conn: Connection, actor: Actor, row: Row) -> str:
    """Which side ``actor`` writes on, or :class:`PermissionDeniedError`."""
    if row.institution_id in actor.institutions:
        return "institution"
    if actor.is_assessor:
        a = conn.execute(sa.select(assignment.c.no_conflict_at).where(
            assignment.c.assessment_id == row.id,
            assignment.c.assessor_id == actor.user_id)).first()
        if a is not None:
            if a.no_conflict_at is None:
                raise StoreError(Problem(say("store.thread_declare_first", code=row.code),
                                         record_id=row.code))
            return "assessors"
    raise denied(actor, say("store.do.write_threads", code=row.code))


def post_message(store: Store, actor: Actor, assessment_id: str, benchmark_id: str,
                 text: str) -> MessageInfo:
    """Add a message to the thread of ``benchmark_id``: the institution's focal points and
    the assigned assessors, until the decision."""
    value = _text(text, MESSAGE_LIMIT, "message", "text")
    if not value:
        raise StoreError(Problem(say("store.empty_message"), field="text"))
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id)
        side = _side(conn, actor, row)
        if not transitions_from(row.state, row.purpose):
            raise TransitionError(Problem(
                say("store.thread_closed", code=row.code, state=state_word(row.state)),
                record_id=row.code))
        std = standard_by_pk(conn, row.standard_pk)
        if benchmark_id not in {b.id for b in std.benchmarks()}:
            raise StoreError(Problem(say("store.no_benchmark", standard=std.id,
                                         version=std.version, id=benchmark_id),
                                     field="benchmark",
                                     record_id=benchmark_id))
        number = conn.execute(sa.select(sa.func.coalesce(sa.func.max(
            benchmark_message.c.number), 0)).where(
            benchmark_message.c.assessment_id == row.id,
            benchmark_message.c.benchmark_id == benchmark_id)).scalar_one() + 1
        message = MessageInfo(new_id(), benchmark_id, number, side, actor.display_name, value,
                              store.now())
        conn.execute(benchmark_message.insert().values(
            id=message.id, assessment_id=row.id, benchmark_id=benchmark_id, number=number,
            side=side, author_id=actor.user_id, text=value, posted_at=message.posted_at))
        audit.append(conn, store, actor.user_id, "thread.post", f"assessment:{row.id}",
                     {"assessment": row.id, "benchmark": benchmark_id, "message": message.id,
                      "side": side, "text_sha256": audit.value_hash(value)})
        return message


def list_messages(store: Store, actor: Actor, assessment_id: str,
                  benchmark_id: str | None = None) -> list[MessageInfo]:
    """The messages of a benchmark's thread (or of every benchmark, by benchmark), oldest
    first, for
    whoever may read the assessment's answers."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id)
        query = sa.select(benchmark_message).where(benchmark_message.c.assessment_id == row.id)
        if benchmark_id is not None:
            query = query.where(benchmark_message.c.benchmark_id == benchmark_id)
        rows = conn.execute(query.order_by(benchmark_message.c.benchmark_id,
                                           benchmark_message.c.number)).all()
        names = _names(conn, {r.author_id for r in rows})
        return [MessageInfo(r.id, r.benchmark_id, r.number, r.side,
                            names.get(r.author_id, "someone"), r.text, aware(r.posted_at))
                for r in rows]
