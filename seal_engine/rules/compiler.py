"""Parsing a rule once into an allow-listed tree, checking its types against the standard, and
compiling it to closures (and to generated Python for speed)."""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import dataclass

from ..errors import Problem, RuleError, did_you_mean
from ..messages import say
from .functions import _Functions
from .nodes import _NUMERIC, _SHARES, CompiledRule, _and_fn, _compare_fn, _Node, _or_fn
from .values import (
    Missing,
    RuleEnv,
    _Fail,
    _infer_unit,
    _logic_words,
    format_value,
    is_message,
    missing_message,
    value_param,
)

MAX_RULE_CHARS = 2000
MAX_RULE_NODES = 400
MAX_RULE_DEPTH = 24


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
    count, depth, refused = _walk(tree)
    if refused is not None:
        what = _NODE_WORDS.get(type(refused), type(refused).__name__)
        raise fail(f"{what} not allowed in rules", refused)
    if count > MAX_RULE_NODES:
        raise fail(f"rule has {count} parts; at most {MAX_RULE_NODES} are allowed")
    if depth > MAX_RULE_DEPTH:
        raise fail(f"rule is nested more than {MAX_RULE_DEPTH} levels deep")
    try:
        compiler = _Compiler(env, source)
        root = compiler.compile(tree.body)
    except _Fail as e:
        raise fail(e.message, e.node) from None
    if expect == "bool" and root.type not in ("bool", "any"):
        raise fail(f"a rule must be a condition (true or false), but this gives a {root.type}")
    return CompiledRule(source, root, compiler.uses_metrics)


def _walk(tree: ast.AST) -> tuple[int, int, ast.AST | None]:
    """The number of nodes, the depth and the first node not allowed (in the order of
    ``ast.walk``, breadth first), in one pass."""
    count = best = 0
    level = [tree]
    allowed = _ALLOWED_NODES
    node_type = ast.AST
    while level:
        best += 1
        below: list[ast.AST] = []
        append = below.append
        for n in level:
            count += 1
            if not isinstance(n, allowed):
                return count, best, n
            for name in n._fields:  # ast.iter_child_nodes, without a generator per node
                v = getattr(n, name, None)
                if isinstance(v, node_type):
                    append(v)
                elif isinstance(v, list):
                    for item in v:
                        if isinstance(item, node_type):
                            append(item)
        level = below
    return count, best, None


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



_NEEDS = {ast.Eq: "clause.needs_eq", ast.NotEq: "clause.needs_ne", ast.Lt: "clause.needs_lt",
          ast.LtE: "clause.needs_le", ast.Gt: "clause.needs_gt", ast.GtE: "clause.needs_ge",
          ast.In: "clause.needs_in", ast.NotIn: "clause.needs_not_in"}


def _always(ctx, value):
    return say("clause.always_true" if value else "clause.always_false")


_MIRROR = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Eq: ast.Eq,
           ast.NotEq: ast.NotEq}



class _Compiler(_Functions):
    def __init__(self, env: RuleEnv, source: str):
        self.env = env
        self.source = source
        self.uses_metrics = False
        self.metric_calls = 0
        # the rule is parsed as one line (see compile_rule): a node's text is a slice of its
        # UTF-8 bytes, as ast.get_source_segment takes it, without splitting the source again
        # for every node
        self._bytes = source.encode("utf-8") if "\n" not in source else None

    def segment(self, node: ast.AST) -> str:
        end = getattr(node, "end_col_offset", None)
        if (self._bytes is not None and end is not None and node.lineno == 1
                and node.end_lineno == 1):
            text = self._bytes[node.col_offset:end].decode("utf-8")
        else:
            text = ast.get_source_segment(self.source, node)
        return " ".join((text or ast.unparse(node)).split())

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
            n.describe = _always
        return n

    def c_Name(self, node: ast.Name) -> _Node:
        if node.id in _CONSTANT_NAMES:
            v = _CONSTANT_NAMES[node.id]
            return _Node(lambda ctx, v=v: v, "bool", format_value(v), const=v, is_const=True,
                         describe=_always)
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
        n.describe = lambda ctx, value, label=label, t=t: say(
            "clause.parameter", value=value_param(value, t), parameter=label)
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

            n = _Node(f, "bool", "not", children=[operand], kind="logic", op=("not", operand))
            n.describe = lambda ctx, v: say("clause.not")
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

        return _Node(f, operand.type, say("problem.text", text=f"-{operand.label}")
                     if sign < 0 else operand.label,
                     op=("neg", operand) if sign < 0 else ("pos", operand))

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
        return _Node(f, t, f"{self.operand_label(left)} {sym} {self.operand_label(right)}",
                     op=("arith", {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}[op],
                         left, right))

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
            n = _Node(_and_fn(fns), "bool", "all of", children=parts, kind="logic",
                      op=("and", parts))
            n.describe = _logic_words("clause.all_hold", "clause.not_all_hold")
        else:
            n = _Node(_or_fn(fns), "bool", "any of", children=parts, kind="logic",
                      op=("or", parts))
            n.describe = _logic_words("clause.any_holds", "clause.none_holds")
        return n

    def c_Compare(self, node: ast.Compare) -> _Node:
        operands = [self.compile(node.left)] + [self.compile(c) for c in node.comparators]
        pieces = []
        for i, op in enumerate(node.ops):
            left, right = operands[i], operands[i + 1]
            lnode = node.left if i == 0 else node.comparators[i - 1]
            rnode = node.comparators[i]
            left, right = self.check_compare(type(op), left, right, lnode, rnode, node)
            pieces.append(self.compare_node(type(op), left, right, self.segment(lnode),
                                            self.segment(rnode)))
        if len(pieces) == 1:
            return pieces[0]
        n = _Node(_and_fn([p.fn for p in pieces]), "bool", "all of", children=pieces,
                  kind="logic", op=("and", pieces))
        n.describe = _logic_words("clause.all_hold", "clause.not_all_hold")
        return n

    def compare_node(self, op: type, left: _Node, right: _Node, ltext: str = "",
                     rtext: str = "") -> _Node:
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
                    should = ("clause.should_include" if op is ast.In else
                              "clause.should_not_include")
                    return say(should, question=right.label, value=value_param(left.const),
                               reason=missing_message(rv))
                code = (("clause.includes" if op is ast.In else "clause.does_not_include")
                        if value else "clause.leaves_out" if op is ast.In
                        else "clause.includes")
                return say(code, question=right.label, value=value_param(left.const),
                           answer=value_param(rv))

            return _Node(fn, "bool", "comparison", kind="compare", describe=says,
                         op=("compare", _OP_WORDS[op][0], left, right),
                         member=(right.label, left.const, right.fn) if op is ast.In else None)

        if left.is_const and not right.is_const and op in _MIRROR:
            # '0 < x' reads as 'x ... needs more than 0'
            left, right, need = right, left, _OP_WORDS[_MIRROR[op]][1]
            ltext, rtext = rtext, ltext
            op = _MIRROR[op]
        sym = _OP_WORDS[op][0]
        none_allowed = (op is ast.Eq and right.is_const and right.name is None
                        and not isinstance(right.const, bool) and right.const == 0
                        and left.counts_rows)

        def numbers(ctx, left=left, right=right, sym=sym, ltext=ltext):
            lv, rv = left.fn(ctx), right.fn(ctx)
            number = (int, float)
            return {"expression": ltext, "op": sym,
                    "actual": lv if isinstance(lv, number) and not isinstance(lv, bool)
                    else None,
                    "threshold": rv if isinstance(rv, number) and not isinstance(rv, bool)
                    else None}

        def detail(ctx, left=left, right=right, need=need, none_allowed=none_allowed):
            lv = left.fn(ctx)
            rv = right.fn(ctx)
            shown_type = left.type if left.type != "number" else right.type
            rtext = format_value(rv, shown_type if right.type in _NUMERIC else right.type)
            if right.name is not None:  # a parameter
                rtext = f"{rtext} ({right.label})"
            elif not right.is_const:
                rtext = f"{right.label} ({rtext})"
            lkind = shown_type if left.type in _NUMERIC else left.type
            if none_allowed:  # 'count_rows(...) == 0': no row may have it
                return format_value(lv, lkind), "none may be"
            return format_value(lv, lkind), f"{need} {rtext}"

        def describe(ctx, value, left=left, right=right, op=op, none_allowed=none_allowed):
            lv, rv = left.fn(ctx), right.fn(ctx)
            shown_type = left.type if left.type != "number" else right.type
            seen = is_message(lv, shown_type if left.type in _NUMERIC else left.type)
            if none_allowed:
                return say("clause.compare", subject=left.label, needs=say("clause.none_may_be"),
                           **{"is": seen})
            rvalue = value_param(rv, shown_type if right.type in _NUMERIC else right.type)
            if right.name is not None:  # a parameter
                rvalue = say("clause.named_value", value=rvalue, name=right.label)
            elif not right.is_const:
                rvalue = say("clause.named_value", value=right.label, name=rvalue)
            return say("clause.compare", subject=left.label,
                       needs=say(_NEEDS[op], value=rvalue), **{"is": seen})

        return _Node(fn, "bool", "comparison", children=children, kind="compare",
                     op=("compare", sym, left, right),
                     describe=describe, detail=detail, numbers=numbers)

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
            if (a.choices is not None and b.is_const and b.type == "str"
                    and b.const not in a.choices):
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

