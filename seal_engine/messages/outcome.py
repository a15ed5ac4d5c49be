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
}
