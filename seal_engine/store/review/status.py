"""Where a review stands: each benchmark's computed status and verdict (outdated
confirmations flagged, with the filters a reviewer narrows them to), the evidence and claims
not yet decided, the open requests, the team, and what a final decision still needs, as
messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ...lifecycle import DECIDED, REVIEWED
from ...messages import Message, say
from ...naming import BenchmarkNames
from .._common import Actor, assessment_row, display_name, refresh
from ..assessments import compute, evidence_rows
from ..engine import Store
from ..results import decisions, reviewed
from ..schema import app_user, assignment, evidence_request, na_claim

__all__ = ["BenchmarkVerdict", "ReviewStatus", "review_status"]


@dataclass(frozen=True)
class BenchmarkVerdict:
    benchmark_id: str
    computed_status: str
    decision: str | None
    status: str | None
    justification: str | None
    outdated: bool
    version: int
    mandatory_from: str | None = None
    open_requests: int = 0
    """Requests to the institution on this benchmark not yet answered."""
    evidence_pending: int = 0
    """Its evidence items not yet accepted or rejected."""
    claim_pending: bool = False
    """The institution claims it does not apply and no assessor has decided the claim."""

    @property
    def open(self) -> bool:
        """True while the benchmark needs a verdict: none yet, or a confirmation outdated."""
        return self.decision is None or self.outdated

    @property
    def flags(self) -> frozenset[str]:
        """The review filters (:attr:`ReviewStatus.FILTERS`) this benchmark matches."""
        return frozenset(name for name, holds in (
            ("not_reviewed", self.open),
            ("overridden", self.decision == "override"),
            ("open_requests", self.open_requests > 0),
            ("mandatory", self.mandatory_from is not None),
            ("outdated", self.outdated),
        ) if holds)


@dataclass
class ReviewStatus:
    """Where the review of an assessment stands, and what a final decision still needs."""

    state: str
    benchmarks: list[BenchmarkVerdict] = field(default_factory=list)
    evidence_pending: list[str] = field(default_factory=list)
    claims_pending: list[str] = field(default_factory=list)
    open_requests: list[dict] = field(default_factory=list)
    #: what the review still needs before a recommendation, as messages
    missing: list[Message] = field(default_factory=list)
    reviewed_level: str | None = None
    reviewed_score: float | None = None
    team: list[tuple[str, str, bool]] = field(default_factory=list)
    """(display name, lead or member, declared no conflict) of each assessor on the team."""
    verdicts_by: dict[str, int] = field(default_factory=dict)
    """Display name -> benchmark verdicts given (who reviewed what)."""
    recommendation: str | None = None
    recommended_level: str | None = None
    recommended_by: str | None = None
    recommendation_reason: str | None = None

    FILTERS: ClassVar[tuple[str, ...]] = ("not_reviewed", "overridden", "open_requests",
                                          "mandatory", "outdated")
    """What a reviewer can narrow the benchmarks to: without a current verdict (none yet, or
    a confirmation outdated), overridden, with requests to the institution still open,
    mandatory at some level, confirmed before the computed status changed."""

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def reviewed_count(self) -> int:
        """Benchmarks with a current verdict (of ``len(benchmarks)``)."""
        return sum(not v.open for v in self.benchmarks)

    def matching(self, filters=()) -> list[str]:
        """The benchmarks (in the standard's order) matching every one of ``filters`` (names
        of :attr:`FILTERS`; none: all of them)."""
        wanted = frozenset(filters)
        unknown = wanted - set(self.FILTERS)
        if unknown:
            raise ValueError(f"no review filter {sorted(unknown)!r}; the filters are "
                             f"{', '.join(self.FILTERS)}")
        return [v.benchmark_id for v in self.benchmarks if wanted <= v.flags]

    @property
    def confirmable_in_bulk(self) -> list[str]:
        """The benchmarks still needing a verdict that no level makes mandatory: the only
        ones :func:`confirm_remaining` confirms in one act."""
        return [v.benchmark_id for v in self.benchmarks if v.open and v.mandatory_from is None]


def _status(conn: Connection, row: Row) -> ReviewStatus:
    scored = compute(conn, row, reviewed=True)
    computed = scored[2]
    verdicts = decisions(conn, row.id)
    out = ReviewStatus(row.state)
    items = evidence_rows(conn, row.id)
    out.evidence_pending = [e.id for e in items if e.verdict is None]
    out.claims_pending = [c.benchmark_id for c in conn.execute(sa.select(
        na_claim.c.benchmark_id).where(na_claim.c.assessment_id == row.id,
                                       na_claim.c.decision.is_(None)))]
    out.open_requests = [dict(r._mapping) for r in conn.execute(
        sa.select(evidence_request.c.id, evidence_request.c.benchmark_id,
                  evidence_request.c.requirement_id, evidence_request.c.message).where(
            evidence_request.c.assessment_id == row.id,
            evidence_request.c.answered_at.is_(None)))]
    requests: dict[str, int] = {}
    for r in out.open_requests:
        requests[r["benchmark_id"]] = requests.get(r["benchmark_id"], 0) + 1
    pending: dict[str, int] = {}
    for e in items:
        if e.verdict is None:
            pending[e.benchmark_id] = pending.get(e.benchmark_id, 0) + 1
    for b in computed.benchmarks:
        d = verdicts.get(b.id)
        outdated = d is not None and d.decision == "confirm" and d.computed_status != b.status
        out.benchmarks.append(BenchmarkVerdict(
            b.id, b.status.value, d.decision if d else None, d.status if d else None,
            d.justification if d else None, outdated, d.version if d else 0,
            b.mandatory_from, requests.get(b.id, 0), pending.get(b.id, 0),
            b.id in out.claims_pending))
    if row.state in REVIEWED - DECIDED:
        result = reviewed(conn, row, scored, verdicts)[1]
        out.reviewed_level, out.reviewed_score = result.level, result.score
    out.team = [(r.display_name, r.team_role, r.no_conflict_at is not None)
                for r in conn.execute(
                    sa.select(assignment.c.team_role, assignment.c.no_conflict_at,
                              app_user.c.display_name)
                    .join(app_user, app_user.c.id == assignment.c.assessor_id)
                    .where(assignment.c.assessment_id == row.id)
                    .order_by(assignment.c.team_role, app_user.c.display_name))]
    names = dict(conn.execute(sa.select(app_user.c.id, app_user.c.display_name).where(
        app_user.c.id.in_(sorted({d.updated_by for d in verdicts.values()})))).all())
    for d in verdicts.values():
        who = names.get(d.updated_by) or display_name(conn, d.updated_by)
        out.verdicts_by[who] = out.verdicts_by.get(who, 0) + 1
    out.recommendation = row.recommendation
    out.recommended_level = row.recommended_level
    out.recommended_by = display_name(conn, row.recommended_by) if row.recommended_by else None
    out.recommendation_reason = row.recommendation_reason
    undecided = [v.benchmark_id for v in out.benchmarks if v.decision is None]
    outdated = [v.benchmark_id for v in out.benchmarks if v.outdated]
    name = BenchmarkNames(scored[0])

    def names(ids: list[str], most: int | None = None) -> str:
        shown = ", ".join(name(b) for b in ids[:most])
        return shown + (" …" if most is not None and len(ids) > most else "")

    if undecided:
        out.missing.append(say("review.verdicts_missing", n=len(undecided),
                               benchmarks=names(undecided, 8)))
    if outdated:
        out.missing.append(say("review.verdicts_outdated", benchmarks=names(outdated)))
    if out.evidence_pending:
        out.missing.append(say("review.evidence_pending", n=len(out.evidence_pending)))
    if out.claims_pending:
        out.missing.append(say("review.claims_pending", benchmarks=names(out.claims_pending)))
    return out


def review_status(store: Store, actor: Actor, assessment_id: str) -> ReviewStatus:
    """Each benchmark's computed status and verdict (outdated ones flagged), the evidence and
    claims not yet decided, the open requests, and what a final decision still needs."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        return _status(conn, assessment_row(conn, actor, assessment_id))

