"""The assessor's verdicts, one at a time: the declaration of no conflict of interest that
comes first, each benchmark's status confirmed or overridden (an override with its
justification) or the verdict withdrawn, and each not-applicable claim accepted or rejected
with the reason.  :func:`_reviewable` is who may give a verdict now (an assigned assessor who
declared no conflict, while the assessment is under review)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ...errors import NotFoundError, Problem, StoreError, TransitionError
from ...messages import say
from ...models import BenchmarkStatus
from .. import audit
from .._common import Actor, assessment_row, denied, is_assigned, refresh, stale, state_word
from .._common import update_versioned as _cas
from ..assessments import compute
from ..engine import Store
from ..schema import assignment, benchmark_review, na_claim
from .requirements import _assignment

__all__ = ["decide_not_applicable", "declare_no_conflict", "review_benchmark", "withdraw_verdict"]

S = BenchmarkStatus


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
            expected_version, say("store.rec.verdict", benchmark=benchmark_id, code=row.code),
            actor, store.now(),
            {"computed_status": current.value, "decision": decision, "status": chosen,
             "justification": (justification or "").strip() or None},
            {"assessment_id": row.id, "benchmark_id": benchmark_id})
        audit.append(conn, store, actor.user_id, "review.benchmark", f"assessment:{row.id}",
                     {"assessment": row.id, "benchmark": benchmark_id, "decision": decision,
                      "computed": current.value, "status": chosen, "version": version,
                      "justification_sha256": audit.value_hash(justification)
                      if justification else None})
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

