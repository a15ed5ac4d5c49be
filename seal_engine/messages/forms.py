"""Forms: the questionnaire workbook's fixed words (``seal template -f xlsx``, the app's
download), the problems of form exports and workbooks read back (:mod:`seal_engine.forms`), and
what ``seal xlsform``, ``seal submissions``, ``seal tokens`` and ``seal notify`` print.

Params: ``file`` and ``sheet`` (names), ``row`` and ``column`` (where), ``value`` and ``got``
(what was found, as written), ``choices`` (the allowed values), ``tag`` (a form's
``standard@version``), ``n`` (a count), ``lo`` and ``hi`` (a range's bounds)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    # ------------------------------------------------------ the questionnaire workbook
    "forms.wb.head.benchmark": "Benchmark",
    "forms.wb.head.question_id": "Question id",
    "forms.wb.head.question": "Question",
    "forms.wb.head.answer": "Answer",
    "forms.wb.head.help": "What is allowed / help",
    "forms.wb.optional": "{text} (optional)",
    "forms.wb.table_rows": "Rows of the table:",
    "forms.wb.table_help": "a table: one row each, below",
    # 'yes', 'no' and 'none of these' are typed into the answer cells and read back: keep them
    # short and in lower case
    "forms.wb.yes": "yes",
    "forms.wb.no": "no",
    "forms.wb.none": "none of these",
    "forms.wb.hint.yes_no": "{yes} or {no}",
    "forms.wb.hint.single_choice": "one of the list",
    "forms.wb.hint.multiple_choice": "answer {yes} on each row that applies (or '{none}' here)",
    "forms.wb.hint.integer": "a whole number",
    "forms.wb.hint.number": "a number",
    "forms.wb.hint.percent": "a percentage, {lo} to {hi}",
    "forms.wb.hint.date": "a date",
    "forms.wb.hint.text": "text",
    "forms.wb.hint.long_text": "text, several lines allowed",
    "forms.wb.hint.between": "{hint}, {lo} to {hi}",
    "forms.wb.hint.at_least": "{hint}, at least {lo}",
    "forms.wb.hint.at_most": "{hint}, at most {hi}",
    "forms.wb.hint.unit": "{hint} ({unit})",
    "forms.wb.hint.length": ("{hint}, at most {n} character", "{hint}, at most {n} characters"),
    "forms.wb.dv.list_title": "Not in the list",
    "forms.wb.dv.list": "Choose an answer from the list.",
    "forms.wb.dv.range_title": "Out of range",
    "forms.wb.dv.range": "Enter {hint}.",
    "forms.wb.dv.date_title": "Not a date",
    "forms.wb.dv.date": "Enter a date (1990-01-01 to 2100-12-31).",
    "forms.wb.dv.length_title": "Too long",
    "forms.wb.dv.length": ("At most {n} character.", "At most {n} characters."),
}

MESSAGES.update({
    # ------------------------------------------------------ form exports (forms/dialects.py)
    "forms.too_big": "the file is {size} bytes, over the limit of {limit}",
    "forms.not_text": "the file is not UTF-8 text, an XLSX workbook or a ZIP (byte {byte} cannot "
                      "be read); export it again from KoboToolbox or ODK Central",
    "forms.no_header_sheet": "the workbook has no sheet with a header row",
    "forms.not_an_export_workbook": "this workbook is not a KoboToolbox or ODK export: its first "
                                    "sheet has none of the metadata columns {kobo} "
                                    "(KoboToolbox) or KEY, SubmissionDate (ODK Central); export "
                                    "the submissions again as XLSX with 'XML values and "
                                    "headers'",
    "forms.too_many_rows": "more than {limit} rows",
    "forms.bad_csv": "cannot read it as CSV: {error}",
    "forms.not_an_export_csv": "this CSV is not a KoboToolbox or ODK Central export: it has none "
                               "of the metadata columns _uuid, _submission_time (KoboToolbox) or "
                               "KEY, SubmissionDate (ODK Central)",
    "forms.zip_too_big": "the ZIP's CSV files inflate to more than {limit} bytes",
    "forms.bad_zip": "cannot read the ZIP ({error})",
    "forms.zip_mains": "an ODK Central ZIP holds one CSV of submissions (with KEY and "
                       "SubmissionDate, without PARENT_KEY) and one per repeat; this one has {n} "
                       "such CSV files among {files}",
    "forms.bad_json": "not valid JSON: {error}",
    "forms.json_deep": "the JSON is nested too deeply to be a form export",
    "forms.json_shape": "a JSON export is a list of submissions (objects), or an object with one "
                        "under 'results' (KoboToolbox) or 'value' (ODK Central)",
    "forms.json_too_many": "{n} submissions, more than the {limit} one import reads; export them "
                           "in parts",
    # ------------------------------------------------------ submissions (forms/submissions.py)
    "forms.other_form_version": "this submission was made with the form of {tag}, the first with "
                                "the form of {first}: import the exports of each form version "
                                "separately",
    "forms.not_whole": "expected a whole number, got {got}",
    "forms.not_number": "expected a number, got {got}",
    "forms.not_date": "expected a date (YYYY-MM-DD), got {got}",
    "forms.not_a_choice": "{value} is not one of the choices {choices}",
    "forms.not_a_choice_labels": "{value} is not one of the choices {choices}; the export has "
                                 "labels, not values: export again with 'XML values and "
                                 "headers'",
    "forms.flag": "expected 1 or 0 (is {choice} chosen?), got {got}",
    "forms.split_disagree": "the choices {value} disagree with the one-column-per-choice "
                            "columns, which tick {ticked}",
    "forms.no_field_column": "no column of this export is a question of the form of {tag}: "
                             "export it with 'XML values and headers' (not labels), from the "
                             "form seal xlsform wrote (its columns are named like {example})",
    "forms.unknown_column": "this column is not a field of the form of {tag}; it is left out",
    "forms.no_parent_column": "the table of {table} has no _parent_index (Kobo) or PARENT_KEY "
                              "(ODK) column to join its rows to their submission",
    "forms.orphan_row": "this row belongs to submission {parent}, which is not in the main sheet",
    "forms.csv_no_tables": "a CSV export holds no tables: the answers to {tables} are not "
                           "imported (export as XLSX from KoboToolbox, or as ZIP from ODK "
                           "Central, to include them)",
    "forms.missing_repeat_sheets": "the sheet of each table is missing: {tables}; a filtered "
                                   "export leaves them out: export again with all questions "
                                   "selected",
    "forms.missing_repeat_files": "the CSV file of each table is missing: {tables}; a filtered "
                                  "export leaves them out: export again with all questions "
                                  "selected",
    "forms.twice": "submission {id} is in the export twice (also at {where}); keep one",
    # where a submission or an answer is in an export or a questionnaire workbook
    "forms.at.row": "row {row}",
    "forms.at.row_column": "row {row}, column {column}",
    "forms.at.sheet_row": "sheet {sheet}, row {row}",
    "forms.at.sheet_row_column": "sheet {sheet}, row {row}, column {column}",
    "forms.at.sheet_row_cell": "sheet {sheet}, row {row}, cell {cell}",
    "forms.at.file": "the whole file",
    "forms.in_file": "{file}, {place}",
    # a submission matched to the assessment it is for (store/form_import.py)
    "forms.form_of_other_version": "this is the form of {id} v{version}, but {code} is assessed "
                                   "against {want_id} v{want_version}: fill in the form of that "
                                   "version (seal xlsform {want_id}@{want_version})",
    "forms.two_for_one": "two submissions are for {code} (the other at {where}); keep one, or "
                         "import them one at a time",
    "forms.other_institution": "this submission is for institution {said}, not {mine} of "
                               "{code}: import it into that assessment",
    "forms.other_period": "this submission is for period {said}, not {mine} of {code}: import "
                          "it into that assessment",
    "forms.says_no_assessment": "this submission does not say which institution and period it "
                                "is for: give --institution and --period, or fill in the "
                                "form's first two questions",
    "forms.no_assessment": "no assessment of institution {code} for period {when} that you can "
                           "see; start it first (seal db import, or the app's self-assessment "
                           "page)",
    "forms.assessment_closed": "the assessment of {code} for {when} ({assessment}) is {state}: "
                               "only a draft or an assessment sent back for changes takes "
                               "answers",
    "forms.assessments_open": "{count} assessments of {code} for {when} are open ({codes}); "
                              "import into one of them",
    "forms.table_misfit": "the table's rows do not fit the question",
    "forms.pyxform_refuses": "pyxform refuses the field form: {error}",
    # ------------------------------------------------------ the workbook read back
    "forms.wb.not_questionnaire": "this workbook is not a questionnaire written by seal-engine "
                                  "(it has no sheet {sheet} naming its standard); download the "
                                  "questionnaire (seal template STANDARD -f xlsx) and fill that "
                                  "in",
    "forms.wb.other_version": "this is the questionnaire of {id} v{version}, not of {want_id} "
                              "v{want_version}: download the questionnaire of that version and "
                              "copy the answers over",
    "forms.wb.sheet_missing": "the sheet {sheet} of dimension {dimension} is missing; sheets may "
                              "be filled in but not renamed or deleted",
    "forms.wb.formula": "a formula or an error value where an answer is expected: type the value "
                        "itself",
    "forms.wb.expected_none": "expected '{none}' or empty here (tick the choices on the rows "
                              "below), got {got}",
    "forms.wb.expected_yes": "expected {yes} or empty, got {got}",
    "forms.wb.ticked_but_none": "ticked, but the question's row says '{none}'",
    "forms.wb.row_above_columns": "a table row above its (hidden) row of column ids: rows may be "
                                  "filled in, not moved",
    "forms.wb.row_missing": "the row of question {question} is missing from sheet {sheet}; rows "
                            "may be filled in but not deleted",
})

MESSAGES.update({
    # ------------------------------------------------------ seal xlsform, seal submissions
    "forms.cli.questions": ("{n} question", "{n} questions"),
    "forms.cli.xlsform_wrote": "wrote {path}: the form of {id} v{version} ({questions}); upload "
                               "it to KoboToolbox or ODK Central",
    "forms.cli.workbook_wrote": "wrote {path} ({questions}, one sheet per dimension)",
    "forms.cli.not_answered": "(not answered)",
    "forms.cli.rows": ("{n} row", "{n} rows"),
    "forms.cli.workbook_of": "{file}: the questionnaire workbook of {standard}",
    "forms.cli.submissions": ("{n} submission", "{n} submissions"),
    "forms.cli.export_of": "{file}: {dialect}, the form of {standard}, {submissions}",
    "forms.cli.export_of_replaced": ("{file}: {dialect}, the form of {standard}, {submissions} "
                                     "({n} earlier version replaced by an edit)",
                                     "{file}: {dialect}, the form of {standard}, {submissions} "
                                     "({n} earlier versions replaced by an edit)"),
    "forms.cli.changed": ("{n} answer changed, {unchanged} unchanged",
                          "{n} answers changed, {unchanged} unchanged"),
    "forms.cli.dry_run": "dry run: {what}; nothing written",
    "forms.cli.imported": "imported: {what}",
    # ------------------------------------------------------ seal tokens
    "tokens.cli.made": "token {id} for {email} ({name}): copy it now, it is not shown again; "
                       "send it as 'Authorization: Bearer TOKEN'",
    "tokens.cli.made_read_only": "token {id} for {email} ({name}, read-only): copy it now, it is "
                                 "not shown again; send it as 'Authorization: Bearer TOKEN'",
    "tokens.cli.head.id": "Id",
    "tokens.cli.head.user": "User",
    "tokens.cli.head.name": "Name",
    "tokens.cli.head.read_only": "Read-only",
    "tokens.cli.head.made": "Made",
    "tokens.cli.head.last_used": "Last used",
    "tokens.cli.head.revoked": "Revoked",
    "tokens.cli.revoked": "revoked token {id} of {email} ({name})",
    # ------------------------------------------------------ seal notify
    "notify.cli.due": "due: {kind} {subject} -> {email}",
    "notify.cli.count_due": ("{n} notice due", "{n} notices due"),
    "notify.cli.failed": "failed: {kind} {subject} -> {email}: {error}",
    "notify.cli.sent": ("sent {n} notice", "sent {n} notices"),
    "notify.cli.sent_failed": ("{sent}, {n} failed (tried again next run)",
                               "{sent}, {n} failed (tried again next run)"),
    "notify.cli.sent_skipped": ("{sent}, {n} taken by another run",
                                "{sent}, {n} taken by another run"),
})

MESSAGES.update({
    # ------------------------------------------------------ the mail server (notify/)
    "notify.no_host": "SEAL_SMTP_HOST is not set: name the mail server notices are sent through "
                      "(see docs/notices.md)",
    "notify.no_sender": "SEAL_SMTP_FROM is not set: give the sender address, e.g. 'Gender "
                        "Equality Seal <seal@example.org>'",
    "notify.bad_security": "SEAL_SMTP_SECURITY must be one of {choices}, got {got}",
    "notify.bad_port": "SEAL_SMTP_PORT must be a port number, got {got}",
})

MESSAGES.update({
    # ------------------------------------------------------ the JSON API's problem details
    "api.and_more": ("{first} (and {n} more problem)", "{first} (and {n} more problems)"),
})

MESSAGES.update({
    # ------------------------------------------------------ the field form's words (XLSForm)
    "forms.xf.yes": "Yes",
    "forms.xf.no": "No",
    "forms.xf.about": "About this submission",
    "forms.xf.institution": "Code of the institution (as the Seal's platform knows it)",
    "forms.xf.period": "Period assessed (e.g. 2025)",
    "forms.xf.range": "Enter a value from {lo} to {hi}.",
    "forms.xf.length": ("At most {n} character.", "At most {n} characters."),
})

MESSAGES.update({
    "api.title.unauthorized": "No valid API token",
    "api.title.forbidden": "Not allowed",
    "api.title.read-only-token": "The token is read-only",
    "api.title.not-found": "Not found",
    "api.title.no-route": "No such route",
    "api.title.conflict": "Changed since it was read",
    "api.title.wrong-state": "Not possible in the assessment's state",
    "api.title.invalid": "Invalid input",
    "api.title.bad-json": "The body is not JSON",
    "api.title.bad-parameter": "A parameter is wrong",
    "api.title.too-large": "The body is too large",
    "api.title.throttled": "Too many requests",
    "api.title.refused": "Refused",
    "api.no_token": "a valid API token is needed: send it as 'Authorization: Bearer TOKEN' (seal "
                    "tokens add)",
    "api.bad_token": "the token is unknown or revoked, or its user is deactivated",
    "api.read_only": "this token is read-only: it may not write ({method} {path})",
    "api.body_too_large": "the body is over {limit} bytes",
    "api.file_too_large": "the file is over {limit} bytes (raise SEAL_MAX_DATA_BYTES if it is "
                          "genuine)",
    "api.not_json": "the body is not JSON: {error}",
    "api.bad_shape": "the body does not have the expected shape",
    "api.no_assessment_for_period": "no assessment of {code} for the period {period} that you "
                                    "can see",
    "api.assessment_by_period": "an institution's code and a period, e.g. VAL-MLSP@2025",
    "api.several_for_period": "{code} has {n} assessments for the period {period}: name one by "
                              "its code ({codes})",
    "api.bad_value": "{name} must be {choices}, got {got}",
    "api.give_token": "give the certificate's code as ?token=",
    "api.certificate_code": "the certificate's code",
    "api.no_route": "no route {path} in the API (see {openapi})",
})

MESSAGES.update({
    # ------------------------------------------------------ column mappings in seal db export
    "mapping_file.too_big": "the file is over {limit} bytes (SEAL_MAX_FILE_BYTES)",
    "mapping_file.shape": "a column mapping file of an export holds 'type: column_mapping', the "
                          "institution's code and its list of versions",
    "mapping_file.version_shape": "each version holds version, saved_at and mapping",
    "mapping_file.bad_version": "version {value} is not a new whole number from 1",
    "mapping_file.bad_saved_at": "saved_at {value} is not a date and time (ISO 8601)",
    "mapping_file.twice": "the column mapping of {institution} is in more than one file",
    "mapping_file.no_institution": "institution {institution} is neither in the database nor "
                                   "among the assessments imported",
    "mapping_file.kept": "{file}: {institution} has a column mapping in the database already; it "
                         "is kept and the file's is not imported",
})
