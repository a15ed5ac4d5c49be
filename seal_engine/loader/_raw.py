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
from ..messages import Message, say

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
            Problem(say("load.file_mapping", kind=say(f"load.kind_{kind.replace(' ', '_')}"),
                        got=type(src.data).__name__), file=src.file)
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
                    say("load.dimensions_list", got=type(dims).__name__), file=header.file,
                    field="dimensions"))
            dims.append(psrc.data)
            positions[(id(dims), len(dims) - 1)] = (psrc.file, 1, 1)
        elif kind == "action_library":
            acts = psrc.data.get("actions")
            extra = set(psrc.data) - {"type", "actions"}
            if not isinstance(acts, list) or extra:
                raise StandardError(Problem(
                    say("load.action_library_shape_found", found=str(sorted(map(str, extra))))
                    if extra else say("load.action_library_shape"),
                    file=psrc.file, line=1, column=1))
            target = data.setdefault("actions", [])
            if not isinstance(target, list):
                raise StandardError(Problem(
                    say("load.actions_list", got=type(target).__name__), file=header.file,
                    field="actions"))
            for i, a in enumerate(acts):
                target.append(a)
                positions[(id(target), len(target) - 1)] = psrc.positions.get(
                    (id(acts), i), (psrc.file, 1, 1))
        elif kind == "translation":
            add_translation(data, positions, psrc)
        else:
            raise StandardError(Problem(
                say("load.not_a_part", kind=kind), file=psrc.file, line=1, column=1,
                field="type"))
    return Raw(data, positions, header.file, files, dict(texts or {}))


TRANSLATION_KEYS = ("type", "standard", "version", "locale", "texts")
LOCALE_PATTERN = re.compile(r"^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


def add_translation(data: dict, positions: dict, psrc: Source) -> None:
    """Put a ``type: translation`` file's texts into the standard's ``translations`` under
    its locale, after checking its header names this standard and version; every problem
    located in the translation file."""
    tdata = psrc.data

    def fail(message: Message, key: str | None = None) -> StandardError:
        file, line, col = (locate(tdata, psrc.positions, [key], psrc.file) if key
                           else (psrc.file, 1, 1))
        return StandardError(Problem(message, file=file, line=line, column=col, field=key))

    extra = [k for k in tdata if k not in TRANSLATION_KEYS]
    if extra:
        raise fail(say("translation.unknown_field", field=str(extra[0])), str(extra[0]))
    sid, version = data.get("id"), data.get("version")
    if tdata.get("standard") != sid:
        raise fail(say("translation.other_standard", given=tdata.get("standard"), standard=sid),
                   "standard")
    tv = tdata.get("version")
    if isinstance(tv, bool) or not isinstance(tv, int):
        raise fail(say("translation.version_type", standard=sid, given=tv), "version")
    if tv != version:
        raise fail(say("translation.version_other", given=str(tv), standard=sid,
                       version=str(version)), "version")
    locale_ = tdata.get("locale")
    if not isinstance(locale_, str) or not LOCALE_PATTERN.match(locale_):
        raise fail(say("translation.locale_code", given=locale_), "locale")
    if locale_ == data.get("locale", "en"):
        raise fail(say("translation.own_locale", given=locale_), "locale")
    texts = tdata.get("texts")
    if texts is None:
        texts = {}
    if not isinstance(texts, dict):
        raise fail(say("translation.texts_mapping", got=type(texts).__name__), "texts")
    every = data.setdefault("translations", {})
    if not isinstance(every, dict):
        raise StandardError(Problem(
            say("translation.translations_mapping", got=type(every).__name__),
            field="translations"))
    into = every.get(locale_)
    if into is None:
        every[locale_] = texts
        positions[(id(every), locale_)] = psrc.positions.get((id(tdata), "locale"),
                                                             (psrc.file, 1, 1))
        return
    if not isinstance(into, dict):
        raise fail(say("translation.locale_mapping", locale=locale_, got=type(into).__name__),
                   "locale")
    for rid, fields in texts.items():
        if rid in into:
            file, line, col = locate(texts, psrc.positions, [rid], psrc.file)
            raise StandardError(Problem(
                say("translation.twice", record=rid, locale=locale_),
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
        msg = field_message(err, shorten_repr)
        problems.append(Problem(msg, file=file, line=line, column=col, field=path,
                                record_id=_record_id(data, loc)))
    return problems


_LIMITS = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le",
           "less_than": "lt"}
_LENGTHS = {"string_too_short": "min_length", "string_too_long": "max_length",
            "too_short": "min_length", "too_long": "max_length"}


def field_message(err: dict, shorten_repr) -> Message:
    """One pydantic error as a message of the catalogue (``field.<type>``, its context as
    params); a type the catalogue lacks, and a model's own check (``value_error``), keep the
    error's text."""
    from ..messages import MESSAGES

    kind, loc, ctx = err["type"], err["loc"], err.get("ctx") or {}
    got = shorten_repr(err["input"]) if "input" in err else ""
    if kind == "extra_forbidden":
        return say("field.unknown", field=shorten_repr(loc[-1]))
    if kind == "missing":
        return say("field.missing", field=loc[-1])
    if kind in _LIMITS and _LIMITS[kind] in ctx:
        limit = ctx[_LIMITS[kind]]
        shown = f"{limit:g}" if isinstance(limit, float) else str(limit)
        return say(f"field.{kind}", limit=shown, got=got)
    if kind in _LENGTHS and _LENGTHS[kind] in ctx:
        return say(f"field.{kind}", n=ctx[_LENGTHS[kind]], got=got)
    if kind in ("literal_error", "enum") and "expected" in ctx:
        return say(f"field.{kind}", expected=ctx["expected"], got=got)
    if kind == "string_pattern_mismatch" and "pattern" in ctx:
        return say("field.string_pattern_mismatch", pattern=ctx["pattern"], got=got)
    if "." in kind and kind in MESSAGES:  # a model's own check, raised as its message code
        return say(kind, **ctx)
    if f"field.{kind}" in MESSAGES and kind not in _LIMITS and kind not in _LENGTHS:
        return say(f"field.{kind}", got=got)
    if kind == "value_error":
        text = err["msg"].removeprefix("Value error, ")
    else:
        text = f"{err['msg']}, got {got}" if "input" in err else err["msg"]
        text = text[0].lower() + text[1:]
    return say("problem.text", text=text)


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
