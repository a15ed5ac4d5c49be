"""Decisions in bulk: confirming in one act the computed status of every benchmark still
without a current verdict that no level makes mandatory, as the assessor was shown them."""

from __future__ import annotations

from ...errors import Problem, StoreError
from ...messages import say
from .. import audit
from .._common import Actor, refresh
from ..assessments import compute
from ..engine import Store
from ..results import decisions
from ..schema import benchmark_review
from .verdicts import _reviewable, _upsert

__all__ = ["confirm_remaining"]


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

