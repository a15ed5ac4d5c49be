"""Access fixes: the last active administrator stays one, whoever asks (a program, the command
line, the app, which asks once more before taking a role from oneself); a password change ends
the user's other sessions and a reset or a deactivation all of them, in the same transaction,
and a reactivation brings none back; signing in costs one argon2 verification whether the
address exists or not, is throttled per account (a growing delay with a cap) and per client
address (a cap), in the database, and runs off the server's event loop; the app's security
headers and no request to another host; the demo only where asked for."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import threading
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import seal_engine.store as st
from seal_engine.cli import app as cli

from .conftest import ROOT, open_test_store

FOCAL = ("focal@demo.seal", "demo-focal-password")
ADMIN = ("admin@demo.seal", "demo-admin-password")


class Clock:
    """A store's clock that tests move forward."""

    def __init__(self):
        self.now = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self):
        return self.now

    def advance(self, **kw):
        self.now += dt.timedelta(**kw)


@pytest.fixture
def clocked(tmp_path, _demo_db):
    """A copy of the demo database with a clock the test moves."""
    shutil.copyfile(_demo_db, tmp_path / "seal.db")
    clock = Clock()
    store = open_test_store(f"sqlite:///{tmp_path / 'seal.db'}", clock=clock)
    store.test_clock = clock
    return store


def _admin(store):
    return st.authenticate(store, *ADMIN)


def _uid(store, email):
    return st.find_user(store, st.SYSTEM, email).id


# ------------------------------------------------------------------ the last administrator


@pytest.mark.parametrize("who", ["the admin themself", "the command line"])
def test_the_last_active_admin_cannot_lose_the_role_or_be_deactivated(demo_store, who):
    admin = _admin(demo_store)
    actor = admin if who == "the admin themself" else st.SYSTEM
    with pytest.raises(st.StoreError, match="last active administrator"):
        st.revoke_role(demo_store, actor, admin.user_id, "admin")
    with pytest.raises(st.StoreError, match="last active administrator"):
        st.set_user_active(demo_store, actor, admin.user_id, False)
    assert "admin" in st.find_user(demo_store, st.SYSTEM, admin.user_id).roles
    assert st.find_user(demo_store, st.SYSTEM, admin.user_id).active


def test_with_another_active_admin_one_may_go_and_then_that_one_is_the_last(demo_store):
    admin = _admin(demo_store)
    other = _uid(demo_store, "assessor@demo.seal")
    st.grant_role(demo_store, admin, other, "admin")
    st.revoke_role(demo_store, admin, admin.user_id, "admin")  # their own, now allowed
    with pytest.raises(st.StoreError, match="last active administrator"):
        st.set_user_active(demo_store, st.SYSTEM, other, False)
    with pytest.raises(st.StoreError, match="last active administrator"):
        st.revoke_role(demo_store, st.SYSTEM, other, "admin")


def test_a_deactivated_admin_does_not_count_as_one(demo_store):
    admin = _admin(demo_store)
    other = _uid(demo_store, "analyst@demo.seal")
    st.grant_role(demo_store, admin, other, "admin")
    st.set_user_active(demo_store, admin, other, False)
    with pytest.raises(st.StoreError, match="last active administrator"):
        st.revoke_role(demo_store, admin, admin.user_id, "admin")
    st.revoke_role(demo_store, admin, other, "admin")  # an inactive admin's role may go


@pytest.fixture
def seal(tmp_path, monkeypatch, _demo_db):
    """``seal`` on a copy of the demo database."""
    shutil.copyfile(_demo_db, tmp_path / "seal.db")
    monkeypatch.setenv("SEAL_DATABASE_URL", f"sqlite:///{tmp_path / 'seal.db'}")

    def run(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input)

    run.url = f"sqlite:///{tmp_path / 'seal.db'}"
    return run


def test_the_command_line_refuses_too(seal):
    r = seal("users", "revoke", "admin@demo.seal", "admin")
    assert r.exit_code == 1 and "admin@demo.seal is the last active administrator" in r.output
    r = seal("users", "deactivate", "admin@demo.seal")
    assert r.exit_code == 1 and "last active administrator" in r.output
    assert "Give another user the admin role first" in r.output


def _admin_page_on(user):
    from .appkit import open_app

    at = open_app("admin", "admin")
    at.selectbox(key="admin_user").set_value(user).run()
    return at


def _roles(email):
    from .appkit import store

    return st.find_user(store(), st.SYSTEM, email).roles


def test_taking_a_role_from_oneself_asks_once_more_in_the_app(app_db):
    from .appkit import button, no_failure, store, texts, user_id

    st.grant_role(store(), st.SYSTEM, user_id("assessor"), "admin")
    at = _admin_page_on(user_id("admin"))
    at.selectbox(key="revoke").set_value("admin").run()
    button(at, "Take the role away").click().run()
    no_failure(at)
    assert "admin" in _roles(ADMIN[0])  # not yet
    assert "You are about to take the role Administrator away from yourself" in texts(at)
    button(at, "Keep the role").click().run()
    assert "admin" in _roles(ADMIN[0])
    assert "You are about to take" not in texts(at)
    button(at, "Take the role away").click().run()
    button(at, "Yes, take it away from me").click().run()
    assert "admin" not in _roles(ADMIN[0])


def test_the_app_says_why_the_last_admin_keeps_the_role(app_db):
    from .appkit import button, user_id

    at = _admin_page_on(user_id("admin"))
    at.selectbox(key="revoke").set_value("admin").run()
    button(at, "Take the role away").click().run()
    button(at, "Yes, take it away from me").click().run()
    assert any("last active administrator" in e.value for e in at.error)
    assert "admin" in _roles(ADMIN[0])


def test_another_users_role_goes_at_once(app_db):
    from .appkit import button, no_failure, user_id

    at = _admin_page_on(user_id("assessor"))
    button(at, "Take the role away").click().run()
    no_failure(at)
    assert _roles("assessor@demo.seal") == ()


def test_deactivating_in_the_app_ends_the_sessions(app_db):
    from .appkit import button, store, user_id

    token, _ = st.start_session(store(), *FOCAL)
    at = _admin_page_on(user_id("focal_point"))
    button(at, "Deactivate").click().run()
    assert not st.find_user(store(), st.SYSTEM, FOCAL[0]).active
    assert st.session_actor(store(), token) is None
    st.set_user_active(store(), st.SYSTEM, user_id("focal_point"), True)
    assert st.session_actor(store(), token) is None


# ------------------------------------------------------------------ sessions end


def _open(store, token) -> bool:
    return st.session_actor(store, token) is not None


def test_changing_ones_own_password_ends_the_other_sessions_only(demo_store):
    here, actor = st.start_session(demo_store, *FOCAL)
    elsewhere, _ = st.start_session(demo_store, *FOCAL)
    other_user, _ = st.start_session(demo_store, *ADMIN)
    st.set_password(demo_store, actor, actor.user_id, "a brand new password",
                    current_password=FOCAL[1], keep_session=here)
    assert _open(demo_store, here) and not _open(demo_store, elsewhere)
    assert _open(demo_store, other_user)


def test_a_wrong_current_password_ends_nothing(demo_store):
    here, actor = st.start_session(demo_store, *FOCAL)
    elsewhere, _ = st.start_session(demo_store, *FOCAL)
    with pytest.raises(st.StoreError, match="current password is wrong"):
        st.set_password(demo_store, actor, actor.user_id, "a brand new password",
                        current_password="not it", keep_session=here)
    assert _open(demo_store, here) and _open(demo_store, elsewhere)


def test_another_users_session_token_keeps_nothing_open(demo_store):
    """``keep_session`` keeps only a session of the user whose password changes."""
    mine, actor = st.start_session(demo_store, *FOCAL)
    theirs, _ = st.start_session(demo_store, *ADMIN)
    admin = _admin(demo_store)
    st.set_password(demo_store, admin, actor.user_id, "a reset password!", keep_session=theirs)
    assert not _open(demo_store, mine) and _open(demo_store, theirs)


@pytest.mark.parametrize("who", ["admin", "command line"])
def test_a_reset_by_an_admin_ends_every_session_of_the_user(demo_store, who):
    one, actor = st.start_session(demo_store, *FOCAL)
    two, _ = st.start_session(demo_store, *FOCAL)
    by = _admin(demo_store) if who == "admin" else st.SYSTEM
    st.set_password(demo_store, by, actor.user_id, "a reset password!")
    assert not _open(demo_store, one) and not _open(demo_store, two)
    entries = st.list_audit(demo_store, _admin(demo_store), action="session.end_all")
    assert entries[0].payload == {"user": actor.user_id, "sessions": 2,
                                  "reason": "password_reset"}


def test_seal_users_passwd_ends_every_session(seal):
    store = open_test_store(seal.url)
    token, _ = st.start_session(store, *FOCAL)
    r = seal("users", "passwd", FOCAL[0], "--password-stdin", input="a new long password\n")
    assert r.exit_code == 0, r.output
    assert not _open(store, token)


def test_the_password_and_the_sessions_change_in_one_transaction(demo_store, monkeypatch):
    token, actor = st.start_session(demo_store, *FOCAL)

    def broken(*a, **kw):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("seal_engine.store.directory.close_sessions", broken)
    with pytest.raises(RuntimeError):
        st.set_password(demo_store, st.SYSTEM, actor.user_id, "a reset password!")
    assert _open(demo_store, token)  # nothing changed: the old password still works
    assert st.authenticate(demo_store, *FOCAL).user_id == actor.user_id


def test_deactivation_ends_every_session_and_reactivation_brings_none_back(demo_store):
    one, actor = st.start_session(demo_store, *FOCAL)
    two, _ = st.start_session(demo_store, *FOCAL)
    admin = _admin(demo_store)
    st.set_user_active(demo_store, admin, actor.user_id, False)
    st.set_user_active(demo_store, admin, actor.user_id, True)
    assert not _open(demo_store, one) and not _open(demo_store, two)
    with demo_store.read() as conn:
        ended = conn.execute(sa.text("SELECT count(*) FROM user_session WHERE user_id = :u AND "
                                     "ended_at IS NOT NULL"), {"u": actor.user_id}).scalar()
    assert ended == 2
    assert _open(demo_store, st.start_session(demo_store, *FOCAL)[0])  # signs in again


def test_seal_users_deactivate_ends_every_session(seal):
    store = open_test_store(seal.url)
    token, _ = st.start_session(store, *FOCAL)
    assert seal("users", "deactivate", FOCAL[0]).exit_code == 0
    assert seal("users", "activate", FOCAL[0]).exit_code == 0
    assert not _open(store, token)


# ------------------------------------------------------------------ the cost of a sign-in


def _count_argon2(monkeypatch) -> dict:
    from argon2 import PasswordHasher

    calls = {"hash": 0, "verify": 0}
    real_hash, real_verify = PasswordHasher.hash, PasswordHasher.verify

    def hash_(self, *a, **kw):
        calls["hash"] += 1
        return real_hash(self, *a, **kw)

    def verify(self, *a, **kw):
        calls["verify"] += 1
        return real_verify(self, *a, **kw)

    monkeypatch.setattr(PasswordHasher, "hash", hash_)
    monkeypatch.setattr(PasswordHasher, "verify", verify)
    return calls


@pytest.mark.parametrize("email", ["focal@demo.seal", "nobody@demo.seal"])
def test_a_wrong_sign_in_is_one_verification_whether_the_address_exists_or_not(
        demo_store, monkeypatch, email):
    st.authenticate(demo_store, *ADMIN)  # the dummy hash is made once, before any attempt
    calls = _count_argon2(monkeypatch)
    for _ in range(3):
        with pytest.raises(st.StoreError, match="^wrong e-mail address or password$"):
            st.start_session(demo_store, email, "not the password")
    assert calls == {"hash": 0, "verify": 3}


def test_a_wrong_sign_in_takes_as_long_whether_the_address_exists_or_not(tmp_store,
                                                                        monkeypatch):
    """A wrong password for an address that exists and any password for one that does not
    cost the same work: one argon2 verification each, with the production parameters, and
    never a hash made on the spot (an unknown address used to cost a hash and a verification:
    twice as long).  Counted, not timed."""
    from argon2 import PasswordHasher

    monkeypatch.setenv("SEAL_PASSWORD_PROFILE", "RFC_9106_LOW_MEMORY")
    st.create_user(tmp_store, st.SYSTEM, email="ana@example.org", display_name="Ana",
                   password="the real password")
    calls: list[tuple[str, str]] = []
    real_verify, real_hash = PasswordHasher.verify, PasswordHasher.hash

    def verify(self, stored, password):
        calls.append(("verify", stored.split("$")[3]))  # the parameters it runs with
        return real_verify(self, stored, password)

    def hash_(self, *a, **kw):
        calls.append(("hash", ""))
        return real_hash(self, *a, **kw)

    monkeypatch.setattr(PasswordHasher, "verify", verify)
    monkeypatch.setattr(PasswordHasher, "hash", hash_)

    def work(email):
        calls.clear()
        with pytest.raises(st.StoreError):
            st.authenticate(tmp_store, email, "a wrong password")
        return list(calls)

    work("nobody@example.org")  # the first unknown address may make the stand-in hash once
    for i in range(3):
        known, unknown = work("ana@example.org"), work(f"nobody{i}@example.org")
        assert known == unknown and [k for k, _p in known] == ["verify"], (known, unknown)


# ------------------------------------------------------------------ throttling


def _try(store, email, password="a wrong password", client=None):
    """'ok', 'wrong' or the seconds to wait."""
    try:
        st.start_session(store, email, password, client=client)
    except st.SignInThrottledError as e:
        return e.retry_after
    except st.StoreError:
        return "wrong"
    return "ok"


def test_an_account_waits_longer_after_each_failure_up_to_a_cap(clocked):
    assert [_try(clocked, FOCAL[0]) for _ in range(5)] == ["wrong"] * 5
    assert _try(clocked, *FOCAL) == 30  # even the right password waits, checked not at all
    waits = []
    for _ in range(6):
        clocked.test_clock.advance(seconds=waits[-1] if waits else 30)
        assert _try(clocked, FOCAL[0]) == "wrong"
        waits.append(_try(clocked, FOCAL[0]))
    assert waits == [60, 120, 240, 300, 300, 300]
    clocked.test_clock.advance(seconds=300)
    assert _try(clocked, *FOCAL) == "ok"  # the owner is in, and the count starts again
    assert [_try(clocked, FOCAL[0]) for _ in range(5)] == ["wrong"] * 5


def test_a_stranger_cannot_lock_the_owner_out_for_long(clocked):
    """Many attempts from many addresses: the owner waits at most five minutes after the
    last one."""
    for i in range(40):
        _try(clocked, FOCAL[0], client=f"198.51.100.{i}")
        clocked.test_clock.advance(seconds=20)
    wait = _try(clocked, *FOCAL, client="203.0.113.7")
    assert wait == "ok" or wait <= 300
    clocked.test_clock.advance(seconds=300)
    assert _try(clocked, *FOCAL, client="203.0.113.7") == "ok"


def test_an_unknown_address_is_throttled_exactly_like_a_known_one(clocked):
    known = [_try(clocked, FOCAL[0]) for _ in range(7)]
    unknown = [_try(clocked, "nobody@demo.seal") for _ in range(7)]
    assert known == unknown == ["wrong"] * 5 + [30, 30]


def test_spraying_many_addresses_from_one_client_is_capped(clocked):
    client = "198.51.100.23"
    tried = [_try(clocked, f"user{i}@demo.seal", client=client) for i in range(20)]
    assert tried == ["wrong"] * 20
    assert _try(clocked, "user99@demo.seal", client=client) == 15 * 60
    assert _try(clocked, *FOCAL, client=client) == 15 * 60  # nothing from there, for now
    assert _try(clocked, *FOCAL, client="203.0.113.7") == "ok"  # others are not affected
    clocked.test_clock.advance(minutes=15, seconds=1)
    assert _try(clocked, *FOCAL, client=client) == "ok"


def test_successful_sign_ins_from_one_office_are_never_throttled(clocked):
    client = "192.0.2.1"  # one address for a whole office behind NAT
    for i in range(40):
        who = FOCAL if i % 2 else ADMIN
        assert _try(clocked, *who, client=client) == "ok"


def test_the_throttle_is_kept_in_the_database_for_every_server(clocked, tmp_path):
    for _ in range(5):
        _try(clocked, FOCAL[0])
    other_server = open_test_store(clocked.url, clock=clocked.test_clock)
    assert _try(other_server, *FOCAL) == 30
    with clocked.read() as conn:
        rows = conn.execute(sa.text("SELECT * FROM sign_in_throttle")).all()
    assert rows and not any("focal" in str(v) for r in rows for v in r)  # SHA-256 only


def test_attempts_sent_at_once_are_counted_before_their_passwords_are_checked(
        demo_store, monkeypatch):
    calls = _count_argon2(monkeypatch)
    results = []

    def attempt():
        results.append(_try(demo_store, FOCAL[0]))

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("wrong") == 5 and calls["verify"] == 5


def test_authenticate_is_throttled_too(demo_store):
    for _ in range(5):
        with pytest.raises(st.StoreError):
            st.authenticate(demo_store, FOCAL[0], "a wrong password")
    with pytest.raises(st.SignInThrottledError, match="too many sign-in attempts"):
        st.authenticate(demo_store, *FOCAL)


# ------------------------------------------------------------------ the sign-in route


async def _call(app, method="POST", path="/seal/signin", data=None, client="127.0.0.1",
                scheme="http", host="testserver"):
    body = urlencode(data or {}).encode()
    headers = [(b"host", host.encode()), (b"origin", f"{scheme}://{host}".encode())]
    if data is not None:
        headers += [(b"content-type", b"application/x-www-form-urlencoded"),
                    (b"content-length", str(len(body)).encode())]
    scope = {"type": "http", "http_version": "1.1", "method": method, "scheme": scheme,
             "path": path, "raw_path": path.encode(), "query_string": b"", "headers": headers,
             "server": (host, 443 if scheme == "https" else 80), "client": (client, 5000),
             "root_path": ""}
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    out: dict = {}

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
            out["headers"] = {k.decode().lower(): v.decode() for k, v in message["headers"]}

    await app(scope, receive, send)
    return out


def _route_app():
    from starlette.applications import Starlette

    from seal_engine.app.server import app_options

    options = app_options()
    return Starlette(routes=options["routes"], middleware=options.get("middleware", []))


def test_thirty_sign_ins_at_once_leave_the_server_answering(app_db, monkeypatch):
    """argon2 runs in worker threads: while 30 sign-ins are being checked, the event loop keeps
    turning.  Each check waits until a coroutine on the loop lets it go; were a check run on
    the loop's own thread, nothing could let it go and its wait would end unreleased.  (No
    clock is read: a busy machine changes nothing.)"""
    import threading

    from argon2 import PasswordHasher

    real = PasswordHasher.verify
    release, lock = threading.Event(), threading.Lock()
    waited: list[bool] = []
    entered = [0]

    def held(*a, **kw):
        with lock:
            entered[0] += 1
        waited.append(release.wait(timeout=60))
        return real(*a, **kw)

    monkeypatch.setattr(PasswordHasher, "verify", held)
    app = _route_app()

    async def run():
        async def releaser():
            while entered[0] < 2:  # two checks under way at once, neither on the loop
                await asyncio.sleep(0.01)
            release.set()

        return await asyncio.gather(releaser(), *(
            _call(app, data={"email": f"user{i}@demo.seal", "password": "a wrong password"},
                  client=f"198.51.100.{i}") for i in range(30)))

    answers = asyncio.run(run())[1:]
    assert all(a["status"] == 303 for a in answers)
    assert waited and all(waited), waited  # every check was let go by the loop, none timed out


def test_the_route_throttles_a_client_spraying_addresses(app_db):
    app = _route_app()

    async def run():
        for i in range(20):
            r = await _call(app, data={"email": f"user{i}@demo.seal", "password": "wrong!"},
                            client="198.51.100.9")
            assert "signin=failed" in r["headers"]["location"]
        return await _call(app, data={"email": FOCAL[0], "password": FOCAL[1]},
                           client="198.51.100.9")

    r = asyncio.run(run())
    query = parse_qs(urlsplit(r["headers"]["location"]).query)
    assert query["signin"] == ["throttled"] and query["wait"] == ["15"]
    assert "seal_session=" not in r["headers"].get("set-cookie", "")  # no session started


def test_the_sign_in_page_says_how_long_to_wait(app_db):
    from .appkit import open_app

    at = open_app(None, signin="throttled", wait="5", email=FOCAL[0])
    assert "Wait 5 minutes" in at.error[0].value


# ------------------------------------------------------------------ security headers


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_response_carries_the_security_headers(app_db, scheme):
    app = _route_app()
    for method, data in (("POST", {"email": FOCAL[0], "password": "wrong password"}),
                         ("GET", None)):  # a redirect, and a refusal (405)
        r = asyncio.run(_call(app, method, data=data, scheme=scheme))
        h = r["headers"]
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp
        assert "object-src 'none'" in csp and "form-action 'self'" in csp
        assert "http" not in csp  # no outside host is allowed anything
        assert h["x-frame-options"] == "SAMEORIGIN"
        assert h["referrer-policy"] == "same-origin"
        assert h["x-content-type-options"] == "nosniff"
        assert ("strict-transport-security" in h) == (scheme == "https")


def test_the_csp_allows_streamlits_inline_script_by_its_hash_only():
    import base64
    import hashlib
    import re
    from pathlib import Path

    import streamlit

    from seal_engine.app.server import content_security_policy

    page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text("utf-8")
    inline = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert inline
    script_src = next(d for d in content_security_policy().split("; ")
                      if d.startswith("script-src"))
    for text in inline:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_the_served_app_has_the_middleware():
    from seal_engine.app.server import SecurityHeaders, app_options

    assert [m.cls for m in app_options()["middleware"]] == [SecurityHeaders]


# ------------------------------------------------------------------ the demo, where asked for


def test_the_app_never_fills_an_empty_database_with_the_demo(tmp_path, monkeypatch):
    from seal_engine.app.session import app_store, reset_stores

    url = f"sqlite:///{tmp_path / 'real.db'}"
    monkeypatch.setenv("SEAL_DATABASE_URL", url)
    monkeypatch.setenv("SEAL_APP_DEMO", "yes")  # even when told so
    try:
        store = app_store()
        assert st.store_is_empty(store) and not st.is_demo_store(store)
    finally:
        reset_stores()


@pytest.mark.parametrize("mode, shown", [(None, False), ("no", False), ("yes", True)])
def test_demo_passwords_are_shown_in_demo_mode_only(app_db, monkeypatch, mode, shown):
    from .appkit import open_app, texts

    if mode is None:
        monkeypatch.delenv("SEAL_APP_DEMO", raising=False)
    else:
        monkeypatch.setenv("SEAL_APP_DEMO", mode)
    page = texts(open_app(None))
    assert ("demo-focal-password" in page) is shown
    assert ("Demo accounts" in page) is shown


def test_demo_mode_on_a_real_database_shows_no_password(tmp_path, monkeypatch):
    from seal_engine.app.session import reset_stores

    from .appkit import open_app, texts

    url = f"sqlite:///{tmp_path / 'real.db'}"
    store = open_test_store(url)
    user = st.create_user(store, st.SYSTEM, email="ana@example.org", display_name="Ana",
                          password="a real password")
    st.grant_role(store, st.SYSTEM, user.id, "admin")
    monkeypatch.setenv("SEAL_DATABASE_URL", url)
    monkeypatch.setenv("SEAL_APP_DEMO", "yes")
    try:
        page = texts(open_app(None))
    finally:
        reset_stores()
    assert "demo-" not in page and "Demo accounts" not in page


@pytest.fixture
def seal_app(tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_DATA_DIR", str(tmp_path / "data"))
    calls = []
    monkeypatch.setattr("seal_engine.cli.serve.run_server",
                        lambda command, env=None: calls.append((command, env)) or 0)

    def run(*args):
        return CliRunner().invoke(cli, [str(a) for a in args])

    run.calls = calls
    return run


def test_seal_app_without_demo_leaves_an_empty_database_empty(seal_app, tmp_path):
    r = seal_app("app")
    assert r.exit_code == 0, r.output
    assert "creating the demo" not in r.output and "demo-focal-password" not in r.output
    assert "seal users add" in r.output
    (_command, env), = seal_app.calls
    assert env["SEAL_APP_DEMO"] == "no"
    with st.open_store(f"sqlite:///{tmp_path / 'data' / 'seal.db'}") as store:
        assert st.store_is_empty(store)


def test_seal_app_demo_refuses_a_database_holding_real_data(seal_app, tmp_path):
    with st.open_store(f"sqlite:///{tmp_path / 'data' / 'seal.db'}") as store:
        st.create_user(store, st.SYSTEM, email="ana@example.org", display_name="Ana",
                       password="a real password")
    r = seal_app("app", "--demo")
    assert r.exit_code == 1
    assert "not a demo database" in r.output and "demo-focal-password" not in r.output
    assert not seal_app.calls
    with st.open_store(f"sqlite:///{tmp_path / 'data' / 'seal.db'}") as store:
        assert not st.is_demo_store(store)


def test_the_readme_starts_the_app_with_the_demo():
    first = "\n".join((ROOT / "README.md").read_text("utf-8").splitlines()[:25])
    assert "pip install -e '.[app]' && seal app --demo" in first


# ------------------------------------------------------------------ in a browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.e2e
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install "
                    "chromium; .ci/run does): this test drives the app in a browser")
def test_in_a_browser_nothing_comes_from_another_host_and_the_csp_holds(_demo_db, tmp_path):
    """``streamlit run app.py`` in demo mode, signed in, on the results page (with its chart):
    every request goes to the app itself (the tab's icon too: it used to come from
    fonts.gstatic.com), the browser reports no Content-Security-Policy violation, and the
    page carries the headers."""
    import os
    import socket
    import subprocess
    import sys
    import urllib.request

    sync_api = pytest.importorskip("playwright.sync_api")
    from .test_app_e2e import ARGS

    shutil.copyfile(_demo_db, tmp_path / "seal.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT), SEAL_DATABASE_URL=f"sqlite:///{tmp_path}/seal.db",
               SEAL_PASSWORD_PROFILE="CHEAPEST", SEAL_APP_DEMO="yes")
    base = f"http://127.0.0.1:{port}"
    with open(tmp_path / "server.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/", timeout=2) as r:
                        headers = {k.lower(): v for k, v in r.headers.items()}
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
            assert "frame-ancestors 'self'" in headers["content-security-policy"]
            assert headers["x-content-type-options"] == "nosniff"
            outside, console = set(), []
            with sync_api.sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.on("request", lambda r: outside.add(r.url) if urlsplit(r.url).hostname
                        != "127.0.0.1" and not r.url.startswith(("data:", "blob:")) else None)
                page.on("console", lambda m: console.append(m.text))

                def settle():
                    page.wait_for_selector("[data-testid='stApp'][data-test-script-state="
                                           "'notRunning']", state="attached", timeout=60000)
                    page.wait_for_timeout(1500)

                page.goto(base + "/")
                settle()
                page.fill("#seal-email", FOCAL[0])
                page.fill("#seal-password", FOCAL[1])
                page.click("button[type=submit]")
                settle()
                page.goto(base + "/results")
                settle()
                page.wait_for_selector("[data-testid='stVegaLiteChart']", timeout=30000)
                page.screenshot(path=str(tmp_path / "results.png"))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    assert outside == set()
    assert not [m for m in console if "Content Security Policy" in m], console
