"""The Dask executor: a two-worker LocalCluster gives what the local pool gives."""

from __future__ import annotations

import pytest

import seal_engine as se

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    folder = tmp_path_factory.mktemp("portfolio") / "p"
    se.generate_portfolio(folder, 10, seed=21, years=(2024, 2025))
    return folder


def test_dask_local_cluster_equals_the_local_result(portfolio):
    local = se.compare_files([portfolio], by=["country", "scope"], workers=1)
    seen = []
    on_dask = se.compare_files([portfolio], by=["country", "scope"], executor="dask",
                               workers=2, progress=lambda done, total: seen.append((done, total)))
    assert on_dask == local
    assert seen[-1][0] == seen[-1][1] == len(list(portfolio.rglob("*.yaml")))
    rows = [i.row for i in se.score_many([portfolio], executor="dask", workers=2)]
    assert [r.assessment for r in rows] == [
        i.row.assessment for i in se.score_many([portfolio], workers=1)]


def test_an_unreachable_scheduler_is_a_clear_error(portfolio):
    with pytest.raises(se.SealError, match="cannot reach the Dask scheduler"):
        se.compare_files([portfolio], executor="dask", scheduler="tcp://127.0.0.1:9")


def test_a_scheduler_needs_the_dask_executor(portfolio):
    with pytest.raises(se.SealError, match="goes with the dask executor"):
        list(se.score_many([portfolio], scheduler="tcp://127.0.0.1:9"))
