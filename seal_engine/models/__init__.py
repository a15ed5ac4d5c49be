"""The shapes of seal-engine: standards, assessments and results, as pydantic models.

These models are the single source of every shape.  ``schemas/*.schema.json`` are generated from
them (``seal schema``) and a test checks the checked-in files are current.

The parts: ``standard`` (what a standard asks), ``assessment`` (what an institution answers),
``result`` (what a score says) and ``_base`` (the base model and the record id they share).
"""

from __future__ import annotations

from ._base import TEXT_FIELDS, RecordId, SealModel, Text, TranslatedField
from .assessment import MAX_PERIOD_YEARS, Assessment, EvidenceItem, Institution, Period
from .result import (
    BenchmarkResult,
    BenchmarkStatus,
    Clause,
    DimensionResult,
    NextLevel,
    ResultsLevelResult,
    ScoreBasis,
    ScoreResult,
)
from .standard import (
    TEXT_LIMITS,
    Action,
    ActionArea,
    AnswerScale,
    BasisKind,
    Benchmark,
    Choice,
    Column,
    ColumnTexts,
    Dimension,
    EvidenceKind,
    EvidenceRequirement,
    Indicator,
    Level,
    Pace,
    Parameter,
    Process,
    Question,
    QuestionType,
    RecordTexts,
    Refocus,
    ResultsLevel,
    Rule,
    Scoring,
    Standard,
    StandardRef,
)

__all__ = [
    "Action",
    "ActionArea",
    "AnswerScale",
    "Assessment",
    "Benchmark",
    "BenchmarkResult",
    "BenchmarkStatus",
    "Choice",
    "Clause",
    "Column",
    "ColumnTexts",
    "Dimension",
    "DimensionResult",
    "EvidenceItem",
    "EvidenceRequirement",
    "Indicator",
    "Institution",
    "Level",
    "NextLevel",
    "Pace",
    "Parameter",
    "Period",
    "Question",
    "QuestionType",
    "RecordTexts",
    "Refocus",
    "ResultsLevel",
    "ResultsLevelResult",
    "Rule",
    "ScoreBasis",
    "ScoreResult",
    "Process",
    "Scoring",
    "SealModel",
    "Standard",
    "StandardRef",
]
#: Shared names the engine's modules import from here besides the shapes.
__all__ += ["MAX_PERIOD_YEARS", "TEXT_FIELDS", "TEXT_LIMITS", "BasisKind", "EvidenceKind",
            "RecordId", "Text", "TranslatedField"]
