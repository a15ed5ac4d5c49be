"""Numbers, percentages, dates and times as a language writes them, through Babel: ``1,524``
and ``62.9 %`` in English (the engine's English puts a space before the sign), ``1.524`` and
``62,9 %`` in Spanish, ``1 524`` and ``62,9 %`` in French, ``1 524`` and ``62,9%`` in
Portuguese (Portugal's norm, as the programme's Portuguese-speaking countries write); dates
written out (``8 March 2026``, ``8 de marzo de 2026``, ``8 mars 2026``)."""

from __future__ import annotations

import datetime as dt
import functools
import math

__all__ = ["format_date", "format_number", "format_percent", "format_time", "locale_of"]

#: English dates as the engine writes them (day, month, year); other languages take Babel's
#: long date.
_DATE_PATTERNS = {"en": "d MMMM y"}


#: The programme's variant of a language Babel would otherwise read as another country's:
#: Portuguese as Cabo Verde, Sao Tome and Principe and Timor-Leste write it, which is Portugal's
#: norm (``1 524,5``; Babel's bare ``pt`` is Brazil's, ``1.524,5``).
_VARIANTS = {"pt": "pt_PT"}


@functools.cache
def locale_of(lang: str):
    """Babel's locale for ``lang`` (English for a code Babel does not know)."""
    from babel import Locale, UnknownLocaleError

    code = (lang or "en").replace("-", "_")
    try:
        return Locale.parse(_VARIANTS.get(code, code))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_number(value: float | int, decimals: int = 0, lang: str = "en") -> str:
    """``value`` with ``decimals`` decimals, grouped as ``lang`` groups digits; ``-0`` never
    shown.  A number that is not finite gives an empty string."""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    rounded = round(float(value), max(decimals, 0))
    if rounded == 0:
        rounded = 0.0
    return format_decimal(rounded, format=pattern, locale=locale_of(lang),
                          decimal_quantization=True)


def format_percent(value: float | int, decimals: int = 1, lang: str = "en",
                   trim: bool = True) -> str:
    """A percentage given as 0-100: ``62.9 %`` (``62 %`` rather than ``62.0 %`` when
    ``trim``), the sign placed as ``lang`` places it."""
    text = format_number(value, decimals, lang)
    if not text:
        return ""
    if trim and decimals > 0:
        from babel.numbers import get_decimal_symbol

        point = get_decimal_symbol(locale_of(lang))
        if text.endswith(point + "0" * decimals):
            text = text[: -decimals - len(point)]
    if lang.split("_")[0].split("-")[0] == "en":
        return f"{text} %"
    pattern = locale_of(lang).percent_formats[None].pattern
    before, _, after = pattern.partition("#,##0")
    after = after.lstrip("0.#")
    return before + text + after


def format_date(value: dt.date, lang: str = "en") -> str:
    """``8 March 2026``, ``8 de marzo de 2026``, ``8 mars 2026``."""
    from babel.dates import format_date as babel_date

    if isinstance(value, dt.datetime):
        value = value.date()
    code = lang.split("_")[0].split("-")[0]
    return babel_date(value, format=_DATE_PATTERNS.get(code, "long"), locale=locale_of(lang))


def format_time(value: dt.datetime | dt.time, lang: str = "en") -> str:
    """Hours and minutes on a 24-hour clock, as ``lang`` writes them (``10:02``)."""
    from babel.dates import format_time as babel_time

    return babel_time(value, format="HH:mm", locale=locale_of(lang))
