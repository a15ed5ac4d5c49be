"""The government view of the stored results, aggregated in SQL (``seal compare --db``).

The results shown are chosen in SQL (window functions over ``result_assessment``: per
institution and period the result the basis prefers, per institution its two latest periods),
and the heavy counts are SQL aggregates over ``result_benchmark`` joined to that choice: the
benchmark statuses by group, the levels by group, and the points by dimension of each result.
Only rows per institution (and the benchmarks of those assessed more than once) come back to
Python, so a national portfolio of millions of benchmark results is compared in the database.
SQLite and PostgreSQL run the same statements.

Who sees what: the actor's summary rights, as everywhere in the store (an analyst their
countries, an admin and the command line all); nobody sees answers.  The parity dashboard is
read from the workforce files of the results shown, and only its published form leaves this
module: counts by group with figures of fewer than ``min_group`` women and men suppressed, as
``seal metrics`` publishes them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..compare._workforce import DEFAULT_MIN_GROUP, PARITY_BAND
from ..compare.build import Selection, _shared, basis_note, check_by, finish, select
from ..compare.models import STATUS_CODES, Comparison, StandardShape
from ..compare.rows import construct_row, parity_counts, shape_of
from ..compare.tally import Tally, group_keys, hundredths
from ..errors import SealError
from ..messages import say
from ..scoring import percent_of
from ._common import Actor, refresh, visible_filter
from .engine import Store
from .schema import assessment, institution, result_assessment, result_benchmark
from .standards import standard_by_pk

__all__ = ["compare_stored"]

_CODE = {s.value: c for s, c in STATUS_CODES.items()}
ra, rb, a, inst = result_assessment, result_benchmark, assessment, institution


def _period(col_label, col_end):
    year = sa.cast(sa.cast(sa.extract("year", col_end), sa.Integer), sa.String)
    return sa.func.coalesce(col_label, year)


def _candidates(actor: Actor, basis: str, periods: Sequence[str], standard_f,
                where: dict[str, str] | None = None) -> sa.Select:
    """Every stored result the actor may see that the filters keep, with its row's fields;
    ``where``: institution fields (``scope``, ``sector``) and the value they must have."""
    kind = sa.case((sa.or_(ra.c.kind == "reviewed", a.c.kind == "external"), "reviewed"),
                   else_="self")
    period = _period(ra.c.period_label, ra.c.period_end)
    q = (sa.select(ra.c.assessment_id, ra.c.kind.label("stored_kind"), kind.label("kind"),
                   a.c.code, a.c.state, ra.c.institution_id,
                   inst.c.code.label("inst_code"), inst.c.name, inst.c.country, inst.c.scope,
                   inst.c.sector, inst.c.region, period.label("period"), ra.c.period_start,
                   ra.c.period_end, ra.c.standard_id, ra.c.standard_version, ra.c.level,
                   ra.c.score, ra.c.points, ra.c.max_points, a.c.standard_pk)
         .join(a, a.c.id == ra.c.assessment_id)
         .join(inst, inst.c.id == a.c.institution_id)
         .where(visible_filter(actor)))
    if basis == "self":
        q = q.where(kind == "self")
    elif basis == "reviewed":
        q = q.where(kind == "reviewed")
    if periods:
        q = q.where(period.in_(list(periods)))
    if standard_f is not None:
        q = q.where(ra.c.standard_id == standard_f[0])
        if standard_f[1] is not None:
            q = q.where(ra.c.standard_version == standard_f[1])
    for field, value in (where or {}).items():
        q = q.where(inst.c[field] == value)
    return q


def _chosen(candidates: sa.Select, prefer_reviewed: bool) -> sa.Subquery:
    """Per institution and period the preferred result, and per institution the two latest
    periods: ``pos`` 1 is the result shown, 2 the one before."""
    c = candidates.subquery("cand")
    pref = sa.case((c.c.kind == "reviewed", 1), else_=0) if prefer_reviewed else sa.literal(0)
    in_period = sa.func.row_number().over(
        partition_by=(c.c.institution_id, c.c.period),
        order_by=(pref.desc(), c.c.period_end.desc(), c.c.code.desc()))
    period_end = sa.func.max(c.c.period_end).over(partition_by=(c.c.institution_id,
                                                                c.c.period))
    per_kind = sa.func.count().over(partition_by=(c.c.institution_id, c.c.period, c.c.kind))
    best = sa.select(c, in_period.label("rn"), period_end.label("period_max_end"),
                     per_kind.label("same_kind")).subquery("best")
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


def _group_cols(chosen, by: Sequence[str]) -> list:
    cols = []
    for b in by:
        if b == "standard":
            cols.append(chosen.c.standard_id)
            cols.append(chosen.c.standard_version)
        else:
            cols.append(chosen.c[b])
    return cols


def _group_key(by: Sequence[str], values: Sequence) -> tuple:
    out, i = [], 0
    for b in by:
        if b == "standard":
            out.append(f"{values[i]} v{values[i + 1]}")
            i += 2
        else:
            out.append(values[i])
            i += 1
    return tuple(out)


def _sql_tally(conn: Connection, chosen, by: Sequence[str], shared: list[str]) -> Tally:
    """Levels, scores and benchmark statuses of the results shown, by group, in SQL."""
    t = Tally()
    current = sa.select(chosen).where(chosen.c.pos == 1).subquery("cur")
    facets = [(("all",), []), (("scope",), [current.c.scope])]
    if by:
        facets.insert(1, (("by",), _group_cols(current, by)))
    for (facet,), cols in facets:
        q = (sa.select(*cols, current.c.level, sa.func.count().label("n"),
                       sa.func.sum(sa.case((current.c.kind == "reviewed", 1), else_=0))
                       .label("reviewed"),
                       sa.func.sum(sa.func.round(current.c.score * 100)).label("score"))
             .group_by(*cols, current.c.level))
        for r in conn.execute(q):
            vals = tuple(r)[:len(cols)]
            key = (facet, () if facet == "all" else
                   _group_key(by, vals) if facet == "by" else (vals[0],))
            g = t.groups.setdefault(key, [0, 0, {}, 0, [0, 0], {}, {}])
            g[0] += r.n
            g[1] += int(r.reviewed or 0)
            g[2][r.level] = g[2].get(r.level, 0) + r.n
            g[3] += int(r.score or 0)
        if not shared:
            continue
        q = (sa.select(*cols, rb.c.benchmark_id, rb.c.status, sa.func.count().label("n"))
             .select_from(current.join(rb, sa.and_(rb.c.assessment_id == current.c.assessment_id,
                                                   rb.c.kind == current.c.stored_kind)))
             .where(rb.c.benchmark_id.in_(shared))
             .group_by(*cols, rb.c.benchmark_id, rb.c.status))
        for r in conn.execute(q):
            vals = tuple(r)[:len(cols)]
            key = (facet, () if facet == "all" else
                   _group_key(by, vals) if facet == "by" else (vals[0],))
            bench = t.groups[key][6].setdefault(r.benchmark_id, [0, 0, 0, 0, 0])
            bench["MPNAU".index(_CODE[r.status])] += r.n
    return t


def _dimension_points(conn: Connection, chosen, shared: list[str] | None) -> dict:
    """(assessment, kind) -> {dimension: [points, max points]} of the results chosen (over
    the ``shared`` benchmarks only, when given), summed in SQL."""
    q = (sa.select(chosen.c.assessment_id, chosen.c.stored_kind, rb.c.dimension_id,
                   sa.func.sum(rb.c.points).label("p"), sa.func.sum(rb.c.max_points).label("m"))
         .select_from(chosen.join(rb, sa.and_(rb.c.assessment_id == chosen.c.assessment_id,
                                              rb.c.kind == chosen.c.stored_kind)))
         .group_by(chosen.c.assessment_id, chosen.c.stored_kind, rb.c.dimension_id))
    if shared is not None:
        q = q.where(rb.c.benchmark_id.in_(shared))
    out: dict = {}
    for r in conn.execute(q):
        out.setdefault((r.assessment_id, r.stored_kind), {})[r.dimension_id] = [
            float(r.p or 0.0), float(r.m or 0.0)]
    return out


def _statuses(conn: Connection, chosen, institutions: set[str]) -> dict:
    """(assessment, kind) -> {benchmark: status letter}, for the institutions given."""
    if not institutions:
        return {}
    q = (sa.select(chosen.c.assessment_id, chosen.c.stored_kind, rb.c.benchmark_id,
                   rb.c.status)
         .select_from(chosen.join(rb, sa.and_(rb.c.assessment_id == chosen.c.assessment_id,
                                              rb.c.kind == chosen.c.stored_kind)))
         .where(chosen.c.institution_id.in_(sorted(institutions))))
    out: dict = {}
    for r in conn.execute(q):
        out.setdefault((r.assessment_id, r.stored_kind), {})[r.benchmark_id] = _CODE[r.status]
    return out


def _left_out(conn: Connection, actor: Actor, candidates: sa.Select, basis: str,
              periods, standard_f, where: dict[str, str]) -> tuple[dict[str, int], int]:
    """What the filters leave out and how many results they keep, counted as the files'
    comparison counts it: everything the actor may see is read (every stored result, and
    every draft, which has none yet), and each item left out is counted once, under the
    first filter that leaves it out (drafts, basis, periods, standards, scope or sector), so
    that what is kept and what is left out add up to what was read."""
    out: dict[str, int] = {}
    drafts = conn.execute(sa.select(sa.func.count()).select_from(a).join(
        inst, inst.c.id == a.c.institution_id).where(
        visible_filter(actor), a.c.state == "draft",
        ~sa.exists().where(ra.c.assessment_id == a.c.id))).scalar()
    if drafts:
        out["drafts"] = drafts

    def count(q: sa.Select) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(q.subquery())).scalar()

    steps = [("preferred", (), None, None, None),
             (basis, (), None, None, "reviewed results (basis self)" if basis == "self" else
              "self-assessed results (basis reviewed)"),
             (basis, periods, None, None, "other periods"),
             (basis, periods, standard_f, None, "other standards"),
             (basis, periods, standard_f, where,
              "other " + " or ".join(f"{f}s" for f in where))]
    before = count(_candidates(actor, "preferred", (), None))
    for b, p, f, w, reason in steps[1:]:
        now = count(_candidates(actor, b, p, f, w))
        if before - now:
            out[reason] = out.get(reason, 0) + before - now
        before = now
    kept = count(candidates)
    return out, kept


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
    with store.read() as conn:
        actor = refresh(conn, actor)
        candidates = _candidates(actor, basis, periods, standard_f, where)
        chosen = _chosen(candidates, basis == "preferred")
        rows = conn.execute(sa.select(chosen).order_by(chosen.c.institution_id,
                                                       chosen.c.pos)).all()
        shapes = _shapes(conn, {r.standard_pk for r in rows}, lang)
        current = [r for r in rows if r.pos == 1]
        used = sorted({f"{r.standard_id} v{r.standard_version}" for r in current})
        shown = [shapes[k] for k in used]
        shared_ids = _shared(shown)[0] if shown else []
        single = len(shown) <= 1
        own = _dimension_points(conn, chosen, None)  # each result's own standard
        points = own if single else _dimension_points(conn, chosen, shared_ids)
        twice = {r.institution_id for r in rows if r.pos == 2}
        statuses = _statuses(conn, chosen, twice)
        tally = _sql_tally(conn, chosen, by, shared_ids)
        left_out, kept = _left_out(conn, actor, candidates, basis, periods, standard_f, where)
        counts = {}
        if parity:
            counts = _parity(conn, current)
        dup_rows = conn.execute(sa.select(chosen.c.inst_code, chosen.c.period,
                                          chosen.c.kind, chosen.c.same_kind)
                                .where(chosen.c.pos == 1, chosen.c.same_kind > 1)).all()
    sel = Selection(prefer_reviewed=basis == "preferred")
    by_assessment: dict = {}
    for r in rows:
        shape = shapes[f"{r.standard_id} v{r.standard_version}"]
        dims = own.get((r.assessment_id, r.stored_kind), {})
        codes = statuses.get((r.assessment_id, r.stored_kind))
        row = construct_row({
            "file": None, "assessment": r.code, "institution": r.inst_code, "name": r.name,
            "country": r.country, "scope": r.scope, "sector": r.sector, "region": r.region,
            "period": r.period, "period_start": r.period_start, "period_end": r.period_end,
            "standard": r.standard_id, "version": r.standard_version, "kind": r.kind,
            "draft": False, "level": r.level, "score": r.score, "points": r.points,
            "max_points": r.max_points,
            "dimensions": [percent_of(*dims.get(d, [0.0, 0.0])) for d, _t in shape.dimensions],
            "results_levels": [percent_of(sum(dims.get(d, [0.0, 0.0])[0] for d in ds),
                                          sum(dims.get(d, [0.0, 0.0])[1] for d in ds))
                               for _i, _t, ds in shape.results_levels],
            "statuses": "".join(codes.get(b[0], "A") for b in shape.benchmarks)
            if codes is not None else "",
            "parity": counts.get(r.assessment_id) if r.pos == 1 else None})
        by_assessment[(r.assessment_id, r.stored_kind)] = row
        sel.latest.add(row)
        sel.read += 1
    sel.read = kept
    sel.left_out.update(left_out)
    views = {}
    dim_ids = [d for d, _t in _shared(shown)[1]] if shown else []
    for r in current:
        row = by_assessment[(r.assessment_id, r.stored_kind)]
        if single:
            views[row.assessment] = (None, row.dimensions)
        else:
            dims = points.get((r.assessment_id, r.stored_kind), {})
            total = [sum(v[0] for v in dims.values()), sum(v[1] for v in dims.values())]
            views[row.assessment] = (percent_of(*total),
                                     [percent_of(*dims.get(d, [0.0, 0.0])) for d in dim_ids])
    for row in (by_assessment[(r.assessment_id, r.stored_kind)] for r in current):
        for key in group_keys(row, by):
            g = tally.groups[key]
            shared_score, dvals = views[row.assessment]
            if shared_score is not None:
                g[4][0] += hundredths(shared_score)
                g[4][1] += 1
            for d, v in zip(dim_ids, dvals, strict=True):
                acc = g[5].setdefault(d, [0, 0])
                if v is not None:
                    acc[0] += hundredths(v)
                    acc[1] += 1
        if row.parity:
            tally.add_parity(row.parity)
    comparison = finish(sel, shapes, by=by, periods=periods, basis=basis,
                        min_group=min_group, parity_band=parity_band,
                        source=store.public_name, tally=tally, views=views)
    notes = list(comparison.notes)
    for code, period, kind, n in dup_rows:
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


def _parity(conn: Connection, current) -> dict[str, list]:
    """The staff counts of the results shown, from their stored workforce files."""
    from .assessments import workforce_data
    from .schema import workforce_file

    ids = sorted({r.assessment_id for r in current})
    with_files = {}  # read in a few statements, not two for every result shown
    for i in range(0, len(ids), 500):
        with_files.update({row.id: row for row in conn.execute(
            sa.select(a.c.id, a.c.period_end).join(
                workforce_file, workforce_file.c.assessment_id == a.c.id).where(
                a.c.id.in_(ids[i:i + 500])))})
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
