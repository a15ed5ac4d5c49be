"""Errors raised by seal-engine.

Every error the project raises on bad input derives from :class:`SealError`::

    SealError
    ├── StandardError        a standard file is invalid (schema, ids, links)
    │   └── RuleError        a rule expression cannot be compiled
    ├── AssessmentError      an assessment is invalid or does not fit its standard
    ├── WorkforceError       a workforce data file is invalid
    ├── PlanError            an action plan file cannot be read
    ├── ScoringError         scoring cannot proceed (e.g. standard and assessment disagree)
    ├── SignatureError       a signed token cannot be trusted (``code`` says why)
    └── StoreError           the database refused an operation
        ├── NotFoundError    no such record, or none the user may see
        ├── PermissionDeniedError   the user's roles do not allow the operation
        ├── StaleWriteError  the record changed since it was read (says who and when)
        ├── TransitionError  the lifecycle state does not allow the operation
        └── SchemaError      the database is missing, or older or newer than this code

An error carries one or more :class:`Problem` records, each naming the file, the line and
column where known, the path of the field and what was expected.  ``str(error)`` prints one
located problem a line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

__all__ = [
    "AssessmentError",
    "NotFoundError",
    "PermissionDeniedError",
    "PlanError",
    "Problem",
    "RuleError",
    "ScoringError",
    "SchemaError",
    "SealError",
    "SignatureError",
    "StaleWriteError",
    "StandardError",
    "StoreError",
    "TransitionError",
    "WorkforceError",
    "did_you_mean",
    "install_hint",
    "suggestion",
]


@dataclass(frozen=True)
class Problem:
    """One located problem: where it is and what is wrong.

    ``message`` is given as a :class:`~seal_engine.messages.Message` (a code and its params:
    ``Problem(say("loader.not_found", path=p), file=...)``) and kept as ``text``; ``message``
    itself is then its English rendering, for logs and for callers reading it as a string.  A
    plain string is still accepted (its ``text`` is the code ``problem.text``, which no
    catalogue translates).  :meth:`render` writes the located problem in a language."""

    message: Any
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    record_id: str | None = None
    text: Any = dataclasses.field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        from .messages import Message, render_message

        given = self.message if self.text is None else self.text
        if not isinstance(given, Message):
            given = Message(code="problem.text", params={"text": str(given)})
        object.__setattr__(self, "text", given)
        object.__setattr__(self, "message", render_message(given))

    def render(self, lang: str = "en") -> str:
        """The located problem with its message in ``lang``."""
        from .messages import render_message

        return self._located(render_message(self.text, lang=lang))

    def _located(self, message: str) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        parts = []
        if self.record_id:
            parts.append(f"[{self.record_id}]")
        if self.field:
            parts.append(f"{self.field}:")
        parts.append(message)
        return where + " ".join(parts)

    def __str__(self) -> str:
        return self._located(self.message)


class SealError(Exception):
    """Base of every error seal-engine raises on bad input."""

    def __init__(self, problems: list[Problem] | Problem | str | Any):
        if not isinstance(problems, (list, tuple, Problem)):  # a text or a message
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def path(self) -> str | None:
        """The file of the first problem, if known."""
        return self.problems[0].file if self.problems else None

    @property
    def record_id(self) -> str | None:
        """The record (benchmark, question, action...) of the first problem, if known."""
        return self.problems[0].record_id if self.problems else None


class StandardError(SealError):
    """A standard is invalid: its shape, its ids or its links."""


class RuleError(StandardError):
    """A rule expression cannot be parsed, is not allowed, or does not type-check."""


class AssessmentError(SealError):
    """An assessment is invalid or its answers do not fit the standard."""


class WorkforceError(SealError):
    """A workforce data file is invalid."""


class PlanError(SealError):
    """An action plan file cannot be read: each problem names the file, sheet, row and column."""


class ScoringError(SealError):
    """Scoring cannot proceed."""


class SignatureError(SealError):
    """A signed token (a certificate, an audit checkpoint) cannot be trusted.  ``code`` says
    why: ``malformed`` (not a compact JWS signed with EdDSA), ``unknown_key`` (no published key
    has its ``kid``), ``bad_signature`` (changed, or signed by another key) or ``expired``
    (genuine but past its ``exp``).  ``header`` and, once the signature holds, ``claims`` are
    kept for the caller to show."""

    CODES = ("malformed", "unknown_key", "bad_signature", "expired")

    def __init__(self, code: str, problems, *, header: dict | None = None,
                 claims: dict | None = None):
        if code not in self.CODES:
            raise ValueError(f"unknown signature error code {code!r}")
        super().__init__(problems)
        self.code = code
        self.header = header
        self.claims = claims


class StoreError(SealError):
    """The database refused an operation."""


class NotFoundError(StoreError):
    """No record with that id, or none the user may see: the two are told apart by no one, so
    that guessing ids reveals nothing."""


class PermissionDeniedError(StoreError):
    """The user may see the record, but their roles do not allow this operation on it."""


class StaleWriteError(StoreError):
    """The record changed after the user read it; nothing was written.  The message says who
    changed it and when; ``current_version`` is the version to read again."""

    def __init__(self, problems, current_version: int | None = None):
        super().__init__(problems)
        self.current_version = current_version


class TransitionError(StoreError):
    """The assessment's lifecycle state does not allow the operation (e.g. editing answers of a
    submitted assessment, certifying one that is not under review)."""


class SchemaError(StoreError):
    """The database has no schema yet, or one older or newer than this code: run
    ``seal db upgrade``."""


def install_hint(extra: str) -> str:
    """How to install an optional extra, from the package index and from a source checkout."""
    return (f"pip install 'seal-engine[{extra}]' (in a source checkout: "
            f"pip install -e '.[{extra}]')")


def did_you_mean(value: object, options) -> str:
    """' (did you mean 'x'?)' when an option is close to ``value`` (case aside), else ''."""
    import difflib

    if not isinstance(value, str):
        return ""
    options = [o for o in options if isinstance(o, str)]
    by_lower = {o.lower(): o for o in options}
    if value.lower() in by_lower and by_lower[value.lower()] != value:
        return f" (did you mean {by_lower[value.lower()]!r}?)"
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.8)
    return f" (did you mean {close[0]!r}?)" if close else ""


def suggestion(value: object, options):
    """:func:`did_you_mean` as a message param: ``hint.did_you_mean`` naming the close option,
    or an empty text when none is close."""
    text = did_you_mean(value, options)
    if not text:
        return ""
    from .messages import say

    return say("hint.did_you_mean", suggestion=text[len(" (did you mean "):-len("?)")])
