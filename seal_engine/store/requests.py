"""The assessor's requests for evidence or changes on an assessment, answered or not (the
review report lists them all; :func:`~seal_engine.store.review_status` lists the open ones)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from ._common import Actor, aware, display_name, refresh
from ._common import assessment_row as _row
from .engine import Store
from .schema import evidence_request

__all__ = ["RequestInfo", "list_requests"]


@dataclass(frozen=True)
class RequestInfo:
    id: str
    benchmark_id: str
    requirement_id: str | None
    message: str
    requested_at: dt.datetime
    requested_by: str
    """Display name and e-mail of the assessor who asked."""
    answered_at: dt.datetime | None
    """When the institution submitted again; ``None`` while open."""


def list_requests(store: Store, actor: Actor, assessment_id: str) -> list[RequestInfo]:
    """Every request sent on the assessment, oldest first, with who asked and when the
    institution answered (those who may see its content: its focal points, its assessors,
    programme staff)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = _row(conn, actor, assessment_id)
        rows = conn.execute(sa.select(evidence_request).where(
            evidence_request.c.assessment_id == row.id).order_by(
            evidence_request.c.requested_at, evidence_request.c.id)).all()
        names = {uid: display_name(conn, uid) for uid in {r.requested_by for r in rows}}
        return [RequestInfo(r.id, r.benchmark_id, r.requirement_id, r.message,
                            aware(r.requested_at), names[r.requested_by], aware(r.answered_at))
                for r in rows]
