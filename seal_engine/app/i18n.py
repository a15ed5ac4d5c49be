"""One translation function for every string a user reads, and numbers and dates formatted as
people read them.

``_("Submit for review")`` looks the message up in the translations of the session's language
(the catalogue ``locale/<lang>/LC_MESSAGES/seal-app.po``, read at run time with Babel; English
is the source language, so it needs none).  The language is per session, never process-wide:
Streamlit runs every session as a thread of one process, so ``gettext.install()`` would leak
one user's language to everyone.  It is the one the user picked (kept as their preference once
signed in), else the browser's (its Accept-Language), else English.  ``locale/seal-app.pot``
lists every message (a test keeps it current); a new language is a ``.po`` file translated from
it, without touching the pages.

Formats follow the language, through Babel: numbers with its grouping and decimal marks,
percentages with its sign (the engine's English writes "62.9 %"), dates written out ("8 March
2026", "8 de marzo de 2026").
"""

from __future__ import annotations

import contextvars
import datetime as dt
import gettext
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from seal_engine.i18n import (
    catalogue,
    catalogue_languages,
    format_date,
    format_number,
    format_percent,
    format_time,
)

__all__ = ["DOMAIN", "LOCALE_DIR", "_", "browser_language", "fmt_date", "fmt_datetime",
           "fmt_number", "fmt_percent", "fmt_points", "fmt_share", "get_standard", "kept_language",
           "language", "language_label", "languages", "ngettext", "set_language",
           "set_time_zone", "time_zone"]

DOMAIN = "seal-app"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_STATE_KEY = "_lang"
_LANG_KEY = "_lang_pref"  # (user id, language) read from the user's preferences
_BROWSER_KEY = "_lang_browser"  # (languages, the browser's language) read once per session


_LANGUAGES: dict[tuple, dict[str, str]] = {}


def language_label() -> str:
    """The language picker's label: the word in the session's language with the English one
    beside it ('Idioma · Language'), so that someone who cannot read the page's language finds
    the picker; no icon code, which screen readers would read out."""
    word = _("Language")
    return word if word == "Language" else f"{word} · Language"


def languages() -> dict[str, str]:
    """The languages the app can be shown in, code to name in that language: English and every
    language with a catalogue.  Every message of a page asks, so the answer is kept while the
    locale folder is unchanged (a new language is a new folder in it, which changes its time)."""
    try:
        key = (str(LOCALE_DIR), LOCALE_DIR.stat().st_mtime_ns)
    except OSError:
        key = (str(LOCALE_DIR), None)
    found = _LANGUAGES.get(key)
    if found is None:
        found = catalogue_languages(LOCALE_DIR, DOMAIN)
        _LANGUAGES.clear()
        _LANGUAGES[key] = found
    return dict(found)


def _translations(lang: str) -> gettext.NullTranslations:
    return catalogue(LOCALE_DIR, lang, DOMAIN)


def _session_state():
    try:
        import streamlit as st

        return st.session_state
    except Exception:  # pragma: no cover - outside a Streamlit run
        return {}


def browser_language(header: str | None = None) -> str | None:
    """The first language of the browser's Accept-Language header (``header``, else the
    running session's) that the app has, or ``None``."""
    if header is None:
        try:
            import streamlit as st

            header = st.context.headers.get("Accept-Language") or ""
        except Exception:  # noqa: BLE001 - outside a Streamlit run
            header = ""
    available = languages()
    weighted = []
    for i, part in enumerate(header.split(",")):
        code, _sep, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            name, _eq, value = p.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        code = code.strip().replace("_", "-").split("-")[0].lower()
        if code and code != "*" and q > 0:
            weighted.append((-q, i, code))
    for _q, _i, code in sorted(weighted):
        if code in available:
            return code
    return None


def _preferred(state) -> str | None:
    """The signed-in user's saved language, read once per session and user."""
    actor = state.get("_actor")
    user_id = getattr(actor, "user_id", None)
    if user_id is None:
        return None
    kept = state.get(_LANG_KEY)
    if kept is not None and kept[0] == user_id:
        return kept[1]
    try:
        from seal_engine.store import get_preferences

        from .session import app_store

        lang = get_preferences(app_store(), actor).language
    except Exception:  # noqa: BLE001 - no store at hand: the session's choice stands
        return None
    state[_LANG_KEY] = (user_id, lang)
    return lang


#: The page's language and its catalogue for the rest of a run (:func:`kept_language`).
_KEPT: contextvars.ContextVar[list | None] = contextvars.ContextVar("seal_app_language",
                                                                   default=None)


@contextmanager
def kept_language() -> Iterator[None]:
    """Work the session's language out once for the rest of this run: a page asks for it
    with every message (thousands on a long list), and it changes only by
    :func:`set_language`, which updates what is kept."""
    lang = language()
    token = _KEPT.set([lang, _translations(lang)])
    try:
        yield
    finally:
        _KEPT.reset(token)


def language() -> str:
    """The session's language: the one picked in this session, else the signed-in user's
    saved one, else the browser's (Accept-Language) if the app has it, else English."""
    kept = _KEPT.get()
    if kept is not None:
        return kept[0]
    state = _session_state()
    available = languages()
    try:
        chosen = state.get(_STATE_KEY)
        if chosen not in available:
            chosen = _preferred(state)
    except Exception:  # noqa: BLE001 - no script run context (tests of helpers)
        chosen = None
    if chosen in available:
        return chosen
    try:  # a session's browser and its headers stay the same: read them once per session
        kept = state.get(_BROWSER_KEY)
        if kept is None or kept[0] != tuple(available):
            kept = (tuple(available), browser_language() or "en")
            state[_BROWSER_KEY] = kept
        return kept[1]
    except Exception:  # noqa: BLE001 - no script run context (tests of helpers)
        return browser_language() or "en"


def set_language(lang: str) -> None:
    """Show this session in ``lang`` (one of :func:`languages`); the signed-in user's saved
    language is kept with it, so it is not read again."""
    if lang in languages():
        kept = _KEPT.get()
        if kept is not None:
            kept[:] = [lang, _translations(lang)]
        state = _session_state()
        state[_STATE_KEY] = lang
        actor = state.get("_actor")
        if getattr(actor, "user_id", None) is not None:
            state[_LANG_KEY] = (actor.user_id, lang)


def _current() -> gettext.NullTranslations:
    kept = _KEPT.get()
    return kept[1] if kept is not None else _translations(language())


def _(message: str) -> str:
    """``message`` in the session's language."""
    return _current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the session's language."""
    return _current().ngettext(singular, plural, n)


def fmt_number(value: float | int | None, decimals: int = 0) -> str:
    """``1,524`` or ``4.3`` (``1.524``, ``4,3`` in Spanish); an empty string for ``None``;
    whole numbers shown without decimals when ``decimals`` is 0."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return format_number(value, decimals, language())


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
    """A percentage given as 0-100: ``62.9 %`` (``62,9 %`` in Spanish, ``62,9%`` in
    Portuguese)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return format_percent(value, decimals, language())


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
    """``8 March 2026`` (``8 de marzo de 2026``)."""
    if value is None:
        return ""
    return format_date(value, language())


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
    return f"{fmt_date(value.date())}, {format_time(value, language())} {name}"


def get_standard(store, standard_id: str, version: int | None = None):
    """A stored standard in the session's language: its translations (and those of the same
    standard and content on the standards path, newer than the stored ones) put in place, each
    text without one in the standard's language; kept per standard and language, so that its
    rules, which quote the translated questions, compile once.  Every page reads standards
    through this."""
    from seal_engine import translated_standard
    from seal_engine.store import get_standard as stored

    return translated_standard(stored(store, standard_id, version), language())
