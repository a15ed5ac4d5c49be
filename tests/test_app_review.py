"""The assessor's review page, driven by ``AppTest`` as the demo assessor: starting a review,
overriding a benchmark (a justification is required), rejecting evidence (a reason is
required), deciding a not-applicable claim, asking for changes and sending the assessment back,
and certifying once the review is complete; the self-assessed and reviewed results side by
side with their differences."""

from __future__ import annotations

import seal_engine.store as st

from .appkit import (
    HPH25,
    ML25,
    NSO25,
    actor,
    assessment,
    button,
    no_failure,
    open_app,
    store,
    texts,
)


def _verdicts(code: str) -> dict:
    return {v.benchmark_id: v for v in st.review_status(store(), actor("assessor"),
                                                        assessment(code).id).benchmarks}


def _choose(at, code: str, benchmark: str):
    at.selectbox(key=f"rb:{assessment(code).id}").set_value(benchmark).run()
    return at


def test_starting_the_review_of_a_submitted_assessment(app_db):
    at = open_app("assessor", "review", a=HPH25)
    no_failure(at)
    assert "waiting for you" in texts(at)
    button(at, "Start the review").click().run()
    no_failure(at)
    assert assessment(HPH25).state == "under_review"
    assert "Decision" in texts(at)


def test_overriding_needs_a_justification_and_shows_as_a_difference(app_db):
    at = _choose(open_app("assessor", "review", a=NSO25), NSO25, "WE-03")
    computed = _verdicts(NSO25)["WE-03"].computed_status
    target = "not_met" if computed != "not_met" else "met"
    at.selectbox(key="ovs:WE-03").set_value(target)
    [b for b in at.button if b.label == "Override"][0].click().run()
    assert any("justification" in e.value for e in at.error)
    assert _verdicts(NSO25)["WE-03"].decision is None
    at.selectbox(key="ovs:WE-03").set_value(target)
    at.text_area(key="ovj:WE-03").input("The staff file shows fewer women than the answer says.")
    [b for b in at.button if b.label == "Override"][0].click().run()
    no_failure(at)
    v = _verdicts(NSO25)["WE-03"]
    assert (v.decision, v.status) == ("override", target)
    again = open_app("assessor", "review", a=NSO25)
    differences = again.table[0].value
    row = differences[differences["Benchmark"].str.startswith("WE-03")]
    assert len(row) == 1 and "The assessor overrode the status" in row["Why"].iloc[0]


def test_rejecting_evidence_needs_the_reason(app_db):
    aid = assessment(NSO25).id
    item = st.get_assessment(store(), st.SYSTEM, aid).evidence[0]
    at = _choose(open_app("assessor", "review", a=NSO25), NSO25, item.benchmark_id)
    at.segmented_control(key=f"rv:{item.id}").set_value("rejected").run()
    assert any("needs the reason" in e.value for e in at.error)
    assert at.segmented_control(key=f"rv:{item.id}").value is None  # put back as it was
    at.text_input(key=f"rr:{item.id}").input("The policy shown is a draft, not signed.")
    at.segmented_control(key=f"rv:{item.id}").set_value("rejected").run()
    no_failure(at)
    verdict = next(e for e in st.get_assessment(store(), st.SYSTEM, aid).evidence
                   if e.id == item.id)
    assert (verdict.verdict, verdict.verdict_reason) == ("rejected",
                                                         "The policy shown is a draft, not "
                                                         "signed.")
    # and changed again: the verdict's own version is named
    at.segmented_control(key=f"rv:{item.id}").set_value("accepted").run()
    no_failure(at)
    assert next(e for e in st.get_assessment(store(), st.SYSTEM, aid).evidence
                if e.id == item.id).verdict == "accepted"


def test_deciding_a_not_applicable_claim(app_db):
    aid = assessment(ML25).id
    focal = actor("focal_point")
    st.claim_not_applicable(store(), focal, aid, "PC-06", "We run no procurement.", 0)
    st.submit_assessment(store(), focal, aid, assessment(ML25).version)
    st.start_review(store(), actor("assessor"), aid, assessment(ML25).version)
    at = _choose(open_app("assessor", "review", a=ML25), ML25, "PC-06")
    assert "does not apply: We run no procurement." in texts(at)
    at.segmented_control(key="nav:PC-06").set_value("accepted").run()
    assert "needs the reason" in texts(at)  # accepting a claim needs a reason too
    assert st.get_assessment(store(), st.SYSTEM, aid).not_applicable["PC-06"].decision is None
    at.text_input(key="nar:PC-06").input("The ministry buys through the central agency.")
    at.segmented_control(key="nav:PC-06").set_value("accepted").run()
    no_failure(at)
    claim = st.get_assessment(store(), st.SYSTEM, aid).not_applicable["PC-06"]
    assert claim.decision == "accepted"
    assert claim.decision_reason == "The ministry buys through the central agency."


def test_asking_for_changes_sends_the_assessment_back(app_db):
    at = _choose(open_app("assessor", "review", a=NSO25), NSO25, "PC-05")
    assert button(at, "Send back for changes").disabled  # nothing asked yet
    at.text_area(key="rqm:PC-05").input("Please add the tagged budget.")
    [b for b in at.button if b.label == "Add the request"][0].click().run()
    no_failure(at)
    assert "Please add the tagged budget." in texts(at)  # listed before it is sent
    button(at, "Send back for changes").click().run()
    assert assessment(NSO25).state == "under_review"  # asked once more first
    button(at, "Yes, send it back").click().run()
    no_failure(at)
    assert assessment(NSO25).state == "changes_requested"
    focal_home = st.review_status(store(), st.SYSTEM, assessment(NSO25).id).open_requests
    assert focal_home[0]["message"] == "Please add the tagged budget."


def decide_evidence_and_mandatory(assessor, aid) -> None:
    """Accept every evidence item not yet decided and confirm every mandatory benchmark, one
    by one."""
    for eid in st.review_status(store(), assessor, aid).evidence_pending:
        st.review_evidence(store(), assessor, eid, "accepted", 0)
    for v in st.review_status(store(), assessor, aid).benchmarks:
        if v.open and v.mandatory_from is not None:
            st.review_benchmark(store(), assessor, aid, v.benchmark_id, "confirm", v.version)


def test_the_team_recommends_and_the_programme_certifies(app_db):
    aid = assessment(HPH25).id
    st.start_review(store(), actor("assessor"), aid, assessment(HPH25).version)
    at = open_app("assessor", "review", a=HPH25)
    assert button(at, "Recommend certification").disabled
    assert "the review still needs" in texts(at)
    assert not [b for b in at.button if b.label.startswith("Accept the")]  # no bulk acceptance
    # each evidence item and each mandatory benchmark is decided on its own (here through the
    # service, as the benchmark panel does)
    assessor = actor("assessor")
    decide_evidence_and_mandatory(assessor, aid)
    at = open_app("assessor", "review", a=HPH25)
    bulk = [b for b in at.button if b.label.startswith("Confirm the computed status")][0]
    assert "non-mandatory" in bulk.label
    bulk.click().run()
    button(at, "Yes, confirm them").click().run()
    no_failure(at)
    button(at, "Recommend certification").click().run()
    assert assessment(HPH25).state == "under_review"  # asked once more first
    button(at, "Yes, recommend it").click().run()
    no_failure(at)
    assert assessment(HPH25).state == "recommended"
    assert "waits for the programme's decision" in texts(open_app("assessor", "review",
                                                                  a=HPH25))
    # the programme officer, not on the team, decides on the Awards page
    home = texts(open_app("programme_officer"))
    assert "1 recommendation waits for your decision" in home
    at = open_app("programme_officer", "awards", a=HPH25)
    no_failure(at)
    team = at.dataframe[0].value  # who reviewed what
    assert list(team["Assessor"]) == ["Assia Assessor (demo)"]
    assert list(team["Role on the team"]) == ["Lead"] and team["Verdicts given"][0] > 0
    button(at, "Certify").click().run()
    assert assessment(HPH25).state == "recommended"  # asked once more first
    button(at, "Yes, certify").click().run()
    no_failure(at)
    assert assessment(HPH25).state == "certified"
    assert "is certified at Bronze: the certificate is issued" in texts(at)  # said, not lost
    cert = [c for c in st.list_certificates(store(), st.SYSTEM) if c.assessment_id == aid][0]
    assert cert.level == "bronze"
    assert "Certified Bronze" in texts(open_app("assessor", "review", a=HPH25))


def test_an_assessor_declares_no_conflict_before_reviewing(app_db):
    user = st.create_user(store(), st.SYSTEM, email="second@test.seal",
                          display_name="Second Assessor", password="a test password")
    st.grant_role(store(), st.SYSTEM, user.id, "assessor")
    st.assign_assessor(store(), st.SYSTEM, assessment(HPH25).id, user.id)
    at = open_app("second@test.seal", "review", a=HPH25)
    assert "declare that you have no conflict of interest" in texts(at)
    assert not [b for b in at.button if b.label == "Start the review"]
    at.text_area[0].input("I have never worked with the department.")
    [b for b in at.button if b.label == "Declare no conflict of interest"][0].click().run()
    no_failure(at)
    assert [b for b in at.button if b.label == "Start the review"]


def test_a_focal_point_or_analyst_never_reaches_the_review(app_db):
    import pytest

    for role in ("focal_point", "analyst", "admin"):
        at = open_app(role)
        with pytest.raises(ValueError):
            at.switch_page("views/review.py")


def test_the_institution_reads_the_review_once_sent_back(app_db):
    """An override's justification, a rejected evidence item and a rejected claim reach the
    focal point: on the home page and in the benchmark itself, with the reviewed status."""
    aid = assessment(ML25).id
    focal, assessor = actor("focal_point"), actor("assessor")
    st.claim_not_applicable(store(), focal, aid, "PC-06", "We run no procurement.", 0)
    st.submit_assessment(store(), focal, aid, assessment(ML25).version)
    st.start_review(store(), assessor, aid, assessment(ML25).version)
    verdicts = _verdicts(ML25)
    computed = verdicts["WE-16"].computed_status
    target = "not_met" if computed != "not_met" else "met"
    st.review_benchmark(store(), assessor, aid, "WE-16", "override", verdicts["WE-16"].version,
                        status=target, justification="The survey results by sex are missing.")
    item = next(e for e in st.get_assessment(store(), st.SYSTEM, aid).evidence
                if e.benchmark_id == "LC-01")
    st.review_evidence(store(), assessor, item.id, "rejected", item.verdict_version,
                       reason="The policy shown is an unsigned draft.")
    claim = st.get_assessment(store(), st.SYSTEM, aid).not_applicable["PC-06"]
    st.decide_not_applicable(store(), assessor, aid, "PC-06", False, claim.version,
                             reason="The ministry buys services every year.")
    st.request_evidence(store(), assessor, aid, "RI-01", "Please add the monitoring report.")
    st.request_changes(store(), assessor, aid, assessment(ML25).version)

    home = texts(open_app("focal_point"))
    for words in ("Please add the monitoring report.", "The survey results by sex are missing.",
                  "The policy shown is an unsigned draft.",
                  "The ministry buys services every year."):
        assert words in home
    assert "As the assessor reviewed it:" in home  # the reviewed score and level
    page = open_app("focal_point", "assessment", a=ML25, d="WE")
    no_failure(page)
    shown = texts(page)
    assert "The survey results by sex are missing." in shown
    assert "reviewed: " in shown  # the benchmark shows both statuses
    assert "As the assessor reviewed it:" in shown


def test_a_reload_stays_on_the_benchmark_in_hand(app_db):
    """The benchmark chosen is in the address: a new session on that address (a reload) opens
    it again, even once it has its verdict and another is the first without one."""
    at = _choose(open_app("assessor", "review", a=NSO25), NSO25, "WE-03")
    assert at.query_params["b"] == "WE-03"
    v = _verdicts(NSO25)["WE-03"]
    st.review_benchmark(store(), actor("assessor"), assessment(NSO25).id, "WE-03", "confirm",
                        v.version)
    again = open_app("assessor", "review", a=NSO25, b="WE-03")
    assert again.selectbox(key=f"rb:{assessment(NSO25).id}").value == "WE-03"
