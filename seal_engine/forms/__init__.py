"""Data in from where people work: the questionnaire as a field form (XLSForm for KoboToolbox
and ODK Collect) and its submissions read back, and the questionnaire as an Excel workbook
filled in offline and read back.  See docs/forms.md."""

from __future__ import annotations

from .dialects import SubmissionError
from .layout import FormField, FormLayout, Repeat, form_layout
from .workbook import QuestionnaireAnswers, questionnaire_workbook, read_questionnaire
from .xlsform import check_xlsform, form_languages, xlsform_bytes, xlsform_sheets

__all__ = [
    "FormField",
    "FormLayout",
    "QuestionnaireAnswers",
    "Repeat",
    "SubmissionError",
    "check_xlsform",
    "form_languages",
    "form_layout",
    "questionnaire_workbook",
    "read_questionnaire",
    "xlsform_bytes",
    "xlsform_sheets",
]
