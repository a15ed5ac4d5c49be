"""What a database holds, in numbers, for ``seal db status``."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from ..messages import say
from ._common import Actor, refresh, require_admin
from .engine import Store
from .schema import (
    app_user,
    assessment,
    audit_head,
    certificate,
    evidence_blob,
    institution,
    standard,
)

__all__ = ["Overview", "store_overview"]


@dataclass
class Overview:
    institutions: int = 0
    users: int = 0
    standards: int = 0
    certificates: int = 0
    evidence_files: int = 0
    assessments: dict[str, int] = field(default_factory=dict)  # by state
    audit_seq: int = 0
    audit_hash: str = ""


def store_overview(store: Store, actor: Actor) -> Overview:
    """Counts of what the database holds and its audit head (admin)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.see_overview"))

        def count(table) -> int:
            return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()

        head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash)).one()
        states = dict(conn.execute(sa.select(assessment.c.state, sa.func.count()).group_by(
            assessment.c.state)).all())
        return Overview(count(institution), count(app_user), count(standard),
                        count(certificate), count(evidence_blob), states, head.seq, head.hash)
