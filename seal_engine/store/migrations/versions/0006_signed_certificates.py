"""Signed certificates: each certificate keeps its signed token (a JWS, EdDSA) and the id of
the key that signed it, and may be revoked (when, by whom, why); ``signing_key`` keeps the
public keys that ever signed, so that certificates signed before a rotation still verify.
The private key is never stored in the database.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 06:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signing_key",
        sa.Column("kid", sa.String(length=64), nullable=False, comment="RFC 7638 thumbprint"),
        sa.Column("jwk", sa.Text(), nullable=False,
                  comment="The public key as a JWK (JSON); the private key is never stored"),
        sa.Column("first_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True,
                  comment="When another key first signed; still verifies"),
        sa.PrimaryKeyConstraint("kid", name=op.f("pk_signing_key")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "token", sa.Text(), nullable=True,
            comment="The signed certificate (JWS compact, EdDSA): what its QR code holds; "
                    "null only for certificates issued before signing"))
        batch_op.add_column(sa.Column("kid", sa.String(length=64), nullable=True,
                                      comment="The signing key's id (RFC 7638 thumbprint)"))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("revoked_by", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("revoked_reason", sa.Text(), nullable=True,
                                      comment="Shown to whoever verifies the certificate"))


def downgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("revoked_reason")
        batch_op.drop_column("revoked_by")
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("kid")
        batch_op.drop_column("token")
    op.drop_table("signing_key")
