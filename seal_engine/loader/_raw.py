"""Raw source data of a standard: parsed mappings with the position of every key, assembled from
a file, a folder or a mapping of file names to texts, merged over a parent, and turned into
located problems when the models refuse it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from .._source import Source, format_path, locate
from ..errors import Problem, SealError, StandardError

STANDARD_FILES = ("standard.yaml", "standard.yml", "standard.json")
SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class Raw:
    """Merged data of a standard with positions; ``files`` lists every file it was read from
    (parents first), ``texts`` the standard's own files by name when they were given as text."""

    data: dict
    positions: dict
    file: str
    files: list[str]
    texts: dict[str, str] = field(default_factory=dict)

    def locate(self, loc) -> tuple[str | None, int | None, int | None]:
        return locate(self.data, self.positions, loc, self.file)

    def copy(self) -> Raw:
        """A deep copy whose positions point into the copy (merging mutates the data)."""
        positions: dict = {}

        def clone(node):
            if isinstance(node, dict):
                out = {}
                for k, v in node.items():
                    out[k] = clone(v)
                    pos = self.positions.get((id(node), k))
                    if pos is not None:
                        positions[(id(out), k)] = pos
                return out
            if isinstance(node, list):
                items = []
                for i, v in enumerate(node):
                    items.append(clone(v))
                    pos = self.positions.get((id(node), i))
                    if pos is not None:
                        positions[(id(items), i)] = pos
                return items
            return node

        data = clone(self.data)
        return Raw(data, positions, self.file, list(self.files), dict(self.texts))


def mapping_of(src: Source, kind: str) -> Source:
    """``src`` if it holds a mapping, else a located :class:`StandardError`."""
    if not isinstance(src.data, dict):
        raise StandardError(
            Problem(f"a {kind} file must hold a mapping of fields, got "
                    f"{type(src.data).__name__}", file=src.file)
        )
    return src


def assemble(header: Source, parts: list[Source], texts: Mapping[str, str] | None = None) -> Raw:
    """One standard from its header and its part files (dimensions and action libraries)."""
    mapping_of(header, "standard")
    data, positions = header.data, dict(header.positions)
    files = [header.file]
    for psrc in parts:
        mapping_of(psrc, "standard part")
        positions.update(psrc.positions)
        files.append(psrc.file)
        kind = psrc.data.get("type")
        if kind == "dimension":
            dims = data.setdefault("dimensions", [])
            if not isinstance(dims, list):
                raise StandardError(Problem(
                    f"dimensions must be a list when a folder adds dimension files, got "
                    f"{type(dims).__name__}", file=header.file, field="dimensions"))
            dims.append(psrc.data)
            positions[(id(dims), len(dims) - 1)] = (psrc.file, 1, 1)
        elif kind == "action_library":
            acts = psrc.data.get("actions")
            extra = set(psrc.data) - {"type", "actions"}
            if not isinstance(acts, list) or extra:
                raise StandardError(Problem(
                    "an action_library file holds 'type: action_library' and an 'actions' "
                    "list, nothing else" + (f" (found {sorted(map(str, extra))})" if extra else ""),
                    file=psrc.file, line=1, column=1))
            target = data.setdefault("actions", [])
            if not isinstance(target, list):
                raise StandardError(Problem(
                    f"actions must be a list when a folder adds action libraries, got "
                    f"{type(target).__name__}", file=header.file, field="actions"))
            for i, a in enumerate(acts):
                target.append(a)
                positions[(id(target), len(target) - 1)] = psrc.positions.get(
                    (id(acts), i), (psrc.file, 1, 1))
        elif kind == "translation":
            add_translation(data, positions, psrc)
        else:
            raise StandardError(Problem(
                f"type {kind!r} is not a standard part; expected 'dimension', "
                "'action_library' or 'translation'", file=psrc.file, line=1, column=1,
                field="type"))
    return Raw(data, positions, header.file, files, dict(texts or {}))


TRANSLATION_KEYS = ("type", "standard", "version", "locale", "texts")
LOCALE_PATTERN = re.compile(r"^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


def add_translation(data: dict, positions: dict, psrc: Source) -> None:
    """Put a ``type: translation`` file's texts into the standard's ``translations`` under
    its locale, after checking its header names this standard and version; every problem
    located in the translation file."""
    tdata = psrc.data

    def fail(message: str, key: str | None = None) -> StandardError:
        file, line, col = (locate(tdata, psrc.positions, [key], psrc.file) if key
                           else (psrc.file, 1, 1))
        return StandardError(Problem(message, file=file, line=line, column=col, field=key))

    extra = [k for k in tdata if k not in TRANSLATION_KEYS]
    if extra:
        raise fail(f"unknown field {str(extra[0])!r} in a translation file; it holds "
                   "type, standard, version, locale and texts", str(extra[0]))
    sid, version = data.get("id"), data.get("version")
    if tdata.get("standard") != sid:
        raise fail(f"standard is {tdata.get('standard')!r}, but this translation sits in the "
                   f"folder of standard {sid!r}; name that standard, or move the file to "
                   "its own standard's translations folder", "standard")
    tv = tdata.get("version")
    if isinstance(tv, bool) or not isinstance(tv, int):
        raise fail(f"version must be the whole version number of {sid!r} it translates, got "
                   f"{tv!r}", "version")
    if tv != version:
        raise fail(f"this translation is of version {tv} of {sid!r}, and the standard is "
                   f"version {version}; review the texts changed since (seal diff) and set "
                   f"version: {version}", "version")
    locale_ = tdata.get("locale")
    if not isinstance(locale_, str) or not LOCALE_PATTERN.match(locale_):
        raise fail(f"locale must be a language code such as 'es', 'fr' or 'pt', got "
                   f"{locale_!r}", "locale")
    if locale_ == data.get("locale", "en"):
        raise fail(f"locale {locale_!r} is the standard's own language; a translation is "
                   "into another one", "locale")
    texts = tdata.get("texts")
    if texts is None:
        texts = {}
    if not isinstance(texts, dict):
        raise fail(f"texts must map record ids to their translated fields, got "
                   f"{type(texts).__name__}", "texts")
    every = data.setdefault("translations", {})
    if not isinstance(every, dict):
        raise StandardError(Problem(
            f"translations must be a mapping when a folder adds translation files, got "
            f"{type(every).__name__}", field="translations"))
    into = every.get(locale_)
    if into is None:
        every[locale_] = texts
        positions[(id(every), locale_)] = psrc.positions.get((id(tdata), "locale"),
                                                             (psrc.file, 1, 1))
        return
    if not isinstance(into, dict):
        raise fail(f"translations.{locale_} must be a mapping, got {type(into).__name__}",
                   "locale")
    for rid, fields in texts.items():
        if rid in into:
            file, line, col = locate(texts, psrc.positions, [rid], psrc.file)
            raise StandardError(Problem(
                f"{rid!r} is translated into {locale_!r} twice (here and in another "
                "translation file or the standard's translations); keep one",
                file=file, line=line, column=col, field=f"texts.{rid}", record_id=str(rid)))
        into[rid] = fields
        if (id(texts), rid) in psrc.positions:
            positions[(id(into), rid)] = psrc.positions[(id(texts), rid)]


def merge(base: Any, over: Any, positions: dict) -> Any:
    """Merge ``over`` into ``base``: mappings key by key, lists of records by id."""
    if isinstance(base, dict) and isinstance(over, dict):
        for key, value in over.items():
            if key in base:
                base[key] = merge(base[key], value, positions)
            else:
                base[key] = value
            if (id(over), key) in positions:
                positions[(id(base), key)] = positions[(id(over), key)]
        return base
    if (
        isinstance(base, list) and isinstance(over, list)
        and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in base + over)
    ):
        index = {x["id"]: i for i, x in enumerate(base)}
        for j, item in enumerate(over):
            pos = positions.get((id(over), j))
            if item["id"] in index:
                i = index[item["id"]]
                base[i] = merge(base[i], item, positions)
                target = i
            else:
                base.append(item)
                target = len(base) - 1
            if pos:
                positions[(id(base), target)] = pos
        return base
    return over


def validation_problems(e: ValidationError, src) -> list[Problem]:
    """Located problems from a pydantic error, one per error, values quoted shortened; ``src``
    (a :class:`Raw` or an :class:`~seal_engine.Origin`) holds the data and finds positions."""
    from .._source import shorten_repr

    data = src.data
    problems = []
    for err in e.errors(include_url=False):
        loc = err["loc"]
        file, line, col = src.locate(loc)
        path = format_path(k for k in loc if isinstance(k, (int, str)) and not _is_tag(k))
        kind = err["type"]
        if kind == "extra_forbidden":
            msg = f"unknown field {shorten_repr(loc[-1])}; check its spelling against the schema"
        elif kind == "missing":
            msg = f"required field {loc[-1]!r} is missing"
        elif kind == "value_error":
            msg = err["msg"].removeprefix("Value error, ")
        else:
            msg = (f"{err['msg']}, got {shorten_repr(err['input'])}" if "input" in err
                   else err["msg"])
            msg = msg[0].lower() + msg[1:]
        problems.append(Problem(msg, file=file, line=line, column=col, field=path,
                                record_id=_record_id(data, loc)))
    return problems


def _is_tag(k: Any) -> bool:
    return isinstance(k, str) and ("[" in k or k in ("function-after", "function-before"))


def _record_id(data, loc) -> str | None:
    node, found = data, None
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


def as_standard_error(e: SealError) -> StandardError:
    return e if isinstance(e, StandardError) else StandardError(e.problems)
