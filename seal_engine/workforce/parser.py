"""Checking a workforce file row by row and turning it into :class:`WorkforceData`.

:func:`~seal_engine.workforce.load.parse_rows` reads the settings lines and the header through a
:class:`Parser`, then hands the data rows, in chunks of :data:`CHUNK` rows, to the builder of the
file's shape (``aggregated.py``, ``per_person.py``, both built on the :class:`Parser`), which
converts them column by column and keeps only the compact result: nothing holds the file's
cells.  Every problem is collected, located by file, line and column; a check failing on
more than :data:`~seal_engine.workforce.columns.MAX_ROWS_PER_CHECK` rows lists the first ones
and then says how many more.  Nothing is returned from a file with problems.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from .._source import shorten_repr
from ..errors import Problem, WorkforceError
from ..messages import say
from .columns import (
    AGGREGATED_COLUMNS,
    DEFAULT_GRADES,
    DIRECTIVE,
    MAX_COLUMNS,
    MAX_COUNT,
    MAX_PAY,
    MAX_ROWS_PER_CHECK,
    PERSON_COLUMNS,
    SCOPES,
    SEX_CODES,
    SEX_INDEX,
    TOTAL_WORDS,
    norm_column,
    plural,
)
from .reading import Rows

__all__ = ["CHUNK", "Parser"]

#: Data rows are checked and converted this many at a time.
CHUNK = 4096

# markers in converted columns
TOTAL = 3  # a sex code, or ``TOTAL_VALUE`` for breakdowns: a total row
BAD = -1
EMPTY = -2
TOTAL_VALUE = "\x00total"


class Problems:
    """Problems of one file; at most MAX_ROWS_PER_CHECK per check, then one summary."""

    def __init__(self, file: str):
        self.file = file
        self.items: list[Problem] = []
        self._seen: dict[Any, list] = {}

    def add(self, message: Any, line: int | None = None, column: int | None = None,
            field: str | None = None) -> None:
        self.items.append(Problem(message, file=self.file, line=line, column=column,
                                  field=field))

    def row(self, check: Any, line: int, column: int | None, field: str | None,
            message: Callable[[], str]) -> None:
        """A problem of one row; ``message()`` is only called for the ones listed."""
        seen = self._seen.get(check)
        if seen is None:
            seen = self._seen[check] = [0, None, None, column, field]
        seen[0] += 1
        if seen[0] <= MAX_ROWS_PER_CHECK:
            self.add(message(), line=line, column=column, field=field)
        else:
            if seen[1] is None:
                seen[1] = line
            seen[2] = line

    def raise_if_any(self) -> None:
        for n, first, last, column, field in self._seen.values():
            if n > MAX_ROWS_PER_CHECK:
                more = n - MAX_ROWS_PER_CHECK
                self.add(say("staff.more_rows", n=more, last=str(last)), line=first,
                         column=column, field=field)
        self._seen.clear()
        if self.items:
            self.items.sort(key=lambda p: (p.line or 0, p.column or 0))
            raise WorkforceError(self.items)


def fmt_number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


_NUMBER = re.compile(r"\s*-?\d+(?:\.\d+)?\s*")
_DECIMAL_COMMA = re.compile(r"\s*(-?\d+),(\d+)\s*")


class Parser:
    """The settings, header and cell converters shared by both shapes."""

    def __init__(self, rows: Rows, grades: Sequence[str] | None):
        self.rows = rows
        self.file = rows.name
        self.problems = Problems(rows.name)
        self.arg_grades = tuple(grades) if grades is not None else None
        self.grades: tuple[str, ...] = DEFAULT_GRADES
        self.year: int | None = None
        self.file_grades: tuple[str, ...] | None = None
        self.justification_lines: list[tuple[int, str, str]] = []
        self.columns: dict[str, int] = {}
        self._memo: dict[Any, dict[str, Any]] = {}
        self._spelling: dict[str, dict[str, str]] = {}

    # -- problems
    def problem(self, message: Any, line: int | None = None, column: int | None = None,
                field: str | None = None) -> None:
        self.problems.add(message, line=line, column=column, field=field)

    def row_problem(self, check: Any, line: int, col: str | None,
                    message: Callable[[], str]) -> None:
        self.problems.row(check, line, self.columns.get(col) if col else None, col, message)

    def fail_if_problems(self) -> None:
        self.problems.raise_if_any()

    # -- settings and header
    def settings_line(self, text: str, line: int, *, after_header: bool) -> None:
        m = DIRECTIVE.match(text.strip())
        if not m:
            return
        key, value = m.group(1).lower(), m.group(2).strip()
        if after_header:
            self.problem(say("staff.setting_after_header", key=key), line=line)
        elif key == "grades":
            found = self._grade_list(value, line)
            if found is not None:
                self.file_grades = found
        elif key == "year":
            if re.fullmatch(r"\d{4}", value):
                self.year = int(value)
            else:
                self.problem(say("staff.bad_year", value=shorten_repr(value, 40)), line=line)
        else:
            cat, sep, why = value.partition("=")
            if not sep or not cat.strip() or not why.strip():
                self.problem(say("staff.bad_justification"), line=line)
            else:
                self.justification_lines.append((line, cat.strip(), " ".join(why.split())))

    def _grade_list(self, value: str, line: int) -> tuple[str, ...] | None:
        items = [g.strip() for g in re.split(r"[,;]", value) if g.strip()]
        if not items:
            self.problem(say("staff.no_grades"), line=line)
            return None
        folded = [g.casefold() for g in items]
        dups = sorted({g for g in folded if folded.count(g) > 1})
        if dups:
            self.problem(say("staff.grade_twice", grade=shorten_repr(dups[0], 40)), line=line)
            return None
        return tuple(items)

    def header(self, hline: int, hcells: list[str]) -> tuple[str, list[str]]:
        """The shape and the column names of the header row; problems for bad columns."""
        columns = [norm_column(c) for c in hcells]
        while columns and columns[-1] == "":
            columns.pop()
        other = (_other_kind(hcells) if "person_id" not in columns
                 and "headcount" not in columns else None)
        if other:
            self.problem(f"this is not a workforce file: {other}", line=hline)
            self.fail_if_problems()
        if len(columns) > MAX_COLUMNS:
            self.problem(say("staff.too_many_columns", limit=str(MAX_COLUMNS)), line=hline)
            self.fail_if_problems()
        if len(columns) == 1 and re.search(r"[|:/]", hcells[0]):
            sep = re.search(r"[|:/]", hcells[0]).group()
            self.problem(say("staff.one_column", header=shorten_repr(hcells[0].strip(), 60),
                             separator=repr(sep)), line=hline)
            self.fail_if_problems()
        if "person_id" in columns and "headcount" in columns:
            self.problem(say("staff.both_shapes"), line=hline)
            self.fail_if_problems()
        if "person_id" in columns:
            shape, allowed, required = "per_person", PERSON_COLUMNS, ("person_id", "sex")
        elif "headcount" in columns:
            shape, allowed, required = "aggregated", AGGREGATED_COLUMNS, ("sex", "headcount")
        else:
            self.problem(say("staff.no_shape"), line=hline)
            self.fail_if_problems()
        seen: dict[str, int] = {}
        for i, c in enumerate(columns, start=1):
            if c == "":
                self.problem(say("staff.unnamed_column"), line=hline, column=i)
            elif c not in allowed:
                other = AGGREGATED_COLUMNS if shape == "per_person" else PERSON_COLUMNS
                hint = (say("staff.belongs_aggregated" if shape == "per_person" else
                            "staff.belongs_per_person") if c in other else "")
                self.problem(say("staff.unknown_column",
                                 column=shorten_repr(hcells[i - 1].strip(), 60), hint=hint,
                                 columns=", ".join(allowed)), line=hline, column=i)
            elif c in seen:
                self.problem(say("staff.column_twice", column=c, first=str(seen[c])),
                             line=hline, column=i)
            else:
                seen[c] = i
        for c in required:
            if c not in seen:
                self.problem(say("staff.required_column", column=c), line=hline)
        self._pairs(seen, hline)
        self.columns = seen
        return shape, columns

    def _pairs(self, seen: dict[str, int], hline: int) -> None:
        """Columns that cannot go together, or need another."""
        if "pay" in seen and "basic_pay" in seen:
            self.problem(say("staff.pay_and_basic"), line=hline, column=seen["basic_pay"])
        if "complementary_pay" in seen and "basic_pay" not in seen:
            self.problem(say("staff.complementary_alone"), line=hline,
                         column=seen["complementary_pay"])
        if "hours" in seen and "fte" in seen:
            self.problem(say("staff.hours_and_fte"), line=hline, column=seen["fte"])

    # -- cell converters: a column of a chunk at a time
    def memo(self, kind: Any) -> dict[str, Any]:
        m = self._memo.get(kind)
        if m is None:
            m = self._memo[kind] = {}
        return m

    def _mapped(self, kind: Any, values: Sequence[str], convert: Callable[[str], Any]) -> list:
        memo = self.memo(kind)
        if not memo.keys() >= set(values):  # each new value converted once, in file order
            for v in dict.fromkeys(values):
                if v not in memo:
                    memo[v] = convert(v)
        return list(map(memo.__getitem__, values))

    def sex(self, values: Sequence[str], lines: Sequence[int], allow_total: bool) -> list[int]:
        def convert(v: str) -> int:
            low = v.strip().lower()
            if not low:
                return EMPTY
            if allow_total and low in TOTAL_WORDS:
                return TOTAL
            s = SEX_CODES.get(low)
            return BAD if s is None else SEX_INDEX[s]

        out = self._mapped(("sex", allow_total), values, convert)
        if BAD in out or EMPTY in out:
            for i, c in enumerate(out):
                if c == BAD:
                    v = values[i]
                    self.row_problem(("sex", "bad"), lines[i], "sex", lambda v=v: say(
                        "staff.unknown_sex", value=shorten_repr(v.strip(), 40)))
                elif c == EMPTY:
                    self.row_problem(("sex", "empty"), lines[i], "sex",
                                     lambda: say("staff.empty_sex"))
        return out

    def breakdown(self, col: str, values: Sequence[str], lines: Sequence[int],
                  allow_total: bool) -> list[str]:
        """Canonical values of a breakdown column; ``TOTAL_VALUE`` marks a total; a bad value
        is reported and given as ``""``."""
        if col == "grade":
            canon = {g.casefold(): g for g in self.grades}

            def convert(v: str) -> Any:
                low = v.strip().casefold()
                if not low:
                    return EMPTY
                if allow_total and low in TOTAL_WORDS:
                    return TOTAL_VALUE
                return canon.get(low, BAD)
        elif col == "scope":
            def convert(v: str) -> Any:
                low = v.strip().casefold()
                if not low:
                    return ""
                if allow_total and low in TOTAL_WORDS:
                    return TOTAL_VALUE
                return SCOPES.get(low, BAD)
        else:
            first = self._spelling.setdefault(col, {})

            def convert(v: str) -> Any:
                text = " ".join(v.split())
                low = text.casefold()
                if allow_total and low in TOTAL_WORDS:
                    return TOTAL_VALUE
                return first.setdefault(low, text)
        out = self._mapped(("dim", col, allow_total), values, convert)
        if BAD in out or EMPTY in out:
            for i, c in enumerate(out):
                if c == BAD:
                    v = values[i].strip()
                    if col == "grade":
                        self.row_problem(("grade", "bad"), lines[i], col, lambda v=v: say(
                            "staff.unknown_grade", value=shorten_repr(v, 40),
                            grades=", ".join(self.grades)))
                    else:
                        self.row_problem(("scope", "bad"), lines[i], col, lambda v=v: say(
                            "staff.unknown_scope", value=shorten_repr(v, 40)))
                    out[i] = ""
                elif c == EMPTY:
                    self.row_problem(("grade", "empty"), lines[i], col, lambda: say(
                        "staff.empty_grade", grades=", ".join(self.grades)))
                    out[i] = ""
        return out

    def flags(self, col: str, values: Sequence[str], lines: Sequence[int]) -> list[bool]:
        from .columns import FLAGS

        out = self._mapped(("flag",), values, lambda v: FLAGS.get(v.strip().lower(), BAD))
        if BAD in out:
            for i, c in enumerate(out):
                if c == BAD:
                    v = values[i].strip()
                    self.row_problem(("flag", col), lines[i], col, lambda v=v: say(
                        "staff.bad_flag", value=shorten_repr(v, 40)))
                    out[i] = False
        return out

    def counts(self, col: str, values: Sequence[str], lines: Sequence[int]) -> list[int | None]:
        """Whole numbers of people, ``None`` where empty or bad (bad ones reported)."""
        out = self._mapped(("count",), values, _count_value)
        kinds = set(map(type, out))  # ints; a problem's kind is text, an empty cell EMPTY
        if str in kinds:
            for i, c in enumerate(out):
                if isinstance(c, str):
                    v = values[i].strip()
                    self.row_problem((c, col), lines[i], col,
                                     lambda c=c, v=v: _number_problem(c, v, col, whole=True))
                    out[i] = None
        if EMPTY in out:  # no count is negative: EMPTY (-2) marks only empty cells
            return [None if c == EMPTY else c for c in out]
        return out

    def amounts(self, col: str, values: Sequence[str], lines: Sequence[int], *,
                limit: float = MAX_PAY) -> list[float | None]:
        """Numbers 0 or more (pay, hours), ``None`` where empty or bad (bad ones reported)."""
        try:
            out: list[Any] = list(map(float, values))
            if not out or (min(out) >= 0 and max(out) <= limit
                           and not any(map(math.isnan, out))):
                return out
        except ValueError:
            pass
        comma = self.rows.delimiter == ";"
        out = [_amount_value(v, comma, limit) for v in values]
        for i, c in enumerate(out):
            if isinstance(c, str):
                v = values[i].strip()
                self.row_problem((c, col), lines[i], col,
                                 lambda c=c, v=v: _number_problem(c, v, col, whole=False))
                out[i] = None
        return out


def _count_value(v: str) -> Any:
    text = v.strip()
    if not text:
        return EMPTY
    try:
        n = int(text)
    except ValueError:
        if text.isdigit():
            return "large"
        try:
            f = float(text)
        except ValueError:
            return "text"
        if not math.isfinite(f):
            return "text" if f != f else "large"
        if not f.is_integer():
            return "negative" if f < 0 else "fraction"
        n = int(f)
    if n < 0:
        return "negative"
    if n > MAX_COUNT:
        return "large"
    return n


def _amount_value(v: str, decimal_comma: bool, limit: float) -> Any:
    text = v.strip()
    if not text:
        return None
    try:
        f = float(text)
    except ValueError:
        m = _DECIMAL_COMMA.fullmatch(text) if decimal_comma else None
        if m is None:
            if text.isdigit():
                return "large"
            return "separators" if re.fullmatch(r"-?[\d.,' \u00a0]+", text) else "text"
        f = float(f"{m.group(1)}.{m.group(2)}")
    if f != f:
        return "text"
    if f < 0:
        return "negative"
    if f > limit:
        return "large"
    return f


def _number_problem(kind: str, v: str, col: str, *, whole: bool):
    shown = shorten_repr(v, 40)
    example = say("staff.example_whole" if whole else "staff.example_amount")
    if kind == "negative":
        return say("staff.negative", value=v if len(v) < 40 else shown, column=col)
    if kind == "fraction":
        return say("staff.fraction", value=v)
    if kind == "large":
        most = f"{MAX_COUNT:,}" if whole else f"{MAX_PAY:,.0f}"
        return say("staff.too_large", value=shown, column=col, most=most)
    if kind == "separators":
        return say("staff.separators", value=shown, example=example)
    return say("staff.not_a_number", value=shown, example=example)


def apply_justifications(p: Parser, data) -> None:
    """Record the ``# justification:`` lines on ``data``; a category the file does not have is
    a problem at its line (a typo must not leave a gap unjustified silently)."""
    for line, cat, why in p.justification_lines:
        col = data.category_column
        if col is None:
            p.problem(say("staff.justification_no_column"), line=line)
            continue
        try:
            data.add_justifications({cat: why})
        except KeyError:
            known = ", ".join(v for v in data.values(col)[:20] if v) or say("word.none")
            p.problem(say("staff.justification_unknown", category=shorten_repr(cat, 40),
                          column=col, columns=plural(col), known=known), line=line)
    p.fail_if_problems()


_YAML_KEYS = re.compile(r"^\s*(type|id|standard|institution|period|answers|dimensions|levels)"
                        r"\s*:", re.I)


def _other_kind(cells: list[str]) -> str | None:
    """What a file given as workforce data is instead, from its first row, and which command
    takes it."""
    first = " ".join(c for c in cells if c).strip()
    low = first.lower()
    if low.startswith("type: assessment") or low.startswith("type: standard") or (
            _YAML_KEYS.match(first) and len(cells) <= 2):
        return ("it is YAML, an assessment or a standard, not staff data (an assessment names "
                "its staff data file in its 'workforce:' field)")
    names = {norm_column(c) for c in cells}
    if {"action_id", "activity"} <= names or {"no.", "action_id"} <= names:
        return ("it is an action plan, not staff data (it is read back on the Gaps and action "
                "plan page, or by seal actions --plan)")
    if low.startswith("gender equality action plan"):
        return ("it is an action plan workbook, not staff data (it is read back on the Gaps and "
                "action plan page, or by seal actions --plan)")
    return None
