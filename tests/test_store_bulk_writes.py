"""Bulk writes (issue 24, item 4): `import_assessments` writes a batch in one statement per table
and appends the audit entries it would have appended one by one, each submitted assessment
scored once; `push_answers` likewise for one assessment's answers.  What is stored, audited
and sealed is what the one-by-one path stores, and a failure anywhere changes nothing."""

from __future__ import annotations

import json
import random

import pytest
import sqlalchemy as sa

import seal_engine as se
import seal_engine.store as st
from seal_engine.store import audit, integrity
from seal_engine.store.assessments import compute, save_answers
from seal_engine.store.schema import audit_log

TABLES = ("institution", "assessment", "answer", "na_claim", "evidence", "evidence_blob",
          "workforce_file", "result_assessment", "result_benchmark", "audit_log", "row_seal")


def _counts(store) -> dict:
    with store.read() as conn:
        return {t: conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in TABLES}


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    folder = tmp_path_factory.mktemp("portfolio")
    se.generate_portfolio(folder, 4, file_format="json", workforce=True,
                          years=(2023, 2024, 2025), force=True)
    return folder


def _files(folder):
    return sorted(folder.rglob("*.json"))


def test_a_batch_is_stored_sealed_and_scored_once_as_the_stored_rows_score(
        tmp_store, portfolio, monkeypatch):
    calls = []
    real = se.score

    def counting(*args, **kwargs):
        calls.append(args[1].id)
        return real(*args, **kwargs)

    monkeypatch.setattr(se, "score", counting)
    files = _files(portfolio)
    report = st.import_assessments(tmp_store, st.SYSTEM, files)
    assert len(report.assessments) == len(files)
    submitted = [json.loads(f.read_text("utf-8")) for f in files]
    submitted = [d["id"] for d in submitted if d.get("status") == "submitted"]
    assert sorted(calls) == sorted(submitted) and submitted  # once each, drafts never
    monkeypatch.setattr(se, "score", real)
    assert st.verify_audit(tmp_store).ok
    with tmp_store.read() as conn:
        from seal_engine.store._common import assessment_row

        for code in submitted:
            aid = conn.execute(sa.text("SELECT id FROM assessment WHERE code = :c"),
                               {"c": code}).scalar()
            row = assessment_row(conn, st.SYSTEM, aid)
            expected = compute(conn, row)[2]  # built back from the stored rows, explained
            stored = conn.execute(sa.text(
                "SELECT level, score, points, max_points FROM result_assessment "
                "WHERE assessment_id = :a AND kind = 'self'"), {"a": aid}).one()
            assert tuple(stored) == (expected.level, expected.score, expected.points,
                                     expected.max_points)
            statuses = dict(conn.execute(sa.text(
                "SELECT benchmark_id, status FROM result_benchmark WHERE assessment_id = :a"),
                {"a": aid}).all())
            assert statuses == {b.id: b.status.value for b in expected.benchmarks}
        # one evidence.add entry per evidence item, one assessment.create per assessment
        actions = dict(conn.execute(sa.select(audit_log.c.action, sa.func.count())
                                    .group_by(audit_log.c.action)).all())
        assert actions["evidence.add"] == conn.execute(
            sa.text("SELECT COUNT(*) FROM evidence")).scalar()
        assert actions["assessment.create"] == len(files)
        assert actions["institution.create"] == len(report.institutions)
        # the assessment's version counts its evidence items and staff file, as one by one
        for version, items, wf in conn.execute(sa.text(
                "SELECT a.version, (SELECT COUNT(*) FROM evidence e WHERE e.assessment_id = "
                "a.id), (SELECT COUNT(*) FROM workforce_file w WHERE w.assessment_id = a.id) "
                "FROM assessment a")):
            assert version == 1 + items + wf
    # what export writes back is what was imported
    out = portfolio.parent / "out"
    st.export_assessments(tmp_store, st.SYSTEM, out, force=True)
    assert len(list(out.rglob("*.yaml"))) >= len(files)


def test_a_bad_record_in_the_middle_of_a_batch_leaves_the_database_as_it_was(
        tmp_store, portfolio, tmp_path):
    files = _files(portfolio)[:5]
    st.import_assessments(tmp_store, st.SYSTEM, files[:1])
    before = _counts(tmp_store)
    bad = tmp_path / "bad"
    bad.mkdir()
    chosen = []
    for i, f in enumerate(files[1:]):
        data = json.loads(f.read_text("utf-8"))
        if i == 2:  # the middle one asks for evidence its standard does not ask for
            data["evidence"][0]["requirement"] = "LC-01.no_such_requirement"
        (bad / str(i)).mkdir()
        target = bad / str(i) / f.name
        target.write_text(json.dumps(data), "utf-8")
        if data.get("workforce"):
            (target.parent / data["workforce"]).write_bytes(
                (f.parent / data["workforce"]).read_bytes())
        chosen.append(target)
    (bad / "standards").symlink_to(portfolio / "standards")
    with pytest.raises(st.StoreError) as e:
        st.import_assessments(tmp_store, st.SYSTEM, chosen)
    assert "LC-01.no_such_requirement" in str(e.value)
    assert _counts(tmp_store) == before
    assert st.verify_audit(tmp_store).ok


def test_a_failure_after_the_rows_are_written_leaves_the_database_as_it_was(
        tmp_store, portfolio, monkeypatch):
    import seal_engine.store.transfer as t

    before = _counts(tmp_store)
    seen = []

    def hook(path):
        seen.append(path)
        if len(seen) == 3:
            raise RuntimeError("stopped in the middle")

    monkeypatch.setattr(t, "after_each", hook)
    with pytest.raises(RuntimeError):
        st.import_assessments(tmp_store, st.SYSTEM, _files(portfolio))
    assert _counts(tmp_store) == before
    monkeypatch.setattr(t, "after_each", None)
    st.import_assessments(tmp_store, st.SYSTEM, _files(portfolio))
    assert st.verify_audit(tmp_store).ok


def test_scope_digests_in_memory_are_the_stores():
    rng = random.Random(7)
    rows = {}
    seals = audit.seals._ScopeSeals({})
    for _ in range(200):
        key = (rng.choice(["answer", "evidence", "assessment"]), json.dumps([f"k{rng.random()}"]))
        digest = f"{rng.getrandbits(256):064x}"
        rows[key] = digest
        seals.put(key, digest)
        assert seals.digest() == integrity.scope_digest(rows)
    kept = {k: (h, 3) for k, h in rows.items()}
    again = audit.seals._ScopeSeals(kept)
    first = next(iter(rows))
    assert not again.put(first, rows[first])
    rows[first] = "f" * 64
    assert again.put(first, "f" * 64) and again.digest() == integrity.scope_digest(rows)


def _draft(store, code):
    a = se.load_assessment(_example())
    with store.read() as conn:
        stored = conn.execute(sa.text("SELECT COUNT(*) FROM standard")).scalar()
    if not stored:
        st.import_assessments(store, st.SYSTEM, [se.find_standard(a.standard.id,
                                                                  a.standard.version)])
    inst = st.create_institution(store, st.SYSTEM, code=code, name="Bureau of Tests",
                                 country="Valdoria", scope="national")
    import datetime as dt

    return st.create_assessment(store, st.SYSTEM, inst.id, a.standard.id, a.standard.version,
                                dt.date(2025, 1, 1), dt.date(2025, 12, 31)).id


def _example():
    from .conftest import ROOT

    return ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"


def _entries(store, aid):
    with store.read() as conn:
        out = []
        for action, payload in conn.execute(sa.select(audit_log.c.action, audit_log.c.payload)
                                            .where(audit_log.c.entity == f"assessment:{aid}")
                                            .order_by(audit_log.c.seq)):
            p = json.loads(payload)
            p.pop("rows_sha256", None)
            p.pop("assessment", None)
            if action == "answer.save":
                out.append((action, p))
        return out


def _state(store, aid):
    with store.read() as conn:
        answers = sorted(tuple(r) for r in conn.execute(sa.text(
            "SELECT question_id, value, version FROM answer WHERE assessment_id = :a"),
            {"a": aid}))
        version = conn.execute(sa.text("SELECT version FROM assessment WHERE id = :a"),
                               {"a": aid}).scalar()
    return answers, version


def test_a_push_stores_and_audits_what_saving_each_answer_does(tmp_store):
    values = json.loads(se.load_assessment(_example()).model_dump_json())["answers"]
    values = {q: v for q, v in values.items() if v is not None}
    pushed, saved = _draft(tmp_store, "TST-1"), _draft(tmp_store, "TST-2")
    done = st.push_answers(tmp_store, st.SYSTEM, pushed, values, source="test")
    assert set(done.written) == set(values) and set(done.written.values()) == {1}
    save_answers(tmp_store, st.SYSTEM, [st.AnswerWrite(saved, q, v, 0)
                                        for q, v in values.items()], source="test")
    assert _state(tmp_store, pushed) == _state(tmp_store, saved)
    assert _entries(tmp_store, pushed) == _entries(tmp_store, saved)
    # changed again: an update, one version up, audited as saving it one by one does
    first = next(q for q, v in values.items() if v == "yes")
    done = st.push_answers(tmp_store, st.SYSTEM, pushed, {first: "no"})
    save_answers(tmp_store, st.SYSTEM, [st.AnswerWrite(saved, first, "no", 1)])
    assert _state(tmp_store, pushed) == _state(tmp_store, saved)
    assert _entries(tmp_store, pushed) == _entries(tmp_store, saved)
    assert done.written == {first: 2}
    assert st.verify_audit(tmp_store).ok


def test_a_stale_push_writes_nothing(tmp_store):
    values = json.loads(se.load_assessment(_example()).model_dump_json())["answers"]
    values = {q: v for q, v in list(values.items()) if v is not None}
    aid = _draft(tmp_store, "TST-3")
    st.push_answers(tmp_store, st.SYSTEM, aid, values)
    before, entries = _state(tmp_store, aid), _counts(tmp_store)
    q = next(iter(values))
    with pytest.raises(st.StaleWriteError):
        st.push_answers(tmp_store, st.SYSTEM, aid, {q: None}, versions={q: 7})
    assert _state(tmp_store, aid) == before and _counts(tmp_store) == entries
    assert st.verify_audit(tmp_store).ok


@pytest.mark.postgres
def test_a_batch_and_a_push_on_postgres(pg_url, portfolio):
    from .conftest import open_test_store

    store = open_test_store(pg_url)
    before = _counts(store)
    files = _files(portfolio)
    st.import_assessments(store, st.SYSTEM, files)
    assert _counts(store)["assessment"] == before["assessment"] + len(files)
    values = json.loads(se.load_assessment(_example()).model_dump_json())["answers"]
    values = {q: v for q, v in values.items() if v is not None}
    aid = _draft(store, "TST-PG")
    done = st.push_answers(store, st.SYSTEM, aid, values)
    assert set(done.written.values()) == {1}
    assert st.verify_audit(store).ok


@pytest.mark.parametrize("seed", range(40))
def test_scope_digests_with_a_hashed_prefix_are_the_stores(seed):
    """The digest kept with a hashed prefix: rows added and changed anywhere, before and after
    the prefix, some digests skipped; each digest is the store's."""
    rng = random.Random(seed)
    tables = ["answer", "assessment", "evidence", "na_claim", "result_benchmark",
              "workforce_file"]
    kept = {(rng.choice(tables), json.dumps([f"k{rng.random()}"])): (f"{i:064x}", 1)
            for i in range(rng.randrange(0, 30))}
    rows = {k: h for k, (h, _) in kept.items()}
    seals = audit.seals._ScopeSeals(kept)
    for _ in range(150):
        if rows and rng.random() < 0.3:
            key = rng.choice(sorted(rows))
        else:
            key = (rng.choice(tables), json.dumps([f"k{rng.random()}"]))
        digest = f"{rng.getrandbits(256):064x}"
        rows[key] = digest
        assert seals.put(key, digest)
        if rng.random() < 0.5:
            assert seals.digest() == integrity.scope_digest(rows)
    assert seals.digest() == integrity.scope_digest(rows)


@pytest.mark.parametrize("seed", range(30))
def test_seals_put_together_are_those_put_one_by_one(seed):
    """_ScopeSeals.put_many (an entry sealing many rows) leaves the seals, the digests and
    which rows changed as putting each row does: rows new, changed, unchanged, before and
    after the hashed prefix."""
    rng = random.Random(seed)
    tables = ["answer", "assessment", "evidence", "result_benchmark"]
    kept = {(rng.choice(tables), json.dumps([f"k{rng.random()}"])): (f"{i:064x}", 1)
            for i in range(rng.randrange(0, 60))}
    together, alone = audit.seals._ScopeSeals(dict(kept)), audit.seals._ScopeSeals(dict(kept))
    rows = {k: h for k, (h, _) in kept.items()}
    for _ in range(12):
        batch = {}
        for _ in range(rng.randrange(0, 40)):
            if rows and rng.random() < 0.4:
                key = rng.choice(sorted(rows))
                digest = rows[key] if rng.random() < 0.5 else f"{rng.getrandbits(256):064x}"
            else:
                key = (rng.choice(tables), json.dumps([f"k{rng.random()}"]))
                digest = f"{rng.getrandbits(256):064x}"
            batch[key] = digest
        changed = together.put_many(batch)
        assert changed == [k for k, d in batch.items() if alone.put(k, d)]
        rows.update(batch)
        if rng.random() < 0.7:
            assert together.digest() == alone.digest() == integrity.scope_digest(rows)
    assert together.order == alone.order and together.hashes == alone.hashes
    assert together.digest() == integrity.scope_digest(rows)


def test_scope_digests_of_keys_with_any_character_are_the_stores():
    """Seal texts quoted by the strings' encoder: keys (and table names) with quotes,
    backslashes, control and non-ASCII characters give the store's digest."""
    rng = random.Random(11)
    alphabet = ["a", "Z", '"', "\\", "\n", "\x00", "\x1f", " ", "é", "\u2028", "\x7f", "/",
                "[", ",", "😀"]
    rows = {}
    seals = audit.seals._ScopeSeals({})
    for _ in range(300):
        word = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 8)))
        key = (rng.choice(["answer", "ta\"ble", "é"]), json.dumps([word], ensure_ascii=False)
               if rng.random() < 0.5 else word)
        digest = f"{rng.getrandbits(256):064x}"
        rows[key] = digest
        seals.put(key, digest)
        assert seals.digest() == integrity.scope_digest(rows)


def test_entry_hashes_written_directly_are_the_canonical_jsons():
    """audit.chain.entry_hash (and value_hash) is the SHA-256 of the canonical JSON of the
    entry's fields (of the value), for texts with any character and for fields that are not
    texts (written by the encoder)."""
    import hashlib

    from seal_engine.store.audit.chain import canonical, entry_hash, value_hash

    rng = random.Random(5)
    alphabet = ["a", "Z", '"', "\\", "\n", "\x00", "\x1f", " ", "é", "\u2028", "😀", "{"]

    def text():
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))

    for i in range(3000):
        fields = [rng.choice([i, 2**70, -1]), text(), text(), text(), text(), text(), text()]
        if i % 10 == 0:  # not every field a text: the encoder writes them
            fields[rng.randrange(1, 7)] = rng.choice([None, 3, 1.5, True])
        if i % 17 == 0:
            fields[0] = rng.choice([True, 2.0, "7"])
        want = hashlib.sha256(canonical(fields).encode("utf-8")).hexdigest()
        assert entry_hash(*fields) == want
        value = fields[rng.randrange(0, 7)]
        assert value_hash(value) == hashlib.sha256(
            canonical(value).encode("utf-8")).hexdigest()


def test_row_keys_quoted_directly_are_the_canonical_json():
    """audit.chain.string_list is canonical() of a list of strings, quotes, backslashes,
    control characters and any other character included."""
    from seal_engine.store.audit.chain import canonical, string_list

    rng = random.Random(3)
    alphabet = ["a", "Z", '"', "\\", "\n", "\x00", "\x1f", " ", "é", "\u2028", "\x7f", "/",
                "[", ",", "\ud800", "😀"]
    for _ in range(20_000):
        values = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 6)))
                  for _ in range(rng.randrange(0, 4))]
        assert string_list(values) == canonical(values) == string_list(tuple(values))


def _copied(portfolio, tmp_path, change):
    """The portfolio's first files copied with their staff files, ``change(i, data, staff)``
    applied to each (``staff`` the staff file's text); the copies."""
    out = []
    for i, f in enumerate(_files(portfolio)[:4]):
        data = json.loads(f.read_text("utf-8"))
        (tmp_path / str(i)).mkdir()
        staff = (f.parent / data["workforce"]).read_text("utf-8")
        staff = change(i, data, staff)
        target = tmp_path / str(i) / f.name
        target.write_text(json.dumps(data), "utf-8")
        if staff is not None:
            (target.parent / data["workforce"]).write_text(staff, "utf-8")
        out.append(target)
    (tmp_path / "standards").symlink_to(portfolio / "standards")
    return out


def test_each_staff_file_is_read_once_checked_stored_and_scored_from_the_same_bytes(
        tmp_store, portfolio, tmp_path, monkeypatch):
    import seal_engine.workforce.load as load

    files = _copied(portfolio, tmp_path, lambda i, data, staff: staff)
    parsed = []
    real = load.parse_rows
    monkeypatch.setattr(load, "parse_rows",
                        lambda rows, *a, **kw: parsed.append(rows.name) or real(rows, *a, **kw))
    st.import_assessments(tmp_store, st.SYSTEM, files)
    assert len(parsed) == len(files) == len(set(parsed))  # one parse a file, checked by it
    with tmp_store.read() as conn:
        stored = {r.code: bytes(r.content) for r in conn.execute(sa.text(
            "SELECT a.code, w.content FROM workforce_file w JOIN assessment a "
            "ON a.id = w.assessment_id"))}
    for f in files:
        data = json.loads(f.read_text("utf-8"))
        assert stored[data["id"]] == (f.parent / data["workforce"]).read_bytes()
    assert st.verify_audit(tmp_store).ok


def test_staff_file_problems_are_named_with_the_others_and_nothing_is_imported(
        tmp_store, portfolio, tmp_path):
    def change(i, data, staff):
        if i == 1:  # a bad answer and a staff file with a row of an unknown sex
            data["answers"]["no_such_question"] = True
            lines = staff.splitlines()
            head = next(x for x in lines if not x.startswith("#")).split(",")
            row = lines[-1].split(",")
            for col, name in enumerate(head):
                if name.strip().lower() == "sex":
                    row[col] = "dragon"
            return "\n".join([*lines, ",".join(row)]) + "\n"
        if i == 2:  # a staff file outside the assessment's folder
            data["workforce"] = "../elsewhere.csv"
            (tmp_path / "elsewhere.csv").write_text(staff, "utf-8")
            return None
        return staff

    files = _copied(portfolio, tmp_path, change)
    before = _counts(tmp_store)
    with pytest.raises(st.StoreError) as e:
        st.import_assessments(tmp_store, st.SYSTEM, files)
    text = str(e.value)
    assert "no_such_question" in text and "dragon" in text and "elsewhere.csv" in text
    where = [p.file or "" for p in e.value.problems]
    assert any(w.endswith(".csv") for w in where)  # the bad row located in its staff file
    assert _counts(tmp_store) == before


def test_the_collector_is_off_while_a_bulk_write_runs_and_as_it_was_after(
        tmp_store, portfolio, tmp_path, monkeypatch):
    """The import and the push turn the cyclic garbage collector off while they run (their
    rows and entries live until the commit) and put it back as it was: after a success, after
    a failure, and left off when the caller had it off."""
    import gc

    from seal_engine.store import pushes, transfer

    seen = []
    real_all, real_write = transfer._import_all, pushes._write_all

    def import_all(*args):
        seen.append(("import", gc.isenabled()))
        return real_all(*args)

    def write_all(*args):
        seen.append(("push", gc.isenabled()))
        return real_write(*args)

    monkeypatch.setattr(transfer, "_import_all", import_all)
    monkeypatch.setattr(pushes, "_write_all", write_all)
    assert gc.isenabled()
    st.import_assessments(tmp_store, st.SYSTEM, _files(portfolio)[:2])
    assert seen == [("import", False)] and gc.isenabled()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(st.StoreError):
        st.import_assessments(tmp_store, st.SYSTEM, [bad])
    assert gc.isenabled()
    aid = _draft(tmp_store, "TST-GC")
    values = json.loads(se.load_assessment(_example()).model_dump_json())["answers"]
    st.push_answers(tmp_store, st.SYSTEM, aid, {q: v for q, v in values.items() if v})
    assert seen[-1] == ("push", False) and gc.isenabled()
    with pytest.raises(se.AssessmentError):
        st.push_answers(tmp_store, st.SYSTEM, aid, {"no-such-question": 1})
    assert gc.isenabled()
    gc.disable()
    try:
        st.import_assessments(tmp_store, st.SYSTEM, _files(portfolio)[2:3])
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert st.verify_audit(tmp_store).ok
