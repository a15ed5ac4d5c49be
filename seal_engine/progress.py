"""How far a self-assessment is: per dimension, the required questions answered and left and
the evidence requirements with nothing attached, leaving out the benchmarks that do not apply
(claimed not applicable, left out by the standard or by their rule).

One rule for everyone: the app shows it while the focal point works, and the store refuses to
submit an assessment while a required question is left (``submit_assessment``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import Field

from .models import QuestionType, SealModel, Standard

__all__ = ["DimensionProgress", "answered", "completeness"]


def answered(value: Any, qtype: QuestionType | str | None = None) -> bool:
    """Whether an answer counts as given: an empty text or table does not; an empty list does
    for a multiple-choice question ("none of these", chosen), not for a table."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list) and not value:
        return qtype in (QuestionType.multiple_choice, QuestionType.multiple_choice.value)
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


class DimensionProgress(SealModel):
    """One dimension's progress."""

    id: str
    title: str
    required: int = Field(0, description="Required questions of the benchmarks that apply.")
    answered: int = 0
    left: list[tuple[str, str]] = Field(
        default_factory=list, description="(benchmark id, question id) still unanswered.")
    missing_evidence: list[tuple[str, str]] = Field(
        default_factory=list, description="(benchmark id, requirement id) with nothing attached.")
    skipped: int = Field(0, description="Benchmarks that do not apply.")

    @property
    def complete(self) -> bool:
        return not self.left

    @property
    def share(self) -> float:
        return 1.0 if not self.required else self.answered / self.required


def completeness(standard: Standard, answers: Mapping[str, Any], claimed: Iterable[str] = (),
                 attached: Iterable[str] = (),
                 statuses: Mapping[str, str] | None = None,
                 not_asked: Iterable[str] = ()) -> list[DimensionProgress]:
    """Progress of each dimension of ``standard``: ``answers`` (question id -> value),
    ``claimed`` (benchmarks claimed not applicable), ``attached`` (evidence requirements with
    something attached), ``statuses`` (benchmark id -> status value of a score, to leave out
    those the rule finds not applicable), ``not_asked`` (questions whose ``asked_when`` is
    false: a score's ``not_asked``)."""
    claimed, attached, statuses = set(claimed), set(attached), statuses or {}
    skip = set(not_asked)
    out = []
    for d in standard.dimensions:
        p = DimensionProgress(id=d.id, title=d.title)
        for b in d.benchmarks:
            if (b.id in claimed or not b.applicable
                    or statuses.get(b.id) == "not_applicable"):
                p.skipped += 1
                continue
            for q in b.questions:
                if not q.required or q.id in skip:
                    continue
                p.required += 1
                if answered(answers.get(q.id), q.type):
                    p.answered += 1
                else:
                    p.left.append((b.id, q.id))
            for e in b.evidence:
                if e.id not in attached:
                    p.missing_evidence.append((b.id, e.id))
        out.append(p)
    return out
