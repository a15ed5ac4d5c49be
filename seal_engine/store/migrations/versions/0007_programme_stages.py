"""The programme's stages before the application: the institution's commitment (the head's
signed letter and the Gender Equality Committee's founding act), an assessment's purpose
(baseline or certification) with a new state, recorded, for baselines, and the approval of an
assessment's action plan by the head or the committee (date and document).  Existing
assessments are certification assessments, as they were.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 06:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_OLD_STATES = ("draft", "submitted", "under_review", "changes_requested", "recommended",
               "certified", "not_certified")
_NEW_STATES = ("draft", "recorded", "submitted", "under_review", "changes_requested",
               "recommended", "certified", "not_certified")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "commitment",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False, comment="The day on the head's letter"),
        sa.Column("letter_sha256", sa.String(length=64), nullable=False,
                  comment="The head's signed letter of commitment"),
        sa.Column("letter_name", sa.String(length=255), nullable=False),
        sa.Column("committee_sha256", sa.String(length=64), nullable=False,
                  comment="The Gender Equality Committee's founding act"),
        sa.Column("committee_name", sa.String(length=255), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["committee_sha256"], ["evidence_blob.sha256"],
                                name=op.f("fk_commitment_committee_sha256_evidence_blob")),
        sa.ForeignKeyConstraint(["institution_id"], ["institution.id"],
                                name=op.f("fk_commitment_institution_id_institution")),
        sa.ForeignKeyConstraint(["letter_sha256"], ["evidence_blob.sha256"],
                                name=op.f("fk_commitment_letter_sha256_evidence_blob")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_institution_id"), ["institution_id"],
                              unique=False)
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "purpose", sa.String(length=13), server_default="certification", nullable=False,
            comment="baseline (recorded as the starting point) or certification"))
        batch_op.add_column(sa.Column(
            "plan_approved_on", sa.Date(), nullable=True,
            comment="When the head or the committee approved the action plan (the day on the "
            "approval document)"))
        batch_op.add_column(sa.Column("plan_approved_by", sa.String(length=10), nullable=True,
                                      comment="head or committee"))
        batch_op.add_column(sa.Column(
            "plan_approval_sha256", sa.String(length=64), nullable=True,
            comment="The approval document (minutes or signed decision)"))
        batch_op.add_column(sa.Column("plan_approval_name", sa.String(length=255),
                                      nullable=True))
        batch_op.add_column(sa.Column("plan_approval_recorded_by", sa.String(length=32),
                                      nullable=True))
        batch_op.add_column(sa.Column("plan_approval_recorded_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_assessment_plan_approval_sha256_evidence_blob"), "evidence_blob",
            ["plan_approval_sha256"], ["sha256"])
        batch_op.create_check_constraint(op.f("ck_assessment_purpose"),
                                         _in("purpose", ("baseline", "certification")))
        batch_op.create_check_constraint(op.f("ck_assessment_plan_approved_by"),
                                         _in("plan_approved_by", ("head", "committee")))
        batch_op.drop_constraint(op.f("ck_assessment_state"), type_="check")
        batch_op.create_check_constraint(op.f("ck_assessment_state"), _in("state", _NEW_STATES))


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE assessment SET state = 'draft' WHERE state = 'recorded'"))
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_assessment_state"), type_="check")
        batch_op.create_check_constraint(op.f("ck_assessment_state"), _in("state", _OLD_STATES))
        batch_op.drop_constraint(op.f("ck_assessment_plan_approved_by"), type_="check")
        batch_op.drop_constraint(op.f("ck_assessment_purpose"), type_="check")
        batch_op.drop_constraint(batch_op.f("fk_assessment_plan_approval_sha256_evidence_blob"),
                                 type_="foreignkey")
        batch_op.drop_column("plan_approval_recorded_at")
        batch_op.drop_column("plan_approval_recorded_by")
        batch_op.drop_column("plan_approval_name")
        batch_op.drop_column("plan_approval_sha256")
        batch_op.drop_column("plan_approved_by")
        batch_op.drop_column("plan_approved_on")
        batch_op.drop_column("purpose")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_institution_id"))
    op.drop_table("commitment")
