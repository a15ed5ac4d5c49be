"""Each stored result keeps its benchmarks' status letters and its points by dimension in
``result_assessment`` (what the comparison reads instead of ``result_benchmark``): every path
that writes a result writes them equal to its benchmark rows, the migration fills them for the
results stored before, and the audit verification names them when they are changed behind the
engine's back (they are left out of the row's seal, so the seals written before hold)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

import seal_engine as se

from .conftest import open_test_store

st = pytest.importorskip("seal_engine.store")

from seal_engine.compare.models import STATUS_CODES  # noqa: E402
from seal_engine.scoring import percent_of  # noqa: E402
from seal_engine.store._letters import LETTER, same_points, summary_of  # noqa: E402
from seal_engine.store.schema import result_assessment, result_benchmark  # noqa: E402


def _stored(store) -> dict:
    """(assessment, kind) -> (statuses, dimension points) as stored, and as the result's
    benchmark rows give them."""
    with store.read() as conn:
        kept = {(r.assessment_id, r.kind): (r.statuses, r.dimension_points)
                for r in conn.execute(sa.select(result_assessment))}
        groups: dict = {}
        for r in conn.execute(sa.select(result_benchmark)):
            groups.setdefault((r.assessment_id, r.kind), []).append(r)
    return {k: (kept[k], summary_of(groups.get(k, []))) for k in kept}


def _all_match(store) -> int:
    got = _stored(store)
    for key, ((letters, points), (want_letters, want_points)) in got.items():
        assert letters == want_letters, key
        assert same_points(points, want_points), key
    return len(got)


def test_letters_are_the_status_codes_of_the_comparison():
    assert LETTER == {s.value: c for s, c in STATUS_CODES.items()}


def test_the_demo_lifecycle_writes_them(demo_store):
    # submitted, baselines, reviewed and certified results: store_result's every caller
    with demo_store.read() as conn:
        kinds = {r.kind for r in conn.execute(sa.select(result_assessment.c.kind))}
    assert kinds == {"self", "reviewed"}
    assert _all_match(demo_store) > 5
    assert not st.verify_audit(demo_store).findings


def test_an_import_writes_them(tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    folder = tmp_path / "p"
    se.generate_portfolio(folder, 4, seed=11, years=(2024, 2025))
    store = open_test_store(f"sqlite:///{tmp_path / 'seal.db'}")
    st.import_assessments(store, st.SYSTEM, [folder])
    assert _all_match(store) >= 4
    shapes: dict = {}
    rows = {r.row.assessment: r.row for r in se.score_many([folder], workers=1, shapes=shapes)}
    with store.read() as conn:
        stored = conn.execute(sa.text(
            "SELECT a.code, r.statuses, r.dimension_points FROM result_assessment r "
            "JOIN assessment a ON a.id = r.assessment_id")).all()
    assert len(stored) == sum(1 for r in rows.values() if not r.draft)  # drafts: no result
    for code, letters, points in stored:
        row = rows[code]  # the file scored: its letters in the standard's order
        shape = shapes[row.standard_key]
        ids = [b[0] for b in shape.benchmarks]
        assert letters == "".join(c for _b, c in sorted(zip(ids, row.statuses, strict=True)))
        sums = json.loads(points)
        assert [percent_of(*sums[d]) for d, _t in shape.dimensions] == row.dimensions
    assert not st.verify_audit(store).findings


def test_the_migration_fills_them_for_results_stored_before(demo_store):
    before = _stored(demo_store)
    st.downgrade(demo_store, "0011")
    with demo_store.read() as conn:
        cols = {c["name"] for c in sa.inspect(conn).get_columns("result_assessment")}
        count = conn.execute(sa.select(sa.func.count()).select_from(result_benchmark)).scalar()
    assert "statuses" not in cols and count > 0  # dropping the columns kept the benchmarks
    st.upgrade(demo_store)
    after = _stored(demo_store)
    assert after.keys() == before.keys()
    for key, ((letters, points), _want) in after.items():
        assert letters == before[key][0][0], key
        assert same_points(points, before[key][0][1]), key
    assert not st.verify_audit(demo_store).findings  # the seals written before still hold


def test_changed_letters_are_named_by_the_verification(demo_store):
    with demo_store.engine.begin() as conn:
        key = conn.execute(sa.select(result_assessment.c.assessment_id,
                                     result_assessment.c.kind, result_assessment.c.statuses)
                           ).first()
        flipped = ("N" if key.statuses[0] == "M" else "M") + key.statuses[1:]
        conn.execute(result_assessment.update().where(
            result_assessment.c.assessment_id == key.assessment_id,
            result_assessment.c.kind == key.kind).values(statuses=flipped))
    findings = st.verify_audit(demo_store).findings
    assert [(f.kind, f.table) for f in findings] == [("changed", "result_assessment")]
    assert key.assessment_id in findings[0].message


def test_changed_points_are_named_by_the_verification(demo_store):
    with demo_store.engine.begin() as conn:
        key = conn.execute(sa.select(result_assessment.c.assessment_id,
                                     result_assessment.c.kind,
                                     result_assessment.c.dimension_points)).first()
        points = json.loads(key.dimension_points)
        first = sorted(points)[0]
        points[first][0] += 1.0
        conn.execute(result_assessment.update().where(
            result_assessment.c.assessment_id == key.assessment_id,
            result_assessment.c.kind == key.kind).values(dimension_points=json.dumps(points)))
    findings = st.verify_audit(demo_store).findings
    assert [(f.kind, f.table) for f in findings] == [("changed", "result_assessment")]


@pytest.mark.postgres
def test_the_migration_fills_them_on_postgresql(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    folder = tmp_path / "p"
    se.generate_portfolio(folder, 4, seed=12, years=(2024, 2025))
    store = open_test_store(pg_url)
    st.import_assessments(store, st.SYSTEM, [folder])
    before = _stored(store)
    st.downgrade(store, "0011")
    st.upgrade(store)
    after = _stored(store)
    assert after.keys() == before.keys() and len(after) >= 4
    for key, ((letters, points), _want) in after.items():
        assert letters == before[key][0][0], key
        assert same_points(points, before[key][0][1]), key
    assert not st.verify_audit(store).findings
