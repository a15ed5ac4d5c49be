"""Parity as UN gender focal points count it: the band a women's share is read against, the
verdict, and the number of women (or men) needed to reach the band's floor and to reach the
target (50 % in the UN context), at constant headcount or by adding staff.

Everything here is whole-number arithmetic on exact fractions (a band edge of 0.47 is 47/100,
never the float just below it), and every result is data: numbers and codes in pydantic models,
turned into words by the renderers.  Definitions and their sources are in ``docs/workforce.md``
("Parity as UN focal points count it").
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from pydantic import Field, model_validator

from ..models import SealModel

__all__ = [
    "BAND_KINDS",
    "UN_BALANCED_BAND",
    "UN_PARITY_BAND",
    "UN_PARITY_TARGET",
    "VERDICTS",
    "ParityBand",
    "ParityFigures",
    "as_band",
    "band_from_standard",
    "band_of",
    "parity_figures",
    "share_decimals",
    "target_needed",
    "verdict_of",
]

BandKind = Literal["parity", "balanced", "band"]
Verdict = Literal["below band", "in band", "above band"]
Sex = Literal["women", "men"]

#: What a band is: the parity band (47-53 % in the UN system), balanced participation (often
#: 40-60 %), or any other band, named by its figures.
BAND_KINDS: tuple[str, ...] = ("parity", "balanced", "band")
#: Where a women's share stands against a band (edges inside).
VERDICTS: tuple[str, ...] = ("below band", "in band", "above band")

#: The UN parity band (check): a women's share from 47 % to 53 % is parity.  Used when no
#: standard names one (its parameters ``parity_low`` and ``parity_high``).
UN_PARITY_BAND: tuple[float, float] = (0.47, 0.53)
#: Balanced participation, often 40-60 % (``balanced_low``, ``balanced_high``): not parity.
UN_BALANCED_BAND: tuple[float, float] = (0.40, 0.60)
#: The UN target: 50 % women (a standard may set ``parity_target``).
UN_PARITY_TARGET = 0.5

#: The fewest and most decimals a percentage is printed with (see :func:`share_decimals`).
_DECIMALS = (1, 6)


def _exact(x: float | int | Fraction) -> Fraction:
    """``x`` as the decimal it was written as: 0.47 is 47/100."""
    if isinstance(x, Fraction):
        return x
    return Fraction(Decimal(repr(float(x))))


class ParityBand(SealModel):
    """The band a women's share is read against, what kind of band it is and the target."""

    low: float = Field(ge=0, le=1, description="Lowest women's share inside the band (0..1).")
    high: float = Field(ge=0, le=1, description="Highest women's share inside the band (0..1).")
    kind: BandKind = Field(description="'parity' (the UN's 47-53 %), 'balanced' (balanced "
                           "participation, often 40-60 %) or 'band' (any other, named by its "
                           "figures).")
    target: float = Field(UN_PARITY_TARGET, gt=0, lt=1,
                          description="The women's share counted as equal: 0.5 in the UN "
                          "context.")

    @model_validator(mode="after")
    def _ordered(self) -> ParityBand:
        if self.low > self.high:
            raise ValueError(f"the band's low end {self.low!r} is above its high end "
                             f"{self.high!r}")
        return self

    @property
    def edges(self) -> tuple[float, float]:
        return (self.low, self.high)


def band_of(low: float, high: float, *, parity: tuple[float, float] = UN_PARITY_BAND,
            balanced: tuple[float, float] = UN_BALANCED_BAND,
            target: float = UN_PARITY_TARGET) -> ParityBand:
    """The band ``low``-``high``, named ``parity`` when it is the ``parity`` band, ``balanced``
    when it is the ``balanced`` one, ``band`` otherwise."""
    edges = (_exact(low), _exact(high))
    kind: BandKind = ("parity" if edges == (_exact(parity[0]), _exact(parity[1])) else
                      "balanced" if edges == (_exact(balanced[0]), _exact(balanced[1])) else
                      "band")
    return ParityBand(low=low, high=high, kind=kind, target=target)


def _param(standard: Any, name: str, default: float) -> float:
    p = getattr(standard, "parameters", {}).get(name) if standard is not None else None
    value = getattr(p, "value", None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return default


def band_from_standard(standard: Any = None, which: Literal["parity", "balanced"] = "parity"
                       ) -> ParityBand:
    """The parity band (``which='parity'``) or the band of balanced participation of a
    standard, from its parameters ``parity_low``/``parity_high``, ``balanced_low``/
    ``balanced_high`` and ``parity_target``; the UN's where it has none (or no standard)."""
    parity = (_param(standard, "parity_low", UN_PARITY_BAND[0]),
              _param(standard, "parity_high", UN_PARITY_BAND[1]))
    balanced = (_param(standard, "balanced_low", UN_BALANCED_BAND[0]),
                _param(standard, "balanced_high", UN_BALANCED_BAND[1]))
    target = _param(standard, "parity_target", UN_PARITY_TARGET)
    low, high = parity if which == "parity" else balanced
    return band_of(low, high, parity=parity, balanced=balanced, target=target)


def as_band(band: ParityBand | tuple[float, float] | list[float] | None,
            standard: Any = None) -> ParityBand:
    """A :class:`ParityBand` from a band, a pair of edges (named against the standard's bands,
    the UN's without one) or ``None`` (the standard's parity band, else the UN's)."""
    if isinstance(band, ParityBand):
        return band
    ref = band_from_standard(standard)
    if band is None:
        return ref
    low, high = band
    bal = band_from_standard(standard, "balanced")
    return band_of(low, high, parity=ref.edges, balanced=bal.edges, target=ref.target)


def verdict_of(share: Fraction | float, band: ParityBand) -> Verdict:
    """Where ``share`` stands against the band; the edges are inside it."""
    s = _exact(share)
    if s < _exact(band.low):
        return "below band"
    if s > _exact(band.high):
        return "above band"
    return "in band"


def share_decimals(women: int, men: int, band: ParityBand) -> int:
    """The least number of decimals (1 at least) with which women's share, printed as a
    percentage, stands on the same side of both band edges as the share itself: 4,699 women
    in 10,000 (46.99 %, below a 47-53 % band) needs 2, as "47.0 %" would read as inside it."""
    n = women + men
    if n <= 0:
        return _DECIMALS[0]
    share = Fraction(women, n)
    verdict = verdict_of(share, band)
    value = women / n * 100  # what a renderer prints
    for d in range(_DECIMALS[0], _DECIMALS[1] + 1):
        if verdict_of(Fraction(Decimal(f"{value:.{d}f}")) / 100, band) == verdict:
            return d
    return _DECIMALS[1]


def _even(women: int, men: int, target: Fraction) -> bool:
    """As near the target as whole people allow: women within half a person of target × staff
    (for 50 %, |W - M| <= 1)."""
    return abs(women - target * (women + men)) <= Fraction(1, 2)


def target_needed(women: int, men: int, target: float = UN_PARITY_TARGET
                  ) -> tuple[int, int, Sex | None]:
    """(at constant headcount, by adding staff, of whom) for women's share to reach ``target``.

    At constant headcount: ``max(0, ceil(t(W+M)) - W)`` women replacing men (for 50 %,
    ``ceil((W+M)/2) - W``), or ``ceil((1-t)(W+M)) - M`` men when women are above the target.
    By adding staff: the women to add, nobody leaving, ``ceil((t(W+M) - W) / (1-t))`` (for 50 %,
    M - W), or the men ``ceil((W - t(W+M)) / t)``.  Nobody (0, 0, None) when the group is as
    near the target as whole people allow (for 50 %: |W - M| <= 1)."""
    t = _exact(target)
    n = women + men
    if n <= 0 or _even(women, men, t):
        return 0, 0, None
    if women < t * n:
        return math.ceil(t * n) - women, math.ceil((t * n - women) / (1 - t)), "women"
    return math.ceil((1 - t) * n) - men, math.ceil((women - t * n) / t), "men"


class ParityFigures(SealModel):
    """One group's women's share against a band, and who would be needed to reach the band's
    floor and the target, at constant headcount (people of one sex taking the places of the
    other) and by adding staff (nobody leaving).  ``None`` for a figure no whole number of
    people can reach (a band narrower than one person of a small group)."""

    women: int
    men: int
    women_share: float | None
    verdict: Verdict | None = Field(description="below band, in band, above band.")
    share_decimals: int = Field(description="Decimals with which the share, as a percentage, "
                                "stays on its verdict's side of the band's edges.")
    band_needed: int | None = Field(description="People of band_needed_sex who would have to "
                                    "take the places of the other sex for the share to reach "
                                    "the band (women: its floor; men: its ceiling).")
    band_needed_added: int | None = Field(description="The same by adding staff of that sex.")
    band_needed_sex: Sex | None
    parity_needed: int = Field(description="People of parity_needed_sex who would have to "
                               "take the places of the other sex to reach the target (50/50).")
    parity_needed_added: int = Field(description="The same by adding staff of that sex.")
    parity_needed_sex: Sex | None


def _band_needed(women: int, men: int, band: ParityBand, verdict: Verdict
                 ) -> tuple[int | None, int | None, Sex | None]:
    if verdict == "in band":
        return 0, 0, None
    low, high = _exact(band.low), _exact(band.high)
    if low <= Fraction(1, 2) <= high and abs(women - men) <= 1:
        return 0, 0, None  # as near 50/50 as whole people allow
    n = women + men
    if verdict == "below band":
        k = max(0, math.ceil(low * n - women))
        swap = k if women + k <= high * n else None
        if low >= 1:
            add = None
        else:
            a = max(0, math.ceil((low * n - women) / (1 - low)))
            add = a if Fraction(women + a, n + a) <= high else None
        return swap, add, "women"
    k = max(0, math.ceil(women - high * n))
    swap = k if women - k >= low * n else None
    if high <= 0:
        add = None
    else:
        b = max(0, math.ceil((women - high * n) / high))
        add = b if Fraction(women, n + b) >= low else None
    return swap, add, "men"


def parity_figures(women: int, men: int, band: ParityBand) -> ParityFigures:
    """The figures of a group of ``women`` and ``men`` against ``band``."""
    women, men = int(women), int(men)
    if women + men <= 0:
        return ParityFigures(women=women, men=men, women_share=None, verdict=None,
                             share_decimals=_DECIMALS[0], band_needed=None,
                             band_needed_added=None, band_needed_sex=None, parity_needed=0,
                             parity_needed_added=0, parity_needed_sex=None)
    verdict = verdict_of(Fraction(women, women + men), band)
    swap, add, sex = _band_needed(women, men, band, verdict)
    k, a, who = target_needed(women, men, band.target)
    return ParityFigures(
        women=women, men=men, women_share=women / (women + men), verdict=verdict,
        share_decimals=share_decimals(women, men, band), band_needed=swap,
        band_needed_added=add, band_needed_sex=sex, parity_needed=k, parity_needed_added=a,
        parity_needed_sex=who)
