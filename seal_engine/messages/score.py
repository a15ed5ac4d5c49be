"""A score in words: the head, the level line, the basis, what the next level needs, the
tables' headings, the statuses and the batch of many scores (:mod:`seal_engine.render`)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    # words shared by every output
    "word.yes": "yes",
    "word.no": "no",
    "word.none": "none",
    "status.met": "met",
    "status.partially_met": "partially met",
    "status.not_met": "not met",
    "status.not_applicable": "n/a",
    "status.not_answered": "not answered",
    # the head of a score
    "score.head": "{institution} — {standard} v{version}, {period}",
    "score.period_span": "{start} to {end}",
    "score.level_line": "Level reached: {level}   Overall score: {score}",
    "score.no_level": "no level",
    "score.of_benchmarks": "{score} of applicable benchmarks met ({met} of {applicable})",
    "score.of_points": "{score} of points ({points} of {max_points})",
    "score.basis_line": "Basis: {basis}",
    "basis.benchmarks_met": "share of applicable benchmarks met, each benchmark counted once",
    "basis.weighted_points": "weighted points, each benchmark worth its weight",
    "basis.no_partial_credit": "partially met earns no credit (shown as progress)",
    "basis.partial_credit": "partially met earns {share} of the credit",
    "basis.rule_at_least": "a level needs at least its threshold and every benchmark mandatory "
                           "up to it met (a claim of not applicable counts as not met until an "
                           "assessor accepts it)",
    "basis.rule_more_than": "a level needs more than its threshold and every benchmark "
                            "mandatory up to it met (a claim of not applicable counts as not met "
                            "until an assessor accepts it)",
    "basis.text": "{head}; {partly}; {rule}",
    # the next level
    "next.none": "Next level: none; the highest level is reached.",
    "next.needs": "Next level: {level} (needs {threshold})",
    "next.needs_more_than": "Next level: {level} (needs more than {threshold})",
    "next.needs_mandatory": "Next level: {level} (needs {threshold}) — the score is enough; "
                            "mandatory benchmarks are not met",
    "next.needs_more_than_mandatory": "Next level: {level} (needs more than {threshold}) — the "
                                      "score is enough; mandatory benchmarks are not met",
    "next.more_benchmarks": ("{n} more benchmark met of the {applicable} applicable needed",
                             "{n} more benchmarks met of the {applicable} applicable needed"),
    "next.more_points": "{n} more of the {applicable} applicable points needed",
    "next.strict": "{needed} (the score must pass the threshold, not only reach it)",
    "next.mandatory_unmet": "Mandatory benchmarks not yet met: {ids}",
    "next.mandatory_pending": "Mandatory benchmarks claimed not applicable, pending the "
                              "assessor's decision on the claim: {ids}",
    # table headings
    "head.dimension": "Dimension",
    "head.title": "Title",
    "head.score": "Score",
    "head.met": "Met",
    "head.partly": "Partly",
    "head.not_met": "Not met",
    "head.unanswered": "Unanswered",
    "head.na": "N/A",
    "head.results_level": "Results level",
    "head.dimensions": "Dimensions",
    "head.benchmark": "Benchmark",
    "head.status": "Status",
    "head.points": "Points",
    "head.mandatory_from": "Mandatory from",
    "score.points_of": "{points}/{max_points}",
    "section.dimensions": "Dimensions",
    "section.results_levels": "Results levels",
    "section.benchmarks": "Benchmarks",
    # many assessments, one row each
    "batch.file_in": "File (in {folder})",
    "batch.file": "File",
    "batch.institution": "Institution",
    "batch.period": "Period",
    "batch.result": "Result",
    "batch.level": "Level",
    "batch.score": "Score %",
    "batch.standard": "Standard: {standards}",
    "batch.standard_head": "Standard",
    "batch.none": "No assessments scored.",
    "result.self": "self",
    "result.reviewed": "reviewed",
    "result.self_draft": "self, draft",
    "result.reviewed_draft": "reviewed, draft",
    "level.no_level": "none",
}
