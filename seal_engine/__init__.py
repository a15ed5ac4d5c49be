"""seal-engine: self-assessment and certification engine for the Gender Equality Seal.

The public API is the names in ``__all__``; the command line (``seal``), the store and the app
use these and nothing else.
"""

from ._source import Origin
from .actions import (
    ActionPlan,
    PlanRow,
    check_plan,
    draft_plan,
    read_plan,
    render_plan,
    write_plan,
)
from .answers import answer_warnings, normalise_answers
from .compiled import CompiledStandard, compiled, content_hash
from .diff import StandardDiff, diff_standards
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
from .loader import (
    StandardInfo,
    find_standard,
    list_standards,
    load_assessment,
    load_standard,
    parse_assessment,
    parse_standard,
    standard_for,
)
from .loader.files import load_workforce_for
from .models import Assessment, BenchmarkStatus, ScoreResult, Standard, json_schemas
from .output import check_output, format_for
from .percent import parse_percent
from .render import (
    render_diff,
    render_explain,
    render_gaps,
    render_report,
    render_score,
    text_table,
    write_report,
)
from .resolve import benchmark_id, level_id, localised, standard_from
from .rules import compile_rule
from .scoring import score
from .template import assessment_template
from .validation import Checked, check_file, check_paths
from .workforce import (
    BREAKDOWNS,
    WorkforceData,
    full_report,
    load_workforce,
    parse_workforce,
    pay_report,
    read_justifications,
    write_workforce_template,
)

__version__ = "0.1.0"

__all__ = (
    "ActionPlan",
    "Assessment",
    "AssessmentError",
    "BREAKDOWNS",
    "BenchmarkStatus",
    "Checked",
    "CompiledStandard",
    "GapReport",
    "Origin",
    "PlanError",
    "PlanRow",
    "Problem",
    "RuleError",
    "ScoreResult",
    "ScoringError",
    "SealError",
    "Standard",
    "StandardDiff",
    "StandardError",
    "StandardInfo",
    "StoreError",
    "WorkforceData",
    "WorkforceError",
    "__version__",
    "answer_warnings",
    "assessment_template",
    "benchmark_id",
    "check_file",
    "check_output",
    "check_paths",
    "check_plan",
    "compile_rule",
    "compiled",
    "content_hash",
    "diff_standards",
    "draft_plan",
    "find_standard",
    "format_for",
    "full_report",
    "gap_analysis",
    "json_schemas",
    "level_id",
    "list_standards",
    "load_assessment",
    "load_standard",
    "load_workforce",
    "load_workforce_for",
    "localised",
    "normalise_answers",
    "parse_assessment",
    "parse_percent",
    "parse_standard",
    "parse_workforce",
    "pay_report",
    "read_justifications",
    "read_plan",
    "render_diff",
    "render_explain",
    "render_gaps",
    "render_plan",
    "render_report",
    "render_score",
    "score",
    "standard_for",
    "standard_from",
    "text_table",
    "what_if",
    "write_plan",
    "write_report",
    "write_workforce_template",
)
