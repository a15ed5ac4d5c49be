"""The staff data section of the self-assessment: the workforce file (CSV or XLSX, aggregated or
one row per person) uploaded to the store, its errors shown row by row, a blank template, and
what the stored file holds."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from seal_engine import SealError, WorkforceError, parse_workforce, write_workforce_template
from seal_engine.store import Actor, AssessmentInfo, upload_workforce, workforce_content

from .evidence import file_size, limit_mb
from .i18n import _, fmt_datetime, fmt_number
from .session import app_store
from .ui import md, show_error, toast_saved

__all__ = ["problems_table", "staff_section", "template_bytes"]


@st.cache_data(show_spinner=False)
def template_bytes(per_person: bool) -> bytes:
    """A blank workforce file, as the engine writes it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workforce_template(Path(tmp) / "workforce.csv", per_person=per_person)
        return path.read_bytes()


def problems_table(error: SealError) -> pd.DataFrame:
    """The located problems of an error, one a row: row, column, what is wrong."""
    return pd.DataFrame([{
        _("Row"): p.line if p.line is not None else "",
        _("Column"): p.field or (str(p.column) if p.column is not None else ""),
        _("What is wrong"): p.message,
    } for p in error.problems])


def staff_section(user: Actor, info: AssessmentInfo, *, editable: bool) -> None:
    st.subheader(_("Staff data"))
    if st.session_state.pop(f"_wf_ok:{info.id}", None):
        st.success(_("The file is checked and stored. The results use it now."))
    st.markdown(_("Benchmarks of the work environment read the institution's staff figures by "
                  "sex: headcount by grade and location, recruitment, promotion, exits, "
                  "training, parental leave and pay. Upload them as a CSV or Excel file, "
                  "either one row per group (aggregated) or one row per person."))
    wf = info.workforce
    if wf is None:
        st.info(_("No staff data uploaded yet."), icon=":material/info:")
    else:
        st.markdown(_("Uploaded: **{name}** · {size} · {when}").format(
            name=md(wf.name), size=file_size(wf.size), when=fmt_datetime(wf.updated_at)))
        _summary(user, info)
    left, right = st.columns(2)
    left.download_button(_("Blank file, one row per group"), data=template_bytes(False),
                         file_name="workforce-template.csv", mime="text/csv",
                         icon=":material/download:", on_click="ignore")
    right.download_button(_("Blank file, one row per person"), data=template_bytes(True),
                          file_name="workforce-template-per-person.csv", mime="text/csv",
                          icon=":material/download:", on_click="ignore")
    if not editable:
        return
    with st.form(f"wf:{info.id}", clear_on_submit=True):
        upload = st.file_uploader(_("Staff data file (CSV or XLSX)"), type=["csv", "xlsx"],
                                  key=f"wfu:{info.id}",
                                  max_upload_size=limit_mb("SEAL_MAX_DATA_BYTES"))
        if st.form_submit_button(_("Check and upload"), type="primary",
                                 icon=":material/upload:"):
            if upload is None:
                st.error(_("Choose a file first."))
            else:
                _upload(user, info, upload.getvalue(), upload.name)


def _upload(user: Actor, info: AssessmentInfo, content: bytes, name: str) -> None:
    version = info.workforce.version if info.workforce else 0
    try:
        upload_workforce(app_store(), user, info.id, content, name, version)
    except WorkforceError as e:
        st.error(_("The file was not uploaded: fix these rows and upload it again."))
        st.table(problems_table(e), hide_index=True)
    except SealError as e:
        show_error(e)
    else:
        toast_saved(_("Staff data uploaded"))
        st.session_state[f"_wf_ok:{info.id}"] = True
        st.rerun()


def _summary(user: Actor, info: AssessmentInfo) -> None:
    try:
        name, content = workforce_content(app_store(), user, info.id)
        data = parse_workforce(content, name)
    except SealError as e:
        show_error(e)
        return
    grades = ", ".join(data.grades) if data.grades else ""
    st.caption(_("{shape} file · grades from entry to top: {grades}").format(
        shape=_("Aggregated") if data.shape == "aggregated" else _("One row per person"),
        grades=md(grades)))
    left, mid, right = st.columns(3)
    from seal_engine import full_report

    staff = full_report(data, by=())["staff"]
    left.metric(_("Staff"), fmt_number(staff["headcount"]))
    for col, label, value in ((mid, _("Women"), staff["women"]), (right, _("Men"), staff["men"])):
        col.metric(label, fmt_number(value) if isinstance(value, (int, float))
                   else _("suppressed"))
