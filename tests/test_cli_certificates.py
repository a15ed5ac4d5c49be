"""seal certificates (list, pdf, verify, jwks, revoke) and seal keys generate, on a copy of the
demo database: exit 0 only for a valid certificate, the reason otherwise."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from seal_engine.cli import app
from seal_engine.signing import generate_private_key, private_key_from_pem, sign


@pytest.fixture
def seal(demo_store, monkeypatch):
    monkeypatch.setenv("SEAL_DATABASE_URL", demo_store.url)

    def run(*args, input=None):
        return CliRunner().invoke(app, [str(a) for a in args], input=input)

    return run


def _listed(seal) -> list[dict]:
    r = seal("certificates", "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def _pam(seal) -> dict:
    return next(c for c in _listed(seal) if c["institution"] == "VAL-PAM")


def test_list_as_table_and_json_with_id_and_token(seal):
    listed = _listed(seal)
    assert [c["institution"] for c in listed] == ["VAL-MLSP", "VAL-PAM"]
    for c in listed:
        assert len(c["id"]) == 32 and c["token"].count(".") == 2 and c["kid"]
        assert c["revoked_at"] is None
    table = seal("certificates")
    assert table.exit_code == 0
    assert all(c["id"] in table.output for c in listed)
    assert "Municipality" in table.output and "Gold" in table.output  # the level by its title


def test_verify_a_valid_token_exits_0_with_its_details(seal):
    c = _pam(seal)
    r = seal("certificates", "verify", c["token"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("VALID: genuine and valid until " + c["valid_until"])
    assert "Municipality of Port Aurel (VAL-PAM)" in r.output and c["id"] in r.output


def test_one_character_changed_is_refused(seal):
    token = _pam(seal)["token"]
    for i in (40, len(token) // 2, len(token) - 10):  # header, claims, signature
        changed = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1:]
        r = seal("certificates", "verify", changed)
        assert r.exit_code == 1, (i, r.output)
        assert r.output.split(":")[0] in ("NOT GENUINE", "MALFORMED", "UNKNOWN KEY"), r.output
    middle = len(token) // 2
    r = seal("certificates", "verify", token[:middle] + ("A" if token[middle] != "A" else "B")
             + token[middle + 1:])
    assert r.output.startswith("NOT GENUINE: the signature does not match")


def test_unknown_key_and_malformed(seal):
    stranger = private_key_from_pem(generate_private_key())
    r = seal("certificates", "verify", sign({"jti": "x"}, stranger))
    assert r.exit_code == 1 and r.output.startswith("UNKNOWN KEY")
    r = seal("certificates", "verify", "not-a-token")
    assert r.exit_code == 1 and r.output.startswith("MALFORMED")


def test_pdf_then_verify_the_file_and_standard_input(seal, tmp_path):
    c = _pam(seal)
    out = tmp_path / "pam.pdf"
    r = seal("certificates", "pdf", "port-aurel-municipality-2025", "-o", out)
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"%PDF-")
    again = seal("certificates", "pdf", c["id"], "-o", out)
    assert again.exit_code == 2 and "--force" in again.output
    assert seal("certificates", "pdf", c["id"], "-o", out, "--force").exit_code == 0
    r = seal("certificates", "verify", out)
    assert r.exit_code == 0 and r.output.startswith("VALID"), r.output
    r = seal("certificates", "verify", "-", input=c["token"] + "\n")
    assert r.exit_code == 0, r.output
    missing = seal("certificates", "pdf", "no-such-certificate", "-o", tmp_path / "x.pdf")
    assert missing.exit_code == 1 and "no certificate 'no-such-certificate'" in missing.output


def test_revoke_then_verify_says_revoked(seal):
    c = _pam(seal)
    r = seal("certificates", "revoke", c["id"], "--reason", "Withdrew from the programme.")
    assert r.exit_code == 0, r.output
    r = seal("certificates", "verify", c["token"])
    assert r.exit_code == 1
    assert r.output.startswith("REVOKED: the programme revoked this certificate on ")
    assert "Withdrew from the programme." in r.output
    again = seal("certificates", "revoke", c["id"], "--reason", "Again.")
    assert again.exit_code == 1 and "already revoked" in again.output
    assert seal("certificates", "revoke", c["id"]).exit_code == 2  # --reason is required
    assert _pam(seal)["revoked_reason"] == "Withdrew from the programme."


def test_expired_by_the_clock(seal, monkeypatch):
    """verify reads the store's clock; the test moves it past the validity."""
    import datetime as dt

    import seal_engine.store as st

    c = _pam(seal)
    real = st.open_store

    def later(*args, **kwargs):
        until = dt.date.fromisoformat(c["valid_until"])
        return real(*args, **kwargs, clock=lambda: dt.datetime.combine(
            until + dt.timedelta(days=2), dt.time(), dt.UTC))

    monkeypatch.setattr(st, "open_store", later)
    r = seal("certificates", "verify", c["token"])
    assert r.exit_code == 1 and r.output.startswith("EXPIRED"), r.output


def test_jwks_and_offline_verification(seal, tmp_path):
    from joserfc.jwk import KeySet

    r = seal("certificates", "jwks")
    assert r.exit_code == 0
    jwks = json.loads(r.output)
    assert KeySet.import_key_set(jwks).keys  # a JWKS an outside library reads
    path = tmp_path / "jwks.json"
    path.write_text(r.output)
    c = _pam(seal)
    offline = seal("certificates", "verify", "--jwks", path, c["token"], "--format", "json")
    assert offline.exit_code == 0, offline.output
    assert json.loads(offline.output)["certificate"]["id"] == c["id"]
    bad = c["token"][:-3] + ("A" if c["token"][-3] != "A" else "B") + c["token"][-2:]
    assert seal("certificates", "verify", "--jwks", path, bad).exit_code == 1


def test_keys_generate_refuses_to_overwrite_and_is_private(seal, tmp_path):
    out = tmp_path / "key.pem"
    r = seal("keys", "generate", "-o", out)
    assert r.exit_code == 0, r.output
    assert os.stat(out).st_mode & 0o777 == 0o600
    kid = private_key_from_pem(out.read_bytes()).kid
    assert kid in r.output and f"export SEAL_SIGNING_KEY={out.resolve()}" in r.output
    before = out.read_bytes()
    again = seal("keys", "generate", "-o", out)
    assert again.exit_code == 2 and "never replaced" in again.output
    assert out.read_bytes() == before
