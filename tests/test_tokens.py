"""API tokens: made once and shown once (only the SHA-256 kept), acting with the user's roles
as they are now, read-only narrowing, revocation, throttling counted per token in the
database; seal tokens add, list and revoke."""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import seal_engine.store as st
from seal_engine.store.schema import api_token


def test_only_the_hash_is_kept_and_the_token_acts_as_its_user(demo_store):
    token, info = st.create_token(demo_store, st.SYSTEM, "focal@demo.seal", "  HR  push ")
    assert token.startswith("seal_") and len(token) > 40
    assert info.name == "HR push" and info.user_email == "focal@demo.seal"
    with demo_store.read() as conn:
        rows = conn.execute(sa.select(api_token)).all()
    assert [r.token_sha256 for r in rows] == [hashlib.sha256(token.encode()).hexdigest()]
    assert all(token not in str(tuple(r)) for r in rows)
    auth = st.token_actor(demo_store, token)
    assert auth.actor.user_id == info.user_id and not auth.read_only
    assert "focal_point" in auth.actor.roles
    # the user's roles as they are now
    focal = st.find_user(demo_store, st.SYSTEM, "focal@demo.seal")
    inst = st.get_institution(demo_store, st.SYSTEM, "VAL-MLSP").id
    st.revoke_role(demo_store, st.SYSTEM, focal.id, "focal_point", institution_id=inst)
    assert "focal_point" not in st.token_actor(demo_store, token).actor.roles
    for bad in (None, "", "seal_x", token + "x", "x" * 500):
        assert st.token_actor(demo_store, bad) is None


def test_users_make_their_own_tokens_and_revoke_them(demo_store):
    focal = st.authenticate(demo_store, "focal@demo.seal", "demo-focal-password")
    token, info = st.create_token(demo_store, focal, "focal@demo.seal", "laptop",
                                  read_only=True)
    assert st.token_actor(demo_store, token).read_only
    assert [t.id for t in st.list_tokens(demo_store, focal)] == [info.id]
    with pytest.raises(st.PermissionDeniedError):
        st.create_token(demo_store, focal, "analyst@demo.seal", "theirs")
    analyst = st.authenticate(demo_store, "analyst@demo.seal", "demo-analyst-password")
    with pytest.raises(st.NotFoundError):  # another's token: as if there were none
        st.revoke_token(demo_store, analyst, info.id)
    revoked = st.revoke_token(demo_store, focal, info.id)
    assert revoked.revoked_at is not None and not revoked.active
    assert st.token_actor(demo_store, token) is None
    assert st.list_tokens(demo_store, focal) == []
    assert [t.id for t in st.list_tokens(demo_store, focal, include_revoked=True)] == [info.id]
    actions = [e.action for e in st.list_audit(demo_store, st.SYSTEM)
               if e.action.startswith("token.")]
    assert sorted(actions) == ["token.create", "token.revoke"]
    with pytest.raises(st.StoreError, match="needs a name"):
        st.create_token(demo_store, focal, "focal@demo.seal", "   ")


def test_requests_are_counted_per_token(demo_store):
    _t, info = st.create_token(demo_store, st.SYSTEM, "focal@demo.seal", "x")
    assert st.count_api_request(demo_store, info.id, limit=2) == 1
    assert st.count_api_request(demo_store, info.id, limit=2) == 0
    with pytest.raises(st.ApiThrottledError) as e:
        st.count_api_request(demo_store, info.id, limit=2)
    assert 1 <= e.value.retry_after <= 60
    assert st.list_tokens(demo_store, st.SYSTEM)[0].last_used_at is not None


def test_seal_tokens_add_list_revoke(demo_store, monkeypatch):
    from seal_engine.cli import app

    monkeypatch.setenv("SEAL_DATABASE_URL", demo_store.url)
    runner = CliRunner()
    added = runner.invoke(app, ["tokens", "add", "focal@demo.seal", "--name", "HR system",
                                "--read-only"])
    assert added.exit_code == 0, added.output
    token = added.stdout.strip()
    assert token.startswith("seal_") and "\n" not in token
    assert "not shown again" in added.stderr and "read-only" in added.stderr
    auth = st.token_actor(demo_store, token)
    assert auth is not None and auth.read_only
    listed = runner.invoke(app, ["tokens", "list"])
    assert listed.exit_code == 0 and "HR system" in listed.output
    assert token not in listed.output
    revoked = runner.invoke(app, ["tokens", "revoke", auth.token_id])
    assert revoked.exit_code == 0 and "revoked token" in revoked.output
    assert st.token_actor(demo_store, token) is None
    unknown = runner.invoke(app, ["tokens", "add", "nobody@demo.seal", "--name", "x"])
    assert unknown.exit_code == 1 and "no user 'nobody@demo.seal'" in unknown.output
