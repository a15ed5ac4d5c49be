"""Turning what a person types (a standard's path or ``ID@VERSION``, a benchmark id, a level,
a language) into the record it names, or an error that says what would have been right."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem, ScoringError, StandardError, suggestion
from .messages import say
from .models import Level, Standard

__all__ = ["benchmark_id", "level_id", "localised", "standard_from"]


def standard_from(spec: str | Path, *, search_path: Iterable[str | Path] | None = None
                  ) -> Standard:
    """A standard from a file or folder path, or from ``ID`` / ``ID@VERSION`` looked up on the
    standards search path.  Raises :class:`StandardError` naming what was tried."""
    from .loader import find_standard, load_standard

    path = Path(spec)
    if path.exists():
        return load_standard(path, search_path=search_path)
    text = str(spec)
    sid, _, ver = text.partition("@")
    if ver and not ver.isdigit():
        raise StandardError(Problem(say("resolve.not_id_version", text=text),
                                    field="standard"))
    folders = [Path(p) for p in search_path] if search_path else None
    try:
        found = find_standard(sid, int(ver) if ver else None,
                              None if folders is None else [*folders, *_default_path()])
    except StandardError as e:
        raise StandardError(Problem(say("resolve.not_found", text=text, why=e.problems[0].text),
                                    field="standard")) from None
    return load_standard(found, search_path=search_path)


def _default_path() -> list[Path]:
    from .settings import standards_search_path

    return standards_search_path()


def localised(standard: Standard, locale: str | None) -> Standard:
    """The standard with its texts in ``locale`` (``None``: as it is).  Raises
    :class:`StandardError` listing the languages it has when it has no texts in ``locale``."""
    if locale is None:
        return standard
    if locale != standard.locale and locale not in standard.translations:
        have = ", ".join(sorted({standard.locale, *standard.translations}))
        raise StandardError(Problem(
            say("resolve.no_texts", standard=standard.id, version=standard.version,
                locale=locale, have=have), field="locale"))
    return standard.translated(locale)


def _parts(text: str) -> tuple:
    """'WE-02' and 'we-2' both become ('we', 2): case and zero padding aside."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[-._]", text.lower()) if p)


def benchmark_id(standard: Standard, text: str, field: str = "benchmark") -> str:
    """The id of the benchmark ``text`` names: exactly, or with other letter case.  Raises
    :class:`ScoringError` with a suggestion ('WE-2' suggests 'WE-02') and the ids there are."""
    ids = [b.id for b in standard.benchmarks()]
    if text in ids:
        return text
    folded = [i for i in ids if i.lower() == str(text).lower()]
    if len(folded) == 1:
        return folded[0]
    padded = [i for i in ids if _parts(i) == _parts(str(text))]
    if padded:
        hint = say("hint.did_you_mean", suggestion=repr(padded[0]))
    else:
        hint = suggestion(text, ids)
    shown = ", ".join(ids[:12]) + (", …" if len(ids) > 12 else "")
    raise ScoringError(Problem(
        say("resolve.not_benchmark", text=str(text), standard=standard.id,
            version=standard.version, hint=hint, shown=shown),
        field=field, record_id=str(text)))


def level_id(standard: Standard, text: str, field: str = "target") -> str:
    """The id of the level ``text`` names (its id or its title, any letter case).  Raises
    :class:`ScoringError` listing the levels."""
    return level_of(standard, text, field).id


def level_of(standard: Standard, text: str, field: str = "target") -> Level:
    for lv in standard.levels:
        if text == lv.id or str(text).lower() in (lv.id.lower(), lv.title.lower()):
            return lv
    names = ", ".join(lv.id for lv in standard.levels_in_order())
    raise ScoringError(Problem(
        say("resolve.not_level", text=str(text), standard=standard.id, version=standard.version,
            hint=suggestion(text, [lv.id for lv in standard.levels]), names=names),
        field=field))
