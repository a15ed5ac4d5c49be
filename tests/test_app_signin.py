"""The sign-in route (the ASGI app of the routes the app adds to Streamlit's server, called
directly): the HttpOnly, SameSite=Strict session cookie for a right password only, from the
app's own pages only, back to where the user was going but never to another site, and slowed
down after repeated failures (the throttle itself: tests/test_access.py)."""

from __future__ import annotations

import asyncio
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from starlette.applications import Starlette

import seal_engine.store as st
from seal_engine.app.server import routes, safe_next
from seal_engine.app.session import COOKIE
from seal_engine.store._throttle import ACCOUNT_FREE

from .appkit import store

GOOD = {"email": "focal@demo.seal", "password": "demo-focal-password"}


class Response:
    def __init__(self, status: int, headers: list[tuple[bytes, bytes]]):
        self.status_code = status
        self.headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in headers}
        jar = SimpleCookie()
        for k, v in headers:
            if k.lower() == b"set-cookie":
                jar.load(v.decode("latin-1"))
        self.cookies = {k: m.value for k, m in jar.items()}


class Client:
    """Just enough of an HTTP client to call an ASGI app in the test's thread."""

    def __init__(self, app):
        self.app = app

    def request(self, method: str, url: str, data: dict | None = None,
                headers: dict | None = None) -> Response:
        parts = urlsplit(url)
        body = urlencode(data or {}).encode()
        sent = [(b"host", parts.netloc.encode())]
        sent += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
        if data is not None:
            sent += [(b"content-type", b"application/x-www-form-urlencoded"),
                     (b"content-length", str(len(body)).encode())]
        scope = {"type": "http", "http_version": "1.1", "method": method,
                 "scheme": parts.scheme, "path": parts.path, "raw_path": parts.path.encode(),
                 "query_string": parts.query.encode(), "headers": sent,
                 "server": (parts.hostname, parts.port or 80), "client": ("127.0.0.1", 5000),
                 "root_path": ""}
        messages = [{"type": "http.request", "body": body, "more_body": False}]
        out: dict = {"headers": []}

        async def receive():
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.start":
                out["status"] = message["status"]
                out["headers"] = message.get("headers", [])

        asyncio.run(self.app(scope, receive, send))
        return Response(out["status"], out["headers"])

    def post(self, url, data=None, headers=None):
        return self.request("POST", url, data, headers)

    def get(self, url):
        return self.request("GET", url)


@pytest.fixture
def client(app_db):
    """The routes on a fresh copy of the demo database (so with no attempt counted yet)."""
    return Client(Starlette(routes=routes()))


def _post(client, data, origin="http://testserver", base="http://testserver"):
    headers = {"origin": origin} if origin else {}
    return client.post(f"{base}/seal/signin", data=data, headers=headers)


def test_a_right_password_sets_the_session_cookie(client):
    r = _post(client, GOOD)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Max-Age=43200" in cookie and "Secure" not in cookie
    token = r.cookies[COOKIE]
    found = st.session_actor(store(), token)
    assert found is not None and found.display_name == "Farah Focal (demo)"


def test_over_https_the_cookie_is_secure(client):
    r = _post(client, GOOD, origin="https://testserver", base="https://testserver")
    assert "Secure" in r.headers["set-cookie"]


@pytest.mark.parametrize("data, reason, missing", [
    ({"email": "focal@demo.seal", "password": "wrong"}, "failed", None),
    ({"email": "nobody@demo.seal", "password": "demo-focal-password"}, "failed", None),
    ({"email": "focal@demo.seal", "password": ""}, "missing", "password"),
    ({"email": "", "password": "demo-focal-password"}, "missing", "email"),
    ({"email": "", "password": ""}, "missing", "both"),
])
def test_a_wrong_or_missing_password_sets_nothing(client, data, reason, missing):
    from urllib.parse import parse_qs, urlsplit

    from seal_engine.app.server import TYPED_COOKIE

    r = _post(client, {**data, "next": "/results?a=x"})
    assert r.status_code == 303 and COOKIE not in r.cookies
    where = urlsplit(r.headers["location"])
    query = parse_qs(where.query)
    # back to the sign-in page with the reason, what is missing and the page asked for
    assert where.path == "/" and query["signin"] == [reason]
    assert query.get("missing") == ([missing] if missing else None)
    assert query["next"] == ["/results?a=x"]
    # no personal data in the address: the address typed waits in an HttpOnly cookie
    assert "email" not in query and "demo.seal" not in r.headers["location"]
    assert "wrong" not in r.headers["location"]
    assert "demo-focal-password" not in r.headers["location"]
    if data["email"]:
        assert r.cookies[TYPED_COOKIE] == data["email"]
        typed = r.headers["set-cookie"]
        assert "HttpOnly" in typed and "Max-Age=600" in typed
        assert "samesite=strict" in typed.lower()


def test_the_sign_in_page_says_what_is_missing_and_keeps_the_page_asked_for(app_db):
    from .appkit import open_app

    at = open_app(None, next="/results?a=x", signin="missing", missing="password")
    form = next(h.proto.body for h in at.get("html"))
    assert 'value="/results?a=x"' in form and "novalidate" in form
    assert at.warning[0].value == "Give your password."
    at = open_app(None, signin="missing", missing="both")
    assert at.warning[0].value == "Give your e-mail address and your password."
    at = open_app(None, email="focal@demo.seal", signin="failed")
    assert "focal@demo.seal" not in next(h.proto.body for h in at.get("html"))  # never the URL
    assert "Wrong e-mail address or password" in at.error[0].value


@pytest.mark.parametrize("origin", [None, "https://evil.example", "http://testserver.evil"])
def test_a_post_from_elsewhere_is_refused(client, origin):
    r = _post(client, GOOD, origin=origin)
    assert r.status_code == 403 and "set-cookie" not in r.headers


def test_the_referer_stands_in_for_a_missing_origin(client):
    r = client.post("http://testserver/seal/signin", data=GOOD,
                    headers={"referer": "http://testserver/signin"})
    assert r.status_code == 303 and COOKIE in r.cookies


@pytest.mark.parametrize("target, expected", [
    ("/results?a=valdoria-ministry-of-labour-2025", "/results?a=valdoria-ministry-of-labour-2025"),
    ("//evil.example/x", "/"), ("https://evil.example/", "/"), ("/\\evil.example", "/"),
    ("", "/"), ("results", "/"),
])
def test_it_goes_back_to_a_page_of_the_app_only(client, target, expected):
    assert safe_next(target) == expected
    r = _post(client, {**GOOD, "next": target})
    assert r.headers["location"] == expected


def test_repeated_failures_lock_the_address_for_a_while(client):
    for _ in range(ACCOUNT_FREE):
        assert _post(client, {**GOOD, "password": "wrong"}).headers["location"].startswith(
            "/?signin=failed")
    r = _post(client, GOOD)  # even the right password, for now
    assert r.headers["location"].startswith("/?signin=throttled&")
    assert COOKIE not in r.cookies  # no session; the address typed waits in its cookie
    other = _post(client, {"email": "analyst@demo.seal", "password": "demo-analyst-password"})
    assert COOKIE in other.cookies  # other addresses are not affected


def test_only_posts_are_routed(client):
    assert client.get("http://testserver/seal/signin").status_code == 405


def test_the_sign_in_starts_an_audited_session(client):
    _post(client, GOOD)
    admin = st.authenticate(store(), "admin@demo.seal", "demo-admin-password")
    assert st.list_audit(store(), admin, action="session.start")
