"""The Seal cycle in a database: institutions, users and roles, standards, assessments with
their answers, evidence and workforce data, the assessor's review, certificates, scored
results and a hash-chained audit trail (SQLAlchemy Core; SQLite by default, PostgreSQL when
``SEAL_DATABASE_URL`` says so).

Every service function takes the :class:`Store` and the :class:`Actor` acting, checks the
actor's roles in the database, and does its work in one transaction with its audit entry.
The command line and the app use only the names in ``__all__``.  Needs the ``store`` extra::

    pip install 'seal-engine[store]'
"""

from ._deps import require as _require

_require()

from ..errors import (  # noqa: E402
    NotFoundError,
    PermissionDeniedError,
    SchemaError,
    StaleWriteError,
    StoreError,
    TransitionError,
)
from ._common import SYSTEM, Actor, Grant  # noqa: E402
from .assessments import (  # noqa: E402
    AnswerInfo,
    AssessmentInfo,
    AssessmentSummary,
    EvidenceInfo,
    NotApplicable,
    WorkforceInfo,
    assessment_model,
    claim_not_applicable,
    create_assessment,
    find_assessment,
    get_assessment,
    list_assessments,
    save_answer,
    score_assessment,
    upload_workforce,
    withdraw_not_applicable,
    workforce_content,
)
from .audit import (  # noqa: E402
    AuditEntry,
    AuditFinding,
    AuditReport,
    audit_checkpoint,
    list_audit,
    read_checkpoint,
    verify_audit,
)
from .auth import SignInThrottledError, actor_for, authenticate  # noqa: E402
from .certificates import CertificateInfo, list_certificates, renew_assessment  # noqa: E402
from .demo import (  # noqa: E402
    DEMO_USERS,
    DemoReport,
    DemoUser,
    init_demo,
    is_demo_store,
    store_is_empty,
)
from .directory import (  # noqa: E402
    AssignmentInfo,
    InstitutionInfo,
    UserInfo,
    assign_assessor,
    create_institution,
    create_user,
    find_user,
    get_institution,
    grant_role,
    list_assignments,
    list_institutions,
    list_users,
    revoke_role,
    set_password,
    set_user_active,
    unassign_assessor,
    update_institution,
)
from .engine import Store, default_url, open_store  # noqa: E402
from .evidence import (  # noqa: E402
    add_evidence_file,
    add_evidence_link,
    evidence_content,
    remove_evidence,
)
from .migrate import SchemaStatus, downgrade, head_revision, schema_status, upgrade  # noqa: E402
from .overview import Overview, store_overview  # noqa: E402
from .plans import get_action_plan, save_action_plan  # noqa: E402
from .portfolio import compare_stored  # noqa: E402
from .results import (  # noqa: E402
    Difference,
    PortfolioRow,
    ResultComparison,
    compare_results,
    portfolio_results,
)
from .review import (  # noqa: E402
    BenchmarkVerdict,
    ReviewStatus,
    certify_assessment,
    confirm_remaining,
    decide_not_applicable,
    refuse_certification,
    request_changes,
    request_evidence,
    review_benchmark,
    review_evidence,
    review_status,
    start_review,
    submit_assessment,
    withdraw_verdict,
)
from .sessions import end_session, end_user_sessions, session_actor, start_session  # noqa: E402,E501
from .standards import (  # noqa: E402
    StoredStandard,
    add_standard,
    get_standard,
    list_stored_standards,
)
from .transfer import ImportReport, export_assessments, import_assessments  # noqa: E402
from .versions import Dropped, MoveReport, move_assessment  # noqa: E402

__all__ = (
    "Actor",
    "AnswerInfo",
    "AssessmentInfo",
    "AssessmentSummary",
    "AssignmentInfo",
    "AuditEntry",
    "AuditFinding",
    "AuditReport",
    "BenchmarkVerdict",
    "CertificateInfo",
    "DEMO_USERS",
    "DemoReport",
    "DemoUser",
    "Difference",
    "Dropped",
    "EvidenceInfo",
    "Grant",
    "ImportReport",
    "InstitutionInfo",
    "MoveReport",
    "NotApplicable",
    "NotFoundError",
    "Overview",
    "PermissionDeniedError",
    "PortfolioRow",
    "ResultComparison",
    "ReviewStatus",
    "SYSTEM",
    "SchemaError",
    "SchemaStatus",
    "SignInThrottledError",
    "StaleWriteError",
    "Store",
    "StoreError",
    "StoredStandard",
    "TransitionError",
    "UserInfo",
    "WorkforceInfo",
    "actor_for",
    "add_evidence_file",
    "add_evidence_link",
    "add_standard",
    "assessment_model",
    "assign_assessor",
    "audit_checkpoint",
    "authenticate",
    "certify_assessment",
    "claim_not_applicable",
    "compare_results",
    "compare_stored",
    "confirm_remaining",
    "create_assessment",
    "create_institution",
    "create_user",
    "decide_not_applicable",
    "default_url",
    "downgrade",
    "end_session",
    "end_user_sessions",
    "evidence_content",
    "export_assessments",
    "find_assessment",
    "find_user",
    "get_action_plan",
    "get_assessment",
    "get_institution",
    "get_standard",
    "grant_role",
    "head_revision",
    "import_assessments",
    "init_demo",
    "is_demo_store",
    "list_assessments",
    "list_assignments",
    "list_audit",
    "list_certificates",
    "list_institutions",
    "list_stored_standards",
    "list_users",
    "move_assessment",
    "open_store",
    "portfolio_results",
    "read_checkpoint",
    "refuse_certification",
    "remove_evidence",
    "renew_assessment",
    "request_changes",
    "request_evidence",
    "review_benchmark",
    "review_evidence",
    "review_status",
    "revoke_role",
    "save_action_plan",
    "save_answer",
    "schema_status",
    "score_assessment",
    "session_actor",
    "set_password",
    "set_user_active",
    "start_review",
    "start_session",
    "store_is_empty",
    "store_overview",
    "submit_assessment",
    "unassign_assessor",
    "update_institution",
    "upgrade",
    "upload_workforce",
    "verify_audit",
    "withdraw_not_applicable",
    "withdraw_verdict",
    "workforce_content",
)
