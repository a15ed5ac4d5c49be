"""A standard in the reader's language: its translations (its own, and those of the same
standard found on the standards search path, so that a translation added or corrected after
the standard was stored is read without storing it again) put in place, each text without a
translation left in the standard's language.  Cached per standard, language and files."""

from __future__ import annotations

import json
import threading
import time
import weakref
from collections.abc import Iterable
from pathlib import Path

from ..errors import SealError
from ..models import RecordTexts, Standard

__all__ = ["level_title", "search_path_translations", "translated_standard",
           "translation_languages"]

_CACHE: dict[tuple, Standard] = {}
_LOCK = threading.Lock()


#: How long the folder found for a standard is trusted before it is looked up again (so that a
#: page reading the standard several times does not read every standard's header each time).
_FOLDER_SECONDS = 5.0
_FOLDERS: dict[tuple, tuple[float, Path | None]] = {}
_DIGESTS: dict[int, dict[str, str]] = {}  # id of a live standard -> language -> digest


def _folder_of(standard: Standard, folders: Iterable[Path] | None) -> Path | None:
    from ..settings import standards_search_path
    from .discovery import find_standard

    given = tuple(folders) if folders is not None else None
    key = (standard.id, standard.version, given,
           tuple(standards_search_path()) if given is None else None)
    now = time.monotonic()
    with _LOCK:
        kept = _FOLDERS.get(key)
    if kept is not None and now - kept[0] < _FOLDER_SECONDS:
        return kept[1]
    try:
        found = find_standard(standard.id, standard.version,
                              list(given) if given is not None else None)
    except SealError:
        found = None
    with _LOCK:
        if len(_FOLDERS) > 256:
            _FOLDERS.clear()
        _FOLDERS[key] = (now, found)
    return found


def _own_digest(standard: Standard, lang: str) -> str:
    """A digest of the standard's own translations into ``lang``, kept per standard object."""
    with _LOCK:
        per = _DIGESTS.get(id(standard))
        if per is None:
            per = _DIGESTS[id(standard)] = {}
            weakref.finalize(standard, _DIGESTS.pop, id(standard), None)
    if lang not in per:
        own = standard.translations.get(lang, {})
        per[lang] = json.dumps({k: v.given() for k, v in own.items()}, sort_keys=True)
    return per[lang]


def search_path_translations(standard: Standard, folders: Iterable[Path] | None = None
                             ) -> dict[str, dict[str, RecordTexts]]:
    """The translations of the standard with the same id and version on the standards search
    path (or ``folders``), when its content is the same as ``standard``'s (its content hash;
    translations are not part of it); ``{}`` when there is none, it differs or it does not
    load."""
    from ..compilation import content_hash
    from .standard import _key, load_standard

    path = _folder_of(standard, folders)
    if path is None or not path.is_dir():
        return {}
    key = ("files", _key(path))
    with _LOCK:
        found = _CACHE.get(key)
    if found is None:
        try:
            found = load_standard(path)
        except SealError:
            return {}
        with _LOCK:
            _CACHE[key] = found
    if content_hash(found) != content_hash(standard):
        return {}
    return found.translations


def _merged(standard: Standard, folders: Iterable[Path] | None
            ) -> dict[str, dict[str, RecordTexts]]:
    every = {lang: dict(texts) for lang, texts in standard.translations.items()}
    for lang, texts in search_path_translations(standard, folders).items():
        every.setdefault(lang, {}).update(texts)
    return every


def level_title(standard: Standard, level: str, lang: str | None = None,
                folders: Iterable[Path] | None = None) -> str:
    """The title of ``standard``'s level ``level`` in ``lang``: its translation there (the
    standard's own, or one of the same standard on the standards search path, or in
    ``folders``, as :func:`translated_standard` finds them), else its title as the standard
    gives it (a standard already translated gives its translated title); the id itself for a
    level the standard does not have.  What a page, a command or a file names a level by."""
    found = next((lv for lv in standard.levels if lv.id == level), None)
    if found is None:
        return level
    if lang and lang != standard.locale:
        texts = _merged(standard, folders).get(lang, {}).get(level)
        title = texts.given().get("title") if texts is not None else None
        if title:
            return title
    return found.title


def translation_languages(standard: Standard, folders: Iterable[Path] | None = None
                          ) -> list[str]:
    """The languages the standard can be read in: its own, then every language it has
    translations in (its own and those on the standards search path)."""
    return [standard.locale, *sorted(lang for lang in _merged(standard, folders)
                                     if lang != standard.locale)]


def translated_standard(standard: Standard, lang: str | None,
                        folders: Iterable[Path] | None = None) -> Standard:
    """``standard`` with its texts in ``lang``: its translations and those of the same
    standard on the standards search path put in place (those on the path win), falling back
    per text to the standard's language; the standard itself when ``lang`` is its language,
    ``None`` or one it has no translation in.  The translated copy is kept per standard,
    language and translation files, so its rules (which quote the translated questions) are
    compiled once."""
    if not lang or lang == standard.locale:
        return standard
    from ..compilation import content_hash
    from .standard import _key

    folders = list(folders) if folders is not None else None
    path = _folder_of(standard, folders)
    files = _key(path) if path is not None and path.is_dir() else None
    key = ("in", content_hash(standard), lang, files, _own_digest(standard, lang))
    with _LOCK:
        found = _CACHE.get(key)
    if found is not None:
        return found
    every = _merged(standard, folders)
    if lang not in every:
        return standard
    with_all = standard if every == standard.translations else standard.model_copy(
        update={"translations": every})
    out = with_all.translated(lang)
    with _LOCK:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = out
    return out
