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
    # a workforce file's settings lines and header (workforce/parser.py)
    "staff.setting_after_header": "the '# {key}:' line must come before the header row",
    "staff.bad_year": "'# year:' must be a year such as 2025, not {value}",
    "staff.bad_justification": "'# justification:' must name a category and the reason, e.g. "
                               "'# justification: Drivers = night-shift allowance set by the "
                               "collective agreement'",
    "staff.no_grades": "'# grades:' lists no grades; write them from entry to top, e.g. "
                       "'# grades: support, professional, manager, senior'",
    "staff.grade_twice": "'# grades:' lists {grade} twice",
    "staff.too_many_columns": "the header has more than {limit} columns; a workforce file has a "
                              "few dozen at most",
    "staff.one_column": "the header is one column, {header}: its columns seem separated by "
                        "{separator}; separate them with commas (or semicolons or tabs)",
    "staff.both_shapes": "the header has both person_id (one row per person) and headcount "
                         "(aggregated rows); use one shape per file",
    "staff.no_shape": "the header has neither a headcount column (aggregated rows) nor a "
                      "person_id column (one row per person); see docs/workforce.md",
    "staff.unnamed_column": "a column has no name",
    "staff.belongs_aggregated": "; it belongs in aggregated files",
    "staff.belongs_per_person": "; it belongs in per-person files",
    "staff.unknown_column": "unknown column {column}{hint} (columns: {columns})",
    "staff.column_twice": "column {column!r} appears twice (also column {first})",
    "staff.required_column": "the header has no {column!r} column, which is required",
    "staff.pay_and_basic": "the header has both pay and basic_pay; give basic_pay and "
                           "complementary_pay, or pay alone (everything included)",
    "staff.complementary_alone": "complementary_pay needs a basic_pay column beside it (pay is "
                                 "then basic_pay plus complementary_pay)",
    "staff.hours_and_fte": "the header has both hours and fte; give one of them",
    # a workforce file's rows
    "staff.more_rows": ("and {n} more row with the same problem in this column, up to line "
                        "{last}",
                        "and {n} more rows with the same problem in this column, up to line "
                        "{last}"),
    "staff.unknown_sex": "unknown sex code {value}; use female, male or other (F, M, woman, man, "
                         "undisclosed... are accepted)",
    "staff.empty_sex": "sex is empty; write female, male, or other for other or undisclosed",
    "staff.unknown_grade": "unknown grade {value}; grades are {grades} (a file with other grades "
                           "lists them, lowest first, in a '# grades:' line at its top)",
    "staff.unknown_scope": "unknown scope {value}; write national or subnational",
    "staff.empty_grade": "grade is empty; write one of {grades}",
    "staff.bad_flag": "{value} is not a yes/no flag; write 1 or 0 (or yes/no)",
    "staff.example_whole": "a whole number such as 12",
    "staff.example_amount": "a number such as 1250.50",
    "staff.negative": "{value} is negative; {column} must be 0 or more",
    "staff.fraction": "{value} is not a whole number of people",
    "staff.too_large": "{value} is too large for {column} (at most {most})",
    "staff.separators": "{value} is not a number; write {example}, with a point for decimals and "
                        "no thousands separators",
    "staff.not_a_number": "{value} is not a number; write {example}",
    "staff.justification_no_column": "a '# justification:' line names a category of workers, but "
                                     "the file has no category or grade column",
    "staff.justification_unknown": "'# justification:' names {category}, which is not a "
                                   "{column} in the file ({columns}: {known})",
}
