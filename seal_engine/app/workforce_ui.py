"""The staff data section of the self-assessment: the workforce file (CSV or XLSX, aggregated or
one row per person) uploaded to the store, its errors shown row by row, a blank template, and
what the stored file holds.  A file in the HR system's own shape (its own column names, hours a
week, monthly pay) goes through a mapping step: each column matched to a field (guessed first),
the units chosen, a preview of the rows as the importer will read them; the mapping is saved
once for the institution (versioned) and used for every later upload, by the app, the command
line and the API.  :func:`staff_data_line` tells the assessor how the stored file was read."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from seal_engine import (
    PAY_FIELDS,
    STAFF_FIELDS,
    ColumnMapping,
    SealError,
    WorkforceError,
    apply_mapping,
    check_header,
    mapping_from_data,
    render_message,
    unknown_sex_codes,
    write_workforce_template,
)
from seal_engine.store import (
    Actor,
    AssessmentInfo,
    get_column_mapping,
    save_column_mapping,
    staff_data_mapping,
    upload_staff_data,
)

from .evidence import file_size, limit_mb
from .i18n import _, fmt_datetime, fmt_number, language
from .session import app_store
from .staff_files import staff_data, staff_report
from .ui import md, show_error, toast_saved

__all__ = ["problems_table", "staff_data_line", "staff_section", "template_bytes"]


@st.cache_data(show_spinner=False)
def template_bytes(per_person: bool) -> bytes:
    """A blank workforce file, as the engine writes it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workforce_template(Path(tmp) / "workforce.csv", per_person=per_person)
        return path.read_bytes()


def problems_table(error: SealError) -> pd.DataFrame:
    """The located problems of an error, one a row: row, column, what is wrong (in the
    session's language)."""
    from seal_engine import render_message

    return pd.DataFrame([{
        _("Row"): p.line if p.line is not None else "",
        _("Column"): p.field or (str(p.column) if p.column is not None else ""),
        _("What is wrong"): render_message(p.text, lang=language()),
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
        staff_data_line(user, info)
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
    pending = st.session_state.get(f"_wf_pending:{info.id}")
    if pending is not None:
        _mapping_step(user, info, *pending)
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


def _upload(user: Actor, info: AssessmentInfo, content: bytes, name: str,
            mapping="auto") -> bool:
    """Store the file (mapped by the institution's mapping when its columns need it); a file
    whose columns the importer does not know opens the mapping step."""
    version = info.workforce.version if info.workforce else 0
    try:
        upload_staff_data(app_store(), user, info.id, content, name, mapping=mapping,
                          expected_version=version)
    except WorkforceError as e:
        if mapping == "auto" and _needs_mapping(user, info, content, name):
            st.session_state[f"_wf_pending:{info.id}"] = (name, content)
            st.rerun()
        st.error(_("The file was not uploaded: fix these rows and upload it again."))
        st.table(problems_table(e), hide_index=True)
    except SealError as e:
        show_error(e)
    else:
        toast_saved(_("Staff data uploaded"))
        st.session_state[f"_wf_ok:{info.id}"] = True
        st.session_state.pop(f"_wf_pending:{info.id}", None)
        st.rerun()
    return False


def _saved_mapping(user: Actor, info: AssessmentInfo):
    try:
        return get_column_mapping(app_store(), user, info.institution_id)
    except SealError:
        return None


def _needs_mapping(user: Actor, info: AssessmentInfo, content: bytes, name: str) -> bool:
    """Whether the file has columns the importer does not know, even through the
    institution's saved mapping (then the mapping step, else the file's own errors)."""
    saved = _saved_mapping(user, info)
    try:
        return bool(check_header(content, name, saved.mapping if saved else None).unknown)
    except SealError:
        return False


_UNITS_HOURS = ("per_year", "per_month", "per_week")
_UNITS_PAY = ("annual", "monthly")


def _hours_label(unit: str) -> str:
    return {"per_year": _("Hours a year"), "per_month": _("Hours a month"),
            "per_week": _("Hours a week")}[unit]


def _pay_label(unit: str) -> str:
    return {"annual": _("Annual pay"), "monthly": _("Monthly pay")}[unit]


def _mapping_step(user: Actor, info: AssessmentInfo, name: str, content: bytes) -> None:
    """Match the HR export's columns to the staff data fields, with a preview, then save the
    mapping for the institution and upload the file with it."""
    saved = _saved_mapping(user, info)
    try:
        found = check_header(content, name, saved.mapping if saved else None)
    except SealError as e:
        show_error(e)
        return
    st.warning(_("The columns of {name} are not those of the staff data file. Say which "
                 "column is which once: the mapping is kept for {institution} and used for "
                 "every later upload, here, from the command line and through the API.")
               .format(name=md(name), institution=md(info.institution_name)),
               icon=":material/table_chart:")
    leave = _("— leave the column out —")
    options = [leave, *STAFF_FIELDS]
    chosen: dict[str, str | None] = {}
    cols = st.columns(3)
    for i, column in enumerate(c for c in found.columns if c.strip()):
        guess = found.suggested.field(column)  # a known name passes as its field
        index = options.index(guess) if guess in options else 0
        pick = cols[i % 3].selectbox(column, options, index=index,
                                     key=f"_wf_col:{info.id}:{i}:{column}")
        chosen[column] = None if pick == leave else pick
    left, right = st.columns(2)
    hours = left.radio(_("The hours column counts"), list(_UNITS_HOURS),
                       index=list(_UNITS_HOURS).index(found.suggested.hours),
                       format_func=_hours_label, horizontal=True,
                       key=f"_wf_hours:{info.id}")
    pay = right.radio(_("The pay columns are"), list(_UNITS_PAY),
                      index=list(_UNITS_PAY).index(found.suggested.pay),
                      format_func=_pay_label, horizontal=True,
                      key=f"_wf_pay:{info.id}")
    try:
        mapping = mapping_from_data({"columns": chosen, "hours": hours, "pay": pay,
                                     "values": found.suggested.values})
    except WorkforceError as e:
        what = "; ".join(render_message(p.text, lang=language()) for p in e.problems)
        st.error(_("Two columns are matched to the same field, or a field is unknown: {what}")
                 .format(what=md(what)))
        return
    mapping = _sex_codes(info, content, name, mapping)
    st.markdown(f"**{_('Preview: the first rows as they will be read')}**")
    st.caption(_("Hours are counted over a year and pay as annual pay, so pay per hour compares "
                 "fairly; columns left out are not stored."))
    try:
        mapped = apply_mapping(content, name, mapping)
        import csv
        import io

        rows = [r for r in csv.reader(io.StringIO(mapped.decode("utf-8")))
                if r and not r[0].startswith("#")][:6]
        if rows:
            st.dataframe(pd.DataFrame(rows[1:], columns=rows[0]), hide_index=True)
    except SealError as e:
        show_error(e)
    save, cancel = st.columns(2)
    if save.button(_("Save the mapping and upload"), type="primary", icon=":material/upload:",
                   key=f"_wf_save:{info.id}"):
        try:
            save_column_mapping(app_store(), user, info.institution_id, mapping,
                                saved.version if saved else 0)
        except SealError as e:
            show_error(e)
            return
        _upload(user, info, content, name, mapping="saved")
    if cancel.button(_("Cancel"), key=f"_wf_cancel:{info.id}"):
        st.session_state.pop(f"_wf_pending:{info.id}", None)
        st.rerun()


def _sex_label(code: str) -> str:
    return {"female": _("Woman"), "male": _("Man"), "other": _("Other or undisclosed")}[code]


def _sex_codes(info: AssessmentInfo, content: bytes, name: str,
               mapping: ColumnMapping) -> ColumnMapping:
    """The export's own codes in its sex column (1 and 2...), each said once."""
    try:
        codes = unknown_sex_codes(content, name, mapping)
    except SealError:
        return mapping
    if not codes:
        return mapping
    st.markdown(f"**{_('What the codes of the sex column mean')}**")
    cols = st.columns(min(len(codes), 4))
    table = dict(mapping.values.get("sex", {}))
    for i, code in enumerate(codes):
        table[code] = cols[i % len(cols)].selectbox(
            _("Code {code}").format(code=code), ("female", "male", "other"),
            format_func=_sex_label, index=None, placeholder=_("Choose"),
            key=f"_wf_sex:{info.id}:{code}")
    chosen = {k: v for k, v in table.items() if v}
    return mapping.model_copy(update={"values": {**mapping.values, "sex": chosen}}) \
        if chosen else mapping


def mapping_words(mapping: ColumnMapping) -> str:
    """A mapping in one line: 'weekly_hours → hours (hours a week), base_salary → basic_pay
    (monthly pay); left out: full_name'."""
    parts, left_out = [], []
    for column, target in mapping.columns.items():
        if target is None:
            left_out.append(column)
            continue
        if ColumnMapping().field(column) == target and target not in ("hours", *PAY_FIELDS):
            continue  # a column already named as its field
        unit = ""
        if target == "hours" and mapping.hours != "per_year":
            unit = f" ({_hours_label(mapping.hours).lower()})"
        elif target in PAY_FIELDS and mapping.pay != "annual":
            unit = f" ({_pay_label(mapping.pay).lower()})"
        parts.append(f"{column} → {target}{unit}")
    for field, codes in mapping.values.items():
        if codes:
            parts.append(_("codes of {field}: {codes}").format(
                field=field, codes=", ".join(f"{k} = {v}" for k, v in codes.items())))
    text = ", ".join(parts)
    if left_out:
        text += "; " + _("left out: {columns}").format(columns=", ".join(left_out))
    return text


def staff_data_line(user: Actor, info: AssessmentInfo) -> None:
    """One line on how the stored staff file was read: as given, or mapped from the HR
    system's export by the institution's column mapping (which version, which column is
    which, the units)."""
    if info.workforce is None:
        return
    try:
        used = staff_data_mapping(app_store(), user, info.id)
    except SealError:
        return
    if used is None:
        st.caption(_("Staff data: {name}, in the staff data file's own columns.").format(
            name=md(info.workforce.name)))
        return
    version, mapping = used
    st.caption(_("Staff data: {name}, mapped from the HR system's export by the "
                 "institution's column mapping (version {version}): {words}.").format(
        name=md(info.workforce.name), version=version if version is not None else "-",
        words=md(mapping_words(mapping))))


def _summary(user: Actor, info: AssessmentInfo) -> None:
    try:
        file = staff_data(user, info.id)
    except SealError as e:
        show_error(e)
        return
    if file is None:
        return
    data = file[2]
    grades = ", ".join(data.grades) if data.grades else ""
    st.caption(_("{shape} file · grades from entry to top: {grades}").format(
        shape=_("Aggregated") if data.shape == "aggregated" else _("One row per person"),
        grades=md(grades)))
    left, mid, right = st.columns(3)
    staff = staff_report(file, ())["staff"]
    left.metric(_("Staff"), fmt_number(staff["headcount"]))
    for col, label, value in ((mid, _("Women"), staff["women"]), (right, _("Men"), staff["men"])):
        col.metric(label, fmt_number(value) if isinstance(value, (int, float))
                   else _("suppressed"))
