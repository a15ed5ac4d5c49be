"""The self-assessment's "Import answers from a form export" section: the field form (XLSForm)
and the questionnaire workbook to download, and a KoboToolbox or ODK Central export, or the
workbook filled in offline, uploaded: what would change is shown first, and written only when
the focal point confirms (through the same service that saves typed answers)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from seal_engine import (
    SealError,
    Standard,
    questionnaire_workbook,
    render_message,
    xlsform_bytes,
)
from seal_engine.store import (
    Actor,
    AssessmentInfo,
    FormImportPreview,
    apply_form_import,
    preview_form_import,
)

from .answers_view import answer_text
from .i18n import _, language, ngettext
from .session import app_store
from .ui import md, rerun, show_error, toast_saved
from .workforce_ui import problems_table

__all__ = ["form_import_section"]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False, max_entries=8)
def _xlsform(_standard: Standard, key: tuple) -> bytes:
    return xlsform_bytes(_standard)


def _own(standard: Standard) -> Standard:
    """The stored standard in its own language (the field form carries every language; the
    page's copy may be translated, its own language's texts replaced)."""
    from seal_engine.store import get_standard

    return get_standard(app_store(), standard.id, standard.version)


@st.cache_data(show_spinner=False, max_entries=32)
def _workbook(_standard: Standard, key: tuple, answers: dict[str, Any]) -> bytes:
    """The questionnaire with the saved answers, made once per version of the assessment
    (``key``: its id, version and code, the standard's key and locale, the language)."""
    return questionnaire_workbook(_standard, answers, assessment=key[2], lang=key[-1])


def _downloads(standard: Standard, info: AssessmentInfo) -> None:
    """The workbook and the field form, each made when its button is pressed (Streamlit runs
    the function then, in a thread of its own): the field form takes seconds the first time,
    the workbook a few tenths, and most who open the page download neither."""
    from .i18n import language

    key = (info.id, info.version, info.code, standard.id, standard.version, standard.locale,
           language())
    answers = {k: a.value for k, a in info.answers.items() if a.value is not None}
    own = _own(standard)
    left, right = st.columns(2)
    left.download_button(_("Questionnaire workbook (XLSX)"),
                         data=lambda: _workbook(standard, key, answers),
                         file_name=f"{info.code}-questionnaire.xlsx", mime=XLSX,
                         icon=":material/download:", key=f"fimp_wb:{info.id}")
    right.download_button(_("Field form for KoboToolbox or ODK (XLSForm)"),
                          data=lambda: _xlsform(own, (standard.id, standard.version)),
                          file_name=f"{standard.id}-v{standard.version}-form.xlsx", mime=XLSX,
                          icon=":material/download:", key=f"fimp_xf:{info.id}")


def _words(standard: Standard, qid: str, value: Any) -> str:
    q = standard.questions().get(qid)
    if q is None:
        return str(value)
    if q.type.value == "table":
        if not value:
            return _("not answered")
        return ngettext("{n} row", "{n} rows", len(value)).format(n=len(value))
    return answer_text(standard, q, value).replace("\\", "").strip("*")


def _changes(standard: Standard, preview: FormImportPreview) -> pd.DataFrame:
    questions = standard.questions()
    return pd.DataFrame([{
        _("Question"): f"{c.question_id} {questions[c.question_id].text}"
        if c.question_id in questions else c.question_id,
        _("Saved now"): _words(standard, c.question_id, c.old),
        _("From the file"): _words(standard, c.question_id, c.new),
        _("Where in the file"): render_message(c.where, lang=language()),
    } for c in preview.changes])


def form_import_section(user: Actor, info: AssessmentInfo, standard: Standard, *,
                        editable: bool) -> None:
    """The section (collapsed until opened)."""
    with st.expander(_("Import answers from a form export"), icon=":material/upload_file:"):
        st.caption(_("Collect the answers in the field with KoboToolbox or ODK Collect (upload "
                     "the field form there), or fill in the questionnaire workbook offline; "
                     "then upload the export or the workbook here. You see what changes "
                     "before anything is saved."))
        _downloads(standard, info)
        if not editable:
            return
        upload = st.file_uploader(_("Form export or questionnaire workbook (XLSX, CSV, ZIP "
                                    "or JSON)"), type=["xlsx", "csv", "zip", "json"],
                                  key=f"fimp_up:{info.id}:{st.session_state.get('_fimp_n', 0)}")
        if upload is None:
            return
        store = app_store()
        try:
            preview = preview_form_import(store, user, upload.getvalue(), upload.name,
                                     assessment_id=info.id)
        except SealError as e:
            st.error(_("Nothing was imported: correct these problems in the file and upload "
                       "it again."), icon=":material/error:")
            st.table(problems_table(e), hide_index=True)
            return
        from seal_engine import render_message

        from .i18n import language

        for w in preview.warnings:
            st.warning(md(render_message(w.text, lang=language())), icon=":material/warning:")
        if not preview.changes:
            st.info(_("The file holds no answer that differs from those saved."))
            return
        n = len(preview.changes)
        st.markdown(ngettext("**{n} answer** changes when you import the file:",
                             "**{n} answers** change when you import the file:", n).format(n=n))
        st.table(_changes(standard, preview), hide_index=True)
        if st.button(_("Import these answers"), type="primary", icon=":material/check:",
                     key=f"fimp_go:{info.id}"):
            try:
                apply_form_import(store, user, preview)
            except SealError as e:
                show_error(e)
                return
            st.session_state["_fimp_n"] = st.session_state.get("_fimp_n", 0) + 1
            toast_saved(ngettext("{n} answer imported", "{n} answers imported", n).format(n=n))
            rerun()
