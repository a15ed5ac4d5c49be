"""A standard's texts to and from PO files, so that translators work in Poedit, Weblate or
any PO editor: one entry per text, its context (``msgctxt``) the record id and the field
(``WE-05.title``, ``WE-05.analysis.help``), a choice as ``<record id>/choice/<value>``
(``PC-06.criteria/choice/gender_policy``), a table column as ``<question id>/column/<column
id>.title`` and its choices as ``<question id>/column/<column id>/choice/<value>``; the
``msgid`` is the text in the standard's language, the ``msgstr`` the translation.

:func:`export_po` writes a language's catalogue (with its translations so far);
:func:`import_po` turns a translated catalogue back into the standard's translation file
(``translations/<lang>.yaml``, ``type: translation``).  Exporting a translation and importing
it again gives the same texts."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import Problem, StandardError
from ..models import TEXT_FIELDS, RecordTexts, Standard

__all__ = ["TextEntry", "export_po", "import_po", "standard_texts", "translation_yaml"]


@dataclass(frozen=True)
class TextEntry:
    """One text of a standard a translator translates."""

    context: str
    """``WE-05.title``, ``PC-06.criteria/choice/gender_policy``."""
    record: str
    """The record's id (the standard's own id, a parameter's name, a record's id)."""
    path: tuple[str, ...]
    """Within the record: ``("title",)``, ``("choices", value)``, ``("columns", id,
    "title")``, ``("columns", id, "choices", value)``."""
    text: str
    """The text in the standard's language."""
    kind: str
    """What the record is: 'standard', 'benchmark', 'question'…"""


def _context(record: str, path: tuple[str, ...]) -> str:
    if path[0] == "choices":
        return f"{record}/choice/{path[1]}"
    if path[0] == "columns":
        if path[2] == "title":
            return f"{record}/column/{path[1]}.title"
        return f"{record}/column/{path[1]}/choice/{path[3]}"
    return f"{record}.{path[0]}"


def _path(context: str) -> tuple[str, tuple[str, ...]] | None:
    """The record and path of a context, or ``None`` when it is not one."""
    if "/" in context:
        record, _, rest = context.partition("/")
        parts = rest.split("/")
        if len(parts) == 2 and parts[0] == "choice":
            return record, ("choices", parts[1])
        if len(parts) == 2 and parts[0] == "column" and parts[1].endswith(".title"):
            return record, ("columns", parts[1].removesuffix(".title"), "title")
        if len(parts) == 4 and parts[0] == "column" and parts[2] == "choice":
            return record, ("columns", parts[1], "choices", parts[3])
        return None
    record, dot, field = context.rpartition(".")
    if not dot or field not in TEXT_FIELDS:
        return None
    return record, (field,)


def _kind(record: Any) -> str:
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", " ", type(record).__name__).lower()


def standard_texts(standard: Standard) -> list[TextEntry]:
    """Every text of ``standard`` a reader sees, in the standard's order: its own title and
    description, its parameters' titles, levels, results levels, answer scales and their
    choices, dimensions, benchmarks, questions (help, choices, table columns), evidence asked
    for, and actions."""
    out: list[TextEntry] = []

    def add(record_id: str, kind: str, path: tuple[str, ...], text: str | None) -> None:
        if text:
            out.append(TextEntry(_context(record_id, path), record_id, path, text, kind))

    def fields(record: Any, record_id: str | None = None) -> None:
        rid = record_id or record.id
        for name in TEXT_FIELDS:
            if name in type(record).model_fields:
                add(rid, _kind(record), (name,), getattr(record, name))

    def choices(rid: str, kind: str, items, prefix: tuple[str, ...] = ()) -> None:
        for c in items or []:
            add(rid, kind, (*prefix, "choices", c.value), c.label or None)

    add(standard.id, "standard", ("title",), standard.title)
    add(standard.id, "standard", ("description",), standard.description)
    for name, param in standard.parameters.items():
        add(name, "parameter", ("title",), param.title)
    for group in (standard.levels, standard.results_levels):
        for record in group:
            fields(record)
    for scale in standard.answer_scales:
        fields(scale)
        choices(scale.id, "answer scale", scale.choices)
    for d in standard.dimensions:
        fields(d)
        for b in d.benchmarks:
            fields(b)
            for q in b.questions:
                fields(q)
                if q.choices:
                    choices(q.id, "question", q.choices)
                for col in q.columns or []:
                    add(q.id, "question", ("columns", col.id, "title"), col.title)
                    if col.choices:
                        choices(q.id, "question", col.choices, ("columns", col.id))
            for e in b.evidence:
                fields(e)
    for a in standard.actions:
        fields(a)
    return out


def _translated(texts: RecordTexts | None, path: tuple[str, ...]) -> str | None:
    if texts is None:
        return None
    given = texts.given()
    node: Any = given
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node if isinstance(node, str) and node else None


def export_po(standard: Standard, lang: str) -> bytes:
    """The PO catalogue of ``standard``'s texts for ``lang``: every text (its context the
    record id and field, a comment saying what the record is), with the translations the
    standard has in ``lang`` so far."""
    from .catalogues import require_babel

    require_babel()
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    if lang == standard.locale:
        raise StandardError(Problem(f"{lang!r} is the standard's own language; export a "
                                    "language to translate it into", field="lang"))
    have = standard.translations.get(lang, {})
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    catalog = Catalog(locale=lang.replace("-", "_"), project=standard.id,
                      version=str(standard.version), charset="utf-8", fuzzy=False,
                      creation_date=now, revision_date=now,
                      language_team=f"{standard.provider or standard.id} ({lang})",
                      header_comment=(f"# {standard.title} (v{standard.version}): its texts "
                                      f"for translation into {lang}.\n# msgctxt is the "
                                      "record id and the field; import with: seal i18n import "
                                      "FILE.po"))
    for e in standard_texts(standard):
        catalog.add(e.text, _translated(have.get(e.record), e.path) or "", context=e.context,
                    auto_comments=[f"{e.kind} {e.record}"])
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False, omit_header=False,
             include_previous=False)
    return buf.getvalue()


def _entries(data: bytes, name: str) -> Iterator[tuple[Any, Any]]:
    from babel.messages.pofile import read_po

    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except Exception as e:  # noqa: BLE001 - babel raises PoFileError and others
        raise StandardError(Problem(f"not a PO file Babel can read ({e})", file=name)) from None
    for message in catalog:
        if message.id:
            yield catalog, message


def import_po(data: bytes, standard: Standard, name: str = "<po>",
              lang: str | None = None) -> dict[str, RecordTexts]:
    """The translations a translated PO catalogue gives for ``standard``, by record id (in
    the standard's order).  Untranslated and fuzzy entries are left out (a fuzzy one waits
    for a translator's review).  An entry whose context names no text of the standard, or
    whose ``msgid`` is no longer the standard's text (it changed since the export), is a
    problem located at its line; all of them are listed together."""
    from .catalogues import require_babel

    require_babel()
    texts = {e.context: e for e in standard_texts(standard)}
    found: dict[str, dict[tuple[str, ...], str]] = {}
    problems: list[Problem] = []
    for _catalog, message in _entries(data, name):
        ctx = message.context or ""
        entry = texts.get(ctx)
        where = {"file": name, "line": message.lineno, "field": ctx or None}
        if entry is None:
            parsed = _path(ctx)
            problems.append(Problem(
                (f"context {ctx!r} names no text of {standard.id} v{standard.version}"
                 if parsed else f"context {ctx!r} is not a record id and field (such as "
                 "'WE-05.title' or 'PC-06.criteria/choice/gender_policy')")
                + "; export the catalogue again from the standard", **where))
            continue
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        if source != entry.text:
            problems.append(Problem(
                f"the text of {ctx} changed since this catalogue was exported; export it "
                "again (seal i18n export) and review the translation", **where))
            continue
        value = message.string[0] if isinstance(message.string, tuple) else message.string
        if value and not message.fuzzy:
            found.setdefault(entry.record, {})[entry.path] = value
    if problems:
        raise StandardError(problems)
    order = list(dict.fromkeys(e.record for e in texts.values()))
    out: dict[str, RecordTexts] = {}
    for rid in sorted(found, key=order.index):
        record: dict[str, Any] = {}
        for path, value in found[rid].items():
            node = record
            for key in path[:-1]:
                node = node.setdefault(key, {})
            node[path[-1]] = value
        out[rid] = RecordTexts.model_validate(record)
    return out


def po_language(data: bytes) -> str | None:
    """The language a PO catalogue says it is in (its ``Language`` header)."""
    from babel.messages.pofile import read_po

    try:
        catalog = read_po(io.BytesIO(data))
    except Exception:  # noqa: BLE001
        return None
    return str(catalog.locale).replace("_", "-") if catalog.locale else None


def po_standard(data: bytes) -> tuple[str | None, int | None]:
    """The standard id and version a catalogue exported by :func:`export_po` names (its
    ``Project-Id-Version`` header)."""
    from babel.messages.pofile import read_po

    try:
        catalog = read_po(io.BytesIO(data))
    except Exception:  # noqa: BLE001
        return None, None
    version = int(catalog.version) if str(catalog.version or "").isdigit() else None
    return (catalog.project or None), version


_ORDER = (*TEXT_FIELDS, "choices", "columns")


def translation_yaml(standard: Standard, lang: str, texts: dict[str, RecordTexts]) -> str:
    """The translation file of ``standard`` in ``lang`` (``translations/<lang>.yaml``), its
    records in the standard's order; a text of several lines written as a literal block, a long
one folded."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper, value: str):
        style = "|" if "\n" in value else ">" if len(value) > 80 else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)

    def ordered(given: dict) -> dict:
        return {k: given[k] for k in _ORDER if k in given}

    body = {"type": "translation", "standard": standard.id, "version": standard.version,
            "locale": lang,
            "texts": {rid: ordered(t.given()) for rid, t in texts.items()}}
    return yaml.dump(body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
