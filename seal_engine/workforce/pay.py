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
from ..messages import MESSAGES, Ids, Message, Num, pct, render_message, say
from ..rules import Missing
from .columns import where_words
from .data import WorkforceData
from .metrics import compute_metric, positive, quartile_bands, quartiles
from .report import DEFAULT_MIN_GROUP, SUPPRESSED, Said, publish, small

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
    "in_language",
    "pay_report",
    "read_justifications",
    "status_in",
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

#: What the pay level is (Article 3(1)(b)), in plain words (the English of ``pay.level``).
PAY_LEVEL = str(MESSAGES["pay.level"])

#: How the quartile pay bands are cut, ties included (Article 9(1)(f)).
QUARTILE_RULE = str(MESSAGES["pay.definition.f"])

#: Each indicator's definition, citing its article; by the letter of Article 9(1), and "10"
#: (the English of the messages ``pay.definition.<key>``).
DEFINITIONS: dict[str, str] = {k: str(MESSAGES[f"pay.definition.{k}"]) for k in "abcdefg"}
DEFINITIONS["10"] = str(MESSAGES["pay.definition.10"])

#: What a joint pay assessment must cover (Article 10(2)), in plain words (``pay.covers.<n>``).
JOINT_ASSESSMENT_COVERS: tuple[str, ...] = tuple(
    str(MESSAGES[f"pay.covers.{n}"]) for n in range(1, 8))

BasisKey = Literal["annual", "hourly", "period"]
#: A published figure: a fraction, ``"suppressed"``, or ``None`` when the data is lacking
#: (the reason is in ``lacking``).
Published = float | Literal["suppressed"] | None

_BASIS_WORDS = {"annual": "pay.per.annual", "hourly": "pay.per.hourly", "period": ""}
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
    title_message: Message | None = Field(None, description="The title as a message.")
    derivation_message: Message | None = Field(None, description="The derivation as a message.")
    lacking_message: Message | None = Field(None, description="Why no figure, as a message.")


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
    lacking_messages: dict[str, Message] = Field(default_factory=dict)


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
    lacking_messages: dict[str, Message] = Field(default_factory=dict)


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
    why_message: Message | None = None

    def on(self, basis: str) -> CategoryFigures:
        return next(f for f in self.figures if f.basis == basis)


class FlaggedCategory(_Model):
    category: str
    basis: BasisKey
    pay_gap_mean: float
    why: str
    why_message: Message | None = None


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
    summary_message: Message | None = None
    note_message: Message | None = None


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
    note_message: Message | None = None

    def basis(self, key: str) -> PayBasis:
        return next(b for b in self.bases if b.key == key)

    def in_language(self, lang: str) -> PayReport:
        """This report with its texts in ``lang`` (the messages kept beside them rendered; the
        definitions, the pay level and what an assessment covers read from their codes): what
        the text, HTML and DOCX reports show a reader of ``lang``."""
        return in_language(self, lang)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# ------------------------------------------------------------------------------- bases


def _basis(key: BasisKey, columns: list[str], derivation: Message,
           lacking: Message | None) -> PayBasis:
    return PayBasis(key=key, title=str(MESSAGES[f"pay.basis.{key}"]), columns=columns,
                    derivation=render_message(derivation),
                    lacking=None if lacking is None else render_message(lacking),
                    title_message=say(f"pay.basis.{key}"), derivation_message=derivation,
                    lacking_message=lacking)


def _bases(data: WorkforceData) -> list[PayBasis]:
    if data.shape == "aggregated":
        return [_basis("period", ["pay_mean", "pay_median"], say("pay.derive.period"),
                       None if data.pay else say("figure.no_pay_data"))]
    no_pay = None if data.people is not None else say("figure.no_pay_data")
    pay_cols = ["basic_pay", "complementary_pay"] if "basic" in data.pay else ["pay"]
    annual = _basis("annual", pay_cols,
                    say("pay.derive.annual", columns=" + ".join(pay_cols)), no_pay)
    if data.pay_basis == "hour":
        hourly = _basis("hourly", [*pay_cols, "hours"], say("pay.derive.hours"), no_pay)
    elif data.pay_basis == "fte":
        hourly = _basis("hourly", [*pay_cols, "fte"], say("pay.derive.fte"), no_pay)
    else:
        hourly = _basis("hourly", pay_cols, say("pay.derive.no_hours"),
                        no_pay or say("pay.lacking.no_hours"))
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
        return {n: (Missing(basis.lacking_message or basis.lacking), ()) for n in names}
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


def _lacking(lacking: dict[str, str]) -> dict[str, Any]:
    """The ``lacking`` and ``lacking_messages`` fields of figures: each reason's English, and
    its message where it has one."""
    return {"lacking": {k: str(v) for k, v in lacking.items()},
            "lacking_messages": {k: v.message for k, v in lacking.items()
                                 if isinstance(getattr(v, "message", None), Message)}}


def _quartile_bands(data: WorkforceData, key, basis: PayBasis, hidden: bool, min_group: int,
                    lacking: dict[str, str]) -> list[QuartileBand]:
    if basis.lacking is not None:
        lacking["quartiles"] = (Said(basis.lacking_message) if basis.lacking_message is not None
                                else basis.lacking)
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
        lacking["quartiles"] = Said(bands.message) if bands.message is not None else bands.reason
        return []
    hide = hidden or small([w + m for w, m in bands], min_group)
    return [QuartileBand(quartile=q, people=w + m,  # a band of a group under 4 people is empty
                         women_share=SUPPRESSED if hide else w / (w + m) if w + m else None,
                         men_share=SUPPRESSED if hide else m / (w + m) if w + m else None)
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
        figures.append(GroupFigures(basis=basis.key, **shown, quartiles=bands,
                                    **_lacking(lacking)))
    return PayGroup(group=labels, women=nw, men=nm, figures=figures)


# ------------------------------------------------------------------------------- article 10


def _pct(v: float) -> Num:
    return pct(v * 100, 1)


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
        figures.append(CategoryFigures(basis=basis.key, **shown, **_lacking(lacking)))
    gap = real[test.key]
    per = _BASIS_WORDS[test.key]
    per_p = {"per": say(per)} if per else {}
    annual = real.get("annual") if test.key == "hourly" else None
    annual_big = (isinstance(annual, float) and abs(annual) >= threshold - 1e-12)
    limit = pct(threshold * 100)
    why: Message | str
    if hidden:
        status = "not published"
        why = say("pay.why.not_published", min_group=min_group)
    elif isinstance(gap, Missing):
        status, why = "no comparison", gap.message if gap.message is not None else gap.reason
    elif abs(gap) >= threshold - 1e-12:
        way = "less" if gap > 0 else "more"
        said = say(f"pay.why.{way}{'_per' if per else ''}", gap=_pct(abs(gap)),
                   signed=_pct(gap), limit=limit, **per_p)
        if isinstance(annual, float):
            said = say("pay.why.on_annual", said=said, annual=_pct(annual))
        if cat in justified:
            status, why = "justified", say("pay.why.justified", said=said,
                                           justification=justified[cat])
        else:
            status = "flagged"
            why = say("pay.why.flagged", said=said)
    else:
        status = "below threshold"
        why = say("pay.why.below_per" if per else "pay.why.below", limit=limit, **per_p)
        if annual_big:
            why = say("pay.why.below_hours", said=why, gap=_pct(gap), annual=_pct(annual))
    return PayCategory(category=cat, women=nw, men=nm, figures=figures, basis=test.key,
                       status=status, justification=justified.get(cat),
                       why=render_message(why),
                       why_message=why if isinstance(why, Message) else None)


def _assessment(data: WorkforceData, cats: list[PayCategory], test: PayBasis, threshold: float,
                min_group: int) -> JointPayAssessment:
    col = data.category_column
    flagged = [c for c in cats if c.status == "flagged"]
    unpublished = [c.category for c in cats if c.status == "not published"]
    limit = pct(threshold * 100)
    per = _BASIS_WORDS[test.key]
    per_p = {"per": say(per)} if per else {}
    if col is None:
        summary = say("pay.summary.no_column")
    elif flagged:
        summary = say("pay.summary.needed_per" if per else "pay.summary.needed", limit=limit,
                      categories=", ".join(c.category for c in flagged), **per_p)
    elif not cats or all(c.status == "no comparison" for c in cats):
        summary = say(f"pay.summary.no_both.{col}")
    elif all(c.status in ("no comparison", "not published") for c in cats):
        summary = say(f"pay.summary.all_small.{col}", min_group=min_group)
        unpublished = []
    else:
        summary = say("pay.summary.none_per" if per else "pay.summary.none", limit=limit,
                      **per_p)
    if unpublished and col is not None:
        summary = say(f"pay.summary.unpublished.{col}", said=summary, n=len(unpublished),
                      min_group=min_group)
    note = say("pay.note.hourly" if test.key == "hourly" else "pay.note.remedied")
    return JointPayAssessment(
        needed=bool(flagged), threshold=threshold, basis=test.key,
        categories=[FlaggedCategory(category=c.category, basis=c.basis,
                                    pay_gap_mean=c.on(c.basis).pay_gap_mean, why=c.why,
                                    why_message=c.why_message)
                    for c in flagged],
        justified=[JustifiedCategory(category=c.category, justification=c.justification or "")
                   for c in cats if c.status == "justified"],
        not_published=unpublished, summary=render_message(summary),
        covers=list(JOINT_ASSESSMENT_COVERS) if flagged else [],
        note=render_message(note), summary_message=summary, note_message=note)


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
        note=(str(MESSAGES["pay.note.aggregated"]) if data.shape == "aggregated" else None),
        note_message=say("pay.note.aggregated") if data.shape == "aggregated" else None,
    )


def read_justifications(content: bytes, name: str, data: WorkforceData) -> dict[str, str]:
    """Justifications from a CSV or XLSX file with the columns ``category`` and
    ``justification`` (one row per category), checked against ``data``.  Raises
    :class:`WorkforceError` listing every problem, located."""
    from .columns import norm_column
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
                    problems.append(Problem(say("justif.no_column", column=repr(need)),
                                            file=name, line=line))
            if problems:
                raise WorkforceError(problems)
            continue
        ci, ji = header["category"], header["justification"]
        cat = texts[ci] if ci < len(texts) else ""
        why = " ".join(cells[ji].split()) if ji < len(cells) else ""
        canon = data.canonical(col, cat) if col and cat else None
        if not cat:
            problems.append(Problem(say("justif.empty_category"), file=name, line=line,
                                    column=ci + 1, field="category"))
        elif canon is None:
            known = ", ".join(v for v in data.values(col)[:20] if v) if col else ""
            kind = "grade" if col == "grade" else "category"
            problems.append(Problem(
                say(f"justif.unknown_known.{kind}", value=shorten_repr(cat, 40),
                    file=str(data.file), known=known) if known else
                say(f"justif.unknown.{kind}", value=shorten_repr(cat, 40), file=str(data.file)),
                file=name, line=line, column=ci + 1, field="category"))
        elif not why:
            problems.append(Problem(say("justif.empty"), file=name, line=line, column=ji + 1,
                                    field="justification"))
        elif canon in first_line:
            problems.append(Problem(say("justif.twice", value=shorten_repr(cat, 40),
                                        line=str(first_line[canon])), file=name, line=line,
                                    column=ci + 1, field="category"))
        else:
            first_line[canon] = line
            out[canon] = why
    if header is None:
        problems.append(Problem(say("justif.no_header"), file=name))
    if problems:
        raise WorkforceError(problems)
    return out



# ------------------------------------------------------------------------------- languages


def status_in(status: str, lang: str = "en") -> str:
    """A category's Article 10 status (``flagged``, ``below threshold``...) in ``lang``."""
    return render_message(say(f"pay.status.{status}"), lang=lang)


def _revived(value: Any) -> Any:
    """A message's param as it was made: a report read from its JSON has its nested messages
    and numbers as dicts ({"code", "params"}, {"value", "decimals", ...}, {"items", "join"})."""
    if isinstance(value, Message):
        return Message(code=value.code, params={k: _revived(v) for k, v in value.params.items()})
    if isinstance(value, dict):
        keys = set(value)
        if keys == {"code", "params"} and value["code"] in MESSAGES:
            return Message(code=value["code"],
                           params={k: _revived(v) for k, v in value["params"].items()})
        if keys == set(Num.model_fields):
            return Num(**value)
        if keys == set(Ids.model_fields):
            return Ids(items=[_revived(v) for v in value["items"]], join=value["join"])
    if isinstance(value, list):
        return [_revived(v) for v in value]
    return value


def _in(text: str | None, message: Message | None, lang: str) -> str | None:
    return text if message is None else render_message(_revived(message), lang=lang)


def _reasons_in(figures: Any, lang: str) -> Any:
    if not figures.lacking_messages:
        return figures
    lacking = {k: _in(v, figures.lacking_messages.get(k), lang)
               for k, v in figures.lacking.items()}
    return figures.model_copy(update={"lacking": lacking})


def in_language(report: PayReport, lang: str) -> PayReport:
    """``report`` with its texts in ``lang``: each text kept with its message rendered in the
    language, the definitions, the pay level, the quartile rule and what a joint pay assessment
    covers read from their codes.  A report read from JSON written before the messages were
    kept keeps its English where it has no message.  The English report is returned as it is."""
    if lang == "en":
        return report

    def words(code: str) -> str:
        return render_message(say(code), lang=lang)

    jpa = report.joint_pay_assessment
    return report.model_copy(update={
        "pay_level": words("pay.level"),
        "quartile_rule": words("pay.definition.f"),
        "note": _in(report.note, report.note_message, lang),
        "bases": [b.model_copy(update={
            "title": _in(b.title, b.title_message, lang),
            "derivation": _in(b.derivation, b.derivation_message, lang),
            "lacking": _in(b.lacking, b.lacking_message, lang)}) for b in report.bases],
        "indicators": [i.model_copy(update={
            "title": indicator_title(i.letter, lang),
            "definition": words(f"pay.definition.{i.letter}")}) for i in report.indicators],
        "groups": [g.model_copy(update={"figures": [_reasons_in(f, lang) for f in g.figures]})
                   for g in report.groups],
        "categories": [c.model_copy(update={
            "why": _in(c.why, c.why_message, lang),
            "figures": [_reasons_in(f, lang) for f in c.figures]}) for c in report.categories],
        "joint_pay_assessment": jpa.model_copy(update={
            "definition": words("pay.definition.10"),
            "summary": _in(jpa.summary, jpa.summary_message, lang),
            "note": _in(jpa.note, jpa.note_message, lang),
            "covers": [words(f"pay.covers.{n}") for n in range(1, len(jpa.covers) + 1)],
            "categories": [c.model_copy(update={"why": _in(c.why, c.why_message, lang)})
                           for c in jpa.categories]}),
    })
