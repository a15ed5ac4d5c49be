"""Tamper evidence for business data: rows changed, added or deleted in the database behind
the engine's back (raw SQL, guards dropped) are named by `verify_audit` and by `seal audit
verify`, on SQLite and PostgreSQL; the engine's own later writes do not hide them; databases
from before tamper evidence are reported once and sealed by a baseline; checkpoints are signed
with the programme's key and a forged one is refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import seal_engine.store as st
from seal_engine.cli import app
from seal_engine.store import (
    audit_checkpoint,
    integrity,
    read_checkpoint,
    seal_baseline,
    verify_audit,
)
from seal_engine.store.audit import ROWS, entry_hash
from seal_engine.store.schema import metadata

from .conftest import assessment_id, demo_actors, open_test_store

ML24 = "valdoria-ministry-of-labour-2024"
ML25 = "valdoria-ministry-of-labour-2025"
HPH24 = "highlands-provincial-health-2024"
NSO25 = "valdoria-national-statistics-office-2025"

_DROP = {
    "sqlite": ["DROP TRIGGER IF EXISTS audit_log_no_update",
               "DROP TRIGGER IF EXISTS audit_log_no_delete",
               "DROP TRIGGER IF EXISTS audit_head_forward",
               "DROP TRIGGER IF EXISTS audit_head_no_delete"],
    "postgresql": ["DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
                   "DROP TRIGGER IF EXISTS audit_head_forward ON audit_head"],
}


def _raw(store):
    """A connection of its own to the same database, as someone with the owner's rights has:
    no service, no audit entry; the guards (triggers) dropped first."""
    engine = sa.create_engine(store.url)
    conn = engine.connect()
    trans = conn.begin()
    for statement in _DROP[store.dialect]:
        conn.exec_driver_sql(statement)

    class Raw:
        def q(self, sql, **params):
            return conn.execute(sa.text(sql), params).all()

        def x(self, sql, **params):
            conn.execute(sa.text(sql), params)

        def done(self):
            trans.commit()
            conn.close()
            engine.dispose()

    return Raw()


def _one(raw, sql, **params):
    rows = raw.q(sql, **params)
    assert rows, sql
    return rows[0][0]


# Each attack: change the database behind the engine's back; return what verify must say:
# (kind, table, a piece of the row's key, the record it belongs to).

def _verdict(store, raw):
    aid = assessment_id(store, HPH24)
    bench = _one(raw, "SELECT benchmark_id FROM benchmark_review WHERE assessment_id = :a "
                 "AND status <> 'met' ORDER BY benchmark_id", a=aid)
    raw.x("UPDATE benchmark_review SET status = 'met', decision = 'override', "
          "justification = 'forged' WHERE assessment_id = :a AND benchmark_id = :b",
          a=aid, b=bench)
    return "changed", "benchmark_review", bench, HPH24


def _score(store, raw):
    aid = assessment_id(store, ML24)
    raw.x("UPDATE result_assessment SET score = 97.5, level = 'gold' "
          "WHERE assessment_id = :a AND kind = 'reviewed'", a=aid)
    return "changed", "result_assessment", "reviewed", ML24


def _answer(store, raw):
    aid = assessment_id(store, ML25)
    question = _one(raw, "SELECT question_id FROM answer WHERE assessment_id = :a "
                    "ORDER BY question_id", a=aid)
    raw.x("UPDATE answer SET value = '\"forged\"' WHERE assessment_id = :a "
          "AND question_id = :q", a=aid, q=question)
    return "changed", "answer", question, ML25


def _certificate(store, raw):
    aid = assessment_id(store, ML24)
    raw.x("UPDATE certificate SET level = 'gold', valid_until = :d WHERE assessment_id = :a",
          a=aid, d=dt.date(2099, 12, 31))
    cert = _one(raw, "SELECT id FROM certificate WHERE assessment_id = :a", a=aid)
    return "changed", "certificate", cert, ML24


def _admin(store, raw):
    user = _one(raw, "SELECT id FROM app_user WHERE email = 'focal@demo.seal'")
    raw.x("INSERT INTO role_grant (id, user_id, role, institution_id, country, scope_key, "
          "granted_at, granted_by) VALUES ('f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0', :u, 'admin', "
          "NULL, NULL, '', :t, 'system')", u=user, t=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    return "added", "role_grant", "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0", "focal@demo.seal"


def _evidence(store, raw):
    aid = assessment_id(store, ML25)
    eid = _one(raw, "SELECT id FROM evidence e WHERE assessment_id = :a AND NOT EXISTS "
               "(SELECT 1 FROM evidence_review r WHERE r.evidence_id = e.id) ORDER BY id", a=aid)
    raw.x("DELETE FROM evidence WHERE id = :e", e=eid)
    return "deleted", "evidence", eid, ML25


def _new_answer(store, raw):
    aid = assessment_id(store, ML25)
    raw.x("INSERT INTO answer (assessment_id, question_id, value, version, updated_at, "
          "updated_by) VALUES (:a, 'GA-01.forged', '5', 1, :t, 'system')", a=aid,
          t=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    return "added", "answer", "GA-01.forged", ML25


ATTACKS = {"verdict": _verdict, "score": _score, "answer": _answer,
           "certificate": _certificate, "admin role": _admin, "evidence deleted": _evidence,
           "answer inserted": _new_answer}


def _named(report, kind, table, key, record):
    found = [f for f in report.findings if f.kind == kind and f.table == table
             and key in f.key]
    assert found, [str(f) for f in report.findings]
    assert record in found[0].message and "behind the engine's back" in found[0].message
    return found[0]


def _cli_verify(url, monkeypatch, *args):
    monkeypatch.setenv("SEAL_DATABASE_URL", url)
    return CliRunner().invoke(app, ["audit", "verify", *map(str, args)])


# ------------------------------------------------------------------------------ coverage


def test_every_table_is_sealed_or_left_out_with_a_reason():
    covered = {c.table for c in integrity.COVERED}
    assert not covered & set(integrity.NOT_COVERED)
    unclassified = {t for t in metadata.tables} - covered - set(integrity.NOT_COVERED)
    assert not unclassified, f"say whether these tables are business data: {unclassified}"
    for c in integrity.COVERED:
        if c.table in metadata.tables:
            table = metadata.tables[c.table]
            assert all(k in table.c for k in c.key) and (c.by is None or c.by in table.c)


def test_an_untouched_demo_verifies_clean_rows_included(demo_store):
    report = verify_audit(demo_store)
    assert report.ok, [str(f) for f in report.findings]
    assert report.rows_checked > 2000 and report.unsealed == []
    with demo_store.read() as conn:
        sealed = conn.execute(sa.select(sa.func.count()).select_from(integrity.row_seal)
                              ).scalar_one()
    assert sealed == report.rows_checked


# ------------------------------------------------------------------------------ SQLite


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_each_change_behind_the_engines_back_is_named(demo_store, attack, monkeypatch):
    raw = _raw(demo_store)
    kind, table, key, record = ATTACKS[attack](demo_store, raw)
    raw.done()
    report = verify_audit(demo_store)
    finding = _named(report, kind, table, key, record)
    assert [f.kind for f in report.findings] == [kind]  # that row and nothing else
    if kind != "added":  # the entry that last wrote it is named
        assert finding.seq > 0 and f"audit entry {finding.seq}" in finding.message
    r = _cli_verify(demo_store.url, monkeypatch)
    assert r.exit_code == 1
    assert f"error: {kind}: {table} row" in r.output and key in r.output


def test_the_engines_own_later_writes_do_not_hide_a_change(demo_store):
    """A verdict forged on an assessment under review stays named after the assessor and the
    engine write the same assessment again (rows nobody wrote keep their seals)."""
    aid = assessment_id(demo_store, NSO25)
    raw = _raw(demo_store)
    forged = _one(raw, "SELECT benchmark_id FROM benchmark_review WHERE assessment_id = :a "
                  "ORDER BY benchmark_id", a=aid)
    raw.x("UPDATE benchmark_review SET status = 'met', justification = 'forged' "
          "WHERE assessment_id = :a AND benchmark_id = :b", a=aid, b=forged)
    raw.done()
    assessor = demo_actors(demo_store)["assessor"]
    status = st.review_status(demo_store, assessor, aid)
    other = next(v.benchmark_id for v in status.benchmarks if v.open)
    st.review_benchmark(demo_store, assessor, aid, other, "confirm", 0)
    report = verify_audit(demo_store)
    assert [(f.kind, f.table, integrity.key_text(f.key)) for f in report.findings] == [
        ("changed", "benchmark_review", forged)]
    raw = _raw(demo_store)
    version = _one(raw, "SELECT version FROM benchmark_review WHERE assessment_id = :a "
                   "AND benchmark_id = :b", a=aid, b=forged)
    raw.done()
    st.withdraw_verdict(demo_store, assessor, aid, forged, version)  # the engine deletes it
    assert verify_audit(demo_store).ok  # what was forged is gone, through the engine


def test_a_row_changed_with_its_seal_is_named_by_the_entry(demo_store):
    aid = assessment_id(demo_store, ML25)
    raw = _raw(demo_store)
    question = _one(raw, "SELECT question_id FROM answer WHERE assessment_id = :a "
                    "ORDER BY question_id", a=aid)
    raw.x("UPDATE answer SET value = '9' WHERE assessment_id = :a AND question_id = :q",
          a=aid, q=question)
    raw.done()
    with demo_store.read() as conn:  # the seal recomputed as the engine would
        forged = integrity.scope_rows(conn, f"assessment:{aid}")[
            ("answer", json.dumps([question]))]
    raw = _raw(demo_store)
    raw.x("UPDATE row_seal SET row_hash = :h WHERE scope = :s AND table_name = 'answer' "
          "AND row_key = :k", h=forged, s=f"assessment:{aid}", k=json.dumps([question]))
    raw.done()
    report = verify_audit(demo_store)
    assert [f.kind for f in report.findings] == ["seals"]
    assert ML25 in report.findings[0].message and "do not match audit entry" in \
        report.findings[0].message


@pytest.mark.parametrize("seq", [3, 10**9])
def test_a_forged_user_with_forged_seals_is_named(demo_store, seq):
    """An administrator inserted with seals computed as the engine would: no entry of the log
    holds their digest (seq 3 belongs to another record), or the seals name an entry past the
    end of the log."""
    uid = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0"
    raw = _raw(demo_store)
    raw.x("INSERT INTO app_user (id, email, display_name, password_hash, active, version, "
          "updated_at, updated_by) VALUES (:u, 'mallory@example.org', 'Mallory', 'x', :t, 1, "
          ":w, 'system')", u=uid, t=True, w=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    raw.x("INSERT INTO role_grant (id, user_id, role, institution_id, country, scope_key, "
          "granted_at, granted_by) VALUES (:u, :u, 'admin', NULL, NULL, '', :w, 'system')",
          u=uid, w=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    raw.done()
    with demo_store.read() as conn:
        rows = integrity.scope_rows(conn, f"user:{uid}")
    raw = _raw(demo_store)
    for (table, key), digest in rows.items():
        raw.x("INSERT INTO row_seal (scope, table_name, row_key, row_hash, seq) "
              "VALUES (:s, :t, :k, :h, :q)", s=f"user:{uid}", t=table, k=key, h=digest, q=seq)
    raw.done()
    report = verify_audit(demo_store)
    assert [(f.kind, f.table, f.scope) for f in report.findings] == [
        ("seals" if seq == 3 else "truncated", "row_seal", f"user:{uid}")]
    assert "mallory@example.org" in report.findings[0].message


def test_a_replaced_file_is_named(demo_store):
    aid = assessment_id(demo_store, ML25)
    raw = _raw(demo_store)
    raw.x("UPDATE workforce_file SET content = :c WHERE assessment_id = :a", a=aid,
          c=b"grade,sex\nP5,F\n")
    raw.done()
    report = verify_audit(demo_store)
    assert [(f.kind, f.table) for f in report.findings] == [("changed", "workforce_file")]
    assert "content no longer gives its SHA-256" in report.findings[0].message


def test_a_stored_file_swapped_for_another_is_named(demo_store):
    """The head's letter of commitment is replaced by another file stored under its own
    SHA-256: the file the sealed row names is gone."""
    raw = _raw(demo_store)
    old = _one(raw, "SELECT letter_sha256 FROM commitment ORDER BY id")
    content = b"%PDF-1.4 forged"
    raw.x("UPDATE evidence_blob SET content = :c, sha256 = :h, size = :n WHERE sha256 = :o",
          c=content, h=hashlib.sha256(content).hexdigest(), n=len(content), o=old)
    raw.done()
    report = verify_audit(demo_store)
    assert [(f.kind, f.table, integrity.key_text(f.key)) for f in report.findings] == [
        ("deleted", "evidence_blob", old)]
    assert "commitment.letter_sha256 names is no longer stored" in report.findings[0].message


def test_rows_written_after_the_entry_are_sealed_at_commit(demo_store):
    """Submitting stores the self-assessed result after the transition's entry: an audit.seal
    entry in the same transaction seals it, so nothing the engine writes is left unsealed."""
    focal = demo_actors(demo_store)["focal_point"]
    aid = assessment_id(demo_store, ML25)
    st.submit_assessment(demo_store, focal, aid, st.find_assessment(demo_store, focal, aid).version)
    seal, submit = st.list_audit(demo_store, st.SYSTEM, limit=2)
    assert (submit.action, seal.action) == ("assessment.submit", "audit.seal")
    assert seal.entity == submit.entity == f"assessment:{aid}"
    assert seal.payload == {"after": submit.seq} and seal.rows_sha256
    with demo_store.read() as conn:
        seqs = set(conn.execute(sa.select(integrity.row_seal.c.seq).where(
            integrity.row_seal.c.scope == f"assessment:{aid}",
            integrity.row_seal.c.table_name == "result_assessment")).scalars())
    assert seqs == {seal.seq}
    assert verify_audit(demo_store).ok


def test_the_engines_own_writes_leave_every_row_sealed(demo_store):
    """Renewal, revocation, claims, evidence, users, roles, institutions, assignments: what the
    services write verifies clean, each step."""
    actors = demo_actors(demo_store)
    focal, programme = actors["focal_point"], actors["programme_officer"]

    def clean():
        report = verify_audit(demo_store)
        assert report.ok, [str(f) for f in report.findings]

    ml24 = assessment_id(demo_store, ML24)
    new = st.renew_assessment(demo_store, focal, ml24, dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    clean()
    info = st.get_assessment(demo_store, focal, new)
    item = info.evidence[0]
    st.remove_evidence(demo_store, focal, item.id, item.version)
    bench = next(iter(info.not_applicable), None)
    if bench is not None:
        version = st.get_assessment(demo_store, focal, new).not_applicable[bench].version
        st.withdraw_not_applicable(demo_store, focal, new, bench, version)
    clean()
    cert = next(c for c in st.list_certificates(demo_store, st.SYSTEM)
                if c.assessment_code != ML24)
    st.revoke_certificate(demo_store, programme, cert.id, "Tamper-evidence test")
    clean()
    analyst = st.find_user(demo_store, st.SYSTEM, "analyst@demo.seal")
    st.set_password(demo_store, st.SYSTEM, analyst.id, "another long password")
    st.set_user_active(demo_store, st.SYSTEM, analyst.id, False)
    st.set_user_active(demo_store, st.SYSTEM, analyst.id, True)
    st.grant_role(demo_store, st.SYSTEM, analyst.id, "assessor")
    st.revoke_role(demo_store, st.SYSTEM, analyst.id, "assessor")
    inst = st.get_institution(demo_store, st.SYSTEM, "VAL-MLSP")
    st.update_institution(demo_store, st.SYSTEM, inst.id, inst.version, sector="Labour")
    clean()
    hph = assessment_id(demo_store, "valdoria-ministry-of-public-works-2025")
    assessor = st.find_user(demo_store, st.SYSTEM, "assessor@demo.seal")
    st.assign_assessor(demo_store, st.SYSTEM, hph, assessor.id)
    st.unassign_assessor(demo_store, st.SYSTEM, hph, assessor.id)
    clean()


def test_a_write_of_the_engine_with_no_entry_is_sealed_by_the_system(demo_store, monkeypatch):
    """A password hash upgraded at sign-in (new SEAL_PASSWORD_PROFILE) is written without an
    audit entry of its own: the system seals it, and nothing is reported."""
    with demo_store.read() as conn:
        before = conn.execute(sa.text("SELECT password_hash FROM app_user "
                                      "WHERE email = 'analyst@demo.seal'")).scalar_one()
    monkeypatch.setenv("SEAL_PASSWORD_PROFILE", "RFC_9106_LOW_MEMORY")
    actor = st.authenticate(demo_store, "analyst@demo.seal", "demo-analyst-password")
    with demo_store.read() as conn:
        after = conn.execute(sa.text("SELECT password_hash FROM app_user "
                                     "WHERE email = 'analyst@demo.seal'")).scalar_one()
    assert after != before  # upgraded
    newest = st.list_audit(demo_store, st.SYSTEM, limit=1)[0]
    assert (newest.action, newest.entity, newest.actor_id) == (
        "audit.seal", f"user:{actor.user_id}", "system")
    assert verify_audit(demo_store).ok


# ------------------------------------------------------------------------------ PostgreSQL


@pytest.mark.postgres
def test_each_change_is_named_on_postgres(pg_url, monkeypatch):
    store = open_test_store(pg_url)
    st.init_demo(store)
    assert verify_audit(store).ok
    expected = []
    for attack in ATTACKS.values():
        raw = _raw(store)
        expected.append(attack(store, raw))
        raw.done()
    report = verify_audit(store)
    for kind, table, key, record in expected:
        _named(report, kind, table, key, record)
    assert len(report.findings) == len(expected)
    r = _cli_verify(pg_url, monkeypatch)
    assert r.exit_code == 1
    for kind, table, key, _ in expected:
        assert f"error: {kind}: {table} row" in r.output and key in r.output


# ------------------------------------------------------------------------------ older databases


def _as_before_tamper_evidence(store) -> None:
    """Make the database look like one written before tamper evidence: no seals, no digests
    in the entries (the chain, the head and the certificates' anchors recomputed)."""
    raw = _raw(store)
    rows = raw.q("SELECT seq, at, actor, action, entity, payload FROM audit_log ORDER BY seq")
    raw.x("DELETE FROM row_seal")
    raw.x("UPDATE audit_log SET prev_hash = 'x' || CAST(seq AS TEXT), hash = 'y' || "
          "CAST(seq AS TEXT)")  # out of the way of the unique constraints
    prev, hashes = "0" * 64, {}
    for r in rows:
        payload = {k: v for k, v in json.loads(r.payload).items() if k != ROWS}
        if r.action == "audit.seal":
            payload = {"after": payload["after"]}
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = entry_hash(r.seq, r.at, r.actor, r.action, r.entity, text, prev)
        raw.x("UPDATE audit_log SET payload = :p, prev_hash = :v, hash = :h WHERE seq = :s",
              p=text, v=prev, h=digest, s=r.seq)
        prev, hashes[r.seq] = digest, digest
    raw.x("UPDATE audit_head SET hash = :h", h=prev)
    for seq, digest in hashes.items():
        raw.x("UPDATE certificate SET audit_hash = :h WHERE audit_seq = :s", h=digest, s=seq)
    raw.done()


def test_an_older_database_is_reported_once_then_sealed_by_a_baseline(demo_store, monkeypatch):
    _as_before_tamper_evidence(demo_store)
    report = verify_audit(demo_store)
    assert [f.kind for f in report.findings] == ["unsealed"]  # once, not per row
    assert "seal audit baseline" in report.findings[0].message
    assert len(report.unsealed) >= 9 + 5 + 7  # assessments, users, institutions...
    # the engine writing one record seals what it wrote, and nothing else is taken as added
    focal = demo_actors(demo_store)["focal_point"]
    aid = assessment_id(demo_store, ML25)
    version = st.get_assessment(demo_store, focal, aid).answers["GA-01.meetings"].version
    st.save_answer(demo_store, focal, aid, "GA-01.meetings", 3, version)
    assert verify_audit(demo_store).kinds() == {"unsealed"}
    r = CliRunner().invoke(app, ["audit", "baseline"],
                           env={"SEAL_DATABASE_URL": demo_store.url})
    assert r.exit_code == 0, r.output
    assert "with audit.baseline entries" in r.output
    report = verify_audit(demo_store)
    assert report.ok and report.unsealed == [], [str(f) for f in report.findings]
    # from now on a change is named, and a second baseline does not bless it
    raw = _raw(demo_store)
    kind, table, key, record = _score(demo_store, raw)
    raw.done()
    assert seal_baseline(demo_store, st.SYSTEM)[:2] == (0, 0)
    _named(verify_audit(demo_store), kind, table, key, record)


def test_a_baseline_leaves_out_records_no_entry_ever_wrote(demo_store):
    _as_before_tamper_evidence(demo_store)
    raw = _raw(demo_store)
    raw.x("INSERT INTO app_user (id, email, display_name, password_hash, active, version, "
          "updated_at, updated_by) VALUES ('e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1', "
          "'ghost@example.org', 'Ghost', 'x', :t, 1, :w, 'system')", t=True,
          w=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    raw.done()
    with pytest.raises(st.PermissionDeniedError):  # administrators only
        seal_baseline(demo_store, demo_actors(demo_store)["focal_point"])
    records, rows, left = seal_baseline(demo_store, st.SYSTEM)
    assert records > 0 and rows > 0 and left == ["user:e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1"]
    report = verify_audit(demo_store)
    assert [(f.kind, f.table) for f in report.findings] == [("added", "app_user")]


# ------------------------------------------------------------------------------ checkpoints


@pytest.fixture(scope="module")
def keys():
    from seal_engine.signing import generate_private_key, private_key_from_pem

    return private_key_from_pem(generate_private_key()), \
        private_key_from_pem(generate_private_key())


def _jwks(*ks):
    from seal_engine.signing import public_jwk

    return {"keys": [public_jwk(k) for k in ks]}


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_signed_checkpoint_is_checked_before_it_is_trusted(tmp_store, tmp_path, keys):
    key, other = keys
    for i in range(4):
        st.create_institution(tmp_store, st.SYSTEM, code=f"I-{i}", name=f"Institution {i}",
                              country="Valdoria", scope="national")
    cp = audit_checkpoint(tmp_store, key)
    assert cp["kid"] == key.kid and cp["token"].count(".") == 2
    from seal_engine.signing import verify

    claims = verify(cp["token"], _jwks(key))
    import warnings

    from joserfc import jws
    from joserfc.jwk import KeySet

    with warnings.catch_warnings():  # a third party's JOSE library checks it the same way
        warnings.simplefilter("ignore")
        checked = jws.deserialize_compact(cp["token"], KeySet.import_key_set(_jwks(key)),
                                          algorithms=["EdDSA"])
    assert json.loads(checked.payload) == claims
    assert (claims["seq"], claims["hash"], claims["database"]) == (cp["seq"], cp["hash"],
                                                                   cp["first"])
    good = read_checkpoint(_write(tmp_path, "good.json", cp))
    report = verify_audit(tmp_store, [good], jwks=_jwks(key))
    assert report.ok and report.anchors_checked == 1
    # the same head signed by a key the programme does not publish: refused, not used
    forged = read_checkpoint(_write(tmp_path, "forged.json", audit_checkpoint(tmp_store, other)))
    report = verify_audit(tmp_store, [forged], jwks=_jwks(key))
    assert [f.kind for f in report.findings] == ["forged"]
    assert "forged.json is not genuine" in report.findings[0].message
    # one character of the signed claims changed
    head, body, sig = cp["token"].split(".")
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    bare = tmp_path / "flipped.jws"
    bare.write_text(f"{head}.{flipped}.{sig}", encoding="utf-8")
    try:
        anchor = read_checkpoint(bare)
    except st.StoreError:
        pass  # no longer even readable as a checkpoint: refused as well
    else:
        assert verify_audit(tmp_store, [anchor], jwks=_jwks(key)).kinds() == {"forged"}
    # the readable fields edited to match a rewritten log: the signed claims disagree
    with pytest.raises(st.StoreError, match="edited after it was signed"):
        read_checkpoint(_write(tmp_path, "edited.json", {**cp, "seq": cp["seq"] - 1}))


def test_a_signed_checkpoint_names_a_rewritten_tail(tmp_store, tmp_path, keys):
    key, _ = keys
    for i in range(4):
        st.create_institution(tmp_store, st.SYSTEM, code=f"I-{i}", name=f"Institution {i}",
                              country="Valdoria", scope="national")
    anchor = read_checkpoint(_write(tmp_path, "head.json", audit_checkpoint(tmp_store, key)))
    raw = _raw(tmp_store)
    rows = raw.q("SELECT * FROM audit_log ORDER BY seq")
    prev = rows[1].hash
    for r in rows[2:]:  # entries 3 and 4 rewritten consistently, head included
        forged = entry_hash(r.seq, r.at, "attacker", r.action, r.entity, r.payload, prev)
        raw.x("UPDATE audit_log SET actor = 'attacker', prev_hash = :p, hash = :h "
              "WHERE seq = :s", p=prev, h=forged, s=r.seq)
        prev = forged
    raw.x("UPDATE audit_head SET hash = :h", h=prev)
    raw.done()
    assert verify_audit(tmp_store).ok  # the database alone cannot tell
    report = verify_audit(tmp_store, [anchor], jwks=_jwks(key))
    assert [(f.seq, f.kind) for f in report.findings] == [(4, "rewritten")]


def test_cli_signs_checkpoints_with_the_programmes_key(demo_store, tmp_path, keys,
                                                      monkeypatch):
    from seal_engine.signing import generate_private_key

    pem = tmp_path / "programme.pem"
    pem.write_bytes(generate_private_key())
    monkeypatch.setenv("SEAL_DATABASE_URL", demo_store.url)
    monkeypatch.setenv("SEAL_SIGNING_KEY", str(pem))
    runner = CliRunner()
    r = runner.invoke(app, ["audit", "checkpoint", "-o", str(tmp_path / "head.json")])
    assert r.exit_code == 0 and "(signed, key " in r.output, r.output
    data = json.loads((tmp_path / "head.json").read_text("utf-8"))
    assert data["token"] and data["kid"]
    from seal_engine.signing import load_private_key

    jwks = _write(tmp_path, "keys.json", _jwks(load_private_key(pem)))
    r = runner.invoke(app, ["audit", "verify", "-c", str(tmp_path / "head.json"),
                            "--jwks", str(jwks)])
    assert r.exit_code == 0 and "business rows match their seals" in r.output, r.output
    other = _write(tmp_path, "other.json", _jwks(keys[1]))
    r = runner.invoke(app, ["audit", "verify", "-c", str(tmp_path / "head.json"),
                            "--jwks", str(other)])
    assert r.exit_code == 1 and "forged" in r.output and "is not genuine" in r.output
    r = runner.invoke(app, ["audit", "verify", "--jwks", str(tmp_path / "head.json")])
    assert r.exit_code == 2 and "is not a JWKS" in r.output
