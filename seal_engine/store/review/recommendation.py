"""The final decision: the assessment team's lead recommends certifying at the level the
reviewed result reaches, or refusing, with the reason; a programme officer outside the team
(four eyes) certifies, issuing the certificate, or refuses, or returns the recommendation to
the team."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ...models import ScoreResult
from .. import audit
from .._common import Actor, new_id, refresh
from ..certificates import CertificateInfo, issue_certificate
from ..engine import Store
from ..results import store_result
from ..schema import assessment, audit_head
from .transitions import _transition

__all__ = ["certify_assessment", "recommend_certification", "recommend_refusal",
           "refuse_certification", "return_to_team"]


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

