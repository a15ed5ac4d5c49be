"""The workforce figures in words: each metric's title as rules and reports name it
(:data:`seal_engine.workforce.metrics.METRICS`; a test keeps the two the same)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    "metric.headcount": 'headcount',
    "metric.women": 'number of women on the staff',
    "metric.men": 'number of men on the staff',
    "metric.women_share": "women's share of staff",
    "metric.parity_needed": 'staff who would have to change places to reach 50 %',
    "metric.women_share_recruited": "women's share of people recruited",
    "metric.women_share_applicants": "women's share of applicants",
    "metric.women_share_promoted": "women's share of people promoted",
    "metric.selection_ratio": "selection ratio (women's hiring rate / men's)",
    "metric.promotion_ratio": "promotion ratio (women's promotion rate / men's)",
    "metric.exit_rate_women": "women's exit rate",
    "metric.exit_rate_men": "men's exit rate",
    "metric.training_share": "women's share of staff trained",
    "metric.training_share_gap": "women's share of staff trained minus their share of staff",
    "metric.leave_return_rate_women": "women's return rate after parental leave",
    "metric.leave_return_rate_men": "men's return rate after parental leave",
    "metric.pay_gap_mean": 'unadjusted pay gap (mean)',
    "metric.pay_gap_median": 'unadjusted pay gap (median)',
    "metric.pay_gap_mean_annual": 'unadjusted pay gap in pay for the period (mean)',
    "metric.pay_gap_median_annual": 'unadjusted pay gap in pay for the period (median)',
    "metric.basic_pay_gap_mean": 'pay gap in basic pay (mean)',
    "metric.basic_pay_gap_median": 'pay gap in basic pay (median)',
    "metric.bonus_gap_mean": 'pay gap in complementary or variable pay (mean)',
    "metric.bonus_gap_median": 'pay gap in complementary or variable pay (median)',
    "metric.bonus_share_women": 'share of women receiving complementary or variable pay',
    "metric.bonus_share_men": 'share of men receiving complementary or variable pay',
    "metric.category_pay_gap_max": 'largest unjustified pay gap in a category of workers',
    "metric.pipeline_drop": "largest fall in women's share from one grade to the next",
}
