"""Institutions, users, their roles and assessor assignments: the admin's work.

Role rules: only an admin (or the command line) creates and changes institutions, users, role
grants and assignments; no one, the command line included, takes the admin role from the last
active administrator or deactivates them.  Anyone signed in may change their own password
(knowing the current one).  A password change ends the user's other sessions, a reset by an
admin and a deactivation all of them, in the same transaction.  Institutions are visible to
admins, their focal points, the analysts of their country and the assessors assigned to one of
their assessments."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..errors import NotFoundError, Problem, StoreError
from ..messages import say
from . import audit
from ._common import (
    Actor,
    aware,
    denied,
    new_id,
    once_per_run,
    refresh,
    require_admin,
    update_versioned,
)
from .auth import hash_password, hasher
from .engine import Store
from .schema import ROLES, app_user, assessment, assignment, institution, role_grant
from .sessions import close_sessions

__all__ = ["AssignmentInfo", "InstitutionInfo", "UserInfo", "assign_assessor", "create_institution",
           "create_user", "find_user", "get_institution", "grant_role", "list_assignments",
           "list_institutions", "list_users", "revoke_role", "set_password", "set_user_active",
           "unassign_assessor", "update_institution"]

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class InstitutionInfo:
    id: str
    code: str
    name: str
    country: str
    scope: str
    sector: str | None
    region: str | None
    parent_id: str | None
    version: int


@dataclass(frozen=True)
class UserInfo:
    """A user as an admin sees them: never the password hash."""

    id: str
    email: str
    display_name: str
    active: bool
    roles: tuple[str, ...]
    version: int


def _institution(row: Row) -> InstitutionInfo:
    return InstitutionInfo(row.id, row.code, row.name, row.country, row.scope, row.sector,
                           row.region, row.parent_id, row.version)


def _check_institution_fields(code, name, country, scope) -> None:
    problems = []
    if not isinstance(code, str) or not _CODE.match(code):
        problems.append(Problem(say("store.institution_code", code=code),
                                field="code"))
    if not (isinstance(name, str) and name.strip()):
        problems.append(Problem(say("store.institution_name"), field="name"))
    if not (isinstance(country, str) and country.strip()):
        problems.append(Problem(say("store.institution_country"), field="country"))
    if scope not in ("national", "subnational"):
        problems.append(Problem(say("store.institution_scope", scope=scope),
                                field="scope"))
    if problems:
        raise StoreError(problems)


def insert_institution(conn: Connection, actor: Actor, now: dt.datetime, store: Store, *,
                       code: str, name: str, country: str, scope: str,
                       sector: str | None = None, region: str | None = None,
                       parent_id: str | None = None) -> str:
    """Insert an institution inside the caller's transaction (no role check: callers check)."""
    _check_institution_fields(code, name, country, scope)
    if conn.execute(sa.select(institution.c.id).where(institution.c.code == code)).first():
        raise StoreError(Problem(say("store.institution_taken", code=code),
                                 field="code"))
    if parent_id is not None and conn.execute(sa.select(institution.c.id).where(
            institution.c.id == parent_id)).first() is None:
        raise NotFoundError(Problem(say("store.no_parent", id=parent_id), field="parent"))
    iid = new_id()
    conn.execute(institution.insert().values(
        id=iid, code=code, name=name.strip(), country=country.strip(), scope=scope,
        sector=sector, region=region, parent_id=parent_id, version=1, updated_at=now,
        updated_by=actor.user_id))
    audit.append(conn, store, actor.user_id, "institution.create", f"institution:{iid}",
                 {"institution": iid, "code": code, "scope": scope, "parent": parent_id})
    return iid


def create_institution(store: Store, actor: Actor, *, code: str, name: str, country: str,
                       scope: str, sector: str | None = None, region: str | None = None,
                       parent_id: str | None = None) -> InstitutionInfo:
    """Add an institution (admin).  ``code`` is its id in assessment files."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.add_institutions"))
        iid = insert_institution(conn, actor, store.now(), store, code=code, name=name,
                                 country=country, scope=scope, sector=sector, region=region,
                                 parent_id=parent_id)
        return _institution(conn.execute(sa.select(institution).where(
            institution.c.id == iid)).one())


def update_institution(store: Store, actor: Actor, institution_id: str, expected_version: int,
                       **changes) -> InstitutionInfo:
    """Change an institution's name, country, scope, sector, region or parent (admin)."""
    allowed = {"name", "country", "scope", "sector", "region", "parent_id"}
    unknown = set(changes) - allowed
    if unknown:
        raise StoreError(say("store.unchangeable", fields=", ".join(sorted(unknown)),
                             allowed=", ".join(sorted(allowed))))
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.change_institutions"))
        row = conn.execute(sa.select(institution).where(
            institution.c.id == institution_id)).first()
        if row is None:
            raise NotFoundError(say("store.no_institution", id=institution_id))
        merged = {k: changes.get(k, getattr(row, k)) for k in allowed}
        _check_institution_fields(row.code, merged["name"], merged["country"], merged["scope"])
        update_versioned(conn, institution, [institution.c.id == institution_id],
                         expected_version, say("store.rec.institution", code=row.code), actor,
                         store.now(),
                         changes)
        audit.append(conn, store, actor.user_id, "institution.update",
                     f"institution:{institution_id}",
                     {"institution": institution_id, "fields": sorted(changes),
                      "version": expected_version + 1})
        return _institution(conn.execute(sa.select(institution).where(
            institution.c.id == institution_id)).one())


def _visible_institutions(conn: Connection, actor: Actor):
    if actor.is_admin or actor.is_programme_officer:
        return sa.true()
    clauses = []
    if actor.institutions:
        clauses.append(institution.c.id.in_(sorted(actor.institutions)))
    if actor.countries:
        clauses.append(institution.c.country.in_(sorted(actor.countries)))
    if actor.is_assessor:
        clauses.append(institution.c.id.in_(
            sa.select(assessment.c.institution_id).join(
                assignment, assignment.c.assessment_id == assessment.c.id).where(
                assignment.c.assessor_id == actor.user_id)))
    return sa.or_(*clauses) if clauses else sa.false()


def list_institutions(store: Store, actor: Actor) -> list[InstitutionInfo]:
    """The institutions ``actor`` may see, by country and name."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        rows = conn.execute(sa.select(institution).where(_visible_institutions(conn, actor))
                            .order_by(institution.c.country, institution.c.name)).all()
    return [_institution(r) for r in rows]


def get_institution(store: Store, actor: Actor, id_or_code: str) -> InstitutionInfo:
    """One institution by id or code, if ``actor`` may see it."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = conn.execute(sa.select(institution).where(
            sa.or_(institution.c.id == id_or_code, institution.c.code == id_or_code),
            _visible_institutions(conn, actor))).first()
    if row is None:
        raise NotFoundError(Problem(say("store.no_institution_visible", id=id_or_code),
                                    record_id=str(id_or_code)))
    return _institution(row)


# ------------------------------------------------------------------------------ users


def _roles_of(conn: Connection, user_id: str) -> tuple[str, ...]:
    out = []
    for g in conn.execute(sa.select(role_grant, institution.c.code).outerjoin(
            institution, institution.c.id == role_grant.c.institution_id).where(
            role_grant.c.user_id == user_id).order_by(role_grant.c.role,
                                                      role_grant.c.scope_key)):
        scope = g.code if g.role == "focal_point" else g.country
        out.append(f"{g.role}:{scope}" if scope else g.role)
    return tuple(out)


def _user(conn: Connection, row: Row) -> UserInfo:
    return UserInfo(row.id, row.email, row.display_name, bool(row.active),
                    _roles_of(conn, row.id), row.version)


def insert_user(conn: Connection, actor: Actor, store: Store, *, email: str,
                display_name: str, password: str) -> str:
    """Insert a user inside the caller's transaction (no role check: callers check)."""
    email = (email or "").strip().lower()
    if not _EMAIL.match(email):
        raise StoreError(Problem(say("store.not_an_email", email=email), field="email"))
    if not (display_name or "").strip():
        raise StoreError(Problem(say("store.display_name"), field="display_name"))
    if conn.execute(sa.select(app_user.c.id).where(app_user.c.email == email)).first():
        raise StoreError(Problem(say("store.email_taken", email=email),
                                 field="email"))
    uid = new_id()
    conn.execute(app_user.insert().values(
        id=uid, email=email, display_name=display_name.strip(),
        password_hash=hash_password(password), active=True, version=1,
        updated_at=store.now(), updated_by=actor.user_id))
    audit.append(conn, store, actor.user_id, "user.create", f"user:{uid}", {"user": uid})
    return uid


def create_user(store: Store, actor: Actor, *, email: str, display_name: str,
                password: str) -> UserInfo:
    """Add a user (admin); they have no role until one is granted."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.add_users"))
        uid = insert_user(conn, actor, store, email=email, display_name=display_name,
                          password=password)
        return _user(conn, conn.execute(sa.select(app_user).where(app_user.c.id == uid)).one())


def list_users(store: Store, actor: Actor) -> list[UserInfo]:
    """Every user with their roles (admin)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.list_users"))
        rows = conn.execute(sa.select(app_user).order_by(app_user.c.email)).all()
        return [_user(conn, r) for r in rows]


def find_user(store: Store, actor: Actor, email_or_id: str) -> UserInfo:
    """A user by e-mail address or id (admin, or the user themself)."""
    key = (email_or_id or "").strip()
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = conn.execute(sa.select(app_user).where(sa.or_(
            app_user.c.email == key.lower(), app_user.c.id == key))).first()
        if row is None or not (actor.is_admin or row.id == actor.user_id):
            raise NotFoundError(Problem(say("store.no_user", id=email_or_id), field="user"))
        return _user(conn, row)


def _user_row(conn: Connection, user_id: str) -> Row:
    row = conn.execute(sa.select(app_user).where(app_user.c.id == user_id)).first()
    if row is None:
        raise NotFoundError(Problem(say("store.no_user", id=user_id), field="user"))
    return row


def grant_role(store: Store, actor: Actor, user_id: str, role: str, *,
               institution_id: str | None = None, country: str | None = None) -> UserInfo:
    """Give a user a role (admin): ``focal_point`` needs ``institution_id``, ``analyst``
    needs ``country``; ``assessor`` and ``admin`` take neither."""
    if role not in ROLES:
        raise StoreError(Problem(say("store.bad_role", role=role, roles=", ".join(ROLES)),
                                 field="role"))
    if (role == "focal_point") != (institution_id is not None):
        raise StoreError(Problem(say("store.focal_needs_institution"), field="institution"))
    if (role == "analyst") != bool(country):
        raise StoreError(Problem(say("store.analyst_needs_country"), field="country"))
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.grant_roles"))
        _user_row(conn, user_id)
        if institution_id is not None and conn.execute(sa.select(institution.c.id).where(
                institution.c.id == institution_id)).first() is None:
            raise NotFoundError(Problem(say("store.no_institution", id=institution_id),
                                        field="institution"))
        if country:
            countries = sorted(set(conn.execute(sa.select(institution.c.country)).scalars()))
            if countries and country not in countries:
                from ..errors import did_you_mean, suggestion

                near = did_you_mean(country, countries)
                if near:  # a typo, most likely; a new country of its own is fine
                    raise StoreError(Problem(
                        say("store.no_country", country=country,
                            hint=suggestion(country, countries),
                            countries=", ".join(countries)), field="country"))
        scope_key = institution_id or country or ""
        if conn.execute(sa.select(role_grant.c.id).where(
                role_grant.c.user_id == user_id, role_grant.c.role == role,
                role_grant.c.scope_key == scope_key)).first():
            shown = country or (conn.execute(sa.select(institution.c.code).where(
                institution.c.id == institution_id)).scalar_one() if institution_id else "")
            raise StoreError(say("store.has_role_for", role=role, scope=shown) if shown
                             else say("store.has_role", role=role))
        gid = new_id()
        conn.execute(role_grant.insert().values(
            id=gid, user_id=user_id, role=role, institution_id=institution_id, country=country,
            scope_key=scope_key, granted_at=store.now(), granted_by=actor.user_id))
        audit.append(conn, store, actor.user_id, "role.grant", f"user:{user_id}",
                     {"user": user_id, "role": role, "institution": institution_id,
                      "country": country})
        return _user(conn, _user_row(conn, user_id))


def revoke_role(store: Store, actor: Actor, user_id: str, role: str, *,
                institution_id: str | None = None, country: str | None = None) -> UserInfo:
    """Take a role away from a user (admin); the admin role of the last active administrator
    is refused."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.revoke_roles"))
        row = _user_row(conn, user_id)
        if role == "admin":
            _keep_an_admin(conn, row, "role")
        scope_key = institution_id or country or ""
        gone = conn.execute(role_grant.delete().where(
            role_grant.c.user_id == user_id, role_grant.c.role == role,
            role_grant.c.scope_key == scope_key))
        if gone.rowcount != 1:
            raise NotFoundError(say("store.lacks_role_for", role=role, scope=scope_key)
                                if scope_key else say("store.lacks_role", role=role))
        audit.append(conn, store, actor.user_id, "role.revoke", f"user:{user_id}",
                     {"user": user_id, "role": role, "institution": institution_id,
                      "country": country})
        return _user(conn, _user_row(conn, user_id))


def set_password(store: Store, actor: Actor, user_id: str, new_password: str, *,
                 current_password: str | None = None, keep_session: str | None = None) -> None:
    """Set a user's password: an admin for anyone, a user for themself with the current one.

    In the same transaction the user's sessions end: all of them when an admin (or the command
    line) sets another user's password, every other one when users change their own
    (``keep_session`` is the token of the session they are using, which stays open)."""
    new_hash = hash_password(new_password)
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = _user_row(conn, user_id) if actor.is_admin or actor.user_id == user_id else None
        if row is None:
            raise NotFoundError(Problem(say("store.no_user", id=user_id), field="user"))
        if not actor.is_admin:
            from argon2 import exceptions

            try:
                hasher().verify(row.password_hash, current_password or "")
            except (exceptions.VerificationError, exceptions.InvalidHashError):
                raise StoreError(Problem(say("store.wrong_password"),
                                         field="current_password")) from None
        conn.execute(app_user.update().where(app_user.c.id == user_id).values(
            password_hash=new_hash, version=app_user.c.version + 1, updated_at=store.now(),
            updated_by=actor.user_id))
        audit.append(conn, store, actor.user_id, "user.password", f"user:{user_id}",
                     {"user": user_id})
        own = actor.user_id == user_id
        close_sessions(conn, store, actor, user_id, keep_token=keep_session if own else None,
                       reason="password_changed" if own else "password_reset")


def _active_admins(conn: Connection) -> set[str]:
    return set(conn.execute(sa.select(role_grant.c.user_id).join(
        app_user, app_user.c.id == role_grant.c.user_id).where(
        role_grant.c.role == "admin", app_user.c.active.is_(True))).scalars())


def _keep_an_admin(conn: Connection, row: Row, what: str) -> None:
    """Refuse to leave the programme without an active administrator (whoever asks: the app,
    the command line or a program): there would be no one left to manage users.  ``what``:
    ``role`` (taking the admin role away) or ``deactivate``."""
    admins = _active_admins(conn)
    if row.id in admins and admins == {row.id}:
        raise StoreError(Problem(say(f"store.last_admin_{what}", email=row.email), field="role"))


def set_user_active(store: Store, actor: Actor, user_id: str, active: bool) -> UserInfo:
    """Deactivate (or reactivate) a user (admin): a deactivated user cannot sign in and
    loses every right at once, and every session of theirs ends in the same transaction (a
    reactivated user signs in again); their past actions stay in the audit trail.  The last
    active administrator cannot be deactivated."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.deactivate_users"))
        row = _user_row(conn, user_id)
        if not active:
            _keep_an_admin(conn, row, "deactivate")
        conn.execute(app_user.update().where(app_user.c.id == user_id).values(
            active=bool(active), version=row.version + 1, updated_at=store.now(),
            updated_by=actor.user_id))
        audit.append(conn, store, actor.user_id,
                     "user.activate" if active else "user.deactivate", f"user:{user_id}",
                     {"user": user_id})
        if not active:
            close_sessions(conn, store, actor, user_id, reason="deactivated")
        return _user(conn, _user_row(conn, user_id))


# ------------------------------------------------------------------------------ assignments


@dataclass(frozen=True)
class AssignmentInfo:
    assessment_id: str
    assessment_code: str
    assessor_id: str
    assessor: str
    assigned_at: dt.datetime
    team_role: str = "member"
    no_conflict_at: dt.datetime | None = None

    @property
    def lead(self) -> bool:
        return self.team_role == "lead"


def insert_assignment(conn: Connection, actor: Actor, store: Store, assessment_id: str,
                      assessor_id: str, lead: bool | None = None) -> str:
    """Assign inside the caller's transaction (no admin check: callers check).  The first
    assessor of an assessment leads its team unless ``lead`` says otherwise; ``lead=True``
    makes this one the lead (the lead before becomes a member)."""
    if conn.execute(sa.select(assessment.c.id).where(
            assessment.c.id == assessment_id)).first() is None:
        raise NotFoundError(Problem(say("store.no_assessment_id", id=assessment_id),
                                    field="assessment"))
    _user_row(conn, assessor_id)
    if not refresh(conn, Actor(assessor_id, assessor_id)).is_assessor:
        raise StoreError(Problem(say("store.not_assessor"), field="assessor"))
    if conn.execute(sa.select(assignment.c.id).where(
            assignment.c.assessment_id == assessment_id,
            assignment.c.assessor_id == assessor_id)).first():
        raise StoreError(say("store.already_assigned"))
    has_lead = conn.execute(sa.select(assignment.c.id).where(
        assignment.c.assessment_id == assessment_id,
        assignment.c.team_role == "lead")).first() is not None
    lead = (not has_lead) if lead is None else lead
    if lead and has_lead:
        conn.execute(assignment.update().where(assignment.c.assessment_id == assessment_id)
                     .values(team_role="member"))
    aid = new_id()
    role = "lead" if lead else "member"
    conn.execute(assignment.insert().values(id=aid, assessment_id=assessment_id,
                                            assessor_id=assessor_id, assigned_at=store.now(),
                                            assigned_by=actor.user_id, team_role=role))
    audit.append(conn, store, actor.user_id, "assignment.create",
                 f"assessment:{assessment_id}",
                 {"assessment": assessment_id, "assessor": assessor_id, "team_role": role})
    return aid


def assign_assessor(store: Store, actor: Actor, assessment_id: str, assessor_id: str, *,
                    lead: bool | None = None) -> None:
    """Put an assessor on an assessment's team (an admin or a programme officer): only the
    team reviews it, and only its lead recommends a level.  The first assessor leads unless
    ``lead`` says otherwise; ``lead=True`` hands the lead to this one."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        if not (actor.is_admin or actor.is_programme_officer):
            raise denied(actor, say("store.do.assign_assessors"))
        insert_assignment(conn, actor, store, assessment_id, assessor_id, lead)


def unassign_assessor(store: Store, actor: Actor, assessment_id: str, assessor_id: str) -> None:
    """Take an assessor off an assessment (admin); their verdicts so far stay."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.unassign_assessors"))
        gone = conn.execute(assignment.delete().where(
            assignment.c.assessment_id == assessment_id,
            assignment.c.assessor_id == assessor_id))
        if gone.rowcount != 1:
            raise NotFoundError(say("store.not_assigned"))
        audit.append(conn, store, actor.user_id, "assignment.delete",
                     f"assessment:{assessment_id}",
                     {"assessment": assessment_id, "assessor": assessor_id})


def list_assignments(store: Store, actor: Actor) -> list[AssignmentInfo]:
    """Every assignment (admin), or an assessor's own."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        if not (actor.is_admin or actor.is_assessor):
            raise denied(actor, say("store.do.list_assignments"))
        query = (sa.select(assignment, assessment.c.code, app_user.c.display_name)
                 .join(assessment, assessment.c.id == assignment.c.assessment_id)
                 .join(app_user, app_user.c.id == assignment.c.assessor_id))
        if not actor.is_admin:
            query = query.where(assignment.c.assessor_id == actor.user_id)
        query = query.order_by(assessment.c.code, app_user.c.display_name)
        rows = once_per_run(conn, ("assignments", "all" if actor.is_admin else actor.user_id),
                            lambda: tuple(conn.execute(query)))
    return [AssignmentInfo(r.assessment_id, r.code, r.assessor_id, r.display_name,
                           aware(r.assigned_at), r.team_role, aware(r.no_conflict_at))
            for r in rows]
