"""The programme's stages before the application, enforced by the store: the commitment (the
head's letter and the committee's founding act), a baseline recorded, its action plan approved
by the head or the committee, the minimum implementation period; a pilot's short loop set in
the standard; an approved plan keeps its actions and reports progress only."""

from __future__ import annotations

import datetime as dt

import pytest

import seal_engine.store as st
from seal_engine.errors import StoreError, TransitionError
from seal_engine.store.demo import demo_pdf

from .conftest import ROOT, open_test_store

# The ladder with the programme's whole process (the standard's default): its short-loop line out.
LADDER = "".join(line for line in (ROOT / "tests" / "fixtures" / "ladder.yaml").read_text(
    encoding="utf-8").splitlines(keepends=True) if not line.startswith("process:"))
ANSWERS = {f"B{i}.q": i != 9 for i in range(1, 10)}
LETTER = ("letter.pdf", demo_pdf("Letter of commitment", "Signed by the head."))
ACT = ("committee.pdf", demo_pdf("Founding act", "The committee is founded."))
MINUTES = ("minutes.pdf", demo_pdf("Minutes", "The committee approves the plan."))


class Clock:
    def __init__(self, when: dt.datetime):
        self.when = when

    def __call__(self) -> dt.datetime:
        return self.when


class Office:
    """An institution on the ladder standard with its focal point, on a store whose clock the
    test moves."""

    def __init__(self, tmp_store, tmp_path, ladder: str = LADDER):
        folder = tmp_path / "standards"
        folder.mkdir()
        (folder / "ladder.yaml").write_text(ladder, encoding="utf-8")
        st.add_standard(tmp_store, st.SYSTEM, folder / "ladder.yaml")
        self.clock = Clock(dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC))
        self.store = open_test_store(tmp_store.url, clock=self.clock)
        self.inst = st.create_institution(self.store, st.SYSTEM, code="LAD", name="Ladder Office",
                                          country="Testland", scope="national").id
        user = st.create_user(self.store, st.SYSTEM, email="focal@lad.test",
                              display_name="Focal", password="a test password")
        st.grant_role(self.store, st.SYSTEM, user.id, "focal_point", institution_id=self.inst)
        self.focal = st.authenticate(self.store, "focal@lad.test", "a test password")

    def assessment(self, purpose: str, year: int) -> str:
        a = st.create_assessment(self.store, self.focal, self.inst, "ladder", 1,
                                 dt.date(year, 1, 1), dt.date(year, 12, 31), purpose=purpose)
        for qid, value in ANSWERS.items():
            st.save_answer(self.store, self.focal, a.id, qid, value, 0)
        return a.id

    def version(self, aid: str) -> int:
        return st.find_assessment(self.store, st.SYSTEM, aid).version

    def state(self, aid: str) -> str:
        return st.find_assessment(self.store, st.SYSTEM, aid).state

    def commit(self) -> None:
        st.record_commitment(self.store, self.focal, self.inst, signed_on=dt.date(2025, 1, 5),
                             letter=LETTER, committee=ACT)

    def plan(self, aid: str) -> None:
        import seal_engine as se

        model = st.assessment_model(self.store, st.SYSTEM, aid)
        std = st.get_standard(self.store, "ladder", 1)
        plan = se.ActionPlan.model_validate({
            "standard": {"id": "ladder", "version": 1},
            "institution": model.institution.model_dump(mode="json"),
            "assessment": st.find_assessment(self.store, st.SYSTEM, aid).code,
            "start": "2026-Q1", "end": "2026-Q4", "level": None,
            "rows": [{"no": 1, "action": "own-results", "own": True, "area": "policy_standards",
                      "activity": "Measure results for women", "benchmarks": ["B9"],
                      "start": "2026-Q1", "end": "2026-Q4", "responsible": "Planning"}]})
        assert std.id == "ladder"
        st.save_action_plan(self.store, self.focal, aid, plan, 0)

    def submit(self, aid: str):
        return st.submit_assessment(self.store, self.focal, aid, self.version(aid))


@pytest.fixture
def office(tmp_store, tmp_path):
    return Office(tmp_store, tmp_path)


def test_the_whole_process_from_commitment_to_application(office):
    o = office
    base = o.assessment("baseline", 2025)
    application = o.assessment("certification", 2026)
    status = st.process_status(o.store, o.focal, o.inst)
    assert [(s.code, s.done) for s in status.stages] == [
        ("commitment", False), ("baseline", False), ("plan_approval", False),
        ("implementation", False), ("application", False), ("award", False)]
    assert status.next_stage.code == "commitment"
    # 1. no commitment: neither the baseline nor the application goes on
    with pytest.raises(StoreError, match="commitment is not recorded"):
        st.record_baseline(o.store, o.focal, base, o.version(base))
    with pytest.raises(StoreError, match="commitment is not recorded"):
        o.submit(application)
    o.commit()
    # 2. a baseline is recorded, never submitted for review
    with pytest.raises(TransitionError, match="it is a baseline assessment"):
        o.submit(base)
    with pytest.raises(StoreError, match="no baseline is recorded"):
        o.submit(application)
    st.record_baseline(o.store, o.focal, base, o.version(base))
    assert o.state(base) == "recorded"
    # B9 answered no, B10 without its report
    assert st.compare_results(o.store, o.focal, base).self_result.score == 80.0
    with pytest.raises(TransitionError, match="it is a certification assessment"):
        st.record_baseline(o.store, o.focal, application, o.version(application))
    # 3. the baseline's plan, approved by the committee
    with pytest.raises(StoreError, match="not approved by the head"):
        o.submit(application)
    with pytest.raises(StoreError, match="no action plan"):
        st.approve_action_plan(o.store, o.focal, base, approved_by="committee",
                               approved_on=dt.date(2026, 1, 5), document=MINUTES,
                               expected_version=o.version(base))
    o.plan(base)
    for bad, match in (({"approved_by": "minister"}, "'head' or 'committee'"),
                       ({"approved_on": dt.date(2026, 2, 1)}, "after today"),
                       ({"document": ("minutes.pdf", b"not a pdf")}, "not one")):
        args = {"approved_by": "committee", "approved_on": dt.date(2026, 1, 5),
                "document": MINUTES, **bad}
        with pytest.raises(StoreError, match=match):
            st.approve_action_plan(o.store, o.focal, base, expected_version=o.version(base),
                                   **args)
    st.approve_action_plan(o.store, o.focal, base, approved_by="committee",
                           approved_on=dt.date(2026, 1, 5), document=MINUTES,
                           expected_version=o.version(base))
    with pytest.raises(TransitionError, match="an approval is not replaced"):
        st.approve_action_plan(o.store, o.focal, base, approved_by="head",
                               approved_on=dt.date(2026, 1, 6), document=MINUTES,
                               expected_version=o.version(base))
    # 4. twelve months of implementation (the standard's default) before the application
    with pytest.raises(StoreError, match="can be submitted from 2027-01-05"):
        o.submit(application)
    assert o.state(application) == "draft"
    o.clock.when = dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.UTC)
    o.submit(application)
    assert o.state(application) == "submitted"
    status = st.process_status(o.store, o.focal, o.inst)
    assert [(s.code, s.done) for s in status.stages][:5] == [
        ("commitment", True), ("baseline", True), ("plan_approval", True),
        ("implementation", True), ("application", True)]
    assert status.approval.approved_by == "committee"
    actions = [e.action for e in st.list_audit(o.store, st.SYSTEM, limit=100)]
    assert {"institution.commitment", "assessment.record_baseline", "plan.approve",
            "assessment.submit"} <= set(actions)
    assert st.verify_audit(o.store).ok


def test_an_approved_plan_keeps_its_actions_and_reports_progress(office):
    o = office
    o.commit()
    base = o.assessment("baseline", 2025)
    st.record_baseline(o.store, o.focal, base, o.version(base))
    o.plan(base)
    st.approve_action_plan(o.store, o.focal, base, approved_by="head",
                           approved_on=dt.date(2026, 1, 2), document=MINUTES,
                           expected_version=o.version(base))
    plan, version = st.get_action_plan(o.store, o.focal, base)
    row = plan.rows[0]
    changed = plan.model_copy(update={"rows": [row.model_copy(
        update={"activity": "Something easier"})]})
    with pytest.raises(TransitionError, match=r"approved by the head on 2026-01-02.*activity"):
        st.save_action_plan(o.store, o.focal, base, changed, version)
    progress = type(row).model_validate({**row.model_dump(mode="json"), "status": "done",
                                         "progress": 100, "evidence": "Report of 2026"})
    st.save_action_plan(o.store, o.focal, base,
                        plan.model_copy(update={"rows": [progress]}), version)
    assert st.get_action_plan(o.store, o.focal, base)[0].rows[0].progress == 100


def test_only_the_institution_records_its_stages(office, tmp_store):
    o = office
    other = st.create_user(o.store, st.SYSTEM, email="other@lad.test", display_name="Other",
                           password="a test password")
    st.grant_role(o.store, st.SYSTEM, other.id, "assessor")
    assessor = st.authenticate(o.store, "other@lad.test", "a test password")
    with pytest.raises(st.NotFoundError):
        st.record_commitment(o.store, assessor, o.inst, signed_on=dt.date(2025, 1, 5),
                             letter=LETTER, committee=ACT)
    with pytest.raises(StoreError, match="after today"):
        st.record_commitment(o.store, o.focal, o.inst, signed_on=dt.date(2027, 1, 5),
                             letter=LETTER, committee=ACT)
    with pytest.raises(StoreError, match="committee: 'c.pdf' is empty|'c.pdf' is empty"):
        st.record_commitment(o.store, o.focal, o.inst, signed_on=dt.date(2025, 1, 5),
                             letter=LETTER, committee=("c.pdf", b""))
    assert st.process_status(o.store, o.focal, o.inst).commitment is None
    with pytest.raises(StoreError, match="purpose must be one of"):
        st.create_assessment(o.store, o.focal, o.inst, "ladder", 1, dt.date(2025, 1, 1),
                             dt.date(2025, 12, 31), purpose="rehearsal")


def test_a_pilot_runs_the_short_loop_set_in_its_standard(tmp_store, tmp_path):
    short = (ROOT / "tests" / "fixtures" / "ladder.yaml").read_text(encoding="utf-8")
    assert "process: {commitment: false" in short
    o = Office(tmp_store, tmp_path, short)
    application = o.assessment("certification", 2026)
    o.submit(application)
    assert o.state(application) == "submitted"
    status = st.process_status(o.store, o.focal, o.inst)
    assert [s.code for s in status.stages if s.required] == ["application", "award"]


def test_renewal_takes_the_certified_assessment_as_its_baseline(demo_store):
    """The Ministry of Labour's 2025 application follows its 2024 certificate, whose plan the
    committee approved in November 2024 (the demo)."""
    inst = st.get_institution(demo_store, st.SYSTEM, "VAL-MLSP").id
    status = st.process_status(demo_store, st.SYSTEM, inst)
    assert status.baseline_code == "valdoria-ministry-of-labour-2024"
    assert status.approval.approved_on == dt.date(2024, 11, 20)
    done = {s.code: s.done for s in status.stages}
    assert done == {"commitment": True, "baseline": True, "plan_approval": True,
                    "implementation": True, "application": False, "award": False}
    award = status.stages[-1].facts
    assert award["held_level"] == "bronze"


def test_results_benchmarks_read_their_baseline_from_the_stored_baseline(demo_store):
    """RI-03 measures women in senior posts against the baseline self-assessment: the share at
    the baseline is the stored baseline's, not typed again (from_baseline), and carried forward
    through a certification decided before (the Ministry of Labour's 2024 certificate kept the
    2023 baseline's 23.4 %)."""
    focal = st.authenticate(demo_store, "focal@demo.seal", "demo-focal-password")
    ml25 = st.find_assessment(demo_store, st.SYSTEM, "valdoria-ministry-of-labour-2025").id
    model = st.assessment_model(demo_store, focal, ml25)
    assert model.answers["RI-03.baseline_senior"] == 23.4
    with pytest.raises(StoreError,
                       match="taken from the baseline valdoria-ministry-of-labour-2024"):
        st.save_answer(demo_store, focal, ml25, "RI-03.baseline_senior", 40.0,
                       st.get_assessment(demo_store, focal, ml25)
                       .answers["RI-03.baseline_senior"].version)


def test_a_recorded_baselines_answer_becomes_the_applications_baseline(tmp_store, tmp_path):
    """On a standard whose question takes its value from the baseline: the baseline's answer
    "today" is the application's "at the baseline"."""
    ladder = LADDER.replace(
        "questions: [{id: B1.q, type: yes_no, text: B1?}, {id: B1.draft, type: yes_no, "
        "text: Draft?, required: false}]",
        "questions: [{id: B1.q, type: yes_no, text: B1?}, {id: B1.draft, type: yes_no, "
        "text: Draft?, required: false, from_baseline: B1.q}]", 1)
    assert "from_baseline: B1.q" in ladder
    o = Office(tmp_store, tmp_path, ladder)
    o.commit()
    base = o.assessment("baseline", 2025)
    st.record_baseline(o.store, o.focal, base, o.version(base))
    application = o.assessment("certification", 2026)
    assert st.assessment_model(o.store, o.focal, application).answers["B1.draft"] is True
    with pytest.raises(StoreError, match="taken from the baseline"):
        st.save_answer(o.store, o.focal, application, "B1.draft", False, 0)
