"""Tamper evidence for business data: ``row_seal`` keeps, for each business row, its hash and
the audit entry that last wrote it, grouped by scope (the entity an audit entry names); the
entries carry the digest of their scope's seals, so the seals are authenticated by the chain.

Existing rows are not sealed by this migration: ``seal audit verify`` reports them as
``unsealed`` (once, with counts) until ``seal audit baseline`` seals them as they are, with one
``audit.baseline`` entry per record (see docs/store.md, "Tamper evidence").

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 07:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "row_seal",
        sa.Column("scope", sa.String(length=160), nullable=False,
                  comment="The audit entity the row belongs to, e.g. assessment:ID"),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_key", sa.String(length=400), nullable=False,
                  comment="Canonical JSON list of the row's key values"),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False,
                  comment="The audit entry that last wrote the row"),
        sa.PrimaryKeyConstraint("scope", "table_name", "row_key", name=op.f("pk_row_seal")),
    )


def downgrade() -> None:
    op.drop_table("row_seal")
