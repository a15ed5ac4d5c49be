"""The parity charts of the results page, from the assessment's stored workforce file:
women's share by grade (the leaky pipeline) and by location against the band of the
assessment's standard (its parity band: 47-53 % in the UN system), the women (or men) needed to
reach the band and 50/50, at the same headcount or by adding staff, and the pay gap, with small
groups suppressed as the engine's published tables suppress them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from seal_engine import SealError
from seal_engine.store import Actor, get_assessment

from .charts import pay_gap_chart, share_chart
from .i18n import _, fmt_number, fmt_share, get_standard, ngettext
from .session import app_store
from .staff_files import staff_data, staff_report
from .ui import md, show_error
from .words import group_label

__all__ = ["band_words", "needed_words", "parity_section", "verdict_words"]


def _shown(value, kind: str = "share", decimals=1) -> str:
    if isinstance(value, bool) or value is None:
        return "–"
    if isinstance(value, str):
        return _("suppressed") if value == "suppressed" else value
    if kind == "share":
        return fmt_share(value, decimals if isinstance(decimals, int) else 1)
    return fmt_number(value)


def band_words(band: dict) -> str:
    """The band by its kind: 'the parity band (47 % to 53 %)', 'balanced participation (40 %
    to 60 %)', 'the band 45 % to 55 %'."""
    low, high = fmt_share(band["low"], 0), fmt_share(band["high"], 0)
    if band["kind"] == "parity":
        return _("the parity band ({low} to {high})").format(low=low, high=high)
    if band["kind"] == "balanced":
        return _("balanced participation ({low} to {high})").format(low=low, high=high)
    return _("the band {low} to {high}").format(low=low, high=high)


def verdict_words(verdict, kind: str) -> str:
    """Below the band, above it, or inside it: at parity (parity band), balanced (balanced
    participation), in the band (any other); never 'at parity' for balanced participation."""
    if verdict is None:
        return "–"
    if verdict == "suppressed":
        return _("suppressed")
    if verdict == "below band":
        return _("below the band")
    if verdict == "above band":
        return _("above the band")
    return {"parity": _("at parity"), "balanced": _("balanced")}.get(kind, _("in the band"))


def needed_words(count, sex, verdict) -> str:
    """'130 women', '1 man', '0'; 'out of reach' when no whole number of people reaches the
    band; '–' when the group has no women or men (``verdict`` None)."""
    if verdict is None:
        return "–"
    if isinstance(count, str):
        return _shown(count)
    if count is None:
        return _("out of reach")
    if not count:
        return "0"
    if sex == "women":
        return ngettext("{n} woman", "{n} women", count).format(n=fmt_number(count))
    return ngettext("{n} man", "{n} men", count).format(n=fmt_number(count))


def _needed(g: dict, name: str) -> str:
    return needed_words(g.get(name), g.get(f"{name.removesuffix('_added')}_sex"),
                        g.get("parity"))


def _needed_table(groups: list[dict], by: str, title: str, band: dict) -> pd.DataFrame:
    rows = []
    goal = (_("50/50") if band["target"] == 0.5 else
            _("{share} women").format(share=fmt_share(band["target"], 0)))
    for g in groups:
        rows.append({
            title: _("All staff") if g.get(by) == "all" else group_label(g.get(by)),
            _("Staff"): _shown(g.get("headcount"), "number"),
            _("Women's share"): _shown(g.get("women_share"), "share", g.get("share_decimals")),
            _("Against the band"): verdict_words(g.get("parity"), band["kind"]),
            _("To the band, same headcount"): _needed(g, "band_needed"),
            _("To the band, adding staff"): _needed(g, "band_needed_added"),
            _("To {goal}, same headcount").format(goal=goal): _needed(g, "parity_needed"),
            _("To {goal}, adding staff").format(goal=goal): _needed(g, "parity_needed_added"),
        })
    return pd.DataFrame(rows)


def _standard(user: Actor, assessment_id: str):
    """The assessment's standard, whose parameters give the band; None when it cannot be read
    (the UN's band is used then)."""
    try:
        info = get_assessment(app_store(), user, assessment_id)
        return get_standard(app_store(), info.standard_id, info.standard_version)
    except SealError:
        return None


def parity_section(user: Actor, assessment_id: str) -> None:
    """The charts, or why they cannot be shown."""
    try:
        file = staff_data(user, assessment_id)
    except SealError as e:
        show_error(e)
        return
    if file is None:
        return
    name, _digest, data = file
    min_group = 5
    standard = _standard(user, assessment_id)
    grade = staff_report(file, ("grade",), min_group=min_group, standard=standard) if \
        "grade" in data.breakdowns else None
    band = (grade or staff_report(file, (), min_group=min_group, standard=standard))["band"]
    st.caption(_("From the staff data file {name}. Groups of fewer than {n} people are "
                 "suppressed, as in anything published; women's share is read against "
                 "{band}.").format(name=md(name), n=min_group, band=band_words(band)))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{_('Women by grade, from entry to top')}**")
        chart = share_chart(grade["groups"], "grade", _("Grade"),
                            tuple(grade["parity_band"])) if grade else None
        if chart is None:
            st.info(_("The staff data has no grades to show."))
        else:
            st.vega_lite_chart(spec=chart, width="stretch")
            drop = grade["pipeline"].get("largest_drop")
            if drop and not isinstance(drop.get("drop"), str):
                st.caption(_("Largest fall: {drop} points from {a} to {b}.").format(
                    drop=fmt_number(drop["drop"] * 100, 1), a=md(drop["from"]),
                    b=md(drop["to"])))
    with right:
        st.markdown(f"**{_('Women by location')}**")
        if "location" in data.breakdowns:
            loc = staff_report(file, ("location",), min_group=min_group, standard=standard)
            chart = share_chart(loc["groups"], "location", _("Location"),
                                tuple(loc["parity_band"]))
            if chart is None:
                st.info(_("No location group is large enough to show."))
            else:
                st.vega_lite_chart(spec=chart, width="stretch")
        else:
            st.info(_("The staff data has no location column."))
    if grade:
        # eight columns: across the whole width, headers wrapped (half of a laptop's screen
        # showed four of them, the rest behind a sideways scroll)
        st.markdown(f"**{_('Number needed for parity')}**")
        st.caption(_("How many women (or men) would have to take the place of men (or "
                     "women) at the same headcount, or be added with nobody leaving, for "
                     "women's share to reach the band (its floor for women, its ceiling for "
                     "men) and 50/50. Nobody is needed when the staff is as near 50/50 as "
                     "whole people allow (one person apart)."))
        st.table(_needed_table(grade["groups"], "grade", _("Grade"), band), hide_index=True)
        left, _right = st.columns(2)
        with left:
            st.markdown(f"**{_('Pay gap')}**")
            chart = pay_gap_chart(grade["groups"], "grade", _("Grade"))
            if chart is None:
                st.info(_("The staff data has no pay figures."))
            else:
                st.caption(_("How much less women are paid than men, as a share of men's pay "
                             "(mean and median); below zero, women are paid more."))
                st.vega_lite_chart(spec=chart, width="stretch")
                if grade.get("pay_note"):  # the engine's note on an aggregated file's pay
                    st.caption(_("Aggregated file: the mean is weighted by headcount, and the "
                                 "median is the headcount-weighted median of the groups' "
                                 "medians (an approximation)."))
