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
