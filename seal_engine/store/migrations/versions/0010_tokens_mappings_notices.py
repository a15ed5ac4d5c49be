"""Data in and notices out: API tokens (only their SHA-256 kept) with a request count per token,
each institution's column mapping for its HR system's staff files (every version kept), the
e-mail notices sent (one row per kind, subject and recipient, so none is sent twice) and each
user's choice to receive them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 12:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_token",
        sa.Column("id", sa.String(length=32), nullable=False,
                  comment="Named in the audit trail; not the token"),
        sa.Column("user_id", sa.String(length=32), nullable=False,
                  comment="The user the token acts as, with that user's roles"),
        sa.Column("name", sa.String(length=120), nullable=False,
                  comment="What it is for, e.g. 'HR system nightly push'"),
        sa.Column("token_sha256", sa.String(length=64), nullable=False,
                  comment="SHA-256 of the token; the token itself is shown once, never kept"),
        sa.Column("read_only", sa.Boolean(), nullable=False,
                  comment="Narrowed to reading: every write refused whatever the user's roles"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_api_token_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_api_token_token_sha256")),
    )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_token_user_id"), ["user_id"], unique=False)
    op.create_table(
        "api_rate",
        sa.Column("token_id", sa.String(length=32), nullable=False),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False,
                  comment="Requests since the window started"),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["token_id"], ["api_token.id"],
                                name=op.f("fk_api_rate_token_id_api_token")),
        sa.PrimaryKeyConstraint("token_id", name=op.f("pk_api_rate")),
    )
    op.create_table(
        "column_mapping",
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False,
                  comment="1, 2, ... per institution; the highest is in use, the others are "
                          "kept"),
        sa.Column("mapping", sa.Text(), nullable=False,
                  comment="JSON: the HR file's columns as staff data fields, and their units"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["institution_id"], ["institution.id"],
                                name=op.f("fk_column_mapping_institution_id_institution")),
        sa.PrimaryKeyConstraint("institution_id", "version", name=op.f("pk_column_mapping")),
    )
    op.create_table(
        "notice",
        sa.Column("kind", sa.String(length=40), nullable=False,
                  comment="e.g. assessment.submitted, certificate.expiring.90"),
        sa.Column("subject", sa.String(length=160), nullable=False,
                  comment="What it is about: an assessment, a certificate or a plan action"),
        sa.Column("recipient_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True, comment="Why the last attempt failed"),
        sa.CheckConstraint("state IN ('sending', 'sent', 'failed')",
                           name=op.f("ck_notice_state")),
        sa.ForeignKeyConstraint(["recipient_id"], ["app_user.id"],
                                name=op.f("fk_notice_recipient_id_app_user")),
        sa.PrimaryKeyConstraint("kind", "subject", "recipient_id", name=op.f("pk_notice")),
    )
    op.create_table(
        "notice_setting",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("email_notices", sa.Boolean(), nullable=False,
                  comment="False: the user asked for no e-mail notices"),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_notice_setting_user_id_app_user")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notice_setting")),
    )


def downgrade() -> None:
    op.drop_table("notice_setting")
    op.drop_table("notice")
    op.drop_table("column_mapping")
    op.drop_table("api_rate")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_token_user_id"))
    op.drop_table("api_token")
