"""Problems: what is wrong with a file, a field or an operation, and what to do
(:class:`seal_engine.Problem`).  A problem made from a plain text (code that is not yet
converted) carries ``problem.text``."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    "problem.text": "{text}",
}

MESSAGES.update({
    # what a file is when it is not what a command expected (loader/kinds.py)
    "kind.standard": "this is a standard; give it with --standard, or check it with seal "
                     "validate",
    "kind.assessment": "this is an assessment; seal score, seal explain and seal gaps take it",
    "kind.dimension": "this is one dimension of a standard folder; give the folder",
    "kind.action_library": "this is the action library of a standard folder; give the folder",
    "kind.translation": "this is a translation of a standard's texts; it goes in the standard's "
                        "translations folder, and the standard's folder is given",
    "kind.score_result": "this is a score result (seal score --format json); give the "
                         "assessment it was scored from instead",
    "kind.gap_report": "this is a gap report (seal gaps --format json); give the assessment it "
                       "was made from instead",
    "kind.action_plan": "this is an action plan (seal actions); seal actions --plan and seal "
                        "gaps --plan read it back",
    "kind.workforce_csv": "this looks like a workforce data file (CSV); seal metrics reads it, "
                          "and an assessment names it in its 'workforce:' field",
    "kind.plan_csv": "this looks like an action plan (CSV); seal actions --plan reads it back",
    "kind.workbook": "this is an Excel workbook, not YAML or JSON: a workforce file goes to seal "
                     "metrics (or the assessment's 'workforce:' field), an action plan to seal "
                     "actions --plan",
    "kind.pdf": "this is a PDF document; attach it as evidence rather than giving it here",
    # assessments and what seal validate is given (loader/assessment.py, validation.py)
    "load.not_an_assessment": "not an assessment: {hint}",
    "load.not_an_assessment_fields": "not an assessment: none of an assessment's fields (type, "
                                     "id, standard, institution, period, answers…) is in this "
                                     "file",
    "load.assessment_given_as": "an assessment is given as YAML or JSON text or a mapping of "
                                "its fields, got {got}",
    "load.assessment_mapping": "an assessment file must hold a mapping of fields",
    "load.assessment_mapping_hint": "an assessment file must hold a mapping of fields; {hint}",
    "load.type_not_assessment": "type is {kind!r}; expected 'assessment'",
    "load.type_not_assessment_hint": "type is {kind!r}; expected 'assessment' ({hint})",
    "load.not_standard_or_assessment": "not a standard or an assessment: {hint}",
    "load.part_of_folder": "a {kind} file is part of a standard folder; validate the folder "
                           "{folder!r}",
    "load.type_not_either": "type is {kind!r}; expected 'standard' or 'assessment'",
    "load.type_not_either_hint": "type is {kind!r}; expected 'standard' or 'assessment' ({hint})",
    "load.no_such_path": "no such file or folder {path!r}",
    "load.empty_folder": "no standards or assessments (.yaml, .yml, .json) in this folder",
    # a standard's files (loader/_raw.py)
    "load.file_mapping": "a {kind} file must hold a mapping of fields, got {got}",
    "load.kind_standard": "standard",
    "load.kind_standard_part": "standard part",
    "load.dimensions_list": "dimensions must be a list when a folder adds dimension files, got "
                            "{got}",
    "load.action_library_shape": "an action_library file holds 'type: action_library' and an "
                                 "'actions' list, nothing else",
    "load.action_library_shape_found": "an action_library file holds 'type: action_library' "
                                       "and an 'actions' list, nothing else (found {found})",
    "load.actions_list": "actions must be a list when a folder adds action libraries, got "
                         "{got}",
    "load.not_a_part": "type {kind!r} is not a standard part; expected 'dimension', "
                       "'action_library' or 'translation'",
    "translation.unknown_field": "unknown field {field!r} in a translation file; it holds type, "
                                 "standard, version, locale and texts",
    "translation.other_standard": "standard is {given!r}, but this translation sits in the "
                                  "folder of standard {standard!r}; name that standard, or move "
                                  "the file to its own standard's translations folder",
    "translation.version_type": "version must be the whole version number of {standard!r} it "
                                "translates, got {given!r}",
    "translation.version_other": "this translation is of version {given} of {standard!r}, and "
                                 "the standard is version {version}; review the texts changed "
                                 "since (seal diff) and set version: {version}",
    "translation.locale_code": "locale must be a language code such as 'es', 'fr' or 'pt', got "
                               "{given!r}",
    "translation.own_locale": "locale {given!r} is the standard's own language; a translation is "
                              "into another one",
    "translation.texts_mapping": "texts must map record ids to their translated fields, got "
                                 "{got}",
    "translation.translations_mapping": "translations must be a mapping when a folder adds "
                                        "translation files, got {got}",
    "translation.locale_mapping": "translations.{locale} must be a mapping, got {got}",
    "translation.twice": "{record!r} is translated into {locale!r} twice (here and in another "
                         "translation file or the standard's translations); keep one",
    # a field that does not fit the schema (pydantic's error types)
    "field.unknown": "unknown field {field}; check its spelling against the schema",
    "field.missing": "required field {field!r} is missing",
    "field.string_type": "input should be a valid string, got {got}",
    "field.int_type": "input should be a valid integer, got {got}",
    "field.int_parsing": "input should be a valid integer, unable to parse string as an "
                         "integer, got {got}",
    "field.int_from_float": "input should be a valid integer, got a number with a fractional "
                            "part, got {got}",
    "field.float_type": "input should be a valid number, got {got}",
    "field.float_parsing": "input should be a valid number, unable to parse string as a number, "
                           "got {got}",
    "field.bool_type": "input should be a valid boolean, got {got}",
    "field.bool_parsing": "input should be a valid boolean, unable to interpret input, got "
                          "{got}",
    "field.list_type": "input should be a valid list, got {got}",
    "field.dict_type": "input should be a valid dictionary, got {got}",
    "field.literal_error": "input should be {expected}, got {got}",
    "field.enum": "input should be {expected}, got {got}",
    "field.greater_than_equal": "input should be greater than or equal to {limit}, got {got}",
    "field.greater_than": "input should be greater than {limit}, got {got}",
    "field.less_than_equal": "input should be less than or equal to {limit}, got {got}",
    "field.less_than": "input should be less than {limit}, got {got}",
    "field.string_pattern_mismatch": "string should match pattern {pattern!r}, got {got}",
    "field.string_too_short": ("string should have at least {n} character, got {got}",
                               "string should have at least {n} characters, got {got}"),
    "field.string_too_long": ("string should have at most {n} character, got {got}",
                              "string should have at most {n} characters, got {got}"),
    "field.too_short": ("list should have at least {n} item, got {got}",
                        "list should have at least {n} items, got {got}"),
    "field.too_long": ("list should have at most {n} item, got {got}",
                       "list should have at most {n} items, got {got}"),
    "field.date_type": "input should be a valid date, got {got}",
    "field.date_parsing": "input should be a valid date in the format YYYY-MM-DD, got {got}",
    "field.date_from_datetime_parsing": "input should be a valid date or datetime, got {got}",
})

MESSAGES.update({
    "hint.did_you_mean": " (did you mean {suggestion}?)",
    # answers that do not fit their questions (answers.py)
    "answer.unknown_question": "unknown question {id!r}: {standard} v{version} has no such "
                               "question{hint}",
    "answer.unknown_evidence": "unknown evidence requirement {id!r}{hint}",
    "answer.unknown_benchmark": "unknown benchmark {id!r}",
    "answer.claim_not_allowed": "{id} cannot be claimed not applicable: {standard} v{version} "
                                "applies it to every institution; remove the claim and answer "
                                "its questions",
    "answer.accepted_unclaimed": "{id} is listed as an accepted claim but not_applicable does "
                                 "not claim it",
    "answer.other_standard": "assessment is for {given} v{given_version}, not {standard} "
                             "v{version}",
    "answer.expected_choices": "expected a list of choices from {allowed}, got {got}",
    "answer.not_a_choice": "{value} is not one of the allowed choices {allowed}{hint}",
    "answer.ticked_twice": "a choice is ticked twice in {value}",
    "answer.below_minimum": "{value} is below the minimum {limit}{hint}",
    "answer.above_maximum": "{value} is above the maximum {limit}{hint}",
    "answer.percent_range": " (this percentage is written {low} to {high})",
    "answer.percent_scale": " (percentages are written 0-100)",
    "answer.text_too_long": ("the text is {length} characters long; at most {n} is allowed: "
                             "shorten it by {over} (nothing was cut)",
                             "the text is {length} characters long; at most {n} are allowed: "
                             "shorten it by {over} (nothing was cut)"),
    "answer.expected_rows": "expected a list of rows (mappings of column: value), got {got}",
    "answer.unknown_column": "row {row}: unknown column {column!r} (columns: {columns})",
    "answer.in_cell": "row {row}, column {column!r}: {why}",
    "answer.expected": "expected {expected}, got {got}",
    "expect.yes_no": "yes or no (true/false)",
    "expect.integer": "a whole number",
    "expect.number": "a number",
    "expect.percent": "a percentage between 0 and 100",
    "expect.date": "a date as YYYY-MM-DD",
    "expect.text": "text",
    "expect.long_text": "text",
    "answer.placeholder_institution": "the institution is still the template's placeholder "
                                      "(MY-INST, 'Name of the institution', 'Country'); write "
                                      "the institution's own id, name and country",
    "answer.fraction_percent": "{value} means {pct}; percentages are written 0-100, so "
                               "{meant_pct} is written {meant} (if {pct} is right, leave it)",
    "answer.below_usual": "{value} is below {floor}, the smallest value usual for this question",
    "answer.mandatory_claimed": "{id} is mandatory from {level} and is marked not applicable "
                                "({reason}): no level from {level} up is reached until an "
                                "assessor accepts that reason",
})

MESSAGES.update({
    # reading a file (_source.py); the system's and the parser's own words stay as they say them
    "source.folder": "is a folder; give a file",
    "source.not_regular": "is not a regular file ({kind}); give a file",
    "source.kind_pipe": "a named pipe",
    "source.kind_socket": "a socket",
    "source.kind_device": "a device",
    "source.kind_other": "not a file",
    "source.no_such_file": "no such file {path!r}",
    "source.over_limit": "file is over the limit of {limit} bytes (raise {setting} if it is "
                         "genuine)",
    "source.text_bytes_over": "text is {size} bytes, over the limit of {limit} bytes (raise "
                              "{setting} if it is genuine)",
    "source.text_chars_over": "text is {size} characters, over the limit of {limit} (raise "
                              "{setting} if it is genuine)",
    "source.file_over": "file is {size} bytes, over the limit of {limit} bytes (raise {setting} "
                        "if it is genuine)",
    "source.not_utf8": "file is not UTF-8 text ({reason} at byte {at})",
    "source.duplicate_key": "duplicate key {key}",
    "source.malformed_json": "malformed JSON: {detail}",
    "source.malformed_yaml": "malformed YAML: {detail}",
    "source.malformed_yaml_at": "malformed YAML: {detail} ({context} at line {line}, column "
                                "{column})",
    "source.nul": "a NUL byte",
    "source.control": "the control character {character}",
    "source.yaml_character": "malformed YAML: {what} is not allowed in YAML text; remove it",
    "source.nested": "the document is nested {depth} levels deep; at most {limit} are allowed",
    "source.too_deep": "the document is nested too deeply (at most {limit} levels are allowed)",
})

MESSAGES.update({
    # the store's refusals (store/_common.py); what is refused is still the caller's text
    "store.no_role": "no role",
    "store.denied": "{actor} ({roles}) may not {what}",
    "store.removed_since_read": "{what} was removed since you read it (you read version "
                                "{read}); reload it",
    "store.unknown_time": "an unknown time",
    "store.changed_since_read": "{what} was changed by {who} at {when} (now version {version}, "
                                "you read version {read}); nothing was saved: reload it and "
                                "make your change again",
    "store.no_assessment": "no assessment {id!r} that you can see",
    "store.user_gone": "user {user!r} is unknown or deactivated",
})

MESSAGES.update({
    # a standard's ids and links (loader/standard.py check_links)
    "record.level": "level",
    "record.answer_scale": "answer scale",
    "record.results_level": "results level",
    "record.dimension": "dimension",
    "record.benchmark": "benchmark",
    "record.question": "question",
    "record.evidence_requirement": "evidence requirement",
    "record.action": "action",
    "standard.duplicate_id": "duplicate id {id!r}: already used by a {kind}",
    "standard.same_order": "two levels share the same order",
    "standard.ladder": "level {level!r} has min_score {score}, below the {lower_score} of lower "
                       "level {lower!r}",
    "standard.unknown_results_level": "results_level names unknown results level {id!r} "
                                      "(results levels: {known})",
    "standard.none_defined": "none defined",
    "standard.unknown_level": "mandatory_from names unknown level {id!r} (levels: {known})",
    "standard.unknown_scale": "answer_scale {id!r} is not defined in answer_scales",
    "standard.min_above_max": "min {min} is above max {max}",
    "standard.action_unknown_benchmark": "serves unknown benchmark {id!r}",
    "standard.na_unknown_benchmark": "not_applicable names unknown benchmark {id!r}",
    "standard.share_range": "a share is a fraction between 0 and 1, got {value}",
})

# what a review still needs before a recommendation (the store's review status)
MESSAGES.update({
    "review.verdicts_missing": ("{n} benchmark without a verdict: {benchmarks}",
                                "{n} benchmarks without a verdict: {benchmarks}"),
    "review.verdicts_outdated": "verdicts to confirm again (the computed status changed "
                                "since): {benchmarks}",
    "review.evidence_pending": ("{n} evidence item not yet accepted or rejected",
                                "{n} evidence items not yet accepted or rejected"),
    "review.claims_pending": "not-applicable claims to decide: {benchmarks}",
})

MESSAGES.update({
    # what a person typed that names no standard, benchmark, level or language
    # (resolve.py, loader/discovery.py)
    "resolve.not_id_version": "{text!r} is neither a file, a folder nor ID@VERSION (the version "
                              "is a whole number, e.g. undp-seal-public-institutions@1)",
    "resolve.not_found": "{text!r} is not a file or folder, and {why}",
    "resolve.no_texts": "{standard} v{version} has no texts in {locale!r} (languages: {have})",
    "resolve.not_benchmark": "{text!r} is not a benchmark of {standard} v{version}{hint} "
                             "(benchmarks: {shown})",
    "resolve.not_level": "{text!r} is not a level of {standard} v{version}{hint} (levels: "
                         "{names})",
    "discovery.no_version": "standard {id!r} version {version} was not found on the standards "
                            "path (versions found: {have}); add its folder to "
                            "SEAL_STANDARDS_PATH or give the standard's file or folder",
    "discovery.unknown": "standard {id!r} was not found on the standards path{hint} (known: "
                         "{known}); add its folder to SEAL_STANDARDS_PATH or give the "
                         "standard's file or folder",
    "discovery.none": "none",
})

MESSAGES.update({
    # a workbook someone sent that cannot be read (_xlsx.py): plans, questionnaires, exports
    "xlsx.unreadable": "cannot read it as an Excel workbook ({why}); save it as .xlsx (Excel "
                       "Workbook)",
    "xlsx.too_many_parts": "the file holds {count} parts; an Excel workbook has a few dozen",
    "xlsx.inflates": "the workbook inflates to {size} bytes, over the limit of {limit}; the "
                     "workbooks read here are far smaller",
    "xlsx.part_missing": "the workbook lacks its part {part}; save it again from Excel",
    "xlsx.part_inflates": "the part {part} inflates to {size} bytes, over the limit of {limit}",
    "xlsx.part_unreadable": "cannot read the part {part} of the workbook ({why})",
    "xlsx.entities": "the part {part} declares a DOCTYPE or entities, which a workbook never "
                     "does; it is refused",
    "xlsx.bad_xml": "the part {part} is not well-formed XML ({why})",
    "xlsx.too_many_sheets": "the workbook has more than {limit} sheets",
    "xlsx.no_part": "the sheet has no part in the file",
    "xlsx.too_many_rows": "the sheet has more than {limit} rows",
    "xlsx.bad_ref": "a cell has the malformed reference {ref}",
    "xlsx.ref_outside": "a cell has the reference {ref}, outside a sheet",
    "xlsx.misfiled": "the cell {ref} is filed under row {row}",
    "xlsx.too_many_cells": "row {row} has more than {limit} cells",
    "xlsx.no_shared_text": "the cell {ref} points at shared text {index} that the file does not "
                           "hold",
    "xlsx.row_outside": "a row has the number {got}, outside a sheet (1 to {limit})",
})
