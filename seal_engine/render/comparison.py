"""The government view and batch scores as terminal text (tables fitted to the width, as
``render/text/`` draws them).  Their CSV and XLSX forms are in ``render/tabular.py``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .tabular import about_lines
from .text import terminal_width, text_table, wrap
from .words import (
    LACKING,
    SUPPRESSED,
    needed_text,
    pct_fraction,
    verdict_text,
)

__all__ = ["BATCH_HEAD", "batch_cells", "batch_text", "comparison_text"]

_KIND = {"self": "self", "reviewed": "reviewed"}  # each in words: the message result.<kind>


def _plain(v) -> str:
    return LACKING if v is None else str(v)


def _needed(f, name: str = "needed") -> str:
    """Who is needed, in words: '130 women', '0', 'out of reach', suppressed."""
    if f.parity is None:
        return LACKING
    return needed_text(getattr(f, name), getattr(f, f"{name.removesuffix('_added')}_sex"))


def _verdict(f, kind: str) -> str:
    return f.parity if f.parity == SUPPRESSED else verdict_text(f.parity, kind)


def _share(f) -> str:
    return pct_fraction(f.women_share, f.share_decimals)


def _num(v: float | None) -> str:
    return "–" if v is None else f"{v:.1f}"


def comparison_text(c, limit: int | None = None, lang: str = "en") -> str:
    """A :class:`~seal_engine.Comparison` as plain-text tables: what it shows first (which
    results, which standards), then levels, the ranking with dimension scores, the benchmarks
    met least, the parity dashboard and the change between periods.  ``limit``: at most this
    many rows in the long tables (the full tables are in the JSON, CSV and XLSX forms); the
    words in ``lang`` (what the comparison itself says, its notes and sources, in English)."""
    from ..messages import MESSAGES, num
    from ..messages import pct as _pct
    from .words import band_in, needed_in, share_in, status_message, target_in, verdict_in

    t = _t(lang)
    no_level = t("compare.no_level")

    def _group(group: dict) -> str:
        """A group's values (its scope in words), or all of them."""
        return ", ".join("–" if v is None else _scope(v) if k == "scope" else str(v)
                         for k, v in group.items()) or t("compare.all")

    def _scope(v: str) -> str:
        return t(f"scope.{v}") if v in ("national", "subnational") else v

    def _breakdown(name: str) -> str:
        code = f"where.col.{name}"
        return t("compare.breakdown_all") if name == "all" else t(code) if code in MESSAGES else \
            name.replace("_", " ")

    def pct(v):
        return "–" if v is None else t("problem.text", text=_pct(v, 1))

    def _num(v):
        return "–" if v is None else t("problem.text", text=num(v, 1))

    def _share(f):
        return share_in(f.women_share, f.share_decimals, lang)

    def _verdict(f, kind):
        return f.parity if f.parity == SUPPRESSED else verdict_in(f.parity, kind, lang)

    def _needed(f, name="needed"):
        if f.parity is None:
            return LACKING
        return needed_in(getattr(f, name), getattr(f, f"{name.removesuffix('_added')}_sex"),
                         lang)

    width = terminal_width()
    out = [t("compare.head", n=c.institutions)]
    for k, v in about_lines(c, lang):
        out.extend(wrap(t("about.line", heading=k, text=v), width, "", "  "))
    if not c.ranking:
        out += ["", t("compare.nothing")]
        return "\n".join(out)
    levels = c.levels
    dims = [d for d, _t in c.dimensions]
    several = len(c.standards) > 1

    def cut(rows: list) -> tuple[list, str | None]:
        if limit is None or len(rows) <= limit:
            return rows, None
        return rows[:limit], t("compare.more_rows", n=len(rows) - limit)

    # levels
    out += ["", t("compare.levels")]
    groups = list(c.distribution)
    if c.by != ["scope"]:
        groups += list(c.scopes)
    out.append(text_table(
        [t("compare.group"), t("compare.institutions"),
         *[lv.title if lv.id else no_level for lv in levels],
         t("compare.mean_score"), *([t("compare.mean_shared")] if several else []),
         t("compare.reviewed")],
        [[_group(g.group), g.institutions, *[g.levels.get(lv.id or "none", 0) for lv in levels],
          pct(g.mean_score), *([pct(g.mean_shared_score)] if several else []), g.reviewed]
         for g in groups], "l" + "r" * (len(levels) + 3 + several), width))
    if dims:
        out += ["", t("compare.mean_dimensions")]
        out.append(text_table([t("compare.group"), *dims],
                              [[_group(g.group), *[pct(g.dimensions.get(d)) for d in dims]]
                               for g in groups], "l" + "r" * len(dims), width))
    if c.results_levels:
        out += ["", t("compare.mean_results")]
        out.append(text_table([t("compare.group"), *[title for _r, title in c.results_levels]],
                              [[_group(g.group), *[pct(g.results_levels.get(r))
                                                   for r, _t in c.results_levels]]
                               for g in groups], "l" + "r" * len(c.results_levels), width))
    # ranking and matrix
    out += ["", t("compare.ranking_shared" if several else "compare.ranking")]
    rows, more = cut(c.ranking)
    lead = ["#", t("compare.institution"), t("compare.scope"), t("batch.period"),
            t("batch.result"), t("batch.level"), t("head.score"),
            *([t("compare.shared")] if several else [])]

    def lead_cells(r) -> list:
        return [r.rank, r.name, _scope(r.scope), r.period, t(f"result.{_KIND[r.kind]}"),
                r.level_title if r.level else no_level,
                _num(r.score), *([_num(r.shared_score)] if several else [])]

    both = text_table([*lead, *dims], [[*lead_cells(r), *[_num(x) for x in r.dimensions]]
                                       for r in rows], "rlllll" + "r" * (1 + several + len(dims)),
                      width)
    if max(len(line) for line in both.splitlines()) <= width or not dims:
        out.append(both)
    else:  # too narrow for both: the ranking, then the matrix
        out.append(text_table(lead, [lead_cells(r) for r in rows], "rlllll" + "r" * (1 + several),
                              width))
        out += ["", t("compare.dimension_scores")]
        out.append(text_table(["#", t("compare.institution"), *dims],
                              [[r.rank, r.name, *[_num(x) for x in r.dimensions]] for r in rows],
                              "rl" + "r" * len(dims), width))
    if more:
        out.append(more)
    if dims:
        out.extend(wrap(t("compare.dimensions", dimensions="; ".join(
            f"{d} {title}" for d, title in c.dimensions)), width, "", "  "))
    # benchmarks
    if c.benchmarks:
        code = "compare.least_met_in" if c.by else "compare.least_met_by_scope"
        out += ["", t(code, n=len(c.benchmarks), by=" × ".join(c.by))]
        rows, more = cut(c.benchmarks)
        out.append(text_table(
            [t("head.benchmark"), t("head.title"), t("head.met"), t("compare.applies"),
             t("compare.pass_rate"), t("compare.lowest_in")],
            [[b.id, b.title, b.met, b.applicable, share_in(b.pass_rate, lang=lang),
              f"{_group(b.lowest.group)} {share_in(b.lowest.pass_rate, lang=lang)}" if b.lowest
              else ""] for b in rows], "llrrrl", width))
        if more:
            out.append(more)
    # parity
    p = c.parity
    if p is not None:
        band = {"low": p.band[0], "high": p.band[1], "kind": p.band_kind, "target": p.target}
        inside = {"parity": "compare.inside_parity", "balanced": "compare.inside_balanced"}.get(
            p.band_kind, "compare.inside_band")
        goal = target_in(band, lang)
        out += ["", *wrap(t("compare.parity", band=band_in(band, lang), at=p.at_parity,
                            n=len(p.institutions), inside=say_(inside), goal=goal)
                          + ("" if width >= 100 else t("compare.parity_narrow")),
                          width, "", "  ")]
        verdict_head = t({"parity": "metrics.head_parity", "balanced": "metrics.head_balance"}
                         .get(p.band_kind, "metrics.head_band"))
        head = [t("compare.breakdown"), t("standard.value"), t("metrics.head_staff"),
                t("metrics.head_women"), t("metrics.head_men"), t("metrics.head_women_pct"),
                verdict_head, t("metrics.head_to_band"), t("metrics.head_or_adding"),
                t("metrics.head_to_goal", goal=goal), t("metrics.head_or_adding"),
                t("compare.institutions")]
        body = [[_breakdown(f.breakdown), f.value or t("metrics.all_staff"), f.headcount,
                 _plain(f.women), _plain(f.men), _share(f), _verdict(f, p.band_kind),
                 _needed(f, "band_needed"), _needed(f, "band_needed_added"), _needed(f),
                 _needed(f, "needed_added"), f.institutions] for f in p.portfolio]
        # narrow: without the count, then without the figures by adding staff (in the CSV,
        # XLSX and JSON forms)
        keep = list(range(len(head))) if width >= 130 else \
            list(range(len(head) - 1)) if width >= 100 else [0, 1, 2, 3, 4, 5, 6, 7, 9]
        out.append(text_table([head[i] for i in keep], [[r[i] for i in keep] for r in body],
                              "".join("llrrrrlrrrrr"[i] for i in keep), width))
        out += ["", t("compare.by_institution")]
        rows = []
        for inst in p.institutions:
            first = inst.figures[0]
            grades = [f for f in inst.figures if f.breakdown == "grade"]
            top = grades[-1] if grades else None
            rows.append([inst.name, inst.period, first.headcount, _share(first),
                         _verdict(first, p.band_kind), _needed(first, "band_needed"),
                         _needed(first), f"{top.value} {_share(top)}" if top else LACKING])
        rows, more = cut(rows)
        out.append(text_table([t("compare.institution"), t("batch.period"),
                               t("metrics.head_staff"), t("metrics.head_women_pct"), verdict_head,
                               t("metrics.head_to_band"), t("metrics.head_to_goal", goal=goal),
                               t("compare.top_grade")], rows, "llrrlrrl", width))
        if more:
            out.append(more)
        if p.without_data:
            out.extend(wrap(t("compare.without_data", names=", ".join(p.without_data)), width,
                            "", "  "))
    # change between periods
    if c.changes:
        out += ["", t("compare.changes", n=len(c.changes))]
        rows, more = cut(c.changes)
        out.append(text_table(
            [t("compare.institution"), t("compare.from"), t("compare.to"), t("batch.level"),
             t("head.score"), t("metrics.head_change"), t("compare.newly_met"),
             t("compare.no_longer")],
            [[ch.name, ch.before_period, ch.after_period,
              f"{ch.before_level_title if ch.before_level else no_level} → "
              f"{ch.after_level_title if ch.after_level else no_level}",
              f"{pct(ch.before_score)} → {pct(ch.after_score)}",
              t("problem.text", text=num(ch.change, 1, sign=True)),
              ch.newly_met, ch.no_longer_met] for ch in rows], "llllrrrr", width))
        if more:
            out.append(more)
        for ch in rows:
            if not ch.benchmarks and not ch.note:
                continue
            moved = "; ".join(
                f"{b.id} {t('problem.text', text=status_message(b.before))} → "
                f"{t('problem.text', text=status_message(b.after))}"
                for b in ch.benchmarks) or t("compare.no_benchmark_changed")
            out.extend(wrap(f"{ch.name}: {moved}" + (f" ({ch.note})" if ch.note else ""),
                            width, "  ", "    "))
    return "\n".join(_fitted(out, width))


def _t(lang: str):
    from ..messages import render_message, say

    def t(code: str, /, **params) -> str:
        return render_message(say(code, **params), lang=lang)

    return t


def say_(code: str, /, **params):
    from ..messages import say

    return say(code, **params)


def _fitted(parts: list[str], width: int) -> list[str]:
    """Headings and notes longer than the width wrapped (tables are already fitted)."""
    out = []
    for p in parts:
        if "\n" in p or len(p) <= width:
            out.append(p)
        else:
            out.extend(wrap(p, width, "", "  "))
    return out


#: The columns of a batch score row (table, CSV); JSON lines hold the whole row.
BATCH_HEAD: tuple[str, ...] = ("file", "assessment", "institution", "name", "country", "scope",
                               "period", "standard", "result", "status", "level", "score")


def batch_cells(row, dims: Sequence[str] = ()) -> list:
    """A scored row as the cells of :data:`BATCH_HEAD` (and its dimension scores)."""
    kind = "self-assessed" if row.kind == "self" else "reviewed"
    return [row.file, row.assessment, row.institution, row.name, row.country, row.scope,
            row.period, row.standard_key, kind, "draft" if row.draft else "submitted",
            row.level, row.score, *row.dimensions[:len(dims)]]


def batch_text(rows: Iterable, levels: dict[str, dict[str, str]] | None = None,
               lang: str = "en") -> str:
    """Scored rows as a table in ``lang``, one line per assessment: files shown from the
    folder they share, the standard only when there are several, scores in percent."""
    import os

    from ..messages import num, render_message, say
    from .words import score_num

    def t(code: str, /, **params) -> str:
        return render_message(say(code, **params), lang=lang)

    rows = list(rows)
    if not rows:
        return t("batch.none")
    titles = levels or {}
    files = [r.file or r.assessment for r in rows]
    base = os.path.commonpath([os.path.dirname(f) or "." for f in files]) if all(
        r.file for r in rows) else ""
    shown = [os.path.relpath(f, base) if base else f for f in files]
    several = len({r.standard_key for r in rows}) > 1
    head = [t("batch.file_in", folder=base) if base and base != "." else t("batch.file"),
            t("batch.institution"), t("batch.period"),
            *([t("batch.standard_head")] if several else []), t("batch.result"),
            t("batch.level"), t("batch.score")]

    def score(r) -> str:
        value = score_num(r.points, r.max_points) if r.max_points else num(r.score, 1)
        return t("problem.text", text=value.model_copy(update={"percent": False}))

    body = [[f, r.name, r.period, *([r.standard_key] if several else []),
             t(("result.self" if r.kind == "self" else "result.reviewed")
               + ("_draft" if r.draft else "")),
             titles.get(r.standard_key, {}).get(r.level, r.level) if r.level
             else t("level.no_level"), score(r)] for f, r in zip(shown, rows, strict=True)]
    out = text_table(head, body, "lll" + "l" * several + "llr", terminal_width())
    if not several:
        out += "\n" + t("batch.standard", standards=rows[0].standard_key)
    return out
