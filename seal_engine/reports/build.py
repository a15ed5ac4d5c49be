"""Building the report models from stored data (through the store's public services, as an
actor) or from files (an assessment file and its standard, or folders of them).

Nothing is recomputed here: the result comes from :func:`seal_engine.score` (or the store's
``compare_results``), the gaps and the shortest path from :func:`seal_engine.gap_analysis`, a
plan not yet saved from :func:`seal_engine.draft_plan`, the parity tables from
:func:`seal_engine.full_report`, the pay figures from :func:`seal_engine.pay_report`, the
portfolio from ``compare_stored`` / :func:`seal_engine.compare_files`.  This module arranges
what they give into the shapes of :mod:`seal_engine.reports.model`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import Problem, SealError
from ..gaps import gap_reasons
from ..messages import render_message
from ..models import Assessment, BenchmarkStatus, ScoreResult, Standard
from .model import (
    REPORT_KINDS,
    BenchmarkLine,
    CertificateLine,
    ClaimLine,
    DecisionLine,
    DifferenceLine,
    DimensionLine,
    EvidenceLine,
    GapLine,
    LevelLine,
    ParityRow,
    ParityTable,
    PayReport,
    PortfolioReport,
    Recommendation,
    ReportHeader,
    RequestLine,
    ResultsLevelLine,
    ResultsReport,
    ResultSummary,
    ReviewReport,
    TeamMember,
    TrendPoint,
    WorkforceSection,
)

__all__ = ["build_report", "pay_from_files", "pay_from_store", "portfolio_from_files",
           "portfolio_from_store", "report_from_files", "report_from_store",
           "results_from_files", "results_from_store", "review_from_store"]

#: Breakdowns shown as parity tables, when the staff file has them.
PARITY_BREAKDOWNS: tuple[str, ...] = ("grade", "location", "category")
#: The floor under which published figures are suppressed.
MIN_GROUP = 5


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _check_kind(kind: str) -> str:
    if kind not in REPORT_KINDS:
        raise SealError(Problem(f"unknown report kind {kind!r}; choose one of "
                                f"{', '.join(REPORT_KINDS)}", field="kind"))
    return kind


# ------------------------------------------------------------------------------ pieces


def _summary(r: ScoreResult, kind: str, standard: Standard) -> ResultSummary:
    titles = {lv.id: lv.title for lv in standard.levels}
    nxt = r.next_level
    return ResultSummary(
        kind=kind, level=r.level, level_title=titles.get(r.level) if r.level else None,
        score=r.score, points=r.points, max_points=r.max_points, basis=r.basis,
        next_level=nxt.id if nxt else None,
        next_level_title=titles.get(nxt.id, nxt.title) if nxt else None,  # report's language
        next_level_min_score=nxt.min_score if nxt else None,
        points_needed=nxt.points_needed if nxt else None,
        blocking=list(nxt.blocking) if nxt else [],
        pending_claims=list(nxt.pending_claims) if nxt else [])


def _levels(standard: Standard, r: ScoreResult) -> list[LevelLine]:
    reached = next((lv.order for lv in standard.levels if lv.id == r.level), None)
    return [LevelLine(id=lv.id, title=lv.title, order=lv.order, min_score=lv.min_score,
                      reached=reached is not None and lv.order <= reached)
            for lv in standard.levels_in_order()]


def _dimensions(standard: Standard, r: ScoreResult,
                before: ScoreResult | None) -> list[DimensionLine]:
    refs = {d.id: d.ref for d in standard.dimensions}
    titles = {d.id: d.title for d in standard.dimensions}  # in the report's language
    own = {d.id: d.score for d in before.dimensions} if before else {}
    return [DimensionLine(id=d.id, ref=refs.get(d.id), title=titles.get(d.id, d.title),
                          score=d.score,
                          self_score=own.get(d.id) if before else None, counts=d.counts)
            for d in r.dimensions]


def _results_levels(standard: Standard, r: ScoreResult,
                    before: ScoreResult | None) -> list[ResultsLevelLine]:
    titles = {g.id: g.title for g in standard.results_levels}  # in the report's language
    own = {g.id: g.score for g in before.results_levels} if before else {}
    return [ResultsLevelLine(id=g.id, title=titles.get(g.id, g.title),
                             dimensions=list(g.dimensions), score=g.score,
                             self_score=own.get(g.id) if before else None,
                             counts=g.counts) for g in r.results_levels]


def _requirements(standard: Standard) -> dict[str, tuple[str, str]]:
    """Evidence requirement id -> (benchmark id, requirement title)."""
    return {e.id: (b.id, e.title) for b in standard.benchmarks() for e in b.evidence}


def _benchmarks(standard: Standard, r: ScoreResult, *, before: ScoreResult | None,
                evidence: Sequence[EvidenceLine], claims: dict[str, str],
                decisions: dict[str, DecisionLine], lang: str | None = None,
                source: Standard | None = None) -> list[BenchmarkLine]:
    """``source``: the standard in the language ``r`` was scored in, when ``standard`` is a
    translation of it (a stored result: the parameters its reasons name are then in the
    translation's words too)."""
    from ..render.people import PlainWords

    words = PlainWords(standard, source=source)  # the standard's words, not its ids
    dims = {d.id: d.title for d in standard.dimensions}
    levels = {lv.id: lv.title for lv in standard.levels}
    own = {b.id: b.status for b in before.benchmarks} if before else {}
    out = []
    for b in r.benchmarks:
        bench = standard.benchmark(b.id)
        out.append(BenchmarkLine(
            id=b.id, ref=bench.ref, title=bench.title, dimension=b.dimension,  # translated
            dimension_title=dims.get(b.dimension, b.dimension), status=b.status,
            self_status=own.get(b.id) if before else None, points=b.points,
            max_points=b.max_points, mandatory_from=b.mandatory_from,
            mandatory_title=levels.get(b.mandatory_from) if b.mandatory_from else None,
            claim=b.claim, claim_reason=claims.get(b.id),
            reason=[words.text(line) for line in b.explained(lang or "en")],
            evidence=[e for e in evidence if e.benchmark == b.id],
            decision=decisions.get(b.id)))
    return out


def _gaps(standard: Standard, report, lang: str | None = None,
          source: Standard | None = None) -> tuple[list[GapLine], list]:
    """The gaps in the report's language: what fails and why each has its rank rendered from
    their messages (a gap read back from JSON has only its English)."""
    from ..render.people import PlainWords

    lang = lang or "en"
    words = PlainWords(standard, source=source)
    dims = {d.id: d.title for d in standard.dimensions}
    on_path = set(report.target.benchmarks) if report.target else set()

    def failing(g) -> list[str]:
        if g.failing_why is not None and lang != "en":
            return [words.text(render_message(m, lang=lang)) for m in g.failing_why]
        return [words.text(t) for t in g.failing]

    def reason(g) -> str:
        if g.reason_why is not None and lang != "en":
            return words.text(render_message(g.reason_why, lang=lang))
        return words.text(g.reason)

    def title(g) -> str:
        try:
            return standard.benchmark(g.id).title  # in the report's language
        except KeyError:
            return g.title

    lines = [GapLine(
        priority=g.priority, id=g.id, ref=g.ref, title=title(g),
        dimension_title=dims.get(g.dimension, g.dimension), status=g.status, gain=g.gain,
        effort=g.effort, blocks=g.blocks, on_path=g.id in on_path,
        failing=failing(g) or ([] if g.missing_evidence else [
            words.text(render_message(m, lang=lang)) for m in gap_reasons(g)]),
        missing_evidence=[m.title for m in g.missing_evidence], reason=reason(g),
        actions=[a.title for a in g.actions]) for g in report.gaps]
    return sorted(lines, key=lambda g: g.priority), list(report.paths)


def _parity_rows(groups: list[dict[str, Any]], by: str) -> list[ParityRow]:
    fields = set(ParityRow.model_fields) - {"group"}
    out = []
    for g in groups:
        if by and g.get(by) in ("", None) and not g.get("headcount"):
            continue  # a value only the flows carry (recruits without a category): no staff
        row = {k: g.get(k) for k in fields}
        if isinstance(row.get("share_decimals"), str):
            row["share_decimals"] = None
        out.append(ParityRow(group=str(g.get(by, "all")) if by else "all", **row))
    return out


def workforce_section(data, standard: Standard | None) -> WorkforceSection | None:
    """The parity tables (by grade, location and category where the file has them) and the
    Article 9 pay figures of a staff file, published (small groups suppressed)."""
    from .. import full_report
    from .. import pay_report as pay_fn

    if data is None:
        return None
    overall = full_report(data, by=(), min_group=MIN_GROUP, standard=standard)
    tables = []
    for by in PARITY_BREAKDOWNS:
        if by not in data.breakdowns:
            continue
        rep = full_report(data, by=(by,), min_group=MIN_GROUP, standard=standard)
        drop = rep["pipeline"].get("largest_drop") if by == "grade" else None
        if drop and isinstance(drop.get("drop"), str):
            drop = None
        tables.append(ParityTable(by=by, rows=_parity_rows(rep["groups"], by),
                                  largest_drop=drop))
    band = overall["band"]
    pay = pay_fn(data, min_group=MIN_GROUP) if data.pay else None
    return WorkforceSection(
        file=data.file, year=data.year, min_group=MIN_GROUP,
        band=(band["low"], band["high"]), band_kind=band["kind"], target=band["target"],
        staff=overall["staff"], tables=tables, pay=pay, pay_note=overall.get("pay_note"))


def _file_evidence(standard: Standard, a: Assessment) -> list[EvidenceLine]:
    reqs = _requirements(standard)
    out = []
    for e in a.evidence:
        bench, title = reqs.get(e.requirement, ("", None))
        out.append(EvidenceLine(
            benchmark=bench, requirement=e.requirement, requirement_title=title, title=e.title,
            reference=e.reference, uploaded=False, date=e.date, declared=e.status,
            verdict=e.status if a.kind == "external" and e.status != "provided" else None,
            note=e.note))
    return out


def _stored_evidence(standard: Standard, items) -> list[EvidenceLine]:
    reqs = _requirements(standard)
    return [EvidenceLine(
        benchmark=e.benchmark_id, requirement=e.requirement_id,
        requirement_title=reqs.get(e.requirement_id, ("", None))[1], title=e.title,
        reference=e.original_name or e.reference, uploaded=e.sha256 is not None,
        kind=e.kind if e.kind in ("file", "link") else "reference", date=e.date,
        declared=e.declared_status, verdict=e.verdict, verdict_reason=e.verdict_reason,
        note=e.note) for e in items]


def _differences(comparison) -> list[DifferenceLine]:
    return [DifferenceLine(benchmark=d.benchmark_id, title=d.title,
                           self_status=BenchmarkStatus(d.self_status),
                           reviewed_status=BenchmarkStatus(d.reviewed_status), reason=d.reason)
            for d in comparison.differences]


def _decisions(standard: Standard, review) -> list[DecisionLine]:
    levels = {lv.id: lv.title for lv in standard.levels}
    out = []
    for v in review.benchmarks:
        out.append(DecisionLine(
            benchmark=v.benchmark_id, title=standard.benchmark(v.benchmark_id).title,
            computed_status=BenchmarkStatus(v.computed_status), decision=v.decision,
            status=BenchmarkStatus(v.status) if v.status else None,
            justification=v.justification, outdated=v.outdated,
            mandatory_from=v.mandatory_from,
            mandatory_title=levels.get(v.mandatory_from) if v.mandatory_from else None))
    return out


# ------------------------------------------------------------------------------ from files


def _header_from(kind: str, a: Assessment, standard: Standard, path: Path) -> ReportHeader:
    return ReportHeader(kind=kind, institution=a.institution, period=a.period,
                        standard=a.standard, standard_title=standard.title, assessment=a.id,
                        assessment_kind=a.kind, source="files", source_name=str(path),
                        generated_at=_now())


def _in_language(standard: Standard, lang: str | None) -> Standard:
    """The standard with its texts in the report's language (falling back per text to its
    own), the one whose titles, questions and reasons the report quotes."""
    from ..loader import translated_standard

    return translated_standard(standard, lang)


def _loaded(path: str | Path, standard: Standard | None, lang: str | None = None):
    from .. import load_assessment, load_workforce_for, standard_for

    a = load_assessment(path)
    s = standard if standard is not None else standard_for(a)
    return a, _in_language(s, lang), load_workforce_for(a)


def results_from_files(path: str | Path, standard: Standard | None = None,
                       lang: str | None = None) -> ResultsReport:
    """The results report of an assessment file (its standard found as ``seal score`` finds
    it, unless given): the result (an ``external`` assessment's is the reviewed one), the gaps
    and the shortest paths, the engine's draft plan, the staff file's parity and pay; the
    standard's texts in ``lang`` where it has them."""
    from .. import draft_plan, gap_analysis, score

    path = Path(path)
    a, s, data = _loaded(path, standard, lang)
    r = score(s, a, data)
    gaps = gap_analysis(s, a, r, workforce=data)
    plan = draft_plan(s, a, gaps, result=r, workforce=data,
                      lang=lang or "en") if gaps.gaps else None
    kind = "reviewed" if a.kind == "external" else "self"
    evidence = _file_evidence(s, a)
    gap_lines, paths = _gaps(s, gaps, lang)
    return ResultsReport(
        header=_header_from("results", a, s, path), result=_summary(r, kind, s),
        levels=_levels(s, r), dimensions=_dimensions(s, r, None),
        results_levels=_results_levels(s, r, None),
        benchmarks=_benchmarks(s, r, before=None, evidence=evidence,
                               claims=dict(a.not_applicable), decisions={}, lang=lang),
        gaps=gap_lines, paths=paths, plan=plan, plan_is_draft=plan is not None,
        workforce=workforce_section(data, s), notes=list(gaps.notes))


def pay_from_files(path: str | Path, standard: Standard | None = None,
                   lang: str | None = None) -> PayReport:
    """The pay transparency report of an assessment file's staff data."""
    from .. import pay_report as pay_fn

    path = Path(path)
    a, s, data = _loaded(path, standard, lang)
    if data is None or not data.pay:
        raise SealError(Problem("the assessment names no staff data file with pay figures "
                                "('workforce:'); a pay report needs one", file=str(path),
                                field="workforce"))
    return PayReport(header=_header_from("pay", a, s, path), pay=pay_fn(data, min_group=MIN_GROUP))


def portfolio_from_files(paths: Sequence[str | Path], lang: str | None = None,
                         **options: Any) -> PortfolioReport:
    """The portfolio report of the assessment files under ``paths`` (files or folders):
    :func:`seal_engine.compare_files` with ``options``, each institution's result by period."""
    from .. import compare_files, score_many

    paths = [Path(p) for p in paths]
    comparison = compare_files(paths, lang=lang, **options)
    titles = {lv.id: lv.title for lv in comparison.levels if lv.id}
    trends = [_trend_from_row(item.row, titles) for item in score_many(paths)
              if item.error is None and item.row is not None and not item.row.draft]
    header = ReportHeader(kind="portfolio", source="files",
                          source_name=", ".join(str(p) for p in paths), generated_at=_now())
    return PortfolioReport(header=header, comparison=comparison,
                           trends=_sorted_trends(trends))


def _trend_from_row(row, titles: dict[str, str]) -> TrendPoint:
    return TrendPoint(institution=row.institution, name=row.name, country=row.country,
                      period=row.period, period_end=row.period_end, kind=row.kind,
                      level=row.level, level_title=titles.get(row.level, row.level)
                      if row.level else None, score=row.score)


def _sorted_trends(trends: list[TrendPoint]) -> list[TrendPoint]:
    return sorted(trends, key=lambda t: (t.name, t.period_end, t.kind))


# ------------------------------------------------------------------------------ from the store


def _stored(store, actor, assessment_id: str, lang: str | None = None):
    """(summary, standard in ``lang``, may see content) of a stored assessment ``actor`` may
    see."""
    import seal_engine.store as st

    summary = st.find_assessment(store, actor, assessment_id)
    standard = _in_language(st.get_standard(store, summary.standard_id,
                                            summary.standard_version), lang)
    try:
        info = st.get_assessment(store, actor, summary.id)
    except st.NotFoundError:  # may see the results, not the content (an analyst)
        info = None
    return summary, standard, info


def _header_stored(kind: str, store, actor, summary, standard: Standard,
                   model: Assessment | None, result: ScoreResult) -> ReportHeader:
    return ReportHeader(
        kind=kind, institution=model.institution if model else result.institution,
        period=result.period, standard=result.standard, standard_title=standard.title,
        assessment=summary.code, state=summary.state, assessment_kind=summary.kind,
        source="store", source_name=store.public_name, generated_at=_now(),
        generated_by=actor.display_name)


def _stored_workforce(store, actor, summary, info):
    import seal_engine.store as st

    from .. import parse_workforce

    if info is None or info.workforce is None:
        return None
    name, content = st.workforce_content(store, actor, summary.id)
    return parse_workforce(content, name, year=summary.period_end.year)


def results_from_store(store, actor, assessment_id: str, lang: str | None = None
                       ) -> ResultsReport:
    """The results report of a stored assessment as ``actor`` may see it: the reviewed result
    beside the self-assessed one once reviewed; the reasons, evidence, verdicts, gaps, plan and
    staff figures only for those who may see its content (its institution, its assessors,
    programme staff), the statuses and scores for the others (an analyst)."""
    import seal_engine.store as st

    from .. import draft_plan, gap_analysis
    from ..lifecycle import REVIEWED

    summary, s, info = _stored(store, actor, assessment_id, lang)
    # the standard the stored results were scored on (its own language)
    source = st.get_standard(store, summary.standard_id, summary.standard_version)
    comparison = st.compare_results(store, actor, summary.id)
    reviewed = summary.state in REVIEWED
    r = comparison.reviewed_result if reviewed else comparison.self_result
    before = comparison.self_result if reviewed else None
    evidence: list[EvidenceLine] = []
    claims: dict[str, str] = {}
    decisions: dict[str, DecisionLine] = {}
    gap_lines: list[GapLine] = []
    paths: list = []
    plan, draft, section, model, notes = None, False, None, None, []
    if info is not None:
        evidence = _stored_evidence(s, info.evidence)
        claims = {k: c.reason for k, c in info.not_applicable.items()}
        if reviewed:
            decisions = {d.benchmark: d for d in _decisions(
                s, st.review_status(store, actor, summary.id)) if d.decision is not None}
        model = st.assessment_model(store, actor, summary.id, reviewed=reviewed)
        data = _stored_workforce(store, actor, summary, info)
        gaps = gap_analysis(s, model, r, workforce=data)
        gap_lines, paths = _gaps(s, gaps, lang, source)
        notes = list(gaps.notes)
        try:
            plan = st.get_action_plan(store, actor, summary.id)[0]
        except st.NotFoundError:
            plan = draft_plan(s, model, gaps, result=r, workforce=data,
                              lang=lang or "en") if gaps.gaps else None
            draft = plan is not None
        section = workforce_section(data, s)
    levels = {lv.id: lv.title for lv in s.levels}
    cert = next((c for c in st.list_certificates(store, actor)
                 if c.assessment_id == summary.id), None)
    certificate = None if cert is None else CertificateLine(
        id=cert.id, level=cert.level, level_title=levels.get(cert.level, cert.level),
        issued_on=cert.issued_on, valid_until=cert.valid_until, audit_seq=cert.audit_seq,
        audit_hash=cert.audit_hash, revoked=cert.revoked, revoked_reason=cert.revoked_reason)
    return ResultsReport(
        header=_header_stored("results", store, actor, summary, s, model, r),
        result=_summary(r, "reviewed" if reviewed else "self", s),
        self_result=_summary(before, "self", s) if before else None,
        levels=_levels(s, r), dimensions=_dimensions(s, r, before),
        results_levels=_results_levels(s, r, before),
        benchmarks=_benchmarks(s, r, before=before, evidence=evidence, claims=claims,
                               decisions=decisions, lang=lang, source=source),
        differences=_differences(comparison) if reviewed else [],
        gaps=gap_lines, paths=paths, plan=plan, plan_is_draft=draft, workforce=section,
        certificate=certificate, notes=notes)


def review_from_store(store, actor, assessment_id: str, lang: str | None = None
                      ) -> ReviewReport:
    """The assessment team's report of a stored assessment (its assessors, programme staff,
    its institution): every verdict, evidence verdicts, claims, requests, the team and its
    recommendation."""
    import seal_engine.store as st

    from ..lifecycle import REVIEWED

    summary, s, info = _stored(store, actor, assessment_id, lang)
    if info is None:
        raise st.NotFoundError(Problem(f"no assessment {assessment_id!r} whose review you can "
                                       "see", record_id=str(assessment_id)))
    review = st.review_status(store, actor, summary.id)
    comparison = st.compare_results(store, actor, summary.id)
    reviewed = summary.state in REVIEWED
    titles = {b.id: b.title for b in s.benchmarks()}
    levels = {lv.id: lv.title for lv in s.levels}
    team = [TeamMember(name=name, role=role, no_conflict=ok,
                       verdicts=review.verdicts_by.get(name, 0))
            for name, role, ok in review.team]
    on_team = {m.name for m in team}
    team += [TeamMember(name=name, role="other", no_conflict=False, verdicts=count)
             for name, count in review.verdicts_by.items() if name not in on_team]
    claims = [ClaimLine(benchmark=c.benchmark_id, title=titles.get(c.benchmark_id, ""),
                        reason=c.reason, decision=c.decision, decision_reason=c.decision_reason)
              for c in info.not_applicable.values()]
    requests = [RequestLine(benchmark=q.benchmark_id, title=titles.get(q.benchmark_id, ""),
                            requirement=q.requirement_id, message=q.message,
                            requested_at=q.requested_at, requested_by=q.requested_by,
                            answered_at=q.answered_at)
                for q in st.list_requests(store, actor, summary.id)]
    return ReviewReport(
        header=_header_stored("review", store, actor, summary, s, None,
                              comparison.self_result),
        self_result=_summary(comparison.self_result, "self", s),
        reviewed_result=(_summary(comparison.reviewed_result, "reviewed", s)
                         if reviewed else None),
        team=team, decisions=_decisions(s, review),
        evidence=_stored_evidence(s, info.evidence), claims=claims, requests=requests,
        differences=_differences(comparison) if reviewed else [],
        recommendation=Recommendation(
            recommendation=review.recommendation, level=review.recommended_level,
            level_title=levels.get(review.recommended_level) if review.recommended_level
            else None, by=review.recommended_by, reason=review.recommendation_reason),
        missing=[render_message(m, lang=lang or "en") for m in review.missing])


def pay_from_store(store, actor, assessment_id: str, lang: str | None = None
                   ) -> PayReport:
    """The pay transparency report of a stored assessment's staff file."""
    import seal_engine.store as st

    from .. import pay_report as pay_fn

    summary, s, info = _stored(store, actor, assessment_id, lang)
    if info is None:
        raise st.NotFoundError(Problem(f"no assessment {assessment_id!r} whose staff data you "
                                       "can see", record_id=str(assessment_id)))
    data = _stored_workforce(store, actor, summary, info)
    if data is None or not data.pay:
        raise SealError(Problem(f"assessment {summary.code} has no staff data with pay "
                                "figures; upload it first", record_id=summary.code,
                                field="workforce"))
    result = st.score_assessment(store, actor, summary.id)
    return PayReport(header=_header_stored("pay", store, actor, summary, s, None, result),
                     pay=pay_fn(data, min_group=MIN_GROUP))


def portfolio_from_store(store, actor, lang: str | None = None,
                         **options: Any) -> PortfolioReport:
    """The portfolio report of the stored results ``actor`` may see (``compare_stored`` with
    ``options``: by, periods, basis, standard, scope, sector), with every stored result by
    period for the trends."""
    import seal_engine.store as st

    comparison = st.compare_stored(store, actor, lang=lang, **options)
    levels: dict[tuple[str, int], dict[str, str]] = {}

    def title(r) -> str | None:
        key = (r.standard_id, r.standard_version)
        if key not in levels:
            levels[key] = {lv.id: lv.title for lv in _in_language(st.get_standard(
                store, r.standard_id, r.standard_version), lang).levels}
        return levels[key].get(r.level) if r.level else None

    trends = [TrendPoint(institution=r.institution_code, name=r.institution_name,
                         country=r.country, period=r.period_label or str(r.period_end.year),
                         period_end=r.period_end, kind=r.kind, level=r.level,
                         level_title=title(r), score=r.score)
              for r in st.portfolio_results(store, actor)]
    if options.get("scope"):
        trends = [t for t in trends if any(x.institution == t.institution
                                           for x in comparison.ranking)]
    header = ReportHeader(kind="portfolio", source="store", source_name=store.public_name,
                          generated_at=_now(), generated_by=actor.display_name)
    return PortfolioReport(header=header, countries=sorted(actor.countries),
                           comparison=comparison, trends=_sorted_trends(trends))


# ------------------------------------------------------------------------------ one entry


def report_from_store(store, actor, kind: str = "results", assessment_id: str | None = None,
                      lang: str | None = None, **options: Any):
    """The ``kind`` report (results, review, pay, portfolio) from the store, as ``actor``
    may see it, the standard's texts in ``lang`` where it has them; every kind but portfolio
    needs ``assessment_id`` (its id or code)."""
    _check_kind(kind)
    if kind == "portfolio":
        return portfolio_from_store(store, actor, lang, **options)
    if not assessment_id:
        raise SealError(Problem(f"a {kind} report is of one assessment: give its id",
                                field="assessment"))
    return {"results": results_from_store, "review": review_from_store,
            "pay": pay_from_store}[kind](store, actor, assessment_id, lang)


def report_from_files(paths: Sequence[str | Path] | str | Path, kind: str = "results",
                      standard: Standard | None = None, lang: str | None = None,
                      **options: Any):
    """The ``kind`` report from files: an assessment file for results and pay, files or
    folders for portfolio.  A review report needs the stored review (give the id of an
    assessment in the database)."""
    _check_kind(kind)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    if kind == "portfolio":
        return portfolio_from_files(paths, lang, **options)
    if kind == "review":
        raise SealError(Problem("a review report is made from the stored review: give the id "
                                "or code of an assessment in the database", field="kind"))
    if len(paths) != 1 or paths[0].is_dir():
        raise SealError(Problem(f"a {kind} report is of one assessment file",
                                file=str(paths[0]) if paths else None, field="assessment"))
    return (results_from_files if kind == "results" else pay_from_files)(paths[0], standard,
                                                                         lang)


def build_report(source: Any, kind: str = "results", **options: Any):
    """Either form: ``build_report((store, actor, id), kind)`` or ``build_report(path, kind)``."""
    if isinstance(source, tuple) and len(source) in (2, 3):
        store, actor, *rest = source
        return report_from_store(store, actor, kind, rest[0] if rest else None, **options)
    return report_from_files(source, kind, **options)
