"""Rule expressions: parsed once into an allow-listed tree, type-checked, compiled to closures.

A rule is a small expression over answers, evidence, workforce metrics and the standard's named
parameters, for example::

    answer('LC-01.policy') and evidence('LC-01.policy_doc')
    metric('women_share', grade='senior') >= leadership_target

Only comparisons, ``and``/``or``/``not``, ``+ - * /``, literals, tuples of literals, parameter names
and the functions in :data:`FUNCTIONS` are allowed: no attribute access, subscripts, lambdas,
comprehensions or imports.  Logic is three-valued: a missing answer or missing data makes a value
*missing*, which propagates (``False and missing`` is ``False``; ``True and missing`` is missing)
so that an unanswered question never crashes a rule.  See ``docs/rules.md``.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem, RuleError, did_you_mean

__all__ = [
    "FUNCTIONS",
    "MAX_RULE_CHARS",
    "MAX_RULE_DEPTH",
    "MAX_RULE_NODES",
    "CompiledRule",
    "EvalContext",
    "Missing",
    "RuleEnv",
    "compile_rule",
    "format_value",
]

MAX_RULE_CHARS = 2000
MAX_RULE_NODES = 400
MAX_RULE_DEPTH = 24


class Missing:
    """A value that is not known: an unanswered question or data that is not there."""

    __slots__ = ("reason",)

    def __init__(self, reason: str = "not answered"):
        self.reason = reason

    def __repr__(self) -> str:
        return f"Missing({self.reason!r})"

    def __bool__(self) -> bool:  # pragma: no cover - guarded against; fail loudly if misused
        raise TypeError("a missing value has no truth value")


NOT_ANSWERED = Missing("not answered")
NOT_GIVEN = Missing("not given in the assessment")

#: Fields of the assessment's institution that rules may read, with their allowed values.
_INSTITUTION_FIELDS: dict[str, set[str] | None] = {
    "scope": {"national", "subnational"}, "sector": None, "country": None, "region": None}


class EvalContext:
    """What a rule sees when evaluated: normalised answers, evidence ids provided, metrics."""

    __slots__ = ("answers", "evidence", "metric", "has_workforce", "institution", "rejected",
                 "period")

    def __init__(
        self,
        answers: Mapping[str, Any],
        evidence: set[str] | frozenset[str],
        metric: Callable[[str, tuple], Any] | None = None,
        institution: Mapping[str, Any] | None = None,
        rejected: set[str] | frozenset[str] = frozenset(),
        period: tuple[dt.date, dt.date] | None = None,
    ):
        self.answers = answers
        self.evidence = evidence
        self.metric = metric or _no_metrics
        self.has_workforce = metric is not None
        self.institution = institution or {}
        self.rejected = rejected
        self.period = period


def _no_metrics(name: str, filters: tuple) -> Missing:
    return Missing("no workforce data was provided")


@dataclass
class RuleEnv:
    """What a rule may refer to, known when the standard loads."""

    questions: Mapping[str, Any]  # id -> Question
    choices: Mapping[str, set[str]]  # question id -> allowed values
    evidence: Mapping[str, Any]  # id -> EvidenceRequirement
    parameters: Mapping[str, Any]  # name -> Parameter
    metrics: Mapping[str, Any] = field(default_factory=dict)  # name -> MetricInfo


# ------------------------------------------------------------------------------- formatting


def _num(v: float) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer() and abs(v) < 1e15):
        return f"{int(v):,}".replace(",", " ")
    return f"{v:.2f}".rstrip("0").rstrip(".")


def format_value(v: Any, kind: str = "any") -> str:
    """A value in words: shares as percentages, booleans as yes/no, missing as its reason."""
    if isinstance(v, Missing):
        return v.reason
    if isinstance(v, bool):
        return "yes" if v else "no"
    if kind == "points" and isinstance(v, (int, float)):
        text = f"{v * 100:.1f}".rstrip("0").rstrip(".")
        return f"{text} point{'' if text in ('1', '-1') else 's'}"
    if kind == "share" and isinstance(v, (int, float)):
        pct = v * 100
        text = f"{pct:.1f}".rstrip("0").rstrip(".")
        return f"{text} %"
    if isinstance(v, (int, float)):
        return _num(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (list, tuple, set, frozenset)):
        return "none" if not v else ", ".join(format_value(x) for x in v)
    if v is None:
        return "nothing"
    return repr(v) if isinstance(v, str) else str(v)


def _is(v: Any, kind: str = "any") -> str:
    """'is 22 %', 'is not answered' or 'is unknown (reason)'."""
    if isinstance(v, Missing):
        return "is not answered" if v.reason == NOT_ANSWERED.reason else f"is unknown ({v.reason})"
    return f"is {format_value(v, kind)}"


# ------------------------------------------------------------------------------- compiled nodes

# Types: bool, number, share, str, date, list, any, none.
# share: a fraction 0..1 shown as a percentage; points: a difference of two shares, shown in
# percentage points.
_NUMERIC = {"number", "share", "points"}
_SHARES = {"share", "points"}

Line = tuple[int, str, str]  # (depth, mark, text)


def _mark(v: Any) -> str:
    if isinstance(v, Missing):
        return "?"
    return "✓" if v is True else "✗"


@dataclass
class _Node:
    fn: Callable[[EvalContext], Any]
    type: str
    label: str  # how the value is named in words
    choices: set[str] | None = None
    const: Any = None  # value, if a literal
    is_const: bool = False
    children: list[_Node] = field(default_factory=list)
    kind: str = "value"  # value, logic, compare, predicate, count
    describe: Callable[[EvalContext, Any], str] | None = None
    pick: Callable[[EvalContext], int] | None = None  # logic: show only this child
    name: str | None = None  # a parameter's name
    member: tuple | None = None  # 'x' in answer(Q): (label of Q, 'x', answer getter)

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
        how = "at least one of" if self.label == "any of" else "all of"
        values = ", ".join(format_value(m[1]) for m in members)
        if isinstance(answer, Missing):
            return f"{label} should include {how} {values}: {answer.reason}"
        verb = {("any of", True): "includes at least one of", ("any of", False): "includes none of",
                ("all of", True): "includes all of", ("all of", False): "does not include all of"}
        return (f"{label} {verb[self.label, value is True]} {values} "
                f"(answer: {format_value(answer)})")

    def shown_children(self, ctx: EvalContext) -> list[_Node]:
        return [self.children[self.pick(ctx)]] if self.pick is not None else self.children

    def words(self, ctx: EvalContext, value: Any) -> str:
        if self.describe is not None:
            return self.describe(ctx, value)
        return f"{self.label} {_is(value, self.type)}"

    def lines(self, ctx: EvalContext, depth: int = 0) -> list[Line]:
        value = self.fn(ctx)
        grouped = self.grouped_membership(ctx, value)
        if grouped is not None:
            return [(depth, _mark(value), grouped)]
        out: list[Line] = [(depth, _mark(value), self.words(ctx, value))]
        if self.kind in ("logic", "count") or (self.kind == "compare" and self.children):
            for child in self.shown_children(ctx):
                out.extend(child.lines(ctx, depth + 1))
        return out


class CompiledRule:
    """A rule compiled from its text; call :meth:`evaluate` or :meth:`explain`."""

    __slots__ = ("text", "evaluate", "uses_metrics", "_root")

    def __init__(self, text: str, root: _Node, uses_metrics: bool = False):
        self.text = text
        self._root = root
        self.uses_metrics = uses_metrics
        self.evaluate: Callable[[EvalContext], Any] = root.fn

    @property
    def type(self) -> str:
        return self._root.type

    def explain(self, ctx: EvalContext) -> list[str]:
        """The rule's clauses in words, one a line, each marked ✓ (holds), ✗ (fails) or ? (missing).

        A top-level ``and``/``or`` is shown as its clauses rather than as one line."""
        root = self._root
        if root.kind == "logic" and root.children and root.label in ("all of", "any of"):
            lines: list[Line] = []
            for child in root.children:
                lines.extend(child.lines(ctx))
        else:
            lines = root.lines(ctx)
        return [f"{'  ' * depth}{mark} {text}" for depth, mark, text in lines]


# ------------------------------------------------------------------------------- functions


@dataclass(frozen=True)
class _FunctionInfo:
    min_args: int
    max_args: int | None
    keywords: bool
    help: str


FUNCTIONS: dict[str, _FunctionInfo] = {
    "answer": _FunctionInfo(1, 1, False, "answer('Q-ID'): the answer to a question"),
    "answered": _FunctionInfo(1, 1, False, "answered('Q-ID'): whether a question is answered"),
    "evidence": _FunctionInfo(1, 1, False, "evidence('E-ID'): whether evidence is provided"),
    "metric": _FunctionInfo(
        1, 1, True, "metric('name', grade='senior'): a workforce metric, optionally filtered"
    ),
    "column": _FunctionInfo(2, 2, False, "column('Q-ID', 'col'): a table question's column"),
    "count": _FunctionInfo(1, None, False, "count(c1, c2, ...): how many conditions hold"),
    "count_rows": _FunctionInfo(
        1, 1, True, "count_rows('TABLE-Q', col=value, ...): how many rows of a table answer have "
        "those values"),
    "all": _FunctionInfo(1, None, False, "all(c1, c2, ...): every condition holds"),
    "any": _FunctionInfo(1, None, False, "any(c1, c2, ...): at least one condition holds"),
    "min": _FunctionInfo(1, None, False, "min(a, b, ...) or min(list): the smallest"),
    "max": _FunctionInfo(1, None, False, "max(a, b, ...) or max(list): the largest"),
    "sum": _FunctionInfo(1, 1, False, "sum(list): the total of a list of numbers"),
    "len": _FunctionInfo(1, 1, False, "len(list): how many items (choices ticked, table rows)"),
    "between": _FunctionInfo(3, 3, False, "between(x, low, high): low <= x <= high"),
    "period_start": _FunctionInfo(
        0, 0, False, "period_start(): the first day of the assessment period"),
    "period_end": _FunctionInfo(
        0, 0, False, "period_end(): the last day of the assessment period"),
    "institution": _FunctionInfo(
        1, 1, False, "institution('scope'): a field of the institution (scope, sector, country)"),
    "first_known": _FunctionInfo(
        2, None, False,
        "first_known(a, b, ...): the first value that is not missing, e.g. measured data "
        "before a declared answer"),
}

_CONSTANT_NAMES = {"True": True, "False": False, "true": True, "false": False}

_ALLOWED_NODES = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.UAdd,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.In,
    ast.NotIn,
    ast.Call,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.Tuple,
    ast.List,
    ast.keyword,
)

_NODE_WORDS = {
    ast.Attribute: "attribute access ('.')",
    ast.Subscript: "subscripts ('[...]')",
    ast.Lambda: "lambdas",
    ast.ListComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.IfExp: "conditional expressions ('x if c else y')",
    ast.NamedExpr: "assignment expressions (':=')",
    ast.Dict: "dictionaries",
    ast.Set: "sets",
    ast.Starred: "starred arguments",
    ast.JoinedStr: "f-strings",
    ast.Pow: "powers ('**')",
    ast.FloorDiv: "floor division ('//')",
    ast.Mod: "'%'",
    ast.BitAnd: "'&' (use 'and')",
    ast.BitOr: "'|' (use 'or')",
    ast.Invert: "'~' (use 'not')",
    ast.Is: "'is' (use '==')",
    ast.IsNot: "'is not' (use '!=')",
}


class _Fail(Exception):
    def __init__(self, message: str, node: ast.AST | None = None):
        self.message = message
        self.node = node


def compile_rule(
    text: str,
    env: RuleEnv,
    *,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    record_id: str | None = None,
    field_name: str | None = None,
    expect: str = "bool",
) -> CompiledRule:
    """Parse, check and compile one rule.  Errors are :class:`RuleError` located at the rule's
    file, line and column (when given) plus the position inside the expression."""

    def fail(message: str, node: ast.AST | None = None) -> RuleError:
        where = ""
        if node is not None and hasattr(node, "col_offset"):
            where = f" (rule line {node.lineno}, character {node.col_offset + 1})"
        return RuleError(
            Problem(
                message + where,
                file=file,
                line=line,
                column=column,
                field=field_name,
                record_id=record_id,
            )
        )

    if not isinstance(text, str) or not text.strip():
        raise fail("a rule must be a non-empty expression")
    if len(text) > MAX_RULE_CHARS:
        raise fail(f"rule is {len(text)} characters long; at most {MAX_RULE_CHARS} are allowed")
    source = " ".join(text.strip().splitlines()) if "\n" in text else text.strip()
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as e:
        raise fail(
            f"not a valid expression: {e.msg} (character {e.offset or 0}) in {source!r}"
        ) from None
    count = 0
    for node in ast.walk(tree):
        count += 1
        if not isinstance(node, _ALLOWED_NODES):
            what = _NODE_WORDS.get(type(node), type(node).__name__)
            raise fail(f"{what} not allowed in rules", node)
    if count > MAX_RULE_NODES:
        raise fail(f"rule has {count} parts; at most {MAX_RULE_NODES} are allowed")
    if _depth(tree) > MAX_RULE_DEPTH:
        raise fail(f"rule is nested more than {MAX_RULE_DEPTH} levels deep")
    try:
        compiler = _Compiler(env, source)
        root = compiler.compile(tree.body)
    except _Fail as e:
        raise fail(e.message, e.node) from None
    if expect == "bool" and root.type not in ("bool", "any"):
        raise fail(f"a rule must be a condition (true or false), but this gives a {root.type}")
    return CompiledRule(source, root, compiler.uses_metrics)


def _depth(node: ast.AST) -> int:
    best = 0
    stack = [(node, 1)]
    while stack:
        n, d = stack.pop()
        best = max(best, d)
        stack.extend((c, d + 1) for c in ast.iter_child_nodes(n))
    return best


_OP_WORDS = {
    ast.Eq: ("==", "needs"),
    ast.NotEq: ("!=", "needs anything but"),
    ast.Lt: ("<", "needs less than"),
    ast.LtE: ("<=", "needs at most"),
    ast.Gt: (">", "needs more than"),
    ast.GtE: (">=", "needs at least"),
    ast.In: ("in", "needs one of"),
    ast.NotIn: ("not in", "needs none of"),
}


_OPERATORS = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
    ast.In: lambda x, y: x in y, ast.NotIn: lambda x, y: x not in y,
}


_MIRROR = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Eq: ast.Eq,
           ast.NotEq: ast.NotEq}


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


def _filter_literal(node: ast.AST) -> bool:
    """A metric filter value: a quoted text, or a whole number (``pay_quartile=4``), read as
    its text."""
    return isinstance(node, ast.Constant) and (
        isinstance(node.value, str)
        or (isinstance(node.value, int) and not isinstance(node.value, bool)))


class _Compiler:
    def __init__(self, env: RuleEnv, source: str):
        self.env = env
        self.source = source
        self.uses_metrics = False
        self.metric_calls = 0

    def segment(self, node: ast.AST) -> str:
        return " ".join((ast.get_source_segment(self.source, node) or ast.unparse(node)).split())

    # -- entry
    def compile(self, node: ast.AST) -> _Node:
        method = getattr(self, "c_" + type(node).__name__, None)
        if method is None:  # pragma: no cover - the allow-list makes this unreachable
            raise _Fail(f"{type(node).__name__} not allowed in rules", node)
        return method(node)

    # -- literals and names
    def c_Constant(self, node: ast.Constant) -> _Node:
        v = node.value
        if isinstance(v, bool):
            t = "bool"
        elif isinstance(v, (int, float)):
            t = "number"
        elif isinstance(v, str):
            t = "str"
        elif v is None:
            raise _Fail("'None' is not allowed; use answered('Q-ID') to test for an answer", node)
        else:
            raise _Fail(f"literal {v!r} is not allowed", node)
        n = _Node(lambda ctx, v=v: v, t, format_value(v), const=v, is_const=True)
        if t == "bool":
            n.describe = lambda ctx, value: "always true" if value else "always false"
        return n

    def c_Name(self, node: ast.Name) -> _Node:
        if node.id in _CONSTANT_NAMES:
            v = _CONSTANT_NAMES[node.id]
            return _Node(lambda ctx, v=v: v, "bool", format_value(v), const=v, is_const=True,
                         describe=lambda ctx, value: "always true" if value else "always false")
        param = self.env.parameters.get(node.id)
        if param is None:
            known = ", ".join(sorted(self.env.parameters)) or "none"
            raise _Fail(
                f"unknown name {node.id!r}{did_you_mean(node.id, self.env.parameters)}: names "
                "in rules are the standard's parameters "
                f"(known: {known}) or functions called with '(...)'",
                node,
            )
        v = param.value
        unit = param.unit or _infer_unit(v)
        t = {"share": "share", "number": "number", "text": "str", "flag": "bool"}[unit]
        label = param.title or node.id
        n = _Node(lambda ctx, v=v: v, t, label, const=v, is_const=True, name=node.id)
        n.describe = lambda ctx, value, label=label, t=t: f"{format_value(value, t)} ({label})"
        return n

    def c_Tuple(self, node: ast.Tuple | ast.List) -> _Node:
        values = []
        for elt in node.elts:
            if not isinstance(elt, ast.Constant) or not isinstance(elt.value, (str, int, float)):
                raise _Fail("a list in a rule may hold only literal values", elt)
            values.append(elt.value)
        frozen = tuple(values)
        return _Node(
            lambda ctx, v=frozen: v, "list", format_value(frozen), const=frozen, is_const=True
        )

    c_List = c_Tuple

    # -- operators
    def c_UnaryOp(self, node: ast.UnaryOp) -> _Node:
        operand = self.compile(node.operand)
        g = operand.fn
        if isinstance(node.op, ast.Not):
            self.need(operand, {"bool"}, node.operand, "'not' needs a condition")
            M = Missing

            def f(ctx):
                v = g(ctx)
                return v if type(v) is M else not v

            n = _Node(f, "bool", "not", children=[operand], kind="logic")
            n.describe = lambda ctx, v: "it is not the case that:"
            return n
        self.need(operand, _NUMERIC, node.operand, "'-' needs a number")
        sign = -1 if isinstance(node.op, ast.USub) else 1
        if operand.is_const:
            v = sign * operand.const
            return _Node(lambda ctx, v=v: v, operand.type, format_value(v), const=v, is_const=True)
        M = Missing

        def f(ctx):
            v = g(ctx)
            return v if type(v) is M else sign * v

        return _Node(f, operand.type, f"-{operand.label}" if sign < 0 else operand.label)

    def c_BinOp(self, node: ast.BinOp) -> _Node:
        left = self.compile(node.left)
        right = self.compile(node.right)
        for side, n in ((left, node.left), (right, node.right)):
            self.need(side, _NUMERIC, n, "arithmetic needs numbers")
        a, b = left.fn, right.fn
        M = Missing
        op = type(node.op)
        if op is ast.Add:
            def calc(x, y):
                return x + y
        elif op is ast.Sub:
            def calc(x, y):
                return x - y
        elif op is ast.Mult:
            def calc(x, y):
                return x * y
        else:
            def calc(x, y):
                if y == 0:
                    return Missing("division by zero")
                return x / y

        def f(ctx):
            x = a(ctx)
            if type(x) is M:
                return x
            y = b(ctx)
            if type(y) is M:
                return y
            return calc(x, y)

        shares = (left.type in _SHARES, right.type in _SHARES)
        if op is ast.Sub and left.type == right.type == "share":
            t = "points"
        elif op in (ast.Add, ast.Sub) and "share" in (left.type, right.type):
            t = "share"
        elif op in (ast.Add, ast.Sub):
            t = "points" if "points" in (left.type, right.type) else "number"
        elif op is ast.Mult:
            t = "share" if sum(shares) == 1 else "number"
        else:
            t = "share" if shares == (True, False) else "number"
        sym = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}[op]
        return _Node(f, t, f"{self.operand_label(left)} {sym} {self.operand_label(right)}")

    def operand_label(self, n: _Node) -> str:
        if n.is_const and n.name is None:
            return format_value(n.const)
        if n.name:  # a parameter: its name reads better than its title inside arithmetic
            return n.name
        return n.label

    def c_BoolOp(self, node: ast.BoolOp) -> _Node:
        parts = [self.compile(v) for v in node.values]
        for p, n in zip(parts, node.values, strict=True):
            self.need(p, {"bool"}, n, f"'{'and' if isinstance(node.op, ast.And) else 'or'}' "
                      "joins conditions")
        fns = [p.fn for p in parts]
        if isinstance(node.op, ast.And):
            n = _Node(_and_fn(fns), "bool", "all of", children=parts, kind="logic")
            n.describe = _logic_words("all of these hold:", "not all of these hold:")
        else:
            n = _Node(_or_fn(fns), "bool", "any of", children=parts, kind="logic")
            n.describe = _logic_words("at least one of these holds:", "none of these holds:")
        return n

    def c_Compare(self, node: ast.Compare) -> _Node:
        operands = [self.compile(node.left)] + [self.compile(c) for c in node.comparators]
        pieces = []
        for i, op in enumerate(node.ops):
            left, right = operands[i], operands[i + 1]
            lnode = node.left if i == 0 else node.comparators[i - 1]
            rnode = node.comparators[i]
            left, right = self.check_compare(type(op), left, right, lnode, rnode, node)
            pieces.append(self.compare_node(type(op), left, right))
        if len(pieces) == 1:
            return pieces[0]
        n = _Node(_and_fn([p.fn for p in pieces]), "bool", "all of", children=pieces, kind="logic")
        n.describe = _logic_words("all of these hold:", "not all of these hold:")
        return n

    def compare_node(self, op: type, left: _Node, right: _Node) -> _Node:
        fn = _compare_fn(op, left.fn, right.fn)
        _sym, need = _OP_WORDS[op]
        children = []
        for c in (left, right):
            if c.kind == "count":
                children.extend(c.children)
            elif c.kind == "logic":
                children.append(c)
        if op in (ast.In, ast.NotIn) and left.is_const and not right.is_const:
            # 'x' in answer('multi'): say whether the answer includes x
            word = "includes" if op is ast.In else "does not include"

            def says(ctx, value, left=left, right=right, word=word):
                rv = right.fn(ctx)
                if isinstance(rv, Missing):
                    should = "should include" if op is ast.In else "should not include"
                    return f"{right.label} {should} {format_value(left.const)}: {rv.reason}"
                return (f"{right.label} {word if value else 'leaves out' if op is ast.In else 'includes'} "
                        f"{format_value(left.const)} (answer: {format_value(rv)})")

            return _Node(fn, "bool", "comparison", kind="compare", describe=says,
                         member=(right.label, left.const, right.fn) if op is ast.In else None)

        if left.is_const and not right.is_const and op in _MIRROR:
            # '0 < x' reads as 'x ... needs more than 0'
            left, right, need = right, left, _OP_WORDS[_MIRROR[op]][1]

        def describe(ctx, value, left=left, right=right, need=need):
            lv = left.fn(ctx)
            rv = right.fn(ctx)
            shown_type = left.type if left.type != "number" else right.type
            rtext = format_value(rv, shown_type if right.type in _NUMERIC else right.type)
            if right.name is not None:  # a parameter
                rtext = f"{rtext} ({right.label})"
            elif not right.is_const:
                rtext = f"{right.label} ({rtext})"
            ltext = _is(lv, shown_type if left.type in _NUMERIC else left.type)
            return f"{left.label} {ltext}; {need} {rtext}"

        return _Node(fn, "bool", "comparison", children=children, kind="compare",
                     describe=describe)

    def check_compare(self, op, left: _Node, right: _Node, lnode, rnode, node):
        lt, rt = left.type, right.type
        if op in (ast.In, ast.NotIn):
            if rt != "list" and rt != "any":
                raise _Fail("'in' needs a list on its right, e.g. ('a', 'b') or a "
                            "multiple-choice answer", rnode)
            # 'x' in answer('multi'): x must be one of its choices
            if left.is_const and right.choices is not None and left.const not in right.choices:
                raise _Fail(self.not_a_choice(left.const, right), lnode)
            if right.is_const and left.choices is not None:
                for v in right.const:
                    if v not in left.choices:
                        raise _Fail(self.not_a_choice(v, left), rnode)
            return left, right
        if "any" in (lt, rt):
            return left, right
        if op in (ast.Eq, ast.NotEq):
            compatible = lt == rt or (lt in _NUMERIC and rt in _NUMERIC)
            if lt == "date" and rt == "str" and right.is_const:
                right = self.as_date(right, rnode)
                compatible = True
            elif rt == "date" and lt == "str" and left.is_const:
                left = self.as_date(left, lnode)
                compatible = True
            if not compatible:
                raise _Fail(
                    f"cannot compare {self.what(left)} with {self.what(right)}"
                    + self.hint(left, right),
                    node,
                )
        else:
            if lt == "date" or rt == "date":
                if lt == "str" and left.is_const:
                    left = self.as_date(left, lnode)
                if rt == "str" and right.is_const:
                    right = self.as_date(right, rnode)
                if left.type != "date" or right.type != "date":
                    raise _Fail(
                        f"cannot order {self.what(left)} against {self.what(right)}", node
                    )
            elif lt not in _NUMERIC or rt not in _NUMERIC:
                raise _Fail(
                    f"'<', '<=', '>' and '>=' need numbers, but got {self.what(left)} and "
                    f"{self.what(right)}",
                    node,
                )
        for a, b, bnode in ((left, right, rnode), (right, left, lnode)):
            if a.type in _SHARES and b.is_const and b.type == "number" and not -1 <= b.const <= 1:
                raise _Fail(
                    f"{a.label} is a share between 0 and 1, but is compared with {b.const!r}; "
                    f"write {b.const / 100:g} for {b.const:g} %",
                    bnode,
                )
            if a.choices is not None and b.is_const and b.type == "str" and b.const not in a.choices:
                raise _Fail(self.not_a_choice(b.const, a), bnode)
        return left, right

    def as_date(self, n: _Node, node) -> _Node:
        try:
            d = dt.date.fromisoformat(n.const)
        except ValueError:
            raise _Fail(f"{n.const!r} is not a date; write 'YYYY-MM-DD'", node) from None
        return _Node(lambda ctx, d=d: d, "date", d.isoformat(), const=d, is_const=True)

    def what(self, n: _Node) -> str:
        names = {"bool": "a yes/no value", "number": "a number", "share": "a share (0..1)",
                 "points": "a difference of shares",
                 "str": "text", "date": "a date", "list": "a list"}
        what = names.get(n.type, n.type)
        return f"{what} {format_value(n.const)}" if n.is_const else f"{what} ({n.label})"

    def hint(self, left: _Node, right: _Node) -> str:
        if {left.type, right.type} == {"bool", "str"}:
            return ("; a yes/no answer is true or false: write answer('Q-ID') or "
                    "not answer('Q-ID') instead of comparing it with text")
        return ""

    def not_a_choice(self, value, n: _Node) -> str:
        allowed = ", ".join(repr(c) for c in sorted(n.choices or ()))
        return (f"{value!r} is not a choice of {n.label}{did_you_mean(value, n.choices or ())} "
                f"(choices: {allowed})")

    def need(self, n: _Node, types: set[str], node, message: str) -> None:
        if n.type not in types and n.type != "any":
            raise _Fail(f"{message}, but got {self.what(n)}", node)

    # -- calls
    def c_Call(self, node: ast.Call) -> _Node:
        if not isinstance(node.func, ast.Name):
            raise _Fail("only the rule functions can be called", node)
        name = node.func.id
        info = FUNCTIONS.get(name)
        if info is None:
            known = ", ".join(sorted(FUNCTIONS))
            raise _Fail(f"unknown function {name!r}{did_you_mean(name, FUNCTIONS)} "
                        f"(known: {known})", node)
        nargs = len(node.args)
        if nargs < info.min_args or (info.max_args is not None and nargs > info.max_args):
            want = (str(info.min_args) if info.min_args == info.max_args
                    else f"{info.min_args} or more" if info.max_args is None
                    else f"{info.min_args} to {info.max_args}")
            raise _Fail(f"{name}() takes {want} argument(s), got {nargs}: {info.help}", node)
        if node.keywords and not info.keywords:
            raise _Fail(f"{name}() takes no keyword arguments: {info.help}", node)
        return getattr(self, "f_" + name)(node)

    def literal_str(self, node: ast.AST, what: str) -> str:
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            raise _Fail(f"{what} must be a quoted literal, e.g. 'PM-01.policy'", node)
        return node.value

    def f_answer(self, node: ast.Call) -> _Node:
        qid, q = self.question(node.args[0])
        t = {"yes_no": "bool", "single_choice": "str", "multiple_choice": "list",
             "integer": "number", "number": "number", "percent": "share", "date": "date",
             "text": "str", "table": "list"}[q.type.value]
        get = NOT_ANSWERED

        def f(ctx, qid=qid):
            return ctx.answers.get(qid, get)

        label = f"“{_short(q.text)}” ({qid})"
        n = _Node(f, t, label, choices=self.env.choices.get(qid), kind="predicate"
                  if t == "bool" else "value")
        if t == "bool":
            n.describe = lambda ctx, v: (
                f"{label}: {'yes' if v is True else 'no' if v is False else v.reason}")
        return n

    def f_answered(self, node: ast.Call) -> _Node:
        qid, q = self.question(node.args[0])

        def f(ctx, qid=qid):
            return qid in ctx.answers

        n = _Node(f, "bool", qid, kind="predicate")
        text = _short(q.text)
        n.describe = lambda ctx, v: f"“{text}” ({qid}) is {'answered' if v else 'not answered'}"
        return n

    def f_evidence(self, node: ast.Call) -> _Node:
        eid = self.literal_str(node.args[0], "an evidence id")
        req = self.env.evidence.get(eid)
        if req is None:
            raise _Fail(f"unknown evidence requirement {eid!r}"
                        f"{did_you_mean(eid, self.env.evidence)}", node.args[0])

        def f(ctx, eid=eid):
            return eid in ctx.evidence

        n = _Node(f, "bool", eid, kind="predicate")
        title = req.title
        n.describe = lambda ctx, v: (
            f"evidence {eid} ({title}) is "
            f"{'provided' if v else 'rejected' if eid in ctx.rejected else 'missing'}")
        return n

    def f_metric(self, node: ast.Call) -> _Node:
        name = self.literal_str(node.args[0], "a metric name")
        info = self.env.metrics.get(name)
        if info is None:
            known = ", ".join(sorted(self.env.metrics)) or "none"
            raise _Fail(f"unknown metric {name!r}{did_you_mean(name, self.env.metrics)} "
                        f"(known: {known})", node.args[0])
        filters = []
        for kw in node.keywords:
            if kw.arg is None:
                raise _Fail("'**' is not allowed in rules", node)
            if kw.arg not in info.filters:
                allowed = ", ".join(info.filters) or "none"
                raise _Fail(f"metric {name!r} has no filter {kw.arg!r} (allowed: {allowed})",
                            kw.value)
            v = kw.value
            if isinstance(v, (ast.Tuple, ast.List)) and v.elts and all(
                    _filter_literal(e) for e in v.elts):
                filters.append((kw.arg, tuple(str(e.value) for e in v.elts)))  # any of these
                continue
            if not _filter_literal(v):
                raise _Fail(f"filter {kw.arg}= must be a quoted literal (or a whole number, "
                            "e.g. pay_quartile=4), or a tuple of them for several values, "
                            "e.g. grade=('manager', 'senior')", kw.value)
            filters.append((kw.arg, str(v.value)))
        key = tuple(sorted(filters))
        self.uses_metrics = True
        self.metric_calls += 1

        def f(ctx, name=name, key=key):
            return ctx.metric(name, key)

        where = ", ".join(f"{k} {' or '.join(v) if isinstance(v, tuple) else v}"
                          for k, v in key)
        label = info.title + (f" ({where})" if where else "")
        return _Node(f, info.kind, label)

    def question(self, arg: ast.AST):
        """The question a literal id names, or a located error."""
        qid = self.literal_str(arg, "a question id")
        q = self.env.questions.get(qid)
        if q is None:
            raise _Fail(f"unknown question {qid!r}{did_you_mean(qid, self.env.questions)}", arg)
        return qid, q

    def table(self, arg: ast.AST, function: str):
        qid, q = self.question(arg)
        if q.type.value != "table":
            raise _Fail(f"{function}() needs a table question, but {qid!r} is {q.type.value}",
                        arg)
        return qid, q

    def f_column(self, node: ast.Call) -> _Node:
        qid, q = self.table(node.args[0], "column")
        cid = self.literal_str(node.args[1], "a column id")
        if cid not in {c.id for c in q.columns}:
            raise _Fail(f"table {qid!r} has no column {cid!r}", node.args[1])
        M = Missing

        def f(ctx, qid=qid, cid=cid):
            rows = ctx.answers.get(qid, NOT_ANSWERED)
            if type(rows) is M:
                return rows
            return [r[cid] for r in rows if r.get(cid) is not None]

        return _Node(f, "list", f"the {cid} column of {qid}")

    def f_count_rows(self, node: ast.Call) -> _Node:
        qid, q = self.table(node.args[0], "count_rows")
        columns = {c.id: c for c in q.columns}
        wanted = []
        for kw in node.keywords:
            col = columns.get(kw.arg)
            if col is None:
                raise _Fail(f"table {qid!r} has no column {kw.arg!r} (columns: "
                            f"{', '.join(columns)})", kw.value)
            if not isinstance(kw.value, ast.Constant) or kw.value.value is None:
                raise _Fail(f"{kw.arg}= must be a literal value", kw.value)
            v = kw.value.value
            kind = col.type.value
            if kind == "yes_no" and not isinstance(v, bool):
                raise _Fail(f"column {kw.arg!r} is yes/no: write {kw.arg}=True or {kw.arg}=False",
                            kw.value)
            if kind in ("single_choice", "text") and not isinstance(v, str):
                raise _Fail(f"column {kw.arg!r} holds text: write {kw.arg}='...'", kw.value)
            if kind in ("integer", "number", "percent") and (
                    isinstance(v, bool) or not isinstance(v, (int, float))):
                raise _Fail(f"column {kw.arg!r} holds numbers", kw.value)
            if kind == "percent":
                v = v / 100
            if kind == "single_choice":
                allowed = {c.value for c in (col.choices or [])} or None
                if allowed is not None and v not in allowed:
                    raise _Fail(f"{v!r} is not a choice of column {kw.arg!r}"
                                f"{did_you_mean(v, allowed)}", kw.value)
            wanted.append((kw.arg, v))
        M = Missing

        def f(ctx, qid=qid, wanted=tuple(wanted)):
            rows = ctx.answers.get(qid, NOT_ANSWERED)
            if type(rows) is M:
                return rows
            return sum(1 for r in rows
                       if all(r.get(k) == v and (type(r.get(k)) is bool) == (type(v) is bool)
                              for k, v in wanted))

        where = " and ".join(f"{k} {format_value(v)}" for k, v in wanted) or "any"
        return _Node(f, "number", f"the number of rows of {qid} with {where}")

    def _bools(self, node: ast.Call, name: str) -> list[_Node]:
        parts = [self.compile(a) for a in node.args]
        for p, a in zip(parts, node.args, strict=True):
            self.need(p, {"bool"}, a, f"{name}() takes conditions")
        return parts

    def f_all(self, node: ast.Call) -> _Node:
        parts = self._bools(node, "all")
        n = _Node(_and_fn([p.fn for p in parts]), "bool", "all of", children=parts, kind="logic")
        n.describe = _logic_words("all of these hold:", "not all of these hold:")
        return n

    def f_any(self, node: ast.Call) -> _Node:
        parts = self._bools(node, "any")
        n = _Node(_or_fn([p.fn for p in parts]), "bool", "any of", children=parts, kind="logic")
        n.describe = _logic_words("at least one of these holds:", "none of these holds:")
        return n

    def f_count(self, node: ast.Call) -> _Node:
        parts = self._bools(node, "count")
        fns = [p.fn for p in parts]

        def f(ctx):
            return sum(1 for g in fns if g(ctx) is True)

        total = len(parts)
        return _Node(f, "number", f"the number of these {total} conditions that hold",
                     children=parts, kind="count")

    def _numbers(self, node: ast.Call, name: str) -> tuple[list[_Node], str]:
        parts = [self.compile(a) for a in node.args]
        if len(parts) == 1:
            self.need(parts[0], {"list"}, node.args[0], f"{name}() of one value needs a list")
            return parts, "number"
        for p, a in zip(parts, node.args, strict=True):
            self.need(p, _NUMERIC, a, f"{name}() needs numbers")
        types = {p.type for p in parts}
        t = types.pop() if len(types) == 1 else "number"
        return parts, t

    def _reduce(self, node: ast.Call, name: str, reducer) -> _Node:
        parts, t = self._numbers(node, name)
        M = Missing
        if len(parts) == 1:
            g = parts[0].fn

            def f(ctx):
                v = g(ctx)
                if type(v) is M:
                    return v
                nums = [x for x in v if isinstance(x, (int, float))]
                return reducer(nums) if nums else Missing(f"{name}() of an empty list")
        else:
            fns = [p.fn for p in parts]

            def f(ctx):
                vals = []
                for g in fns:
                    v = g(ctx)
                    if type(v) is M:
                        return v
                    vals.append(v)
                return reducer(vals)

        word = {"min": "the smallest of", "max": "the largest of"}[name]
        return _Node(f, t, f"{word} {', '.join(p.label for p in parts)}")

    def f_min(self, node: ast.Call) -> _Node:
        return self._reduce(node, "min", min)

    def f_max(self, node: ast.Call) -> _Node:
        return self._reduce(node, "max", max)

    def f_sum(self, node: ast.Call) -> _Node:
        part = self.compile(node.args[0])
        self.need(part, {"list"}, node.args[0], "sum() needs a list")
        g = part.fn
        M = Missing

        def f(ctx):
            v = g(ctx)
            if type(v) is M:
                return v
            return math.fsum(x for x in v if isinstance(x, (int, float)))

        return _Node(f, "number", f"the total of {part.label}")

    def f_len(self, node: ast.Call) -> _Node:
        part = self.compile(node.args[0])
        self.need(part, {"list", "str"}, node.args[0], "len() needs a list or text")
        g = part.fn
        M = Missing

        def f(ctx):
            v = g(ctx)
            return v if type(v) is M else len(v)

        label = f"the number of items in {part.label}"
        return _Node(f, "number", label)

    def _period(self, which: int, words: str) -> _Node:
        def f(ctx):
            return ctx.period[which] if ctx.period else Missing("no assessment period")

        return _Node(f, "date", words)

    def f_period_start(self, node: ast.Call) -> _Node:
        return self._period(0, "the start of the assessment period")

    def f_period_end(self, node: ast.Call) -> _Node:
        return self._period(1, "the end of the assessment period")

    def f_institution(self, node: ast.Call) -> _Node:
        name = self.literal_str(node.args[0], "an institution field")
        if name not in _INSTITUTION_FIELDS:
            raise _Fail(f"institution() has no field {name!r} (fields: "
                        f"{', '.join(_INSTITUTION_FIELDS)})", node.args[0])

        def f(ctx, name=name):
            v = ctx.institution.get(name)
            return NOT_GIVEN if v is None else v

        return _Node(f, "str", f"the institution's {name}", choices=_INSTITUTION_FIELDS[name])

    def f_first_known(self, node: ast.Call) -> _Node:
        parts, measured = [], []
        for a in node.args:
            before = self.metric_calls
            parts.append(self.compile(a))
            measured.append(self.metric_calls > before)
        kinds = {("number" if p.type in _NUMERIC else p.type) for p in parts} - {"any"}
        if len(kinds) > 1:
            raise _Fail("first_known() needs values of one kind, but got "
                        + ", ".join(self.what(p) for p in parts), node)
        fns = [p.fn for p in parts]
        M = Missing

        def f(ctx):
            first = None
            for g in fns:
                v = g(ctx)
                if type(v) is not M:
                    return v
                if first is None:
                    first = v
            return first

        types = {p.type for p in parts}
        t = types.pop() if len(types) == 1 else "number"

        def pick(ctx):
            for i, p in enumerate(parts):
                if not isinstance(p.fn(ctx), Missing):
                    return i
            return 0

        if t == "bool":  # first_known(data condition, declared condition): show the one used
            def words(ctx, v):
                i = pick(ctx)
                if measured[i]:
                    return "from the workforce data:"
                if any(measured[:i]):
                    reason = next((v.reason for p in parts[:i]
                                   if isinstance(v := p.fn(ctx), Missing)), None)
                    why = f" ({reason})" if reason else ""
                    return f"no workforce figure for this{why}, so the declared answer decides:"
                return "decided by the first of these that is known" + (
                    f" (item {i + 1} of {len(parts)}):" if i else ":")

            return _Node(f, "bool", "first known of", children=parts, kind="logic", pick=pick,
                         describe=words)

        def describe(ctx, value):
            for p in parts:
                v = p.fn(ctx)
                if not isinstance(v, Missing):
                    return f"{p.label} {_is(v, t)}"
            return f"{n.label} {_is(value, t)}"

        n = _Node(f, t, "", choices=parts[0].choices, describe=describe)
        n.label = " or, if unknown, ".join(p.label for p in parts)

        return n

    def f_between(self, node: ast.Call) -> _Node:
        x, lo, hi = (self.compile(a) for a in node.args)
        for p, a in zip((x, lo, hi), node.args, strict=True):
            self.need(p, _NUMERIC, a, "between() needs numbers")
        for bound, a in ((lo, node.args[1]), (hi, node.args[2])):
            if x.type in _SHARES and bound.is_const and bound.type == "number" and not (
                0 <= bound.const <= 1
            ):
                raise _Fail(f"{x.label} is a share between 0 and 1; write {bound.const / 100:g} "
                            f"for {bound.const:g} %", a)
        fx, flo, fhi = x.fn, lo.fn, hi.fn
        M = Missing

        def f(ctx):
            v = fx(ctx)
            if type(v) is M:
                return v
            a = flo(ctx)
            if type(a) is M:
                return a
            b = fhi(ctx)
            if type(b) is M:
                return b
            return a <= v <= b

        t = x.type

        def describe(ctx, value):
            return (f"{x.label} {_is(x.fn(ctx), t)}; needs between "
                    f"{format_value(lo.fn(ctx), t)} and {format_value(hi.fn(ctx), t)}")

        return _Node(f, "bool", "between", kind="compare", describe=describe)


def _logic_words(holds: str, fails: str):
    def describe(ctx, value):
        return holds if value is True else fails

    return describe


def _infer_unit(v: Any) -> str:
    if isinstance(v, bool):
        return "flag"
    if isinstance(v, (int, float)):
        return "number"
    return "text"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
