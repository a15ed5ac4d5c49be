"""Aggregated workforce files: one row per group of staff, with total rows and exit reasons.

Each row is checked as it comes (its cells, and its counts against each other); total rows
are checked against the rows they cover, and exit-reason rows against their group's exits,
once the file is read.  The groups become the :class:`~seal_engine.workforce.data.GroupTable`.
"""

from __future__ import annotations

from typing import Any

from .columns import AGGREGATED_PAY_COLUMNS, BREAKDOWNS, COUNT_COLUMNS
from .data import GroupTable, WorkforceData
from .parser import TOTAL, TOTAL_VALUE, Parser, fmt_number

__all__ = ["AggregatedBuilder"]

_SEX_NAMES = ("female", "male", "other")


class AggregatedBuilder:
    def __init__(self, p: Parser):
        self.p = p
        cols = p.columns
        self.breakdowns = tuple(b for b in BREAKDOWNS if b in cols)
        self.count_cols = [c for c in COUNT_COLUMNS if c in cols]
        self.pay_cols = [c for c in AGGREGATED_PAY_COLUMNS if c in cols]
        self.lines: list[int] = []
        self.sex: list[int] = []
        self.dims: dict[str, list[str]] = {b: [] for b in self.breakdowns}
        self.counts: dict[str, list[int | None]] = {c: [] for c in self.count_cols}
        self.pays: dict[str, list[float | None]] = {c: [] for c in self.pay_cols}
        self.reason: list[str] = []
        self.total: list[bool] = []

    def add(self, lines: list[int], cols: dict[str, tuple[str, ...]]) -> None:
        p = self.p
        n = len(lines)
        sex = p.sex(cols["sex"], lines, allow_total=True)
        dims = {b: p.breakdown(b, cols[b], lines, allow_total=True) for b in self.breakdowns}
        counts = {c: p.counts(c, cols[c], lines) for c in self.count_cols}
        pays = {c: p.amounts(c, cols[c], lines) for c in self.pay_cols}
        if "exit_reason" in cols:
            raw = cols["exit_reason"]
            spaced = {v: " ".join(v.split()) for v in set(raw)}  # each distinct text once
            reason = list(map(spaced.__getitem__, raw))
        else:
            reason = [""] * n
        total = _totals(sex, dims.values())
        self._row_checks(lines, cols, counts, pays, reason, total)
        self.lines += lines
        self.sex += sex
        for b in self.breakdowns:
            self.dims[b] += dims[b]
        for c in self.count_cols:
            self.counts[c] += counts[c]
        for c in self.pay_cols:
            self.pays[c] += pays[c]
        self.reason += reason
        self.total += total

    def _row_checks(self, lines, cols, counts, pays, reason, total) -> None:
        p = self.p
        hc = counts["headcount"]
        raw_hc = cols["headcount"]
        has_exits = "exits" in counts
        # a row is looked at one by one only when it has an exit reason or no headcount (an
        # empty cell, or one already reported as bad)
        plain = None not in hc and reason.count("") == len(reason)
        for i, line in enumerate(() if plain else lines):
            detail = reason[i] != ""
            if not detail:
                if not raw_hc[i].strip():
                    p.row_problem(("empty", "headcount"), line, "headcount", lambda: (
                        "headcount is empty; write 0 if the group has no staff"))
                continue
            if total[i]:
                p.row_problem(("total reason",), line, "exit_reason", lambda: (
                    "a total row cannot have an exit_reason; give totals for all reasons "
                    "together"))
            if not has_exits:
                p.row_problem(("reason without exits",), line, "exit_reason", lambda: (
                    "an exit_reason row needs an exits column giving how many left for it"))
            elif not cols["exits"][i].strip():
                p.row_problem(("reason empty exits",), line, "exits", lambda: (
                    "exits is empty on an exit_reason row; give how many left for this reason"))
            for c, vals in [*counts.items(), *pays.items()]:
                if c != "exits" and vals[i] is not None and vals[i] > 0:
                    p.row_problem(("reason only exits", c), line, c, lambda c=c, v=vals[i]: (
                        f"an exit_reason row gives only exits; leave {c} empty (it is "
                        f"{fmt_number(v)})"))

        def over(a: str, b_vals: list, b_words: str) -> None:
            if a not in counts:
                return
            for i, (x, y) in enumerate(zip(counts[a], b_vals, strict=True)):
                if x is not None and y is not None and x > y and reason[i] == "":
                    p.row_problem(("over", a, b_words), lines[i], a, lambda x=x, y=y: (
                        f"{a} ({x}) is more than {b_words} ({fmt_number(y)})"))

        over("promoted", hc, "headcount")
        if "eligible_for_promotion" in counts:
            over("promoted", counts["eligible_for_promotion"], "eligible_for_promotion")
        if "applicants" in counts:
            over("recruited", counts["applicants"], "applicants")
        if "parental_leave" in counts:
            over("returned_from_leave", counts["parental_leave"], "parental_leave")
        if has_exits:
            during = [None if h is None else h + (e or 0)
                      for h, e in zip(hc, counts["exits"], strict=True)]
            words = "headcount plus exits"
        else:
            during, words = hc, "headcount"
        over("recruited", during, words)
        over("trained", during, words)
        over("parental_leave", during, words)

    # -- once the whole file is read
    def _keys(self) -> list[list[Any]]:
        return [self.sex, *(self.dims[b] for b in self.breakdowns)]

    def _check_totals(self, parts: list[int]) -> None:
        p = self.p
        keys = self._keys()
        by_pattern: dict[tuple[int, ...], list[int]] = {}
        for i, t in enumerate(self.total):
            if t and self.reason[i] == "":
                pattern = tuple(k for k, d in enumerate(keys) if d[i] in (TOTAL, TOTAL_VALUE))
                by_pattern.setdefault(pattern, []).append(i)
        for pattern, rows in by_pattern.items():
            keep = [k for k in range(len(keys)) if k not in pattern]
            table: dict[tuple, list[int]] = {}
            for j in parts:
                table.setdefault(tuple(keys[k][j] for k in keep), []).append(j)
            for i in rows:
                covered = table.get(tuple(keys[k][i] for k in keep))
                line = self.lines[i]
                if not covered:
                    p.problem("this total row covers no other rows; remove it or add the rows "
                              "it adds up", line=line, column=p.columns["sex"])
                    continue
                shown = ", ".join(str(self.lines[j]) for j in covered[:8]) + (
                    ", …" if len(covered) > 8 else "")
                for c in self.count_cols:
                    tv = self.counts[c][i]
                    vals = [self.counts[c][j] for j in covered]
                    if tv is None or None in vals:
                        continue
                    if sum(vals) != tv:
                        p.problem(f"totals do not add up: this total row says {tv} but the rows "
                                  f"it covers (lines {shown}) add up to {sum(vals)}",
                                  line=line, column=p.columns[c], field=c)

    def _check_reasons(self, main: list[int], detail: list[int]) -> None:
        p = self.p
        keys = self._keys()
        mains: dict[tuple, list[int]] = {}
        for j in main:
            mains.setdefault(tuple(d[j] for d in keys), []).append(j)
        details: dict[tuple, list[int]] = {}
        for j in detail:
            details.setdefault(tuple(d[j] for d in keys), []).append(j)
        exits = self.counts.get("exits")
        for k, idx in details.items():
            target = mains.get(k)
            if target is None:
                p.problem("exit_reason rows for a group with no headcount row; add the group's "
                          "row with its headcount and exits", line=self.lines[idx[0]],
                          column=p.columns["exit_reason"], field="exit_reason")
                continue
            if exits is None:
                continue
            mv = [exits[j] for j in target]
            dv = [exits[j] for j in idx]
            if None in mv or None in dv:
                continue
            if sum(mv) != sum(dv):
                lines = ", ".join(str(self.lines[j]) for j in idx[:8]) + (
                    ", …" if len(idx) > 8 else "")
                p.problem(f"totals do not add up: exits is {sum(mv)} but the exit_reason rows "
                          f"for this group (lines {lines}) add up to {sum(dv)}",
                          line=self.lines[target[0]], column=p.columns["exits"], field="exits")

    def finish(self, n: int) -> WorkforceData:
        p = self.p
        rows = range(len(self.lines))
        parts = [i for i in rows if not self.total[i] and self.reason[i] == ""]
        if any(self.total):
            self._check_totals(parts)
        detail = [i for i in rows if self.reason[i] != "" and not self.total[i]]
        if detail and "exits" in self.counts:
            self._check_reasons(parts, detail)
        p.fail_if_problems()
        groups = _groups(self, parts)
        reported = frozenset(c for c in COUNT_COLUMNS
                             if len(groups.missing.get(c, ())) < len(groups))
        pay = frozenset(k for k, col in (("mean", "pay_mean"), ("median", "pay_median"))
                        if col in self.pays and any(self.pays[col][i] is not None for i in parts))
        exits = self.counts.get("exits")
        sums: dict[tuple[str, str], int] = {}
        if exits is not None:
            for i in detail:
                k = (_SEX_NAMES[self.sex[i]] if 0 <= self.sex[i] < 3 else "", self.reason[i])
                sums[k] = sums.get(k, 0) + (exits[i] or 0)
        reasons = [{"sex": s, "reason": why, "exits": v} for (s, why), v in sorted(sums.items())]
        data = WorkforceData(
            file=p.file, shape="aggregated", grades=tuple(p.grades), year=p.year,
            breakdowns=self.breakdowns, reported=reported, groups=groups, people=None, pay=pay,
            exit_reasons=reasons, rows=n)
        from .parser import apply_justifications

        apply_justifications(p, data)
        return data


def _totals(sex: list[int], dims) -> list[bool]:
    """Whether each row is a total row: its sex, or any of its breakdowns, says total."""
    total = [s == TOTAL for s in sex] if TOTAL in sex else [False] * len(sex)
    for d in dims:
        if TOTAL_VALUE in d:
            for i, v in enumerate(d):
                if v == TOTAL_VALUE:
                    total[i] = True
    return total


def _groups(b: AggregatedBuilder, parts: list[int]) -> GroupTable:
    if len(parts) == len(b.lines):  # no total or exit-reason rows: every row is a group
        def pick(values: list) -> list:
            return list(values)
    else:
        def pick(values: list) -> list:
            return list(map(values.__getitem__, parts))
    sex = pick(b.sex)
    dims = {c: pick(b.dims[c]) for c in b.breakdowns}
    counts: dict[str, list[int]] = {}
    missing: dict[str, frozenset[int]] = {}
    for c in COUNT_COLUMNS:
        if c in b.counts:
            vals = pick(b.counts[c])
            if None in vals:
                missing[c] = frozenset(k for k, v in enumerate(vals) if v is None)
                vals = [0 if v is None else v for v in vals]
            counts[c] = vals
        else:
            counts[c] = [0] * len(parts)
            missing[c] = frozenset(range(len(parts)))
    pay_mean = pick(b.pays["pay_mean"]) if "pay_mean" in b.pays else None
    pay_median = pick(b.pays["pay_median"]) if "pay_median" in b.pays else None
    return GroupTable(sex, dims, counts, missing, pay_mean=pay_mean, pay_median=pay_median)
