"""Report templates an administrator uploads: one DOCX per report kind (results, review, pay,
portfolio) and language, kept with its file name, size, SHA-256, who uploaded it and when.
The templates shipped with seal-engine are the fallback when none is uploaded.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 06:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_template",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False,
                  comment="The report it lays out: results, review, pay or portfolio"),
        sa.Column("lang", sa.String(length=16), nullable=False,
                  comment="Language tag, e.g. en, fr, es"),
        sa.Column("filename", sa.String(length=255), nullable=False,
                  comment="As uploaded; never a path"),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False,
                  comment="The DOCX template itself"),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(length=32), nullable=False),
        sa.CheckConstraint("kind IN ('results', 'review', 'pay', 'portfolio')",
                           name=op.f("ck_report_template_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_template")),
        sa.UniqueConstraint("kind", "lang", name=op.f("uq_report_template_kind_lang")),
    )


def downgrade() -> None:
    op.drop_table("report_template")
