"""The programme's stages before the application, as services: the institution's commitment,
the baseline, the approval of the baseline's action plan and the implementation period (see
:mod:`seal_engine.lifecycle` for the whole process).

Which stages a certification needs is the standard's :class:`~seal_engine.models.Process`;
the requirements of ``submit`` read it through :func:`stage_problems`, so the app, the command
line and any other caller meet the same checks.  :func:`process_status` is the one read of
where an institution stands, for the pages and ``seal process status``.

Documents (the head's letter, the committee's founding act, the plan's approval) are stored as
evidence files are: content-addressed, within the evidence limits, their names shown only.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..errors import NotFoundError, Problem, StoreError, TransitionError
from ..lifecycle import BASELINES, DECIDED, Purpose, State
from ..messages import say
from ..models import Process
from . import audit
from ._baseline import baseline_of
from ._common import Actor, assessment_row, denied, new_id, refresh, stale, state_word
from ._common import update_versioned as _cas
from .engine import Store
from .evidence import check_file, store_blob
from .schema import action_plan, assessment, certificate, commitment, institution
from .standards import standard_by_pk

__all__ = ["CommitmentInfo", "PlanApproval", "ProcessStatus", "StageInfo", "add_months",
           "approval_of", "approve_action_plan", "baseline_of", "process_status",
           "record_commitment", "stage_problems"]


@dataclass(frozen=True)
class CommitmentInfo:
    """The institution's commitment: the head's signed letter and the committee's act."""

    id: str
    institution_id: str
    signed_on: dt.date
    letter_name: str
    letter_sha256: str
    committee_name: str
    committee_sha256: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class PlanApproval:
    """The approval of an assessment's action plan by the head or the committee."""

    assessment_id: str
    assessment_code: str
    approved_on: dt.date
    approved_by: str  # head or committee
    document_name: str
    document_sha256: str


@dataclass(frozen=True)
class StageInfo:
    """One stage of the process for an institution: ``code`` (commitment, baseline,
    plan_approval, implementation, application, review, award), whether the standard requires
    it, whether it is done, and its facts (dates, codes, counts) for the page to put in words."""

    code: str
    required: bool
    done: bool
    facts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ProcessStatus:
    """Where an institution stands in the programme's process."""

    institution_id: str
    institution_code: str
    standard: str | None  # "id vN" of the process read (the latest assessment's standard)
    process: Process
    commitment: CommitmentInfo | None
    baseline_id: str | None
    baseline_code: str | None
    approval: PlanApproval | None
    stages: list[StageInfo]

    @property
    def next_stage(self) -> StageInfo | None:
        """The first required stage not done."""
        return next((s for s in self.stages if s.required and not s.done), None)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved on by ``months`` (the last day of a shorter month when needed)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


# ------------------------------------------------------------------------------ reads


def _commitment(conn: Connection, institution_id: str) -> CommitmentInfo | None:
    r = conn.execute(sa.select(commitment).where(commitment.c.institution_id == institution_id)
                     .order_by(commitment.c.recorded_at.desc()).limit(1)).first()
    if r is None:
        return None
    return CommitmentInfo(r.id, r.institution_id, r.signed_on, r.letter_name, r.letter_sha256,
                          r.committee_name, r.committee_sha256, r.recorded_at)


def _approval(row: Row | None) -> PlanApproval | None:
    if row is None or row.plan_approved_on is None:
        return None
    return PlanApproval(row.id, row.code, row.plan_approved_on, row.plan_approved_by,
                        row.plan_approval_name, row.plan_approval_sha256)


def _plan_rows(conn: Connection, assessment_id: str) -> list[dict]:
    text = conn.execute(sa.select(action_plan.c.plan).where(
        action_plan.c.assessment_id == assessment_id)).scalar()
    return json.loads(text).get("rows", []) if text else []


def stage_problems(conn: Connection, row: Row, stage: str, today: dt.date) -> list[Problem]:
    """What stops a certification assessment at ``stage`` (commitment, baseline,
    plan_approval, implementation), by the standard's process; ``[]`` when nothing does."""
    process = standard_by_pk(conn, row.standard_pk).process
    code = row.code
    if stage == "commitment":
        if not process.commitment or _commitment(conn, row.institution_id) is not None:
            return []
        return [Problem(say("store.commitment_missing"), record_id=code)]
    base = baseline_of(conn, row) if row.purpose == Purpose.certification.value else None
    if stage == "baseline":
        if not process.baseline or base is not None:
            return []
        return [Problem(say("store.baseline_missing"), record_id=code)]
    approval = _approval(base)
    if stage == "plan_approval":
        if not process.plan_approval or approval is not None:
            return []
        why = (say("store.plan_of_not_approved", code=base.code) if base is not None
               else say("store.plan_not_approved"))
        return [Problem(why, record_id=code)]
    if stage == "implementation":
        months = process.minimum_implementation_months
        if not months or not process.plan_approval or approval is None:
            return []
        ready = add_months(approval.approved_on, months)
        if today >= ready:
            return []
        return [Problem(say("store.implementation_short",
                            approved=approval.approved_on.isoformat(),
                            days=(today - approval.approved_on).days, months=months,
                            ready=ready.isoformat()), record_id=code)]
    raise ValueError(f"unknown stage {stage!r}")


def process_status(store: Store, actor: Actor, institution_id: str) -> ProcessStatus:
    """Where an institution stands: each stage of the process, required or not, done or not,
    with its facts (the institution's focal points, its assessors, programme staff)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        inst = conn.execute(sa.select(institution).where(
            institution.c.id == institution_id)).first()
        if inst is None or not (actor.is_system or actor.is_programme_officer
                                or actor.is_admin or inst.id in actor.institutions):
            raise NotFoundError(Problem(say("store.no_institution_visible", id=institution_id),
                                        field="institution"))
        rows = conn.execute(sa.select(assessment).where(
            assessment.c.institution_id == inst.id)
            .order_by(assessment.c.period_end.desc(), assessment.c.created_at.desc())).all()
        current = next((r for r in rows if r.purpose == Purpose.certification.value
                        and r.state not in {s.value for s in DECIDED}), None)
        latest = current or (rows[0] if rows else None)
        std = standard_by_pk(conn, latest.standard_pk) if latest is not None else None
        process = std.process if std is not None else Process()
        found = _commitment(conn, inst.id)
        if current is not None:
            base = baseline_of(conn, current)
        else:
            base = next((r for r in rows if r.state in {s.value for s in BASELINES}), None)
        approval = _approval(base)
        today = store.now().date()
        stages = [StageInfo("commitment", process.commitment, found is not None,
                            {"signed_on": found.signed_on} if found else {})]
        draft_base = next((r for r in rows if r.purpose == Purpose.baseline.value
                           and r.state == State.draft.value), None)
        stages.append(StageInfo(
            "baseline", process.baseline, base is not None,
            {"assessment": base.code, "assessment_id": base.id, "state": base.state}
            if base is not None else ({"draft": draft_base.code, "draft_id": draft_base.id}
                                      if draft_base is not None else {})))
        stages.append(StageInfo(
            "plan_approval", process.plan_approval, approval is not None,
            {"approved_on": approval.approved_on, "approved_by": approval.approved_by,
             "assessment": approval.assessment_code} if approval else
            ({"assessment": base.code, "assessment_id": base.id} if base is not None else {})))
        months = process.minimum_implementation_months
        plan = _plan_rows(conn, base.id) if base is not None else []
        facts = {"months": months, "rows": len(plan),
                 "done_rows": sum(1 for r in plan if r.get("status") == "done")}
        if approval is not None:
            ready = add_months(approval.approved_on, months)
            facts.update(ready_on=ready, days=(today - approval.approved_on).days)
        stages.append(StageInfo(
            "implementation", process.plan_approval and months > 0,
            approval is not None and today >= facts.get("ready_on", dt.date.max), facts))
        stages.append(StageInfo(
            "application", True, current is not None and current.state not in (
                State.draft.value, State.changes_requested.value),
            {"assessment": current.code, "assessment_id": current.id, "state": current.state}
            if current is not None else {}))
        cert = conn.execute(sa.select(certificate.c.level, certificate.c.valid_until,
                                      assessment.c.standard_pk)
                            .join(assessment, assessment.c.id == certificate.c.assessment_id)
                            .where(certificate.c.institution_id == inst.id)
                            .order_by(certificate.c.issued_on.desc()).limit(1)).first()
        held = {}
        if cert is not None:
            titles = {lv.id: lv.title for lv in standard_by_pk(conn, cert.standard_pk).levels}
            held = {"held_level": cert.level, "held_level_title": titles.get(cert.level),
                    "held_until": cert.valid_until}
        stages.append(StageInfo("award", True, cert is not None and current is None, held))
        return ProcessStatus(inst.id, inst.code, f"{std.id} v{std.version}" if std else None,
                             process, found, base.id if base is not None else None,
                             base.code if base is not None else None, approval, stages)


# ------------------------------------------------------------------------------ writes


def record_commitment(store: Store, actor: Actor, institution_id: str, *,
                      signed_on: dt.date, letter: tuple[str, bytes],
                      committee: tuple[str, bytes]) -> CommitmentInfo:
    """Record the institution's commitment (its focal points): the head's signed letter and
    the Gender Equality Committee's founding act, each a document (``(name, content)``), and
    the day the letter was signed.  A later record replaces it (a new head commits again);
    the audit trail keeps both."""
    letter_name, _ = check_file(letter[0], letter[1], "letter")
    committee_name, _ = check_file(committee[0], committee[1], "committee")
    with store.write() as conn:
        actor = refresh(conn, actor)
        inst = conn.execute(sa.select(institution).where(
            institution.c.id == institution_id)).first()
        if inst is None or not (actor.is_system or actor.is_admin
                                or inst.id in actor.institutions):
            raise NotFoundError(Problem(say("store.no_institution_visible", id=institution_id),
                                        field="institution"))
        if not (actor.is_system or inst.id in actor.institutions):
            raise denied(actor, say("store.do.record_commitment"))
        today = store.now().date()
        if signed_on > today:
            raise StoreError(Problem(say("store.letter_in_future", day=signed_on.isoformat()),
                                     field="signed_on"))
        cid = new_id()
        letter_sha = store_blob(conn, store, letter[1])
        committee_sha = store_blob(conn, store, committee[1])
        conn.execute(commitment.insert().values(
            id=cid, institution_id=inst.id, signed_on=signed_on, letter_sha256=letter_sha,
            letter_name=letter_name, committee_sha256=committee_sha,
            committee_name=committee_name, recorded_at=store.now(),
            recorded_by=actor.user_id))
        audit.append(conn, store, actor.user_id, "institution.commitment",
                     f"institution:{inst.id}",
                     {"institution": inst.id, "commitment": cid,
                      "signed_on": signed_on.isoformat(), "letter_sha256": letter_sha,
                      "committee_sha256": committee_sha})
        return _commitment(conn, inst.id)


def approve_action_plan(store: Store, actor: Actor, assessment_id: str, *, approved_by: str,
                        approved_on: dt.date, document: tuple[str, bytes],
                        expected_version: int) -> int:
    """Record that the head of the institution (``approved_by="head"``) or its Gender Equality
    Committee (``"committee"``) approved the assessment's action plan on ``approved_on``, with
    the approval document (its focal points).  The plan's commitments are then fixed: only
    its progress (status, progress, evidence, notes of each row) changes.  Only the plan of a
    recorded baseline or of a decided certification is approved: it guides the period up to
    the next application.  Returns the assessment's new version."""
    if approved_by not in ("head", "committee"):
        raise StoreError(Problem(say("store.bad_approver", value=approved_by),
                                 field="approved_by"))
    name, _ = check_file(document[0], document[1], "document")
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id)
        if not (actor.is_system or row.institution_id in actor.institutions):
            raise denied(actor, say("store.do.approve_plan"))
        if row.version != expected_version:
            raise stale(conn, say("store.rec.assessment", code=row.code), row, expected_version)
        if row.state not in {s.value for s in BASELINES}:
            raise TransitionError(Problem(
                say("store.plan_approval_state", code=row.code, state=state_word(row.state)),
                record_id=row.code))
        if row.plan_approved_on is not None:
            raise TransitionError(Problem(
                say("store.plan_already_approved", code=row.code,
                    day=row.plan_approved_on.isoformat()), record_id=row.code))
        if not _plan_rows(conn, row.id):
            raise StoreError(Problem(say("store.plan_has_no_actions", code=row.code),
                                     record_id=row.code))
        now = store.now()
        if approved_on > now.date():
            raise StoreError(Problem(say("store.approval_in_future", day=approved_on.isoformat()),
                                     field="approved_on"))
        digest = store_blob(conn, store, document[1])
        version = _cas(conn, assessment, [assessment.c.id == row.id], expected_version,
                       say("store.rec.assessment", code=row.code), actor, now, {
                           "plan_approved_on": approved_on, "plan_approved_by": approved_by,
                           "plan_approval_sha256": digest, "plan_approval_name": name,
                           "plan_approval_recorded_by": actor.user_id,
                           "plan_approval_recorded_at": now})
        audit.append(conn, store, actor.user_id, "plan.approve", f"assessment:{row.id}",
                     {"assessment": row.id, "approved_by": approved_by,
                      "approved_on": approved_on.isoformat(), "sha256": digest,
                      "version": version})
        return version


def approval_of(conn: Connection, assessment_id: str) -> PlanApproval | None:
    """The approval of an assessment's plan, if recorded (read inside a transaction)."""
    return _approval(conn.execute(sa.select(assessment).where(
        assessment.c.id == assessment_id)).first())
