"""Signed certificates in the store: issued signed at certification (refused without a key),
verified by anyone (an independent JOSE library too), revoked, expired, after a key rotation;
the one-page PDF whose QR code, decoded from the rendered page, holds the token."""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings

import pytest

import seal_engine.store as st
from seal_engine.certificate import (
    CertificateDetails,
    certificate_html,
    details_from_claims,
    token_from_pdf,
)
from seal_engine.errors import SignatureError
from seal_engine.signing import (
    generate_private_key,
    load_private_key,
    private_key_from_pem,
    sign,
    token_header,
)

from .conftest import assessment_id, demo_actors, open_test_store

PAM = "port-aurel-municipality-2025"


def _joserfc_claims(token: str, jwks: dict) -> dict:
    """Verify as an outsider would, with joserfc and the published JWKS only."""
    from joserfc import jws
    from joserfc.errors import SecurityWarning
    from joserfc.jwk import KeySet

    with warnings.catch_warnings():  # joserfc flags EdDSA as superseded by RFC 9864's Ed25519
        warnings.simplefilter("ignore", SecurityWarning)
        return json.loads(jws.deserialize_compact(token, KeySet.import_key_set(jwks),
                                                  algorithms=["EdDSA"]).payload)


def _cert(store, code=PAM) -> st.CertificateInfo:
    return st.get_certificate(store, st.SYSTEM, code)


def _recommended(store) -> str:
    """The statistics office's assessment reviewed and recommended for Bronze."""
    from seal_engine.store.demo import _review_all

    actors = demo_actors(store)
    aid = assessment_id(store, "valdoria-national-statistics-office-2025")
    _review_all(store, actors["assessor"], aid)
    result = st.compare_results(store, st.SYSTEM, aid).reviewed_result
    for b in result.benchmarks:
        if b.mandatory_from == "bronze" and b.status.value != "met":
            st.review_benchmark(store, actors["assessor"], aid, b.id, "override", 1,
                                status="met", justification="Adopted during the review.")
    st.recommend_certification(store, actors["assessor"], aid,
                               st.find_assessment(store, st.SYSTEM, aid).version)
    return aid


def _certify(store, aid) -> st.CertificateInfo:
    officer = demo_actors(store)["programme_officer"]
    return st.certify_assessment(store, officer, aid,
                                 st.find_assessment(store, st.SYSTEM, aid).version)


def test_a_demo_certificate_verifies_with_the_published_jwks_and_joserfc(demo_store,
                                                                         signing_key_file):
    cert = _cert(demo_store)
    jwks = st.published_jwks(demo_store)
    key = load_private_key(signing_key_file)
    assert [k["kid"] for k in jwks["keys"]] == [key.kid]
    assert all("d" not in k for k in jwks["keys"])  # never the private part
    assert token_header(cert.token) == {"alg": "EdDSA", "kid": key.kid, "typ": "JWT"}
    claims = _joserfc_claims(cert.token, jwks)
    assert claims["iss"] == "UNDP Gender Equality Seal for Public Institutions"
    assert (claims["jti"], claims["sub"], claims["level"]) == (cert.id, "VAL-PAM", cert.level)
    assert claims["institution"] == {"code": "VAL-PAM", "name": cert.institution_name,
                                     "country": cert.country}
    assert claims["standard"]["id"] == cert.standard_id
    assert claims["standard"]["version"] == cert.standard_version
    assert claims["audit"] == {"seq": cert.audit_seq, "hash": cert.audit_hash}
    assert claims["basis"] == "benchmarks_met" and 0 < claims["score"] <= 100
    assert claims["valid_until"] == cert.valid_until.isoformat()
    end = dt.datetime.combine(cert.valid_until + dt.timedelta(days=1), dt.time(), dt.UTC)
    assert claims["exp"] == int(end.timestamp()) and claims["iat"] < claims["exp"]
    # the audit entry the token names is the award decision's
    entry = st.list_audit(demo_store, st.SYSTEM, before=cert.audit_seq + 1, limit=1)[0]
    assert entry.action == "assessment.certify" and entry.hash == cert.audit_hash


def test_verify_certificate_valid_with_its_details(demo_store):
    cert = _cert(demo_store)
    v = st.verify_certificate(demo_store, cert.token)
    assert (v.status, v.reason, v.ok) == ("valid", "valid", True)
    assert v.certificate.id == cert.id and v.certificate.level == cert.level
    assert v.certificate.institution_name == cert.institution_name
    assert v.certificate.revoked_on is None
    assert cert.institution_name in v.message


def test_one_character_changed_is_not_genuine(demo_store):
    token = _cert(demo_store).token
    head, payload, sig = token.split(".")
    # the institution's code in the claims rewritten: base64 of ..."sub":"VAL-PAM"...
    claims = json.loads(__import__("base64").urlsafe_b64decode(payload + "=="))
    assert claims["sub"] == "VAL-PAM"
    i = len(head) + 1 + len(payload) // 2
    changed = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1:]
    v = st.verify_certificate(demo_store, changed)
    assert (v.status, v.reason, v.certificate) in (("not_genuine", "bad_signature", None),
                                                   ("malformed", "malformed", None))
    sig_changed = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    assert st.verify_certificate(demo_store, sig_changed).status == "not_genuine"


def test_a_token_signed_with_the_key_but_never_issued_is_not_genuine(demo_store,
                                                                    signing_key_file):
    """Whoever holds the key cannot mint a certificate the register does not hold."""
    cert = _cert(demo_store)
    claims = _joserfc_claims(cert.token, st.published_jwks(demo_store))
    forged = sign({**claims, "valid_until": "2099-12-31", "exp": 4102444800},
                  load_private_key(signing_key_file))
    v = st.verify_certificate(demo_store, forged)
    assert (v.status, v.reason) == ("not_genuine", "not_issued")


def test_unknown_key_and_malformed(demo_store):
    stranger = private_key_from_pem(generate_private_key())
    v = st.verify_certificate(demo_store, sign({"jti": "x"}, stranger))
    assert (v.status, v.reason) == ("unknown_key", "unknown_key")
    assert stranger.kid in v.message
    for junk in ("hello", b"\x00\xff binary", b"%PDF-1.7 nothing in it"):
        assert st.verify_certificate(demo_store, junk).status == "malformed"


def test_revocation(demo_store):
    actors = demo_actors(demo_store)
    cert = _cert(demo_store)
    with pytest.raises(st.PermissionDeniedError, match="programme officers and administrators"):
        st.revoke_certificate(demo_store, actors["assessor"], cert.id, "No.")
    with pytest.raises(st.NotFoundError):  # a focal point of another institution sees nothing
        st.revoke_certificate(demo_store, actors["focal_point"], cert.id, "No.")
    with pytest.raises(st.StoreError, match="say why"):
        st.revoke_certificate(demo_store, actors["programme_officer"], cert.id, "  ")
    revoked = st.revoke_certificate(demo_store, actors["programme_officer"], cert.id,
                                    "The municipality withdrew from the programme.")
    assert revoked.revoked and revoked.revoked_reason.startswith("The municipality")
    with pytest.raises(st.TransitionError, match="already revoked"):
        st.revoke_certificate(demo_store, actors["admin"], cert.id, "Again.")
    v = st.verify_certificate(demo_store, cert.token)
    assert (v.status, v.reason) == ("revoked", "revoked")
    assert v.certificate.revoked_reason == "The municipality withdrew from the programme."
    assert v.certificate.revoked_on == demo_store.now().date()
    entry = st.list_audit(demo_store, st.SYSTEM)[0]
    assert entry.action == "certificate.revoke" and entry.payload["certificate"] == cert.id
    assert "withdrew" not in json.dumps(entry.payload)  # the log keeps the reason's hash
    assert st.verify_audit(demo_store).ok


def test_expired_by_the_store_clock(demo_store):
    cert = _cert(demo_store)
    after = dt.datetime.combine(cert.valid_until + dt.timedelta(days=1), dt.time(1),
                                dt.UTC)
    later = open_test_store(demo_store.url, clock=lambda: after)
    v = st.verify_certificate(later, cert.token)
    assert (v.status, v.reason) == ("expired", "expired")
    assert v.certificate.valid_until == cert.valid_until
    last_day = open_test_store(demo_store.url, clock=lambda: after - dt.timedelta(hours=2))
    assert st.verify_certificate(last_day, cert.token).status == "valid"


def _not_a_demo(store) -> None:
    """The demo database made to look like a real one (a demo account renamed): the demo key
    is then never used."""
    import sqlalchemy as sa

    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE app_user SET email = 'ada@programme.example' "
                             "WHERE email = 'admin@demo.seal'"))
    assert not st.is_demo_store(store)


def test_certification_is_refused_without_a_signing_key(demo_store, monkeypatch):
    aid = _recommended(demo_store)
    officer = demo_actors(demo_store)["programme_officer"]
    _not_a_demo(demo_store)
    monkeypatch.delenv("SEAL_SIGNING_KEY")

    def _certify(store, aid):
        return st.certify_assessment(store, officer, aid,
                                     st.find_assessment(store, st.SYSTEM, aid).version)

    before = st.list_audit(demo_store, st.SYSTEM, limit=1)[0].seq
    with pytest.raises(st.StoreError) as e:
        _certify(demo_store, aid)
    assert "no signing key is configured" in str(e.value)
    assert "seal keys generate" in str(e.value) and "SEAL_SIGNING_KEY" in str(e.value)
    assert e.value.problems[0].field == "SEAL_SIGNING_KEY"
    assert st.find_assessment(demo_store, st.SYSTEM, aid).state == "recommended"
    assert aid not in {c.assessment_id for c in st.list_certificates(demo_store, st.SYSTEM)}
    assert st.list_audit(demo_store, st.SYSTEM, limit=1)[0].seq == before  # nothing written
    monkeypatch.setenv("SEAL_SIGNING_KEY", str(demo_store.url).removeprefix("sqlite:///")
                       + ".missing.pem")
    with pytest.raises(st.StoreError, match=r"missing\.pem: SEAL_SIGNING_KEY: no such file"):
        _certify(demo_store, aid)


def test_a_demo_made_before_signing_gets_its_demo_key_at_certification(demo_store,
                                                                       monkeypatch):
    aid = _recommended(demo_store)
    monkeypatch.delenv("SEAL_SIGNING_KEY")
    assert not st.demo_key_path(demo_store).exists()
    cert = _certify(demo_store, aid)
    assert cert.kid == load_private_key(st.demo_key_path(demo_store)).kid
    assert st.verify_certificate(demo_store, cert.token).ok


def test_rotated_key_old_certificates_still_verify(demo_store, monkeypatch, tmp_path,
                                                   signing_key_file):
    old = _cert(demo_store)
    new_key_file = tmp_path / "key-2.pem"
    new_key_file.write_bytes(generate_private_key())
    monkeypatch.setenv("SEAL_SIGNING_KEY", str(new_key_file))
    new = _certify(demo_store, _recommended(demo_store))
    k1, k2 = load_private_key(signing_key_file).kid, load_private_key(new_key_file).kid
    assert (old.kid, new.kid) == (k1, k2) and token_header(new.token)["kid"] == k2
    jwks = st.published_jwks(demo_store)
    assert [k["kid"] for k in jwks["keys"]] == [k2, k1]  # the key in use first
    for cert in (old, new):
        assert st.verify_certificate(demo_store, cert.token).status == "valid"
        assert _joserfc_claims(cert.token, jwks)["jti"] == cert.id
    actions = [e.action for e in st.list_audit(demo_store, st.SYSTEM)[:4]]
    assert actions[:2] == ["certificate.sign", "signing_key.use"]
    assert st.verify_audit(demo_store).ok


def test_the_pdf_qr_code_holds_exactly_the_token(demo_store):
    import pypdfium2
    import zxingcpp

    cert = _cert(demo_store)
    pdf = st.certificate_pdf_bytes(demo_store, st.SYSTEM, cert.id)
    doc = pypdfium2.PdfDocument(pdf)
    assert len(doc) == 1
    width, height = doc[0].get_size()
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = doc[0].get_textpage().get_text_range()
    for expected in (cert.institution_name, cert.country, cert.id, "Valid until",
                     str(cert.audit_seq), cert.audit_hash):
        assert expected in text.replace("\r\n", " ").replace("\n", " "), expected
    image = doc[0].render(scale=2).to_pil()
    # QR symbols only: a one-dimensional reader can take a row of the page's text for an
    # EAN-13 (one run read '9776268482346' from the lettering), which is not on the page
    qr = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode)
    codes = zxingcpp.read_barcodes(image, formats=qr)
    assert [c.text for c in codes] == [cert.token]
    assert token_from_pdf(pdf) == cert.token
    assert st.verify_certificate(demo_store, pdf).status == "valid"


def test_the_pdf_says_where_to_verify(demo_store, monkeypatch):
    import pypdfium2

    monkeypatch.setenv("SEAL_PUBLIC_URL", "https://seal.example.org/")
    pdf = st.certificate_pdf_bytes(demo_store, st.SYSTEM, PAM)
    text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert "https://seal.example.org/verify" in text


def test_a_focal_point_downloads_only_their_own(demo_store):
    actors = demo_actors(demo_store)  # the demo's focal point is the Ministry of Labour's
    with pytest.raises(st.NotFoundError):
        st.certificate_pdf_bytes(demo_store, actors["focal_point"], PAM)
    own = st.list_certificates(demo_store, actors["focal_point"])
    assert [c.institution_code for c in own] == ["VAL-MLSP"]
    assert st.certificate_pdf_bytes(demo_store, actors["focal_point"], own[0].id)[:5] == b"%PDF-"


def _details(**changes) -> CertificateDetails:
    base = dict(id="c" * 32, issuer="UNDP", institution_code="X", institution_name="X",
                country="Y", level="gold", level_title="Gold", standard_id="s",
                standard_version=1, standard_title="S", score=81.25, basis="benchmarks_met",
                points=13, max_points=16, issued_on=dt.date(2026, 1, 2),
                valid_until=dt.date(2029, 1, 2), audit_seq=7, audit_hash="f" * 64)
    return CertificateDetails(**{**base, **changes})


def test_text_from_the_database_is_escaped_in_the_page():
    key = private_key_from_pem(generate_private_key())
    hostile = _details(institution_name="<script>alert(1)</script>{{ 7*7 }}",
                       country="<img src=x onerror=alert(1)>")
    html = certificate_html(hostile, sign({"a": 1}, key), verify_at="https://x/verify?a=<b>")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "{{ 7*7 }}" in html and ">49<" not in html
    assert "https://x/verify?a=&lt;b&gt;" in html
    assert "http" not in html.replace("https://x/verify", "").replace("http://www.w3.org", "")


def test_a_long_name_stays_on_one_page():
    import pypdfium2

    from seal_engine.certificate import certificate_pdf

    key = private_key_from_pem(generate_private_key())
    details = _details(institution_name=("Ministerio de Desarrollo Social y Promoción " * 5)[:200],
                       country="República Bolivariana de un país de nombre largo")
    token = sign(details.model_dump(mode="json"), key)
    pdf = certificate_pdf(details, token)
    assert len(pypdfium2.PdfDocument(pdf)) == 1
    assert token_from_pdf(pdf) == token


def test_claims_that_are_not_a_certificate_are_malformed():
    with pytest.raises(SignatureError) as e:
        details_from_claims({"jti": "x"})
    assert e.value.code == "malformed"


def test_demo_mode_makes_its_own_key_next_to_the_database(tmp_path, monkeypatch):
    monkeypatch.delenv("SEAL_SIGNING_KEY")
    store = open_test_store(f"sqlite:///{tmp_path / 'demo.db'}")
    report = st.init_demo(store)
    key_file = tmp_path / "seal-demo-signing-key.pem"
    assert report.signing_key == key_file == st.demo_key_path(store)
    assert os.stat(key_file).st_mode & 0o777 == 0o600
    kid = load_private_key(key_file).kid
    certs = st.list_certificates(store, st.SYSTEM)
    assert len(certs) == 2 and {c.kid for c in certs} == {kid}
    assert all(st.verify_certificate(store, c.token).ok for c in certs)
    # the demo key signs on a demo database only
    other = open_test_store(f"sqlite:///{tmp_path / 'other.db'}")
    with open_test_store(other.url):
        pass
    assert st.demo_key_path(other) == key_file
    assert st.ensure_demo_key(store) == key_file  # kept, not replaced
    assert load_private_key(key_file).kid == kid


def test_programme_key_publishes_before_anything_else_is_signed(tmp_store, monkeypatch,
                                                                 signing_key_file):
    """An audit checkpoint may be the first thing a key signs: its public key is published
    first, so the checkpoint verifies with the JWKS."""
    from seal_engine.signing import verify

    assert st.published_jwks(tmp_store) == {"keys": []}
    key = st.programme_key(tmp_store, st.SYSTEM)
    assert key.kid == load_private_key(signing_key_file).kid
    assert [k["kid"] for k in st.published_jwks(tmp_store)["keys"]] == [key.kid]
    assert verify(sign({"seq": 1}, key), st.published_jwks(tmp_store)) == {"seq": 1}
    entry = st.list_audit(tmp_store, st.SYSTEM, limit=1)[0]
    assert (entry.action, entry.entity, entry.payload["kid"]) == (
        "signing_key.use", "programme", key.kid)
    st.programme_key(tmp_store, st.SYSTEM)  # already in use: nothing more written
    assert st.list_audit(tmp_store, st.SYSTEM, limit=1)[0].seq == entry.seq
    monkeypatch.delenv("SEAL_SIGNING_KEY")
    assert st.programme_key(tmp_store, st.SYSTEM, required=False) is None
    with pytest.raises(st.StoreError, match="no signing key is configured"):
        st.programme_key(tmp_store, st.SYSTEM)


def test_a_pdf_of_many_compressed_bombs_is_read_within_a_budget(monkeypatch):
    """200 streams each inflating to 4 MB (800 MB in all): the reader inflates no more than
    its budget (16 MB for the file), counted in bytes, not timed."""
    import zlib

    import seal_engine.certificate as certificate

    bomb = zlib.compress(b"\0" * 4_000_000, 9)
    pdf = b"%PDF-1.7\n" + b"".join(b"1 0 obj\n<<>>\nstream\n" + bomb + b"\nendstream\n"
                                   for _ in range(200))
    real, inflated = certificate._streams, []

    def counted(data):
        for chunk in real(data):
            if chunk is not data:
                inflated.append(len(chunk))
            yield chunk

    monkeypatch.setattr(certificate, "_streams", counted)
    with pytest.raises(SignatureError) as e:
        token_from_pdf(pdf)
    assert e.value.code == "malformed"
    assert sum(inflated) <= certificate._MAX_INFLATED_TOTAL and len(inflated) <= 5, inflated
