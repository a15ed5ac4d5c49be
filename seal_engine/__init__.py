"""seal-engine: self-assessment and certification engine for the Gender Equality Seal.

The public API is the names in ``__all__``; the command line (``seal``), the store and the app
use these and nothing else.  Names are imported when first used, so that ``import seal_engine``
and ``seal --help`` stay fast and a command loads only what it needs.
"""

import importlib as _importlib
import typing as _typing

__version__ = "0.1.0"

#: Where each public name lives.
_WHERE: dict[str, str] = {
    "ActionPlan": ".plans",
    "answer_warnings": ".answers",
    "Assessment": ".models",
    "assessment_template": ".template",
    "AssessmentError": ".errors",
    "benchmark_id": ".resolve",
    "chart_spec": ".reports.charts",
    "BenchmarkStatus": ".models",
    "BREAKDOWNS": ".workforce",
    "check_file": ".validation",
    "check_output": ".output",
    "check_paths": ".validation",
    "check_plan": ".plans",
    "Checked": ".validation",
    "compare_files": ".compare",
    "compare_portfolio": ".compare",
    "Comparison": ".compare",
    "compile_rule": ".rules",
    "compiled": ".compilation",
    "CompiledStandard": ".compilation",
    "content_hash": ".compilation",
    "diff_standards": ".diff",
    "draft_plan": ".plans",
    "find_standard": ".loader",
    "format_for": ".output",
    "full_report": ".workforce",
    "gap_analysis": ".gaps",
    "get_setting": ".settings",
    "GapReport": ".gaps",
    "generate_portfolio": ".compare.generate",
    "GeneratedPortfolio": ".compare.generate",
    "json_schemas": ".models",
    "level_id": ".resolve",
    "list_standards": ".loader",
    "load_assessment": ".loader",
    "load_standard": ".loader",
    "load_workforce": ".workforce",
    "load_workforce_for": ".loader.files",
    "localised": ".resolve",
    "normalise_answers": ".answers",
    "Origin": "._source",
    "parse_assessment": ".loader",
    "parse_percent": ".percent",
    "completeness": ".progress",
    "DimensionProgress": ".progress",
    "shown_decimals": ".percent",
    "parse_standard": ".loader",
    "parse_workforce": ".workforce",
    "pay_report": ".workforce",
    "read_justifications": ".workforce",
    "PlanError": ".errors",
    "PlanIssue": ".plans",
    "PlanRow": ".plans",
    "PlanStatus": ".plans",
    "Problem": ".errors",
    "read_plan": ".plans",
    "render_batch": ".render",
    "render_comparison": ".render",
    "render_diff": ".render",
    "render_explain": ".render",
    "render_gaps": ".render",
    "render_plan": ".plans",
    "render_report": ".render",
    "render_score": ".render",
    "render_standard": ".render",
    "render_document": ".reports",
    "report_bytes": ".reports",
    "report_files": ".reports",
    "report_formats": ".reports",
    "report_from_files": ".reports.build",
    "report_from_store": ".reports.build",
    "RuleError": ".errors",
    "score": ".scoring",
    "score_many": ".compare",
    "Scored": ".compare",
    "ScoredRow": ".compare",
    "SetAside": ".plans",
    "ScoreResult": ".models",
    "ScoringError": ".errors",
    "SealError": ".errors",
    "shape_of": ".compare",
    "Standard": ".models",
    "standard_for": ".loader",
    "standard_from": ".resolve",
    "StandardDiff": ".diff",
    "StandardError": ".errors",
    "StandardInfo": ".loader",
    "StandardShape": ".compare",
    "StoreError": ".errors",
    "text_table": ".render",
    "what_if": ".gaps",
    "WorkforceData": ".workforce",
    "WorkforceError": ".errors",
    "write_plan": ".plans",
    "write_report": ".render",
    "write_workforce_template": ".workforce",
    "CertificateDetails": ".certificate",
    "details_from_claims": ".certificate",
    "read_certificate_token": ".certificate",
    "generate_private_key": ".signing",
    "private_key_from_pem": ".signing",
    "verify_token": ".signing",
    "SignatureError": ".errors",
    "TokenCheck": ".signing",
    "Verification": ".certificate",
}

__all__ = (
    "ActionPlan",
    "Assessment",
    "AssessmentError",
    "BREAKDOWNS",
    "BenchmarkStatus",
    "CertificateDetails",
    "Checked",
    "Comparison",
    "CompiledStandard",
    "DimensionProgress",
    "GapReport",
    "GeneratedPortfolio",
    "Origin",
    "PlanError",
    "PlanIssue",
    "PlanRow",
    "PlanStatus",
    "Problem",
    "RuleError",
    "ScoreResult",
    "Scored",
    "ScoredRow",
    "ScoringError",
    "SealError",
    "SetAside",
    "SignatureError",
    "Standard",
    "StandardDiff",
    "StandardError",
    "StandardInfo",
    "StandardShape",
    "StoreError",
    "TokenCheck",
    "Verification",
    "WorkforceData",
    "WorkforceError",
    "__version__",
    "answer_warnings",
    "assessment_template",
    "benchmark_id",
    "chart_spec",
    "check_file",
    "check_output",
    "check_paths",
    "check_plan",
    "compare_files",
    "compare_portfolio",
    "compile_rule",
    "compiled",
    "completeness",
    "content_hash",
    "details_from_claims",
    "diff_standards",
    "draft_plan",
    "find_standard",
    "format_for",
    "full_report",
    "gap_analysis",
    "generate_portfolio",
    "generate_private_key",
    "get_setting",
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
    "private_key_from_pem",
    "read_certificate_token",
    "read_justifications",
    "read_plan",
    "render_batch",
    "render_comparison",
    "render_diff",
    "render_document",
    "render_explain",
    "render_gaps",
    "render_plan",
    "render_report",
    "render_score",
    "render_standard",
    "report_bytes",
    "report_files",
    "report_formats",
    "report_from_files",
    "report_from_store",
    "score",
    "score_many",
    "shape_of",
    "shown_decimals",
    "standard_for",
    "standard_from",
    "text_table",
    "verify_token",
    "what_if",
    "write_plan",
    "write_report",
    "write_workforce_template",
)


def __getattr__(name: str) -> _typing.Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'seal_engine' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if _typing.TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from ._source import Origin
    from .answers import answer_warnings, normalise_answers
    from .compare import (
        Comparison,
        Scored,
        ScoredRow,
        StandardShape,
        compare_files,
        compare_portfolio,
        score_many,
        shape_of,
    )
    from .compare.generate import GeneratedPortfolio, generate_portfolio
    from .compilation import CompiledStandard, compiled, content_hash
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
    from .plans import (
        ActionPlan,
        PlanIssue,
        PlanRow,
        PlanStatus,
        SetAside,
        check_plan,
        draft_plan,
        read_plan,
        render_plan,
        write_plan,
    )
    from .render import (
        render_batch,
        render_comparison,
        render_diff,
        render_explain,
        render_gaps,
        render_report,
        render_score,
        text_table,
        write_report,
    )
    from .reports import render_document, report_bytes, report_files, report_formats
    from .reports.build import report_from_files, report_from_store
    from .reports.charts import chart_spec
    from .resolve import benchmark_id, level_id, localised, standard_from
    from .rules import compile_rule
    from .scoring import score
    from .settings import get_setting
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
