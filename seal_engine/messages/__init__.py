"""Texts a person reads, kept as data until the edge: a :class:`Message` is a stable ``code``
and its ``params``; :func:`render_message` turns it into words in a language.

:data:`MESSAGES` is the English catalogue, one template a code (``str.format`` fields named by
the params), gathered from one module per area (:mod:`.outcome`, :mod:`.score`, :mod:`.cli`,
:mod:`.problems`...).  A template that depends on a count is a pair (singular, plural) and its
message has the count as param ``n``; the language's plural rule picks the form.

Translations live in ONE catalogue for the engine and the command line,
``seal_engine/locale/<lang>/LC_MESSAGES/seal-engine.po`` (template: ``seal-engine.pot``, written
by ``python -m seal_engine._pot``): each entry's context (``msgctxt``) is its code and its
``msgid`` the English template.  The ``.po`` files are read at run time with Babel (no compiled
``.mo`` is kept); a code a language lacks, or whose entry is fuzzy, stays in English.

Params are values, never words already written in English: a number (``int``/``float``) is
written with the language's marks, a :class:`Num` says how many decimals and whether it is a
percentage, a date is written out in the language, a :class:`Message` is rendered first and a
list is rendered item by item and joined with '; ' (or ', ' for :class:`Ids`).  Tests assert on
codes and params; one test asserts the English.  See docs/i18n.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import string
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .._construct import made as _made
from . import certificates as _certificates
from . import cli as _cli
from . import diff as _diff
from . import forms as _forms
from . import notices as _notices
from . import outcome as _outcome
from . import plans as _plans
from . import problems as _problems
from . import rules as _rules
from . import score as _score
from . import store as _store
from . import workforce as _workforce

__all__ = ["AREAS", "DOMAIN", "LOCALE_DIR", "MESSAGES", "Ids", "Message", "Num",
           "has_translation", "is_plural", "message_languages",
           "languages", "num", "pct", "render_message", "rendered_log", "resolve_language",
           "say", "translations"]

DOMAIN = "seal-engine"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

#: The area modules, each with its ``MESSAGES`` (a new area is added here and only here).
AREAS = (_outcome, _score, _rules, _workforce, _problems, _cli, _notices, _store, _forms,
         _diff, _plans, _certificates)

#: The English template of every message code; a pair is (singular, plural), counted by ``n``.
MESSAGES: dict[str, str | tuple[str, str]] = {
    code: template for area in AREAS for code, template in area.MESSAGES.items()}


class SealModel(BaseModel):
    """As :class:`seal_engine.models.SealModel` (unknown fields refused, no NaN or infinity),
    without importing the models (they render messages)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


def is_plural(code: str) -> bool:
    """Whether the template of ``code`` has a singular and a plural form."""
    return isinstance(MESSAGES[code], tuple)


class Message(SealModel):
    """A text as data: its code in :data:`MESSAGES` and the params its template names."""

    code: str
    params: dict[str, Any] = {}

    def __str__(self) -> str:
        return render_message(self)


class Num(SealModel):
    """A number a message shows: ``decimals`` fixed (``None``: as few as the value needs, at
    most ``upto``), a ``percent`` given 0-100 written with the language's per cent sign, ``sign``
    always shown (``+3.5``)."""

    value: float
    decimals: int | None = None
    upto: int = 3
    percent: bool = False
    sign: bool = False


class Ids(SealModel):
    """Record ids or names listed in a message (``WE-05, RI-01``): joined with commas, or with
    the language's 'or' or 'and' (``join="or"``: 'senior or manager')."""

    items: list[Any]
    join: str = "comma"


def num(value: float, decimals: int | None = None, *, sign: bool = False) -> Num:
    """A number param: ``num(3.14159, 2)`` is '3.14' in English, '3,14' in Spanish."""
    return number(value, decimals, sign=sign)


def pct(value: float, decimals: int | None = None, *, sign: bool = False) -> Num:
    """A percentage param, given 0-100: ``pct(78.947, 1)`` is '78.9 %' in English, '78,9 %'
    in French."""
    return number(value, decimals, percent=True, sign=sign)


def say(code: str, /, **params: Any) -> Message:
    """A :class:`Message`; ``KeyError`` for a code the catalogue does not have (a typo in code
    must fail where it is written, not when a page renders it), ``ValueError`` for a plural
    message without its count ``n``."""
    english = MESSAGES.get(code)
    if english is None:
        raise KeyError(f"no message {code!r} in the catalogue")
    if type(english) is tuple and "n" not in params:
        raise ValueError(f"message {code!r} has plural forms: give its count as n=")
    return _made(Message, {"code": code, "params": params})


def number(value: Any, decimals: int | None = None, *, upto: int = 3, percent: bool = False,
           sign: bool = False) -> Num:
    """``Num(value=value, decimals=decimals, ...)``, built without validating when ``value`` is
    a finite ``int`` or ``float`` and ``decimals`` an ``int`` or ``None`` (what validating
    would keep, the value as a float); anything else is validated, and refused the same way."""
    tv = type(value)
    if ((tv is float and value - value == 0) or (tv is int and -1e300 < value < 1e300)) and (
            decimals is None or type(decimals) is int) and type(upto) is int and (
            type(percent) is bool and type(sign) is bool):
        return _made(Num, {"value": float(value), "decimals": decimals, "upto": upto,
                           "percent": percent, "sign": sign})
    return Num(value=value, decimals=decimals, upto=upto, percent=percent, sign=sign)


# ------------------------------------------------------------------------------ languages


def _code(value: str | None) -> str | None:
    """'es' from 'es', 'es_ES.UTF-8', 'es-CO'; 'en' from 'C' and 'POSIX'; None when empty."""
    if not value:
        return None
    value = value.split(":")[0].split(".")[0].split("@")[0].strip()
    if not value:
        return None
    if value in ("C", "POSIX"):
        return "en"
    return value.replace("-", "_").split("_")[0].lower()


@functools.cache
def _available() -> tuple[str, ...]:
    found = ["en"]
    if LOCALE_DIR.is_dir():
        found += sorted(p.parent.parent.name for p in
                        LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return tuple(found)


def languages() -> dict[str, str]:
    """The languages the engine's messages can be read in, code to name in that language:
    English and every language with a catalogue."""
    from babel import Locale

    out = {}
    for code in _available():
        try:
            name = Locale.parse(code).get_display_name(code) or code
        except (ValueError, LookupError):
            name = code
        out[code] = name[:1].upper() + name[1:]
    return out


message_languages = languages


def resolve_language(explicit: str | None = None,
                     environ: dict[str, str] | os._Environ | None = None) -> str:
    """The reader's language: ``explicit`` (a ``--lang`` option), else ``SEAL_LANG``, else the
    environment's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the first one set), else
    English; one the engine has no catalogue for is English too."""
    env = os.environ if environ is None else environ
    for value in (explicit, env.get("SEAL_LANG"), env.get("LC_ALL"), env.get("LC_MESSAGES"),
                  env.get("LANG")):
        code = _code(value)
        if code:
            return code if code in _available() else "en"
    return "en"


@functools.cache
def translations(lang: str):
    """The catalogue of ``lang`` read from its ``.po`` file with Babel (fuzzy entries left
    out), as :class:`babel.support.Translations`; English and a language without a catalogue
    get null translations (every text stays English)."""
    import gettext
    import io

    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not po.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with po.open("rb") as f:
        catalogue = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalogue, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


def template(code: str, lang: str = "en", n: Any = None) -> str:
    """The template of ``code`` in ``lang`` (English where the language lacks it), its plural
    form picked for ``n``."""
    english = MESSAGES[code]
    t = translations(lang)
    if isinstance(english, tuple):
        count = n if isinstance(n, int) else (n.value if isinstance(n, Num) else n)
        try:
            count = int(count) if float(count) == int(float(count)) else 2
        except (TypeError, ValueError):
            count = 2
        return t.npgettext(code, english[0], english[1], count)
    return t.pgettext(code, english)


def has_translation(code: str, lang: str) -> bool:
    """Whether ``lang``'s catalogue translates ``code`` (a non-fuzzy entry with its text; a
    translation may be the same words as the English, as 'Dimensions' is in French)."""
    if lang == "en":
        return True
    english = MESSAGES[code]
    key = f"{code}\x04{english[0] if isinstance(english, tuple) else english}"
    found = getattr(translations(lang), "_catalog", {})
    return bool(found.get((key, 0)) if isinstance(english, tuple) else found.get(key))


# ------------------------------------------------------------------------------ formats

_DATE_FORMATS = {"en": "d MMMM y"}


#: Babel's locale for a language the programme writes as another country than Babel's default
#: does: Portuguese as Cabo Verde, Sao Tome and Principe and Timor-Leste write it (Portugal's
#: norm, ``1 524,5``; Babel's ``pt`` is Brazil's, ``1.524,5``), as ``seal_engine.i18n.formats``.
_BABEL = {"pt": "pt_PT"}


def _babel(lang: str) -> str:
    return _BABEL.get(lang, lang)


def _number(value: float, decimals: int | None, lang: str, percent: bool = False,
            sign: bool = False, upto: int = 3) -> str:
    if decimals is None:
        shown = f"{round(float(value), upto):.{upto}f}".rstrip("0").rstrip(".")
        decimals = len(shown.split(".")[1]) if "." in shown else 0
    if lang == "en":  # English needs no Babel
        text = f"{round(float(value), decimals):,.{decimals}f}"
    else:
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        text = format_decimal(round(float(value), decimals), format=pattern,
                              locale=_babel(lang))
    if text in ("-0", "−0") or (decimals and text.lstrip("-−").strip("0,.") == ""):
        text = text.lstrip("-−")
    if sign and not text.startswith(("-", "−")):
        text = "+" + text
    if not percent:
        return text
    if lang == "en":  # the engine's English writes '78.9 %'
        return f"{text} %"
    from babel import Locale

    pattern = Locale.parse(_babel(lang)).percent_formats[None].pattern
    before, _, after = pattern.partition("#,##0")
    return before + text + after


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _date(value: dt.date, lang: str) -> str:
    if lang == "en":
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    from babel.dates import format_date

    return format_date(value, format=_DATE_FORMATS.get(lang, "long"), locale=_babel(lang))


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec:
            return super().format_field(value, format_spec)
        return value


#: What joins the parts of a list of messages, where a language writes it otherwise than '; '
#: (French puts a no-break space before the semicolon).
_LIST_SEP = {"fr": "\u00a0; "}


def _list_sep(lang: str) -> str:
    return _LIST_SEP.get(lang, "; ")


def _shown(value: Any, lang: str, translate: Callable[[str], str] | None) -> str:
    if isinstance(value, Message):
        return render_message(value, translate, lang=lang)
    if isinstance(value, Num):
        return _number(value.value, value.decimals, lang, value.percent, value.sign, value.upto)
    if isinstance(value, Ids):
        items = [_shown(v, lang, translate) for v in value.items]
        if value.join not in ("or", "and") or len(items) < 2:
            return ", ".join(items)
        if lang == "en":
            return f" {value.join} ".join(items)
        from babel.lists import format_list

        return format_list(items, style="or" if value.join == "or" else "standard",
                           locale=_babel(lang))
    if isinstance(value, (list, tuple)):
        return _list_sep(lang).join(_shown(v, lang, translate) for v in value)
    if isinstance(value, bool):
        return render_message(say("word.yes" if value else "word.no"), translate, lang=lang)
    if isinstance(value, (int, float)):
        return _number(value, None, lang)
    if isinstance(value, dt.datetime):
        return _date(value.date(), lang)
    if isinstance(value, dt.date):
        return _date(value, lang)
    return "" if value is None else str(value)


_LOG: list[list[tuple[str, str, str, str]]] = []


@contextmanager
def rendered_log() -> Iterator[list[tuple[str, str, str, str]]]:
    """Within the block, every message rendered is recorded as ``(code, lang, text,
    english)``: what an output said and what it says in English (tests check a translated
    output has no message left in English)."""
    found: list[tuple[str, str, str, str]] = []
    _LOG.append(found)
    try:
        yield found
    finally:
        _LOG.remove(found)


def render_message(message: Message | str | list, translate: Callable[[str], str] | None = None,
                   *, lang: str = "en") -> str:
    """``message`` in words in ``lang``: its template from the language's catalogue, filled with
    its params written in that language; a plain text is returned as it is, a list of messages
    joined with '; '.  ``translate`` (a page's ``_``, kept for callers that translate English
    templates themselves) is applied to a singular template instead of the catalogue."""
    if isinstance(message, str):
        return message
    if lang not in _available():  # no catalogue: English words and English numbers
        lang = "en"
    if isinstance(message, (list, tuple)):
        return _list_sep(lang).join(render_message(m, translate, lang=lang) for m in message)
    params = message.params
    english = MESSAGES[message.code]
    if translate is None and lang == "en" and type(english) is str:
        tpl = english  # what the catalogue of English (null translations) gives
    elif translate is not None and not is_plural(message.code):
        tpl = translate(english)
    else:
        tpl = template(message.code, lang, params.get("n"))
    # every param shown is a text, and a text formats the same with or without _Formatter
    text = tpl.format_map({k: _shown(v, lang, translate) for k, v in params.items()})
    if _LOG:
        english = (text if lang == "en" and translate is None else
                   render_message(message, None, lang="en"))
        for log in _LOG:
            log.append((message.code, lang, text, english))
    return text
