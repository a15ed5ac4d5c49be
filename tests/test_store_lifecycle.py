"""The Seal cycle: every transition, allowed and refused; the review (confirm, override with a
justification, evidence verdicts, not-applicable claims, requests); the reviewed level from the
engine's level rule; results side by side; certificates and renewal; stale writes."""

from __future__ import annotations

import datetime as dt

import pytest

import seal_engine.store as st
from seal_engine.errors import AssessmentError, TransitionError

from .conftest import assessment_id, demo_actors, open_test_store

STATES = {  # a demo assessment in each state, and its institution
    "draft": ("valdoria-civil-aviation-authority-2025", "VAL-CAA"),
    "submitted": ("highlands-provincial-health-2025", "VAL-NHPHD"),
    "under_review": ("valdoria-national-statistics-office-2025", "VAL-NSO"),
    "changes_requested": ("valdoria-ministry-of-labour-2025", "VAL-MLSP"),
    "certified": ("port-aurel-municipality-2025", "VAL-PAM"),
    "not_certified": ("highlands-provincial-health-2024", "VAL-NHPHD"),
}
ALLOWED = {"submit": {"draft", "changes_requested"}, "start_review": {"submitted"},
           "request_changes": {"under_review"}, "recommend": {"under_review"},
           "recommend_refusal": {"under_review"}, "certify": {"recommended"},
           "refuse": {"recommended"}, "return_to_team": {"recommended"}}


class Cycle:
    def __init__(self, store):
        self.store = store
        self.demo = demo_actors(store)
        self.assessor = self.demo["assessor"]
        self.officer = self.demo["programme_officer"]
        self.focal: dict[str, st.Actor] = {}

    def focal_of(self, code: str) -> st.Actor:
        if code not in self.focal:
            inst = st.get_institution(self.store, st.SYSTEM, code)
            email = f"focal-{code.lower()}@test.seal"
            user = st.create_user(self.store, st.SYSTEM, email=email, display_name=code,
                                  password="a test password")
            st.grant_role(self.store, st.SYSTEM, user.id, "focal_point", institution_id=inst.id)
            self.focal[code] = st.authenticate(self.store, email, "a test password")
        return self.focal[code]

    def version(self, aid: str) -> int:
        return st.find_assessment(self.store, st.SYSTEM, aid).version

    def state(self, aid: str) -> str:
        return st.find_assessment(self.store, st.SYSTEM, aid).state

    def act(self, action: str, aid: str, institution: str):
        s, v = self.store, self.version(aid)
        if action == "submit":
            return st.submit_assessment(s, self.focal_of(institution), aid, v)
        if action == "start_review":
            return st.start_review(s, self.assessor, aid, v)
        if action == "request_changes":
            st.request_evidence(s, self.assessor, aid, "LC-01", "Add the signed policy.")
            return st.request_changes(s, self.assessor, aid, self.version(aid))
        if action == "recommend":
            return st.recommend_certification(s, self.assessor, aid, v)
        if action == "recommend_refusal":
            return st.recommend_refusal(s, self.assessor, aid, v, "Too little evidence.")
        if action == "certify":
            return st.certify_assessment(s, self.officer, aid, v)
        if action == "return_to_team":
            return st.return_to_team(s, self.officer, aid, v, "Look at PC-05 again.")
        return st.refuse_certification(s, self.officer, aid, v, "Too little evidence.")

    def review_all(self, aid: str) -> None:
        from seal_engine.store.demo import _review_all

        _review_all(self.store, self.assessor, aid)


@pytest.fixture
def cycle(demo_store):
    return Cycle(demo_store)


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_each_transition_from_each_state(cycle, state, action):
    code, institution = STATES[state]
    aid = assessment_id(cycle.store, code)
    for a in ("valdoria-civil-aviation-authority-2025",):
        if st.find_assessment(cycle.store, st.SYSTEM, a).id == aid:
            st.assign_assessor(cycle.store, st.SYSTEM, aid, cycle.assessor.user_id)
    if state == "under_review" and action in ("recommend", "recommend_refusal"):
        cycle.review_all(aid)
        if action == "recommend":  # the example misses one Bronze-mandatory benchmark
            for b in st.compare_results(cycle.store, st.SYSTEM, aid).reviewed_result.benchmarks:
                if b.mandatory_from == "bronze" and b.status.value != "met":
                    st.review_benchmark(cycle.store, cycle.assessor, aid, b.id, "override", 1,
                                        status="met", justification="Adopted since.")
    if state == "draft" and action == "submit":
        # the draft is unfinished: the service itself refuses it, naming what is left
        with pytest.raises(AssessmentError,
                           match="every required question must be answered") as e:
            cycle.act(action, aid, institution)
        assert any(p.field == "answers.LC-01.aligned" for p in e.value.problems)
        assert cycle.state(aid) == state
    elif state in ALLOWED[action]:
        cycle.act(action, aid, institution)
        target = {"submit": "submitted", "start_review": "under_review",
                  "request_changes": "changes_requested", "recommend": "recommended",
                  "recommend_refusal": "recommended"}[action]
        assert cycle.state(aid) == target
    else:
        with pytest.raises(TransitionError, match="cannot"):
            cycle.act(action, aid, institution)
        assert cycle.state(aid) == state
    assert st.verify_audit(cycle.store).ok


def test_certification_at_the_reviewed_level_with_its_certificate(demo_store):
    fixed = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)
    store = open_test_store(demo_store.url, clock=lambda: fixed)
    c = Cycle(store)
    aid = assessment_id(store, "valdoria-national-statistics-office-2025")
    c.review_all(aid)
    comparison = st.compare_results(store, c.assessor, aid)
    assert comparison.self_result.level is None  # a Bronze-mandatory benchmark is not met
    not_met = [b for b in comparison.reviewed_result.benchmarks
               if b.mandatory_from == "bronze" and b.status.value != "met"]
    assert not_met, "the example has a blocking benchmark"
    for b in not_met:  # the assessor finds it met after all, and says why
        with pytest.raises(st.StoreError, match="justification"):
            st.review_benchmark(store, c.assessor, aid, b.id, "override", 1, status="met")
        st.review_benchmark(store, c.assessor, aid, b.id, "override", 1, status="met",
                            justification="The policy was adopted during the review.")
    comparison = st.compare_results(store, c.assessor, aid)
    assert comparison.reviewed_result.level == "bronze" and comparison.level_changed
    assert {d.benchmark_id for d in comparison.differences} >= {b.id for b in not_met}
    assert all("adopted during the review" in d.reason for d in comparison.differences
               if d.benchmark_id in {b.id for b in not_met})
    st.recommend_certification(store, c.assessor, aid, c.version(aid))
    assert c.state(aid) == "recommended"
    with pytest.raises(st.PermissionDeniedError):  # the team does not award
        st.certify_assessment(store, c.assessor, aid, c.version(aid))
    cert = st.certify_assessment(store, c.officer, aid, c.version(aid))
    assert (cert.level, cert.issued_on, cert.valid_until) == (
        "bronze", dt.date(2026, 3, 15), dt.date(2029, 3, 15))
    assert (cert.standard_id, cert.standard_version) == ("undp-seal-public-institutions", 3)
    report = st.verify_audit(store)
    assert report.ok and report.anchors_checked == 3
    rows = {(r.assessment_code, r.kind): r for r in st.portfolio_results(store, st.SYSTEM)}
    assert rows[("valdoria-national-statistics-office-2025", "self")].level is None
    assert rows[("valdoria-national-statistics-office-2025", "reviewed")].level == "bronze"
    soon = st.list_certificates(store, st.SYSTEM, expiring_within=dt.timedelta(days=90))
    assert soon == []
    later = open_test_store(demo_store.url, clock=lambda: fixed.replace(year=2029, month=1))
    soon = st.list_certificates(later, st.SYSTEM, expiring_within=dt.timedelta(days=90))
    assert [x.assessment_code for x in soon] == ["valdoria-national-statistics-office-2025"]


def test_certify_needs_a_complete_and_current_review(cycle):
    aid = assessment_id(cycle.store, "valdoria-national-statistics-office-2025")
    with pytest.raises(st.StoreError, match="without a verdict"):
        st.recommend_certification(cycle.store, cycle.assessor, aid, cycle.version(aid))
    cycle.review_all(aid)
    info = st.get_assessment(cycle.store, cycle.assessor, aid)
    accepted = [e for e in info.evidence if e.verdict == "accepted"]
    before = {v.benchmark_id: v.computed_status
              for v in st.review_status(cycle.store, cycle.assessor, aid).benchmarks}
    for e in accepted:  # reject every accepted item: computed statuses fall
        with pytest.raises(st.StoreError, match="needs the reason"):
            st.review_evidence(cycle.store, cycle.assessor, e.id, "rejected", e.version)
        st.review_evidence(cycle.store, cycle.assessor, e.id, "rejected", e.version,
                           reason="Not dated.")
    status = st.review_status(cycle.store, cycle.assessor, aid)
    outdated = [v.benchmark_id for v in status.benchmarks if v.outdated]
    assert outdated and all(before[b] != v.computed_status for v in status.benchmarks
                            for b in [v.benchmark_id] if v.outdated)
    with pytest.raises(st.StoreError, match="confirm again"):
        st.recommend_certification(cycle.store, cycle.assessor, aid, cycle.version(aid))
    assert cycle.state(aid) == "under_review"


def test_a_not_applicable_claim_counts_once_accepted(cycle):
    aid = assessment_id(cycle.store, "valdoria-ministry-of-labour-2025")
    focal = cycle.demo["focal_point"]
    with pytest.raises(st.StoreError, match="needs the reason"):
        st.claim_not_applicable(cycle.store, focal, aid, "PC-06", "  ", 0)
    st.claim_not_applicable(cycle.store, focal, aid, "PC-06", "We buy nothing by tender.", 0)
    assert st.score_assessment(cycle.store, focal, aid).benchmark("PC-06").status.value == \
        "not_applicable"
    cycle.act("submit", aid, "VAL-MLSP")
    cycle.act("start_review", aid, "VAL-MLSP")
    reviewed = st.compare_results(cycle.store, cycle.assessor, aid).reviewed_result
    assert reviewed.benchmark("PC-06").status.value != "not_applicable"
    with pytest.raises(st.StoreError, match="needs the reason"):
        st.decide_not_applicable(cycle.store, cycle.assessor, aid, "PC-06", False, 1)
    with pytest.raises(st.StoreError, match="accepting a not-applicable claim needs the reason"):
        st.decide_not_applicable(cycle.store, cycle.assessor, aid, "PC-06", True, 1)
    st.decide_not_applicable(cycle.store, cycle.assessor, aid, "PC-06", True, 1,
                             reason="The ministry runs no procurement of its own.")
    reviewed = st.compare_results(cycle.store, cycle.assessor, aid).reviewed_result
    assert reviewed.benchmark("PC-06").status.value == "not_applicable"


def test_a_question_not_asked_is_not_required(cycle):
    # the Ministry of Labour held no staff survey: its response rate is not asked
    aid = assessment_id(cycle.store, "valdoria-ministry-of-labour-2025")
    result = st.score_assessment(cycle.store, st.SYSTEM, aid)
    assert {"WE-16.response_rate", "WE-16.by_sex"} <= set(result.not_asked)
    focal = cycle.demo["focal_point"]
    answer = st.get_assessment(cycle.store, st.SYSTEM, aid).answers["WE-16.survey"]
    st.save_answer(cycle.store, focal, aid, "WE-16.survey", True, answer.version)
    # now it is asked, and the assessment cannot be submitted without it
    assert "WE-16.response_rate" not in st.score_assessment(cycle.store, st.SYSTEM,
                                                            aid).not_asked
    with pytest.raises(AssessmentError, match="WE-16.response_rate is not answered"):
        cycle.act("submit", aid, "VAL-MLSP")
    assert cycle.state(aid) == "changes_requested"


def _recommended(cycle) -> str:
    """The Statistics Office reviewed, its blocking benchmark found met, and recommended."""
    aid = assessment_id(cycle.store, "valdoria-national-statistics-office-2025")
    cycle.review_all(aid)
    for b in st.compare_results(cycle.store, st.SYSTEM, aid).reviewed_result.benchmarks:
        if b.mandatory_from == "bronze" and b.status.value != "met":
            st.review_benchmark(cycle.store, cycle.assessor, aid, b.id, "override", 1,
                                status="met", justification="Adopted since.")
    cycle.act("recommend", aid, "VAL-NSO")
    return aid


def test_four_eyes_the_programme_decides_on_the_teams_recommendation(cycle):
    aid = _recommended(cycle)
    status = st.review_status(cycle.store, cycle.officer, aid)
    assert status.recommendation == "certify" and status.recommended_level == "bronze"
    assert status.recommended_by and status.team[0][1] == "lead" and status.team[0][2]
    assert sum(status.verdicts_by.values()) == len(status.benchmarks)
    # an officer who is on the team may not decide
    st.assign_assessor(cycle.store, st.SYSTEM, aid, _officer_on_team(cycle, aid), lead=False)
    with pytest.raises(st.StoreError, match="four eyes"):
        st.certify_assessment(cycle.store, cycle.officer_on_team, aid, cycle.version(aid))
    cert = st.certify_assessment(cycle.store, cycle.officer, aid, cycle.version(aid))
    assert cert.level == "bronze" and cycle.state(aid) == "certified"


def _officer_on_team(cycle, aid) -> str:
    user = st.create_user(cycle.store, st.SYSTEM, email="po-team@test.seal",
                          display_name="Officer on the team", password="a test password")
    st.grant_role(cycle.store, st.SYSTEM, user.id, "programme_officer")
    st.grant_role(cycle.store, st.SYSTEM, user.id, "assessor")
    cycle.officer_on_team = st.authenticate(cycle.store, "po-team@test.seal",
                                            "a test password")
    return user.id


def test_returned_to_the_team_the_review_opens_again(cycle):
    aid = _recommended(cycle)
    with pytest.raises(st.StoreError, match="say why"):
        st.return_to_team(cycle.store, cycle.officer, aid, cycle.version(aid), " ")
    st.return_to_team(cycle.store, cycle.officer, aid, cycle.version(aid),
                      "The harassment policy's adoption date is not shown.")
    assert cycle.state(aid) == "under_review"
    assert st.review_status(cycle.store, cycle.assessor, aid).recommendation is None


def test_only_the_lead_recommends_and_only_after_declaring_no_conflict(cycle):
    aid = assessment_id(cycle.store, "highlands-provincial-health-2025")
    user = st.create_user(cycle.store, st.SYSTEM, email="member@test.seal",
                          display_name="Team member", password="a test password")
    st.grant_role(cycle.store, st.SYSTEM, user.id, "assessor")
    member = st.authenticate(cycle.store, "member@test.seal", "a test password")
    st.assign_assessor(cycle.store, st.SYSTEM, aid, user.id)
    with pytest.raises(st.StoreError, match="no conflict of interest"):
        st.start_review(cycle.store, member, aid, cycle.version(aid))
    with pytest.raises(st.StoreError, match="in your own words"):
        st.declare_no_conflict(cycle.store, member, aid, "  ")
    st.declare_no_conflict(cycle.store, member, aid, "No tie to the department.")
    st.start_review(cycle.store, member, aid, cycle.version(aid))
    cycle.review_all(aid)
    with pytest.raises(st.StoreError, match="only the lead"):
        st.recommend_certification(cycle.store, member, aid, cycle.version(aid))
    st.recommend_certification(cycle.store, cycle.assessor, aid, cycle.version(aid))
    assert cycle.state(aid) == "recommended"


def test_changes_requested_then_resubmitted(cycle):
    aid = assessment_id(cycle.store, "valdoria-national-statistics-office-2025")
    with pytest.raises(st.StoreError, match="say what the institution must add"):
        st.request_changes(cycle.store, cycle.assessor, aid, cycle.version(aid))
    cycle.act("request_changes", aid, "VAL-NSO")
    focal = cycle.focal_of("VAL-NSO")
    assert st.review_status(cycle.store, focal, aid).open_requests[0]["benchmark_id"] == "LC-01"
    st.add_evidence_link(cycle.store, focal, aid, "LC-01.policy_doc", "Signed policy",
                         "https://nso.example/policy.pdf")
    cycle.act("submit", aid, "VAL-NSO")
    assert st.review_status(cycle.store, focal, aid).open_requests == []
    assert cycle.state(aid) == "submitted"


def test_a_stale_answer_is_refused_saying_who_and_when(cycle):
    aid = assessment_id(cycle.store, "valdoria-ministry-of-labour-2025")
    focal = cycle.demo["focal_point"]
    read = st.get_assessment(cycle.store, focal, aid).answers["LC-04.reviews"].version
    assert st.save_answer(cycle.store, focal, aid, "LC-04.reviews", 3, read) == read + 1
    with pytest.raises(st.StaleWriteError) as e:
        st.save_answer(cycle.store, focal, aid, "LC-04.reviews", 4, read)
    assert "Farah Focal (demo)" in str(e.value) and "UTC" in str(e.value)
    assert e.value.current_version == read + 1
    assert st.get_assessment(cycle.store, focal, aid).answers["LC-04.reviews"].value == 3
    with pytest.raises(st.StaleWriteError):
        st.submit_assessment(cycle.store, focal, aid, cycle.version(aid) - 1)
    with pytest.raises(AssessmentError, match="LC-04.reviews"):
        st.save_answer(cycle.store, focal, aid, "LC-04.reviews", "often", read + 1)


def test_renewal_starts_a_draft_from_the_certified_one(cycle):
    aid = assessment_id(cycle.store, "valdoria-ministry-of-labour-2024")
    focal = cycle.demo["focal_point"]
    new = st.renew_assessment(cycle.store, focal, aid, dt.date(2027, 1, 1),
                              dt.date(2027, 12, 31))
    old, fresh = (st.get_assessment(cycle.store, focal, x) for x in (aid, new))
    assert fresh.state == "draft" and fresh.renewed_from == aid
    assert {q: a.value for q, a in fresh.answers.items()} == \
        {q: a.value for q, a in old.answers.items()}
    assert len(fresh.evidence) == len(old.evidence) and fresh.workforce is None
    with pytest.raises(TransitionError, match="only a certified"):
        st.renew_assessment(cycle.store, focal, new, dt.date(2028, 1, 1), dt.date(2028, 12, 31))


def test_an_evidence_verdict_is_changed_naming_its_own_version(cycle):
    """Each evidence item says the version of the assessor's verdict on it, so that the
    verdict can be changed (and a stale change is refused)."""
    aid = assessment_id(cycle.store, STATES["under_review"][0])
    item = st.get_assessment(cycle.store, cycle.assessor, aid).evidence[0]
    assert (item.verdict, item.verdict_version) == (None, 0)
    st.review_evidence(cycle.store, cycle.assessor, item.id, "rejected", 0, reason="A draft.")
    item = next(e for e in st.get_assessment(cycle.store, cycle.assessor, aid).evidence
                if e.id == item.id)
    assert (item.verdict, item.verdict_version) == ("rejected", 1)
    with pytest.raises(st.StaleWriteError):
        st.review_evidence(cycle.store, cycle.assessor, item.id, "accepted", 0)
    st.review_evidence(cycle.store, cycle.assessor, item.id, "accepted", item.verdict_version)
    item = next(e for e in st.get_assessment(cycle.store, cycle.assessor, aid).evidence
                if e.id == item.id)
    assert (item.verdict, item.verdict_version) == ("accepted", 2)
