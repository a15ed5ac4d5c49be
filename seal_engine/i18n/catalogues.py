"""Message catalogues read from their ``.po`` files at run time with Babel (no compiled ``.mo``
is kept in the repository): ``<locale dir>/<lang>/LC_MESSAGES/<domain>.po``, each read once
per language and file version (an edited catalogue is read again), fuzzy entries left out."""

from __future__ import annotations

import gettext
import io
import threading
from pathlib import Path

from ..errors import install_hint

__all__ = ["catalogue", "catalogue_languages", "language_name", "po_path", "require_babel"]

_CACHE: dict[tuple, gettext.NullTranslations] = {}
_LOCK = threading.Lock()


def require_babel() -> None:
    """Import Babel, or raise :class:`ImportError` naming the extra that installs it."""
    try:
        import babel  # noqa: F401
    except ImportError as e:
        raise ImportError("translations and formats in the reader's language need Babel, "
                          f"which is not installed: {install_hint('i18n')}") from e


def po_path(locale_dir: Path, lang: str, domain: str) -> Path:
    """Where the catalogue of ``lang`` for ``domain`` is."""
    return Path(locale_dir) / lang / "LC_MESSAGES" / f"{domain}.po"


def catalogue(locale_dir: Path, lang: str, domain: str) -> gettext.NullTranslations:
    """The translations of ``domain`` in ``lang`` (``babel.support.Translations``, fuzzy
    entries left out); English and a language without a catalogue get null translations, so
    every message stays in English."""
    po = po_path(locale_dir, lang, domain)
    if lang == "en" or not po.is_file():
        return gettext.NullTranslations()
    st = po.stat()
    key = (str(po), st.st_mtime_ns, st.st_size)
    with _LOCK:
        found = _CACHE.get(key)
    if found is not None:
        return found
    require_babel()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with po.open("rb") as f:
        cat = read_po(f, locale=lang, domain=domain)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    buf.seek(0)
    translations = Translations(fp=buf, domain=domain)
    with _LOCK:
        for old in [k for k in _CACHE if k[0] == key[0]]:
            del _CACHE[old]
        _CACHE[key] = translations
    return translations


def language_name(code: str) -> str:
    """A language's name in that language, capitalised: 'Español', 'Français', 'Português'
    (the code itself when Babel does not know it)."""
    if code == "en":
        return "English"
    try:
        from babel import Locale

        name = Locale.parse(code.replace("-", "_")).get_display_name(code) or code
    except (ImportError, ValueError, LookupError):
        name = code
    return name[:1].upper() + name[1:]


def catalogue_languages(locale_dir: Path, domain: str) -> dict[str, str]:
    """English and every language with a catalogue of ``domain``, code to name (in that
    language)."""
    found = {"en": "English"}
    folder = Path(locale_dir)
    if folder.is_dir():
        for po in sorted(folder.glob(f"*/LC_MESSAGES/{domain}.po")):
            code = po.parent.parent.name
            found.setdefault(code, language_name(code))
    return found
