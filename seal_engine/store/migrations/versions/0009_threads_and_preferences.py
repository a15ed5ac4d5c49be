"""Words around the answers: a comment per answer from the institution, a thread per benchmark
between the institution and the assessment team (both kept with the assessment and sealed with
it), and each user's preferences (the time zone times are shown in).

The time zone is a table of its own rather than a column of ``app_user``: a new column would
change the hash of every user row sealed before it (see 0008) and be reported as tampering.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 07:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _edited() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "answer_comment",
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("question_id", sa.String(length=80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False,
                  comment="The institution's comment on its answer, for the assessors"),
        *_edited(),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"],
                                name=op.f("fk_answer_comment_assessment_id_assessment")),
        sa.PrimaryKeyConstraint("assessment_id", "question_id", name=op.f("pk_answer_comment")),
    )
    op.create_table(
        "benchmark_message",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("benchmark_id", sa.String(length=80), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False, comment="1, 2, ... within its thread"),
        sa.Column("side", sa.String(length=12), nullable=False,
                  comment="institution (a focal point) or assessors (the assessment team)"),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("side IN ('institution', 'assessors')",
                           name=op.f("ck_benchmark_message_side")),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"],
                                name=op.f("fk_benchmark_message_assessment_id_assessment")),
        sa.ForeignKeyConstraint(["author_id"], ["app_user.id"],
                                name=op.f("fk_benchmark_message_author_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benchmark_message")),
        sa.UniqueConstraint("assessment_id", "benchmark_id", "number",
                            name=op.f("uq_benchmark_message_assessment_id_benchmark_id_number")),
    )
    op.create_table(
        "user_preference",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=True,
                  comment="IANA name, e.g. America/Panama; null: UTC"),
        *_edited(),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_user_preference_user_id_app_user")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_preference")),
    )


def downgrade() -> None:
    op.drop_table("user_preference")
    op.drop_table("benchmark_message")
    op.drop_table("answer_comment")
