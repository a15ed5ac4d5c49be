"""The published tables of ``seal metrics``: groups, the leaky pipeline, the projection.

Anything published suppresses figures resting on fewer than ``min_group`` people, and nothing
derived from a suppressed figure may give it away:

* in a group under ``min_group`` women and men, every figure but its headcount is suppressed
  (all of them are worked out from the group);
* a figure resting on a smaller base of its own (the recruits of a grade, its women...) is
  suppressed on its own;
* when one row of a table is suppressed, the next smallest is too (all its figures, as its
  rates would give its counts back), so that neither can be worked out from the total row (the
  headcount of each row is always shown);
* the pipeline's changes and its largest drop are taken between published grades only, and the
  projection of a grade says nothing when any figure it rests on is suppressed.

Rules always see the real values.  Definitions are in ``docs/workforce.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..messages import Message, render_message, say
from ..rules import Missing
from .columns import BREAKDOWNS, where_words
from .data import WorkforceData
from .metrics import (
    compute_metric,
    grade_shares,
    need,
    totals,
    with_filter,
)
from .parity import UN_PARITY_BAND, ParityBand, as_band, parity_figures

__all__ = [
    "DEFAULT_MIN_GROUP",
    "PARITY_BAND",
    "Said",
    "REPORT_FIGURES",
    "SUPPRESSED",
    "combos",
    "full_report",
    "pipeline",
    "projection",
    "publish",
    "small",
    "words_in",
    "workforce_report",
]

#: The UN parity band (check): a women's share inside it counts as parity.  A default only:
#: reports take the band of a ``standard=`` (its ``parity_low`` and ``parity_high``) or
#: ``parity_band=``, and ``seal metrics`` takes ``--parity-band``.
PARITY_BAND: tuple[float, float] = UN_PARITY_BAND

#: Published tables suppress a figure resting on fewer people than this.
DEFAULT_MIN_GROUP = 5

#: What a suppressed figure shows in published tables.
SUPPRESSED = "suppressed"

#: Figures of a report row, in order, beyond the breakdown columns.
#: The parity figures (:class:`~seal_engine.workforce.parity.ParityFigures`) are
#: ``share_decimals`` to ``parity_needed_sex``; ``parity`` is the verdict against the band.
REPORT_FIGURES: tuple[str, ...] = (
    "headcount", "women", "men", "other", "women_share", "share_decimals", "parity", "target",
    "band_needed", "band_needed_added", "band_needed_sex", "parity_needed",
    "parity_needed_added", "parity_needed_sex", "women_share_applicants",
    "women_share_recruited", "selection_ratio", "women_share_promoted", "promotion_ratio",
    "exit_rate_women", "exit_rate_men", "training_share", "leave_return_rate_women",
    "leave_return_rate_men", "pay_gap_mean", "pay_gap_median",
)
#: The figures worked out from a group's counts of women and men.
_COUNT_FIGURES = REPORT_FIGURES[1:REPORT_FIGURES.index("women_share_applicants")]
_PARITY_FIGURES = ("share_decimals", "band_needed", "band_needed_added", "band_needed_sex",
                   "parity_needed", "parity_needed_added", "parity_needed_sex")


class Said(str):
    """A text of a report's data (a reason, an outcome, a note): its English, as the JSON
    gives it, with its :class:`~seal_engine.messages.Message` kept as ``message`` for a reader
    in another language (:func:`words_in`)."""

    __slots__ = ("message",)

    def __new__(cls, message: Message) -> Said:
        text = super().__new__(cls, render_message(message))
        text.message = message
        return text


def said(value: Any) -> Any:
    """``value`` as a :class:`Said` when it is a message (a :class:`Missing`'s reason: its
    message when it has one), else as it is."""
    if isinstance(value, Missing):
        return Said(value.message) if value.message is not None else value.reason
    return Said(value) if isinstance(value, Message) else value


def words_in(value: Any, lang: str = "en") -> Any:
    """A report's text in ``lang``: a :class:`Said` (or a :class:`Message`) rendered in it,
    anything else as it is."""
    message = value if isinstance(value, Message) else getattr(value, "message", None)
    return render_message(message, lang=lang) if isinstance(message, Message) else value


def small(sizes: Sequence[float], min_group: int) -> bool:
    """True when a figure resting on groups of these sizes is suppressed."""
    return bool(min_group) and any(s < min_group for s in sizes)


def put_figure(row: dict[str, Any], lacking: dict[str, str], data: WorkforceData, name: str,
               key, *, hidden: bool, min_group: int) -> tuple[Any, str | None]:
    """Compute figure ``name`` for breakdown ``key`` into ``row`` as it is published: None with
    the reason in ``lacking`` when it cannot be computed, SUPPRESSED when the row is ``hidden``
    or the figure rests on a group smaller than ``min_group``. Returns the computed value (a
    Missing when lacking) and the metric's note."""
    value, sizes, note = compute_metric(data, name, key)
    publish(row, lacking, name, value, sizes, hidden=hidden, min_group=min_group)
    return value, note


def publish(row: dict[str, Any], lacking: dict[str, str], name: str, value: Any,
            sizes: Sequence[float], *, hidden: bool, min_group: int) -> None:
    """Put figure ``name`` into ``row`` as it is published: None with the reason in
    ``lacking`` when it could not be computed (a Missing), SUPPRESSED when the row is
    ``hidden`` or the figure rests on a group smaller than ``min_group``, else its value."""
    if isinstance(value, Missing):
        row[name] = None
        lacking[name] = said(value)
    elif hidden or small(sizes, min_group):
        row[name] = SUPPRESSED
    else:
        row[name] = value


def _report_row(data: WorkforceData, key, labels: dict[str, str], target: float,
                min_group: int, band: ParityBand) -> dict[str, Any]:
    row: dict[str, Any] = dict(labels)
    t = totals(data, key)
    if isinstance(t, Missing):
        row.update(dict.fromkeys(REPORT_FIGURES))
        row.update(headcount=0, lacking={}, partial={})
        return row
    w, m, o = t.sums["headcount"]
    row["headcount"] = w + m + o
    hidden = small((w + m,), min_group)
    share = w / (w + m) if w + m > 0 else None
    row.update(women=w, men=m, other=o, women_share=share)
    values: dict[str, Any] = {}
    if share is not None:
        f = parity_figures(w, m, band)
        values = f.model_dump(include=set(_PARITY_FIGURES))
        values.update(parity=f.verdict, target="meets" if share >= target else "below")
    row.update({k: values.get(k) for k in _COUNT_FIGURES[4:]})  # in the order of the table
    lacking: dict[str, str] = {}
    partial: dict[str, str] = {}
    for name in REPORT_FIGURES[len(_COUNT_FIGURES) + 1:]:
        _value, note = put_figure(row, lacking, data, name, key, hidden=hidden,
                                  min_group=min_group)
        if note and row[name] not in (None, SUPPRESSED):
            partial[name] = said(note) if isinstance(note, Message) else str(note)
    if hidden:
        row.update(dict.fromkeys(_COUNT_FIGURES, SUPPRESSED))
    row["lacking"] = lacking
    row["partial"] = partial
    row["_size"] = w + m
    return row


def _secondary(rows: list[dict[str, Any]]) -> None:
    """When one row of a table (not the first, the total) has its counts suppressed, suppress
    the counts of the next smallest row too: otherwise the total minus the others gives them."""
    body = rows[1:]
    hidden = [r for r in body if r.get("women") == SUPPRESSED]
    shown = [r for r in body if r.get("women") not in (SUPPRESSED, None)]
    if len(hidden) == 1 and shown and rows[0].get("women") not in (SUPPRESSED, None):
        nxt = min(shown, key=lambda r: r["_size"])
        # all of it: its rates would give its counts back (1 exit in 13 women is 12 women)
        nxt.update({k: SUPPRESSED for k in REPORT_FIGURES[1:] if nxt[k] is not None})
        nxt["partial"] = {}


def workforce_report(data: WorkforceData, by: Sequence[str] = ("grade",), target: float = 0.30,
                     *, min_group: int = DEFAULT_MIN_GROUP,
                     parity_band: ParityBand | tuple[float, float] | None = None,
                     standard: Any = None) -> list[dict[str, Any]]:
    """One row per group of ``by`` (every combination present), after a first row for all
    staff (its ``by`` columns say ``all``).  Each row holds the figures of
    :data:`REPORT_FIGURES`: numbers and codes, ``None`` when the data is lacking (the reason in
    ``lacking``), or :data:`SUPPRESSED` when a figure rests on fewer than ``min_group`` people
    (``min_group=0`` shows all); ``partial`` says which figures cover part of the group only.
    The parity figures are read against ``parity_band`` (default: the parity band of
    ``standard``, else the UN's 47-53 %); ``band_needed`` is ``None`` when no whole number of
    people puts the group in the band."""
    by = tuple(by)
    band = as_band(parity_band, standard)
    for b in by:
        if b not in BREAKDOWNS:
            raise ValueError(f"cannot break down by {b!r} (choose from {', '.join(BREAKDOWNS)})")
        if b not in data.breakdowns:
            raise ValueError(f"the workforce file has no {b!r} column")
    rows = [_report_row(data, (), dict.fromkeys(by, "all"), target, min_group, band)]
    if by:
        for combo in combos(data, by):
            key = tuple(sorted(zip(by, combo, strict=True)))
            rows.append(_report_row(data, key, dict(zip(by, combo, strict=True)), target,
                                    min_group, band))
        if min_group:
            _secondary(rows)
    for r in rows:
        r.pop("_size", None)
    return rows


def combos(data: WorkforceData, by: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every combination of values of ``by`` that a group has, in the file's order."""
    g = data.groups
    present = dict.fromkeys(zip(*(g.dims[b] for b in by), strict=True))
    order = {b: {v: i for i, v in enumerate(data.values(b))} for b in by}
    return sorted(present, key=lambda c: tuple(order[b].get(v, 0)
                                               for b, v in zip(by, c, strict=True)))


def pipeline(data: WorkforceData, key: tuple[tuple[str, str], ...] = (), *,
             min_group: int = 0) -> dict[str, Any]:
    """The leaky pipeline: women's share at each grade from entry to top, the change from the
    grade below (the published grade below, when one is suppressed: ``change_from``) and the
    largest fall.  ``{"grades": [...], "largest_drop": {...} | None, "missing": reason | None,
    "left_out": [suppressed grades]}``."""
    shares = grade_shares(data, key)
    if isinstance(shares, Missing):
        return {"grades": [], "largest_drop": None, "missing": said(shares), "left_out": []}
    hidden_grades = _hidden_grades(shares, min_group)
    grades = []
    for g, w, m, o in shares:
        grades.append({"grade": g, "women": w, "men": m, "other": o,
                       "women_share": w / (w + m), "change": None, "change_from": None,
                       "_hidden": g in hidden_grades, "_size": w + m})
    worst = None
    prev = None
    for r in grades:
        if r["_hidden"]:
            continue
        if prev is not None:
            r["change"] = r["women_share"] - prev["women_share"]
            r["change_from"] = prev["grade"]
            if r["change"] < 0 and (worst is None or -r["change"] > worst["drop"]):
                worst = {"from": prev["grade"], "to": r["grade"], "drop": -r["change"]}
        prev = r
    left_out = [r["grade"] for r in grades if r["_hidden"]]
    for r in grades:
        if r.pop("_hidden"):
            r.update(women=SUPPRESSED, men=SUPPRESSED, other=SUPPRESSED,
                     women_share=SUPPRESSED, change=SUPPRESSED, change_from=None)
        r.pop("_size")
    missing = (None if len(shares) >= 2
               else Said(say("figure.two_grades", where=where_words(key))))
    return {"grades": grades, "largest_drop": worst, "missing": missing, "left_out": left_out}


def _hidden_grades(shares: list[tuple[str, int, int, int]], min_group: int) -> set[str]:
    """Grades whose figures are not published: those with fewer than ``min_group`` women and
    men, and, when that is one grade, the next smallest too (else the staff total minus the
    other grades gives it away)."""
    hidden = {g for g, w, m, _o in shares if small((w + m,), min_group)}
    if len(hidden) == 1 and len(shares) > 1:
        hidden.add(min((s for s in shares if s[0] not in hidden), key=lambda s: s[1] + s[2])[0])
    return hidden


def projection(data: WorkforceData, target: float = 0.30,
               key: tuple[tuple[str, str], ...] = (), *, max_years: int = 100,
               min_group: int = 0) -> list[dict[str, Any]]:
    """When each grade reaches ``target`` women's share at the period's rates.

    A stock-and-flow model: each grade keeps its headcount; each year women and men leave it
    (exit, or promotion to the next grade) at the period's rates for their sex, and the places
    they leave are filled with women at the share women had among the period's entrants to the
    grade (recruits plus promotions into it).  Rows: ``grade``, ``women_share``,
    ``entrants_women_share``, ``leaving_rate_women``/``_men``, ``long_run_share``, ``years``
    and ``year`` (``None`` when never), and ``outcome`` in words.  With ``min_group``, a figure
    resting on fewer people is suppressed, and so is everything worked out from it."""
    if "grade" not in data.breakdowns:
        return []
    order = list(data.grades)
    shares = grade_shares(data, key)
    hidden = _hidden_grades(shares, min_group) if not isinstance(shares, Missing) else set()
    out = []
    for g in data.values("grade"):
        t = totals(data, with_filter(key, "grade", g))
        if isinstance(t, Missing):
            continue
        w, m, _o = t.sums["headcount"]
        if w + m <= 0:
            continue
        row: dict[str, Any] = {"grade": g, "women_share": w / (w + m),
                               "entrants_women_share": None, "leaving_rate_women": None,
                               "leaving_rate_men": None, "long_run_share": None, "years": None,
                               "year": None}
        if g in hidden:
            row.update(dict.fromkeys(("women_share", "entrants_women_share", "leaving_rate_women",
                                      "leaving_rate_men", "long_run_share", "years", "year"),
                                     SUPPRESSED))
            row["outcome"] = Said(say("projection.hidden_small", min_group=min_group)
                                  if small((w + m,), min_group) else
                                  say("projection.hidden_pair"))
            out.append(row)
            continue
        flows = {c: need(data, t, c) for c in ("exits", "recruited", "promoted")}
        lacking = next((v for v in flows.values() if isinstance(v, Missing)), None)
        nxt_i = order.index(g) + 1
        up: Any = (0, 0, 0)
        if lacking is None and nxt_i < len(order):
            tn = totals(data, with_filter(key, "grade", order[nxt_i]))
            if not isinstance(tn, Missing):
                up = need(data, tn, "promoted")
                if isinstance(up, Missing):
                    lacking = up
        if lacking is not None:
            row["outcome"] = Said(say("projection.cannot", reason=lacking.message
                                      if lacking.message is not None else lacking.reason))
            out.append(row)
            continue
        _project(row, data, w, m, flows, up, target, max_years, min_group)
        out.append(row)
    return out


def _project(row, data, w, m, flows, up, target, max_years, min_group) -> None:
    ex, rec, pro = flows["exits"], flows["recruited"], flows["promoted"]
    share = w / (w + m)
    rates = []
    bases = []
    for i, n in ((0, w), (1, m)):
        during = n + ex[i] + up[i]
        bases.append(during)
        rates.append((ex[i] + up[i]) / during if during > 0 else 0.0)
    a_w, a_m = rates
    entrants = rec[0] + pro[0] + rec[1] + pro[1]
    f = (rec[0] + pro[0]) / entrants if entrants > 0 else None
    hide_f = f is not None and small((entrants,), min_group)
    hide_w, hide_m = small((bases[0],), min_group), small((bases[1],), min_group)
    row.update(entrants_women_share=SUPPRESSED if hide_f else f,
               leaving_rate_women=SUPPRESSED if hide_w else a_w,
               leaving_rate_men=SUPPRESSED if hide_m else a_m)
    if f is None or (a_w == 0 and a_m == 0):
        long_run = share
    else:
        den = a_w * (1 - f) + a_m * f
        long_run = a_m * f / den if den > 0 else share
    years = None
    if share >= target - 1e-12:
        years = 0
        outcome = say("projection.now")
    elif f is None:
        outcome = say("projection.nobody_entered")
    elif long_run < target - 1e-9 or (a_w == 0 and a_m == 0):
        outcome = say("projection.never")
    else:
        s = share
        for year in range(1, max_years + 1):
            s = s * (1 - a_w) + (s * a_w + (1 - s) * a_m) * f
            if s >= target - 1e-12:
                years = year
                break
        outcome = (say("projection.in_years", n=years) if years is not None
                   else say("projection.not_within", n=max_years))
    if years is not None:
        row["years"] = years
        row["year"] = data.year + years if data.year is not None else None
        if years and row["year"] is not None:
            outcome = say("projection.in_years_by", n=years, year=str(row["year"]))
    row["long_run_share"] = long_run
    row["outcome"] = Said(outcome)
    if (hide_f or hide_w or hide_m) and years != 0:
        # the long run and the years to the target are worked out from the hidden figures
        row.update(long_run_share=SUPPRESSED, years=SUPPRESSED, year=SUPPRESSED,
                   outcome=Said(say("projection.hidden_rests", min_group=min_group)))
    elif hide_f or hide_w or hide_m:
        row["long_run_share"] = SUPPRESSED


def full_report(data: WorkforceData, by: Sequence[str] = ("grade",), target: float = 0.30, *,
                min_group: int = DEFAULT_MIN_GROUP,
                parity_band: ParityBand | tuple[float, float] | None = None,
                standard: Any = None) -> dict[str, Any]:
    """Everything ``seal metrics`` publishes: the groups table, the pipeline, the projection
    towards ``target`` and the exit reasons, with small groups suppressed.  The band parity is
    read against is ``parity_band``, else the parity band of ``standard`` (its parameters
    ``parity_low``, ``parity_high`` and ``parity_target``), else the UN's; ``band`` says which
    kind of band it is (``parity``, ``balanced`` or another ``band``)."""
    band = as_band(parity_band, standard)
    t = totals(data, ())
    w, m, o = t.sums["headcount"] if not isinstance(t, Missing) else (0, 0, 0)
    staff: dict[str, Any] = {"headcount": w + m + o, "women": w, "men": m, "other": o}
    if small((w + m,), min_group):
        staff.update(women=SUPPRESSED, men=SUPPRESSED, other=SUPPRESSED)
    reasons = [dict(r, exits=SUPPRESSED if small((r["exits"],), min_group) else r["exits"])
               for r in data.exit_reasons]
    return {
        "file": data.file,
        "shape": data.shape,
        "year": data.year,
        "grades": list(data.grades),
        "by": list(by),
        "target": target,
        "parity_band": [band.low, band.high],
        "band": band.model_dump(),
        "min_group": min_group,
        "staff": staff,
        "groups": workforce_report(data, by, target, min_group=min_group, parity_band=band),
        "pipeline": pipeline(data, min_group=min_group),
        "projection": projection(data, target, min_group=min_group),
        "exit_reasons": reasons,
        "pay_note": (Said(say("staff.pay_note_aggregated"))
                     if data.shape == "aggregated" and data.pay else None),
    }
