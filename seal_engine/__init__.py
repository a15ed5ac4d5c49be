"""seal-engine: self-assessment and certification engine for the Gender Equality Seal."""

from .errors import (
    AssessmentError,
    Problem,
    RuleError,
    ScoringError,
    SealError,
    StandardError,
    StoreError,
    WorkforceError,
)
from .loader import find_standard, list_standards, load_assessment, load_standard
from .models import Assessment, BenchmarkStatus, ScoreResult, Standard
from .rules import compile_rule
from .scoring import score

__version__ = "0.1.0"

__all__ = (
    "Assessment",
    "AssessmentError",
    "BenchmarkStatus",
    "Problem",
    "RuleError",
    "ScoreResult",
    "ScoringError",
    "SealError",
    "Standard",
    "StandardError",
    "StoreError",
    "WorkforceError",
    "__version__",
    "compile_rule",
    "find_standard",
    "list_standards",
    "load_assessment",
    "load_standard",
    "score",
)
