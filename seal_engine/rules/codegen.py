"""One generated Python function per rule, for speed.

The compiled nodes evaluate a rule through one closure per node.  For scoring many assessments
the checked tree is also turned into the source of a single function with the same three-valued
logic and short-circuits, compiled once with :func:`compile`.  No text of the rule reaches that
source: every value the rule holds (question ids, literals, parameters, metric names and
filters) is bound as a constant of the function's namespace, and the source is made only of
names this module invents and operators from a fixed table, so a standard cannot smuggle code
into it.  Nodes the generator does not know are called as the closures they already are.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .values import NOT_ANSWERED, Missing

if TYPE_CHECKING:  # pragma: no cover - nodes imports this module when a rule asks for speed
    from .nodes import _Node

__all__ = ["generate"]

_COMPARE = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "in": "in",
            "not in": "not in"}
_ARITH = {"+", "-", "*", "/"}
_DIVISION_BY_ZERO = Missing("division by zero")


class _Gen:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"M": Missing, "NA": NOT_ANSWERED,
                                          "DZ": _DIVISION_BY_ZERO,
                                          "fsum": math.fsum, "NUM": (int, float),
                                          "__builtins__": {"type": type, "len": len,
                                                           "isinstance": isinstance}}
        self.count = 0
        self.depth = 1
        self.consts: dict[int, str] = {}

    def var(self) -> str:
        self.count += 1
        return f"v{self.count}"

    def const(self, value: Any) -> str:
        key = id(value)
        name = self.consts.get(key)
        if name is None:
            name = f"k{len(self.consts)}"
            self.consts[key] = name
            self.namespace[name] = value
        return name

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    def block(self, head: str, body: Callable[[], None]) -> None:
        self.emit(head)
        self.depth += 1
        before = len(self.lines)
        body()
        if len(self.lines) == before:
            self.emit("pass")
        self.depth -= 1

    # -- nodes
    def node(self, n: _Node) -> str:
        if n.is_const:
            return self.const(n.const)
        if _foldable(n):  # arithmetic on constants (target - 0.10) is worked out once
            return self.const(n.fn(None))
        kind = n.op[0] if n.op else None
        method = getattr(self, f"g_{kind}", None) if kind else None
        if method is None:
            return self.call(n)
        return method(n, *n.op[1:])

    def call(self, n: _Node) -> str:
        v = self.var()
        self.emit(f"{v} = {self.const(n.fn)}(ctx)")
        return v

    def g_answer(self, n: _Node, qid: str) -> str:
        v = self.var()
        self.emit(f"{v} = _get({self.const(qid)}, NA)")
        return v

    def g_answered(self, n: _Node, qid: str) -> str:
        v = self.var()
        self.emit(f"{v} = {self.const(qid)} in _answers")
        return v

    def g_evidence(self, n: _Node, eid: str) -> str:
        v = self.var()
        self.emit(f"{v} = {self.const(eid)} in _evidence")
        return v

    def g_metric(self, n: _Node, name: str, key: tuple) -> str:
        v = self.var()
        self.emit(f"{v} = _metric({self.const(name)}, {self.const(key)})")
        return v

    def g_len(self, n: _Node, part: _Node) -> str:
        a = self.node(part)
        v = self.var()
        self.emit(f"{v} = {a} if type({a}) is M else len({a})")
        return v

    def g_not(self, n: _Node, part: _Node) -> str:
        a = self.node(part)
        v = self.var()
        self.emit(f"{v} = {a} if type({a}) is M else not {a}")
        return v

    def g_neg(self, n: _Node, part: _Node) -> str:
        a = self.node(part)
        v = self.var()
        self.emit(f"{v} = {a} if type({a}) is M else -{a}")
        return v

    def g_pos(self, n: _Node, part: _Node) -> str:
        return self.node(part)

    def _two(self, left: _Node, right: _Node, finish: Callable[[str, str], str]) -> str:
        """``finish(a, b)`` once both sides are known; a missing side is the result (the left
        one first, as the closures do)."""
        v = self.var()
        a = self.node(left)

        def rest() -> None:
            b = self.node(right)
            if not _may_miss(right):
                self.emit(f"{v} = {finish(a, b)}")
            else:
                self.emit(f"{v} = {b} if type({b}) is M else {finish(a, b)}")

        if not _may_miss(left):
            rest()
        else:
            self.emit(f"if type({a}) is M:")
            self.depth += 1
            self.emit(f"{v} = {a}")
            self.depth -= 1
            self.block("else:", rest)
        return v

    def g_compare(self, n: _Node, sym: str, left: _Node, right: _Node) -> str:
        operator = _COMPARE[sym]
        return self._two(left, right, lambda a, b: f"{a} {operator} {b}")

    def g_arith(self, n: _Node, sym: str, left: _Node, right: _Node) -> str:
        assert sym in _ARITH
        if sym == "/":
            return self._two(left, right, lambda a, b: f"DZ if {b} == 0 else {a} / {b}")
        return self._two(left, right, lambda a, b: f"{a} {sym} {b}")

    def _logic(self, parts: list[_Node], decisive: bool) -> str:
        """'and' (``decisive`` False: a False part decides) or 'or' (a True part decides);
        otherwise the first missing part, else the other truth value."""
        v = self.var()
        d, other = ("True", "False") if decisive else ("False", "True")
        self.emit(f"{v} = {other}")
        for i, part in enumerate(parts):
            def step(part=part, first=(i == 0)) -> None:
                p = self.node(part)
                self.emit(f"if {p} is {d}:")
                self.depth += 1
                self.emit(f"{v} = {d}")
                self.depth -= 1
                if _may_miss(part):  # the first missing part stays the result
                    test = f"type({p}) is M" + ("" if first else f" and {v} is {other}")
                    self.emit(f"elif {test}:")
                    self.depth += 1
                    self.emit(f"{v} = {p}")
                    self.depth -= 1

            if i == 0:
                step()
            else:
                self.block(f"if {v} is not {d}:", step)
        return v

    def g_count(self, n: _Node, parts: list[_Node]) -> str:
        v = self.var()
        self.emit(f"{v} = 0")
        for part in parts:
            p = self.node(part)
            self.emit(f"if {p} is True:")
            self.depth += 1
            self.emit(f"{v} += 1")
            self.depth -= 1
        return v

    def g_sum(self, n: _Node, part: _Node) -> str:
        a = self.node(part)
        v = self.var()
        self.emit(f"{v} = {a} if type({a}) is M else fsum(x for x in {a} if isinstance(x, NUM))")
        return v

    def g_column(self, n: _Node, qid: str, cid: str) -> str:
        rows = self.g_answer(n, qid)
        v = self.var()
        c = self.const(cid)
        self.emit(f"{v} = {rows} if type({rows}) is M else "
                  f"[r[{c}] for r in {rows} if r.get({c}) is not None]")
        return v

    def g_between(self, n: _Node, x: _Node, lo: _Node, hi: _Node) -> str:
        v = self.var()
        a = self.node(x)

        def bounds() -> None:
            b = self.node(lo)

            def upper() -> None:
                c = self.node(hi)
                self.emit(f"{v} = {c} if type({c}) is M else {b} <= {a} <= {c}")

            if lo.is_const:
                upper()
            else:
                self.emit(f"if type({b}) is M:")
                self.depth += 1
                self.emit(f"{v} = {b}")
                self.depth -= 1
                self.block("else:", upper)

        self.emit(f"if type({a}) is M:")
        self.depth += 1
        self.emit(f"{v} = {a}")
        self.depth -= 1
        self.block("else:", bounds)
        return v

    def g_and(self, n: _Node, parts: list[_Node]) -> str:
        return self._logic(parts, decisive=False)

    def g_or(self, n: _Node, parts: list[_Node]) -> str:
        return self._logic(parts, decisive=True)


_NEVER_MISSING = {"evidence", "answered", "count"}


def _foldable(n: _Node) -> bool:
    """Whether a node is arithmetic on constants only."""
    kind = n.op[0] if n.op else None
    if kind == "arith":
        return all(c.is_const or _foldable(c) for c in n.op[2:])
    if kind in ("neg", "pos"):
        return n.op[1].is_const or _foldable(n.op[1])
    return False


def _may_miss(n: _Node) -> bool:
    """Whether a node can give a missing value (constants, evidence, answered() and count()
    never do), so that the generated code tests only what can happen."""
    if n.is_const or (_foldable(n) and not isinstance(n.fn(None), Missing)):
        return False
    kind = n.op[0] if n.op else None
    if kind in _NEVER_MISSING:
        return False
    if kind in ("compare", "arith"):
        return _may_miss(n.op[2]) or _may_miss(n.op[3]) or (kind == "arith" and n.op[1] == "/")
    if kind in ("not", "pos", "neg", "len"):
        return _may_miss(n.op[1])
    if kind in ("and", "or"):
        return any(_may_miss(p) for p in n.op[1])
    return True


def generate(root: _Node) -> Callable[[Any], Any]:
    """A function ``f(ctx)`` that gives what ``root.fn(ctx)`` gives, generated as one body."""
    g = _Gen()
    result = g.node(root)
    body = "\n".join(g.lines)
    head = ["def rule(ctx):"]
    for name, what in (("_get", "ctx.answers.get"), ("_answers", "ctx.answers"),
                       ("_evidence", "ctx.evidence"), ("_metric", "ctx.metric")):
        if name in body:
            head.append(f"    {name} = {what}")
    if not g.lines:  # a constant rule
        source = "\n".join([*head, f"    return {result}", ""])
    else:
        source = "\n".join([*head, body, f"    return {result}", ""])
    code = compile(source, "<seal-engine rule>", "exec")
    exec(code, g.namespace)  # noqa: S102 - our own source, every value bound as a constant
    fn = g.namespace["rule"]
    fn.__source__ = source  # for reading and testing
    return fn
