"""The check of every shipped language (``seal i18n check``): for each catalogue of the app,
the reports and the engine (``<domain>.po`` beside its ``<domain>.pot``) an entry left
untranslated, marked fuzzy, whose placeholders (``{name}``) differ from its ``msgid``'s, or whose
``msgid`` no code uses any more (the ``.po`` is older than the ``.pot``); and for each
standard's translation file, a text of the standard it leaves untranslated.  Each problem
located at its file and line."""

from __future__ import annotations

import io
import string
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, SealError

__all__ = ["CATALOGUES", "Catalogue", "check_catalogue", "check_languages",
           "check_standard_translations", "placeholders"]

_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Catalogue:
    """A message catalogue template and the folder of its languages."""

    name: str
    locale_dir: Path
    domain: str

    @property
    def pot(self) -> Path:
        return self.locale_dir / f"{self.domain}.pot"

    def languages(self) -> list[str]:
        """The languages with a ``.po`` present (the shipped ones)."""
        return sorted(p.parent.parent.name for p in
                      self.locale_dir.glob(f"*/LC_MESSAGES/{self.domain}.po"))


#: The catalogues of the app, the reports and the engine (with the command line).
CATALOGUES: tuple[Catalogue, ...] = (
    Catalogue("app", _PACKAGE / "app" / "locale", "seal-app"),
    Catalogue("reports", _PACKAGE / "reports" / "locale", "seal-reports"),
    Catalogue("engine", _PACKAGE / "locale", "seal-engine"),
)


def placeholders(text: str) -> list[str]:
    """The ``{name}`` fields of a text, sorted (``{{`` and ``}}`` are literal braces); a text
    ``str.format`` cannot read gives ``['<unreadable braces>']``."""
    try:
        return sorted(f"{{{field}}}" for _lit, field, _spec, _conv in
                      string.Formatter().parse(text) if field is not None)
    except ValueError:
        return ["<unreadable braces>"]


def _read(path: Path, lang: str | None = None):
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(io.BytesIO(f.read()), locale=lang, abort_invalid=False)


def _forms(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _shown(msgid) -> str:
    text = _forms(msgid)[0]
    return repr(text if len(text) <= 60 else text[:59] + "…")


def check_catalogue(pot: Path, po: Path, lang: str) -> list[Problem]:
    """The problems of the catalogue ``po`` of ``lang`` against its template ``pot``."""
    from .catalogues import require_babel

    require_babel()
    template = _read(pot)
    try:
        catalog = _read(po, lang)
    except Exception as e:  # noqa: BLE001 - babel's PoFileError and others
        return [Problem(f"Babel cannot read this catalogue ({e})", file=str(po))]
    problems: list[Problem] = []
    wanted = {(m.context, _forms(m.id)[0]): m for m in template if m.id}
    have = {}
    for m in catalog:
        if not m.id:
            continue
        key = (m.context, _forms(m.id)[0])
        have[key] = m
        at = {"file": str(po), "line": m.lineno}
        ctx = f" (context {m.context!r})" if m.context else ""
        if key not in wanted:
            problems.append(Problem(
                f"{_shown(m.id)}{ctx} is no message of {pot.name} any more (no code uses it): "
                f"update the catalogue from {pot.name} (msgmerge, or Poedit's Update from POT) "
                "and translate what is new", **at))
            continue
        strings = [s for s in _forms(m.string)]
        given = [s for s in strings if s]
        if len(_forms(m.id)) > 1 and given and len(given) != catalog.num_plurals:
            problems.append(Problem(
                f"{_shown(m.id)}{ctx} has {len(given)} plural forms, and the catalogue's "
                f"Plural-Forms header asks for {catalog.num_plurals}; give each one", **at))
            continue
        if not any(strings) or not all(strings):
            problems.append(Problem(f"{_shown(m.id)}{ctx} is not translated", **at))
            continue
        if m.fuzzy:
            problems.append(Problem(f"{_shown(m.id)}{ctx} is marked fuzzy: review the "
                                    "translation and remove the mark", **at))
        ids = _forms(m.id)
        expected = set()
        for i in ids:
            expected.update(placeholders(i))
        for i, s in enumerate(strings):
            got = set(placeholders(s))
            # the first plural form (the language's 'one') may leave out the count ({n})
            if got != expected and not (len(ids) > 1 and i == 0
                                        and got == expected - {"{n}"}):
                problems.append(Problem(
                    f"{_shown(m.id)}{ctx}: the translation has the placeholders "
                    f"{', '.join(sorted(got)) or 'none'}, the message "
                    f"{', '.join(sorted(expected)) or 'none'}; keep every {{placeholder}} as "
                    "it is", **at))
                break
    for key, m in wanted.items():
        if key not in have:
            ctx = f" (context {key[0]!r})" if key[0] else ""
            problems.append(Problem(
                f"{_shown(m.id)}{ctx} of {pot.name} is missing from the catalogue: update it "
                f"from {pot.name} and translate it", file=str(po)))
    return problems


def check_standard_translations(folders: Iterable[Path] | None = None) -> list[Problem]:
    """For each standard folder holding translation files (``translations/*.yaml``): a
    problem when the standard does not load with them, and one per record whose texts a
    translation file leaves untranslated (naming the fields)."""
    from ..loader import load_standard
    from ..loader.discovery import list_standards
    from .standard_po import _translated, standard_texts

    problems: list[Problem] = []
    seen = set()
    for info in list_standards(folders):
        folder = info.path
        if not folder.is_dir() or folder in seen:
            continue
        seen.add(folder)
        files = sorted((folder / "translations").glob("*.y*ml"))
        if not files:
            continue
        try:
            standard = load_standard(folder)
        except SealError as e:
            problems.extend(e.problems)
            continue
        texts = standard_texts(standard)
        for file in files:
            import yaml

            try:
                lang = (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("locale")
            except (yaml.YAMLError, AttributeError):
                continue
            given = standard.translations.get(lang, {})
            missing: dict[str, list[str]] = {}
            for e in texts:
                if not _translated(given.get(e.record), e.path):
                    missing.setdefault(e.record, []).append(e.context.removeprefix(e.record)
                                                            .lstrip("./"))
            for rid, fields in missing.items():
                problems.append(Problem(
                    f"{rid} is not translated into {lang!r}: {', '.join(fields)}",
                    file=str(file), record_id=rid))
    return problems


def check_languages(catalogues: Iterable[Catalogue] = CATALOGUES,
                    standards: Iterable[Path] | None = None) -> list[Problem]:
    """Every problem of every shipped language: the catalogues' (each language with a
    ``.po`` present) and the standards' translation files' (the bundled standards, or those
    in ``standards``)."""
    problems: list[Problem] = []
    for cat in catalogues:
        if not cat.pot.is_file():
            continue
        for lang in cat.languages():
            po = cat.locale_dir / lang / "LC_MESSAGES" / f"{cat.domain}.po"
            problems.extend(check_catalogue(cat.pot, po, lang))
    problems.extend(check_standard_translations(standards))
    return problems
