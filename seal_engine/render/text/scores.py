"""A score, a standard and one benchmark explained, as terminal text in a language."""

from __future__ import annotations

from ...models import Assessment, BenchmarkStatus, ScoreResult, Standard
from ..words import score_decimals
from .layout import lines_of, say_, t_of, terminal_width, text_table, wrap

__all__ = ["basis_line", "benchmark_rows", "dimension_rows", "explain_text", "level_line",
           "next_lines", "results_level_rows", "score_head", "score_text", "standard_text"]


def _level_title(standard: Standard | None, level: str | None):
    from ...messages import say

    if not level:
        return say("score.no_level")
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}
    return titles.get(level, level)


def level_line(r: ScoreResult, standard: Standard | None, lang: str = "en") -> str:
    from ..words import score_message

    nxt = r.next_level.min_score if r.next_level else None
    return t_of(lang)("score.level_line", level=_level_title(standard, r.level),
                      score=score_message(r.score, r.basis, r.points, r.max_points, nxt))


def next_lines(r: ScoreResult, standard: Standard | None, lang: str = "en") -> list[str]:
    from ...messages import Ids, num, pct

    t = t_of(lang)
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
    from ..words import basis_message

    return t_of(lang)("score.basis_line", basis=basis_message(r.basis))


def _counts(c) -> tuple:
    S = BenchmarkStatus
    return (c[S.met], c[S.partially_met], c[S.not_met], c[S.not_answered], c[S.not_applicable])


def _count_heads(t) -> tuple[str, ...]:
    return (t("head.score"), t("head.met"), t("head.partly"), t("head.not_met"),
            t("head.unanswered"), t("head.na"))


def results_level_rows(r: ScoreResult, lang: str = "en") -> tuple[tuple[str, ...], list[tuple]]:
    t = t_of(lang)
    return ((t("head.results_level"), t("head.dimensions"), *_count_heads(t)),
            [(g.title, ", ".join(g.dimensions), score_decimals(g.points, g.max_points, lang=lang),
              *_counts(g.counts)) for g in r.results_levels])


def score_head(r: ScoreResult, lang: str = "en") -> str:
    t = t_of(lang)
    period = r.period.label or t("score.period_span", start=r.period.start, end=r.period.end)
    return t("score.head", institution=r.institution.name, standard=r.standard.id,
             version=str(r.standard.version), period=period)


def dimension_rows(r: ScoreResult, lang: str = "en") -> tuple[tuple[str, ...], list[tuple]]:
    t = t_of(lang)
    return ((t("head.dimension"), t("head.title"), *_count_heads(t)),
            [(d.id, d.title, score_decimals(d.points, d.max_points, lang=lang),
              *_counts(d.counts)) for d in r.dimensions])


def benchmark_rows(r: ScoreResult, standard: Standard | None, lang: str = "en",
                   ) -> tuple[tuple[str, ...], list]:
    from ...messages import render_message
    from ..words import status_message

    t = t_of(lang)
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
             *lines_of(next_lines(r, standard, lang), width), "",
             (text_table(dh, drows, "llrrrrrr", width) if width >= 75 else  # narrow: no titles
              text_table(dh[:1] + dh[2:], [r[:1] + r[2:] for r in drows], "lrrrrrr", width))]
    if r.results_levels:
        gh, grows = results_level_rows(r, lang)
        parts += ["", text_table(gh, grows, "llrrrrrr", width) if width >= 75 else
                  text_table(gh[:1] + gh[2:], [g[:1] + g[2:] for g in grows], "lrrrrrr", width)]
    parts += ["", text_table(bh, brows, "lllll", width)]
    return "\n".join(parts)


def _value_text(p, lang: str = "en") -> str:
    from ...messages import pct, render_message, say
    from ...rules.values import value_param

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
    from ...messages import pct

    t = t_of(lang)
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
    from ...messages import num
    from ..words import answer_lines, status_message

    t = t_of(lang)
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
    lines.extend(lines_of(["  " + ln for ln in res.explained(lang)], width))
    if b.questions:
        lines.append("")
        lines.append(t("explain.questions"))
        for q in b.questions:
            lines.extend(wrap(f"{q.id} ({t('qtype.' + q.type.value)}) {q.text}", width, "  ",
                              "      "))
            lines.extend(lines_of(answer_lines(assessment.answers.get(q.id), q, lang), width))
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
