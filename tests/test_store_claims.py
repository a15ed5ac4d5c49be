"""Mandatory means met, in the store: a not-applicable claim on a mandatory benchmark keeps its
level out of reach until an assessor accepts it; a claim the standard forbids is refused; a
teaching standard is refused a certificate."""

from __future__ import annotations

from pathlib import Path

import pytest

import seal_engine.store as st
from seal_engine.errors import AssessmentError
from seal_engine.store.demo import _review_all

ROOT = Path(__file__).resolve().parent.parent
LADDER = (ROOT / "tests" / "fixtures" / "ladder.yaml").read_text(encoding="utf-8")

# Every benchmark of the ladder met but B1 (mandatory from Bronze), which is claimed not
# applicable: 9 of 9 applicable met, yet no level until an assessor accepts the claim.
YES = "\n".join(f"  B{i}.q: true" for i in range(2, 10))
ASSESSMENT = f"""type: assessment
id: ladder-office-2025
standard: {{id: ladder, version: 1}}
institution: {{id: LAD, name: Ladder Office, country: Testland, scope: national}}
period: {{start: 2025-01-01, end: 2025-12-31}}
answers:
{YES}
not_applicable: {{B1: We have no staff of our own.}}
evidence:
  - {{requirement: B10.doc, title: The document, reference: docs/b10.pdf}}
"""


def _store(tmp_store, tmp_path, standard_text: str = LADDER, assessment: str = ASSESSMENT):
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "ladder.yaml").write_text(standard_text, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(assessment, encoding="utf-8")
    st.import_assessments(tmp_store, st.SYSTEM, [tmp_path / "standards" / "ladder.yaml",
                                                 tmp_path / "a.yaml"])
    a = st.find_assessment(tmp_store, st.SYSTEM, "ladder-office-2025")
    return tmp_store, a.id


def _user(store, email: str, role: str, **scope) -> st.Actor:
    user = st.create_user(store, st.SYSTEM, email=email, display_name=email.split("@")[0],
                          password="a test password")
    st.grant_role(store, st.SYSTEM, user.id, role, **scope)
    return st.authenticate(store, email, "a test password")


def _review(store, aid) -> st.Actor:
    """Submit as the institution's focal point and start the review as an assigned assessor,
    who is returned."""
    a = st.find_assessment(store, st.SYSTEM, aid)
    inst = st.get_institution(store, st.SYSTEM, "LAD")
    focal = _user(store, "focal@ladder.test", "focal_point", institution_id=inst.id)
    assessor = _user(store, "assessor@ladder.test", "assessor")
    st.assign_assessor(store, st.SYSTEM, aid, assessor.user_id)
    st.declare_no_conflict(store, assessor, aid, "No tie to the office.")
    st.submit_assessment(store, focal, aid, a.version)
    st.start_review(store, assessor, aid, st.find_assessment(store, st.SYSTEM, aid).version)
    return assessor


def test_a_pending_claim_on_a_mandatory_benchmark_keeps_the_level_out_of_reach(
        tmp_store, tmp_path):
    store, aid = _store(tmp_store, tmp_path)
    own = st.score_assessment(store, st.SYSTEM, aid)
    assert own.score == 90.0 and own.level is None  # the pending claim counts as not met
    assert own.next_level.pending_claims == ["B1"]
    assessor = _review(store, aid)
    claim = st.get_assessment(store, st.SYSTEM, aid).not_applicable["B1"]
    assert st.compare_results(store, st.SYSTEM, aid).reviewed_result.level is None
    st.decide_not_applicable(store, assessor, aid, "B1", True, claim.version,
                             reason="The office has no staff of its own: checked.")
    both = st.compare_results(store, st.SYSTEM, aid)
    assert both.reviewed_result.benchmark("B1").claim == "accepted"
    assert both.reviewed_result.level is not None
    # the self-assessed result as it stands shows the accepted claim too
    assert both.self_result.benchmark("B1").claim == "accepted"


def test_a_claim_the_standard_forbids_is_refused(tmp_store, tmp_path):
    forbidding = LADDER.replace("        mandatory_from: bronze\n",
                                "        mandatory_from: bronze\n"
                                "        allow_not_applicable: false\n", 1)
    store, aid = _store(tmp_store, tmp_path, forbidding, ASSESSMENT.replace(
        "not_applicable: {B1: We have no staff of our own.}", "answers_left: []").replace(
        "answers_left: []\n", ""))
    before = st.find_assessment(store, st.SYSTEM, aid).version
    with pytest.raises(AssessmentError, match="cannot be claimed not applicable"):
        st.claim_not_applicable(store, st.SYSTEM, aid, "B1", "We have no staff.", 0)
    assert "B1" not in st.get_assessment(store, st.SYSTEM, aid).not_applicable
    assert st.find_assessment(store, st.SYSTEM, aid).version == before


def test_a_teaching_standard_is_refused_a_certificate(tmp_store, tmp_path):
    teaching = LADDER.replace("title: Ladder test standard\n",
                              "title: Ladder test standard\ncertifiable: false\n", 1)
    store, aid = _store(tmp_store, tmp_path, teaching, ASSESSMENT.replace(
        "not_applicable: {B1: We have no staff of our own.}", "").replace(
        "answers:\n", "answers:\n  B1.q: true\n"))
    assessor = _review(store, aid)
    _review_all(store, assessor, aid)
    assert st.compare_results(store, st.SYSTEM, aid).reviewed_result.level == "gold"
    version = st.find_assessment(store, st.SYSTEM, aid).version
    with pytest.raises(st.StoreError, match="not a certifying standard"):
        st.recommend_certification(store, assessor, aid, version)
    assert st.find_assessment(store, st.SYSTEM, aid).state == "under_review"
    assert st.list_certificates(store, st.SYSTEM) == []
    for item in st.get_assessment(store, assessor, aid).evidence:  # named only: never accepted
        if item.kind == "reference":
            st.review_evidence(store, assessor, item.id, "rejected", 0,
                               reason="Named only: the document was never uploaded.")
    for verdict in st.review_status(store, assessor, aid).benchmarks:
        if verdict.benchmark_id == "B10":  # its computed status changed: confirmed again
            st.review_benchmark(store, assessor, aid, "B10", "confirm", verdict.version)
    version = st.find_assessment(store, st.SYSTEM, aid).version
    st.recommend_refusal(store, assessor, aid, version, "A rehearsal of the process.")
    officer = _user(store, "officer@ladder.test", "programme_officer")
    st.refuse_certification(store, officer, aid, st.find_assessment(store, st.SYSTEM,
                                                                     aid).version,
                            "A rehearsal of the process.")
    assert st.find_assessment(store, st.SYSTEM, aid).state == "not_certified"
