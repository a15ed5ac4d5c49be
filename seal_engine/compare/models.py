"""The shapes of the government view, as pydantic models (the single source of every shape: the
app's portfolio page, ``seal compare --format json`` and the tests read these).

A :class:`ScoredRow` is one scored assessment, small enough to send between processes and keep
by the hundred thousand: its benchmark statuses are one letter each (:data:`STATUS_CODES`), in
the order of its standard's :class:`StandardShape`.  A :class:`Comparison` is what
:func:`~seal_engine.compare_portfolio` makes of many rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from ..models import BenchmarkStatus, SealModel

__all__ = [
    "BASES",
    "GROUP_FIELDS",
    "STATUS_CODES",
    "BenchmarkChange",
    "BenchmarkRate",
    "Comparison",
    "GroupLevels",
    "GroupRate",
    "InstitutionParity",
    "LevelInfo",
    "ParityDashboard",
    "ParityFigure",
    "PeriodChange",
    "RankRow",
    "ScoredRow",
    "StandardShape",
    "StandardUse",
]

#: One letter per benchmark status, as :attr:`ScoredRow.statuses` holds them.
STATUS_CODES: dict[BenchmarkStatus, str] = {
    BenchmarkStatus.met: "M",
    BenchmarkStatus.partially_met: "P",
    BenchmarkStatus.not_met: "N",
    BenchmarkStatus.not_applicable: "A",
    BenchmarkStatus.not_answered: "U",
}
CODE_STATUS: dict[str, BenchmarkStatus] = {v: k for k, v in STATUS_CODES.items()}

#: Which results a comparison shows: ``self`` (self-assessed only), ``reviewed`` (reviewed
#: only: the assessor's result in the database, or an assessment file of ``kind: external``),
#: ``preferred`` (each institution's reviewed result where it has one, else its self-assessed
#: one; every row says which, and the totals say how many of each).
BASES: tuple[str, ...] = ("preferred", "self", "reviewed")

#: What a comparison can be broken down by.
GROUP_FIELDS: tuple[str, ...] = ("country", "scope", "sector", "region", "standard", "kind")


_Model = SealModel

class StandardShape(_Model):
    """What a comparison needs to know of a standard: its dimensions, benchmarks (in scoring
    order, with dimension, weight and the level they are mandatory from) and levels."""

    id: str
    version: int
    title: str
    extends: str | None = Field(None, description="'ID vVERSION' of the standard it adapts.")
    basis: str = Field("benchmarks_met", description="How the standard counts its percentage: "
                       "'benchmarks_met' or 'weighted_points'.")
    partial_credit: float
    dimensions: list[tuple[str, str]] = Field(description="(id, title) in order.")
    benchmarks: list[tuple[str, str, str, float, str | None]] = Field(
        description="(id, dimension id, title, credit, mandatory_from) in scoring order; the "
        "credit is 1 on the share of benchmarks met, the weight on weighted points.")
    levels: list[tuple[str, str, int]] = Field(description="(id, title, order), lowest first.")
    results_levels: list[tuple[str, str, list[str]]] = Field(
        default_factory=list, description="The programme's results levels: (id, title, "
        "dimension ids), a second grouping of the dimensions.")

    @property
    def key(self) -> str:
        return f"{self.id} v{self.version}"


class ScoredRow(_Model):
    """One scored assessment: who, when, against what, which kind of result, and the result."""

    file: str | None = Field(None, description="The assessment file, when read from one.")
    assessment: str
    institution: str = Field(description="The institution's id.")
    name: str
    country: str
    scope: Literal["national", "subnational"]
    sector: str | None = None
    region: str | None = None
    period: str = Field(description="The period's label, or the year it ends.")
    period_start: dt.date
    period_end: dt.date
    standard: str
    version: int
    kind: Literal["self", "reviewed"] = Field(
        description="self: self-assessed; reviewed: after the assessor's verdicts (the "
        "database) or an external assessment (a file of kind external).")
    draft: bool = Field(description="True for an unfinished self-assessment (status draft).")
    level: str | None
    score: float
    points: float
    max_points: float
    dimensions: list[float | None] = Field(
        description="Dimension scores in percent, in the order of the standard's dimensions.")
    results_levels: list[float | None] = Field(
        default_factory=list, description="Scores by results level in percent, in the order of "
        "the standard's results levels.")
    statuses: str = Field(description="One letter a benchmark (M met, P partially met, N not "
                          "met, A not applicable, U not answered), in the standard's order.")
    parity: list[tuple[str, str, int, int, int]] | None = Field(
        None, description="Staff by breakdown: (breakdown, value, women, men, other); "
        "('all', '', ...) first.  None when there is no workforce data (or it was not read).")

    @property
    def standard_key(self) -> str:
        return f"{self.standard} v{self.version}"


class StandardUse(_Model):
    id: str
    version: int
    title: str
    institutions: int = Field(description="Institutions shown whose result is against it.")
    score_basis: str = Field("benchmarks_met", description="How its scores are counted: "
                             "'benchmarks_met' (share of applicable benchmarks met) or "
                             "'weighted_points'.")
    partial_credit: float = Field(0.0, description="Credit for a partially met benchmark.")


class LevelInfo(_Model):
    id: str | None = Field(description="Null: no level reached.")
    title: str
    order: int


class GroupLevels(_Model):
    """How many institutions of a group reached each level, and their mean scores."""

    group: dict[str, str | None] = Field(description="Breakdown field -> value; {} for all.")
    institutions: int
    levels: dict[str, int] = Field(description="Level id (or 'none') -> institutions.")
    mean_score: float | None
    mean_shared_score: float | None = Field(
        None, description="Mean score on the shared benchmarks, when standards differ.")
    dimensions: dict[str, float | None] = Field(
        description="Dimension id -> mean dimension score (of those where it applies).")
    results_levels: dict[str, float | None] = Field(
        default_factory=dict, description="Results level id -> mean score (of those where it "
        "applies).")
    reviewed: int = Field(description="Of the institutions, those shown with a reviewed result.")


class GroupRate(_Model):
    group: dict[str, str | None]
    applicable: int
    met: int
    pass_rate: float | None


class BenchmarkRate(_Model):
    """A benchmark across institutions: how many meet it, and where it is met least."""

    id: str
    title: str
    dimension: str
    mandatory_from: str | None
    applicable: int = Field(description="Institutions where it applies.")
    met: int
    partially_met: int
    not_met: int
    not_answered: int
    not_applicable: int
    pass_rate: float | None = Field(description="met / applicable, 0..1; null if none apply.")
    groups: list[GroupRate] = Field(default_factory=list,
                                    description="The same by the groups asked for.")
    lowest: GroupRate | None = Field(None, description="The group where it is met least.")


class ParityFigure(_Model):
    """Staff of one group: women's share, where it stands against the band and the number of
    women (or men) needed to reach the band and 50 %, at constant headcount (replacing the
    other sex) and by adding staff, as ``seal metrics`` counts them
    (:class:`~seal_engine.workforce.parity.ParityFigures`).  Figures resting on fewer than
    ``min_group`` women and men are suppressed (the string 'suppressed')."""

    breakdown: str = Field(description="grade, category, contract, age_band, location; 'all'.")
    value: str
    headcount: int | str
    women: int | str
    men: int | str
    other: int | str
    women_share: float | str | None
    share_decimals: int | str | None = Field(
        None, description="Decimals with which women's share, as a percentage, stays on its "
        "verdict's side of the band's edges.")
    parity: str | None = Field(description="below band, in band, above band; or suppressed.")
    band_needed: int | str | None = Field(
        None, description="Staff of band_needed_sex needed, at constant headcount, for the "
        "share to reach the band; null when no whole number of people can.")
    band_needed_added: int | str | None = Field(
        None, description="The same by adding staff of that sex.")
    band_needed_sex: str | None = Field(None, description="women or men.")
    needed: int | str | None = Field(description="Staff needed for 50/50 at constant "
                                     "headcount; 0 when |W - M| <= 1.")
    needed_added: int | str | None = Field(None, description="The same by adding staff.")
    needed_sex: str | None = Field(description="women or men: who would be needed.")
    institutions: int = Field(1, description="Institutions counted in it.")


class InstitutionParity(_Model):
    institution: str
    name: str
    period: str
    figures: list[ParityFigure]


class ParityDashboard(_Model):
    """Women's share by grade, staff category, age band and location, per institution and for
    the whole portfolio (the sums of the institutions' staff)."""

    band: tuple[float, float]
    band_kind: str = Field("parity", description="parity (the UN's 47-53 %), balanced "
                           "(balanced participation, often 40-60 %) or band (another).")
    target: float = Field(0.5, description="The women's share of the 'needed for 50/50' "
                          "figures.")
    min_group: int
    breakdowns: list[str]
    portfolio: list[ParityFigure]
    institutions: list[InstitutionParity]
    at_parity: int = Field(description="Institutions whose overall women's share is in the band "
                           "(at parity, or balanced for balanced participation).")
    without_data: list[str] = Field(description="Institutions shown without workforce data.")


class RankRow(_Model):
    rank: int
    institution: str
    name: str
    country: str
    scope: str
    sector: str | None
    region: str | None
    period: str
    assessment: str
    standard: str
    kind: str
    level: str | None
    level_title: str
    score: float
    shared_score: float | None = Field(
        None, description="Score on the benchmarks all standards shown share, when they differ.")
    dimensions: list[float | None] = Field(description="In the order of Comparison.dimensions.")
    results_levels: list[float | None] = Field(
        default_factory=list, description="In the order of Comparison.results_levels.")


class BenchmarkChange(_Model):
    id: str
    title: str
    before: BenchmarkStatus
    after: BenchmarkStatus


class PeriodChange(_Model):
    """One institution's latest result against its result in an earlier period."""

    institution: str
    name: str
    before_period: str
    after_period: str
    before_level: str | None
    after_level: str | None
    before_level_title: str = Field("no level", description="The level before, as every "
                                    "output writes it (its title in the standard).")
    after_level_title: str = Field("no level", description="The level after, as every output "
                                   "writes it (its title in the standard).")
    before_score: float
    after_score: float
    change: float = Field(description="after_score - before_score, in points of percent.")
    newly_met: int
    no_longer_met: int
    benchmarks: list[BenchmarkChange]
    note: str | None = Field(None, description="Set when the two results are against "
                             "different standards (compared on the benchmarks they share).")


class Comparison(_Model):
    """The government view of many institutions."""

    source: str = Field(description="Where the results came from (files, a database).")
    basis: Literal["preferred", "self", "reviewed"]
    basis_note: str = Field(description="Which results are shown, in words (every output "
                            "says it).")
    self_assessed: int
    reviewed: int
    by: list[str]
    periods: list[str] = Field(description="The periods asked for; [] for each institution's "
                               "latest.")
    assessments: int = Field(description="Results read (after the filters).")
    left_out: dict[str, int] = Field(
        description="Results not counted, by reason (drafts, other kinds, other periods...).")
    institutions: int
    standards: list[StandardUse]
    standards_note: str | None = Field(None, description="Set when several standards are "
                                       "shown: compared on the benchmarks they share.")
    shared_benchmarks: list[str] = Field(description="Benchmark ids every standard shown has.")
    benchmarks_of_some: list[str] = Field(
        default_factory=list, description="Benchmark ids only some of the standards shown have "
        "(left out of the pass rates and shared scores).")
    dimensions: list[tuple[str, str]] = Field(description="(id, title) of shared dimensions.")
    results_levels: list[tuple[str, str]] = Field(
        default_factory=list, description="(id, title) of the results levels every standard "
        "shown has: the programme's second grouping of the dimensions.")
    levels: list[LevelInfo] = Field(description="Highest first, then 'none'.")
    ranking: list[RankRow]
    distribution: list[GroupLevels] = Field(description="All institutions first, then by group.")
    scopes: list[GroupLevels] = Field(description="National against subnational.")
    benchmarks: list[BenchmarkRate] = Field(description="Lowest pass rate first.")
    parity: ParityDashboard | None
    changes: list[PeriodChange]
    notes: list[str] = Field(default_factory=list)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")
