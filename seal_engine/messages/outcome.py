"""Why a level is or is not reached, what changed since the last result, and why a benchmark is
a gap (:mod:`seal_engine.outcome`, :func:`seal_engine.gap_reasons`)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    # why a level is or is not reached (home pages, results)
    "outcome.score": "{score}.",
    "outcome.top": "{score}: {level}, the highest level, is reached.",
    "outcome.no_level": "{score}, no level yet: {why}.",
    "outcome.level_next": "{score}: {level} reached; for {next}, {needs}.",
    "outcome.mandatory_not_met": ("{benchmark}, mandatory for {level}, is not met",
                                  "{benchmark}, mandatory for {level}, are not met"),
    "outcome.mandatory_pending": ("{benchmark}, mandatory for {level}, is claimed not to apply "
                                  "and waits for the assessor's decision",
                                  "{benchmark}, mandatory for {level}, are claimed not to "
                                  "apply and wait for the assessor's decision"),
    "outcome.more_benchmarks": ("{n} more benchmark must be met to reach {threshold}",
                                "{n} more benchmarks must be met to reach {threshold}"),
    "outcome.more_points": "{n} more points are needed to reach {threshold}",
    "level.none": "no level",
    # what changed since the last result
    "change.same": "Since {when}: the same level and score.",
    "change.score": "Since {when}: the score went from {before} to {after}.",
    "change.level": "Since {when}: the level went from {before} to {after}, the score from "
                    "{score_before} to {score_after}.",
    "change.benchmarks_met": "Now met: {list}.",
    "change.benchmarks_lost": "No longer met: {list}.",
    "change.since_review": "the assessor's review",
    "change.since_period": "the {period} result",
    # gap rows
    "gap.condition": "{condition}",
    "gap.unanswered": "not answered yet: {questions}",
    "gap.evidence_missing": "evidence missing: {evidence}",
    "gap.not_answered": "not answered yet",
    "gap.needs_review": "its conditions hold as answered, but it is not counted as met yet: "
                        "see its status on the Results page",
    # a gap's failing conditions, rank and path (seal_engine.gaps)
    "gap.either": "either {first}, or {second}",
    "gap.one_of": "one of: {alternatives}",
    "gap.or_next": "{first}; or {then}",
    "gap.and": "{first} and {then}",
    "gap.must_not_hold": "this must not hold: {inner}",
    "gap.ruled_out_mandatory": "{id} ({title}) is mandatory from {mandatory} but is ruled out, "
                               "so {level} cannot be reached",
    "gap.out_of_reach_at_least": "even with every remaining benchmark met the score would be "
                                 "{score} ({points} of {max_points} points) and {level} needs at "
                                 "least {threshold}",
    "gap.out_of_reach_more_than": "even with every remaining benchmark met the score would be "
                                  "{score} ({points} of {max_points} points) and {level} needs "
                                  "more than {threshold}",
    "gap.with_ruled_out": "{text} (ruled out: {ids})",
    "gap.reason_out_of_reach": "mandatory from {mandatory}; {level} is out of reach: {reasons}",
    "gap.reason_mandatory": "mandatory from {mandatory}",
    "gap.reason_mandatory_needed": "mandatory from {mandatory}; needed to reach {level}",
    "gap.reason_pending": "{reason}; the institution claims it does not apply: pending the "
                          "assessor's decision on the claim",
    "gap.reason_towards": "{adds} towards the {level} threshold ({threshold})",
    "gap.reason_mandatory_and": "mandatory from {mandatory}; {rest}",
    "gap.reason_ruled_out": "ruled out by the institution",
    "gap.reason_not_mandatory": "not mandatory; {adds} to the score",
    "gap.adds_benchmark": "counts one more benchmark met",
    "gap.adds_points": ("adds {n} point", "adds {n} points"),
    "gap.note_reached": "{level} is already reached; the gaps are ranked towards the levels "
                        "above it.",
    "gap.note_top": "The highest level is reached; the gaps are ranked by weight and effort.",
    "gap.note_done": "{id}: every planned action is done but the benchmark is still {status}; "
                     "record the new answers and evidence in the next self-assessment.",
    # seal gaps in words (render/text/gaps.py)
    "path.reached": "{level}: already reached.",
    "path.out_of_reach": "{level}: out of reach — {reasons}.",
    "path.mandatory": "mandatory {ids}",
    "path.threshold": "to reach the threshold {ids}",
    "path.meet": ("{level}: meet {n} benchmark ({parts}) → {score}.",
                  "{level}: meet {n} benchmarks ({parts}) → {score}."),
    "path.then": ("{level}: then meet {n} more benchmark ({parts}) → {score}.",
                  "{level}: then meet {n} more benchmarks ({parts}) → {score}."),
    "gaps.head": "{institution} — gaps against {standard} v{version}, {period}",
    "gaps.level_line": "Level: {level}   Score: {score}",
    "gaps.score_points": "{score} ({points} of {max_points} points)",
    "gaps.what_if": "What-if: assuming {ids} met (without: {before}).",
    "gaps.ruled_out": "Ruled out: {ids}.",
    "gaps.not_benchmark": "{id!r} is not a benchmark of {standard} v{version}; use one of "
                          "{shown}",
    "gaps.assumed_not_applicable": "{id!r} is not applicable to {assessment}, so it cannot be "
                                   "assumed met; leave it out of assume_met",
    "gaps.not_level": "{level!r} is not a level of {standard} v{version}; use one of {levels}",
    "gaps.answer": "answer {id}",
    "gaps.answer_question": "answer {id} (“{text}”)",
    "gaps.action_status": "{id} {status}",
    "gaps.plan_actions": "{status} ({actions})",
    "gaps.no_library_action": "none in the library",
    "gaps.head_points": "+Points",
    "gaps.head_met": "+Met",
    "gaps.head_mandatory": "Mandatory for",
    "gaps.head_effort": "Effort",
    "gaps.head_why": "Why this rank",
    "gaps.head_missing": "What is missing",
    "gaps.head_actions": "Actions",
    "gaps.shortest_path": "Shortest path:",
    "gaps.section": "Gaps",
    "gaps.none": "No gaps: every applicable benchmark is met.",
    "gaps.why_and_missing": "Why this rank, and what is missing:",
    "gaps.each_gap": "Each gap: why this rank, and what is missing:",
    "gaps.narrow_row": "{rank}. {id} {title} (effort {effort}; actions: {actions})",
    "gaps.narrow_why": "Why: {why}",
    "gaps.without_action": "Gaps with no action: {ids}.",
    "gaps.note": "Note: {note}",
    "effort.low": "low",
    "effort.medium": "medium",
    "effort.high": "high",
    "plan.none": "no action",
    "plan.planned": "planned",
    "plan.in_progress": "under way",
    "plan.done": "done",
    "plan_status.planned": "planned",
    "plan_status.in_progress": "in progress",
    "plan_status.done": "done",
    "plan_status.dropped": "dropped",
}

MESSAGES.update({
    # an action plan's rows that are not SMART (plans/check.py)
    "plan.issue": "row {row} ({action}): {what}",
    "plan.no_activity": "no activity; say what will be done",
    "plan.no_indicator": "no indicator; say what will be measured",
    "plan.no_baseline": "no baseline for the indicator yet; fill it in from your own figures",
    "plan.no_target": "no target for the indicator yet; set one from your own figures",
    "plan.target_is_baseline": "the target equals the baseline ({value}); no change is sought",
    "plan.baseline_outside": "the baseline {value} is outside {low}–{high} for a {unit} "
                             "indicator",
    "plan.target_outside": "the target {value} is outside {low}–{high} for a {unit} indicator",
    "plan.no_responsible": "no responsible party",
    "plan.no_benchmark": "serves no benchmark",
    "plan.unknown_benchmark": ("{ids} is not a benchmark of the standard",
                               "{ids} is not a benchmark of the standard"),
    "plan.unknown_action": "{action!r} is not in the standard's action library",
    "plan.own_action": "{action!r} is not in the action library, so it counts as an action of "
                       "your own{hint}",
    "plan.no_time_frame": "no time frame; give a start and an end quarter",
    "plan.end_before_start": "the end quarter {end} is before the start quarter {start}",
    "plan.outside_period": "the time frame {start}–{end} is not inside the plan period {period}",
    "plan.done_no_evidence": "marked done but no evidence of completion is given",
    "plan.done_not_complete": "marked done but progress is {progress} %",
    "plan.planned_with_progress": "marked planned but progress is {progress} %; mark it in "
                                  "progress",
})
