"""The fast explanation path gives the explanations the engine made before it (issue 24): for
every bundled example assessment and variants of them, each benchmark's status, first line,
lines and clauses (messages with their parameters, values seen, needs, figures), compared
between the two paths computed here: made on the plain context every time (the code before,
which keeps nothing), and made while recording then taken from what was kept.

(The explanations were also pinned as data from the code before issue 24 and compared while the
rule compiler changed, commit 400516c; the pinned copy was dropped because the explanations'
words and messages are being changed on purpose by the languages work.)"""

from __future__ import annotations

import random

import pytest

import seal_engine
from seal_engine.compilation import compiled
from seal_engine.messages import render_message
from tests._explained_snapshot import ROOT, clause, data, examples
from tests._explained_snapshot import loaded as loaded_examples


class _NoKeeping(dict):
    """Readings that keep nothing: every explanation is made on the plain context."""

    def get(self, key, default=None):
        return None

    def setdefault(self, key, default=None):
        return None


def _explained(r) -> dict:
    return {b.id: {"status": str(b.status.value), "why": data(b.why),
                   "explanation": b.explanation,
                   "clauses": [clause(c) for c in b.clauses],
                   "partial": [clause(c) for c in b.partial_clauses]} for b in r.benchmarks}


def _plain(s, a, d) -> dict:
    c = compiled(s)
    saved, c.readings = c.readings, _NoKeeping()
    try:
        return _explained(seal_engine.score(s, a, d))
    finally:
        c.readings = saved


@pytest.mark.parametrize("path", examples(), ids=lambda p: str(p.relative_to(ROOT)))
def test_explanations_as_before(path):
    a = seal_engine.load_assessment(path)
    s, d = seal_engine.standard_for(a), seal_engine.load_workforce_for(a)
    before = _plain(s, a, d)
    assert before  # every benchmark
    compiled(s).readings.clear()
    first = seal_engine.score(s, a, d)  # made while recording
    kept = seal_engine.score(s, a, d)  # taken from what was kept
    assert _explained(first) == before
    assert _explained(kept) == before
    for b in kept.benchmarks:
        # the words are the messages rendered, line by line
        assert b.explanation[0] == render_message(b.why)
        lines = [ln for c in b.clauses for ln in c.lines()]
        assert b.explanation[1:1 + len(lines)] == lines
        for c in _walk(b.clauses + b.partial_clauses):
            assert c.text == render_message(c.message)


def test_kept_explanations_are_the_ones_made():
    """Explanations taken from what was kept (the second and later scores, in any order, of
    every example and of variants of them) are the ones made from scratch."""
    loaded = loaded_examples()
    rng = random.Random(5)
    cases = []
    for s, a, data_ in loaded:
        cases.append((s, a, data_))
        for _ in range(3):
            v = a.model_copy(deep=True)
            for qid in list(v.answers):
                if rng.random() < 0.3:
                    del v.answers[qid]
            cases.append((s, v, data_))
    plain = [_plain(s, a, d) for s, a, d in cases]
    for s, _a, _d in loaded:
        compiled(s).readings.clear()
    made = [_explained(seal_engine.score(s, a, d)) for s, a, d in cases]
    assert made == plain  # recorded while made: the same as made on the plain context
    kept_before = sum(r._leaves for s, _a, _d in loaded for r in compiled(s).readings.values())
    assert kept_before > 0
    for i in rng.sample(range(len(cases)), len(cases)):
        s, a, d = cases[i]
        assert _explained(seal_engine.score(s, a, d)) == plain[i]
    # the second round found what it needed: nothing was added
    assert sum(r._leaves for s, _a, _d in loaded
               for r in compiled(s).readings.values()) == kept_before


def _walk(clauses):
    for c in clauses:
        yield c
        yield from _walk(c.clauses)


def test_a_changed_answer_is_explained_anew():
    s, a, d = loaded_examples()[0]
    first = seal_engine.score(s, a, d)
    changed = a.model_copy(deep=True)
    met = next(b for b in first.benchmarks if b.status.value == "met" and any(
        q.id in a.answers for q in s.benchmark(b.id).questions))
    for q in s.benchmark(met.id).questions:
        changed.answers.pop(q.id, None)
    after = _explained(seal_engine.score(s, changed, d))
    compiled(s).readings.clear()
    assert after == _explained(seal_engine.score(s, changed, d))
    assert after != _explained(first)


def test_results_do_not_share_their_lists():
    s, a, d = loaded_examples()[0]
    one = seal_engine.score(s, a, d)
    two = seal_engine.score(s, a, d)
    for b1, b2 in zip(one.benchmarks, two.benchmarks, strict=True):
        assert b1.explanation == b2.explanation
        assert b1.explanation is not b2.explanation
        assert b1.clauses is not b2.clauses


def test_readings_freeze_by_type_and_value():
    import datetime as dt

    from seal_engine.rules.recording import freeze

    assert freeze(True) != freeze(1)
    assert freeze(1) != freeze(1.0)
    assert freeze([1, 2]) != freeze((1, 2))
    assert freeze({"a": 1, "b": [True]}) == freeze({"b": [True], "a": 1})
    assert freeze({"a": 1}) != freeze({"a": True})
    assert freeze(dt.date(2025, 1, 1)) == freeze(dt.date(2025, 1, 1))
    hash(freeze([{"x": [1, "y"]}, None]))


def test_a_value_that_does_not_freeze_is_explained_and_not_kept():
    from seal_engine.rules.recording import Readings, RecordingContext
    from seal_engine.rules.values import EvalContext

    class Odd:
        pass

    ctx = EvalContext({"Q": Odd()}, frozenset())
    seen = RecordingContext(ctx)
    assert isinstance(seen.answers.get("Q"), Odd)
    readings = Readings()
    readings.keep(seen.log, "explanation")
    assert readings.find(ctx) is None
    plain = EvalContext({"Q": 3}, frozenset({"E"}))
    seen = RecordingContext(plain)
    assert seen.answers.get("Q") == 3 and "E" in seen.evidence and "Q" in seen.answers
    assert len(seen.log) == 2  # read twice, kept once
    readings.keep(seen.log, "three")
    assert readings.find(plain) == "three"
    assert readings.find(EvalContext({"Q": 3.0}, frozenset({"E"}))) is None
    assert readings.find(EvalContext({"Q": 3}, frozenset())) is None


def test_each_benchmark_keeps_a_bounded_number():
    from seal_engine.rules import recording
    from seal_engine.rules.recording import Readings, RecordingContext
    from seal_engine.rules.values import EvalContext

    readings = Readings()
    for i in range(recording.MAX_LEAVES + 10):
        ctx = EvalContext({"Q": i}, frozenset())
        seen = RecordingContext(ctx)
        seen.answers.get("Q")
        readings.keep(seen.log, i)
        assert readings._leaves <= recording.MAX_LEAVES
    assert readings.find(EvalContext({"Q": recording.MAX_LEAVES + 9}, frozenset())) == (
        recording.MAX_LEAVES + 9)
