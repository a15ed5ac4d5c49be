"""An administrator's own DOCX report templates: uploaded per report kind and language after a
check that stores nothing when it fails, listed, downloaded, replaced, deleted, audited, and
used for reports in that language (else English, else the shipped template); the same from
the command line."""

from __future__ import annotations

import io

import pytest

from .conftest import assessment_id, demo_actors

docx = pytest.importorskip("docx", reason="the reports extra (docxtpl, python-docx) is needed")
st = pytest.importorskip("seal_engine.store")

from seal_engine.reports.docx import shipped_template  # noqa: E402

ML24 = "valdoria-ministry-of-labour-2024"


def _own(kind: str = "pay", words: str = "Prepared for the Ministry's board") -> bytes:
    """The shipped template of ``kind`` with a paragraph of the administrator's own."""
    d = docx.Document(io.BytesIO(shipped_template(kind)))
    d.paragraphs[0].insert_paragraph_before(words)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _plain(*paragraphs: str) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def _head(store) -> int:
    return st.list_audit(store, st.SYSTEM, limit=1)[0].seq


def test_an_uploaded_template_is_used_for_its_kind_and_language(demo_store):
    from seal_engine.reports import report_bytes

    admin = demo_actors(demo_store)["admin"]
    info = st.upload_report_template(demo_store, admin, "pay", "en", _own(), "our-pay.docx")
    assert (info.kind, info.lang, info.filename) == ("pay", "en", "our-pay.docx")
    assert "admin@demo.seal" in info.uploaded_by
    assert [t.filename for t in st.list_report_templates(demo_store, admin)] == ["our-pay.docx"]
    aid = assessment_id(demo_store, ML24)
    pay = report_bytes(demo_store, st.SYSTEM, "pay", "docx", "en", aid)
    assert _paragraphs(pay)[0] == "Prepared for the Ministry's board"
    assert "Pay transparency report" in _paragraphs(pay)
    # another kind still uses the shipped template
    results = report_bytes(demo_store, st.SYSTEM, "results", "docx", "en", aid)
    assert _paragraphs(results)[0] == "Results report"
    entry = st.list_audit(demo_store, st.SYSTEM, limit=1, action="report_template.")[0]
    assert entry.action == "report_template.upload" and entry.actor_id == admin.user_id
    assert entry.payload["sha256"] == info.sha256 and entry.payload["replaced"] is None


def test_language_fallback_and_deletion(demo_store):
    admin = demo_actors(demo_store)["admin"]
    assert st.report_template(demo_store, "pay", "fr") is None  # the shipped one
    st.upload_report_template(demo_store, admin, "pay", "en", _own(words="EN"), "en.docx")
    assert st.report_template(demo_store, "pay", "fr").lang == "en"
    st.upload_report_template(demo_store, admin, "pay", "fr", _own(words="FR"), "fr.docx")
    assert st.report_template(demo_store, "pay", "FR").lang == "fr"
    found = st.report_template(demo_store, "pay", "fr-CA")
    assert (found.lang, found.filename) == ("fr", "fr.docx")
    assert _paragraphs(found.content)[0] == "FR"
    name, content, origin = st.report_template_content(demo_store, admin, "pay", "fr")
    assert (name, content, origin) == ("fr.docx", found.content, "uploaded")
    assert st.report_template_content(demo_store, admin, "portfolio", "fr") == (
        "portfolio.docx", shipped_template("portfolio"), "shipped")
    assert st.report_template_content(demo_store, admin, "pay", "fr", shipped=True)[2] == \
        "shipped"
    st.delete_report_template(demo_store, admin, "pay", "fr")
    assert st.report_template(demo_store, "pay", "fr").lang == "en"
    st.delete_report_template(demo_store, admin, "pay", "en")
    assert st.report_template(demo_store, "pay", "fr") is None
    actions = [e.action for e in st.list_audit(demo_store, st.SYSTEM, limit=4,
                                               action="report_template.")]
    assert actions == ["report_template.delete", "report_template.delete",
                       "report_template.upload", "report_template.upload"]
    with pytest.raises(st.NotFoundError, match="no pay report template uploaded for language"):
        st.delete_report_template(demo_store, admin, "pay", "en")


def test_a_new_upload_replaces_the_one_before(demo_store):
    admin = demo_actors(demo_store)["admin"]
    first = st.upload_report_template(demo_store, admin, "review", "en", _own("review"),
                                      "v1.docx")
    second = st.upload_report_template(demo_store, admin, "review", "en",
                                       _own("review", "Second version"), "v2.docx")
    assert [t.filename for t in st.list_report_templates(demo_store, admin)] == ["v2.docx"]
    entry = st.list_audit(demo_store, st.SYSTEM, limit=1, action="report_template.")[0]
    assert entry.payload["replaced"] == first.sha256 != second.sha256


@pytest.mark.parametrize("role", ["focal_point", "assessor", "programme_officer", "analyst"])
def test_only_administrators_upload_list_or_delete(demo_store, role):
    someone = demo_actors(demo_store)[role]
    head = _head(demo_store)
    with pytest.raises(st.PermissionDeniedError, match="may not upload report templates"):
        st.upload_report_template(demo_store, someone, "pay", "en", _own(), "x.docx")
    with pytest.raises(st.PermissionDeniedError):
        st.list_report_templates(demo_store, someone)
    with pytest.raises(st.PermissionDeniedError):
        st.delete_report_template(demo_store, someone, "pay", "en")
    assert _head(demo_store) == head
    assert st.list_report_templates(demo_store, st.SYSTEM) == []


BAD = [
    ("pay", "en", b"%PDF-1.4 a pdf", "board.pdf", "saved as .docx"),
    ("pay", "en", b"%PDF-1.4 a pdf", "board.docx", "not a ZIP package"),
    ("pay", "en", b"", "empty.docx", "empty"),
    ("pay", "en", None, "static.docx", "no template tags"),
    ("pay", "en", "{{ report.pay.nothing }}", "typo.docx", "does not have"),
    ("pay", "en", "{{ ''.__class__.__mro__ }}", "hostile.docx", "may not do"),
    ("pay", "en", "{% include '/etc/passwd' %}", "include.docx", "includes or imports"),
    ("results", "en", "{{ report.workforce.year }}", "wf.docx", "riverton-water-agency-2025"),
    ("payslip", "en", "{{ report }}", "k.docx", "unknown report kind 'payslip'"),
    ("pay", "english", "{{ report }}", "l.docx", "not a language tag"),
]


@pytest.mark.parametrize("kind, lang, content, name, why", BAD, ids=[b[3] for b in BAD])
def test_a_failed_check_names_the_file_and_stores_nothing(demo_store, kind, lang, content,
                                                          name, why):
    admin = demo_actors(demo_store)["admin"]
    if content is None:
        content = _plain("Our own report, the same every time")
    elif isinstance(content, str):
        content = _plain("Report", content)
    head = _head(demo_store)
    with pytest.raises(st.StoreError, match=why) as e:
        st.upload_report_template(demo_store, admin, kind, lang, content, name)
    if kind == "pay" and lang == "en":
        assert e.value.problems[0].file == name
    assert st.list_report_templates(demo_store, admin) == []
    assert _head(demo_store) == head


def test_a_file_over_the_limit_is_refused(demo_store, monkeypatch):
    import seal_engine.docx_template as T

    monkeypatch.setattr(T, "MAX_TEMPLATE_BYTES", 1000)
    admin = demo_actors(demo_store)["admin"]
    with pytest.raises(st.StoreError, match="over the limit of 1000"):
        st.upload_report_template(demo_store, admin, "pay", "en", _own(), "big.docx")
    assert st.list_report_templates(demo_store, admin) == []


def test_a_template_changed_in_the_database_is_refused(demo_store):
    admin = demo_actors(demo_store)["admin"]
    st.upload_report_template(demo_store, admin, "pay", "en", _own(), "our-pay.docx")
    assert st.verify_audit(demo_store).ok
    with demo_store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE report_template SET content = X'504b0304'")
    assert not st.verify_audit(demo_store).ok  # the audit trail names it too
    with pytest.raises(st.StoreError, match="does not match its SHA-256"):
        st.report_template(demo_store, "pay", "en")


# ------------------------------------------------------------------------------ the command line


def test_the_command_line(demo_store, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from seal_engine.cli import app

    monkeypatch.setenv("SEAL_DATABASE_URL", demo_store.url)
    runner = CliRunner()
    template = tmp_path / "our-pay.docx"
    template.write_bytes(_own())
    done = runner.invoke(app, ["report-templates", "upload", str(template), "--kind", "pay",
                               "--lang", "en"])
    assert done.exit_code == 0, done.output
    assert "pay report template for en" in done.output
    listed = runner.invoke(app, ["report-templates", "list"])
    assert listed.exit_code == 0 and "our-pay.docx" in listed.output
    copy = tmp_path / "copy.docx"
    got = runner.invoke(app, ["report-templates", "download", "--kind", "pay", "--lang", "en",
                              "-o", str(copy)])
    assert got.exit_code == 0, got.output
    assert copy.read_bytes() == template.read_bytes()
    shipped = tmp_path / "shipped.docx"
    got = runner.invoke(app, ["report-templates", "download", "--kind", "review", "--shipped",
                              "-o", str(shipped)])
    assert got.exit_code == 0 and shipped.read_bytes() == shipped_template("review")
    out = tmp_path / "pay.docx"
    made = runner.invoke(app, ["report", ML24, "--kind", "pay", "-f", "docx", "-o", str(out)])
    assert made.exit_code == 0, made.output
    assert _paragraphs(out.read_bytes())[0] == "Prepared for the Ministry's board"
    bad = tmp_path / "bad.docx"
    bad.write_bytes(_plain("{{ report.nothing }}"))
    refused = runner.invoke(app, ["report-templates", "upload", str(bad), "--kind", "pay"])
    assert refused.exit_code == 1 and "bad.docx" in refused.output
    assert "does not have" in refused.output
    gone = runner.invoke(app, ["report-templates", "delete", "--kind", "pay", "--lang", "en"])
    assert gone.exit_code == 0, gone.output
    assert "our-pay.docx" not in runner.invoke(app, ["report-templates", "list"]).output
