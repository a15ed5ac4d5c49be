"""The Seal lifecycle's transitions and the assessor's review.

The states, the transitions, who may take each and what each requires are data in
:mod:`seal_engine.lifecycle`.  Each transition happens in exactly one function here, through
:func:`_transition`, which checks the role, the state and every requirement of the transition
(with the check :data:`CHECKS` holds for it), moves the state (naming the version read) and
appends the audit entry in one transaction.

The review: for each benchmark the assessor confirms the computed status or overrides it (an
override needs a justification); marks each evidence item accepted or rejected (a rejection
needs a reason); accepts or rejects each not-applicable claim; and may request more evidence
before sending the assessment back.  "Computed" here means computed from the reviewed
evidence and claims, so a confirmation made before a later rejection is outdated and must be
given again.  A final decision needs a complete, current review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..errors import AssessmentError, NotFoundError, Problem, StoreError, TransitionError
from ..lifecycle import DECIDED, REVIEWED, Purpose, Requirement, Role, State, transition
from ..messages import Ids, Message, pct, say
from ..models import BenchmarkStatus, ScoreResult
from ..naming import BenchmarkNames
from ..progress import completeness
from . import audit
from ._common import (
    Actor,
    assessment_row,
    denied,
    display_name,
    is_assigned,
    new_id,
    refresh,
    stale,
    state_word,
)
from ._common import update_versioned as _cas
from .assessments import compute, evidence_rows
from .certificates import CertificateInfo, issue_certificate
from .engine import Store
from .results import decisions, reviewed, store_result
from .schema import (
    app_user,
    assessment,
    assignment,
    audit_head,
    benchmark_review,
    evidence,
    evidence_request,
    evidence_review,
    na_claim,
)
from .stages import stage_problems
from .standards import standard_by_pk

__all__ = ["BenchmarkVerdict", "ReviewStatus", "certify_assessment", "confirm_remaining",
           "decide_not_applicable", "declare_no_conflict", "recommend_certification",
           "record_baseline",
           "recommend_refusal", "refuse_certification", "request_changes", "request_evidence",
           "return_to_team", "review_benchmark", "review_evidence", "review_status",
           "start_review", "submit_assessment", "withdraw_verdict"]

S = BenchmarkStatus

def _may(conn: Connection, actor: Actor, row: Row, who: Role) -> bool:
    if who is Role.focal_point:
        return row.institution_id in actor.institutions
    if who is Role.programme_officer:
        return actor.is_system or actor.is_programme_officer
    return is_assigned(conn, actor, row.id)


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


# ------------------------------------------------------------------------------ transitions


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


def _recommend(conn: Connection, store: Store, actor: Actor, assessment_id: str, action: str,
               expected_version: int, reason: str | None = None) -> tuple[int, ScoreResult]:
    payload: dict = {}
    if reason is not None:
        payload["reason_sha256"] = audit.value_hash(reason)
    row, version, _digest, facts = _transition(conn, store, actor, assessment_id, action,
                                               expected_version, payload, reason=reason,
                                               with_result=True)
    result = facts.reviewed()
    conn.execute(assessment.update().where(assessment.c.id == row.id).values(
        recommendation="certify" if action == "recommend" else "refuse",
        recommended_level=result.level if action == "recommend" else None,
        recommended_by=actor.user_id, recommended_at=store.now(),
        recommendation_reason=reason))
    store_result(conn, store, row, "reviewed", result)
    return version, result


def recommend_certification(store: Store, actor: Actor, assessment_id: str,
                            expected_version: int) -> int:
    """The assessment team's lead recommends certifying at the level the reviewed result
    reaches (once the review is complete); a programme officer decides.  Returns the new
    version."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        return _recommend(conn, store, actor, assessment_id, "recommend", expected_version)[0]


def recommend_refusal(store: Store, actor: Actor, assessment_id: str, expected_version: int,
                      reason: str) -> int:
    """The team's lead recommends not certifying, with the reason (once the review is
    complete); a programme officer decides."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        return _recommend(conn, store, actor, assessment_id, "recommend_refusal",
                          expected_version, (reason or "").strip())[0]


def return_to_team(store: Store, actor: Actor, assessment_id: str, expected_version: int,
                   reason: str) -> int:
    """A programme officer returns a recommendation to the assessment team, with the reason;
    the review is open again and the recommendation is withdrawn."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row, version, _digest, _facts = _transition(
            conn, store, actor, assessment_id, "return_to_team", expected_version,
            {"reason_sha256": audit.value_hash((reason or "").strip())},
            reason=(reason or "").strip())
        conn.execute(assessment.update().where(assessment.c.id == row.id).values(
            recommendation=None, recommended_level=None, recommended_by=None,
            recommended_at=None, recommendation_reason=None))
        return version


def certify_assessment(store: Store, actor: Actor, assessment_id: str,
                       expected_version: int) -> CertificateInfo:
    """Award the Seal on the team's recommendation (a programme officer who is not on the
    assessment team: four eyes): certify at the level the reviewed result reaches and issue
    the certificate, valid for the standard's ``validity_years``, bearing the audit entry of
    the decision."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        payload = {"certificate": new_id()}
        row, _version, digest, facts = _transition(conn, store, actor, assessment_id,
                                                   "certify", expected_version, payload,
                                                   with_result=True)
        result = facts.reviewed()
        store_result(conn, store, row, "reviewed", result)
        seq = conn.execute(sa.select(audit_head.c.seq)).scalar_one()
        return issue_certificate(conn, store, actor, row, result, payload["certificate"], seq,
                                 digest)


def refuse_certification(store: Store, actor: Actor, assessment_id: str, expected_version: int,
                         reason: str) -> int:
    """Record that the assessment is not certified, with the reason (a programme officer who
    is not on the assessment team, on the team's recommendation).  The institution may start
    a new assessment."""
    reason = (reason or "").strip()
    with store.write() as conn:
        actor = refresh(conn, actor)
        row, version, _digest, facts = _transition(
            conn, store, actor, assessment_id, "refuse", expected_version,
            {"reason_sha256": audit.value_hash(reason) if reason else None}, reason=reason)
        store_result(conn, store, row, "reviewed", facts.reviewed())
        return version


def declare_no_conflict(store: Store, actor: Actor, assessment_id: str, statement: str) -> None:
    """An assessor on the assessment's team declares having no conflict of interest with the
    institution (no work for it, no family or financial ties, no part in its self-assessment),
    in their own words; needed before they take part in its review."""
    if not (statement or "").strip():
        raise StoreError(Problem(say("store.no_conflict_statement"), field="statement"))
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id)
        a = _assignment(conn, actor, row)
        if a is None:
            raise denied(actor, say("store.do.declare", code=row.code))
        conn.execute(assignment.update().where(assignment.c.id == a.id).values(
            no_conflict_at=store.now(), no_conflict_statement=statement.strip()))
        audit.append(conn, store, actor.user_id, "review.no_conflict", f"assessment:{row.id}",
                     {"assessment": row.id, "statement_sha256":
                      audit.value_hash(statement.strip())})


# ------------------------------------------------------------------------------ verdicts


def _reviewable(conn: Connection, actor: Actor, assessment_id: str, what) -> Row:
    row = assessment_row(conn, actor, assessment_id)
    if not is_assigned(conn, actor, row.id):
        raise denied(actor, say("store.do.review_only_team", what=what, code=row.code))
    if row.state != "under_review":
        raise TransitionError(Problem(say("store.not_under_review", what=what, code=row.code,
                                          state=state_word(row.state)),
                                      record_id=row.code))
    a = _assignment(conn, actor, row)
    if a is not None and a.no_conflict_at is None:
        raise StoreError(Problem(say("store.declare_before", what=what, code=row.code),
                                 record_id=row.code))
    return row


def _upsert(conn: Connection, table: sa.Table, where: list, expected: int, what,
            actor: Actor, now: dt.datetime, values: dict, keys: dict) -> int:
    current = conn.execute(sa.select(table.c.version).where(*where)).first()
    if current is None:
        if expected != 0:
            raise stale(conn, what, None, expected)
        conn.execute(table.insert().values(**keys, **values, version=1, updated_at=now,
                                           updated_by=actor.user_id))
        return 1
    return _cas(conn, table, where, expected, what, actor, now, values)


def review_benchmark(store: Store, actor: Actor, assessment_id: str, benchmark_id: str,
                     decision: str, expected_version: int, *, status: str | None = None,
                     justification: str | None = None) -> int:
    """Confirm a benchmark's computed status (``decision="confirm"``) or override it with
    ``status`` and a ``justification`` (``"override"``).  ``expected_version``: that of the
    verdict read (0: none yet).  Returns the verdict's new version."""
    if decision not in ("confirm", "override"):
        raise StoreError(Problem(say("store.bad_decision", value=decision),
                                 field="decision"))
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = _reviewable(conn, actor, assessment_id, say("store.do.review_benchmarks"))
        std, _model, computed = compute(conn, row, reviewed=True)
        try:
            current = computed.benchmark(benchmark_id).status
        except KeyError:
            raise NotFoundError(Problem(say("store.no_benchmark", standard=std.id,
                                            version=std.version, id=benchmark_id),
                                        record_id=benchmark_id)) from None
        if decision == "override":
            if status not in {s.value for s in S}:
                raise StoreError(Problem(say("store.override_status",
                                             choices=", ".join(s.value for s in S)),
                                         field="status"))
            if not (justification or "").strip():
                raise StoreError(Problem(say("store.override_justification"),
                                         field="justification", record_id=benchmark_id))
            if status == current.value:
                raise StoreError(Problem(say("store.already_computed", benchmark=benchmark_id,
                                             status=say(f"status.{status}")),
                                         record_id=benchmark_id))
            if not std.benchmark(benchmark_id).applicable:
                raise StoreError(Problem(say("store.left_out", benchmark=benchmark_id),
                                         record_id=benchmark_id))
        chosen = status if decision == "override" else current.value
        version = _upsert(
            conn, benchmark_review, [benchmark_review.c.assessment_id == row.id,
                                     benchmark_review.c.benchmark_id == benchmark_id],
            expected_version, f"the verdict on {benchmark_id} of {row.code}", actor,
            store.now(), {"computed_status": current.value, "decision": decision,
                          "status": chosen, "justification": (justification or "").strip()
                          or None},
            {"assessment_id": row.id, "benchmark_id": benchmark_id})
        audit.append(conn, store, actor.user_id, "review.benchmark", f"assessment:{row.id}",
                     {"assessment": row.id, "benchmark": benchmark_id, "decision": decision,
                      "computed": current.value, "status": chosen, "version": version,
                      "justification_sha256": audit.value_hash(justification)
                      if justification else None})
        return version


def review_evidence(store: Store, actor: Actor, evidence_id: str, verdict: str,
                    expected_version: int, *, reason: str | None = None) -> int:
    """Mark an evidence item ``accepted`` or ``rejected`` (a rejection needs the reason).  An
    item named but never uploaded (neither a file nor a link) is never accepted."""
    if verdict not in ("accepted", "rejected"):
        raise StoreError(Problem(say("store.bad_verdict", value=verdict),
                                 field="verdict"))
    if verdict == "rejected" and not (reason or "").strip():
        raise StoreError(Problem(say("store.rejection_reason"), field="reason"))
    with store.write() as conn:
        actor = refresh(conn, actor)
        item = conn.execute(sa.select(evidence.c.assessment_id, evidence.c.requirement_id,
                                      evidence.c.kind, evidence.c.title)
                            .where(evidence.c.id == evidence_id)).first() \
            if isinstance(evidence_id, str) else None
        if item is None:
            raise NotFoundError(Problem(say("store.no_evidence_visible", id=evidence_id),
                                        record_id=str(evidence_id)))
        row = _reviewable(conn, actor, item.assessment_id, say("store.do.review_evidence"))
        if verdict == "accepted" and item.kind == "reference":
            raise StoreError(Problem(
                say("store.named_only", title=item.title, requirement=item.requirement_id),
                field="verdict",
                record_id=item.requirement_id))
        version = _upsert(
            conn, evidence_review, [evidence_review.c.evidence_id == evidence_id],
            expected_version, say("store.rec.evidence_verdict", id=evidence_id), actor,
            store.now(),
            {"verdict": verdict, "reason": (reason or "").strip() or None},
            {"evidence_id": evidence_id, "assessment_id": row.id})
        audit.append(conn, store, actor.user_id, "review.evidence", f"assessment:{row.id}",
                     {"assessment": row.id, "evidence": evidence_id, "verdict": verdict,
                      "requirement": item.requirement_id, "version": version})
        return version


def decide_not_applicable(store: Store, actor: Actor, assessment_id: str, benchmark_id: str,
                          accepted: bool, expected_version: int, *,
                          reason: str | None = None) -> int:
    """Accept or reject the institution's claim that a benchmark does not apply
    (``expected_version``: the claim's); either decision needs the reason, since an accepted
    claim takes the benchmark out of the result (and, for a mandatory one, lets its level be
    reached)."""
    if not (reason or "").strip():
        raise StoreError(Problem(
            say("store.accepting_needs_reason" if accepted else "store.rejecting_needs_reason"),
            field="reason", record_id=benchmark_id))
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = _reviewable(conn, actor, assessment_id, say("store.do.decide_claims"))
        where = [na_claim.c.assessment_id == row.id, na_claim.c.benchmark_id == benchmark_id]
        if conn.execute(sa.select(na_claim.c.version).where(*where)).first() is None:
            raise NotFoundError(Problem(say("store.no_claim", code=row.code,
                                            benchmark=benchmark_id), record_id=benchmark_id))
        now = store.now()
        version = _cas(conn, na_claim, where, expected_version,
                       say("store.rec.na_claim", benchmark=benchmark_id, code=row.code),
                       actor, now,
                       {"decision": "accepted" if accepted else "rejected",
                        "decision_reason": (reason or "").strip() or None,
                        "decided_by": actor.user_id, "decided_at": now})
        audit.append(conn, store, actor.user_id, "review.not_applicable",
                     f"assessment:{row.id}",
                     {"assessment": row.id, "benchmark": benchmark_id,
                      "decision": "accepted" if accepted else "rejected", "version": version,
                      "reason_sha256": audit.value_hash(reason.strip())})
        return version


def withdraw_verdict(store: Store, actor: Actor, assessment_id: str, benchmark_id: str,
                     expected_version: int) -> None:
    """Withdraw the verdict on a benchmark (a confirmation or an override), which is then
    without a verdict again (an assigned assessor, while the review is open)."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = _reviewable(conn, actor, assessment_id, say("store.do.withdraw_verdicts"))
        where = [benchmark_review.c.assessment_id == row.id,
                 benchmark_review.c.benchmark_id == benchmark_id]
        gone = conn.execute(benchmark_review.delete().where(
            *where, benchmark_review.c.version == expected_version))
        if gone.rowcount != 1:
            current = conn.execute(sa.select(benchmark_review.c.version,
                                             benchmark_review.c.updated_at,
                                             benchmark_review.c.updated_by).where(*where)).first()
            raise stale(conn, say("store.rec.verdict", benchmark=benchmark_id, code=row.code),
                        current, expected_version)
        audit.append(conn, store, actor.user_id, "review.withdraw", f"assessment:{row.id}",
                     {"assessment": row.id, "benchmark": benchmark_id,
                      "version": expected_version})


def confirm_remaining(store: Store, actor: Actor, assessment_id: str,
                      expected: list[str]) -> list[str]:
    """Confirm, in one act, the computed status of the benchmarks without a current verdict
    that no level makes mandatory (an assigned assessor).  ``expected``: the benchmark ids the
    assessor was shown; if the list has changed meanwhile nothing is done.  Mandatory
    benchmarks are never confirmed in bulk: each is opened and decided on its own.  One
    transaction and one audit entry naming every benchmark; returns the ids confirmed."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = _reviewable(conn, actor, assessment_id, say("store.do.confirm_benchmarks"))
        std, _model, computed = compute(conn, row, reviewed=True)
        verdicts = decisions(conn, row.id)
        todo = []
        for b in computed.benchmarks:
            d = verdicts.get(b.id)
            fresh = d is not None and not (d.decision == "confirm"
                                           and d.computed_status != b.status.value)
            if not fresh and std.benchmark(b.id).mandatory_from is None:
                todo.append((b, d))
        ids = [b.id for b, _d in todo]
        if sorted(ids) != sorted(expected):
            raise StoreError(Problem(
                say("store.remaining_changed", now=len(ids), shown=len(expected)),
                record_id=row.code))
        now = store.now()
        for b, d in todo:
            values = {"computed_status": b.status.value, "decision": "confirm",
                      "status": b.status.value, "justification": None}
            where = [benchmark_review.c.assessment_id == row.id,
                     benchmark_review.c.benchmark_id == b.id]
            _upsert(conn, benchmark_review, where, d.version if d else 0,
                    say("store.rec.verdict", benchmark=b.id, code=row.code), actor, now,
                    values,
                    {"assessment_id": row.id, "benchmark_id": b.id})
        if ids:
            audit.append(conn, store, actor.user_id, "review.confirm_remaining",
                         f"assessment:{row.id}", {"assessment": row.id, "benchmarks": ids})
        return ids


def request_evidence(store: Store, actor: Actor, assessment_id: str, benchmark_id: str,
                     message: str, *, requirement_id: str | None = None) -> str:
    """Ask the institution for more evidence (or a change) on a benchmark; sent with
    :func:`request_changes`.  Returns the request's id."""
    if not (message or "").strip():
        raise StoreError(Problem(say("store.say_what_needed"), field="message"))
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = _reviewable(conn, actor, assessment_id, say("store.do.request_evidence"))
        std, _model, _ = compute(conn, row, reviewed=True)
        try:
            bench = std.benchmark(benchmark_id)
        except KeyError:
            raise NotFoundError(Problem(say("store.no_benchmark", standard=std.id,
                                            version=std.version, id=benchmark_id),
                                        record_id=benchmark_id)) from None
        if requirement_id is not None and requirement_id not in {e.id for e in bench.evidence}:
            raise StoreError(Problem(say("store.no_evidence_asked", benchmark=benchmark_id,
                                         id=requirement_id),
                                     field="requirement", record_id=benchmark_id))
        rid = new_id()
        conn.execute(evidence_request.insert().values(
            id=rid, assessment_id=row.id, benchmark_id=benchmark_id,
            requirement_id=requirement_id, message=message.strip(), requested_at=store.now(),
            requested_by=actor.user_id))
        audit.append(conn, store, actor.user_id, "review.request", f"assessment:{row.id}",
                     {"assessment": row.id, "request": rid, "benchmark": benchmark_id,
                      "requirement": requirement_id})
        return rid


# ------------------------------------------------------------------------------ status


@dataclass(frozen=True)
class BenchmarkVerdict:
    benchmark_id: str
    computed_status: str
    decision: str | None
    status: str | None
    justification: str | None
    outdated: bool
    version: int
    mandatory_from: str | None = None
    open_requests: int = 0
    """Requests to the institution on this benchmark not yet answered."""
    evidence_pending: int = 0
    """Its evidence items not yet accepted or rejected."""
    claim_pending: bool = False
    """The institution claims it does not apply and no assessor has decided the claim."""

    @property
    def open(self) -> bool:
        """True while the benchmark needs a verdict: none yet, or a confirmation outdated."""
        return self.decision is None or self.outdated

    @property
    def flags(self) -> frozenset[str]:
        """The review filters (:attr:`ReviewStatus.FILTERS`) this benchmark matches."""
        return frozenset(name for name, holds in (
            ("not_reviewed", self.open),
            ("overridden", self.decision == "override"),
            ("open_requests", self.open_requests > 0),
            ("mandatory", self.mandatory_from is not None),
            ("outdated", self.outdated),
        ) if holds)


@dataclass
class ReviewStatus:
    """Where the review of an assessment stands, and what a final decision still needs."""

    state: str
    benchmarks: list[BenchmarkVerdict] = field(default_factory=list)
    evidence_pending: list[str] = field(default_factory=list)
    claims_pending: list[str] = field(default_factory=list)
    open_requests: list[dict] = field(default_factory=list)
    #: what the review still needs before a recommendation, as messages
    missing: list[Message] = field(default_factory=list)
    reviewed_level: str | None = None
    reviewed_score: float | None = None
    team: list[tuple[str, str, bool]] = field(default_factory=list)
    """(display name, lead or member, declared no conflict) of each assessor on the team."""
    verdicts_by: dict[str, int] = field(default_factory=dict)
    """Display name -> benchmark verdicts given (who reviewed what)."""
    recommendation: str | None = None
    recommended_level: str | None = None
    recommended_by: str | None = None
    recommendation_reason: str | None = None

    FILTERS: ClassVar[tuple[str, ...]] = ("not_reviewed", "overridden", "open_requests",
                                          "mandatory", "outdated")
    """What a reviewer can narrow the benchmarks to: without a current verdict (none yet, or
    a confirmation outdated), overridden, with requests to the institution still open,
    mandatory at some level, confirmed before the computed status changed."""

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def reviewed_count(self) -> int:
        """Benchmarks with a current verdict (of ``len(benchmarks)``)."""
        return sum(not v.open for v in self.benchmarks)

    def matching(self, filters=()) -> list[str]:
        """The benchmarks (in the standard's order) matching every one of ``filters`` (names
        of :attr:`FILTERS`; none: all of them)."""
        wanted = frozenset(filters)
        unknown = wanted - set(self.FILTERS)
        if unknown:
            raise ValueError(f"no review filter {sorted(unknown)!r}; the filters are "
                             f"{', '.join(self.FILTERS)}")
        return [v.benchmark_id for v in self.benchmarks if wanted <= v.flags]

    @property
    def confirmable_in_bulk(self) -> list[str]:
        """The benchmarks still needing a verdict that no level makes mandatory: the only
        ones :func:`confirm_remaining` confirms in one act."""
        return [v.benchmark_id for v in self.benchmarks if v.open and v.mandatory_from is None]


def _status(conn: Connection, row: Row) -> ReviewStatus:
    scored = compute(conn, row, reviewed=True)
    computed = scored[2]
    verdicts = decisions(conn, row.id)
    out = ReviewStatus(row.state)
    items = evidence_rows(conn, row.id)
    out.evidence_pending = [e.id for e in items if e.verdict is None]
    out.claims_pending = [c.benchmark_id for c in conn.execute(sa.select(
        na_claim.c.benchmark_id).where(na_claim.c.assessment_id == row.id,
                                       na_claim.c.decision.is_(None)))]
    out.open_requests = [dict(r._mapping) for r in conn.execute(
        sa.select(evidence_request.c.id, evidence_request.c.benchmark_id,
                  evidence_request.c.requirement_id, evidence_request.c.message).where(
            evidence_request.c.assessment_id == row.id,
            evidence_request.c.answered_at.is_(None)))]
    requests: dict[str, int] = {}
    for r in out.open_requests:
        requests[r["benchmark_id"]] = requests.get(r["benchmark_id"], 0) + 1
    pending: dict[str, int] = {}
    for e in items:
        if e.verdict is None:
            pending[e.benchmark_id] = pending.get(e.benchmark_id, 0) + 1
    for b in computed.benchmarks:
        d = verdicts.get(b.id)
        outdated = d is not None and d.decision == "confirm" and d.computed_status != b.status
        out.benchmarks.append(BenchmarkVerdict(
            b.id, b.status.value, d.decision if d else None, d.status if d else None,
            d.justification if d else None, outdated, d.version if d else 0,
            b.mandatory_from, requests.get(b.id, 0), pending.get(b.id, 0),
            b.id in out.claims_pending))
    if row.state in REVIEWED - DECIDED:
        result = reviewed(conn, row, scored, verdicts)[1]
        out.reviewed_level, out.reviewed_score = result.level, result.score
    out.team = [(r.display_name, r.team_role, r.no_conflict_at is not None)
                for r in conn.execute(
                    sa.select(assignment.c.team_role, assignment.c.no_conflict_at,
                              app_user.c.display_name)
                    .join(app_user, app_user.c.id == assignment.c.assessor_id)
                    .where(assignment.c.assessment_id == row.id)
                    .order_by(assignment.c.team_role, app_user.c.display_name))]
    names = dict(conn.execute(sa.select(app_user.c.id, app_user.c.display_name).where(
        app_user.c.id.in_(sorted({d.updated_by for d in verdicts.values()})))).all())
    for d in verdicts.values():
        who = names.get(d.updated_by) or display_name(conn, d.updated_by)
        out.verdicts_by[who] = out.verdicts_by.get(who, 0) + 1
    out.recommendation = row.recommendation
    out.recommended_level = row.recommended_level
    out.recommended_by = display_name(conn, row.recommended_by) if row.recommended_by else None
    out.recommendation_reason = row.recommendation_reason
    undecided = [v.benchmark_id for v in out.benchmarks if v.decision is None]
    outdated = [v.benchmark_id for v in out.benchmarks if v.outdated]
    name = BenchmarkNames(scored[0])

    def names(ids: list[str], most: int | None = None) -> str:
        shown = ", ".join(name(b) for b in ids[:most])
        return shown + (" …" if most is not None and len(ids) > most else "")

    if undecided:
        out.missing.append(say("review.verdicts_missing", n=len(undecided),
                               benchmarks=names(undecided, 8)))
    if outdated:
        out.missing.append(say("review.verdicts_outdated", benchmarks=names(outdated)))
    if out.evidence_pending:
        out.missing.append(say("review.evidence_pending", n=len(out.evidence_pending)))
    if out.claims_pending:
        out.missing.append(say("review.claims_pending", benchmarks=names(out.claims_pending)))
    return out


def review_status(store: Store, actor: Actor, assessment_id: str) -> ReviewStatus:
    """Each benchmark's computed status and verdict (outdated ones flagged), the evidence and
    claims not yet decided, the open requests, and what a final decision still needs."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        return _status(conn, assessment_row(conn, actor, assessment_id))
