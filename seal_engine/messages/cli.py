"""The command line's own words: what ``seal`` prints besides the engine's results (the
``error:``/``warning:`` prefixes, what a command did, its refusals of bad arguments).  The help
texts of options and commands stay English (typer builds them before the language is known;
see docs/cli.md)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    "cli.error": "error: {problem}",
    "cli.warning": "warning: {problem}",
    "cli.more_problems": ("error: … and {n} more problem; fix these first",
                          "error: … and {n} more problems; fix these first"),
    "cli.unknown_lang": "no language {lang!r}; choose one of {choices}",
    # seal score / validate / explain / template
    "cli.scored": ("scored {n} assessment", "scored {n} assessments"),
    "cli.scored_failed": ("scored {count}; {n} file could not be scored (above)",
                          "scored {count}; {n} files could not be scored (above)"),
    "cli.assessments": ("{n} assessment", "{n} assessments"),
    "cli.format_for_one": "{format} is for one assessment; for several choose table, csv or "
                          "jsonl",
    "cli.locale_for_one": "--locale is for one assessment",
    "cli.validated_standard": "ok: {path}: standard {id} v{version}, {dimensions}, {benchmarks}, "
                              "{actions}",
    "cli.validated_standard_extends": "ok: {path}: standard {id} v{version}, {dimensions}, "
                                      "{benchmarks}, {actions}, extends {parent} "
                                      "v{parent_version}",
    "cli.dimensions": ("{n} dimension", "{n} dimensions"),
    "cli.benchmarks": ("{n} benchmark", "{n} benchmarks"),
    "cli.actions": ("{n} action", "{n} actions"),
    "cli.answers": ("{n} answer", "{n} answers"),
    "cli.validated_assessment": "ok: {path}: assessment {id} of {institution} against "
                                "{standard} v{version}, {answers}",
    "cli.validated_assessment_staff": "ok: {path}: assessment {id} of {institution} against "
                                      "{standard} v{version}, {answers}, workforce file "
                                      "{workforce}",
    "cli.validated_assessment_staff_count": "ok: {path}: assessment {id} of {institution} "
                                            "against {standard} v{version}, {answers}, "
                                            "workforce file {workforce} ({staff} staff)",
    "cli.plan_needs_from": "--plan needs --from (the assessment the plan was made for)",
    "cli.template_other_standard": "{path} is an assessment against {old} v{old_version}, not "
                                   "{new} v{new_version}; {kept} of its {answers} answers are "
                                   "to questions this standard asks",
    "cli.wrote_template": ("wrote {path} ({n} question)", "wrote {path} ({n} questions)"),
    "cli.output_refused": "{path!r} {problem}",
    # seal gaps / actions
    "cli.xlsx_not_terminal": "an XLSX workbook cannot go to the terminal; add {example}",
    "cli.plan_in_place": "{path!r} is the plan being read; add --force to rewrite it in place",
    "cli.wrote_plan": "wrote {path} ({actions}, {start} to {end})",
    "cli.wrote_plan_aside": ("wrote {path} ({actions}, {start} to {end}); {n} library action "
                             "set aside, see the summary",
                             "wrote {path} ({actions}, {start} to {end}); {n} library actions "
                             "set aside, see the summary"),
}

MESSAGES.update({
    "cli.wrote": "wrote {path}",
    "cli.cannot_read": "{path!r} cannot be read ({reason})",
    # seal metrics / workforce-template
    "cli.not_a_breakdown": "{value!r} is not a breakdown (choose from {choices})",
    "cli.breakdown_twice": "{value!r} names a breakdown twice",
    "cli.band_shape": "{value!r} is not LOW,HIGH in per cent, e.g. 47,53",
    "cli.band_order": "{value!r}: LOW is above HIGH",
    "cli.grade_twice": "{value!r} names a grade twice",
    "cli.justifications_need_pay": "justifications are read for the pay report; add --pay-report",
    "cli.xlsx_pay_only": "an XLSX workbook is for the pay report; add --pay-report, or choose "
                         "table, json or csv",
    "cli.no_breakdown_column": "the workforce file has no {column!r} column (it has: {columns})",
    "cli.justifications_too_big": "file is over {limit} bytes; a file of justifications holds a "
                                  "few rows",
    "cli.wrote_workforce_per_person": "wrote {path} (one row per person)",
    "cli.wrote_workforce_aggregated": "wrote {path} (aggregated rows)",
    # seal schema
    "cli.schemas_stale": "out of date: {names}; run: seal schema -o {output}",
    "cli.schemas_current": ("the {n} schema in {output} is current",
                            "the {n} schemas in {output} are current"),
    # seal report
    "cli.unknown_report_kind": "unknown report kind {kind!r}; choose one of {choices}",
    "cli.unknown_report_format": "unknown report format {format!r}; choose one of {choices}",
    "cli.wrote_report": ("wrote {path} ({kind} report, {format}, {n} byte)",
                         "wrote {path} ({kind} report, {format}, {n} bytes)"),
    "report_kind.results": "results",
    "report_kind.review": "review",
    "report_kind.pay": "pay",
    "report_kind.portfolio": "portfolio",
    # seal compare / generate
    "cli.paths_or_db": "give PATHs or --db, not both",
    "cli.paths_needed": "give assessment files or folders, or --db for the database",
    "cli.not_a_year": "{value!r} is not a year",
    "cli.one_year_needed": "give at least one year",
    "cli.yaml_or_json": "{value!r}: choose yaml or json",
})

MESSAGES.update({
    # seal process
    "cli.not_a_date": "{option}: {value!r} is not a date (YYYY-MM-DD)",
    "cli.not_a_file": "{option}: {path!r} is not a file",
    "cli.stages_of": "{code} {name}: stages required by {standard}",
    "cli.default_stages": "the default",
    "cli.stage": "{stage}: {state}",
    "cli.stage_facts": "{stage}: {state} ({facts})",
    "cli.next_stage": "next: {stage}",
    "cli.no_next_stage": "next: nothing before the award",
    "cli.recorded_commitment": "recorded the commitment of {code} (letter signed on {day})",
    "cli.recorded_plan_approval": "recorded the approval of the plan of {code} by the {by} on "
                                  "{day}",
    "approver.head": "head",
    "approver.committee": "committee",
    "stage.commitment": "Commitment of the head and the committee",
    "stage.baseline": "Baseline self-assessment",
    "stage.plan_approval": "Action plan approved",
    "stage.implementation": "Implementation of the plan",
    "stage.application": "Application (external assessment)",
    "stage.award": "Award decision and certificate",
    "stage_state.done": "done",
    "stage_state.not_required": "not required",
    "stage_state.to_do": "to do",
})
