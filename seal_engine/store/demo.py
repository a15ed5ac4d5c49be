"""The demo database: the bundled standards and example assessments, one user per role, an
assessor assignment, and assessments put through the lifecycle so that every role has
something to see.  Only ``seal db init --demo`` and ``seal app --demo`` create it, and only in
an empty database: a database meant to be real never gets the demo's accounts.

The demo users' passwords are printed and documented: a demo database is for trying the
engine, never for real data.  Its certificates are signed with the key ``SEAL_SIGNING_KEY``
names or, when it names none, with a demo key made next to the database (never a key to trust
outside the demo)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from ..errors import StoreError
from ..messages import say
from ..settings import bundled_dir
from ._common import SYSTEM, Actor
from ._demo_accounts import (
    DEMO_COUNTRY,
    DEMO_USERS,
    DemoUser,
    demo_accounts_present,
    ensure_demo_key,
)
from .directory import assign_assessor, create_user, get_institution, grant_role
from .engine import Store
from .schema import app_user, assessment, institution

__all__ = ["DEMO_COUNTRY", "DEMO_USERS", "DemoReport", "DemoUser", "demo_pdf", "init_demo",
           "is_demo_store", "store_is_empty"]


@dataclass
class DemoReport:
    users: tuple[DemoUser, ...] = DEMO_USERS
    standards: list[str] = field(default_factory=list)
    assessments: dict[str, str] = field(default_factory=dict)  # code -> state
    certificates: list[str] = field(default_factory=list)
    signing_key: Path | None = None  # the demo's key, when SEAL_SIGNING_KEY names none


def store_is_empty(store: Store) -> bool:
    """True when the database holds no institution, user or assessment yet."""
    with store.read() as conn:
        return all(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() == 0
                   for t in (institution, app_user, assessment))


def is_demo_store(store: Store) -> bool:
    """True when the database is a demo one (``seal db init --demo``, ``seal app --demo``): it
    holds the demo's accounts, whose passwords are public.  Only then does the app list those
    accounts on its sign-in page."""
    with store.read() as conn:
        return demo_accounts_present(conn)


def _id(store: Store, code: str) -> str:
    with store.read() as conn:
        return conn.execute(sa.select(assessment.c.id).where(
            assessment.c.code == code)).scalar_one()


def _version(store: Store, aid: str) -> int:
    with store.read() as conn:
        return conn.execute(sa.select(assessment.c.version).where(
            assessment.c.id == aid)).scalar_one()


def _review_all(store: Store, assessor: Actor, aid: str, *, limit: int | None = None) -> None:
    """Confirm every computed status and accept the evidence the institution did not itself
    mark rejected (reject those, saying so); accept every not-applicable claim."""
    from .assessments import get_assessment
    from .review import (
        decide_not_applicable,
        review_benchmark,
        review_evidence,
        review_status,
    )

    info = get_assessment(store, assessor, aid)
    for claim in info.not_applicable.values():
        decide_not_applicable(store, assessor, aid, claim.benchmark_id, True, claim.version,
                              reason="The institution's reason holds for the demo: checked "
                                     "against its mandate.")
    for item in info.evidence:
        if item.kind == "reference":  # named only, never uploaded: left for the assessor
            continue
        if item.declared_status == "rejected":
            review_evidence(store, assessor, item.id, "rejected", 0,
                            reason="The institution's own file marks it as not valid evidence.")
        else:
            review_evidence(store, assessor, item.id, "accepted", 0)
    for verdict in review_status(store, assessor, aid).benchmarks[:limit]:
        review_benchmark(store, assessor, aid, verdict.benchmark_id, "confirm",
                         verdict.version)


def demo_pdf(title: str, *lines: str) -> bytes:
    """A one-page PDF with a title and a few lines (the demo's signed letters and minutes:
    documents a person can open, made without any PDF library)."""
    def esc(text: str) -> str:
        return (text.encode("latin-1", "replace").decode("latin-1")
                .replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))

    ops = ["BT", "/F1 16 Tf", "72 760 Td", f"({esc(title)}) Tj", "/F1 11 Tf", "0 -28 Td"]
    for line in lines:
        ops += [f"({esc(line)}) Tj", "0 -16 Td"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _commitments(store: Store) -> None:
    """Every demo institution committed: the head's letter and the committee's act."""
    import datetime as dt

    from .directory import list_institutions
    from .stages import record_commitment

    for n, inst in enumerate(list_institutions(store, SYSTEM)):
        signed = dt.date(2023, 3 + n, 10)
        record_commitment(
            store, SYSTEM, inst.id, signed_on=signed,
            letter=("letter-of-commitment.pdf", demo_pdf(
                f"{inst.name}: letter of commitment",
                f"Signed by the head of the institution on {signed.isoformat()} (demo).",
                "The institution commits to the Gender Equality Seal's process: a baseline",
                "self-assessment, an improvement action plan and an external assessment.")),
            committee=("committee-founding-act.pdf", demo_pdf(
                f"{inst.name}: Gender Equality Committee",
                f"Founding act of the committee, {signed.isoformat()} (demo).",
                "Members: the heads of planning, human resources, budget and communication.")))


def _approved_plan(store: Store, focal: Actor, code: str) -> None:
    """Draft and save the plan of ``code`` as its focal point would (before its decision)."""
    from .. import draft_plan, gap_analysis
    from .assessments import assessment_model, score_assessment
    from .plans import save_action_plan
    from .standards import get_standard

    aid = _id(store, code)
    model = assessment_model(store, focal, aid)
    std = get_standard(store, model.standard.id, model.standard.version)
    result = score_assessment(store, focal, aid)
    plan = draft_plan(std, model, gap_analysis(std, model, result=result), result=result)
    save_action_plan(store, focal, aid, plan, 0)


def _approve_and_report(store: Store, focal: Actor, code: str) -> None:
    """The committee approves the plan of ``code``; the focal point reports progress."""
    import datetime as dt

    from .plans import get_action_plan, save_action_plan
    from .stages import approve_action_plan

    aid = _id(store, code)
    approve_action_plan(store, focal, aid, approved_by="committee",
                        approved_on=dt.date(2024, 11, 20),
                        document=("plan-approval-minutes.pdf", demo_pdf(
                            "Gender Equality Committee: minutes of 20 November 2024",
                            "The committee approves the improvement action plan (demo).")),
                        expected_version=_version(store, aid))
    plan, version = get_action_plan(store, focal, aid)
    def reported(row, **progress):
        return type(row).model_validate({**row.model_dump(mode="json"), **progress})

    rows = [reported(r, status="done", progress=100, evidence="Committee minutes (demo)")
            if i < 3 else reported(r, status="in_progress", progress=40) if i < 6 else r
            for i, r in enumerate(plan.rows)]
    save_action_plan(store, focal, aid, plan.model_copy(update={"rows": rows}), version)


def init_demo(store: Store) -> DemoReport:
    """Load the demo into an empty database; a database that holds data is refused."""
    from .. import list_standards
    from .auth import authenticate
    from .review import (
        certify_assessment,
        declare_no_conflict,
        recommend_certification,
        recommend_refusal,
        refuse_certification,
        request_changes,
        request_evidence,
        review_benchmark,
        start_review,
    )
    from .transfer import import_assessments

    if not store_is_empty(store):
        raise StoreError(say("store.demo_not_empty", url=store.shown_url))
    report = DemoReport()
    report.signing_key = ensure_demo_key(store)
    standards = [i.path for i in list_standards(bundled_dir("standards"))]
    imported = import_assessments(store, SYSTEM, [*standards, *bundled_dir("assessments")])
    report.standards = sorted(imported.standards)
    users = {}
    for u in DEMO_USERS:
        info = create_user(store, SYSTEM, email=u.email, display_name=u.display_name,
                           password=u.password)
        if u.role == "focal_point":
            grant_role(store, SYSTEM, info.id, u.role,
                       institution_id=get_institution(store, SYSTEM, u.scope).id)
        elif u.role == "analyst":
            grant_role(store, SYSTEM, info.id, u.role, country=u.scope)
        else:
            grant_role(store, SYSTEM, info.id, u.role)
        users[u.role] = authenticate(store, u.email, u.password)
    assessor, focal = users["assessor"], users["focal_point"]
    officer = users["programme_officer"]

    def assign(code: str) -> str:
        aid = _id(store, code)
        assign_assessor(store, SYSTEM, aid, assessor.user_id)
        declare_no_conflict(store, assessor, aid, "I have never worked for or with this "
                            "institution and took no part in its self-assessment (demo).")
        return aid

    def certify(code: str) -> None:
        aid = assign(code)
        start_review(store, assessor, aid, _version(store, aid))
        _review_all(store, assessor, aid)
        recommend_certification(store, assessor, aid, _version(store, aid))
        cert = certify_assessment(store, officer, aid, _version(store, aid))
        report.certificates.append(f"{code}: {cert.level}")

    # Every institution committed; the Ministry of Labour's 2024 plan, drafted before its
    # certification, approved by its committee after it and carried out since.
    _commitments(store)
    _approved_plan(store, focal, "valdoria-ministry-of-labour-2024")
    # A Gold certificate, and the Ministry of Labour's Bronze of the year before.
    certify("port-aurel-municipality-2025")
    certify("valdoria-ministry-of-labour-2024")
    _approve_and_report(store, focal, "valdoria-ministry-of-labour-2024")
    # Not certified: the Highlands baseline misses most Bronze foundations.
    aid = assign("highlands-provincial-health-2024")
    start_review(store, assessor, aid, _version(store, aid))
    _review_all(store, assessor, aid)
    recommend_refusal(store, assessor, aid, _version(store, aid),
                      "Five of the seven Bronze foundations are not in place.")
    refuse_certification(store, officer, aid, _version(store, aid),
                         "As the assessment team recommends: the Bronze foundations are not in "
                         "place.")
    # The Ministry of Labour's 2025 assessment is sent back: the focal point has work to do.
    aid = assign("valdoria-ministry-of-labour-2025")
    start_review(store, assessor, aid, _version(store, aid))
    request_evidence(store, assessor, aid, "RI-01",
                     "Please add the monitoring report showing the results for women that the "
                     "answers describe.")
    request_changes(store, assessor, aid, _version(store, aid))
    # Under review, half done; and one waiting in the assessor's queue.
    aid = assign("valdoria-national-statistics-office-2025")
    start_review(store, assessor, aid, _version(store, aid))
    from .review import review_status

    for verdict in review_status(store, assessor, aid).benchmarks[:20]:
        review_benchmark(store, assessor, aid, verdict.benchmark_id, "confirm", verdict.version)
    assign("highlands-provincial-health-2025")
    from .assessments import list_assessments

    report.assessments = {a.code: a.state for a in list_assessments(store, SYSTEM)}
    return report
