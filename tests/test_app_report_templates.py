"""The administrator's Report templates section, driven by ``AppTest``: a Word template
uploaded, checked and kept (then used for reports), a bad one refused with its file named and
nothing kept, the template in effect downloaded, one deleted."""

from __future__ import annotations

import io

import pytest

import seal_engine.store as st

from .appkit import button, no_failure, open_app, store, texts

docx = pytest.importorskip("docx", reason="the reports extra (docxtpl, python-docx) is needed")


def _template(kind: str, first: str | None = None, *, tags: bool = True) -> bytes:
    from seal_engine.reports.docx import shipped_template

    d = docx.Document(io.BytesIO(shipped_template(kind))) if tags else docx.Document()
    if first is not None:
        if d.paragraphs:
            d.paragraphs[0].insert_paragraph_before(first)
        else:
            d.add_paragraph(first)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _upload(at, kind: str, lang: str, name: str, data: bytes):
    at.selectbox(key="tpl_kind").set_value(kind)
    at.text_input(key="tpl_lang").input(lang)
    at.file_uploader(key="tpl_upload").set_value((name, data, "application/octet-stream")).run()
    return button(at, "Check and keep the template").click().run()


def test_a_template_is_uploaded_listed_and_deleted(app_db):
    at = open_app("admin", "admin")
    at.session_state["admin_tabs"] = "Report templates"  # only the open tab is made
    at.run()
    no_failure(at)
    assert "No template uploaded" in texts(at)
    _upload(at, "pay", "fr", "notre-rapport.docx", _template("pay", "Rapport du ministère"))
    no_failure(at)
    [kept] = st.list_report_templates(store(), st.SYSTEM)
    assert (kept.kind, kept.lang, kept.filename) == ("pay", "fr", "notre-rapport.docx")
    table = [d.value for d in at.dataframe if "Language" in d.value.columns][0]
    assert list(table["File"]) == ["notre-rapport.docx"]
    found = st.report_template(store(), "pay", "fr")
    assert docx.Document(io.BytesIO(found.content)).paragraphs[0].text == "Rapport du ministère"
    at.selectbox(key="tpl_delete_choice").set_value("pay:fr").run()
    button(at, "Delete the template").click().run()
    no_failure(at)
    assert st.list_report_templates(store(), st.SYSTEM) == []


def test_a_bad_template_is_refused_with_its_file_named(app_db):
    at = open_app("admin", "admin")
    at.session_state["admin_tabs"] = "Report templates"  # only the open tab is made
    at.run()
    _upload(at, "results", "en", "static.docx", _template("results", "Hello", tags=False))
    shown = [e.value.replace("\\", "") for e in at.error]
    assert any("static.docx was not kept" in e and "no template tags" in e for e in shown), shown
    assert not at.exception
    assert st.list_report_templates(store(), st.SYSTEM) == []


def test_the_template_in_effect_is_offered_for_download(app_db):
    from seal_engine.reports.docx import shipped_template

    at = open_app("admin", "admin")
    at.session_state["admin_tabs"] = "Report templates"  # only the open tab is made
    at.run()
    labels = [b.label for b in at.get("download_button")]
    assert "Download results.docx (shipped)" in labels
    admin = st.actor_for(store(), st.find_user(store(), st.SYSTEM, "admin@demo.seal").id)
    st.upload_report_template(store(), admin, "results", "en", _template("results", "Ours"),
                              "ours.docx")
    at.selectbox(key="tpl_get_kind").set_value("results").run()
    no_failure(at)
    labels = [b.label for b in at.get("download_button")]
    assert "Download ours.docx (uploaded)" in labels
    at.toggle(key="tpl_shipped").set_value(True).run()
    assert "Download results.docx (shipped)" in [b.label for b in at.get("download_button")]
    assert shipped_template("results").startswith(b"PK")


def test_the_results_page_offers_the_word_report_in_the_uploaded_template(app_db):
    pytest.importorskip("weasyprint")
    admin = st.actor_for(store(), st.find_user(store(), st.SYSTEM, "admin@demo.seal").id)
    st.upload_report_template(store(), admin, "results", "en",
                              _template("results", "Ministry of Labour: our results"),
                              "ours.docx")
    at = open_app("focal_point", "results")
    button(at, "Prepare the report").click().run(timeout=180)
    no_failure(at)
    assert "Download Word (DOCX)" in [b.label for b in at.download_button]
    [(_when, files)] = [v for k, v in at.session_state.items()
                        if k.startswith("report:results:") and isinstance(v, tuple)]
    first = docx.Document(io.BytesIO(files["docx"])).paragraphs[0].text
    assert first == "Ministry of Labour: our results"
