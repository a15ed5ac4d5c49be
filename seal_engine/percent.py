"""One convention for every percentage a person types: 0 to 100, with or without a '%' sign.

Answers, command-line options, plan baselines and targets all read ``64`` or ``64 %`` as sixty-four
per cent.  Inside the engine (rules, parameters, metrics) shares are fractions 0..1; these
helpers are the only crossing between the two.
"""

from __future__ import annotations

import math
import re

from .errors import Problem, SealError

__all__ = ["looks_like_fraction", "parse_percent", "percent_text", "shown_decimals"]

_PCT = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%?\s*$")


def parse_percent(value: object, field: str, *, allow_fraction: bool = False) -> float:
    """``value`` (``30``, ``"30"``, ``"30 %"``, ``"12,5%"``) as a number of per cent 0..100.

    Raises :class:`SealError` naming ``field`` for anything else.  Unless ``allow_fraction``,
    a value above 0 and below 1 is refused with the fix ('0.3 means 0.3 %; write 30 for 30 %'),
    for places where such a small percentage cannot be meant (a target, a parity band)."""
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        m = _PCT.match(value)
        if m:
            number = float(m.group(1).replace(",", "."))
    if number is None or not math.isfinite(number):
        raise SealError(Problem(f"{value!r} is not a percentage; write a number from 0 to 100, "
                                "e.g. 30 or 30 %", field=field))
    if not 0 <= number <= 100:
        raise SealError(Problem(f"{value!r} is not between 0 and 100 %", field=field))
    if not allow_fraction and looks_like_fraction(number):
        raise SealError(Problem(
            f"{value!r} means {percent_text(number)} here; percentages are written 0-100, so "
            f"write {number * 100:g} for {number * 100:g} %", field=field))
    return number


def looks_like_fraction(number: float) -> bool:
    """True for 0 < number < 1: a share written as a fraction where a percentage was asked."""
    return 0 < number < 1


def percent_text(number: float) -> str:
    """'64 %', '0.64 %', '12.5 %': a number of per cent as written, no rounding surprises."""
    return f"{number:g} %"


def shown_decimals(exact: float, threshold: float | None = None, least: int = 1) -> int:
    """How many decimals to print the percentage ``exact`` (0..100) with: ``least``, or more
    where fewer would print a ``threshold`` the figure does not reach (69.96 % next to a level
    needing 70 % prints '69.96 %', never '70.0 %')."""
    decimals = least
    while (threshold is not None and exact < threshold
           and round(exact, decimals) >= threshold and decimals < 6):
        decimals += 1
    return decimals

