"""The fixed words of a plan file in one language (sheet names, column titles, status and unit
labels, the summary's labels), and every language's words together for reading a file back.

The words are the messages ``planfile.*`` and ``plan_status.*`` of the engine's catalogue
(:mod:`seal_engine.messages.plans`) rendered in a language.  A focal point may upload a workbook
written in another of the programme's languages than the one they read (a colleague's download),
so a reader matches a sheet name, a column title, a status, a unit or a summary label against
the words of every language with a catalogue, English and the field names included.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from ..messages import languages, render_message, resolve_language, say
from ..models import ActionArea

__all__ = ["SUMMARY_LABELS", "Known", "Words", "english", "in_language", "key", "known",
           "level_ids", "meaning", "title_of", "words"]

#: The summary's labels read back, by what they say (the Markdown header has the same ones).
SUMMARY_LABELS = ("institution", "standard", "assessment", "period", "level", "target")
_FIELDS = ("no", "action", "activity", "benchmarks", "area", "indicator", "unit", "baseline",
           "target", "means_of_verification", "start", "end", "resources", "responsible",
           "capacities", "status", "progress", "evidence", "notes")
_UNITS = ("percent", "points", "number", "share", "yes_no")
_STATUSES = ("planned", "in_progress", "done", "dropped")


def key(text: Any) -> str:
    """A word as a reader compares it: Unicode composed, spaces collapsed, lower case."""
    s = unicodedata.normalize("NFC", str(text if text is not None else ""))
    return " ".join(s.split()).lower()


class Words:
    """The fixed words of a plan file in ``lang``."""

    def __init__(self, lang: str) -> None:
        self.lang = resolve_language(lang, {})  # English for a language without a catalogue
        self.areas: dict[ActionArea, str] = {
            a: self(f"planfile.area.{a.value}") for a in ActionArea}
        self.columns: dict[str, str] = {f: self(f"planfile.col.{f}") for f in _FIELDS}
        self.statuses: dict[str, str] = {s: self(f"plan_status.{s}") for s in _STATUSES}
        self.units: dict[str, str] = {u: self(f"planfile.unit.{u}") for u in _UNITS}
        self.labels: dict[str, str] = {k: self(f"planfile.label.{k}") for k in SUMMARY_LABELS}
        self.summary = self("planfile.sheet.summary")
        self.library = self("planfile.sheet.library")
        #: the sheets of a plan workbook, in order
        self.sheets = (self.summary, *self.areas.values(), self.library)
        from babel.numbers import get_decimal_symbol

        from ..i18n.formats import locale_of

        self.decimal = get_decimal_symbol(locale_of(self.lang)) if self.lang != "en" else "."

    def __call__(self, code: str, /, **params: Any) -> str:
        return render_message(say(code, **params), lang=self.lang)

    def status(self, status: Any) -> str:
        return self.statuses[getattr(status, "value", status)]

    def unit(self, unit: str) -> str:
        return self.units.get(unit, unit)


@functools.cache
def words(lang: str = "en") -> Words:
    """The words of a plan file in ``lang`` (English for a language without a catalogue)."""
    return Words(lang)


class Known:
    """Every language's words, each to what it means: ``sheets`` (to an area, ``"summary"``
    or ``"library"``), ``columns`` (to a field), ``statuses``, ``units``, ``labels`` (the
    summary's), ``areas``; keys as :func:`key` gives them.  ``clashes`` lists any word that
    means two things (a catalogue to correct; a test keeps it empty).  ``column_titles``
    gives each language's column titles, to name them in a problem in the file's language."""

    def __init__(self, langs: Any = None) -> None:
        self.clashes: list[tuple[str, str, Any, Any]] = []
        self.sheets: dict[str, Any] = {}
        self.columns: dict[str, str] = {}
        self.statuses: dict[str, str] = {}
        self.units: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.areas: dict[str, ActionArea] = {}
        self.column_titles: dict[str, dict[str, str]] = {}
        for lang in languages() if langs is None else langs:
            w = words(lang)
            self.column_titles[w.lang] = w.columns
            for area, title in w.areas.items():
                self._add("sheets", title, area)
                self._add("areas", title, area)
            self._add("sheets", w.summary, "summary")
            self._add("sheets", w.library, "library")
            for field, title in w.columns.items():
                self._add("columns", title, field)
            for status, label in w.statuses.items():
                self._add("statuses", status_key(label), status)
            for unit, label in w.units.items():
                self._add("units", label, unit)
            for label, text in w.labels.items():
                self._add("labels", text, label)

    def _add(self, kind: str, word: str, meaning: Any) -> None:
        table = getattr(self, kind)
        k = key(word)
        if table.get(k, meaning) != meaning:
            self.clashes.append((kind, k, table[k], meaning))
        table.setdefault(k, meaning)

    def language_of(self, titles: list[Any]) -> str:
        """The language whose column titles most of ``titles`` are (English on a tie)."""
        keys = {key(t) for t in titles if t is not None}
        best, most = "en", 0
        for lang, cols in self.column_titles.items():
            n = sum(key(c) in keys for c in cols.values())
            if n > most:
                best, most = lang, n
        return best


def status_key(text: str) -> str:
    """A status as typed, compared: 'In-Progress', 'in_progress' and 'in progress' alike."""
    return key(str(text).replace("_", " ").replace("-", " "))


@functools.cache
def known() -> Known:
    """Every language's words of a plan file (read once: it reads every catalogue)."""
    return Known()


@functools.cache
def english() -> Known:
    """The English words alone (no catalogue read)."""
    return Known(("en",))


def meaning(kind: str, word: str) -> Any:
    """What ``word`` (a :func:`key`) means as a ``kind`` of word (``"sheets"``, ``"columns"``,
    ``"statuses"``, ``"units"``, ``"labels"``, ``"areas"``) in any language, ``None`` if
    nothing: the English words first, so that an English file reads no catalogue."""
    found = getattr(english(), kind).get(word)
    return found if found is not None else getattr(known(), kind).get(word)


def in_language(standard: Any, lang: str) -> Any:
    """``standard`` with its texts in ``lang`` where it has a translation into it (itself
    otherwise, and ``None`` for ``None``)."""
    if standard is None or lang == standard.locale or lang not in standard.translations:
        return standard
    return standard.translated(lang)


def title_of(standard: Any, record_id: str, fallback: str) -> str:
    """The title of a record (an action, a benchmark) of ``standard``, else ``fallback``."""
    if standard is None:
        return fallback
    record = standard.records().get(record_id)
    return getattr(record, "title", None) or fallback


def level_ids(standard: Any) -> dict[str, str]:
    """A level's id and its title in the standard's language and in each of its translations
    (as :func:`key` gives them) to its id: what a summary's 'Level reached' may say."""
    out: dict[str, str] = {}
    for lv in standard.levels:
        out[lv.id] = lv.id
        out.setdefault(key(lv.id), lv.id)
        out.setdefault(key(lv.title), lv.id)
    for texts in standard.translations.values():
        for lv in standard.levels:
            given = texts.get(lv.id) if hasattr(texts, "get") else None
            title = given.given().get("title") if given is not None else None
            if title:
                out.setdefault(key(title), lv.id)
    return out
