"""What the institution changed since the submission its assessors last saw.

An assessment sent back for changes comes back with some answers, evidence items, the staff
data file or not-applicable claims changed.  :func:`changes_since_submission` reads them from
the audit trail (every change is an entry there, written in the change's transaction): the
entries after the submission that preceded the last send-back.  A value set and then put back
as it was is not a change (answers, claims and the staff file are compared by the SHA-256 the
trail records); an evidence item added and removed again in the same round is not either.

Before any send-back there is nothing to compare with: ``sent_back`` is false.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import sqlalchemy as sa

from ._common import Actor, display_name, refresh
from ._common import assessment_row as _row
from .engine import Store
from .schema import app_user, audit_log, evidence
from .standards import standard_by_pk

__all__ = ["Change", "ChangesSinceSubmission", "changes_since_submission"]

#: The kinds of change, in the order a page lists them.
KINDS = ("answer", "evidence_added", "evidence_removed", "claim", "claim_withdrawn",
         "workforce", "standard_version")

_ACTIONS = ("assessment.create", "assessment.submit", "assessment.request_changes",
            "answer.save", "evidence.add", "evidence.remove", "not_applicable.claim",
            "not_applicable.withdraw", "workforce.upload", "assessment.move_version")


@dataclass(frozen=True)
class Change:
    """One thing the institution changed."""

    kind: str
    """One of :data:`KINDS`."""
    benchmark_id: str | None
    """The benchmark it concerns (``None``: the staff data file, the standard's version, or a
    question the assessment's standard no longer has)."""
    subject: str | None
    """The question id (answer) or the evidence item id (evidence_added, evidence_removed);
    ``None`` for the others."""
    requirement_id: str | None
    """The evidence requirement of an evidence change."""
    title: str | None
    """The evidence item's title (when it is still there) or the staff file's name."""
    at: dt.datetime
    """When (UTC) it was last changed."""
    by: str
    """Who changed it last (display name)."""


@dataclass(frozen=True)
class ChangesSinceSubmission:
    """The changes made after the submission the assessors last saw."""

    since: dt.datetime | None
    """That submission (UTC; for an assessment imported as submitted, its import);
    ``None`` while the assessment was never sent back."""
    sent_back: bool = False
    """Whether it was ever sent back (else there is nothing to compare with)."""
    resubmitted_at: dt.datetime | None = None
    """The submission that followed it, once the institution submitted again."""
    changes: list[Change] = field(default_factory=list)

    @property
    def benchmarks(self) -> dict[str, list[Change]]:
        """The changes by benchmark (in the order of :attr:`changes`)."""
        out: dict[str, list[Change]] = {}
        for c in self.changes:
            if c.benchmark_id is not None:
                out.setdefault(c.benchmark_id, []).append(c)
        return out

    @property
    def workforce_changed(self) -> bool:
        return any(c.kind == "workforce" for c in self.changes)


def _when(at: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(at)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def changes_since_submission(store: Store, actor: Actor,
                             assessment_id: str) -> ChangesSinceSubmission:
    """Answers, evidence, not-applicable claims and the staff data file changed since the
    submission that was last sent back (those who may read the assessment's content: its
    focal points, its assessors, programme staff)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = _row(conn, actor, assessment_id)
        entries = conn.execute(
            sa.select(audit_log.c.seq, audit_log.c.at, audit_log.c.actor, audit_log.c.action,
                      audit_log.c.payload)
            .where(audit_log.c.entity == f"assessment:{row.id}",
                   audit_log.c.action.in_(_ACTIONS))
            .order_by(audit_log.c.seq)).all()
        sendbacks = [e.seq for e in entries if e.action == "assessment.request_changes"]
        if not sendbacks:
            return ChangesSinceSubmission(None)

        # Nothing changes between a submission and the send-back (the assessment cannot be
        # edited then): what changed since the submission is what changed after the send-back.
        ref = sendbacks[-1]
        submits = [e for e in entries if e.action in ("assessment.submit", "assessment.create")]
        reference = [e for e in submits if e.seq < ref]
        later = [e for e in submits if e.seq > ref]
        std = standard_by_pk(conn, row.standard_pk)
        bench_of_question = {q.id: b.id for b in std.benchmarks() for q in b.questions}
        bench_of_requirement = {r.id: b.id for b in std.benchmarks() for r in b.evidence}
        present = {e.id: e for e in conn.execute(
            sa.select(evidence.c.id, evidence.c.title, evidence.c.benchmark_id,
                      evidence.c.requirement_id).where(evidence.c.assessment_id == row.id))}
        before: dict[tuple[str, str], str | None] = {}
        after: dict[tuple[str, str], tuple] = {}
        added_before: set[str] = set()
        for e in entries:
            payload = json.loads(e.payload)
            key = value = None
            if e.action == "answer.save":
                key, value = ("answer", payload["question"]), payload.get("value_sha256")
            elif e.action == "not_applicable.claim":
                key, value = ("claim", payload["benchmark"]), payload.get("reason_sha256")
            elif e.action == "not_applicable.withdraw":
                key, value = ("claim", payload["benchmark"]), None
            elif e.action == "workforce.upload":
                key, value = ("workforce", ""), payload.get("sha256")
            elif e.action == "evidence.add":
                if e.seq < ref:
                    added_before.add(payload["evidence"])
                    continue
                key, value = ("evidence", payload["evidence"]), ("added",
                                                                payload.get("requirement"))
            elif e.action == "evidence.remove":
                if e.seq < ref:
                    added_before.discard(payload["evidence"])
                    continue
                key, value = ("evidence", payload["evidence"]), ("removed",
                                                                payload.get("requirement"))
            elif e.action == "assessment.move_version" and e.seq > ref:
                key, value = ("standard_version", ""), payload.get("to")
            if key is None:
                continue
            if e.seq < ref:
                before[key] = value
            else:
                after[key] = (value, e.at, e.actor)
        ids = sorted({who for _v, _at, who in after.values()})
        names = dict(conn.execute(sa.select(app_user.c.id, app_user.c.display_name).where(
            app_user.c.id.in_(ids))).all())
        changes = []
        for (kind, subject), (value, at, who) in after.items():
            by = names.get(who) or display_name(conn, who)
            when = _when(at)
            if kind == "answer":
                if (kind, subject) in before and before[(kind, subject)] == value:
                    continue
                changes.append(Change("answer", bench_of_question.get(subject), subject, None,
                                      None, when, by))
            elif kind == "claim":
                if before.get((kind, subject)) == value:
                    continue
                changes.append(Change("claim" if value is not None else "claim_withdrawn",
                                      subject, None, None, None, when, by))
            elif kind == "workforce":
                if before.get((kind, subject)) == value:
                    continue
                changes.append(Change("workforce", None, None, None, None, when, by))
            elif kind == "evidence":
                what, requirement = value
                if what == "added" and subject in present:
                    item = present[subject]
                    changes.append(Change("evidence_added", item.benchmark_id, subject,
                                          item.requirement_id, item.title, when, by))
                elif what == "removed" and subject in added_before:
                    changes.append(Change("evidence_removed",
                                          bench_of_requirement.get(requirement), subject,
                                          requirement, None, when, by))
            elif kind == "standard_version":
                changes.append(Change("standard_version", None, None, None, None, when, by))
        order = {k: i for i, k in enumerate(KINDS)}
        changes.sort(key=lambda c: (order[c.kind], c.benchmark_id or "", c.subject or "",
                                    c.at))
        return ChangesSinceSubmission(
            _when(reference[-1].at) if reference else None, True,
            _when(later[-1].at) if later else None, changes)
