"""The JSON API on the app's own server: the routes the app gives Streamlit include it, behind
the same security headers; the Account page's switch for e-mail notices."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient

import seal_engine.store as st
from seal_engine.app.server import SecurityHeaders, routes

from .appkit import actor, open_app, store


def test_the_servers_routes_answer_the_api(app_db):
    client = TestClient(Starlette(routes=routes(), middleware=[Middleware(SecurityHeaders)]))
    doc = client.get("/api/v1/openapi.json")
    assert doc.status_code == 200 and doc.json()["openapi"] == "3.1.0"
    assert doc.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in doc.headers["content-security-policy"]
    token, _info = st.create_token(store(), st.SYSTEM, "focal@demo.seal", "test")
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["roles"] == ["focal_point"]
    assert client.get("/api/v1/me").status_code == 401
    # the session cookie of the app is no API token
    client.cookies.set("seal_session", token)
    assert client.get("/api/v1/me").status_code == 401


def test_the_account_page_turns_notices_off_and_on(app_db):
    at = open_app("focal_point", "account")
    assert not at.exception
    toggle = next(t for t in at.toggle if t.label == "Send me e-mail notices")
    assert toggle.value is True
    toggle.set_value(False).run()
    assert not at.exception
    assert st.get_notice_setting(store(), actor("focal_point")) == st.NoticeSetting(False, 1)
    at = open_app("focal_point", "account")
    toggle = next(t for t in at.toggle if t.label == "Send me e-mail notices")
    assert toggle.value is False
    toggle.set_value(True).run()
    assert st.get_notice_setting(store(), actor("focal_point")) == st.NoticeSetting(True, 2)
