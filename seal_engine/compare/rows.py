"""Scored rows from standards, assessments and their results, and the staff counts of the
parity dashboard from workforce data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AssessmentError, Problem, SealError
from ..models import Assessment, ScoreResult, Standard
from .models import STATUS_CODES, ScoredRow, StandardShape

if TYPE_CHECKING:  # pragma: no cover
    from ..workforce import WorkforceData

__all__ = ["DASHBOARD_BREAKDOWNS", "parity_counts", "period_key", "row_of", "score_file",
           "shape_of"]

#: The breakdowns of the parity dashboard, as the UN system-wide dashboard has them: grade,
#: staff category (a ``category`` column, else ``contract``), age band and location.
DASHBOARD_BREAKDOWNS: tuple[str, ...] = ("grade", "category", "contract", "age_band", "location")

_NEW = object.__new__
_SET = object.__setattr__
_ROW_FIELDS = frozenset(ScoredRow.model_fields)


def shape_of(standard: Standard) -> StandardShape:
    """The :class:`StandardShape` of a standard."""
    ext = standard.extends
    return StandardShape(
        id=standard.id, version=standard.version, title=standard.title,
        extends=f"{ext.id} v{ext.version}" if ext else None,
        basis=standard.scoring.basis, partial_credit=standard.scoring.partial_credit,
        dimensions=[(d.id, d.title) for d in standard.dimensions],
        benchmarks=[(b.id, d.id, b.title, standard.credit_of(b), b.mandatory_from)
                    for d in standard.dimensions for b in d.benchmarks],
        levels=[(lv.id, lv.title, lv.order) for lv in standard.levels_in_order()],
        results_levels=[(rl.id, rl.title, [d.id for d in standard.dimensions
                                           if d.results_level == rl.id])
                        for rl in standard.results_levels])


def period_key(label: str | None, end) -> str:
    """How a period is named in comparisons: its label, else the year it ends."""
    return label if label else str(end.year)


def row_of(result: ScoreResult, assessment: Assessment, *, kind: str | None = None,
           file: str | None = None, parity: list | None = None) -> ScoredRow:
    """The scored row of a result (``kind``: ``self`` or ``reviewed``; by default the
    assessment's own: a file of ``kind: external`` is a reviewed result)."""
    inst = result.institution
    codes = STATUS_CODES
    fields: dict[str, Any] = {
        "file": file, "assessment": result.assessment, "institution": inst.id,
        "name": inst.name, "country": inst.country, "scope": inst.scope, "sector": inst.sector,
        "region": inst.region, "period": period_key(result.period.label, result.period.end),
        "period_start": result.period.start, "period_end": result.period.end,
        "standard": result.standard.id, "version": result.standard.version,
        "kind": kind or ("reviewed" if assessment.kind == "external" else "self"),
        "draft": assessment.status == "draft", "level": result.level, "score": result.score,
        "points": result.points, "max_points": result.max_points,
        "dimensions": [d.score for d in result.dimensions],
        "results_levels": [g.score for g in result.results_levels],
        "statuses": "".join([codes[b.status] for b in result.benchmarks]), "parity": parity}
    return construct_row(fields)


def construct_row(fields: dict[str, Any]) -> ScoredRow:
    """A row from values the engine made itself, without validating them again (a test checks
    rows validate)."""
    r = _NEW(ScoredRow)
    _SET(r, "__dict__", fields)
    _SET(r, "__pydantic_fields_set__", _ROW_FIELDS)
    _SET(r, "__pydantic_extra__", None)
    _SET(r, "__pydantic_private__", None)
    return r


def _count(value) -> int:
    return int(value) if isinstance(value, (int, float)) else 0


def parity_counts(data: WorkforceData) -> list[tuple[str, str, int, int, int]]:
    """Women, men and other staff overall (``('all', '', ...)``) and by each dashboard
    breakdown the file has, value by value: the real counts (suppression is applied when they
    are shown)."""
    def counts(key) -> tuple[int, int, int]:
        w, m = _count(data.metric("women", key)), _count(data.metric("men", key))
        h = _count(data.metric("headcount", key))
        return w, m, max(0, h - w - m)

    out = [("all", "", *counts(()))]
    have = set(data.breakdowns)
    for b in DASHBOARD_BREAKDOWNS:
        if b not in have or (b == "contract" and "category" in have):
            continue
        for v in data.values(b):
            w, m, o = counts(((b, v),))
            if w + m + o:
                out.append((b, v if v != "" else "(not stated)", w, m, o))
    return out


def _is_other_record(e: AssessmentError) -> bool:
    """True when a file found in a folder is a standard (or a part of one), not an
    assessment: batch scoring passes over it."""
    p = e.problems[0]
    return p.field == "type" and "expected 'assessment'" in p.message


# Standards sent to this process (by the pool's initializer), by (id, version).
_SENT: dict[tuple[str, int], Standard] = {}


def receive_standards(standards: list[Standard]) -> None:
    """A worker's initializer: keep the standards sent, once for the life of the process."""
    for s in standards:
        _SENT[(s.id, s.version)] = s


def _near(a: Assessment) -> str | None:
    """The ``standards`` folder :func:`~seal_engine.standard_for` would look in first for
    this assessment, or None: assessments sharing it share their standards."""
    origin = a.origin
    if origin is None or origin.path is None:
        return None
    here = origin.path.absolute().parent
    for p in (here, *here.parents)[:4]:
        if (p / "standards").is_dir():
            return str(p / "standards")
    return None


def score_file(path: str, standard: Standard | None = None, *, found: bool = False,
               parity: bool = False, resolved: dict | None = None
               ) -> ScoredRow | SealError | None:
    """Read, score and summarise one assessment file: its row, the :class:`SealError` that
    stops it, or ``None`` for a file found in a folder that is not an assessment (a
    standard's file).  The standard is ``standard``, else one sent to this process, else the
    one the assessment names; ``resolved`` keeps those found for a batch (by id, version and
    the standards folder near the file), so that a batch looks each up once."""
    from .. import load_assessment, load_workforce_for, score, standard_for

    try:
        a = load_assessment(path)
    except AssessmentError as e:
        if found and _is_other_record(e):
            return None
        return e
    except SealError as e:
        return e
    try:
        s = standard or _SENT.get((a.standard.id, a.standard.version))
        if s is None:
            key = (a.standard.id, a.standard.version, _near(a))
            s = resolved.get(key) if resolved is not None else None
            if s is None:
                s = standard_for(a)
                if resolved is not None:
                    resolved[key] = s
        data = load_workforce_for(a)
        result = score(s, a, data, explain=False)
    except SealError as e:
        return e
    except ImportError as e:  # a missing extra, e.g. for an XLSX workforce file
        return SealError(Problem(str(e), file=str(path)))
    counts = parity_counts(data) if parity and data is not None else None
    return row_of(result, a, file=str(Path(path)), parity=counts)
