"""The comparison's fast change between periods (issue 24) gives what benchmark-by-benchmark
matching by id gives, for one standard and across standards, and the comparison validates."""

from __future__ import annotations

import pytest

import seal_engine as se
from seal_engine.compare.models import CODE_STATUS, Comparison


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("perf-compare") / "p"
    se.generate_portfolio(folder, 30, seed=24, years=(2023, 2024, 2025), workforce=False)
    shapes: dict = {}
    items = list(se.score_many([folder], workers=1, shapes=shapes))
    assert [i.error for i in items if i.error is not None] == []
    return [i.row for i in items], shapes


def _reference(before, after, shapes) -> dict:
    """Matching every benchmark by id, as the comparison did before."""
    sa_, sb = shapes[before.standard_key], shapes[after.standard_key]
    was = {b[0]: code for b, code in zip(sa_.benchmarks, before.statuses, strict=True)}
    moved, newly, lost = [], 0, 0
    for b, code in zip(sb.benchmarks, after.statuses, strict=True):
        old = was.get(b[0])
        if old is None or old == code:
            continue
        newly += code == "M"
        lost += code != "M" and old == "M"
        moved.append((b[0], b[2], CODE_STATUS[old], CODE_STATUS[code]))
    levels = {lv[0]: lv[1] for lv in sb.levels}
    return {"benchmarks": moved, "newly_met": newly, "no_longer_met": lost,
            "across": sa_.key != sb.key,
            "after_level_title": levels.get(after.level, after.level) if after.level
            else "no level"}


def test_changes_match_matching_by_id(scored):
    rows, shapes = scored
    c = se.compare_portfolio(rows, shapes)
    assert c.changes
    across = 0
    for ch in c.changes:
        after = next(r for r in rows if r.institution == ch.institution
                     and r.period == ch.after_period and r.score == ch.after_score)
        before = next(r for r in rows if r.institution == ch.institution
                      and r.period == ch.before_period and r.score == ch.before_score)
        want = _reference(before, after, shapes)
        got = [(b.id, b.title, b.before, b.after) for b in ch.benchmarks]
        assert got == want["benchmarks"]
        assert (ch.newly_met, ch.no_longer_met) == (want["newly_met"], want["no_longer_met"])
        assert (ch.note is not None) == want["across"]
        assert ch.after_level_title == want["after_level_title"]
        across += want["across"]
    assert across, "the portfolio should hold institutions that changed standard"
    # the comparison is a valid model as built, and one change object is shared only within
    # one comparison
    again = Comparison.model_validate(c.model_dump())
    assert again == c
    other = se.compare_portfolio(rows, shapes)
    firsts = [ch.benchmarks[0] for ch in c.changes if ch.benchmarks]
    seconds = [ch.benchmarks[0] for ch in other.changes if ch.benchmarks]
    assert firsts == seconds
    assert all(a is not b for a, b in zip(firsts, seconds, strict=True))


def test_no_collection_turns_the_collector_off_and_always_back():
    import gc
    import threading

    from seal_engine._heap import no_collection

    assert gc.isenabled()
    with no_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), no_collection():
        raise RuntimeError("a build that fails")
    assert gc.isenabled()
    gc.disable()  # a caller that had it off keeps it off
    try:
        with no_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    # two builds at once: the collector comes back when the last one is out
    inside, leave = threading.Event(), threading.Event()

    def other():
        with no_collection():
            inside.set()
            leave.wait(10)

    t = threading.Thread(target=other)
    t.start()
    assert inside.wait(10)
    with no_collection():
        pass
    assert not gc.isenabled()  # the other build is still under way
    leave.set()
    t.join(10)
    assert gc.isenabled()


def test_a_comparison_is_built_with_the_collector_off(scored, monkeypatch):
    import gc

    from seal_engine.compare import build

    rows, shapes = scored
    seen = []
    real = build._view_plan

    def spy(*args):
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(build, "_view_plan", spy)
    assert gc.isenabled()
    se.compare_portfolio(rows, shapes)
    assert seen and not any(seen)
    assert gc.isenabled()


def _reference_view(row, shape, dims: list[str], shared: set[str]):
    """(shared score, dimension scores) counted benchmark by benchmark, weight by weight, as
    the comparison counted them before the letters were gathered once a row."""
    parts: list[dict[float, list[str]]] = [{} for _ in range(len(dims) + 1)]
    for (bid, dim, _t, weight, _m), code in zip(shape.benchmarks, row.statuses, strict=True):
        if bid in shared:
            parts[-1].setdefault(weight, []).append(code)
            if dim in dims:
                parts[dims.index(dim)].setdefault(weight, []).append(code)
    out = []
    for part in parts:
        points = counted = 0.0
        for w, letters in part.items():
            points += w * (letters.count("M") + shape.partial_credit * letters.count("P"))
            counted += w * (len(letters) - letters.count("A"))
        out.append(round(points * 100 / counted, 2) if counted > 0 else None)
    return out[-1], out[:-1]


def test_shared_scores_match_counting_benchmark_by_benchmark(scored):
    rows, shapes = scored
    c = se.compare_portfolio(rows, shapes)
    assert len(c.standards) > 1  # scores recomputed on the shared benchmarks
    dims, shared = [d for d, _t in c.dimensions], set(c.shared_benchmarks)
    by_code = {r.assessment: r for r in rows}
    for rank in c.ranking:
        row = by_code[rank.assessment]
        want = _reference_view(row, shapes[row.standard_key], dims, shared)
        assert (rank.shared_score, rank.dimensions) == want


def test_standards_sharing_no_benchmark_have_no_shared_scores(scored):
    """Two standards with no benchmark in common: nothing to score on, so no shared or
    dimension score (not an error)."""
    rows, shapes = scored
    one = rows[0]
    shape = shapes[one.standard_key]
    other = shape.model_copy(update={
        "id": "elsewhere", "benchmarks": [(f"x-{b[0]}", *b[1:]) for b in shape.benchmarks]})
    moved = se.ScoredRow(**one.model_dump() | {
        "standard": "elsewhere", "institution": "elsewhere-1", "assessment": "elsewhere-a"})
    c = se.compare_portfolio([one, moved], [shape, other])
    assert c.shared_benchmarks == [] and len(c.standards) == 2
    for rank in c.ranking:
        assert rank.shared_score is None
        assert rank.dimensions == [None] * len(c.dimensions)
