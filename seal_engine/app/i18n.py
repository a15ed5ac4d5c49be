"""One translation function for every string a user reads, and numbers and dates formatted as
people read them.

``_("Submit for review")`` looks the message up in the translations of the session's language
(gettext catalogues ``locale/<lang>/LC_MESSAGES/seal-app.mo``; English is the source language,
so it needs none).  The language is per session, never process-wide: Streamlit runs every
session as a thread of one process, so ``gettext.install()`` would leak one user's language to
everyone.  ``locale/seal-app.pot`` lists every message (a test keeps it current); a new
language is a ``.po`` file translated from it and compiled with ``msgfmt``, without touching
the pages.

Formats follow the language: numbers with its grouping and decimal marks, percentages with a
space before the sign as the engine writes them ("62.9 %"), dates written out ("8 March 2026").
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import math
from pathlib import Path

__all__ = ["DOMAIN", "LOCALE_DIR", "_", "fmt_date", "fmt_datetime", "fmt_number", "fmt_percent",
           "fmt_points", "fmt_share", "language", "languages", "ngettext", "set_language",
           "set_time_zone", "time_zone"]

DOMAIN = "seal-app"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_STATE_KEY = "_lang"

# Per language: (thousands separator, decimal mark, percent pattern, month names).
_FORMATS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "en": (",", ".", "{} %", ("January", "February", "March", "April", "May", "June", "July",
                              "August", "September", "October", "November", "December")),
}


def languages() -> dict[str, str]:
    """The languages the app can be shown in, code to name: English and every compiled
    catalogue (its name is the catalogue's ``Language-Name`` header, else its code)."""
    found = {"en": "English"}
    if LOCALE_DIR.is_dir():
        for mo in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")):
            code = mo.parent.parent.name
            found.setdefault(code, _translations(code).info().get("language-name", code))
    return found


@functools.cache
def _catalogue(folder: str, lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, folder, [lang], fallback=True)


def _translations(lang: str) -> gettext.NullTranslations:
    return _catalogue(str(LOCALE_DIR), lang)


def _session_state():
    try:
        import streamlit as st

        return st.session_state
    except Exception:  # pragma: no cover - outside a Streamlit run
        return {}


def language() -> str:
    """The session's language: the one chosen, else the browser's if the app has it, else
    English."""
    state = _session_state()
    try:
        chosen = state.get(_STATE_KEY)
    except Exception:  # no script run context (tests of helpers)
        chosen = None
    available = languages()
    if chosen in available:
        return chosen
    try:
        import streamlit as st

        browser = (st.context.locale or "").split("-")[0].lower()
    except Exception:
        browser = ""
    return browser if browser in available else "en"


def set_language(lang: str) -> None:
    """Show this session in ``lang`` (one of :func:`languages`)."""
    if lang in languages():
        _session_state()[_STATE_KEY] = lang


def _(message: str) -> str:
    """``message`` in the session's language."""
    return _translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the session's language."""
    return _translations(language()).ngettext(singular, plural, n)


def _marks() -> tuple[str, str, str, tuple[str, ...]]:
    return _FORMATS.get(language(), _FORMATS["en"])


def fmt_number(value: float | int | None, decimals: int = 0) -> str:
    """``1,524`` or ``4.3``; an empty string for ``None``; whole numbers shown without
    decimals when ``decimals`` is 0."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    group, point, _pct, _months = _marks()
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


def fmt_points(value: float | int | None) -> str:
    """Points as a standard gives them: ``3``, ``1.5``, ``0.25``."""
    if value is None:
        return ""
    value = float(value)
    if value.is_integer():
        return fmt_number(value, 0)
    decimals = 1 if round(value, 1) == value else 2
    return fmt_number(value, decimals)


def fmt_percent(value: float | None, decimals: int = 1) -> str:
    """A percentage given as 0-100: ``62.9 %``."""
    if value is None:
        return ""
    text = fmt_number(value, decimals)
    if decimals and text.endswith(_marks()[1] + "0" * decimals):
        text = text[: -decimals - 1]
    return _marks()[2].format(text)


def fmt_score(result, threshold: float | None = None) -> str:
    """A result's score (anything with ``points`` and ``max_points``) from the exact share, as
    every output prints it (45 of 57 is 78.9 %, never 79 %), with more decimals where one
    would print a ``threshold`` the score does not reach."""
    from seal_engine import shown_decimals

    if not result.max_points:
        return fmt_percent(getattr(result, "score", None))
    exact = result.points * 100 / result.max_points
    return fmt_percent(exact, shown_decimals(exact, threshold))


def fmt_share(value: float | None, decimals: int = 1) -> str:
    """A share given as 0-1, as a percentage: ``0.5253`` gives ``52.5 %``."""
    return "" if value is None else fmt_percent(value * 100, decimals)


def fmt_date(value: dt.date | None) -> str:
    """``8 March 2026``."""
    if value is None:
        return ""
    return f"{value.day} {_marks()[3][value.month - 1]} {value.year}"


_TZ_KEY = "_tz"


def time_zone() -> str:
    """The time zone the signed-in user chose (Your account), read once per session and user,
    else ``UTC``."""
    state = _session_state()
    try:
        actor = state.get("_actor")
        kept = state.get(_TZ_KEY)
    except Exception:  # no script run context
        return "UTC"
    user_id = getattr(actor, "user_id", None)
    if user_id is None:
        return "UTC"
    if kept is not None and kept[0] == user_id:
        return kept[1]
    try:
        from seal_engine.store import get_preferences

        from .session import app_store

        zone = get_preferences(app_store(), actor).time_zone or "UTC"
    except Exception:  # noqa: BLE001 - no store at hand: times stay in UTC
        return "UTC"
    state[_TZ_KEY] = (user_id, zone)
    return zone


def set_time_zone(zone: str | None) -> None:
    """Show this session's times in ``zone`` (after the signed-in user changed their
    preference)."""
    state = _session_state()
    actor = state.get("_actor")
    if actor is not None:
        state[_TZ_KEY] = (actor.user_id, zone or "UTC")


def fmt_datetime(value: dt.datetime | None, zone: str | None = None) -> str:
    """``8 March 2026, 10:02 UTC``, or in the user's time zone with its name:
    ``8 March 2026, 05:02 America/Panama``.  A time without a zone is taken as UTC."""
    if value is None:
        return ""
    name = zone or time_zone()
    value = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    tz = dt.UTC
    if name != "UTC":
        import zoneinfo

        try:
            tz = zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            name = "UTC"
    value = value.astimezone(tz)
    return f"{fmt_date(value.date())}, {value:%H:%M} {name}"
