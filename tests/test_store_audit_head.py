"""The audit head moves forward over several entries at once (migration 0013), so that a bulk
write moves it with one statement; a move over entries that are missing, do not follow the head
or do not follow each other is refused, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

import seal_engine.store as st
from seal_engine.store import audit
from seal_engine.store.schema import audit_head

from .conftest import open_test_store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        return request.getfixturevalue("tmp_store")
    return open_test_store(request.getfixturevalue("pg_url"))


def _head(conn) -> tuple[int, str]:
    row = conn.execute(sa.text("SELECT seq, hash FROM audit_head WHERE id = 1")).one()
    return row.seq, row.hash


def _entries(conn, count: int, *, links: dict[int, str] | None = None,
             skip: int | None = None) -> list[tuple[int, str]]:
    """Append ``count`` entries after the head without moving it (``links`` overrides the
    ``prev_hash`` of an entry by its place, ``skip`` leaves one place empty): their
    ``(seq, hash)``."""
    seq, prev = _head(conn)
    out = []
    for i in range(count):
        seq += 1
        digest = f"{seq:064x}"
        if i != skip:
            conn.execute(sa.text(
                "INSERT INTO audit_log (seq, at, actor, action, entity, payload, prev_hash, "
                "hash) VALUES (:seq, '2026-12-07T00:00:00+00:00', 'system', 'test.entry', "
                "'programme', '{}', :prev, :hash)"),
                {"seq": seq, "prev": (links or {}).get(i, prev), "hash": digest})
        out.append((seq, digest))
        prev = digest
    return out


def _move(conn, seq: int, digest: str) -> None:
    conn.execute(sa.text("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1"),
                 {"seq": seq, "hash": digest})


def _refused(store, make) -> None:
    """``make(conn)`` appends entries and moves the head; the trigger refuses the move and the
    transaction leaves the log and the head as they were."""
    with store.read() as conn:
        before = _head(conn), conn.execute(sa.text("SELECT count(*) FROM audit_log")).scalar()
    with pytest.raises(sa.exc.DatabaseError, match="audit_head only moves forward"):
        with store.engine.begin() as conn:
            make(conn)
    with store.read() as conn:
        assert (_head(conn), conn.execute(sa.text("SELECT count(*) FROM audit_log")).scalar()
                ) == before


def _fill(store, count: int = 3) -> None:
    for i in range(count):
        st.create_institution(store, st.SYSTEM, code=f"INST-{i}", name=f"Institution {i}",
                              country="Valdoria", scope="national")


def test_the_head_moves_over_entries_appended_in_order(store):
    _fill(store)
    with store.engine.begin() as conn:
        written = _entries(conn, 5)
        _move(conn, *written[-1])
    with store.engine.begin() as conn:  # one entry at a time, as before
        written = _entries(conn, 1)
        _move(conn, *written[-1])
    with store.read() as conn:
        assert _head(conn) == written[-1]


def test_a_jump_over_a_missing_entry_is_refused(store):
    _fill(store)

    def make(conn):
        written = _entries(conn, 5, skip=2)
        _move(conn, *written[-1])

    _refused(store, make)


def test_a_jump_to_entries_that_do_not_follow_the_head_is_refused(store):
    _fill(store)

    def make(conn):
        written = _entries(conn, 4, links={0: "f" * 64})
        _move(conn, *written[-1])

    _refused(store, make)


def test_a_jump_over_entries_out_of_order_is_refused(store):
    _fill(store)

    def make(conn):
        written = _entries(conn, 4, links={2: "e" * 64})  # the third follows no entry
        _move(conn, *written[-1])

    _refused(store, make)


def test_a_jump_naming_another_hash_or_going_back_is_refused(store):
    _fill(store)

    def wrong_hash(conn):
        written = _entries(conn, 3)
        _move(conn, written[-1][0], "d" * 64)

    def back(conn):
        seq, _ = _head(conn)
        digest = conn.execute(sa.text("SELECT hash FROM audit_log WHERE seq = :s"),
                              {"s": seq - 1}).scalar_one()
        _move(conn, seq - 1, digest)

    def still(conn):
        _entries(conn, 2)
        _move(conn, *_head(conn))

    for make in (wrong_hash, back, still):
        _refused(store, make)


def test_a_bulk_write_moves_the_head_once(store):
    _fill(store, 1)
    moves = []

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("UPDATE AUDIT_HEAD"):
            moves.append(len(parameters) if executemany else 1)

    with store.write() as conn:
        with audit.unnoted(conn):
            done = audit.append_many(conn, store, st.SYSTEM.user_id, [
                audit.Pending("test.entry", "notices", {"n": i}) for i in range(40)])
    sa.event.remove(store.engine, "before_cursor_execute", count)
    assert moves == [1]
    with store.read() as conn:
        assert _head(conn) == done[-1]
    assert st.verify_audit(store).ok


def test_before_the_migration_the_head_moved_one_entry_at_a_time(tmp_store):
    _fill(tmp_store)
    st.downgrade(tmp_store, "0012")
    try:
        def make(conn):
            written = _entries(conn, 2)
            _move(conn, *written[-1])

        with pytest.raises(sa.exc.DatabaseError, match="just appended"):
            with tmp_store.engine.begin() as conn:
                make(conn)
    finally:
        st.upgrade(tmp_store)
    _refused(tmp_store, lambda conn: _move(conn, *_entries(conn, 2, skip=0)[-1]))
    with tmp_store.engine.begin() as conn:
        _move(conn, *_entries(conn, 2)[-1])
    with tmp_store.read() as conn:
        assert conn.execute(sa.select(audit_head.c.seq)).scalar() == 5
