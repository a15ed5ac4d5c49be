"""An assessment's shape: the institution, the period, its answers, claims and evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from ._base import RecordId, Text
from ._base import SealModel as _Model
from .standard import StandardRef

__all__ = ["Assessment", "EvidenceItem", "Institution", "MAX_PERIOD_YEARS", "Period"]


class Institution(_Model):
    id: RecordId
    name: Text
    country: Text
    scope: Literal["national", "subnational"]
    sector: str | None = None
    region: str | None = Field(None, description="Province, state or district, if subnational.")
    parent: RecordId | None = Field(None, description="Id of a parent institution, if any.")


#: Longest assessment period, in years.
MAX_PERIOD_YEARS = 5


class Period(_Model):
    start: dt.date
    end: dt.date
    label: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if (self.end - self.start).days > 366 * MAX_PERIOD_YEARS:
            raise ValueError(f"the period {self.start} to {self.end} is "
                             f"{(self.end - self.start).days // 365} years long; an assessment "
                             f"period is at most {MAX_PERIOD_YEARS} years")
        return self


class EvidenceItem(_Model):
    """A piece of evidence the institution provides for a requirement."""

    requirement: RecordId = Field(description="Id of the evidence requirement it answers.")
    title: Text
    reference: str | None = Field(None, description="File name, URL or archive reference.")
    date: dt.date | None = None
    status: Literal["provided", "accepted", "rejected"] = "provided"
    note: str | None = None

    @property
    def provided(self) -> bool:
        """True when the item counts as evidence: it points at something (a file, a link or an
        archive reference) and no assessor rejected it."""
        return self.status != "rejected" and bool((self.reference or "").strip())


class Assessment(_Model):
    type: Literal["assessment"] = "assessment"
    id: RecordId
    standard: StandardRef
    institution: Institution
    period: Period
    kind: Literal["self", "external"] = Field(
        "self", description="A self-assessment or an external assessment."
    )
    status: Literal["draft", "submitted"] = "draft"
    answers: dict[RecordId, Any] = Field(
        default_factory=dict, description="Question id -> answer; null means not answered."
    )
    evidence: list[EvidenceItem] = Field(default_factory=list)
    not_applicable: dict[RecordId, Text] = Field(
        default_factory=dict, description="Benchmark id -> why it does not apply."
    )
    accepted_claims: list[RecordId] = Field(
        default_factory=list,
        description="Benchmarks whose not-applicable claim an assessor accepted (in an "
        "external assessment every claim is the assessors' own).")
    workforce: str | None = Field(
        None, description="Path of a workforce data file, relative to the assessment file."
    )

    _origin: Any = PrivateAttr(default=None)

    @property
    def origin(self):
        """Where this assessment was parsed from (an :class:`~seal_engine.Origin`: its name,
        the file on disk if any, and ``locate(field_path)``), or ``None`` if it was built in
        code."""
        return self._origin

    def __getstate__(self) -> dict[Any, Any]:
        """Pickled with the name of its origin but not the positions (they point into this
        process's objects)."""
        state = super().__getstate__()
        private = dict(state.get("__pydantic_private__") or {})
        origin = private.get("_origin")
        if origin is not None:
            private["_origin"] = type(origin)(None, origin.file, {}, origin.path)
        state["__pydantic_private__"] = private
        return state

    @field_validator("answers", "evidence", "not_applicable", "accepted_claims", mode="before")
    @classmethod
    def _empty(cls, v: Any, info) -> Any:
        """A key left empty (every item commented out) means none."""
        if v is None:
            return [] if info.field_name in ("evidence", "accepted_claims") else {}
        return v

    def claim_accepted(self, benchmark_id: str) -> bool:
        """True when the not-applicable claim on this benchmark is an assessor's: accepted by
        one, or made in an external assessment."""
        return self.kind == "external" or benchmark_id in self.accepted_claims
