"""Administration, standards and the account page, driven by ``AppTest``: users, roles,
institutions, assessor assignments, the audit trail and its verification; browsing standards,
checking an uploaded standard file (located errors, differences from its parent); changing
one's password and signing out."""

from __future__ import annotations

import seal_engine.store as st

from .appkit import actor, button, no_failure, open_app, store, texts
from .conftest import ROOT


def _submit(at, _form: str, label: str):
    [b for b in at.button if b.label == label][0].click().run()
    return at


def test_adding_a_user_and_giving_them_a_role(app_db):
    at = open_app("admin", "admin")
    no_failure(at)
    form_inputs = [t for t in at.text_input if t.label in ("E-mail address", "Name")]
    form_inputs[0].input("new.focal@example.org")
    form_inputs[1].input("Nadia New")
    [t for t in at.text_input if t.label.startswith("First password")][0].input(
        "a first password")
    _submit(at, "add_user", "Add the user")
    no_failure(at)
    user = st.find_user(store(), st.SYSTEM, "new.focal@example.org")
    assert user.display_name == "Nadia New"
    assert "new.focal@example.org is added" in texts(at)
    assert at.selectbox(key="admin_user").value == user.id  # chosen, to give a role
    role = [s for s in at.selectbox if s.label == "Role"][0]
    role.set_value("assessor")
    _submit(at, "grant", "Give the role")
    no_failure(at)
    assert "assessor" in st.find_user(store(), st.SYSTEM, user.id).roles


def test_a_bad_password_is_refused_with_the_rule(app_db):
    at = open_app("admin", "admin")
    [t for t in at.text_input if t.label == "E-mail address"][0].input("x@example.org")
    [t for t in at.text_input if t.label == "Name"][0].input("X")
    [t for t in at.text_input if t.label.startswith("First password")][0].input("short")
    _submit(at, "add_user", "Add the user")
    assert any("at least 10 characters" in e.value for e in at.error)
    assert not at.exception


def test_assigning_an_assessor(app_db):
    import datetime as dt

    focal = actor("focal_point")
    new = st.create_assessment(store(), focal, sorted(focal.institutions)[0],
                               "undp-seal-public-institutions", 3, dt.date(2026, 1, 1),
                               dt.date(2026, 12, 31))
    at = open_app("admin", "admin")
    at.session_state["admin_tabs"] = "Assessor assignments"  # only the open tab is made
    at.run()
    choose = [s for s in at.selectbox if s.label == "Assessment"][0]
    choose.set_value(new.id)
    _submit(at, "assign", "Assign")
    no_failure(at)
    assert any(a.assessment_id == new.id for a in st.list_assignments(store(), st.SYSTEM))


def test_an_institution_is_added_and_changed(app_db):
    at = open_app("admin", "admin")
    at.session_state["admin_tabs"] = "Institutions"  # only the open tab is made
    at.run()
    [t for t in at.text_input if t.label.startswith("Code (its id")][0].input("VAL-MOH")
    at.selectbox(key="add_inst:country").set_value("Republic of Valdoria")  # from the list
    at.text_input(key="add_inst:name").input("Ministry of Health")
    _submit(at, "add_institution", "Add the institution")
    no_failure(at)
    inst = st.get_institution(store(), st.SYSTEM, "VAL-MOH")
    assert inst.name == "Ministry of Health" and inst.scope == "national"


def test_the_audit_trail_is_listed_and_verified(app_db):
    at = open_app("admin", "admin")
    at.session_state["admin_tabs"] = "Audit trail"  # only the open tab is made
    at.run()
    button(at, "Verify the audit trail").click().run()
    no_failure(at)
    assert "The audit trail is intact" in texts(at)
    entries = [d for d in at.dataframe if "Action" in d.value.columns][0].value
    assert len(entries) == 50 and entries["No."].is_monotonic_decreasing
    button(at, "Older entries").click().run()
    older = [d for d in at.dataframe if "Action" in d.value.columns][0].value
    assert older["No."].max() < entries["No."].min()
    at.selectbox(key="audit_action").set_value("review.").run()
    only = [d for d in at.dataframe if "Action" in d.value.columns][0].value
    # the actions in words, never their codes
    assert set(only["Action"]).issubset({"Benchmark reviewed", "Evidence reviewed",
                                         "Claim of not applicable decided", "Change requested",
                                         "No conflict of interest declared", "Verdict withdrawn",
                                         "Remaining benchmarks confirmed"})
    assert not any("." in a or "_" in a for a in entries["Action"])


def test_tampering_is_named_by_the_verification(app_db):
    with store().engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.exec_driver_sql("UPDATE audit_log SET payload = '{}' WHERE seq = 7")
    at = open_app("admin", "admin")
    at.session_state["admin_tabs"] = "Audit trail"  # only the open tab is made
    at.run()
    button(at, "Verify the audit trail").click().run()
    assert any("entry 7" in e.value for e in at.error)


def test_standards_are_browsed_with_rules_in_words(app_db):
    at = open_app("focal_point", "standards")
    no_failure(at)
    shown = texts(at)
    assert "Gender Equality Seal" in shown and "Met when" in shown
    assert "needs at least" in shown or "is provided" in shown


def test_an_uploaded_standard_with_errors_shows_them_located(app_db):
    text = (ROOT / "standards" / "seal-starter.yaml").read_text("utf-8")
    broken = text.replace("min_score: 60", "min_score: 160", 1)
    assert broken != text
    at = open_app("analyst", "standards")
    at.file_uploader(key="std_upload").set_value(("starter.yaml", broken.encode(),
                                                  "application/x-yaml")).run()
    assert any("error" in e.value for e in at.error)
    problems = at.table[-1].value
    assert (problems["Line"] != "").any() and problems["File"].eq("starter.yaml").any()


def test_an_uploaded_adaptation_shows_its_differences_from_its_parent(app_db):
    folder = ROOT / "standards" / "lao-public-service-adaptation"
    files = [(p.name, p.read_bytes(), "application/x-yaml") for p in sorted(folder.glob("*.yaml"))]
    at = open_app("admin", "standards")
    at.file_uploader(key="std_upload").set_value(files).run()
    no_failure(at)
    shown = texts(at)
    assert "is valid" in shown and "Differences from the standard it extends" in shown


def test_changing_ones_password_and_signing_out(app_db):
    at = open_app("analyst", "account")
    no_failure(at)
    fields = {t.label: t for t in at.text_input}
    fields["Current password"].input("demo-analyst-password")
    fields["New password (at least 10 characters)"].input("a brand new password")
    fields["New password again"].input("a brand new password")
    [b for b in at.button if b.label == "Change the password"][0].click().run()
    no_failure(at)
    assert st.authenticate(store(), "analyst@demo.seal", "a brand new password")
    at.button(key="_sign_out").click().run()
    assert "Sign in" in texts(at) and "_user" not in at.session_state
