"""The fixed words of an action plan's files (the workbook's sheets, headings, summary, lists
and prompts, the CSV's header, the Markdown's headings) and what reading an edited plan file
back says about it (:mod:`seal_engine.plans`).

A plan file is read back whatever language it was written in: the words a reader matches
(sheet names, column titles, status and unit labels, the summary's labels) are these codes
rendered in every language with a catalogue, so each must be told apart from the others of its
kind in every language.  A sheet name is at most 31 characters without any of ``[]:*?/\\``; a
status or unit label holds no comma (it is an item of a cell's pick list)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    # sheets: one per area, the summary and the action library
    "planfile.area.policy_standards": "Policy & standards",
    "planfile.area.sensitization": "Sensitization",
    "planfile.area.capacity_development": "Capacity development",
    "planfile.area.monitoring_evaluation": "Monitoring & evaluation",
    "planfile.area.data_collection": "Data collection",
    "planfile.sheet.summary": "Summary",
    "planfile.sheet.library": "Action library",
    # the columns of an area sheet, of the CSV and of the Markdown tables
    "planfile.col.no": "No.",
    "planfile.col.action": "Action id",
    "planfile.col.activity": "Activity",
    "planfile.col.benchmarks": "Benchmarks",
    "planfile.col.area": "Area",
    "planfile.col.indicator": "Indicator",
    "planfile.col.unit": "Unit",
    "planfile.col.baseline": "Baseline",
    "planfile.col.target": "Target",
    "planfile.col.means_of_verification": "Means of verification",
    "planfile.col.start": "Start",
    "planfile.col.end": "End",
    "planfile.col.resources": "Required resources",
    "planfile.col.responsible": "Responsible party",
    "planfile.col.capacities": "Missing capacities",
    "planfile.col.status": "Status",
    "planfile.col.progress": "Progress (%)",
    "planfile.col.evidence": "Evidence of completion",
    "planfile.col.notes": "Notes",
    # an indicator's unit, as a cell shows it (the status: plan_status.*)
    "planfile.unit.percent": "percent",
    "planfile.unit.points": "percentage points",
    "planfile.unit.number": "number",
    "planfile.unit.share": "share",
    "planfile.unit.yes_no": "yes/no",
    # the summary sheet and the Markdown's header
    "planfile.title": "Gender equality action plan: {institution}",
    "planfile.label.institution": "Institution",
    "planfile.label.standard": "Standard",
    "planfile.label.assessment": "Assessment",
    "planfile.label.period": "Plan period",
    "planfile.label.level": "Level reached",
    "planfile.label.target": "Target level",
    "planfile.no_level": "no level",
    "planfile.no_target": "none",
    "planfile.head.area": "Area",
    "planfile.head.actions": "Actions",
    "planfile.head.planned": "Planned",
    "planfile.head.in_progress": "In progress",
    "planfile.head.done": "Done",
    "planfile.head.dropped": "Dropped",
    "planfile.head.progress": "Avg. progress",
    "planfile.total": "Total",
    "planfile.about": "About this plan",
    "planfile.smart": "SMART check",
    "planfile.smart_ok": "Every row is SMART.",
    "planfile.answer_first": "Benchmarks to answer first (no action is proposed for them yet)",
    "planfile.uncovered": "Gaps with no proposed library action",
    "planfile.uncovered_sheet": "{ids}: add an action of your own for each on the sheet of its "
                                "area (an id of your own, an activity, the benchmarks it "
                                "serves).",
    "planfile.set_aside": "Library actions not in this plan",
    "planfile.howto": "How to use this workbook",
    "planfile.howto.edit": "One sheet per area. Edit status (pick from the list), progress "
                           "(0–100), start and end quarter (pick from the list), evidence of "
                           "completion and notes.",
    "planfile.howto.ids": "Keep the {action} column: it links a row to the standard's action "
                          "library. To add a row, pick an id listed on the '{library}' sheet, "
                          "or, for an action of your own, give it an id of your own, an "
                          "activity and the benchmarks it serves.",
    "planfile.howto.names": "Keep the sheet names and column titles as they are: a renamed "
                            "sheet or column is reported, not read. A file in another of the "
                            "programme's languages is read as well.",
    "planfile.howto.done": "Mark an action done only with evidence of completion; it feeds the "
                           "next self-assessment.",
    "planfile.howto.read": "To read it back: seal actions <assessment file> --plan {file}",
    # the checks a cell of an area sheet has in a spreadsheet program
    "planfile.check.status": "Pick a status from the list: {statuses}.",
    "planfile.check.progress_title": "Progress",
    "planfile.check.progress": "Enter a whole number from 0 to 100.",
    "planfile.check.progress_prompt": "Percent complete, 0 to 100.",
    "planfile.check.quarter_title": "Quarter",
    "planfile.check.quarter": "Pick a quarter of the plan period {start}–{end}.",
    "planfile.check.unit": "Pick a unit from the list.",
    "planfile.check.action": "This id is not in the '{library}' sheet. Keep it only for an "
                             "action of your own, with its activity and the benchmarks it "
                             "serves.",
    # the action library sheet
    "planfile.lib.title": "Title",
    "planfile.lib.duration": "Duration (quarters)",
    "planfile.lib.effort": "Effort",
    "planfile.lib.responsible": "Responsible",
    # the Markdown's own sections, and a line of its header (label and value)
    "planfile.md.line": "- {label}: {value}",
    "planfile.md.no_actions": "No actions in this area.",
    "planfile.md.answer_first": "Answer first",
    "planfile.md.answer_first_why": "These benchmarks are not answered yet: no action is proposed "
                                    "for them until the self-assessment can tell whether they "
                                    "are met.",
    "planfile.md.uncovered": "Gaps with no proposed library action: {ids}; add an action of "
                             "your own for each.",
}

# What reading an edited plan file back says (plans/reading.py and each format's reader).  A
# value is shown as the file has it, quoted (``{value}``); a column is named as the file names
# it, in the problem's location.
MESSAGES.update({
    "planread.name.cell": "the cell",
    "planread.name.action": "the action id",
    "planread.name.no": "No.",
    "planread.name.area": "area",
    "planread.name.unit": "unit",
    "planread.name.baseline": "baseline",
    "planread.name.target": "target",
    "planread.name.start": "start",
    "planread.name.end": "end",
    "planread.name.status": "status",
    "planread.name.progress": "progress",
    "planread.name.benchmarks": "benchmarks",
    "planread.name.capacities": "capacities",
    "planread.name.activity": "activity",
    "planread.name.indicator": "indicator",
    "planread.name.means_of_verification": "means of verification",
    "planread.name.resources": "resources",
    "planread.name.responsible": "responsible",
    "planread.name.evidence": "evidence",
    "planread.name.notes": "notes",
    "planread.quoted": "'{text}'",
    "planread.more": ("... and {n} more problem; fix these first",
                      "... and {n} more problems; fix these first"),
    "planread.control": "{name} holds the control character {char}, which a spreadsheet cannot "
                        "store; remove it",
    "planread.too_long": "{name} is {length} characters long; a cell holds at most {most}",
    "planread.workforce_file": "this is not an action plan: it is a workforce data file; seal "
                               "metrics reads it, and an assessment names it in its "
                               "'workforce:' field",
    "planread.not_a_plan": "this is not an action plan exported by seal actions (it looks like a "
                           "workforce file or an assessment); give the plan file written by "
                           "seal actions -o",
    "planread.unknown_column": "the column title {title} is not a plan column; rename it back to "
                               "one of {known}, or delete the column",
    "planread.column_twice": "the column {title} appears twice (also column {other}); keep one",
    "planread.no_action_column": "no {title} column in the header row; keep the header row as "
                                 "exported",
    "planread.not_text": "{name} must be text, not {kind}",
    "planread.not_number": "{name} {value} is not a number; enter a number such as 40",
    "planread.too_large": "{name} {value} is too large a number",
    "planread.too_many_digits": "{name} {value} is too large a number; a plan's figures are at "
                                "most 15 digits",
    "planread.not_whole": "{name} {value} is not a whole number; enter a whole number from 0 to "
                          "100",
    "planread.outside": "{name} {value} is outside 0–100; enter a whole number from 0 to 100",
    "planread.negative": "No. {value} is negative; give the row's position in the plan",
    "planread.not_quarter": "{name} quarter {value} is not a quarter; write it as YYYY-Qn, e.g. "
                            "'2026-Q3'",
    "planread.bad_status": "status {value} is not one of {known}; pick one from the list",
    "planread.bad_area": "area {value} is not one of {known}",
    "planread.bad_unit": "unit {value} is not one of {known}",
    "planread.no_action": "no action id; give the id of an action from the standard's action "
                          "library, or an id of your own for an action of your own",
    "planread.bad_id": "action id {value} is not an id; use letters, digits, '.', '_' and '-' "
                       "(at most 80), starting with a letter or digit",
    "planread.repeated": "action {action} is already in row {row}; keep one row per action",
    "planread.repeated_sheet": "action {action} is already in row {row} of sheet {sheet}; keep "
                               "one row per action",
    "planread.not_in_library": "action id {action} is not in the action library of "
                               "{standard}{hint}; use one of {known}, or, for an action of your "
                               "own, give it an activity (and the benchmarks it serves)",
    "planread.own_no_area": "no area for your own action {action}; give one of {known}",
    "planread.bad_benchmark": "benchmark {value} is not a benchmark of {standard}{hint}",
    "planread.outside_period": "{name} quarter {value} is outside the plan period {period}; pick "
                               "a quarter in the period",
    "planread.end_before_start": "end quarter {end} is before start quarter {start}; the end "
                                 "must be the start or later",
    "planread.merged": "merged cells; unmerge them: each action needs its own row and each value "
                       "its own cell",
    "planread.no_area_sheet": "no area sheet found; expected sheets named {names}",
    "planread.rows_elsewhere": "the sheet {sheet} holds plan rows but is not one of the area "
                               "sheets; rename it back to the area it is for ({areas}), so that "
                               "its rows are read",
    "planread.other_sheet": "the sheet {sheet} is not a sheet of a plan workbook ({expected}); "
                            "move what it holds to the sheet of its area, or delete the sheet",
    "planread.header_row": "the header row must be row 1; keep the header row as exported",
    "planread.formula": "holds the formula ={formula} where a value is expected; type the value "
                        "itself",
    "planread.cell_error": "shows the error {error}; type the value itself",
    "planread.not_finite": "holds the number {value}, which is not a finite number",
    "planread.untitled": "a value in a column without a plan title; move it into a column of the "
                         "plan or delete it",
    "planread.workbook_rows": "the workbook has more than {most} rows; a plan has far fewer",
    "planread.file_rows": "the file has more than {most} rows; a plan has far fewer",
    "planread.csv_not_utf8": "the file is not UTF-8 text (byte {byte} cannot be read); in Excel "
                             "save it as 'CSV UTF-8 (Comma delimited)'",
    "planread.not_utf8": "the file is not UTF-8 text (byte {byte} cannot be read); save it as "
                         "UTF-8",
    "planread.malformed_csv": "malformed CSV ({why}); save it again from the spreadsheet",
    "planread.empty": "the file is empty; export a plan to start from",
    "planread.md_cells": "the row has {cells} cells and the header {head}; a '|' typed in a "
                         "cell must be written '\\|'",
    "planread.no_table": "no plan table with an {title} column found; keep the tables as "
                         "exported",
    "planread.no_file": "no such file",
    "planread.too_big": "the file is {size} bytes, over the limit of {most} for a plan",
    "planread.too_big_read": "the file is over the limit of {most} bytes for a plan",
    "planread.unreadable": "cannot be read ({why})",
    "planread.unknown_format": "cannot tell the format of {name}; name it .xlsx, .csv, .md or "
                               ".json",
    "planread.is_file_format": "{fmt} is a file format; write it with write_plan(plan, path)",
    "planread.json_not_utf8": "the file is not UTF-8 text (byte {byte} cannot be read)",
    "planread.json_invalid": "not valid JSON ({why})",
    "planread.json_not_plan": "not a plan: {why}",
    "planread.json_nested": "not a plan: nested too deeply",
    "planread.json_no_rows": "expected an object with a 'rows' list",
    "planread.json_rows": "the file has {count} rows, more than {most}",
    "planread.json_row": "a row must be an object",
    "planread.json_field": "unknown field {field} in a plan row; the fields are {fields}",
    "planread.json_list": "{field} must be a list of ids or texts",
    # the plan period asked for (plans/model.py default_period: --start, --quarters)
    "planperiod.bad_start": "start {start} is not a quarter; write it as YYYY-Qn, e.g. "
                            "'2026-Q1'",
    "planperiod.bad_quarters": "quarters {quarters} is out of range; give 1 to 40",
    "planperiod.beyond_start": "the plan period would run from year {first} to {last}, outside "
                               "the years 1000 to 9999 that quarters are written in; give "
                               "--start",
    "planperiod.beyond_period": "the plan period would run from year {first} to {last}, outside "
                                "the years 1000 to 9999 that quarters are written in: it starts "
                                "the quarter after the assessment period, which ends on {end}; "
                                "give --start, or correct the period",
})

MESSAGES.update({
    # a drafted plan's words (plans/draft.py, aims.py, pace.py): the focal point's first draft,
    # written in her language (the notes are hers to edit once drafted)
    "plandraft.value.unknown": "unknown",
    "plandraft.value.yes": "yes",
    "plandraft.value.no": "no",
    "plandraft.value.percent": "{text} %",
    "plandraft.value.points": ("{text} percentage point", "{text} percentage points"),
    "plandraft.pace.points": ("{text} percentage point a year", "{text} percentage points a year"),
    "plandraft.pace.number": "{text} a year",
    "plandraft.needs.ge": "at least {value}",
    "plandraft.needs.gt": "more than {value}",
    "plandraft.needs.le": "at most {value}",
    "plandraft.needs.lt": "less than {value}",
    "plandraft.needs.eq": "{value}",
    "plandraft.needs.ge_answers": "at least a value given in the answers",
    "plandraft.needs.gt_answers": "more than a value given in the answers",
    "plandraft.needs.le_answers": "at most a value given in the answers",
    "plandraft.needs.lt_answers": "less than a value given in the answers",
    "plandraft.needs.eq_answers": "a value given in the answers",
    "plandraft.need": ("{ids} needs {needs}", "{ids} need {needs}"),
    "plandraft.other_target": "the gap report was made for target {made}, not {wanted}; make it "
                              "with the same target",
    "plandraft.reached": "{level} is already reached; no action is needed for it. The actions "
                         "for the further gaps are listed apart.",
    "plandraft.unreachable": "{level} cannot be reached within this plan: {reasons}. Actions are "
                             "proposed for every gap.",
    "plandraft.the_target": "the target",
    "plandraft.beyond": ("serves {ids}, which is not on the path to {target}{later}",
                         "serves {ids}, which are not on the path to {target}{later}"),
    "plandraft.later": "; it is on the path to {level}",
    "plandraft.what": "{indicator} is {value}",
    "plandraft.at_target_same": "already at target: {what}; the target would be the same, so no "
                                "change would be sought",
    "plandraft.at_target_needs": "already at target: {what}; {needs}",
    "plandraft.at_target_library": "already at target: {what}; the library's target is {target}",
    "plandraft.at_target_library_and": "already at target: {what}; the library's target is "
                                       "{target} and {needs}",
    "plandraft.alone": ("{note}. No proposed action serves {ids}, which still lacks: {lacks}. "
                        "Add an action of your own for what is missing.",
                        "{note}. No proposed action serves {ids}, which still lack: {lacks}. "
                        "Add an action of your own for what is missing."),
    "plandraft.its_evidence": "its evidence",
    "plandraft.unanswered": ("{n} benchmark is not answered yet, so no action is proposed for "
                             "it: answer it first (listed under 'Answer first') and draft the "
                             "plan again.",
                             "{n} benchmarks are not answered yet, so no action is proposed for "
                             "them: answer them first (listed under 'Answer first') and draft "
                             "the plan again."),
    "plandraft.target_set": "Target set to {target}, as {needs}.",
    "plandraft.target_set_library": "Target set to {target}, as {needs}; the library suggests "
                                    "{library}.",
    "plandraft.shortened": "The library expects {n} quarters; shortened to the plan period "
                           "{first}–{last}. Extend the period or split the action.",
    "plandraft.measured": "Baseline measured from this assessment.",
    "plandraft.only_evidence": "Only evidence is missing for {ids}: {titles}. If this action is "
                               "already done, provide the evidence and mark it done.",
    "plandraft.pace_source": "at most {pace} (source: {source})",
    "plandraft.milestones": "Yearly milestones at the standard's pace of {pace}: {steps}.",
    "plandraft.library_target": "the library's target is {target}",
    "plandraft.paced": ("{why}, {change} from the baseline {baseline}. The standard's pace for "
                        "this indicator is {pace}, so the target for {quarter} is {target} and "
                        "the milestone after it is {steps}.",
                        "{why}, {change} from the baseline {baseline}. The standard's pace for "
                        "this indicator is {pace}, so the target for {quarter} is {target} and "
                        "the yearly milestones after it are {steps}."),
    "plandraft.refocus.down": "{reason} (source: {source}). It would have {indicator} fall from "
                              "{baseline} to {target}",
    "plandraft.refocus.up": "{reason} (source: {source}). It would have {indicator} rise from "
                            "{baseline} to {target}",
    "plandraft.instead": "; the plan addresses that gap with {actions}.",
    "plandraft.instead_row": "{action} {title} (row {no}: {indicator} from {baseline} to "
                             "{target})",
    "plandraft.instead_row_to": "{action} {title} (row {no}: {indicator} to {target})",
    "plandraft.instead_aside": "{action} {title} (not in this plan: {why})",
    "plandraft.aside.at_target": "already at target",
    "plandraft.aside.beyond_target": "beyond the target",
    "plandraft.aside.not_gaps": "its benchmarks are not gaps of this assessment",
    "plandraft.answer_first": "answer {ids} first",
    "plandraft.data_first": "give the data its rule needs first: {failing}",
    # the SMART check's words on a target (plans/check.py), rendered where shown
    "plancheck.needs": "{needs}",
    "plancheck.library_goes": "the library's indicator goes from {baseline} to {target}",
    "plancheck.below_baseline": "the target {target} is below the baseline {baseline}, but the "
                                "indicator has to rise ({why})",
    "plancheck.above_baseline": "the target {target} is above the baseline {baseline}, but the "
                                "indicator has to fall ({why})",
    "plancheck.quarters": ("{n} quarter ({start}–{end})", "{n} quarters ({start}–{end})"),
    "plancheck.beyond_pace": "the target {target} is {change} from the baseline {baseline}, to "
                             "be reached in {when}; at the standard's pace of at most {pace} for "
                             "this indicator it can move {can} in that time: aim at {towards} "
                             "by {end} and set a milestone for each later year",
})
