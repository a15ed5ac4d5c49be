"""A gap report (what to do next, and the shortest path to each level) as terminal text."""

from __future__ import annotations

from ...models import Standard
from .layout import lines_of, say_, shorten, t_of, terminal_width, text_table, wrap

__all__ = ["gap_rows", "gaps_text", "path_lines"]


PLAN_WORDS = {"none": "no action", "planned": "planned", "in_progress": "under way",
              "done": "done"}


def path_lines(p, then: bool = False, lang: str = "en") -> list[str]:
    """A level's shortest path in words (in ``lang``); ``then``: it follows the level before it
    on the way up, so its benchmarks come on top of that level's."""
    from ...messages import Ids, pct

    t = t_of(lang)
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


def gap_rows(report, standard: Standard | None, lang: str = "en"):
    """(head, headers, rows, intro lines, path lines) of a gap report in ``lang``, shared by
    text and Markdown."""
    from ...gaps import SCORE_ONLY
    from ...messages import Ids, num, pct, render_message
    from ..words import score_message, status_message

    t = t_of(lang)
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
    t = t_of(lang)
    width = terminal_width()
    head, headers, rows, lines, plines = gap_rows(report, standard, lang)
    out = [*wrap(head, width, "", ""), *(w for ln in lines for w in wrap(ln, width, "", "  "))]
    if plines:
        out += ["", t("gaps.shortest_path"), *lines_of([f"  {ln}" for ln in plines], width)]
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
            out.extend(lines_of([f"    - {x}" for x in r[8]], width))
    else:  # a narrow terminal: the short columns in the table, the rest below each gap
        out.append(text_table((headers[0], headers[1], headers[3], headers[4], headers[5]),
                              [(r[0], r[1], r[3], r[4], r[5]) for r in rows], "rllrl", width))
        out += ["", t("gaps.each_gap")]
        for r in rows:
            out.extend(wrap(t("gaps.narrow_row", rank=str(r[0]), id=r[1], title=r[2],
                              effort=r[6], actions=r[9]), width, "  ", "     "))
            out.extend(wrap(t("gaps.narrow_why", why=r[7]), width, "     ", "       "))
            out.extend(lines_of([f"    - {x}" for x in r[8]], width))
    if report.without_action:
        from ...messages import Ids

        out += ["", *wrap(t("gaps.without_action", ids=Ids(items=report.without_action)),
                          width, "", "  ")]
    for note in (report.notes_why if report.notes_why is not None else report.notes):
        out.extend(wrap(t("gaps.note", note=note), width, "", "  "))
    return "\n".join(out) + "\n"
