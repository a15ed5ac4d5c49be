"""A workforce report and a pay transparency report as terminal tables in a language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..words import LACKING, SUPPRESSED
from .layout import known_codes, num_, say_, t_of, terminal_width, text_table, wrap, wrap_pct

__all__ = ["metrics_text", "pay_text"]


_MAX_REASONS = 12


def metrics_text(r: dict[str, Any], lang: str = "en") -> str:
    """A workforce report (:func:`seal_engine.full_report`) as plain-text tables in ``lang``
    (the reasons a figure is lacking and the workforce report's notes too)."""
    from ...messages import pct
    from ...workforce.metrics import METRICS
    from ...workforce.report import words_in
    from ..words import band_in, needed_in, points_in, ratio_in, share_in, target_in, verdict_in

    t = t_of(lang)
    width = terminal_width()
    by = r["by"]
    names = [t(f"where.col.{b}") if f"where.col.{b}" in known_codes() else b.replace("_", " ")
             for b in by]  # each breakdown in words
    label = " × ".join(names) or t("metrics.all_staff")
    heads = [n[:1].upper() + n[1:] for n in names]

    def cell(value):  # the total row's 'all' in words
        return t("compare.breakdown_all") if value == "all" else value
    staff = r["staff"]
    shape = t("metrics.aggregated" if r["shape"] == "aggregated" else "metrics.per_person")
    band = r.get("band") or {"low": r["parity_band"][0], "high": r["parity_band"][1],
                             "kind": "band", "target": 0.5}
    head = (t("metrics.head_year", file=r["file"], shape=shape, year=str(r["year"]))
            if r["year"] else t("metrics.head", file=r["file"], shape=shape))
    out = [
        head,
        *wrap(t("metrics.staff", headcount=str(staff["headcount"]),
                women=say_("needed.women", n=staff["women"]),
                men=say_("needed.men", n=staff["men"]), other=str(staff["other"])),
              width, "", "  "),
        *wrap(t("metrics.target", target=pct(r["target"] * 100), band=band_in(band, lang),
                min_group=str(r["min_group"]), lacking=LACKING), width, "", "  "),
        "",
    ]
    groups = r["groups"]

    def plain(v):
        return LACKING if v is None else str(v)

    def needed(row, name):
        if row["parity"] is None:
            return LACKING
        return needed_in(row[name], row[f"{name.removesuffix('_added')}_sex"], lang)

    def verdict(row):
        return verdict_in(row["parity"], band["kind"], lang)

    def target_word(value):
        return {"meets": t("metrics.meets"), "below": t("metrics.below")}.get(value, plain(value))

    verdict_head = t({"parity": "metrics.head_parity",
                      "balanced": "metrics.head_balance"}.get(band["kind"], "metrics.head_band"))
    out.append(t("metrics.representation", by=label))
    out.append(text_table(
        [*heads, t("metrics.head_staff"), t("metrics.head_women"), t("metrics.head_men"),
         t("metrics.head_other"), t("metrics.head_women_pct"), verdict_head,
         t("metrics.head_target")],
        [[*(cell(row[b]) for b in by), row["headcount"], plain(row["women"]), plain(row["men"]),
          plain(row["other"]), share_in(row["women_share"], row.get("share_decimals"), lang),
          verdict(row), target_word(row["target"])] for row in groups],
        "l" * len(by) + "rrrrrll", width))
    goal = target_in(band, lang)
    reach = band_in(band, lang) if band["kind"] == "balanced" else t(
        "metrics.the_band", band=band_in(band, lang))
    out += ["", *wrap(t("metrics.needed_intro", reach=reach, goal=goal, by=label), width, "", "")]
    out.append(text_table(
        [*heads, t("metrics.head_women_pct"), t("metrics.head_to_band"),
         t("metrics.head_or_adding"), t("metrics.head_to_goal", goal=goal),
         t("metrics.head_or_adding")],
        [[*(cell(row[b]) for b in by),
          share_in(row["women_share"], row.get("share_decimals"), lang),
          needed(row, "band_needed"), needed(row, "band_needed_added"),
          needed(row, "parity_needed"), needed(row, "parity_needed_added")] for row in groups],
        "l" * len(by) + "rrrrr", width))
    out += ["", *wrap(t("metrics.flows_intro", by=label), width, "", "")]
    out.append(text_table(
        [*heads, *(t(f"metrics.head_{k}") for k in (
            "applicants_w", "recruited_w", "selection", "promoted_w", "promotion", "exits_w",
            "exits_m", "trained_w", "leave_w", "leave_m"))],
        [[*(cell(row[b]) for b in by), share_in(row["women_share_applicants"], lang=lang),
          share_in(row["women_share_recruited"], lang=lang),
          ratio_in(row["selection_ratio"], lang=lang),
          share_in(row["women_share_promoted"], lang=lang),
          ratio_in(row["promotion_ratio"], lang=lang),
          share_in(row["exit_rate_women"], lang=lang), share_in(row["exit_rate_men"], lang=lang),
          share_in(row["training_share"], lang=lang),
          share_in(row["leave_return_rate_women"], lang=lang),
          share_in(row["leave_return_rate_men"], lang=lang)] for row in groups],
        "l" * len(by) + "r" * 10, width))
    out += ["", t("metrics.pay_gap", by=label)]
    out.append(text_table(
        [*heads, t("metrics.head_mean"), t("metrics.head_median")],
        [[*(cell(row[b]) for b in by), share_in(row["pay_gap_mean"], lang=lang),
          share_in(row["pay_gap_median"], lang=lang)] for row in groups],
        "l" * len(by) + "rr", width))
    if r["pay_note"]:
        out.extend(wrap(t("gaps.note", note=f"{words_in(r['pay_note'], lang)}."), width, "",
                        "  "))
    out.extend(wrap(t("metrics.pay_report_hint"), width, "", "  "))
    why: dict[str, list[str]] = {}  # the reasons name the group already
    for row in groups:
        for name, reason in row.get("lacking", {}).items():
            title = t(f"metric.{name}") if f"metric.{name}" in known_codes() else \
                METRICS[name].title
            why.setdefault(words_in(reason, lang), []).append(title)
    if why:
        out += ["", t("metrics.why_lacking", lacking=LACKING)]
        for reason, figures in list(why.items())[:_MAX_REASONS]:
            out.extend(wrap(f"{reason} ({'; '.join(dict.fromkeys(figures))})", width, "  ",
                            "    "))
        if len(why) > _MAX_REASONS:
            out.append("  " + t("metrics.more_reasons", n=len(why) - _MAX_REASONS))
    part: dict[str, list[str]] = {}
    for row in groups:
        label_ = ", ".join(str(row[b]) for b in by) or t("metrics.all_staff")
        for name, note in row.get("partial", {}).items():
            title = (t(f"metric.{name}") if f"metric.{name}" in known_codes()
                     else METRICS[name].title)
            part.setdefault(f"{title}, {label_}", []).append(words_in(note, lang))
    if part:
        out += ["", t("metrics.partial")]
        for figure, notes in list(part.items())[:_MAX_REASONS]:
            out.extend(wrap(f"{figure}: {'; '.join(notes)}", width, "  ", "    "))
    pipe = r["pipeline"]
    if pipe["grades"]:
        out += ["", t("metrics.pipeline")]
        grades = pipe["grades"]
        out.append(text_table(
            [t("metrics.head_grade"), t("metrics.head_women"), t("metrics.head_men"),
             t("metrics.head_women_pct"), t("metrics.head_change")],
            [[g["grade"], plain(g["women"]), plain(g["men"]), share_in(g["women_share"],
                                                                        lang=lang),
              points_in(g["change"], lang) + (
                  " " + t("metrics.change_from", grade=g["change_from"])
                  if g.get("change_from") and i and grades[i - 1]["grade"] != g["change_from"]
                  else "")]
             for i, g in enumerate(grades)], "lrrrr", width))
        worst = pipe["largest_drop"]
        left_out = pipe.get("left_out") or []
        published = len(grades) - len(left_out)
        if worst is None and published < 2:
            out.append(t("metrics.too_few_grades"))
        elif worst is None:
            out.append(t("metrics.no_fall_published" if left_out else "metrics.no_fall"))
        else:
            out.append(t("metrics.largest_drop", low=worst["from"], high=worst["to"],
                         n=num_(worst["drop"] * 100, 1)))
        if left_out:
            out.extend(wrap(t("metrics.left_out", grades=", ".join(left_out)), width, "", "  "))
    elif pipe["missing"]:
        out += ["", t("metrics.pipeline_missing", why=words_in(pipe["missing"], lang))]
    if r["projection"]:
        out += ["", t("metrics.projection", target=pct(r["target"] * 100))]
        out.append(text_table(
            [t("metrics.head_grade"), t("metrics.head_women_now"), t("metrics.head_entrants_w"),
             t("metrics.head_long_run"), t("metrics.head_reaches")],
            [[p["grade"], share_in(p["women_share"], lang=lang),
              share_in(p["entrants_women_share"], lang=lang),
              share_in(p["long_run_share"], lang=lang), words_in(p["outcome"], lang)]
             for p in r["projection"]], "lrrrl", width))
    if r["exit_reasons"]:
        out += ["", t("metrics.exit_reasons")]
        out.append(text_table([t("metrics.head_sex"), t("metrics.head_reason"),
                               t("metrics.head_exits")],
                              [[e["sex"], e["reason"], t("staff.suppressed")
                                if e["exits"] == SUPPRESSED else e["exits"]]
                               for e in r["exit_reasons"]],
                              "llr", width))
    return "\n".join(out)


def _group_label(group: dict[str, str], by: Sequence[str], lang: str = "en") -> str:
    return " × ".join(str(group[b]) for b in by) if by and any(group[b] != "all" for b in by) \
        else t_of(lang)("metrics.all_staff")


def pay_text(r: Any, lang: str = "en") -> str:
    """A pay transparency report (:func:`seal_engine.pay_report`) as plain text in ``lang``
    (its texts as :meth:`~seal_engine.workforce.pay.PayReport.in_language` gives them): the
    pay level and how it is worked out, the indicators of Article 9 in the directive's order,
    each on annual pay and per hour, then the joint pay assessment of Article 10."""
    from ...messages import Num
    from ...workforce.pay import status_in
    from ..words import share_in

    t = t_of(lang)
    width = terminal_width()
    by = r.by
    shape = t("metrics.aggregated" if r.shape == "aggregated" else "metrics.per_person")
    out = [t("paytext.head_year", file=r.file, shape=shape, year=str(r.year)) if r.year else
           t("paytext.head", file=r.file, shape=shape)]
    if r.shape != "aggregated":
        out += wrap_pct(t("paytext.pay_level", text=r.pay_level), width, "", "  ")
    shown = [b for b in r.bases if b.lacking is None]
    for b in r.bases:
        said = b.derivation if b.lacking is None else f"{LACKING} {b.lacking}"
        out += wrap_pct(t("paytext.basis", title=f"{b.title[0].upper()}{b.title[1:]}", text=said),
                     width, "  ", "    ")
    out += wrap_pct(t("paytext.gaps"), width, "", "")

    def count(n: Any, code: str, sex: str) -> Any:
        if isinstance(n, int):
            return say_(code, n=n)
        return t(f"paytext.suppressed_{sex}", suppressed=t("staff.suppressed"))

    people = {"women": count(r.women_with_pay, "needed.women", "women"),
              "men": count(r.men_with_pay, "needed.men", "men"), "min_group": r.min_group,
              "suppressed": t("staff.suppressed"), "lacking": LACKING}
    out += wrap_pct(t("paytext.with_pay_without", n=Num(value=r.staff_without_pay), **people)
                 if r.staff_without_pay else t("paytext.with_pay", **people), width, "", "")
    if r.note:
        out += wrap_pct(t("gaps.note", note=f"{r.note}."), width, "", "  ")
    out += ["", t("paytext.article9")]
    for ind in r.indicators:
        out += wrap_pct(f"({ind.letter}) {ind.title}. {ind.definition}.", width, "  ", "      ")
    heads = [t("paytext.head_group")] if by else []

    def label(g) -> list[str]:
        return [_group_label(g.group, by, lang)] if by else []

    keys = [b.key for b in shown]
    bases = t("paytext.on.period" if not shown or keys[0] == "period" else
              "paytext.on.both" if len(keys) > 1 else f"paytext.on.{keys[0]}")

    def basis(key: str) -> str:
        return t(f"paytext.col.{key}")

    def share(v: Any) -> str:
        return share_in(v, lang=lang)

    out += ["", t("paytext.by", by=" × ".join(b.replace("_", " ") for b in by)
                  or t("metrics.all_staff"), bases=bases)]
    rows = [[*label(g), basis(f.basis), g.women, g.men, share(f.pay_gap_mean),
             share(f.bonus_gap_mean), share(f.pay_gap_median), share(f.bonus_gap_median),
             share(f.bonus_share_women), share(f.bonus_share_men)]
            for g in r.groups for f in g.figures if r.basis(f.basis).lacking is None]
    if rows:
        out.append(text_table(
            [*heads, t("paytext.head_pay"), t("metrics.head_women"), t("metrics.head_men"),
             t("paytext.head_a"), t("paytext.head_b"), t("paytext.head_c"),
             t("paytext.head_d"), t("paytext.head_e_women"), t("paytext.head_e_men")], rows,
            "l" * len(heads) + "lrrrrrrrr", width))
    out += wrap_pct(t("paytext.compl"), width, "", "  ")
    quart = [(g, f, q) for g in r.groups for f in g.figures for q in f.quartiles]
    out += ["", *wrap_pct(t("paytext.quartiles"), width, "", "  ")]
    if quart:
        out.append(text_table(
            [*heads, t("paytext.head_pay"), t("paytext.head_band"), t("paytext.head_people"),
             t("metrics.head_women"), t("metrics.head_men")],
            [[*label(g), basis(f.basis), q.quartile, q.people, share(q.women_share),
              share(q.men_share)] for g, f, q in quart],
            "l" * len(heads) + "lrrrr", width))
    else:
        first = r.groups[0].figures[0]
        out += wrap_pct(f"{LACKING} {first.lacking.get('quartiles', '')}", width, "  ", "    ")
    col = r.category_column
    out += [""]
    if col is None:
        out += wrap_pct(t("paytext.no_category"), width, "", "  ")
    else:
        column = t(f"where.col.{col}") if f"where.col.{col}" in known_codes() else col
        out += wrap_pct(t("paytext.categories", column=column, bases=bases), width, "", "  ")
        out.append(text_table(
            [column[:1].upper() + column[1:], t("paytext.head_pay"), t("metrics.head_women"),
             t("metrics.head_men"), t("paytext.head_mean_gap"), t("paytext.head_basic"),
             t("paytext.head_compl"), t("paytext.head_women_receiving"),
             t("paytext.head_men_receiving"), t("paytext.head_article10")],
            [[c.category, basis(f.basis), c.women, c.men, share(f.pay_gap_mean),
              share(f.basic_pay_gap_mean), share(f.bonus_gap_mean),
              share(f.bonus_share_women), share(f.bonus_share_men),
              status_in(c.status, lang) if f.basis == c.basis else ""]
             for c in r.categories for f in c.figures if r.basis(f.basis).lacking is None],
            "llrrrrrrrl", width))
    out += _assessment_lines(r.joint_pay_assessment, width, t)
    why: dict[str, list[str]] = {}
    for g in r.groups:
        for f in g.figures:
            if r.basis(f.basis).lacking is not None:
                continue  # said once, above
            for reason in f.lacking.values():
                why.setdefault(reason, []).append(_group_label(g.group, by, lang))
    if why:
        out += ["", t("metrics.why_lacking", lacking=LACKING)]
        for reason, where in list(why.items())[:_MAX_REASONS]:
            out.extend(wrap_pct(f"{reason} ({', '.join(dict.fromkeys(where))})", width, "  ",
                                "    "))
    return "\n".join(out)


def _assessment_lines(a: Any, width: int, t: Any) -> list[str]:
    out = ["", t("paytext.article10")]
    out += wrap_pct(f"{a.definition}.", width, "  ", "    ")
    out += wrap_pct(a.summary[0].upper() + a.summary[1:] + ".", width, "  ", "    ")
    if a.categories:
        out.append("  " + t("paytext.flagged"))
        for c in a.categories:
            out += wrap_pct(t("paytext.item", name=c.category, text=f"{c.why}."), width, "    ",
                         "      ")
    if a.justified:
        out.append("  " + t("paytext.justified"))
        for c in a.justified:
            out += wrap_pct(t("paytext.item", name=c.category, text=c.justification), width,
                         "    ", "      ")
    if a.covers:
        out.append("  " + t("paytext.covers"))
        for i, item in enumerate(a.covers):
            out += wrap_pct(f"({'abcdefg'[i]}) {item};", width, "    ", "        ")
    out += wrap_pct(a.note, width, "  ", "    ")
    return out
