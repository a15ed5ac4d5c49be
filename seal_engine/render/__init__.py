"""Rendering results for people, in one place, by output format.

``render/text/`` (terminal text, wrapped to the width), ``render/markdown.py`` (escaped
Markdown), ``render/json.py`` (strict JSON), ``render/tabular.py`` (CSV and XLSX cells that stay
text), ``render/xlsx.py`` (workbooks of reports) and ``render/words.py`` (the words and number
formats they share).  The functions here
are the one contract: each takes what it renders and a format name, and an unknown format is a
:class:`~seal_engine.SealError` everywhere, never a silent default.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import Problem, SealError
from ..models import Assessment, ScoreResult, Standard
from .text import text_table

__all__ = ["FORMATS", "render_batch", "render_comparison", "render_diff", "render_explain",
           "render_gaps", "render_report", "render_score", "render_standard", "text_table",
           "write_report"]

#: The formats each kind of output can be rendered in.
FORMATS: dict[str, tuple[str, ...]] = {
    "score": ("table", "json", "markdown"),
    "gaps": ("table", "json", "markdown"),
    "diff": ("text", "json"),
    "metrics": ("table", "json", "csv"),
    "pay": ("table", "json", "csv", "xlsx"),
    "plan": ("markdown", "csv", "json", "xlsx"),
    "compare": ("table", "json", "csv", "xlsx"),
    "batch": ("table", "csv", "jsonl"),
}


def check_format(kind: str, fmt: str) -> str:
    """``fmt`` if ``kind`` can be rendered in it, else :class:`SealError` listing the formats."""
    if fmt not in FORMATS[kind]:
        raise SealError(Problem(f"unknown format {fmt!r} for a {kind} output; choose one of "
                                f"{', '.join(FORMATS[kind])}", field="format"))
    return fmt


def render_score(r: ScoreResult, fmt: str = "table", standard: Standard | None = None,
                 lang: str = "en") -> str:
    """A score result as ``table`` (plain text), ``markdown`` or ``json``; the words of the
    table and the Markdown in ``lang``."""
    check_format("score", fmt)
    if fmt == "json":
        from .json import dumps

        return dumps(r.to_dict())
    if fmt == "markdown":
        from .markdown import score_markdown

        return score_markdown(r, standard, lang)
    from .text import score_text

    return score_text(r, standard, lang)


def render_standard(standard: Standard, lang: str = "en") -> str:
    """A standard in words (in ``lang``): its basis, levels, results levels, parameters and
    mandatory choices, each with its source (``seal standards --show``)."""
    from .text import standard_text

    return standard_text(standard, lang)


def render_explain(standard: Standard, assessment: Assessment, r: ScoreResult,
                   benchmark_id: str, lang: str = "en") -> str:
    """Everything about one benchmark in words (in ``lang``): what it asks, the answers, its
    status, why."""
    from .text import explain_text

    return explain_text(standard, assessment, r, benchmark_id, lang)


def render_gaps(report: Any, fmt: str = "table", standard: Standard | None = None,
                lang: str = "en") -> str:
    """A gap report as ``table`` (plain text), ``markdown`` or ``json``; the words of the table
    and the Markdown in ``lang``."""
    check_format("gaps", fmt)
    if fmt == "json":
        from .json import dumps

        return dumps(report.to_dict())
    if fmt == "markdown":
        from .markdown import gaps_markdown

        return gaps_markdown(report, standard, lang)
    from .text import gaps_text

    return gaps_text(report, standard, lang)


def render_diff(d: Any, fmt: str = "text", lang: str = "en") -> str:
    """The differences between two standards as ``text`` (one a line, in ``lang``) or
    ``json``."""
    check_format("diff", fmt)
    if fmt == "json":
        return d.model_dump_json(indent=2)
    from .text import diff_text

    return diff_text(d, lang)


def _kind(report: Any) -> str:
    # a pay report is a PayReport model (its figures are data), a workforce report a dict
    return "pay" if hasattr(report, "joint_pay_assessment") else "metrics"


def render_report(report: dict[str, Any], fmt: str = "table", lang: str = "en") -> str:
    """A workforce report (:func:`seal_engine.full_report`) or a pay transparency report
    (:func:`seal_engine.pay_report`) as plain-text tables (``table``), JSON (``json``, the whole
    report, shares as fractions rounded to four places) or CSV (``csv``: for a workforce report
    the groups table, one row per group; for a pay report every figure, one a row, in the
    directive's order).  A pay report also renders as ``xlsx``: use :func:`write_report`.  The
    workforce report's table is in ``lang``."""
    kind = _kind(report)
    check_format(kind, fmt)
    if fmt == "json":
        from .json import dumps

        if kind == "pay":
            return dumps(_rounded(report.to_dict()))
        return dumps(_rounded_report(report))
    if fmt == "xlsx":
        raise SealError(Problem("an XLSX workbook is not text; write it to a file with "
                                "write_report (seal metrics ... -o REPORT.xlsx)", field="format"))
    if fmt == "csv":
        from .tabular import csv_text

        if kind == "pay":
            from .tabular import PAY_COLUMNS, pay_rows

            return csv_text(PAY_COLUMNS, pay_rows(report)).rstrip("\n")
        from ..workforce.report import REPORT_FIGURES

        cols = [*report["by"], *REPORT_FIGURES]
        rows = [[_rounded(row.get(k), _places(row, k)) for k in cols]
                for row in report["groups"]]
        return csv_text(cols, rows).rstrip("\n")
    if kind == "pay":
        from .text import pay_text

        return pay_text(report.in_language(lang), lang)
    from .text import metrics_text

    return metrics_text(report, lang)


def render_comparison(c: Any, fmt: str = "table", *, table: str = "ranking",
                      limit: int | None = None, lang: str = "en") -> str | bytes:
    """A comparison (:class:`~seal_engine.Comparison`) as ``table`` (plain-text tables,
    ``limit`` rows at most in the long ones), ``json`` (all of it), ``csv`` (one ``table`` of
    :data:`~seal_engine.render.tabular.COMPARE_TABLES`) or ``xlsx`` (bytes: a sheet per
    table after one saying what is shown).  Every form says which results it shows."""
    check_format("compare", fmt)
    if fmt == "json":
        from .json import dumps

        return dumps(c.to_dict())
    if fmt == "csv":
        from .tabular import comparison_csv

        return comparison_csv(c, table)
    if fmt == "xlsx":
        from .tabular import comparison_xlsx

        return comparison_xlsx(c, lang)
    from .comparison import comparison_text

    return comparison_text(c, limit, lang)


def render_batch(rows: Iterable[Any], fmt: str = "table", lang: str = "en",
                 levels: dict[str, dict[str, str]] | None = None) -> Iterator[str]:
    """Scored rows (:class:`~seal_engine.ScoredRow`), one line each as they come: ``csv``
    (a header line first), ``jsonl`` (each row's JSON), or ``table`` (a plain-text table in
    ``lang``, given whole once every row is in).  ``levels``: the table's level titles by
    standard key ("ID vVERSION") and level id; without them, level ids."""
    check_format("batch", fmt)
    if fmt == "table":
        from .comparison import batch_text

        yield batch_text(list(rows), levels, lang=lang)
        return
    if fmt == "jsonl":
        from .json import dumps

        for r in rows:
            yield dumps(r.model_dump(mode="json"), indent=None)
        return
    from .comparison import BATCH_HEAD, batch_cells
    from .tabular import csv_text

    yield csv_text([*BATCH_HEAD, "points", "max_points"], []).rstrip("\n")
    for r in rows:
        yield csv_text([], [[*batch_cells(r), round(r.points, 4), round(r.max_points, 4)]]
                       ).split("\n", 1)[1].rstrip("\n")


def write_report(report: dict[str, Any], path: str | Path, fmt: str | None = None) -> Path:
    """Write a workforce or pay report to ``path`` in ``fmt`` (default: from the suffix,
    ``.xlsx``, ``.json``, ``.csv``, else a text table); an XLSX workbook is for pay reports."""
    from ..output import format_for

    path = Path(path)
    kind = _kind(report)
    fmt = format_for(path, fmt, FORMATS[kind], "table")
    if fmt == "xlsx":
        from .xlsx import pay_workbook

        path.write_bytes(pay_workbook(report))
    else:
        path.write_text(render_report(report, fmt) + "\n", encoding="utf-8")
    return path


def _rounded(v: Any, places: int = 4) -> Any:
    if isinstance(v, float):
        return round(v, places)
    if isinstance(v, dict):
        return {k: _rounded(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_rounded(x) for x in v]
    return v


def _places(row: dict[str, Any], key: str) -> int:
    """Four places, but a women's share near a band edge gets as many as its percentage needs
    to stay on its verdict's side (``share_decimals``, two more as a fraction)."""
    d = row.get("share_decimals")
    if key == "women_share" and isinstance(d, int) and not isinstance(d, bool):
        return max(4, d + 2)
    return 4


def _rounded_report(report: dict[str, Any]) -> dict[str, Any]:
    out = _rounded(report)
    for row, done in zip(report.get("groups", ()), out.get("groups", ()), strict=True):
        done["women_share"] = _rounded(row.get("women_share"), _places(row, "women_share"))
    return out
