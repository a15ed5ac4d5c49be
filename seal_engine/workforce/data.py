"""The checked data of one workforce file, in plain Python: small group tables, not frames.

Whatever the shape of the file, the data is a :class:`GroupTable` (one entry per group of staff
sharing a sex and breakdown values, with its counts for the period) and, for files of one row
per person with pay, a :class:`PayTable` (one entry per member of staff in post with pay, by
group).  Metrics select groups by their breakdown values through per-value indexes built once,
so asking for a metric by any filter costs a pass over the matching groups only.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterator
from itertools import accumulate, chain
from operator import call
from typing import Any

from ..messages import say as _say
from ..rules import Missing
from .columns import where_words

__all__ = ["GroupTable", "PayTable", "Selection", "WorkforceData"]

_SEX_NAMES = ("female", "male", "other")

#: Pay tables of at least this many people are sorted with numpy when it is installed (the
#: same stable sorts, so the same figures); smaller ones, or without numpy, in plain Python.
NUMPY_FROM = 20_000


def _numpy():
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy comes with pandas and pyarrow
        return None
    return numpy


class GroupTable:
    """Staff counts by group.  ``sex[i]`` is 0 (women), 1 (men) or 2 (other or undisclosed);
    ``dims[col][i]`` the group's value of each breakdown (``""`` when not given);
    ``counts[col][i]`` its count for each count column (0 where the file gives none, and then
    ``i`` is in ``missing[col]``); ``pay_mean``/``pay_median`` the group's pay (aggregated
    files, ``None`` where not given); ``applicant_rows`` the applicant rows counted into the
    group (per-person files)."""

    __slots__ = ("sex", "dims", "counts", "missing", "pay_mean", "pay_median", "applicant_rows")

    def __init__(self, sex: list[int], dims: dict[str, list[str]], counts: dict[str, list[int]],
                 missing: dict[str, frozenset[int]] | None = None, *,
                 pay_mean: list[float | None] | None = None,
                 pay_median: list[float | None] | None = None,
                 applicant_rows: list[int] | None = None):
        self.sex = sex
        self.dims = dims
        self.counts = counts
        self.missing = missing or {}
        self.pay_mean = pay_mean
        self.pay_median = pay_median
        self.applicant_rows = applicant_rows

    def __len__(self) -> int:
        return len(self.sex)

    def rows(self) -> Iterator[dict[str, Any]]:
        """Each group as a mapping (``None`` for counts not given), for reading and tests."""
        for i, s in enumerate(self.sex):
            row: dict[str, Any] = {"sex": _SEX_NAMES[s]}
            row.update((c, v[i]) for c, v in self.dims.items())
            row.update((c, None if i in self.missing.get(c, ()) else v[i])
                       for c, v in self.counts.items())
            yield row


class PayTable:
    """Pay of the staff in post, one entry per person: ``group[i]`` (an index into the
    :class:`GroupTable`, which gives the person's sex and breakdowns), and as floats the
    person's total pay ``annual`` for the period, ``basic`` and ``complementary`` components
    (when the file splits pay), and the same per unit of working time (``rate``,
    ``basic_rate``, ``complementary_rate``: per hour with an ``hours`` column, per full-time
    equivalent with ``fte``, else equal to the amounts)."""

    __slots__ = ("group", "annual", "rate", "basic", "basic_rate", "complementary",
                 "complementary_rate", "_order", "_bounds", "_by_group", "_sums", "_by_value")

    def __init__(self, group: array, annual: array, rate: array, basic: array | None,
                 basic_rate: array | None, complementary: array | None,
                 complementary_rate: array | None):
        self.group = group
        self.annual = annual
        self.rate = rate
        self.basic = basic
        self.basic_rate = basic_rate
        self.complementary = complementary
        self.complementary_rate = complementary_rate
        self._order: list[int] | None = None  # people ordered by group
        self._bounds: tuple[list[int], list[int]] | None = None
        self._by_group: dict[str, list[float]] = {}
        self._sums: dict[tuple[str, bool], tuple[list[float], list[int]]] = {}
        self._by_value: dict[str, tuple[array, array]] = {}

    def __len__(self) -> int:
        return len(self.group)

    def values_of(self, measure: str, groups: int, ids) -> list[float]:
        """The values of ``measure`` (an attribute: ``rate``, ``annual``...) of the people of
        the groups ``ids``.  People are ordered by group once, so that a group's people are one
        slice: gathering them is done in C."""
        if self._order is None:
            group = self.group
            self._order = sorted(range(len(group)), key=group.__getitem__)
            counts = [0] * groups
            for g in group:
                counts[g] += 1
            starts = list(accumulate(counts, initial=0))
            self._bounds = (starts[:-1], starts[1:])
        ordered = self._by_group.get(measure)
        if ordered is None:
            ordered = self._by_group[measure] = list(map(getattr(self, measure).__getitem__,
                                                         self._order))
        starts, ends = self._bounds  # type: ignore[misc]
        cuts = map(slice, map(starts.__getitem__, ids), map(ends.__getitem__, ids))
        return list(chain.from_iterable(map(ordered.__getitem__, cuts)))

    def blocks(self, measure: str, codes: list[int], n_codes: int) -> list[array]:
        """The values of ``measure`` of the people of each code, sorted: ``codes[g]`` is the
        code (0 to ``n_codes`` - 1) of group ``g``.  Everyone is sorted by the measure once
        (a stable sort: equal values keep the file's order); each code then takes its people's
        values in that order, so the sorted values of every value of a breakdown cost about
        one sort.  With numpy installed and many people, the same sorts are numpy's (stable
        too, so the blocks are the same values in the same order)."""
        np = _numpy() if len(self.group) >= NUMPY_FROM else None
        if np is not None:
            return self._np_blocks(np, measure, codes, n_codes)
        by_value = self._by_value.get(measure)
        if by_value is None:
            values = getattr(self, measure)
            order = sorted(range(len(values)), key=values.__getitem__)
            by_value = self._by_value[measure] = (array("d", map(values.__getitem__, order)),
                                                   array("q", map(self.group.__getitem__,
                                                                  order)))
        ranked, groups = by_value
        lists: list[list[float]] = [[] for _ in range(n_codes)]
        appends = [lst.append for lst in lists]
        deque(map(call, map(appends.__getitem__, map(codes.__getitem__, groups)), ranked),
              maxlen=0)
        return [array("d", lst) for lst in lists]

    def _np_blocks(self, np, measure: str, codes: list[int], n_codes: int) -> list[array]:
        by_value = self._by_value.get(measure)
        if by_value is None:
            values = np.frombuffer(getattr(self, measure), dtype=np.float64)
            order = np.argsort(values, kind="stable")
            by_value = self._by_value[measure] = (
                values[order], np.frombuffer(self.group, dtype=np.int64)[order])
        ranked, groups = by_value
        code = np.asarray(codes, dtype=np.int64)[groups]
        ranked = ranked[np.argsort(code, kind="stable")]
        bounds = np.concatenate(([0], np.cumsum(np.bincount(code, minlength=n_codes))))
        out = []
        for k in range(n_codes):
            block = array("d")
            block.frombytes(ranked[bounds[k]:bounds[k + 1]].tobytes())
            out.append(block)
        return out

    def group_sums(self, measure: str, groups: int, positive: bool = False
                   ) -> tuple[list[float], list[int]]:
        """The sum of ``measure`` over each group's people and how many they are (only those
        with a value above 0 when ``positive``), indexed by group id; built once.  Means over
        any selection of groups are then sums of these."""
        key = (measure, positive)
        out = self._sums.get(key)
        if out is None:
            values = getattr(self, measure)
            sums = [0.0] * groups
            counts = [0] * groups
            for g, v in zip(self.group, values, strict=True):
                if positive and not v > 0:
                    continue
                sums[g] += v
                counts[g] += 1
            out = self._sums[key] = (sums, counts)
        return out


class Selection:
    """The groups matching a key, by sex (``ids[0]`` women, ``ids[1]`` men, ``ids[2]`` other),
    and the key in words (``where``, a message made when a reason needs it)."""

    __slots__ = ("ids", "key")

    def __init__(self, ids: tuple[list[int], list[int], list[int]], key):
        self.ids = ids
        self.key = key

    @property
    def where(self):
        return where_words(self.key)


class WorkforceData:
    """Checked workforce data, ready for metrics.

    Attributes: ``file``; ``shape`` (``"aggregated"`` or ``"per_person"``); ``grades`` (entry to
    top); ``year`` (or ``None``); ``breakdowns`` (the breakdown columns the file has);
    ``reported`` (the count columns with data); ``groups`` (a :class:`GroupTable`); ``people``
    (a :class:`PayTable` for per-person files with pay, else ``None``); ``pay`` (what pay data
    there is: ``mean``/``median``, and ``basic``/``complementary`` when pay is split);
    ``pay_basis`` (``"hour"``, ``"fte"`` or ``None``: what pay is compared per);
    ``justifications`` (category -> why its pay gap is justified by objective, gender-neutral
    criteria); ``exit_reasons`` (a list of ``{"sex", "reason", "exits"}``); ``rows`` (data
    rows read); ``staff_without_pay`` (staff in post whose pay cell is empty, left out of pay
    figures)."""

    def __init__(self, *, file: str, shape: str, grades: tuple[str, ...], year: int | None,
                 breakdowns: tuple[str, ...], reported: frozenset[str], groups: GroupTable,
                 people: PayTable | None, pay: frozenset[str],
                 exit_reasons: list[dict[str, Any]], rows: int, pay_basis: str | None = None,
                 justifications: dict[str, str] | None = None, staff_without_pay: int = 0):
        self.file = file
        self.shape = shape
        self.grades = grades
        self.year = year
        self.breakdowns = breakdowns
        self.reported = reported
        self.groups = groups
        self.people = people
        self.pay = pay
        self.pay_basis = pay_basis
        self.exit_reasons = exit_reasons
        self.rows = rows
        self.staff_without_pay = staff_without_pay
        self.justifications: dict[str, str] = {}
        self._canon: dict[str, dict[str, str]] = {}
        for col in breakdowns:
            values = dict.fromkeys(reversed(groups.dims[col]))
            self._canon[col] = {v.casefold(): v for v in values}
        if "grade" in self._canon:
            self._canon["grade"].update({g.casefold(): g for g in grades})
        self._cache: dict[Any, Any] = {}
        self._index: dict[str, dict[str, list[int]]] = {}
        self.add_justifications(justifications or {})

    def __repr__(self) -> str:
        return (f"WorkforceData({self.file!r}, {self.shape}, {self.rows} rows, "
                f"grades={list(self.grades)!r})")

    @property
    def category_column(self) -> str | None:
        """The column that names categories of workers for pay: ``category`` when the file has
        it, else ``grade``, else ``None``."""
        for c in ("category", "grade"):
            if c in self.breakdowns:
                return c
        return None

    def add_justifications(self, justifications: dict[str, str]) -> None:
        """Record why the pay gap of categories is justified (category -> reason); categories
        are matched case-insensitively.  Raises ``KeyError`` naming an unknown category."""
        col = self.category_column
        for cat, why in justifications.items():
            canon = self.canonical(col, cat) if col else None
            if canon is None:
                raise KeyError(cat)
            self.justifications[canon] = why
        self._cache.clear()

    def metric(self, name: str, key: tuple[tuple[str, Any], ...] = ()) -> float | Missing:
        """The value of a metric for the staff matching ``key`` (sorted ``(filter, value)``
        pairs), or :class:`~seal_engine.rules.Missing` with the reason in words.  Cached."""
        ck = ("metric", name, key)
        try:
            return self._cache[ck]
        except KeyError:
            pass
        from .metrics import compute_metric

        value = compute_metric(self, name, key)[0]
        self._cache[ck] = value
        return value

    def cached(self, kind: Any, key: Any, compute):
        """``compute(self, key)``, once per kind and key (the data never changes, but for
        :meth:`add_justifications`, which clears what is cached)."""
        ck = (kind, key)
        try:
            return self._cache[ck]
        except KeyError:
            value = self._cache[ck] = compute(self, key)
            return value

    def values(self, column: str) -> list[str]:
        """The distinct values of a breakdown column: grades from entry to top (those with rows),
        others in order of first appearance, an empty value last."""
        if column not in self.breakdowns:
            return []
        ck = ("values", column)
        if ck not in self._cache:
            seen = list(self.index(column))
            if column == "grade":
                present = set(seen)
                self._cache[ck] = [g for g in self.grades if g in present]
            else:
                self._cache[ck] = [v for v in seen if v != ""] + ([""] if "" in seen else [])
        return list(self._cache[ck])

    def sorted_pay(self, measure: str, key) -> tuple[Any, Any] | Missing:
        """The values of the PayTable attribute ``measure`` of the women and of the men in
        post matching ``key``, each sorted (read-only sequences of floats), or Missing.
        Cached; for all staff and for one value of one breakdown, every value of the
        breakdown is sorted at once (:meth:`PayTable.blocks`)."""
        ck = ("sorted pay", measure, key)
        hit = self._cache.get(ck)
        if hit is not None:
            return hit
        sel = self.select(key)
        if isinstance(sel, Missing):
            out: Any = sel
        elif len(key) > 1 or (key and isinstance(key[0][1], tuple)) or self.people is None:
            lists = []
            for ids in sel.ids[:2]:
                v = self.people.values_of(measure, len(self.groups), ids)  # type: ignore
                v.sort()
                lists.append(v)
            out = (lists[0], lists[1])
        else:
            col = key[0][0] if key else None
            blocks = self._pay_blocks(measure, col)
            out = blocks[self.canonical(col, key[0][1]) if col else ""]
        self._cache[ck] = out
        return out

    def _pay_blocks(self, measure: str, col: str | None) -> dict[str, tuple[array, array]]:
        ck = ("pay blocks", measure, col)
        out = self._cache.get(ck)
        if out is None:
            sex = self.groups.sex
            if col is None:
                values = [""]
                codes = sex
            else:
                values = list(self.index(col))
                number = {v: 3 * k for k, v in enumerate(values)}
                codes = list(map(int.__add__, map(number.__getitem__, self.groups.dims[col]),
                                 sex))
            blocks = self.people.blocks(measure, codes, 3 * len(values))  # type: ignore
            out = self._cache[ck] = {v: (blocks[3 * k], blocks[3 * k + 1])
                                     for k, v in enumerate(values)}
        return out

    def canonical(self, column: str, value: Any) -> str | None:
        """The file's spelling of ``value`` in ``column`` (matched case-insensitively)."""
        return self._canon.get(column, {}).get(str(value).strip().casefold())

    def index(self, column: str) -> dict[str, tuple[list[int], list[int], list[int]]]:
        """Group ids by value of a breakdown column and by sex (women, men, other), values in
        order of first appearance, ids ascending.  Built once per column."""
        idx = self._index.get(column)
        if idx is None:
            idx = {}
            for i, (v, s) in enumerate(zip(self.groups.dims[column], self.groups.sex,
                                           strict=True)):
                lists = idx.get(v)
                if lists is None:
                    lists = idx[v] = ([], [], [])
                lists[s].append(i)
            self._index[column] = idx
        return idx

    def select(self, key) -> Selection | Missing:
        """The groups matching ``key``, by sex, or :class:`Missing` with the reason (cached).
        The id lists are shared: never change them."""
        ck = ("select", key)
        hit = self._cache.get(ck)
        if hit is not None:
            return hit
        out = self._select(key)
        self._cache[ck] = out
        return out

    def _select(self, key) -> Selection | Missing:
        parts: list[tuple[list[int], list[int], list[int]]] = []
        for col, value in key:
            if col not in self.breakdowns:
                return Missing(_say("figure.no_column", column=_say(f"where.col.{col}")))
            idx = self.index(col)
            values = value if isinstance(value, tuple) else (value,)  # several: any of
            found = [idx[c] for c in dict.fromkeys(self.canonical(col, v) for v in values)
                     if c is not None and c in idx]
            if not found:
                return Missing(_say("figure.no_staff", where=where_words(key)))
            if len(found) == 1:
                parts.append(found[0])
            else:
                parts.append(tuple(sorted(i for f in found for i in f[s])  # type: ignore[misc]
                                   for s in range(3)))
        if not parts:
            by_sex = self._cache.get("everyone")
            if by_sex is None:
                by_sex = self._cache["everyone"] = ([], [], [])
                for i, s in enumerate(self.groups.sex):
                    by_sex[s].append(i)
        elif len(parts) == 1:
            by_sex = parts[0]
        else:
            by_sex = self._joint(key)
        if not any(by_sex):
            return Missing(_say("figure.no_staff", where=where_words(key)))
        return Selection(by_sex, key)  # type: ignore[arg-type]

    def _joint(self, key) -> tuple[list[int], list[int], list[int]]:
        """The groups matching every filter of ``key`` (two or more, each column in the data),
        by sex, ids ascending: looked up in an index of the groups by the values of those
        columns together, built once per set of columns (one pass over the groups, where
        intersecting the groups of each filter costs sets as large as the groups)."""
        cols: list[str] = []
        wanted: list[list[str]] = []
        for col, value in key:
            values = value if isinstance(value, tuple) else (value,)
            canon = [c for c in dict.fromkeys(self.canonical(col, v) for v in values)
                     if c is not None]
            if col in cols:  # the same column twice: the values asked for both times
                k = cols.index(col)
                wanted[k] = [c for c in wanted[k] if c in canon]
            else:
                cols.append(col)
                wanted.append(canon)
        if len(cols) == 1:
            idx1 = self.index(cols[0])
            found = [idx1[c] for c in wanted[0] if c in idx1]
            return tuple(sorted(i for f in found for i in f[s])  # type: ignore[return-value]
                         for s in range(3))
        ck = ("joint", tuple(cols))
        idx = self._cache.get(ck)
        if idx is None:
            idx = {}
            keys = zip(*(self.groups.dims[c] for c in cols), strict=True)
            for i, (k, s) in enumerate(zip(keys, self.groups.sex, strict=True)):
                lists = idx.get(k)
                if lists is None:
                    lists = idx[k] = ([], [], [])
                lists[s].append(i)
            self._cache[ck] = idx
        combos = [()]
        for values in wanted:
            combos = [(*c, v) for c in combos for v in values]
        found = [idx[c] for c in combos if c in idx]
        if len(found) == 1:
            return found[0]
        return tuple(sorted(i for f in found for i in f[s])  # type: ignore[return-value]
                     for s in range(3))
