"""Passwords (argon2id through argon2-cffi's ``PasswordHasher``) and signing in: one argon2
verification per attempt whether the address exists or not, throttled per account and per
client address (:mod:`._throttle`)."""

from __future__ import annotations

import functools
import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher, exceptions, profiles

from ..errors import Problem, StoreError
from ..messages import say
from ..settings import get_setting
from ._common import Actor, refresh
from ._throttle import SignInThrottledError, reserve, succeeded
from .engine import Store
from .schema import app_user

__all__ = ["MIN_PASSWORD_LENGTH", "SignInThrottledError", "actor_for", "authenticate",
           "check_password", "check_password_rule", "hash_password", "normal_email"]

MIN_PASSWORD_LENGTH = 10


@functools.cache
def _hasher(profile: str) -> PasswordHasher:
    params = getattr(profiles, profile, None)
    if params is None or profile.startswith("_"):
        known = ", ".join(p for p in dir(profiles) if p.isupper())
        raise StoreError(Problem(say("store.password_profile", profile=profile, known=known),
                                 field="SEAL_PASSWORD_PROFILE"))
    return PasswordHasher.from_parameters(params)


def hasher() -> PasswordHasher:
    """The password hasher for the parameters ``SEAL_PASSWORD_PROFILE`` names (with its dummy
    hash made the first time, before any password is checked)."""
    profile = get_setting("SEAL_PASSWORD_PROFILE")
    _dummy_hash(profile)
    return _hasher(profile)


def check_password_rule(password: str) -> None:
    """Refuse a password too short to be a password."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise StoreError(Problem(say("store.password_short", n=MIN_PASSWORD_LENGTH),
                                 field="password"))


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (salted; the parameters are in the hash)."""
    check_password_rule(password)
    return hasher().hash(password)




@functools.cache
def _dummy_hash(profile: str) -> str:
    """A hash of no one's password with the current parameters, made once per process: an
    unknown address is checked against it, so that it costs what a known one costs."""
    return _hasher(profile).hash("not anyone's password: " + secrets.token_hex(16))


def _verify(ph: PasswordHasher, password_hash: str, password: str) -> bool:
    """One argon2 verification: the whole cost of a sign-in attempt."""
    try:
        return ph.verify(password_hash, password)
    except (exceptions.VerificationError, exceptions.InvalidHashError):
        return False


def check_password(store: Store, email: str, password: str) -> str:
    """The id of the active user with this e-mail address and password; :class:`StoreError`
    without saying which was wrong.  Exactly one argon2 verification whether or not the
    address exists (an unknown one is checked against a dummy hash made with the same
    parameters), so the time taken reveals nothing.  A hash made with older parameters is
    upgraded on the way.  Not throttled: :func:`authenticate` and
    :func:`~seal_engine.store.start_session` are."""
    ph = hasher()
    email = normal_email(email)
    with store.read() as conn:
        user = conn.execute(sa.select(app_user.c.id, app_user.c.password_hash,
                                      app_user.c.active).where(app_user.c.email == email)).first()
    known = user.password_hash if user is not None else \
        _dummy_hash(get_setting("SEAL_PASSWORD_PROFILE"))  # made by hasher() already
    right = _verify(ph, known, password if isinstance(password, str) else "")
    if user is None or not right:
        raise StoreError(say("store.wrong_sign_in"))
    if not user.active:
        raise StoreError(say("store.wrong_sign_in_or_deactivated"))
    if ph.check_needs_rehash(user.password_hash):
        with store.write() as conn:
            conn.execute(app_user.update().where(app_user.c.id == user.id).values(
                password_hash=ph.hash(password)))
    return user.id


def normal_email(email: str | None) -> str:
    """An e-mail address as the users table keeps it (stripped, lower case)."""
    return (email if isinstance(email, str) else "").strip().lower()


def authenticate(store: Store, email: str, password: str, *, client: str | None = None) -> Actor:
    """The user with this e-mail address and password, with their roles; a wrong address or
    password raises :class:`StoreError` without saying which, and takes as long either way.

    Throttled per address (and per ``client``, the caller's network address, when given): see
    :mod:`seal_engine.store._throttle`; too many attempts raise
    :class:`SignInThrottledError` without checking the password."""
    email = normal_email(email)
    with store.write() as conn:
        reserve(conn, store.now(), email, client)
    user_id = check_password(store, email, password)
    with store.write() as conn:
        succeeded(conn, email, client)
    return actor_for(store, user_id)


def actor_for(store: Store, user_id: str) -> Actor:
    """The user with this id and their current roles (for an app that keeps the id of the
    signed-in user in its session)."""
    with store.read() as conn:
        return refresh(conn, Actor(user_id, user_id))
