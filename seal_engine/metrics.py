"""Workforce metrics that rules reach through ``metric('name', filter='value')``.

:data:`METRICS` names every metric, what kind of number it gives and the filters it accepts; the
rules compiler checks rules against it when a standard loads.  The computations below work on a
:class:`~seal_engine.workforce.WorkforceData` (pandas inside, plain numbers out) and give
:class:`~seal_engine.rules.Missing` with the reason in words when the data is lacking.

:func:`workforce_report`, :func:`pipeline`, :func:`projection` and :func:`full_report` build the
published tables of ``seal metrics``, where small groups are suppressed (``min_group``); rules
always see the real values.  Definitions and approximations are in ``docs/workforce.md``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .rules import Missing

if TYPE_CHECKING:  # pragma: no cover
    from .workforce import WorkforceData

__all__ = [
    "BREAKDOWNS",
    "DEFAULT_MIN_GROUP",
    "METRICS",
    "PARITY_BAND",
    "SUPPRESSED",
    "REPORT_FIGURES",
    "MetricInfo",
    "compute_metric",
    "full_report",
    "parity_needed_counts",
    "pipeline",
    "projection",
    "workforce_report",
]

#: Columns a workforce file can be broken down by; each is also a metric filter.
BREAKDOWNS: tuple[str, ...] = ("grade", "unit", "location", "scope", "age_band", "contract")


@dataclass(frozen=True)
class MetricInfo:
    title: str
    kind: str  # "share" (0..1), "points" (a difference of shares) or "number"
    filters: tuple[str, ...] = BREAKDOWNS
    help: str = ""


METRICS: dict[str, MetricInfo] = {
    "headcount": MetricInfo("headcount", "number", help="Staff counted, all sexes."),
    "women": MetricInfo("number of women on the staff", "number", help="Women in post."),
    "men": MetricInfo("number of men on the staff", "number", help="Men in post."),
    "women_share": MetricInfo(
        "women's share of staff", "share",
        help="Women / (women + men); other or undisclosed staff are left out of the parity maths.",
    ),
    "parity_needed": MetricInfo(
        "staff who would have to change places to reach 50 %", "number",
        help="max(0, ceil((W+M)/2) - W) women replacing men, or the same for men when W > M.",
    ),
    "women_share_recruited": MetricInfo(
        "women's share of people recruited", "share",
        help="Women recruited / (women + men recruited) in the period."),
    "women_share_applicants": MetricInfo(
        "women's share of applicants", "share",
        help="Women applicants / (women + men applicants) in the period."),
    "women_share_promoted": MetricInfo(
        "women's share of people promoted", "share",
        help="Women promoted / (women + men promoted) in the period."),
    "selection_ratio": MetricInfo(
        "selection ratio (women's hiring rate / men's)", "number",
        help="(women hired / women applicants) / (men hired / men applicants); below 0.8 warns.",
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
        "unadjusted pay gap (mean)", "share", help="(men's mean - women's mean) / men's mean."
    ),
    "pay_gap_median": MetricInfo(
        "unadjusted pay gap (median)", "share",
        help="(men's median - women's median) / men's median.",
    ),
    "pipeline_drop": MetricInfo(
        "largest fall in women's share from one grade to the next", "points",
        filters=("unit", "location", "scope"),
        help="The largest fall in women's share between one grade with staff and the next one "
             "up, entry to top; 0 when it never falls.",
    ),
}

#: The UN parity band (check): a women's share inside it counts as parity.  A default only;
#: reports take ``parity_band=`` and ``seal metrics`` takes ``--parity-band``.
PARITY_BAND: tuple[float, float] = (0.47, 0.53)

#: Published tables suppress a figure resting on fewer people than this.
DEFAULT_MIN_GROUP = 5

#: What a suppressed figure shows in published tables.
SUPPRESSED = "suppressed"

_SEXES = ("female", "male", "other")
_COUNTS = (
    "headcount", "applicants", "recruited", "eligible_for_promotion", "promoted", "exits",
    "trained", "parental_leave", "returned_from_leave",
)
_WHAT = {
    "headcount": "headcount", "applicants": "applicant", "recruited": "recruitment",
    "eligible_for_promotion": "promotion eligibility", "promoted": "promotion",
    "exits": "exit", "trained": "training", "parental_leave": "parental leave",
    "returned_from_leave": "return from leave",
}

Value = float | Missing
Result = tuple[Value, tuple[float, ...]]  # the value and the group sizes it rests on


# ------------------------------------------------------------------------------- selection


def _where(key: tuple[tuple[str, str], ...]) -> str:
    if not key:
        return "the workforce file"
    def shown(value) -> str:
        if isinstance(value, tuple):
            return " or ".join(repr(v) for v in value)
        return repr(value)

    return ", ".join(f"{col.replace('_', ' ')} {shown(value)}" for col, value in key)


def _mask(data: WorkforceData, frame, key, which: str = "groups"):
    """A numpy mask of the rows of ``frame`` (``data.groups`` or ``data.people``, named by
    ``which``) matching ``key``; ``None`` for all rows; or Missing.  Masks per value are cached."""
    mask = None
    for col, value in key:
        if col not in data.breakdowns:
            return Missing(f"the workforce file has no {col} column")
        m = None
        for one in value if isinstance(value, tuple) else (value,):  # several values: any of
            canon = data.canonical(col, one)
            if canon is None:
                continue
            ck = ("mask", which, col, canon)
            mv = data._cache.get(ck)
            if mv is None:
                mv = (frame[col] == canon).to_numpy(dtype=bool)
                data._cache[ck] = mv
            m = mv if m is None else m | mv
        if m is None:
            return Missing(f"no staff in {_where(key)}")
        mask = m if mask is None else mask & m
    return mask


def _arrays(data: WorkforceData):
    """Sex codes (0 female, 1 male, 2 other), count columns as floats and the reported columns
    holding gaps, from ``data.groups`` (cached)."""
    import numpy as np

    a = data._cache.get("arrays")
    if a is None:
        g = data.groups
        codes = g["sex"].map({s: i for i, s in enumerate(_SEXES)}).to_numpy(dtype="int64")
        cols = {c: g[c].to_numpy(dtype="float64") for c in _COUNTS}
        gaps = {c for c in data.reported if np.isnan(cols[c]).any()}
        a = (codes, cols, gaps)
        data._cache["arrays"] = a
    return a


class _Totals:
    """Counts by sex for the staff matching a key."""

    __slots__ = ("where", "sums", "incomplete")

    def __init__(self, where: str, sums: dict[str, tuple[float, float, float]],
                 incomplete: set[str]):
        self.where = where
        self.sums = sums
        self.incomplete = incomplete


def _cached(data: WorkforceData, kind: str, key, compute):
    """``compute(data, key)``, once per workforce file, kind and key."""
    ck = (kind, key)
    if ck not in data._cache:
        data._cache[ck] = compute(data, key)
    return data._cache[ck]


def _totals(data: WorkforceData, key) -> _Totals | Missing:
    return _cached(data, "totals", key, _compute_totals)


def _compute_totals(data: WorkforceData, key) -> _Totals | Missing:
    import numpy as np

    mask = _mask(data, data.groups, key)
    if isinstance(mask, Missing):
        return mask
    codes, cols, gaps = _arrays(data)
    if mask is not None:
        codes = codes[mask]
    if len(codes) == 0:
        return Missing(f"no staff in {_where(key)}")
    sums: dict[str, tuple[float, float, float]] = {}
    incomplete = set()
    for c in _COUNTS:
        if c not in data.reported:
            sums[c] = (0.0, 0.0, 0.0)
            continue
        v = cols[c] if mask is None else cols[c][mask]
        if c in gaps:
            nan = np.isnan(v)
            if nan.any():
                if (nan & (codes < 2)).any():  # gaps among women or men, not other
                    incomplete.add(c)
                v = np.where(nan, 0.0, v)
        b = np.bincount(codes, weights=v, minlength=3)
        sums[c] = (float(b[0]), float(b[1]), float(b[2]))
    return _Totals(_where(key), sums, incomplete)


def _need(data: WorkforceData, t: _Totals, col: str):
    if col not in data.reported:
        return Missing(f"the workforce file has no {_WHAT[col]} data")
    if col in t.incomplete:
        return Missing(f"{_WHAT[col]} data is not given for every group in {t.where}")
    return t.sums[col]


# ------------------------------------------------------------------------------- metrics


def _share(w: float, m: float, nobody: str) -> Result:
    if w + m <= 0:
        return Missing(nobody), (0.0,)
    return w / (w + m), (w + m,)


def _m_headcount(data, t: _Totals) -> Result:
    w, m, o = t.sums["headcount"]
    return w + m + o, ()


def _m_women(data, t: _Totals) -> Result:
    w, m, _o = t.sums["headcount"]
    return w, (w + m,)


def _m_men(data, t: _Totals) -> Result:
    w, m, _o = t.sums["headcount"]
    return m, (w + m,)


def _nobody(t: _Totals) -> str:
    o = t.sums["headcount"][2]
    extra = " (only staff of other or undisclosed sex)" if o > 0 else ""
    return f"no women or men in {t.where}{extra}"


def _m_women_share(data, t: _Totals) -> Result:
    w, m, _o = t.sums["headcount"]
    return _share(w, m, _nobody(t))


def parity_needed_counts(w: float, m: float) -> tuple[int, str | None]:
    """How many would have to change places to reach 50 %: ``max(0, ceil((W+M)/2) - W)`` women
    replacing men, or the men's figure when W > M; and who ("women", "men" or None)."""
    half = math.ceil((w + m) / 2)
    if w <= m:
        n = max(0, half - int(w))
        return n, ("women" if n else None)
    n = max(0, half - int(m))
    return n, ("men" if n else None)


def _m_parity_needed(data, t: _Totals) -> Result:
    w, m, _o = t.sums["headcount"]
    if w + m <= 0:
        return Missing(_nobody(t)), (0.0,)
    return float(parity_needed_counts(w, m)[0]), (w + m,)


def _flow_share(col: str, nobody: str):
    def f(data, t: _Totals) -> Result:
        v = _need(data, t, col)
        if isinstance(v, Missing):
            return v, ()
        w, m, _o = v
        return _share(w, m, nobody.format(where=t.where))

    return f


def _m_training_gap(data, t: _Totals) -> Result:
    trained, sizes = _flow_share("trained", "no women or men were trained in {where}")(data, t)
    if isinstance(trained, Missing):
        return trained, sizes
    staff, staff_sizes = _m_women_share(data, t)
    if isinstance(staff, Missing):
        return staff, staff_sizes
    return trained - staff, (*sizes, *staff_sizes)


def _ratio(hit: str, pool: str, pool_words: str, hit_words: str):
    def f(data, t: _Totals) -> Result:
        hits = _need(data, t, hit)
        if isinstance(hits, Missing):
            return hits, ()
        pools = _need(data, t, pool)
        if isinstance(pools, Missing):
            return pools, ()
        (hw, hm, _), (pw, pm, _) = hits, pools
        if pw <= 0:
            return Missing(f"no women {pool_words} in {t.where}"), (pw, pm)
        if pm <= 0:
            return Missing(f"no men {pool_words} in {t.where}"), (pw, pm)
        if hm <= 0:
            return Missing(f"no men were {hit_words} in {t.where}, so the ratio has no value"), (
                pw, pm)
        # sizes include those selected: a ratio shown beside a suppressed share of them would
        # let the share be worked back
        return (hw / pw) / (hm / pm), (pw, pm, hw + hm)

    return f


def _exit_rate(i: int, sex: str):
    def f(data, t: _Totals) -> Result:
        exits = _need(data, t, "exits")
        if isinstance(exits, Missing):
            return exits, ()
        staff = t.sums["headcount"][i] + exits[i]
        if staff <= 0:
            return Missing(f"no {sex} in {t.where}"), (0.0,)
        return exits[i] / staff, (staff,)

    return f


def _return_rate(i: int, sex: str):
    def f(data, t: _Totals) -> Result:
        leave = _need(data, t, "parental_leave")
        if isinstance(leave, Missing):
            return leave, ()
        back = _need(data, t, "returned_from_leave")
        if isinstance(back, Missing):
            return back, ()
        if leave[i] <= 0:
            return Missing(f"no {sex} took parental leave in {t.where}"), (0.0,)
        return back[i] / leave[i], (leave[i],)

    return f


def _weighted_median(values, weights) -> float:
    import numpy as np

    order = np.argsort(values, kind="stable")
    v = np.asarray(values, dtype="float64")[order]
    w = np.asarray(weights, dtype="float64")[order]
    cum = np.cumsum(w)
    return float(v[np.searchsorted(cum, cum[-1] / 2, side="left")])


def _pay_stats(data: WorkforceData, key) -> dict | Missing:
    """Mean and median pay of women and men matching ``key`` (cached)."""
    return _cached(data, "pay", key, _compute_pay)


def _compute_pay(data: WorkforceData, key) -> dict | Missing:
    import numpy as np

    if not data.pay:
        return Missing("the workforce file has no pay data")
    where = _where(key)
    out: dict[str, Any] = {}
    if data.people is not None:
        people = data.people
        mask = _mask(data, people, key, "people")
        if isinstance(mask, Missing):
            return mask
        sex, pay = data._cache.get("people arrays", (None, None))
        if sex is None:
            sex = people["sex"].to_numpy(dtype=object)
            pay = people["pay"].to_numpy(dtype="float64")
            data._cache["people arrays"] = (sex, pay)
        if mask is not None:
            sex, pay = sex[mask], pay[mask]
        for s, label in (("female", "women"), ("male", "men")):
            p = pay[sex == s]
            if len(p) == 0:
                return Missing(f"no {label} with pay data in {where}")
            out[s] = {"mean": float(np.mean(p)), "median": float(np.median(p)), "n": len(p)}
        return out
    groups = data.groups
    mask = _mask(data, groups, key)
    if isinstance(mask, Missing):
        return mask
    sub = groups if mask is None else groups[mask]
    sub = sub[sub["headcount"] > 0]
    for s, label in (("female", "women"), ("male", "men")):
        r = sub[sub["sex"].values == s]
        n = float(r["headcount"].sum())
        if n <= 0:
            return Missing(f"no {label} with pay data in {where}")
        stats: dict[str, Any] = {"n": n}
        for kind, col in (("mean", "pay_mean"), ("median", "pay_median")):
            if kind not in data.pay:
                stats[kind] = Missing(f"the workforce file has no {kind} pay data")
            elif r[col].isna().any():
                stats[kind] = Missing(f"{kind} pay is not given for every group of {label} "
                                      f"in {where}")
            elif kind == "mean":
                stats[kind] = float((r[col] * r["headcount"]).sum() / n)
            else:
                stats[kind] = _weighted_median(r[col].values, r["headcount"].values)
        out[s] = stats
    return out


def _pay_gap(kind: str):
    def f(data: WorkforceData, key) -> Result:
        stats = _pay_stats(data, key)
        if isinstance(stats, Missing):
            return stats, ()
        w, m = stats["female"][kind], stats["male"][kind]
        sizes = (stats["female"]["n"], stats["male"]["n"])
        for v in (w, m):
            if isinstance(v, Missing):
                return v, sizes
        if m <= 0:
            return Missing(f"men's {kind} pay is 0 in {_where(key)}, so the gap has no value"), (
                sizes)
        return (m - w) / m, sizes

    return f


def _grade_shares(data: WorkforceData, key) -> list[tuple[str, float, float, float]] | Missing:
    """(grade, women, men, other) from entry to top for grades with women or men."""
    if "grade" not in data.breakdowns:
        return Missing("the workforce file has no grade column")
    out = []
    for g in data.values("grade"):
        t = _totals(data, tuple(sorted((*key, ("grade", g)))))
        if isinstance(t, Missing):
            continue
        w, m, o = t.sums["headcount"]
        if w + m > 0:
            out.append((g, w, m, o))
    return out


def _m_pipeline_drop(data: WorkforceData, key) -> Result:
    shares = _grade_shares(data, key)
    if isinstance(shares, Missing):
        return shares, ()
    if len(shares) < 2:
        return Missing(f"fewer than two grades have staff in {_where(key)}"), ()
    s = [w / (w + m) for _g, w, m, _o in shares]
    drop = max(0.0, max(a - b for a, b in zip(s, s[1:], strict=False)))
    return drop, tuple(w + m for _g, w, m, _o in shares)


_BY_TOTALS = {
    "headcount": _m_headcount,
    "women": _m_women,
    "men": _m_men,
    "women_share": _m_women_share,
    "parity_needed": _m_parity_needed,
    "women_share_recruited": _flow_share("recruited", "no women or men were recruited in {where}"),
    "women_share_applicants": _flow_share("applicants", "no women or men applied in {where}"),
    "women_share_promoted": _flow_share("promoted", "no women or men were promoted in {where}"),
    "selection_ratio": _ratio("recruited", "applicants", "applied", "recruited"),
    "promotion_ratio": _ratio("promoted", "eligible_for_promotion", "were eligible for promotion",
                              "promoted"),
    "exit_rate_women": _exit_rate(0, "women"),
    "exit_rate_men": _exit_rate(1, "men"),
    "training_share": _flow_share("trained", "no women or men were trained in {where}"),
    "training_share_gap": _m_training_gap,
    "leave_return_rate_women": _return_rate(0, "women"),
    "leave_return_rate_men": _return_rate(1, "men"),
}
_BY_KEY = {
    "pay_gap_mean": _pay_gap("mean"),
    "pay_gap_median": _pay_gap("median"),
    "pipeline_drop": _m_pipeline_drop,
}


def compute_metric(data: WorkforceData, name: str,
                   key: tuple[tuple[str, str], ...] = ()) -> Result:
    """A metric's value (or :class:`Missing` with the reason) for the staff matching ``key``
    (sorted ``(filter, value)`` pairs), and the group sizes it rests on, used to suppress small
    groups in published tables.  Unknown names or filters raise ``ValueError``."""
    info = METRICS.get(name)
    if info is None:
        raise ValueError(f"unknown metric {name!r} (known: {', '.join(sorted(METRICS))})")
    for col, _v in key:
        if col not in info.filters:
            raise ValueError(f"metric {name!r} has no filter {col!r}")
    fn = _BY_KEY.get(name)
    if fn is not None:
        return fn(data, key)
    t = _totals(data, key)
    if isinstance(t, Missing):
        return t, ()
    return _BY_TOTALS[name](data, t)


# ------------------------------------------------------------------------------- reports

#: Figures of a report row, in order, beyond the breakdown columns.
REPORT_FIGURES: tuple[str, ...] = (
    "headcount", "women", "men", "other", "women_share", "parity", "target", "parity_needed",
    "parity_needed_sex", "women_share_applicants", "women_share_recruited", "selection_ratio",
    "women_share_promoted", "promotion_ratio", "exit_rate_women", "exit_rate_men",
    "training_share", "leave_return_rate_women", "leave_return_rate_men", "pay_gap_mean",
    "pay_gap_median",
)


def _small(sizes: Sequence[float], min_group: int) -> bool:
    return bool(min_group) and any(s < min_group for s in sizes)


def _report_row(data: WorkforceData, key, labels: dict[str, str], target: float,
                min_group: int, band: tuple[float, float]) -> dict[str, Any]:
    row: dict[str, Any] = dict(labels)
    t = _totals(data, key)
    if isinstance(t, Missing):
        row.update(dict.fromkeys(REPORT_FIGURES))
        row["headcount"] = 0
        return row
    w, m, o = t.sums["headcount"]
    row["headcount"] = int(w + m + o)
    small = _small((w + m,), min_group)
    share = w / (w + m) if w + m > 0 else None
    if small:
        row.update(dict.fromkeys(("women", "men", "other", "women_share", "parity", "target",
                                  "parity_needed", "parity_needed_sex"), SUPPRESSED))
    else:
        row.update(women=int(w), men=int(m), other=int(o), women_share=share)
        if share is None:
            row.update(parity=None, target=None, parity_needed=None, parity_needed_sex=None)
        else:
            row["parity"] = ("below band" if share < band[0] else
                             "above band" if share > band[1] else "at parity")
            row["target"] = "meets" if share >= target else "below"
            n, who = parity_needed_counts(w, m)
            row.update(parity_needed=n, parity_needed_sex=who)
    lacking: dict[str, str] = {}
    for name in REPORT_FIGURES[9:]:
        value, sizes = compute_metric(data, name, key)
        if isinstance(value, Missing):
            row[name] = None
            lacking[name] = value.reason
        elif _small(sizes, min_group):
            row[name] = SUPPRESSED
        else:
            row[name] = value
    row["lacking"] = lacking
    return row


def workforce_report(data: WorkforceData, by: Sequence[str] = ("grade",), target: float = 0.30,
                     *, min_group: int = DEFAULT_MIN_GROUP,
                     parity_band: tuple[float, float] = PARITY_BAND) -> list[dict[str, Any]]:
    """One row per group of ``by`` (every combination present), after a first row for all
    staff (its ``by`` columns say ``all``).  Each row holds the figures of
    :data:`REPORT_FIGURES`: numbers, ``None`` when the data is lacking, or :data:`SUPPRESSED`
    when a figure rests on fewer than ``min_group`` people (``min_group=0`` shows all)."""
    by = tuple(by)
    for b in by:
        if b not in BREAKDOWNS:
            raise ValueError(f"cannot break down by {b!r} (choose from {', '.join(BREAKDOWNS)})")
        if b not in data.breakdowns:
            raise ValueError(f"the workforce file has no {b!r} column")
    rows = [_report_row(data, (), dict.fromkeys(by, "all"), target, min_group, parity_band)]
    if not by:
        return rows
    present = data.groups[list(by)].drop_duplicates()
    order = {b: {v: i for i, v in enumerate(data.values(b))} for b in by}
    combos = sorted((tuple(r) for r in present.itertuples(index=False, name=None)),
                    key=lambda c: tuple(order[b].get(v, 0) for b, v in zip(by, c, strict=True)))
    for combo in combos:
        key = tuple(sorted(zip(by, combo, strict=True)))
        rows.append(_report_row(data, key, dict(zip(by, combo, strict=True)), target, min_group,
                                parity_band))
    return rows


def pipeline(data: WorkforceData, key: tuple[tuple[str, str], ...] = (), *,
             min_group: int = 0) -> dict[str, Any]:
    """The leaky pipeline: women's share at each grade from entry to top, the change from the
    grade below and the largest fall.  ``{"grades": [...], "largest_drop": {...} | None,
    "missing": reason | None}``."""
    shares = _grade_shares(data, key)
    if isinstance(shares, Missing):
        return {"grades": [], "largest_drop": None, "missing": shares.reason}
    grades = []
    prev = None
    worst = None
    for g, w, m, o in shares:
        share = w / (w + m)
        change = None if prev is None else share - prev[1]
        if change is not None and change < 0 and (worst is None or -change > worst["drop"]):
            worst = {"from": prev[0], "to": g, "drop": -change}
        grades.append({"grade": g, "women": int(w), "men": int(m), "other": int(o),
                       "women_share": share, "change": change})
        prev = (g, share)
    if min_group and any(r["women"] + r["men"] < min_group for r in grades):
        for r in grades:
            if r["women"] + r["men"] < min_group:
                r.update(women=SUPPRESSED, men=SUPPRESSED, other=SUPPRESSED,
                         women_share=SUPPRESSED, change=SUPPRESSED)
        nxt = {grades[i]["grade"]: grades[i + 1] for i in range(len(grades) - 1)}
        for r in grades:
            after = nxt.get(r["grade"])
            if after is not None and r["women_share"] == SUPPRESSED:
                after["change"] = SUPPRESSED
        if worst is not None and SUPPRESSED in (
                next(r["women_share"] for r in grades if r["grade"] == worst["from"]),
                next(r["women_share"] for r in grades if r["grade"] == worst["to"])):
            worst = {"from": worst["from"], "to": worst["to"], "drop": SUPPRESSED}
    missing = None if len(shares) >= 2 else f"fewer than two grades have staff in {_where(key)}"
    return {"grades": grades, "largest_drop": worst, "missing": missing}


def projection(data: WorkforceData, target: float = 0.30,
               key: tuple[tuple[str, str], ...] = (), *, max_years: int = 100,
               min_group: int = 0) -> list[dict[str, Any]]:
    """When each grade reaches ``target`` women's share at the period's rates.

    A stock-and-flow model: each grade keeps its headcount; each year women and men leave it
    (exit, or promotion to the next grade) at the period's rates for their sex, and the places
    they leave are filled with women at the share women had among the period's entrants to the
    grade (recruits plus promotions into it).  Rows: ``grade``, ``women_share``,
    ``entrants_women_share``, ``leaving_rate_women``/``_men``, ``long_run_share``, ``years``
    and ``year`` (``None`` when never), and ``outcome`` in words."""
    if "grade" not in data.breakdowns:
        return []
    order = list(data.grades)
    out = []
    for g in data.values("grade"):
        row: dict[str, Any] = {"grade": g, "women_share": None, "entrants_women_share": None,
                               "leaving_rate_women": None, "leaving_rate_men": None,
                               "long_run_share": None, "years": None, "year": None}
        t = _totals(data, tuple(sorted((*key, ("grade", g)))))
        if isinstance(t, Missing):
            continue
        w, m, _o = t.sums["headcount"]
        if w + m <= 0:
            continue
        share = w / (w + m)
        row["women_share"] = SUPPRESSED if _small((w + m,), min_group) else share
        flows = {c: _need(data, t, c) for c in ("exits", "recruited", "promoted")}
        lacking = next((v for v in flows.values() if isinstance(v, Missing)), None)
        nxt_i = order.index(g) + 1
        up = (0.0, 0.0, 0.0)
        if lacking is None and nxt_i < len(order):
            tn = _totals(data, tuple(sorted((*key, ("grade", order[nxt_i])))))
            if not isinstance(tn, Missing):
                up = _need(data, tn, "promoted")
                if isinstance(up, Missing):
                    lacking = up
        if lacking is not None:
            row["outcome"] = f"cannot project: {lacking.reason}"
            out.append(row)
            continue
        ex, rec, pro = flows["exits"], flows["recruited"], flows["promoted"]
        a = []
        for i, n in ((0, w), (1, m)):
            during = n + ex[i] + up[i]
            a.append((ex[i] + up[i]) / during if during > 0 else 0.0)
        a_w, a_m = a
        entrants_w, entrants_m = rec[0] + pro[0], rec[1] + pro[1]
        f = entrants_w / (entrants_w + entrants_m) if entrants_w + entrants_m > 0 else None
        shown_f = SUPPRESSED if f is not None and _small((entrants_w + entrants_m,),
                                                            min_group) else f
        row.update(entrants_women_share=shown_f, leaving_rate_women=a_w, leaving_rate_men=a_m)
        if f is None or (a_w == 0 and a_m == 0):
            long_run = share
        else:
            den = a_w * (1 - f) + a_m * f
            long_run = a_m * f / den if den > 0 else share
        row["long_run_share"] = long_run
        years = None
        if share >= target - 1e-12:
            years = 0
            outcome = "at or above the target now"
        elif f is None:
            outcome = "never at current rates (nobody entered the grade in the period)"
        elif long_run < target - 1e-9 or (a_w == 0 and a_m == 0):
            outcome = "never at current rates"
        else:
            s = share
            for year in range(1, max_years + 1):
                s = s * (1 - a_w) + (s * a_w + (1 - s) * a_m) * f
                if s >= target - 1e-12:
                    years = year
                    break
            outcome = (f"in {years} year{'s' if years != 1 else ''}" if years is not None
                       else f"not within {max_years} years at current rates")
        if years is not None:
            row["years"] = years
            row["year"] = data.year + years if data.year is not None else None
            if years and row["year"] is not None:
                outcome += f" ({row['year']})"
        row["outcome"] = outcome
        out.append(row)
    return out


def full_report(data: WorkforceData, by: Sequence[str] = ("grade",), target: float = 0.30, *,
                min_group: int = DEFAULT_MIN_GROUP,
                parity_band: tuple[float, float] = PARITY_BAND) -> dict[str, Any]:
    """Everything ``seal metrics`` publishes: the groups table, the pipeline, the projection
    towards ``target`` and the exit reasons, with small groups suppressed."""
    t = _totals(data, ())
    w, m, o = t.sums["headcount"] if not isinstance(t, Missing) else (0.0, 0.0, 0.0)
    staff: dict[str, Any] = {"headcount": int(w + m + o), "women": int(w), "men": int(m),
                             "other": int(o)}
    if _small((w + m,), min_group):
        staff.update(women=SUPPRESSED, men=SUPPRESSED, other=SUPPRESSED)
    reasons = [dict(r, exits=SUPPRESSED if _small((r["exits"],), min_group) else r["exits"])
               for r in data.exit_reasons]
    return {
        "file": data.file,
        "shape": data.shape,
        "year": data.year,
        "grades": list(data.grades),
        "by": list(by),
        "target": target,
        "parity_band": list(parity_band),
        "min_group": min_group,
        "staff": staff,
        "groups": workforce_report(data, by, target, min_group=min_group,
                                   parity_band=parity_band),
        "pipeline": pipeline(data, min_group=min_group),
        "projection": projection(data, target, min_group=min_group),
        "exit_reasons": reasons,
        "pay_note": ("aggregated file: the mean is headcount-weighted and the median is the "
                     "headcount-weighted median of group medians (an approximation)"
                     if data.shape == "aggregated" and data.pay else None),
    }
