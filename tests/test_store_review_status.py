"""ReviewStatus for a review that flows: each benchmark's open requests, evidence left and
undecided claim; the filters a page narrows the benchmarks to (as the store's answer); the
review's progress."""

from __future__ import annotations

import pytest

import seal_engine.store as st

from .conftest import assessment_id, demo_actors

NSO25 = "valdoria-national-statistics-office-2025"


def test_the_filters_and_the_progress_come_from_the_store(demo_store):
    people = demo_actors(demo_store)
    assessor = people["assessor"]
    aid = assessment_id(demo_store, NSO25)
    status = st.review_status(demo_store, assessor, aid)
    ids = [v.benchmark_id for v in status.benchmarks]
    assert status.reviewed_count == 20 and status.matching() == ids
    assert status.matching(["not_reviewed"]) == ids[20:]  # the demo confirmed the first 20
    mandatory = [v.benchmark_id for v in status.benchmarks if v.mandatory_from is not None]
    assert status.matching(["mandatory"]) == mandatory and mandatory
    target = status.matching(["mandatory", "not_reviewed"])[0]
    st.review_benchmark(demo_store, assessor, aid, target, "override", 0, status="not_met",
                        justification="The plan is not costed.")
    st.request_evidence(demo_store, assessor, aid, target, "Please add the costed plan.")
    st.request_evidence(demo_store, assessor, aid, target, "And the minutes approving it.")
    after = st.review_status(demo_store, assessor, aid)
    verdict = next(v for v in after.benchmarks if v.benchmark_id == target)
    assert verdict.flags == {"overridden", "open_requests", "mandatory"}
    assert verdict.open_requests == 2
    assert after.matching(["overridden"]) == [target] == after.matching(["open_requests"])
    assert after.reviewed_count == 21
    assert target not in after.matching(["not_reviewed"])
    pending = sum(v.evidence_pending for v in after.benchmarks)
    assert pending == len(after.evidence_pending) > 0
    assert not any(v.claim_pending for v in after.benchmarks)
    with pytest.raises(ValueError, match="no review filter"):
        after.matching(["unread"])
