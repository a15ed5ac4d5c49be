"""The action plan as an editable table: one row per action (the library's, or the
institution's own added at the bottom), typed columns, and back to an
:class:`~seal_engine.ActionPlan` with every bad cell named by row and column."""

from __future__ import annotations

import math
import typing
from typing import Any

import pandas as pd
import streamlit as st

from seal_engine import ActionPlan, PlanRow, Standard

from .i18n import _
from .words import plan_status_name

__all__ = ["MAIN_COLUMNS", "OWN_PREFIX", "column_config", "column_titles", "plan_frame",
           "plan_from_frame", "shown_columns"]

OWN_PREFIX = "OWN-"
_TEXT = ("activity", "indicator", "means_of_verification", "resources", "responsible",
         "evidence", "notes")
COLUMNS = ("no", "action", "activity", "benchmarks", "area", "indicator", "unit", "baseline",
           "target", "means_of_verification", "start", "end", "resources", "responsible",
           "capacities", "status", "progress", "evidence", "notes")
#: The columns the grid shows unless the user chooses others: what a plan is followed by
#: (what, for which benchmark, who, until when, how far), so that a laptop shows them whole.
MAIN_COLUMNS = ("no", "activity", "benchmarks", "responsible", "end", "status", "progress")
#: Widths (pixels) that let the main columns fit a 1366-pixel laptop screen side by side.
_WIDTHS = {"no": 56, "activity": 250, "benchmarks": 120, "responsible": 160, "end": 76,
           "status": 104, "progress": 96}


def _enum_values(field: str) -> list[str]:
    annotation = PlanRow.model_fields[field].annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    kind = args[0]
    if isinstance(kind, type) and hasattr(kind, "__members__"):
        return [m.value for m in kind]
    return [a for a in typing.get_args(kind) or args if isinstance(a, str)]


def _area_titles() -> dict[str, str]:
    return {
        "policy_standards": _("Policy & standards"),
        "sensitization": _("Sensitization"),
        "capacity_development": _("Capacity development"),
        "monitoring_evaluation": _("Monitoring & evaluation"),
        "data_collection": _("Data collection"),
    }


def _unit_titles() -> dict[str, str]:
    return {"percent": _("Percent"), "points": _("Percentage points"), "number": _("Number"),
            "share": _("Share (0-1)"), "yes_no": _("Yes / no")}


def plan_frame(plan: ActionPlan) -> pd.DataFrame:
    """The plan's rows as a table."""
    rows = []
    for r in plan.rows:
        d = r.model_dump(mode="json")
        d["capacities"] = "; ".join(d.get("capacities") or [])
        rows.append({c: d.get(c) for c in COLUMNS})
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for c in ("no", "progress"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("Int64")
    for c in ("baseline", "target"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("Float64")
    for c in (*_TEXT, "action", "area", "unit", "start", "end", "status", "capacities"):
        frame[c] = frame[c].astype("object")
    frame["benchmarks"] = frame["benchmarks"].apply(lambda v: list(v) if isinstance(v, list)
                                                    else [])
    return frame


def column_titles() -> dict[str, str]:
    """Each column's title, as the grid and the column picker show it."""
    return {"no": _("No."), "action": _("Action id"), "activity": _("Activity"),
            "benchmarks": _("Benchmarks"), "area": _("Area"), "indicator": _("Indicator"),
            "unit": _("Unit"), "baseline": _("Baseline"), "target": _("Target"),
            "means_of_verification": _("Means of verification"), "start": _("Start"),
            "end": _("End"), "resources": _("Resources"), "responsible": _("Responsible"),
            "capacities": _("Missing capacities"), "status": _("Status"),
            "progress": _("Progress (%)"), "evidence": _("Evidence of completion"),
            "notes": _("Notes")}


def shown_columns(key: str) -> list[str]:
    """The picker of the grid's columns (the main ones by default, every one a click away),
    and the columns chosen, in the plan's order.  Hidden columns keep their values: they are
    only out of sight."""
    titles = column_titles()
    state = f"{key}:columns"
    if state not in st.session_state:
        st.session_state[state] = list(MAIN_COLUMNS)
    with st.popover(_("Columns shown"), icon=":material/view_column:"):
        chosen = st.pills(_("Columns shown"), list(COLUMNS), selection_mode="multi",
                          format_func=titles.get, key=state, label_visibility="collapsed")
        row = st.container(horizontal=True)
        row.button(_("Main columns"), key=f"{state}:main", on_click=_set_columns,
                   args=(state, list(MAIN_COLUMNS)))
        row.button(_("Every column"), key=f"{state}:all", on_click=_set_columns,
                   args=(state, list(COLUMNS)))
    order = [c for c in COLUMNS if c in (chosen or [])] or ["no", "activity"]
    hidden = len(COLUMNS) - len(order)
    if hidden:
        st.caption(_("{n} of {total} columns shown; choose the others under Columns shown. "
                     "Every column is in the downloads.").format(n=len(order),
                                                                 total=len(COLUMNS)))
    return order


def _set_columns(state: str, columns: list[str]) -> None:
    st.session_state[state] = columns


def column_config(plan: ActionPlan, standard: Standard) -> dict:
    quarters = plan.quarters()
    areas, units = _area_titles(), _unit_titles()
    benchmarks = [b.id for b in standard.benchmarks()]
    statuses = _enum_values("status")
    cc = st.column_config
    return {
        "no": cc.NumberColumn(_("No."), min_value=1, step=1, width=_WIDTHS["no"], pinned=True),
        "action": cc.TextColumn(_("Action id"), width="small",
                                help=_("The library's id; leave it empty for an action of "
                                       "your own")),
        "activity": cc.TextColumn(_("Activity"), width=_WIDTHS["activity"], pinned=True),
        "benchmarks": cc.MultiselectColumn(_("Benchmarks"), options=benchmarks,
                                           width=_WIDTHS["benchmarks"]),
        "area": cc.SelectboxColumn(_("Area"), options=list(areas), format_func=areas.get,
                                   required=True),
        "indicator": cc.TextColumn(_("Indicator"), width="medium"),
        "unit": cc.SelectboxColumn(_("Unit"), options=list(units), format_func=units.get),
        "baseline": cc.NumberColumn(_("Baseline")),
        "target": cc.NumberColumn(_("Target")),
        "means_of_verification": cc.TextColumn(_("Means of verification"), width="medium"),
        "start": cc.SelectboxColumn(_("Start"), options=quarters),
        "end": cc.SelectboxColumn(_("End"), options=quarters, width=_WIDTHS["end"]),
        "resources": cc.TextColumn(_("Resources")),
        "responsible": cc.TextColumn(_("Responsible"), width=_WIDTHS["responsible"]),
        "capacities": cc.TextColumn(_("Missing capacities"),
                                    help=_("Separate them with semicolons")),
        "status": cc.SelectboxColumn(_("Status"), options=statuses,
                                     format_func=plan_status_name, required=True,
                                     width=_WIDTHS["status"]),
        "progress": cc.NumberColumn(_("Progress (%)"), min_value=0, max_value=100, step=5,
                                    width=_WIDTHS["progress"]),
        "evidence": cc.TextColumn(_("Evidence of completion")),
        "notes": cc.TextColumn(_("Notes")),
    }


def _blank(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def plan_from_frame(base: ActionPlan, frame: pd.DataFrame, library: set[str]
                    ) -> tuple[ActionPlan | None, list[str]]:
    """The plan with the table's rows, or ``None`` and what is wrong, row by row;
    ``library`` holds the ids of the standard's actions (any other is the institution's
    own)."""
    problems: list[str] = []
    rows: list[dict] = []
    used = {str(a) for a in frame["action"] if not _blank(a)}
    own_n = 1
    own_field = "own" in PlanRow.model_fields
    for i, record in enumerate(frame.to_dict("records"), start=1):
        if all(_blank(record.get(c)) or (c == "benchmarks" and not record.get(c))
               for c in COLUMNS if c not in ("no",)):
            continue  # an empty row just added
        row: dict[str, Any] = {}
        for c in COLUMNS:
            v = record.get(c)
            if c == "benchmarks":
                row[c] = list(v) if isinstance(v, (list, tuple)) else []
            elif c == "capacities":
                row[c] = [p.strip() for p in str(v or "").split(";") if p.strip()]
            elif _blank(v):
                continue
            elif c in ("no", "progress"):
                row[c] = int(v)
            elif c in ("baseline", "target"):
                row[c] = float(v)
            else:
                row[c] = str(v).strip()
        if "action" not in row:
            while f"{OWN_PREFIX}{own_n}" in used:
                own_n += 1
            row["action"] = f"{OWN_PREFIX}{own_n}"
            used.add(row["action"])
        if own_field:
            row["own"] = row["action"] not in library
        row.setdefault("no", i)
        row.setdefault("status", "planned")
        if "area" not in row:
            problems.append(_("Row {n}: choose the area of the action.").format(n=i))
            continue
        try:
            rows.append(PlanRow.model_validate(row).model_dump(mode="json"))
        except ValueError as e:
            for err in getattr(e, "errors", lambda: [])():
                where = ".".join(str(x) for x in err.get("loc", ()))
                problems.append(_("Row {n}, {column}: {what}").format(
                    n=i, column=where, what=err.get("msg", "")))
    seen: dict[str, int] = {}
    for r in rows:
        if r["action"] in seen:
            problems.append(_("Action {id} is in the plan twice (rows {a} and {b}): give "
                              "your own action another id.").format(
                id=r["action"], a=seen[r["action"]], b=r["no"]))
        seen[r["action"]] = r["no"]
    if problems:
        return None, problems
    data = base.model_dump(mode="json")
    data["rows"] = sorted(rows, key=lambda r: r["no"])
    return ActionPlan.model_validate(data), []
