"""Texts a person reads, kept as data until the edge: a :class:`Message` is a stable ``code``
and its ``params``; :func:`render_message` turns it into words with the template of its code.

:data:`MESSAGES` is the English catalogue, one template a code (``str.format`` fields named by
the params).  An edge that translates passes its translation function (the app's ``_``), which
looks the English template up in the language's catalogue; the app's message template
(``seal_engine/app/locale/seal-app.pot``) lists these templates too, so a language translates
them once.  A param may itself be a :class:`Message` (rendered first) or a list (each item
rendered, joined with '; ').  Tests assert on codes and params; one test asserts the English.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import SealModel

__all__ = ["MESSAGES", "Message", "render_message", "say"]

#: The English template of every message code.
MESSAGES: dict[str, str] = {
    # why a level is or is not reached (home pages, results)
    "outcome.score": "{score}.",
    "outcome.top": "{score}: {level}, the highest level, is reached.",
    "outcome.no_level": "{score}, no level yet: {why}.",
    "outcome.level_next": "{score}: {level} reached; for {next}, {needs}.",
    "outcome.mandatory_not_met": "{benchmark}, mandatory for {level}, is not met",
    "outcome.mandatory_not_met_many": "{benchmark}, mandatory for {level}, are not met",
    "outcome.mandatory_pending": "{benchmark}, mandatory for {level}, is claimed not to apply "
                                 "and waits for the assessor's decision",
    "outcome.mandatory_pending_many": "{benchmark}, mandatory for {level}, are claimed not to "
                                      "apply and wait for the assessor's decision",
    "outcome.more_benchmark": "1 more benchmark must be met to reach {threshold}",
    "outcome.more_benchmarks": "{n} more benchmarks must be met to reach {threshold}",
    "outcome.more_points": "{n} more points are needed to reach {threshold}",
    "level.none": "no level",
    # what changed since the last result
    "change.same": "Since {when}: the same level and score.",
    "change.score": "Since {when}: the score went from {before} to {after}.",
    "change.level": "Since {when}: the level went from {before} to {after}, the score from "
                    "{score_before} to {score_after}.",
    "change.benchmarks_met": "Now met: {list}.",
    "change.benchmarks_lost": "No longer met: {list}.",
    "change.since_review": "the assessor's review",
    "change.since_period": "the {period} result",
    # gap rows
    "gap.condition": "{condition}",
    "gap.unanswered": "not answered yet: {questions}",
    "gap.evidence_missing": "evidence missing: {evidence}",
    "gap.not_answered": "not answered yet",
    "gap.needs_review": "its conditions hold as answered, but it is not counted as met yet: "
                        "see its status on the Results page",
}


class Message(SealModel):
    """A text as data: its code in :data:`MESSAGES` and the params its template names."""

    code: str
    params: dict[str, Any] = {}


def say(code: str, **params: Any) -> Message:
    """A :class:`Message`; ``KeyError`` for a code the catalogue does not have (a typo in code
    must fail where it is written, not when a page renders it)."""
    if code not in MESSAGES:
        raise KeyError(f"no message {code!r} in the catalogue")
    return Message(code=code, params=params)


def _identity(text: str) -> str:
    return text


def render_message(message: Message | str | list, translate: Callable[[str], str] = _identity,
                   ) -> str:
    """``message`` in words: its template (through ``translate``) filled with its params;
    a plain text is returned as it is, a list of messages joined with '; '."""
    if isinstance(message, str):
        return message
    if isinstance(message, (list, tuple)):
        return "; ".join(render_message(m, translate) for m in message)

    def shown(value: Any) -> str:
        if isinstance(value, Message):
            return render_message(value, translate)
        if isinstance(value, (list, tuple)):
            return "; ".join(shown(v) for v in value)
        return str(value)

    params = {k: shown(v) for k, v in message.params.items()}
    return translate(MESSAGES[message.code]).format(**params)
