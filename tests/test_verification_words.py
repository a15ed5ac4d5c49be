"""A certificate's verification in the reader's language: the reason code rendered through the
engine's catalogue (``Verification.said``, ``seal certificates verify``), while the JSON keeps
``reason`` to act on and ``message`` in English for machines."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from seal_engine import CertificateDetails, Verification, render_message, say
from seal_engine.messages import rendered_log
from seal_engine.signing import generate_private_key, private_key_from_pem, sign

from .test_cli_certificates import _pam, seal  # noqa: F401 - the fixture

DETAILS = CertificateDetails(
    id="c1", issuer="UNDP", institution_code="VAL-PAM", institution_name="Port Aurel",
    country="VAL", level="gold", level_title="Gold", standard_id="s", standard_version=1,
    standard_title="S", score=90.0, basis="benchmarks_met", points=9, max_points=10,
    issued_on=dt.date(2026, 1, 2), valid_until=dt.date(2028, 1, 2), audit_seq=3,
    audit_hash="ab", revoked_on=dt.date(2026, 6, 1), revoked_reason="Withdrew.")
REASONS = {"valid": "valid", "revoked": "revoked", "expired": "expired",
           "bad_signature": "not_genuine", "not_issued": "not_genuine",
           "unknown_key": "unknown_key", "malformed": "malformed"}


@pytest.mark.parametrize("reason", sorted(REASONS))
@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
def test_every_reason_is_said_in_the_language(reason, lang):
    genuine = reason in ("valid", "revoked", "expired")
    v = Verification(status=REASONS[reason], reason=reason, message="in English",
                     certificate=DETAILS if genuine else None)
    with rendered_log() as log:
        said = v.said(lang)
    assert (v.reason_message().code, lang, said) in {(code, lg, text) for code, lg, text, _e in log}
    assert v.reason_message().code.startswith(f"verify.{reason}")
    assert said != v.said("en") and "in English" not in said
    if genuine:  # what the certificate states is named, as it states it
        assert ("Withdrew." in said) if reason == "revoked" else ("2028-01-02" in said)
    if reason == "valid":
        assert "Gold" in said and "Port Aurel (VAL)" in said


def test_the_cli_says_the_verdict_in_the_runs_language(seal):  # noqa: F811
    c = _pam(seal)
    r = seal("--lang", "es", "certificates", "verify", c["token"])
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    valid = Verification.model_validate(json.loads(
        seal("certificates", "verify", c["token"], "--format", "json").output))
    assert first == render_message(say("cli.cert.verdict", status=say("cli.cert.status.valid"),
                                       message=valid.reason_message()), lang="es")
    assert first.startswith("VÁLIDO: auténtico y vigente hasta el " + c["valid_until"]), first
    stranger = private_key_from_pem(generate_private_key())
    r = seal("--lang", "fr", "certificates", "verify", sign({"jti": "x"}, stranger))
    assert r.exit_code == 1
    assert render_message(say("verify.unknown_key"), lang="fr") in r.output
    assert "published" not in r.output


def test_the_json_keeps_the_code_and_an_english_message(seal):  # noqa: F811
    c = _pam(seal)
    r = seal("--lang", "pt", "certificates", "verify", c["token"], "--format", "json")
    data = json.loads(r.output)
    assert data["reason"] == "valid"
    assert data["message"].startswith("genuine and valid until " + c["valid_until"])


def test_offline_in_the_language_and_english_in_the_json(seal, tmp_path):  # noqa: F811
    path = tmp_path / "jwks.json"
    path.write_text(seal("certificates", "jwks").output)
    c = _pam(seal)
    r = seal("--lang", "fr", "certificates", "verify", "--jwks", path, c["token"])
    assert r.exit_code == 0, r.output
    assert render_message(say("cli.cert.offline_valid"), lang="fr") in r.output.splitlines()[0]
    r = seal("--lang", "fr", "certificates", "verify", "--jwks", path, c["token"],
             "--format", "json")
    assert json.loads(r.output)["message"] == render_message(say("cli.cert.offline_valid"))


def test_a_stored_token_that_no_longer_verifies_says_why_in_the_language(demo_store):
    import sqlalchemy as sa

    import seal_engine.store as st
    from seal_engine import StoreError
    from seal_engine.store.schema import certificate

    info = st.list_certificates(demo_store, st.SYSTEM)[0]
    middle = len(info.token) // 2
    changed = info.token[:middle] + ("A" if info.token[middle] != "A" else "B") + \
        info.token[middle + 1:]
    with demo_store.write() as conn:
        conn.execute(sa.update(certificate).where(certificate.c.id == info.id).values(
            token=changed))
    with pytest.raises(StoreError) as e:
        st.certificate_pdf_bytes(demo_store, st.SYSTEM, info.id, "es")
    p = e.value.problems[0]
    assert p.text == say("store.token_no_longer_verifies", reason=say("verify.bad_signature"))
    assert render_message(say("verify.bad_signature"), lang="es") in p.render("es")
