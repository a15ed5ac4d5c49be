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
    # seal explain: one benchmark
    "explain.dimension": "Dimension: {id} {title}",
    "explain.mandatory_from": "Mandatory from: {level}",
    "explain.not_mandatory": "Not mandatory",
    "explain.status": "{mandatory}   Status: {status}",
    "explain.weighted": ("Weight: {weight}   {mandatory}   Status: {status} ({points} of {n} "
                         "point)",
                         "Weight: {weight}   {mandatory}   Status: {status} ({points} of {n} "
                         "points)"),
    "explain.why": "Why:",
    "explain.questions": "Questions and answers:",
    "explain.evidence": "Evidence asked for:",
    "explain.provided_nothing": "provided: nothing",
    "explain.provided": "provided: {title}{reference} ({status})",
    "explain.actions": "Actions that close it:",
    "explain.action": ("{id} {title} ({area}, about {n} quarter)",
                       "{id} {title} ({area}, about {n} quarters)"),
    "explain.answer": "answer: {answer}",
    "explain.not_answered": "answer: (not answered)",
    "explain.none_ticked": "answer: (none ticked)",
    "explain.rows": ("answer: {n} row", "answer: {n} rows"),
    "explain.cell": "{column}: {value}",
    "evidence_status.provided": "provided",
    "evidence_status.accepted": "accepted",
    "evidence_status.rejected": "rejected",
    "qtype.yes_no": "yes/no",
    "qtype.single_choice": "one choice",
    "qtype.multiple_choice": "several choices",
    "qtype.integer": "whole number",
    "qtype.number": "number",
    "qtype.percent": "percentage",
    "qtype.date": "date",
    "qtype.text": "text",
    "qtype.long_text": "long text",
    "qtype.table": "table",
    "evidence_kind.document": "document",
    "evidence_kind.data": "data",
    "evidence_kind.minutes": "minutes",
    "evidence_kind.training_records": "training records",
    "evidence_kind.budget_records": "budget records",
    "evidence_kind.survey": "survey",
    "evidence_kind.other": "other",
    "area.policy_standards": "policy & standards",
    "area.sensitization": "sensitization",
    "area.capacity_development": "capacity development",
    "area.monitoring_evaluation": "monitoring & evaluation",
    "area.data_collection": "data collection",
    # seal standards --show
    "standard.no_source": "(no source given)",
    "standard.head_extends": "{head} (extends {parent} v{version})",
    "standard.teaching": "A teaching standard: no certificate is issued on it.",
    "standard.validity": ("A certificate is valid {n} year.", "A certificate is valid {n} years."),
    "standard.basis_met": "the share of applicable benchmarks met, each benchmark counted once",
    "standard.basis_points": "weighted points",
    "standard.no_partial": "no credit for partially met",
    "standard.partial": "{share} of the credit for partially met",
    "standard.basis_at_least": "Basis: {basis}; {partly}; a level needs at least its threshold "
                               "and every benchmark mandatory up to it met (an institution's own "
                               "not-applicable claim counts only once an assessor accepts it). "
                               "Source: {source}",
    "standard.basis_more_than": "Basis: {basis}; {partly}; a level needs more than its "
                                "threshold and every benchmark mandatory up to it met (an "
                                "institution's own not-applicable claim counts only once an "
                                "assessor accepts it). Source: {source}",
    "standard.at_least": "at least {threshold}",
    "standard.more_than": "more than {threshold}",
    "standard.level": "Level",
    "standard.threshold": "Threshold",
    "standard.mandatory_count": "Mandatory benchmarks",
    "standard.source": "Source",
    "standard.parameter": "Parameter",
    "standard.value": "Value",
    "standard.what_it_is": "What it is",
    "standard.may_claim": "May be claimed n/a",
    "standard.choice_source": "Source of the choice",
}

MESSAGES.update({
    # seal compare (render/comparison.py)
    "compare.head": ("Comparison of {n} institution", "Comparison of {n} institutions"),
    "compare.nothing": "No results to compare.",
    "compare.no_level": "no level",
    "compare.all": "all",
    "compare.breakdown_all": "all",
    "scope.national": "national",
    "scope.subnational": "subnational",
    "compare.more_rows": "… {n} more (--limit, or --format csv/xlsx/json)",
    "compare.levels": "Levels reached",
    "compare.group": "Group",
    "compare.institutions": "Institutions",
    "compare.mean_score": "Mean score",
    "compare.mean_shared": "Mean shared",
    "compare.reviewed": "Reviewed",
    "compare.mean_dimensions": "Mean dimension scores",
    "compare.mean_results": "Mean scores by the results the programme seeks",
    "compare.ranking": "Ranking by level and score, with the dimension scores (all in %)",
    "compare.ranking_shared": "Ranking by level and score, with the dimension scores (all in %; "
                              "shared: on the benchmarks the standards share)",
    "compare.institution": "Institution",
    "compare.scope": "Scope",
    "compare.shared": "Shared",
    "compare.dimension_scores": "Dimension scores (%)",
    "compare.dimensions": "Dimensions: {dimensions}",
    "compare.least_met_in": "Benchmarks met least ({n} compared; lowest pass rate in {by})",
    "compare.least_met_by_scope": "Benchmarks met least ({n} compared; lowest pass rate by "
                                  "scope)",
    "compare.applies": "Applies",
    "compare.pass_rate": "Pass rate",
    "compare.lowest_in": "Lowest in",
    "compare.parity": "Parity dashboard: women's share of staff against the {band} ({at} of {n} "
                      "institutions {inside} overall); women (or men) needed to reach the band "
                      "and {goal}, at the same headcount or by adding staff",
    "compare.parity_narrow": " (those by adding staff: --format csv, xlsx or json, or a wider "
                             "terminal)",
    "compare.inside_parity": "at parity",
    "compare.inside_balanced": "balanced",
    "compare.inside_band": "in the band",
    "compare.breakdown": "Breakdown",
    "compare.by_institution": "By institution (all staff, and the top grade where the file has "
                              "grades)",
    "compare.top_grade": "Top grade",
    "compare.without_data": "Without workforce data: {names}",
    "compare.changes": "Change between periods ({n} institutions assessed more than once)",
    "compare.from": "From",
    "compare.to": "To",
    "compare.newly_met": "Newly met",
    "compare.no_longer": "No longer",
    "compare.no_benchmark_changed": "no benchmark changed",
})

# what a comparison shows, the top of every output (render/tabular.py about_lines) and the
# portfolio page: which results (basis.*), the standards shared (compare.standards_note)
MESSAGES.update({
    "about.source": "Source",
    "about.source_files": "files: {where}",
    "about.results_shown": "Results shown",
    "about.institutions": "Institutions",
    "about.periods": "Periods",
    "about.standards": "Standards",
    "about.scores": "Scores",
    "about.compared_on": "Compared on",
    "about.left_out": "Left out",
    "about.parity": "Parity",
    "about.note": "Note",
    "about.line": "{heading}: {text}",
    "about.institutions_kept": ("{n}, each shown by its latest result, from the {kept} results "
                                "kept of the {read} read",
                                "{n}, each shown by its latest result, from the {kept} results "
                                "kept of the {read} read"),
    "about.institutions_read": ("{n}, each shown by its latest result, from the {read} results "
                                "read",
                                "{n}, each shown by its latest result, from the {read} results "
                                "read"),
    "about.periods_latest": "each institution's latest",
    "about.standard_use": "{id} v{version} ({n})",
    "about.none": "none",
    "about.score_basis": "{id} v{version}: {how}",
    "about.basis.benchmarks_met": "% of applicable benchmarks met, each counted once",
    "about.basis.points": "% of weighted points",
    "about.partial_none": "{head}; partially met earns no credit",
    "about.partial_share": "{head}; partially met earns {share} of the credit",
    "about.left_out_read": "{left} of the {read} read: {reasons}",
    "about.left_reason": "{why}: {n}",
    "about.why.drafts": "drafts",
    "about.why.reviewed_only": "reviewed results (basis self)",
    "about.why.self_only": "self-assessed results (basis reviewed)",
    "about.why.other_periods": "other periods",
    "about.why.other_standards": "other standards",
    "about.parity_line": "women's share of women and men against the {band}; women (or men) "
                         "needed to reach the band and 50/50, at the same headcount or by "
                         "adding staff; figures of fewer than {n} women and men suppressed",
    "basis.self": "Self-assessed results only ({n}); reviewed results are not shown.",
    "basis.reviewed": "Reviewed results only ({n}): the assessor's result, or an external "
                      "assessment; self-assessed results are not shown.",
    "basis.none_reviewed": "Self-assessed results ({n}); none of them has a reviewed result "
                           "yet.",
    "basis.all_reviewed": "Reviewed results ({n}).",
    "basis.mixed": "Mixed: each institution's reviewed result where it has one, else its "
                   "self-assessed one ({self_n} self-assessed, {reviewed_n} reviewed); the "
                   "result column says which. Choose self-assessed or reviewed results only to "
                   "compare one kind.",
    "compare.standards_note": ("{count} standards are shown ({titles}): institutions are "
                               "compared on the {shared} benchmarks they share; {n} benchmark "
                               "of only "
                               "some ({ids}) is left out of the pass rates and shared scores.  "
                               "Levels are each institution's own, by its standard.",
                               "{count} standards are shown ({titles}): institutions are "
                               "compared on the {shared} benchmarks they share; {n} benchmarks "
                               "of only "
                               "some ({ids}) are left out of the pass rates and shared scores.  "
                               "Levels are each institution's own, by its standard."),
})
