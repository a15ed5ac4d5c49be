"""Workforce metrics that rules reach through ``metric('name', filter='value')``.

:data:`METRICS` names every metric, what kind of number it gives and the filters it accepts; the
rules compiler checks rules against it when a standard loads.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BREAKDOWNS", "METRICS", "MetricInfo"]

#: Columns a workforce file can be broken down by; each is also a metric filter.
BREAKDOWNS: tuple[str, ...] = ("grade", "unit", "location", "scope", "age_band", "contract")


@dataclass(frozen=True)
class MetricInfo:
    title: str
    kind: str  # "share" (0..1), "number" or "ratio"
    filters: tuple[str, ...] = BREAKDOWNS
    help: str = ""


METRICS: dict[str, MetricInfo] = {
    "headcount": MetricInfo("headcount", "number", help="Staff counted, all sexes."),
    "women_share": MetricInfo(
        "women's share of staff", "share",
        help="Women / (women + men); other or undisclosed staff are left out of the parity maths.",
    ),
    "parity_needed": MetricInfo(
        "staff who would have to change places to reach 50 %", "number",
        help="max(0, ceil((W+M)/2) - W) women replacing men, or the same for men when W > M.",
    ),
    "women_share_recruited": MetricInfo("women's share of people recruited", "share"),
    "women_share_applicants": MetricInfo("women's share of applicants", "share"),
    "women_share_promoted": MetricInfo("women's share of people promoted", "share"),
    "selection_ratio": MetricInfo(
        "selection ratio (women's hiring rate / men's)", "number",
        help="(women hired / women applicants) / (men hired / men applicants); below 0.8 warns.",
    ),
    "promotion_ratio": MetricInfo(
        "promotion ratio (women's promotion rate / men's)", "number",
        help="(women promoted / women eligible) / (men promoted / men eligible).",
    ),
    "exit_rate_women": MetricInfo("women's exit rate", "share"),
    "exit_rate_men": MetricInfo("men's exit rate", "share"),
    "training_share": MetricInfo("women's share of staff trained", "share"),
    "leave_return_rate_women": MetricInfo("women's return rate after parental leave", "share"),
    "leave_return_rate_men": MetricInfo("men's return rate after parental leave", "share"),
    "pay_gap_mean": MetricInfo(
        "unadjusted pay gap (mean)", "share", help="(men's mean - women's mean) / men's mean."
    ),
    "pay_gap_median": MetricInfo(
        "unadjusted pay gap (median)", "share", help="(men's median - women's median) / men's median."
    ),
    "pipeline_drop": MetricInfo(
        "largest fall in women's share from one grade to the next", "share",
        filters=("unit", "location", "scope"),
    ),
}
