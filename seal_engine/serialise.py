"""Writing YAML that the loader reads back exactly: every generated file (templates, exports)
goes through this serialiser, never through string formatting, so that no value, whatever it
holds (a newline, a '#', a quote, a '- ' at the start), can change the structure around it."""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import Enum
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # pragma: no cover
    from .models import Assessment

__all__ = ["assessment_yaml", "comment", "plain", "to_yaml", "yaml_entry", "yaml_flow"]

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _LineDumper(yaml.SafeDumper):
    """Writes any value on one line: a text holding a line break (or anything a plain or
    single-quoted scalar cannot hold on one line) is double-quoted with escapes (``\\n``,
    ``\\L``, ``\\N``), never folded; booleans are YAML 1.2's, as the loader reads them, so
    ``yes`` and ``no`` stay plain text."""

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style in ("'", "|", ">") else style


_LineDumper.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_LineDumper.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
# YAML's line breaks: a comment ends at any of them (and PyYAML also breaks at NEL, LS, PS)
_NOT_PRINTABLE = re.compile(
    "[^\x09\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def plain(value: Any) -> Any:
    """``value`` with enums as their values and tuples as lists, ready for the dumper; an
    infinite or NaN float is refused (it has no YAML the loader accepts)."""
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} cannot be written: numbers must be finite")
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def to_yaml(data: Any, *, flow_leaves: bool = False) -> str:
    """YAML text of ``data`` (mappings keep their order).  Strings are quoted wherever a plain
    scalar would read back as something else.  ``flow_leaves`` writes lists and mappings of
    plain values on one line (``[a, b]``, ``{id: x, version: 1}``), as people write them."""
    return yaml.dump(plain(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=None if flow_leaves else False, width=100)


def assessment_yaml(assessment: Assessment) -> str:
    """An assessment as YAML in field order, empty fields left out; ``parse_assessment`` of
    the text gives the same assessment, and writing that again gives the same text."""
    data = assessment.model_dump(mode="python", exclude_none=True)
    for key in ("answers", "evidence", "not_applicable"):
        if not data.get(key):
            data.pop(key, None)
    data["evidence"] = [{k: v for k, v in item.items() if v is not None}
                        for item in data.get("evidence", [])] or None
    if data["evidence"] is None:
        del data["evidence"]
    return to_yaml(data)


def yaml_flow(value: Any) -> str:
    """``value`` as YAML on one line, in flow style (``[a, b]``, ``{id: x, title: "A\\nB"}``):
    whatever a text holds, the result has no line break and reads back as ``value``."""
    text = yaml.dump(plain(value), Dumper=_LineDumper, default_flow_style=True,
                     allow_unicode=True, sort_keys=False, width=2**30, explicit_end=False)
    text = text.rstrip("\n")
    if text.endswith("\n..."):
        text = text[:-4].rstrip("\n")
    elif text.endswith("..."):  # pragma: no cover - PyYAML ends a lone scalar so
        text = text[:-3].rstrip()
    if "\n" in text or "\r" in text:  # pragma: no cover - guarded by _LineDumper
        raise ValueError(f"cannot write {value!r} on one line")
    return text


def yaml_entry(key: Any, value: Any) -> str:
    """One line ``key: value`` of a block mapping, both written by :func:`yaml_flow`."""
    return f"{yaml_flow(key)}: {yaml_flow(value)}"


def comment(text: Any) -> str:
    """``text`` made safe inside a YAML comment, which ends at the first line break: each line
    break (LF, CR, NEL, LS, PS, and the other vertical spaces) becomes a space and characters
    YAML cannot hold are dropped."""
    return _NOT_PRINTABLE.sub("", _BREAKS.sub(" ", str(text))).strip()
