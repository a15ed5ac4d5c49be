"""A certificate's verification in words (:meth:`seal_engine.Verification.said`: the command
line's ``seal certificates verify``): one sentence a reason code.  Params: ``level``,
``institution`` and ``country`` as the certificate states them, ``until`` and ``day`` (dates),
``reason`` (why the programme revoked it, as it wrote it)."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    "verify.valid": "genuine and valid: {level} awarded to {institution} ({country})",
    "verify.valid_until": "genuine and valid until {until}: {level} awarded to {institution} "
                          "({country})",
    "verify.revoked": "the programme revoked this certificate on {day}: {reason}",
    "verify.expired": "genuine, but it expired: it was valid until {until}",
    "verify.bad_signature": "the signature does not match the certificate's content: it was "
                            "changed, or not signed by the programme",
    "verify.not_issued": "the signature holds, but this programme has no record of issuing it",
    "verify.unknown_key": "it is signed with a key the programme has never published",
    "verify.malformed": "what was given is not a certificate's code or PDF",
}
