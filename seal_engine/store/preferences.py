"""A user's own preferences, kept per user: the time zone the app shows times in, and the
language the app, its reports and its certificates are shown in.  Each user sets their own (the
command line may set anyone's); the change is audited in the user's record, and a preference
never gives a right."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import sqlalchemy as sa

from ..errors import Problem, StoreError
from ..messages import say
from . import audit
from ._common import SYSTEM_ID, Actor, denied, refresh, stale
from ._common import update_versioned as _cas
from .engine import Store
from .schema import user_language, user_preference

__all__ = ["Preferences", "get_preferences", "set_language", "set_time_zone", "time_zones"]

#: A language code: 'es', 'fr', 'pt', 'pt-BR'.
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


@functools.cache
def time_zones() -> tuple[str, ...]:
    """The IANA time zone names this machine knows (``Area/City``), sorted, UTC first."""
    import zoneinfo

    names = {z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(
        ("Etc/", "SystemV/", "US/", "posix/", "right/"))}
    return ("UTC", *sorted(names))


@dataclass(frozen=True)
class Preferences:
    """A user's preferences as read."""

    time_zone: str | None = None
    """An IANA name; ``None``: UTC."""
    version: int = 0
    """The version read (0: none saved yet)."""
    language: str | None = None
    """A language code such as ``es``; ``None``: the browser's (else English)."""
    language_version: int = 0
    """The version of the language read (0: none saved yet); kept apart from the time
    zone's."""


def get_preferences(store: Store, actor: Actor, user_id: str | None = None) -> Preferences:
    """The preferences of ``actor`` (or, for the command line, of ``user_id``)."""
    uid = user_id or actor.user_id
    with store.read() as conn:
        actor = refresh(conn, actor)
        if uid != actor.user_id and not actor.is_system:
            raise denied(actor, say("store.do.read_preferences"))
        row = conn.execute(sa.select(user_preference.c.time_zone, user_preference.c.version)
                           .where(user_preference.c.user_id == uid)).first()
        lang = conn.execute(sa.select(user_language.c.language, user_language.c.version)
                            .where(user_language.c.user_id == uid)).first()
        return Preferences(row.time_zone if row else None, row.version if row else 0,
                           lang.language if lang else None, lang.version if lang else 0)


def set_time_zone(store: Store, actor: Actor, time_zone: str | None, expected_version: int,
                  user_id: str | None = None) -> int:
    """Show times to the user in ``time_zone`` (an IANA name such as ``America/Panama``;
    ``None`` or ``UTC``: UTC).  ``expected_version``: the preferences' version read.  Returns
    the new version."""
    zone = (time_zone or "").strip() or None
    if zone == "UTC":
        zone = None
    if zone is not None and zone not in time_zones():
        from ..errors import suggestion

        raise StoreError(Problem(say("store.unknown_time_zone", zone=zone,
                                     hint=suggestion(zone, time_zones())), field="time_zone"))
    return set_user_setting(store, actor, user_preference, {"time_zone": zone},
                            expected_version, user_id,
                            what="preferences", action="user.preferences",
                            for_system=say("store.no_preferences"))


def set_language(store: Store, actor: Actor, language: str | None, expected_version: int,
                 user_id: str | None = None) -> int:
    """Show the app, reports and certificates to the user in ``language`` (a code such as
    ``es``, ``fr`` or ``pt``; ``None``: the browser's language, else English).
    ``expected_version``: the language's version read (``Preferences.language_version``).
    Returns the new version."""
    lang = (language or "").strip().replace("_", "-") or None
    if lang is not None and not _LANGUAGE.match(lang):
        raise StoreError(Problem(say("store.not_a_language", lang=lang), field="language"))
    return set_user_setting(store, actor, user_language, {"language": lang},
                            expected_version, user_id,
                            what="language", action="user.preferences",
                            for_system=say("store.no_preferences"))


def set_user_setting(store: Store, actor: Actor, table: sa.Table, values: dict,
                     expected_version: int, user_id: str | None, *, what: str,
                     action: str, for_system) -> int:
    """Write one user's row of a per-user setting ``table`` (its ``values``, version-checked
    against ``expected_version``, 0 for a row never written), audited as ``action`` in the
    user's record: the user for themselves, the command line (``user_id``) for anyone.
    ``what``: the setting (``preferences``, ``language``, ``notice_setting``), which names
    the row in a refusal (``store.rec.own.*``, ``store.rec.other.*``, ``store.do.change_other.*``);
    ``for_system``: the refusal (a message) when the command line names no user."""
    uid = user_id or actor.user_id
    if uid == SYSTEM_ID:
        raise StoreError(Problem(for_system, field="user"))
    with store.write() as conn:
        actor = refresh(conn, actor)
        if uid != actor.user_id and not actor.is_system:
            raise denied(actor, say(f"store.do.change_other.{what}"))
        now = store.now()
        where = [table.c.user_id == uid]
        current = conn.execute(sa.select(table.c.version).where(*where)).first()
        named = (say(f"store.rec.own.{what}") if uid == actor.user_id
                 else say(f"store.rec.other.{what}", uid=uid))
        if current is None:
            if expected_version != 0:
                raise stale(conn, named, None, expected_version)
            conn.execute(table.insert().values(user_id=uid, **values, version=1,
                                               updated_at=now, updated_by=actor.user_id))
            version = 1
        else:
            version = _cas(conn, table, where, expected_version, named, actor, now, values)
        audit.append(conn, store, actor.user_id, action, f"user:{uid}",
                     {"user": uid, **values, "version": version})
        return version
