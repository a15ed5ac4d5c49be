"""Telling what a file is when it is not what a command expected, and which command takes it."""

from __future__ import annotations

from typing import Any

__all__ = ["sniff_bytes", "sniff_data", "what_is"]

_KINDS = {
    "standard": "this is a standard; give it with --standard, or check it with seal validate",
    "assessment": "this is an assessment; seal score, seal explain and seal gaps take it",
    "dimension": "this is one dimension of a standard folder; give the folder",
    "action_library": "this is the action library of a standard folder; give the folder",
    "translation": "this is a translation of a standard's texts; it goes in the standard's "
                   "translations folder, and the standard's folder is given",
}


def what_is(kind: Any) -> str | None:
    """What a file whose ``type:`` is ``kind`` is, and where it goes."""
    return _KINDS.get(kind) if isinstance(kind, str) else None


def sniff_data(data: Any) -> str | None:
    """What parsed data without the expected ``type:`` looks like, and which command takes it."""
    if isinstance(data, dict):
        keys = set(data)
        if what_is(data.get("type")):
            return what_is(data.get("type"))
        if {"benchmarks", "dimensions", "level", "score"} <= keys:
            return ("this is a score result (seal score --format json); give the assessment it "
                    "was scored from instead")
        if {"gaps", "target", "level"} <= keys:
            return ("this is a gap report (seal gaps --format json); give the assessment it was "
                    "made from instead")
        if {"rows", "start", "end", "assessment"} <= keys:
            return ("this is an action plan (seal actions); seal actions --plan and seal gaps "
                    "--plan read it back")
    if isinstance(data, str):
        first = data.strip().splitlines()[0].lower() if data.strip() else ""
        cells = {c.strip().strip('"') for c in first.replace(";", ",").split(",")}
        if "sex" in cells or "gender" in cells or "person_id" in cells:
            return ("this looks like a workforce data file (CSV); seal metrics reads it, and an "
                    "assessment names it in its 'workforce:' field")
        if "activity" in cells or "action" in cells:
            return "this looks like an action plan (CSV); seal actions --plan reads it back"
    return None


def sniff_bytes(head: bytes, name: str) -> str | None:
    """What a binary file is, from its first bytes and name, when it cannot be YAML or JSON."""
    if head.startswith(b"PK\x03\x04") or name.lower().endswith((".xlsx", ".xlsm")):
        return ("this is an Excel workbook, not YAML or JSON: a workforce file goes to seal "
                "metrics (or the assessment's 'workforce:' field), an action plan to seal "
                "actions --plan")
    if head.startswith(b"%PDF"):
        return "this is a PDF document; attach it as evidence rather than giving it here"
    return None
