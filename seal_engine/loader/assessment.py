"""Assessments from files, texts or mappings, validated, every problem located."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._source import Source, parse_text, read_regular, read_source
from ..errors import AssessmentError, Problem, SealError
from ..messages import say
from ..models import Assessment
from ._raw import validation_problems
from .kinds import sniff_bytes, sniff_data

__all__ = ["load_assessment", "parse_assessment"]


def load_assessment(path: str | Path) -> Assessment:
    """Load and validate an assessment file (its answers are checked against the standard when
    it is scored, or by :func:`~seal_engine.normalise_answers`)."""
    path = Path(path)
    try:
        if path.is_file():
            hint = sniff_bytes(read_regular(path, 7), path.name)
            if hint:
                raise AssessmentError(Problem(say("load.not_an_assessment", hint=hint),
                                              file=str(path)))
        src = read_source(path)
    except SealError as e:
        raise AssessmentError(e.problems) from None
    return _build(src)


def parse_assessment(source: str | bytes | Mapping[str, Any], name: str = "<assessment>"
                     ) -> Assessment:
    """An assessment from memory: YAML or JSON text (JSON when ``name`` ends in ``.json``), or
    a mapping of its fields.  ``name`` is what error messages call it.  Nothing is read from
    disk: a ``workforce:`` file it names is only a name until a caller loads it."""
    try:
        if isinstance(source, (bytes, bytearray)):
            hint = sniff_bytes(bytes(source[:8]), name)
            if hint:
                raise AssessmentError(Problem(say("load.not_an_assessment", hint=hint),
                                              file=name))
        if isinstance(source, (str, bytes, bytearray)):
            src = parse_text(source, name)
        elif isinstance(source, Mapping):
            src = Source(dict(source), name)
        else:
            raise AssessmentError(Problem(
                say("load.assessment_given_as", got=type(source).__name__), file=name))
    except AssessmentError:
        raise
    except SealError as e:
        raise AssessmentError(e.problems) from None
    return _build(src)


def _build(src: Source) -> Assessment:
    if not isinstance(src.data, dict):
        hint = sniff_data(src.data)
        raise AssessmentError(Problem(
            say("load.assessment_mapping_hint", hint=hint) if hint else
            say("load.assessment_mapping"), file=src.file))
    kind = src.data.get("type", "assessment")
    if kind != "assessment":
        file, line, col = src.locate(["type"])
        hint = sniff_data(src.data)
        raise AssessmentError(Problem(
            say("load.type_not_assessment_hint", kind=kind, hint=hint) if hint else
            say("load.type_not_assessment", kind=kind),
            file=file, line=line, column=col, field="type"))
    if "type" not in src.data:
        hint = sniff_data(src.data)
        if hint:
            raise AssessmentError(Problem(say("load.not_an_assessment", hint=hint),
                                          file=src.file))
        known = set(Assessment.model_fields)
        if not any(isinstance(k, str) and k in known for k in src.data):
            raise AssessmentError(Problem(say("load.not_an_assessment_fields"),
                                          file=src.file))
    try:
        assessment = Assessment.model_validate(src.data)
    except ValidationError as e:
        raise AssessmentError(
            validation_problems(e, src)) from None
    assessment._origin = src
    return assessment
