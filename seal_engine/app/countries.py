"""Country names people choose from instead of typing: the ISO 3166-1 English short names
(``data/iso3166-1.csv``, from Debian's iso-codes, with its source in the file's header), with
the names the database already uses (an institution's country outside the list, such as the
demo's fictional ones) kept choosable, so that a typo never creates a country."""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["COUNTRIES_FILE", "Country", "country_label", "country_options", "iso_countries"]

COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "iso3166-1.csv"


@dataclass(frozen=True)
class Country:
    alpha_2: str
    alpha_3: str
    name: str
    """The ISO 3166-1 English short name, e.g. 'Bolivia, Plurinational State of'."""
    common_name: str | None
    """The everyday name where it differs, e.g. 'Bolivia'."""


@functools.cache
def iso_countries() -> tuple[Country, ...]:
    """The ISO 3166-1 countries, by name."""
    with COUNTRIES_FILE.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return tuple(sorted((Country(r["alpha_2"], r["alpha_3"], r["name"],
                                     r["common_name"] or None) for r in rows),
                            key=lambda c: c.name))


@functools.cache
def _common() -> dict[str, str]:
    return {c.name: c.common_name for c in iso_countries() if c.common_name}


def country_options(used: Iterable[str] = ()) -> list[str]:
    """The names to choose from: every ISO 3166-1 name and every name in ``used`` (the
    countries the database's institutions have), sorted."""
    names = {c.name for c in iso_countries()} | {u for u in used if u and u.strip()}
    return sorted(names, key=str.casefold)


def country_label(name: str) -> str:
    """A country as the list shows it: the ISO name, with its everyday name where it differs
    ('Korea, Republic of (South Korea)'), so that typing either finds it."""
    common = _common().get(name)
    return f"{name} ({common})" if common else name
