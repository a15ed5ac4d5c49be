"""The government view from scored rows: which results are shown, the standards they share, the
ranking and score matrix, the level distribution, national against subnational, benchmark pass
rates, the parity dashboard and the change between periods."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from .._construct import made as _made
from .._heap import no_collection
from ..errors import Problem, SealError
from ..models import BenchmarkStatus
from ._workforce import (
    DEFAULT_MIN_GROUP,
    PARITY_BAND,
    SUPPRESSED,
    ParityBand,
    as_band,
    parity_figures,
)
from .models import (
    BASES,
    CODE_STATUS,
    GROUP_FIELDS,
    BenchmarkChange,
    BenchmarkRate,
    Comparison,
    GroupLevels,
    GroupRate,
    InstitutionParity,
    LevelInfo,
    ParityDashboard,
    ParityFigure,
    PeriodChange,
    RankRow,
    ScoredRow,
    StandardShape,
    StandardUse,
)
from .rows import DASHBOARD_BREAKDOWNS
from .tally import CODES, Latest, Tally
from .tally import buckets as _buckets
from .tally import cell_groups as _cell_groups

__all__ = ["Selection", "check_by", "compare_portfolio", "finish", "select", "wanted"]

_NONE = "none"


def check_by(by: Sequence[str]) -> tuple[str, ...]:
    """``by`` checked: known fields, each once."""
    out = []
    for b in by:
        if b not in GROUP_FIELDS:
            raise SealError(Problem(f"cannot compare by {b!r}; choose from "
                                    f"{', '.join(GROUP_FIELDS)}", field="by"))
        if b not in out:
            out.append(b)
    return tuple(out)


def _check_basis(basis: str) -> str:
    if basis not in BASES:
        raise SealError(Problem(f"unknown basis {basis!r}; choose one of {', '.join(BASES)}",
                                field="basis"))
    return basis


def _standard_filter(standard: str | None) -> tuple[str, int | None] | None:
    if not standard:
        return None
    sid, _, ver = str(standard).partition("@")
    if ver and not ver.isdigit():
        raise SealError(Problem(f"{standard!r} is not ID or ID@VERSION (e.g. "
                                "undp-seal-public-institutions@1)", field="standard"))
    return sid, int(ver) if ver else None


def wanted(row: ScoredRow, basis: str, periods: Sequence[str], standard, drafts: bool
           ) -> str | None:
    """Why ``row`` is left out of the comparison, or ``None`` when it counts."""
    if row.draft and not drafts:
        return "drafts"
    if basis == "self" and row.kind != "self":
        return "reviewed results (basis self)"
    if basis == "reviewed" and row.kind != "reviewed":
        return "self-assessed results (basis reviewed)"
    if periods and row.period not in periods:
        return "other periods"
    if standard is not None and (row.standard != standard[0] or (
            standard[1] is not None and row.version != standard[1])):
        return "other standards"
    return None


class Selection:
    """Rows filtered and reduced to the latest per institution: a :class:`Latest` partial and
    the counts of what was left out, merged like it."""

    __slots__ = ("latest", "read", "left_out")

    def __init__(self, prefer_reviewed: bool = True) -> None:
        self.latest = Latest(prefer_reviewed)
        self.read = 0
        self.left_out: dict[str, int] = {}

    def merge(self, other: Selection) -> Selection:
        """This partial with ``other`` merged in (both are left unchanged)."""
        out = Selection(self.latest.prefer_reviewed)
        out.update(self)
        out.update(other)
        return out

    def update(self, src: Selection) -> None:
        """Merge ``src`` into this partial, in place."""
        self.latest.update(src.latest)
        self.read += src.read
        for k, n in src.left_out.items():
            self.left_out[k] = self.left_out.get(k, 0) + n


def select(rows: Iterable[ScoredRow], *, basis: str = "preferred",
           periods: Sequence[str] = (), standard: str | None = None,
           drafts: bool = False) -> Selection:
    """The :class:`Selection` partial of a batch of rows."""
    _check_basis(basis)
    flt = _standard_filter(standard)
    sel = Selection(prefer_reviewed=basis == "preferred")
    for r in rows:
        why = wanted(r, basis, periods, flt, drafts)
        if why is None:
            sel.read += 1
            sel.latest.add(r)
        else:
            sel.left_out[why] = sel.left_out.get(why, 0) + 1
    return sel


def compare_portfolio(rows: Iterable[ScoredRow], shapes: Mapping[str, StandardShape] |
                      Iterable[StandardShape], *, by: Sequence[str] = (),
                      periods: Sequence[str] = (), basis: str = "preferred",
                      standard: str | None = None, drafts: bool = False,
                      min_group: int = DEFAULT_MIN_GROUP,
                      parity_band: tuple[float, float] = PARITY_BAND,
                      source: str = "scored results") -> Comparison:
    """Compare scored assessments (:class:`ScoredRow`, e.g. from
    :func:`~seal_engine.score_many`), the government's view.

    ``shapes``: the :class:`StandardShape` of every standard the rows use (by 'ID vVERSION' or
    as a list).  ``by``: fields of :data:`GROUP_FIELDS` to break the distribution and pass
    rates down by.  ``periods``: period labels (or years) to show, the latest of them per
    institution; by default each institution's latest.  ``basis``: which results
    (:data:`BASES`; by default each institution's reviewed result where it has one, else its
    self-assessed one).  ``standard``: only results against ``ID`` or ``ID@VERSION``.
    Drafts are left out unless ``drafts``.  Staff figures of fewer than ``min_group`` women
    and men are suppressed."""
    by = check_by(by)
    with no_collection():
        sel = select(rows, basis=basis, periods=periods, standard=standard, drafts=drafts)
        return finish(sel, shapes, by=by, periods=periods, basis=basis, min_group=min_group,
                      parity_band=parity_band, source=source)


def _shapes(shapes) -> dict[str, StandardShape]:
    if isinstance(shapes, Mapping):
        return dict(shapes)
    return {s.key: s for s in shapes}


def _shared(shapes: Sequence[StandardShape]) -> tuple[list[str], list[tuple[str, str]]]:
    """Benchmark ids (in the first standard's order) and dimensions all ``shapes`` have."""
    first = shapes[0]
    ids = [b[0] for b in first.benchmarks]
    dims = list(first.dimensions)
    for s in shapes[1:]:
        have = {b[0] for b in s.benchmarks}
        ids = [b for b in ids if b in have]
        dhave = {d[0] for d in s.dimensions}
        dims = [d for d in dims if d[0] in dhave]
    return ids, dims


# points earned and counted per status letter, as shares of a benchmark's weight
_EARNED = {"M": 1.0, "N": 0.0, "A": 0.0, "U": 0.0}
_COUNTED = {"M": 1.0, "P": 1.0, "N": 1.0, "A": 0.0, "U": 1.0}


def _view_plan(shape: StandardShape, dims: Sequence[str], shared: frozenset[str]) -> tuple:
    """How a row of ``shape`` is scored on the shared benchmarks: a getter gathering its shared
    benchmarks' letters in one string (None when that is the row's own), grouped in spans of
    one dimension shown (or none) and one weight; per dimension shown, its (weight, start,
    end) spans in the order its weights first come; for the total, per weight in that order,
    the spans of that weight (None when every shared benchmark has that one weight: the whole
    string)."""
    index = {d: i for i, d in enumerate(dims)}
    none = len(dims)  # a shared benchmark of a dimension not shown counts in the total only
    groups: dict[tuple[int, float], list[int]] = {}
    weights: list[list[float]] = [[] for _ in range(none + 1)]
    total: list[float] = []
    for pos, (bid, dim, _t, weight, _m) in enumerate(shape.benchmarks):
        if bid not in shared:
            continue
        part = index.get(dim, none)
        groups.setdefault((part, weight), []).append(pos)
        if weight not in weights[part]:
            weights[part].append(weight)
        if weight not in total:
            total.append(weight)
    order: list[int] = []
    span: dict[tuple[int, float], tuple[int, int]] = {}
    for key, positions in groups.items():
        span[key] = (len(order), len(order) + len(positions))
        order.extend(positions)
    parts = [[(w, *span[(part, w)]) for w in weights[part]] for part in range(none)]
    totals = ([(total[0], None)] if len(total) == 1 else
              [(w, [span[(p, w)] for p in range(none + 1) if (p, w) in span]) for w in total])
    if order == list(range(len(shape.benchmarks))):  # every benchmark shared, in order
        return None, parts, totals
    return _letters_getter(order) if order else (lambda s: ""), parts, totals


def _view(row: ScoredRow, plan: tuple, partial_credit: float, single: bool
          ) -> tuple[float | None, list[float | None]]:
    """(shared score, dimension scores) of a row as the comparison shows it: its own when one
    standard is shown, else recomputed on the shared benchmarks (``plan``: _view_plan): per
    dimension and in total, the sum over its weights of weight x (met + partial credit x
    partly met) against the sum of weight x the benchmarks that apply."""
    if single:
        return None, list(row.dimensions)
    gather, parts, totals = plan
    letters = row.statuses if gather is None else gather(row.statuses)
    count = letters.count
    out = []
    for part in parts:
        if len(part) == 1:  # one weight (0.0 + x is x: the same sums as the loop below)
            w, start, end = part[0]
            counted = w * (end - start - count("A", start, end))
            points = w * (count("M", start, end) + partial_credit * count("P", start, end))
        else:
            points = counted = 0.0
            for w, start, end in part:
                points += w * (count("M", start, end) + partial_credit * count("P", start, end))
                counted += w * (end - start - count("A", start, end))
        out.append(round(points * 100 / counted, 2) if counted > 0 else None)
    if totals and totals[0][1] is None:  # every shared benchmark of one weight
        w = totals[0][0]
        counted = w * (len(letters) - count("A"))
        points = w * (count("M") + partial_credit * count("P"))
    else:
        points = counted = 0.0
        for w, spans in totals:
            met = partly = applies = 0
            for start, end in spans:
                met += count("M", start, end)
                partly += count("P", start, end)
                applies += end - start - count("A", start, end)
            points += w * (met + partial_credit * partly)
            counted += w * applies
    return (round(points * 100 / counted, 2) if counted > 0 else None), out


def _group(by: Sequence[str], key: tuple) -> dict[str, str | None]:
    facet, values = key
    if facet == "all":
        return {}
    if facet == "scope":
        return {"scope": values[0]}
    return dict(zip(by, values, strict=True))


def _levels(shapes: Sequence[StandardShape]) -> list[LevelInfo]:
    seen: dict[str, LevelInfo] = {}
    for s in shapes:
        for lid, title, order in s.levels:
            if lid not in seen:
                seen[lid] = LevelInfo(id=lid, title=title, order=order)
    out = sorted(seen.values(), key=lambda lv: -lv.order)
    return out + [LevelInfo(id=None, title="no level", order=0)]


def _shared_results_levels(shown: Sequence[StandardShape]) -> list[tuple[str, str]]:
    """(id, title) of the results levels every standard shown has, in the first's order."""
    if not shown:
        return []
    common = set.intersection(*({rid for rid, _t, _d in s.results_levels} for s in shown))
    return [(rid, title) for rid, title, _d in shown[0].results_levels if rid in common]


def _results_level_means(scores: Sequence[list], groups: Mapping[tuple, list[int]],
                         ids: list[str]) -> dict[tuple, dict[str, float | None]]:
    """Group key -> results level id -> mean score in percent (of the rows where it applies),
    for the groups of the tally (``groups``: :func:`~.tally.buckets`), summed in hundredths
    as the dimension means are."""
    sums: dict[tuple, list[list[int]]] = {}
    for cell, idx in groups.items():
        cols = [[round(v * 100) for v in col if v is not None]  # hundredths(v), inline
                for col in zip(*(scores[i] for i in idx), strict=True)]
        for key in _cell_groups(cell):
            acc = sums.setdefault(key, [[0, 0] for _ in ids])
            for j, vals in enumerate(cols):
                acc[j][0] += sum(vals)
                acc[j][1] += len(vals)
    return {key: {rid: (round(a[0] / a[1] / 100, 2) if a[1] else None)
                  for rid, a in zip(ids, acc, strict=True)} for key, acc in sums.items()}


def _group_levels(by, key, g, single: bool, dims, rank: dict,
                  rl_means: dict | None = None) -> GroupLevels:
    n = g[0]
    shared_sum, shared_n = g[4]
    return GroupLevels(
        group=_group(by, key), institutions=n,
        levels={(lv if lv is not None else _NONE): c for lv, c in sorted(
            g[2].items(), key=lambda kv: (-rank.get(kv[0], 0), kv[0] or ""))},
        mean_score=round(g[3] / n / 100, 2) if n else None,
        mean_shared_score=(None if single or not shared_n
                           else round(shared_sum / shared_n / 100, 2)),
        dimensions={d: (round(g[5][d][0] / g[5][d][1] / 100, 2) if d in g[5] and g[5][d][1]
                        else None) for d in dims},
        results_levels=(rl_means or {}).get(key, {}),
        reviewed=g[1])


def _rate(met: int, applicable: int) -> float | None:
    return met / applicable if applicable else None


def _bench_rates(tally: Tally, by, shapes, shared_ids: list[str]) -> list[BenchmarkRate]:
    info = {}
    for s in shapes:
        for bid, dim, title, _w, mandatory in s.benchmarks:
            info.setdefault(bid, (title, dim, mandatory))
    facet = "by" if by else "scope"
    group_keys = sorted((k for k in tally.groups if k[0] == facet),
                        key=lambda k: tuple("" if v is None else str(v) for v in k[1]))
    overall = tally.groups.get(("all", ()))
    out = []
    for bid in shared_ids:
        c = overall[6].get(bid, [0] * 5) if overall else [0] * 5
        applicable = c[0] + c[1] + c[2] + c[4]
        groups = []
        for k in group_keys:
            gc = tally.groups[k][6].get(bid)
            if gc is None:
                continue
            ga = gc[0] + gc[1] + gc[2] + gc[4]
            groups.append(GroupRate(group=_group(by, k), applicable=ga, met=gc[0],
                                    pass_rate=_rate(gc[0], ga)))
        rated = [g for g in groups if g.pass_rate is not None]
        lowest = None  # only where the groups differ
        if len(rated) > 1 and len({g.pass_rate for g in rated}) > 1:
            lowest = min(rated, key=lambda g: g.pass_rate)
        title, dim, mandatory = info[bid]
        out.append(BenchmarkRate(
            id=bid, title=title, dimension=dim, mandatory_from=mandatory, applicable=applicable,
            met=c[0], partially_met=c[1], not_met=c[2], not_applicable=c[3], not_answered=c[4],
            pass_rate=_rate(c[0], applicable), groups=groups, lowest=lowest))
    order = {b: i for i, b in enumerate(shared_ids)}
    out.sort(key=lambda r: (r.pass_rate is None, r.pass_rate if r.pass_rate is not None else 0,
                            order[r.id]))
    return out


_PARITY_COUNTS = ("women", "men", "other", "women_share", "share_decimals", "parity",
                  "band_needed", "band_needed_added", "needed", "needed_added")
_PARITY_SEXES = ("band_needed_sex", "needed_sex")


def parity_figure(breakdown: str, value: str, w: int, m: int, o: int, institutions: int,
                  min_group: int, band: ParityBand | tuple[float, float]) -> ParityFigure:
    """One group's staff figures, suppressed when fewer than ``min_group`` women and men."""
    band = as_band(band)
    base = {"breakdown": breakdown, "value": value, "headcount": w + m + o,
            "institutions": institutions}
    if min_group and w + m < min_group:
        return ParityFigure(**base, **dict.fromkeys(_PARITY_COUNTS, SUPPRESSED),
                            **dict.fromkeys(_PARITY_SEXES))
    if w + m == 0:
        return ParityFigure(**base, women=w, men=m, other=o, women_share=None, parity=None,
                            needed=None, needed_sex=None)
    f = parity_figures(w, m, band)
    return ParityFigure(**base, women=w, men=m, other=o, women_share=f.women_share,
                        share_decimals=f.share_decimals, parity=f.verdict,
                        band_needed=f.band_needed, band_needed_added=f.band_needed_added,
                        band_needed_sex=f.band_needed_sex, needed=f.parity_needed,
                        needed_added=f.parity_needed_added, needed_sex=f.parity_needed_sex)


def _suppressed(f: ParityFigure) -> ParityFigure:
    return f.model_copy(update=dict.fromkeys(_PARITY_COUNTS, SUPPRESSED)
                        | dict.fromkeys(_PARITY_SEXES))


def _secondary(figures: list[ParityFigure]) -> list[ParityFigure]:
    """As ``seal metrics`` does: when one group of a breakdown is suppressed and the total is
    shown, the next smallest group of that breakdown is suppressed too (else the total minus
    the others gives it back)."""
    if not figures or figures[0].women == SUPPRESSED:
        return figures
    out = list(figures)
    for b in {f.breakdown for f in figures[1:]}:
        idx = [i for i, f in enumerate(out) if f.breakdown == b]
        hidden = [i for i in idx if out[i].women == SUPPRESSED]
        shown = [i for i in idx if out[i].women not in (SUPPRESSED, None)]
        if len(hidden) == 1 and shown:
            i = min(shown, key=lambda k: (out[k].women + out[k].men, k))
            out[i] = _suppressed(out[i])
    return out


def _dashboard(current: list[ScoredRow], tally: Tally, min_group: int,
               band: ParityBand | tuple[float, float]) -> ParityDashboard | None:
    with_data = [r for r in current if r.parity]
    if not with_data:
        return None
    band = as_band(band)
    rank = {b: i for i, b in enumerate(("all", *DASHBOARD_BREAKDOWNS))}
    entries = sorted(tally.parity.items(),
                     key=lambda kv: (rank.get(kv[0][0], 99), kv[1][5], kv[0][1]))
    portfolio = [parity_figure(b, p[0], p[1], p[2], p[3], p[4], min_group, band)
                 for (b, _v), p in entries]
    if min_group:
        portfolio = _secondary(portfolio)
    institutions, at_parity = [], 0
    for r in sorted(with_data, key=lambda r: (r.name, r.institution)):
        figures = [parity_figure(b, v, w, m, o, 1, min_group, band)
                   for b, v, w, m, o in r.parity]
        if min_group:
            figures = _secondary(figures)
        if figures and figures[0].parity == "in band":
            at_parity += 1
        institutions.append(InstitutionParity(institution=r.institution, name=r.name,
                                              period=r.period, figures=figures))
    breakdowns = sorted({b for (b, _v) in tally.parity if b != "all"}, key=rank.get)
    return ParityDashboard(
        band=band.edges, band_kind=band.kind, target=band.target, min_group=min_group,
        breakdowns=breakdowns, portfolio=portfolio, institutions=institutions,
        at_parity=at_parity,
        without_data=sorted(r.institution for r in current if not r.parity))


def _pairing(sa_: StandardShape, sb: StandardShape, cache: dict) -> tuple:
    """How the letters of a result against ``sa_`` and one against ``sb`` are compared, made
    once per pair of standards: (getter of the earlier letters, getter of the later ones, the
    later standard's benchmarks they stand for, one dict of changes made per benchmark, the
    note's count of benchmarks shared).  One standard: the letters side by side; two: matched
    by id, in the later standard's order."""
    key = ("pair", sa_.key, sb.key)
    got = cache.get(key)
    if got is not None:
        return got
    if sa_.key == sb.key:
        benchmarks, was_at, now_at = sb.benchmarks, None, None
    else:
        at = {b[0]: i for i, b in enumerate(sa_.benchmarks)}
        kept = [(at[b[0]], j) for j, b in enumerate(sb.benchmarks) if b[0] in at]
        benchmarks = [sb.benchmarks[j] for _i, j in kept]
        was_at, now_at = ([i for i, _j in kept], [j for _i, j in kept])
    got = cache[key] = (_letters_getter(was_at), _letters_getter(now_at), benchmarks,
                        [{} for _ in benchmarks], len(benchmarks))
    return got


def _letters_getter(positions: list[int] | None):
    """The letters at ``positions`` of a status string, as one string (all of it for None)."""
    from operator import itemgetter

    if positions is None:
        return None
    if not positions:
        return lambda s: ""
    one = itemgetter(*positions)
    if len(positions) == 1:
        return one
    return lambda s: "".join(one(s))


def _changes(pairs: Iterable[tuple[ScoredRow, ScoredRow | None]],
             shapes: dict[str, StandardShape]) -> list[PeriodChange]:
    """Each institution's latest row against its row before (where it has one), greatest
    change first.  Made once for the comparison: each standard's level titles, how each pair
    of standards is compared (:func:`_pairing`) and one :class:`BenchmarkChange` per
    benchmark, status before and status after, shared by the institutions with that change."""
    cache: dict = {}
    titles = {k: {lv[0]: lv[1] for lv in sh.levels} for k, sh in shapes.items()}
    out = []
    for after, before in pairs:
        if before is None:
            continue
        ka = f"{before.standard} v{before.version}"
        kb = f"{after.standard} v{after.version}"
        sa_, sb = shapes[ka], shapes[kb]
        was_of, now_of, benchmarks, made_at, common = _pairing(sa_, sb, cache)
        was_codes, codes = before.statuses, after.statuses
        if was_of is not None:
            was_codes, codes = was_of(was_codes), now_of(codes)
        changes, newly, lost = [], 0, 0
        if was_codes != codes:  # the letters that differ (of another length: an error)
            for i, old, code in [t for t in zip(range(len(codes)), was_codes, codes,
                                                strict=True) if t[1] != t[2]]:
                if code == "M":
                    newly += 1
                elif old == "M":
                    lost += 1
                pair = old + code
                made = made_at[i].get(pair)
                if made is None:
                    b = benchmarks[i]
                    made = made_at[i][pair] = _made(BenchmarkChange, {
                        "id": b[0], "title": b[2], "before": CODE_STATUS[old],
                        "after": CODE_STATUS[code]})
                changes.append(made)
        note = None
        if was_of is not None:
            note = (f"{before.period} against {sa_.key}, {after.period} against {sb.key}: "
                    f"compared on the {common} benchmarks they share")
        was_level, level = before.level, after.level
        out.append(_made(PeriodChange, {
            "institution": after.institution, "name": after.name,
            "before_period": before.period, "after_period": after.period,
            "before_level": was_level, "after_level": level,
            "before_level_title": titles[ka].get(was_level, was_level) if was_level
            else "no level",
            "after_level_title": titles[kb].get(level, level) if level else "no level",
            "before_score": before.score, "after_score": after.score,
            "change": round(after.score - before.score, 2), "newly_met": newly,
            "no_longer_met": lost, "benchmarks": changes, "note": note}))
    out.sort(key=lambda c: (-c.change, c.name, c.institution))
    return out


def basis_message(basis: str, self_n: int, reviewed_n: int):
    """Which results a comparison shows, as a message (``basis.*``)."""
    from ..messages import say

    if basis == "self":
        return say("basis.self", n=self_n)
    if basis == "reviewed":
        return say("basis.reviewed", n=reviewed_n)
    if not reviewed_n:
        return say("basis.none_reviewed", n=self_n)
    if not self_n:
        return say("basis.all_reviewed", n=reviewed_n)
    return say("basis.mixed", self_n=self_n, reviewed_n=reviewed_n)


def basis_note(basis: str, self_n: int, reviewed_n: int) -> str:
    """Which results a comparison shows, in English words (:func:`basis_message` in another
    language)."""
    return str(basis_message(basis, self_n, reviewed_n))


def standards_note_in(comparison: Comparison, lang: str = "en") -> str | None:
    """The comparison's note on its several standards in ``lang`` (``None`` when it shows
    one standard)."""
    from ..messages import render_message

    note = standards_note_message(comparison)
    return comparison.standards_note if note is None else render_message(note, lang=lang)


def standards_note_message(c):
    """When a comparison shows several standards, what it compares them on, as a message
    (``None`` for one standard)."""
    from ..messages import Ids, say

    if len(c.standards) <= 1:
        return None
    only = c.benchmarks_of_some
    titles = "; ".join(f"{s.title} v{s.version}" for s in c.standards)  # names, not ids
    return say("compare.standards_note", count=len(c.standards), titles=titles,
               shared=len(c.shared_benchmarks), n=len(only),
               ids=Ids(items=only[:8]) if len(only) <= 8 else
               ", ".join(only[:8]) + "…")


def finish(sel: Selection, shapes, *, by: Sequence[str], periods: Sequence[str], basis: str,
           min_group: int = DEFAULT_MIN_GROUP,
           parity_band: tuple[float, float] = PARITY_BAND, source: str = "scored results",
           tally: Tally | None = None, views: Mapping[str, tuple] | None = None
           ) -> Comparison:
    """The comparison of a reduced :class:`Selection` (``tally``: the counts of its latest
    rows when computed elsewhere, e.g. in SQL; ``views``: their (shared score, dimension
    scores) by assessment id, computed there too), made with the garbage collector off
    (:func:`~seal_engine._heap.no_collection`)."""
    with no_collection():
        return _finish(sel, shapes, by=by, periods=periods, basis=basis, min_group=min_group,
                       parity_band=parity_band, source=source, tally=tally, views=views)


def _finish(sel: Selection, shapes, *, by: Sequence[str], periods: Sequence[str], basis: str,
            min_group: int, parity_band: tuple[float, float], source: str,
            tally: Tally | None, views: Mapping[str, tuple] | None) -> Comparison:
    shapes = _shapes(shapes)
    pairs = sorted(sel.latest.pairs(), key=lambda p: (p[0].name, p[0].institution))
    current = [p[0] for p in pairs]
    missing = sorted({f"{sv[0]} v{sv[1]}" for sv in {(r.standard, r.version) for p in pairs
                                                     for r in p if r is not None}}
                     - set(shapes))
    if missing:
        raise SealError(Problem(f"no standard shape given for {', '.join(missing)}"))
    skeys = [f"{r.standard} v{r.version}" for r in current]  # each row's standard_key, once
    used: dict[str, int] = dict(Counter(skeys))
    shown = sorted((shapes[k] for k in used), key=lambda s: (-used[s.key], s.key))
    shared_ids, dims = _shared(shown) if shown else ([], [])
    shared = frozenset(shared_ids)
    single = len(shown) <= 1
    dim_ids = [d[0] for d in dims]
    given = views
    plans = {k: _view_plan(sh, dim_ids, shared) for k, sh in shapes.items()}
    credit = {k: sh.partial_credit for k, sh in shapes.items()}
    views = ([given[r.assessment] for r in current] if given is not None else
             [_view(r, plans[k], credit[k], single) for r, k in zip(current, skeys,
                                                                      strict=True)])
    groups_of = _buckets(current, by)
    if tally is None:
        tally = Tally.of(current, views, by, shapes, dim_ids, shared, groups=groups_of)
    notes = []
    only: list[str] = []
    if not single:
        every = {b[0] for s in shown for b in s.benchmarks}
        only = sorted(every - shared)
    for inst, period, kind, n in sel.latest.duplicates():
        if any(r.institution == inst and r.period == period for r in current):
            notes.append(f"institution {inst} has {n} {kind} results for {period}; the one "
                         "ending latest is shown")
    rl_shown = _shared_results_levels(shown)
    # per standard, where each results level shown is in its rows' scores (None: not there)
    rl_at = {k: [{rid: i for i, (rid, _t, _d) in enumerate(sh.results_levels)}.get(rid)
                 for rid, _t in rl_shown] for k, sh in shapes.items()}

    def rl_scores(mine: list, at: list) -> list[float | None]:
        n = len(mine)
        return [mine[p] if p is not None and p < n else None for p in at]

    rl_rows = [rl_scores(r.results_levels, rl_at[k]) for r, k in zip(current, skeys,
                                                                     strict=True)]
    level_rank = {k: {lv[0]: lv[2] for lv in s.levels} for k, s in shapes.items()}
    titles = {k: {lv[0]: lv[1] for lv in s.levels} for k, s in shapes.items()}
    ranks = [level_rank[k].get(r.level, 0) for r, k in zip(current, skeys, strict=True)]
    order = sorted(range(len(current)), key=lambda i: (
        -ranks[i], -current[i].score, current[i].name, current[i].institution))
    ranking, prev_key, rank = [], None, 0
    for pos, i in enumerate(order, 1):
        r = current[i]
        key = (ranks[i], r.score)
        if key != prev_key:
            rank, prev_key = pos, key
        ranking.append(_made(RankRow, {
            "rank": rank, "institution": r.institution, "name": r.name, "country": r.country,
            "scope": r.scope, "sector": r.sector, "region": r.region, "period": r.period,
            "assessment": r.assessment, "standard": skeys[i], "kind": r.kind,
            "level": r.level, "level_title": titles[skeys[i]].get(r.level, "no level")
            if r.level else "no level", "score": r.score, "shared_score": views[i][0],
            "dimensions": views[i][1], "results_levels": rl_rows[i]}))
    groups = tally.groups
    facet_by = sorted((k for k in groups if k[0] == "by"),
                      key=lambda k: tuple("" if v is None else str(v) for v in k[1]))
    levels = _levels(shown)
    rank_of = {lv.id: lv.order for lv in levels}
    rl_means = _results_level_means(rl_rows, groups_of, [rid for rid, _t in rl_shown])
    distribution = [_group_levels(by, k, groups[k], single, dim_ids, rank_of, rl_means)
                    for k in ([("all", ())] if ("all", ()) in groups else []) + facet_by]
    scopes = [_group_levels(by, k, groups[k], single, dim_ids, rank_of, rl_means)
              for k in sorted(k for k in groups if k[0] == "scope")]
    reviewed_n = sum(1 for r in current if r.kind == "reviewed")
    changes = _changes(pairs, shapes)
    out = Comparison(
        source=source, basis=basis, basis_note=basis_note(basis, len(current) - reviewed_n,
                                                          reviewed_n),
        self_assessed=len(current) - reviewed_n, reviewed=reviewed_n, by=list(by),
        periods=list(periods), assessments=sel.read, left_out=dict(sorted(sel.left_out.items())),
        institutions=len(current),
        standards=[StandardUse(id=s.id, version=s.version, title=s.title,
                               institutions=used[s.key], score_basis=s.basis,
                               partial_credit=s.partial_credit) for s in shown],
        shared_benchmarks=shared_ids, benchmarks_of_some=only, dimensions=dims,
        results_levels=rl_shown,
        levels=levels, ranking=ranking, distribution=distribution, scopes=scopes,
        benchmarks=_bench_rates(tally, by, shown, shared_ids),
        parity=_dashboard(current, tally, min_group, parity_band), changes=changes,
        notes=notes)
    note = standards_note_message(out)
    if note is not None:
        out.standards_note = str(note)
    return out


def status_counts(tally: Tally, bid: str) -> dict[BenchmarkStatus, int]:
    """The overall status counts of one benchmark (for tests and the app)."""
    c = tally.groups[("all", ())][6].get(bid, [0] * 5)
    return {CODE_STATUS[code]: n for code, n in zip(CODES, c, strict=True)}
