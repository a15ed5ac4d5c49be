"""Passwords (argon2id through argon2-cffi's ``PasswordHasher``) and signing in."""

from __future__ import annotations

import functools

import sqlalchemy as sa
from argon2 import PasswordHasher, exceptions, profiles

from ..errors import Problem, StoreError
from ..settings import get_setting
from ._common import Actor, refresh
from .engine import Store
from .schema import app_user

__all__ = ["MIN_PASSWORD_LENGTH", "actor_for", "authenticate", "check_password_rule",
           "hash_password"]

MIN_PASSWORD_LENGTH = 10


@functools.cache
def _hasher(profile: str) -> PasswordHasher:
    params = getattr(profiles, profile, None)
    if params is None or profile.startswith("_"):
        known = ", ".join(p for p in dir(profiles) if p.isupper())
        raise StoreError(Problem(f"SEAL_PASSWORD_PROFILE {profile!r} is not an argon2 "
                                 f"profile (known: {known})", field="SEAL_PASSWORD_PROFILE"))
    return PasswordHasher.from_parameters(params)


def hasher() -> PasswordHasher:
    """The password hasher for the parameters ``SEAL_PASSWORD_PROFILE`` names."""
    return _hasher(get_setting("SEAL_PASSWORD_PROFILE"))


def check_password_rule(password: str) -> None:
    """Refuse a password too short to be a password."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise StoreError(Problem(f"a password needs at least {MIN_PASSWORD_LENGTH} "
                                 "characters", field="password"))


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (salted; the parameters are in the hash)."""
    check_password_rule(password)
    return hasher().hash(password)


_WRONG = "wrong e-mail address or password"
# Verified against when the e-mail is unknown, so that a wrong address takes as long as a
# wrong password and reveals nothing.
_DUMMY: dict[str, str] = {}


def authenticate(store: Store, email: str, password: str) -> Actor:
    """The user with this e-mail address and password, with their roles; a wrong address or
    password raises :class:`StoreError` without saying which.  A hash made with older
    parameters is upgraded on the way."""
    ph = hasher()
    email = (email or "").strip().lower()
    with store.read() as conn:
        user = conn.execute(sa.select(app_user.c.id, app_user.c.password_hash,
                                      app_user.c.active).where(app_user.c.email == email)).first()
    if user is None:
        dummy = _DUMMY.setdefault(get_setting("SEAL_PASSWORD_PROFILE"),
                                  ph.hash("not a password"))
        try:
            ph.verify(dummy, password or "")
        except exceptions.VerificationError:
            pass
        raise StoreError(_WRONG)
    try:
        ph.verify(user.password_hash, password or "")
    except (exceptions.VerificationError, exceptions.InvalidHashError):
        raise StoreError(_WRONG) from None
    if not user.active:
        raise StoreError(f"{_WRONG}, or the account is deactivated")
    if ph.check_needs_rehash(user.password_hash):
        with store.write() as conn:
            conn.execute(app_user.update().where(app_user.c.id == user.id).values(
                password_hash=ph.hash(password)))
    return actor_for(store, user.id)


def actor_for(store: Store, user_id: str) -> Actor:
    """The user with this id and their current roles (for an app that keeps the id of the
    signed-in user in its session)."""
    with store.read() as conn:
        return refresh(conn, Actor(user_id, user_id))
