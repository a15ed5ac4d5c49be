"""Compiled rule nodes: the closures that evaluate a rule with three-valued logic, and the
clause tree each node gives for explanations."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..messages import Ids, Message, render_message, say
from ..models import Clause
from .recording import kept_clause
from .values import EvalContext, Missing, is_message, missing_message, value_param

# ------------------------------------------------------------------------------- compiled nodes

# Types: bool, number, share, str, date, list, any, none.
# share: a fraction 0..1 shown as a percentage; points: a difference of two shares, shown in
# percentage points.
_NUMERIC = {"number", "share", "points"}
_SHARES = {"share", "points"}

@dataclass
class _Node:
    fn: Callable[[EvalContext], Any]
    type: str
    label: Any  # how the value is named in words: a text or a Message
    choices: set[str] | None = None
    const: Any = None  # value, if a literal
    is_const: bool = False
    children: list[_Node] = field(default_factory=list)
    kind: str = "value"  # value, logic, compare, predicate, count
    describe: Callable[[EvalContext, Any], Message | str] | None = None
    pick: Callable[[EvalContext], int] | None = None  # logic: show only this child
    name: str | None = None  # a parameter's name
    member: tuple | None = None  # 'x' in answer(Q): (label of Q, 'x', answer getter)
    detail: Callable[[EvalContext], tuple[str | None, str | None]] | None = None  # value, needs
    evidence_id: str | None = None  # evidence('E-ID')
    numbers: Callable[[EvalContext], dict] | None = None  # a comparison's figures
    op: tuple = ()  # what it computes, for the code generator (empty: call ``fn``)
    items: str | None = None  # a list's items: number, share, str, bool, date, row; None: any
    counts_rows: bool = False  # the number of a table's rows or a list's items

    def grouped_membership(self, ctx: EvalContext, value: Any) -> str | None:
        """'“Q” includes at least one of 'a', 'b'' for any/all of several ``'x' in answer(Q)``
        on the same question, instead of one line for each."""
        if self.label not in ("any of", "all of") or len(self.children) < 2 or self.pick:
            return None
        members = [c.member for c in self.children]
        if any(m is None for m in members) or len({m[0] for m in members}) != 1:
            return None
        label, get = members[0][0], members[0][2]
        answer = get(ctx)
        values = Ids(items=[value_param(m[1]) for m in members])
        if isinstance(answer, Missing):
            code = ("clause.should_include_any" if self.label == "any of" else
                    "clause.should_include_all")
            return say(code, question=label, values=values, reason=missing_message(answer))
        code = {("any of", True): "clause.includes_any", ("any of", False): "clause.includes_none",
                ("all of", True): "clause.includes_all",
                ("all of", False): "clause.not_includes_all"}[self.label, value is True]
        return say(code, question=label, values=values, answer=value_param(answer))

    def shown_children(self, ctx: EvalContext) -> list[_Node]:
        return [self.children[self.pick(ctx)]] if self.pick is not None else self.children

    def words(self, ctx: EvalContext, value: Any) -> Message:
        """The node as evaluated, in words: a message (a describer still giving a text is
        wrapped as one)."""
        if self.describe is not None:
            said = self.describe(ctx, value)
            return said if isinstance(said, Message) else say("problem.text", text=said)
        return say("clause.value_is", subject=self.label, **{"is": is_message(value, self.type)})

    def clause(self, ctx: EvalContext) -> Clause:
        """This condition as evaluated for ``ctx``, with its parts (one kept before for the
        same values when ``ctx`` records them for a store, see
        :func:`~seal_engine.rules.recording.kept_clause`)."""
        if getattr(ctx, "kept", None) is not None:
            return kept_clause(self, ctx, self._made_clause)
        return self._made_clause(ctx)

    def _has_parts(self) -> bool:
        """Whether the node's clause lists the clauses of its parts."""
        return self.kind in ("logic", "count") or (self.kind == "compare" and bool(self.children))

    def _made_clause(self, ctx: EvalContext) -> Clause:
        value = self.fn(ctx)
        state = ("unknown" if isinstance(value, Missing) else
                 "holds" if value is True else "fails")
        grouped = self.grouped_membership(ctx, value)
        if grouped is not None:
            return _clause(state, "condition", render_message(grouped), grouped, None, None,
                           None, [], _NO_FIGURES, _CLAUSE_SET)
        kids: list[Clause] = []
        if self._has_parts():
            kids = [c.clause(ctx) for c in self.shown_children(ctx)]
        kind = "condition"
        if self.kind == "logic":
            kind = _LOGIC_KINDS[self.label]
        seen, needs = self.detail(ctx) if self.detail is not None else (None, None)
        figures = self.numbers(ctx) if self.numbers is not None else _NO_FIGURES
        said = self.words(ctx, value)
        return _clause(state, kind, render_message(said), said, seen, needs, self.evidence_id,
                       kids, figures, _CLAUSE_FIELDS)


_NO_FIGURES = {"expression": None, "op": None, "actual": None, "threshold": None}
_new = object.__new__
_set = object.__setattr__


def _clause(state: str, kind: str, text: str, message: Any, value: Any, needs: Any,
            evidence: str | None, clauses: list[Clause], figures: dict[str, Any],
            given: frozenset[str]) -> Clause:
    """A :class:`Clause` of values the engine made itself, without validating them: what
    ``Clause.model_construct`` gives for these fields (``tests/test_explain.py`` checks
    explanations validate), at a fraction of its cost (explanations make hundreds)."""
    c = _new(Clause)
    _set(c, "__dict__", {
        "state": state, "kind": kind, "text": text, "value": value, "needs": needs,
        "evidence": evidence, "expression": figures["expression"], "op": figures["op"],
        "actual": figures["actual"], "threshold": figures["threshold"], "clauses": clauses,
        "message": message})
    _set(c, "__pydantic_fields_set__", set(given))
    _set(c, "__pydantic_extra__", None)
    _set(c, "__pydantic_private__", None)
    return c


_CLAUSE_FIELDS = frozenset(Clause.model_fields)
_CLAUSE_SET = _CLAUSE_FIELDS - set(_NO_FIGURES)
_LOGIC_KINDS = {"all of": "all", "any of": "any", "not": "not", "first known of": "first_known"}


class CompiledRule:
    """A rule compiled from its text; call :meth:`evaluate` or :meth:`explain`."""

    __slots__ = ("text", "evaluate", "uses_metrics", "_root", "_fast")

    def __init__(self, text: str, root: _Node, uses_metrics: bool = False):
        self.text = text
        self._root = root
        self.uses_metrics = uses_metrics
        #: the rule's tree of closures: quick to make, what one scoring needs
        self.evaluate: Callable[[EvalContext], Any] = root.fn
        self._fast: Callable[[EvalContext], Any] | None = None

    def fast(self) -> Callable[[EvalContext], Any]:
        """The rule as one generated Python function (see :mod:`seal_engine.rules.codegen`):
        it gives what :attr:`evaluate` gives, several times faster, and costs a compile the
        first time, so scoring many assessments asks for it and scoring one does not."""
        if self._fast is None:
            from .codegen import generate

            self._fast = generate(self._root)
        return self._fast

    @property
    def type(self) -> str:
        return self._root.type

    def clauses(self, ctx: EvalContext) -> list[Clause]:
        """The rule as evaluated for ``ctx``, clause by clause.  A top-level ``and`` is given as
        its parts (each must hold); anything else as one clause with its parts."""
        root = self._root
        if root.kind == "logic" and root.children and root.label == "all of" and not root.pick:
            return [child.clause(ctx) for child in root.children]
        return [root.clause(ctx)]

    def explain(self, ctx: EvalContext) -> list[str]:
        """The rule's clauses in words, one a line, each marked ✓ (holds), ✗ (fails) or ?
        (unknown), parts indented under the clause they make up."""
        return [line for c in self.clauses(ctx) for line in c.lines()]



_OPERATORS = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
    ast.In: lambda x, y: x in y, ast.NotIn: lambda x, y: x not in y,
}


def _compare_fn(op: type, a: Callable, b: Callable) -> Callable:
    M = Missing
    compare = _OPERATORS[op]

    def f(ctx):
        x = a(ctx)
        y = b(ctx)
        if type(x) is M:
            return x
        if type(y) is M:
            return y
        return compare(x, y)

    return f


def _and_fn(fns: list[Callable]) -> Callable:
    M = Missing
    if len(fns) == 2:
        f1, f2 = fns

        def f(ctx):
            x = f1(ctx)
            if x is False:
                return False
            y = f2(ctx)
            if y is False:
                return False
            if type(x) is M:
                return x
            if type(y) is M:
                return y
            return True

        return f

    def f(ctx):
        missing = None
        for g in fns:
            v = g(ctx)
            if v is False:
                return False
            if type(v) is M and missing is None:
                missing = v
        return True if missing is None else missing

    return f


def _or_fn(fns: list[Callable]) -> Callable:
    M = Missing

    def f(ctx):
        missing = None
        for g in fns:
            v = g(ctx)
            if v is True:
                return True
            if type(v) is M and missing is None:
                missing = v
        return False if missing is None else missing

    return f


