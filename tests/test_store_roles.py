"""Every role against every service function, crossing attempts included: who may do what is
enforced by the store itself, and what a user may not see is not found, even by its id."""

from __future__ import annotations

import datetime as dt

import pytest

import seal_engine.store as st
from seal_engine.errors import NotFoundError, PermissionDeniedError

from .conftest import ROOT, assessment_id, demo_actors, open_test_store

ROLES = ("focal_own", "focal_other", "assessor_assigned", "assessor_other", "analyst_country",
         "analyst_other", "programme_officer", "admin")
ML24, ML25 = "valdoria-ministry-of-labour-2024", "valdoria-ministry-of-labour-2025"
HPH25 = "highlands-provincial-health-2025"
PDF = b"%PDF-1.4\n% a minimal test file\n"


EXTRA = (("focal_other", "focal_point"), ("assessor_other", "assessor"),
         ("analyst_other", "analyst"))


def add_extra_users(store) -> None:
    """A focal point of another institution, an assessor assigned nothing, an analyst of
    another country, and a user to act on."""
    caa = st.get_institution(store, st.SYSTEM, "VAL-CAA").id
    scopes = {"focal_point": {"institution_id": caa}, "assessor": {},
              "analyst": {"country": "Republic of Riverton"}}
    for role, grant in EXTRA:
        user = st.create_user(store, st.SYSTEM, email=f"{role}@test.seal", display_name=role,
                              password="a test password")
        st.grant_role(store, st.SYSTEM, user.id, grant, **scopes[grant])
    st.create_user(store, st.SYSTEM, email="target@test.seal", display_name="Target",
                   password="a test password")


class World:
    def __init__(self, store):
        self.store = store
        demo = demo_actors(store)
        self.actors = {"focal_own": demo["focal_point"], "assessor_assigned": demo["assessor"],
                       "analyst_country": demo["analyst"], "admin": demo["admin"],
                       "programme_officer": demo["programme_officer"]}
        for role, _grant in EXTRA:
            self.actors[role] = st.authenticate(store, f"{role}@test.seal", "a test password")
        self.target = st.find_user(store, st.SYSTEM, "target@test.seal").id
        self.ml24, self.ml25 = assessment_id(store, ML24), assessment_id(store, ML25)
        self.hph25 = assessment_id(store, HPH25)
        self.institution = st.get_institution(store, st.SYSTEM, "VAL-MLSP").id

    def version(self, aid: str) -> int:
        return st.find_assessment(self.store, st.SYSTEM, aid).version

    def baseline(self, recorded: bool = False) -> str:
        """A baseline of the Ministry of Labour holding the 2025 answers (copied in SQL: the
        matrix tests who may act, not how the answers came), recorded with a plan when
        asked."""
        if getattr(self, "_baseline", None) is None:
            import sqlalchemy as sa

            from seal_engine.store.schema import answer, assessment

            self._baseline = st.create_assessment(
                self.store, st.SYSTEM, self.institution, "undp-seal-public-institutions", 3,
                dt.date(2023, 1, 1), dt.date(2023, 12, 31), purpose="baseline").id
            with self.store.write() as conn:
                cols = [c.name for c in answer.columns if c.name != "assessment_id"]
                conn.execute(answer.insert().from_select(
                    ["assessment_id", *cols],
                    sa.select(sa.literal(self._baseline), *[answer.c[c] for c in cols])
                    .where(answer.c.assessment_id == self.ml25)))
                if recorded:
                    conn.execute(assessment.update().where(
                        assessment.c.id == self._baseline).values(state="recorded"))
            if recorded:
                import seal_engine as se

                model = st.assessment_model(self.store, st.SYSTEM, self._baseline)
                std = st.get_standard(self.store, model.standard.id, model.standard.version)
                st.save_action_plan(self.store, self.actors["focal_own"], self._baseline,
                                    se.draft_plan(std, model), 0)
        return self._baseline

    def next_version(self) -> int:
        """Store the synthetic version 4 of the public-institutions standard (once) and
        return its number: an assessment can be moved to it."""
        import tempfile
        from pathlib import Path

        from seal_engine.compare.generate import NEXT_VERSION_STANDARD

        if not any(s.version == 4 for s in st.list_stored_standards(self.store)):
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "undp-seal-public-institutions-v4.yaml"
                path.write_text(NEXT_VERSION_STANDARD, encoding="utf-8")
                st.add_standard(self.store, st.SYSTEM, path)
        return 4

    def evidence_file(self) -> str:
        return st.add_evidence_file(self.store, self.actors["focal_own"], self.ml25,
                                    "RI-01.impact_data", "Monitoring report", PDF, "report.pdf")

    def under_review(self) -> str:
        """The Ministry of Labour's 2025 assessment back under review."""
        s, a = self.store, self.actors
        st.submit_assessment(s, a["focal_own"], self.ml25, self.version(self.ml25))
        st.start_review(s, a["assessor_assigned"], self.ml25, self.version(self.ml25))
        return self.ml25


def _withdraw(w: World, a: st.Actor) -> None:
    aid = w.under_review()
    st.review_benchmark(w.store, w.actors["assessor_assigned"], aid, "LC-05", "confirm", 0)
    st.withdraw_verdict(w.store, a, aid, "LC-05", 1)


def _confirm_remaining(w: World, a: st.Actor) -> None:
    aid = w.under_review()
    shown = st.review_status(w.store, w.actors["assessor_assigned"], aid).confirmable_in_bulk
    st.confirm_remaining(w.store, a, aid, shown)


@pytest.fixture(scope="module")
def _world_db(_demo_db, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("world") / "world.db"
    shutil.copyfile(_demo_db, path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SEAL_PASSWORD_PROFILE", "CHEAPEST")
        with st.open_store(f"sqlite:///{path}") as store:
            add_extra_users(store)
    return path


@pytest.fixture
def world(_world_db, tmp_path):
    import shutil

    shutil.copyfile(_world_db, tmp_path / "seal.db")
    return World(open_test_store(f"sqlite:///{tmp_path / 'seal.db'}"))


def _plan(w: World):
    import seal_engine as se

    model = st.assessment_model(w.store, st.SYSTEM, w.ml25)  # a plan changes until decided
    return se.draft_plan(st.get_standard(w.store, model.standard.id, model.standard.version),
                         model)


def _copy():
    """The starter example under another id, in the current folder."""
    from pathlib import Path

    text = (ROOT / "assessments/starter/riverton-water-agency-2025.yaml").read_text("utf-8")
    path = Path("copy.yaml")
    path.write_text(text.replace("id: riverton-water-agency-2025", "id: copy-2025"), "utf-8")
    return path


_STAFF = b"person_id,sex,grade\n1,female,senior\n2,male,senior\n"


def _mapping():
    from seal_engine.workforce.mapping import ColumnMapping

    return ColumnMapping(columns={"gender": "sex"})


def _questionnaire(w: World) -> bytes:
    """The questionnaire workbook with one answer typed in (a change for ML25)."""
    import seal_engine as se

    return se.questionnaire_workbook(se.standard_from("undp-seal-public-institutions@3"),
                                     {"CK-01.guide": "yes", "LC-04.reviews": 7})


SUMMARY_READERS = {"focal_own", "assessor_assigned", "analyst_country", "admin",
                   "programme_officer"}

# name: (who may, what is done with the actor)
OPERATIONS = {
    # reading an assessment's content
    "get_assessment": ({"focal_own", "assessor_assigned", "programme_officer"},
                       lambda w, a: st.get_assessment(w.store, a, w.ml25)),
    "assessment_model": ({"focal_own", "assessor_assigned", "programme_officer"},
                         lambda w, a: st.assessment_model(w.store, a, w.ml25)),
    "score_assessment": ({"focal_own", "assessor_assigned", "programme_officer"},
                         lambda w, a: st.score_assessment(w.store, a, w.ml25)),
    "workforce_content": ({"focal_own", "assessor_assigned", "programme_officer"},
                          lambda w, a: st.workforce_content(w.store, a, w.ml25)),
    "evidence_content": ({"focal_own", "assessor_assigned", "programme_officer"},
                         lambda w, a: st.evidence_content(w.store, a, w.evidence_file())),
    "review_status": ({"focal_own", "assessor_assigned", "programme_officer"},
                      lambda w, a: st.review_status(w.store, a, w.ml25)),
    "list_comments": ({"focal_own", "assessor_assigned", "programme_officer"},
                      lambda w, a: st.list_comments(w.store, a, w.ml25)),
    "list_messages": ({"focal_own", "assessor_assigned", "programme_officer"},
                      lambda w, a: st.list_messages(w.store, a, w.ml25)),
    # the institution's comment on an answer; the thread between it and its assessors
    "save_comment": ({"focal_own"}, lambda w, a: st.save_comment(
        w.store, a, w.ml25, "RI-05.service", "How the service is counted.", 0)),
    "post_message": ({"focal_own", "assessor_assigned"}, lambda w, a: st.post_message(
        w.store, a, w.ml25, "RI-01", "Which report shows the change?")),
    # preferences: one's own only
    "get_preferences_of_another": (set(), lambda w, a: st.get_preferences(
        w.store, a, w.target)),
    "set_time_zone_of_another": (set(), lambda w, a: st.set_time_zone(
        w.store, a, "America/Panama", 0, w.target)),
    "set_language_of_another": (set(), lambda w, a: st.set_language(
        w.store, a, "es", 0, w.target)),
    "get_action_plan": ({"focal_own", "assessor_assigned", "programme_officer"}, lambda w, a: (
        st.save_action_plan(w.store, w.actors["focal_own"], w.ml25, _plan(w), 0),
        st.get_action_plan(w.store, a, w.ml25))),
    # reading summaries and results
    "find_assessment": (SUMMARY_READERS,
                        lambda w, a: st.find_assessment(w.store, a, w.ml24)),
    "compare_results": (SUMMARY_READERS,
                        lambda w, a: st.compare_results(w.store, a, w.ml24)),
    "get_institution": (SUMMARY_READERS,
                        lambda w, a: st.get_institution(w.store, a, "VAL-MLSP")),
    # the focal point's writes
    "create_assessment": ({"focal_own"}, lambda w, a: st.create_assessment(
        w.store, a, w.institution, "undp-seal-public-institutions", 3, dt.date(2026, 1, 1),
        dt.date(2026, 12, 31))),
    "move_assessment": ({"focal_own"}, lambda w, a: st.move_assessment(
        w.store, a, w.ml25, w.next_version(), w.version(w.ml25))),
    "save_answer": ({"focal_own"}, lambda w, a: st.save_answer(
        w.store, a, w.ml25, "LC-04.reviews", 3,
        st.get_assessment(w.store, st.SYSTEM, w.ml25).answers["LC-04.reviews"].version)),
    "save_answers": ({"focal_own"}, lambda w, a: st.save_answers(w.store, a, [st.AnswerWrite(
        w.ml25, "LC-04.reviews", 3,
        st.get_assessment(w.store, st.SYSTEM, w.ml25).answers["LC-04.reviews"].version)])),
    "claim_not_applicable": ({"focal_own"}, lambda w, a: st.claim_not_applicable(
        w.store, a, w.ml25, "PC-06", "We run no programmes of this kind.", 0)),
    "add_evidence_link": ({"focal_own"}, lambda w, a: st.add_evidence_link(
        w.store, a, w.ml25, "RI-01.impact_data", "Report online", "https://example.org/r.pdf")),
    "add_evidence_file": ({"focal_own"}, lambda w, a: st.add_evidence_file(
        w.store, a, w.ml25, "RI-01.impact_data", "Report", PDF, "r.pdf")),
    "remove_evidence": ({"focal_own"}, lambda w, a: st.remove_evidence(
        w.store, a, w.evidence_file(), 1)),
    "upload_workforce": ({"focal_own"}, lambda w, a: st.upload_workforce(
        w.store, a, w.ml25, (ROOT / "assessments/valdoria-ministry-of-labour/"
                             "workforce-2025.csv").read_bytes(), "staff.csv",
        st.get_assessment(w.store, st.SYSTEM, w.ml25).workforce.version)),
    "submit_assessment": ({"focal_own"}, lambda w, a: st.submit_assessment(
        w.store, a, w.ml25, w.version(w.ml25))),
    "renew_assessment": ({"focal_own"}, lambda w, a: st.renew_assessment(
        w.store, a, w.ml24, dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    "save_action_plan": ({"focal_own"}, lambda w, a: st.save_action_plan(
        w.store, a, w.ml25, _plan(w), 0)),
    "record_commitment": ({"focal_own"}, lambda w, a: st.record_commitment(
        w.store, a, w.institution, signed_on=dt.date(2026, 1, 5), letter=("l.pdf", PDF),
        committee=("c.pdf", PDF))),
    "record_baseline": ({"focal_own"}, lambda w, a: st.record_baseline(
        w.store, a, w.baseline(), w.version(w.baseline()))),
    "approve_action_plan": ({"focal_own"}, lambda w, a: st.approve_action_plan(
        w.store, a, w.baseline(recorded=True), approved_by="committee",
        approved_on=dt.date(2026, 1, 5), document=("minutes.pdf", PDF),
        expected_version=w.version(w.baseline()))),
    "revoke_certificate": ({"programme_officer", "admin"}, lambda w, a: st.revoke_certificate(
        w.store, a, st.get_certificate(w.store, st.SYSTEM, w.ml24).id, "Revoked in a test.")),
    "get_certificate": (SUMMARY_READERS, lambda w, a: st.get_certificate(w.store, a, w.ml24)),
    "certificate_pdf_bytes": (SUMMARY_READERS, lambda w, a: st.certificate_pdf_bytes(
        w.store, a, st.get_certificate(w.store, st.SYSTEM, w.ml24).id)),
    "list_requests": ({"focal_own", "assessor_assigned", "programme_officer"},
                      lambda w, a: st.list_requests(w.store, a, w.ml25)),
    "list_report_templates": ({"admin"}, lambda w, a: st.list_report_templates(w.store, a)),
    "report_template_content": ({"admin"}, lambda w, a: st.report_template_content(
        w.store, a, "results")),
    "upload_report_template": ({"admin"}, lambda w, a: st.upload_report_template(
        w.store, a, "results", "en", st.report_template_content(
            w.store, st.SYSTEM, "results", shipped=True)[1], "results.docx")),
    "delete_report_template": ({"admin"}, lambda w, a: (
        st.upload_report_template(w.store, st.SYSTEM, "results", "en",
                                  st.report_template_content(w.store, st.SYSTEM, "results",
                                                             shipped=True)[1], "results.docx"),
        st.delete_report_template(w.store, a, "results", "en"))),
    "seal_baseline": ({"admin"}, lambda w, a: st.seal_baseline(w.store, a)),
    "process_status": ({"focal_own", "programme_officer", "admin"},
                       lambda w, a: st.process_status(w.store, a, w.institution)),
    # the assessor's work
    "start_review": ({"assessor_assigned"}, lambda w, a: st.start_review(
        w.store, a, w.hph25, w.version(w.hph25))),
    "review_benchmark": ({"assessor_assigned"}, lambda w, a: st.review_benchmark(
        w.store, a, w.under_review(), "LC-01", "confirm", 0)),
    "review_evidence": ({"assessor_assigned"}, lambda w, a: st.review_evidence(
        w.store, a, (w.under_review(), st.get_assessment(w.store, st.SYSTEM, w.ml25)
                     .evidence[0].id)[1], "accepted", 0)),
    "decide_not_applicable": ({"assessor_assigned"}, lambda w, a: (
        st.claim_not_applicable(w.store, w.actors["focal_own"], w.ml25, "PC-06", "None run.",
                                0),
        st.decide_not_applicable(w.store, a, w.under_review(), "PC-06", True, 1,
                                 reason="No procurement of its own."))),
    "withdraw_verdict": ({"assessor_assigned"}, lambda w, a: _withdraw(w, a)),
    "confirm_remaining": ({"assessor_assigned"}, lambda w, a: _confirm_remaining(w, a)),
    "request_evidence": ({"assessor_assigned"}, lambda w, a: st.request_evidence(
        w.store, a, w.under_review(), "RI-02", "Add the implementation report.")),
    "request_changes": ({"assessor_assigned"}, lambda w, a: (
        w.under_review(),
        st.request_evidence(w.store, w.actors["assessor_assigned"], w.ml25, "RI-02", "More."),
        st.request_changes(w.store, a, w.ml25, w.version(w.ml25)))),
    "recommend_certification": ({"assessor_assigned"}, lambda w, a: st.recommend_certification(
        w.store, a, w.under_review(), w.version(w.ml25))),
    "recommend_refusal": ({"assessor_assigned"}, lambda w, a: st.recommend_refusal(
        w.store, a, w.under_review(), w.version(w.ml25), "Not enough.")),
    "declare_no_conflict": ({"assessor_assigned"}, lambda w, a: st.declare_no_conflict(
        w.store, a, w.ml25, "No tie to the ministry.")),
    # the programme's decision (here on an assessment not yet recommended: refused by state
    # for those who may, by role for the others)
    "certify_assessment": ({"programme_officer"}, lambda w, a: st.certify_assessment(
        w.store, a, w.under_review(), w.version(w.ml25))),
    "refuse_certification": ({"programme_officer"}, lambda w, a: st.refuse_certification(
        w.store, a, w.under_review(), w.version(w.ml25), "Not enough.")),
    "return_to_team": ({"programme_officer"}, lambda w, a: st.return_to_team(
        w.store, a, w.under_review(), w.version(w.ml25), "Look again.")),
    # API tokens: one's own, or anyone's for an admin
    "create_token_of_another": ({"admin"}, lambda w, a: st.create_token(
        w.store, a, w.target, "nightly push")),
    "list_tokens_of_another": ({"admin"}, lambda w, a: st.list_tokens(
        w.store, a, user=w.target)),
    "revoke_token": ({"admin"}, lambda w, a: st.revoke_token(w.store, a, st.create_token(
        w.store, st.SYSTEM, w.target, "nightly push")[1].id)),
    # the institution's column mapping for its HR exports, and staff data pushed in its shape
    "get_column_mapping": ({"focal_own", "assessor_assigned", "programme_officer", "admin"},
                           lambda w, a: st.get_column_mapping(w.store, a, "VAL-MLSP")),
    "list_column_mappings": ({"focal_own", "assessor_assigned", "programme_officer", "admin"},
                             lambda w, a: st.list_column_mappings(w.store, a, "VAL-MLSP")),
    "save_column_mapping": ({"focal_own", "admin"}, lambda w, a: st.save_column_mapping(
        w.store, a, "VAL-MLSP", _mapping(), 0)),
    "upload_staff_data": ({"focal_own"}, lambda w, a: st.upload_staff_data(
        w.store, a, w.ml25, _STAFF, "staff.csv")),
    "staff_data_mapping": ({"focal_own", "assessor_assigned", "programme_officer"},
                           lambda w, a: st.staff_data_mapping(w.store, a, w.ml25)),
    "push_answers": ({"focal_own"}, lambda w, a: st.push_answers(
        w.store, a, w.ml25, {"CK-01.guide": "yes"})),
    # answers from a field-form export or the questionnaire workbook
    "preview_form_import": ({"focal_own"}, lambda w, a: st.preview_form_import(
        w.store, a, _questionnaire(w), "q.xlsx", assessment_id=w.ml25)),
    "apply_form_import": ({"focal_own"}, lambda w, a: st.apply_form_import(
        w.store, a, st.preview_form_import(w.store, st.SYSTEM, _questionnaire(w), "q.xlsx",
                                           assessment_id=w.ml25))),
    # notices: what is due to everyone is the command line's; one's own setting only
    "due_notices": (set(), lambda w, a: st.due_notices(w.store, a)),
    "notice_log": ({"admin"}, lambda w, a: st.notice_log(w.store, a)),
    "get_notice_setting_of_another": (set(), lambda w, a: st.get_notice_setting(
        w.store, a, w.target)),
    "set_email_notices_of_another": (set(), lambda w, a: st.set_email_notices(
        w.store, a, False, 0, w.target)),
    # the admin's work
    "create_institution": ({"admin"}, lambda w, a: st.create_institution(
        w.store, a, code="VAL-NEW", name="New", country="Republic of Valdoria",
        scope="national")),
    "update_institution": ({"admin"}, lambda w, a: st.update_institution(
        w.store, a, w.institution, 1, sector="labour")),
    "create_user": ({"admin"}, lambda w, a: st.create_user(
        w.store, a, email="new@test.seal", display_name="New", password="long enough pw")),
    "list_users": ({"admin"}, lambda w, a: st.list_users(w.store, a)),
    "grant_role": ({"admin"}, lambda w, a: st.grant_role(w.store, a, w.target, "assessor")),
    "revoke_role": ({"admin"}, lambda w, a: st.revoke_role(
        w.store, a, w.actors["assessor_other"].user_id, "assessor")),
    "set_user_active": ({"admin"}, lambda w, a: st.set_user_active(w.store, a, w.target, False)),
    "set_password_of_another": ({"admin"}, lambda w, a: st.set_password(
        w.store, a, w.target, "a new long password")),
    "assign_assessor": ({"admin", "programme_officer"}, lambda w, a: st.assign_assessor(
        w.store, a, w.hph25, w.actors["assessor_other"].user_id)),
    "unassign_assessor": ({"admin"}, lambda w, a: st.unassign_assessor(
        w.store, a, w.hph25, w.actors["assessor_assigned"].user_id)),
    "add_standard": ({"admin"}, lambda w, a: st.add_standard(
        w.store, a, ROOT / "standards" / "seal-starter.yaml")),
    "import_assessments": ({"admin"}, lambda w, a: st.import_assessments(w.store, a, [_copy()])),
    "store_overview": ({"admin"}, lambda w, a: st.store_overview(w.store, a)),
    "list_audit": ({"admin"}, lambda w, a: st.list_audit(w.store, a)),
    "end_user_sessions": ({"admin"}, lambda w, a: st.end_user_sessions(w.store, a, w.target)),
    "export_assessments": (set(), lambda w, a: st.export_assessments(
        w.store, a, w.store.url.rsplit("/", 1)[-1] + "-export")),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_role_against_operation(world, role, operation, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    allowed, run = OPERATIONS[operation]
    actor = world.actors[role]
    if role in allowed:
        try:
            run(world, actor)
        except (NotFoundError, PermissionDeniedError) as e:  # pragma: no cover - the failure
            pytest.fail(f"{role} was refused {operation}: {e}")
        except st.StoreError as e:
            # allowed, refused only for what is missing (certifying an unreviewed assessment)
            assert operation in ("certify_assessment", "refuse_certification", "return_to_team",
                                 "recommend_certification", "recommend_refusal",
                                 "record_baseline"), e
    else:
        with pytest.raises((NotFoundError, PermissionDeniedError)):
            run(world, actor)


def test_every_service_function_is_in_the_matrix():
    readers = {"list_assessments", "list_institutions", "list_certificates", "list_assignments",
               "portfolio_results", "compare_stored", "portfolio_choices", "portfolio_trend",
               "list_stored_standards", "get_standard",
               "authenticate",
               "actor_for", "find_user", "verify_audit", "audit_checkpoint", "read_checkpoint",
               "withdraw_not_applicable", "set_password", "open_store", "default_url",
               "init_demo", "is_demo_store", "store_is_empty", "schema_status",
               "head_revision", "upgrade", "verify_certificate", "published_jwks",
               "programme_key", "ensure_demo_key", "demo_key_path", "report_template",
               "changes_since_submission", "time_zones",
               "downgrade", "start_session", "session_actor", "end_session",
               "token_actor", "count_api_request", "certificate_titles", "remembered"}
    functions = {n for n in st.__all__ if n[0].islower() and callable(getattr(st, n))}
    assert functions - readers - set(OPERATIONS) - {
        n.removesuffix("_of_another") for n in OPERATIONS} == set()


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_only_what_a_role_may_see(world, role):
    actor = world.actors[role]
    seen = {a.code for a in st.list_assessments(world.store, actor)}
    every = {a.code for a in st.list_assessments(world.store, st.SYSTEM)}
    assigned = {"port-aurel-municipality-2025", ML24, ML25,
                "highlands-provincial-health-2024", HPH25,
                "valdoria-national-statistics-office-2025"}
    expected = {
        "focal_own": {ML24, ML25}, "focal_other": {"valdoria-civil-aviation-authority-2025"},
        "assessor_assigned": assigned, "assessor_other": set(),
        "analyst_country": every - {"riverton-water-agency-2025"},
        "analyst_other": {"riverton-water-agency-2025"}, "admin": every,
        "programme_officer": every}[role]
    assert seen == expected
    institutions = {i.code for i in st.list_institutions(world.store, actor)}
    assert {a.institution_code for a in st.list_assessments(world.store, actor)} <= institutions
    certificates = {c.assessment_code for c in st.list_certificates(world.store, actor)}
    assert certificates == expected & {"port-aurel-municipality-2025", ML24}
    results = {r.assessment_code for r in st.portfolio_results(world.store, actor)}
    assert results <= expected


def test_guessing_ids_reveals_nothing(world):
    """Another institution's real id and a made-up one are refused with the same words."""
    other = world.actors["focal_other"]
    for fn in (st.get_assessment, st.score_assessment, st.workforce_content,
               st.compare_results, st.review_status):
        with pytest.raises(NotFoundError) as real:
            fn(world.store, other, world.ml25)
        with pytest.raises(NotFoundError) as made_up:
            fn(world.store, other, "0" * 32)
        assert str(real.value).replace(world.ml25, "X") == \
            str(made_up.value).replace("0" * 32, "X")


def test_assessors_cannot_edit_answers_even_when_assigned(world):
    with pytest.raises(PermissionDeniedError, match="focal points"):
        st.save_answer(world.store, world.actors["assessor_assigned"], world.ml25,
                       "LC-04.reviews", 9, 1)


def test_analysts_never_get_staff_rows_but_see_results(world):
    analyst = world.actors["analyst_country"]
    with pytest.raises(NotFoundError):
        st.workforce_content(world.store, analyst, world.ml24)
    rows = st.portfolio_results(world.store, analyst)
    assert {r.country for r in rows} == {"Republic of Valdoria"}
    assert any(r.kind == "reviewed" and r.level == "gold" for r in rows)


def test_a_revoked_role_counts_at_once(world):
    focal = world.actors["focal_own"]  # the Actor object the app would keep
    st.revoke_role(world.store, st.SYSTEM, focal.user_id, "focal_point",
                   institution_id=world.institution)
    with pytest.raises(NotFoundError):
        st.get_assessment(world.store, focal, world.ml25)
    st.grant_role(world.store, st.SYSTEM, world.target, "admin")  # not the last admin then
    st.set_user_active(world.store, st.SYSTEM, world.actors["admin"].user_id, False)
    with pytest.raises(PermissionDeniedError, match="deactivated"):
        st.list_users(world.store, world.actors["admin"])


def test_a_user_changes_their_own_password_knowing_the_current_one(world):
    analyst = world.actors["analyst_country"]
    with pytest.raises(st.StoreError, match="current password is wrong"):
        st.set_password(world.store, analyst, analyst.user_id, "a brand new password",
                        current_password="wrong")
    st.set_password(world.store, analyst, analyst.user_id, "a brand new password",
                    current_password="demo-analyst-password")
    assert st.authenticate(world.store, "analyst@demo.seal", "a brand new password")
