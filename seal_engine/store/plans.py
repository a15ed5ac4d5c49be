"""Improvement action plans, stored as the JSON of :class:`seal_engine.ActionPlan` (one per
assessment).  The institution's focal points write it, at any stage of the cycle (a plan
follows the results) until the assessment is decided; its assessors read it.  Once the head or
the committee approved it (:func:`seal_engine.store.approve_action_plan`), its actions stay as
approved and only their progress is reported, in any state: that is the implementation."""

from __future__ import annotations

import json

import sqlalchemy as sa

from .. import ActionPlan
from ..errors import NotFoundError, Problem, StoreError, TransitionError
from ..lifecycle import DECIDED
from ..messages import say
from . import audit
from ._common import Actor, assessment_row, denied, refresh, stale, state_word, update_versioned
from .engine import Store
from .schema import action_plan

__all__ = ["get_action_plan", "save_action_plan"]


def save_action_plan(store: Store, actor: Actor, assessment_id: str,
                     plan: ActionPlan | dict, expected_version: int) -> int:
    """Save the assessment's action plan (``expected_version``: that of the plan read, 0 for
    the first); returns its new version."""
    try:
        plan = ActionPlan.model_validate(plan if isinstance(plan, dict) else plan.to_dict())
    except ValueError as e:
        raise StoreError(Problem(say("store.not_a_plan", reason=str(e)), field="plan")) from None
    text = json.dumps(plan.to_dict(), ensure_ascii=False, sort_keys=True)
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id)
        if row.institution_id not in actor.institutions:
            raise denied(actor, say("store.do.write_plans"))
        if plan.assessment != row.code:
            raise StoreError(Problem(say("store.plan_other_assessment", plan=plan.assessment,
                                         code=row.code), field="assessment"))
        where = [action_plan.c.assessment_id == row.id]
        if row.plan_approved_on is not None:
            old = conn.execute(sa.select(action_plan.c.plan).where(*where)).scalar()
            changed = _commitments_changed(json.loads(old) if old else {}, plan.to_dict())
            if changed:
                raise TransitionError(Problem(
                    say("store.plan_approved_changed", code=row.code,
                        by=say(f"approver.{row.plan_approved_by}"),
                        day=row.plan_approved_on.isoformat(), changed=changed),
                    record_id=row.code))
        elif row.state in DECIDED:
            raise TransitionError(Problem(
                say("store.plan_decided", code=row.code, state=state_word(row.state)),
                record_id=row.code))
        now = store.now()
        if conn.execute(sa.select(action_plan.c.version).where(*where)).first() is None:
            if expected_version != 0:
                raise stale(conn, say("store.rec.plan", code=row.code), None, expected_version)
            conn.execute(action_plan.insert().values(assessment_id=row.id, plan=text,
                                                     version=1, updated_at=now,
                                                     updated_by=actor.user_id))
            version = 1
        else:
            version = update_versioned(conn, action_plan, where, expected_version,
                                       say("store.rec.plan", code=row.code), actor, now,
                                       {"plan": text})
        audit.append(conn, store, actor.user_id, "plan.save", f"assessment:{row.id}",
                     {"assessment": row.id, "version": version, "rows": len(plan.rows),
                      "plan_sha256": audit.value_hash(plan.to_dict())})
        return version


#: What implementation reports on an approved plan: the rest of a row is what was approved.
PROGRESS_FIELDS = frozenset({"status", "progress", "evidence", "notes"})


def _commitments_changed(old: dict, new: dict):
    """What an edit changes in an approved plan beyond progress, in a few words; None if
    nothing."""
    rows_old, rows_new = old.get("rows", []), new.get("rows", [])
    if [r.get("action") for r in rows_old] != [r.get("action") for r in rows_new]:
        return say("store.plan_changed.actions")
    for a, b in zip(rows_old, rows_new, strict=True):
        keys = (set(a) | set(b)) - PROGRESS_FIELDS
        fields = sorted(k for k in keys if a.get(k) != b.get(k))
        if fields:
            return say("store.plan_changed.row", no=str(a.get("no")), action=a.get("action"),
                       fields=", ".join(fields))
    keys = (set(old) | set(new)) - {"rows", "notes"}
    fields = sorted(k for k in keys if old.get(k) != new.get(k))
    return say("store.plan_changed.plan", fields=", ".join(fields)) if fields else None


def get_action_plan(store: Store, actor: Actor, assessment_id: str) -> tuple[ActionPlan, int]:
    """``(plan, version)`` of the assessment's action plan."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id)
        found = conn.execute(sa.select(action_plan.c.plan, action_plan.c.version).where(
            action_plan.c.assessment_id == row.id)).first()
        if found is None:
            raise NotFoundError(say("store.no_plan_yet", code=row.code))
        return ActionPlan.model_validate(json.loads(found.plan)), found.version
