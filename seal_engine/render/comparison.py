"""The government view and batch scores as terminal text (tables fitted to the width, as
``render/text.py`` draws them).  Their CSV and XLSX forms are in ``render/tabular.py``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .tabular import about_lines
from .text import terminal_width, text_table, wrap
from .words import (
    LACKING,
    STATUS_WORDS,
    SUPPRESSED,
    band_name,
    needed_text,
    pct,
    pct_fraction,
    target_name,
    verdict_text,
)

__all__ = ["BATCH_HEAD", "batch_cells", "batch_text", "comparison_text"]

_KIND = {"self": "self", "reviewed": "reviewed"}


def _group(group: dict) -> str:
    return ", ".join("–" if v is None else str(v) for v in group.values()) or "all"


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


def comparison_text(c, limit: int | None = None) -> str:
    """A :class:`~seal_engine.Comparison` as plain-text tables: what it shows first (which
    results, which standards), then levels, the ranking with dimension scores, the benchmarks
    met least, the parity dashboard and the change between periods.  ``limit``: at most this
    many rows in the long tables (the full tables are in the JSON, CSV and XLSX forms)."""
    width = terminal_width()
    out = [f"Comparison of {c.institutions} institution{'s' if c.institutions != 1 else ''}"]
    for k, v in about_lines(c):
        out.extend(wrap(f"{k}: {v}", width, "", "  "))
    if not c.ranking:
        out += ["", "No results to compare."]
        return "\n".join(out)
    levels = c.levels
    dims = [d for d, _t in c.dimensions]
    several = len(c.standards) > 1

    def cut(rows: list) -> tuple[list, str | None]:
        if limit is None or len(rows) <= limit:
            return rows, None
        return rows[:limit], f"… {len(rows) - limit} more (--limit, or --format csv/xlsx/json)"

    # levels
    out += ["", "Levels reached"]
    groups = list(c.distribution)
    if c.by != ["scope"]:
        groups += list(c.scopes)
    out.append(text_table(
        ["Group", "Institutions", *[lv.title for lv in levels], "Mean score",
         *(["Mean shared"] if several else []), "Reviewed"],
        [[_group(g.group), g.institutions, *[g.levels.get(lv.id or "none", 0) for lv in levels],
          pct(g.mean_score), *([pct(g.mean_shared_score)] if several else []), g.reviewed]
         for g in groups], "l" + "r" * (len(levels) + 3 + several), width))
    if dims:
        out += ["", "Mean dimension scores"]
        out.append(text_table(["Group", *dims],
                              [[_group(g.group), *[pct(g.dimensions.get(d)) for d in dims]]
                               for g in groups], "l" + "r" * len(dims), width))
    if c.results_levels:
        out += ["", "Mean scores by the results the programme seeks"]
        out.append(text_table(["Group", *[t for _r, t in c.results_levels]],
                              [[_group(g.group), *[pct(g.results_levels.get(r))
                                                   for r, _t in c.results_levels]]
                               for g in groups], "l" + "r" * len(c.results_levels), width))
    # ranking and matrix
    out += ["", "Ranking by level and score, with the dimension scores (all in %"
            + ("; shared: on the benchmarks the standards share)" if several else ")")]
    rows, more = cut(c.ranking)
    lead = ["#", "Institution", "Scope", "Period", "Result", "Level", "Score",
            *(["Shared"] if several else [])]

    def lead_cells(r) -> list:
        return [r.rank, r.name, r.scope, r.period, _KIND[r.kind], r.level_title, _num(r.score),
                *([_num(r.shared_score)] if several else [])]

    both = text_table([*lead, *dims], [[*lead_cells(r), *[_num(x) for x in r.dimensions]]
                                       for r in rows], "rlllll" + "r" * (1 + several + len(dims)),
                      width)
    if max(len(line) for line in both.splitlines()) <= width or not dims:
        out.append(both)
    else:  # too narrow for both: the ranking, then the matrix
        out.append(text_table(lead, [lead_cells(r) for r in rows], "rlllll" + "r" * (1 + several),
                              width))
        out += ["", "Dimension scores (%)"]
        out.append(text_table(["#", "Institution", *dims],
                              [[r.rank, r.name, *[_num(x) for x in r.dimensions]] for r in rows],
                              "rl" + "r" * len(dims), width))
    if more:
        out.append(more)
    if dims:
        out.extend(wrap("Dimensions: " + "; ".join(f"{d} {t}" for d, t in c.dimensions),
                        width, "", "  "))
    # benchmarks
    if c.benchmarks:
        where = "in " + " × ".join(c.by) if c.by else "by scope"
        out += ["", f"Benchmarks met least ({len(c.benchmarks)} compared; lowest pass rate "
                f"{where})"]
        rows, more = cut(c.benchmarks)
        out.append(text_table(
            ["Benchmark", "Title", "Met", "Applies", "Pass rate", "Lowest in"],
            [[b.id, b.title, b.met, b.applicable, pct_fraction(b.pass_rate),
              f"{_group(b.lowest.group)} {pct_fraction(b.lowest.pass_rate)}" if b.lowest
              else ""] for b in rows], "llrrrl", width))
        if more:
            out.append(more)
    # parity
    p = c.parity
    if p is not None:
        band = {"low": p.band[0], "high": p.band[1], "kind": p.band_kind, "target": p.target}
        inside = {"parity": "at parity", "balanced": "balanced"}.get(p.band_kind, "in the band")
        goal = target_name(band)
        out += ["", *wrap(f"Parity dashboard: women's share of staff against the "
                          f"{band_name(band)} ({p.at_parity} of {len(p.institutions)} "
                          f"institutions {inside} overall); women (or men) needed to reach the "
                          f"band and {goal}, at the same headcount or by adding staff"
                          + ("" if width >= 100 else " (those by adding staff: --format csv, "
                             "xlsx or json, or a wider terminal)"), width, "", "  ")]
        verdict_head = {"parity": "Parity", "balanced": "Balance"}.get(p.band_kind, "Band")
        head = ["Breakdown", "Value", "Staff", "Women", "Men", "Women %", verdict_head,
                "To the band", "Or adding", f"To {goal}", "Or adding", "Institutions"]
        body = [[f.breakdown.replace("_", " "), f.value or "all staff", f.headcount,
                 _plain(f.women), _plain(f.men), _share(f), _verdict(f, p.band_kind),
                 _needed(f, "band_needed"), _needed(f, "band_needed_added"), _needed(f),
                 _needed(f, "needed_added"), f.institutions] for f in p.portfolio]
        # narrow: without the count, then without the figures by adding staff (in the CSV,
        # XLSX and JSON forms)
        keep = list(range(len(head))) if width >= 130 else \
            list(range(len(head) - 1)) if width >= 100 else [0, 1, 2, 3, 4, 5, 6, 7, 9]
        out.append(text_table([head[i] for i in keep], [[r[i] for i in keep] for r in body],
                              "".join("llrrrrlrrrrr"[i] for i in keep), width))
        out += ["", "By institution (all staff, and the top grade where the file has grades)"]
        rows = []
        for inst in p.institutions:
            first = inst.figures[0]
            grades = [f for f in inst.figures if f.breakdown == "grade"]
            top = grades[-1] if grades else None
            rows.append([inst.name, inst.period, first.headcount, _share(first),
                         _verdict(first, p.band_kind), _needed(first, "band_needed"),
                         _needed(first), f"{top.value} {_share(top)}" if top else LACKING])
        rows, more = cut(rows)
        out.append(text_table(["Institution", "Period", "Staff", "Women %", verdict_head,
                               "To the band", f"To {goal}", "Top grade"], rows, "llrrlrrl",
                              width))
        if more:
            out.append(more)
        if p.without_data:
            out.extend(wrap(f"Without workforce data: {', '.join(p.without_data)}", width, "",
                            "  "))
    # change between periods
    if c.changes:
        out += ["", f"Change between periods ({len(c.changes)} institutions assessed more "
                "than once)"]
        rows, more = cut(c.changes)
        out.append(text_table(
            ["Institution", "From", "To", "Level", "Score", "Change", "Newly met", "No longer"],
            [[ch.name, ch.before_period, ch.after_period,
              f"{ch.before_level_title} → {ch.after_level_title}",
              f"{pct(ch.before_score)} → {pct(ch.after_score)}", f"{ch.change:+.1f}",
              ch.newly_met, ch.no_longer_met] for ch in rows], "llllrrrr", width))
        if more:
            out.append(more)
        for ch in rows:
            if not ch.benchmarks and not ch.note:
                continue
            moved = "; ".join(f"{b.id} {STATUS_WORDS[b.before]} → {STATUS_WORDS[b.after]}"
                              for b in ch.benchmarks) or "no benchmark changed"
            out.extend(wrap(f"{ch.name}: {moved}" + (f" ({ch.note})" if ch.note else ""),
                            width, "  ", "    "))
    return "\n".join(_fitted(out, width))


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
