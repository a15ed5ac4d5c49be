"""What the assessor decided, as the institution reads it: the reviewed status of each benchmark
where it differs from the self-assessed one, the justification of every override, and every
rejected evidence item or not-applicable claim with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from seal_engine.app.i18n import _
from seal_engine.app.words import status_name
from seal_engine.lifecycle import FEEDBACK
from seal_engine.store import Actor, AssessmentInfo, ReviewStatus, review_status

__all__ = ["BenchmarkFeedback", "assessor_feedback", "feedback_lines"]

#: States in which the institution sees the assessor's review.
_REVIEWED = FEEDBACK


@dataclass
class BenchmarkFeedback:
    """The assessor's word on one benchmark."""

    benchmark_id: str
    reviewed_status: str | None = None  # set where it differs from the self-assessed status
    overridden: bool = False
    notes: list[str] = field(default_factory=list)


def assessor_feedback(store, user: Actor, info: AssessmentInfo, self_assessed: dict[str, str],
                      status: ReviewStatus | None = None) -> dict[str, BenchmarkFeedback]:
    """The review's outcome per benchmark id, for an assessment the assessor has sent back or
    decided on (empty before that); ``self_assessed`` maps benchmark ids to their status as the
    institution scored them; ``status``: the assessment's review status when the caller has it
    already (else it is read)."""
    if info.state not in _REVIEWED:
        return {}
    out: dict[str, BenchmarkFeedback] = {}

    def of(bid: str) -> BenchmarkFeedback:
        return out.setdefault(bid, BenchmarkFeedback(bid))

    for v in (status or review_status(store, user, info.id)).benchmarks:
        final = v.status if v.decision == "override" and v.status else v.computed_status
        if final != self_assessed.get(v.benchmark_id, final):
            of(v.benchmark_id).reviewed_status = final
        if v.decision == "override":
            of(v.benchmark_id).overridden = True
            of(v.benchmark_id).notes.append(_("The assessor set it to {status}: {why}").format(
                status=status_name(final), why=v.justification or _("no reason given")))
    for e in info.evidence:
        if e.verdict == "rejected":
            of(e.benchmark_id).notes.append(_("Evidence “{title}” was rejected: {why}").format(
                title=e.title, why=e.verdict_reason or _("no reason given")))
    for bid, claim in info.not_applicable.items():
        if claim.decision == "rejected":
            of(bid).notes.append(_("Your claim that it does not apply was rejected: {why}")
                                 .format(why=claim.decision_reason or _("no reason given")))
    return {bid: f for bid, f in out.items() if f.reviewed_status or f.notes}


def feedback_lines(f: BenchmarkFeedback) -> list[str]:
    """What the review says of one benchmark, line by line: its reviewed status (where no
    override says it already) and every note."""
    lines = list(f.notes)
    if f.reviewed_status and not f.overridden:
        lines.insert(0, _("Reviewed as {status}").format(status=status_name(f.reviewed_status)))
    return lines
