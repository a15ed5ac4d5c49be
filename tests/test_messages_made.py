"""Messages, numbers and clauses the engine builds without validating (issue 24: explanations
make hundreds per assessment) are the models validating the same values gives; and a clause
kept by the values its rule node reads is the clause made for them."""

from __future__ import annotations

import math
import random

import pytest
from pydantic import ValidationError

import seal_engine
from seal_engine.compilation import compiled
from seal_engine.messages import Ids, Message, Num, num, number, pct, render_message, say
from seal_engine.models import BenchmarkResult, Clause
from tests._explained_snapshot import clause, loaded


def _same(made, validated) -> None:
    assert type(made) is type(validated)
    assert made == validated
    assert made.__dict__ == validated.__dict__
    assert list(made.__dict__) == list(validated.__dict__)  # the fields' order
    assert made.model_dump() == validated.model_dump()


def test_say_is_the_validated_message():
    _same(say("why.met"), Message(code="why.met"))
    _same(say("why.not_met", n=3), Message(code="why.not_met", params={"n": 3}))
    with pytest.raises(KeyError):
        say("no.such.code")
    with pytest.raises(ValueError):
        say("why.not_met")


@pytest.mark.parametrize("args", [(3,), (3.5, 2), (0, 0), (-1.25, None), (10**12, 0)])
def test_numbers_are_the_validated_ones(args):
    value = args[0]
    decimals = args[1] if len(args) > 1 else None
    _same(number(value, decimals), Num(value=value, decimals=decimals))
    _same(number(value, upto=1, percent=True), Num(value=value, upto=1, percent=True))
    _same(num(value, decimals, sign=True), Num(value=value, decimals=decimals, sign=True))
    _same(pct(value, decimals), Num(value=value, decimals=decimals, percent=True))
    assert type(number(value).value) is float


@pytest.mark.parametrize("value", [math.nan, math.inf, "3.5", True, None])
def test_a_number_not_plain_is_validated(value):
    try:
        expected = Num(value=value)
    except ValidationError:
        with pytest.raises(ValidationError):
            number(value)
    else:
        _same(number(value), expected)


def test_rendering_is_as_with_the_formatter():
    import string

    message = say("clause.value_is", subject="the policy", **{"is": say(
        "value.is", value=pct(78.947, 1))})
    assert render_message(message) == "the policy is 78.9 %"
    assert render_message(say("problem.text", text="{braces} kept")) == "{braces} kept"
    ids = say("clause.includes_any", question="Q", values=Ids(items=["a", "b"]), answer="c")
    formatter = string.Formatter()
    english = seal_engine.messages.MESSAGES["clause.includes_any"]
    assert render_message(ids) == formatter.vformat(english, (), {
        "question": "Q", "values": "a, b", "answer": "c"})


def _walk(clauses):
    for c in clauses:
        yield c
        yield from _walk(c.clauses)


def test_explanations_validate():
    for s, a, d in loaded():
        for b in seal_engine.score(s, a, d).benchmarks:
            assert BenchmarkResult.model_validate(b.model_dump()).model_dump() == b.model_dump()
            for c in _walk(b.clauses + b.partial_clauses):
                assert Clause.model_validate(c.model_dump()).model_dump() == c.model_dump()


class _NoKeeping(dict):
    def get(self, key, default=None):
        return None

    def setdefault(self, key, default=None):
        return None


def test_a_new_assessment_is_explained_with_clauses_kept_and_as_made():
    """Variants never scored before, after others were: their benchmarks are new combinations
    of values, made of clauses kept for each node (shared with results before), and every
    explanation is the one made from scratch."""
    rng = random.Random(3)
    s, a, d = loaded()[0]
    c = compiled(s)
    c.readings.clear()

    def variant():
        v = a.model_copy(deep=True)
        for qid in list(v.answers):
            if rng.random() < 0.3:
                del v.answers[qid]
        return v

    seen = [seal_engine.score(s, variant(), d) for _ in range(6)]
    nodes_kept = sum(1 for k in c.readings if not isinstance(k, str))
    assert nodes_kept > 0
    before = {id(x) for r in seen for b in r.benchmarks for x in _walk(b.clauses)}
    shared = 0
    for _ in range(6):
        v = variant()
        result = seal_engine.score(s, v, d)
        saved, c.readings = c.readings, _NoKeeping()
        try:
            plain = seal_engine.score(s, v, d)
        finally:
            c.readings = saved
        for b, p in zip(result.benchmarks, plain.benchmarks, strict=True):
            assert b.explanation == p.explanation
            assert [clause(x) for x in b.clauses] == [clause(x) for x in p.clauses]
            assert [clause(x) for x in b.partial_clauses] == [
                clause(x) for x in p.partial_clauses]
            shared += sum(1 for x in _walk(b.clauses) if id(x) in before)
    assert shared > 0
