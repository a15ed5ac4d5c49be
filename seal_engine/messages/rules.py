"""A rule's explanation: each clause as evaluated, the values it saw and what it needs, and the
line that heads a benchmark's explanation (:mod:`seal_engine.rules`, :mod:`seal_engine.scoring`).
The questions, evidence and parameters a clause names are the standard's own texts, in its
language (or its translation's)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    # values in words
    "value.points": ("{n} point", "{n} points"),
    "value.nothing": "nothing",
    "value.none": "none",
    "value.not_answered": "not answered",
    "value.not_given": "not given in the assessment",
    "value.no_workforce": "no workforce data was provided",
    "value.is": "is {value}",
    "value.is_not_answered": "is not answered",
    "value.is_unknown": "is unknown ({reason})",
    # clauses
    "clause.value_is": "{subject} {is}",
    "clause.yes_no": "{question}: {answer}",
    "clause.answered": "{question} is answered",
    "clause.not_answered": "{question} is not answered",
    "clause.always_true": "always true",
    "clause.always_false": "always false",
    "clause.parameter": "{value} ({parameter})",
    "clause.all_hold": "all of these hold:",
    "clause.not_all_hold": "not all of these hold:",
    "clause.any_holds": "at least one of these holds:",
    "clause.none_holds": "none of these holds:",
    "clause.not": "it is not the case that:",
    "clause.compare": "{subject} {is}; {needs}",
    "clause.compare_detail": "{subject} {is}; {detail}",
    "clause.needs_eq": "needs {value}",
    "clause.needs_ne": "needs anything but {value}",
    "clause.needs_lt": "needs less than {value}",
    "clause.needs_le": "needs at most {value}",
    "clause.needs_gt": "needs more than {value}",
    "clause.needs_ge": "needs at least {value}",
    "clause.needs_in": "needs one of {value}",
    "clause.needs_not_in": "needs none of {value}",
    "clause.none_may_be": "none may be",
    "clause.named_value": "{value} ({name})",
    "clause.includes": "{question} includes {value} (answer: {answer})",
    "clause.does_not_include": "{question} does not include {value} (answer: {answer})",
    "clause.leaves_out": "{question} leaves out {value} (answer: {answer})",
    "clause.should_include": "{question} should include {value}: {reason}",
    "clause.should_not_include": "{question} should not include {value}: {reason}",
    "clause.includes_any": "{question} includes at least one of {values} (answer: {answer})",
    "clause.includes_none": "{question} includes none of {values} (answer: {answer})",
    "clause.includes_all": "{question} includes all of {values} (answer: {answer})",
    "clause.not_includes_all": "{question} does not include all of {values} (answer: {answer})",
    "clause.should_include_any": "{question} should include at least one of {values}: {reason}",
    "clause.should_include_all": "{question} should include all of {values}: {reason}",
    "clause.evidence_provided": "evidence {id} ({title}) is provided",
    "clause.evidence_rejected": "evidence {id} ({title}) is rejected",
    "clause.evidence_unreferenced": "evidence {id} ({title}) is listed without a file, link or "
                                    "reference, so it is not provided",
    "clause.evidence_missing": "evidence {id} ({title}) is missing",
    "clause.needs_between": "needs between {low} and {high}",
    "clause.measured": "from the workforce data:",
    "clause.measured_differs_holds": "from the workforce data (the declared answer differs: it "
                                     "would hold; the measured figures are used):",
    "clause.measured_differs_fails": "from the workforce data (the declared answer differs: it "
                                     "would not hold; the measured figures are used):",
    "clause.declared_decides": "no workforce figure for this, so the declared answer decides:",
    "clause.declared_decides_because": "no workforce figure for this ({reason}), so the "
                                       "declared answer decides:",
    "clause.first_known": "decided by the first of these that is known:",
    "clause.first_known_item": "decided by the first of these that is known (item {item} of "
                               "{items}):",
    "clause.default_decides_because": "{subject}: {reason}, so it counts as {value}",
    # how a value is named
    "label.metric_where": "{metric} ({where})",
    "label.filter": "{key} {value}",
    "label.column": "the “{column}” column of {table}",
    "label.rows": "the number of rows of {table}",
    "label.rows_with": "the number of rows of {table} with {where}",
    "label.cell": "“{column}” {value}",
    "label.smallest": "the smallest of {values}",
    "label.largest": "the largest of {values}",
    "label.total": "the total of {values}",
    "label.items": "the number of items in {values}",
    "label.first_known": "{first} or, if unknown, {then}",
    # the head of a benchmark's explanation
    "why.left_out": "Not applicable: this version of the standard leaves it out.",
    "why.claimed": "Not applicable: {reason}",
    "why.claimed_pending": "Not applicable (the institution's claim, pending the assessor's "
                           "decision: counted as not met until an assessor accepts it): {reason}",
    "why.condition_fails": "Not applicable: the standard's condition for it does not hold.",
    "why.met": "Met: the rule holds.",
    "why.partially_met": "Partially met: the full rule fails, the rule for partial credit holds.",
    "why.partial_because": "Partial credit because:",
    "why.answer": "Not answered: answer {questions}.",
    "why.data_missing": "Not answered: data the rule needs is missing.",
    "why.not_met_one": "Not met: a condition fails.",
    "why.not_met": ("Not met: {n} condition fails.", "Not met: {n} conditions fail."),
    # the head of a reviewed benchmark's explanation when the assessor decided its status:
    # {computed} and {decided} are status.* messages, {justification} the assessor's own words
    "why.overridden": "Overridden by the assessor ({computed} → {decided}): {justification}",
    "why.assumed_met": "Met (assumed, what-if); was {was} with {points} of {max_points} points.",
}
