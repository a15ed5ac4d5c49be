"""Sign-in sessions for the app: a random token the browser keeps in an HttpOnly cookie, and in
the database only its SHA-256, the user, when it started, when it expires
(``SEAL_SESSION_HOURS``) and when it ended.

Starting a session is signing in (:func:`~seal_engine.store.authenticate`), so it is recorded
in the audit trail, as is its end; looking a session up is a read.  A session of a deactivated
user, an ended or an expired one finds nobody."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import Problem, StoreError
from ..messages import say
from ..settings import get_setting
from . import audit
from ._common import Actor, denied, new_id, refresh
from ._throttle import reserve, succeeded
from .auth import actor_for, check_password, normal_email
from .engine import Store
from .schema import user_session

__all__ = ["close_sessions", "end_session", "end_user_sessions", "session_actor",
           "start_session"]

_KEEP_ENDED = dt.timedelta(days=30)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _hours() -> float:
    value = get_setting("SEAL_SESSION_HOURS")
    try:
        hours = float(value)
    except ValueError:
        hours = -1.0
    if not 0 < hours <= 24 * 90:
        raise StoreError(Problem(say("store.session_hours", value=value),
                                 field="SEAL_SESSION_HOURS"))
    return hours


def start_session(store: Store, email: str, password: str, *,
                  client: str | None = None) -> tuple[str, Actor]:
    """Sign in: check the e-mail address and password (as :func:`authenticate` does, saying
    nothing of which was wrong, taking as long either way, throttled per address and per
    ``client``, the browser's network address) and start a session.  Returns
    ``(token, actor)``: the token goes into the browser's cookie and nowhere else."""
    email = normal_email(email)
    with store.write() as conn:
        reserve(conn, store.now(), email, client)
    user_id = check_password(store, email, password)
    token = secrets.token_urlsafe(32)
    now = store.now()
    sid = new_id()
    with store.write() as conn:
        succeeded(conn, email, client)
        actor = refresh(conn, Actor(user_id, user_id))
        conn.execute(user_session.delete().where(user_session.c.expires_at < now - _KEEP_ENDED))
        conn.execute(user_session.insert().values(
            id=sid, token_sha256=_digest(token), user_id=actor.user_id, created_at=now,
            expires_at=now + dt.timedelta(hours=_hours())))
        audit.append(conn, store, actor.user_id, "session.start", f"user:{actor.user_id}",
                     {"user": actor.user_id, "session": sid})
    return token, actor


def session_actor(store: Store, token: str | None) -> Actor | None:
    """The signed-in user of a session token, with their current roles; ``None`` when the token
    is unknown, ended or expired, or its user deactivated."""
    if not token or not isinstance(token, str) or len(token) > 200:
        return None
    now = store.now()
    with store.read() as conn:
        found = conn.execute(sa.select(user_session.c.user_id, user_session.c.expires_at).where(
            user_session.c.token_sha256 == _digest(token),
            user_session.c.ended_at.is_(None))).first()
    if found is None:
        return None
    expires = found.expires_at
    expires = expires.replace(tzinfo=dt.UTC) if expires.tzinfo is None else expires
    if expires <= now:
        return None
    try:
        return actor_for(store, found.user_id)
    except StoreError:  # deactivated since
        return None


def end_session(store: Store, token: str | None) -> bool:
    """Sign out: end the session of this token; ``False`` when there was none to end."""
    if not token or not isinstance(token, str) or len(token) > 200:
        return False
    with store.write() as conn:
        found = conn.execute(sa.select(user_session.c.id, user_session.c.user_id).where(
            user_session.c.token_sha256 == _digest(token),
            user_session.c.ended_at.is_(None))).first()
        if found is None:
            return False
        conn.execute(user_session.update().where(user_session.c.id == found.id).values(
            ended_at=store.now()))
        audit.append(conn, store, found.user_id, "session.end", f"user:{found.user_id}",
                     {"user": found.user_id, "session": found.id})
        return True


def end_user_sessions(store: Store, actor: Actor, user_id: str) -> int:
    """End every open session of a user (an admin, or the user themself: "sign out
    everywhere"); returns how many were ended."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        if not (actor.is_admin or actor.user_id == user_id):
            raise denied(actor, say("store.do.end_sessions"))
        return close_sessions(conn, store, actor, user_id, reason="sign_out_everywhere")


def close_sessions(conn: Connection, store: Store, actor: Actor, user_id: str, *,
                   keep_token: str | None = None, reason: str) -> int:
    """End the open sessions of ``user_id`` inside the caller's write transaction (no role
    check: callers check), all but the one of ``keep_token`` when it is one of that user's;
    audited as ``session.end_all`` with the reason.  Returns how many were ended."""
    now = store.now()
    where = [user_session.c.user_id == user_id, user_session.c.ended_at.is_(None),
             user_session.c.expires_at > now]
    kept = None
    if keep_token and isinstance(keep_token, str) and len(keep_token) <= 200:
        kept = conn.execute(sa.select(user_session.c.id).where(
            *where, user_session.c.token_sha256 == _digest(keep_token))).scalar()
    if kept is not None:
        where.append(user_session.c.id != kept)
    ended = conn.execute(user_session.update().where(*where).values(ended_at=now)).rowcount
    payload = {"user": user_id, "sessions": ended, "reason": reason}
    if kept is not None:
        payload["kept"] = kept
    audit.append(conn, store, actor.user_id, "session.end_all", f"user:{user_id}", payload)
    return ended
