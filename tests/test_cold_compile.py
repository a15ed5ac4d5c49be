"""The rule compiler's allow-list walk (reading each node's fields in place) gives what the walk
over ``ast.iter_child_nodes`` gives: the same node count, depth and first refused node, on every
rule of the bundled standards and on forms rules may not use."""

from __future__ import annotations

import ast

import pytest

import seal_engine
from seal_engine.rules import compiler

from .conftest import ROOT


def _reference(tree: ast.AST):
    count = depth = 0
    level = [tree]
    while level:
        depth += 1
        below = []
        for n in level:
            count += 1
            if not isinstance(n, compiler._ALLOWED_NODES):
                return count, depth, n
            below.extend(ast.iter_child_nodes(n))
        level = below
    return count, depth, None


def _rules() -> list[str]:
    out = []
    for folder in sorted((ROOT / "standards").iterdir()):
        if not (folder / "standard.yaml").is_file():
            continue
        s = seal_engine.load_standard(folder)
        for b in s.benchmarks():
            out += [t for t in (b.rule.met, b.rule.partially_met, b.rule.applies_when) if t]
        out += [a.indicator.measure for a in s.actions if a.indicator and a.indicator.measure]
        out += [q.asked_when for q in s.questions().values() if q.asked_when]
    return out


REFUSED = ["a if b else c", "[x for x in y]", "f(*a)", "x.y", "{'a': 1}", "lambda: 1",
           "f'{x}'", "x[1]", "a ** 2", "a is b", "(y := 1)", "{1, 2}", "a // b", "~a"]


@pytest.mark.parametrize("texts", [_rules(), REFUSED], ids=["bundled", "refused"])
def test_the_walk_is_the_reference_walk(texts):
    assert len(texts) > 10
    for text in texts:
        tree = ast.parse(" ".join(text.split()), mode="eval")
        count, depth, refused = compiler._walk(tree)
        assert (count, depth) == _reference(tree)[:2], text
        assert refused is _reference(tree)[2], text
