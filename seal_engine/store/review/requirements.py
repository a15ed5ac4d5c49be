"""What each transition of the lifecycle requires, checked: one check a
:class:`~seal_engine.lifecycle.Requirement` (:data:`CHECKS`; a test keeps every requirement
checked), each reading what it needs once through the transition's :class:`_Facts`."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ...errors import AssessmentError, Problem
from ...lifecycle import Requirement, State
from ...messages import pct, say
from ...progress import completeness
from .._common import Actor
from ..assessments import compute
from ..results import reviewed
from ..schema import assignment, evidence_request
from ..stages import stage_problems
from ..standards import standard_by_pk
from .status import _status

__all__ = ["CHECKS"]


def _assignment(conn: Connection, actor: Actor, row: Row) -> Row | None:
    return conn.execute(sa.select(assignment).where(
        assignment.c.assessment_id == row.id,
        assignment.c.assessor_id == actor.user_id)).first()


class _Facts:
    """What the requirement checks of one transition read, each read once."""

    def __init__(self, conn: Connection, row: Row, reason: str | None, actor: Actor,
                 today: dt.date):
        self.conn, self.row, self.reason, self.actor = conn, row, reason, actor
        self.today = today
        self._scored: dict[bool, tuple] = {}
        self._reviewed = None

    def scored(self, reviewed_view: bool = False) -> tuple:
        if reviewed_view not in self._scored:
            self._scored[reviewed_view] = compute(self.conn, self.row, reviewed=reviewed_view)
        return self._scored[reviewed_view]

    def reviewed(self):
        if self._reviewed is None:
            self._reviewed = reviewed(self.conn, self.row, self.scored(True))[1]
        return self._reviewed


def _answers_valid(f: _Facts) -> list[Problem]:
    try:
        f.scored()
    except AssessmentError as e:
        return e.problems + [Problem(say("store.fix_answers_first"),
                                     record_id=f.row.code)]
    return []


def _answers_complete(f: _Facts) -> list[Problem]:
    std, model, result = f.scored()
    left = [(bid, qid) for d in completeness(
        std, model.answers, model.not_applicable, {e.requirement for e in model.evidence},
        {b.id: b.status.value for b in result.benchmarks}, result.not_asked)
        for bid, qid in d.left]
    if not left:
        return []
    questions = std.questions()
    return [Problem(say("store.not_answered", question=qid, benchmark=bid,
                        text=questions[qid].text),
                    field=f"answers.{qid}", record_id=qid) for bid, qid in left] + [
        Problem(say("store.answers_left", n=len(left)), record_id=f.row.code)]


def _review_complete(f: _Facts) -> list[Problem]:
    status = _status(f.conn, f.row)
    if status.complete:
        return []
    return [Problem(m, record_id=f.row.code) for m in status.missing] + [
        Problem(say("store.review_incomplete"), record_id=f.row.code)]


def _open_requests(f: _Facts) -> list[Problem]:
    n = f.conn.execute(sa.select(sa.func.count()).select_from(evidence_request).where(
        evidence_request.c.assessment_id == f.row.id,
        evidence_request.c.answered_at.is_(None))).scalar()
    if n:
        return []
    return [Problem(say("store.request_first"), record_id=f.row.code)]


def _reviewed_level(f: _Facts) -> list[Problem]:
    result = f.reviewed()
    if result.level is not None:
        return []
    return [Problem(say("store.no_level", score=pct(result.score, 1)), record_id=f.row.code)]


def _certifiable_standard(f: _Facts) -> list[Problem]:
    std = standard_by_pk(f.conn, f.row.standard_pk)
    if std.certifiable:
        return []
    return [Problem(say("store.not_certifying", standard=std.id, version=std.version),
                    record_id=f.row.code)]


def _reason(f: _Facts) -> list[Problem]:
    if (f.reason or "").strip():
        return []
    return [Problem(say("store.why_not_certified"), field="reason",
                    record_id=f.row.code)]


def _no_conflict(f: _Facts) -> list[Problem]:
    if f.actor.is_system:
        return []
    a = _assignment(f.conn, f.actor, f.row)
    if a is not None and a.no_conflict_at is not None:
        return []
    return [Problem(say("store.declare_first", code=f.row.code), record_id=f.row.code)]


def _team_lead(f: _Facts) -> list[Problem]:
    if f.actor.is_system:
        return []
    a = _assignment(f.conn, f.actor, f.row)
    if a is not None and a.team_role == "lead":
        return []
    return [Problem(say("store.lead_recommends", code=f.row.code), record_id=f.row.code)]


def _four_eyes(f: _Facts) -> list[Problem]:
    if f.actor.is_system or _assignment(f.conn, f.actor, f.row) is None:
        return []
    return [Problem(say("store.four_eyes", code=f.row.code), record_id=f.row.code)]


def _recommended_award(f: _Facts) -> list[Problem]:
    if f.row.recommendation == "certify":
        return []
    return [Problem(say("store.team_recommended_refusal", code=f.row.code),
                    record_id=f.row.code)]


def _stage(name: str):
    """The check of one stage of the process, made when the application is first submitted
    (an assessment sent back for changes was already admitted to review)."""
    def check(f: _Facts) -> list[Problem]:
        if f.row.state != State.draft.value:
            return []
        return stage_problems(f.conn, f.row, name, f.today)
    check.__name__ = f"_{name}"
    return check


#: How the store checks each requirement of the lifecycle (every one has a check: a test).
CHECKS = {
    Requirement.answers_valid: _answers_valid,
    Requirement.answers_complete: _answers_complete,
    Requirement.review_complete: _review_complete,
    Requirement.open_requests: _open_requests,
    Requirement.reviewed_level: _reviewed_level,
    Requirement.certifiable_standard: _certifiable_standard,
    Requirement.reason: _reason,
    Requirement.no_conflict: _no_conflict,
    Requirement.team_lead: _team_lead,
    Requirement.four_eyes: _four_eyes,
    Requirement.recommended_award: _recommended_award,
    Requirement.commitment: _stage("commitment"),
    Requirement.baseline: _stage("baseline"),
    Requirement.plan_approved: _stage("plan_approval"),
    Requirement.implementation_period: _stage("implementation"),
}

