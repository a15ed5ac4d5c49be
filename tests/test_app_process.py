"""The Programme steps page, driven by ``AppTest``: the demo focal point of the Ministry of
Labour sees every stage before its application done (commitment, the 2024 certification as its
baseline, the plan approved by the committee, the implementation period run) and its
application sent back; a focal point of an institution without a baseline is shown that step
next, and records a baseline once it is answered."""

from __future__ import annotations

import datetime as dt

import seal_engine.store as st

from .appkit import button, no_failure, open_app, store, texts


def test_the_ministry_of_labour_has_done_every_step_before_its_application(app_db):
    at = open_app("focal_point", "process")
    no_failure(at)
    shown = texts(at)
    assert "Programme steps" in shown
    assert "Approved by the Gender Equality Committee on 20 November 2024" in shown
    # assessments and the standard named by their names, never their codes
    assert "Ministry of Labour and Social Protection · 2024: certified." in shown
    assert "Ministry of Labour and Social Protection · 2025: sent back for changes." in shown
    assert "Steps required by Gender Equality Seal for Public Institutions · v3." in shown
    assert "valdoria-ministry-of-labour" not in shown and "undp-seal" not in shown
    assert "Certificate held: Bronze" in shown
    assert "3 of 30 actions done" in shown


def test_a_new_institution_records_its_baseline(app_db):
    s = store()
    inst = st.get_institution(s, st.SYSTEM, "VAL-CAA").id
    user = st.create_user(s, st.SYSTEM, email="caa@test.seal", display_name="CAA focal",
                          password="a test password")
    st.grant_role(s, st.SYSTEM, user.id, "focal_point", institution_id=inst)
    at = open_app("caa@test.seal", "process")
    no_failure(at)
    assert "Start a self-assessment for the baseline" in texts(at)
    focal = st.authenticate(s, "caa@test.seal", "a test password")
    source = st.get_assessment(s, st.SYSTEM, st.find_assessment(
        s, st.SYSTEM, "port-aurel-municipality-2025").id)
    base = st.create_assessment(s, focal, inst, source.standard_id, source.standard_version,
                                dt.date(2024, 1, 1), dt.date(2024, 12, 31), purpose="baseline")
    for qid, a in source.answers.items():
        st.save_answer(s, focal, base.id, qid, a.value, 0)
    for claim in source.not_applicable.values():
        st.claim_not_applicable(s, focal, base.id, claim.benchmark_id, claim.reason, 0)
    at.run()
    no_failure(at)
    name = f"{base.institution_name} · {base.period_label or 2024}"  # its name, not its code
    assert f"{name} is being answered" in texts(at)
    button(at, f"Record {name} as the baseline").click().run()
    button(at, "Yes, record it").click().run()
    no_failure(at)
    assert st.find_assessment(s, st.SYSTEM, base.id).state == "recorded"
    assert f"{name}: recorded as the baseline." in texts(at)
