"""Sign-in throttling, kept in the database (``sign_in_throttle``) so that it holds across app
servers and restarts.

Two counters are kept, each under the SHA-256 of its key (never the address itself):

* **per account** (the e-mail address typed, whether or not such a user exists, so that the
  answer says nothing of who has an account): the first :data:`ACCOUNT_FREE` attempts are free;
  each one after them waits a delay that doubles from :data:`ACCOUNT_DELAY` up to
  :data:`ACCOUNT_DELAY_CAP`.  A stranger typing someone's address can therefore delay that
  person by at most the cap after their last attempt, never lock them out for good; the count
  is forgotten after :data:`WINDOW` without an attempt, and at once on a right password.
* **per client address** (when the caller knows it: the app's sign-in route): at most
  :data:`CLIENT_MAX` attempts that did not succeed in a :data:`WINDOW`, whatever addresses they
  name; then that client is refused until the window ends.  This is what stops spraying one
  password over many addresses.

An attempt is counted *before* its password is checked (:func:`reserve`) and the count is
given back when the password was right (:func:`succeeded`), so that many attempts sent at once
cannot all slip in before the first failure is recorded.  A refused attempt is not counted and
checks no password.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import Problem, StoreError
from ..messages import say
from ._common import aware
from .schema import sign_in_throttle

__all__ = ["ACCOUNT_DELAY", "ACCOUNT_DELAY_CAP", "ACCOUNT_FREE", "CLIENT_MAX",
           "SignInThrottledError", "WINDOW", "reserve", "succeeded"]

#: Attempts on one account before each further attempt must wait.
ACCOUNT_FREE = 5
#: The first wait; it doubles with every further attempt ...
ACCOUNT_DELAY = dt.timedelta(seconds=30)
#: ... up to this, so that no one can lock an account out for longer.
ACCOUNT_DELAY_CAP = dt.timedelta(minutes=5)
#: Attempts that did not succeed from one client address in a window, whatever the accounts.
CLIENT_MAX = 20
#: How long a count lasts (per client), or lasts without an attempt (per account).
WINDOW = dt.timedelta(minutes=15)
_FORGET = dt.timedelta(days=1)


class SignInThrottledError(StoreError):
    """Too many sign-in attempts for this address or from this client: nothing was checked.
    ``retry_after`` is the number of seconds to wait."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(Problem(say("store.sign_in_throttled", n=minutes), field="email"))


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def _keys(email: str, client: str | None) -> list[tuple[str, str]]:
    keys = [("account", _key("account", email))]
    if client:
        keys.append(("client", _key("client", client)))
    return keys


def account_delay(attempts: int) -> dt.timedelta:
    """How long an account waits after ``attempts`` attempts that did not succeed."""
    if attempts < ACCOUNT_FREE:
        return dt.timedelta(0)
    doublings = min(attempts - ACCOUNT_FREE, 16)
    return min(ACCOUNT_DELAY * 2 ** doublings, ACCOUNT_DELAY_CAP)


def reserve(conn: Connection, now: dt.datetime, email: str, client: str | None) -> None:
    """Count a sign-in attempt for ``email`` (and ``client``), inside the caller's write
    transaction; :class:`SignInThrottledError` (counting nothing) when either must wait."""
    keys = _keys(email, client)
    rows = {r.key_sha256: r for r in conn.execute(sa.select(sign_in_throttle).where(
        sign_in_throttle.c.key_sha256.in_([k for _kind, k in keys])))}
    waits = [aware(r.blocked_until) - now for r in rows.values()
             if r.blocked_until is not None and aware(r.blocked_until) > now]
    if waits:
        raise SignInThrottledError(math.ceil(max(waits).total_seconds()))
    conn.execute(sign_in_throttle.delete().where(
        sign_in_throttle.c.last_attempt_at < now - _FORGET))
    for kind, key in keys:
        row = rows.get(key)
        if kind == "account":
            fresh = row is None or aware(row.last_attempt_at) < now - WINDOW
        else:
            fresh = row is None or aware(row.window_started_at) < now - WINDOW
        attempts = 1 if fresh else row.attempts + 1
        started = now if fresh else aware(row.window_started_at)
        if kind == "account":
            delay = account_delay(attempts)
            blocked = now + delay if delay else None
        else:
            blocked = started + WINDOW if attempts >= CLIENT_MAX else None
        values = {"kind": kind, "attempts": attempts, "window_started_at": started,
                  "last_attempt_at": now, "blocked_until": blocked}
        if row is None:
            conn.execute(sign_in_throttle.insert().values(key_sha256=key, **values))
        else:
            conn.execute(sign_in_throttle.update().where(
                sign_in_throttle.c.key_sha256 == key).values(**values))


def succeeded(conn: Connection, email: str, client: str | None) -> None:
    """The password was right: forget the account's count, and give the client back the
    attempt :func:`reserve` counted."""
    keys = dict((kind, key) for kind, key in _keys(email, client))
    conn.execute(sign_in_throttle.delete().where(
        sign_in_throttle.c.key_sha256 == keys["account"]))
    if "client" in keys:
        row = conn.execute(sa.select(sign_in_throttle.c.attempts).where(
            sign_in_throttle.c.key_sha256 == keys["client"])).first()
        if row is not None:
            attempts = max(row.attempts - 1, 0)
            values = {"attempts": attempts}
            if attempts < CLIENT_MAX:
                values["blocked_until"] = None
            conn.execute(sign_in_throttle.update().where(
                sign_in_throttle.c.key_sha256 == keys["client"]).values(**values))
