"""Explanations kept by what they read: a context that records every value a rule reads while a
benchmark is explained, and a tree of those readings that finds the explanation again for an
assessment that reads the same values.

An explanation (the clauses in words, the values seen, what each needs) is a function of the
values the rule read from the context and of nothing else: the standard, its compiled rules and
the catalogue of messages are fixed for a compiled standard, and the words are rendered in
English (other languages render the clauses' messages at the edge).  So the first explanation
of a benchmark is made as before, by evaluating its clauses, through a
:class:`RecordingContext`; its readings (which question, evidence, metric... and the value
found, frozen to a hashable copy with its type) are stored as a path in a :class:`Readings`
tree whose leaf is the explanation.  The next assessment walks the tree, reading at each step
what the rule read first, then what it read next given that value, and so on: the same values
read in the same order give the same explanation, so it is taken from the leaf; a value not seen
before leaves the tree, and the explanation is made and added.  Which value is read next
depends only on the values read before it (rules are deterministic), so the path is the whole
key.

Only values that freeze (text, numbers, yes/no, dates, lists and mappings of them, missing
values) are kept; anything else makes the explanation uncached.  Each benchmark keeps at most
:data:`MAX_LEAVES` explanations; past that its tree starts again.  An explanation kept takes
about 19 KB on the full public-institutions standard, so a compiled standard holds at most
about 35 MB of them.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from .values import EvalContext, Missing

__all__ = ["MAX_LEAVES", "Readings", "RecordingContext", "kept_clause"]

MAX_LEAVES = 32

_ABSENT = object()


class _Unfrozen(Exception):
    """A value read that cannot be kept as a key."""


_SCALARS = frozenset((str, int, float, bool, dt.date, dt.datetime, dt.time, type(None)))


def freeze(value: Any) -> Any:
    """A hashable copy of ``value`` that compares equal only to a copy of an equal value of the
    same types (``True`` and ``1`` differ; so do ``1`` and ``1.0``)."""
    t = type(value)
    if t in _SCALARS:
        return (t, value)
    if value is _ABSENT:
        return (None, "absent")
    if t is Missing:
        message = value.message
        return (Missing, value.reason, None if message is None else repr(message))
    if t in (list, tuple):
        return (t, tuple(freeze(v) for v in value))
    if t in (set, frozenset):
        return (frozenset, frozenset(freeze(v) for v in value))
    if t is dict:
        try:  # a table row: text keys, sorted as they are
            return (dict, tuple((type(k), k, freeze(value[k])) for k in sorted(value)))
        except TypeError:  # keys of several types
            return (dict, tuple(sorted(((freeze(k), freeze(v)) for k, v in value.items()),
                                       key=repr)))
    raise _Unfrozen(t.__name__)


_POISON = object()  # a reading that cannot be kept: the explanation is not kept either


def _fz(value: Any) -> Any:
    try:
        return freeze(value)
    except _Unfrozen:
        return _POISON


class _Answers:
    __slots__ = ("_real", "_log", "_seen")

    def __init__(self, real, log):
        self._real, self._log, self._seen = real, log, set()

    def _note(self, key, v) -> None:
        if key not in self._seen:  # a value read again is the same: kept once
            self._seen.add(key)
            self._log.append((("answer", key), _fz(v)))

    def get(self, key, default=None):
        v = self._real.get(key, _ABSENT)
        if key not in self._seen:
            self._note(key, v)
        return default if v is _ABSENT else v

    def __contains__(self, key) -> bool:
        v = self._real.get(key, _ABSENT)
        if key not in self._seen:
            self._note(key, v)
        return v is not _ABSENT


class _Members:
    __slots__ = ("_real", "_log", "_kind", "_seen")

    def __init__(self, real, log, kind):
        self._real, self._log, self._kind, self._seen = real, log, kind, set()

    def __contains__(self, key) -> bool:
        v = key in self._real
        if key not in self._seen:
            self._seen.add(key)
            self._log.append(((self._kind, key), (bool, v)))
        return v


class _Fields:
    __slots__ = ("_real", "_log", "_seen")

    def __init__(self, real, log):
        self._real, self._log, self._seen = real, log, set()

    def get(self, key, default=None):
        v = self._real.get(key, _ABSENT)
        if key not in self._seen:
            self._seen.add(key)
            self._log.append((("institution", key), _fz(v)))
        return default if v is _ABSENT else v


class RecordingContext:
    """An :class:`EvalContext` that records, in :attr:`log`, every value read through it, the
    first time it is read (explaining reads values several times; they do not change)."""

    __slots__ = ("log", "_ctx", "_seen", "answers", "evidence", "rejected", "unreferenced",
                 "institution", "kept")

    def __init__(self, ctx: EvalContext, kept: dict | None = None):
        self.log: list[tuple] = []
        self._ctx = ctx
        #: where the clauses of rule nodes are kept by what they read (``None``: nowhere), see
        #: :func:`kept_clause`
        self.kept = kept
        self._seen: set[tuple] = set()
        self.answers = _Answers(ctx.answers, self.log)
        self.evidence = _Members(ctx.evidence, self.log, "evidence")
        self.rejected = _Members(ctx.rejected, self.log, "rejected")
        self.unreferenced = _Members(ctx.unreferenced, self.log, "unreferenced")
        self.institution = _Fields(ctx.institution, self.log)

    def _note(self, spec: tuple, v: Any) -> None:
        if spec not in self._seen:
            self._seen.add(spec)
            self.log.append((spec, _fz(v)))

    def metric(self, name: str, key: tuple) -> Any:
        v = self._ctx.metric(name, key)
        self._note(("metric", name, key), v)
        return v

    @property
    def has_workforce(self) -> bool:
        v = self._ctx.has_workforce
        self._note(("has_workforce",), v)
        return v

    @property
    def period(self):
        v = self._ctx.period
        self._note(("period",), v)
        return v


def _read(ctx: EvalContext, spec: tuple) -> Any:
    """The frozen value ``ctx`` gives for a reading recorded as ``spec``."""
    kind = spec[0]
    if kind == "answer":
        return freeze(ctx.answers.get(spec[1], _ABSENT))
    if kind == "evidence":
        return (bool, spec[1] in ctx.evidence)
    if kind == "metric":
        return freeze(ctx.metric(spec[1], spec[2]))
    if kind == "has_workforce":
        return (bool, ctx.has_workforce)
    if kind == "rejected":
        return (bool, spec[1] in ctx.rejected)
    if kind == "unreferenced":
        return (bool, spec[1] in ctx.unreferenced)
    if kind == "institution":
        return freeze(ctx.institution.get(spec[1], _ABSENT))
    if kind == "period":
        return freeze(ctx.period)
    raise ValueError(f"unknown reading {spec!r}")  # pragma: no cover - recorded above


class _Step:
    __slots__ = ("spec", "next")

    def __init__(self, spec: tuple):
        self.spec = spec
        self.next: dict[Any, Any] = {}


class _Leaf:
    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


class Readings:
    """Explanations of one benchmark by the values their rules read (see the module)."""

    __slots__ = ("_root", "_leaves", "_lock")

    def __init__(self):
        self._root: _Step | _Leaf | None = None
        self._leaves = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """The number of explanations kept."""
        return self._leaves

    def __deepcopy__(self, memo: dict) -> Readings:
        return Readings()  # a copy of a standard keeps nothing: it starts again

    def __reduce__(self):
        return (Readings, ())

    def find(self, ctx: EvalContext) -> Any:
        """The explanation kept for what ``ctx`` gives, or ``None``."""
        node = self._root
        answers = ctx.answers
        scalars = _SCALARS
        try:
            while type(node) is _Step:
                spec = node.spec
                if spec[0] == "answer":  # most readings: :func:`_read` of an answer, inline
                    v = answers.get(spec[1], _ABSENT)
                    t = type(v)
                    node = node.next.get((t, v) if t in scalars else freeze(v))
                else:
                    node = node.next.get(_read(ctx, spec))
        except _Unfrozen:
            return None
        return node.value if node is not None else None

    def keep(self, log: list[tuple], value: Any) -> None:
        """Keep ``value`` as the explanation for the readings in ``log``."""
        if any(frozen is _POISON for _, frozen in log):
            return
        with self._lock:
            if self._leaves >= MAX_LEAVES:
                self._root, self._leaves = None, 0
            if not log:
                if self._root is None:
                    self._root = _Leaf(value)
                    self._leaves += 1
                return
            if self._root is None:
                self._root = _Step(log[0][0])
            node = self._root
            for i, (spec, frozen) in enumerate(log):
                if type(node) is not _Step or node.spec != spec:
                    return  # not the order the tree has: keep nothing (never happens)
                following = node.next.get(frozen)
                if i == len(log) - 1:
                    if following is None:
                        node.next[frozen] = _Leaf(value)
                        self._leaves += 1
                    return
                if following is None:
                    following = node.next[frozen] = _Step(log[i + 1][0])
                node = following


def kept_clause(node: Any, ctx: RecordingContext, make: Any) -> Any:
    """The clause of a rule node for ``ctx``: the one kept for the values the node reads, else
    ``make(context)`` (through a context recording those values, which keeps it).

    A clause, like a benchmark's explanation, is a function of the values its node and the
    nodes under it read, so each node keeps its clauses in ``ctx.kept`` (a compiled standard's
    readings, by the node's id) the same way.  A benchmark whose answers were never seen
    together (a new assessment) is then made of clauses seen before: a condition on one
    yes/no answer is made twice at most, whatever the other answers.  The readings of a
    node's parts are read through ``ctx``, so the node (and the benchmark) records them
    too."""
    store = ctx.kept
    key = id(node)
    kept = store.get(key)
    if kept is None:
        kept = store.setdefault(key, Readings())
    found = kept.find(ctx)
    if found is not None:
        return found
    seen = RecordingContext(ctx, store)
    made = make(seen)
    kept.keep(seen.log, made)
    return made
