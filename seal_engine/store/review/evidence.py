"""The assessor's checks of the evidence: each item accepted or rejected (a rejection
with the reason; an item only named, never uploaded, is never accepted), and requests to the
institution for more evidence or a change on a benchmark."""

from __future__ import annotations

import sqlalchemy as sa

from ...errors import NotFoundError, Problem, StoreError
from ...messages import say
from .. import audit
from .._common import Actor, new_id, refresh
from ..assessments import compute
from ..engine import Store
from ..schema import evidence, evidence_request, evidence_review
from .verdicts import _reviewable, _upsert

__all__ = ["request_evidence", "review_evidence"]


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

