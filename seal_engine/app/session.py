"""The database handle the app shares between sessions, and who is signed in.

:func:`app_store` opens the database at ``SEAL_DATABASE_URL`` (default: the SQLite file in
``SEAL_DATA_DIR``) once per process and URL, creating its schema on first start; it never loads
the demo (only ``seal db init --demo`` and ``seal app --demo`` do, into an empty database).  The
sign-in routes and the page scripts share it.

:func:`current_user` is the user of the browser's session cookie (see :mod:`.server`), read
from the store on every run, so a sign-out, an expired session or a revoked role counts at once.
Tests seed ``st.session_state["_user"]`` with a user id instead, since ``AppTest`` cannot set
cookies; the browser cannot set that key (it is no widget's).
"""

from __future__ import annotations

import threading

import streamlit as st

from seal_engine import get_setting
from seal_engine.store import (
    Actor,
    Store,
    StoreError,
    actor_for,
    default_url,
    is_demo_store,
    open_store,
    session_actor,
)

__all__ = ["COOKIE", "USER_KEY", "app_store", "current_user", "demo_enabled", "reset_stores",
           "session_token", "store_ready"]

#: The session cookie: HttpOnly, SameSite=Strict, set by the sign-in route.
COOKIE = "seal_session"
#: Where tests put the signed-in user's id.
USER_KEY = "_user"

_STORES: dict[str, Store] = {}
_LOCK = threading.Lock()


def demo_enabled() -> bool:
    """Whether the app runs in demo mode (``SEAL_APP_DEMO``, set by ``seal app --demo``) on a
    demo database: only then does the sign-in page list the demo accounts and their public
    passwords."""
    if get_setting("SEAL_APP_DEMO").strip().lower() not in ("1", "yes", "true", "on"):
        return False
    return is_demo_store(app_store())


def app_store(url: str | None = None) -> Store:
    """The store at ``url`` (default: the configured database), opened once per process."""
    url = url or default_url()
    with _LOCK:
        store = _STORES.get(url)
        if store is None:
            store = open_store(url)  # never the demo: seal db init --demo, seal app --demo
            _STORES[url] = store
        return store


def store_ready(url: str | None = None) -> bool:
    """Whether the store at ``url`` is open already (else opening it may take a while: the
    first start creates the database)."""
    with _LOCK:
        return (url or default_url()) in _STORES


def reset_stores() -> None:
    """Close every store opened (tests, between apps)."""
    with _LOCK:
        while _STORES:
            _STORES.popitem()[1].close()


def session_token() -> str | None:
    """The session token of the browser's cookie, if any."""
    try:
        return st.context.cookies.get(COOKIE)
    except Exception:  # no request context (AppTest)
        return None


def current_user() -> Actor | None:
    """The signed-in user with their current roles, or ``None``."""
    store = app_store()
    seeded = st.session_state.get(USER_KEY)
    if seeded:
        try:
            return actor_for(store, seeded)
        except StoreError:
            st.session_state.pop(USER_KEY, None)
            return None
    return session_actor(store, session_token())
