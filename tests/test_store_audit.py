"""The audit trail: entries chain, payloads hold no personal data, the log is append-only, and
`verify_audit` names every edited, deleted, reordered or truncated entry, including a rewritten
tail caught by a checkpoint or a certificate."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

import seal_engine.store as st
from seal_engine.store.audit import GENESIS, entry_hash

from .conftest import open_test_store

_DROP = {
    "sqlite": ["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete",
               "DROP TRIGGER audit_head_forward", "DROP TRIGGER audit_head_no_delete"],
    "postgresql": ["DROP TRIGGER audit_log_append_only ON audit_log",
                   "DROP TRIGGER audit_head_forward ON audit_head"],
}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        return request.getfixturevalue("tmp_store")
    return open_test_store(request.getfixturevalue("pg_url"))


def _fill(store, count: int = 8) -> None:
    for i in range(count):
        st.create_institution(store, st.SYSTEM, code=f"INST-{i}", name=f"Institution {i}",
                              country="Valdoria", scope="national")


def _tamper(store, *statements: str) -> None:
    """What someone with the database owner's rights could do: drop the triggers, then write."""
    with store.engine.begin() as conn:
        for s in _DROP[store.dialect] + list(statements):
            conn.exec_driver_sql(s)


def test_a_clean_chain_verifies(store):
    _fill(store)
    report = st.verify_audit(store)
    assert report.ok and report.entries == 8 and report.head_seq == 8
    with store.read() as conn:
        rows = conn.execute(sa.text("SELECT * FROM audit_log ORDER BY seq")).all()
    prev = GENESIS
    for r in rows:  # the documented formula, recomputed here independently
        assert r.prev_hash == prev
        assert r.hash == entry_hash(r.seq, r.at, r.actor, r.action, r.entity, r.payload, prev)
        prev = r.hash


def test_payloads_hold_ids_not_personal_data(tmp_store):
    user = st.create_user(tmp_store, st.SYSTEM, email="maria.lopez@example.org",
                          display_name="María López", password="correct horse battery")
    st.set_password(tmp_store, st.SYSTEM, user.id, "another long password")
    with tmp_store.read() as conn:
        text = " ".join(r.payload + r.entity + r.actor for r in conn.execute(
            sa.text("SELECT payload, entity, actor FROM audit_log")))
    assert user.id in text
    for secret in ("maria", "López", "example.org", "correct horse", "another long"):
        assert secret not in text


def test_the_log_is_append_only(store):
    _fill(store, 3)
    for statement in ("UPDATE audit_log SET action = 'x' WHERE seq = 2",
                      "DELETE FROM audit_log WHERE seq = 3",
                      "UPDATE audit_head SET seq = 1 WHERE id = 1",
                      "DELETE FROM audit_head"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only|audit_head"):
            with store.engine.begin() as conn:
                conn.exec_driver_sql(statement)
    assert st.verify_audit(store).ok


def test_an_edited_entry_is_named(store):
    _fill(store)
    _tamper(store, "UPDATE audit_log SET payload = '{\"institution\":\"someone else\"}' "
                   "WHERE seq = 5")
    report = st.verify_audit(store)
    assert [(f.seq, f.kind) for f in report.findings] == [(5, "edited")]
    assert "entry 5" in report.findings[0].message


def test_an_edited_entry_with_its_hash_recomputed_is_named(store):
    _fill(store)
    with store.read() as conn:
        r = conn.execute(sa.text("SELECT * FROM audit_log WHERE seq = 4")).one()
    forged = entry_hash(4, r.at, "attacker", r.action, r.entity, r.payload, r.prev_hash)
    _tamper(store, f"UPDATE audit_log SET actor = 'attacker', hash = '{forged}' WHERE seq = 4")
    report = st.verify_audit(store)
    assert (4, "edited") in [(f.seq, f.kind) for f in report.findings]


def test_a_deleted_entry_is_named(store):
    _fill(store)
    _tamper(store, "DELETE FROM audit_log WHERE seq = 3")
    report = st.verify_audit(store)
    assert (3, "deleted") in [(f.seq, f.kind) for f in report.findings]
    assert "entry 3 missing" in str(report.findings[0])


def test_reordered_entries_are_named(store):
    _fill(store)
    _tamper(store, "UPDATE audit_log SET seq = 100 WHERE seq = 5",
            "UPDATE audit_log SET seq = 5 WHERE seq = 6",
            "UPDATE audit_log SET seq = 6 WHERE seq = 100")
    report = st.verify_audit(store)
    assert {(f.seq, f.kind) for f in report.findings} == {(5, "reordered"), (6, "reordered")}
    assert "written as entry 6" in next(f.message for f in report.findings if f.seq == 5)


def test_a_truncated_tail_is_named_by_the_head(store):
    _fill(store)
    _tamper(store, "DELETE FROM audit_log WHERE seq > 6")
    report = st.verify_audit(store)
    assert [(f.seq, f.kind) for f in report.findings] == [(7, "truncated")]
    assert "entries 7 to 8 were removed" in report.findings[0].message


def test_a_truncation_with_the_head_rewound_is_named_by_a_checkpoint(store, tmp_path):
    _fill(store)
    path = tmp_path / "head.json"
    path.write_text(json.dumps(st.audit_checkpoint(store)), encoding="utf-8")
    with store.read() as conn:
        six = conn.execute(sa.text("SELECT hash FROM audit_log WHERE seq = 6")).scalar_one()
    _tamper(store, "DELETE FROM audit_log WHERE seq > 6",
            f"UPDATE audit_head SET seq = 6, hash = '{six}'")
    # the chain alone cannot tell; the institutions' rows are sealed by entries past its end
    assert sorted((f.seq, f.kind, f.table) for f in st.verify_audit(store).findings) == [
        (7, "truncated", "row_seal"), (8, "truncated", "row_seal")]
    report = st.verify_audit(store, [st.read_checkpoint(path)])
    assert [(f.seq, f.kind) for f in report.findings] == [(8, "truncated")]


def test_a_rewritten_tail_is_named_by_a_checkpoint(store, tmp_path):
    _fill(store, 4)
    anchor = st.audit_checkpoint(store)
    with store.read() as conn:
        rows = conn.execute(sa.text("SELECT * FROM audit_log ORDER BY seq")).all()
    statements, prev = [], rows[1].hash
    for r in rows[2:]:  # rewrite entries 3 and 4 consistently, head included
        forged = entry_hash(r.seq, r.at, "attacker", r.action, r.entity, r.payload, prev)
        statements.append(f"UPDATE audit_log SET actor = 'attacker', prev_hash = '{prev}', "
                          f"hash = '{forged}' WHERE seq = {r.seq}")
        prev = forged
    statements.append(f"UPDATE audit_head SET hash = '{prev}'")
    _tamper(store, *statements)
    assert st.verify_audit(store).ok
    report = st.verify_audit(store, [(anchor["seq"], anchor["hash"], "head.json")])
    assert [(f.seq, f.kind) for f in report.findings] == [(4, "rewritten")]


def test_a_bad_checkpoint_file_is_located(tmp_path):
    path = tmp_path / "head.json"
    path.write_text("{\"seq\": \"x\"}", encoding="utf-8")
    with pytest.raises(st.StoreError, match="head.json: a checkpoint needs"):
        st.read_checkpoint(path)
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(st.StoreError, match="a checkpoint is JSON"):
        st.read_checkpoint(path)


def test_a_checkpoint_from_another_database_says_so(store, tmp_path):
    """A wrong SEAL_DATABASE_URL is not mistaken for deleted entries."""
    _fill(store)
    other = st.open_store(f"sqlite:///{tmp_path / 'other.db'}", create=True)
    try:
        _fill(other, 3)
        path = tmp_path / "head.json"
        path.write_text(json.dumps(st.audit_checkpoint(other)), encoding="utf-8")
        report = st.verify_audit(store, [st.read_checkpoint(path)])
    finally:
        other.close()
    assert [f.kind for f in report.findings] == ["other database"]
    assert "was written from another database" in report.findings[0].message
