"""A review a certificate can rest on: bulk confirmation only of what no level makes
mandatory, in one act or not at all; a verdict can be withdrawn; a claim is never accepted
without a reason; the review says what it still needs and whether the reviewed result reaches
a level before anyone presses "Certify"."""

from __future__ import annotations

import pytest

import seal_engine.store as st

from .conftest import assessment_id, demo_actors

HPH25 = "highlands-provincial-health-2025"


@pytest.fixture
def review(demo_store):
    """The Highlands 2025 assessment (submitted in the demo) under review."""
    assessor = demo_actors(demo_store)["assessor"]
    aid = assessment_id(demo_store, HPH25)
    st.start_review(demo_store, assessor, aid,
                    st.find_assessment(demo_store, st.SYSTEM, aid).version)
    return demo_store, assessor, aid


def _audit_actions(store) -> list[str]:
    return [e.action for e in st.list_audit(store, st.SYSTEM, limit=1000)]


def test_bulk_confirmation_leaves_every_mandatory_benchmark_to_be_decided_alone(review):
    store, assessor, aid = review
    status = st.review_status(store, assessor, aid)
    bulk = status.confirmable_in_bulk
    mandatory = [v.benchmark_id for v in status.benchmarks if v.mandatory_from]
    assert bulk and mandatory and not set(bulk) & set(mandatory)
    before = _audit_actions(store).count("review.confirm_remaining")
    done = st.confirm_remaining(store, assessor, aid, bulk)
    assert sorted(done) == sorted(bulk)
    after = st.review_status(store, assessor, aid)
    assert after.confirmable_in_bulk == []
    assert {v.benchmark_id for v in after.benchmarks if v.open} == set(mandatory)
    assert not after.complete
    # one act, one audit entry naming every benchmark
    assert _audit_actions(store).count("review.confirm_remaining") == before + 1
    entry = st.list_audit(store, st.SYSTEM, limit=1, action="review.confirm_remaining")[0]
    assert sorted(entry.payload["benchmarks"]) == sorted(bulk)
    assert not st.verify_audit(store).findings


def test_bulk_confirmation_of_a_list_that_changed_does_nothing(review):
    store, assessor, aid = review
    bulk = st.review_status(store, assessor, aid).confirmable_in_bulk
    # someone decides one of them meanwhile: the list shown is no longer the list left
    st.review_benchmark(store, assessor, aid, bulk[0], "confirm", 0)
    with pytest.raises(st.StoreError, match="have changed since you looked"):
        st.confirm_remaining(store, assessor, aid, bulk)
    still = st.review_status(store, assessor, aid)
    assert sorted(still.confirmable_in_bulk) == sorted(bulk[1:])  # nothing else was confirmed


def test_a_verdict_can_be_withdrawn(review):
    store, assessor, aid = review
    bid = st.review_status(store, assessor, aid).benchmarks[0].benchmark_id
    computed = st.review_status(store, assessor, aid).benchmarks[0].computed_status
    other = "met" if computed != "met" else "not_met"
    version = st.review_benchmark(store, assessor, aid, bid, "override", 0, status=other,
                                  justification="Seen in the minutes.")
    assert st.compare_results(store, assessor, aid).reviewed_result.benchmark(bid).status \
        .value == other
    with pytest.raises(st.StaleWriteError):
        st.withdraw_verdict(store, assessor, aid, bid, version + 1)
    st.withdraw_verdict(store, assessor, aid, bid, version)
    verdict = next(v for v in st.review_status(store, assessor, aid).benchmarks
                   if v.benchmark_id == bid)
    assert verdict.decision is None and verdict.open
    assert st.compare_results(store, assessor, aid).reviewed_result.benchmark(bid).status \
        .value == computed
    assert "review.withdraw" in _audit_actions(store)


def test_the_review_says_whether_the_reviewed_result_reaches_a_level(review):
    store, assessor, aid = review
    status = st.review_status(store, assessor, aid)
    assert status.reviewed_level == "bronze" and status.reviewed_score is not None
    # the assessor finds a Bronze-mandatory benchmark not met: no level, said before certifying
    bid = next(v.benchmark_id for v in status.benchmarks if v.mandatory_from == "bronze")
    st.review_benchmark(store, assessor, aid, bid, "override", 0, status="not_met",
                        justification="The document shown is a draft.")
    assert st.review_status(store, assessor, aid).reviewed_level is None


def test_an_analyst_reads_results_without_the_answers_they_quote(demo_store):
    analyst = demo_actors(demo_store)["analyst"]
    aid = assessment_id(demo_store, "valdoria-ministry-of-labour-2024")
    seen = st.compare_results(demo_store, analyst, aid)
    assert seen.reviewed_result.level is not None
    for result in (seen.self_result, seen.reviewed_result):
        assert all(not b.explanation and not b.clauses and not b.partial_clauses
                   for b in result.benchmarks)
    full = st.compare_results(demo_store, st.SYSTEM, aid)
    assert [b.status for b in full.reviewed_result.benchmarks] == \
        [b.status for b in seen.reviewed_result.benchmarks]
    assert any(b.explanation for b in full.self_result.benchmarks)


def test_small_groups_stay_suppressed_whatever_the_caller_asks(demo_store):
    analyst = demo_actors(demo_store)["analyst"]
    c = st.compare_stored(demo_store, analyst, min_group=0)
    assert c.parity is not None and c.parity.min_group == 5


def test_a_decided_assessments_plan_cannot_change(demo_store):
    from seal_engine.errors import TransitionError

    focal = demo_actors(demo_store)["focal_point"]
    aid = assessment_id(demo_store, "valdoria-ministry-of-labour-2024")
    assert st.find_assessment(demo_store, st.SYSTEM, aid).state == "certified"
    import seal_engine

    a = st.assessment_model(demo_store, focal, aid)
    std = st.get_standard(demo_store, a.standard.id, a.standard.version)
    plan = seal_engine.draft_plan(std, a)
    # the demo's committee approved this plan: its actions stay as approved
    with pytest.raises(TransitionError, match="actions stay as approved"):
        st.save_action_plan(demo_store, focal, aid, plan,
                            st.get_action_plan(demo_store, focal, aid)[1])
    # a decided assessment with no approved plan: nothing changes but through a new period
    pam = assessment_id(demo_store, "port-aurel-municipality-2025")
    user = st.create_user(demo_store, st.SYSTEM, email="pam@test.seal", display_name="PAM",
                          password="a test password")
    st.grant_role(demo_store, st.SYSTEM, user.id, "focal_point",
                  institution_id=st.get_institution(demo_store, st.SYSTEM, "VAL-PAM").id)
    pam_focal = st.authenticate(demo_store, "pam@test.seal", "a test password")
    a = st.assessment_model(demo_store, pam_focal, pam)
    with pytest.raises(TransitionError, match="cannot change the action plan"):
        st.save_action_plan(demo_store, pam_focal, pam, seal_engine.draft_plan(std, a), 0)


def test_evidence_never_uploaded_cannot_be_accepted(demo_store):
    """An item only named (neither a file nor a link) is refused acceptance, saying why; a
    rejection with the reason is possible, and a file uploaded is accepted."""
    import sqlalchemy as sa

    from seal_engine.store.schema import evidence

    focal, assessor = (demo_actors(demo_store)[r] for r in ("focal_point", "assessor"))
    aid = assessment_id(demo_store, "valdoria-ministry-of-labour-2025")
    named = st.add_evidence_link(demo_store, focal, aid, "RI-01.impact_data", "Report",
                                 "https://labour.example/report")
    with demo_store.write() as conn:  # an item named only, as an import of a missing file makes
        conn.execute(sa.update(evidence).where(evidence.c.id == named).values(
            kind="reference", reference="reports/impact-2025.pdf"))
    st.submit_assessment(demo_store, focal, aid, st.find_assessment(demo_store, st.SYSTEM,
                                                                    aid).version)
    st.start_review(demo_store, assessor, aid, st.find_assessment(demo_store, st.SYSTEM,
                                                                  aid).version)
    with pytest.raises(st.StoreError, match="named only: the file itself was never uploaded"):
        st.review_evidence(demo_store, assessor, named, "accepted", 0)
    st.review_evidence(demo_store, assessor, named, "rejected", 0,
                       reason="Only the name of the report was given.")
    uploaded = next(e for e in st.get_assessment(demo_store, assessor, aid).evidence
                    if e.kind == "file")
    st.review_evidence(demo_store, assessor, uploaded.id, "accepted", uploaded.verdict_version)
