"""The fast explanation path gives the explanations the engine gave before it (issue 24): for
every bundled example assessment, every benchmark's status, first line and clauses, as data.

The reference, ``tests/fixtures/perf/explanations.json.gz``, was written by
``tests/_explained_snapshot.py`` with the code that evaluated every clause again to explain it.
When an example, a standard or a rule changes on purpose, write it again from a commit whose
explanations are known right (see that script) and say so in the commit."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import seal_engine
from seal_engine.messages import render_message
from tests._explained_snapshot import ROOT, clause, data, examples

REFERENCE = Path(__file__).parent / "fixtures" / "perf" / "explanations.json.gz"


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads(gzip.decompress(REFERENCE.read_bytes()).decode("utf-8"))


def test_every_example_is_in_the_reference(reference):
    assert sorted(reference) == sorted(str(p.relative_to(ROOT)) for p in examples())


@pytest.mark.parametrize("path", examples(), ids=lambda p: str(p.relative_to(ROOT)))
def test_explanations_as_before(path, reference):
    a = seal_engine.load_assessment(path)
    r = seal_engine.score(seal_engine.standard_for(a), a, seal_engine.load_workforce_for(a))
    expected = reference[str(path.relative_to(ROOT))]
    assert sorted(b.id for b in r.benchmarks) == sorted(expected)
    for b in r.benchmarks:
        want = expected[b.id]
        got = {"status": str(b.status.value), "why": data(b.why), "lines": len(b.explanation),
               "clauses": [clause(c) for c in b.clauses],
               "partial": [clause(c) for c in b.partial_clauses]}
        assert got == want, b.id
        # the words are the messages rendered, line by line
        assert b.explanation[0] == render_message(b.why)
        lines = [ln for c in b.clauses for ln in c.lines()]
        assert b.explanation[1:1 + len(lines)] == lines
        for c in _walk(b.clauses + b.partial_clauses):
            assert c.text == render_message(c.message)


def _walk(clauses):
    for c in clauses:
        yield c
        yield from _walk(c.clauses)


def _explained(r) -> dict:
    return {b.id: {"status": str(b.status.value), "why": data(b.why),
                   "explanation": b.explanation,
                   "clauses": [clause(c) for c in b.clauses],
                   "partial": [clause(c) for c in b.partial_clauses]} for b in r.benchmarks}


def _loaded():
    out = []
    for path in examples():
        a = seal_engine.load_assessment(path)
        out.append((seal_engine.standard_for(a), a, seal_engine.load_workforce_for(a)))
    return out


def test_kept_explanations_are_the_ones_made(reference):
    """Explanations taken from what was kept (the second and later scores, in any order, of
    every example and of variants of them) are the ones made from scratch."""
    import random

    from seal_engine.compilation import compiled

    loaded = _loaded()
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
    for s, _a, _d in loaded:
        compiled(s).readings.clear()
    made = [_explained(seal_engine.score(s, a, d)) for s, a, d in cases]
    kept_before = sum(r._leaves for s, _a, _d in loaded for r in compiled(s).readings.values())
    assert kept_before > 0
    for i in rng.sample(range(len(cases)), len(cases)):
        s, a, d = cases[i]
        assert _explained(seal_engine.score(s, a, d)) == made[i]
    # the second round found what it needed: nothing was added
    assert sum(r._leaves for s, _a, _d in loaded
               for r in compiled(s).readings.values()) == kept_before
    # and the bundled examples still read as the reference
    for path, (s, a, d) in zip(examples(), loaded, strict=True):
        expected = reference[str(path.relative_to(ROOT))]
        r = seal_engine.score(s, a, d)
        for b in r.benchmarks:
            assert [clause(c) for c in b.clauses] == expected[b.id]["clauses"], b.id


def test_a_changed_answer_is_explained_anew():
    from seal_engine.compilation import compiled

    s, a, d = _loaded()[0]
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
    s, a, d = _loaded()[0]
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
