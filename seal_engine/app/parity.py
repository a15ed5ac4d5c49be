"""The parity charts of the results page, from the assessment's stored workforce file:
women's share by grade (the leaky pipeline) and by location against the parity band, the number
of people who would have to change places for parity, and the pay gap, with small groups
suppressed as the engine's published tables suppress them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from seal_engine import SealError, full_report, parse_workforce
from seal_engine.store import Actor, workforce_content

from .charts import pay_gap_chart, share_chart
from .i18n import _, fmt_number, fmt_share
from .session import app_store
from .ui import md, show_error

__all__ = ["parity_section"]


def _shown(value, kind: str = "share") -> str:
    if isinstance(value, bool) or value is None:
        return "–"
    if isinstance(value, str):
        return _("suppressed") if value == "suppressed" else value
    return fmt_share(value) if kind == "share" else fmt_number(value)


def _needed_table(groups: list[dict], by: str, title: str) -> pd.DataFrame:
    rows = []
    for g in groups:
        needed, sex = g.get("parity_needed"), g.get("parity_needed_sex")
        who = {"women": _("women"), "men": _("men")}.get(sex, "")
        rows.append({
            title: _("All staff") if g.get(by) == "all" else str(g.get(by)),
            _("Staff"): _shown(g.get("headcount"), "number"),
            _("Women's share"): _shown(g.get("women_share")),
            _("Needed for parity"): (f"{_shown(needed, 'number')} {who}".strip()
                                     if not isinstance(needed, str) else _shown(needed)),
        })
    return pd.DataFrame(rows)


def parity_section(user: Actor, assessment_id: str) -> None:
    """The charts, or why they cannot be shown."""
    try:
        name, content = workforce_content(app_store(), user, assessment_id)
        data = parse_workforce(content, name)
    except SealError as e:
        show_error(e)
        return
    min_group = 5
    grade = full_report(data, by=("grade",), min_group=min_group) if "grade" in \
        data.breakdowns else None
    st.caption(_("From the staff data file {name}. Groups of fewer than {n} people are "
                 "suppressed, as in anything published; the parity band is {low} to "
                 "{high}.").format(name=md(name), n=min_group,
                                   low=fmt_share(0.47, 0), high=fmt_share(0.53, 0)))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{_('Women by grade, from entry to top')}**")
        chart = share_chart(grade["groups"], "grade", _("Grade"),
                            tuple(grade["parity_band"])) if grade else None
        if chart is None:
            st.info(_("The staff data has no grades to show."))
        else:
            st.altair_chart(chart, width="stretch")
            drop = grade["pipeline"].get("largest_drop")
            if drop and not isinstance(drop.get("drop"), str):
                st.caption(_("Largest fall: {drop} points from {a} to {b}.").format(
                    drop=fmt_number(drop["drop"] * 100, 1), a=md(drop["from"]),
                    b=md(drop["to"])))
    with right:
        st.markdown(f"**{_('Women by location')}**")
        if "location" in data.breakdowns:
            loc = full_report(data, by=("location",), min_group=min_group)
            chart = share_chart(loc["groups"], "location", _("Location"),
                                tuple(loc["parity_band"]))
            if chart is None:
                st.info(_("No location group is large enough to show."))
            else:
                st.altair_chart(chart, width="stretch")
        else:
            st.info(_("The staff data has no location column."))
    if grade:
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{_('Number needed for parity')}**")
            st.caption(_("How many women (or men) would have to take the place of men (or "
                         "women), at the same headcount, for a 50 % share."))
            st.dataframe(_needed_table(grade["groups"], "grade", _("Grade")), hide_index=True,
                         width="stretch")
        with right:
            st.markdown(f"**{_('Pay gap')}**")
            chart = pay_gap_chart(grade["groups"], "grade", _("Grade"))
            if chart is None:
                st.info(_("The staff data has no pay figures."))
            else:
                st.caption(_("How much less women are paid than men, as a share of men's pay "
                             "(mean and median); below zero, women are paid more."))
                st.altair_chart(chart, width="stretch")
                if grade.get("pay_note"):
                    st.caption(md(grade["pay_note"]))
