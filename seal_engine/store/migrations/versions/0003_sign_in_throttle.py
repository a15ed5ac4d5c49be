"""Sign-in throttling kept in the database, so that it holds across app servers: one row per
account (the e-mail typed) and per client address, each named by a SHA-256, with the attempts
of the current window and how long it is refused.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_throttle",
        sa.Column("key_sha256", sa.String(length=64), nullable=False,
                  comment="SHA-256 of 'account:' and the e-mail typed, or 'client:' and the "
                          "client address; never the address itself"),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False,
                  comment="Sign-ins tried since the window started and not succeeded"),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True,
                  comment="Refused until then"),
        sa.CheckConstraint("kind IN ('account', 'client')",
                           name=op.f("ck_sign_in_throttle_kind")),
        sa.PrimaryKeyConstraint("key_sha256", name=op.f("pk_sign_in_throttle")),
    )
    with op.batch_alter_table("sign_in_throttle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_throttle_last_attempt_at"),
                              ["last_attempt_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sign_in_throttle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_throttle_last_attempt_at"))
    op.drop_table("sign_in_throttle")
