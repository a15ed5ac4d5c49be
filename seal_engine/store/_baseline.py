"""The baseline a certification assessment follows, and the answers a standard takes from it
(questions with ``from_baseline``): read inside the caller's transaction."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..lifecycle import BASELINES, Purpose
from ..models import Standard
from ._values import decode
from .schema import answer, assessment

__all__ = ["baseline_answers", "baseline_of"]


def baseline_of(conn: Connection, row: Row) -> Row | None:
    """The baseline a certification assessment follows: the assessment it renews, else the
    institution's latest recorded baseline or decided certification whose period ends no later
    than this one's."""
    if row.renewed_from:
        found = conn.execute(sa.select(assessment).where(
            assessment.c.id == row.renewed_from)).first()
        if found is not None and found.state in {s.value for s in BASELINES}:
            return found
    return conn.execute(sa.select(assessment).where(
        assessment.c.institution_id == row.institution_id, assessment.c.id != row.id,
        assessment.c.state.in_(sorted(s.value for s in BASELINES)),
        assessment.c.period_end <= row.period_end)
        .order_by(assessment.c.period_end.desc(), assessment.c.created_at.desc())
        .limit(1)).first()


def baseline_answers(conn: Connection, row: Row, std: Standard, _depth: int = 0
                     ) -> tuple[Row | None, dict[str, Any]]:
    """``(baseline, answers)``: the answers of a certification assessment that its standard
    takes from the stored baseline (``from_baseline``), by question id.  From a recorded
    baseline, its answer to the question named (e.g. the share of senior posts "today" then);
    from a certification decided before (a renewal, moving up), the value that one had, carried
    forward, so that "at the baseline" keeps meaning the baseline self-assessment.  None for a
    baseline itself, without a stored baseline, or where the baseline left it unanswered."""
    wanted = {q.id: q.from_baseline for q in std.questions().values() if q.from_baseline}
    if not wanted or row.purpose != Purpose.certification.value or _depth > 20:
        return None, {}
    base = baseline_of(conn, row)
    if base is None:
        return None, {}
    stored = {a.question_id: decode(a.value) for a in conn.execute(
        sa.select(answer.c.question_id, answer.c.value).where(
            answer.c.assessment_id == base.id,
            answer.c.question_id.in_(sorted(set(wanted) | set(wanted.values())))))}
    if base.purpose == Purpose.baseline.value:
        found = {qid: stored.get(src) for qid, src in wanted.items()}
    else:
        found = {**{qid: stored.get(qid) for qid in wanted},
                 **baseline_answers(conn, base, std, _depth + 1)[1]}
    return base, {qid: v for qid, v in found.items() if v is not None}
