"""Signed tokens anyone can check offline: a JWS in compact serialisation (RFC 7515) signed with
Ed25519 (``alg`` EdDSA, RFC 8037), the key named by ``kid`` (its RFC 7638 thumbprint), the
claims a JSON object.  The public keys are published as a JWKS (RFC 7517), so any JOSE library
(joserfc, PyJWT, jose) verifies a token without this package.

Pure: nothing here reads a file it was not given or the clock unless no ``now`` is passed.
Needs the ``certificates`` extra (``cryptography``), imported when first used.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from .errors import Problem, SealError, SignatureError, install_hint

__all__ = [
    "ALGORITHM",
    "SigningKey",
    "TokenCheck",
    "generate_private_key",
    "key_id",
    "load_private_key",
    "private_key_from_pem",
    "public_jwk",
    "sign",
    "token_header",
    "verify",
    "verify_token",
]

ALGORITHM = "EdDSA"
HINT = install_hint("certificates")

#: What :func:`verify_token` can say of a token, before any database is asked.
TokenStatus = Literal["valid", "expired", "not_genuine", "unknown_key", "malformed"]


def _crypto():
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError as e:
        raise ImportError(f"signing certificates needs cryptography, which is not installed: "
                          f"{HINT}") from e
    return serialization, ed25519


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not isinstance(text, str) or any(c not in _B64_CHARS for c in text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


_B64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class SigningKey:
    """An Ed25519 private key and its key id (the RFC 7638 thumbprint of its public JWK)."""

    __slots__ = ("_key", "kid", "source")

    def __init__(self, key, source: str | None = None):
        self._key = key
        self.source = source
        self.kid = key_id(_public_x(key))

    def public_jwk(self) -> dict[str, str]:
        return public_jwk(self)

    def sign_bytes(self, data: bytes) -> bytes:
        return self._key.sign(data)

    def __repr__(self) -> str:  # never the key itself
        return f"SigningKey(kid={self.kid!r})"


def _public_x(key) -> str:
    serialization, _ = _crypto()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    return _b64(raw)


def key_id(x: str) -> str:
    """The RFC 7638 thumbprint (SHA-256, base64url) of the Ed25519 public key ``x``."""
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"),
                           sort_keys=True)
    return _b64(hashlib.sha256(canonical.encode("utf-8")).digest())


def generate_private_key() -> bytes:
    """A new Ed25519 private key, PEM (PKCS #8, unencrypted)."""
    serialization, ed25519 = _crypto()
    key = ed25519.Ed25519PrivateKey.generate()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def private_key_from_pem(pem: bytes, source: str | None = None) -> SigningKey:
    """The signing key in ``pem``; ``source`` names where it came from in errors."""
    serialization, ed25519 = _crypto()
    where = source or "the signing key"
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as e:
        raise SealError(Problem(f"is not an unencrypted PEM private key ({e}); create one with "
                                f"seal keys generate -o FILE", file=where)) from None
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise SealError(Problem(f"holds {_kind(key)} private key, expected an Ed25519 key; "
                                f"create one with seal keys generate -o FILE", file=where))
    return SigningKey(key, source)


def _kind(key) -> str:
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, rsa

    for cls, name in ((rsa.RSAPrivateKey, "an RSA"), (ec.EllipticCurvePrivateKey, "an EC"),
                      (ed448.Ed448PrivateKey, "an Ed448"), (dsa.DSAPrivateKey, "a DSA")):
        if isinstance(key, cls):
            return name
    return "another kind of"


def load_private_key(path: str | Path) -> SigningKey:
    """The Ed25519 private key in the PEM file ``path``; the error names the file."""
    path = Path(path)
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise SealError(Problem("no such file: the signing key is missing; create one with "
                                "seal keys generate -o FILE", file=str(path))) from None
    except IsADirectoryError:
        raise SealError(Problem("is a folder, expected the PEM file of an Ed25519 private key",
                                file=str(path))) from None
    except OSError as e:
        raise SealError(Problem(f"cannot be read: {e.strerror}", file=str(path))) from None
    return private_key_from_pem(pem, str(path))


def public_jwk(key: SigningKey) -> dict[str, str]:
    """The public JWK of ``key`` (RFC 8037 OKP): kty, crv, x, kid, use, alg."""
    return {"kty": "OKP", "crv": "Ed25519", "x": _public_x(key._key), "kid": key.kid,
            "use": "sig", "alg": ALGORITHM}


def sign(claims: dict[str, Any], key: SigningKey) -> str:
    """``claims`` as a JWS compact serialisation: header ``{"alg": "EdDSA", "kid", "typ":
    "JWT"}``, the claims as compact JSON with sorted keys."""
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": "JWT"}
    signing_input = (_b64(json.dumps(header, separators=(",", ":")).encode("utf-8")) + "."
                     + _b64(json.dumps(claims, separators=(",", ":"), sort_keys=True,
                                       ensure_ascii=False).encode("utf-8")))
    signature = key.sign_bytes(signing_input.encode("ascii"))
    return signing_input + "." + _b64(signature)


def _fail(code: str, message: str, header: dict | None = None,
          claims: dict | None = None) -> SignatureError:
    return SignatureError(code, Problem(message, field="token"), header=header, claims=claims)


def token_header(token: str) -> dict[str, Any]:
    """The protected header of ``token``, unverified; raises :class:`SignatureError`
    ``malformed`` when it is not a compact JWS."""
    if not isinstance(token, str):
        raise _fail("malformed", "a token is text")
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise _fail("malformed", f"a signed token has 3 parts separated by dots, this one has "
                                 f"{len(parts)}")
    try:
        header = json.loads(_unb64(parts[0]))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise _fail("malformed", "the token's header is not base64url JSON") from None
    if not isinstance(header, dict):
        raise _fail("malformed", "the token's header is not a JSON object")
    return header


def _public_key(jwk: dict):
    _, ed25519 = _crypto()
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        return None
    try:
        raw = _unb64(jwk.get("x", ""))
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        return None


def _timestamp(now: dt.datetime | float | None) -> float:
    if now is None:
        return dt.datetime.now(dt.UTC).timestamp()
    if isinstance(now, dt.datetime):
        return (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).timestamp()
    return float(now)


def verify(token: str, jwks: dict[str, Any], now: dt.datetime | float | None = None
           ) -> dict[str, Any]:
    """The claims of ``token`` once its signature is checked against the key of its ``kid`` in
    ``jwks`` (``{"keys": [...]}``) and its ``exp`` against ``now`` (a datetime, naive taken as
    UTC, or seconds since the epoch; default: the clock).

    Raises :class:`SignatureError` with ``code`` ``malformed`` (not a compact JWS, or not
    EdDSA), ``unknown_key`` (no key with that ``kid``), ``bad_signature`` (changed or signed by
    another key) or ``expired`` (genuine, past ``exp``; the error carries the claims)."""
    from cryptography.exceptions import InvalidSignature

    header = token_header(token)
    head, payload, signature = token.strip().split(".")
    if header.get("alg") != ALGORITHM:
        raise _fail("malformed", f"the token's algorithm is {header.get('alg')!r}, expected "
                                 f"{ALGORITHM!r}", header)
    kid = header.get("kid")
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    match = [k for k in keys or [] if isinstance(k, dict) and k.get("kid") == kid]
    if not isinstance(kid, str) or not match:
        raise _fail("unknown_key", f"the token is signed by key {kid!r}, which is not among the "
                                   f"{len(keys or [])} published keys", header)
    public = _public_key(match[0])
    if public is None:
        raise _fail("unknown_key", f"the published key {kid!r} is not an Ed25519 key", header)
    try:
        sig = _unb64(signature)
        public.verify(sig, f"{head}.{payload}".encode("ascii"))
    except (ValueError, binascii.Error, InvalidSignature, UnicodeEncodeError):
        raise _fail("bad_signature", "the signature does not match the token's content: it was "
                                     "changed, or not signed by the programme", header) from None
    try:
        claims = json.loads(_unb64(payload))
    except (ValueError, UnicodeDecodeError):  # signed, but not JSON: never issued by us
        raise _fail("malformed", "the token's claims are not JSON", header) from None
    if not isinstance(claims, dict):
        raise _fail("malformed", "the token's claims are not a JSON object", header)
    exp = claims.get("exp")
    if exp is not None:
        if not isinstance(exp, int | float) or isinstance(exp, bool):
            raise _fail("malformed", f"the token's exp is {exp!r}, expected seconds since the "
                                     f"epoch", header, claims)
        if _timestamp(now) >= exp:
            expired_on = dt.datetime.fromtimestamp(exp, dt.UTC).date().isoformat()
            raise _fail("expired", f"the token expired on {expired_on}", header, claims)
    return claims


class TokenCheck(BaseModel):
    """What a token alone says, checked offline against a JWKS: ``status`` and its ``reason``
    code, the header and, when the signature holds, the claims."""

    status: TokenStatus
    reason: str
    message: str
    kid: str | None = None
    claims: dict[str, Any] | None = None


_STATUS = {"malformed": "malformed", "unknown_key": "unknown_key",
           "bad_signature": "not_genuine", "expired": "expired"}


def verify_token(token: str, jwks: dict[str, Any], now: dt.datetime | float | None = None
                 ) -> TokenCheck:
    """:func:`verify` as a result instead of an error: valid, expired (the claims kept),
    not_genuine, unknown_key or malformed, with the reason code."""
    try:
        claims = verify(token, jwks, now)
    except SignatureError as e:
        kid = (e.header or {}).get("kid")
        return TokenCheck(status=_STATUS[e.code], reason=e.code, message=e.problems[0].message,
                          kid=kid if isinstance(kid, str) else None, claims=e.claims)
    kid = token_header(token).get("kid")
    return TokenCheck(status="valid", reason="valid", message="the signature holds",
                      kid=kid, claims=claims)
