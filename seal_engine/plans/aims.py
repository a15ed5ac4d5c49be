"""Which way an action's indicator has to move, read from the rules of the benchmarks.

An indicator's ``measure`` is an expression in the rule language, e.g.
``first_known(metric('women_share', grade='senior'), answer('WE-02.senior_women'))``.  Wherever
a benchmark's rule compares one of its alternatives with a threshold
(``metric('women_share', grade='senior') >= leadership_target``), bounds it
(``between(metric('women_share'), parity_low, parity_high)``) or tests it as a condition, that
comparison says what the benchmark needs of the indicator: at least, at most or exactly some
value.  Those are the indicator's *aims*, with thresholds in the indicator's own units (a
share the rules hold as 0.3 is 30 for a percent indicator).

The same comparisons appear in each scored benchmark's clause tree
(:class:`~seal_engine.models.Clause`: ``expression``, ``op``, ``threshold``, ``state``), so that
a draft can ask whether a failing benchmark fails on its indicator, and what it needs there.
"""

from __future__ import annotations

import ast
import copy
import math
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..compilation import compiled, content_hash
from ..errors import SealError
from ..models import Action, Clause, Standard
from ..rules import EvalContext, Missing, compile_rule

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleEnv

__all__ = ["Aim", "IndicatorAims", "clause_figures", "figure", "indicator_aims", "number_text",
           "value_message"]

Direction = Literal["up", "down"]
_INVERT = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}
_MIRROR = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}
_AST_OPS = {ast.GtE: ">=", ast.Gt: ">", ast.LtE: "<=", ast.Lt: "<", ast.Eq: "==",
            ast.NotEq: "!="}


@dataclass(frozen=True)
class Aim:
    """What one benchmark's rule needs of an indicator: ``op`` (``>=``, ``>``, ``<=``, ``<``
    or ``==``) and ``threshold`` in the indicator's units (``None`` when it depends on the
    answers).  ``expression`` is the canonical form of the rule text compared."""

    benchmark: str
    op: str
    threshold: float | None
    expression: str
    state: Literal["holds", "fails", "unknown"] | None = None

    @property
    def direction(self) -> Direction | None:
        return "up" if self.op in (">=", ">") else "down" if self.op in ("<=", "<") else None

    def holds(self, value: float | None) -> bool | None:
        """Whether ``value`` meets the aim; ``None`` when either side is unknown."""
        if value is None or self.threshold is None:
            return None
        t = self.threshold
        return {">=": value >= t, ">": value > t, "<=": value <= t, "<": value < t,
                "==": math.isclose(value, t, rel_tol=1e-9, abs_tol=1e-12)}[self.op]

    def needed(self, unit: str | None) -> float | None:
        """The nearest value that meets the aim: the threshold, or one step past it for a
        strict comparison."""
        if self.threshold is None:
            return None
        t = self.threshold
        if self.op in (">", "<"):
            whole = unit in ("number", "percent", "points", "yes_no") and float(t).is_integer()
            step = 1.0 if whole else 0.01
            t = t + step if self.op == ">" else t - step
        return _tidy(t)

    def needs(self, unit: str | None, lang: str = "en") -> str:
        """'at least 30 %', 'more than 0', 'at most 5 %', 'yes' (in ``lang``)."""
        op = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "==": "eq"}[self.op]
        if self.threshold is None:
            return _words(f"plandraft.needs.{op}_answers", lang)
        return _words(f"plandraft.needs.{op}", lang,
                      value=number_text(self.threshold, unit, lang))

    def needs_message(self, unit: str | None):
        """:meth:`needs` as a message, rendered where it is shown."""
        from ..messages import say

        op = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "==": "eq"}[self.op]
        if self.threshold is None:
            return say(f"plandraft.needs.{op}_answers")
        return say(f"plandraft.needs.{op}", value=value_message(self.threshold, unit))

    def evaluated(self, state: Literal["holds", "fails", "unknown"],
                  threshold: float | None) -> Aim:
        return Aim(self.benchmark, self.op, self.threshold if threshold is None else threshold,
                   self.expression, state)


@dataclass
class IndicatorAims:
    """An action's indicator as the rules see it: the canonical forms of its measure's
    alternatives with the factor from rule units to indicator units, and its aims in the
    order of the standard's benchmarks."""

    factors: dict[str, float] = field(default_factory=dict)
    aims: list[Aim] = field(default_factory=list)

    def for_benchmarks(self, ids: Sequence[str]) -> list[Aim]:
        wanted = set(ids)
        return [a for a in self.aims if a.benchmark in wanted]


def number_text(value: float | None, unit: str | None, lang: str = "en") -> str:
    """A value as people read it in a plan, in ``lang``: '73.5 %', '8', 'yes', '10 percentage
    points' (a difference of two shares is never written as a percentage)."""
    if value is None:
        return _words("plandraft.value.unknown", lang)
    if unit == "yes_no" and value in (0, 1):
        return _words("plandraft.value.yes" if value == 1 else "plandraft.value.no", lang)
    v = _tidy(value)
    text = figure(v, lang)
    if unit == "points":
        return _words("plandraft.value.points", lang, text=text, n=abs(v))
    return _words("plandraft.value.percent", lang, text=text) if unit == "percent" else text


def value_message(value: float | None, unit: str | None):
    """A value of an indicator as a message param, written in the language it is rendered in
    (as :func:`number_text` writes it): '73.5 %', '10 percentage points', 'yes'."""
    from ..messages import num, say

    if value is None:
        return say("plandraft.value.unknown")
    if unit == "yes_no" and value in (0, 1):
        return say("plandraft.value.yes" if value == 1 else "plandraft.value.no")
    v = _tidy(value)
    if unit == "points":
        return say("plandraft.value.points", text=num(v), n=abs(v))
    return say("plandraft.value.percent", text=num(v)) if unit == "percent" else num(v)


def figure(value: float, lang: str = "en") -> str:
    """A plan's figure as the language writes it: '1250.5' in English (as typed in a plan
    file), '1.250,5' in Spanish."""
    v = _tidy(value)
    if lang == "en":
        return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else f"{v:g}"
    from babel.numbers import format_decimal

    from ..i18n.formats import locale_of

    return format_decimal(v, format="#,##0.##########", locale=locale_of(lang))


def _words(code: str, lang: str, **params) -> str:
    """The message ``code`` in ``lang`` (plan drafts are written in their reader's language)."""
    from ..messages import render_message, say

    return render_message(say(code, **params), lang=lang)


def _tidy(value: float) -> float:
    return float(f"{value:.10g}")


# ------------------------------------------------------------------------------ canonical


def _parse(text: str) -> ast.AST | None:
    source = " ".join(text.strip().splitlines())
    try:
        return ast.parse(source, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def canonical(node: ast.AST | str | None) -> str | None:
    """A form of an expression that ignores spacing, quotes and keyword order."""
    if isinstance(node, str):
        node = _parse(node)
    if node is None:
        return None
    node = copy.deepcopy(node)
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            n.keywords.sort(key=lambda k: k.arg or "")
    return ast.dump(node)


def _alternatives(node: ast.AST) -> list[tuple[ast.AST, float]]:
    """The expressions a measure's value may come from, with the factor from each to the
    measure (``x * 100`` is x with factor 100)."""
    parts = [node]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id == "first_known":
        parts = list(node.args)
    out: list[tuple[ast.AST, float]] = []
    for p in parts:
        out.append((p, 1.0))
        if isinstance(p, ast.BinOp) and isinstance(p.op, ast.Mult):
            for side, other in ((p.left, p.right), (p.right, p.left)):
                if isinstance(other, ast.Constant) and other.value == 100:
                    out.append((side, 100.0))
    return out


# ------------------------------------------------------------------------------ rules


def _comparisons(node: ast.AST, negated: bool = False, boolean: bool = True
                 ) -> Iterator[tuple[ast.AST, str, ast.AST | float]]:
    """(side, op, other side or constant) for each comparison of the rule, with the operator
    as the rule needs it of ``side`` (a comparison under ``not`` is inverted); a value tested
    as a condition gives (value, '==', 1.0) (or 0.0 under ``not``)."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield from _comparisons(node.operand, not negated, True)
        return
    if boolean:
        yield node, "==", 0.0 if negated else 1.0
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            yield from _comparisons(v, negated, True)
        return
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        for i, op in enumerate(node.ops):
            sym = _AST_OPS.get(type(op))
            left, right = operands[i], operands[i + 1]
            if sym is not None:
                mine = _INVERT[sym] if negated else sym
                for side in _sides(left):
                    yield side, mine, right
                for side in _sides(right):
                    yield side, _MIRROR[mine], left
        for o in operands:
            yield from _comparisons(o, negated, False)
        return
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        if name == "between" and len(node.args) == 3 and not negated:
            x, lo, hi = node.args
            yield x, ">=", lo
            yield x, "<=", hi
        logic = name in ("all", "any", "count") or (name == "first_known" and boolean)
        for a in node.args:
            yield from _comparisons(a, negated, logic)
        return
    for child in ast.iter_child_nodes(node):
        yield from _comparisons(child, negated, False)


def _sides(node: ast.AST) -> list[ast.AST]:
    """A compared value, and each alternative of it when it is ``first_known(...)``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id == "first_known":
        return [node, *node.args]
    return [node]


def _value_of(other: ast.AST | float, env: RuleEnv, cache: dict[str, float | None]
              ) -> float | None:
    """The threshold a rule compares with, when it does not depend on the answers."""
    if isinstance(other, float):
        return other
    try:
        text = ast.unparse(other)
    except (ValueError, RecursionError):  # pragma: no cover - unparse of a parsed tree
        return None
    if text not in cache:
        value: float | None = None
        try:
            rule = compile_rule(text, env, expect="value")
            v = rule.evaluate(EvalContext({}, frozenset()))
            if not isinstance(v, (bool, Missing)) and isinstance(v, (int, float)) \
                    and math.isfinite(v):
                value = float(v)
        except (SealError, ArithmeticError, TypeError, ValueError):
            value = None
        cache[text] = value
    return cache[text]


_CACHE: dict[str, dict[str, IndicatorAims]] = {}
_LOCK = threading.Lock()


def indicator_aims(standard: Standard) -> dict[str, IndicatorAims]:
    """Action id -> its indicator's aims, for every action whose indicator has a measure.
    Computed once per standard (by content)."""
    key = content_hash(standard)
    with _LOCK:
        found = _CACHE.get(key)
    if found is not None:
        return found
    built = _build(standard)
    with _LOCK:
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = built
    return built


def _build(standard: Standard) -> dict[str, IndicatorAims]:
    comp = compiled(standard)
    by_expression: dict[str, list[tuple[str, str, ast.AST | float]]] = {}
    for b in standard.benchmarks():
        tree = _parse(b.rule.met)
        if tree is None:  # pragma: no cover - the rule compiled, so it parses
            continue
        for side, op, other in _comparisons(tree):
            if op not in (">=", ">", "<=", "<", "=="):
                continue
            key = canonical(side)
            if key is not None:
                by_expression.setdefault(key, []).append((b.id, op, other))
    cache: dict[str, float | None] = {}
    out: dict[str, IndicatorAims] = {}
    for a in standard.actions:
        out_aims = _aims_of(a, comp, by_expression, cache)
        if out_aims is not None:
            out[a.id] = out_aims
    return out


def _aims_of(a: Action, comp, by_expression, cache) -> IndicatorAims | None:
    ind = a.indicator
    if ind is None or ind.measure is None or a.id not in comp.measures:
        return None
    tree = _parse(ind.measure)
    if tree is None:  # pragma: no cover - the measure compiled, so it parses
        return None
    rule_type = comp.measures[a.id].type
    base = 100.0 if ind.unit in ("percent", "points") and rule_type in ("share", "points") \
        else 1.0
    result = IndicatorAims()
    for alt, extra in _alternatives(tree):
        key = canonical(alt)
        if key is None or key in result.factors:
            continue
        factor = base * extra
        result.factors[key] = factor
        for bid, op, other in by_expression.get(key, []):
            value = _value_of(other, comp.env, cache)
            threshold = None if value is None else _tidy(value * factor)
            aim = Aim(bid, op, threshold, key)
            if aim not in result.aims:
                result.aims.append(aim)
    order = {b: n for n, b in enumerate(dict.fromkeys(x.benchmark for x in result.aims))}
    result.aims.sort(key=lambda x: order[x.benchmark])
    return result


# ------------------------------------------------------------------------------ clauses


def clause_figures(clauses: Sequence[Clause], negated: bool = False
                   ) -> Iterator[tuple[str, str, float | None, str]]:
    """(canonical expression, op as needed, threshold in rule units, state as needed) of every
    comparison in a clause tree; a comparison under ``not`` is inverted."""
    for c in clauses:
        inner = negated ^ (c.kind == "not")
        if c.expression and c.op in _INVERT:
            key = canonical(c.expression)
            if key is not None:
                op = _INVERT[c.op] if negated else c.op
                state = c.state
                if negated and state != "unknown":
                    state = "fails" if state == "holds" else "holds"
                yield key, op, c.threshold, state
        yield from clause_figures(c.clauses, inner)
