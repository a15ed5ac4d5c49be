"""The audit head may move over several entries at once: a bulk write (``seal db import``, the
API's answer push) appends its entries in one statement and then moves the head once, instead
of once per entry.

The head still only moves forward, and only over entries that are there and chained: the
entries after it up to the new head all exist (none missing), the first follows the old head
(its ``prev_hash`` is the head's hash), each of the others follows the one before, and the new
head names the last of them with its hash.  Moving one entry at a time passes the same checks,
so everything written before keeps working; a jump over a gap, to an entry that does not follow
the head, or backwards is refused as before.  The trigger keeps its name on both databases.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 18:45:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

#: What refuses a move of the head (``OLD`` and ``NEW`` are its row before and after).
_REFUSED = """NEW.seq <= OLD.seq
  OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
  OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = OLD.seq + 1 AND prev_hash = OLD.hash)
  OR (SELECT count(*) FROM audit_log WHERE seq > OLD.seq AND seq <= NEW.seq)
     <> NEW.seq - OLD.seq
  OR EXISTS (SELECT 1 FROM audit_log a JOIN audit_log b ON b.seq = a.seq - 1
             WHERE a.seq > OLD.seq + 1 AND a.seq <= NEW.seq AND a.prev_hash <> b.hash)"""

_MESSAGE = "audit_head only moves forward over the entries appended after it, in order"

_SQLITE = (
    "DROP TRIGGER IF EXISTS audit_head_forward",
    f"""CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
       WHEN {_REFUSED}
       BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END""",
)
_PG = (
    f"""CREATE OR REPLACE FUNCTION seal_audit_head_forward() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'UPDATE' THEN
           RAISE EXCEPTION 'audit_head cannot be deleted';
         END IF;
         IF {_REFUSED} THEN
           RAISE EXCEPTION '{_MESSAGE}';
         END IF;
         RETURN NEW;
       END $$""",
)

# as 0001 made them
_SQLITE_BEFORE = (
    "DROP TRIGGER IF EXISTS audit_head_forward",
    """CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
       WHEN NEW.seq <> OLD.seq + 1
         OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
       BEGIN SELECT RAISE(ABORT, 'audit_head only moves to the entry just appended'); END""",
)
_PG_BEFORE = (
    """CREATE OR REPLACE FUNCTION seal_audit_head_forward() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'UPDATE' OR NEW.seq <> OLD.seq + 1 OR NOT EXISTS (
             SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
           RAISE EXCEPTION 'audit_head only moves to the entry just appended';
         END IF;
         RETURN NEW;
       END $$""",
)


def _run(sqlite: tuple[str, ...], pg: tuple[str, ...]) -> None:
    for statement in pg if op.get_bind().dialect.name == "postgresql" else sqlite:
        op.execute(statement)


def upgrade() -> None:
    _run(_SQLITE, _PG)


def downgrade() -> None:
    _run(_SQLITE_BEFORE, _PG_BEFORE)
