"""Telling what a file is when it is not what a command expected, and which command takes it
(each answer a :class:`~seal_engine.messages.Message`, ``kind.*``)."""

from __future__ import annotations

from typing import Any

from ..messages import Message, say

__all__ = ["sniff_bytes", "sniff_data", "what_is"]

_KINDS = {"standard", "assessment", "dimension", "action_library", "translation"}


def what_is(kind: Any) -> Message | None:
    """What a file whose ``type:`` is ``kind`` is, and where it goes."""
    return say(f"kind.{kind}") if isinstance(kind, str) and kind in _KINDS else None


def sniff_data(data: Any) -> Message | None:
    """What parsed data without the expected ``type:`` looks like, and which command takes it."""
    if isinstance(data, dict):
        keys = set(data)
        if what_is(data.get("type")):
            return what_is(data.get("type"))
        if {"benchmarks", "dimensions", "level", "score"} <= keys:
            return say("kind.score_result")
        if {"gaps", "target", "level"} <= keys:
            return say("kind.gap_report")
        if {"rows", "start", "end", "assessment"} <= keys:
            return say("kind.action_plan")
    if isinstance(data, str):
        first = data.strip().splitlines()[0].lower() if data.strip() else ""
        cells = {c.strip().strip('"') for c in first.replace(";", ",").split(",")}
        if "sex" in cells or "gender" in cells or "person_id" in cells:
            return say("kind.workforce_csv")
        if "activity" in cells or "action" in cells:
            return say("kind.plan_csv")
    return None


def sniff_bytes(head: bytes, name: str) -> Message | None:
    """What a binary file is, from its first bytes and name, when it cannot be YAML or JSON."""
    if head.startswith(b"PK\x03\x04") or name.lower().endswith((".xlsx", ".xlsm")):
        return say("kind.workbook")
    if head.startswith(b"%PDF"):
        return say("kind.pdf")
    return None
