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

__all__ = ["evidence_download", "evidence_section", "evidence_view", "file_size", "limit_mb"]

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


def evidence_view(user: Actor, item: EvidenceInfo) -> None:
    """An uploaded file shown in the page where a browser can show it safely: pictures, and
    plain text as text; anything else (PDF, office files) is downloaded to be opened."""
    media = item.media_type or ""
    if media.startswith("image/"):
        st.image(evidence_content(app_store(), user, item.id)[2], caption=item.original_name)
    elif media in ("text/plain", "text/csv"):
        text = evidence_content(app_store(), user, item.id)[2].decode("utf-8", "replace")
        st.text(text[:20000] + ("\n…" if len(text) > 20000 else ""))
    else:
        st.caption(_("This kind of file opens on your computer: download it."))


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
