"""Why a result has its level, and what changed since the result before it, as messages
(:mod:`seal_engine.messages`) a page renders in its language: "77.6 %, no level yet: PC-02
(3.2), mandatory for Bronze, is not met"; "Since the review: the level went from Bronze to no
level, the score from 80.2 % to 77.6 %"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .messages import Ids, Message, Num, num, pct, say
from .models import BenchmarkStatus, ScoreResult, Standard
from .naming import BenchmarkNames

__all__ = ["explain_outcome", "outcome_changes"]


def _score(result: ScoreResult) -> Num | str:
    from .render.words import score_num

    nxt = result.next_level
    if result.max_points <= 0:
        return "–"
    return score_num(result.points, result.max_points,
                     nxt.min_score if nxt is not None else None)


def _level_title(standard: Standard, level: str | None) -> str | Message:
    if level is None:
        return say("level.none")
    return next((lv.title for lv in standard.levels if lv.id == level), level)


def _needs(result: ScoreResult, standard: Standard) -> list[Message]:
    """What the next level needs that the result lacks: mandatory benchmarks not met (or
    claimed not to apply, pending), then further benchmarks or points."""
    nxt = result.next_level
    names = BenchmarkNames(standard)
    titles = {lv.id: lv.title for lv in standard.levels}
    out: list[Message] = []
    groups: dict[tuple[bool, str], list[str]] = {}
    for b in nxt.blocking:
        mf = standard.benchmark(b).mandatory_from if b in names else None
        level = titles.get(mf) or titles.get(nxt.id, nxt.title)  # in the standard's language
        groups.setdefault((b in nxt.pending_claims, level), []).append(names(b))
    for (pending, level), found in groups.items():
        code = "outcome.mandatory_pending" if pending else "outcome.mandatory_not_met"
        out.append(say(code, n=len(found), benchmark=Ids(items=found), level=level))
    if nxt.points_needed > 0:
        if result.basis.kind == "benchmarks_met":
            out.append(say("outcome.more_benchmarks", n=round(nxt.points_needed),
                           threshold=pct(nxt.min_score)))
        else:
            out.append(say("outcome.more_points", n=num(nxt.points_needed),
                           threshold=pct(nxt.min_score)))
    return out


def explain_outcome(result: ScoreResult, standard: Standard,
                    score_text: Callable[[ScoreResult], Any] = _score) -> Message:
    """Why ``result`` reaches its level and not the next, in one message: ``score_text``
    writes the score (the app passes its own, in the reader's language)."""
    score = score_text(result)
    nxt = result.next_level
    if nxt is None:
        if result.level is None:  # a standard without levels
            return say("outcome.score", score=score)
        return say("outcome.top", score=score, level=_level_title(standard, result.level))
    if result.level is None:
        return say("outcome.no_level", score=score, why=_needs(result, standard))
    return say("outcome.level_next", score=score, level=_level_title(standard, result.level),
               next=_level_title(standard, nxt.id), needs=_needs(result, standard))


def outcome_changes(before: ScoreResult, after: ScoreResult, standard: Standard,
                    since: Any, score_text: Callable[[ScoreResult], Any] = _score,
                    ) -> list[Message]:
    """What changed from ``before`` to ``after``: the level, the score, and the benchmarks
    that became met or stopped being met.  ``since`` names the earlier result in words (a
    text or a message: "the review", "the 2024 self-assessment")."""
    out: list[Message] = []
    lb, la = before.level, after.level
    sb, sa = score_text(before), score_text(after)
    if lb != la:
        out.append(say("change.level", when=since, before=_level_title(standard, lb),
                       after=_level_title(standard, la), score_before=sb, score_after=sa))
    elif sb != sa:
        out.append(say("change.score", when=since, before=sb, after=sa))
    else:
        out.append(say("change.same", when=since))
    names = BenchmarkNames(standard)
    was = {b.id: b.status for b in before.benchmarks}
    met = BenchmarkStatus.met
    gained = [names(b.id) for b in after.benchmarks if b.status == met and was.get(b.id) != met
              and b.id in was]
    lost = [names(b.id) for b in after.benchmarks if b.status != met and was.get(b.id) == met]
    if gained:
        out.append(say("change.benchmarks_met", list=Ids(items=gained)))
    if lost:
        out.append(say("change.benchmarks_lost", list=Ids(items=lost)))
    return out
