"""Workforce metrics that rules reach through ``metric('name', filter='value')``.

:data:`METRICS` names every metric, what kind of number it gives and the filters it accepts; the
rules compiler checks rules against it when a standard loads.  :func:`compute_metric` computes
one on a :class:`~seal_engine.workforce.data.WorkforceData` in plain Python and gives
:class:`~seal_engine.rules.Missing` with the reason in words when the data is lacking, together
with the group sizes the figure rests on (published tables suppress small groups) and, when the
figure covers only part of the staff asked for, a note saying which.  Definitions are in
``docs/workforce.md``.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ..messages import say as _say
from ..rules import Missing
from .columns import BREAKDOWNS, COUNT_COLUMNS, where_words
from .parity import target_needed

if TYPE_CHECKING:  # pragma: no cover - the data asks this module for its metrics
    from .data import Selection, WorkforceData

__all__ = [
    "BREAKDOWNS",
    "METRICS",
    "Computed",
    "MetricInfo",
    "category_gaps",
    "compute_metric",
    "grade_shares",
    "need",
    "parity_needed_counts",
    "pay_sums",
    "pay_values",
    "positive",
    "quartile_bands",
    "quartiles",
    "totals",
    "with_filter",
]


@dataclass(frozen=True)
class MetricInfo:
    title: str
    kind: str  # "share" (0..1), "points" (a difference of shares) or "number"
    filters: tuple[str, ...] = BREAKDOWNS
    help: str = ""


_GAP = "(men's - women's) / men's: positive when men are paid more"

METRICS: dict[str, MetricInfo] = {
    "headcount": MetricInfo("headcount", "number", help="Staff counted, all sexes."),
    "women": MetricInfo("number of women on the staff", "number", help="Women in post."),
    "men": MetricInfo("number of men on the staff", "number", help="Men in post."),
    "women_share": MetricInfo(
        "women's share of staff", "share", filters=(*BREAKDOWNS, "pay_quartile"),
        help="Women / (women + men); other or undisclosed staff are left out of the parity "
             "maths. With pay_quartile=1 (lowest) to 4 (highest): women's share of the quartile "
             "pay band.",
    ),
    "parity_needed": MetricInfo(
        "staff who would have to change places to reach 50 %", "number",
        help="max(0, ceil((W+M)/2) - W) women replacing men at constant headcount, or the same "
             "for men when W > M; 0 when |W - M| <= 1 (as near 50/50 as whole people allow).",
    ),
    "women_share_recruited": MetricInfo(
        "women's share of people recruited", "share",
        help="Women recruited / (women + men recruited) in the period."),
    "women_share_applicants": MetricInfo(
        "women's share of applicants", "share",
        help="Women applicants / (women + men applicants) in the period, over the grades with "
             "applicant data."),
    "women_share_promoted": MetricInfo(
        "women's share of people promoted", "share",
        help="Women promoted / (women + men promoted) in the period."),
    "selection_ratio": MetricInfo(
        "selection ratio (women's hiring rate / men's)", "number",
        help="(women hired / women applicants) / (men hired / men applicants), over the grades "
             "with applicant data; below 0.8 warns.",
    ),
    "promotion_ratio": MetricInfo(
        "promotion ratio (women's promotion rate / men's)", "number",
        help="(women promoted / women eligible) / (men promoted / men eligible).",
    ),
    "exit_rate_women": MetricInfo(
        "women's exit rate", "share",
        help="Women who left / (women in post at the end + women who left)."),
    "exit_rate_men": MetricInfo(
        "men's exit rate", "share",
        help="Men who left / (men in post at the end + men who left)."),
    "training_share": MetricInfo(
        "women's share of staff trained", "share",
        help="Women trained / (women + men trained): the training participation share."),
    "training_share_gap": MetricInfo(
        "women's share of staff trained minus their share of staff", "points",
        help="Women's share of the people trained less women's share of staff: below 0, women "
        "are trained less than their numbers would give."),
    "leave_return_rate_women": MetricInfo(
        "women's return rate after parental leave", "share",
        help="Women who came back / women who took parental leave."),
    "leave_return_rate_men": MetricInfo(
        "men's return rate after parental leave", "share",
        help="Men who came back / men who took parental leave."),
    "pay_gap_mean": MetricInfo(
        "unadjusted pay gap (mean)", "share",
        help=f"Mean pay, {_GAP}; per hour (or full-time equivalent) when the file gives hours "
             "(or fte). Article 9(1)(a) of the EU pay transparency directive."),
    "pay_gap_median": MetricInfo(
        "unadjusted pay gap (median)", "share",
        help="The same with medians. Article 9(1)(c)."),
    "pay_gap_mean_annual": MetricInfo(
        "unadjusted pay gap in pay for the period (mean)", "share",
        help=f"Mean pay for the period as given, not per hour, {_GAP}."),
    "pay_gap_median_annual": MetricInfo(
        "unadjusted pay gap in pay for the period (median)", "share",
        help="The same with medians."),
    "basic_pay_gap_mean": MetricInfo(
        "pay gap in basic pay (mean)", "share",
        help=f"Mean basic wage or salary (per hour or FTE when given), {_GAP}. Article 9(1)(g)."),
    "basic_pay_gap_median": MetricInfo(
        "pay gap in basic pay (median)", "share", help="The same with medians."),
    "bonus_gap_mean": MetricInfo(
        "pay gap in complementary or variable pay (mean)", "share",
        help=f"Mean complementary or variable pay of those receiving it, {_GAP}. Article "
             "9(1)(b)."),
    "bonus_gap_median": MetricInfo(
        "pay gap in complementary or variable pay (median)", "share",
        help="The same with medians. Article 9(1)(d)."),
    "bonus_share_women": MetricInfo(
        "share of women receiving complementary or variable pay", "share",
        help="Women with complementary or variable pay / women with pay. Article 9(1)(e)."),
    "bonus_share_men": MetricInfo(
        "share of men receiving complementary or variable pay", "share",
        help="Men with complementary or variable pay / men with pay. Article 9(1)(e)."),
    "category_pay_gap_max": MetricInfo(
        "largest unjustified pay gap in a category of workers", "share",
        help="The largest mean pay gap, either way (as a positive number), among the categories "
             "of workers (the category column, else grade) whose gap no justification covers; 0 "
             "when every gap is justified. Article 10: 5 % or more calls for a joint pay "
             "assessment."),
    "pipeline_drop": MetricInfo(
        "largest fall in women's share from one grade to the next", "points",
        filters=("unit", "location", "scope", "category"),
        help="The largest fall in women's share between one grade with staff and the next one "
             "up, entry to top; 0 when it never falls.",
    ),
}


Value = float | Missing


class Computed(NamedTuple):
    """A metric's value (or Missing), the group sizes it rests on, and a note when it covers
    only part of the staff asked for."""

    value: Value
    sizes: tuple[float, ...] = ()
    note: Any = None  # a message (the English of it in published reports)


# ------------------------------------------------------------------------------- selection


class Totals:
    """Counts by sex (women, men, other) for the staff matching a key."""

    __slots__ = ("sums", "incomplete", "selection")

    def __init__(self, selection: Selection, sums: dict[str, tuple[int, int, int]],
                 incomplete: set[str]):
        self.selection = selection
        self.sums = sums
        self.incomplete = incomplete

    @property
    def where(self):
        """The staff selected, in words (a message, made when a reason needs it)."""
        return self.selection.where


class _Sums(dict):
    """Counts by sex (women, men, other) of each count column for the groups ``ids``, each
    summed when first read: most figures read one or two columns of the nine."""

    __slots__ = ("_counts", "_ids")

    def __init__(self, counts: dict[str, list[int]], ids):
        super().__init__()
        self._counts = counts
        self._ids = ids

    def __missing__(self, c: str) -> tuple[int, int, int]:
        get = self._counts[c].__getitem__
        out = self[c] = tuple(sum(map(get, ids)) for ids in self._ids)  # type: ignore
        return out


def _cached(data: WorkforceData, kind, key, compute):
    return data.cached(kind, key, compute)


def totals(data: WorkforceData, key) -> Totals | Missing:
    """Counts by sex of the staff matching ``key`` (cached)."""
    return _cached(data, "totals", key, _compute_totals)


def _compute_totals(data: WorkforceData, key) -> Totals | Missing:
    sel = data.select(key)
    if isinstance(sel, Missing):
        return sel
    g = data.groups
    sums = _Sums(g.counts, sel.ids)
    incomplete = set()
    for c in COUNT_COLUMNS:
        if c not in data.reported:
            sums[c] = (0, 0, 0)
            continue
        gaps = g.missing.get(c)
        if gaps and any(i in gaps for ids in sel.ids[:2] for i in ids):  # women or men
            incomplete.add(c)
    return Totals(sel, sums, incomplete)


def need(data: WorkforceData, t: Totals, col: str):
    """The counts by sex of ``col`` in ``t``, or Missing when the file lacks them."""
    if col not in data.reported:
        return Missing(_say("figure.no_data", what=_say(f"figure.what.{col}")))
    if col in t.incomplete:
        return Missing(_say("figure.incomplete", what=_say(f"figure.what.{col}"),
                            where=t.where))
    return t.sums[col]


def with_filter(key, col: str, value: str):
    """``key`` with one more filter, kept sorted by column."""
    return tuple(sorted((*key, (col, value)), key=lambda kv: kv[0]))


# ------------------------------------------------------------------------------- counts


def _share(w: float, m: float, nobody) -> Computed:
    """``w`` over ``w + m``; ``nobody()`` the reason when there is no one."""
    if w + m <= 0:
        return Computed(Missing(nobody()), (0.0,))
    return Computed(w / (w + m), (w + m,))


def _nobody(t: Totals):
    o = t.sums["headcount"][2]
    return _say("figure.nobody_but_other" if o > 0 else "figure.nobody", where=t.where)


def parity_needed_counts(w: float, m: float) -> tuple[int, str | None]:
    """How many would have to change places to reach 50 %: ``max(0, ceil((W+M)/2) - W)`` women
    replacing men, or the men's figure when W > M; and who ("women", "men" or None).  Nobody
    when |W - M| <= 1: 48 women and 47 men are as near 50/50 as 95 people can be."""
    n, _added, who = target_needed(int(w), int(m))
    return n, who


def _m_headcount(data, t: Totals) -> Computed:
    w, m, o = t.sums["headcount"]
    return Computed(float(w + m + o))


def _m_women(data, t: Totals) -> Computed:
    w, m, _o = t.sums["headcount"]
    return Computed(float(w), (w + m,))


def _m_men(data, t: Totals) -> Computed:
    w, m, _o = t.sums["headcount"]
    return Computed(float(m), (w + m,))


def _m_women_share(data, t: Totals) -> Computed:
    w, m, _o = t.sums["headcount"]
    return _share(w, m, lambda: _nobody(t))


def _m_parity_needed(data, t: Totals) -> Computed:
    w, m, _o = t.sums["headcount"]
    if w + m <= 0:
        return Computed(Missing(_nobody(t)), (0.0,))
    return Computed(float(parity_needed_counts(w, m)[0]), (w + m,))


def _flow_share(col: str, nobody: str):
    """The women's share of ``col``; ``nobody`` the code of the reason when no one counts."""
    def f(data, t: Totals) -> Computed:
        v = need(data, t, col)
        if isinstance(v, Missing):
            return Computed(v)
        w, m, _o = v
        return _share(w, m, lambda: _say(nobody, where=t.where))

    return f


def _m_training_gap(data, t: Totals) -> Computed:
    trained = _flow_share("trained", "figure.nobody_trained")(data, t)
    if isinstance(trained.value, Missing):
        return trained
    staff = _m_women_share(data, t)
    if isinstance(staff.value, Missing):
        return staff
    return Computed(trained.value - staff.value, (*trained.sizes, *staff.sizes))


def _ratio(hit: str, pool: str, kind: str):
    def f(data, t: Totals) -> Computed:
        hits = need(data, t, hit)
        if isinstance(hits, Missing):
            return Computed(hits)
        pools = need(data, t, pool)
        if isinstance(pools, Missing):
            return Computed(pools)
        return _ratio_of(hits, pools, t, kind)

    return f


def _ratio_of(hits, pools, t: Totals, kind: str, note=None) -> Computed:
    """The ratio of rates; ``kind`` (``promotion``, ``selection``) names the reasons."""
    (hw, hm, *_), (pw, pm, *_) = hits, pools
    if pw <= 0:
        return Computed(Missing(_say(f"figure.no_pool.{kind}.women", where=t.where)), (pw, pm))
    if pm <= 0:
        return Computed(Missing(_say(f"figure.no_pool.{kind}.men", where=t.where)), (pw, pm))
    if hm <= 0:
        return Computed(Missing(_say(f"figure.no_hits.{kind}", where=t.where)), (pw, pm))
    # the sizes include those selected: a ratio shown beside a suppressed share of them would
    # let the share be worked back
    return Computed((hw / pw) / (hm / pm), (pw, pm, hw + hm), note)


def _applicant_pool(data: WorkforceData, t: Totals):
    """(applicants by sex, recruited by sex, note) over the grades of ``t`` that have applicant
    data, or Missing.  A grade has applicant data when every group of women and men in it gives
    applicants (aggregated files) or when the file has applicant rows for it (one row per
    person): recruits alone say nothing of how many applied."""
    return _cached(data, "applicants", t.selection.key, lambda d, k: _pool(d, t))


def _pool(data: WorkforceData, t: Totals):
    rec = need(data, t, "recruited")
    if isinstance(rec, Missing):
        return rec
    if "applicants" not in data.reported:
        return Missing(_say("figure.no_applicant_data"))
    g = data.groups
    grade_of = g.dims.get("grade")
    # the women's and men's groups of the selection, by grade (one part without grades)
    parts: dict[str, tuple[list[int], list[int]]] = {}
    for s, ids in enumerate(t.selection.ids[:2]):
        for i in ids:
            parts.setdefault(grade_of[i] if grade_of is not None else "", ([], []))[s].append(i)
    order = data.values("grade") if grade_of is not None else [""]
    applicants, recruited = g.counts["applicants"], g.counts["recruited"]
    gaps = g.missing.get("applicants", frozenset())
    rows = g.applicant_rows
    used: list[str] = []
    lacking: list[str] = []
    apps = [0, 0]
    hired = [0, 0]
    for grade in order:
        part = parts.get(grade)
        if part is None:
            continue
        both = part[0] + part[1]
        if rows is not None:
            has = any(rows[i] for i in both)
        else:
            has = not any(i in gaps for i in both)
        a = [sum(applicants[i] for i in ids) for ids in part]
        r = [sum(recruited[i] for i in ids) for ids in part]
        if not sum(r) and not (has and sum(a)):
            continue  # nobody applied or was hired: no selection to measure
        if not has:
            lacking.append(grade)
            continue
        used.append(grade)
        for k in (0, 1):
            apps[k] += a[k]
            hired[k] += r[k]
    if lacking and not used:
        if rows is not None:
            return Missing(_say("figure.no_applicant_rows", where=t.where))
        return Missing(_say("figure.applicants_incomplete", where=t.where))
    note = None
    if lacking and used != [""]:
        note = _say("figure.applicant_grades", n=len(used), grades=", ".join(used),
                    lacking=", ".join(lacking))
    return (apps[0], apps[1]), (hired[0], hired[1]), note


def _m_selection_ratio(data, t: Totals) -> Computed:
    pool = _applicant_pool(data, t)
    if isinstance(pool, Missing):
        return Computed(pool)
    apps, hired, note = pool
    return _ratio_of(hired, apps, t, "selection", note)


def _m_women_share_applicants(data, t: Totals) -> Computed:
    pool = _applicant_pool(data, t)
    if isinstance(pool, Missing):
        return Computed(pool)
    (w, m), _hired, note = pool
    c = _share(w, m, lambda: _say("figure.nobody_applied", where=t.where))
    return c._replace(note=note)


def _exit_rate(i: int, sex: str):
    def f(data, t: Totals) -> Computed:
        exits = need(data, t, "exits")
        if isinstance(exits, Missing):
            return Computed(exits)
        staff = t.sums["headcount"][i] + exits[i]
        if staff <= 0:
            return Computed(Missing(_say(f"figure.no_exits_base.{sex}", where=t.where)),
                            (0.0,))
        return Computed(exits[i] / staff, (staff,))

    return f


def _return_rate(i: int, sex: str):
    def f(data, t: Totals) -> Computed:
        leave = need(data, t, "parental_leave")
        if isinstance(leave, Missing):
            return Computed(leave)
        back = need(data, t, "returned_from_leave")
        if isinstance(back, Missing):
            return Computed(back)
        if leave[i] <= 0:
            return Computed(Missing(_say(f"figure.no_leave.{sex}", where=t.where)), (0.0,))
        return Computed(back[i] / leave[i], (leave[i],))

    return f


# ------------------------------------------------------------------------------- pay


_MEASURES = {"rate": "rate", "annual": "annual", "basic": "basic_rate",
             "complementary": "complementary_rate"}


def pay_values(data: WorkforceData, key, measure: str = "rate"
               ) -> tuple[list[float], list[float]] | Missing:
    """The pay of the women and of the men in post matching ``key`` (one row per person files),
    each list sorted: ``rate`` (total pay per hour or FTE), ``annual`` (total pay for the
    period), ``basic`` or ``complementary`` (the component per hour or FTE).  Cached."""
    return _cached(data, ("pay", measure), key, lambda d, k: _pay_values(d, k, measure))


def _pay_values(data: WorkforceData, key, measure: str):
    people = data.people
    if people is None or not data.pay:
        return Missing(_say("figure.no_pay_data"))
    if measure in ("basic", "complementary") and "basic" not in data.pay:
        return Missing(_say("figure.pay_unsplit"))
    return data.sorted_pay(_MEASURES[measure], key)


def pay_sums(data: WorkforceData, key, measure: str = "rate", positive: bool = False):
    """((sum, count) of women, (sum, count) of men) of ``measure`` for the staff in post
    matching ``key``, only values above 0 when ``positive``; or Missing.  Cached."""
    return _cached(data, ("pay sums", measure, positive), key,
                   lambda d, k: _pay_sums(d, k, measure, positive))


def _pay_sums(data: WorkforceData, key, measure: str, positive: bool):
    people = data.people
    if people is None or not data.pay:
        return Missing(_say("figure.no_pay_data"))
    if measure in ("basic", "complementary") and "basic" not in data.pay:
        return Missing(_say("figure.pay_unsplit"))
    sel = data.select(key)
    if isinstance(sel, Missing):
        return sel
    sums, counts = people.group_sums(_MEASURES[measure], len(data.groups), positive)
    return tuple((math.fsum(map(sums.__getitem__, ids)), sum(map(counts.__getitem__, ids)))
                 for ids in sel.ids[:2])


def positive(v):
    """The values above 0 of ``v``, sorted values of 0 or more: the end after its zeros."""
    return v[bisect_right(v, 0.0):]


def _median(v: list[float]) -> float:
    n = len(v)
    mid = n // 2
    return v[mid] if n % 2 else (v[mid - 1] + v[mid]) / 2


def _weighted_median(values: list[float], weights: list[float]) -> float:
    pairs = sorted(zip(values, weights, strict=True))
    half = sum(weights) / 2
    cum = 0.0
    for v, w in pairs:
        cum += w
        if cum >= half:
            return v
    return pairs[-1][0]


def _aggregated_pay(data: WorkforceData, key, kind: str):
    g = data.groups
    sel = data.select(key)
    if isinstance(sel, Missing):
        return sel
    out = []
    col = g.pay_mean if kind == "mean" else g.pay_median
    hc = g.counts["headcount"]
    for ids, label in zip(sel.ids[:2], ("women", "men"), strict=False):
        ids = [i for i in ids if hc[i] > 0]
        n = sum(hc[i] for i in ids)
        if n <= 0:
            return Missing(_say(f"figure.no_pay.{label}", where=sel.where))
        if col is None:
            return Missing(_say(f"figure.no_pay_kind.{kind}"))
        vals = [col[i] for i in ids]
        if None in vals:
            return Missing(_say(f"figure.pay_incomplete.{kind}.{label}", where=sel.where))
        weights = [hc[i] for i in ids]
        if kind == "mean":
            out.append((math.fsum(v * w for v, w in zip(vals, weights, strict=True)) / n, n))
        else:
            out.append((_weighted_median(vals, weights), n))
    return out


def _gap_of(w: float, m: float, sizes, where, words: str) -> Computed:
    """The gap ``(m - w) / m``; ``words`` (``mean.pay``, ``median.basic``...) names the
    measure in the reason when men's is 0."""
    if m <= 0:
        return Computed(Missing(_say(f"figure.men_zero.{words}", where=where)),
                        sizes)
    return Computed((m - w) / m, sizes)


def _pay_gap(kind: str, measure: str = "rate", recipients: bool = False):
    words = {"rate": "pay", "annual": "pay", "basic": "basic",
             "complementary": "complementary"}[measure]

    def f(data: WorkforceData, key) -> Computed:
        if data.people is None and data.shape == "aggregated" and measure in ("rate", "annual"):
            if not data.pay:
                return Computed(Missing(_say("figure.no_pay_data")))
            got = _aggregated_pay(data, key, kind)
            if isinstance(got, Missing):
                return Computed(got)
            (w, nw), (m, nm) = got
            return _gap_of(w, m, (nw, nm), where_words(key), f"{kind}.pay")
        if data.people is None and measure not in ("rate", "annual"):
            return Computed(Missing(_say("figure.no_person_pay")))
        if kind == "mean":
            got = pay_sums(data, key, measure, recipients)
            if isinstance(got, Missing):
                return Computed(got)
            where = where_words(key)
            for (_s, n), label in zip(got, ("women", "men"), strict=True):
                if not n:
                    return Computed(Missing(_say(
                        f"figure.no_recipients.{label}" if recipients
                        else f"figure.no_pay.{label}", where=where)))
            (sw, nw), (sm, nm) = got
            return _gap_of(sw / nw, sm / nm, (nw, nm), where, f"{kind}.{words}")
        vals = pay_values(data, key, measure)
        if isinstance(vals, Missing):
            return Computed(vals)
        women, men = vals
        where = where_words(key)
        if recipients:
            women = positive(women)
            men = positive(men)
            for v, label in ((women, "women"), (men, "men")):
                if not v:
                    return Computed(Missing(_say(f"figure.no_recipients.{label}",
                                                 where=where)))
        else:
            for v, label in ((women, "women"), (men, "men")):
                if not v:
                    return Computed(Missing(_say(f"figure.no_pay.{label}", where=where)))
        return _gap_of(_median(women), _median(men), (len(women), len(men)), where,
                       f"{kind}.{words}")

    return f


def _bonus_share(i: int, label: str):
    def f(data: WorkforceData, key) -> Computed:
        if data.people is None:
            return Computed(Missing(_say("figure.no_person_complementary")))
        everyone = pay_sums(data, key, "complementary")
        if isinstance(everyone, Missing):
            return Computed(everyone)
        receiving = pay_sums(data, key, "complementary", True)
        n, k = everyone[i][1], receiving[i][1]
        if not n:
            return Computed(Missing(_say(f"figure.no_pay.{label}", where=where_words(key))),
                            (0,))
        return Computed(k / n, (n,))

    return f


def quartile_bands(women: list[float], men: list[float]) -> list[tuple[int, int]]:
    """Women and men in each quartile pay band, lowest first, from the sorted pay of each.

    The n women and men are ranked by pay and cut into four bands of whole people: band q
    (1 to 4) holds the places after floor((q - 1) * n / 4) up to floor(q * n / 4).  People
    with the same pay are one block; when a boundary cuts a block, its w women are spread
    evenly over its b places: among the block's first k places there are round(k * w / b)
    women (halves rounded up), the others men.  The result never depends on the order of the
    rows (docs/workforce.md, "Quartile pay bands")."""
    n = len(women) + len(men)
    if n == 0:
        return [(0, 0)] * 4
    ranked = sorted(women + men)

    def women_before(place: int) -> int:
        """Women among the first ``place`` places."""
        if place >= n:
            return len(women)
        v = ranked[place]
        wl, wr = bisect_left(women, v), bisect_right(women, v)
        start = wl + bisect_left(men, v)
        size = (wr - wl) + (bisect_right(men, v) - bisect_left(men, v))
        k = place - start  # the block's places before the cut
        return wl + (2 * (wr - wl) * k + size) // (2 * size)

    cuts = [q * n // 4 for q in range(5)]
    before = [women_before(c) for c in cuts]
    return [(before[q + 1] - before[q], cuts[q + 1] - cuts[q] - (before[q + 1] - before[q]))
            for q in range(4)]


def quartiles(data: WorkforceData, key=()) -> list[tuple[float, float]] | Missing:
    """(women, men) in each quartile pay band of the staff matching ``key`` (cached)."""
    return _cached(data, "quartiles", key, _compute_quartiles)


def _compute_quartiles(data: WorkforceData, key):
    if data.people is None:
        if data.shape == "aggregated":
            return Missing(_say("figure.quartiles_need_people"))
        return Missing(_say("figure.no_pay_data"))
    vals = pay_values(data, key, "rate")
    if isinstance(vals, Missing):
        return vals
    if not vals[0] and not vals[1]:
        return Missing(_say("figure.nobody_pay", where=where_words(key)))
    return quartile_bands(*vals)


def _m_women_share_quartile(data: WorkforceData, key, bands_asked) -> Computed:
    chosen = []
    for q in bands_asked if isinstance(bands_asked, tuple) else (bands_asked,):
        text = str(q).strip()
        if text not in ("1", "2", "3", "4"):
            return Computed(Missing(_say("figure.no_quartile", value=text)))
        chosen.append(int(text))
    bands = quartiles(data, key)
    if isinstance(bands, Missing):
        return Computed(bands)
    w = sum(bands[q - 1][0] for q in set(chosen))
    m = sum(bands[q - 1][1] for q in set(chosen))
    return _share(w, m, lambda: _say("figure.nobody_pay", where=where_words(key)))


def category_gaps(data: WorkforceData, key=()) -> list[tuple[str, Computed]]:
    """The mean pay gap of each category of workers among the staff matching ``key``."""
    col = data.category_column
    if col is None:
        return []
    out = []
    for c in data.values(col):
        if c == "":
            continue
        out.append((c, compute_metric(data, "pay_gap_mean", with_filter(key, col, c))))
    return out


def _m_category_gap_max(data: WorkforceData, key) -> Computed:
    col = data.category_column
    if col is None:
        return Computed(Missing(_say("figure.no_category_or_grade")))
    if not data.pay:
        return Computed(Missing(_say("figure.no_pay_data")))
    gaps = [(c, r) for c, r in category_gaps(data, key) if not isinstance(r.value, Missing)]
    if not gaps:
        return Computed(Missing(_say(f"figure.no_both.{col}", where=where_words(key))))
    open_ = [abs(r.value) for c, r in gaps if c not in data.justifications]
    sizes = tuple(s for _c, r in gaps for s in r.sizes)
    return Computed(max(open_) if open_ else 0.0, sizes)


# ------------------------------------------------------------------------------- pipeline


def grade_shares(data: WorkforceData, key) -> list[tuple[str, int, int, int]] | Missing:
    """(grade, women, men, other) from entry to top for the grades with women or men."""
    if "grade" not in data.breakdowns:
        return Missing(_say("figure.no_grade_column"))
    out = []
    for g in data.values("grade"):
        t = totals(data, with_filter(key, "grade", g))
        if isinstance(t, Missing):
            continue
        w, m, o = t.sums["headcount"]
        if w + m > 0:
            out.append((g, w, m, o))
    return out


def _m_pipeline_drop(data: WorkforceData, key) -> Computed:
    shares = grade_shares(data, key)
    if isinstance(shares, Missing):
        return Computed(shares)
    if len(shares) < 2:
        return Computed(Missing(_say("figure.two_grades", where=where_words(key))))
    s = [w / (w + m) for _g, w, m, _o in shares]
    drop = max(0.0, max(a - b for a, b in zip(s, s[1:], strict=False)))
    return Computed(drop, tuple(w + m for _g, w, m, _o in shares))


_BY_TOTALS = {
    "headcount": _m_headcount,
    "women": _m_women,
    "men": _m_men,
    "women_share": _m_women_share,
    "parity_needed": _m_parity_needed,
    "women_share_recruited": _flow_share("recruited", "figure.nobody_recruited"),
    "women_share_applicants": _m_women_share_applicants,
    "women_share_promoted": _flow_share("promoted", "figure.nobody_promoted"),
    "selection_ratio": _m_selection_ratio,
    "promotion_ratio": _ratio("promoted", "eligible_for_promotion", "promotion"),
    "exit_rate_women": _exit_rate(0, "women"),
    "exit_rate_men": _exit_rate(1, "men"),
    "training_share": _flow_share("trained", "figure.nobody_trained"),
    "training_share_gap": _m_training_gap,
    "leave_return_rate_women": _return_rate(0, "women"),
    "leave_return_rate_men": _return_rate(1, "men"),
}
_BY_KEY = {
    "pay_gap_mean": _pay_gap("mean"),
    "pay_gap_median": _pay_gap("median"),
    "pay_gap_mean_annual": _pay_gap("mean", "annual"),
    "pay_gap_median_annual": _pay_gap("median", "annual"),
    "basic_pay_gap_mean": _pay_gap("mean", "basic"),
    "basic_pay_gap_median": _pay_gap("median", "basic"),
    "bonus_gap_mean": _pay_gap("mean", "complementary", recipients=True),
    "bonus_gap_median": _pay_gap("median", "complementary", recipients=True),
    "bonus_share_women": _bonus_share(0, "women"),
    "bonus_share_men": _bonus_share(1, "men"),
    "category_pay_gap_max": _m_category_gap_max,
    "pipeline_drop": _m_pipeline_drop,
}
assert set(_BY_TOTALS) | set(_BY_KEY) == set(METRICS)


def compute_metric(data: WorkforceData, name: str, key: tuple[tuple[str, Any], ...] = ()
                   ) -> Computed:
    """A metric's value (or :class:`Missing` with the reason) for the staff matching ``key``
    (sorted ``(filter, value)`` pairs), the group sizes it rests on (used to suppress small
    groups in published tables) and a note when it covers part of the staff only.  Unknown
    names or filters raise ``ValueError``."""
    info = METRICS.get(name)
    if info is None:
        raise ValueError(f"unknown metric {name!r} (known: {', '.join(sorted(METRICS))})")
    quartile = None
    for col, v in key:
        if col not in info.filters:
            raise ValueError(f"metric {name!r} has no filter {col!r}")
        if col == "pay_quartile":
            quartile = v
    if quartile is not None:
        rest = tuple(kv for kv in key if kv[0] != "pay_quartile")
        return _m_women_share_quartile(data, rest, quartile)
    fn = _BY_KEY.get(name)
    if fn is not None:
        return fn(data, key)
    t = totals(data, key)
    if isinstance(t, Missing):
        return Computed(t)
    return _BY_TOTALS[name](data, t)
