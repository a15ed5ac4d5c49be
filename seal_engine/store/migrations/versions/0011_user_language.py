"""Each user's language: the one the app, its reports and its certificates are shown in (a
table of its own, so that the sealed preference rows written before keep their hashes).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 13:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_language",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True,
                  comment="A language code such as es, fr or pt; null: the browser's"),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_user_language_user_id_app_user")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_language")),
    )


def downgrade() -> None:
    op.drop_table("user_language")
