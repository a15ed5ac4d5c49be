"""Mutated inputs (lines dropped, doubled, swapped, re-indented, stray characters) either load or
raise a SealError with a location: never another exception.  Seeded, so a failure repeats."""

from __future__ import annotations

import random

import pytest

import seal_engine as se
from seal_engine import SealError

from .conftest import ROOT, STARTER, STARTER_EXAMPLE

_NOISE = ["'", '"', ":", "[", "{", "-", " ", "#", "&a ", "*a", "!!str ", "0", "-1", "1e9", "null",
          "yes", "ü", "\t", ","]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(7)
        i = rng.randrange(len(lines))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2 and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(_NOISE) + lines[i][j:]
        elif op == 3 and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + lines[i][j + 1:]
        elif op == 4:
            lines[i] = "  " + lines[i]
        elif op == 5:
            lines[i] = lines[i].lstrip()
        else:
            k = rng.randrange(len(lines))
            lines[i], lines[k] = lines[k], lines[i]
    return "\n".join(lines)


def _cases(n: int, seed: int):
    rng = random.Random(seed)
    return [rng.randrange(1 << 30) for _ in range(n)]


@pytest.fixture(scope="module")
def starter():
    return se.load_standard(STARTER)


@pytest.mark.parametrize("seed", _cases(40, 1))
def test_mutated_standard(tmp_path, seed):
    path = tmp_path / "s.yaml"
    path.write_text(mutate(STARTER.read_text(), random.Random(seed)))
    try:
        s = se.load_standard(path)
        se.score(s, se.load_assessment(STARTER_EXAMPLE))
    except SealError as e:
        assert e.problems and all(p.message for p in e.problems)


@pytest.mark.parametrize("seed", _cases(40, 2))
def test_mutated_assessment(tmp_path, starter, seed):
    path = tmp_path / "a.yaml"
    path.write_text(mutate(STARTER_EXAMPLE.read_text(), random.Random(seed)))
    try:
        a = se.load_assessment(path)
        se.draft_plan(starter, a)  # scores, ranks gaps and drafts the plan
    except SealError as e:
        assert e.problems and all(p.message for p in e.problems)


@pytest.mark.parametrize("seed", _cases(30, 3))
def test_mutated_workforce_file(tmp_path, seed):
    from seal_engine.workforce import METRICS

    path = tmp_path / "w.csv"
    source = ROOT / "tests" / "fixtures" / "workforce" / "basic.csv"
    path.write_text(mutate(source.read_text(), random.Random(seed)))
    try:
        data = se.load_workforce(path)
        for name in METRICS:
            data.metric(name, ())
    except SealError as e:
        assert e.problems and all(p.file for p in e.problems)


@pytest.mark.parametrize("seed", _cases(30, 4))
def test_mutated_plan_file(tmp_path, starter, seed):
    plan = se.draft_plan(starter, se.load_assessment(STARTER_EXAMPLE))
    base = tmp_path / "plan.csv"
    se.write_plan(plan, base, "csv", starter)
    path = tmp_path / "edited.csv"
    path.write_text(mutate(base.read_text(), random.Random(seed)))
    try:
        se.read_plan(path, starter, plan)
    except SealError as e:
        assert e.problems and all(p.file for p in e.problems)
