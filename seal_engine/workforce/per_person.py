"""Workforce files of one row per person: summed into groups as they are read.

Each row is checked as it comes and added to its group (staff sharing a sex and breakdown
values): headcount (staff not exited), exits, the flags, applicant rows.  The pay of each
member of staff in post is kept, by group, in a :class:`~seal_engine.workforce.data.PayTable`:
total pay for the period, its basic and complementary components when the file splits it, and
the same per hour (``hours``) or per full-time equivalent (``fte``).
"""

from __future__ import annotations

from array import array
from collections import Counter
from itertools import compress

from .._source import shorten_repr
from .columns import BREAKDOWNS, COUNT_COLUMNS, PERSON_FLAGS, RECORDS
from .data import GroupTable, PayTable, WorkforceData
from .parser import BAD, Parser, apply_justifications

__all__ = ["PersonBuilder"]

_SEX_NAMES = ("female", "male", "other")
_HOURS_IN_A_YEAR = 8784
_MAX_FTE = 2
# count column <- the flag counted for staff rows
_FLAG_COUNTS = (("eligible_for_promotion", "eligible_for_promotion"), ("promoted", "promoted"),
                ("trained", "trained"), ("parental_leave", "on_leave"),
                ("returned_from_leave", "returned"))


class PersonBuilder:
    def __init__(self, p: Parser):
        self.p = p
        cols = p.columns
        self.breakdowns = tuple(b for b in BREAKDOWNS if b in cols)
        self.flag_cols = [c for c in PERSON_FLAGS if c in cols]
        self.amount_cols = [c for c in ("pay", "basic_pay", "complementary_pay", "hours", "fte")
                            if c in cols]
        self.base_col = "pay" if "pay" in cols else "basic_pay" if "basic_pay" in cols else None
        self.split = "basic_pay" in cols
        self.time_col = "hours" if "hours" in cols else "fte" if "fte" in cols else None
        self.ids: dict[str, int] = {}
        self.index: dict[tuple, int] = {}  # (sex, *breakdowns) -> group id
        self.counts: dict[str, Counter] = {c: Counter() for c in (*COUNT_COLUMNS,
                                                                   "applicant_rows")}
        self.pay_group = array("q")
        self.pay_basic = array("d")
        self.pay_comp = array("d")
        self.pay_time = array("d")
        self.no_pay = 0
        self.reasons: dict[tuple[str, str], int] = {}

    def add(self, lines: list[int], cols: dict[str, tuple[str, ...]]) -> None:
        p = self.p
        n = len(lines)
        self._ids(lines, cols["person_id"])
        if "record" in cols:
            memo = p.memo(("record",))
            record = []
            for i, v in enumerate(cols["record"]):
                r = memo.get(v)
                if r is None:
                    r = memo[v] = RECORDS.get(v.strip().lower(), BAD)
                if r == BAD:
                    p.row_problem(("record",), lines[i], "record", lambda v=v: (
                        f"unknown record {shorten_repr(v.strip(), 40)}; write staff or "
                        "applicant"))
                    r = "staff"
                record.append(r == "applicant")
        else:
            record = [False] * n
        sex = p.sex(cols["sex"], lines, allow_total=False)
        dims = [p.breakdown(b, cols[b], lines, allow_total=False) for b in self.breakdowns]
        flags = {c: p.flags(c, cols[c], lines) for c in self.flag_cols}
        amounts = {c: p.amounts(c, cols[c], lines) for c in self.amount_cols}
        self._checks(lines, cols, record, flags, amounts)
        index = self.index
        new = index.setdefault  # a new group gets the next id
        gids = [new(k, len(index)) for k in zip(sex, *dims, strict=True)]
        # what each row counts for, as masks over the rows; counted per group in C
        no = [False] * n
        exited = flags.get("exited", no)
        rec = flags.get("recruited", no)
        staff = [not r for r in record]
        in_post = [s and not e for s, e in zip(staff, exited, strict=True)]
        count = self.counts
        count["headcount"].update(compress(gids, in_post))
        count["exits"].update(compress(gids, [s and e for s, e in zip(staff, exited,
                                                                       strict=True)]))
        count["applicant_rows"].update(compress(gids, record))
        hired = [s and r for s, r in zip(staff, rec, strict=True)]
        count["recruited"].update(compress(gids, hired))
        count["applicants"].update(compress(gids, [a or h for a, h in zip(record, hired,
                                                                            strict=True)]))
        for name, flag in _FLAG_COUNTS:
            if flag in flags:
                count[name].update(compress(gids, [s and f for s, f in zip(staff, flags[flag],
                                                                            strict=True)]))
        if "exit_reason" in cols:
            reason = [" ".join(v.split()) for v in cols["exit_reason"]]
            left = [s and e and bool(r) for s, e, r in zip(staff, exited, reason, strict=True)]
            for s_, why in compress(zip(sex, reason, strict=True), left):
                k = (_SEX_NAMES[s_], why)
                self.reasons[k] = self.reasons.get(k, 0) + 1
        base = amounts.get(self.base_col) if self.base_col else None
        if base is None:
            return
        paid = [p and b is not None for p, b in zip(in_post, base, strict=True)]
        self.no_pay += sum(in_post) - sum(paid)
        self.pay_group.extend(compress(gids, paid))
        self.pay_basic.extend(compress(base, paid))
        comp = amounts.get("complementary_pay")
        if comp is not None:
            self.pay_comp.extend(c or 0.0 for c in compress(comp, paid))
        time = amounts.get(self.time_col) if self.time_col else None
        if time is not None:
            self.pay_time.extend(t or 1.0 for t in compress(time, paid))

    def _ids(self, lines: list[int], values: tuple[str, ...]) -> None:
        p = self.p
        ids = self.ids
        for line, raw in zip(lines, values, strict=True):
            v = raw.strip()
            if not v:
                p.row_problem(("id empty",), line, "person_id", lambda: "person_id is empty")
                continue
            first = ids.setdefault(v, line)
            if first != line:
                p.row_problem(("id twice",), line, "person_id", lambda v=v, first=first: (
                    f"person_id {shorten_repr(v, 40)} is used again (first on line {first}); "
                    "each person has one row"))

    def _checks(self, lines, cols, record, flags, amounts) -> None:
        """Checks across the cells of a row, each a pass over the chunk's columns; a row is
        looked at one by one only where a check fails."""
        p = self.p
        n = len(lines)
        applicants = any(record)
        for c, vals in flags.items():
            if not applicants or not any(compress(vals, record)):
                continue
            raw = cols[c]
            for i in (i for i in range(n) if record[i] and vals[i]):
                p.row_problem(("applicant flag", c), lines[i], c, lambda c=c, v=raw[i]: (
                    f"an applicant row cannot have {c} = {shorten_repr(v.strip(), 20)[1:-1]}"
                    "; people hired are staff rows"))
        for c, vals in amounts.items():
            if not applicants:
                break
            what = "pay" if c not in ("hours", "fte") else c
            for i in (i for i in range(n) if record[i] and vals[i] is not None):
                p.row_problem(("applicant pay", c), lines[i], c, lambda w=what: (
                    f"an applicant row has no {w}; leave it empty"))

        def both(a: str, b: str) -> None:
            if a in flags and b in flags:
                bad = [i for i, (x, y) in enumerate(zip(flags[a], flags[b], strict=True))
                       if x and not y]
                for i in bad:
                    p.row_problem(("needs", a), lines[i], a, lambda: f"{a} is 1 but {b} is 0")

        both("promoted", "eligible_for_promotion")
        both("returned", "on_leave")
        if "exit_reason" in cols:
            exited = flags.get("exited", [False] * n)
            reasons = cols["exit_reason"]
            for i in [i for i, (v, e) in enumerate(zip(reasons, exited, strict=True))
                      if not e and v.strip()]:
                v = reasons[i]
                p.row_problem(("reason",), lines[i], "exit_reason", lambda v=v: (
                    f"exit_reason {shorten_repr(v.strip(), 40)} is given but exited is not 1"))
        self._pay_checks(lines, cols, record, flags, amounts)

    def _pay_checks(self, lines, cols, record, flags, amounts) -> None:
        p = self.p
        n = len(lines)
        exited = flags.get("exited", [False] * n)
        base = amounts.get(self.base_col) if self.base_col else None
        comp = amounts.get("complementary_pay")
        if comp is not None and base is not None:
            raw = cols["basic_pay"]
            for i in [i for i, (c, b) in enumerate(zip(comp, base, strict=True))
                      if c and b is None and not record[i] and not raw[i].strip()]:
                p.row_problem(("comp without basic",), lines[i], "basic_pay", lambda: (
                    "basic_pay is empty but complementary_pay is given; give both (basic_pay "
                    "0 when all pay is complementary)"))
        tc = self.time_col
        time = amounts.get(tc) if tc else None
        if time is None or base is None:
            return
        most = _MAX_FTE if tc == "fte" else _HOURS_IN_A_YEAR
        odd = [i for i, (t, b) in enumerate(zip(time, base, strict=True))
               if b is not None and not (t and t <= most) and not record[i] and not exited[i]]
        for i in odd:
            t = time[i]
            if t is None:
                if not cols[tc][i].strip():
                    p.row_problem(("no time", tc), lines[i], tc, lambda: (
                        f"{tc} is empty but the person has pay; give the {tc} of everyone "
                        "with pay, so that pay is compared per "
                        f"{'hour' if tc == 'hours' else 'full-time equivalent'}"))
            elif t == 0:
                p.row_problem(("zero time", tc), lines[i], tc, lambda: (
                    f"{tc} is 0 but the person has pay; it must be more than 0"))
            elif tc == "fte":
                p.row_problem(("fte", "large"), lines[i], tc, lambda t=t: (
                    f"{t:g} is not a full-time equivalent (1 is full time, 0.5 half time); "
                    "hours paid go in an hours column"))
            else:
                p.row_problem(("hours", "large"), lines[i], tc, lambda t=t: (
                    f"{t:g} hours is more than a year has ({_HOURS_IN_A_YEAR})"))

    def finish(self, n: int) -> WorkforceData:
        p = self.p
        p.fail_if_problems()
        g = len(self.index)
        keys = list(zip(*self.index, strict=True)) or [()] * (1 + len(self.breakdowns))
        g_sex = list(keys[0])
        g_dims = {b: list(keys[k + 1]) for k, b in enumerate(self.breakdowns)}
        present = set(self.flag_cols)
        reported_cols = {"headcount"}
        if "exited" in present:
            reported_cols.add("exits")
        if "recruited" in present:
            reported_cols.add("recruited")
            if "record" in p.columns:
                reported_cols.add("applicants")
        reported_cols.update(name for name, flag in _FLAG_COUNTS if flag in present)
        everyone = frozenset(range(g))
        missing = {c: everyone for c in COUNT_COLUMNS if c not in reported_cols and g}
        counts = {c: _per_group(self.counts[c], g) for c in COUNT_COLUMNS}
        groups = GroupTable(g_sex, g_dims, counts, missing,
                            applicant_rows=_per_group(self.counts["applicant_rows"], g))
        people = None
        pay: frozenset[str] = frozenset()
        basis = None
        if self.base_col is not None:
            b = self.pay_basic
            c = self.pay_comp if self.split else array("d", bytes(8 * len(b)))
            t = self.pay_time if self.time_col else array("d", [1.0]) * len(b)
            amount = array("d", map(float.__add__, b, c))
            rate = array("d", map(float.__truediv__, amount, t))
            basic = basic_rate = comp = comp_rate = None
            if self.split:
                basic, comp = b, c
                basic_rate = array("d", map(float.__truediv__, b, t))
                comp_rate = array("d", map(float.__truediv__, c, t))
            people = PayTable(self.pay_group, amount, rate, basic, basic_rate, comp, comp_rate)
            if len(people):
                pay = frozenset(("mean", "median", "quartiles",
                                 *(("basic", "complementary") if self.split else ())))
                basis = {"hours": "hour", "fte": "fte"}.get(self.time_col or "")
        reasons = [{"sex": s, "reason": why, "exits": v}
                   for (s, why), v in sorted(self.reasons.items())]
        data = WorkforceData(
            file=p.file, shape="per_person", grades=tuple(p.grades), year=p.year,
            breakdowns=self.breakdowns, reported=frozenset(reported_cols) if g else frozenset(),
            groups=groups, people=people, pay=pay, exit_reasons=reasons, rows=n,
            pay_basis=basis, staff_without_pay=self.no_pay if self.base_col else 0)
        apply_justifications(p, data)
        return data


def _per_group(counter: Counter, groups: int) -> list[int]:
    out = [0] * groups
    for g, v in counter.items():
        out[g] = v
    return out
