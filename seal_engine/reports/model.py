"""The reports as data: one typed model per report, built by :mod:`seal_engine.reports.build`
from stored data or from files, rendered by every renderer (HTML, PDF, DOCX) the same way.

A model holds values, never words in a language: statuses, levels, decisions and kinds are
codes (``met``, ``override``, ``gold``) with the titles the standard gives, figures are numbers
(shares as 0..1, scores as percent 0..100), and a published figure resting on a group smaller
than the floor is the string ``"suppressed"``.  Words the engine already writes (a rule's
explanation, a gap's reason, a pay figure's definition) are carried as it writes them.  The
renderers put the rest into words in the language asked for
(:mod:`seal_engine.reports.words`).

Shapes:

* :class:`ResultsReport` - the institution's results: level and basis, dimensions, every
  benchmark with its status, reason, evidence and the assessor's decision, the gaps and the
  shortest path to the next level, the action plan, the parity tables and the pay figures,
  and the self-assessed result beside the reviewed one once reviewed.
* :class:`ReviewReport` - the assessment team's report: every verdict, override and
  justification, evidence accepted and rejected, not-applicable claims and their decisions,
  requests and when they were answered, the team and its recommendation.
* :class:`PayReport` - the pay transparency report of Article 9 of Directive (EU) 2023/970
  (indicators (a)-(g) and the Article 10 test), as :func:`seal_engine.pay_report` computes it.
* :class:`PortfolioReport` - the government's view: ranking, distribution of levels,
  benchmarks failed most, parity, trends by period, with the basis and the left-out counts
  (:class:`seal_engine.Comparison`), and every stored result by period for the trends.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from ..compare.models import Comparison
from ..gaps import LevelPath
from ..models import BenchmarkStatus, Institution, Period, ScoreBasis, SealModel, StandardRef
from ..plans.model import ActionPlan
from ..workforce.pay import PayReport as PayFigures

__all__ = [
    "REPORT_KINDS",
    "AnyReport",
    "BenchmarkLine",
    "CertificateLine",
    "ClaimLine",
    "DecisionLine",
    "DifferenceLine",
    "DimensionLine",
    "EvidenceLine",
    "GapLine",
    "LevelLine",
    "ParityRow",
    "ParityTable",
    "PayReport",
    "PortfolioReport",
    "Recommendation",
    "ReportHeader",
    "RequestLine",
    "ResultSummary",
    "ResultsLevelLine",
    "ResultsReport",
    "ReviewReport",
    "TeamMember",
    "TrendPoint",
    "WorkforceSection",
]

#: The kinds of report, as ``seal report --kind`` names them.
REPORT_KINDS: tuple[str, ...] = ("results", "review", "pay", "portfolio")  # as in __init__

#: A published count or share: the number, ``"suppressed"`` (a group under the floor), or
#: ``None`` when the data gives none.
Count = int | Literal["suppressed"] | None
Share = float | Literal["suppressed"] | None


class ReportHeader(SealModel):
    """What every report says first: what it is about, where its data came from, when."""

    kind: Literal["results", "review", "pay", "portfolio"]
    institution: Institution | None = Field(
        None, description="The institution (none for a portfolio report).")
    period: Period | None = None
    standard: StandardRef | None = None
    standard_title: str | None = None
    assessment: str | None = Field(None, description="The assessment's code (its id in files).")
    state: str | None = Field(None, description="The stored assessment's state (lifecycle "
                              "value, e.g. 'certified'); none when read from files.")
    assessment_kind: Literal["self", "external"] | None = None
    source: Literal["store", "files"]
    source_name: str = Field(description="The database or the file the data was read from.")
    generated_at: dt.datetime = Field(description="When the report was built (UTC).")
    generated_by: str | None = Field(None, description="Who built it (display name), from the "
                                     "store; none from files.")


class LevelLine(SealModel):
    """A level of the standard: its threshold and whether the result reached it."""

    id: str
    title: str
    order: int
    min_score: float = Field(description="Percent.")
    reached: bool


class ResultSummary(SealModel):
    """One result of the assessment (self-assessed or reviewed): level, score and basis."""

    kind: Literal["self", "reviewed"]
    level: str | None
    level_title: str | None = Field(description="The level's title; none: no level.")
    score: float = Field(description="Percent on the basis.")
    points: float
    max_points: float
    basis: ScoreBasis
    next_level: str | None = Field(None, description="Id of the next level up, if any.")
    next_level_title: str | None = None
    next_level_min_score: float | None = None
    points_needed: float | None = Field(
        None, description="Further points (on benchmarks_met: further benchmarks met) to the "
        "next level's threshold.")
    blocking: list[str] = Field(default_factory=list,
                                description="Mandatory benchmarks not met, for the next level.")
    pending_claims: list[str] = Field(
        default_factory=list, description="Of the blocking, those claimed not applicable and "
        "waiting for the assessor.")


class DimensionLine(SealModel):
    id: str
    ref: str | None = None
    title: str
    score: float | None = Field(description="Percent; none when nothing applies.")
    self_score: float | None = Field(None, description="The self-assessed score, once "
                                     "reviewed (the score above is then the reviewed one).")
    counts: dict[BenchmarkStatus, int]


class ResultsLevelLine(SealModel):
    """A results level of the programme (its dimensions together): its score and counts."""

    id: str
    title: str
    dimensions: list[str]
    score: float | None = Field(description="Percent; none when nothing applies.")
    self_score: float | None = Field(None, description="The self-assessed score, once "
                                     "reviewed.")
    counts: dict[BenchmarkStatus, int]


class EvidenceLine(SealModel):
    """An evidence item as the institution gave it and as the assessor judged it."""

    benchmark: str
    requirement: str
    requirement_title: str | None = None
    title: str
    reference: str | None = Field(None, description="File name, link or archive reference.")
    uploaded: bool = Field(False, description="The file itself is stored (not only named).")
    kind: Literal["file", "link", "reference"] = Field(
        "reference", description="file (stored), link (an address) or reference (only named: "
        "a file name or archive reference, nothing stored).")
    date: dt.date | None = None
    declared: Literal["provided", "accepted", "rejected"] = Field(
        "provided", description="As the institution declared it.")
    verdict: Literal["accepted", "rejected"] | None = Field(
        None, description="The assessor's verdict; none yet.")
    verdict_reason: str | None = None
    note: str | None = None


class DecisionLine(SealModel):
    """An assessor's verdict on one benchmark."""

    benchmark: str
    title: str
    computed_status: BenchmarkStatus = Field(description="What the rule gives on the "
                                             "evidence as the assessor marked it.")
    decision: Literal["confirm", "override"] | None = Field(description="None: no verdict yet.")
    status: BenchmarkStatus | None = Field(description="The status decided (an override's).")
    justification: str | None = None
    outdated: bool = Field(False, description="A confirmation given before the computed "
                           "status changed: to confirm again.")
    mandatory_from: str | None = None
    mandatory_title: str | None = Field(None, description="The title of that level.")


class BenchmarkLine(SealModel):
    """One benchmark of a result: status, why, evidence, and the assessor's verdict."""

    id: str
    ref: str | None = None
    title: str
    dimension: str
    dimension_title: str
    status: BenchmarkStatus = Field(description="The reviewed status once reviewed, else the "
                                    "self-assessed one.")
    self_status: BenchmarkStatus | None = Field(
        None, description="The self-assessed status, once reviewed.")
    points: float
    max_points: float
    mandatory_from: str | None = Field(None, description="Id of the lowest level requiring it.")
    mandatory_title: str | None = None
    claim: Literal["pending", "accepted", "refused"] | None = None
    claim_reason: str | None = Field(None, description="Why the institution says it does "
                                     "not apply.")
    reason: list[str] = Field(default_factory=list,
                              description="Why it has its status: the rule's clauses in words "
                              "(empty for readers who may not see answers).")
    evidence: list[EvidenceLine] = Field(default_factory=list)
    decision: DecisionLine | None = None


class GapLine(SealModel):
    """A benchmark not met, ranked (from :func:`seal_engine.gap_analysis`)."""

    priority: int
    id: str
    ref: str | None = None
    title: str
    dimension_title: str
    status: BenchmarkStatus
    gain: float
    effort: Literal["low", "medium", "high"]
    blocks: str = Field(description="Title of the lowest level at which it is mandatory, or "
                        "'score only' (as the gap analysis writes it).")
    on_path: bool = Field(description="On the shortest path to the next level.")
    failing: list[str] = Field(default_factory=list)
    missing_evidence: list[str] = Field(default_factory=list,
                                        description="Titles of evidence not provided.")
    reason: str
    actions: list[str] = Field(default_factory=list, description="Titles of actions serving it.")


class DifferenceLine(SealModel):
    """A benchmark whose reviewed status differs from the self-assessed one."""

    benchmark: str
    title: str
    self_status: BenchmarkStatus
    reviewed_status: BenchmarkStatus
    reason: str = Field(description="Why, as the store words it.")


class ParityRow(SealModel):
    """One group of a published parity table (suppression already applied)."""

    group: str = Field(description="The group's value ('all' for all staff).")
    headcount: Count
    women: Count
    men: Count
    women_share: Share
    share_decimals: int | None = None
    parity: str | None = Field(description="below band, in band, above band, suppressed; none "
                               "when the group has no women or men.")
    band_needed: Count = None
    band_needed_added: Count = None
    band_needed_sex: str | None = None
    parity_needed: Count = None
    parity_needed_added: Count = None
    parity_needed_sex: str | None = None
    pay_gap_mean: Share = None
    pay_gap_median: Share = None


class ParityTable(SealModel):
    by: str = Field(description="The breakdown: grade, location, category...")
    rows: list[ParityRow]
    largest_drop: dict[str, str | float] | None = Field(
        None, description="The pipeline's largest fall between published grades (from, to, "
        "drop as 0..1).")


class WorkforceSection(SealModel):
    """The workforce parity tables and the pay figures of the assessment's staff file."""

    file: str
    year: int | None
    min_group: int
    band: tuple[float, float]
    band_kind: str = Field(description="parity, balanced or band.")
    target: float = Field(0.5, description="Women's share of the 'needed for 50/50' figures.")
    staff: dict[str, Count] = Field(description="headcount, women, men, other.")
    tables: list[ParityTable]
    pay: PayFigures | None = Field(None, description="Article 9 figures, when the file has pay.")
    pay_note: str | None = None


class CertificateLine(SealModel):
    """The certificate the award decision issued on the assessment."""

    id: str = Field(description="The certificate id (the token's jti).")
    level: str
    level_title: str
    issued_on: dt.date
    valid_until: dt.date | None
    audit_seq: int = Field(description="The audit entry that recorded the decision.")
    audit_hash: str
    revoked: bool = False
    revoked_reason: str | None = None


class ResultsReport(SealModel):
    """The institution's results report."""

    header: ReportHeader
    result: ResultSummary = Field(description="The result that counts: the reviewed one once "
                                  "reviewed, else the self-assessed one.")
    self_result: ResultSummary | None = Field(
        None, description="The self-assessed result, beside the reviewed one once reviewed.")
    levels: list[LevelLine] = Field(description="Lowest first.")
    dimensions: list[DimensionLine]
    results_levels: list[ResultsLevelLine] = Field(
        default_factory=list, description="The results the programme seeks (leadership, "
        "policy cycle, organisation), when the standard groups its dimensions so.")
    benchmarks: list[BenchmarkLine]
    differences: list[DifferenceLine] = Field(default_factory=list)
    gaps: list[GapLine] = Field(default_factory=list)
    paths: list[LevelPath] = Field(
        default_factory=list, description="The shortest path to the next level, then to each "
        "further level (from the gap analysis).")
    plan: ActionPlan | None = Field(None, description="The stored action plan, or a draft.")
    plan_is_draft: bool = Field(False, description="The plan is the engine's draft, not one "
                                "the institution saved.")
    workforce: WorkforceSection | None = None
    certificate: CertificateLine | None = Field(
        None, description="The certificate issued on this assessment, if any (stored only).")
    notes: list[str] = Field(default_factory=list)


class TeamMember(SealModel):
    name: str
    role: Literal["lead", "member"] | str
    no_conflict: bool = Field(description="Declared no conflict of interest.")
    verdicts: int = Field(0, description="Benchmark verdicts given.")


class ClaimLine(SealModel):
    """A not-applicable claim and the assessor's decision on it."""

    benchmark: str
    title: str
    reason: str
    decision: Literal["accepted", "refused"] | str | None
    decision_reason: str | None = None


class RequestLine(SealModel):
    """A request the assessor sent, and when the institution answered (submitted again)."""

    benchmark: str
    title: str
    requirement: str | None = None
    message: str
    requested_at: dt.datetime
    requested_by: str | None = None
    answered_at: dt.datetime | None = None


class Recommendation(SealModel):
    recommendation: str | None = Field(description="certify or refuse; none yet.")
    level: str | None = None
    level_title: str | None = None
    by: str | None = None
    reason: str | None = None


class ReviewReport(SealModel):
    """The assessment team's report."""

    header: ReportHeader
    self_result: ResultSummary
    reviewed_result: ResultSummary | None = Field(None, description="Once the review started.")
    team: list[TeamMember]
    decisions: list[DecisionLine] = Field(description="Every benchmark, in the standard's order.")
    evidence: list[EvidenceLine]
    claims: list[ClaimLine]
    requests: list[RequestLine]
    differences: list[DifferenceLine] = Field(default_factory=list)
    recommendation: Recommendation
    missing: list[str] = Field(default_factory=list,
                               description="What a final decision still needs, in words.")


class PayReport(SealModel):
    """The pay transparency report of an institution, laid out as Article 9 lists it."""

    header: ReportHeader
    pay: PayFigures


class TrendPoint(SealModel):
    """One stored result of an institution in a period."""

    institution: str = Field(description="The institution's code.")
    name: str
    country: str
    period: str
    period_end: dt.date
    kind: Literal["self", "reviewed"] | str
    level: str | None
    level_title: str | None
    score: float


class PortfolioReport(SealModel):
    """The government's portfolio report."""

    header: ReportHeader
    countries: list[str] = Field(
        default_factory=list, description="Whose view it is: the countries whose results the "
        "reader may see (an analyst's); empty: every result the reader may see.")
    comparison: Comparison
    trends: list[TrendPoint] = Field(default_factory=list)


AnyReport = Annotated[ResultsReport | ReviewReport | PayReport | PortfolioReport,
                      Field(description="Any report.")]


def pay_in_language(report: AnyReport, lang: str) -> AnyReport:
    """``report`` with the texts of its pay figures (a pay report's, or a results report's
    staff data) in ``lang`` (:meth:`~seal_engine.workforce.pay.PayReport.in_language`); any
    other report as it is."""
    if lang == "en":
        return report
    if isinstance(report, PayReport):
        return report.model_copy(update={"pay": report.pay.in_language(lang)})
    if isinstance(report, ResultsReport) and report.workforce and report.workforce.pay:
        wf = report.workforce
        return report.model_copy(update={"workforce": wf.model_copy(
            update={"pay": wf.pay.in_language(lang)})})
    return report
