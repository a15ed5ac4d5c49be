"""Pay transparency: the indicators of Article 9 of Directive (EU) 2023/970 and the joint pay
assessment of its Article 10, from the same workforce file.

:func:`pay_report` gives a :class:`PayReport`: overall and for each group of ``by``, the seven
indicators in the order the directive lists them (a mean gap, b mean gap in complementary or
variable components, c median gap, d median gap in those components, e the share of women and
of men receiving them, f the share of women and men in each quartile pay band, g the gap by
category of workers, basic and complementary pay apart), each **on annual pay and per hour**:
Article 3(1)(b) defines the pay level as gross annual pay *and* the corresponding gross hourly
pay.  Then the categories that call for a joint pay assessment (Article 10): a mean gap of at
least ``threshold`` (5 %) either way that no justification by objective, gender-neutral
criteria covers.

Annual pay is the pay for the period as the file gives it (``pay``, or ``basic_pay`` +
``complementary_pay``); hourly pay is annual pay / ``hours`` paid in the same period, or, with
``fte``, annual pay / (fte x the hours of a full-time post), those hours cancelling out of every
gap and share.  Gaps are (men's - women's) / men's, positive when men are paid more.  Small
groups are suppressed as in every published table: a figure resting on fewer than ``min_group``
women or men (a quartile band of fewer people) is ``"suppressed"``.  The report is data
(pydantic models); ``seal_engine.render`` turns it into text, JSON, CSV and XLSX.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .._source import shorten_repr
from ..errors import Problem, WorkforceError
from ..messages import MESSAGES, render_message, say
from ..rules import Missing
from .columns import where_words
from .data import WorkforceData
from .metrics import compute_metric, positive, quartile_bands, quartiles
from .report import DEFAULT_MIN_GROUP, SUPPRESSED, publish, small

__all__ = [
    "ARTICLE_9",
    "DEFAULT_THRESHOLD",
    "DEFINITIONS",
    "JOINT_ASSESSMENT_COVERS",
    "PAY_LEVEL",
    "QUARTILE_RULE",
    "CategoryFigures",
    "FlaggedCategory",
    "GroupFigures",
    "Indicator",
    "JointPayAssessment",
    "JustifiedCategory",
    "PayBasis",
    "PayCategory",
    "PayGroup",
    "PayReport",
    "QuartileBand",
    "pay_report",
    "read_justifications",
]

#: A mean gap in a category of at least this much (either way) calls for a joint pay
#: assessment unless it is justified (Article 10(1)).
DEFAULT_THRESHOLD = 0.05

#: The indicators of Article 9(1), in its order: (letter, key in a report row, title); the
#: titles are the English of the messages ``pay.article9.<letter>`` (:func:`indicator_title`
#: in another language).
ARTICLE_9: tuple[tuple[str, str, str], ...] = tuple(
    (letter, key, str(MESSAGES[f"pay.article9.{letter}"])) for letter, key in (
        ("a", "pay_gap_mean"), ("b", "bonus_gap_mean"), ("c", "pay_gap_median"),
        ("d", "bonus_gap_median"), ("e", "bonus_share"), ("f", "quartiles"),
        ("g", "categories")))


def indicator_title(letter: str, lang: str = "en") -> str:
    """The title of indicator ``letter`` of Article 9(1) in ``lang``."""
    return render_message(say(f"pay.article9.{letter}"), lang=lang)

#: What the pay level is (Article 3(1)(b)), in plain words.
PAY_LEVEL = ("Art. 3(1)(b): the pay level is gross annual pay and the corresponding gross "
             "hourly pay, so every indicator is given on both")

#: How the quartile pay bands are cut, ties included (Article 9(1)(f)).
QUARTILE_RULE = (
    "Art. 9(1)(f): the n women and men with pay are ranked by pay (annual, then per hour) and "
    "cut into four bands of whole people, band q holding the places after floor((q - 1) x n / "
    "4) up to floor(q x n / 4); people with the same pay form a block, and when a band boundary "
    "cuts a block of b people with w women, its women are spread evenly over its places: among "
    "its first k places there are round(k x w / b) women (halves rounded up, so an even split "
    "puts the woman in the lower band), the others men")

#: Each indicator's definition, citing its article; by the letter of Article 9(1), and "10".
DEFINITIONS: dict[str, str] = {
    "a": "Art. 9(1)(a): (men's mean pay - women's mean pay) / men's mean pay, over the women "
         "and men with pay, on annual pay and on pay per hour",
    "b": "Art. 9(1)(b): the same over complementary or variable components, among the women "
         "and the men who receive some (above 0): on the annual amounts, and per hour",
    "c": "Art. 9(1)(c): (men's median pay - women's median pay) / men's median pay, on annual "
         "pay and on pay per hour",
    "d": "Art. 9(1)(d): the same with medians of complementary or variable components, among "
         "those who receive some: on the annual amounts, and per hour",
    "e": "Art. 9(1)(e): women receiving complementary or variable components / women with pay, "
         "and the same for men; the same people on annual and hourly pay",
    "f": QUARTILE_RULE,
    "g": "Art. 9(1)(g): the mean gap (a) within each category of workers (the category column, "
         "else grade), on all pay, on ordinary basic pay and on complementary or variable "
         "components (among those receiving some), on annual pay and per hour",
    "10": "Art. 10(1): a joint pay assessment when a category's mean gap is at least the "
          "threshold (5 %) either way, on pay per hour (annual pay when the file gives no "
          "hours, pay as given in an aggregated file), is not justified by objective, "
          "gender-neutral criteria, and is not remedied within six months of the pay report",
}

#: What a joint pay assessment must cover (Article 10(2)), in plain words.
JOINT_ASSESSMENT_COVERS: tuple[str, ...] = (
    "the share of women and of men in each category of workers",
    "the pay levels of women and men in each category, with the complementary or variable "
    "components",
    "the differences in pay between women and men in each category",
    "the reasons for those differences, on objective, gender-neutral criteria, established "
    "jointly with the workers' representatives",
    "the share of women and of men whose pay improved on their return from maternity, "
    "paternity, parental or carers' leave, where pay improved in their category during the "
    "leave",
    "the measures to address the differences that objective, gender-neutral criteria do not "
    "justify",
    "how effective the measures of previous joint pay assessments were",
)

BasisKey = Literal["annual", "hourly", "period"]
#: A published figure: a fraction, ``"suppressed"``, or ``None`` when the data is lacking
#: (the reason is in ``lacking``).
Published = float | Literal["suppressed"] | None

_BASIS_WORDS = {"annual": "in annual pay", "hourly": "per hour", "period": ""}
_GROUP_FIGURES = ("pay_gap_mean", "bonus_gap_mean", "pay_gap_median", "bonus_gap_median",
                  "bonus_share_women", "bonus_share_men")
_CATEGORY_FIGURES = ("pay_gap_mean", "basic_pay_gap_mean", "bonus_gap_mean",
                     "bonus_share_women", "bonus_share_men")
# the PayTable attributes of each basis: all pay, basic pay, complementary or variable pay
_ATTRS = {"annual": ("annual", "basic", "complementary"),
          "hourly": ("rate", "basic_rate", "complementary_rate")}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class PayBasis(_Model):
    """How pay is measured on one basis: ``annual`` (gross pay for the period), ``hourly``
    (the corresponding pay per hour), or, for aggregated files, ``period`` (the groups' pay as
    the file gives it, of a period the file does not say)."""

    key: BasisKey
    title: str
    columns: list[str] = Field(description="The file's columns the pay is worked out from.")
    derivation: str = Field(description="How the pay is worked out, in words.")
    lacking: str | None = Field(None, description="Why no figure can be given on this basis.")


class Indicator(_Model):
    """An indicator of Article 9(1) and its definition (which cites the article)."""

    article: str
    letter: str
    key: str
    title: str
    definition: str


class QuartileBand(_Model):
    """A quartile pay band (1 = the lowest paid quarter): its whole people and the shares."""

    quartile: int
    people: int
    women_share: Published
    men_share: Published


class GroupFigures(_Model):
    """Indicators (a)-(f) of one group on one basis."""

    basis: BasisKey
    pay_gap_mean: Published
    bonus_gap_mean: Published
    pay_gap_median: Published
    bonus_gap_median: Published
    bonus_share_women: Published
    bonus_share_men: Published
    quartiles: list[QuartileBand] = Field(default_factory=list)
    lacking: dict[str, str] = Field(default_factory=dict)


class PayGroup(_Model):
    """A group of the report (all staff, or one combination of ``by``): its women and men with
    pay and its figures on each basis, annual first."""

    group: dict[str, str]
    women: int
    men: int
    figures: list[GroupFigures]

    def on(self, basis: str) -> GroupFigures:
        return next(f for f in self.figures if f.basis == basis)


class CategoryFigures(_Model):
    """Indicator (g) of one category of workers on one basis."""

    basis: BasisKey
    pay_gap_mean: Published
    basic_pay_gap_mean: Published
    bonus_gap_mean: Published
    bonus_share_women: Published
    bonus_share_men: Published
    lacking: dict[str, str] = Field(default_factory=dict)


class PayCategory(_Model):
    """A category of workers: indicator (g) on each basis and its Article 10 status, tested on
    ``basis``."""

    category: str
    women: int
    men: int
    figures: list[CategoryFigures]
    basis: BasisKey
    status: Literal["flagged", "justified", "below threshold", "not published",
                    "no comparison"]
    justification: str | None = None
    why: str

    def on(self, basis: str) -> CategoryFigures:
        return next(f for f in self.figures if f.basis == basis)


class FlaggedCategory(_Model):
    category: str
    basis: BasisKey
    pay_gap_mean: float
    why: str


class JustifiedCategory(_Model):
    category: str
    justification: str


class JointPayAssessment(_Model):
    """Article 10: the categories whose unjustified mean gap calls for a joint pay
    assessment."""

    article: str = "10"
    definition: str = DEFINITIONS["10"]
    needed: bool
    threshold: float
    basis: BasisKey
    categories: list[FlaggedCategory]
    justified: list[JustifiedCategory]
    not_published: list[str]
    summary: str
    covers: list[str]
    note: str


class PayReport(_Model):
    """The pay transparency report of a workforce file; ``to_dict()`` is its JSON."""

    file: str
    shape: str
    year: int | None
    by: list[str]
    min_group: int
    threshold: float
    pay_level: str = PAY_LEVEL
    bases: list[PayBasis]
    split: bool
    women_with_pay: int | Literal["suppressed"]
    men_with_pay: int | Literal["suppressed"]
    staff_without_pay: int
    quartile_rule: str = QUARTILE_RULE
    indicators: list[Indicator]
    groups: list[PayGroup]
    category_column: str | None
    categories: list[PayCategory]
    joint_pay_assessment: JointPayAssessment
    note: str | None

    def basis(self, key: str) -> PayBasis:
        return next(b for b in self.bases if b.key == key)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# ------------------------------------------------------------------------------- bases


def _bases(data: WorkforceData) -> list[PayBasis]:
    if data.shape == "aggregated":
        return [PayBasis(
            key="period", title="pay as the file gives it",
            columns=["pay_mean", "pay_median"],
            derivation="each group's mean and median gross pay as the aggregated file gives "
                       "them, in the file's own pay period (annual or hourly, the file does not "
                       "say)",
            lacking=None if data.pay else "the workforce file has no pay data")]
    no_pay = None if data.people is not None else "the workforce file has no pay data"
    pay_cols = ["basic_pay", "complementary_pay"] if "basic" in data.pay else ["pay"]
    annual = PayBasis(
        key="annual", title="annual pay", columns=pay_cols,
        derivation=f"gross pay for the period as the file gives it ({' + '.join(pay_cols)}), "
                   "taken as the year's pay; a shorter period paid alike (a month) gives the "
                   "same gaps and shares, each being a ratio",
        lacking=no_pay)
    if data.pay_basis == "hour":
        hourly = PayBasis(key="hourly", title="pay per hour", columns=[*pay_cols, "hours"],
                          derivation="annual pay / the hours paid in the same period (hours)",
                          lacking=no_pay)
    elif data.pay_basis == "fte":
        hourly = PayBasis(
            key="hourly", title="pay per hour", columns=[*pay_cols, "fte"],
            derivation="annual pay / (fte x the hours of a full-time post in the period); "
                       "those hours are the same for everyone, so they cancel out of every gap "
                       "and share and need not be given: the figures are those of pay per "
                       "full-time equivalent", lacking=no_pay)
    else:
        hourly = PayBasis(
            key="hourly", title="pay per hour", columns=pay_cols,
            derivation="annual pay / the hours paid in the same period",
            lacking=no_pay or "the workforce file has no hours (or fte) column, so pay per hour "
                              "cannot be worked out; add the hours paid in the period")
    return [annual, hourly]


# ------------------------------------------------------------------------------- figures

_Raw = tuple[Any, tuple[float, ...]]  # (value or Missing, the sizes it rests on)


def _values(data: WorkforceData, key, attr: str):
    """(women's, men's) sorted values of the PayTable attribute ``attr`` for the staff in post
    matching ``key``, or Missing.  Cached."""

    return data.sorted_pay(attr, key)


def _median(v: list[float]) -> float:
    n = len(v)
    mid = n // 2
    return v[mid] if n % 2 else (v[mid - 1] + v[mid]) / 2


def _gap(vals, kind: str, where, words: str, recipients: bool = False) -> _Raw:
    """The gap of ``vals``; ``words`` (``pay``, ``basic``, ``complementary``) names the
    measure in the reasons."""
    if isinstance(vals, Missing):
        return vals, ()
    women, men = vals
    if recipients:
        women = positive(women)
        men = positive(men)
    for v, label in ((women, "women"), (men, "men")):
        if not v:
            return Missing(say(f"figure.no_recipients.{label}" if recipients
                               else f"figure.no_pay.{label}", where=where)), ()
    sizes = (len(women), len(men))
    if kind == "mean":
        w, m = math.fsum(women) / len(women), math.fsum(men) / len(men)
    else:
        w, m = _median(women), _median(men)
    if m <= 0:
        return Missing(say(f"figure.men_zero.{kind}.{words}", where=where)), sizes
    return (m - w) / m, sizes


def _share(vals, i: int, where: str) -> _Raw:
    if isinstance(vals, Missing):
        return vals, ()
    v = vals[i]
    if not v:
        return Missing(say(f"figure.no_pay.{('women', 'men')[i]}", where=where)), (0,)
    return (len(v) - bisect_right(v, 0.0)) / len(v), (len(v),)  # v sorted, 0 or more


def _raw_figures(data: WorkforceData, key, basis: str, names: Sequence[str]
                 ) -> dict[str, _Raw]:
    """The real values of ``names`` on ``basis`` (one row per person files)."""
    where = where_words(key)
    total, basic, comp = _ATTRS[basis]
    unsplit = Missing(say("figure.pay_unsplit"))
    split = "basic" in data.pay
    out: dict[str, _Raw] = {}
    for name in names:
        if name in ("pay_gap_mean", "pay_gap_median"):
            kind = name.rsplit("_", 1)[1]
            out[name] = _gap(_values(data, key, total), kind, where, "pay")
        elif not split:
            out[name] = unsplit, ()
        elif name == "basic_pay_gap_mean":
            out[name] = _gap(_values(data, key, basic), "mean", where, "basic")
        elif name in ("bonus_gap_mean", "bonus_gap_median"):
            kind = name.rsplit("_", 1)[1]
            out[name] = _gap(_values(data, key, comp), kind, where, "complementary",
                             recipients=True)
        else:  # bonus_share_women, bonus_share_men
            out[name] = _share(_values(data, key, comp), name.endswith("_men"), where)
    return out


def _figures(data: WorkforceData, key, basis: PayBasis, names: Sequence[str]
             ) -> dict[str, _Raw]:
    if basis.lacking is not None:
        return {n: (Missing(basis.lacking), ()) for n in names}
    if basis.key == "period":
        return {n: tuple(compute_metric(data, n, key)[:2]) for n in names}  # type: ignore[misc]
    return _raw_figures(data, key, basis.key, names)


def _publish(raw: dict[str, _Raw], hidden: bool, min_group: int
             ) -> tuple[dict[str, Any], dict[str, str]]:
    shown: dict[str, Any] = {}
    lacking: dict[str, str] = {}
    for name, (value, sizes) in raw.items():
        publish(shown, lacking, name, value, sizes, hidden=hidden, min_group=min_group)
    return shown, lacking


def _quartile_bands(data: WorkforceData, key, basis: PayBasis, hidden: bool, min_group: int,
                    lacking: dict[str, str]) -> list[QuartileBand]:
    if basis.lacking is not None:
        lacking["quartiles"] = basis.lacking
        return []
    if basis.key == "hourly":
        bands = quartiles(data, key)  # the bands rules see: metric('women_share', pay_quartile=)
    elif basis.key == "annual":
        vals = _values(data, key, "annual")
        if isinstance(vals, Missing):
            bands = vals
        elif not vals[0] and not vals[1]:
            bands = Missing(say("figure.nobody_pay", where=where_words(key)))
        else:
            bands = quartile_bands(*vals)
    else:
        bands = quartiles(data, key)  # aggregated: Missing, with the reason
    if isinstance(bands, Missing):
        lacking["quartiles"] = bands.reason
        return []
    hide = hidden or small([w + m for w, m in bands], min_group)
    return [QuartileBand(quartile=q, people=w + m,
                         women_share=SUPPRESSED if hide else w / (w + m),
                         men_share=SUPPRESSED if hide else m / (w + m))
            for q, (w, m) in enumerate(bands, start=1)]


def _counts(data: WorkforceData, key) -> tuple[int, int]:
    """Women and men with pay among the staff matching ``key``."""
    if data.people is not None:
        vals = _values(data, key, "annual")
        return (0, 0) if isinstance(vals, Missing) else (len(vals[0]), len(vals[1]))
    if data.shape == "aggregated" and data.pay:
        sel = data.select(key)
        if isinstance(sel, Missing):
            return 0, 0
        hc = data.groups.counts["headcount"]
        return (sum(hc[i] for i in sel.ids[0]), sum(hc[i] for i in sel.ids[1]))
    return 0, 0


def _group(data: WorkforceData, key, labels: dict[str, str], bases: list[PayBasis],
           min_group: int) -> PayGroup:
    nw, nm = _counts(data, key)
    hidden = small((nw, nm), min_group)
    figures = []
    for basis in bases:
        shown, lacking = _publish(_figures(data, key, basis, _GROUP_FIGURES), hidden, min_group)
        bands = _quartile_bands(data, key, basis, hidden, min_group, lacking)
        figures.append(GroupFigures(basis=basis.key, **shown, quartiles=bands, lacking=lacking))
    return PayGroup(group=labels, women=nw, men=nm, figures=figures)


# ------------------------------------------------------------------------------- article 10


def _pct(v: float) -> str:
    return f"{v * 100:.1f} %"


def _category(data: WorkforceData, cat: str, bases: list[PayBasis], test: PayBasis,
              min_group: int, threshold: float, justified: Mapping[str, str]) -> PayCategory:
    key = ((data.category_column, cat),)
    nw, nm = _counts(data, key)
    hidden = small((nw, nm), min_group)
    figures = []
    real: dict[str, Any] = {}
    for basis in bases:
        raw = _figures(data, key, basis, _CATEGORY_FIGURES)
        real[basis.key] = raw["pay_gap_mean"][0]
        shown, lacking = _publish(raw, hidden, min_group)
        figures.append(CategoryFigures(basis=basis.key, **shown, lacking=lacking))
    gap = real[test.key]
    per = _BASIS_WORDS[test.key]
    annual = real.get("annual") if test.key == "hourly" else None
    annual_big = (isinstance(annual, float) and abs(annual) >= threshold - 1e-12)
    limit = f"{threshold * 100:g} %"
    if hidden:
        status = "not published"
        why = (f"fewer than {min_group} women or men with pay: the figures are not published, "
               "but the institution must still check this category's gap")
    elif isinstance(gap, Missing):
        status, why = "no comparison", gap.reason
    elif abs(gap) >= threshold - 1e-12:
        way = "less" if gap > 0 else "more"
        said = (f"women are paid {_pct(abs(gap))} {way} than men{' ' + per if per else ''} on "
                f"average (mean pay gap {_pct(gap)}), at least the {limit} of Article 10")
        if isinstance(annual, float):
            said += f"; on annual pay the gap is {_pct(annual)}"
        if cat in justified:
            status, why = "justified", f"{said}; justified: {justified[cat]}"
        else:
            status = "flagged"
            why = f"{said}, and no justification by objective, gender-neutral criteria is recorded"
    else:
        status = "below threshold"
        why = f"the mean pay gap{' ' + per if per else ''} is under {limit} either way"
        if annual_big:
            why += (f" ({_pct(gap)}); on annual pay it is {_pct(annual)}, the difference coming "
                    "from the hours paid (part-time work, part of the year)")
    return PayCategory(category=cat, women=nw, men=nm, figures=figures, basis=test.key,
                       status=status, justification=justified.get(cat), why=why)


def _assessment(data: WorkforceData, cats: list[PayCategory], test: PayBasis, threshold: float,
                min_group: int) -> JointPayAssessment:
    col = data.category_column
    flagged = [c for c in cats if c.status == "flagged"]
    unpublished = [c.category for c in cats if c.status == "not published"]
    limit = f"{threshold * 100:g} %"
    per = _BASIS_WORDS[test.key]
    if col is None:
        summary = ("the file has neither a category nor a grade column, so the gap by category "
                   "of workers cannot be worked out")
    elif flagged:
        names = ", ".join(c.category for c in flagged)
        summary = (f"a joint pay assessment is needed: the mean pay gap{' ' + per if per else ''}"
                   f" is {limit} or more, and not justified, in {names}")
    elif not cats or all(c.status == "no comparison" for c in cats):
        summary = f"no {col} has both women and men with pay data"
    elif all(c.status in ("no comparison", "not published") for c in cats):
        summary = (f"no {col} can be assessed in this report: each has fewer than {min_group} "
                   "women or men with pay (a report for internal use may lower the limit)")
        unpublished = []
    else:
        summary = (f"no category of workers has an unjustified mean pay gap"
                   f"{' ' + per if per else ''} of {limit} or more")
    if unpublished and col is not None:
        summary += (f"; {len(unpublished)} {col}{'s' if len(unpublished) > 1 else ''} with "
                    f"fewer than {min_group} women or men must be checked apart")
    return JointPayAssessment(
        needed=bool(flagged), threshold=threshold, basis=test.key,
        categories=[FlaggedCategory(category=c.category, basis=c.basis,
                                    pay_gap_mean=c.on(c.basis).pay_gap_mean, why=c.why)
                    for c in flagged],
        justified=[JustifiedCategory(category=c.category, justification=c.justification or "")
                   for c in cats if c.status == "justified"],
        not_published=unpublished, summary=summary,
        covers=list(JOINT_ASSESSMENT_COVERS) if flagged else [],
        note=("Article 10 asks for the assessment when such a gap is also not remedied within "
              "six months of the pay report; it is carried out with the workers' "
              "representatives. The gap is tested per hour, which compares like with like; "
              "where the annual gap alone reaches the threshold, the category's line says so."
              if test.key == "hourly" else
              "Article 10 asks for the assessment when such a gap is also not remedied within "
              "six months of the pay report; it is carried out with the workers' "
              "representatives."))


# ------------------------------------------------------------------------------- report


def pay_report(data: WorkforceData, by: Sequence[str] = (), *,
               threshold: float = DEFAULT_THRESHOLD, min_group: int = DEFAULT_MIN_GROUP,
               justifications: Mapping[str, str] | None = None) -> PayReport:
    """The pay transparency report of ``data``: the Article 9 indicators, each on annual pay
    and per hour, overall and by each group of ``by``; the categories of workers; and the
    joint pay assessment of Article 10.

    ``justifications`` (category -> reason) adds to those the file gives on ``#
    justification:`` lines; an unknown category raises ``ValueError``."""
    by = tuple(by)
    for b in by:
        if b not in data.breakdowns:
            raise ValueError(f"the workforce file has no {b!r} column")
    justified = dict(data.justifications)
    col = data.category_column
    for cat, why in (justifications or {}).items():
        canon = data.canonical(col, cat) if col else None
        if canon is None:
            raise ValueError(f"no category {cat!r} in the workforce file")
        justified[canon] = why
    bases = _bases(data)
    groups = [_group(data, (), dict.fromkeys(by, "all"), bases, min_group)]
    if by:
        from .report import combos

        for combo in combos(data, by):
            key = tuple(sorted(zip(by, combo, strict=True)))
            groups.append(_group(data, key, dict(zip(by, combo, strict=True)), bases,
                                 min_group))
    # Article 10 is tested per hour; on annual pay when the file gives no hours
    test = bases[-1] if data.shape == "aggregated" or bases[1].lacking is None \
        or data.people is None else bases[0]
    cats = ([_category(data, c, bases, test, min_group, threshold, justified)
             for c in data.values(col) if c != ""] if col is not None else [])
    total = _counts(data, ())
    hidden = small(total, min_group)
    return PayReport(
        file=str(data.file), shape=data.shape, year=data.year, by=list(by),
        min_group=min_group, threshold=threshold, bases=bases, split="basic" in data.pay,
        women_with_pay=SUPPRESSED if hidden else total[0],
        men_with_pay=SUPPRESSED if hidden else total[1],
        staff_without_pay=data.staff_without_pay,
        indicators=[Indicator(article=f"9(1)({k})", letter=k, key=key, title=title,
                              definition=DEFINITIONS[k]) for k, key, title in ARTICLE_9],
        groups=groups, category_column=col, categories=cats,
        joint_pay_assessment=_assessment(data, cats, test, threshold, min_group),
        note=("aggregated file: pay is as the file gives it (pay_mean, pay_median), in its own "
              "period, so neither annual nor hourly pay can be told apart, and only the mean "
              "and median gaps (a, c) and the gap by category (g, mean pay) can be worked out; "
              "the other indicators, and annual and hourly figures, need one row per person "
              "with hours" if data.shape == "aggregated" else None),
    )


def read_justifications(content: bytes, name: str, data: WorkforceData) -> dict[str, str]:
    """Justifications from a CSV or XLSX file with the columns ``category`` and
    ``justification`` (one row per category), checked against ``data``.  Raises
    :class:`WorkforceError` listing every problem, located."""
    from .columns import norm_column, plural
    from .reading import read_rows

    problems: list[Problem] = []
    col = data.category_column
    out: dict[str, str] = {}
    header: dict[str, int] | None = None
    first_line: dict[str, int] = {}
    for line, cells in read_rows(content, name):
        texts = [c.strip() for c in cells]
        if not any(texts) or texts[0].startswith("#"):
            continue
        if header is None:
            names = [norm_column(c) for c in texts]
            names = ["category" if n in ("grade", "category") else n for n in names]
            header = {n: i for i, n in enumerate(names) if n}
            for need in ("category", "justification"):
                if need not in header:
                    problems.append(Problem(f"the header has no {need!r} column; the file "
                                            "needs the columns category and justification",
                                            file=name, line=line))
            if problems:
                raise WorkforceError(problems)
            continue
        ci, ji = header["category"], header["justification"]
        cat = texts[ci] if ci < len(texts) else ""
        why = " ".join(cells[ji].split()) if ji < len(cells) else ""
        canon = data.canonical(col, cat) if col and cat else None
        if not cat:
            problems.append(Problem("category is empty", file=name, line=line, column=ci + 1,
                                    field="category"))
        elif canon is None:
            known = ", ".join(v for v in data.values(col)[:20] if v) if col else ""
            problems.append(Problem(
                f"{shorten_repr(cat, 40)} is not a {col or 'category'} of {data.file}"
                + (f" ({plural(col)}: {known})" if known and col else ""),
                file=name, line=line, column=ci + 1, field="category"))
        elif not why:
            problems.append(Problem("justification is empty; say which objective, "
                                    "gender-neutral criteria explain the gap", file=name,
                                    line=line, column=ji + 1, field="justification"))
        elif canon in first_line:
            problems.append(Problem(f"{shorten_repr(cat, 40)} is justified twice (also line "
                                    f"{first_line[canon]})", file=name, line=line,
                                    column=ci + 1, field="category"))
        else:
            first_line[canon] = line
            out[canon] = why
    if header is None:
        problems.append(Problem("the file has no header row (category, justification)",
                                file=name))
    if problems:
        raise WorkforceError(problems)
    return out

