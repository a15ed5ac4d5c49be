"""Gap analysis: what is not yet met, what it blocks, and the shortest path to the next level.

:func:`gap_analysis` lists every benchmark that is not met, partially met or not answered, with
the clauses that fail (in words, from the score's explanation), the evidence still missing, the
lowest level at which it is mandatory and a priority.  Gaps are ranked by what moves the
institution up: first the smallest set of benchmarks whose completion reaches the target level
(by default the next one), then the set that reaches the level after it, and so on; the rest by
weight and effort.  :func:`what_if` answers "which level if these benchmarks were met?".

The level rule itself is never re-implemented here: every "does this reach the level?" question
is put to :func:`seal_engine.scoring.level_for`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from .errors import Problem, ScoringError
from .messages import Ids, Message, num, pct, render_message, say
from .models import (
    Assessment,
    BenchmarkResult,
    BenchmarkStatus,
    Clause,
    EvidenceKind,
    Institution,
    Level,
    Period,
    ScoreBasis,
    ScoreResult,
    SealModel,
    Standard,
    StandardRef,
)
from .scoring import level_for, percent_of, summarise
from .scoring import score as score_fn

if TYPE_CHECKING:
    from .plans import ActionPlan
    from .workforce import WorkforceData

__all__ = [
    "Gap",
    "GapAction",
    "GapReport",
    "LevelPath",
    "MissingEvidence",
    "failing_conditions",
    "failing_messages",
    "gap_analysis",
    "gap_reasons",
    "shortest_path",
    "what_if",
]

S = BenchmarkStatus
SCORE_ONLY = "score only"
EFFORT_RANK = {"low": 1, "medium": 2, "high": 3}
_OPEN = (S.not_met, S.partially_met, S.not_answered)
_EPS = 1e-9


_Model = SealModel


class MissingEvidence(_Model):
    """An evidence requirement with no provided or accepted item."""

    id: str
    title: str
    kind: EvidenceKind


class GapAction(_Model):
    """An action that serves a gap: from the plan (with its status) or, without a plan, from the
    standard's action library (status ``None``)."""

    id: str
    title: str
    area: str
    status: Literal["planned", "in_progress", "done", "dropped"] | None = None
    progress: int | None = None
    start: str | None = None
    end: str | None = None
    evidence: str | None = None


class Gap(_Model):
    """One benchmark that is not met, partially met or not answered."""

    id: str
    ref: str | None = None
    title: str
    dimension: str
    status: BenchmarkStatus
    weight: float
    points: float
    max_points: float
    gain: float = Field(description="Points gained by meeting it (the rest, if partially met).")
    effort: Literal["low", "medium", "high"]
    mandatory_from: str | None = None
    blocks: str = Field(description="Title of the lowest level at which it is mandatory, "
                                    "or 'score only'.")
    failing: list[str] = Field(description="The clauses of its rule that fail, in words.")
    unanswered: list[str] = Field(description="Required questions with no answer.")
    missing_evidence: list[MissingEvidence]
    priority: int = Field(description="1 is done first.")
    path: str | None = Field(None, description="Id of the level whose shortest path it is on.")
    reason: str = Field(description="Why it has this priority, in words.")
    actions: list[GapAction] = Field(default_factory=list)
    #: ``failing`` and ``reason`` as messages, for an edge writing them in another language (not
    #: in the JSON, where they are English)
    failing_why: SkipJsonSchema[Any] = Field(None, exclude=True, repr=False)
    reason_why: SkipJsonSchema[Any] = Field(None, exclude=True, repr=False)
    plan_status: Literal["none", "planned", "in_progress", "done"] | None = Field(
        None, description="With a plan: how far its actions are; 'none' when no live action "
                          "serves it.")


class LevelPath(_Model):
    """The smallest set of benchmarks whose completion reaches a level."""

    level: str
    title: str
    min_score: float
    reachable: bool
    already_reached: bool = False
    mandatory: list[str] = Field(default_factory=list,
                                 description="Mandatory benchmarks up to this level not yet met.")
    extra: list[str] = Field(default_factory=list,
                             description="Further benchmarks chosen to close the points gap.")
    points_after: float | None = None
    score_after: float | None = None
    level_after: str | None = None
    reasons: list[str] = Field(default_factory=list,
                               description="Why it cannot be reached, in words.")
    #: ``reasons`` as messages (not in the JSON)
    reasons_why: SkipJsonSchema[Any] = Field(None, exclude=True, repr=False)

    @property
    def benchmarks(self) -> list[str]:
        return [*self.mandatory, *self.extra]


class GapReport(_Model):
    """Every gap of one assessment, ranked, with the path to the target level."""

    standard: StandardRef
    institution: Institution
    assessment: str
    period: Period
    level: str | None = Field(description="Level reached (under the what-if assumptions).")
    score: float
    points: float
    max_points: float
    basis: ScoreBasis | None = Field(None, description="How the score is counted.")
    assumed_met: list[str] = Field(default_factory=list)
    level_before: str | None = Field(None, description="Level reached without the assumptions.")
    excluded: list[str] = Field(default_factory=list,
                                description="Benchmarks the institution rules out.")
    target: LevelPath | None = None
    paths: list[LevelPath] = Field(
        default_factory=list, description="Target path, then paths to each further level.")
    gaps: list[Gap]
    plan: str | None = Field(None, description="Plan the gaps' actions come from, if any.")
    without_action: list[str] = Field(
        default_factory=list,
        description="Gaps no action serves (in the plan, or in the library when no plan).")
    notes: list[str] = Field(default_factory=list)
    #: ``notes`` as messages (not in the JSON)
    notes_why: SkipJsonSchema[Any] = Field(None, exclude=True, repr=False)

    def gap(self, benchmark_id: str) -> Gap:
        for g in self.gaps:
            if g.id == benchmark_id:
                return g
        raise KeyError(benchmark_id)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# ------------------------------------------------------------------------------------ what-if


def _check_ids(standard: Standard, ids: Iterable[str], field: str) -> list[str]:
    known = [b.id for b in standard.benchmarks()]
    out, problems = [], []
    for i in ids:
        if i not in known:
            shown = ", ".join(known[:10]) + (", …" if len(known) > 10 else "")
            problems.append(Problem(
                say("gaps.not_benchmark", id=i, standard=standard.id,
                    version=str(standard.version), shown=shown), field=field, record_id=i))
        elif i not in out:
            out.append(i)
    if problems:
        raise ScoringError(problems)
    return out


def _rebuild(standard: Standard, base: ScoreResult, results: list[BenchmarkResult]) -> ScoreResult:
    """A score result with these benchmark results: dimensions, totals and level recomputed."""
    return summarise(standard, results, base.model_dump(
        include={"standard", "institution", "assessment", "period", "not_asked"}))


def what_if(standard: Standard, assessment: Assessment, assume_met: Sequence[str],
            result: ScoreResult | None = None, *,
            workforce: WorkforceData | None = None) -> ScoreResult:
    """The score result if the benchmarks ``assume_met`` were met: their status becomes met with
    full points, and the level is decided again by :func:`seal_engine.scoring.level_for`.

    Raises :class:`ScoringError` naming any id that is not a benchmark of the standard or is not
    applicable to this assessment."""
    ids = _check_ids(standard, assume_met, "assume_met")
    if result is None:
        result = score_fn(standard, assessment, workforce)
    na = [i for i in ids if result.benchmark(i).status is S.not_applicable]
    if na:
        raise ScoringError([Problem(
            say("gaps.assumed_not_applicable", id=i, assessment=assessment.id),
            field="assume_met", record_id=i) for i in na])
    results = []
    for r in result.benchmarks:
        if r.id in ids and r.status is not S.met:
            # the line as data, rendered in the reader's language by explained(lang) as an
            # assessor's override is; the JSON's explanation is its English
            why = say("why.assumed_met", was=say(f"status.{r.status.value}"),
                      points=num(r.points), max_points=num(r.max_points))
            r = r.model_copy(update={
                "status": S.met, "points": r.max_points,
                "explanation": [render_message(why)], "override": why})
        results.append(r)
    return _rebuild(standard, result, results)


# ------------------------------------------------------------------------------ shortest path


class _State:
    """Statuses and points of a (possibly hypothetical) result."""

    def __init__(self, result: ScoreResult):
        self.statuses = {b.id: b.status for b in result.benchmarks}
        self.gain = {b.id: b.max_points - b.points for b in result.benchmarks}
        self.points = result.points
        self.max_points = result.max_points
        # the institution's not-applicable claims no assessor has accepted yet
        self.pending = frozenset(b.id for b in result.benchmarks if b.claim == "pending")

    def open(self, bid: str) -> bool:
        """True when the benchmark still stands between the institution and a level: not met,
        or claimed not applicable with the assessor's decision pending."""
        return self.statuses[bid] in _OPEN or bid in self.pending

    def with_met(self, ids: Iterable[str]) -> _State:
        """The state with these benchmarks met (a pending claim: accepted)."""
        new = object.__new__(_State)
        new.statuses = dict(self.statuses)
        new.gain = dict(self.gain)
        new.points = self.points
        new.max_points = self.max_points
        new.pending = self.pending.difference(ids)
        for i in ids:
            if i in self.pending:  # the assessor accepts the claim: it leaves the count
                new.max_points -= new.gain[i]
                new.gain[i] = 0.0
                continue
            if new.statuses[i] in _OPEN:
                new.points += new.gain[i]
                new.gain[i] = 0.0
                new.statuses[i] = S.met
        return new

    def level(self, standard: Standard) -> Level | None:
        return level_for(standard, self.statuses, self.points, self.max_points,
                         self.pending)[0]

    def reaches(self, standard: Standard, level: Level) -> bool:
        reached = self.level(standard)
        return reached is not None and reached.order >= level.order


def _level(standard: Standard, level_id: str, field: str = "target") -> Level:
    for lv in standard.levels:
        if lv.id == level_id or lv.title.lower() == str(level_id).lower():
            return lv
    raise ScoringError(Problem(
        say("gaps.not_level", level=level_id, standard=standard.id,
            version=str(standard.version),
            levels=", ".join(lv.id for lv in standard.levels_in_order())), field=field))


def _min_effort_subset(cands: list[str], gains: dict[str, float], efforts: dict[str, int],
                       later: set[str], k: int, ok) -> list[str]:
    """Among the subsets of ``k`` candidates that ``ok`` accepts, the one with the least total
    effort, then the most benchmarks that a higher level makes mandatory anyway (``later``),
    then the most points.  Exact: a small dynamic programme over (count, effort, later)."""
    # each state keeps its choice as a linked list (index, rest) so extending it costs nothing.
    # First the least effort any accepted subset of k needs, on states (count, effort) only;
    # then the full programme, kept to that effort or less, breaks the ties.
    def chosen_of(node) -> list[str]:
        out = []
        while node is not None:
            out.append(cands[node[0]])
            node = node[1]
        out.reverse()
        return out

    rough: dict[tuple[int, int], tuple[float, tuple | None]] = {(0, 0): (0.0, None)}
    for i, c in enumerate(cands):
        effort, gain = efforts[c], gains[c]
        for (n, e), (g, idx) in list(rough.items()):
            if n >= k:
                continue
            key = (n + 1, e + effort)
            old = rough.get(key)
            if old is None or g + gain > old[0] + _EPS:
                rough[key] = (g + gain, (i, idx))
    limit = next((e for n, e in sorted(rough, key=lambda key: key[1])
                  if n == k and ok(chosen_of(rough[(n, e)][1]))), None)
    if limit is None:  # pragma: no cover - the caller checked that k candidates suffice
        limit = sum(sorted(efforts[c] for c in cands)[-k:])
    # states (count, effort) -> the pairs (later, points) no other pair beats on both
    best: dict[tuple[int, int], list[tuple[int, float, tuple | None]]] = {(0, 0): [(0, 0.0, None)]}
    total = len(cands)
    for i, c in enumerate(cands):
        effort, extra, gain = efforts[c], int(c in later), gains[c]
        for (n, e), pairs in list(best.items()):
            if n >= k or e + effort > limit or n + (total - i) < k:
                continue
            key = (n + 1, e + effort)
            merged = best.get(key, []) + [(m + extra, g + gain, (i, idx)) for m, g, idx in pairs]
            merged.sort(key=lambda t: (-t[0], -t[1]))
            kept: list[tuple[int, float, tuple | None]] = []
            for t in merged:
                if not kept or t[1] > kept[-1][1] + _EPS:
                    kept.append(t)
            best[key] = kept
    for key in sorted((key for key in best if key[0] == k), key=lambda key: key[1]):
        for _m, _g, idx in best[key]:  # most 'later' first
            chosen = chosen_of(idx)
            if ok(chosen):
                return chosen
    raise AssertionError("no subset of k candidates reaches the level")  # pragma: no cover


def _least_effort_subset(cands: list[str], gains: dict[str, float], efforts: dict[str, int],
                         later: set[str], ok) -> list[str]:
    """Of the subsets of candidates that ``ok`` accepts, one with the least total effort: a
    knapsack over total effort (each benchmark costs 1 to 3) that keeps, for each total, the
    subsets with the most points, so the least effort is exact (``ok`` only asks for points
    here); among subsets of that effort it prefers fewer benchmarks, then ones a higher level
    makes mandatory anyway."""
    best: dict[int, list[tuple[float, int, int, tuple[int, ...]]]] = {0: [(0.0, 0, 0, ())]}
    for i, c in enumerate(cands):
        for e, options in sorted(best.items(), reverse=True):
            for g, n, m, idx in list(options):
                best.setdefault(e + efforts[c], []).append(
                    (g + gains[c], n + 1, m + (c in later), (*idx, i)))
        for e in best:
            best[e] = sorted(best[e], key=lambda t: (-t[0], t[1], -t[2]))[:8]
    for e in sorted(best):
        for _g, _n, _m, idx in sorted(best[e], key=lambda t: (t[1], -t[2], -t[0])):
            chosen = [cands[i] for i in idx]
            if ok(chosen):
                return chosen
    raise AssertionError("no subset reaches the level")  # pragma: no cover


def _path(standard: Standard, state: _State, level: Level, exclude: Sequence[str],
          prefer: str = "fewest") -> LevelPath:
    order = {lv.id: lv.order for lv in standard.levels}
    titles = {lv.id: lv.title for lv in standard.levels}
    bench = standard.benchmarks()
    base = dict(level=level.id, title=level.title, min_score=level.min_score)
    if state.reaches(standard, level):
        return LevelPath(**base, reachable=True, already_reached=True, points_after=state.points,
                         score_after=percent_of(state.points, state.max_points),
                         level_after=(state.level(standard) or level).id)
    mandatory = [b.id for b in bench if b.mandatory_from is not None
                 and order[b.mandatory_from] <= level.order and state.open(b.id)]
    ruled_out = [b for b in mandatory if b in exclude]
    if ruled_out:
        said = [say("gap.ruled_out_mandatory", id=b, title=standard.benchmark(b).title,
                    mandatory=titles[standard.benchmark(b).mandatory_from], level=level.title)
                for b in ruled_out]
        return LevelPath(**base, reachable=False,
                         mandatory=[b for b in mandatory if b not in exclude],
                         reasons=[render_message(m) for m in said], reasons_why=said)
    after = state.with_met(mandatory)
    efforts = {b.id: EFFORT_RANK[b.effort] for b in bench}
    index = {b.id: n for n, b in enumerate(bench)}
    extra: list[str] = []
    if not after.reaches(standard, level):
        cands = [b.id for b in bench if after.statuses[b.id] in _OPEN and b.id not in exclude
                 and after.gain[b.id] > _EPS]
        by_gain = sorted(cands, key=lambda c: (-after.gain[c], efforts[c], index[c]))
        k = next((n for n in range(1, len(by_gain) + 1)
                  if after.with_met(by_gain[:n]).reaches(standard, level)), None)
        if k is None:
            best = after.with_met(by_gain)
            best_pct = percent_of(best.points, best.max_points) or 0.0
            shown = round(best_pct, 1)
            why = say("gap.out_of_reach_more_than" if standard.scoring.threshold_operator == ">"
                      else "gap.out_of_reach_at_least", score=pct(shown), points=num(best.points),
                      max_points=num(best.max_points), level=level.title,
                      threshold=pct(level.min_score))
            if exclude:
                why = say("gap.with_ruled_out", text=why, ids=Ids(items=list(exclude)))
            return LevelPath(**base, reachable=False, mandatory=mandatory,
                             reasons=[render_message(why)], reasons_why=[why])
        later = {b.id for b in bench
                 if b.mandatory_from is not None and order[b.mandatory_from] > level.order}
        def ok(chosen):
            return after.with_met(chosen).reaches(standard, level)

        if prefer == "easiest":
            extra = _least_effort_subset(cands, after.gain, efforts, later, ok)
        else:
            extra = _min_effort_subset(cands, after.gain, efforts, later, k, ok)
        extra.sort(key=lambda c: (-after.gain[c], efforts[c], index[c]))
        after = after.with_met(extra)
    mandatory.sort(key=lambda b: (order[standard.benchmark(b).mandatory_from],
                                  -state.gain[b], efforts[b], index[b]))
    return LevelPath(**base, reachable=True, mandatory=mandatory, extra=extra,
                     points_after=round(after.points, 6),
                     score_after=percent_of(after.points, after.max_points),
                     level_after=(after.level(standard) or level).id)


def shortest_path(standard: Standard, result: ScoreResult, level: str,
                  exclude: Sequence[str] = (), prefer: str = "fewest") -> LevelPath:
    """The smallest set of benchmarks whose completion reaches ``level`` (id or title): every
    mandatory benchmark up to that level, plus the fewest further benchmarks that close the
    points gap (ties broken by lower effort, then more points).  A partially met benchmark gains
    only its remaining points.  ``exclude`` lists benchmarks the institution cannot meet; the
    path says in words why a level is out of reach."""
    exclude = _check_ids(standard, exclude, "exclude")
    return _path(standard, _State(result), _level(standard, level), exclude, prefer)


# ------------------------------------------------------------------------------ gap analysis


def failing_messages(clauses: Sequence[Clause]) -> list[Message]:
    """What stands between a benchmark and *met*, as messages, from the clause tree of its rule:
    the innermost conditions that fail or lack data, each once.  Evidence is left out (a gap
    lists it apart).  Where the rule allows alternatives (``or``, ``any``), the alternatives are
    given together — "either A, or B" — never one of them as if it alone were required."""
    out: list[Message] = []
    seen: set[str] = set()

    def said(c: Clause) -> Message:
        return c.message if c.message is not None else say("problem.text", text=c.text)

    def chain(code: str, parts: list[Message]) -> Message:
        first = parts[0]
        for p in parts[1:]:
            first = say(code, first=first, then=p)
        return first

    def needed(c: Clause) -> list[Message]:
        """The conditions inside ``c`` that would have to change for it to hold."""
        if c.state == "holds" or c.evidence:
            return []
        if c.kind == "first_known" and all(_constant(k) for k in c.clauses):
            return [said(c)]  # a default decides: what is missing is the value before it
        if c.kind in ("all", "first_known"):
            return [t for k in c.clauses for t in needed(k)]
        if c.kind == "any":
            alternatives = [chain("gap.and", needed(k) or [said(k)]) for k in c.clauses]
            if len(alternatives) == 1:
                return alternatives
            if len(alternatives) == 2:
                return [say("gap.either", first=alternatives[0], second=alternatives[1])]
            return [say("gap.one_of", alternatives=chain("gap.or_next", alternatives))]
        if c.kind == "not":
            inner = chain("gap.and", [said(k) for k in c.clauses]) if c.clauses else said(c)
            return [say("gap.must_not_hold", inner=inner)]
        return [said(c)]

    for c in clauses:
        for m in needed(c):
            text = render_message(m)
            if text and text not in seen:
                seen.add(text)
                out.append(m)
    return out


def _constant(c: Clause) -> bool:
    """A clause that is a constant of the rule (``True``/``False``), not a condition."""
    code = getattr(c.message, "code", None)
    return code in ("clause.always_true", "clause.always_false")


def failing_conditions(clauses: Sequence[Clause]) -> list[str]:
    """:func:`failing_messages` in English."""
    return [render_message(m) for m in failing_messages(clauses)]


def gap_reasons(gap: Gap) -> list[Message]:
    """What stands between a gap and *met*, as messages (never an empty list): the failing
    conditions of its rule; else the required questions left unanswered and the evidence
    missing; else, for a claim of not applicable still pending, that it waits for the
    assessor; else that the assessor decides (the rule holds as answered, the result does not
    count it yet)."""
    out = ([say("gap.condition", condition=m) for m in gap.failing_why]
           if gap.failing_why is not None else
           [say("gap.condition", condition=text) for text in gap.failing])
    if not out and gap.unanswered:
        out.append(say("gap.unanswered", questions=list(gap.unanswered)))
    if gap.missing_evidence and not any(
            e.title in text or e.id in text for e in gap.missing_evidence for text in gap.failing):
        out.append(say("gap.evidence_missing", evidence=[e.title for e in gap.missing_evidence]))
    if not out and gap.status == BenchmarkStatus.not_answered:
        out.append(say("gap.not_answered"))
    if not out:
        out.append(say("gap.needs_review"))
    return out


def _adds(standard: Standard, gain: float) -> Message:
    """What meeting a benchmark adds, in words, on the standard's basis."""
    if standard.scoring.basis == "benchmarks_met":
        return say("gap.adds_benchmark")
    return say("gap.adds_points", n=num(gain))


def _plan_status(rows) -> Literal["none", "planned", "in_progress", "done"]:
    live = [r for r in rows if r.status.value != "dropped"]
    if not live:
        return "none"
    if all(r.status.value == "done" for r in live):
        return "done"
    if any(r.status.value in ("in_progress", "done") or r.progress > 0 for r in live):
        return "in_progress"
    return "planned"


def gap_analysis(
    standard: Standard,
    assessment: Assessment,
    result: ScoreResult | None = None,
    target: str | None = None,
    *,
    assume_met: Sequence[str] = (),
    exclude: Sequence[str] = (),
    plan: ActionPlan | None = None,
    prefer: Literal["fewest", "easiest"] = "fewest",
    workforce: WorkforceData | None = None,
) -> GapReport:
    """Every benchmark not met, partially met or not answered, ranked by what moves the
    institution up.

    ``target`` is a level id (or title); by default the next level above the one reached.
    ``assume_met`` scores the assessment as if those benchmarks were met (see :func:`what_if`).
    ``exclude`` lists benchmarks the institution rules out.  With a ``plan``, each gap shows the
    plan's actions serving it and how far they are.  ``prefer`` chooses the benchmarks that
    close a points gap: the ``fewest`` (ties to lower effort) or the ``easiest`` (least total
    effort, low = 1, medium = 2, high = 3).

    Raises :class:`ScoringError` for an unknown level or benchmark id, and whatever
    :func:`seal_engine.score` raises for a bad assessment."""
    if result is None:
        result = score_fn(standard, assessment, workforce)
    level_before = None
    assumed: list[str] = []
    if assume_met:
        assumed = _check_ids(standard, assume_met, "assume_met")
        level_before = result.level
        result = what_if(standard, assessment, assumed, result)
    exclude = _check_ids(standard, exclude, "exclude")
    levels = standard.levels_in_order()
    titles = {lv.id: lv.title for lv in levels}
    current = next((lv.order for lv in levels if lv.id == result.level), None)
    current = current if current is not None else min(lv.order for lv in levels) - 1
    target_level = _level(standard, target) if target is not None else next(
        (lv for lv in levels if lv.order > current), None)

    notes: list[Message] = []
    state = _State(result)
    target_path: LevelPath | None = None
    ranked_levels: list[Level] = [lv for lv in levels if lv.order > current]
    if target_level is not None:
        if target_level.order <= current:
            target_path = _path(standard, state, target_level, exclude, prefer)
            notes.append(say("gap.note_reached", level=target_level.title))
        else:
            ranked_levels = [lv for lv in levels if lv.order >= target_level.order]
    paths: list[LevelPath] = []
    order_ids: list[str] = []
    reason: dict[str, Message] = {}
    on_path: dict[str, str] = {}
    for lv in ranked_levels:
        p = _path(standard, state, lv, exclude, prefer)
        paths.append(p)
        if not p.reachable:
            for b in p.mandatory:
                if b not in reason:
                    order_ids.append(b)
                    reason[b] = say("gap.reason_out_of_reach",
                                    mandatory=titles[standard.benchmark(b).mandatory_from],
                                    level=lv.title, reasons=p.reasons_why or p.reasons)
            break
        for b in p.mandatory:
            order_ids.append(b)
            on_path[b] = lv.id
            mandatory_from = titles[standard.benchmark(b).mandatory_from]
            why = (say("gap.reason_mandatory", mandatory=mandatory_from)
                   if standard.benchmark(b).mandatory_from == lv.id else
                   say("gap.reason_mandatory_needed", mandatory=mandatory_from, level=lv.title))
            reason[b] = say("gap.reason_pending", reason=why) if b in state.pending else why
        for b in p.extra:
            order_ids.append(b)
            on_path[b] = lv.id
            mf = standard.benchmark(b).mandatory_from
            g = state.gain[b]
            towards = say("gap.reason_towards", adds=_adds(standard, g), level=lv.title,
                          threshold=pct(lv.min_score))
            reason[b] = (say("gap.reason_mandatory_and", mandatory=titles[mf], rest=towards)
                         if mf else towards)
        state = state.with_met(p.benchmarks)
    if target_path is None and paths:
        target_path = paths[0]
    if target_level is None and not paths:
        notes.append(say("gap.note_top"))

    bench = standard.benchmarks()
    index = {b.id: n for n, b in enumerate(bench)}
    open_ids = [r.id for r in result.benchmarks if r.status in _OPEN]
    open_ids += [r.id for r in result.benchmarks if r.claim == "pending" and r.mandatory_from
                 and r.id not in reason]
    gain0 = {r.id: r.max_points - r.points for r in result.benchmarks}
    rest = [i for i in open_ids if i not in reason]
    rest.sort(key=lambda i: (i in exclude, -standard.credit_of(standard.benchmark(i)),
                             EFFORT_RANK[standard.benchmark(i).effort],
                             -gain0[i], index[i]))
    for i in rest:
        b = standard.benchmark(i)
        if i in exclude:
            reason[i] = say("gap.reason_ruled_out")
        elif b.mandatory_from:
            reason[i] = say("gap.reason_mandatory_and", mandatory=titles[b.mandatory_from],
                            rest=_adds(standard, gain0[i]))
        else:
            reason[i] = say("gap.reason_not_mandatory", adds=_adds(standard, gain0[i]))
    order_ids.extend(rest)

    provided = {e.requirement for e in assessment.evidence if e.provided}
    gaps: list[Gap] = []
    without: list[str] = []
    for n, i in enumerate(order_ids, start=1):
        b = standard.benchmark(i)
        r = result.benchmark(i)
        if plan is not None:
            rows = [row for row in plan.rows if i in row.benchmarks]
            acts = [GapAction(id=row.action, title=row.activity or row.action,
                              area=row.area.value, status=row.status.value,
                              progress=row.progress, start=row.start, end=row.end,
                              evidence=row.evidence) for row in rows]
            pstatus = _plan_status(rows)
            if pstatus == "none":
                without.append(i)
        else:
            acts = [GapAction(id=a.id, title=a.title, area=a.area.value)
                    for a in standard.actions_for(i)]
            pstatus = None
            if not acts:
                without.append(i)
        failing = failing_messages(r.clauses)
        gaps.append(Gap(
            id=i, ref=b.ref, title=b.title, dimension=r.dimension, status=r.status,
            weight=standard.credit_of(b), points=r.points, max_points=r.max_points, gain=gain0[i],
            effort=b.effort, mandatory_from=b.mandatory_from,
            blocks=titles[b.mandatory_from] if b.mandatory_from else SCORE_ONLY,
            failing=[render_message(m) for m in failing], failing_why=failing,
            unanswered=[q.id for q in b.questions
                        if q.required and assessment.answers.get(q.id) is None],
            missing_evidence=[MissingEvidence(id=e.id, title=e.title, kind=e.kind)
                              for e in b.evidence if e.id not in provided],
            priority=n, path=on_path.get(i), reason=render_message(reason[i]),
            reason_why=reason[i], actions=acts,
            plan_status=pstatus))
        if pstatus == "done":
            notes.append(say("gap.note_done", id=i, status=say(f"status.{r.status.value}")))
    return GapReport(
        standard=result.standard, institution=result.institution,
        assessment=result.assessment, period=result.period, level=result.level,
        score=result.score, points=result.points, max_points=result.max_points,
        basis=result.basis, assumed_met=assumed, level_before=level_before,
        excluded=list(exclude),
        target=target_path, paths=paths, gaps=gaps,
        plan=plan.assessment if plan is not None else None, without_action=without,
        notes=[render_message(m) for m in notes], notes_why=notes)
