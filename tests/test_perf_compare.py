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
