"""The audit trail as an administrator reads it (:func:`list_audit`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ...messages import say
from ..engine import Store
from ..schema import audit_log
from .seals import ROWS

__all__ = ["AuditEntry", "list_audit"]


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the audit trail as an administrator reads it: ``actor`` is the user's
    display name (or 'the command line'), ``actor_id`` what the log holds; ``rows_sha256`` the
    digest of the seals of the record it wrote (kept apart from the ``payload`` it shows)."""

    seq: int
    at: str
    actor_id: str
    actor: str
    action: str
    entity: str
    payload: dict[str, Any]
    hash: str
    rows_sha256: str | None = None


def list_audit(store: Store, actor, *, limit: int = 100, before: int | None = None,
               action: str | None = None) -> list[AuditEntry]:
    """The newest entries of the audit trail (admin): at most ``limit``, those numbered below
    ``before`` when given (to page back), only those whose action starts with ``action`` when
    given (``"review."``, ``"session."``)."""
    from .._common import SYSTEM, SYSTEM_ID, refresh, require_admin
    from ..schema import app_user

    limit = max(1, min(int(limit), 1000))
    with store.read() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.read_audit"))
        query = sa.select(audit_log, app_user.c.display_name).outerjoin(
            app_user, app_user.c.id == audit_log.c.actor)
        if before is not None:
            query = query.where(audit_log.c.seq < int(before))
        if action:
            query = query.where(audit_log.c.action.startswith(action, autoescape=True))
        rows = conn.execute(query.order_by(audit_log.c.seq.desc()).limit(limit)).all()
    out = []
    for r in rows:
        who = SYSTEM.display_name if r.actor == SYSTEM_ID else (r.display_name
                                                                 or f"user {r.actor}")
        try:
            payload = json.loads(r.payload)
        except ValueError:
            payload = {"unreadable": r.payload}
        payload = payload if isinstance(payload, dict) else {"value": payload}
        rows = payload.pop(ROWS, None)
        out.append(AuditEntry(r.seq, r.at, r.actor, who, r.action, r.entity, payload, r.hash,
                              rows if isinstance(rows, str) else None))
    return out
