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
