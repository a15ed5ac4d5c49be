"""API tokens: personal and service tokens for the JSON API (``Authorization: Bearer``).

A token is 32 random bytes (``secrets.token_urlsafe``), shown once when it is made and kept in
the database only as its SHA-256 (a random secret of that length needs no slow hash), with the
user it acts as, a name saying what it is for, and whether it is narrowed to reading.  A token
acts with its user's roles as they are at each request (a revoked role or a deactivated user
counts at once); a *read-only* token is refused every write whatever those roles.  Creating and
revoking are audited in the user's record; using a token is not (each write it makes is, by the
service it calls).

Requests are counted per token in the database (``api_rate``, as the sign-in throttle is), so
that the limit (``SEAL_API_RATE`` per minute) holds across app servers."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from ..errors import NotFoundError, Problem, StoreError
from ..messages import say
from ..settings import get_int_setting
from . import audit
from ._common import SYSTEM_ID, Actor, aware, denied, new_id, refresh
from .auth import actor_for, normal_email
from .engine import Store
from .schema import api_rate, api_token, app_user

__all__ = ["ApiThrottledError", "TokenAuth", "TokenInfo", "count_api_request", "create_token",
           "list_tokens", "revoke_token", "token_actor"]

#: Tokens start with this, so that one pasted in the wrong place is recognised (and secret
#: scanners can find it).
PREFIX = "seal_"
RATE_WINDOW = dt.timedelta(minutes=1)
NAME_LIMIT = 120


class ApiThrottledError(StoreError):
    """Too many requests with this token in the current minute; ``retry_after`` seconds."""

    def __init__(self, retry_after: int, limit: int):
        self.retry_after = retry_after
        self.limit = limit
        super().__init__(Problem(say("store.api_throttled", limit=limit, seconds=retry_after),
                                 field="authorization"))


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed: never the token itself."""

    id: str
    user_id: str
    user_email: str
    name: str
    read_only: bool
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class TokenAuth:
    """Who a presented token acts as: the user with their current roles, and the token."""

    actor: Actor
    token_id: str
    read_only: bool


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _user_id(conn, email_or_id: str) -> str:
    key = (email_or_id or "").strip()
    row = conn.execute(sa.select(app_user.c.id, app_user.c.active).where(sa.or_(
        app_user.c.email == normal_email(key), app_user.c.id == key))).first()
    if row is None:
        raise NotFoundError(Problem(say("store.no_user", id=email_or_id), field="user"))
    if not row.active:
        raise StoreError(Problem(say("store.user_deactivated", user=email_or_id), field="user"))
    return row.id


def create_token(store: Store, actor: Actor, user: str, name: str, *,
                 read_only: bool = False) -> tuple[str, TokenInfo]:
    """Make a token acting as ``user`` (an e-mail address or id): an administrator (or the
    command line) for anyone, a user for themself.  Returns ``(token, info)``: the token is
    shown once and never kept."""
    name = " ".join((name or "").split())
    if not name:
        raise StoreError(Problem(say("store.token_name"), field="name"))
    if len(name) > NAME_LIMIT:
        raise StoreError(Problem(say("store.token_name_long", limit=NAME_LIMIT, length=len(name)),
                                 field="name"))
    token = PREFIX + secrets.token_urlsafe(32)
    with store.write() as conn:
        actor = refresh(conn, actor)
        uid = _user_id(conn, user)
        if uid != actor.user_id and not actor.is_admin:
            raise denied(actor, say("store.do.make_token"))
        if uid == SYSTEM_ID:
            raise StoreError(Problem(say("store.no_token_for_system"),
                                     field="user"))
        tid = new_id()
        now = store.now()
        conn.execute(api_token.insert().values(
            id=tid, user_id=uid, name=name, token_sha256=_digest(token), read_only=read_only,
            created_at=now, created_by=actor.user_id))
        audit.append(conn, store, actor.user_id, "token.create", f"user:{uid}",
                     {"user": uid, "token": tid, "read_only": read_only})
        return token, _infos(conn, [api_token.c.id == tid])[0]


def _infos(conn, where: list) -> list[TokenInfo]:
    rows = conn.execute(
        sa.select(api_token, app_user.c.email, api_rate.c.last_used_at)
        .join(app_user, app_user.c.id == api_token.c.user_id)
        .outerjoin(api_rate, api_rate.c.token_id == api_token.c.id)
        .where(*where).order_by(app_user.c.email, api_token.c.created_at)).all()
    return [TokenInfo(r.id, r.user_id, r.email, r.name, bool(r.read_only),
                      aware(r.created_at), aware(r.revoked_at), aware(r.last_used_at))
            for r in rows]


def list_tokens(store: Store, actor: Actor, *, user: str | None = None,
                include_revoked: bool = False) -> list[TokenInfo]:
    """The tokens of ``user`` (an administrator: anyone's, or everyone's when ``None``; a user:
    their own)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        where = []
        if user is not None:
            uid = _user_id(conn, user)
            if uid != actor.user_id and not actor.is_admin:
                raise denied(actor, say("store.do.list_tokens"))
            where.append(api_token.c.user_id == uid)
        elif not actor.is_admin:
            where.append(api_token.c.user_id == actor.user_id)
        if not include_revoked:
            where.append(api_token.c.revoked_at.is_(None))
        return _infos(conn, where)


def revoke_token(store: Store, actor: Actor, token_id: str) -> TokenInfo:
    """Revoke a token at once (an administrator, or the token's user).  Revoking a revoked
    token changes nothing."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = conn.execute(sa.select(api_token).where(api_token.c.id == token_id)).first()
        if row is None or not (actor.is_admin or row.user_id == actor.user_id):
            raise NotFoundError(Problem(say("store.no_token", id=token_id), field="token",
                                        record_id=str(token_id)))
        if row.revoked_at is None:
            conn.execute(api_token.update().where(api_token.c.id == token_id).values(
                revoked_at=store.now(), revoked_by=actor.user_id))
            audit.append(conn, store, actor.user_id, "token.revoke", f"user:{row.user_id}",
                         {"user": row.user_id, "token": token_id})
        return _infos(conn, [api_token.c.id == token_id])[0]


def token_actor(store: Store, token: str | None) -> TokenAuth | None:
    """Who a presented token acts as, with the user's current roles; ``None`` when the token is
    unknown or revoked, or its user deactivated (the caller answers 401 to all alike)."""
    if not token or not isinstance(token, str) or len(token) > 200:
        return None
    with store.read() as conn:
        row = conn.execute(sa.select(api_token.c.id, api_token.c.user_id,
                                     api_token.c.read_only).where(
            api_token.c.token_sha256 == _digest(token),
            api_token.c.revoked_at.is_(None))).first()
    if row is None:
        return None
    try:
        actor = actor_for(store, row.user_id)
    except StoreError:  # deactivated since
        return None
    return TokenAuth(actor, row.id, bool(row.read_only))


def count_api_request(store: Store, token_id: str, *, limit: int | None = None) -> int:
    """Count one request with the token; :class:`ApiThrottledError` (counting nothing) past
    ``limit`` (``SEAL_API_RATE``) requests in the current minute.  Returns the requests left in
    the minute."""
    limit = get_int_setting("SEAL_API_RATE") if limit is None else limit
    with store.write() as conn:
        now = store.now()
        row = conn.execute(sa.select(api_rate).where(api_rate.c.token_id == token_id)).first()
        if row is None:
            conn.execute(api_rate.insert().values(token_id=token_id, window_started_at=now,
                                                  requests=1, last_used_at=now))
            return limit - 1
        started = aware(row.window_started_at)
        if now - started >= RATE_WINDOW:
            started, count = now, 1
        elif row.requests >= limit:
            raise ApiThrottledError(max(1, math.ceil((started + RATE_WINDOW - now)
                                                     .total_seconds())), limit)
        else:
            count = row.requests + 1
        conn.execute(api_rate.update().where(api_rate.c.token_id == token_id).values(
            window_started_at=started, requests=count, last_used_at=now))
        return limit - count
