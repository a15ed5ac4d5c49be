"""E-mail notices: what is due to whom, sent once, and each user's choice to receive them.

What is due is read from the record itself, never from a queue a page must remember to fill:

* ``assessment.submitted``: to each member of the assessment team of an assessment submitted
  for review (or under review), for its latest submission;
* ``assessment.submitted.unassigned``: to the programme officers (the programme's staff, who
  put the teams together), when an assessment is submitted and no team is assigned to it yet;
  the team still gets its own notice on the first run after it is assigned;
* ``assessment.changes_requested``: to the institution's focal points, when the team sent the
  assessment back;
* ``assessment.certified`` / ``assessment.not_certified``: to the focal points, when the award
  is decided;
* ``certificate.expiring.90`` / ``certificate.expiring.30``: to the focal points, 90 and 30 days
  before a certificate (not revoked) expires (only the nearer one when both are due);
* ``plan.milestone``: to the focal points, when an action of their plan not done ends its
  quarter within :data:`MILESTONE_AHEAD` (or ended it less than :data:`MILESTONE_LATE` ago).

A transition's notice names the audit entry of the transition (``assessment:ID@SEQ``), so that a
second submission is a second notice and the same one is never two.  Each notice is *claimed*
(a row of ``notice`` keyed by kind, subject and recipient, inserted in a write transaction)
before it is sent: a concurrent run finds the row and skips it, so no notice goes out twice.  A
failed send is marked ``failed`` and tried again by the next run; one whose run stopped while
sending stays ``sending`` and is reported, never resent blindly.  Users who turned notices off
(:func:`set_email_notices`) get none.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..lifecycle import transition
from ..messages import say
from . import audit
from ._common import SYSTEM_ID, Actor, aware, denied, refresh
from .engine import Store
from .schema import (
    action_plan,
    app_user,
    assessment,
    assignment,
    audit_log,
    certificate,
    institution,
    notice,
    notice_setting,
    role_grant,
)

__all__ = ["KINDS", "DueNotice", "NoticeSetting", "claim_notice", "due_notices",
           "finish_notice", "get_notice_setting", "notice_log", "record_run",
           "set_email_notices"]

KINDS = ("assessment.submitted", "assessment.submitted.unassigned",
         "assessment.changes_requested", "assessment.certified",
         "assessment.not_certified", "certificate.expiring.90", "certificate.expiring.30",
         "plan.milestone")
EXPIRY_DAYS = (90, 30)
MILESTONE_AHEAD = dt.timedelta(days=14)
MILESTONE_LATE = dt.timedelta(days=60)
_TRANSITIONS = {"assessment.submit": "assessment.submitted",
                "assessment.request_changes": "assessment.changes_requested",
                "assessment.certify": "assessment.certified",
                "assessment.refuse": "assessment.not_certified"}
#: The states in which a transition's notice is still worth sending: the state it led to (and,
#: for a submission, the review the team may already have started).
_STATE_OF = {kind: frozenset({transition(action.removeprefix("assessment.")).target.value})
             for action, kind in _TRANSITIONS.items()}
_STATE_OF["assessment.submitted"] |= {transition("start_review").target.value}


@dataclass(frozen=True)
class DueNotice:
    """A notice due: its kind, what it is about, who gets it (with their address) and the
    params its text needs (codes and values, rendered in the recipient's language)."""

    kind: str
    subject: str
    recipient_id: str
    email: str
    name: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NoticeSetting:
    email_notices: bool = True
    version: int = 0


def _opted_out(conn) -> set[str]:
    return set(conn.execute(sa.select(notice_setting.c.user_id).where(
        notice_setting.c.email_notices.is_(False))).scalars())


def _users(conn) -> dict[str, Any]:
    return {r.id: r for r in conn.execute(sa.select(app_user.c.id, app_user.c.email,
                                                    app_user.c.display_name).where(
        app_user.c.active.is_(True)))}


def _focal_points(conn) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in conn.execute(sa.select(role_grant.c.user_id, role_grant.c.institution_id).where(
            role_grant.c.role == "focal_point")):
        out.setdefault(r.institution_id, []).append(r.user_id)
    return out


def _programme_officers(conn) -> list[str]:
    return sorted(set(conn.execute(sa.select(role_grant.c.user_id).where(
        role_grant.c.role == "programme_officer")).scalars()))


def _quarter_end(text: str) -> dt.date | None:
    try:
        year, q = text.split("-Q")
        month = int(q) * 3
        return (dt.date(int(year) + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    except (ValueError, AttributeError):
        return None


def due_notices(store: Store, actor: Actor, today: dt.date | None = None) -> list[DueNotice]:
    """Every notice due now and not yet sent (or failed before), to users who did not turn
    notices off; the command line only (it reads every institution's record)."""
    today = today or store.now().date()
    with store.read() as conn:
        actor = refresh(conn, actor)
        if not actor.is_system:
            raise denied(actor, say("store.do.read_notices_due"))
        users, out_ = _users(conn), _opted_out(conn)
        focal = _focal_points(conn)
        done = {(r.kind, r.subject, r.recipient_id) for r in conn.execute(
            sa.select(notice.c.kind, notice.c.subject, notice.c.recipient_id).where(
                notice.c.state != "failed"))}
        due: list[DueNotice] = []

        def add(kind: str, subject: str, uid: str, params: dict[str, Any]) -> None:
            u = users.get(uid)
            if u is None or uid in out_ or (kind, subject, uid) in done:
                return
            due.append(DueNotice(kind, subject, uid, u.email, u.display_name, params))

        rows = conn.execute(sa.select(
            assessment.c.id, assessment.c.code, assessment.c.state, assessment.c.institution_id,
            institution.c.name.label("institution_name"), institution.c.code.label("inst"))
            .join(institution, institution.c.id == assessment.c.institution_id)).all()
        by_id = {r.id: r for r in rows}
        # the latest entry of each notifying transition, per assessment
        latest: dict[tuple[str, str], int] = {}
        for e in conn.execute(sa.select(audit_log.c.seq, audit_log.c.action,
                                        audit_log.c.entity).where(
                audit_log.c.action.in_(list(_TRANSITIONS)))):
            aid = e.entity.partition(":")[2]
            kind = _TRANSITIONS[e.action]
            latest[(aid, kind)] = max(latest.get((aid, kind), 0), e.seq)
        team: dict[str, list[str]] = {}
        for a in conn.execute(sa.select(assignment.c.assessment_id, assignment.c.assessor_id)):
            team.setdefault(a.assessment_id, []).append(a.assessor_id)
        levels = {c.assessment_id: c.level for c in conn.execute(
            sa.select(certificate.c.assessment_id, certificate.c.level))}
        for (aid, kind), seq in sorted(latest.items()):
            row = by_id.get(aid)
            if row is None or row.state not in _STATE_OF[kind]:
                continue
            params = {"assessment": row.code, "institution": row.institution_name}
            if kind == "assessment.certified":
                params["level"] = levels.get(aid, "")
            people = team.get(aid, []) if kind == "assessment.submitted" \
                else focal.get(row.institution_id, [])
            if kind == "assessment.submitted" and not people:  # no team yet: who makes one
                for uid in _programme_officers(conn):
                    add("assessment.submitted.unassigned", f"assessment:{aid}@{seq}", uid,
                        params)
            for uid in people:
                add(kind, f"assessment:{aid}@{seq}", uid, params)
        for c in conn.execute(sa.select(certificate.c.id, certificate.c.assessment_id,
                                        certificate.c.level, certificate.c.valid_until)
                              .where(certificate.c.revoked_at.is_(None),
                                     certificate.c.valid_until.is_not(None))):
            left = (c.valid_until - today).days
            if left < 0:
                continue
            near = [d for d in EXPIRY_DAYS if left <= d]
            if not near:
                continue
            days = min(near)
            row = by_id.get(c.assessment_id)
            if row is None:
                continue
            params = {"assessment": row.code, "institution": row.institution_name,
                      "level": c.level, "valid_until": c.valid_until.isoformat(), "days": left}
            for uid in focal.get(row.institution_id, []):
                add(f"certificate.expiring.{days}", f"certificate:{c.id}", uid, params)
        for p in conn.execute(sa.select(action_plan.c.assessment_id, action_plan.c.plan)):
            row = by_id.get(p.assessment_id)
            if row is None:
                continue
            try:
                plan_rows = json.loads(p.plan).get("rows", [])
            except (ValueError, AttributeError):
                continue
            for r in plan_rows:
                if not isinstance(r, dict) or r.get("status") in ("done", "dropped"):
                    continue
                end = _quarter_end(str(r.get("end") or ""))
                if end is None or not (today - MILESTONE_LATE <= end <= today + MILESTONE_AHEAD):
                    continue
                params = {"assessment": row.code, "institution": row.institution_name,
                          "action": str(r.get("activity") or r.get("action") or ""),
                          "quarter": r.get("end"), "due": end.isoformat(),
                          "progress": int(r.get("progress") or 0)}
                subject = f"plan:{p.assessment_id}:{r.get('no')}:{r.get('end')}"
                for uid in focal.get(row.institution_id, []):
                    add("plan.milestone", subject[:160], uid, params)
        return due


def claim_notice(store: Store, kind: str, subject: str, recipient_id: str) -> bool:
    """Take a notice for sending: ``True`` when this caller got it (no other run has it, or
    the last attempt failed), ``False`` when it is sent or being sent already."""
    with store.write() as conn:
        now = store.now()
        key = [notice.c.kind == kind, notice.c.subject == subject,
               notice.c.recipient_id == recipient_id]
        found = conn.execute(sa.select(notice.c.state).where(*key)).first()
        if found is None:
            try:
                with conn.begin_nested():
                    conn.execute(notice.insert().values(
                        kind=kind, subject=subject, recipient_id=recipient_id, state="sending",
                        attempts=1, claimed_at=now))
            except IntegrityError:
                return False
            return True
        if found.state != "failed":
            return False
        taken = conn.execute(notice.update().where(*key, notice.c.state == "failed").values(
            state="sending", attempts=notice.c.attempts + 1, claimed_at=now, error=None))
        return taken.rowcount == 1


def finish_notice(store: Store, kind: str, subject: str, recipient_id: str, *,
                  error: str | None = None) -> None:
    """Record how a claimed notice went: sent, or failed with ``error`` (tried again by the
    next run)."""
    with store.write() as conn:
        values: dict[str, Any] = ({"state": "sent", "sent_at": store.now(), "error": None}
                                  if error is None else {"state": "failed",
                                                         "error": error[:2000]})
        conn.execute(notice.update().where(
            notice.c.kind == kind, notice.c.subject == subject,
            notice.c.recipient_id == recipient_id).values(**values))


def record_run(store: Store, sent: int, failed: int) -> None:
    """One audit entry per run that sent or failed something: how many."""
    if not sent and not failed:
        return
    with store.write() as conn:
        audit.append(conn, store, SYSTEM_ID, "notices.send", "notices",
                     {"sent": sent, "failed": failed})


def notice_log(store: Store, actor: Actor, *, state: str | None = None) -> list[dict[str, Any]]:
    """The notices recorded (the command line and administrators): kind, subject, recipient,
    state, attempts, when claimed and sent, the last error."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        if not actor.is_admin:
            raise denied(actor, say("store.do.read_notices_sent"))
        q = sa.select(notice, app_user.c.email).join(
            app_user, app_user.c.id == notice.c.recipient_id)
        if state is not None:
            q = q.where(notice.c.state == state)
        return [{"kind": r.kind, "subject": r.subject, "recipient": r.email, "state": r.state,
                 "attempts": r.attempts, "claimed_at": aware(r.claimed_at),
                 "sent_at": aware(r.sent_at), "error": r.error}
                for r in conn.execute(q.order_by(notice.c.claimed_at))]


def get_notice_setting(store: Store, actor: Actor, user_id: str | None = None) -> NoticeSetting:
    """Whether ``actor`` (or, for the command line, ``user_id``) receives e-mail notices."""
    uid = user_id or actor.user_id
    with store.read() as conn:
        actor = refresh(conn, actor)
        if uid != actor.user_id and not actor.is_system:
            raise denied(actor, say("store.do.read_notice_setting"))
        row = conn.execute(sa.select(notice_setting.c.email_notices, notice_setting.c.version)
                           .where(notice_setting.c.user_id == uid)).first()
        return NoticeSetting(bool(row.email_notices), row.version) if row else NoticeSetting()


def set_email_notices(store: Store, actor: Actor, enabled: bool, expected_version: int,
                      user_id: str | None = None) -> int:
    """Turn e-mail notices on or off for ``actor`` (the command line: for ``user_id``);
    ``expected_version``: the setting's version read (0: never set).  Returns the new
    version; audited in the user's record."""
    from .preferences import set_user_setting

    return set_user_setting(store, actor, notice_setting, {"email_notices": bool(enabled)},
                            expected_version, user_id,
                            what="notice_setting", action="user.notices",
                            for_system=say("store.no_notices"))
