"""The audit trail: a hash-chained, append-only log of every change, written in the same
transaction as the change it records.

Each entry stores ``hash = sha256(canonical_json([seq, at, actor, action, entity, payload,
prev_hash]))`` where ``prev_hash`` is the hash of the entry before (64 zeros for the first), and
the one-row ``audit_head`` holds the last ``seq`` and ``hash``.  Changing, deleting, reordering
or removing the tail of the log breaks the chain; :func:`verify_audit` recomputes it and names
each entry that no longer fits.  Someone able to rewrite the whole tail *and* the head is caught
only by comparing with a head kept outside the database: a checkpoint file
(:func:`audit_checkpoint`) or the entry printed on a certificate.

Payloads are canonical JSON holding ids, codes and hashes, never names, e-mail addresses,
passwords or answer texts (answers are recorded by the SHA-256 of their value), so that the log
never has to be edited to erase personal data.

The business rows are tied to the chain (see :mod:`..integrity`): an entry seals the rows its
transaction wrote in the record it names and carries the digest of that record's seals
(``rows_sha256``), so :func:`verify_audit` also names every row changed, added or deleted behind
the engine's back.  Checkpoints may be signed with the programme's key (:func:`audit_checkpoint`)
and are then trusted only once their signature holds.

The parts: :mod:`.chain` (each entry's canonical JSON and hash, written with the head that
follows it), :mod:`.seals` (what a transaction wrote, sealed by its entries and at commit),
:mod:`.append` (appending one entry, or many in order), :mod:`.verify` (recomputing the chain
and the rows; checkpoints) and :mod:`.listing` (the trail as an administrator reads it).
"""

from __future__ import annotations

from .append import Pending, append, append_many
from .chain import GENESIS, canonical, entry_hash, value_hash
from .listing import AuditEntry, list_audit
from .seals import ROWS, seal_baseline, unnoted
from .verify import (
    CHECKPOINT_TYPE,
    AuditFinding,
    AuditReport,
    Checkpoint,
    audit_checkpoint,
    read_checkpoint,
    store_jwks,
    verify_audit,
)

__all__ = ["CHECKPOINT_TYPE", "GENESIS", "ROWS", "AuditEntry", "AuditFinding", "AuditReport",
           "Checkpoint", "Pending", "append", "append_many", "audit_checkpoint", "canonical",
           "entry_hash", "list_audit", "read_checkpoint", "seal_baseline", "store_jwks",
           "unnoted", "value_hash", "verify_audit"]
