"""Evidence files stored by SHA-256 within the settings' limits, links, and passwords hashed
with argon2id and upgraded when the parameters change."""

from __future__ import annotations

import hashlib

import pytest

import seal_engine.store as st

from .conftest import assessment_id, demo_actors

PDF = b"%PDF-1.4\n evidence\n"


@pytest.fixture
def draft(demo_store):
    focal = demo_actors(demo_store)["focal_point"]
    return demo_store, focal, assessment_id(demo_store, "valdoria-ministry-of-labour-2025")


def test_files_are_stored_once_by_content(draft):
    store, focal, aid = draft
    before = st.store_overview(store, st.SYSTEM).evidence_files  # the demo's own documents
    first = st.add_evidence_file(store, focal, aid, "RI-01.impact_data", "Data", PDF,
                                 "C:\\Users\\me\\..\\impact\x07.pdf")
    second = st.add_evidence_file(store, focal, aid, "RI-02.monitoring_report", "Report", PDF,
                                  "/etc/passwd.pdf")
    name, media, content = st.evidence_content(store, focal, first)
    assert (name, media, content) == ("impact.pdf", "application/pdf", PDF)
    assert st.evidence_content(store, focal, second)[0] == "passwd.pdf"
    items = {e.id: e for e in st.get_assessment(store, focal, aid).evidence}
    assert items[first].sha256 == items[second].sha256 == hashlib.sha256(PDF).hexdigest()
    assert items[first].benchmark_id == "RI-01"
    assert st.store_overview(store, st.SYSTEM).evidence_files == before + 1


def test_limits_types_and_content_are_checked(draft, monkeypatch):
    store, focal, aid = draft
    with pytest.raises(st.StoreError, match="not accepted as evidence"):
        st.add_evidence_file(store, focal, aid, "RI-01.impact_data", "x", b"MZ", "tool.exe")
    with pytest.raises(st.StoreError, match="its content is not one"):
        st.add_evidence_file(store, focal, aid, "RI-01.impact_data", "x", b"<html>", "a.pdf")
    monkeypatch.setenv("SEAL_MAX_EVIDENCE_BYTES", "10")
    with pytest.raises(st.StoreError, match="over the limit"):
        st.add_evidence_file(store, focal, aid, "RI-01.impact_data", "x", PDF, "a.pdf")
    with pytest.raises(st.StoreError, match="asks for no evidence"):
        st.add_evidence_link(store, focal, aid, "NO-SUCH.req", "x", "https://example.org")
    with pytest.raises(st.StoreError, match="not a web link"):
        st.add_evidence_link(store, focal, aid, "RI-01.impact_data", "x", "javascript:alert(1)")
    link = st.add_evidence_link(store, focal, aid, "RI-01.impact_data", "Online",
                                "https://example.org/data")
    item = next(e for e in st.get_assessment(store, focal, aid).evidence if e.id == link)
    assert (item.kind, item.reference) == ("link", "https://example.org/data")
    st.remove_evidence(store, focal, link, item.version)
    assert link not in {e.id for e in st.get_assessment(store, focal, aid).evidence}


def test_passwords_are_argon2id_and_upgraded_at_sign_in(tmp_store, monkeypatch):
    from seal_engine.store.schema import app_user

    user = st.create_user(tmp_store, st.SYSTEM, email="Ana@Example.org", display_name="Ana",
                          password="a long password")

    def stored() -> str:
        with tmp_store.read() as conn:
            return conn.execute(app_user.select().where(app_user.c.id == user.id)).one()\
                .password_hash

    cheap = stored()
    assert cheap.startswith("$argon2id$") and "a long password" not in cheap
    with pytest.raises(st.StoreError, match="wrong e-mail address or password"):
        st.authenticate(tmp_store, "ana@example.org", "wrong password!")
    with pytest.raises(st.StoreError, match="wrong e-mail address or password"):
        st.authenticate(tmp_store, "nobody@example.org", "a long password")
    monkeypatch.setenv("SEAL_PASSWORD_PROFILE", "RFC_9106_LOW_MEMORY")
    assert st.authenticate(tmp_store, "ana@example.org", "a long password").user_id == user.id
    assert stored() != cheap and "m=65536" in stored()
    with pytest.raises(st.StoreError, match="at least 10"):
        st.create_user(tmp_store, st.SYSTEM, email="b@example.org", display_name="B",
                       password="short")
