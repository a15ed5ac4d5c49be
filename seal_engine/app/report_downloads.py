"""The report downloads of the Results, Review and Portfolio pages: a button prepares the report
(built and rendered only when pressed, never on each rerun of the page), then the HTML, PDF and
Word files are offered for download (the Word one written with the template an administrator
uploaded for the report, if any).  One service call, ``seal_engine.report_files``, builds the
report as the signed-in user may see it and renders it in the session's language."""

from __future__ import annotations

from typing import Any

import streamlit as st

from seal_engine import SealError, report_files
from seal_engine.store import Actor

from .i18n import _, fmt_datetime, language
from .session import app_store
from .ui import show_error

__all__ = ["report_downloads"]

_FORMATS = {"html": "text/html", "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def report_downloads(user: Actor, kind: str, assessment_id: str | None = None, *, name: str,
                     **options: Any) -> None:
    """The prepare button and, once prepared, the downloads of the ``kind`` report (of the
    assessment ``assessment_id``, or the portfolio with ``options``); ``name`` makes the file
    names."""
    import datetime as dt

    key = f"report:{kind}:{assessment_id or ''}:{sorted(options.items())!r}"
    labels = {"results": _("Results report"), "review": _("Review report"),
              "portfolio": _("Portfolio report")}
    with st.container(border=True):
        left, right = st.columns([3, 2], vertical_alignment="center")
        left.markdown(f"**{labels.get(kind, kind)}** · " + _(
            "to print, file, edit or send: HTML, PDF and Word, as you may see it now."))
        if right.button(_("Prepare the report"), key=f"{key}:prepare",
                        icon=":material/description:"):
            with st.spinner(_("Preparing the report…")):
                try:
                    files = report_files(app_store(), user, kind, tuple(_FORMATS), language(),
                                         assessment_id, **options)
                except SealError as e:
                    show_error(e)
                    return
            st.session_state[key] = (dt.datetime.now(dt.UTC), files)
        prepared = st.session_state.get(key)
        if prepared is None:
            return
        when, files = prepared
        st.caption(_("Prepared {when}.").format(when=fmt_datetime(when)))
        cols = st.columns(len(files))
        words = {"html": _("Download HTML"), "pdf": _("Download PDF"),
                 "docx": _("Download Word (DOCX)")}
        for col, (fmt, data) in zip(cols, files.items(), strict=True):
            col.download_button(words[fmt], data, file_name=f"{kind}-report-{name}.{fmt}",
                                mime=_FORMATS[fmt], key=f"{key}:{fmt}", icon=":material/download:")
