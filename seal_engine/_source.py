"""Safe reading of YAML and JSON files, keeping where each value came from.

The YAML is composed with PyYAML's C parser when available, then constructed here node by node so
that we can refuse tags, count nodes (alias bombs), reject duplicate keys and record the line and
column of every mapping key and list item.  Booleans follow YAML 1.2: only ``true``/``false``
(so ``yes``, ``no``, ``on`` and ``off`` stay strings).
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, SealError
from .settings import get_int_setting

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


# YAML 1.2 booleans: drop the 1.1 resolver for yes/no/on/off and add a strict one.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Origin:
    """Where a standard or an assessment came from: the name it was given (a file's path, or
    the display name passed to ``parse_*``), the file on disk if it was read from one, and the
    position of each key and item of the data it was parsed from.

    ``origin.locate(["answers", "GA-04.trained_share"])`` gives ``(file, line, column)`` of
    that field, as far as it is known."""

    data: Any
    file: str
    positions: dict[tuple[int, Any], tuple[str, int, int]] = field(default_factory=dict)
    path: Path | None = None
    #: JSON is read fast without positions; the text is kept to find them when an error needs
    #: them (``_twin`` is the same document read with positions).
    text: str | None = field(default=None, repr=False)
    _twin: Any = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """The display name: the file's path as given, or the name passed when parsing."""
        return self.file

    def locate(self, loc: tuple | list) -> tuple[str | None, int | None, int | None]:
        """File, line and column of the deepest known element along ``loc`` in ``data``."""
        if self.text is not None and not self.positions:
            try:
                twin = read_yaml_text(self.text, self.file)
            except SealError:
                twin = None
            self.text = None
            if twin is not None:
                self._twin, self.positions = twin.data, twin.positions
        return locate(self._twin if self._twin is not None else self.data, self.positions,
                      loc, self.file)


Source = Origin  # the name used inside the package


def locate(data: Any, positions: dict, loc, default_file: str | None = None):
    best = (default_file, None, None)
    node = data
    for key in loc:
        if isinstance(node, dict) and key in node:
            pos = positions.get((id(node), key))
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            pos = positions.get((id(node), key))
            node = node[key]
        else:
            continue  # pydantic adds tags such as union members; skip them
        if pos:
            best = pos
    return best


def format_path(loc) -> str:
    out = ""
    for key in loc:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += ("." if out else "") + str(key)
    return out


def _say(code: str, /, **params):
    from .messages import say

    return say(code, **params)


def _not_regular(mode: int, name: str) -> SealError:
    if stat.S_ISDIR(mode):
        return SealError(Problem(_say("source.folder"), file=name))
    kind = ("pipe" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode)
            else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "other")
    return SealError(Problem(_say("source.not_regular", kind=_say(f"source.kind_{kind}")),
                             file=name))


def read_regular(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file (links followed), at most ``limit + 1`` of
    them when ``limit`` is given.  A folder, a named pipe, a device or a socket is refused
    with :class:`SealError` naming the path, before it is opened and again once it is (opened
    without waiting, so that a pipe swapped in between cannot leave the reader waiting for a
    writer that never comes)."""
    name = str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SealError(Problem(_say("source.no_such_file", path=name), file=name)) from None
    except OSError as e:
        raise SealError(Problem(f"cannot be read ({e.strerror or e})", file=name)) from None
    if not stat.S_ISREG(mode):
        raise _not_regular(mode, name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | \
        getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise SealError(Problem(f"cannot be read ({e.strerror or e})", file=name)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(mode, name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as f:
            fd = -1
            return f.read() if limit is None else f.read(limit + 1)
    except OSError as e:
        raise SealError(Problem(f"cannot be read ({e.strerror or e})", file=name)) from None
    finally:
        if fd >= 0:
            os.close(fd)


def read_source(path: str | Path) -> Source:
    """Read a YAML or JSON file safely; :class:`SealError` gives the location of any fault.
    Only a regular file is read (see :func:`read_regular`)."""
    path = Path(path)
    name = str(path)
    limit = get_int_setting("SEAL_MAX_FILE_BYTES")
    content = read_regular(path, limit)
    if len(content) > limit:
        check_size(path, "SEAL_MAX_FILE_BYTES")
        raise SealError(Problem(_say("source.over_limit", limit=str(limit),
                                     setting="SEAL_MAX_FILE_BYTES"), file=name))
    src = parse_text(content, name)
    src.path = path
    return src


def parse_text(text: str | bytes, name: str, fmt: str | None = None) -> Source:
    """Parse YAML or JSON text held in memory.  ``name`` is what error messages call it; JSON
    is chosen by ``fmt="json"`` or a name ending in ``.json``, else YAML (JSON is YAML too, but
    the JSON reader gives exact positions for JSON syntax errors)."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        limit = get_int_setting("SEAL_MAX_FILE_BYTES")
        if len(text) > limit:
            raise SealError(Problem(
                _say("source.text_bytes_over", size=str(len(text)), limit=str(limit),
                     setting="SEAL_MAX_FILE_BYTES"), file=name))
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as e:
            raise SealError(Problem(_say("source.not_utf8", reason=e.reason, at=str(e.start)),
                                    file=name)) from None
    elif len(text) > get_int_setting("SEAL_MAX_FILE_BYTES"):
        limit = get_int_setting("SEAL_MAX_FILE_BYTES")
        raise SealError(Problem(
            _say("source.text_chars_over", size=str(len(text)), limit=str(limit),
                 setting="SEAL_MAX_FILE_BYTES"), file=name))
    text = text.removeprefix("\ufeff")
    if fmt == "json" or (fmt is None and name.lower().endswith(".json")):
        return _read_json(text, name)
    return read_yaml_text(text, name)


def check_size(path: Path, setting: str) -> None:
    """Raise :class:`SealError` when the file is larger than the setting allows."""
    limit = get_int_setting(setting)
    size = path.stat().st_size
    if size > limit:
        raise SealError(Problem(
            _say("source.file_over", size=str(size), limit=str(limit), setting=setting),
            file=str(path)))


def _read_json(text: str, name: str) -> Source:
    def no_duplicates(pairs):
        out = {}
        for k, v in pairs:
            if k in out:
                raise SealError(Problem(_say("source.duplicate_key", key=repr(k)), file=name))
            out[k] = v
        return out

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_int=_json_int,
                          parse_constant=_json_constant)
    except json.JSONDecodeError as e:
        raise SealError(
            Problem(_say("source.malformed_json", detail=e.msg), file=name, line=e.lineno,
                    column=e.colno)
        ) from None
    except _BadNumber as e:
        line, col = _line_col(text, text.find(e.text[:20]))
        raise SealError(Problem(e.message, file=name, line=line, column=col)) from None
    except RecursionError:
        depth = _json_depth(text)
        raise SealError(Problem(_say("source.nested", depth=str(depth), limit=str(MAX_NESTING)),
                                file=name)) from None
    if _too_deep(data, MAX_NESTING):
        depth = _json_depth(text)
        raise SealError(Problem(_say("source.nested", depth=str(depth), limit=str(MAX_NESTING)),
                                file=name))
    return Source(data, name, text=text)


def _too_deep(data: Any, limit: int) -> bool:
    """True when lists and mappings nest more than ``limit`` levels (level by level, without
    recursion)."""
    level = [data] if type(data) in (dict, list) else []
    depth = 1
    while level:
        if depth > limit:
            return True
        below: list = []
        for node in level:
            below += [v for v in (node.values() if type(node) is dict else node)
                      if type(v) is dict or type(v) is list]
        level = below
        depth += 1
    return False


#: Deepest nesting of mappings and lists a standard or assessment may have.
MAX_NESTING = 64
#: Most digits a whole number may have (Python's own limit is 4,300).
MAX_DIGITS = 30


class _BadNumber(Exception):
    def __init__(self, message: str, text: str):
        self.message, self.text = message, text


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _BadNumber(f"the number {text[:12]}… has {len(text)} digits; at most {MAX_DIGITS} "
                         "are allowed", text)
    return int(text)


def _json_constant(text: str):
    raise _BadNumber(f"{text} is not a number JSON allows; write a finite number", text)


def _json_depth(text: str) -> int:
    """How deep the brackets of a JSON text nest, strings aside."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return 0
    depth = best = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}":
            depth -= 1
    return best


def _line_col(text: str, position: int) -> tuple[int | None, int | None]:
    if position < 0:
        return None, None
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def read_yaml_text(text: str, name: str) -> Source:
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            message = _say("source.malformed_yaml", detail=e.problem or e.context)
            if e.context and e.context_mark and e.problem:
                cm = e.context_mark
                message = _say("source.malformed_yaml_at", detail=e.problem, context=e.context,
                               line=str(cm.line + 1), column=str(cm.column + 1))
            raise SealError(
                Problem(
                    message,
                    file=name,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ) from None
        except yaml.reader.ReaderError as e:
            line, col = _line_col(text, e.position)
            code = ord(e.character) if isinstance(e.character, str) else e.character
            what = (_say("source.nul") if code == 0 else
                    _say("source.control", character=f"#x{code:04x}"))
            raise SealError(Problem(_say("source.yaml_character", what=what), file=name,
                                    line=line, column=col)) from None
        except yaml.YAMLError as e:
            raise SealError(Problem(_say("source.malformed_yaml", detail=shorten_repr(str(e))),
                                    file=name)) from None
        except RecursionError:
            raise SealError(Problem(_say("source.too_deep", limit=str(MAX_NESTING)), file=name)
                            ) from None
        source = Source(None, name)
        if root is None:
            return source
        builder = _Builder(loader, source, get_int_setting("SEAL_MAX_YAML_NODES"))
        source.data = builder.enter(root, -1)
        return source
    finally:
        loader.dispose()


_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_NUMBER_TAGS = (_INT_TAG, _FLOAT_TAG)


class _Builder:
    def __init__(self, loader, source: Source, max_nodes: int):
        self.loader = loader
        self.source = source
        self.max_nodes = max_nodes
        self.count = 0
        self.path: set[int] = set()

    def _problem(self, node, message: str) -> SealError:
        m = node.start_mark
        return SealError(
            Problem(message, file=self.source.file, line=m.line + 1, column=m.column + 1)
        )

    def _pos(self, node):
        m = node.start_mark
        return (self.source.file, m.line + 1, m.column + 1)

    def build(self, node, depth: int = 0):
        if depth > MAX_NESTING:
            raise self._problem(node, f"the document is nested more than {MAX_NESTING} levels "
                                      "deep")
        self.count += 1
        if self.count > self.max_nodes:
            raise self._problem(
                node,
                f"document expands to more than {self.max_nodes} values "
                "(anchors and aliases too deep? raise SEAL_MAX_YAML_NODES if it is genuine)",
            )
        if node.tag not in _ALLOWED_TAGS:
            raise self._problem(node, f"tag {node.tag!r} is not allowed; use plain YAML values")
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self._problem(key_node, "merge keys ('<<') are not allowed")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._problem(key_node, "a mapping key must be a plain value")
                key = self.build(key_node, depth + 1)
                if key in out:
                    raise self._problem(key_node, _say("source.duplicate_key",
                                                       key=shorten_repr(key)))
                out[key] = self.enter(value_node, depth)
                self.source.positions[(id(out), key)] = self._pos(key_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            items: list = []
            for i, item_node in enumerate(node.value):
                items.append(self.enter(item_node, depth))
                self.source.positions[(id(items), i)] = self._pos(item_node)
            return items
        self.check_number(node)
        try:
            return self.loader.construct_object(node, deep=True)
        except Exception:  # a value the tag cannot read: !!bool maybe, !!int "", 2024-02-30
            if (node.tag == "tag:yaml.org,2002:timestamp" and node.style in (None, "")
                    and self.loader.resolve(yaml.ScalarNode, node.value, (True, False))
                    == node.tag):
                return node.value  # e.g. 2024-02-30: left as text for the field to reject
            tag = node.tag.rsplit(":", 1)[-1]
            raise self._problem(node, f"bad value {shorten_repr(node.value)} for !!{tag}"
                                ) from None

    def enter(self, node, depth: int):
        """Build a child node, refusing an alias that contains itself."""
        key = id(node)
        if key in self.path:
            raise self._problem(node, "an alias refers to the list or mapping that contains "
                                      "it; remove the alias")
        self.path.add(key)
        try:
            return self.build(node, depth + 1)
        finally:
            self.path.discard(key)

    def check_number(self, node) -> None:
        """Refuse what YAML 1.1 reads as a number but a person does not mean: 010 (octal 8),
        1:20 (sexagesimal 80), 1_200 (underscores), and numbers too long to be figures."""
        if node.style not in (None, "") or node.tag not in _NUMBER_TAGS:
            return
        value = node.value
        digits = value.lstrip("+-")
        if ":" in value:
            raise self._problem(node, f"{value!r} would be read as a base-60 number; quote it "
                                      f"('{value}') if it is text, such as a time")
        if "_" in value:
            raise self._problem(node, f"{value!r} would be read as {value.replace('_', '')}; "
                                      "write the number without '_'")
        if node.tag == _INT_TAG and len(digits) > 1 and digits[0] == "0" and \
                digits[1:2].isdigit():
            raise self._problem(node, f"{value!r} would be read as an octal number; write "
                                      f"{digits.lstrip('0') or '0'} (or quote it if it is text)")
        if node.tag == _INT_TAG and len(digits) > MAX_DIGITS:
            raise self._problem(node, f"the number {value[:12]}… has {len(digits)} digits; at "
                                      f"most {MAX_DIGITS} are allowed")
        if node.tag == _FLOAT_TAG and digits.lower() in (".inf", ".nan"):
            raise self._problem(node, f"{value!r} is not a number a figure can have; write a "
                                      "finite number")


_REPR = None


def shorten_repr(value: Any, limit: int = 120) -> str:
    """``repr(value)`` bounded: long texts and big structures are cut with '...', whatever
    their size, so that an error message never grows with its input."""
    global _REPR
    if _REPR is None:
        import reprlib

        _REPR = reprlib.Repr()
        _REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxtuple = 3, 8, 8, 8
        _REPR.maxset = _REPR.maxfrozenset = 8
        _REPR.maxstring, _REPR.maxother, _REPR.maxlong = limit, limit, 40
    text = _REPR.repr(value)
    return text if len(text) <= limit + 20 else text[:limit] + "...'"
