"""Scored results: the self-assessed result (as submitted) and the reviewed one (from the
assessor's verdicts), stored one row per assessment and kind in ``result_assessment`` and one
per benchmark in ``result_benchmark`` for comparison in SQL, and compared side by side.

The reviewed result is the engine's own: benchmark statuses as the assessor decided them, with
points on the standard's basis (each benchmark once, or its weight), summarised by
``seal_engine.scoring.summarise`` (so the level rule is the engine's ``level_for``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..messages import Message, render_message, say
from ..models import BenchmarkResult, BenchmarkStatus, ScoreResult, Standard
from ..scoring import summarise
from ._common import (
    Actor,
    assessment_row,
    aware,
    can_see_content,
    once_per_run,
    refresh,
    visible_filter,
)
from ._letters import dimension_points_text, status_letters
from .assessments import compute
from .engine import Store
from .schema import assessment, benchmark_review, institution, result_assessment, result_benchmark

__all__ = ["Difference", "PortfolioRow", "ResultComparison", "compare_results",
           "portfolio_results"]

S = BenchmarkStatus


def result_rows(assessment_id: str, kind: str, result: ScoreResult, where: dict,
                computed_at) -> tuple[dict, list[dict]]:
    """The stored rows of a result: its ``result_assessment`` row (with the status letters and
    points by dimension the comparison reads) and its ``result_benchmark`` rows.  ``where``:
    the institution's ``institution_id``, ``country``, ``scope`` and ``sector`` and the
    period's ``period_start``, ``period_end`` and ``period_label``.  Every path that stores a
    result builds its rows here."""
    head = {
        "assessment_id": assessment_id, "kind": kind, "level": result.level,
        "score": result.score, "points": result.points, "max_points": result.max_points,
        "standard_id": result.standard.id, "standard_version": result.standard.version,
        **{k: where[k] for k in _WHERE}, "computed_at": computed_at,
        "statuses": status_letters((b.id, b.status.value) for b in result.benchmarks),
        "dimension_points": dimension_points_text(
            {d.id: [d.points, d.max_points] for d in result.dimensions})}
    benchmarks = [
        {"assessment_id": assessment_id, "kind": kind, "benchmark_id": b.id,
         "dimension_id": b.dimension, "status": b.status.value, "points": b.points,
         "max_points": b.max_points, "mandatory_from": b.mandatory_from}
        for b in result.benchmarks]
    return head, benchmarks


_WHERE = ("institution_id", "country", "scope", "sector", "period_start", "period_end",
          "period_label")


def store_result(conn: Connection, store: Store, row: Row, kind: str,
                 result: ScoreResult) -> None:
    """Replace the stored ``kind`` result of an assessment with ``result``."""
    where = [result_assessment.c.assessment_id == row.id, result_assessment.c.kind == kind]
    conn.execute(result_benchmark.delete().where(result_benchmark.c.assessment_id == row.id,
                                                 result_benchmark.c.kind == kind))
    conn.execute(result_assessment.delete().where(*where))
    head, benchmarks = result_rows(row.id, kind, result, {k: getattr(row, k) for k in _WHERE},
                                   store.now())
    conn.execute(result_assessment.insert().values(**head))
    conn.execute(result_benchmark.insert(), benchmarks)


def with_status(std: Standard, computed: BenchmarkResult, status: BenchmarkStatus,
                override: Message) -> BenchmarkResult:
    """``computed`` with the status the assessor decided, the points that status earns and
    ``override`` (why, as data: :attr:`BenchmarkResult.override`) heading its explanation, in
    English for the JSON."""
    worth = std.credit_of(std.benchmark(computed.id))
    credit = {S.met: 1.0, S.partially_met: std.scoring.partial_credit}.get(status, 0.0)
    return computed.model_copy(update={
        "status": status, "points": worth * credit,
        "max_points": 0.0 if status is S.not_applicable else worth,
        # the assessor decided the status: no claim of the institution's is pending on it
        "claim": None if status is not S.not_applicable else (
            "accepted" if computed.claim else None),
        "explanation": [render_message(override), *computed.explanation],
        "override": override})


def overridden(verdict: Row) -> Message:
    """The line heading an overridden benchmark's explanation, as data."""
    return say("why.overridden", computed=say(f"status.{verdict.computed_status}"),
               decided=say(f"status.{verdict.status}"), justification=verdict.justification)


def decisions(conn: Connection, assessment_id: str) -> Mapping[str, Row]:
    """The assessors' verdicts on an assessment by benchmark id, read once per run of a page
    (shared by the run's readers, so read-only)."""
    return once_per_run(conn, ("decisions", assessment_id), lambda: MappingProxyType({
        r.benchmark_id: r for r in conn.execute(sa.select(benchmark_review).where(
            benchmark_review.c.assessment_id == assessment_id))}))


def reviewed(conn: Connection, row: Row, computed: tuple | None = None,
             verdicts: dict | None = None) -> tuple[ScoreResult, ScoreResult]:
    """``(computed, reviewed)``: the result computed from the reviewed evidence and claims,
    and the reviewed result, where each benchmark takes the status the assessor decided (an
    override) and otherwise the computed one.  ``computed`` and ``verdicts``: what the caller
    already read in this transaction (``compute(conn, row, reviewed=True)``, ``decisions``), so
    nothing is scored twice."""
    std, _model, computed = computed or compute(conn, row, reviewed=True)
    verdicts = verdicts if verdicts is not None else decisions(conn, row.id)
    results = []
    for b in computed.benchmarks:
        d = verdicts.get(b.id)
        if d is not None and d.decision == "override":
            results.append(with_status(std, b, S(d.status), overridden(d)))
        else:
            results.append(b)
    header = {"standard": computed.standard, "institution": computed.institution,
              "assessment": computed.assessment, "period": computed.period,
              "not_asked": computed.not_asked}
    return computed, summarise(std, results, header)


@dataclass(frozen=True)
class Difference:
    """A benchmark whose reviewed status differs from the self-assessed one, and why (as data:
    ``difference.*``, written in the reader's language at the edge)."""

    benchmark_id: str
    title: str
    self_status: str
    reviewed_status: str
    why: Message

    @property
    def reason(self) -> str:
        """Why, in English."""
        return render_message(self.why)


@dataclass(frozen=True)
class ResultComparison:
    """The self-assessed and the reviewed result side by side, with the differences."""

    self_result: ScoreResult
    reviewed_result: ScoreResult
    differences: list[Difference] = field(default_factory=list)

    @property
    def level_changed(self) -> bool:
        return self.self_result.level != self.reviewed_result.level


def _reason(verdict: Row | None, computed: S, self_status: S) -> Message:
    if verdict is not None and verdict.decision == "override":
        return say("difference.overridden", justification=verdict.justification)
    if self_status is S.not_applicable and computed is not S.not_applicable:
        return say("difference.claim_not_accepted")
    return say("difference.evidence_rejected")


def compare_results(store: Store, actor: Actor, assessment_id: str) -> ResultComparison:
    """The self-assessed result and the reviewed result of an assessment as they stand, and
    each benchmark where they differ with the reason (those who may see its summary).  Those
    who may not see its content (an analyst of its country) get the statuses, scores and level
    without the explanations and clauses, which quote the institution's answers."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id, content=False)
        if not can_see_content(conn, actor, row):
            own = _summary_only(compute(conn, row)[2])
            result = _summary_only(reviewed(conn, row)[1])
            differences = [Difference(m.id, m.title, m.status.value, t.status.value,
                                      say("difference.review_changed"))
                           for m, t in zip(own.benchmarks, result.benchmarks, strict=True)
                           if m.status is not t.status]
            return ResultComparison(own, result, differences)
        own = compute(conn, row)[2]
        computed, result = reviewed(conn, row)
        verdicts = decisions(conn, row.id)
        differences = []
        computed_by_id = {b.id: b for b in computed.benchmarks}
        for mine, theirs in zip(own.benchmarks, result.benchmarks, strict=True):
            if mine.status is not theirs.status:
                differences.append(Difference(
                    mine.id, mine.title, mine.status.value, theirs.status.value,
                    _reason(verdicts.get(mine.id), computed_by_id[mine.id].status,
                            mine.status)))
        return ResultComparison(own, result, differences)


def _summary_only(result: ScoreResult) -> ScoreResult:
    """``result`` without what quotes the institution's answers: no explanation, no clauses."""
    return result.model_copy(update={"benchmarks": [
        b.model_copy(update={"explanation": [], "clauses": [], "partial_clauses": [],
                             "override": None})
        for b in result.benchmarks]})


@dataclass(frozen=True)
class PortfolioRow:
    assessment_id: str
    assessment_code: str
    institution_code: str
    institution_name: str
    country: str
    scope: str
    sector: str | None
    period_label: str | None
    period_end: dt.date
    state: str
    kind: str
    level: str | None
    score: float
    standard_id: str
    standard_version: int
    computed_at: dt.datetime


def portfolio_results(store: Store, actor: Actor, *, kind: str | None = None,
                      country: str | None = None) -> list[PortfolioRow]:
    """Stored results of the assessments ``actor`` may see (an analyst: their country's; an
    admin: all), by country, institution and period: levels and scores, never answers or
    staff data."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        query = (sa.select(result_assessment, assessment.c.code, assessment.c.state,
                           institution.c.code.label("institution_code"),
                           institution.c.name.label("institution_name"))
                 .join(assessment, assessment.c.id == result_assessment.c.assessment_id)
                 .join(institution, institution.c.id == assessment.c.institution_id)
                 .where(visible_filter(actor)))
        if kind is not None:
            query = query.where(result_assessment.c.kind == kind)
        if country is not None:
            query = query.where(result_assessment.c.country == country)
        rows = conn.execute(query.order_by(result_assessment.c.country, institution.c.name,
                                           result_assessment.c.period_end,
                                           result_assessment.c.kind)).all()
    return [PortfolioRow(r.assessment_id, r.code, r.institution_code, r.institution_name,
                         r.country, r.scope, r.sector, r.period_label, r.period_end, r.state,
                         r.kind, r.level, r.score, r.standard_id, r.standard_version,
                         aware(r.computed_at)) for r in rows]
