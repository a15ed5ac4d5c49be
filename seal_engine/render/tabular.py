"""Tables for CSV and XLSX files people open in spreadsheet programs: the pay report and
comparisons.

Every cell goes through :mod:`seal_engine._cells`, re-exported here (:func:`safe_text`,
:func:`unsafe_text`, :func:`xlsx_value`, :func:`csv_text`): a text a spreadsheet would take for a
formula is kept as text, and read back as it was.
"""

from __future__ import annotations

import io
from typing import Any

from .._cells import (
    FORMULA_START,
    MAX_CELL_CHARS,
    XLSX_HINT,
    bad_character,
    csv_text,
    openpyxl,
    safe_text,
    unsafe_text,
    xlsx_value,
)
from ..errors import Problem, SealError
from .words import STATUS_WORDS, SUPPRESSED

__all__ = ["COMPARE_TABLES", "FORMULA_START", "MAX_CELL_CHARS", "PAY_COLUMNS", "XLSX_HINT",
           "about_lines", "bad_character", "comparison_csv", "comparison_tables",
           "comparison_xlsx", "csv_text", "openpyxl", "pay_rows", "safe_text", "unsafe_text",
           "xlsx_value"]


# ------------------------------------------------------------------------------- pay report

#: Columns of the pay report as one table (CSV, and the data sheet of the workbook).
PAY_COLUMNS = ("article", "indicator", "group", "category", "basis", "pay_band", "sex", "value",
               "status", "note")

_PAY_INDICATORS = (
    ("9(1)(a)", "gender pay gap (mean)", "pay_gap_mean", ""),
    ("9(1)(b)", "gender pay gap in complementary or variable components (mean)",
     "bonus_gap_mean", ""),
    ("9(1)(c)", "median gender pay gap", "pay_gap_median", ""),
    ("9(1)(d)", "median gender pay gap in complementary or variable components",
     "bonus_gap_median", ""),
    ("9(1)(e)", "share receiving complementary or variable components", "bonus_share_women",
     "women"),
    ("9(1)(e)", "share receiving complementary or variable components", "bonus_share_men",
     "men"),
)
_PAY_CATEGORY = (
    ("gender pay gap in the category (mean, all pay)", "pay_gap_mean", ""),
    ("gap in basic pay (mean)", "basic_pay_gap_mean", ""),
    ("gap in complementary or variable components (mean)", "bonus_gap_mean", ""),
    ("share receiving complementary or variable components", "bonus_share_women", "women"),
    ("share receiving complementary or variable components", "bonus_share_men", "men"),
)


def pay_rows(report: Any) -> list[list[Any]]:
    """The pay transparency report (a :class:`~seal_engine.workforce.pay.PayReport`) as rows of
    :data:`PAY_COLUMNS`, in the order of Article 9 then Article 10, each figure on every basis
    (``annual`` then ``hourly``; ``period`` for aggregated files): values as fractions (a gap
    of 7.1 % is 0.071), ``suppressed`` for a suppressed figure, empty with the reason in
    ``note`` when the data is lacking."""
    by = report.by
    out: list[list[Any]] = []

    def label(group) -> str:
        if not by or all(group.group[b] == "all" for b in by):
            return "all staff"
        return " × ".join(f"{b}={group.group[b]}" for b in by)

    def add(article, indicator, group, basis, value, lacking=None, category="", band="", sex="",
            status="", note=""):
        if value is None:
            note = note or (lacking or "")
        out.append([article, indicator, group, category, basis, band, sex,
                    round(value, 4) if isinstance(value, float) else value, status, note])

    for g in report.groups:
        name = label(g)
        for article, words, key, sex in _PAY_INDICATORS:
            for f in g.figures:
                add(article, words, name, f.basis, getattr(f, key), f.lacking.get(key), sex=sex)
        for f in g.figures:
            if not f.quartiles:
                add("9(1)(f)", "share in the quartile pay band", name, f.basis, None,
                    f.lacking.get("quartiles"))
            for q in f.quartiles:
                for sex in ("women", "men"):
                    add("9(1)(f)", "share in the quartile pay band", name, f.basis,
                        getattr(q, f"{sex}_share"), band=q.quartile, sex=sex,
                        note=f"{q.people} people in the band")
    for c in report.categories:
        for words, key, sex in _PAY_CATEGORY:
            for f in c.figures:
                add("9(1)(g)", words, "all staff", f.basis, getattr(f, key), f.lacking.get(key),
                    category=c.category, sex=sex)
    for c in report.categories:
        add("10", "joint pay assessment", "all staff", c.basis, None, category=c.category,
            status=c.status, note=c.why)
    return out


# ------------------------------------------------------------------- the government view

#: The tables of a comparison, by name, as CSV (one table a file) and XLSX (one a sheet) give.
COMPARE_TABLES: tuple[str, ...] = ("ranking", "levels", "benchmarks", "parity", "changes")

_KIND_WORDS = {"self": "self-assessed", "reviewed": "reviewed"}


def _results_words(c) -> str:
    if c.basis == "self":
        return "self-assessed"
    if c.basis == "reviewed":
        return "reviewed"
    if c.reviewed and c.self_assessed:
        return f"mixed: {c.reviewed} reviewed, {c.self_assessed} self-assessed"
    return "reviewed" if c.reviewed else "self-assessed"


def _group_words(group: dict) -> str:
    return ", ".join(f"{v}" if v is not None else f"(no {k})" for k, v in group.items()) or "all"


#: The parity columns of the comparison's parity table, after the counts.
PARITY_FIGURE_HEAD: tuple[str, ...] = (
    "women's share", "share decimals", "parity", "needed to reach the band",
    "needed to reach the band by adding",
    "who for the band", "needed for 50/50", "needed for 50/50 by adding", "who for 50/50")


def _share_places(f) -> int:
    """Places of women's share as a fraction: two more than the percentage's decimals (four
    at least), so that no share is rounded across a band edge."""
    d = f.share_decimals
    return max(4, d + 2) if isinstance(d, int) and not isinstance(d, bool) else 4


def _parity_cells(f, kind: str) -> list[Any]:
    from .words import verdict_text

    share = round(f.women_share, _share_places(f)) if isinstance(f.women_share, float) \
        else f.women_share
    verdict = f.parity if f.parity in (None, SUPPRESSED) else verdict_text(f.parity, kind)
    return [share, f.share_decimals, verdict, f.band_needed, f.band_needed_added,
            f.band_needed_sex, f.needed, f.needed_added, f.needed_sex]


def comparison_tables(c, *, percent_as: str = "fraction") -> dict[str, tuple[list[str], list]]:
    """The tables of a :class:`~seal_engine.Comparison` as (header, rows), by name
    (:data:`COMPARE_TABLES`).  Every table says which results it shows: a ``result`` column
    (self-assessed or reviewed) or a ``results`` column (the basis).  Scores are percent
    (0..100); pass rates and women's shares are fractions (0..1)."""
    results = _results_words(c)
    dims = [d for d, _t in c.dimensions]
    rls = [rid for rid, _t in c.results_levels]
    rl_titles = [t for _rid, t in c.results_levels]
    several = len(c.standards) > 1
    rank_head = ["rank", "institution", "name", "country", "scope", "sector", "region",
                 "period", "assessment", "standard", "result", "level", "score",
                 *(["shared score"] if several else []), *[f"{d} score" for d in dims],
                 *[f"{t} score" for t in rl_titles]]
    rank_rows = [[r.rank, r.institution, r.name, r.country, r.scope, r.sector, r.region,
                  r.period, r.assessment, r.standard, _KIND_WORDS[r.kind], r.level_title,
                  r.score, *([r.shared_score] if several else []), *r.dimensions,
                  *r.results_levels] for r in c.ranking]
    level_ids = [lv.id or "none" for lv in c.levels]
    level_head = ["results", "group", "institutions",
                  *[lv.title for lv in c.levels], "mean score",
                  *(["mean shared score"] if several else []),
                  *[f"{d} mean" for d in dims], *[f"{t} mean" for t in rl_titles], "reviewed"]
    level_rows = []
    for g in [*c.distribution, *(s for s in c.scopes if c.by != ["scope"])]:
        level_rows.append([results, _group_words(g.group), g.institutions,
                           *[g.levels.get(lid, 0) for lid in level_ids], g.mean_score,
                           *([g.mean_shared_score] if several else []),
                           *[g.dimensions.get(d) for d in dims],
                           *[g.results_levels.get(rid) for rid in rls], g.reviewed])
    bench_head = ["results", "benchmark", "title", "dimension", "mandatory from", "applicable",
                  "met", "partially met", "not met", "not answered", "not applicable",
                  "pass rate", "lowest in", "lowest pass rate"]
    bench_rows = [[results, b.id, b.title, b.dimension, b.mandatory_from, b.applicable, b.met,
                   b.partially_met, b.not_met, b.not_answered, b.not_applicable, b.pass_rate,
                   _group_words(b.lowest.group) if b.lowest else None,
                   b.lowest.pass_rate if b.lowest else None] for b in c.benchmarks]
    parity_head = ["results", "institution", "name", "period", "breakdown", "value",
                   "headcount", "women", "men", "other", *PARITY_FIGURE_HEAD, "institutions"]
    parity_rows = []
    if c.parity is not None:
        kind = c.parity.band_kind
        for f in c.parity.portfolio:
            parity_rows.append([results, "(portfolio)", "all institutions", None, f.breakdown,
                                f.value or "all staff", f.headcount, f.women, f.men, f.other,
                                *_parity_cells(f, kind), f.institutions])
        for inst in c.parity.institutions:
            for f in inst.figures:
                parity_rows.append([results, inst.institution, inst.name, inst.period,
                                    f.breakdown, f.value or "all staff", f.headcount, f.women,
                                    f.men, f.other, *_parity_cells(f, kind), 1])
    change_head = ["results", "institution", "name", "from", "to", "level before",
                   "level after", "score before", "score after", "change", "newly met",
                   "no longer met", "benchmarks changed", "note"]
    change_rows = [[results, ch.institution, ch.name, ch.before_period, ch.after_period,
                    ch.before_level_title, ch.after_level_title, ch.before_score,
                    ch.after_score, ch.change, ch.newly_met, ch.no_longer_met,
                    "; ".join(f"{b.id} {STATUS_WORDS[b.before]} → {STATUS_WORDS[b.after]}"
                              for b in ch.benchmarks), ch.note] for ch in c.changes]
    return {"ranking": (rank_head, rank_rows), "levels": (level_head, level_rows),
            "benchmarks": (bench_head, bench_rows), "parity": (parity_head, parity_rows),
            "changes": (change_head, change_rows)}


def comparison_csv(c, table: str = "ranking") -> str:
    """One table of a comparison as CSV (see :func:`comparison_tables`)."""
    if table not in COMPARE_TABLES:
        raise SealError(Problem(f"unknown table {table!r}; choose one of "
                                f"{', '.join(COMPARE_TABLES)}", field="table"))
    head, rows = comparison_tables(c)[table]
    share = head.index("women's share") if table == "parity" else -1  # rounded to its places
    return csv_text(head, ([round(v, 4) if isinstance(v, float) and i != share else v
                            for i, v in enumerate(r)] for r in rows))


def score_basis_words(kind: str, partial_credit: float, lang: str = "en") -> str:
    """How a standard's scores are counted, in a few words in ``lang``."""
    from ..messages import Num, render_message, say

    head = say("about.basis.benchmarks_met" if kind == "benchmarks_met"
               else "about.basis.points")
    m = (say("about.partial_none", head=head) if not partial_credit else
         say("about.partial_share", head=head,
             share=Num(value=partial_credit * 100, percent=True)))
    return render_message(m, lang=lang)


#: Why results are left out of a comparison (:func:`seal_engine.compare.build.wanted`), the
#: code of its words.
_LEFT_OUT_WHY = {"drafts": "about.why.drafts",
                 "reviewed results (basis self)": "about.why.reviewed_only",
                 "self-assessed results (basis reviewed)": "about.why.self_only",
                 "other periods": "about.why.other_periods",
                 "other standards": "about.why.other_standards"}


def about_lines(c, lang: str = "en") -> list[tuple[str, str]]:
    """What a comparison shows, as (heading, text) pairs in ``lang``: the top of every output
    (its source and notes as the comparison gives them)."""
    from ..compare.build import basis_message, standards_note_message
    from ..messages import render_message, say

    def t(code: str, /, **params) -> str:
        return render_message(say(code, **params), lang=lang)

    left = sum(c.left_out.values())
    read = c.assessments + left  # what is kept and what is left out add up to what was read
    institutions = (t("about.institutions_kept", n=c.institutions, kept=c.assessments,
                      read=read) if left else
                    t("about.institutions_read", n=c.institutions, read=c.assessments))
    out = [(t("about.source"), t("about.source_files", where=c.source.removeprefix("files: "))
            if c.source.startswith("files: ") else c.source),
           (t("about.results_shown"), render_message(
               basis_message(c.basis, c.self_assessed, c.reviewed), lang=lang)),
           (t("about.institutions"), institutions),
           (t("about.periods"), ", ".join(c.periods) if c.periods
            else t("about.periods_latest"))]
    out.append((t("about.standards"), "; ".join(
        t("about.standard_use", id=s.id, version=str(s.version), n=s.institutions)
        for s in c.standards) or t("about.none")))
    if c.standards:
        out.append((t("about.scores"), "; ".join(
            t("about.score_basis", id=s.id, version=str(s.version),
              how=score_basis_words(s.score_basis, s.partial_credit, lang))
            for s in c.standards)))
    note = standards_note_message(c)
    if note is not None:
        out.append((t("about.compared_on"), render_message(note, lang=lang)))
    elif c.standards_note:
        out.append((t("about.compared_on"), c.standards_note))
    if c.left_out:
        out.append((t("about.left_out"), t(
            "about.left_out_read", left=left, read=read, reasons="; ".join(
                t("about.left_reason", why=t(_LEFT_OUT_WHY[k]) if k in _LEFT_OUT_WHY else k,
                  n=n) for k, n in c.left_out.items()))))
    if c.parity is not None:
        from .words import band_in

        p = c.parity
        band = {"low": p.band[0], "high": p.band[1], "kind": p.band_kind, "target": p.target}
        out.append((t("about.parity"), t("about.parity_line", band=band_in(band, lang),
                                         n=p.min_group)))
    for n in c.notes:
        out.append((t("about.note"), n))
    return out


def comparison_xlsx(c, lang: str = "en") -> bytes:
    """A comparison as an XLSX workbook: an 'About' sheet saying what it shows, then a sheet
    per table, headers frozen, scores and shares formatted, every text cell neutralised."""
    xl = openpyxl()
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F4E79")
    wb = xl.Workbook()
    about = wb.active
    about.title = "About"
    about["A1"] = "Comparison of institutions"
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    for i, (k, v) in enumerate(about_lines(c, lang), start=3):
        head = about.cell(row=i, column=1, value=xlsx_value(k))
        head.font = Font(bold=True)
        head.alignment = Alignment(vertical="top")
        cell = about.cell(row=i, column=2, value=xlsx_value(v, k))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        about.row_dimensions[i].height = 15 * max(1, -(-len(v) // 95))  # wrapped lines
    fractions = {"pass rate", "lowest pass rate", "women's share"}
    for name, (head, rows) in comparison_tables(c).items():
        ws = wb.create_sheet(name.capitalize())
        ws.append([xlsx_value(h) for h in head])
        for cell in ws[1]:
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r in rows:
            ws.append([xlsx_value(v, name) for v in r])
        for j, h in enumerate(head, start=1):
            letter = get_column_letter(j)
            longest = max([len(str(h))] + [len(str(r[j - 1])) for r in rows[:200]
                                           if r[j - 1] is not None])
            ws.column_dimensions[letter].width = max(8, min(48, longest + 2))
            fmt = ("0.0%" if h in fractions else
                   "0.0" if "score" in h or h == "change" else None)
            if fmt:
                for cell in ws[letter][1:]:
                    if isinstance(cell.value, (int, float)):
                        cell.number_format = fmt
            if name == "parity" and h == "women's share":  # as many decimals as the verdict
                for cell, r in zip(ws[letter][1:], rows, strict=False):
                    d = r[j]  # the share decimals, next column
                    if isinstance(cell.value, float) and isinstance(d, int):
                        cell.number_format = "0." + "0" * d + "%"
        ws.freeze_panes = "C2" if name in ("ranking", "parity") else "B2"
        ws.auto_filter.ref = ws.dimensions if rows else None
        if not rows:
            ws.cell(row=2, column=1, value="(none)")
    for ws in wb.worksheets:  # printed: landscape, as wide as the page, headers repeated
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        if ws.title != "About":
            ws.print_title_rows = "1:1"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
