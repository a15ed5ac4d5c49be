"""What the service modules share: who is acting (:class:`Actor`), opaque ids, versions
checked on write, and the access rules every read and write goes through."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..errors import NotFoundError, PermissionDeniedError, Problem, StaleWriteError
from ..messages import Ids, say
from .engine import _READ, run_memo
from .schema import app_user, assessment, assignment, institution

__all__ = ["SYSTEM", "Actor", "Grant"]

SYSTEM_ID = "system"


def new_id() -> str:
    """An opaque random id: 128 bits, 32 hex digits; it says nothing and cannot be guessed."""
    return secrets.token_hex(16)


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """A timestamp read back from the database, as UTC (SQLite gives it without a zone)."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@dataclass(frozen=True)
class Grant:
    """One role a user holds: ``focal_point`` of an institution, ``analyst`` of a country,
    ``assessor`` or ``admin``."""

    role: str
    institution_id: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Actor:
    """Who is calling a service function, with their roles.  Get one from
    :func:`~seal_engine.store.authenticate` or :func:`~seal_engine.store.actor_for`;
    :data:`SYSTEM` is the command line working on the database directly (whoever can open the
    database file or holds its credentials can do everything anyway)."""

    user_id: str
    display_name: str
    grants: tuple[Grant, ...] = field(default=())

    @property
    def is_system(self) -> bool:
        return self.user_id == SYSTEM_ID

    @property
    def is_admin(self) -> bool:
        return self.is_system or any(g.role == "admin" for g in self.grants)

    @property
    def is_assessor(self) -> bool:
        return any(g.role == "assessor" for g in self.grants)

    @property
    def is_programme_officer(self) -> bool:
        """The programme's staff, who decide awards on the teams' recommendations."""
        return any(g.role == "programme_officer" for g in self.grants)

    @property
    def institutions(self) -> frozenset[str]:
        """The institutions this user is a focal point of."""
        return frozenset(g.institution_id for g in self.grants if g.role == "focal_point")

    @property
    def countries(self) -> frozenset[str]:
        """The countries this user is an analyst of."""
        return frozenset(g.country for g in self.grants if g.role == "analyst")

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants) | (
            frozenset({"admin"}) if self.is_system else frozenset())


SYSTEM = Actor(SYSTEM_ID, "the command line", (Grant("admin"),))


def state_word(state: str):
    """An assessment's lifecycle state in words (a message: 'under review')."""
    return say(f"state.{state}")


def denied(actor: Actor, what) -> PermissionDeniedError:
    """The refusal of what ``actor`` may not do; ``what`` is a ``store.do.*`` message."""
    roles = (Ids(items=[say(f"store.role.{r}") for r in sorted(actor.roles)]) if actor.roles
             else say("store.no_role"))
    return PermissionDeniedError(say("store.denied", actor=actor.display_name, roles=roles,
                                     what=what))


def require_admin(actor: Actor, what) -> None:
    if not actor.is_admin:
        raise denied(actor, what)


def display_name(conn: Connection, user_id: str | None) -> str:
    """How a message names a user: their display name, or 'the command line'."""
    if user_id is None:
        return "someone"
    if user_id == SYSTEM_ID:
        return SYSTEM.display_name
    found = conn.execute(sa.select(app_user.c.display_name, app_user.c.email)
                         .where(app_user.c.id == user_id)).first()
    return f"{found.display_name} <{found.email}>" if found else f"user {user_id}"


def _who(conn: Connection, user_id: str | None):
    """:func:`display_name` as a message param: the command line and someone unknown in the
    reader's words."""
    if user_id is None:
        return say("store.someone")
    if user_id == SYSTEM_ID:
        return say("store.the_command_line")
    return display_name(conn, user_id)


def stale(conn: Connection, what, row: Row | None, read: int) -> StaleWriteError:
    """The refusal of a write whose version is not the current one, saying who changed the
    record and when; ``what`` names it (a ``store.rec.*`` message)."""
    if row is None:
        return StaleWriteError(say("store.removed_since_read", what=what, read=str(read)),
                               current_version=0)
    when = aware(row.updated_at)
    shown = when.strftime("%Y-%m-%d %H:%M:%S UTC") if when else say("store.unknown_time")
    return StaleWriteError(
        say("store.changed_since_read", what=what, who=_who(conn, row.updated_by),
            when=shown, version=str(row.version), read=str(read)),
        current_version=row.version)


def update_versioned(conn: Connection, table: sa.Table, where: list, expected: int, what,
                     actor: Actor, now: dt.datetime, values: dict[str, Any]) -> int:
    """``UPDATE table SET values, version = version + 1 WHERE where AND version = expected``;
    the new version, or :class:`StaleWriteError` when the row moved on."""
    result = conn.execute(table.update().where(*where, table.c.version == expected).values(
        **values, version=table.c.version + 1, updated_at=now, updated_by=actor.user_id))
    if result.rowcount != 1:
        current = conn.execute(sa.select(table.c.version, table.c.updated_at,
                                         table.c.updated_by).where(*where)).first()
        raise stale(conn, what, current, expected)
    return expected + 1


# ------------------------------------------------------------------------------ access


def once_per_run(conn: Connection, key: tuple, read: Callable[[], Any]) -> Any:
    """``read()``, made once per run of a page (:func:`~seal_engine.store.remembered`) for
    ``key`` in its read transactions; every write that commits forgets it, and a write
    transaction, or a caller outside a run, always reads afresh.  What is kept is shared by
    the run's readers: never changed in place (tuples of rows)."""
    memo = run_memo()
    if memo is None or not conn.get_execution_options().get(_READ):
        return read()
    try:
        return memo[key]
    except KeyError:
        found = memo[key] = read()
        return found


_JOINED = sa.select(assessment, institution.c.code.label("institution_code"),
                    institution.c.country, institution.c.scope, institution.c.sector,
                    institution.c.region, institution.c.name.label("institution_name")).join(
    institution, institution.c.id == assessment.c.institution_id)


def is_assigned(conn: Connection, actor: Actor, assessment_id: str) -> bool:
    if not actor.is_assessor:
        return False
    return once_per_run(conn, ("assigned", actor.user_id, assessment_id), lambda: conn.execute(
        sa.select(assignment.c.id).where(
            assignment.c.assessment_id == assessment_id,
            assignment.c.assessor_id == actor.user_id)).first() is not None)


def can_see_content(conn: Connection, actor: Actor, row: Row) -> bool:
    """Answers, evidence and workforce data: the institution's focal points, the assigned
    assessors, the programme officers (who decide awards on them) and the command line."""
    return (actor.is_system or actor.is_programme_officer
            or row.institution_id in actor.institutions or is_assigned(conn, actor, row.id))


def can_see_summary(conn: Connection, actor: Actor, row: Row) -> bool:
    """The assessment's state and results: also analysts of its country and admins."""
    return (actor.is_admin or row.country in actor.countries
            or can_see_content(conn, actor, row))


def assessment_row(conn: Connection, actor: Actor, assessment_id: str, *,
                   content: bool = True, lock: bool = False) -> Row:
    """The assessment (with its institution's code, country, scope, sector) if ``actor`` may
    see it (its content, or only its summary when ``content`` is false); else
    :class:`NotFoundError`, the same as for an id that does not exist."""
    row = once_per_run(conn, ("assessment", assessment_id), lambda: conn.execute(
        _JOINED.where(assessment.c.id == assessment_id)).first()) \
        if isinstance(assessment_id, str) else None
    visible = row is not None and (can_see_content(conn, actor, row) if content
                                   else can_see_summary(conn, actor, row))
    if not visible:
        raise NotFoundError(Problem(say("store.no_assessment", id=assessment_id),
                                    record_id=str(assessment_id)))
    return row


def joined_assessments() -> sa.Select:
    """Assessments joined with their institution's code, country, scope and sector."""
    return _JOINED


def visible_filter(actor: Actor, content: bool = False):
    """A WHERE clause limiting assessments to those ``actor`` may see."""
    if actor.is_system or actor.is_programme_officer or (actor.is_admin and not content):
        return sa.true()
    clauses = []
    if actor.institutions:
        clauses.append(assessment.c.institution_id.in_(sorted(actor.institutions)))
    if actor.is_assessor:
        clauses.append(assessment.c.id.in_(sa.select(assignment.c.assessment_id).where(
            assignment.c.assessor_id == actor.user_id)))
    if actor.countries and not content:
        clauses.append(institution.c.country.in_(sorted(actor.countries)))
    return sa.or_(*clauses) if clauses else sa.false()


def refresh(conn: Connection, actor: Actor) -> Actor:
    """``actor`` with the roles the database gives them now: a role revoked or a user
    deactivated a moment ago counts at once, whatever the caller kept."""
    if actor.is_system:
        return actor
    from .schema import role_grant

    memo = run_memo()  # read once per run of a page, in its read transactions
    if memo is not None and conn.get_execution_options().get(_READ):
        found = memo.get(("actor", actor.user_id))
        if found is not None:
            return found
    user = conn.execute(sa.select(app_user.c.display_name, app_user.c.active)
                        .where(app_user.c.id == actor.user_id)).first()
    if user is None or not user.active:
        raise PermissionDeniedError(say("store.user_gone", user=actor.user_id))
    grants = tuple(Grant(g.role, g.institution_id, g.country) for g in conn.execute(
        sa.select(role_grant.c.role, role_grant.c.institution_id, role_grant.c.country)
        .where(role_grant.c.user_id == actor.user_id).order_by(role_grant.c.role,
                                                               role_grant.c.scope_key)))
    fresh = Actor(actor.user_id, user.display_name, grants)
    if memo is not None and conn.get_execution_options().get(_READ):
        memo[("actor", actor.user_id)] = fresh
    return fresh
