"""The JSON API against the demo: status codes with and without a token, across roles and
institutions, read-only tokens, throttling, pushes (validated, atomic, idempotent, audited),
problem details, and the OpenAPI document validated."""

from __future__ import annotations

import json

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

import seal_engine.store as st
from seal_engine.api import api_routes, openapi_document

ML25 = "valdoria-ministry-of-labour-2025"
ML24 = "valdoria-ministry-of-labour-2024"
PROBLEM = "application/problem+json"


@pytest.fixture
def api(demo_store):
    client = TestClient(Starlette(routes=api_routes(lambda: demo_store)))
    client.store = demo_store
    return client


def token_for(store, email: str, *, read_only: bool = False) -> dict:
    token, _info = st.create_token(store, st.SYSTEM, email, "test", read_only=read_only)
    return {"Authorization": f"Bearer {token}"}


def _last_seq(store) -> int:
    """The number of the audit trail's newest entry (list_audit pages: count by number)."""
    return st.list_audit(store, st.SYSTEM, limit=1)[0].seq


def _since(store, seq: int) -> list:
    """The audit entries after ``seq``, oldest first."""
    return sorted((e for e in st.list_audit(store, st.SYSTEM, limit=1000) if e.seq > seq),
                  key=lambda e: e.seq)


def _sent_back(store) -> str:
    """The Ministry of Labour's 2025 assessment, which the demo sent back for changes (the
    institution edits it)."""
    a = st.find_assessment(store, st.SYSTEM, ML25)
    assert a.state == "changes_requested"
    return a.id


def test_no_token_is_401_with_problem_details(api):
    r = api.get("/api/v1/assessments")
    assert r.status_code == 401
    assert r.headers["content-type"].startswith(PROBLEM)
    assert r.headers["www-authenticate"].startswith("Bearer")
    body = r.json()
    assert body["type"].endswith(":unauthorized") and body["status"] == 401
    assert body["instance"] == "/api/v1/assessments"
    bad = api.get("/api/v1/assessments", headers={"Authorization": "Bearer seal_nonsense"})
    assert bad.status_code == 401 and "unknown or revoked" in bad.json()["detail"]


def test_a_revoked_token_and_a_deactivated_user_are_refused(api):
    headers = token_for(api.store, "focal@demo.seal")
    assert api.get("/api/v1/me", headers=headers).status_code == 200
    tid = st.list_tokens(api.store, st.SYSTEM, user="focal@demo.seal")[0].id
    st.revoke_token(api.store, st.SYSTEM, tid)
    assert api.get("/api/v1/me", headers=headers).status_code == 401
    headers = token_for(api.store, "analyst@demo.seal")
    user = st.find_user(api.store, st.SYSTEM, "analyst@demo.seal")
    st.set_user_active(api.store, st.SYSTEM, user.id, False)
    assert api.get("/api/v1/me", headers=headers).status_code == 401


def test_lists_follow_the_roles(api):
    seen = {}
    for email in ("focal@demo.seal", "assessor@demo.seal", "analyst@demo.seal",
                  "admin@demo.seal"):
        r = api.get("/api/v1/assessments", headers=token_for(api.store, email))
        assert r.status_code == 200, r.text
        seen[email] = {a["code"] for a in r.json()}
        expected = {a.code for a in st.list_assessments(
            api.store, st.authenticate(api.store, email, _password(email)))}
        assert seen[email] == expected
    assert ML25 in seen["focal@demo.seal"]
    assert all(c.startswith("valdoria-ministry-of-labour") for c in seen["focal@demo.seal"])
    assert seen["admin@demo.seal"] >= seen["focal@demo.seal"]
    r = api.get("/api/v1/assessments", params={"institution": "VAL-MLSP", "period": "2025"},
                headers=token_for(api.store, "focal@demo.seal"))
    assert [a["code"] for a in r.json()] == [ML25]


def _password(email: str) -> str:
    return next(u.password for u in st.DEMO_USERS if u.email == email)


def test_another_institutions_assessment_is_not_found(api):
    other = next(a for a in st.list_assessments(api.store, st.SYSTEM)
                 if a.institution_code != "VAL-MLSP")
    headers = token_for(api.store, "focal@demo.seal")
    for path in (f"/api/v1/assessments/{other.id}", f"/api/v1/assessments/{other.id}/result"):
        r = api.get(path, headers=headers)
        assert r.status_code == 404 and r.headers["content-type"].startswith(PROBLEM)
    missing = api.get("/api/v1/assessments/" + "0" * 32, headers=headers)
    # the same words for one that exists but is not visible and one that does not exist
    assert missing.json()["title"] == api.get(f"/api/v1/assessments/{other.id}",
                                              headers=headers).json()["title"]
    r = api.put(f"/api/v1/assessments/{other.id}/answers", json={"answers": {}},
                headers=headers)
    assert r.status_code == 404


def test_results_self_and_reviewed(api):
    headers = token_for(api.store, "focal@demo.seal")
    r = api.get(f"/api/v1/assessments/{ML24}/result", headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    aid = st.find_assessment(api.store, st.SYSTEM, ML24).id
    both = st.compare_results(api.store, st.SYSTEM, aid)
    assert body["kind"] == "self" and body["result"]["level"] == both.self_result.level
    r = api.get(f"/api/v1/assessments/{ML24}/result", params={"kind": "reviewed"},
                headers=headers)
    assert r.json()["result"]["level"] == both.reviewed_result.level
    assert r.json()["result"]["score"] == pytest.approx(both.reviewed_result.score)
    r = api.get(f"/api/v1/assessments/{ML24}/result", params={"kind": "best"},
                headers=headers)
    assert r.status_code == 400 and r.json()["problems"][0]["field"] == "kind"


def test_push_answers_is_checked_atomic_idempotent_and_audited(api):
    aid = _sent_back(api.store)
    headers = token_for(api.store, "focal@demo.seal")
    before = st.get_assessment(api.store, st.SYSTEM, aid).answers
    qid, info = next((q, i) for q, i in before.items() if i.value == "no")
    other = next(q for q, i in before.items() if i.value == "yes")
    # a bad value and an unknown question: both named, nothing written
    r = api.put(f"/api/v1/assessments/{ML25}/answers", headers=headers,
                json={"answers": {qid: "yes", "XX-99.nothing": 3, other: "perhaps"}})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    fields = {p.get("field") for p in r.json()["problems"]}
    assert fields == {"answers.XX-99.nothing", f"answers.{other}"}
    assert st.get_assessment(api.store, st.SYSTEM, aid).answers[qid].version == info.version
    r = api.put(f"/api/v1/assessments/{ML25}/answers", headers=headers,
                json={"answers": {qid: "yes", other: "perhaps"}})
    assert r.status_code == 422 and r.json()["problems"][0]["record_id"] == other
    assert st.get_assessment(api.store, st.SYSTEM, aid).answers[qid].version == info.version
    # a good push writes; the same push again changes nothing, nor one meaning the same
    first = api.put(f"/api/v1/assessments/{ML25}/answers", headers=headers,
                    json={"answers": {qid: "yes", other: "yes"}, "source": "hr-system"})
    assert first.status_code == 200, first.text
    assert first.json()["written"] == {qid: info.version + 1}
    assert first.json()["unchanged"] == [other]
    entries = _last_seq(api.store)
    for same in ("yes", True):
        again = api.put(f"/api/v1/assessments/{ML25}/answers", headers=headers,
                        json={"answers": {qid: same}, "source": "hr-system"})
        assert again.status_code == 200
        assert again.json() == {"assessment_id": aid, "written": {}, "unchanged": [qid]}
    assert _last_seq(api.store) == entries
    saved = [e for e in st.list_audit(api.store, st.SYSTEM)
             if e.action == "answer.save" and e.payload.get("question") == qid]
    assert saved and saved[-1].actor_id == st.find_user(api.store, st.SYSTEM,
                                                     "focal@demo.seal").id
    assert st.get_assessment(api.store, st.SYSTEM, aid).answers[qid].value == "yes"
    # a stale version is a conflict
    r = api.put(f"/api/v1/assessments/{ML25}/answers", headers=headers,
                json={"answers": {qid: "no"}, "versions": {qid: info.version}})
    assert r.status_code == 409 and r.json()["type"].endswith(":conflict")


def test_writes_need_the_role_and_a_writing_token(api):
    aid = _sent_back(api.store)
    body = {"answers": {}}
    assessor = api.put(f"/api/v1/assessments/{aid}/answers", json=body,
                       headers=token_for(api.store, "assessor@demo.seal"))
    assert assessor.status_code == 403, assessor.text
    analyst = api.put(f"/api/v1/assessments/{aid}/answers", json=body,
                      headers=token_for(api.store, "analyst@demo.seal"))
    assert analyst.status_code == 404
    ro = token_for(api.store, "focal@demo.seal", read_only=True)
    r = api.put(f"/api/v1/assessments/{aid}/answers", json=body, headers=ro)
    assert r.status_code == 403 and r.json()["type"].endswith(":read-only-token")
    assert api.get(f"/api/v1/assessments/{aid}", headers=ro).status_code == 200
    # a submitted or certified assessment cannot be changed
    r = api.put(f"/api/v1/assessments/{ML24}/answers", json=body,
                headers=token_for(api.store, "focal@demo.seal"))
    assert r.status_code == 409 and r.json()["type"].endswith(":wrong-state")


def test_malformed_bodies(api):
    headers = {**token_for(api.store, "focal@demo.seal"), "content-type": "application/json"}
    r = api.put(f"/api/v1/assessments/{ML25}/answers", content=b"{not json", headers=headers)
    assert r.status_code == 400 and r.json()["type"].endswith(":bad-json")
    r = api.put(f"/api/v1/assessments/{ML25}/answers", json={"answer": {}}, headers=headers)
    assert r.status_code == 422
    assert {p["field"] for p in r.json()["problems"]} == {"answers", "answer"}
    r = api.get("/api/v1/nothing-here", headers=headers)
    assert r.status_code == 404 and r.json()["type"].endswith(":no-route")


HR_EXPORT = (b"emp_no,full_name,gender,grade,weekly_hours,base_salary,bonus_paid\n"
             b"1,Ana,2,senior,40,5000,100\n2,Ben,1,senior,40,5200,0\n"
             b"3,Cid,2,manager,20,2000,50\n4,Dee,1,manager,40,4100,0\n"
             b"5,Eve,2,support,38,2500,0\n6,Fay,1,support,40,2600,0\n")
MAPPING = {"columns": {"emp_no": "person_id", "full_name": None, "gender": "sex",
                       "weekly_hours": "hours", "base_salary": "basic_pay",
                       "bonus_paid": "complementary_pay"},
           "hours": "per_week", "pay": "monthly", "values": {"sex": {"1": "male",
                                                                     "2": "female"}}}


def test_staff_data_in_the_hr_systems_shape(api):
    aid = _sent_back(api.store)
    headers = token_for(api.store, "focal@demo.seal")
    url = f"/api/v1/assessments/{ML25}/staff-data"
    # without a mapping the export is refused at its header, located
    r = api.put(url, content=HR_EXPORT, params={"name": "hr.csv"}, headers=headers)
    assert r.status_code == 422
    assert [(p.get("file"), p.get("line")) for p in r.json()["problems"]] == [("hr.csv", 1)]
    # the mapping saved once for the institution ...
    m = api.get("/api/v1/institutions/VAL-MLSP/column-mapping", headers=headers)
    assert m.status_code == 200 and m.json()["version"] == 0
    r = api.put("/api/v1/institutions/VAL-MLSP/column-mapping", headers=headers,
                json={"mapping": MAPPING, "expected_version": 0})
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 1
    stale = api.put("/api/v1/institutions/VAL-MLSP/column-mapping", headers=headers,
                    json={"mapping": MAPPING, "expected_version": 0})
    assert stale.status_code == 409
    # ... is used by every push: the same file twice changes nothing the second time
    r = api.put(url, content=HR_EXPORT, params={"name": "hr.csv"}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["changed"] is True and r.json()["mapping_version"] == 1
    again = api.put(url, content=HR_EXPORT, params={"name": "hr.csv"}, headers=headers)
    assert again.json()["changed"] is False and again.json()["version"] == r.json()["version"]
    name, content = st.workforce_content(api.store, st.SYSTEM, aid)
    assert name == "hr.csv" and b"Ana" not in content  # the names left out
    assert content.startswith(b"person_id,sex,grade,hours,basic_pay,complementary_pay\n")
    assert b"2080" in content and b"60000" in content  # 40 h a week, 5000 a month
    assessor = st.authenticate(api.store, "assessor@demo.seal", _password("assessor@demo.seal"))
    version, used = st.staff_data_mapping(api.store, assessor, aid)
    assert version == 1 and used.hours == "per_week"
    # a bad cell in the export is located at its line and column of the export
    bad = HR_EXPORT.replace(b"3,Cid,2,manager,20,2000", b"3,Cid,2,manager,20,lots")
    r = api.put(url, content=bad, params={"name": "hr.csv"}, headers=headers)
    assert r.status_code == 422
    assert any(p.get("line") == 4 and p.get("column") == 5 for p in r.json()["problems"]), \
        r.json()["problems"]
    # an analyst may not read the mapping; another institution's focal point sees nothing
    analyst = api.get("/api/v1/institutions/VAL-MLSP/column-mapping",
                      headers=token_for(api.store, "analyst@demo.seal"))
    assert analyst.status_code == 404


def test_certificates_portfolio_and_public_check(api):
    focal = token_for(api.store, "focal@demo.seal")
    certs = api.get("/api/v1/certificates", headers=focal)
    assert certs.status_code == 200
    codes = {c["institution_code"] for c in certs.json()}
    assert codes == {"VAL-MLSP"}
    cert = certs.json()[0]
    one = api.get(f"/api/v1/certificates/{cert['id']}", headers=focal)
    assert one.status_code == 200 and one.json()["token"] == cert["token"]
    port_cert = next(c for c in st.list_certificates(api.store, st.SYSTEM)
                     if c.institution_code != "VAL-MLSP")
    assert api.get(f"/api/v1/certificates/{port_cert.id}", headers=focal).status_code == 404
    rows = api.get("/api/v1/portfolio", params={"kind": "reviewed"},
                   headers=token_for(api.store, "analyst@demo.seal"))
    assert rows.status_code == 200 and rows.json()
    assert {r["country"] for r in rows.json()} == {"Republic of Valdoria"}
    # the public check needs no token
    ok = api.get("/api/v1/verify", params={"token": cert["token"]})
    assert ok.status_code == 200 and ok.json()["status"] == "valid"
    tampered = cert["token"][:-4] + ("AAAA" if not cert["token"].endswith("AAAA") else "BBBB")
    bad = api.post("/api/v1/verify", json={"token": tampered})
    assert bad.status_code == 200 and bad.json()["status"] != "valid"


def test_requests_are_throttled_per_token(api, monkeypatch):
    monkeypatch.setenv("SEAL_API_RATE", "3")
    a, b = token_for(api.store, "focal@demo.seal"), token_for(api.store, "focal@demo.seal")
    assert [api.get("/api/v1/me", headers=a).status_code for _ in range(3)] == [200] * 3
    r = api.get("/api/v1/me", headers=a)
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert r.json()["type"].endswith(":throttled")
    assert api.get("/api/v1/me", headers=b).status_code == 200  # per token


def test_the_openapi_document_validates_and_covers_every_route(api):
    r = api.get("/api/v1/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc == json.loads(json.dumps(openapi_document()))
    from openapi_spec_validator import validate

    validate(doc)
    assert doc["openapi"].startswith("3.1")
    from seal_engine.api import ENDPOINTS

    for ep in ENDPOINTS:
        op = doc["paths"]["/api/v1" + ep.path][ep.method.lower()]
        assert ("401" in op["responses"]) == ep.auth
    # every answer of the API matches its schema in the document
    import jsonschema

    schemas = doc["components"]["schemas"]
    me = api.get("/api/v1/me", headers=token_for(api.store, "focal@demo.seal")).json()
    jsonschema.validate(me, {**schemas["Me"], "components": doc["components"]})
    problem = api.get("/api/v1/me").json()
    jsonschema.validate(problem, {"$ref": "#/components/schemas/ProblemDetails",
                                  "components": doc["components"]})


def test_an_assessment_named_by_institution_and_period(api):
    headers = token_for(api.store, "focal@demo.seal")
    r = api.get("/api/v1/assessments/VAL-MLSP@2025", headers=headers)
    assert r.status_code == 200 and r.json()["code"] == ML25
    aid = _sent_back(api.store)
    before = st.get_assessment(api.store, st.SYSTEM, aid).answers
    qid = next(q for q, i in before.items() if i.value == "no")
    r = api.put("/api/v1/assessments/VAL-MLSP@2025/answers", headers=headers,
                json={"answers": {qid: "yes"}})
    assert r.status_code == 200 and r.json()["assessment_id"] == aid
    missing = api.get("/api/v1/assessments/VAL-MLSP@1999", headers=headers)
    assert missing.status_code == 404 and missing.json()["problems"][0]["field"] == "assessment"
    # another institution's, by its code and period, is not found either
    other = next(a for a in st.list_assessments(api.store, st.SYSTEM)
                 if a.institution_code != "VAL-MLSP")
    r = api.get(f"/api/v1/assessments/{other.institution_code}@{other.period_end.year}",
                headers=headers)
    assert r.status_code == 404


def _write_requests(aid: str) -> dict:
    """A request for each write route of the table, by its path: what a focal point sends."""
    return {
        "/assessments/{assessment}/answers": dict(url=f"/api/v1/assessments/{aid}/answers",
                                                  json={"answers": {}}),
        "/assessments/{assessment}/staff-data": dict(
            url=f"/api/v1/assessments/{aid}/staff-data", content=HR_EXPORT,
            params={"name": "hr.csv", "mapping": "saved"}),
        "/institutions/{institution}/column-mapping": dict(
            url="/api/v1/institutions/VAL-MLSP/column-mapping",
            json={"mapping": MAPPING, "expected_version": 0}),
    }


def test_every_write_route_refuses_a_read_only_token_and_no_token(api):
    from seal_engine.api import ENDPOINTS

    aid = _sent_back(api.store)
    writes = [ep for ep in ENDPOINTS if ep.write]
    requests = _write_requests(aid)
    assert {ep.path for ep in writes} == set(requests)  # a new write route needs its case here
    ro = token_for(api.store, "focal@demo.seal", read_only=True)
    entries = _last_seq(api.store)
    for ep in writes:
        req = dict(requests[ep.path])
        url = req.pop("url")
        r = api.request(ep.method, url, headers=ro, **req)
        assert r.status_code == 403 and r.json()["type"].endswith(":read-only-token"), ep.path
        r = api.request(ep.method, url, **req)
        assert r.status_code == 401 and r.headers["content-type"].startswith(PROBLEM), ep.path
    assert _since(api.store, entries) == []  # nothing written


def test_every_write_is_audited_as_its_user_across_roles(api):
    """Each write route, as the institution's focal point: one audit entry in the user's name
    for what changed; the same writes as another institution's user, an assessor or an
    analyst are refused (not found or not allowed) and write nothing."""
    from seal_engine.api import ENDPOINTS

    aid = _sent_back(api.store)
    focal = st.find_user(api.store, st.SYSTEM, "focal@demo.seal")
    other = st.create_user(api.store, st.SYSTEM, email="caa@test.seal", display_name="CAA",
                           password="a test password")
    st.grant_role(api.store, st.SYSTEM, other.id, "focal_point",
                  institution_id=st.get_institution(api.store, st.SYSTEM, "VAL-CAA").id)
    requests = _write_requests(aid)
    before = st.get_assessment(api.store, st.SYSTEM, aid).answers
    qid = next(q for q, i in before.items() if i.value == "no")
    requests["/assessments/{assessment}/answers"]["json"] = {"answers": {qid: "yes"}}
    order = ["/institutions/{institution}/column-mapping",  # the saved mapping first
             "/assessments/{assessment}/staff-data", "/assessments/{assessment}/answers"]
    eps = {ep.path: ep for ep in ENDPOINTS if ep.write}
    others = [token_for(api.store, email) for email in (
        "caa@test.seal", "assessor@demo.seal", "analyst@demo.seal", "programme@demo.seal")]
    headers = token_for(api.store, "focal@demo.seal")
    entries = _last_seq(api.store)
    for email, refused in zip(("caa", "assessor", "analyst", "programme"), others, strict=True):
        for path in order:
            req = dict(requests[path])
            r = api.request(eps[path].method, req.pop("url"), headers=refused, **req)
            assert r.status_code in (403, 404), (email, path, r.status_code, r.text)
            assert r.headers["content-type"].startswith(PROBLEM)
    assert _since(api.store, entries) == []
    expected = {"/institutions/{institution}/column-mapping": "institution.column_mapping",
                "/assessments/{assessment}/staff-data": "workforce.upload",
                "/assessments/{assessment}/answers": "answer.save"}
    for path in order:
        req = dict(requests[path])
        seen = _last_seq(api.store)
        r = api.request(eps[path].method, req.pop("url"), headers=headers, **req)
        assert r.status_code == 200, (path, r.text)
        new = _since(api.store, seen)
        assert [e.action for e in new if not e.action.startswith("audit.")] == \
            [expected[path]], (path, [e.action for e in new])
        assert all(e.actor_id == focal.id for e in new)
    assert st.verify_audit(api.store).ok


def test_problems_carry_their_code_and_speak_the_requests_language(api):
    from seal_engine.messages import render_message

    _sent_back(api.store)
    headers = token_for(api.store, "focal@demo.seal")
    body = {"answers": {"XX-99.nothing": 3, "LC-01.policy": "perhaps"}}
    url = f"/api/v1/assessments/{ML25}/answers"
    en = api.put(url, json=body, headers=headers)
    assert en.status_code == 422 and en.headers["content-language"] == "en"
    fr = api.put(url, json=body, headers={**headers,
                                          "Accept-Language": "de-CH, fr;q=0.8, en;q=0.5"})
    assert fr.status_code == 422 and fr.headers["content-language"] == "fr"
    assert "Accept-Language" in fr.headers["vary"]
    pairs = list(zip(en.json()["problems"], fr.json()["problems"], strict=True))
    assert all(e["code"] and e["code"] == f["code"] for e, f in pairs)
    assert all(e["message"] != f["message"] for e, f in pairs), pairs
    assert all((e["field"], e.get("line")) == (f["field"], f.get("line")) for e, f in pairs)
    assert fr.json()["detail"].startswith(fr.json()["problems"][0]["message"])
    assert fr.json()["detail"] != en.json()["detail"]
    # the same words the engine renders for that code in French
    aid = st.find_assessment(api.store, st.SYSTEM, ML25).id
    from seal_engine.errors import SealError

    with pytest.raises(SealError) as e:
        st.push_answers(api.store, st.SYSTEM, aid, body["answers"])
    assert [render_message(p.text, lang="fr") for p in e.value.problems] == \
        [f["message"] for _e, f in pairs]
    # a language the engine has no catalogue for is English
    de = api.put(url, json=body, headers={**headers, "Accept-Language": "de"})
    assert de.headers["content-language"] == "en" and de.json() == en.json()


def test_the_apis_own_refusals_speak_the_requests_language(api):
    from seal_engine.messages import render_message, say

    fr = {"Accept-Language": "fr-FR"}
    r = api.get("/api/v1/assessments", headers=fr)
    assert r.status_code == 401 and r.headers["content-language"] == "fr"
    assert r.json()["title"] == render_message(say("api.title.unauthorized"), lang="fr")
    assert r.json()["detail"] == render_message(say("api.no_token"), lang="fr")
    assert r.json()["title"] != api.get("/api/v1/assessments").json()["title"]
    ro = {**token_for(api.store, "focal@demo.seal", read_only=True), **fr}
    r = api.put(f"/api/v1/assessments/{ML25}/answers", json={"answers": {}}, headers=ro)
    assert r.status_code == 403 and r.json()["type"].endswith(":read-only-token")
    assert r.json()["detail"] == render_message(say(
        "api.read_only", method="PUT", path="/api/v1/assessments/{assessment}/answers"),
        lang="fr")
    r = api.get(f"/api/v1/assessments/{ML24}/result", params={"kind": "best"},
                headers={**token_for(api.store, "focal@demo.seal"), "Accept-Language": "es"})
    assert r.status_code == 400 and r.headers["content-language"] == "es"
    assert r.json()["problems"][0]["code"] == "api.bad_value"
    assert "'best'" in r.json()["detail"] and "self" in r.json()["detail"]
    r = api.get("/api/v1/nothing-here", headers={"Accept-Language": "pt"})
    assert r.status_code == 404 and r.json()["detail"] == render_message(say(
        "api.no_route", path="'/api/v1/nothing-here'", openapi="/api/v1/openapi.json"),
        lang="pt")
