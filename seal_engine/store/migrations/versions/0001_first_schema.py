"""First schema: institutions, users and roles, standards, assessments with answers, evidence
and workforce files, reviews, action plans, certificates, results and the audit chain.

The audit log is append-only: triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL),
and the head may only move forward one entry at a time.

Revision ID: 0001
Revises:
Create Date: 2026-12-01 09:49:48.969228
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64
_SQLITE_TRIGGERS = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END""",
    """CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
       WHEN NEW.seq <> OLD.seq + 1
         OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
       BEGIN SELECT RAISE(ABORT, 'audit_head only moves to the entry just appended'); END""",
    """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
       BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END""",
)
_PG_TRIGGERS = (
    """CREATE FUNCTION seal_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
       END $$""",
    """CREATE FUNCTION seal_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'UPDATE' OR NEW.seq <> OLD.seq + 1 OR NOT EXISTS (
             SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
           RAISE EXCEPTION 'audit_head only moves to the entry just appended';
         END IF;
         RETURN NEW;
       END $$""",
    """CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION seal_audit_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION seal_audit_append_only()""",
    """CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
       FOR EACH ROW EXECUTE FUNCTION seal_audit_head_forward()""",
    """CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
       FOR EACH STATEMENT EXECUTE FUNCTION seal_audit_append_only()""",
)


def _create_triggers() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _PG_TRIGGERS if dialect == "postgresql" else _SQLITE_TRIGGERS:
        op.execute(statement)


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in (
            "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head",
            "DROP TRIGGER IF EXISTS audit_head_forward ON audit_head",
            "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
            "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
            "DROP FUNCTION IF EXISTS seal_audit_head_forward()",
            "DROP FUNCTION IF EXISTS seal_audit_append_only()",
        ):
            op.execute(statement)
    else:
        for name in (
            "audit_head_no_delete",
            "audit_head_forward",
            "audit_log_no_delete",
            "audit_log_no_update",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column(
            "email", sa.String(length=320), nullable=False, comment="Lower-cased; the sign-in name"
        ),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False, comment="argon2id (argon2-cffi)"),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("email", name=op.f("uq_app_user_email")),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column(
            "at", sa.String(length=32), nullable=False, comment="UTC, ISO 8601 with microseconds"
        ),
        sa.Column(
            "actor",
            sa.String(length=32),
            nullable=False,
            comment="A user id or 'system'; never a name",
        ),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=120), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False, comment="Canonical JSON, ids only"),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
        sa.UniqueConstraint("prev_hash", name=op.f("uq_audit_log_prev_hash")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_entity"), ["entity"], unique=False)

    op.create_table(
        "evidence_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_evidence_blob")),
    )
    op.create_table(
        "institution",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column(
            "code",
            sa.String(length=80),
            nullable=False,
            comment="The institution's id in assessment files, e.g. VAL-MLSP",
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=120), nullable=False),
        sa.Column("scope", sa.String(length=12), nullable=False),
        sa.Column("sector", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("parent_id", sa.String(length=32), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "scope IN ('national', 'subnational')", name=op.f("ck_institution_scope")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["institution.id"], name=op.f("fk_institution_parent_id_institution")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institution")),
        sa.UniqueConstraint("code", name=op.f("uq_institution_code")),
    )
    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_institution_country"), ["country"], unique=False)

    op.create_table(
        "standard",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("standard_id", sa.String(length=80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "content_hash", sa.String(length=64), nullable=False, comment="seal_engine.content_hash"
        ),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("layout", sa.String(length=8), nullable=False, comment="'file' or 'folder'"),
        sa.Column("extends_pk", sa.String(length=32), nullable=True),
        sa.Column("validity_years", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=False),
        sa.CheckConstraint("layout IN ('file', 'folder')", name=op.f("ck_standard_layout")),
        sa.ForeignKeyConstraint(
            ["extends_pk"], ["standard.id"], name=op.f("fk_standard_extends_pk_standard")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard")),
        sa.UniqueConstraint("standard_id", "version", name=op.f("uq_standard_standard_id_version")),
    )
    op.create_table(
        "assessment",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column(
            "code",
            sa.String(length=80),
            nullable=False,
            comment="The assessment's id in assessment files",
        ),
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("standard_pk", sa.String(length=32), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("period_label", sa.String(length=80), nullable=True),
        sa.Column("kind", sa.String(length=10), server_default="self", nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("renewed_from", sa.String(length=32), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.CheckConstraint("kind IN ('self', 'external')", name=op.f("ck_assessment_kind")),
        sa.CheckConstraint(
            "state IN ('draft', 'submitted', 'under_review', 'changes_requested', 'certified', "
            "'not_certified')",
            name=op.f("ck_assessment_state"),
        ),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_assessment_period")),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_assessment_institution_id_institution"),
        ),
        sa.ForeignKeyConstraint(
            ["renewed_from"], ["assessment.id"], name=op.f("fk_assessment_renewed_from_assessment")
        ),
        sa.ForeignKeyConstraint(
            ["standard_pk"], ["standard.id"], name=op.f("fk_assessment_standard_pk_standard")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
        sa.UniqueConstraint("code", name=op.f("uq_assessment_code")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assessment_state"), ["state"], unique=False)

    op.create_table(
        "role_grant",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column(
            "institution_id",
            sa.String(length=32),
            nullable=True,
            comment="The institution of a focal point",
        ),
        sa.Column(
            "country", sa.String(length=120), nullable=True, comment="The country of an analyst"
        ),
        sa.Column(
            "scope_key",
            sa.String(length=160),
            nullable=False,
            comment="institution id, country or '' (keeps grants unique)",
        ),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("granted_by", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "(role = 'analyst') = (country IS NOT NULL)", name=op.f("ck_role_grant_analyst_country")
        ),
        sa.CheckConstraint(
            "(role = 'focal_point') = (institution_id IS NOT NULL)",
            name=op.f("ck_role_grant_focal_point_institution"),
        ),
        sa.CheckConstraint(
            "role IN ('focal_point', 'assessor', 'analyst', 'admin')",
            name=op.f("ck_role_grant_role"),
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_role_grant_institution_id_institution"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_role_grant_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_grant")),
        sa.UniqueConstraint(
            "user_id", "role", "scope_key", name=op.f("uq_role_grant_user_id_role_scope_key")
        ),
    )
    with op.batch_alter_table("role_grant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_role_grant_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_role_grant_user_id"), ["user_id"], unique=False)

    op.create_table(
        "standard_file",
        sa.Column("standard_pk", sa.String(length=32), nullable=False),
        sa.Column(
            "path",
            sa.String(length=300),
            nullable=False,
            comment="Relative name within the standard's folder, or the file's name",
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["standard_pk"], ["standard.id"], name=op.f("fk_standard_file_standard_pk_standard")
        ),
        sa.PrimaryKeyConstraint("standard_pk", "path", name=op.f("pk_standard_file")),
    )
    op.create_table(
        "action_plan",
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("plan", sa.Text(), nullable=False, comment="seal_engine.ActionPlan as JSON"),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_action_plan_assessment_id_assessment"),
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_action_plan")),
    )
    op.create_table(
        "answer",
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("question_id", sa.String(length=80), nullable=False),
        sa.Column(
            "value", sa.Text(), nullable=False, comment="Canonical JSON; null = not answered"
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessment.id"], name=op.f("fk_answer_assessment_id_assessment")
        ),
        sa.PrimaryKeyConstraint("assessment_id", "question_id", name=op.f("pk_answer")),
    )
    op.create_table(
        "assignment",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("assessor_id", sa.String(length=32), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assigned_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_assignment_assessment_id_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["assessor_id"], ["app_user.id"], name=op.f("fk_assignment_assessor_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
        sa.UniqueConstraint(
            "assessment_id", "assessor_id", name=op.f("uq_assignment_assessment_id_assessor_id")
        ),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assignment_assessor_id"), ["assessor_id"], unique=False
        )

    op.create_table(
        "benchmark_review",
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("benchmark_id", sa.String(length=80), nullable=False),
        sa.Column(
            "computed_status",
            sa.String(length=16),
            nullable=False,
            comment="The status computed when the verdict was given",
        ),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False, comment="The reviewed status"),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "decision = 'confirm' OR justification IS NOT NULL",
            name=op.f("ck_benchmark_review_override_justified"),
        ),
        sa.CheckConstraint(
            "decision IN ('confirm', 'override')", name=op.f("ck_benchmark_review_decision")
        ),
        sa.CheckConstraint(
            "status IN ('met', 'partially_met', 'not_met', 'not_applicable', 'not_answered')",
            name=op.f("ck_benchmark_review_status"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_benchmark_review_assessment_id_assessment"),
        ),
        sa.PrimaryKeyConstraint("assessment_id", "benchmark_id", name=op.f("pk_benchmark_review")),
    )
    op.create_table(
        "certificate",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=80), nullable=False),
        sa.Column("standard_id", sa.String(length=80), nullable=False),
        sa.Column("standard_version", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column(
            "valid_until",
            sa.Date(),
            nullable=True,
            comment="Null when the standard sets no validity",
        ),
        sa.Column(
            "audit_seq",
            sa.BigInteger(),
            nullable=False,
            comment="The audit entry of the decision: print it with the hash",
        ),
        sa.Column("audit_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_certificate_assessment_id_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_certificate_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
        sa.UniqueConstraint("assessment_id", name=op.f("uq_certificate_assessment_id")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_certificate_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_certificate_valid_until"), ["valid_until"], unique=False
        )

    op.create_table(
        "evidence",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("benchmark_id", sa.String(length=80), nullable=False),
        sa.Column("requirement_id", sa.String(length=80), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.String(length=10),
            nullable=False,
            comment="file (a stored blob), link (a URL) or reference (text)",
        ),
        sa.Column("reference", sa.Text(), nullable=True),
        sa.Column("blob_sha256", sa.String(length=64), nullable=True),
        sa.Column(
            "original_name",
            sa.String(length=255),
            nullable=True,
            comment="As uploaded; never a path",
        ),
        sa.Column("media_type", sa.String(length=120), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column(
            "declared_status",
            sa.String(length=10),
            server_default="provided",
            nullable=False,
            comment="The status the institution's file gave",
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "(kind = 'file') = (blob_sha256 IS NOT NULL)", name=op.f("ck_evidence_file_blob")
        ),
        sa.CheckConstraint(
            "declared_status IN ('provided', 'accepted', 'rejected')",
            name=op.f("ck_evidence_declared_status"),
        ),
        sa.CheckConstraint("kind IN ('file', 'link', 'reference')", name=op.f("ck_evidence_kind")),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessment.id"], name=op.f("fk_evidence_assessment_id_assessment")
        ),
        sa.ForeignKeyConstraint(
            ["blob_sha256"],
            ["evidence_blob.sha256"],
            name=op.f("fk_evidence_blob_sha256_evidence_blob"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_assessment_id"), ["assessment_id"], unique=False
        )

    op.create_table(
        "evidence_request",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("benchmark_id", sa.String(length=80), nullable=False),
        sa.Column("requirement_id", sa.String(length=80), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by", sa.String(length=32), nullable=False),
        sa.Column(
            "answered_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When the institution submitted again",
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_evidence_request_assessment_id_assessment"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_request")),
    )
    with op.batch_alter_table("evidence_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_request_assessment_id"), ["assessment_id"], unique=False
        )

    op.create_table(
        "na_claim",
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("benchmark_id", sa.String(length=80), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "decision",
            sa.String(length=10),
            nullable=True,
            comment="accepted / rejected by the assessor",
        ),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "decision IS NULL OR decision IN ('accepted', 'rejected')",
            name=op.f("ck_na_claim_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessment.id"], name=op.f("fk_na_claim_assessment_id_assessment")
        ),
        sa.PrimaryKeyConstraint("assessment_id", "benchmark_id", name=op.f("pk_na_claim")),
    )
    op.create_table(
        "result_assessment",
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False, comment="self or reviewed"),
        sa.Column("level", sa.String(length=80), nullable=True, comment="Null: no level reached"),
        sa.Column("score", sa.Float(), nullable=False, comment="Percent of applicable points"),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("standard_id", sa.String(length=80), nullable=False),
        sa.Column("standard_version", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=120), nullable=False),
        sa.Column("scope", sa.String(length=12), nullable=False),
        sa.Column("sector", sa.String(length=200), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("period_label", sa.String(length=80), nullable=True),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('self', 'reviewed')", name=op.f("ck_result_assessment_kind")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_result_assessment_assessment_id_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_result_assessment_institution_id_institution"),
        ),
        sa.PrimaryKeyConstraint("assessment_id", "kind", name=op.f("pk_result_assessment")),
    )
    with op.batch_alter_table("result_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_result_assessment_country_scope_sector"),
            ["country", "scope", "sector"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_result_assessment_institution_id_period_end"),
            ["institution_id", "period_end"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_result_assessment_standard_id_standard_version_kind"),
            ["standard_id", "standard_version", "kind"],
            unique=False,
        )

    op.create_table(
        "workforce_file",
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column(
            "name", sa.String(length=255), nullable=False, comment="As uploaded; never a path"
        ),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_workforce_file_assessment_id_assessment"),
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_workforce_file")),
    )
    op.create_table(
        "evidence_review",
        sa.Column("evidence_id", sa.String(length=32), nullable=False),
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "verdict = 'accepted' OR reason IS NOT NULL",
            name=op.f("ck_evidence_review_rejection_reason"),
        ),
        sa.CheckConstraint(
            "verdict IN ('accepted', 'rejected')", name=op.f("ck_evidence_review_verdict")
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_evidence_review_assessment_id_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["evidence.id"], name=op.f("fk_evidence_review_evidence_id_evidence")
        ),
        sa.PrimaryKeyConstraint("evidence_id", name=op.f("pk_evidence_review")),
    )
    with op.batch_alter_table("evidence_review", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_review_assessment_id"), ["assessment_id"], unique=False
        )

    op.create_table(
        "result_benchmark",
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("benchmark_id", sa.String(length=80), nullable=False),
        sa.Column("dimension_id", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("max_points", sa.Float(), nullable=False),
        sa.Column("mandatory_from", sa.String(length=80), nullable=True),
        sa.CheckConstraint(
            "status IN ('met', 'partially_met', 'not_met', 'not_applicable', 'not_answered')",
            name=op.f("ck_result_benchmark_status"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id", "kind"],
            ["result_assessment.assessment_id", "result_assessment.kind"],
            name=op.f("fk_result_benchmark_assessment_id_result_assessment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "assessment_id", "kind", "benchmark_id", name=op.f("pk_result_benchmark")
        ),
    )
    with op.batch_alter_table("result_benchmark", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_result_benchmark_benchmark_id_kind_status"),
            ["benchmark_id", "kind", "status"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_result_benchmark_dimension_id_kind"),
            ["dimension_id", "kind"],
            unique=False,
        )

    op.execute(
        sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :genesis)").bindparams(
            genesis=GENESIS
        )
    )
    _create_triggers()


def downgrade() -> None:
    _drop_triggers()
    with op.batch_alter_table("result_benchmark", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_result_benchmark_dimension_id_kind"))
        batch_op.drop_index(batch_op.f("ix_result_benchmark_benchmark_id_kind_status"))

    op.drop_table("result_benchmark")
    with op.batch_alter_table("evidence_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_review_assessment_id"))

    op.drop_table("evidence_review")
    op.drop_table("workforce_file")
    with op.batch_alter_table("result_assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_result_assessment_standard_id_standard_version_kind"))
        batch_op.drop_index(batch_op.f("ix_result_assessment_institution_id_period_end"))
        batch_op.drop_index(batch_op.f("ix_result_assessment_country_scope_sector"))

    op.drop_table("result_assessment")
    op.drop_table("na_claim")
    with op.batch_alter_table("evidence_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_request_assessment_id"))

    op.drop_table("evidence_request")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_assessment_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_valid_until"))
        batch_op.drop_index(batch_op.f("ix_certificate_institution_id"))

    op.drop_table("certificate")
    op.drop_table("benchmark_review")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_assessor_id"))

    op.drop_table("assignment")
    op.drop_table("answer")
    op.drop_table("action_plan")
    op.drop_table("standard_file")
    with op.batch_alter_table("role_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_grant_user_id"))
        batch_op.drop_index(batch_op.f("ix_role_grant_institution_id"))

    op.drop_table("role_grant")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_state"))
        batch_op.drop_index(batch_op.f("ix_assessment_institution_id"))

    op.drop_table("assessment")
    op.drop_table("standard")
    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_institution_country"))

    op.drop_table("institution")
    op.drop_table("evidence_blob")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_entity"))

    op.drop_table("audit_log")
    op.drop_table("audit_head")
    op.drop_table("app_user")
