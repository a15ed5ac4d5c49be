"""An institution's answers as people read them (for the assessor): yes or no, the choices'
labels, percentages with their sign, dates written out, tables as tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from seal_engine import Standard

from .i18n import _, fmt_date, fmt_number, fmt_percent
from .ui import md

__all__ = ["answer_text", "cell_text", "show_answer"]


def answer_text(standard: Standard, q, value: Any) -> str:
    """A non-table answer in words (escaped for Markdown)."""
    if value is None or value == "" or value == []:
        return f"*{_('not answered')}*"
    t = q.type.value
    if t == "yes_no":
        yes = value is True or (isinstance(value, str) and value.lower() == "yes")
        return _("Yes") if yes else _("No")
    if t in ("single_choice", "multiple_choice"):
        labels = {c.value: c.label or c.value for c in standard.question_choices(q) or []}
        values = value if isinstance(value, list) else [value]
        return md("; ".join(labels.get(v, str(v)) for v in values))
    if t == "percent" and isinstance(value, (int, float)):
        return fmt_percent(value)
    if t in ("integer", "number") and isinstance(value, (int, float)):
        text = fmt_number(value, 0 if float(value).is_integer() else 2)
        return text + (f" {md(q.unit)}" if q.unit else "")
    if t == "date" and isinstance(value, dt.date):
        return fmt_date(value)
    return md(value)


def show_answer(standard: Standard, q, value: Any) -> None:
    """The question and its answer."""
    if q.type.value != "table":
        st.markdown(f"{md(q.text)}  \n**{answer_text(standard, q, value)}**")
        return
    st.markdown(md(q.text))
    if not value:
        st.markdown(f"*{_('not answered')}*")
        return
    columns = {c.id: c for c in q.columns or []}
    st.dataframe(pd.DataFrame([
        {(columns[k].title or k) if k in columns else k:
         cell_text(standard, columns[k], v) if k in columns else v
         for k, v in row.items()} for row in value]), hide_index=True, width="stretch")


def cell_text(standard: Standard, column, value: Any) -> str:
    """A table cell in words, as plain text: a choice by its label, never its code; yes or
    no; percentages, numbers and dates as people write them."""
    if value is None or value == "" or value == []:
        return ""
    t = column.type.value
    if t == "yes_no":
        yes = value is True or (isinstance(value, str) and value.lower() == "yes")
        return _("Yes") if yes else _("No")
    if t in ("single_choice", "multiple_choice"):
        labels = {c.value: c.label or c.value for c in standard.question_choices(column) or []}
        return "; ".join(labels.get(v, str(v)) for v in (value if isinstance(value, list)
                                                          else [value]))
    if t == "percent" and isinstance(value, (int, float)):
        return fmt_percent(value)
    if t in ("integer", "number") and isinstance(value, (int, float)):
        return fmt_number(value, 0 if float(value).is_integer() else 2) + (
            f" {column.unit}" if column.unit else "")
    if t == "date" and isinstance(value, dt.date):
        return fmt_date(value)
    return str(value)
