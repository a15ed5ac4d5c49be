"""The bulk paths' inserts by the driver's executemany, and rows sealed from the values written
instead of read back (``seal_engine.store._bulk``): for every column type the store uses
(text, integers, floats, booleans, dates, date-times, null, bytes), what ``as_read`` works out
is what SQLAlchemy reads back from SQLite, so a row's hash from the values written equals the
hash ``verify_audit`` computes from the database; values SQLite would store otherwise than
given make it answer None (the caller reads back)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from seal_engine.store import _bulk, integrity
from seal_engine.store.schema import metadata

UTC = dt.UTC
_meta = sa.MetaData()
every = sa.Table(
    "every_type", _meta,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("text", sa.Text), sa.Column("short", sa.String(10)),
    sa.Column("number", sa.Integer), sa.Column("big", sa.BigInteger),
    sa.Column("real", sa.Float), sa.Column("flag", sa.Boolean),
    sa.Column("day", sa.Date), sa.Column("moment", sa.DateTime),
    sa.Column("content", sa.LargeBinary),
    sa.Column("counted", sa.Integer, server_default="1"),
)
NAMES = [c.name for c in every.columns]


@pytest.fixture
def conn(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'values.db'}")
    _meta.create_all(engine)
    with engine.begin() as c:
        yield c
    engine.dispose()


def _read(conn, rows):
    got = {r.id: tuple(r) for r in conn.execute(sa.select(every).order_by(every.c.id))}
    return [got[r["id"]] for r in rows]


def _row(i: int, **values) -> dict:
    return {"id": f"r{i:04d}", **{n: None for n in NAMES[1:] if n != "counted"},
            "counted": 1, **values}


def _random_rows(n: int, seed: int) -> list[dict]:
    rnd = random.Random(seed)
    texts = ["", "plain", "é ü 中文 😀", 'quote " back \\ slash', "tab\tnew\nline\x00nul",
             "12", "-3.5e2", " 7 ", "1e5x", "2025-06-30", None]
    out = []
    for i in range(n):
        out.append(_row(
            i, text=rnd.choice(texts), short=rnd.choice(texts),
            number=rnd.choice([0, -1, 2**31, 2**62, None, True, False]),
            big=rnd.choice([0, 2**63 - 1, -(2**63), None]),
            real=rnd.choice([0.0, -1.5, 1e300, 5e-324, 3, 2**53, None, 0.1 + 0.2, True]),
            flag=rnd.choice([True, False, None]),
            day=rnd.choice([dt.date(2025, 6, 30), dt.date(1, 1, 1), dt.date(9999, 12, 31),
                            dt.datetime(2024, 2, 29, 23, 59), None]),
            moment=rnd.choice([dt.datetime(2026, 12, 7, 20, 57, 33, 123456, tzinfo=UTC),
                               dt.datetime(2026, 1, 1), dt.datetime(1999, 12, 31, 23, 59, 59),
                               dt.datetime(2026, 3, 1, tzinfo=dt.timezone(
                                   dt.timedelta(hours=5))), None]),
            content=rnd.choice([b"", b"\x00\xffbytes", None]),
            counted=rnd.choice([1, 5, 0])))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_values_worked_out_are_the_values_read_back_for_every_column_type(conn, seed):
    rows = _random_rows(60, seed)
    _bulk.insert_rows(conn, every, rows)
    hashed = [n for n in NAMES if n != "content"]
    worked = _bulk.as_read(conn, every, rows, hashed)
    assert worked is not None
    read = [tuple(r[NAMES.index(n)] for n in hashed) for r in _read(conn, rows)]
    assert worked == read
    # and byte for byte as the seals hash them (types included: 1 is not 1.0 nor true)
    assert [integrity.canonical(list(w)) for w in worked] == [
        integrity.canonical(list(r)) for r in read]
    assert [tuple(r)[NAMES.index("content")] for r in _read(conn, rows)] == [
        r["content"] for r in rows]


@pytest.mark.parametrize("column,value", [
    ("text", 5), ("text", 1.5), ("short", True), ("number", "12"), ("number", 2.0),
    ("big", " 7 "), ("counted", "1e3"), ("counted", "-7"),
])
def test_a_value_sqlite_stores_otherwise_than_given_is_not_worked_out(conn, column, value):
    rows = [_row(1, **{column: value}), _row(2)]
    _bulk.insert_rows(conn, every, rows)
    read = _read(conn, rows)[0][NAMES.index(column)]
    assert (read, type(read)) != (value, type(value))  # stored otherwise
    assert _bulk.as_read(conn, every, rows, [column]) is None


def test_text_bound_to_a_float_column_is_worked_out_as_sqlalchemy_binds_it(conn):
    rows = [_row(1, real="1.5"), _row(2, real="-2e3")]
    _bulk.insert_rows(conn, every, rows)
    assert _bulk.as_read(conn, every, rows, ["real"]) == [(1.5,), (-2000.0,)] == [
        (r[NAMES.index("real")],) for r in _read(conn, rows)]


@pytest.mark.parametrize("column,value", [
    ("real", "x"), ("flag", "yes"), ("flag", 2), ("day", "2025-01-01"), ("moment", "x")])
def test_a_value_sqlalchemy_refuses_is_refused_with_its_error(conn, column, value):
    rows = [_row(1, **{column: value})]
    with pytest.raises(sa.exc.StatementError):
        _bulk.insert_rows(conn, every, rows)
    assert _bulk.as_read(conn, every, rows, [column]) is None


class _Decimal(sa.types.UserDefinedType):
    """A column of NUMERIC affinity with no conversion of its own."""

    cache_ok = True

    def get_col_spec(self, **kw):
        return "DECIMAL"


def test_text_that_is_not_a_number_in_a_numeric_column_is_worked_out(conn):
    nums = sa.Table("nums", _meta, sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("n", _Decimal()))
    nums.create(conn)
    rows = [{"id": 1, "n": "abc"}, {"id": 2, "n": None}]
    _bulk.insert_rows(conn, nums, rows)
    assert _bulk.as_read(conn, nums, rows, ["id", "n"]) == [
        tuple(r) for r in conn.execute(sa.select(nums).order_by(nums.c.id))]
    rows = [{"id": 3, "n": "12"}]
    _bulk.insert_rows(conn, nums, rows)
    assert conn.execute(sa.select(nums.c.n).where(nums.c.id == 3)).scalar() == 12
    assert _bulk.as_read(conn, nums, rows, ["n"]) is None


def test_a_column_left_to_its_server_default_is_read_back(conn):
    rows = [{k: v for k, v in _row(1).items() if k != "counted"}]
    _bulk.insert_rows(conn, every, rows)
    assert _bulk.as_read(conn, every, rows, ["id", "counted"]) is None
    assert _read(conn, rows)[0][NAMES.index("counted")] == 1
    rows = [{k: v for k, v in _row(2).items() if k != "text"}]
    _bulk.insert_rows(conn, every, rows)
    assert _bulk.as_read(conn, every, rows, ["id", "text"]) == [("r0002", None)]


def test_rows_with_different_keys_go_through_core_which_refuses_them(conn):
    rows = [_row(1, text="a"), {"id": "r0002", "number": 3}]
    with pytest.raises(sa.exc.StatementError):
        _bulk.insert_rows(conn, every, rows)
    assert _bulk.as_read(conn, every, rows, ["id"]) is None


def test_the_store_tables_rows_sealed_from_values_equal_those_read_back(conn):
    """integrity.written_rows (what the import seals) against integrity.rows_of (what the seals
    were made from before, and how verify_audit reads rows): the same hashes, on rows of the
    store's own tables with every kind of value they hold."""
    now = dt.datetime(2026, 12, 7, 21, 0, 0, 5, tzinfo=UTC)
    rows = {
        "institution": [{"id": "i1", "code": "X-1", "name": "Ü \"q\"", "country": "FR",
                         "scope": "national", "region": "r", "version": 1,
                         "updated_at": now, "updated_by": "system"}],
        "answer": [{"assessment_id": "a1", "question_id": f"Q{i}", "value": json.dumps(v),
                    "version": i, "updated_at": now, "updated_by": "system"}
                   for i, v in enumerate([1, 2.5, True, None, "x", [{"a": 1}]])],
        "evidence": [{"id": f"e{i}", "assessment_id": "a1", "position": i,
                      "benchmark_id": "B", "requirement_id": "B.r", "title": "t",
                      "kind": "reference", "date": d, "declared_status": "provided",
                      "version": 1, "updated_at": now, "updated_by": "system"}
                     for i, d in enumerate([dt.date(2025, 6, 30), None])],
        "result_benchmark": [{"assessment_id": "a1", "kind": "self", "benchmark_id": f"B{i}",
                              "dimension_id": "D", "status": "met", "points": p,
                              "max_points": 3} for i, p in enumerate([0, 1.5, 3])],
    }
    tables = [metadata.tables[n] for n in rows]
    metadata.create_all(conn, tables=tables)
    for table in tables:
        full = [{c.name: r.get(c.name) for c in table.columns} for r in rows[table.name]]
        _bulk.insert_rows(conn, table, full)
        cov = integrity.covered_table(table.name)
        ids = sorted({r[cov.by] for r in full})
        assert integrity.written_rows(conn, table.name, full) == integrity.rows_of(
            conn, table.name, ids)


def test_canonical_is_the_sorted_compact_json_of_the_standard_encoder():
    rnd = random.Random(7)
    atoms = [None, True, False, 0, -7, 2**70, 1.5, 1e-7, float("inf"), "é\"\\\x01", "",
             dt.date(2025, 1, 2), dt.datetime(2026, 1, 1, tzinfo=UTC)]

    def value(depth):
        kind = rnd.random()
        if depth > 3 or kind < 0.5:
            return rnd.choice(atoms)
        if kind < 0.75:
            return [value(depth + 1) for _ in range(rnd.randint(0, 4))]
        return {rnd.choice(["b", "a", "é", "z1", "A"]): value(depth + 1)
                for _ in range(rnd.randint(0, 4))}

    for _ in range(500):
        v = value(0)
        assert integrity.canonical(v) == json.dumps(
            v, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


@pytest.mark.parametrize("seed", range(6))
def test_row_hashes_made_without_sorting_each_row_are_the_definitions(seed):
    """integrity._row_entries (each row's object built in sorted order, a key of one text
    quoted directly) gives the keys and hashes of the definition (canonical JSON of the key
    values and of [table, key, {column: value}]), for every covered table's shape of key and
    scope and any values: text with quotes, backslashes, control and non-ASCII characters,
    numbers, booleans, nulls, dates and times."""
    rnd = random.Random(seed)
    atoms = [None, True, False, 0, 1, 1.0, 0.0, -7, 2**70, 1.5, 1e-7, float("inf"), float("nan"),
             'é"\\\x01\u2028', "", "plain", "[\"k\"]", dt.date(2025, 1, 2),
             dt.datetime(2026, 1, 1, 12, 30), dt.datetime(2026, 1, 1, tzinfo=UTC),
             # equal values written apart: a row's hash must not depend on the other rows
             -0.0, Decimal("1.0"), Decimal("1.00"),
             dt.datetime(2026, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))]
    for cov in integrity.COVERED:
        table = metadata.tables[cov.table]
        names = integrity._names(table)
        rows = []
        for _ in range(40):
            row = [rnd.choice(atoms) for _ in names]
            if cov.by is not None:
                row[names.index(cov.by)] = rnd.choice(["a1", "b\"2", "é"])
            rows.append(tuple(row))
        got = integrity._row_entries(cov, names, rows)
        want = integrity._row_entries_plain(cov, names, rows)
        assert got == want, cov.table
        for (scope, name, key, digest), r in zip(got, rows, strict=True):
            assert scope == (cov.scope if cov.by is None
                             else f"{cov.scope}:{r[names.index(cov.by)]}")
            text = json.dumps([name, key, dict(zip(names, r, strict=True))], sort_keys=True,
                              separators=(",", ":"), ensure_ascii=False, default=str)
            assert digest == hashlib.sha256(text.encode("utf-8")).hexdigest()
            assert key == json.dumps([r[names.index(k)] for k in cov.key], sort_keys=True,
                                     separators=(",", ":"), ensure_ascii=False, default=str)


def test_an_evidence_file_is_found_inside_its_folder_as_resolving_the_path_finds_it(tmp_path):
    """The import's look-up of an evidence file beside an assessment (one lstat a part)
    against the rule it replaces: the path resolved stays inside the folder and is a file."""
    import os

    from seal_engine.store.transfer import _file_inside

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("no")
    folder = tmp_path / "inst"
    (folder / "evidence" / "ab").mkdir(parents=True)
    (folder / "evidence" / "ab" / "plain.pdf").write_bytes(b"%PDF")
    (folder / "evidence" / "ab" / "dir").mkdir()
    os.symlink(outside / "secret.txt", folder / "evidence" / "ab" / "out.txt")
    os.symlink(folder / "evidence" / "ab" / "plain.pdf", folder / "evidence" / "ab" / "in.pdf")
    os.symlink(outside, folder / "evidence" / "up")
    os.symlink(folder / "evidence" / "ab", folder / "evidence" / "same")
    os.symlink(tmp_path / "nothing", folder / "evidence" / "ab" / "dangling")
    (folder / "note.txt").write_text("x")
    refs = ["evidence/ab/plain.pdf", "evidence/ab/dir", "evidence/ab/out.txt",
            "evidence/ab/in.pdf", "evidence/up/secret.txt", "evidence/same/plain.pdf",
            "evidence/ab/dangling", "evidence/ab/missing", "note.txt", "note.txt/x",
            "evidence", "evidence/ab"]
    folder = folder.resolve()
    for ref in refs:
        target = (folder / ref).resolve()
        expected = target.is_relative_to(folder) and target.is_file()
        found = _file_inside(folder, ref)
        assert (found is not None) == expected, ref
        if found is not None:
            assert Path(found[0]).read_bytes() == target.read_bytes()
            assert found[1] == target.stat().st_size


@pytest.mark.parametrize("value", ["", "plain", "é\"\\\n\x01 中文", 0, -5, 2**80, True, False,
                                   None, 1.5, 1e-300, -0.0, 3.0, 0.1 + 0.2])
def test_a_scalar_answer_is_stored_as_the_answers_encoder_writes_it(value):
    from seal_engine.store import _values

    assert _values.encode(value) == json.dumps(value, ensure_ascii=False,
                                               separators=(",", ":"))
    assert _values.decode(_values.encode(value)) == value


def test_a_push_failing_after_its_answers_are_written_leaves_the_database_as_it_was(
        tmp_store, monkeypatch):
    """The push checks and writes in one transaction: a failure after the answers are
    inserted (here, appending their audit entries) writes nothing, and the same push then
    goes through whole."""
    import seal_engine as se
    import seal_engine.store as st
    from seal_engine.store import audit

    from .test_store_bulk_writes import _counts, _draft, _example

    values = json.loads(se.load_assessment(_example()).model_dump_json())["answers"]
    values = {q: v for q, v in values.items() if v is not None}
    aid = _draft(tmp_store, "TST-9")
    before = _counts(tmp_store)
    real = audit.append_many

    def failing(conn, *args, **kwargs):
        got = conn.execute(sa.text("SELECT COUNT(*) FROM answer WHERE assessment_id = :a"),
                           {"a": aid}).scalar()
        assert got == len(values)  # written, in the transaction
        raise RuntimeError("stopped after the answers were written")

    monkeypatch.setattr(audit, "append_many", failing)
    with pytest.raises(RuntimeError):
        st.push_answers(tmp_store, st.SYSTEM, aid, values)
    assert _counts(tmp_store) == before
    monkeypatch.setattr(audit, "append_many", real)
    done = st.push_answers(tmp_store, st.SYSTEM, aid, values)
    assert set(done.written) == set(values)
    assert st.verify_audit(tmp_store).ok
