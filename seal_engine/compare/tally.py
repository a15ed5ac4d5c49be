"""Mergeable partial aggregates: the two monoids a comparison is reduced with, so that any
engine (a process pool, a Dask cluster, SQL) can compute parts and merge them.

* :class:`Latest` keeps, per institution, the result of each of its two latest periods (of
  several results of one period, the one the basis prefers).  ``Latest.of(rows)`` is a partial
  for a batch; ``a.merge(b)`` combines two.  Merging is associative and commutative, and the
  empty ``Latest()`` is its identity, so batches may be reduced in any order and grouping.
* :class:`Tally` counts, for the results shown, institutions by level, score and dimension
  sums, benchmark statuses and staff by sex, per group.  Sums and counts only: merging adds.

Both are plain dicts and lists of numbers and rows, so they pickle small and fast.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter

from .models import ScoredRow, StandardShape

__all__ = ["CODES", "Latest", "Tally", "buckets", "cell_groups", "group_keys", "hundredths",
           "row_value"]

#: Status letters in the order Tally counts them.
CODES = "MPNAU"


def row_value(row: ScoredRow, name: str) -> str | None:
    """The value of a breakdown field for a row (``standard``: 'ID vVERSION')."""
    if name == "standard":
        return row.standard_key
    return getattr(row, name)


def group_keys(row: ScoredRow, by: Sequence[str]) -> list[tuple]:
    """The groups a row counts in: all, its values of ``by``, and its scope."""
    keys: list[tuple] = [("all", ())]
    if by:
        keys.append(("by", tuple(row_value(row, b) for b in by)))
    keys.append(("scope", (row.scope,)))
    return keys


def buckets(rows: Sequence[ScoredRow], by: Sequence[str]) -> dict[tuple, list[int]]:
    """(values of ``by`` or None, scope, 'ID vVERSION') -> the positions of the rows of that
    cell, in order: the finest cells of the groups a row counts in (:func:`cell_groups`), each
    row found in one pass, by attribute getters rather than a call per field.  Sums over a
    cell are added to each of its groups, so that a row is counted once, not once a group."""
    if "standard" in by:
        values = [tuple(row_value(r, b) for b in by) for r in rows]
    elif by:
        get = attrgetter(*by)
        values = [(v,) for v in map(get, rows)] if len(by) == 1 else list(map(get, rows))
    else:
        values = [None] * len(rows)
    out: dict[tuple, list[int]] = {}
    for i, (r, v) in enumerate(zip(rows, values, strict=True)):
        key = (v, r.scope, f"{r.standard} v{r.version}")
        got = out.get(key)
        if got is None:
            out[key] = [i]
        else:
            got.append(i)
    return out


def cell_groups(cell: tuple) -> tuple[tuple, ...]:
    """The groups (:func:`group_keys`) of a cell of :func:`buckets`."""
    values, scope, _sk = cell
    if values is None:
        return (("all", ()), ("scope", (scope,)))
    return (("all", ()), ("by", values), ("scope", (scope,)))


class Latest:
    """Per institution, by period: ``[latest period end, best row, rows by kind]``; at most the
    two latest periods are kept.  Of the rows of one period the best is the reviewed one when
    ``prefer_reviewed``, then the one ending latest, then the greatest assessment id."""

    __slots__ = ("prefer_reviewed", "best")

    def __init__(self, prefer_reviewed: bool = True) -> None:
        self.prefer_reviewed = prefer_reviewed
        self.best: dict[str, dict[str, list]] = {}

    def _rank(self, r: ScoredRow) -> tuple:
        return (self.prefer_reviewed and r.kind == "reviewed", r.period_end, r.assessment)

    def add(self, r: ScoredRow) -> None:
        periods = self.best.setdefault(r.institution, {})
        slot = periods.get(r.period)
        if slot is None:
            periods[r.period] = [r.period_end, r, {r.kind: 1}]
        else:
            if r.period_end > slot[0]:
                slot[0] = r.period_end
            if self._rank(r) > self._rank(slot[1]):
                slot[1] = r
            slot[2][r.kind] = slot[2].get(r.kind, 0) + 1
        if len(periods) > 2:
            del periods[min(periods, key=lambda p: (periods[p][0], p))]

    @classmethod
    def of(cls, rows: Iterable[ScoredRow], prefer_reviewed: bool = True) -> Latest:
        out = cls(prefer_reviewed)
        for r in rows:
            out.add(r)
        return out

    def merge(self, other: Latest) -> Latest:
        """This partial with ``other`` merged in (both are left unchanged)."""
        out = Latest(self.prefer_reviewed)
        out.update(self)
        out.update(other)
        return out

    def update(self, src: Latest) -> None:
        """Merge ``src`` into this partial, in place (``src`` is left unchanged)."""
        for inst, periods in src.best.items():
            mine = self.best.setdefault(inst, {})
            for period, (end, row, kinds) in periods.items():
                slot = mine.get(period)
                if slot is None:
                    mine[period] = [end, row, dict(kinds)]
                    continue
                slot[0] = max(slot[0], end)
                if self._rank(row) > self._rank(slot[1]):
                    slot[1] = row
                for k, n in kinds.items():
                    slot[2][k] = slot[2].get(k, 0) + n
            while len(mine) > 2:
                del mine[min(mine, key=lambda p: (mine[p][0], p))]

    def pairs(self) -> list[tuple[ScoredRow, ScoredRow | None]]:
        """(latest row, the row of the period before or None) per institution."""
        out = []
        for periods in self.best.values():
            if len(periods) == 1:
                (slot,) = periods.values()
                out.append((slot[1], None))
            elif len(periods) == 2:  # the later by (latest end, period)
                (p, a), (q, b) = periods.items()
                out.append((a[1], b[1]) if (a[0], p) > (b[0], q) else (b[1], a[1]))
            else:
                order = sorted(periods, key=lambda p: (periods[p][0], p), reverse=True)
                out.append((periods[order[0]][1], periods[order[1]][1]))
        return out

    def duplicates(self) -> list[tuple[str, str, str, int]]:
        """(institution, period, kind, count) where one period has several results of a kind."""
        return sorted((inst, p, k, n) for inst, periods in self.best.items()
                      for p, slot in periods.items() for k, n in slot[2].items() if n > 1)


def _new_group() -> list:
    # institutions, reviewed, levels, score sum, [shared score sum, n], dims {id: [sum, n]},
    # benchmark statuses {id: [M, P, N, A, U]}; sums in hundredths of a percent
    return [0, 0, {}, 0, [0, 0], {}, {}]


def _add_group(mine: list, g: list) -> None:
    """Add the counts and sums of group ``g`` to ``mine`` (``g`` is left unchanged)."""
    mine[0] += g[0]
    mine[1] += g[1]
    for lv, n in g[2].items():
        mine[2][lv] = mine[2].get(lv, 0) + n
    mine[3] += g[3]
    mine[4][0] += g[4][0]
    mine[4][1] += g[4][1]
    for d, (s, n) in g[5].items():
        acc = mine[5].get(d)
        if acc is None:
            mine[5][d] = [s, n]
        else:
            acc[0] += s
            acc[1] += n
    for b, counts in g[6].items():
        acc = mine[6].get(b)
        if acc is None:
            mine[6][b] = list(counts)
        else:
            for k in range(5):
                acc[k] += counts[k]


def hundredths(percent: float) -> int:
    """A score (rounded to 2 decimals by the engine) as a whole number of hundredths, so that
    sums are exact and the same in any order of merging, on any engine."""
    return round(percent * 100)


class Tally:
    """Counts and sums per group (see :func:`group_keys`) and staff by sex per breakdown value.

    ``groups[key] = [institutions, reviewed, {level: n}, score sum, [shared score sum, n],
    (sums of scores in hundredths of a percent, see :func:`hundredths`)
    {dimension: [sum, n]}, {benchmark: [met, partly, not met, n/a, not answered]}]``;
    ``parity[(breakdown, value folded)] = [value, women, men, other, institutions, order]``."""

    __slots__ = ("groups", "parity")

    def __init__(self) -> None:
        self.groups: dict[tuple, list] = {}
        self.parity: dict[tuple[str, str], list] = {}

    @classmethod
    def of(cls, rows: Sequence[ScoredRow], views: Sequence[tuple[float | None, list]],
           by: Sequence[str], shapes: dict[str, StandardShape], dimensions: Sequence[str],
           shared: frozenset[str], groups: dict[tuple, list[int]] | None = None) -> Tally:
        """The tally of ``rows``; ``views[i]`` is row i's (shared score, scores of
        ``dimensions``) as the comparison shows them; only ``shared`` benchmarks are counted;
        ``groups``: the rows' :func:`buckets`, when the caller has them."""
        t = cls()
        positions = {sk: [(i, b[0]) for i, b in enumerate(shape.benchmarks) if b[0] in shared]
                     for sk, shape in shapes.items()}
        for cell, idx in (groups if groups is not None else buckets(rows, by)).items():
            sk = cell[2]
            g = _new_group()
            g[0] += len(idx)
            these = [rows[i] for i in idx]
            g[1] += [r.kind for r in these].count("reviewed")
            levels = g[2]
            for level, n in Counter([r.level for r in these]).items():
                levels[level] = levels.get(level, 0) + n
            # hundredths(v), written out: a call per score is a tenth of these loops
            g[3] += sum([round(r.score * 100) for r in these])
            shared_scores = [views[i][0] for i in idx]
            vals = [round(v * 100) for v in shared_scores if v is not None]
            g[4][0] += sum(vals)
            g[4][1] += len(vals)
            dims = g[5]
            for d, col in zip(dimensions, zip(*(views[i][1] for i in idx), strict=True),
                              strict=True):
                # hundredths(v), written out: a call per score is a tenth of this loop
                vals = [round(v * 100) for v in col if v is not None]
                acc = dims.get(d)
                if acc is None:
                    dims[d] = [sum(vals), len(vals)]
                else:
                    acc[0] += sum(vals)
                    acc[1] += len(vals)
            # the letters of every row side by side: a benchmark's column is every width-th
            # letter from its position (a slice, not a tuple per benchmark)
            width = len(shapes[sk].benchmarks)
            joined = "".join([rows[i].statuses for i in idx])
            if len(joined) != width * len(idx):  # a row of another length: said, not skewed
                raise ValueError(f"a row's statuses do not have the {width} letters of {sk}")
            bench = g[6]
            for pos, bid in positions[sk]:
                text = joined[pos::width]
                counts = [text.count(c) for c in CODES]
                acc = bench.get(bid)
                if acc is None:
                    bench[bid] = counts
                else:
                    for k in range(5):
                        acc[k] += counts[k]
            for key in cell_groups(cell):
                mine = t.groups.get(key)
                if mine is None:
                    mine = t.groups[key] = _new_group()
                _add_group(mine, g)
        for r in rows:
            if r.parity:
                t.add_parity(r.parity)
        return t

    def add_parity(self, counts: Iterable[tuple[str, str, int, int, int]]) -> None:
        order: dict[str, int] = {}
        for b, v, w, m, o in counts:
            pos = order[b] = order.get(b, -1) + 1
            key = (b, v.casefold())
            acc = self.parity.get(key)
            if acc is None:
                self.parity[key] = [v, w, m, o, 1, pos]
            else:
                acc[1] += w
                acc[2] += m
                acc[3] += o
                acc[4] += 1
                acc[5] = min(acc[5], pos)
                acc[0] = min(acc[0], v)  # the same spelling whatever the order

    def merge(self, other: Tally) -> Tally:
        """This partial with ``other`` merged in (both are left unchanged)."""
        out = Tally()
        for src in (self, other):
            for key, g in src.groups.items():
                mine = out.groups.get(key)
                if mine is None:
                    mine = out.groups[key] = _new_group()
                _add_group(mine, g)
            for key, p in src.parity.items():
                acc = out.parity.get(key)
                if acc is None:
                    out.parity[key] = list(p)
                else:
                    for k in (1, 2, 3, 4):
                        acc[k] += p[k]
                    acc[5] = min(acc[5], p[5])
                    acc[0] = min(acc[0], p[0])  # the same spelling whatever the merge order
        return out
