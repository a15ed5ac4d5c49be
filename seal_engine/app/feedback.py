"""What the assessor decided, as the institution reads it: the reviewed status of each benchmark
where it differs from the self-assessed one, the justification of every override, and every
rejected evidence item or not-applicable claim with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from seal_engine import BenchmarkNames
from seal_engine.app.i18n import _
from seal_engine.app.ui import link, md
from seal_engine.app.words import status_name
from seal_engine.lifecycle import FEEDBACK
from seal_engine.store import Actor, AssessmentInfo, ReviewStatus, review_status

__all__ = ["BenchmarkFeedback", "assessor_feedback", "benchmark_link", "feedback_lines",
           "show_feedback", "show_requests"]

#: States in which the institution sees the assessor's review.
_REVIEWED = FEEDBACK


@dataclass
class BenchmarkFeedback:
    """The assessor's word on one benchmark."""

    benchmark_id: str
    reviewed_status: str | None = None  # set where it differs from the self-assessed status
    overridden: bool = False
    notes: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # the assessor's open requests


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

    status = status or review_status(store, user, info.id)
    for v in status.benchmarks:
        final = v.status if v.decision == "override" and v.status else v.computed_status
        if final != self_assessed.get(v.benchmark_id, final):
            of(v.benchmark_id).reviewed_status = final
        if v.decision == "override":
            of(v.benchmark_id).overridden = True
            of(v.benchmark_id).notes.append(_("The assessor set it to {status}: {why}").format(
                status=status_name(final), why=v.justification or _("no reason given")))
    for r in status.open_requests if info.state == "changes_requested" else []:
        if r.get("benchmark_id"):
            of(r["benchmark_id"]).requests.append(str(r.get("message") or ""))
    for e in info.evidence:
        if e.verdict == "rejected":
            of(e.benchmark_id).notes.append(_("Evidence “{title}” was rejected: {why}").format(
                title=e.title, why=e.verdict_reason or _("no reason given")))
    for bid, claim in info.not_applicable.items():
        if claim.decision == "rejected":
            of(bid).notes.append(_("Your claim that it does not apply was rejected: {why}")
                                 .format(why=claim.decision_reason or _("no reason given")))
    return {bid: f for bid, f in out.items() if f.reviewed_status or f.notes or f.requests}


def feedback_lines(f: BenchmarkFeedback, *, with_status: bool = True) -> list[str]:
    """What the review says of one benchmark, line by line: the assessor's open requests, its
    reviewed status (where no override says it already) and every note."""
    lines = [_("The assessor asks: {message}").format(message=m) for m in f.requests]
    lines += f.notes
    if with_status and f.reviewed_status and not f.overridden:
        lines.insert(0, _("Reviewed as {status}").format(status=status_name(f.reviewed_status)))
    return lines


def benchmark_link(standard, code: str, benchmark_id: str, names: BenchmarkNames | None = None,
                   ) -> None:
    """A link to the benchmark inside the questionnaire (its dimension, the benchmark opened),
    named as everywhere: "PC-06 (3.6) Gender-responsive procurement"."""
    names = names or BenchmarkNames(standard)
    if benchmark_id not in names:
        st.markdown(f"**{md(benchmark_id)}**")
        return
    dimension = next(d.id for d in standard.dimensions
                     if any(b.id == benchmark_id for b in d.benchmarks))
    link("assessment", names.heading(benchmark_id), ":material/arrow_forward:", a=code,
         d=dimension, b=benchmark_id)


def show_requests(standard, code: str, requests: list[dict]) -> None:
    """The assessor's open requests, each under a link to the benchmark it concerns."""
    names = BenchmarkNames(standard)
    for r in requests:
        if r.get("benchmark_id"):
            benchmark_link(standard, code, r["benchmark_id"], names)
        st.markdown(f"> {md(r.get('message') or '')}")


def show_feedback(standard, code: str, feedback: dict[str, BenchmarkFeedback],
                  limit: int | None = None, *, requests: bool = True) -> None:
    """What the review says of each benchmark, each under a link to it; without the open
    requests when they are listed apart (``requests=False``)."""
    names = BenchmarkNames(standard)
    shown = [(bid, f) for bid, f in feedback.items()
             if requests or f.notes or f.reviewed_status]
    for bid, f in shown[:limit] if limit else shown:
        benchmark_link(standard, code, bid, names)
        lines = feedback_lines(f) if requests else feedback_lines(
            BenchmarkFeedback(bid, f.reviewed_status, f.overridden, f.notes))
        st.markdown("\n".join(f"- {md(line)}" for line in lines if line))
    if limit and len(shown) > limit:
        st.markdown("- " + md(_("… and {n} more").format(n=len(shown) - limit)))
