"""seal-engine: self-assessment and certification engine for the Gender Equality Seal."""

from .actions import ActionPlan, PlanRow, check_plan, draft_plan, read_plan, write_plan
from .errors import (
    AssessmentError,
    PlanError,
    Problem,
    RuleError,
    ScoringError,
    SealError,
    StandardError,
    StoreError,
    WorkforceError,
)
from .gaps import GapReport, gap_analysis, what_if
from .loader import find_standard, list_standards, load_assessment, load_standard
from .models import Assessment, BenchmarkStatus, ScoreResult, Standard
from .rules import compile_rule
from .scoring import score
from .workforce import WorkforceData, load_workforce

__version__ = "0.1.0"

__all__ = (
    "ActionPlan",
    "Assessment",
    "AssessmentError",
    "BenchmarkStatus",
    "GapReport",
    "PlanError",
    "PlanRow",
    "Problem",
    "RuleError",
    "ScoreResult",
    "ScoringError",
    "SealError",
    "Standard",
    "StandardError",
    "StoreError",
    "WorkforceData",
    "WorkforceError",
    "__version__",
    "check_plan",
    "compile_rule",
    "draft_plan",
    "find_standard",
    "gap_analysis",
    "list_standards",
    "load_assessment",
    "load_standard",
    "load_workforce",
    "read_plan",
    "score",
    "what_if",
    "write_plan",
)
