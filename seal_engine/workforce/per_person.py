"""Workforce files of one row per person: summed into groups as they are read.

Each row is checked as it comes and added to its group (staff sharing a sex and breakdown
values): headcount (staff not exited), exits, the flags, applicant rows.  The pay of each
member of staff in post is kept, by group, in a :class:`~seal_engine.workforce.data.PayTable`:
total pay for the period, its basic and complementary components when the file splits it, and
the same per hour (``hours``) or per full-time equivalent (``fte``).
"""

from __future__ import annotations

from array import array

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
        self.index: dict[tuple, int] = {}
        self.g_sex: list[int] = []
        self.g_dims: dict[str, list[str]] = {b: [] for b in self.breakdowns}
        self.g_counts: dict[str, list[int]] = {c: [] for c in COUNT_COLUMNS}
        self.g_applicants: list[int] = []
        self.pay_group = array("q")
        self.pay_amount = array("d")
        self.pay_basic = array("d")
        self.pay_comp = array("d")
        self.pay_time = array("d")
        self.no_pay = 0
        self.reasons: dict[tuple[str, str], int] = {}

    def _group(self, key: tuple) -> int:
        g = len(self.g_sex)
        self.index[key] = g
        self.g_sex.append(key[0])
        for b, v in zip(self.breakdowns, key[1:], strict=True):
            self.g_dims[b].append(v)
        for lst in self.g_counts.values():
            lst.append(0)
        self.g_applicants.append(0)
        return g

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
        reason = ([" ".join(v.split()) for v in cols["exit_reason"]] if "exit_reason" in cols
                  else None)
        no = [False] * n
        exited = flags.get("exited", no)
        rec = flags.get("recruited", no)
        counted = [(self.g_counts[name], flags[flag]) for name, flag in _FLAG_COUNTS
                   if flag in flags]
        hc, exits = self.g_counts["headcount"], self.g_counts["exits"]
        recruited, applicants = self.g_counts["recruited"], self.g_counts["applicants"]
        index, new = self.index, self._group
        base = amounts.get(self.base_col) if self.base_col else None
        comp = amounts.get("complementary_pay")
        time = amounts.get(self.time_col) if self.time_col else None
        for i, key in enumerate(zip(sex, *dims, strict=True)):
            g = index.get(key)
            if g is None:
                g = new(key)
            if record[i]:
                self.g_applicants[g] += 1
                applicants[g] += 1
                continue
            for lst, f in counted:
                if f[i]:
                    lst[g] += 1
            if rec[i]:
                recruited[g] += 1
                applicants[g] += 1
            if exited[i]:
                exits[g] += 1
                if reason is not None and reason[i]:
                    k = (_SEX_NAMES[key[0]] if 0 <= key[0] < 3 else "", reason[i])
                    self.reasons[k] = self.reasons.get(k, 0) + 1
                continue
            hc[g] += 1
            if base is None:
                continue
            b = base[i]
            if b is None:
                self.no_pay += 1
                continue
            c = (comp[i] or 0.0) if comp is not None else 0.0
            t = time[i] if time is not None else 1.0
            self.pay_group.append(g)
            self.pay_amount.append(b + c)
            self.pay_basic.append(b)
            self.pay_comp.append(c)
            self.pay_time.append(t if t else 1.0)

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
        p = self.p
        n = len(lines)
        for c, vals in flags.items():
            raw = cols[c]
            for i in range(n):
                if record[i] and vals[i]:
                    p.row_problem(("applicant flag", c), lines[i], c, lambda c=c, v=raw[i]: (
                        f"an applicant row cannot have {c} = {shorten_repr(v.strip(), 20)[1:-1]}"
                        "; people hired are staff rows"))
        for c, vals in amounts.items():
            what = "pay" if c not in ("hours", "fte") else c
            for i in range(n):
                if record[i] and vals[i] is not None:
                    p.row_problem(("applicant pay", c), lines[i], c, lambda w=what: (
                        f"an applicant row has no {w}; leave it empty"))

        def both(a: str, b: str) -> None:
            if a in flags and b in flags:
                for i, (x, y) in enumerate(zip(flags[a], flags[b], strict=True)):
                    if x and not y:
                        p.row_problem(("needs", a), lines[i], a, lambda: (
                            f"{a} is 1 but {b} is 0"))

        both("promoted", "eligible_for_promotion")
        both("returned", "on_leave")
        if "exit_reason" in cols:
            exited = flags.get("exited", [False] * n)
            for i, v in enumerate(cols["exit_reason"]):
                if v.strip() and not exited[i]:
                    p.row_problem(("reason",), lines[i], "exit_reason", lambda v=v: (
                        f"exit_reason {shorten_repr(v.strip(), 40)} is given but exited is not 1"))
        self._pay_checks(lines, cols, record, flags, amounts)

    def _pay_checks(self, lines, cols, record, flags, amounts) -> None:
        p = self.p
        n = len(lines)
        exited = flags.get("exited", [False] * n)
        base = amounts.get(self.base_col) if self.base_col else None
        comp = amounts.get("complementary_pay")
        tc = self.time_col
        time = amounts.get(tc) if tc else None
        for i in range(n):
            if record[i]:
                continue
            if comp is not None and comp[i] and base is not None and base[i] is None \
                    and not cols["basic_pay"][i].strip():
                p.row_problem(("comp without basic",), lines[i], "basic_pay", lambda: (
                    "basic_pay is empty but complementary_pay is given; give both (basic_pay "
                    "0 when all pay is complementary)"))
            if time is None or base is None or base[i] is None or exited[i]:
                continue
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
            elif tc == "fte" and t > _MAX_FTE:
                p.row_problem(("fte", "large"), lines[i], tc, lambda t=t: (
                    f"{t:g} is not a full-time equivalent (1 is full time, 0.5 half time); "
                    "hours paid go in an hours column"))
            elif tc == "hours" and t > _HOURS_IN_A_YEAR:
                p.row_problem(("hours", "large"), lines[i], tc, lambda t=t: (
                    f"{t:g} hours is more than a year has ({_HOURS_IN_A_YEAR})"))

    def finish(self, n: int) -> WorkforceData:
        p = self.p
        p.fail_if_problems()
        g = len(self.g_sex)
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
        groups = GroupTable(self.g_sex, self.g_dims, self.g_counts, missing,
                            applicant_rows=self.g_applicants)
        people = None
        pay: frozenset[str] = frozenset()
        basis = None
        if self.base_col is not None:
            t = self.pay_time
            rate = array("d", (a / d for a, d in zip(self.pay_amount, t, strict=True)))
            basic = basic_rate = comp = comp_rate = None
            if self.split:
                basic, comp = self.pay_basic, self.pay_comp
                basic_rate = array("d", (a / d for a, d in zip(basic, t, strict=True)))
                comp_rate = array("d", (a / d for a, d in zip(comp, t, strict=True)))
            people = PayTable(self.pay_group, self.pay_amount, rate, basic, basic_rate, comp,
                              comp_rate)
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
