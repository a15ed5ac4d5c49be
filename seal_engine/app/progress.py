"""How far a self-assessment is: per dimension, the required questions answered and left and
the evidence requirements with nothing attached, leaving out benchmarks that do not apply
(claimed not applicable, or left out by their rule)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from seal_engine import ScoreResult, Standard
from seal_engine.store import AssessmentInfo

__all__ = ["DimensionProgress", "answered", "progress"]


def answered(value: Any) -> bool:
    """Whether a stored answer counts as given (an empty text, list or table does not)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


@dataclass
class DimensionProgress:
    id: str
    title: str
    required: int = 0
    answered: int = 0
    left: list[tuple[str, str]] = field(default_factory=list)  # (benchmark id, question id)
    missing_evidence: list[tuple[str, str]] = field(default_factory=list)  # (benchmark, req)
    skipped: int = 0  # benchmarks that do not apply

    @property
    def complete(self) -> bool:
        return not self.left

    @property
    def share(self) -> float:
        return 1.0 if not self.required else self.answered / self.required


def progress(standard: Standard, info: AssessmentInfo,
             result: ScoreResult | None = None) -> list[DimensionProgress]:
    """Progress of each dimension of ``standard`` for the stored assessment ``info``."""
    statuses = {b.id: b.status.value for b in result.benchmarks} if result else {}
    with_items = {e.requirement_id for e in info.evidence}
    out = []
    for d in standard.dimensions:
        p = DimensionProgress(d.id, d.title)
        for b in d.benchmarks:
            if (b.id in info.not_applicable or not b.applicable
                    or statuses.get(b.id) == "not_applicable"):
                p.skipped += 1
                continue
            for q in b.questions:
                if not q.required:
                    continue
                p.required += 1
                stored = info.answers.get(q.id)
                if stored is not None and answered(stored.value):
                    p.answered += 1
                else:
                    p.left.append((b.id, q.id))
            for e in b.evidence:
                if e.id not in with_items:
                    p.missing_evidence.append((b.id, e.id))
        out.append(p)
    return out
