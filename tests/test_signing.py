"""seal_engine.signing: Ed25519 keys, JWS compact tokens, checked here also by joserfc (an
independent JOSE library) so that outsiders can verify what the engine signs."""

from __future__ import annotations

import base64
import datetime as dt
import json
import warnings

import pytest

from seal_engine.errors import SealError, SignatureError
from seal_engine.signing import (
    generate_private_key,
    load_private_key,
    private_key_from_pem,
    public_jwk,
    sign,
    token_header,
    verify,
    verify_token,
)

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def key():
    return private_key_from_pem(generate_private_key())


@pytest.fixture(scope="module")
def other_key():
    return private_key_from_pem(generate_private_key())


def _jwks(*keys):
    return {"keys": [public_jwk(k) for k in keys]}


def _joserfc_verify(token, jwks):
    from joserfc import jws
    from joserfc.errors import SecurityWarning
    from joserfc.jwk import KeySet

    with warnings.catch_warnings():  # joserfc flags EdDSA as superseded by RFC 9864's Ed25519
        warnings.simplefilter("ignore", SecurityWarning)
        keyset = KeySet.import_key_set(jwks)
        return jws.deserialize_compact(token, keyset, algorithms=["EdDSA"])


def test_generated_key_is_pkcs8_ed25519_pem(tmp_path):
    pem = generate_private_key()
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    path = tmp_path / "k.pem"
    path.write_bytes(pem)
    loaded = load_private_key(path)
    assert loaded.kid == private_key_from_pem(pem).kid
    assert loaded.kid not in repr(pem)
    assert "PRIVATE" not in repr(loaded)


def test_public_jwk_and_kid_is_the_rfc7638_thumbprint(key):
    from joserfc.jwk import OKPKey

    jwk = public_jwk(key)
    assert set(jwk) == {"kty", "crv", "x", "kid", "use", "alg"}
    assert (jwk["kty"], jwk["crv"], jwk["use"], jwk["alg"]) == ("OKP", "Ed25519", "sig", "EdDSA")
    assert "d" not in jwk
    assert jwk["kid"] == OKPKey.import_key({"kty": "OKP", "crv": "Ed25519",
                                            "x": jwk["x"]}).thumbprint()


def test_sign_gives_a_compact_jws_that_joserfc_verifies(key):
    claims = {"iss": "UNDP", "sub": "MUN-01", "level": "gold", "exp": 2_000_000_000,
              "name": "Municipalité de Port-Aurel"}
    token = sign(claims, key)
    assert token.count(".") == 2
    assert token_header(token) == {"alg": "EdDSA", "kid": key.kid, "typ": "JWT"}
    checked = _joserfc_verify(token, _jwks(key))
    assert json.loads(checked.payload) == claims
    assert verify(token, _jwks(key), NOW) == claims


def test_rotated_keys_each_verify_with_the_whole_set(key, other_key):
    jwks = _jwks(key, other_key)
    assert verify(sign({"n": 1}, key), jwks, NOW) == {"n": 1}
    assert verify(sign({"n": 2}, other_key), jwks, NOW) == {"n": 2}


def _flip(token: str, index: int) -> str:
    c = token[index]
    return token[:index] + ("B" if c != "B" else "C") + token[index + 1:]


def test_one_character_changed_anywhere_in_the_payload_is_a_bad_signature(key):
    token = sign({"level": "bronze", "sub": "X"}, key)
    head, payload, _ = token.split(".")
    for i in range(len(head) + 1, len(head) + 1 + len(payload) - 1):
        with pytest.raises(SignatureError) as e:
            verify(_flip(token, i), _jwks(key), NOW)
        assert e.value.code in ("bad_signature", "malformed"), i
    with pytest.raises(SignatureError) as e:
        verify(_flip(token, len(token) - 5), _jwks(key), NOW)
    assert e.value.code == "bad_signature"


def test_claims_rewritten_and_resigned_by_another_key_is_refused(key, other_key):
    forged = sign({"level": "gold"}, other_key)
    head = json.dumps({"alg": "EdDSA", "kid": key.kid, "typ": "JWT"}).encode()
    swapped = base64.urlsafe_b64encode(head).rstrip(b"=").decode() + forged[forged.index("."):]
    with pytest.raises(SignatureError) as e:
        verify(swapped, _jwks(key), NOW)
    assert e.value.code == "bad_signature"


def test_unknown_key(key, other_key):
    with pytest.raises(SignatureError) as e:
        verify(sign({"a": 1}, other_key), _jwks(key), NOW)
    assert e.value.code == "unknown_key"
    assert other_key.kid in str(e.value)


@pytest.mark.parametrize("token", ["", "abc", "a.b", "a.b.c.d", "!!.e30.sig", "e30.e30.AAAA",
                                   "bnVsbA.e30.AAAA"])
def test_malformed(token, key):
    with pytest.raises(SignatureError) as e:
        verify(token, _jwks(key), NOW)
    assert e.value.code == "malformed"


def test_other_algorithm_is_malformed_even_when_kid_matches(key):
    head = base64.urlsafe_b64encode(json.dumps({"alg": "none", "kid": key.kid}).encode())
    token = head.rstrip(b"=").decode() + ".e30."
    with pytest.raises(SignatureError) as e:
        verify(token, _jwks(key), NOW)
    assert e.value.code == "malformed"


def test_expiry_is_checked_against_now(key):
    exp = int(dt.datetime(2027, 6, 30, tzinfo=dt.UTC).timestamp())
    token = sign({"exp": exp, "level": "silver"}, key)
    assert verify(token, _jwks(key), dt.datetime(2027, 6, 29, 23, 59, tzinfo=dt.UTC))["exp"] == exp
    with pytest.raises(SignatureError) as e:
        verify(token, _jwks(key), dt.datetime(2027, 6, 30, tzinfo=dt.UTC))
    assert e.value.code == "expired"
    assert e.value.claims["level"] == "silver"
    assert "2027-06-30" in str(e.value)


def test_verify_token_reports_instead_of_raising(key, other_key):
    token = sign({"exp": 10, "jti": "c1"}, key)
    assert verify_token(token, _jwks(key), 5).status == "valid"
    expired = verify_token(token, _jwks(key), 11)
    assert (expired.status, expired.reason, expired.claims["jti"]) == ("expired", "expired", "c1")
    assert verify_token(token, _jwks(other_key), 5).status == "unknown_key"
    bad = verify_token(_flip(token, len(token) - 3), _jwks(key), 5)
    assert (bad.status, bad.reason, bad.claims) == ("not_genuine", "bad_signature", None)
    assert verify_token("nonsense", _jwks(key), 5).status == "malformed"


def test_load_private_key_names_the_file(tmp_path):
    missing = tmp_path / "none.pem"
    with pytest.raises(SealError, match="none.pem: no such file"):
        load_private_key(missing)
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("hello")
    with pytest.raises(SealError, match="garbage.pem: is not an unencrypted PEM private key"):
        load_private_key(garbage)


def test_a_key_of_another_type_is_refused(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    path = tmp_path / "ec.pem"
    path.write_bytes(pem)
    with pytest.raises(SealError, match="ec.pem: holds an EC private key, expected an "
                                        "Ed25519 key"):
        load_private_key(path)


def test_missing_cryptography_names_the_extra(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_crypto(name, *args, **kwargs):
        if name.startswith("cryptography"):
            raise ImportError("no cryptography")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_crypto)
    with pytest.raises(ImportError, match=r"pip install 'seal-engine\[certificates\]'"):
        generate_private_key()
