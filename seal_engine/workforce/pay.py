"""Pay transparency: the indicators of Article 9 of Directive (EU) 2023/970 and the joint pay
assessment of its Article 10, from the same workforce file.

:func:`pay_report` gives, overall and for each group of ``by``, the seven indicators in the
order the directive lists them (a mean gap, b mean gap in complementary or variable
components, c median gap, d median gap in those components, e the share of women and of men
receiving them, f the share of women and men in each quartile pay band, g the gap by category
of workers, basic and complementary pay apart), then the categories that call for a joint pay
assessment: a mean gap of at least ``threshold`` (5 %) either way that no justification by
objective, gender-neutral criteria covers.

Pay is compared per hour when the file gives ``hours``, per full-time equivalent with ``fte``,
else as given; gaps are (men's - women's) / men's, positive when men are paid more.  Small
groups are suppressed as in every published table: a figure resting on fewer than
``min_group`` women or men (a quartile band of fewer people) is ``"suppressed"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._source import shorten_repr
from ..errors import Problem, WorkforceError
from ..rules import Missing
from .data import WorkforceData
from .metrics import pay_values, quartiles
from .report import DEFAULT_MIN_GROUP, SUPPRESSED, put_figure, small

__all__ = [
    "ARTICLE_9",
    "DEFAULT_THRESHOLD",
    "JOINT_ASSESSMENT_COVERS",
    "pay_report",
    "read_justifications",
]

#: A mean gap in a category of at least this much (either way) calls for a joint pay
#: assessment unless it is justified (Article 10(1)).
DEFAULT_THRESHOLD = 0.05

#: The indicators of Article 9(1), in its order: (letter, key in a report row, title).
ARTICLE_9: tuple[tuple[str, str, str], ...] = (
    ("a", "pay_gap_mean", "the gender pay gap (mean)"),
    ("b", "bonus_gap_mean", "the gender pay gap in complementary or variable components (mean)"),
    ("c", "pay_gap_median", "the median gender pay gap"),
    ("d", "bonus_gap_median",
     "the median gender pay gap in complementary or variable components"),
    ("e", "bonus_share", "the proportion of women and of men receiving complementary or "
                         "variable components"),
    ("f", "quartiles", "the proportion of women and of men in each quartile pay band"),
    ("g", "categories", "the gender pay gap by category of workers, broken down by ordinary "
                        "basic pay and complementary or variable components"),
)

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

_BASIS = {"hour": "per hour (pay for the period divided by the hours paid)",
          "fte": "per full-time equivalent (pay for the period divided by the FTE)",
          None: "for the period, as the file gives it (not per hour: the file has no hours or "
                "fte column)"}
_GAPS = ("pay_gap_mean", "bonus_gap_mean", "pay_gap_median", "bonus_gap_median",
         "bonus_share_women", "bonus_share_men", "pay_gap_mean_annual", "pay_gap_median_annual")


def _counts(data: WorkforceData, key) -> tuple[int, int]:
    vals = pay_values(data, key, "rate") if data.people is not None else None
    if vals is None or isinstance(vals, Missing):
        if data.shape == "aggregated" and data.pay:
            sel = data.select(key)
            if isinstance(sel, Missing):
                return 0, 0
            hc = data.groups.counts["headcount"]
            return (sum(hc[i] for i in sel.ids[0]), sum(hc[i] for i in sel.ids[1]))
        return 0, 0
    return len(vals[0]), len(vals[1])


def _group_row(data: WorkforceData, key, labels: dict[str, str], min_group: int
               ) -> dict[str, Any]:
    row: dict[str, Any] = dict(labels)
    nw, nm = _counts(data, key)
    row.update(women=nw, men=nm)
    hidden = small((nw, nm), min_group)
    lacking: dict[str, str] = {}
    for name in _GAPS:
        put_figure(row, lacking, data, name, key, hidden=hidden, min_group=min_group)
    row["quartiles"] = _quartile_rows(data, key, hidden, min_group, lacking)
    row["lacking"] = lacking
    return row


def _quartile_rows(data, key, hidden: bool, min_group: int, lacking: dict[str, str]):
    bands = quartiles(data, key)
    if isinstance(bands, Missing):
        lacking["quartiles"] = bands.reason
        return []
    size = sum(bands[0])
    out = []
    for q, (w, m) in enumerate(bands, start=1):
        if hidden or small((size,), min_group):
            out.append({"quartile": q, "women_share": SUPPRESSED, "men_share": SUPPRESSED})
        else:
            out.append({"quartile": q, "women_share": w / (w + m), "men_share": m / (w + m)})
    return out


def _category_rows(data: WorkforceData, min_group: int, threshold: float,
                   justified: Mapping[str, str]) -> list[dict[str, Any]]:
    col = data.category_column
    if col is None:
        return []
    rows = []
    for cat in data.values(col):
        if cat == "":
            continue
        key = ((col, cat),)
        nw, nm = _counts(data, key)
        row: dict[str, Any] = {"category": cat, "women": nw, "men": nm}
        hidden = small((nw, nm), min_group)
        lacking: dict[str, str] = {}
        real: dict[str, Any] = {}
        for name in ("pay_gap_mean", "basic_pay_gap_mean", "bonus_gap_mean",
                     "bonus_share_women", "bonus_share_men"):
            real[name], _note = put_figure(row, lacking, data, name, key, hidden=hidden,
                                           min_group=min_group)
        gap = real["pay_gap_mean"]
        row["justification"] = justified.get(cat)
        if hidden:
            row["status"] = "not published"
            row["why"] = (f"fewer than {min_group} women or men with pay: the figures are not "
                          "published, but the institution must still check this category's gap")
        elif isinstance(gap, Missing):
            row["status"] = "no comparison"
            row["why"] = gap.reason
        elif abs(gap) >= threshold - 1e-12:
            way = "less" if gap > 0 else "more"
            said = (f"women are paid {abs(gap) * 100:.1f} % {way} than men on average (mean "
                    f"pay gap {gap * 100:.1f} %), at least the {threshold * 100:g} % of "
                    "Article 10")
            if cat in justified:
                row["status"] = "justified"
                row["why"] = f"{said}; justified: {justified[cat]}"
            else:
                row["status"] = "flagged"
                row["why"] = (f"{said}, and no justification by objective, gender-neutral "
                              "criteria is recorded")
        else:
            row["status"] = "below threshold"
            row["why"] = f"the mean pay gap is under {threshold * 100:g} % either way"
        row["lacking"] = lacking
        rows.append(row)
    return rows


def pay_report(data: WorkforceData, by: Sequence[str] = (), *,
               threshold: float = DEFAULT_THRESHOLD, min_group: int = DEFAULT_MIN_GROUP,
               justifications: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The pay transparency report of ``data``: the Article 9 indicators overall and by each
    group of ``by``, the categories of workers, and the joint pay assessment of Article 10.

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
    groups = [_group_row(data, (), dict.fromkeys(by, "all"), min_group)]
    if by:
        from .report import combos

        for combo in combos(data, by):
            key = tuple(sorted(zip(by, combo, strict=True)))
            groups.append(_group_row(data, key, dict(zip(by, combo, strict=True)), min_group))
    cats = _category_rows(data, min_group, threshold, justified)
    flagged = [c for c in cats if c["status"] == "flagged"]
    unpublished = [c["category"] for c in cats if c["status"] == "not published"]
    if col is None:
        summary = ("the file has neither a category nor a grade column, so the gap by category "
                   "of workers cannot be worked out")
    elif flagged:
        names = ", ".join(c["category"] for c in flagged)
        summary = (f"a joint pay assessment is needed: the mean pay gap is {threshold * 100:g} % "
                   f"or more, and not justified, in {names}")
    elif not cats or all(c["status"] == "no comparison" for c in cats):
        summary = f"no {col} has both women and men with pay data"
    elif all(c["status"] in ("no comparison", "not published") for c in cats):
        summary = (f"no {col} can be assessed in this report: each has fewer than {min_group} "
                   "women or men with pay (a report for internal use may lower the limit)")
        unpublished = []
    else:
        summary = (f"no category of workers has an unjustified mean pay gap of "
                   f"{threshold * 100:g} % or more")
    if unpublished and col is not None:
        summary += (f"; {len(unpublished)} {col}{'s' if len(unpublished) > 1 else ''} with "
                    f"fewer than {min_group} women or men must be checked apart")
    total = _counts(data, ())
    return {
        "file": data.file,
        "shape": data.shape,
        "year": data.year,
        "by": list(by),
        "min_group": min_group,
        "threshold": threshold,
        "basis": data.pay_basis or "period",
        "basis_words": _BASIS[data.pay_basis],
        "split": "basic" in data.pay,
        "women_with_pay": total[0] if not small(total, min_group) else SUPPRESSED,
        "men_with_pay": total[1] if not small(total, min_group) else SUPPRESSED,
        "staff_without_pay": data.staff_without_pay,
        "indicators": [{"article": f"9(1)({k})", "key": key, "title": title}
                       for k, key, title in ARTICLE_9],
        "groups": groups,
        "category_column": col,
        "categories": cats,
        "joint_pay_assessment": {
            "needed": bool(flagged),
            "threshold": threshold,
            "categories": [{"category": c["category"], "pay_gap_mean": c["pay_gap_mean"],
                            "why": c["why"]} for c in flagged],
            "justified": [{"category": c["category"], "justification": c["justification"]}
                          for c in cats if c["status"] == "justified"],
            "not_published": unpublished,
            "summary": summary,
            "covers": list(JOINT_ASSESSMENT_COVERS) if flagged else [],
            "note": ("Article 10 asks for the assessment when such a gap is also not remedied "
                     "within six months of the pay report; it is carried out with the workers' "
                     "representatives."),
        },
        "note": ("aggregated file: only the mean and median gaps (a, c) and the gap by category "
                 "(g, mean pay) can be worked out; the other indicators need one row per person"
                 if data.shape == "aggregated" else None),
    }


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

