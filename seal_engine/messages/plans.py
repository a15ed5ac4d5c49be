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
