"""The shapes the JSON API reads and writes: pydantic models, the one source of both the
answers and the OpenAPI document (:mod:`.openapi`).  Each output model is filled from the
store's record of the same name (``from_attributes``), so a field the store renames fails here,
in the tests, not in a client."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from ..certificate import Verification
from ..models import ScoreResult
from ..store.assessments import AssessmentSummary
from ..store.certificates import CertificateInfo
from ..store.results import PortfolioRow
from ..workforce.mapping import ColumnMapping

__all__ = ["AnswersIn", "AnswersOut", "AssessmentOut", "CertificateOut", "ColumnMappingIn",
           "ColumnMappingOut", "Me", "PortfolioRowOut", "ProblemDetails", "ProblemItem",
           "ResultOut", "StaffDataOut", "Verification", "VerifyIn"]


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def _out_of(name: str, record: type, doc: str, exclude: frozenset[str] = frozenset()) -> type[_Out]:
    """The output model of a store record (a dataclass): its fields, types and defaults taken
    from the record itself, so that the store's record stays the one source of the shape;
    ``exclude``: fields the API does not show."""
    hints = typing.get_type_hints(record)
    fields = {f.name: (hints[f.name], ... if f.default is dataclasses.MISSING else f.default)
              for f in dataclasses.fields(record) if f.name not in exclude}
    model = create_model(name, __base__=_Out, __doc__=doc,
                         __module__=__name__, **fields)
    return model


class ProblemItem(BaseModel):
    """One located problem: what is wrong and where (file, line, column, field, record)."""

    message: str = Field(description="What is wrong, in the language the request asked for "
                                     "(Accept-Language; English when the engine has none of "
                                     "those asked)")
    code: str | None = Field(None, description="The message code of the problem: stable, for "
                                               "programs (the message is its words)")
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    record_id: str | None = None


class ProblemDetails(BaseModel):
    """An error, as RFC 9457 problem details (``application/problem+json``), with every
    located problem in ``problems``."""

    type: str = Field(description="A URI naming the kind of problem")
    title: str
    status: int
    detail: str
    instance: str | None = None
    problems: list[ProblemItem] = Field(default_factory=list)
    retry_after: int | None = Field(None, description="Seconds to wait (429 only)")


class Me(BaseModel):
    """Who the token acts as."""

    user_id: str
    display_name: str
    roles: list[str]
    institutions: list[str] = Field(description="Ids of the institutions the user is a focal "
                                                "point of")
    countries: list[str]
    token_id: str
    read_only: bool


class ResultOut(BaseModel):
    """A result of an assessment: ``self`` as the institution answered it, or ``reviewed`` as
    the assessment team's verdicts make it."""

    assessment_id: str
    kind: Literal["self", "reviewed"]
    result: ScoreResult


class AnswersIn(BaseModel):
    """Answers to push: question id to value (``null`` clears one), as in an assessment file.
    ``versions`` (question id to the version read) refuses an answer changed since; without
    it the answers stored now are replaced.  ``source`` names the sending system in the audit
    trail."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any]
    versions: dict[str, int] | None = None
    source: str | None = Field(None, max_length=200)


class AnswersOut(BaseModel):
    """What a push did: the answers written with their new versions, and those already so."""

    assessment_id: str
    written: dict[str, int]
    unchanged: list[str]


class StaffDataOut(_Out):
    """What a staff data upload did: the stored file's version, whether anything changed, the
    institution's mapping version applied (``null``: the file was taken as it is)."""

    version: int
    changed: bool
    mapping_version: int | None = None
    name: str


class ColumnMappingIn(BaseModel):
    """A column mapping to save, with the version read (0: none saved yet)."""

    model_config = ConfigDict(extra="forbid")

    mapping: ColumnMapping
    expected_version: int = Field(ge=0)


class ColumnMappingOut(BaseModel):
    """The institution's column mapping in use (``version`` 0 and an empty mapping: none)."""

    institution_code: str
    version: int
    mapping: ColumnMapping
    created_at: dt.datetime | None = None
    created_by: str | None = None


class VerifyIn(BaseModel):
    """A certificate's code (the signed token printed on it or in its QR code)."""

    model_config = ConfigDict(extra="forbid")

    token: str = Field(max_length=20_000)


AssessmentOut = _out_of(
    "AssessmentOut", AssessmentSummary,
    "An assessment as listed: its institution, standard, period, purpose and state.")
CertificateOut = _out_of(
    "CertificateOut", CertificateInfo,
    "A certificate: the level, the standard, its dates, the audit entry of the decision and "
    "the signed token (verify it at ``/api/v1/verify``).",
    exclude=frozenset({"institution_id", "kid"}))
PortfolioRowOut = _out_of(
    "PortfolioRowOut", PortfolioRow,
    "A stored result in the portfolio: levels and scores, never answers or staff data.")
