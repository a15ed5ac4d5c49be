"""Evidence per requirement: what the standard asks for, what is attached (files to view or
download, links), and adding or removing items while the assessment can be edited.  Uploaded
files go to the store as bytes with the name they came with; the name is shown, never used as
a path."""

from __future__ import annotations

import streamlit as st

from seal_engine import SealError, get_setting
from seal_engine.store import (
    Actor,
    AssessmentInfo,
    EvidenceInfo,
    add_evidence_file,
    add_evidence_link,
    evidence_content,
    remove_evidence,
)

from .i18n import _, fmt_date, fmt_number
from .session import app_store
from .ui import md, rerun, show_error, toast_saved
from .words import verdict_name

__all__ = ["evidence_download", "evidence_section", "evidence_view", "file_size", "limit_mb",
           "preview_words"]

_TYPES = ["pdf", "png", "jpg", "jpeg", "txt", "csv", "docx", "xlsx", "pptx", "odt", "ods", "odp"]


def limit_mb(setting: str) -> int:
    """An upload limit of the settings, in whole megabytes (what the uploader takes)."""
    try:
        return max(1, int(get_setting(setting)) // 1_000_000)
    except ValueError:
        return 200


def file_size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return _("{n} bytes").format(n=fmt_number(size))
    if size < 1024 * 1024:
        return _("{n} KB").format(n=fmt_number(size / 1024, 0))
    return _("{n} MB").format(n=fmt_number(size / 1024 / 1024, 1))


def evidence_download(user: Actor, item: EvidenceInfo, *, key: str) -> None:
    """A button downloading an uploaded evidence file (the store checks who may)."""
    def _content() -> bytes:
        return evidence_content(app_store(), user, item.id)[2]

    st.download_button(_("Download"), data=_content, file_name=item.original_name or "evidence",
                       mime=item.media_type or "application/octet-stream", key=key,
                       icon=":material/download:", on_click="ignore")


def preview_words(code: str, params: dict) -> str:
    """A preview's error or notice (:mod:`seal_engine.preview`) in the session's language."""
    words = {
        "empty": _("The file is empty."),
        "too_large": _("The file ({size}) is too large to show here (at most {limit}): "
                       "download it."),
        "unsupported": _("Files of this kind cannot be shown here: download it."),
        "missing_dependency": _("Showing this file needs {package}, which is not installed "
                                "on the server (pip install 'seal-engine[{extra}]'); download "
                                "it meanwhile."),
        "pdf_unreadable": _("This PDF cannot be read: it may be damaged. Download it, or ask "
                            "the institution for another copy."),
        "pdf_encrypted": _("This PDF is protected by a password: download it, or ask the "
                           "institution for a copy without one."),
        "pdf_no_pages": _("This PDF has no pages."),
        "page_out_of_range": _("The document has {count} pages; there is no page {page}."),
        "image_unreadable": _("This image cannot be read: it may be damaged. Download it, or "
                              "ask the institution for another copy."),
        "image_too_large": _("This image is too large to show here ({width} × {height} "
                             "pixels): download it."),
        "archive_unreadable": _("This document cannot be opened: it may be damaged. Download "
                                "it, or ask the institution for another copy."),
        "archive_too_large": _("This document unpacks to {size}, more than can be shown here "
                               "({limit}): download it."),
        "archive_bomb": _("This document is packed {ratio} times tighter than any real "
                          "document (a file made to exhaust the server): it is not opened. "
                          "Ask the institution for another copy."),
        "document_unreadable": _("The content of this document cannot be read: download it, "
                                 "or ask the institution for another copy."),
        "text_unreadable": _("This file is not text in UTF-8: download it."),
        "pdf_scripts_ignored": _("This PDF contains scripts. They were not run: the pages "
                                 "below are pictures drawn on the server."),
        "pages_shown": _("Pages {first} to {last} of {count}."),
        "time_limit": _("The document takes too long to draw; only the pages drawn within "
                        "{seconds} seconds are shown. Download it to read the rest."),
        "page_reduced": _("Page {page} is very large and is shown smaller."),
        "image_reduced": _("Shown smaller than its {width} × {height} pixels."),
        "text_truncated": _("The first {shown} of {total} characters."),
        "rows_truncated": _("{table}: the first {shown} of {total} rows.")
        if params.get("total") is not None else _("{table}: the first {shown} rows, of many "
                                                   "more."),
        "columns_truncated": _("{table}: the first {shown} of {total} columns."),
        "sheets_truncated": _("The first {shown} of {total} sheets."),
    }

    class _Params(dict):
        def __missing__(self, key: str) -> str:
            return "…"

    shown = _Params()
    for k, v in params.items():
        if k in ("size", "limit") and isinstance(v, int) and code != "image_too_large":
            shown[k] = file_size(v)
        elif isinstance(v, int | float) and not isinstance(v, bool):
            shown[k] = fmt_number(v)
        else:
            shown[k] = "" if v is None else str(v)
    if code in ("rows_truncated", "columns_truncated") and not shown.get("table"):
        shown["table"] = _("Table")
    return words.get(code, _("This file cannot be shown here: download it.")).format_map(
        shown)


@st.cache_data(max_entries=64, show_spinner=False)
def _preview(digest: str, _content: bytes, name: str, media: str | None, page: int):
    """The preview of one file's content (cached by its SHA-256: the bytes were read through
    the store, which checked who may, before this is called)."""
    from seal_engine import preview_document

    return preview_document(_content, name, media, page=page)


def _unique(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        seen[c] = seen.get(c, 0) + 1
        out.append(c if seen[c] == 1 else f"{c} ({seen[c]})")
    return out


def evidence_view(user: Actor, item: EvidenceInfo) -> None:
    """An uploaded file read in the page, never the file itself: a PDF's pages drawn on the
    server as pictures (a page picker for the rest), an image checked and drawn again, office
    documents as their text or tables (:mod:`seal_engine.preview`); what cannot be shown says
    why, and the file is downloaded to be opened."""
    import hashlib

    import pandas as pd

    name, media, content = evidence_content(app_store(), user, item.id)
    digest = hashlib.sha256(content).hexdigest()
    page_key = f"pvp:{item.id}"
    page = max(0, int(st.session_state.get(page_key, 1)) - 1)
    shown = _preview(digest, content, name or item.original_name or "", media, page)
    if shown.error is not None and shown.error.code == "page_out_of_range":
        page = 0
        shown = _preview(digest, content, name or item.original_name or "", media, 0)
    if shown.error is not None:
        st.info(preview_words(shown.error.code, shown.error.params),
                icon=":material/visibility_off:")
        return
    for notice in shown.notices:
        if notice.code == "pdf_scripts_ignored":
            st.warning(preview_words(notice.code, notice.params), icon=":material/shield:")
        elif notice.code != "pages_shown":
            st.caption(preview_words(notice.code, notice.params))
    if shown.kind == "pages" and (shown.page_count or 0) > len(shown.pages) + shown.first_page \
            or shown.first_page > 0:
        cols = st.columns([2, 5], vertical_alignment="bottom")
        cols[0].number_input(_("From page"), min_value=1, max_value=shown.page_count or 1,
                             value=page + 1, step=1, key=page_key)
        pages = next((n for n in shown.notices if n.code == "pages_shown"), None)
        if pages is not None:
            cols[1].caption(preview_words(pages.code, pages.params))
    if shown.kind == "pages":
        for n, png in enumerate(shown.pages, shown.first_page + 1):
            with st.container(border=True):  # a white page on the white page: its edges
                st.image(png, caption=_("Page {n} of {count}").format(
                    n=n, count=shown.page_count), width="stretch", output_format="PNG")
    elif shown.kind == "image":
        st.image(shown.pages[0], caption=item.original_name, output_format="PNG")
    if shown.text:
        with st.container(border=True, height=420 if len(shown.text) > 1500 else "content"):
            st.markdown("\n\n".join(md(p) for p in shown.text.split("\n") if p.strip()))
    for table in shown.tables:
        if table.name and len(shown.tables) > 1:
            st.markdown(f"**{md(table.name)}**")
        if table.above:
            st.caption("  \n".join(md(line) for line in table.above))
        frame = pd.DataFrame(table.rows, columns=_unique(table.columns))
        st.dataframe(frame, hide_index=True, width="stretch")


def _item_line(item: EvidenceInfo) -> str:
    if item.kind == "file":
        what = f"{md(item.title)} · {md(item.original_name or '')} · {file_size(item.size)}"
    elif item.kind == "link":
        what = f"{md(item.title)} · {md(item.reference or '')}"
    else:
        what = f"{md(item.title)} · {md(item.reference or '')}"
    if item.date:
        what += f" · {fmt_date(item.date)}"
    if item.verdict:
        icon = ":green[:material/check:]" if item.verdict == "accepted" else \
            ":red[:material/close:]"
        what += f" · {icon} {verdict_name(item.verdict)}"
        if item.verdict_reason:
            what += f": {md(item.verdict_reason)}"
    return what


def evidence_section(user: Actor, info: AssessmentInfo, benchmark, *, editable: bool) -> None:
    """The benchmark's evidence requirements with their items, and the forms to add more."""
    if not benchmark.evidence:
        return
    by_req: dict[str, list[EvidenceInfo]] = {}
    for item in info.evidence:
        by_req.setdefault(item.requirement_id, []).append(item)
    st.markdown(f"**{_('Evidence asked for')}**")
    for req in benchmark.evidence:
        items = by_req.get(req.id, [])
        icon = ":green[:material/attach_file:]" if items else ":orange[:material/warning:]"
        st.markdown(f"{icon} {md(req.title)}")
        if req.description:
            st.caption(md(req.description))
        for item in items:
            cols = st.columns([6, 2, 2], vertical_alignment="center")
            cols[0].markdown(_item_line(item))
            if item.kind == "file":
                with cols[1]:
                    evidence_download(user, item, key=f"dl:{item.id}")
            if editable:
                with cols[2]:
                    if st.button(_("Remove"), key=f"rm:{item.id}", icon=":material/delete:"):
                        try:
                            remove_evidence(app_store(), user, item.id, item.version)
                        except SealError as e:
                            show_error(e)
                        else:
                            toast_saved(_("Evidence removed"))
                            rerun()
        if not items:
            st.caption(_("Nothing attached yet."))
        if editable:
            _add_form(user, info, req)


def _add_form(user: Actor, info: AssessmentInfo, req) -> None:
    if not st.toggle(_("Add evidence"), key=f"eva:{info.id}:{req.id}"):
        return
    with st.container(border=True):
        file_tab, link_tab = st.tabs([_("Upload a file"), _("Add a web link")])
        with file_tab, st.form(f"evf:{info.id}:{req.id}", clear_on_submit=True):
            upload = st.file_uploader(_("File"), type=_TYPES, key=f"evu:{info.id}:{req.id}",
                                      max_upload_size=limit_mb("SEAL_MAX_EVIDENCE_BYTES"))
            title = st.text_input(_("What it is"), placeholder=req.title,
                                  key=f"evt:{info.id}:{req.id}")
            if st.form_submit_button(_("Attach the file"), type="primary"):
                if upload is None:
                    st.error(_("Choose a file first."))
                else:
                    try:
                        add_evidence_file(app_store(), user, info.id, req.id,
                                          title.strip() or req.title, upload.getvalue(),
                                          upload.name)
                    except SealError as e:
                        show_error(e)
                    else:
                        toast_saved(_("Evidence attached"))
                        rerun()
        with link_tab, st.form(f"evl:{info.id}:{req.id}", clear_on_submit=True):
            url = st.text_input(_("Web address"), placeholder="https://",
                                key=f"evlu:{info.id}:{req.id}")
            title = st.text_input(_("What it is"), placeholder=req.title,
                                  key=f"evlt:{info.id}:{req.id}")
            if st.form_submit_button(_("Add the link"), type="primary"):
                try:
                    add_evidence_link(app_store(), user, info.id, req.id,
                                      title.strip() or req.title, url)
                except SealError as e:
                    show_error(e)
                else:
                    toast_saved(_("Link added"))
                    rerun()
