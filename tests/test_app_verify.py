"""The public routes, without signing in: /.well-known/jwks.json (a JWKS an outside JOSE
library reads) and /verify (paste, upload the PDF, or ?token= from a QR code): valid, revoked,
expired, not genuine, with the certificate's details; escaped; behind the app's CSP."""

from __future__ import annotations

import asyncio
import json
import re
from urllib.parse import quote, urlencode

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware

import seal_engine.store as st
from seal_engine.app.server import SecurityHeaders, routes
from seal_engine.i18n import format_date


class Reply:
    def __init__(self, status: int, headers, body: bytes):
        self.status_code = status
        self.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in headers}
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class Client:
    """Calls the ASGI app in the test's thread (no cookies: nobody is signed in)."""

    def __init__(self, app):
        self.app = app

    def request(self, method: str, path: str, body: bytes = b"",
                content_type: str | None = None, language: str | None = None) -> Reply:
        path, _, query = path.partition("?")
        headers = [(b"host", b"seal.example.org")]
        if language:
            headers.append((b"accept-language", language.encode()))
        if content_type:
            headers += [(b"content-type", content_type.encode()),
                        (b"content-length", str(len(body)).encode())]
        scope = {"type": "http", "http_version": "1.1", "method": method, "scheme": "https",
                 "path": path, "raw_path": path.encode(), "query_string": query.encode(),
                 "headers": headers, "server": ("seal.example.org", 443),
                 "client": ("127.0.0.1", 5000), "root_path": ""}
        messages = [{"type": "http.request", "body": body, "more_body": False}]
        out: dict = {"headers": [], "body": b""}

        async def receive():
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.start":
                out["status"], out["headers"] = message["status"], message.get("headers", [])
            elif message["type"] == "http.response.body":
                out["body"] += message.get("body", b"")

        asyncio.run(self.app(scope, receive, send))
        return Reply(out["status"], out["headers"], out["body"])

    def get(self, path: str, language: str | None = None) -> Reply:
        return self.request("GET", path, language=language)

    def post_form(self, fields: dict) -> Reply:
        body = urlencode(fields).encode()
        return self.request("POST", "/verify", body, "application/x-www-form-urlencoded")

    def post_file(self, name: str, data: bytes) -> Reply:
        boundary = "----sealtestboundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                f"filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n").encode() \
            + data + f"\r\n--{boundary}--\r\n".encode()
        return self.request("POST", "/verify", body, f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def client(app_db):
    return Client(Starlette(routes=routes(), middleware=[Middleware(SecurityHeaders)]))


@pytest.fixture
def store(app_db):
    from .conftest import open_test_store

    return open_test_store(app_db)


def _pam(store) -> st.CertificateInfo:
    return st.get_certificate(store, st.SYSTEM, "port-aurel-municipality-2025")


def _result(html: str) -> str:
    return re.search(r'<section class="result (\w+)"', html).group(1)


def test_jwks_is_public_and_read_by_joserfc(client, store):
    from joserfc.jwk import KeySet

    r = client.get("/.well-known/jwks.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    jwks = json.loads(r.body)
    assert jwks == st.published_jwks(store)
    assert all(set(k) == {"kty", "crv", "x", "kid", "use", "alg"} for k in jwks["keys"])
    assert KeySet.import_key_set(jwks).keys
    assert "content-security-policy" in r.headers


def test_the_form_without_sign_in(client):
    r = client.get("/verify")
    assert r.status_code == 200
    assert '<form method="post" action="/verify?lang=en" enctype="multipart/form-data">' in r.text
    assert 'name="token"' in r.text and 'type="file"' in r.text
    assert "<script" not in r.text and 'class="result' not in r.text
    assert r.headers["cache-control"] == "no-store"
    csp = r.headers["content-security-policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp and "form-action 'self'" in csp
    assert "http://" not in r.text and "https://" not in r.text  # nothing from elsewhere


def test_a_scanned_code_as_a_link_reads_valid_with_details(client, store):
    cert = _pam(store)
    r = client.get("/verify?token=" + quote(cert.token))
    assert r.status_code == 200 and _result(r.text) == "valid"
    assert "<h2>Valid</h2>" in r.text
    for shown in (cert.institution_name, cert.country, cert.id, cert.audit_hash,
                  format_date(cert.valid_until, "en"), "Gold"):
        assert shown in r.text, shown


@pytest.mark.parametrize("lang, words", [
    ("es", ("<h2>Válido</h2>", "Verificar un certificado", "Vigente hasta", "<b>Oro</b>")),
    ("fr", ("<h2>Valide</h2>", "Vérifier un certificat", "Valable jusqu&#39;au", "<b>Or</b>")),
    ("pt", ("<h2>Válido</h2>", "Verificar um certificado", "Válido até", "<b>Ouro</b>")),
])
def test_the_page_in_the_readers_language(client, store, lang, words):
    """Someone scanning the QR code reads the answer in their browser's language (or the one
    picked on the page): headings, the level's translated title, dates as the language writes
    them; the pasted-code form posts back in the same language."""
    cert = _pam(store)
    by_browser = client.get("/verify?token=" + quote(cert.token), language=f"{lang},en;q=0.5")
    picked = client.get(f"/verify?lang={lang}&token=" + quote(cert.token), language="en")
    for r in (by_browser, picked):
        assert r.status_code == 200 and _result(r.text) == "valid"
        assert f'<html lang="{lang}">' in r.text and r.headers["content-language"] == lang
        for word in words:
            assert word in r.text, (lang, word)
        assert format_date(cert.valid_until, lang) in r.text
        assert f'action="/verify?lang={lang}"' in r.text
        for english in ("Valid until", "Paste the certificate", "Sign in to the app"):
            assert english not in r.text, (lang, english)
    # the other languages are offered, keeping the scanned code
    assert '<a href="?lang=en&amp;token=' in picked.text


def test_pasted_and_uploaded(client, store):
    cert = _pam(store)
    assert _result(client.post_form({"token": cert.token}).text) == "valid"
    pdf = st.certificate_pdf_bytes(store, st.SYSTEM, cert.id)
    r = client.post_file("certificate.pdf", pdf)
    assert r.status_code == 200 and _result(r.text) == "valid", r.text[:500]
    assert cert.institution_name in r.text
    assert _result(client.post_file("notes.pdf", b"%PDF-1.7 nothing").text) == "malformed"


def test_tampered_revoked_expired_unknown(client, store, app_db):
    import datetime as dt

    from seal_engine.signing import generate_private_key, private_key_from_pem, sign

    cert = _pam(store)
    i = len(cert.token) // 2
    changed = cert.token[:i] + ("A" if cert.token[i] != "A" else "B") + cert.token[i + 1:]
    r = client.post_form({"token": changed})
    assert _result(r.text) == "not_genuine" and "<h2>Not genuine</h2>" in r.text
    assert cert.institution_name not in r.text.split("<form")[0]  # no details of a forgery
    stranger = private_key_from_pem(generate_private_key())
    assert _result(client.post_form({"token": sign({"jti": cert.id}, stranger)}).text) == \
        "unknown_key"
    st.revoke_certificate(store, st.SYSTEM, cert.id, "Withdrew <from> the programme.")
    r = client.post_form({"token": cert.token})
    assert _result(r.text) == "revoked" and "<h2>Revoked</h2>" in r.text
    assert "Withdrew &lt;from&gt; the programme." in r.text
    # expired: the app's store with its clock past the validity
    from seal_engine.app import session

    after = dt.datetime.combine(cert.valid_until + dt.timedelta(days=1), dt.time(12), dt.UTC)
    mlsp = st.get_certificate(store, st.SYSTEM, "valdoria-ministry-of-labour-2024")
    session.app_store(app_db).clock = lambda: after
    r = client.post_form({"token": mlsp.token})
    assert _result(r.text) == "expired" and "<h2>Expired</h2>" in r.text


def test_what_is_pasted_is_escaped_back(client):
    r = client.post_form({"token": "</textarea><script>alert(1)</script>"})
    assert _result(r.text) == "malformed"
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;/textarea&gt;&lt;script&gt;" in r.text


def test_too_large_an_upload_is_refused(client):
    from seal_engine.app.verify import MAX_UPLOAD

    r = client.post_file("big.pdf", b"%PDF-" + b"0" * (MAX_UPLOAD + 10))
    assert r.status_code == 413


def test_the_sign_in_page_links_the_verify_page(app_db):
    from .appkit import open_app, texts

    at = open_app(None)
    assert "[Verify a certificate](/verify)" in texts(at) or any(
        "(/verify)" in m.value for m in at.markdown)


def test_the_focal_points_home_shows_the_certificate_and_its_pdf(app_db):
    from .appkit import no_failure, open_app, store, texts

    at = open_app("focal_point")
    no_failure(at)
    shown = texts(at)
    cert = st.list_certificates(store(), st.SYSTEM)[0]
    assert cert.institution_code == "VAL-MLSP"
    assert "Certified **Bronze**, valid until" in shown
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Download the certificate (PDF)"]
    st.revoke_certificate(store(), st.SYSTEM, cert.id, "Withdrew from the programme.")
    at = open_app("focal_point")
    assert "Certificate **Bronze**, revoked on" in texts(at)
    assert "Withdrew from the programme." in texts(at)
    assert at.get("download_button") == []
