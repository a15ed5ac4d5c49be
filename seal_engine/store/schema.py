"""The tables of the store (SQLAlchemy Core).  Migrations (``migrations/``) create them; a test
checks the migrated schema matches this metadata.

Conventions: every record has an opaque random id (32 hex digits) that reveals nothing and
cannot be guessed; codes people read (an institution's ``VAL-MLSP``, an assessment's
``valdoria-ministry-of-labour-2025``) are separate columns.  Records people edit carry
``version`` (optimistic concurrency: each write names the version it read), ``updated_at`` and
``updated_by`` (a user id, or ``system`` for the command line).  Timestamps are UTC.

The two result tables are the portfolio's interface for SQL (``seal compare --db``): one row
per assessment and kind (``self``: as submitted; ``reviewed``: after the assessor's verdicts),
and one per benchmark of it, with the institution's country, scope and sector copied in so that
comparisons need no joins; each result row also keeps its benchmarks' status letters and its
points by dimension, so that a national comparison reads one narrow row per result.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..lifecycle import Purpose, Role, State

__all__ = [
    "ASSESSMENT_STATES",
    "PURPOSES",
    "REPORT_KINDS",
    "ROLES",
    "action_plan",
    "answer",
    "answer_comment",
    "app_user",
    "assessment",
    "assignment",
    "audit_head",
    "audit_log",
    "benchmark_message",
    "benchmark_review",
    "certificate",
    "commitment",
    "evidence",
    "evidence_blob",
    "evidence_request",
    "evidence_review",
    "institution",
    "metadata",
    "na_claim",
    "report_template",
    "result_assessment",
    "result_benchmark",
    "role_grant",
    "sign_in_throttle",
    "signing_key",
    "standard",
    "standard_file",
    "user_language",
    "user_preference",
    "user_session",
    "workforce_file",
]

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

ROLES = tuple(r.value for r in Role)
#: Who wrote a message of a benchmark's thread.
THREAD_SIDES = ("institution", "assessors")
ASSESSMENT_STATES = tuple(s.value for s in State)
PURPOSES = tuple(p.value for p in Purpose)
REPORT_KINDS = ("results", "review", "pay", "portfolio")
STATUSES = ("met", "partially_met", "not_met", "not_applicable", "not_answered")

Id = sa.String(32)
Code = sa.String(80)
Hash = sa.String(64)
When = sa.DateTime(timezone=True)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _edited() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("updated_at", When, nullable=False),
        sa.Column("updated_by", Id, nullable=False),
    ]


institution = sa.Table(
    "institution", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("code", Code, nullable=False, unique=True,
              comment="The institution's id in assessment files, e.g. VAL-MLSP"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String(120), nullable=False, index=True),
    sa.Column("scope", sa.String(12), nullable=False),
    sa.Column("sector", sa.String(200)),
    sa.Column("region", sa.String(200)),
    sa.Column("parent_id", Id, sa.ForeignKey("institution.id")),
    *_edited(),
    sa.CheckConstraint(_in("scope", ("national", "subnational")), name="scope"),
)

app_user = sa.Table(
    "app_user", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("email", sa.String(320), nullable=False, unique=True,
              comment="Lower-cased; the sign-in name"),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False, comment="argon2id (argon2-cffi)"),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    *_edited(),
)

role_grant = sa.Table(
    "role_grant", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("user_id", Id, sa.ForeignKey("app_user.id"), nullable=False, index=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("institution_id", Id, sa.ForeignKey("institution.id"), index=True,
              comment="The institution of a focal point"),
    sa.Column("country", sa.String(120), comment="The country of an analyst"),
    sa.Column("scope_key", sa.String(160), nullable=False,
              comment="institution id, country or '' (keeps grants unique)"),
    sa.Column("granted_at", When, nullable=False),
    sa.Column("granted_by", Id, nullable=False),
    sa.UniqueConstraint("user_id", "role", "scope_key"),
    sa.CheckConstraint(_in("role", ROLES), name="role"),
    sa.CheckConstraint("(role = 'focal_point') = (institution_id IS NOT NULL)",
                       name="focal_point_institution"),
    sa.CheckConstraint("(role = 'analyst') = (country IS NOT NULL)", name="analyst_country"),
)

standard = sa.Table(
    "standard", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("standard_id", Code, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("content_hash", Hash, nullable=False, comment="seal_engine.content_hash"),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("layout", sa.String(8), nullable=False, comment="'file' or 'folder'"),
    sa.Column("extends_pk", Id, sa.ForeignKey("standard.id")),
    sa.Column("validity_years", sa.Integer),
    sa.Column("added_at", When, nullable=False),
    sa.Column("added_by", Id, nullable=False),
    sa.UniqueConstraint("standard_id", "version"),
    sa.CheckConstraint(_in("layout", ("file", "folder")), name="layout"),
)

standard_file = sa.Table(
    "standard_file", metadata,
    sa.Column("standard_pk", Id, sa.ForeignKey("standard.id"), primary_key=True),
    sa.Column("path", sa.String(300), primary_key=True,
              comment="Relative name within the standard's folder, or the file's name"),
    sa.Column("text", sa.Text, nullable=False),
)

assessment = sa.Table(
    "assessment", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("code", Code, nullable=False, unique=True,
              comment="The assessment's id in assessment files"),
    sa.Column("institution_id", Id, sa.ForeignKey("institution.id"), nullable=False,
              index=True),
    sa.Column("standard_pk", Id, sa.ForeignKey("standard.id"), nullable=False),
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("period_end", sa.Date, nullable=False),
    sa.Column("period_label", sa.String(80)),
    sa.Column("kind", sa.String(10), nullable=False, server_default="self"),
    sa.Column("purpose", sa.String(13), nullable=False, server_default="certification",
              comment="baseline (recorded as the starting point) or certification"),
    sa.Column("state", sa.String(20), nullable=False, index=True),
    sa.Column("renewed_from", Id, sa.ForeignKey("assessment.id")),
    sa.Column("submitted_at", When),
    sa.Column("recommendation", sa.String(20), comment="The team lead's: certify or refuse"),
    sa.Column("recommended_level", Code),
    sa.Column("recommended_by", Id),
    sa.Column("recommended_at", When),
    sa.Column("recommendation_reason", sa.Text),
    sa.Column("plan_approved_on", sa.Date, comment="When the head or the committee approved "
              "the action plan (the day on the approval document)"),
    sa.Column("plan_approved_by", sa.String(10), comment="head or committee"),
    sa.Column("plan_approval_sha256", Hash, sa.ForeignKey("evidence_blob.sha256"),
              comment="The approval document (minutes or signed decision)"),
    sa.Column("plan_approval_name", sa.String(255)),
    sa.Column("plan_approval_recorded_by", Id),
    sa.Column("plan_approval_recorded_at", When),
    sa.Column("created_at", When, nullable=False),
    sa.Column("created_by", Id, nullable=False),
    *_edited(),
    sa.CheckConstraint(_in("state", ASSESSMENT_STATES), name="state"),
    sa.CheckConstraint(_in("kind", ("self", "external")), name="kind"),
    sa.CheckConstraint(_in("purpose", PURPOSES), name="purpose"),
    sa.CheckConstraint(_in("plan_approved_by", ("head", "committee")), name="plan_approved_by"),
    sa.CheckConstraint("period_end >= period_start", name="period"),
)

commitment = sa.Table(
    "commitment", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("institution_id", Id, sa.ForeignKey("institution.id"), nullable=False,
              index=True),
    sa.Column("signed_on", sa.Date, nullable=False, comment="The day on the head's letter"),
    sa.Column("letter_sha256", Hash, sa.ForeignKey("evidence_blob.sha256"), nullable=False,
              comment="The head's signed letter of commitment"),
    sa.Column("letter_name", sa.String(255), nullable=False),
    sa.Column("committee_sha256", Hash, sa.ForeignKey("evidence_blob.sha256"), nullable=False,
              comment="The Gender Equality Committee's founding act"),
    sa.Column("committee_name", sa.String(255), nullable=False),
    sa.Column("recorded_at", When, nullable=False),
    sa.Column("recorded_by", Id, nullable=False),
)

assignment = sa.Table(
    "assignment", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), nullable=False),
    sa.Column("assessor_id", Id, sa.ForeignKey("app_user.id"), nullable=False, index=True),
    sa.Column("assigned_at", When, nullable=False),
    sa.Column("assigned_by", Id, nullable=False),
    sa.Column("team_role", sa.String(10), nullable=False, server_default="member",
              comment="lead (recommends the level) or member"),
    sa.Column("no_conflict_at", When, comment="When the assessor declared no conflict of "
              "interest with the institution"),
    sa.Column("no_conflict_statement", sa.Text),
    sa.UniqueConstraint("assessment_id", "assessor_id"),
    sa.CheckConstraint(_in("team_role", ("lead", "member")), name="team_role"),
)

answer = sa.Table(
    "answer", metadata,
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), primary_key=True),
    sa.Column("question_id", Code, primary_key=True),
    sa.Column("value", sa.Text, nullable=False, comment="Canonical JSON; null = not answered"),
    *_edited(),
)

na_claim = sa.Table(
    "na_claim", metadata,
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), primary_key=True),
    sa.Column("benchmark_id", Code, primary_key=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("decision", sa.String(10), comment="accepted / rejected by the assessor"),
    sa.Column("decision_reason", sa.Text),
    sa.Column("decided_by", Id),
    sa.Column("decided_at", When),
    *_edited(),
    sa.CheckConstraint("decision IS NULL OR decision IN ('accepted', 'rejected')",
                       name="decision"),
)

workforce_file = sa.Table(
    "workforce_file", metadata,
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), primary_key=True),
    sa.Column("name", sa.String(255), nullable=False, comment="As uploaded; never a path"),
    sa.Column("sha256", Hash, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    *_edited(),
)

evidence_blob = sa.Table(
    "evidence_blob", metadata,
    sa.Column("sha256", Hash, primary_key=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("stored_at", When, nullable=False),
)

evidence = sa.Table(
    "evidence", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("benchmark_id", Code, nullable=False),
    sa.Column("requirement_id", Code, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("kind", sa.String(10), nullable=False,
              comment="file (a stored blob), link (a URL) or reference (text)"),
    sa.Column("reference", sa.Text),
    sa.Column("blob_sha256", Hash, sa.ForeignKey("evidence_blob.sha256")),
    sa.Column("original_name", sa.String(255), comment="As uploaded; never a path"),
    sa.Column("media_type", sa.String(120)),
    sa.Column("size", sa.Integer),
    sa.Column("date", sa.Date),
    sa.Column("declared_status", sa.String(10), nullable=False, server_default="provided",
              comment="The status the institution's file gave"),
    sa.Column("note", sa.Text),
    *_edited(),
    sa.CheckConstraint(_in("kind", ("file", "link", "reference")), name="kind"),
    sa.CheckConstraint("(kind = 'file') = (blob_sha256 IS NOT NULL)", name="file_blob"),
    sa.CheckConstraint(_in("declared_status", ("provided", "accepted", "rejected")),
                       name="declared_status"),
)

evidence_review = sa.Table(
    "evidence_review", metadata,
    sa.Column("evidence_id", Id, sa.ForeignKey("evidence.id"), primary_key=True),
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), nullable=False, index=True),
    sa.Column("verdict", sa.String(10), nullable=False),
    sa.Column("reason", sa.Text),
    *_edited(),
    sa.CheckConstraint(_in("verdict", ("accepted", "rejected")), name="verdict"),
    sa.CheckConstraint("verdict = 'accepted' OR reason IS NOT NULL", name="rejection_reason"),
)

benchmark_review = sa.Table(
    "benchmark_review", metadata,
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), primary_key=True),
    sa.Column("benchmark_id", Code, primary_key=True),
    sa.Column("computed_status", sa.String(16), nullable=False,
              comment="The status computed when the verdict was given"),
    sa.Column("decision", sa.String(10), nullable=False),
    sa.Column("status", sa.String(16), nullable=False, comment="The reviewed status"),
    sa.Column("justification", sa.Text),
    *_edited(),
    sa.CheckConstraint(_in("decision", ("confirm", "override")), name="decision"),
    sa.CheckConstraint(_in("status", STATUSES), name="status"),
    sa.CheckConstraint("decision = 'confirm' OR justification IS NOT NULL",
                       name="override_justified"),
)

evidence_request = sa.Table(
    "evidence_request", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), nullable=False, index=True),
    sa.Column("benchmark_id", Code, nullable=False),
    sa.Column("requirement_id", Code),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("requested_at", When, nullable=False),
    sa.Column("requested_by", Id, nullable=False),
    sa.Column("answered_at", When, comment="When the institution submitted again"),
)

answer_comment = sa.Table(
    "answer_comment", metadata,
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), primary_key=True),
    sa.Column("question_id", Code, primary_key=True),
    sa.Column("text", sa.Text, nullable=False,
              comment="The institution's comment on its answer, for the assessors"),
    *_edited(),
)

benchmark_message = sa.Table(
    "benchmark_message", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), nullable=False),
    sa.Column("benchmark_id", Code, nullable=False),
    sa.Column("number", sa.Integer, nullable=False, comment="1, 2, ... within its thread"),
    sa.Column("side", sa.String(12), nullable=False,
              comment="institution (a focal point) or assessors (the assessment team)"),
    sa.Column("author_id", Id, sa.ForeignKey("app_user.id"), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("posted_at", When, nullable=False),
    sa.CheckConstraint(_in("side", THREAD_SIDES), name="side"),
    sa.UniqueConstraint("assessment_id", "benchmark_id", "number"),
)

action_plan = sa.Table(
    "action_plan", metadata,
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), primary_key=True),
    sa.Column("plan", sa.Text, nullable=False, comment="seal_engine.ActionPlan as JSON"),
    *_edited(),
)

certificate = sa.Table(
    "certificate", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), nullable=False,
              unique=True),
    sa.Column("institution_id", Id, sa.ForeignKey("institution.id"), nullable=False,
              index=True),
    sa.Column("level", Code, nullable=False),
    sa.Column("standard_id", Code, nullable=False),
    sa.Column("standard_version", sa.Integer, nullable=False),
    sa.Column("issued_on", sa.Date, nullable=False),
    sa.Column("valid_until", sa.Date, index=True, comment="Null when the standard sets no "
              "validity"),
    sa.Column("audit_seq", sa.BigInteger, nullable=False,
              comment="The audit entry of the decision: print it with the hash"),
    sa.Column("audit_hash", Hash, nullable=False),
    sa.Column("issued_by", Id, nullable=False),
    sa.Column("token", sa.Text, comment="The signed certificate (JWS compact, EdDSA): what its "
              "QR code holds; null only for certificates issued before signing"),
    sa.Column("kid", sa.String(64), comment="The signing key's id (RFC 7638 thumbprint)"),
    sa.Column("revoked_at", When),
    sa.Column("revoked_by", Id),
    sa.Column("revoked_reason", sa.Text, comment="Shown to whoever verifies the certificate"),
)

signing_key = sa.Table(
    "signing_key", metadata,
    sa.Column("kid", sa.String(64), primary_key=True, comment="RFC 7638 thumbprint"),
    sa.Column("jwk", sa.Text, nullable=False,
              comment="The public key as a JWK (JSON); the private key is never stored"),
    sa.Column("first_used_at", When, nullable=False),
    sa.Column("retired_at", When, comment="When another key first signed; still verifies"),
)

result_assessment = sa.Table(
    "result_assessment", metadata,
    sa.Column("assessment_id", Id, sa.ForeignKey("assessment.id"), primary_key=True),
    sa.Column("kind", sa.String(10), primary_key=True, comment="self or reviewed"),
    sa.Column("level", Code, comment="Null: no level reached"),
    sa.Column("score", sa.Float, nullable=False, comment="Percent of applicable points"),
    sa.Column("points", sa.Float, nullable=False),
    sa.Column("max_points", sa.Float, nullable=False),
    sa.Column("standard_id", Code, nullable=False),
    sa.Column("standard_version", sa.Integer, nullable=False),
    sa.Column("institution_id", Id, sa.ForeignKey("institution.id"), nullable=False),
    sa.Column("country", sa.String(120), nullable=False),
    sa.Column("scope", sa.String(12), nullable=False),
    sa.Column("sector", sa.String(200)),
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("period_end", sa.Date, nullable=False),
    sa.Column("period_label", sa.String(80)),
    sa.Column("computed_at", When, nullable=False),
    # what the comparison reads instead of result_benchmark: derived from those rows when the
    # result is written, so not sealed themselves but checked against them by the audit
    # verification (integrity.derived_findings)
    sa.Column("statuses", sa.Text, info={"derived": "result_benchmark"},
              comment="One status letter per benchmark (M met, P partly, N not met, A not "
                      "applicable, U not answered), the benchmarks in the order of their ids"),
    sa.Column("dimension_points", sa.Text, info={"derived": "result_benchmark"},
              comment="JSON: dimension id -> [points, max points], summed over its benchmarks"),
    sa.CheckConstraint(_in("kind", ("self", "reviewed")), name="kind"),
    sa.Index(None, "country", "scope", "sector"),
    sa.Index(None, "standard_id", "standard_version", "kind"),
    sa.Index(None, "institution_id", "period_end"),
)

result_benchmark = sa.Table(
    "result_benchmark", metadata,
    sa.Column("assessment_id", Id, primary_key=True),
    sa.Column("kind", sa.String(10), primary_key=True),
    sa.Column("benchmark_id", Code, primary_key=True),
    sa.Column("dimension_id", Code, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("points", sa.Float, nullable=False),
    sa.Column("max_points", sa.Float, nullable=False),
    sa.Column("mandatory_from", Code),
    sa.ForeignKeyConstraint(["assessment_id", "kind"],
                            ["result_assessment.assessment_id", "result_assessment.kind"],
                            ondelete="CASCADE"),
    sa.CheckConstraint(_in("status", STATUSES), name="status"),
    sa.Index(None, "benchmark_id", "kind", "status"),
    sa.Index(None, "dimension_id", "kind"),
)

audit_head = sa.Table(
    "audit_head", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("hash", Hash, nullable=False),
    sa.CheckConstraint("id = 1", name="single_row"),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(32), nullable=False, comment="UTC, ISO 8601 with microseconds"),
    sa.Column("actor", Id, nullable=False, comment="A user id or 'system'; never a name"),
    sa.Column("action", sa.String(60), nullable=False),
    sa.Column("entity", sa.String(120), nullable=False, index=True),
    sa.Column("payload", sa.Text, nullable=False, comment="Canonical JSON, ids only"),
    sa.Column("prev_hash", Hash, nullable=False, unique=True),
    sa.Column("hash", Hash, nullable=False, unique=True),
)

user_preference = sa.Table(
    "user_preference", metadata,
    sa.Column("user_id", Id, sa.ForeignKey("app_user.id"), primary_key=True),
    sa.Column("time_zone", sa.String(64), comment="IANA name, e.g. America/Panama; null: UTC"),
    *_edited(),
)

user_language = sa.Table(
    "user_language", metadata,
    sa.Column("user_id", Id, sa.ForeignKey("app_user.id"), primary_key=True),
    sa.Column("language", sa.String(16),
              comment="A language code such as es, fr or pt; null: the browser's"),
    *_edited(),
)

user_session = sa.Table(
    "user_session", metadata,
    sa.Column("id", Id, primary_key=True, comment="Named in the audit trail; not the token"),
    sa.Column("token_sha256", Hash, nullable=False, unique=True,
              comment="SHA-256 of the session token the browser holds; never the token"),
    sa.Column("user_id", Id, sa.ForeignKey("app_user.id"), nullable=False, index=True),
    sa.Column("created_at", When, nullable=False),
    sa.Column("expires_at", When, nullable=False, index=True),
    sa.Column("ended_at", When, comment="Signed out, or ended by an admin"),
)

sign_in_throttle = sa.Table(
    "sign_in_throttle", metadata,
    sa.Column("key_sha256", Hash, primary_key=True,
              comment="SHA-256 of 'account:' and the e-mail typed, or 'client:' and the "
                      "client address; never the address itself"),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False,
              comment="Sign-ins tried since the window started and not succeeded"),
    sa.Column("window_started_at", When, nullable=False),
    sa.Column("last_attempt_at", When, nullable=False, index=True),
    sa.Column("blocked_until", When, comment="Refused until then"),
    sa.CheckConstraint(_in("kind", ("account", "client")), name="kind"),
)

report_template = sa.Table(
    "report_template", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False,
              comment="The report it lays out: results, review, pay or portfolio"),
    sa.Column("lang", sa.String(16), nullable=False, comment="Language tag, e.g. en, fr, es"),
    sa.Column("filename", sa.String(255), nullable=False, comment="As uploaded; never a path"),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", Hash, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False, comment="The DOCX template itself"),
    sa.Column("uploaded_at", When, nullable=False),
    sa.Column("uploaded_by", Id, nullable=False),
    sa.UniqueConstraint("kind", "lang"),
    sa.CheckConstraint(_in("kind", REPORT_KINDS), name="kind"),
)

# ---------------------------------------------------------------- API tokens, mappings, notices

NOTICE_STATES = ("sending", "sent", "failed")

api_token = sa.Table(
    "api_token", metadata,
    sa.Column("id", Id, primary_key=True, comment="Named in the audit trail; not the token"),
    sa.Column("user_id", Id, sa.ForeignKey("app_user.id"), nullable=False, index=True,
              comment="The user the token acts as, with that user's roles"),
    sa.Column("name", sa.String(120), nullable=False,
              comment="What it is for, e.g. 'HR system nightly push'"),
    sa.Column("token_sha256", Hash, nullable=False, unique=True,
              comment="SHA-256 of the token; the token itself is shown once, never kept"),
    sa.Column("read_only", sa.Boolean, nullable=False,
              comment="Narrowed to reading: every write refused whatever the user's roles"),
    sa.Column("created_at", When, nullable=False),
    sa.Column("created_by", Id, nullable=False),
    sa.Column("revoked_at", When),
    sa.Column("revoked_by", Id),
)

api_rate = sa.Table(
    "api_rate", metadata,
    sa.Column("token_id", Id, sa.ForeignKey("api_token.id"), primary_key=True),
    sa.Column("window_started_at", When, nullable=False),
    sa.Column("requests", sa.Integer, nullable=False,
              comment="Requests since the window started"),
    sa.Column("last_used_at", When, nullable=False),
)

column_mapping = sa.Table(
    "column_mapping", metadata,
    sa.Column("institution_id", Id, sa.ForeignKey("institution.id"), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False,
              comment="1, 2, ... per institution; the highest is in use, the others are kept"),
    sa.Column("mapping", sa.Text, nullable=False,
              comment="JSON: the HR file's columns as staff data fields, and their units"),
    sa.Column("created_at", When, nullable=False),
    sa.Column("created_by", Id, nullable=False),
)

notice = sa.Table(
    "notice", metadata,
    sa.Column("kind", sa.String(40), primary_key=True,
              comment="e.g. assessment.submitted, certificate.expiring.90"),
    sa.Column("subject", sa.String(160), primary_key=True,
              comment="What it is about: an assessment, a certificate or a plan action"),
    sa.Column("recipient_id", Id, sa.ForeignKey("app_user.id"), primary_key=True),
    sa.Column("state", sa.String(10), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("claimed_at", When, nullable=False),
    sa.Column("sent_at", When),
    sa.Column("error", sa.Text, comment="Why the last attempt failed"),
    sa.CheckConstraint(_in("state", NOTICE_STATES), name="state"),
)

notice_setting = sa.Table(
    "notice_setting", metadata,
    sa.Column("user_id", Id, sa.ForeignKey("app_user.id"), primary_key=True),
    sa.Column("email_notices", sa.Boolean, nullable=False,
              comment="False: the user asked for no e-mail notices"),
    *_edited(),
)
