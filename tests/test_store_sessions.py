"""Sign-in sessions: started by a right password only, found by their token until they end or
expire, never storing the token, ended by signing out, by an admin or by deactivation; the
audit trail records starts and ends, and admins read the trail page by page."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

import seal_engine.store as st
from seal_engine.errors import PermissionDeniedError

from .conftest import open_test_store

FOCAL = ("focal@demo.seal", "demo-focal-password")


def test_a_session_finds_its_user_until_signed_out(demo_store):
    token, actor = st.start_session(demo_store, *FOCAL)
    assert len(token) >= 40
    found = st.session_actor(demo_store, token)
    assert found is not None and found.user_id == actor.user_id
    assert found.institutions  # the roles come along
    assert st.end_session(demo_store, token) is True
    assert st.session_actor(demo_store, token) is None
    assert st.end_session(demo_store, token) is False


def test_a_wrong_password_starts_nothing(demo_store):
    with pytest.raises(st.StoreError, match="wrong e-mail address or password"):
        st.start_session(demo_store, FOCAL[0], "not the password")
    with demo_store.read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM user_session")).scalar() == 0


def test_the_token_itself_is_never_stored(demo_store):
    token, _ = st.start_session(demo_store, *FOCAL)
    with demo_store.read() as conn:
        rows = [tuple(map(str, r)) for r in conn.execute(sa.text("SELECT * FROM user_session"))]
        log = [r.payload for r in conn.execute(sa.text("SELECT payload FROM audit_log"))]
    assert rows and not any(token in cell for row in rows for cell in row)
    assert not any(token in p for p in log)


@pytest.mark.parametrize("token", [None, "", "x" * 500, "made-up-token", 42])
def test_unknown_or_odd_tokens_find_nobody(demo_store, token):
    assert st.session_actor(demo_store, token) is None


def test_a_session_expires(tmp_path, _demo_db, monkeypatch):
    import shutil

    monkeypatch.setenv("SEAL_SESSION_HOURS", "2")
    shutil.copyfile(_demo_db, tmp_path / "seal.db")
    now = [dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)]
    store = open_test_store(f"sqlite:///{tmp_path / 'seal.db'}", clock=lambda: now[0])
    token, _ = st.start_session(store, *FOCAL)
    now[0] += dt.timedelta(hours=1, minutes=59)
    assert st.session_actor(store, token) is not None
    now[0] += dt.timedelta(minutes=2)
    assert st.session_actor(store, token) is None


@pytest.mark.parametrize("value", ["0", "-3", "soon", "100000"])
def test_a_bad_session_length_is_refused_with_the_setting_named(demo_store, monkeypatch, value):
    monkeypatch.setenv("SEAL_SESSION_HOURS", value)
    with pytest.raises(st.StoreError, match="SEAL_SESSION_HOURS"):
        st.start_session(demo_store, *FOCAL)


def test_deactivating_a_user_ends_what_their_session_finds(demo_store):
    token, actor = st.start_session(demo_store, *FOCAL)
    st.set_user_active(demo_store, st.SYSTEM, actor.user_id, False)
    assert st.session_actor(demo_store, token) is None


def test_sign_out_everywhere_and_admins_ending_sessions(demo_store):
    one, actor = st.start_session(demo_store, *FOCAL)
    two, _ = st.start_session(demo_store, *FOCAL)
    analyst = st.authenticate(demo_store, "analyst@demo.seal", "demo-analyst-password")
    with pytest.raises(PermissionDeniedError):
        st.end_user_sessions(demo_store, analyst, actor.user_id)
    assert st.end_user_sessions(demo_store, actor, actor.user_id) == 2
    assert st.session_actor(demo_store, one) is None and st.session_actor(demo_store, two) is None
    three, _ = st.start_session(demo_store, *FOCAL)
    admin = st.authenticate(demo_store, "admin@demo.seal", "demo-admin-password")
    assert st.end_user_sessions(demo_store, admin, actor.user_id) == 1
    assert st.session_actor(demo_store, three) is None


def test_starts_and_ends_are_in_the_audit_trail_which_stays_valid(demo_store):
    token, actor = st.start_session(demo_store, *FOCAL)
    st.end_session(demo_store, token)
    admin = st.authenticate(demo_store, "admin@demo.seal", "demo-admin-password")
    entries = st.list_audit(demo_store, admin, action="session.")
    assert [e.action for e in entries] == ["session.end", "session.start"]
    assert entries[0].actor == "Farah Focal (demo)" and entries[0].actor_id == actor.user_id
    assert entries[0].payload["session"] == entries[1].payload["session"]
    assert st.verify_audit(demo_store).ok


def test_the_audit_trail_pages_back(demo_store):
    admin = st.authenticate(demo_store, "admin@demo.seal", "demo-admin-password")
    first = st.list_audit(demo_store, admin, limit=5)
    assert len(first) == 5 and [e.seq for e in first] == sorted((e.seq for e in first),
                                                                 reverse=True)
    older = st.list_audit(demo_store, admin, limit=5, before=first[-1].seq)
    assert older[0].seq == first[-1].seq - 1
    assert any(e.actor == "the command line" for e in st.list_audit(demo_store, admin,
                                                                    action="user.create"))
    with pytest.raises(PermissionDeniedError):
        st.list_audit(demo_store, st.authenticate(demo_store, *FOCAL))
