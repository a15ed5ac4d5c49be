"""Plain text for a terminal: tables that fit the width, lines wrapped at words.

The width is the terminal's (``COLUMNS``), at most 100 columns when it is not known.  A cell or
line too long for its column is wrapped at a space, never cut inside a word; a single word
longer than the column is left whole.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Sequence
from typing import Any

from ..models import Assessment, BenchmarkStatus, ScoreResult, Standard
from .words import (
    LACKING,
    SUPPRESSED,
    score_decimals,
)

__all__ = ["metrics_text", "pay_text", "shorten", "terminal_width", "text_table", "wrap"]

_DEFAULT_WIDTH = 100


def terminal_width() -> int:
    """The width to fit: ``COLUMNS`` if set, the terminal's if known, else 100."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) >= 20:
        return int(env)
    size = shutil.get_terminal_size(fallback=(0, 0)).columns
    return size if size >= 20 else _DEFAULT_WIDTH


def wrap(text: str, width: int | None = None, indent: str = "", hanging: str | None = None
         ) -> list[str]:
    """``text`` wrapped at spaces to ``width``; ``indent`` starts the first line, ``hanging``
    (default: ``indent`` plus two spaces) the others."""
    width = width or terminal_width()
    hanging = indent + "  " if hanging is None else hanging
    lines = textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=hanging,
                          break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]
    return lines


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def text_table(headers: Sequence[str], rows: Sequence[Sequence[object]],
               align: str | None = None, width: int | None = None) -> str:
    """A plain-text table; ``align`` holds 'l' or 'r' per column.  When the table is wider
    than ``width`` (default: the terminal's), the widest left-aligned columns are narrowed and
    their cells wrapped onto further lines at spaces."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    ncol = len(headers)
    align = align or "l" * ncol
    widths = [max(len(r[i]) for r in cells) for i in range(ncol)]
    limit = width or terminal_width()
    # narrow the widest column that can wrap until the table fits, or nothing can give; a
    # column never gets narrower than its longest word
    floor = [max([len(w) for r in cells for w in r[i].split()] or [1]) for i in range(ncol)]
    while sum(widths) + 2 * (ncol - 1) > limit:
        candidates = [i for i in range(ncol) if widths[i] > max(floor[i], 4)]
        if not candidates:
            break
        i = max(candidates, key=lambda k: widths[k] - floor[k] / 2)
        widths[i] -= 1
    # each cell becomes its wrapped lines; a word longer than the column widens it
    wrapped = []
    for r in cells:
        parts = [textwrap.wrap(c, width=w, break_long_words=False, break_on_hyphens=False)
                 or [""] for c, w in zip(r, widths, strict=True)]
        wrapped.append(parts)
    widths = [max(widths[i], *(len(line) for row in wrapped for line in row[i]))
              for i in range(ncol)]

    def fmt(parts) -> list[str]:
        height = max(len(p) for p in parts)
        out = []
        for k in range(height):
            line = "  ".join(
                (p[k] if k < len(p) else "").rjust(w) if a == "r"
                else (p[k] if k < len(p) else "").ljust(w)
                for p, w, a in zip(parts, widths, align, strict=True))
            out.append(line.rstrip())
        return out

    out = fmt(wrapped[0]) + ["  ".join("-" * w for w in widths)]
    for parts in wrapped[1:]:
        out.extend(fmt(parts))
    return "\n".join(out)


def _lines(items: list[str], width: int) -> list[str]:
    """Each item (indented with spaces) wrapped with a hanging indent."""
    out = []
    for item in items:
        body = item.lstrip(" ")
        indent = item[: len(item) - len(body)]
        hang = indent + ("  " if body[:2] in ("✓ ", "✗ ", "? ", "- ") else "  ")
        out.extend(wrap(body, width, indent, hang))
    return out


# ------------------------------------------------------------------------------- scores


def _say(lang: str):
    """``t(code, **params)``: a message of the catalogue written in ``lang``."""
    from ..messages import render_message, say

    def t(code: str, /, **params) -> str:
        return render_message(say(code, **params), lang=lang)

    return t


def _level_title(standard: Standard | None, level: str | None):
    from ..messages import say

    if not level:
        return say("score.no_level")
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}
    return titles.get(level, level)


def level_line(r: ScoreResult, standard: Standard | None, lang: str = "en") -> str:
    from .words import score_message

    nxt = r.next_level.min_score if r.next_level else None
    return _say(lang)("score.level_line", level=_level_title(standard, r.level),
                      score=score_message(r.score, r.basis, r.points, r.max_points, nxt))


def next_lines(r: ScoreResult, standard: Standard | None, lang: str = "en") -> list[str]:
    from ..messages import Ids, num, pct

    t = _say(lang)
    nxt = r.next_level
    if nxt is None:
        return [t("next.none")]
    strict = standard is not None and standard.scoring.threshold_operator == ">"
    threshold = pct(nxt.min_score)
    unmet = [b for b in nxt.blocking if b not in nxt.pending_claims]
    if nxt.points_needed <= 0 and nxt.blocking:
        code = "next.needs_more_than_mandatory" if strict else "next.needs_mandatory"
    else:
        code = "next.needs_more_than" if strict else "next.needs"
    out = [t(code, level=nxt.title, threshold=threshold)]
    if nxt.points_needed > 0:
        if r.basis.kind == "benchmarks_met":
            needed = t("next.more_benchmarks", n=num(round(nxt.points_needed, 4)),
                       applicable=r.max_points)
        else:
            needed = t("next.more_points", n=nxt.points_needed, applicable=r.max_points)
        out.append("  " + (t("next.strict", needed=needed) if strict else needed))
    if unmet:
        out.append("  " + t("next.mandatory_unmet", ids=Ids(items=unmet)))
    if nxt.pending_claims:
        out.append("  " + t("next.mandatory_pending", ids=Ids(items=nxt.pending_claims)))
    return out


def basis_line(r: ScoreResult, lang: str = "en") -> str:
    from .words import basis_message

    return _say(lang)("score.basis_line", basis=basis_message(r.basis))


def _counts(c) -> tuple:
    S = BenchmarkStatus
    return (c[S.met], c[S.partially_met], c[S.not_met], c[S.not_answered], c[S.not_applicable])


def _count_heads(t) -> tuple[str, ...]:
    return (t("head.score"), t("head.met"), t("head.partly"), t("head.not_met"),
            t("head.unanswered"), t("head.na"))


def results_level_rows(r: ScoreResult, lang: str = "en") -> tuple[tuple[str, ...], list[tuple]]:
    t = _say(lang)
    return ((t("head.results_level"), t("head.dimensions"), *_count_heads(t)),
            [(g.title, ", ".join(g.dimensions), score_decimals(g.points, g.max_points, lang=lang),
              *_counts(g.counts)) for g in r.results_levels])


def score_head(r: ScoreResult, lang: str = "en") -> str:
    t = _say(lang)
    period = r.period.label or t("score.period_span", start=r.period.start, end=r.period.end)
    return t("score.head", institution=r.institution.name, standard=r.standard.id,
             version=str(r.standard.version), period=period)


def dimension_rows(r: ScoreResult, lang: str = "en") -> tuple[tuple[str, ...], list[tuple]]:
    t = _say(lang)
    return ((t("head.dimension"), t("head.title"), *_count_heads(t)),
            [(d.id, d.title, score_decimals(d.points, d.max_points, lang=lang),
              *_counts(d.counts)) for d in r.dimensions])


def benchmark_rows(r: ScoreResult, standard: Standard | None, lang: str = "en",
                   ) -> tuple[tuple[str, ...], list]:
    from ..messages import render_message
    from .words import status_message

    t = _say(lang)
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}
    return ((t("head.benchmark"), t("head.title"), t("head.status"), t("head.points"),
             t("head.mandatory_from")),
            [(b.id, b.title, render_message(status_message(b.status), lang=lang),
              t("score.points_of", points=b.points, max_points=b.max_points),
              titles.get(b.mandatory_from, b.mandatory_from or "")) for b in r.benchmarks])


def score_text(r: ScoreResult, standard: Standard | None = None, lang: str = "en") -> str:
    width = terminal_width()
    dh, drows = dimension_rows(r, lang)
    bh, brows = benchmark_rows(r, standard, lang)
    parts = [*wrap(score_head(r, lang), width, "", ""),
             *wrap(level_line(r, standard, lang), width, "", "  "),
             *wrap(basis_line(r, lang), width, "", "  "),
             *_lines(next_lines(r, standard, lang), width), "",
             (text_table(dh, drows, "llrrrrrr", width) if width >= 75 else  # narrow: no titles
              text_table(dh[:1] + dh[2:], [r[:1] + r[2:] for r in drows], "lrrrrrr", width))]
    if r.results_levels:
        gh, grows = results_level_rows(r, lang)
        parts += ["", text_table(gh, grows, "llrrrrrr", width) if width >= 75 else
                  text_table(gh[:1] + gh[2:], [g[:1] + g[2:] for g in grows], "lrrrrrr", width)]
    parts += ["", text_table(bh, brows, "lllll", width)]
    return "\n".join(parts)


def _value_text(p, lang: str = "en") -> str:
    from ..messages import pct, render_message, say
    from ..rules.values import value_param

    if p.unit == "share" and isinstance(p.value, (int, float)) and not isinstance(p.value, bool):
        return render_message(say("problem.text", text=pct(p.value * 100)), lang=lang)
    if isinstance(p.value, bool) or isinstance(p.value, (int, float)):
        return render_message(say("problem.text", text=value_param(p.value)), lang=lang)
    return f"{p.value}"


NO_SOURCE = "(no source given)"


def standard_text(s: Standard, lang: str = "en") -> str:
    """What a standard asks and where each number comes from (in ``lang``): its basis, levels
    with their thresholds, results levels, parameters and every mandatory choice, each with its
    source."""
    from ..messages import pct

    t = _say(lang)
    width = terminal_width()
    no_source = t("standard.no_source")
    titles = {lv.id: lv.title for lv in s.levels}
    sc = s.scoring
    strict = sc.threshold_operator == ">"
    basis = say_("standard.basis_met" if sc.basis == "benchmarks_met" else
                 "standard.basis_points")
    partly = (say_("standard.no_partial") if not sc.partial_credit else
              say_("standard.partial", share=pct(sc.partial_credit * 100)))
    head = f"{s.title} — {s.id} v{s.version}"
    out = [t("standard.head_extends", head=head, parent=s.extends.id,
             version=str(s.extends.version)) if s.extends else head]
    if not s.certifiable:
        out.append(t("standard.teaching"))
    if s.validity_years and s.certifiable:
        out.append(t("standard.validity", n=s.validity_years))
    out += wrap(t("standard.basis_more_than" if strict else "standard.basis_at_least",
                  basis=basis, partly=partly, source=sc.source or no_source), width, "", "  ")
    op = "standard.more_than" if strict else "standard.at_least"
    out += ["", text_table((t("standard.level"), t("standard.threshold"),
                            t("standard.mandatory_count"), t("standard.source")),
                           [(lv.title, t(op, threshold=pct(lv.min_score)),
                             sum(1 for b in s.benchmarks() if b.mandatory_from == lv.id),
                             lv.source or no_source) for lv in s.levels_in_order()],
                           "lrrl", width)]
    if s.results_levels:
        out += ["", text_table((t("head.results_level"), t("head.dimensions"),
                                t("standard.source")), [
            (rl.title, ", ".join(d.id for d in s.dimensions if d.results_level == rl.id),
             rl.source or "") for rl in s.results_levels], "lll", width)]
    out += ["", text_table((t("head.dimension"), t("head.title"), t("head.results_level"),
                            t("standard.source")), [
        (d.id, d.title, next((rl.title for rl in s.results_levels if rl.id == d.results_level),
                             ""), d.source or "") for d in s.dimensions], "llll", width)]
    if s.parameters:
        out += ["", text_table((t("standard.parameter"), t("standard.value"),
                                t("standard.what_it_is"), t("standard.source")), [
            (name, _value_text(p, lang), p.title or "", p.source or no_source)
            for name, p in s.parameters.items()], "llll", width)]
    out += ["", text_table((t("head.benchmark"), t("head.title"), t("head.mandatory_from"),
                            t("standard.may_claim"), t("standard.choice_source")), [
        (b.id, b.title, titles.get(b.mandatory_from, "—") if b.mandatory_from else "—",
         t("word.yes") if b.allow_not_applicable else t("word.no"),
         b.mandatory_source or ("" if not b.mandatory_from else no_source))
        for b in s.benchmarks()], "lllll", width)]
    return "\n".join(out)


def explain_text(standard: Standard, assessment: Assessment, r: ScoreResult,
                 benchmark_id: str, lang: str = "en") -> str:
    """Everything about one benchmark in ``lang``: what it asks, what was answered, its status
    and why."""
    from ..messages import num
    from .words import answer_lines, status_message

    t = _say(lang)
    width = terminal_width()
    b = standard.benchmark(benchmark_id)
    res = r.benchmark(benchmark_id)
    dim = next(d for d in standard.dimensions if any(x.id == b.id for x in d.benchmarks))
    lines = [f"{b.id} {b.title}", t("explain.dimension", id=dim.id, title=dim.title)]
    if b.description:
        lines.extend(wrap(" ".join(b.description.split()), width, "", ""))
    titles = {lv.id: lv.title for lv in standard.levels}
    must = (t("explain.mandatory_from", level=titles[b.mandatory_from]) if b.mandatory_from
            else t("explain.not_mandatory"))
    status = status_message(res.status)
    if standard.scoring.basis == "weighted_points":
        lines.append(t("explain.weighted", weight=num(b.weight), mandatory=must, status=status,
                       points=num(res.points), n=num(res.max_points)))
    else:
        lines.append(t("explain.status", mandatory=must, status=status))
    lines.append("")
    lines.append(t("explain.why"))
    lines.extend(_lines(["  " + ln for ln in res.explained(lang)], width))
    if b.questions:
        lines.append("")
        lines.append(t("explain.questions"))
        for q in b.questions:
            lines.extend(wrap(f"{q.id} ({t('qtype.' + q.type.value)}) {q.text}", width, "  ",
                              "      "))
            lines.extend(_lines(answer_lines(assessment.answers.get(q.id), q, lang), width))
    if b.evidence:
        lines.append("")
        lines.append(t("explain.evidence"))
        for e in b.evidence:
            items = [i for i in assessment.evidence if i.requirement == e.id]
            lines.extend(wrap(f"{e.id} {e.title} ({t('evidence_kind.' + e.kind.value)})", width,
                              "  ", "      "))
            if not items:
                lines.append("      " + t("explain.provided_nothing"))
            for i in items:
                ref = f" [{i.reference}]" if i.reference else ""
                lines.extend(wrap(t("explain.provided", title=i.title, reference=ref,
                                    status=t("evidence_status." + str(i.status))),
                                  width, "      ", "        "))
    actions = standard.actions_for(b.id)
    if actions and res.status not in (BenchmarkStatus.met, BenchmarkStatus.not_applicable):
        lines.append("")
        lines.append(t("explain.actions"))
        for act in actions:
            lines.extend(wrap(t("explain.action", id=act.id, title=act.title,
                                area=t("area." + act.area.value), n=act.duration_quarters),
                              width, "  ", "      "))
    return "\n".join(lines)


# ------------------------------------------------------------------------------- gaps


PLAN_WORDS = {"none": "no action", "planned": "planned", "in_progress": "under way",
              "done": "done"}


def path_lines(p, then: bool = False, lang: str = "en") -> list[str]:
    """A level's shortest path in words (in ``lang``); ``then``: it follows the level before it
    on the way up, so its benchmarks come on top of that level's."""
    from ..messages import Ids, pct

    t = _say(lang)
    if p.already_reached:
        return [t("path.reached", level=p.title)]
    if not p.reachable:
        return [t("path.out_of_reach", level=p.title, reasons=p.reasons_why or p.reasons)]
    parts = []
    if p.mandatory:
        parts.append(say_("path.mandatory", ids=Ids(items=p.mandatory)))
    if p.extra:
        parts.append(say_("path.threshold", ids=Ids(items=p.extra)))
    return [t("path.then" if then else "path.meet", level=p.title, n=len(p.benchmarks),
              parts=parts, score=pct(p.score_after, 1))]


def say_(code: str, **params):
    from ..messages import say

    return say(code, **params)


def gap_rows(report, standard: Standard | None, lang: str = "en"):
    """(head, headers, rows, intro lines, path lines) of a gap report in ``lang``, shared by
    text and Markdown."""
    from ..gaps import SCORE_ONLY
    from ..messages import Ids, num, pct, render_message
    from .words import score_message, status_message

    t = _say(lang)
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}

    def title(level_id):
        return titles.get(level_id, level_id) if level_id else say_("score.no_level")

    nxt = next((p.min_score for p in report.paths if not p.already_reached), None)
    score = (score_message(report.score, report.basis, report.points, report.max_points, nxt)
             if report.basis is not None else
             say_("gaps.score_points", score=pct(report.score, 1), points=num(report.points),
                  max_points=num(report.max_points)))
    lines = [t("gaps.level_line", level=title(report.level), score=score)]
    if report.assumed_met:
        lines.append(t("gaps.what_if", ids=Ids(items=report.assumed_met),
                       before=title(report.level_before)))
    if report.excluded:
        lines.append(t("gaps.ruled_out", ids=Ids(items=report.excluded)))
    plines = []
    if report.target is not None and report.target not in report.paths:
        plines += path_lines(report.target, lang=lang)
    climbing = False
    for p in report.paths:
        plines += path_lines(p, then=climbing, lang=lang)
        climbing = climbing or (p.reachable and not p.already_reached)
    rows = []
    questions = standard.questions() if standard is not None else {}
    for g in report.gaps:
        failing = (g.failing_why if g.failing_why is not None else g.failing)
        todo = [render_message(f, lang=lang) for f in failing] + [
            (t("gaps.answer_question", id=q, text=shorten(questions[q].text, 70))
             if q in questions else t("gaps.answer", id=q))
            for q in g.unanswered if not any(q in f for f in g.failing)]
        if g.missing_evidence:
            todo.append(render_message(say_("gap.evidence_missing", evidence=Ids(
                items=[e.title for e in g.missing_evidence])), lang=lang))
        if report.plan is not None:
            acts = [t("gaps.action_status", id=a.id, status=t("plan_status." + a.status))
                    for a in g.actions]
            acts = (t("gaps.plan_actions", status=t("plan." + g.plan_status),
                      actions=", ".join(acts)) if g.actions else t("plan.none"))
        else:
            acts = ", ".join(a.id for a in g.actions) or t("gaps.no_library_action")
        reason = render_message(g.reason_why if g.reason_why is not None else g.reason,
                                lang=lang)
        rows.append((g.priority, g.id, g.title, render_message(status_message(g.status),
                                                                lang=lang),
                     f"+{render_message(say_('problem.text', text=num(g.gain)), lang=lang)}",
                     "—" if g.blocks == SCORE_ONLY else g.blocks, t("effort." + g.effort),
                     reason, todo, acts))
    gain = t("gaps.head_points") if report.basis is None or \
        report.basis.kind == "weighted_points" else t("gaps.head_met")
    headers = ("#", t("head.benchmark"), t("head.title"), t("head.status"), gain,
               t("gaps.head_mandatory"), t("gaps.head_effort"), t("gaps.head_why"),
               t("gaps.head_missing"), t("gaps.head_actions"))
    period = report.period.label or t("score.period_span", start=report.period.start,
                                      end=report.period.end)
    head = t("gaps.head", institution=report.institution.name, standard=report.standard.id,
             version=str(report.standard.version), period=period)
    return head, headers, rows, lines, plines


def gaps_text(report, standard: Standard | None = None, lang: str = "en") -> str:
    t = _say(lang)
    width = terminal_width()
    head, headers, rows, lines, plines = gap_rows(report, standard, lang)
    out = [*wrap(head, width, "", ""), *(w for ln in lines for w in wrap(ln, width, "", "  "))]
    if plines:
        out += ["", t("gaps.shortest_path"), *_lines([f"  {ln}" for ln in plines], width)]
    out.append("")
    if not rows:
        out.append(t("gaps.none"))
    elif width >= 90:
        out.append(text_table(headers[:7] + (headers[9],),
                              [(*r[:2], r[2], *r[3:7], r[9]) for r in rows],
                              "rlllrlll", width))
        out += ["", t("gaps.why_and_missing")]
        for r in rows:
            out.extend(wrap(f"{r[0]}. {r[1]}: {r[7]}", width, "  ", "     "))
            out.extend(_lines([f"    - {x}" for x in r[8]], width))
    else:  # a narrow terminal: the short columns in the table, the rest below each gap
        out.append(text_table((headers[0], headers[1], headers[3], headers[4], headers[5]),
                              [(r[0], r[1], r[3], r[4], r[5]) for r in rows], "rllrl", width))
        out += ["", t("gaps.each_gap")]
        for r in rows:
            out.extend(wrap(t("gaps.narrow_row", rank=str(r[0]), id=r[1], title=r[2],
                              effort=r[6], actions=r[9]), width, "  ", "     "))
            out.extend(wrap(t("gaps.narrow_why", why=r[7]), width, "     ", "       "))
            out.extend(_lines([f"    - {x}" for x in r[8]], width))
    if report.without_action:
        from ..messages import Ids

        out += ["", *wrap(t("gaps.without_action", ids=Ids(items=report.without_action)),
                          width, "", "  ")]
    for note in (report.notes_why if report.notes_why is not None else report.notes):
        out.extend(wrap(t("gaps.note", note=note), width, "", "  "))
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------- diff


def _word(value: Any, t) -> str:
    if value is None:
        return t("diff.none")
    if isinstance(value, bool):
        return t("word.yes" if value else "word.no")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _record(c, t) -> str:
    """A changed record in words: a benchmark by its id, the others by kind and id."""
    if c.kind == "benchmark":
        return c.record
    if c.kind in ("level", "parameter", "dimension"):
        return t(f"diff.record.{c.kind}", name=c.name)
    if c.kind in ("scoring", "standard"):
        return t(f"diff.record.{c.kind}")
    return c.record


def diff_text(d, lang: str = "en") -> str:
    """The differences between two standards in words in ``lang``, one a line."""
    t = _say(lang)
    if d.empty:
        return t("diff.same", new=d.new, old=d.old)
    lines = [t("diff.head", old=d.old, new=d.new)]
    lines += ["  " + t("diff.added_benchmark", id=i) for i in d.added]
    lines += ["  " + t("diff.removed_benchmark", id=i) for i in d.removed]
    for c in d.changed:
        if c.kind == "parameter" and c.field == "parameter":
            added = c.old is None
            lines.append("  " + t("diff.added_parameter" if added else "diff.removed_parameter",
                                  name=c.name, value=_word(c.new if added else c.old, t)))
        elif c.kind == "action":
            lines.append("  " + t(f"diff.{c.field}_action", name=c.name))
        elif c.kind == "translations":
            lines.append("  " + t("diff.translations_changed" if c.old is not None
                                  else "diff.translations_added", locale=c.name, n=c.new))
        elif c.old is None and c.new is None:
            lines.append("  " + t("diff.changed", record=_record(c, t), field=c.field))
        else:
            lines.append("  " + t("diff.changed_from_to", record=_record(c, t), field=c.field,
                                  old=_word(c.old, t), new=_word(c.new, t)))
    return "\n".join(lines)


# ------------------------------------------------------------------------------- workforce

_MAX_REASONS = 12


def metrics_text(r: dict[str, Any], lang: str = "en") -> str:
    """A workforce report (:func:`seal_engine.full_report`) as plain-text tables in ``lang``
    (the reasons a figure is lacking and the workforce report's notes too)."""
    from ..messages import pct
    from ..workforce.metrics import METRICS
    from ..workforce.report import words_in
    from .words import band_in, needed_in, points_in, ratio_in, share_in, target_in, verdict_in

    t = _say(lang)
    width = terminal_width()
    by = r["by"]
    label = " × ".join(b.replace("_", " ") for b in by) or t("metrics.all_staff")
    heads = [b.replace("_", " ").capitalize() for b in by]
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
        [[*(row[b] for b in by), row["headcount"], plain(row["women"]), plain(row["men"]),
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
        [[*(row[b] for b in by), share_in(row["women_share"], row.get("share_decimals"), lang),
          needed(row, "band_needed"), needed(row, "band_needed_added"),
          needed(row, "parity_needed"), needed(row, "parity_needed_added")] for row in groups],
        "l" * len(by) + "rrrrr", width))
    out += ["", *wrap(t("metrics.flows_intro", by=label), width, "", "")]
    out.append(text_table(
        [*heads, *(t(f"metrics.head_{k}") for k in (
            "applicants_w", "recruited_w", "selection", "promoted_w", "promotion", "exits_w",
            "exits_m", "trained_w", "leave_w", "leave_m"))],
        [[*(row[b] for b in by), share_in(row["women_share_applicants"], lang=lang),
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
        [[*(row[b] for b in by), share_in(row["pay_gap_mean"], lang=lang),
          share_in(row["pay_gap_median"], lang=lang)] for row in groups],
        "l" * len(by) + "rr", width))
    if r["pay_note"]:
        out.extend(wrap(t("gaps.note", note=f"{words_in(r['pay_note'], lang)}."), width, "",
                        "  "))
    out.extend(wrap(t("metrics.pay_report_hint"), width, "", "  "))
    why: dict[str, list[str]] = {}  # the reasons name the group already
    for row in groups:
        for name, reason in row.get("lacking", {}).items():
            title = t(f"metric.{name}") if f"metric.{name}" in _codes() else \
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
            title = t(f"metric.{name}") if f"metric.{name}" in _codes() else METRICS[name].title
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


def _codes():
    from ..messages import MESSAGES

    return MESSAGES


def num_(value: float, decimals: int):
    from ..messages import num

    return num(value, decimals)


# ------------------------------------------------------------------------------- pay


def _group_label(group: dict[str, str], by: Sequence[str], lang: str = "en") -> str:
    return " × ".join(str(group[b]) for b in by) if by and any(group[b] != "all" for b in by) \
        else _say(lang)("metrics.all_staff")


def _wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """:func:`wrap`, never leaving a per cent sign alone at the start of a line."""
    kept = text.replace(" %", "\u00a0%")
    return [line.replace("\u00a0", " ") for line in wrap(kept, width, indent, hanging)]


def pay_text(r: Any, lang: str = "en") -> str:
    """A pay transparency report (:func:`seal_engine.pay_report`) as plain text in ``lang``
    (its texts as :meth:`~seal_engine.workforce.pay.PayReport.in_language` gives them): the
    pay level and how it is worked out, the indicators of Article 9 in the directive's order,
    each on annual pay and per hour, then the joint pay assessment of Article 10."""
    from ..messages import Num
    from ..workforce.pay import status_in
    from .words import share_in

    t = _say(lang)
    width = terminal_width()
    by = r.by
    shape = t("metrics.aggregated" if r.shape == "aggregated" else "metrics.per_person")
    out = [t("paytext.head_year", file=r.file, shape=shape, year=str(r.year)) if r.year else
           t("paytext.head", file=r.file, shape=shape)]
    if r.shape != "aggregated":
        out += _wrap(t("paytext.pay_level", text=r.pay_level), width, "", "  ")
    shown = [b for b in r.bases if b.lacking is None]
    for b in r.bases:
        said = b.derivation if b.lacking is None else f"{LACKING} {b.lacking}"
        out += _wrap(t("paytext.basis", title=f"{b.title[0].upper()}{b.title[1:]}", text=said),
                     width, "  ", "    ")
    out += _wrap(t("paytext.gaps"), width, "", "")

    def count(n: Any, code: str, sex: str) -> Any:
        if isinstance(n, int):
            return say_(code, n=n)
        return t(f"paytext.suppressed_{sex}", suppressed=t("staff.suppressed"))

    people = {"women": count(r.women_with_pay, "needed.women", "women"),
              "men": count(r.men_with_pay, "needed.men", "men"), "min_group": r.min_group,
              "suppressed": t("staff.suppressed"), "lacking": LACKING}
    out += _wrap(t("paytext.with_pay_without", n=Num(value=r.staff_without_pay), **people)
                 if r.staff_without_pay else t("paytext.with_pay", **people), width, "", "")
    if r.note:
        out += _wrap(t("gaps.note", note=f"{r.note}."), width, "", "  ")
    out += ["", t("paytext.article9")]
    for ind in r.indicators:
        out += _wrap(f"({ind.letter}) {ind.title}. {ind.definition}.", width, "  ", "      ")
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
    out += _wrap(t("paytext.compl"), width, "", "  ")
    quart = [(g, f, q) for g in r.groups for f in g.figures for q in f.quartiles]
    out += ["", *_wrap(t("paytext.quartiles"), width, "", "  ")]
    if quart:
        out.append(text_table(
            [*heads, t("paytext.head_pay"), t("paytext.head_band"), t("paytext.head_people"),
             t("metrics.head_women"), t("metrics.head_men")],
            [[*label(g), basis(f.basis), q.quartile, q.people, share(q.women_share),
              share(q.men_share)] for g, f, q in quart],
            "l" * len(heads) + "lrrrr", width))
    else:
        first = r.groups[0].figures[0]
        out += _wrap(f"{LACKING} {first.lacking.get('quartiles', '')}", width, "  ", "    ")
    col = r.category_column
    out += [""]
    if col is None:
        out += _wrap(t("paytext.no_category"), width, "", "  ")
    else:
        column = t(f"where.col.{col}") if f"where.col.{col}" in _codes() else col
        out += _wrap(t("paytext.categories", column=column, bases=bases), width, "", "  ")
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
            out.extend(_wrap(f"{reason} ({', '.join(dict.fromkeys(where))})", width, "  ", "    "))
    return "\n".join(out)


def _assessment_lines(a: Any, width: int, t: Any) -> list[str]:
    out = ["", t("paytext.article10")]
    out += _wrap(f"{a.definition}.", width, "  ", "    ")
    out += _wrap(a.summary[0].upper() + a.summary[1:] + ".", width, "  ", "    ")
    if a.categories:
        out.append("  " + t("paytext.flagged"))
        for c in a.categories:
            out += _wrap(t("paytext.item", name=c.category, text=f"{c.why}."), width, "    ",
                         "      ")
    if a.justified:
        out.append("  " + t("paytext.justified"))
        for c in a.justified:
            out += _wrap(t("paytext.item", name=c.category, text=c.justification), width,
                         "    ", "      ")
    if a.covers:
        out.append("  " + t("paytext.covers"))
        for i, item in enumerate(a.covers):
            out += _wrap(f"({'abcdefg'[i]}) {item};", width, "    ", "        ")
    out += _wrap(a.note, width, "  ", "    ")
    return out
