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
    # a column mapping of an HR system's export (workforce/mapping.py)
    "mapping.not_a_mapping": "a column mapping file holds a mapping with 'columns' (and "
                             "optionally 'hours', 'pay' and 'values')",
    "mapping.empty_column": "a column of the export has an empty name",
    "mapping.column_twice": "the export's column {column} is named twice (also as {first})",
    "mapping.unknown_field": "{field} (for the export's column {column}) is not a field of the "
                             "workforce file{hint}; fields: {fields}",
    "mapping.same_field": "{column} and {other} are both mapped to {field}; map one column to "
                          "each field",
    "mapping.values_unknown_field": "values are given for {field}, which is not a field of the "
                                    "workforce file",
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

MESSAGES.update({
    # seal metrics (render/text/workforce.py metrics_text)
    "staff.suppressed": "suppressed",
    "staff.change_points": "{n} points",
    "band.parity": "parity band {low}-{high} %",
    "band.balanced": "balanced participation {low}-{high} %",
    "band.other": "band {low}-{high} %",
    "band.target_women": "{share} % women",
    "verdict.at_parity": "at parity",
    "verdict.balanced": "balanced",
    "verdict.in_band": "in band",
    "verdict.below_band": "below band",
    "verdict.above_band": "above band",
    "needed.out_of_reach": "out of reach",
    "needed.women": ("{n} woman", "{n} women"),
    "needed.men": ("{n} man", "{n} men"),
    "metrics.all_staff": "all staff",
    "metrics.aggregated": "aggregated rows",
    "metrics.per_person": "one row per person",
    "metrics.head": "Workforce: {file} ({shape})",
    "metrics.head_year": "Workforce: {file} ({shape}, {year})",
    "metrics.staff": "Staff: {headcount} - {women}, {men}, {other} other or undisclosed (left out "
                     "of the parity maths)",
    "metrics.target": "Target {target} women; {band}; figures resting on fewer than {min_group} "
                      "people are suppressed; {lacking} means the data is lacking.",
    "metrics.meets": "meets",
    "metrics.below": "below",
    "metrics.head_parity": "Parity",
    "metrics.head_balance": "Balance",
    "metrics.head_band": "Band",
    "metrics.representation": "Representation by {by}",
    "metrics.head_staff": "Staff",
    "metrics.head_women": "Women",
    "metrics.head_men": "Men",
    "metrics.head_other": "Other",
    "metrics.head_women_pct": "Women %",
    "metrics.head_target": "Target",
    "metrics.the_band": "the {band}",
    "metrics.needed_intro": "Women (or men) needed to reach {reach} and {goal}, by {by}: taking "
                            "the places of the other sex at the same headcount, or added with "
                            "nobody leaving; the band is reached at its floor (women) or ceiling "
                            "(men); 0 when the group is in the band, or as near 50/50 as whole "
                            "people allow.",
    "metrics.head_to_band": "To the band",
    "metrics.head_or_adding": "Or adding",
    "metrics.head_to_goal": "To {goal}",
    "metrics.flows_intro": "Recruitment, promotion, exits, training and leave by {by} (women's "
                           "shares, ratios women/men, rates by sex; ! marks a ratio below 0.8)",
    "metrics.head_applicants_w": "Applicants W",
    "metrics.head_recruited_w": "Recruited W",
    "metrics.head_selection": "Selection",
    "metrics.head_promoted_w": "Promoted W",
    "metrics.head_promotion": "Promotion",
    "metrics.head_exits_w": "Exits W",
    "metrics.head_exits_m": "Exits M",
    "metrics.head_trained_w": "Trained W",
    "metrics.head_leave_w": "Leave return W",
    "metrics.head_leave_m": "Leave return M",
    "metrics.pay_gap": "Unadjusted pay gap by {by}: (men's pay - women's) / men's",
    "metrics.head_mean": "Mean",
    "metrics.head_median": "Median",
    "metrics.pay_report_hint": "The indicators of the EU pay transparency directive and its joint "
                               "pay assessment: seal metrics FILE --pay-report.",
    "metrics.why_lacking": "Why some figures are {lacking}:",
    "metrics.more_reasons": "… and {n} more (see --format json, 'lacking')",
    "metrics.partial": "Figures over part of the staff:",
    "metrics.pipeline": "Leaky pipeline: women's share by grade, entry to top",
    "metrics.head_grade": "Grade",
    "metrics.head_change": "Change",
    "metrics.change_from": "(from {grade})",
    "metrics.too_few_grades": "Fewer than two grades can be published, so no change is shown.",
    "metrics.no_fall_published": "Women's share does not fall from one published grade to the "
                                 "next.",
    "metrics.no_fall": "Women's share does not fall from one grade to the next.",
    "metrics.largest_drop": "Largest drop: from {low} to {high}, {n} points.",
    "metrics.left_out": "Left out of the changes, as too few women and men to publish (or needed "
                        "to keep another grade hidden): {grades}.",
    "metrics.pipeline_missing": "Leaky pipeline: {why}.",
    "metrics.projection": "Projection to {target} women at the period's rates (constant "
                          "headcount per grade)",
    "metrics.head_women_now": "Women % now",
    "metrics.head_entrants_w": "Entrants W",
    "metrics.head_long_run": "Long run",
    "metrics.head_reaches": "Reaches the target",
    "metrics.exit_reasons": "Exit reasons",
    "metrics.head_sex": "Sex",
    "metrics.head_reason": "Reason",
    "metrics.head_exits": "Exits",
})

# why a workforce figure cannot be given (workforce/data.py, metrics.py, pay.py): the Missing
# reasons explanations and reports show; ``where`` is a part of the staff ('grade 'senior'')
MESSAGES.update({
    "where.file": "the workforce file",
    "where.filter": "{column} {values}",
    "where.col.grade": "grade",
    "where.col.unit": "unit",
    "where.col.location": "location",
    "where.col.scope": "scope",
    "where.col.age_band": "age band",
    "where.col.contract": "contract",
    "where.col.category": "category",
    "where.col.pay_quartile": "pay quartile",
    "figure.no_column": "the workforce file has no {column} column",
    "figure.no_staff": "no staff in {where}",
    "figure.what.headcount": "headcount",
    "figure.what.applicants": "applicant",
    "figure.what.recruited": "recruitment",
    "figure.what.eligible_for_promotion": "promotion eligibility",
    "figure.what.promoted": "promotion",
    "figure.what.exits": "exit",
    "figure.what.trained": "training",
    "figure.what.parental_leave": "parental leave",
    "figure.what.returned_from_leave": "return from leave",
    "figure.no_data": "the workforce file has no {what} data",
    "figure.incomplete": "{what} data is not given for every group in {where}",
    "figure.nobody": "no women or men in {where}",
    "figure.nobody_but_other": "no women or men in {where} (only staff of other or undisclosed "
                               "sex)",
    "figure.nobody_recruited": "no women or men were recruited in {where}",
    "figure.nobody_promoted": "no women or men were promoted in {where}",
    "figure.nobody_trained": "no women or men were trained in {where}",
    "figure.nobody_applied": "no women or men applied in {where}",
    "figure.no_pool.promotion.women": "no women were eligible for promotion in {where}",
    "figure.no_pool.promotion.men": "no men were eligible for promotion in {where}",
    "figure.no_pool.selection.women": "no women applied in {where}",
    "figure.no_pool.selection.men": "no men applied in {where}",
    "figure.no_hits.promotion": "no men were promoted in {where}, so the ratio has no value",
    "figure.no_hits.selection": "no men were recruited in {where}, so the ratio has no value",
    "figure.no_applicant_data": "the workforce file has no applicant data",
    "figure.no_applicant_rows": "the workforce file has no applicant rows for {where} (recruits "
                                "alone do not show how many applied)",
    "figure.applicants_incomplete": "applicant data is not given for every group in {where}",
    "figure.applicant_grades": ("over grade {grades} only: no applicant data for {lacking}",
                                "over grades {grades} only: no applicant data for {lacking}"),
    "figure.no_exits_base.women": "no women in {where}",
    "figure.no_exits_base.men": "no men in {where}",
    "figure.no_leave.women": "no women took parental leave in {where}",
    "figure.no_leave.men": "no men took parental leave in {where}",
    "figure.no_pay_data": "the workforce file has no pay data",
    "figure.no_pay_kind.mean": "the workforce file has no mean pay data",
    "figure.no_pay_kind.median": "the workforce file has no median pay data",
    "figure.pay_incomplete.mean.women": "mean pay is not given for every group of women in "
                                        "{where}",
    "figure.pay_incomplete.mean.men": "mean pay is not given for every group of men in {where}",
    "figure.pay_incomplete.median.women": "median pay is not given for every group of women in "
                                          "{where}",
    "figure.pay_incomplete.median.men": "median pay is not given for every group of men in "
                                        "{where}",
    "figure.no_pay.women": "no women with pay data in {where}",
    "figure.no_pay.men": "no men with pay data in {where}",
    "figure.nobody_pay": "no women or men with pay data in {where}",
    "figure.no_recipients.women": "no women received complementary or variable pay in {where}",
    "figure.no_recipients.men": "no men received complementary or variable pay in {where}",
    "figure.men_zero.mean.pay": "men's mean pay is 0 in {where}, so the gap has no value",
    "figure.men_zero.median.pay": "men's median pay is 0 in {where}, so the gap has no value",
    "figure.men_zero.mean.basic": "men's mean basic pay is 0 in {where}, so the gap has no "
                                  "value",
    "figure.men_zero.median.basic": "men's median basic pay is 0 in {where}, so the gap has no "
                                    "value",
    "figure.men_zero.mean.complementary": "men's mean complementary or variable pay is 0 in "
                                          "{where}, so the gap has no value",
    "figure.men_zero.median.complementary": "men's median complementary or variable pay is 0 "
                                            "in {where}, so the gap has no value",
    "figure.no_person_pay": "the workforce file has no pay of each person (basic and "
                            "complementary pay need one row per person)",
    "figure.no_person_complementary": "the workforce file has no pay of each person "
                                      "(complementary pay needs one row per person)",
    "figure.no_quartile": "pay quartile {value!r} does not exist; pay quartiles are 1 (the "
                          "lowest paid quarter) to 4 (the highest paid)",
    "figure.quartiles_need_people": "pay quartiles need the pay of each person (one row per "
                                    "person)",
    "figure.no_category_or_grade": "the workforce file has neither a category nor a grade "
                                   "column",
    "figure.no_both.category": "no category has both women and men with pay data in {where}",
    "figure.no_both.grade": "no grade has both women and men with pay data in {where}",
    "figure.no_grade_column": "the workforce file has no grade column",
    "figure.two_grades": "fewer than two grades have staff in {where}",
    "figure.pay_unsplit": "the workforce file does not split pay into basic_pay and "
                          "complementary_pay",
})

# the indicators of Article 9(1) of Directive (EU) 2023/970 (workforce/pay.py ARTICLE_9), as the
# pay report names them
MESSAGES.update({
    "pay.article9.a": "the gender pay gap (mean)",
    "pay.article9.b": "the gender pay gap in complementary or variable components (mean)",
    "pay.article9.c": "the median gender pay gap",
    "pay.article9.d": "the median gender pay gap in complementary or variable components",
    "pay.article9.e": "the proportion of women and of men receiving complementary or variable "
                      "components",
    "pay.article9.f": "the proportion of women and of men in each quartile pay band",
    "pay.article9.g": "the gender pay gap by category of workers, broken down by ordinary basic "
                      "pay and complementary or variable components",
})

# the pay transparency report's texts (workforce/pay.py): how pay is measured on each basis, the
# definitions citing the Directive's articles, each category's Article 10 status and reasons, the
# joint pay assessment; the JSON keeps their English beside the message
MESSAGES.update({
    "pay.basis.period": "pay as the file gives it",
    "pay.basis.annual": "annual pay",
    "pay.basis.hourly": "pay per hour",
    "pay.per.annual": "in annual pay",
    "pay.per.hourly": "per hour",
    "pay.derive.period": "each group's mean and median gross pay as the aggregated file gives "
                         "them, in the file's own pay period (annual or hourly, the file does not "
                         "say)",
    "pay.derive.annual": "gross pay for the period as the file gives it ({columns}), taken as the "
                         "year's pay; a shorter period paid alike (a month) gives the same gaps "
                         "and shares, each being a ratio",
    "pay.derive.hours": "annual pay / the hours paid in the same period (hours)",
    "pay.derive.fte": "annual pay / (fte x the hours of a full-time post in the period); those "
                      "hours are the same for everyone, so they cancel out of every gap and "
                      "share and need not be given: the figures are those of pay per full-time "
                      "equivalent",
    "pay.derive.no_hours": "annual pay / the hours paid in the same period",
    "pay.lacking.no_hours": "the workforce file has no hours (or fte) column, so pay per hour "
                            "cannot be worked out; add the hours paid in the period",
    "pay.level": "Art. 3(1)(b): the pay level is gross annual pay and the corresponding gross "
                 "hourly pay, so every indicator is given on both",
    "pay.definition.a": "Art. 9(1)(a): (men's mean pay - women's mean pay) / men's mean pay, "
                        "over the women and men with pay, on annual pay and on pay per hour",
    "pay.definition.b": "Art. 9(1)(b): the same over complementary or variable components, "
                        "among the women and the men who receive some (above 0): on the annual "
                        "amounts, and per hour",
    "pay.definition.c": "Art. 9(1)(c): (men's median pay - women's median pay) / men's median "
                        "pay, on annual pay and on pay per hour",
    "pay.definition.d": "Art. 9(1)(d): the same with medians of complementary or variable "
                        "components, among those who receive some: on the annual amounts, and "
                        "per hour",
    "pay.definition.e": "Art. 9(1)(e): women receiving complementary or variable components / "
                        "women with pay, and the same for men; the same people on annual and "
                        "hourly pay",
    "pay.definition.f": "Art. 9(1)(f): the n women and men with pay are ranked by pay (annual, "
                        "then per hour) and cut into four bands of whole people, band q holding "
                        "the places after floor((q - 1) x n / 4) up to floor(q x n / 4); people "
                        "with the same pay form a block, and when a band boundary cuts a block "
                        "of b people with w women, its women are spread evenly over its places: "
                        "among its first k places there are round(k x w / b) women (halves "
                        "rounded up, so an even split puts the woman in the lower band), the "
                        "others men",
    "pay.definition.g": "Art. 9(1)(g): the mean gap (a) within each category of workers (the "
                        "category column, else grade), on all pay, on ordinary basic pay and on "
                        "complementary or variable components (among those receiving some), on "
                        "annual pay and per hour",
    "pay.definition.10": "Art. 10(1): a joint pay assessment when a category's mean gap is at "
                         "least the threshold (5 %) either way, on pay per hour (annual pay when "
                         "the file gives no hours, pay as given in an aggregated file), is not "
                         "justified by objective, gender-neutral criteria, and is not remedied "
                         "within six months of the pay report",
    "pay.covers.1": "the share of women and of men in each category of workers",
    "pay.covers.2": "the pay levels of women and men in each category, with the complementary "
                    "or variable components",
    "pay.covers.3": "the differences in pay between women and men in each category",
    "pay.covers.4": "the reasons for those differences, on objective, gender-neutral criteria, "
                    "established jointly with the workers' representatives",
    "pay.covers.5": "the share of women and of men whose pay improved on their return from "
                    "maternity, paternity, parental or carers' leave, where pay improved in "
                    "their category during the leave",
    "pay.covers.6": "the measures to address the differences that objective, gender-neutral "
                    "criteria do not justify",
    "pay.covers.7": "how effective the measures of previous joint pay assessments were",
    "pay.status.flagged": "flagged",
    "pay.status.justified": "justified",
    "pay.status.below threshold": "below threshold",
    "pay.status.not published": "not published",
    "pay.status.no comparison": "no comparison",
    "pay.why.not_published": "fewer than {min_group} women or men with pay: the figures are not "
                             "published, but the institution must still check this category's "
                             "gap",
    "pay.why.less": "women are paid {gap} less than men on average (mean pay gap {signed}), at "
                    "least the {limit} of Article 10",
    "pay.why.more": "women are paid {gap} more than men on average (mean pay gap {signed}), at "
                    "least the {limit} of Article 10",
    "pay.why.less_per": "women are paid {gap} less than men {per} on average (mean pay gap "
                        "{signed}), at least the {limit} of Article 10",
    "pay.why.more_per": "women are paid {gap} more than men {per} on average (mean pay gap "
                        "{signed}), at least the {limit} of Article 10",
    "pay.why.on_annual": "{said}; on annual pay the gap is {annual}",
    "pay.why.justified": "{said}; justified: {justification}",
    "pay.why.flagged": "{said}, and no justification by objective, gender-neutral criteria is "
                       "recorded",
    "pay.why.below": "the mean pay gap is under {limit} either way",
    "pay.why.below_per": "the mean pay gap {per} is under {limit} either way",
    "pay.why.below_hours": "{said} ({gap}); on annual pay it is {annual}, the difference coming "
                           "from the hours paid (part-time work, part of the year)",
    "pay.summary.no_column": "the file has neither a category nor a grade column, so the gap by "
                             "category of workers cannot be worked out",
    "pay.summary.needed": "a joint pay assessment is needed: the mean pay gap is {limit} or "
                          "more, and not justified, in {categories}",
    "pay.summary.needed_per": "a joint pay assessment is needed: the mean pay gap {per} is "
                              "{limit} or more, and not justified, in {categories}",
    "pay.summary.none": "no category of workers has an unjustified mean pay gap of {limit} or "
                        "more",
    "pay.summary.none_per": "no category of workers has an unjustified mean pay gap {per} of "
                            "{limit} or more",
    "pay.summary.no_both.grade": "no grade has both women and men with pay data",
    "pay.summary.no_both.category": "no category has both women and men with pay data",
    "pay.summary.all_small.grade": "no grade can be assessed in this report: each has fewer than "
                                   "{min_group} women or men with pay (a report for internal "
                                   "use may lower the limit)",
    "pay.summary.all_small.category": "no category can be assessed in this report: each has "
                                      "fewer than {min_group} women or men with pay (a report "
                                      "for internal use may lower the limit)",
    "pay.summary.unpublished.grade": ("{said}; {n} grade with fewer than {min_group} women or "
                                      "men must be checked apart",
                                      "{said}; {n} grades with fewer than {min_group} women or "
                                      "men must be checked apart"),
    "pay.summary.unpublished.category": ("{said}; {n} category with fewer than {min_group} "
                                         "women or men must be checked apart",
                                         "{said}; {n} categories with fewer than {min_group} "
                                         "women or men must be checked apart"),
    "pay.note.remedied": "Article 10 asks for the assessment when such a gap is also not "
                         "remedied within six months of the pay report; it is carried out with "
                         "the workers' representatives.",
    "pay.note.hourly": "Article 10 asks for the assessment when such a gap is also not remedied "
                       "within six months of the pay report; it is carried out with the workers' "
                       "representatives. The gap is tested per hour, which compares like with "
                       "like; where the annual gap alone reaches the threshold, the category's "
                       "line says so.",
    "pay.note.aggregated": "aggregated file: pay is as the file gives it (pay_mean, pay_median), "
                           "in its own period, so neither annual nor hourly pay can be told "
                           "apart, and only the mean and median gaps (a, c) and the gap by "
                           "category (g, mean pay) can be worked out; the other indicators, and "
                           "annual and hourly figures, need one row per person with hours",
})

# the workforce report's own reasons and notes (workforce/report.py)
MESSAGES.update({
    "staff.pay_note_aggregated": "aggregated file: the mean is headcount-weighted and the median "
                                 "is the headcount-weighted median of group medians (an "
                                 "approximation)",
    "projection.hidden_small": "suppressed (fewer than {min_group} women and men)",
    "projection.hidden_pair": "suppressed (with a smaller grade, so that neither can be worked "
                              "out)",
    "projection.cannot": "cannot project: {reason}",
    "projection.now": "at or above the target now",
    "projection.nobody_entered": "never at current rates (nobody entered the grade in the "
                                 "period)",
    "projection.never": "never at current rates",
    "projection.in_years": ("in {n} year", "in {n} years"),
    "projection.in_years_by": ("in {n} year ({year})", "in {n} years ({year})"),
    "projection.not_within": "not within {n} years at current rates",
    "projection.hidden_rests": "suppressed (rests on fewer than {min_group} people)",
})

# seal metrics --pay-report as text (render/text/workforce.py pay_text)
MESSAGES.update({
    "paytext.head": "Pay transparency report: {file} ({shape})",
    "paytext.head_year": "Pay transparency report: {file} ({shape}, {year})",
    "paytext.pay_level": "Pay level, {text}.",
    "paytext.basis": "{title}: {text}.",
    "paytext.gaps": "Gaps are (men's pay - women's) / men's: positive when men are paid more, "
                    "negative when women are.",
    "paytext.with_pay": "With pay: {women} and {men}. Figures resting on fewer than {min_group} "
                        "women or men are {suppressed}; {lacking} means the data is lacking.",
    "paytext.with_pay_without": ("With pay: {women} and {men} ({n} member of staff in post with "
                                 "no pay given left out). Figures resting on fewer than "
                                 "{min_group} women or men are {suppressed}; {lacking} means "
                                 "the data is lacking.",
                                 "With pay: {women} and {men} ({n} members of staff in post "
                                 "with no pay given left out). Figures resting on fewer than "
                                 "{min_group} women or men are {suppressed}; {lacking} means "
                                 "the data is lacking."),
    "paytext.suppressed_women": "{suppressed} women",
    "paytext.suppressed_men": "{suppressed} men",
    "paytext.article9": "Article 9(1) of Directive (EU) 2023/970, in its order:",
    "paytext.on.period": "on pay as the file gives it",
    "paytext.on.annual": "on annual pay",
    "paytext.on.hourly": "on pay per hour",
    "paytext.on.both": "on annual pay and pay per hour",
    "paytext.by": "(a)-(e) by {by}, {bases}",
    "paytext.col.annual": "annual",
    "paytext.col.hourly": "hourly",
    "paytext.col.period": "as given",
    "paytext.head_group": "Group",
    "paytext.head_pay": "Pay",
    "paytext.head_a": "(a) Mean gap",
    "paytext.head_b": "(b) Mean gap, compl.",
    "paytext.head_c": "(c) Median gap",
    "paytext.head_d": "(d) Median gap, compl.",
    "paytext.head_e_women": "(e) Women receiving",
    "paytext.head_e_men": "(e) Men receiving",
    "paytext.compl": "compl. = complementary or variable components (bonuses, allowances, "
                     "overtime, benefits in kind); their gaps compare those who receive them, "
                     "annual amounts first.",
    "paytext.quartiles": "(f) Women and men in each quartile pay band (1 = the lowest paid "
                         "quarter, 4 = the highest paid), bands of whole people; ties as (f) "
                         "above says",
    "paytext.head_band": "Band",
    "paytext.head_people": "People",
    "paytext.no_category": "(g) Pay gap by category of workers: the file has neither a category "
                           "nor a grade column.",
    "paytext.categories": "(g) Pay gap by category of workers ({column}), basic pay and "
                          "complementary or variable components apart, {bases}",
    "paytext.head_mean_gap": "Mean gap",
    "paytext.head_basic": "Basic pay",
    "paytext.head_compl": "Compl.",
    "paytext.head_women_receiving": "Women receiving",
    "paytext.head_men_receiving": "Men receiving",
    "paytext.head_article10": "Article 10",
    "paytext.article10": "Article 10: joint pay assessment",
    "paytext.flagged": "Categories flagged, and why:",
    "paytext.justified": "Gaps of the threshold or more that are justified (not flagged):",
    "paytext.covers": "The joint pay assessment, with the workers' representatives, must cover:",
    "paytext.item": "- {name}: {text}",
})

# a justifications file for the pay report (workforce/pay.py read_justifications)
MESSAGES.update({
    "justif.no_column": "the header has no {column} column; the file needs the columns category "
                        "and justification",
    "justif.empty_category": "category is empty",
    "justif.empty": "justification is empty; say which objective, gender-neutral criteria "
                    "explain the gap",
    "justif.unknown.category": "{value} is not a category of {file}",
    "justif.unknown.grade": "{value} is not a grade of {file}",
    "justif.unknown_known.category": "{value} is not a category of {file} (categories: {known})",
    "justif.unknown_known.grade": "{value} is not a grade of {file} (grades: {known})",
    "justif.twice": "{value} is justified twice (also line {line})",
    "justif.no_header": "the file has no header row (category, justification)",
})
