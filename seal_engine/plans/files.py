"""Plan files: writing a plan as Markdown, CSV, XLSX or JSON, and reading an edited one back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import PlanError, Problem, SealError
from ..messages import say
from ..models import Assessment, Standard
from ..render import check_format
from .columns import MAX_PLAN_BYTES
from .csvfile import plan_csv, read_csv
from .jsonfile import plan_json, read_json
from .markdown import plan_markdown, read_markdown
from .model import ActionPlan, default_period, quarter_index, quarter_label
from .reading import parse_records
from .words import key, level_ids
from .xlsx import read_xlsx, write_xlsx

__all__ = ["read_plan", "render_plan", "write_plan"]

_SUFFIX_FORMAT = {".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".json": "json",
                  ".xlsx": "xlsx"}
_PERIOD = re.compile(r"^\s*(\S+)\s*[–-]+\s*(\S+)\s*$")


def render_plan(plan: ActionPlan, fmt: str = "markdown", standard: Standard | None = None,
                lang: str = "en") -> str:
    """A plan as ``markdown``, ``csv`` or ``json`` text (XLSX: :func:`write_plan`); any other
    format is a :class:`PlanError`.  Markdown and CSV are written in ``lang`` (headings, column
    titles, areas, statuses, units; the standard's texts from its translation); JSON keeps its
    field names and codes."""
    if fmt == "markdown":
        return plan_markdown(plan, standard, lang)
    if fmt == "csv":
        return plan_csv(plan, lang)
    if fmt == "json":
        return plan_json(plan)
    _known(fmt)
    raise PlanError(Problem(say("planread.is_file_format", fmt=repr(fmt)), field="format"))


def _known(fmt: str) -> str:
    try:
        return check_format("plan", fmt)
    except SealError as e:
        raise PlanError(e.problems) from None


def _format_of(path: Path, fmt: str | None) -> str:
    if fmt:
        return _known(fmt)
    try:
        return _SUFFIX_FORMAT[path.suffix.lower()]
    except KeyError:
        raise PlanError(Problem(say("planread.unknown_format", name=repr(path.name)),
                                file=str(path))) from None


def write_plan(plan: ActionPlan, path: str | Path, fmt: str | None = None,
               standard: Standard | None = None, lang: str = "en") -> Path:
    """Write a plan to ``path`` as ``xlsx``, ``csv`` (UTF-8 with a byte-order mark, so that
    spreadsheet programs read accents), ``markdown`` or ``json``; the format defaults to the
    file's suffix.  Every fixed word is in ``lang`` (a language without a catalogue: English);
    :func:`read_plan` reads a file written in any of them.  The whole file is made before
    anything is written."""
    path = Path(path)
    fmt = _format_of(path, fmt)
    if fmt == "xlsx":
        write_xlsx(plan, path, standard, lang)
    elif fmt == "csv":
        path.write_text(plan_csv(plan, lang), encoding="utf-8-sig", newline="")
    else:
        path.write_text(render_plan(plan, fmt, standard, lang), encoding="utf-8")
    return path


def read_plan(path: str | Path, standard: Standard, base: ActionPlan | None = None, *,
              assessment: Assessment | None = None, fmt: str | None = None) -> ActionPlan:
    """Read an edited plan (XLSX, CSV, Markdown or JSON, by suffix).

    With ``base`` (the draft from the same assessment) the file's rows go into a copy of it:
    its header (institution, period, target, actions set aside) stays and its period bounds
    the time frames.  With ``assessment`` instead, nothing is drafted: the institution comes
    from the assessment, and the period from the file (a workbook's summary, the Markdown
    header, the JSON) or, for a CSV, the quarters after the assessment period, widened to the
    rows' time frames.

    Rows are ordered by their No. column and numbered again; a row whose action id is not in
    the library is the institution's own action (it needs an activity, and in a CSV an area).
    Raises :class:`PlanError` listing every bad cell — bad status, progress outside 0–100, a
    quarter outside the plan period, an end before the start, an unknown benchmark, a
    repeated action, a renamed sheet or column, merged cells, a formula — each with its file,
    row, column and (XLSX) sheet; ``base`` is never changed."""
    if base is None and assessment is None:
        raise TypeError("read_plan needs base (the drafted plan) or assessment")
    path = Path(path)
    fmt = _format_of(path, fmt)
    name = str(path)
    content = _read_bytes(path)
    header: dict[str, Any] = {}
    if fmt == "xlsx":
        records, header = read_xlsx(content, name)
    elif fmt == "csv":
        records = read_csv(content, name)
    elif fmt == "markdown":
        records, header = read_markdown(content, name)
    else:
        records, header = read_json(content, name)
    if base is not None:
        period = (quarter_index(base.start), quarter_index(base.end))
        rows = parse_records(records, standard, period)
        return base.model_copy(update={"rows": rows}, deep=True)
    assert assessment is not None
    recorded = _recorded_period(header)
    rows = parse_records(records, standard, recorded)
    if recorded is None:
        first, last = default_period(assessment.period, assessment=assessment)
        for r in rows:
            for q in (r.start, r.end):
                if q is not None:
                    first, last = min(first, quarter_index(q)), max(last, quarter_index(q))
        recorded = (first, last)
    levels = level_ids(standard)

    def level(label: str) -> str | None:
        text = str(header.get(label) or "").strip()
        return levels.get(text) or levels.get(key(text))

    return ActionPlan(
        standard=standard.ref, institution=assessment.institution, assessment=assessment.id,
        start=quarter_label(recorded[0]), end=quarter_label(recorded[1]),
        level=level("level"), target=level("target"), rows=rows)


def _read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        if not path.is_file():
            raise PlanError(Problem(say("planread.no_file"), file=name))
        size = path.stat().st_size
        if size > MAX_PLAN_BYTES:
            raise PlanError(Problem(say("planread.too_big", size=size, most=MAX_PLAN_BYTES),
                                    file=name))
        with path.open("rb") as f:
            content = f.read(MAX_PLAN_BYTES + 1)
    except OSError as e:
        raise PlanError(Problem(say("planread.unreadable", why=str(e.strerror or e)),
                                file=name)) from None
    if len(content) > MAX_PLAN_BYTES:
        raise PlanError(Problem(say("planread.too_big_read", most=MAX_PLAN_BYTES), file=name))
    return content


def _recorded_period(header: dict[str, Any]) -> tuple[int, int] | None:
    """The plan period a file states, as running quarter numbers, if it states a valid one."""
    start, end = header.get("start"), header.get("end")
    text = header.get("period")
    if isinstance(text, str):
        m = _PERIOD.match(text)
        if m:
            start, end = m.group(1), m.group(2)
    try:
        first, last = quarter_index(start), quarter_index(end)  # type: ignore[arg-type]
    except ValueError:
        return None
    return (first, last) if first <= last and last - first < 40 else None
