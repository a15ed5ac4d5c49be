"""How far a self-assessment is, for the page: the core's rule
(:func:`seal_engine.completeness`, the one the store applies when the assessment is submitted)
over the stored assessment."""

from __future__ import annotations

from seal_engine import DimensionProgress, ScoreResult, Standard, completeness
from seal_engine.store import AssessmentInfo

__all__ = ["DimensionProgress", "progress"]


def progress(standard: Standard, info: AssessmentInfo,
             result: ScoreResult | None = None) -> list[DimensionProgress]:
    """Progress of each dimension of ``standard`` for the stored assessment ``info``."""
    return completeness(
        standard, {qid: a.value for qid, a in info.answers.items()}, info.not_applicable,
        {e.requirement_id for e in info.evidence},
        {b.id: b.status.value for b in result.benchmarks} if result else None,
        result.not_asked if result else ())
