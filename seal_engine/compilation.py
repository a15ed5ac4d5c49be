"""The compiled form of a standard: its rules, its action measures and what they may refer to.

A :class:`CompiledStandard` is made once per standard (when it loads, or when first used for a
standard built in code or received by another process) and owned by that standard: nothing else
keeps compiled rules.  :func:`compiled` is the one way to reach it.

A standard crosses process boundaries as its data: pickling drops the compiled rules (closures
do not pickle) and keeps the content hash, and the receiving process compiles it once, the
first time it is used, into a per-process cache keyed by that hash.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._source import format_path
from .errors import Problem, RuleError, SealError
from .rules import CompiledRule, RuleEnv, compile_rule

if TYPE_CHECKING:  # pragma: no cover
    from .loader._raw import Raw
    from .models import Level, Question, Standard
    from .rules.recording import Readings

__all__ = ["BenchmarkRules", "CompiledStandard", "compiled", "content_hash"]


@dataclass(frozen=True)
class BenchmarkRules:
    """The compiled rules of one benchmark."""

    met: CompiledRule
    partially_met: CompiledRule | None
    applies_when: CompiledRule | None


@dataclass
class CompiledStandard:
    """Everything compiled from one standard: rules by benchmark id, measures by action id, the
    rule environment, and the raw source with positions (``None`` for a standard that was not
    parsed from text, e.g. one received from another process)."""

    rules: dict[str, BenchmarkRules]
    measures: dict[str, CompiledRule]
    asked_when: dict[str, CompiledRule]  # question id -> when it is asked
    env: RuleEnv
    raw: Raw | None
    #: the standard's :func:`content_hash` (or a function giving it, called when first read:
    #: loading a standard does not need it)
    _content_hash: str | Callable[[], str]
    questions: dict[str, Question]
    evidence_ids: frozenset[str]
    benchmark_ids: frozenset[str]
    ladder: list[tuple[Level, tuple[str, ...]]]  # each level with the benchmarks mandatory by it
    outline: tuple[tuple, ...] = ()  # per benchmark: id, dimension, title, weight, ...
    _plan: tuple[tuple, ...] | None = None
    #: question id -> fast answer converter, made by :mod:`seal_engine.answers` the first time
    #: answers to the standard are checked (``None`` until then)
    converters: dict[str, Callable[[Any], Any]] | None = None
    #: benchmark id -> its explanations kept by the values their rules read (see
    #: :mod:`seal_engine.rules.recording`), filled as assessments are scored with explanations
    readings: dict[str, Readings] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """The standard's :func:`content_hash`."""
        if not isinstance(self._content_hash, str):
            self._content_hash = self._content_hash()
        return self._content_hash

    @property
    def plan(self) -> tuple[tuple, ...]:
        """What quick scoring reads per benchmark, in order, with each rule as generated code;
        made the first time a standard is scored without explanations."""
        if self._plan is None:
            self._plan = _plan(self.outline, self.rules)
        return self._plan


_CACHE: dict[str, CompiledStandard] = {}
_LOCK = threading.Lock()


def content_hash(standard: Standard) -> str:
    """SHA-256 of the standard's content (its canonical JSON), the same wherever it was read
    from and however its files were laid out.  Its translations are not part of it: adding or
    correcting a translation leaves the identity that stored assessments and certificates
    carry as it was.  Computed once per standard object."""
    h = standard._hash
    if h is None:
        data = standard.model_dump(mode="json")
        data["translations"] = {}
        body = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        h = hashlib.sha256(body.encode("utf-8")).hexdigest()
        standard._hash = h
    return h


def compiled(standard: Standard) -> CompiledStandard:
    """The compiled form of ``standard``, compiling it on first use.

    Raises :class:`~seal_engine.errors.RuleError` when a rule does not compile (only possible for
    a standard built in code: the loader compiles what it loads)."""
    c = standard._compiled
    if c is not None:
        return c
    h = content_hash(standard)
    with _LOCK:
        c = _CACHE.get(h)
        if c is None:
            c = compile_standard(standard, None)
            if len(_CACHE) > 64:
                _CACHE.clear()
            _CACHE[h] = c
    standard._compiled = c
    return c


def compile_standard(standard: Standard, raw: Raw | None) -> CompiledStandard:
    """Compile every rule and measure of ``standard``; problems are located through ``raw``."""
    env = rule_env(standard)
    questions = standard.questions()
    c = CompiledStandard(
        _compile_rules(standard, raw, env), _compile_measures(standard, raw, env),
        _compile_asked_when(standard, raw, env), env, raw,
        functools.partial(content_hash, standard), questions,
        frozenset(e.id for b in standard.benchmarks() for e in b.evidence),
        frozenset(b.id for b in standard.benchmarks()), _ladder(standard), _outline(standard))
    return c


def _outline(standard: Standard) -> tuple[tuple, ...]:
    return tuple((b.id, d.id, b.title, standard.credit_of(b), b.mandatory_from, b.applicable,
                  b.allow_not_applicable, tuple(q.id for q in b.questions),
                  tuple(e.id for e in b.evidence))
                 for d in standard.dimensions for b in d.benchmarks)


def _plan(outline: tuple[tuple, ...], rules: dict[str, BenchmarkRules]) -> tuple[tuple, ...]:
    out = []
    for bid, dim, title, weight, mandatory, applicable, claimable, questions, evidence in outline:
        r = rules[bid]
        out.append((bid, dim, title, weight, mandatory, applicable, claimable, r.met.fast(),
                    r.partially_met.fast() if r.partially_met else None,
                    r.applies_when.fast() if r.applies_when else None,
                    r.met.uses_metrics, questions, evidence))
    return tuple(out)


def _ladder(standard: Standard) -> list[tuple[Level, tuple[str, ...]]]:
    order = {lv.id: lv.order for lv in standard.levels}
    return [(lv, tuple(b.id for b in standard.benchmarks()
                       if b.mandatory_from is not None and order[b.mandatory_from] <= lv.order))
            for lv in standard.levels_in_order()]


def rule_env(s: Standard) -> RuleEnv:
    """What rules of ``s`` may refer to: its questions, choices, evidence, parameters, metrics."""
    from .workforce.metrics import METRICS

    questions = s.questions()
    choices = {}
    for qid, q in questions.items():
        cs = s.question_choices(q)
        if cs:
            choices[qid] = {c.value for c in cs}
    evidence = {e.id: e for b in s.benchmarks() for e in b.evidence}
    return RuleEnv(questions, choices, evidence, s.parameters, METRICS)


def _where(raw: Raw | None, loc: list) -> tuple[Any, Any, Any]:
    return raw.locate(loc) if raw is not None else (None, None, None)


def _compile_at(text: str, env: RuleEnv, raw: Raw | None, loc: list, record_id: str,
                **kwargs: Any) -> CompiledRule:
    """:func:`compile_rule` of the rule at ``loc``, its problems located through ``raw``, which
    is read only when the rule does not compile (a standard from the cache reads its source
    only then): the rule is compiled again with its position, giving the same error located."""
    field_name = format_path(loc)
    try:
        return compile_rule(text, env, record_id=record_id, field_name=field_name, **kwargs)
    except SealError:
        file, line, col = _where(raw, loc)
        if file is None and line is None:
            raise
        return compile_rule(text, env, file=file, line=line, column=col, record_id=record_id,
                            field_name=field_name, **kwargs)


def _compile_rules(s: Standard, raw: Raw | None, env: RuleEnv) -> dict[str, BenchmarkRules]:
    out: dict[str, BenchmarkRules] = {}
    problems: list[Problem] = []
    for di, d in enumerate(s.dimensions):
        for bi, b in enumerate(d.benchmarks):
            parts: list[CompiledRule | None] = []
            for name in ("met", "partially_met", "applies_when"):
                text = getattr(b.rule, name)
                if text is None:
                    parts.append(None)
                    continue
                loc = ["dimensions", di, "benchmarks", bi, "rule", name]
                try:
                    parts.append(_compile_at(text, env, raw, loc, b.id))
                except SealError as e:
                    problems.extend(e.problems)
                    parts.append(None)
            out[b.id] = BenchmarkRules(*parts)  # type: ignore[arg-type]
    if problems:
        raise RuleError(problems)
    return out


def _compile_asked_when(s: Standard, raw: Raw | None, env: RuleEnv
                        ) -> dict[str, CompiledRule]:
    out: dict[str, CompiledRule] = {}
    problems: list[Problem] = []
    for di, d in enumerate(s.dimensions):
        for bi, b in enumerate(d.benchmarks):
            for qi, q in enumerate(b.questions):
                if q.asked_when is None:
                    continue
                loc = ["dimensions", di, "benchmarks", bi, "questions", qi, "asked_when"]
                try:
                    out[q.id] = _compile_at(q.asked_when, env, raw, loc, q.id)
                except SealError as e:
                    problems.extend(e.problems)
    if problems:
        raise RuleError(problems)
    return out


def _compile_measures(s: Standard, raw: Raw | None, env: RuleEnv) -> dict[str, CompiledRule]:
    out: dict[str, CompiledRule] = {}
    problems: list[Problem] = []
    for ai, a in enumerate(s.actions):
        if a.indicator is None or a.indicator.measure is None:
            continue
        loc = ["actions", ai, "indicator", "measure"]
        try:
            rule = _compile_at(a.indicator.measure, env, raw, loc, a.id, expect="value")
        except SealError as e:
            problems.extend(e.problems)
            continue
        if rule.type not in ("number", "share", "points", "bool", "any"):
            file, line, col = _where(raw, loc)
            problems.append(Problem(
                f"a measure must give a number, a share or yes/no, but this gives {rule.type}",
                file=file, line=line, column=col, field=format_path(loc), record_id=a.id))
            continue
        out[a.id] = rule
    if problems:
        raise RuleError(problems)
    return out
