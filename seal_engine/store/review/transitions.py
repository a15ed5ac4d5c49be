"""Moving an assessment through the lifecycle: :func:`_transition`, the one way any
transition happens (who may take it, from which state, for which purpose, every requirement
checked, the state moved naming the version read, the audit entry appended, in one
transaction), and the institution's and the assessor's transitions into and out of the
review (submit, record a baseline, start the review, request changes)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ...errors import AssessmentError, Problem, StoreError, TransitionError
from ...lifecycle import Purpose, Requirement, Role, transition
from ...messages import Ids, say
from .. import audit
from .._common import Actor, assessment_row, denied, is_assigned, refresh, stale, state_word
from .._common import update_versioned as _cas
from ..engine import Store
from ..results import store_result
from ..schema import assessment, evidence_request
from .requirements import CHECKS, _Facts

__all__ = ["record_baseline", "request_changes", "start_review", "submit_assessment"]


def _may(conn: Connection, actor: Actor, row: Row, who: Role) -> bool:
    if who is Role.focal_point:
        return row.institution_id in actor.institutions
    if who is Role.programme_officer:
        return actor.is_system or actor.is_programme_officer
    return is_assigned(conn, actor, row.id)


def _transition(conn: Connection, store: Store, actor: Actor, assessment_id: str, action: str,
                expected_version: int, payload: dict | None = None, *,
                reason: str | None = None,
                with_result: bool = False) -> tuple[Row, int, str, _Facts]:
    """Check role, state and every requirement of the transition (from the lifecycle table),
    move the state, append the audit entry; return the row as it was, the new version, the
    entry's hash and the facts read on the way."""
    t = transition(action)
    row = assessment_row(conn, actor, assessment_id, content=False)
    if not _may(conn, actor, row, t.who):
        role = {Role.focal_point: "focal_points",
                Role.programme_officer: "programme_officers"}.get(t.who, "assessors")
        raise denied(actor, say("store.do.transition", act=say(f"act.{action}"), code=row.code,
                                who=say(f"store.who.{role}")))
    if row.version != expected_version:  # someone acted first: say who, before anything else
        raise stale(conn, say("store.rec.assessment", code=row.code), row, expected_version)
    if row.state not in {s.value for s in t.sources}:
        allowed = Ids(items=[state_word(s) for s in sorted(s.value for s in t.sources)])
        raise TransitionError(Problem(
            say("store.transition_state", act=say(f"act.{action}"), code=row.code,
                state=state_word(row.state), allowed=allowed),
            record_id=row.code))
    if row.purpose not in {p.value for p in t.purposes}:
        what = say("store.baseline_not_reviewed" if row.purpose == Purpose.baseline.value
                   else "store.certification_submitted")
        raise TransitionError(Problem(
            say("store.transition_purpose", act=say(f"act.{action}"), code=row.code,
                purpose=say(f"purpose.{row.purpose}"), what=what), record_id=row.code))
    facts = _Facts(conn, row, reason, actor, store.now().date())
    for requirement in t.requires:
        problems = CHECKS[requirement](facts)
        if problems:
            kind = AssessmentError if requirement in (Requirement.answers_valid,
                                                      Requirement.answers_complete) \
                else StoreError
            raise kind(problems)
    now = store.now()
    values = {"state": t.target.value}
    if action == "submit":
        values["submitted_at"] = now
    version = _cas(conn, assessment, [assessment.c.id == row.id], expected_version,
                   say("store.rec.assessment", code=row.code), actor, now, values)
    _, digest = audit.append(conn, store, actor.user_id, f"assessment.{action}",
                             f"assessment:{row.id}",
                             {"assessment": row.id, "from": row.state, "to": t.target.value,
                              "version": version, **(payload or {}),
                              **({"level": facts.reviewed().level,
                                  "score": facts.reviewed().score} if with_result else {})})
    return row, version, digest, facts


def _fresh(conn: Connection, actor: Actor, assessment_id: str) -> Row:
    return assessment_row(conn, actor, assessment_id, content=False)


def submit_assessment(store: Store, actor: Actor, assessment_id: str,
                      expected_version: int) -> int:
    """Submit a draft (or an assessment sent back) for review (its focal points).  Every
    answer is checked as ``seal validate`` checks it and every required question of the
    benchmarks that apply must be answered (the lifecycle's requirements); the self-assessed
    result is stored, and open evidence requests count as answered.  Returns the new
    version."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row, version, _, facts = _transition(conn, store, actor, assessment_id, "submit",
                                             expected_version)
        store_result(conn, store, row, "self", facts.scored()[2])
        conn.execute(evidence_request.update().where(
            evidence_request.c.assessment_id == row.id,
            evidence_request.c.answered_at.is_(None)).values(answered_at=store.now()))
        return version


def record_baseline(store: Store, actor: Actor, assessment_id: str,
                    expected_version: int) -> int:
    """Record a baseline self-assessment as the institution's starting point (its focal
    points): every answer valid, every required question answered, the commitment recorded
    when the standard asks for it.  Its self-assessed result is stored; its action plan is
    then drafted on its gaps and approved by the head or the committee.  Returns the new
    version."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row, version, _, facts = _transition(conn, store, actor, assessment_id,
                                             "record_baseline", expected_version)
        store_result(conn, store, row, "self", facts.scored()[2])
        return version


def start_review(store: Store, actor: Actor, assessment_id: str, expected_version: int) -> int:
    """Take a submitted assessment under review (an assigned assessor)."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        return _transition(conn, store, actor, assessment_id, "start_review",
                           expected_version)[1]


def request_changes(store: Store, actor: Actor, assessment_id: str,
                    expected_version: int) -> int:
    """Send the assessment back to the institution (an assigned assessor), after saying what
    is needed with :func:`request_evidence`."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = _fresh(conn, actor, assessment_id)
        open_requests = conn.execute(sa.select(sa.func.count()).select_from(
            evidence_request).where(evidence_request.c.assessment_id == row.id,
                                    evidence_request.c.answered_at.is_(None))).scalar()
        return _transition(conn, store, actor, assessment_id, "request_changes",
                           expected_version, {"requests": open_requests})[1]

