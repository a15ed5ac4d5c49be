"""The government view of the stored results, chosen in SQL (``seal compare --db``).

The results shown are chosen in one SQL statement (window functions over ``result_assessment``:
per institution and period the result the basis prefers, per institution its two latest
periods), which returns one narrow row per result chosen: the row the results were stored
with, its benchmarks' status letters and its points by dimension (kept in
``result_assessment`` when the result is written, see :mod:`.results`), never the 57
``result_benchmark`` rows of each.  What they leave out is counted in a second statement.
The comparison is then made from those rows exactly as :func:`~seal_engine.compare_portfolio`
makes it from files (the same :func:`~seal_engine.compare.build.finish`), so the two agree by
construction.  SQLite and PostgreSQL run the same statements.

Who sees what: the actor's summary rights, as everywhere in the store (an analyst their
countries, an admin and the command line all); nobody sees answers.  The parity dashboard is
read from the workforce files of the results shown, and only its published form leaves this
module: counts by group with figures of fewer than ``min_group`` women and men suppressed, as
``seal metrics`` publishes them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .._heap import no_collection
from ..compare._workforce import DEFAULT_MIN_GROUP, PARITY_BAND
from ..compare.build import Selection, basis_note, check_by, finish, select
from ..compare.models import STATUS_CODES, Comparison, StandardShape
from ..compare.rows import construct_row, parity_counts, shape_of
from ..errors import SealError
from ..messages import say
from ..scoring import percent_of
from ._common import Actor, refresh, visible_filter
from .directory import _visible_institutions
from .engine import Store
from .schema import assessment, institution, result_assessment, result_benchmark
from .standards import standard_by_pk

__all__ = ["PortfolioChoices", "TrendPoint", "compare_stored", "portfolio_choices",
           "portfolio_trend"]

_CODE = {s.value: c for s, c in STATUS_CODES.items()}
ra, rb, a, inst = result_assessment, result_benchmark, assessment, institution


def _period(col_label, col_end):
    year = sa.cast(sa.cast(sa.extract("year", col_end), sa.Integer), sa.String)
    return sa.func.coalesce(col_label, year)


def _kind():
    return sa.case((sa.or_(ra.c.kind == "reviewed", a.c.kind == "external"), "reviewed"),
                   else_="self")


def _filters(basis: str, periods: Sequence[str], standard_f,
             where: dict[str, str] | None) -> list[tuple[str | None, object]]:
    """The filters in the order what they leave out is counted: (what it leaves out, the
    condition a result must meet)."""
    kind = _kind()
    out: list[tuple[str | None, object]] = []
    if basis == "self":
        out.append(("reviewed results (basis self)", kind == "self"))
    elif basis == "reviewed":
        out.append(("self-assessed results (basis reviewed)", kind == "reviewed"))
    if periods:
        out.append(("other periods",
                    _period(ra.c.period_label, ra.c.period_end).in_(list(periods))))
    if standard_f is not None:
        cond = ra.c.standard_id == standard_f[0]
        if standard_f[1] is not None:
            cond = sa.and_(cond, ra.c.standard_version == standard_f[1])
        out.append(("other standards", cond))
    if where:
        out.append(("other " + " or ".join(f"{f}s" for f in where),
                    sa.and_(*(inst.c[f] == v for f, v in where.items()))))
    return out


def _plain(column: sa.Column):
    """``column`` without its foreign key: each subquery over a column with one copies the key
    and registers an event listener for it, which cost SQLAlchemy 40 ms a listener in a
    long-running app process (0.8 s of the portfolio page's run at 1,000 institutions)."""
    return sa.type_coerce(column, column.type).label(column.name)


def _visible(actor: Actor) -> sa.Select:
    """Every stored result the actor may see, with its row's fields."""
    period = _period(ra.c.period_label, ra.c.period_end)
    return (sa.select(_plain(ra.c.assessment_id), ra.c.kind.label("stored_kind"),
                      _kind().label("kind"), a.c.code, _plain(ra.c.institution_id),
                      inst.c.code.label("inst_code"), inst.c.name, inst.c.country, inst.c.scope,
                      inst.c.sector, inst.c.region, period.label("period"), ra.c.period_start,
                      ra.c.period_end, ra.c.standard_id, ra.c.standard_version, ra.c.level,
                      ra.c.score, ra.c.points, ra.c.max_points, ra.c.statuses,
                      ra.c.dimension_points, _plain(a.c.standard_pk))
            .join(a, a.c.id == ra.c.assessment_id)
            .join(inst, inst.c.id == a.c.institution_id)
            .where(visible_filter(actor)))


def _candidates(actor: Actor, basis: str, periods: Sequence[str], standard_f,
                where: dict[str, str] | None = None) -> sa.Select:
    """Every stored result the actor may see that the filters keep, with its row's fields;
    ``where``: institution fields (``scope``, ``sector``) and the value they must have."""
    q = _visible(actor)
    for _why, cond in _filters(basis, periods, standard_f, where):
        q = q.where(cond)
    return q


def _best(candidates: sa.Select, prefer_reviewed: bool) -> sa.Subquery:
    """Every result of ``candidates`` with ``rn`` 1 for the one the basis prefers of its
    institution and period, the period's latest end and how many results of its kind the
    period has."""
    c = candidates.subquery("cand")
    pref = sa.case((c.c.kind == "reviewed", 1), else_=0) if prefer_reviewed else sa.literal(0)
    in_period = sa.func.row_number().over(
        partition_by=(c.c.institution_id, c.c.period),
        order_by=(pref.desc(), c.c.period_end.desc(), c.c.code.desc()))
    period_end = sa.func.max(c.c.period_end).over(partition_by=(c.c.institution_id,
                                                                c.c.period))
    per_kind = sa.func.count().over(partition_by=(c.c.institution_id, c.c.period, c.c.kind))
    return sa.select(c, in_period.label("rn"), period_end.label("period_max_end"),
                     per_kind.label("same_kind")).subquery("best")


def _chosen(candidates: sa.Select, prefer_reviewed: bool) -> sa.Subquery:
    """Per institution and period the preferred result, and per institution the two latest
    periods: ``pos`` 1 is the result shown, 2 the one before."""
    best = _best(candidates, prefer_reviewed)
    pos = sa.func.row_number().over(partition_by=best.c.institution_id,
                                    order_by=(best.c.period_max_end.desc(),
                                              best.c.period.desc()))
    top = sa.select(best, pos.label("pos")).where(best.c.rn == 1).subquery("top")
    return sa.select(top).where(top.c.pos <= 2).subquery("chosen")


def _shapes(conn: Connection, pks: set[str], lang: str | None = None
            ) -> dict[str, StandardShape]:
    """The shape of each standard, its titles in ``lang`` where it has them."""
    from ..loader import translated_standard

    out = {}
    for pk in sorted(pks):
        s = translated_standard(standard_by_pk(conn, pk), lang)
        out[f"{s.id} v{s.version}"] = shape_of(s)
    return out


def _left_out(conn: Connection, actor: Actor, basis: str, periods, standard_f,
              where: dict[str, str]) -> tuple[dict[str, int], int]:
    """What the filters leave out and how many results they keep, counted as the files'
    comparison counts it: everything the actor may see is read (every stored result, and
    every draft, which has none yet), and each item left out is counted once, under the
    first filter that leaves it out (drafts, basis, periods, standards, scope or sector), so
    that what is kept and what is left out add up to what was read.  Two statements."""
    out: dict[str, int] = {}
    drafts = conn.execute(sa.select(sa.func.count()).select_from(a).join(
        inst, inst.c.id == a.c.institution_id).where(
        visible_filter(actor), a.c.state == "draft",
        ~sa.exists().where(ra.c.assessment_id == a.c.id))).scalar()
    if drafts:
        out["drafts"] = drafts
    steps = _filters(basis, periods, standard_f, where)
    passed, counts = [], [sa.func.count()]
    for _why, cond in steps:  # the results meeting this filter and every one before it
        passed.append(cond)
        counts.append(sa.func.sum(sa.case((sa.and_(*passed), 1), else_=0)))
    got = [int(n or 0) for n in conn.execute(
        sa.select(*counts).select_from(ra).join(a, a.c.id == ra.c.assessment_id)
        .join(inst, inst.c.id == a.c.institution_id).where(visible_filter(actor))).one()]
    for (why, _c), before, now in zip(steps, got, got[1:], strict=False):
        if before - now:
            out[why] = out.get(why, 0) + before - now
    return out, got[-1]


def compare_stored(store: Store, actor: Actor, *, by: Sequence[str] = (),
                   periods: Sequence[str] = (), basis: str = "preferred",
                   standard: str | None = None, drafts: bool = False, parity: bool = True,
                   min_group: int = DEFAULT_MIN_GROUP,
                   parity_band: tuple[float, float] = PARITY_BAND, scope: str | None = None,
                   sector: str | None = None, lang: str | None = None) -> Comparison:
    """The government view (:class:`~seal_engine.Comparison`) of the stored results
    ``actor`` may see: the same as :func:`~seal_engine.compare_portfolio` gives for the same
    results, aggregated in SQL (see the module docstring).  In the database a result is
    ``self`` (as submitted) or ``reviewed`` (after the assessor's verdicts, or an external
    assessment); ``basis`` chooses, as for files.  Drafts have no stored result and are
    never counted (``drafts`` is accepted for symmetry and says so in the notes).
    ``parity``: read the workforce files of the results shown for the parity dashboard.
    ``scope`` (``national`` or ``subnational``) and ``sector``: only the institutions of that
    scope or sector (what they leave out is counted under "left out").  ``min_group`` is
    raised to the floor every published figure keeps (groups of fewer than
    ``DEFAULT_MIN_GROUP`` women and men suppressed), whatever the caller asks.  ``lang``: the
    standards' titles (levels, dimensions, benchmarks) in that language where they have
    them."""
    min_group = max(int(min_group), DEFAULT_MIN_GROUP)
    from ..compare.build import _standard_filter

    by = check_by(by)
    select((), basis=basis, standard=standard)  # checks the options
    standard_f = _standard_filter(standard)
    periods = tuple(periods)
    if scope is not None and scope not in ("national", "subnational"):
        raise SealError(say("store.bad_scope", scope=scope))
    where = {k: v for k, v in (("scope", scope), ("sector", sector)) if v is not None}
    with no_collection():  # a few objects a result, all kept: nothing for the collector
        return _compare_stored(store, actor, by=by, periods=periods, basis=basis,
                               standard_f=standard_f, where=where, drafts=drafts,
                               parity=parity, min_group=min_group, parity_band=parity_band,
                               lang=lang)


def _compare_stored(store: Store, actor: Actor, *, by: tuple[str, ...],
                    periods: tuple[str, ...], basis: str, standard_f, where: dict[str, str],
                    drafts: bool, parity: bool, min_group: int,
                    parity_band: tuple[float, float], lang: str | None) -> Comparison:
    with store.read() as conn:
        actor = refresh(conn, actor)
        chosen = _chosen(_candidates(actor, basis, periods, standard_f, where),
                         basis == "preferred")
        rows = conn.execute(sa.select(*(chosen.c[n] for n in _READ))).all()
        shapes = _shapes(conn, {r.standard_pk for r in rows}, lang)
        lacking = _lacking_letters(conn, rows, shapes)
        left_out, kept = _left_out(conn, actor, basis, periods, standard_f, where)
        counts = _parity(conn, [r for r in rows if r.pos == 1]) if parity else {}
    sel = Selection(prefer_reviewed=basis == "preferred")
    sel.read, sel.left_out = kept, dict(left_out)
    best = sel.latest.best
    orders: dict[tuple, tuple] = {}
    dup_rows = []
    # the points by dimension of every result shown, decoded in one call (not one a row)
    at_dims, at_pos = _READ.index("dimension_points"), _READ.index("pos")
    dims_of = iter(json.loads("[" + ",".join([r[at_dims] or "{}" for r in rows
                                              if r[at_pos] == 1]) + "]"))
    for (assessment_id, stored_kind, kind, code, inst_code, name, country, scope_, sector_,
         region, period, period_start, period_end, standard_id, standard_version, level,
         score, points, max_points, letters, _dims, _pk, pos, period_max_end,
         same_kind) in rows:
        order = orders.get((standard_id, standard_version))
        if order is None:
            order = orders[(standard_id, standard_version)] = _order(
                shapes[f"{standard_id} v{standard_version}"])
        if letters is not None and len(letters) == order[0]:
            statuses = "".join(order[1](letters)) if order[1] is not None else letters
        else:  # not kept with the row: from its benchmark rows, as they are
            had = lacking.get((assessment_id, stored_kind), {})
            statuses = "".join([had.get(b, "A") for b in order[2]])
        if pos == 1:
            dims = next(dims_of)
            pts = [dims.get(d, _NOTHING) for d in order[3]]
            # percent_of(points, max) for each, written out: a call per score was a tenth of
            # this loop at 100,000 institutions
            dimensions = [round(p * 100 / m, 2) if m > 0 else None for p, m in pts]
            if order[4] is not None:  # each results level's dimensions, summed in its order
                results_levels = [percent_of(sum([pts[j][0] for j in js]),
                                             sum([pts[j][1] for j in js]))
                                  for js in order[4]]
            else:
                results_levels = [percent_of(sum(dims.get(d, _NOTHING)[0] for d in ds),
                                             sum(dims.get(d, _NOTHING)[1] for d in ds))
                                  for ds in order[5]]
            if same_kind > 1:
                dup_rows.append((inst_code, period, kind, same_kind))
            counted = counts.get(assessment_id)
        else:  # the period before: only its level, score and letters are compared
            dimensions, results_levels, counted = [], [], None
        row = construct_row({
            "file": None, "assessment": code, "institution": inst_code, "name": name,
            "country": country, "scope": scope_, "sector": sector_, "region": region,
            "period": period, "period_start": period_start, "period_end": period_end,
            "standard": standard_id, "version": standard_version, "kind": kind,
            "draft": False, "level": level, "score": score, "points": points,
            "max_points": max_points, "dimensions": dimensions,
            "results_levels": results_levels, "statuses": statuses, "parity": counted})
        # as Latest.add keeps it: the period's latest end, its best result, results by kind
        got = best.get(inst_code)
        if got is None:
            best[inst_code] = {period: [period_max_end, row, {kind: 1}]}
        else:
            got[period] = [period_max_end, row, {kind: 1}]
    comparison = finish(sel, shapes, by=by, periods=periods, basis=basis,
                        min_group=min_group, parity_band=parity_band,
                        source=store.public_name)
    notes = list(comparison.notes)
    for code, period, kind, n in sorted(dup_rows):
        text = (f"institution {code} has {n} {kind} results for {period}; the one ending "
                "latest is shown")
        if text not in notes:
            notes.append(text)
    if drafts:
        notes.append("drafts have no stored result (they are scored when submitted), so none "
                     "is counted")
    return comparison.model_copy(update={"notes": notes,
                                         "basis_note": basis_note(basis,
                                                                  comparison.self_assessed,
                                                                  comparison.reviewed)})


_NOTHING = (0.0, 0.0)


def _order(shape: StandardShape) -> tuple:
    """How the stored row of a result against ``shape`` is read: (its number of benchmarks, a
    getter putting its letters, kept in the order of the ids, in the standard's order (None
    for one benchmark), the benchmark ids, the dimension ids, each results level's dimensions
    as positions among them (None when one names a dimension the standard lacks), each results
    level's dimension ids)."""
    ids = [b[0] for b in shape.benchmarks]
    by_id = sorted(range(len(ids)), key=ids.__getitem__)
    spot = [0] * len(ids)
    for i, j in enumerate(by_id):
        spot[j] = i
    dim_ids = [d for d, _t in shape.dimensions]
    dim_at = {d: j for j, d in enumerate(dim_ids)}
    groups = [[dim_at[d] for d in ds if d in dim_at] for _i, _t, ds in shape.results_levels]
    extra = [[d for d in ds if d not in dim_at] for _i, _t, ds in shape.results_levels]
    return (len(ids), itemgetter(*spot) if len(ids) > 1 else None, ids, dim_ids,
            groups if not any(extra) else None, [ds for _i, _t, ds in shape.results_levels])
#: The columns of a chosen result that the comparison reads.
_READ = ("assessment_id", "stored_kind", "kind", "code", "inst_code", "name", "country",
         "scope", "sector", "region", "period", "period_start", "period_end", "standard_id",
         "standard_version", "level", "score", "points", "max_points", "statuses",
         "dimension_points", "standard_pk", "pos", "period_max_end", "same_kind")


def _lacking_letters(conn: Connection, rows, shapes) -> dict[tuple[str, str], dict]:
    """(assessment, kind) -> {benchmark: letter} of the chosen results whose row does not keep
    one letter per benchmark of its standard (none once migration 0012 has filled them; the
    audit verification names such a row), from their benchmark rows."""
    out: dict[tuple[str, str], dict] = {}
    width = {(s.id, s.version): len(s.benchmarks) for s in shapes.values()}
    for r in rows:
        if r.statuses is None or len(r.statuses) != width[(r.standard_id, r.standard_version)]:
            out[(r.assessment_id, r.stored_kind)] = {
                b.benchmark_id: _CODE[b.status] for b in conn.execute(
                    sa.select(rb.c.benchmark_id, rb.c.status).where(
                        rb.c.assessment_id == r.assessment_id,
                        rb.c.kind == r.stored_kind))}
    return out


def _parity(conn: Connection, current) -> dict[str, list]:
    """The staff counts of the results shown, from their stored workforce files."""
    from .assessments import workforce_data
    from .schema import workforce_file

    ids = {r.assessment_id for r in current}
    # one statement for the assessments that have a file (their ids only, not the files),
    # not two for every result shown
    with_files = {row.id: row for row in conn.execute(
        sa.select(a.c.id, a.c.period_end).join(
            workforce_file, workforce_file.c.assessment_id == a.c.id)) if row.id in ids}
    out = {}
    for r in current:
        row = with_files.get(r.assessment_id)
        if row is None:
            continue
        try:
            data = workforce_data(conn, row)
        except SealError:
            continue
        if data is not None:
            out[r.assessment_id] = parity_counts(data)
    return out


@dataclass(frozen=True)
class PortfolioChoices:
    """What the portfolio's filters offer: the periods of the stored results the actor may
    see (newest first), their standards ``(id, version, title)``, the sectors of the
    institutions they may see, how many results there are, and the store's revision."""

    periods: list[str]
    standards: list[tuple[str, int, str]]
    sectors: list[str]
    results: int
    #: The audit chain's head when they were read: every write moves it, so a comparison
    #: made at this revision or later, with the same options, is still what the store holds.
    revision: int = 0


def portfolio_choices(store: Store, actor: Actor) -> PortfolioChoices:
    """The filters' choices, in three aggregate statements (nothing per result)."""
    from .schema import audit_head, standard

    with store.read() as conn:
        revision = conn.execute(sa.select(audit_head.c.seq)).scalar() or 0
        actor = refresh(conn, actor)
        visible = _visible(actor).subquery("v")
        periods = conn.execute(
            sa.select(visible.c.period, sa.func.max(visible.c.period_end).label("end"),
                      sa.func.count().label("n")).group_by(visible.c.period)).all()
        used = conn.execute(
            sa.select(visible.c.standard_id, visible.c.standard_version, standard.c.title)
            .join(standard, standard.c.id == visible.c.standard_pk).distinct()).all()
        # the sectors of the institutions the actor may see, as the directory lists them
        # (visible_filter is written for assessments: on institution alone it joined every
        # assessment, and let every institution through for an assessor)
        sectors = conn.execute(sa.select(inst.c.sector).distinct().where(
            _visible_institutions(conn, actor), inst.c.sector.is_not(None))).scalars().all()
    return PortfolioChoices(
        periods=sorted((p.period for p in periods), reverse=True),
        standards=sorted((u.standard_id, u.standard_version, u.title) for u in used),
        sectors=sorted(s for s in sectors if s), results=sum(p.n for p in periods),
        revision=int(revision))


@dataclass(frozen=True)
class TrendPoint:
    """The institutions of a scope with a result for a period (the one the basis prefers) and
    their mean score."""

    period: str
    period_end: dt.date
    scope: str
    institutions: int
    mean_score: float


def portfolio_trend(store: Store, actor: Actor, *, basis: str = "preferred",
                    standard: str | None = None, scope: str | None = None,
                    sector: str | None = None) -> list[TrendPoint]:
    """Scores over every period, aggregated in SQL: per period and scope, how many
    institutions have a result (the one ``basis`` prefers, as :func:`compare_stored` chooses
    it) and their mean score; the same filters as :func:`compare_stored` but periods."""
    from ..compare.build import _standard_filter

    select((), basis=basis, standard=standard)  # checks the options
    if scope is not None and scope not in ("national", "subnational"):
        raise SealError(say("store.bad_scope", scope=scope))
    where = {k: v for k, v in (("scope", scope), ("sector", sector)) if v is not None}
    with store.read() as conn:
        actor = refresh(conn, actor)
        best = _best(_candidates(actor, basis, (), _standard_filter(standard), where),
                     basis == "preferred")
        rows = conn.execute(
            sa.select(best.c.period, best.c.scope, sa.func.max(best.c.period_end).label("end"),
                      sa.func.count().label("n"), sa.func.avg(best.c.score).label("mean"))
            .where(best.c.rn == 1).group_by(best.c.period, best.c.scope)).all()
    return sorted((TrendPoint(r.period, r.end, r.scope, r.n, round(float(r.mean), 2))
                   for r in rows), key=lambda t: (t.period_end, t.period, t.scope))
