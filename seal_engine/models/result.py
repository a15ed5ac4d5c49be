"""A score's shape: each benchmark's status with its clauses and explanation, the dimensions,
the level reached and what the next level needs."""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from ._base import SealModel as _Model
from .assessment import Institution, Period
from .standard import BasisKind, StandardRef

__all__ = ["BenchmarkResult", "BenchmarkStatus", "Clause", "DimensionResult", "NextLevel",
           "ResultsLevelResult", "ScoreBasis", "ScoreResult"]


class BenchmarkStatus(str, Enum):
    met = "met"
    partially_met = "partially_met"
    not_met = "not_met"
    not_applicable = "not_applicable"
    not_answered = "not_answered"


class Clause(_Model):
    """One condition of a rule as it was evaluated: whether it holds, in words, the value seen
    and what it needs, and the conditions it is made of.

    ``kind`` is ``condition`` (a comparison or test), ``all`` / ``any`` (conditions joined by
    *and* / *or*: for ``any`` each child is an alternative), ``not``, ``count`` (how many of
    its children hold) or ``first_known`` (the first of its children with a value decides; only
    that child is listed)."""

    state: Literal["holds", "fails", "unknown"]
    kind: Literal["condition", "all", "any", "not", "count", "first_known"] = "condition"
    text: str = Field(description="The condition in words, with the values seen.")
    value: str | None = Field(None, description="The value seen, in words.")
    needs: str | None = Field(None, description="What the condition needs, in words.")
    evidence: str | None = Field(None, description="Id of the evidence requirement it tests.")
    expression: str | None = Field(
        None, description="A comparison: the rule text of the value compared "
        "(e.g. metric('women_share', grade='senior')).")
    op: str | None = Field(None, description="A comparison: its operator (>=, <, ==, in...).")
    actual: float | None = Field(
        None, description="A comparison: the value seen, when a number (shares as 0..1).")
    threshold: float | None = Field(
        None, description="A comparison: the value it is compared with, when a number.")
    clauses: list[Clause] = Field(default_factory=list)
    #: ``text`` as data (a :class:`~seal_engine.messages.Message`), for an edge that writes it in
    #: another language; not part of the JSON (``text`` is its English)
    message: SkipJsonSchema[Any] = Field(None, exclude=True, repr=False)

    def mark(self) -> str:
        return {"holds": "✓", "fails": "✗", "unknown": "?"}[self.state]

    def words(self, lang: str = "en") -> str:
        """The clause's text in ``lang`` (its English ``text`` when it has no message)."""
        if lang == "en" or self.message is None:
            return self.text
        from ..messages import render_message

        return render_message(self.message, lang=lang)

    def lines(self, depth: int = 0, lang: str = "en") -> list[str]:
        """The clause and its parts as indented lines marked ✓ (holds), ✗ (fails), ? (unknown),
        in ``lang``."""
        out = [f"{'  ' * depth}{self.mark()} {self.words(lang)}"]
        for c in self.clauses:
            out.extend(c.lines(depth + 1, lang))
        return out


class BenchmarkResult(_Model):
    id: str
    dimension: str
    title: str
    status: BenchmarkStatus
    points: float
    max_points: float
    mandatory_from: str | None = None
    claim: Literal["pending", "accepted", "refused"] | None = Field(
        None, description="The institution's not-applicable claim on this benchmark: 'pending' "
        "(no assessor has accepted it: it stays in the count as not met, and never satisfies a "
        "mandatory benchmark), 'accepted' (by an assessor: it leaves the count), 'refused' (the "
        "standard allows no such claim, so the benchmark is scored on its rule); null when "
        "there is none.")
    explanation: list[str] = Field(
        default_factory=list,
        description="Why, in words: one clause a line (empty when scored without explanations).")
    clauses: list[Clause] = Field(
        default_factory=list,
        description="The rule that decides the status (applies_when for a benchmark found not "
        "applicable, else met), clause by clause.")
    partial_clauses: list[Clause] = Field(
        default_factory=list,
        description="The partially_met rule clause by clause, when the full rule fails.")
    #: the explanation's first line as data (a :class:`~seal_engine.messages.Message`), for an
    #: edge that writes it in another language; not part of the JSON
    why: SkipJsonSchema[Any] = Field(None, exclude=True, repr=False)
    #: a reviewed result's benchmark whose status the assessor decided: the line heading its
    #: explanation as data (``say("why.overridden", computed=..., decided=...,
    #: justification=...)``, the statuses as ``status.*`` messages, the justification as the
    #: assessor wrote it); not part of the JSON, whose :attr:`explanation` starts with its
    #: English
    override: SkipJsonSchema[Any] = Field(None, exclude=True, repr=False)

    def explained(self, lang: str = "en") -> list[str]:
        """:attr:`explanation` in ``lang``: the assessor's override (if any), the first line and
        every clause (English, and a result read back from JSON, as it is)."""
        if self.override is None:
            return self._explained(self.explanation, lang)
        from ..messages import render_message

        return [render_message(self.override, lang=lang),
                *self._explained(self.explanation[1:], lang)]

    def _explained(self, explanation: list[str], lang: str) -> list[str]:
        """``explanation`` (the computed one) in ``lang``."""
        if lang == "en" or self.why is None or not explanation:
            return list(explanation)
        from ..messages import render_message, say

        lines = [render_message(self.why, lang=lang)]
        lines += [ln for c in self.clauses for ln in c.lines(lang=lang)]
        if self.status == BenchmarkStatus.partially_met:
            lines.append(render_message(say("why.partial_because"), lang=lang))
            lines += ["  " + ln for c in self.partial_clauses for ln in c.lines(lang=lang)]
        return lines


class DimensionResult(_Model):
    id: str
    title: str
    score: float | None = Field(description="Percent of applicable points; null if none apply.")
    points: float
    max_points: float
    counts: dict[BenchmarkStatus, int]


class NextLevel(_Model):
    id: str
    title: str
    min_score: float
    points_needed: float = Field(description="Further points needed to reach the threshold "
                                 "(on the share of benchmarks met: further benchmarks).")
    blocking: list[str] = Field(description="Mandatory benchmarks not yet met.")
    pending_claims: list[str] = Field(
        default_factory=list, description="Those of the blocking benchmarks that the institution "
        "claims do not apply: pending the assessor's decision on the claim.")


class ScoreBasis(_Model):
    """How the percentage was counted, named in every result."""

    kind: BasisKind
    partial_credit: float
    threshold_operator: Literal[">=", ">"]
    applicable: int = Field(description="Benchmarks counted (not applicable ones left out).")
    met: int = Field(description="Of them, met.")
    partially_met: int = Field(description="Of them, partially met (progress; credit only "
                               "when partial_credit > 0).")


class ResultsLevelResult(_Model):
    """The share of a results level's applicable benchmarks met (its dimensions together)."""

    id: str
    title: str
    dimensions: list[str]
    score: float | None = Field(description="Percent on the standard's basis; null if none "
                                "apply.")
    points: float
    max_points: float
    counts: dict[BenchmarkStatus, int]


class ScoreResult(_Model):
    """The result of scoring one assessment; ``to_dict()`` is the JSON contract of `seal score`."""

    standard: StandardRef
    institution: Institution
    assessment: str
    period: Period
    level: str | None
    score: float
    points: float
    max_points: float
    basis: ScoreBasis
    not_asked: list[str] = Field(
        default_factory=list, description="Questions not asked of this institution (their "
        "asked_when rule is false): not required, left out of progress.")
    dimensions: list[DimensionResult]
    results_levels: list[ResultsLevelResult] = Field(default_factory=list)
    benchmarks: list[BenchmarkResult]
    next_level: NextLevel | None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def benchmark(self, benchmark_id: str) -> BenchmarkResult:
        for b in self.benchmarks:
            if b.id == benchmark_id:
                return b
        raise KeyError(benchmark_id)
