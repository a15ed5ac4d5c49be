"""The functions rules may call (answer, evidence, metric, count, between...), each compiled to a
node with its type, its wording and its evaluation."""

from __future__ import annotations

import ast
import math

from ..errors import did_you_mean
from ..messages import MESSAGES, Ids, say
from .nodes import _NUMERIC, _SHARES, _and_fn, _Node, _or_fn
from .values import (
    _INSTITUTION_FIELDS,
    NOT_ANSWERED,
    NOT_GIVEN,
    Missing,
    _Fail,
    _logic_words,
    _short,
    format_value,
    is_message,
    missing_message,
    value_param,
)


def _filter_literal(node: ast.AST) -> bool:
    """A metric filter value: a quoted text, or a whole number (``pay_quartile=4``), read as
    its text."""
    return isinstance(node, ast.Constant) and (
        isinstance(node.value, str)
        or (isinstance(node.value, int) and not isinstance(node.value, bool)))


def _table_label(q) -> str:
    """A table question named in words, its id after it: '“For each indicator…” (RI-01.results)'."""
    return f"“{_short(q.text)}” ({q.id})"


def _cell_words(column, value):
    """A value a rule compares a table's cells with, as the table shows it: a choice by its
    label, a percentage column's share as a percentage, yes and no."""
    if column.type.value == "single_choice":
        label = next((c.label for c in column.choices or [] if c.value == value), None)
        if label:
            return f"“{label}”"
    if column.type.value == "percent":
        return value_param(value, "share")
    return value_param(value)


class _Functions:
    """The ``f_<name>`` methods of the compiler, one per rule function."""

    def f_answer(self, node: ast.Call) -> _Node:
        qid, q = self.question(node.args[0])
        t = {"yes_no": "bool", "single_choice": "str", "multiple_choice": "list",
             "integer": "number", "number": "number", "percent": "share", "date": "date",
             "text": "str", "long_text": "str", "table": "list"}[q.type.value]
        get = NOT_ANSWERED

        def f(ctx, qid=qid):
            return ctx.answers.get(qid, get)

        label = f"“{_short(q.text)}” ({qid})"
        n = _Node(f, t, label, choices=self.env.choices.get(qid), op=("answer", qid),
                  items={"multiple_choice": "str", "table": "row"}.get(q.type.value),
                  kind="predicate"
                  if t == "bool" else "value")
        if t == "bool":
            n.describe = lambda ctx, v: say("clause.yes_no", question=label,
                                            answer=value_param(v))
        return n

    def f_answered(self, node: ast.Call) -> _Node:
        qid, q = self.question(node.args[0])

        def f(ctx, qid=qid):
            return qid in ctx.answers

        n = _Node(f, "bool", qid, kind="predicate", op=("answered", qid))
        text = _short(q.text)
        n.describe = lambda ctx, v: say("clause.answered" if v else "clause.not_answered",
                                        question=f"“{text}” ({qid})")
        return n

    def f_evidence(self, node: ast.Call) -> _Node:
        eid = self.literal_str(node.args[0], "an evidence id")
        req = self.env.evidence.get(eid)
        if req is None:
            raise _Fail(f"unknown evidence requirement {eid!r}"
                        f"{did_you_mean(eid, self.env.evidence)}", node.args[0])

        def f(ctx, eid=eid):
            return eid in ctx.evidence

        n = _Node(f, "bool", eid, kind="predicate", evidence_id=eid, op=("evidence", eid))
        title = req.title
        def words(ctx, v, eid=eid, title=title):
            state = ("provided" if v else "rejected" if eid in ctx.rejected
                     else "unreferenced" if eid in ctx.unreferenced else "missing")
            return say(f"clause.evidence_{state}", id=eid, title=title)

        n.describe = words
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

        title = say(f"metric.{name}") if f"metric.{name}" in MESSAGES else info.title
        where = Ids(items=[say("label.filter", key=say(f"where.col.{k}")  # in the reader's words
                               if f"where.col.{k}" in MESSAGES else k,
                               value=Ids(items=list(v), join="or")
                               if isinstance(v, tuple) else v) for k, v in key])
        label = say("label.metric_where", metric=title, where=where) if key else title
        return _Node(f, info.kind, label, op=("metric", name, key))

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
        ctype = next(c.type.value for c in q.columns if c.id == cid)
        items = {"yes_no": "bool", "single_choice": "str", "multiple_choice": "list",
                 "integer": "number", "number": "number", "percent": "share", "date": "date",
                 "text": "str"}[ctype]
        M = Missing

        def f(ctx, qid=qid, cid=cid):
            rows = ctx.answers.get(qid, NOT_ANSWERED)
            if type(rows) is M:
                return rows
            return [r[cid] for r in rows if r.get(cid) is not None]

        col = next(c for c in q.columns if c.id == cid)
        return _Node(f, "list", say("label.column", column=col.title or cid,
                                    table=_table_label(q)),
                     op=("column", qid, cid), items=items)

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

        where = [say("label.cell", column=columns[k].title or k,
                     value=_cell_words(columns[k], v)) for k, v in wanted]
        if not where:
            return _Node(f, "number", say("label.rows", table=_table_label(q)), counts_rows=True)
        return _Node(f, "number", say("label.rows_with", table=_table_label(q),
                                      where=Ids(items=where, join="and")), counts_rows=True)

    def _bools(self, node: ast.Call, name: str) -> list[_Node]:
        parts = [self.compile(a) for a in node.args]
        for p, a in zip(parts, node.args, strict=True):
            self.need(p, {"bool"}, a, f"{name}() takes conditions")
        return parts

    def f_all(self, node: ast.Call) -> _Node:
        parts = self._bools(node, "all")
        n = _Node(_and_fn([p.fn for p in parts]), "bool", "all of", children=parts, kind="logic",
                  op=("and", parts))
        n.describe = _logic_words("clause.all_hold", "clause.not_all_hold")
        return n

    def f_any(self, node: ast.Call) -> _Node:
        parts = self._bools(node, "any")
        n = _Node(_or_fn([p.fn for p in parts]), "bool", "any of", children=parts, kind="logic",
                  op=("or", parts))
        n.describe = _logic_words("clause.any_holds", "clause.none_holds")
        return n

    def f_count(self, node: ast.Call) -> _Node:
        parts = self._bools(node, "count")
        fns = [p.fn for p in parts]

        def f(ctx):
            return sum(1 for g in fns if g(ctx) is True)

        total = len(parts)
        return _Node(f, "number", f"the number of these {total} conditions that hold",
                     op=("count", parts),
                     children=parts, kind="count")

    def _numbers(self, node: ast.Call, name: str) -> tuple[list[_Node], str]:
        parts = [self.compile(a) for a in node.args]
        if len(parts) == 1:
            self.need(parts[0], {"list"}, node.args[0], f"{name}() of one value needs a list")
            self.need_numbers(parts[0], node.args[0], name)
            return parts, parts[0].items if parts[0].items in _NUMERIC else "number"
        for p, a in zip(parts, node.args, strict=True):
            self.need(p, _NUMERIC, a, f"{name}() needs numbers")
        types = {p.type for p in parts}
        t = types.pop() if len(types) == 1 else "number"
        return parts, t

    def need_numbers(self, part: _Node, arg: ast.AST, name: str) -> None:
        """A list given to sum(), min() or max() must hold numbers."""
        items = part.items
        if items is None and part.is_const:
            kinds = {type(v) for v in part.const}
            items = "number" if kinds <= {int, float} else "str"
        if items is not None and items not in _NUMERIC:
            words = {"str": "text", "bool": "yes/no values", "date": "dates", "row": "table rows",
                     "list": "lists of choices"}.get(items, items)
            raise _Fail(f"{name}() needs numbers, but {part.label} holds {words}", arg)

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

        code = {"min": "label.smallest", "max": "label.largest"}[name]
        return _Node(f, t, say(code, values=Ids(items=[p.label for p in parts])))

    def f_min(self, node: ast.Call) -> _Node:
        return self._reduce(node, "min", min)

    def f_max(self, node: ast.Call) -> _Node:
        return self._reduce(node, "max", max)

    def f_sum(self, node: ast.Call) -> _Node:
        part = self.compile(node.args[0])
        self.need(part, {"list"}, node.args[0], "sum() needs a list")
        self.need_numbers(part, node.args[0], "sum")
        g = part.fn
        M = Missing

        def f(ctx):
            v = g(ctx)
            if type(v) is M:
                return v
            return math.fsum(x for x in v if isinstance(x, (int, float)))

        return _Node(f, "number", say("label.total", values=part.label), op=("sum", part))

    def f_len(self, node: ast.Call) -> _Node:
        part = self.compile(node.args[0])
        self.need(part, {"list", "str"}, node.args[0], "len() needs a list or text")
        g = part.fn
        M = Missing

        def f(ctx):
            v = g(ctx)
            return v if type(v) is M else len(v)

        label = say("label.items", values=part.label)
        return _Node(f, "number", label, op=("len", part), counts_rows=True)

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
                    used = parts[i].fn(ctx)
                    other = next((w for p, m in zip(parts[i + 1:], measured[i + 1:], strict=True)
                                  if not m and not p.is_const
                                  and not isinstance(w := p.fn(ctx), Missing)), None)
                    if other is not None and other != used:
                        return say("clause.measured_differs_holds" if other is True else
                                   "clause.measured_differs_fails")
                    return say("clause.measured")
                if any(measured[:i]):
                    reason = next((missing_message(v) for p in parts[:i]
                                   if isinstance(v := p.fn(ctx), Missing)), None)
                    if reason is not None:
                        return say("clause.declared_decides_because", reason=reason)
                    return say("clause.declared_decides")
                if i and parts[i].is_const:  # nothing before it known: the default decides
                    unknown = next(((p, v) for p in parts[:i]
                                    if isinstance(v := p.fn(ctx), Missing)), None)
                    if unknown is not None:
                        return say("clause.default_decides_because", subject=unknown[0].label,
                                   reason=missing_message(unknown[1]),
                                   value=value_param(parts[i].const, "bool"))
                if i:
                    return say("clause.first_known_item", item=i + 1, items=len(parts))
                return say("clause.first_known")

            return _Node(f, "bool", "first known of", children=parts, kind="logic", pick=pick,
                         describe=words)

        def describe(ctx, value):
            for p in parts:
                v = p.fn(ctx)
                if not isinstance(v, Missing):
                    return say("clause.value_is", subject=p.label, **{"is": is_message(v, t)})
            return say("clause.value_is", subject=n.label, **{"is": is_message(value, t)})

        n = _Node(f, t, "", choices=parts[0].choices, describe=describe)
        label = parts[-1].label
        for p in reversed(parts[:-1]):
            label = say("label.first_known", first=p.label, then=label)
        n.label = label

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

        def detail(ctx):
            return (format_value(x.fn(ctx), t), f"needs between {format_value(lo.fn(ctx), t)} "
                    f"and {format_value(hi.fn(ctx), t)}")

        def describe(ctx, value):
            return say("clause.compare", subject=x.label, **{
                "is": is_message(x.fn(ctx), t),
                "needs": say("clause.needs_between", low=value_param(lo.fn(ctx), t),
                             high=value_param(hi.fn(ctx), t))})

        return _Node(f, "bool", "between", kind="compare", describe=describe, detail=detail,
                     op=("between", x, lo, hi))


