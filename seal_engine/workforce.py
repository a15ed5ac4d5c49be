"""Sex-disaggregated workforce data: the file format, its importer and what rules see of it.

A workforce file is a CSV (UTF-8, comma or semicolon separated) or an Excel ``.xlsx`` workbook in
one of two shapes, told apart by their columns (see ``docs/workforce.md``):

* **aggregated rows** (a ``headcount`` column): one row per group of staff sharing a sex, grade,
  unit, location, scope, age band and contract, with counts for the period;
* **one row per person** (a ``person_id`` column): one row per member of staff employed at any
  time in the period, with yes/no flags, plus optional applicant rows for candidates not hired.

Rows whose first cell starts with ``#`` are comments.  Two comment lines are settings:
``# grades: support, professional, manager, senior`` (the grades from entry to top) and
``# year: 2025`` (the year the data describes, used by projections).

:func:`load_workforce` checks every row and raises one :class:`~seal_engine.errors.WorkforceError`
listing every problem (file, line, column) - nothing is imported from a file with errors.  The
:class:`WorkforceData` it returns answers ``metric(name, key)`` for rules; the computations live in
:mod:`seal_engine.metrics`.  pandas is imported only when a file is read.
"""

from __future__ import annotations

import csv
import io
import itertools
import operator
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, SealError, WorkforceError
from .metrics import BREAKDOWNS, compute_metric
from .rules import Missing

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "AGGREGATED_COLUMNS",
    "COUNT_COLUMNS",
    "DEFAULT_GRADES",
    "MAX_ROWS_PER_CHECK",
    "PERSON_COLUMNS",
    "SEX_CODES",
    "WorkforceData",
    "load_workforce",
    "parse_workforce",
    "workforce_template",
    "write_workforce_template",
]

#: Grades from entry to top, used unless the file (``# grades:``) or the caller says otherwise.
DEFAULT_GRADES: tuple[str, ...] = ("support", "professional", "manager", "senior")

#: Accepted sex codes (matched case-insensitively) and what they mean.  ``other`` covers other
#: and undisclosed: counted and reported, but left out of the parity maths.
SEX_CODES: dict[str, str] = {
    **dict.fromkeys(("female", "f", "woman", "women", "w"), "female"),
    **dict.fromkeys(("male", "m", "man", "men"), "male"),
    **dict.fromkeys(
        ("other", "o", "x", "non-binary", "nonbinary", "non binary", "diverse", "undisclosed",
         "unknown", "u", "not stated", "prefer not to say"),
        "other",
    ),
}

_TOTAL_WORDS = ("total", "all")
_SCOPES = {"national": "national", "subnational": "subnational", "sub-national": "subnational",
           "sub national": "subnational"}
_FLAGS = {"1": True, "1.0": True, "yes": True, "y": True, "true": True, "x": True,
          "0": False, "0.0": False, "no": False, "n": False, "false": False, "": False}

#: A check failing on more rows than this lists the first ones, then one summary problem.
MAX_ROWS_PER_CHECK = 20
_RECORDS = {"": "staff", "staff": "staff", "applicant": "applicant", "candidate": "applicant"}

#: Count columns of aggregated files, in file order (each a whole number, 0 or more).
COUNT_COLUMNS: tuple[str, ...] = (
    "headcount", "applicants", "recruited", "eligible_for_promotion", "promoted", "exits",
    "trained", "parental_leave", "returned_from_leave",
)
_PAY_COLUMNS = ("pay_mean", "pay_median")
_PERSON_FLAGS = ("recruited", "eligible_for_promotion", "promoted", "exited", "trained",
                 "on_leave", "returned")

_BREAKDOWN_HELP = {
    "grade": "grade or category; one of the grades from entry to top (see '# grades:')",
    "unit": "department, directorate or unit (free text)",
    "location": "duty station, office or region (free text)",
    "scope": "national or subnational",
    "age_band": "age band, e.g. <30, 30-39, 40-49, 50+ (free text)",
    "contract": "contract type, e.g. permanent, fixed-term, consultant (free text)",
}

#: Columns of an aggregated file and what each holds (``sex`` and ``headcount`` are required).
AGGREGATED_COLUMNS: dict[str, str] = {
    "sex": "female, male or other (F, M, woman, man, undisclosed... accepted); a 'total' row "
           "gives the sum of the rows it covers and is checked against them",
    **_BREAKDOWN_HELP,
    "headcount": "staff in the group at the end of the period (required)",
    "applicants": "people who applied for posts in the group during the period",
    "recruited": "people recruited into the group during the period (counted in headcount)",
    "eligible_for_promotion": "staff eligible for promotion during the period",
    "promoted": "staff promoted into the group during the period (counted in headcount)",
    "exits": "staff who left the group during the period (not counted in headcount)",
    "exit_reason": "optional: a row with an exit reason gives only exits for that reason; the "
                   "reasons of a group must add up to its exits",
    "trained": "staff who took part in training during the period",
    "parental_leave": "staff who took parental leave during the period",
    "returned_from_leave": "of those, staff who came back to work",
    "pay_mean": "mean pay of the group's headcount (any currency and period, the same for all)",
    "pay_median": "median pay of the group's headcount",
}

#: Columns of a one-row-per-person file and what each holds (``person_id`` and ``sex`` required).
PERSON_COLUMNS: dict[str, str] = {
    "person_id": "an identifier unique in the file (no names needed) (required)",
    "record": "staff (the default) or applicant: a candidate who applied in the period and was "
              "not hired; people hired are staff rows with recruited = 1",
    "sex": "female, male or other (F, M, woman, man, undisclosed... accepted)",
    **_BREAKDOWN_HELP,
    "pay": "the person's pay (any currency and period, the same for all)",
    "recruited": "1 if recruited during the period",
    "eligible_for_promotion": "1 if eligible for promotion during the period",
    "promoted": "1 if promoted into the grade shown during the period",
    "exited": "1 if the person left during the period (left out of the headcount)",
    "exit_reason": "why the person left (free text), only when exited = 1",
    "trained": "1 if the person took part in training during the period",
    "on_leave": "1 if the person took parental leave during the period",
    "returned": "1 if the person came back from that leave",
}

_ALIASES = {"gender": "sex", "age": "age_band", "contract_type": "contract"}
_DIRECTIVE = re.compile(r"^#\s*(grades|year)\s*:(.*)$", re.IGNORECASE)


def _pandas():
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "reading workforce data needs pandas: pip install 'seal-engine[data]'") from e
    return pd


def _openpyxl():
    try:
        import openpyxl
    except ImportError as e:
        raise ImportError(
            "reading or writing .xlsx workforce files needs openpyxl: "
            "pip install 'seal-engine[xlsx]'") from e
    return openpyxl


# ------------------------------------------------------------------------------- the data


class WorkforceData:
    """Checked workforce data, ready for metrics.

    Attributes: ``file``; ``shape`` (``"aggregated"`` or ``"per_person"``); ``grades`` (entry to
    top); ``year`` (or ``None``); ``breakdowns`` (the breakdown columns the file has);
    ``reported`` (the count columns with data); ``groups`` (a pandas DataFrame, one row per
    group: ``sex`` plus the breakdowns and counts); ``people`` (per-person files: staff in post
    with their ``pay``); ``exit_reasons`` (a list of ``{"sex", "reason", "exits"}``).
    """

    def __init__(self, *, file: str, shape: str, grades: tuple[str, ...], year: int | None,
                 breakdowns: tuple[str, ...], reported: frozenset[str], groups: pd.DataFrame,
                 people: pd.DataFrame | None, pay: frozenset[str],
                 exit_reasons: list[dict[str, Any]], rows: int):
        self.file = file
        self.shape = shape
        self.grades = grades
        self.year = year
        self.breakdowns = breakdowns
        self.reported = reported
        self.groups = groups
        self.people = people
        self.pay = pay  # "mean"/"median" available
        self.exit_reasons = exit_reasons
        self.rows = rows
        self._canon: dict[str, dict[str, str]] = {}
        for col in breakdowns:
            values = groups[col].unique().tolist()
            if people is not None:
                values += people[col].unique().tolist()
            self._canon[col] = {str(v).casefold(): v for v in reversed(values)}
        if "grade" in self._canon:
            self._canon["grade"].update({g.casefold(): g for g in grades})
        self._cache: dict[Any, Any] = {}

    def __repr__(self) -> str:
        return (f"WorkforceData({self.file!r}, {self.shape}, {self.rows} rows, "
                f"grades={list(self.grades)!r})")

    def metric(self, name: str, key: tuple[tuple[str, str], ...] = ()) -> float | Missing:
        """The value of a metric for the staff matching ``key`` (sorted ``(filter, value)``
        pairs), or :class:`~seal_engine.rules.Missing` with the reason in words.  Cached."""
        ck = ("metric", name, key)
        try:
            return self._cache[ck]
        except KeyError:
            pass
        value = compute_metric(self, name, key)[0]
        self._cache[ck] = value
        return value

    def values(self, column: str) -> list[str]:
        """The distinct values of a breakdown column: grades from entry to top (those with rows),
        others in order of first appearance."""
        if column not in self.breakdowns:
            return []
        ck = ("values", column)
        if ck not in self._cache:
            seen = self.groups[column].unique().tolist()
            if column == "grade":
                present = set(seen)
                self._cache[ck] = [g for g in self.grades if g in present]
            else:
                self._cache[ck] = [v for v in seen if v != ""] + ([""] if "" in seen else [])
        return list(self._cache[ck])

    def canonical(self, column: str, value: str) -> str | None:
        """The file's spelling of ``value`` in ``column`` (matched case-insensitively)."""
        return self._canon.get(column, {}).get(str(value).strip().casefold())


# ------------------------------------------------------------------------------- reading


def load_workforce(path: str | Path, grades: Sequence[str] | None = None, *,
                   name: str | None = None) -> WorkforceData:
    """Read and check a workforce CSV or XLSX file.

    ``grades`` (entry to top) overrides the file's ``# grades:`` line and the default
    :data:`DEFAULT_GRADES`; ``name`` is what errors call the file (default: its path).  Raises
    :class:`WorkforceError` listing every problem found; nothing is imported from a file with
    errors."""
    path = Path(path)
    name = name or str(path)
    if not path.is_file():
        raise WorkforceError(Problem(f"no such workforce file {name!r}", file=name))
    from ._source import check_size

    try:
        check_size(path, "SEAL_MAX_DATA_BYTES")
    except SealError as e:
        raise WorkforceError(e.problems) from None
    return parse_workforce(path.read_bytes(), name, grades=grades)


def parse_workforce(content: bytes, name: str, grades: Sequence[str] | None = None
                    ) -> WorkforceData:
    """Check workforce data held in memory (an upload, a stored file): CSV text or an XLSX
    workbook, told apart by its first bytes.  ``name`` is what errors call it; it is never
    used as a path.  Raises :class:`WorkforceError` as :func:`load_workforce` does."""
    from .settings import get_int_setting

    limit = get_int_setting("SEAL_MAX_DATA_BYTES")
    if len(content) > limit:
        raise WorkforceError(Problem(
            f"file is {len(content)} bytes, over the limit of {limit} bytes (raise "
            "SEAL_MAX_DATA_BYTES if it is genuine)", file=name))
    pd = _pandas()
    if bytes(content[:4]) == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        records = _read_xlsx(content, name)
    else:
        records = _read_csv(content, name)
    return _Parser(pd, name, records, grades).parse()


def _read_csv(content: bytes, name: str) -> list[tuple[int, list[str]]]:
    try:
        text = bytes(content).decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise WorkforceError(Problem(
            f"file is not UTF-8 text ({e.reason}); save it as 'CSV UTF-8'", file=name)) from None
    delimiter = ","
    for ln in io.StringIO(text):
        if ln.strip() and not ln.lstrip().startswith("#"):
            if ln.count(";") > ln.count(","):
                delimiter = ";"
            elif ln.count("\t") > ln.count(","):
                delimiter = "\t"
            break
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    if '"' not in text:  # no quoted fields, so one record a line
        return list(zip(itertools.count(1), reader))
    out = []
    last = 0
    try:
        for cells in reader:
            out.append((last + 1, cells))
            last = reader.line_num
    except csv.Error as e:
        raise WorkforceError(Problem(f"malformed CSV: {e}", file=name, line=last + 1)) from None
    return out


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _read_xlsx(content: bytes, name: str) -> list[tuple[int, list[str]]]:
    openpyxl = _openpyxl()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds on a broken file
        raise WorkforceError(Problem(
            f"not a readable Excel workbook ({type(e).__name__}: {e})", file=name)) from None
    try:
        names = wb.sheetnames
        chosen = next((s for s in names if s.lower() in ("workforce", "data")), None)
        if chosen is None:
            chosen = next((s for s in names if s.lower() != "readme"), names[0])
        ws = wb[chosen]
        return [(i, [_cell_text(v) for v in row])
                for i, row in enumerate(ws.iter_rows(values_only=True), start=1)]
    finally:
        wb.close()


def _norm_column(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


class _Parser:
    """Turns raw rows into :class:`WorkforceData`, collecting every problem."""

    def __init__(self, pd, file: str, records: list[tuple[int, list[str]]],
                 grades: Sequence[str] | None):
        self.pd = pd
        self.file = file
        self.records = records
        self.arg_grades = tuple(grades) if grades is not None else None
        self.problems: list[Problem] = []

    def problem(self, message: str, line: int | None = None, column: int | None = None,
                field: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.file, line=line, column=column,
                                     field=field))

    def fail_if_problems(self) -> None:
        if self.problems:
            self.problems.sort(key=lambda p: (p.line or 0, p.column or 0))
            raise WorkforceError(self.problems)

    # -- header and settings
    def split(self):
        file_grades = None
        year = None
        header = None
        rows: list[tuple[int, list[str]]] = []  # stays empty when the header is the last row
        for n, (line, cells) in enumerate(self.records):
            if header is not None:
                return header, self.data_rows(self.records[n:]), file_grades, year
            first = cells[0].strip() if cells else ""
            if not first:  # rare: an empty first cell
                first = next((c.strip() for c in cells if c.strip()), None)
                if first is None:
                    continue
            if first.startswith("#"):
                text = ",".join(c for c in cells if c.strip())
                m = _DIRECTIVE.match(text.strip())
                if m:
                    key, value = m.group(1).lower(), m.group(2).strip()
                    if key == "grades":
                        file_grades = self.grade_list(value, line)
                    else:
                        year = self.year(value, line)
                continue
            header = (line, cells)
        return header, rows, file_grades, year

    def data_rows(self, records):
        """The data rows among ``records`` (those after the header), in order, skipping blank
        and comment rows; a settings line there is a problem."""
        fast = [r for r in records if r[1] and r[1][0][:1] not in ("#", " ", "\t", "")]
        if len(fast) == len(records):
            return fast
        slow = []
        for line, cells in records:
            if cells and cells[0][:1] not in ("#", " ", "\t", ""):
                continue
            first = next((c.strip() for c in cells if c.strip()), None)
            if first is None:
                continue
            if first.startswith("#"):
                m = _DIRECTIVE.match(",".join(c for c in cells if c.strip()).strip())
                if m:
                    self.problem(f"the '# {m.group(1).lower()}:' line must come before the "
                                 "header row", line=line)
                continue
            slow.append((line, cells))
        return sorted(fast + slow) if slow else fast

    def grade_list(self, value: str, line: int) -> tuple[str, ...] | None:
        items = [g.strip() for g in re.split(r"[,;]", value) if g.strip()]
        if len(items) < 1:
            self.problem("'# grades:' lists no grades; write them from entry to top, e.g. "
                         "'# grades: support, professional, manager, senior'", line=line)
            return None
        folded = [g.casefold() for g in items]
        dups = sorted({g for g in folded if folded.count(g) > 1})
        if dups:
            self.problem(f"'# grades:' lists {dups[0]!r} twice", line=line)
            return None
        return tuple(items)

    def year(self, value: str, line: int) -> int | None:
        if re.fullmatch(r"\d{4}", value):
            return int(value)
        self.problem(f"'# year:' must be a year such as 2025, not {value!r}", line=line)
        return None

    def parse(self) -> WorkforceData:
        header, rows, file_grades, year = self.split()
        if header is None:
            self.problem("the file has no header row; start with the column names "
                         "(run 'seal workforce-template' for a blank file)")
            self.fail_if_problems()
        hline, hcells = header
        columns = [_ALIASES.get(_norm_column(c), _norm_column(c)) for c in hcells]
        while columns and columns[-1] == "":
            columns.pop()
        if "person_id" in columns and "headcount" in columns:
            self.problem("the header has both person_id (one row per person) and headcount "
                         "(aggregated rows); use one shape per file", line=hline)
            self.fail_if_problems()
        if "person_id" in columns:
            shape, allowed, required = "per_person", PERSON_COLUMNS, ("person_id", "sex")
        elif "headcount" in columns:
            shape, allowed, required = "aggregated", AGGREGATED_COLUMNS, ("sex", "headcount")
        else:
            self.problem("the header has neither a headcount column (aggregated rows) nor a "
                         "person_id column (one row per person); see docs/workforce.md",
                         line=hline)
            self.fail_if_problems()
        seen: dict[str, int] = {}
        for i, c in enumerate(columns, start=1):
            if c == "":
                self.problem("a column has no name", line=hline, column=i)
            elif c not in allowed:
                other = AGGREGATED_COLUMNS if shape == "per_person" else PERSON_COLUMNS
                hint = (f"; it belongs in {'aggregated' if shape == 'per_person' else 'per-person'}"
                        " files" if c in other else "")
                self.problem(f"unknown column {hcells[i - 1].strip()!r}{hint} (columns: "
                             f"{', '.join(allowed)})", line=hline, column=i)
            elif c in seen:
                self.problem(f"column {c!r} appears twice (also column {seen[c]})",
                             line=hline, column=i)
            else:
                seen[c] = i
        for c in required:
            if c not in seen:
                self.problem(f"the header has no {c!r} column, which is required", line=hline)
        self.grades = self.arg_grades or file_grades or DEFAULT_GRADES
        self.fail_if_problems()
        if not rows:
            self.problem("the file has no data rows below the header", line=hline)
            self.fail_if_problems()
        self.columns = seen  # name -> 1-based position
        width = len(columns)
        pick = operator.itemgetter(*(seen[c] - 1 for c in seen))
        strip = str.strip
        data = []
        lines = []
        for line, cells in rows:
            if len(cells) != width:
                if len(cells) > width and any(c.strip() for c in cells[width:]):
                    self.problem(f"the row has {len(cells)} values but the header has {width} "
                                 "columns", line=line)
                    continue
                cells = cells[:width] + [""] * (width - len(cells))
            got = pick(cells)
            data.append(list(map(strip, got)) if len(seen) > 1 else [strip(got)])
            lines.append(line)
        pd = self.pd
        self.df = pd.DataFrame(data, columns=list(seen), dtype=object)
        self.lines = pd.Series(lines, dtype="int64")
        self.year_value = year
        if shape == "aggregated":
            return self.aggregated()
        return self.per_person()

    # -- cell checks (vectorised; problems located by row)
    def report(self, mask, col: str, message) -> None:
        """Add a problem for every row where ``mask`` holds; ``message(value, i)`` words it."""
        if not mask.any():
            return
        pos = self.columns[col]
        values = self.df[col]
        rows = mask[mask].index
        for i in rows[:MAX_ROWS_PER_CHECK]:
            self.problem(message(values[i], i), line=int(self.lines[i]), column=pos, field=col)
        if len(rows) > MAX_ROWS_PER_CHECK:
            first, last = int(self.lines[rows[MAX_ROWS_PER_CHECK]]), int(self.lines[rows[-1]])
            more = len(rows) - MAX_ROWS_PER_CHECK
            self.problem(f"and {more} more row{'s' if more > 1 else ''} with the same problem "
                         f"in this column, up to line {last}", line=first, column=pos, field=col)

    def sex(self, allow_total: bool):
        s = self.df["sex"]
        mapped = s.str.lower().map(SEX_CODES)
        low = s.str.lower()
        total = low.isin(_TOTAL_WORDS) if allow_total else self.pd.Series(False, index=s.index)
        self.report(mapped.isna() & ~total & (s != ""), "sex", lambda v, i: (
            f"unknown sex code {v!r}; use female, male or other (F, M, woman, man, "
            "undisclosed... are accepted)"))
        self.report(s == "", "sex", lambda v, i: (
            "sex is empty; write female, male, or other for other or undisclosed"))
        return mapped.fillna(""), total

    def breakdown(self, col: str, allow_total: bool):
        """Canonical values of a breakdown column and the rows that are totals over it."""
        pd = self.pd
        s = self.df[col]
        low = s.str.casefold()
        total = low.isin(_TOTAL_WORDS) if allow_total else pd.Series(False, index=s.index)
        if col == "grade":
            canon = {g.casefold(): g for g in self.grades}
            mapped = low.map(canon)
            bad = mapped.isna() & ~total & (s != "")
            self.report(bad, col, lambda v, i: (
                f"unknown grade {v!r}; grades are {', '.join(self.grades)} (set others with a "
                "'# grades:' line or the grades argument)"))
            self.report(s == "", col, lambda v, i: (
                f"grade is empty; write one of {', '.join(self.grades)}"))
            return mapped.fillna(""), total
        if col == "scope":
            mapped = low.map(_SCOPES)
            self.report(mapped.isna() & ~total & (s != ""), col, lambda v, i: (
                f"unknown scope {v!r}; write national or subnational"))
            mapped = mapped.where(s != "", "")
            return mapped.fillna(""), total
        # free text: one spelling per value, the first seen
        first = s.groupby(low, sort=False).first()
        return low.map(first), total

    def number(self, col: str, *, whole: bool):
        """Numbers of a column (NaN where empty), reporting text, negatives and fractions."""
        pd = self.pd
        s = self.df[col]
        given = s != ""
        num = pd.to_numeric(s.where(given), errors="coerce")
        bad = given & (num.isna() | (num.abs() == float("inf")))
        example = "a whole number such as 12" if whole else "a number such as 1250.50"
        self.report(bad, col, lambda v, i: f"{v!r} is not a number; write {example}")
        ok = given & ~bad
        neg = ok & (num < 0)
        self.report(neg, col, lambda v, i: f"{v} is negative; {col} must be 0 or more")
        if whole:
            frac = ok & ~neg & (num % 1 != 0)
            self.report(frac, col, lambda v, i: f"{v} is not a whole number of people")
        return num.where(ok & ~neg)

    # -- aggregated rows
    def aggregated(self) -> WorkforceData:
        pd = self.pd
        df = self.df
        n = len(df)
        sex, total = self.sex(allow_total=True)
        is_total = total.copy()
        breakdowns = tuple(b for b in BREAKDOWNS if b in df)
        dims: dict[str, Any] = {"sex": sex}
        for b in breakdowns:
            dims[b], t = self.breakdown(b, allow_total=True)
            is_total |= t
        reason = df["exit_reason"] if "exit_reason" in df else pd.Series("", index=df.index)
        detail = reason != ""
        counts = {c: self.number(c, whole=True) for c in COUNT_COLUMNS if c in df}
        pays = {c: self.number(c, whole=False) for c in _PAY_COLUMNS if c in df}
        hc = counts["headcount"]
        self.report((df["headcount"] == "") & ~detail, "headcount", lambda v, i: (
            "headcount is empty; write 0 if the group has no staff"))
        # exit-reason rows give exits only
        if detail.any():
            self.report(detail & is_total, "exit_reason", lambda v, i: (
                "a total row cannot have an exit_reason; give totals for all reasons together"))
            if "exits" not in counts:
                self.report(detail, "exit_reason", lambda v, i: (
                    "an exit_reason row needs an exits column giving how many left for it"))
            else:
                self.report(detail & (df["exits"] == ""), "exits", lambda v, i: (
                    "exits is empty on an exit_reason row; give how many left for this reason"))
            for c in [*counts, *pays]:
                if c == "exits":
                    continue
                vals = counts.get(c, pays.get(c))
                self.report(detail & (vals > 0), c, lambda v, i, c=c: (
                    f"an exit_reason row gives only exits; leave {c} empty (it is {v})"))
        # within-row consistency
        main = ~detail

        def over(a: str, b_vals, b_words: str):
            if a not in counts:
                return
            bad = main & (counts[a] > b_vals)
            self.report(bad, a, lambda v, i: (
                f"{a} ({v}) is more than {b_words} ({_fmt(b_vals[i])})"))

        over("promoted", hc, "headcount")
        if "eligible_for_promotion" in counts:
            over("promoted", counts["eligible_for_promotion"], "eligible_for_promotion")
        if "applicants" in counts:
            over("recruited", counts["applicants"], "applicants")
        if "parental_leave" in counts:
            over("returned_from_leave", counts["parental_leave"], "parental_leave")
        during = hc + counts["exits"].fillna(0) if "exits" in counts else hc
        words = "headcount plus exits" if "exits" in counts else "headcount"
        over("recruited", during, words)
        over("trained", during, words)
        over("parental_leave", during, words)
        frame = pd.DataFrame({**dims, **counts, **pays})
        if "exit_reason" in df:
            frame["exit_reason"] = reason
        if is_total.any():
            self.check_totals(frame, is_total, detail, ["sex", *breakdowns], list(counts))
        if detail.any() and "exits" in counts:
            self.check_reasons(frame, detail, is_total, ["sex", *breakdowns])
        self.fail_if_problems()
        groups = frame[main & ~is_total].drop(columns=["exit_reason"], errors="ignore")
        groups = groups.reset_index(drop=True)
        for c in COUNT_COLUMNS:
            if c not in groups:
                groups[c] = float("nan")
        reported = frozenset(c for c in COUNT_COLUMNS if groups[c].notna().any())
        pay = frozenset(k for k, c in (("mean", "pay_mean"), ("median", "pay_median"))
                        if c in groups and groups[c].notna().any())
        reasons = []
        if detail.any():
            r = frame[detail & ~is_total]
            for (s, why), v in r.groupby(["sex", "exit_reason"], sort=True)["exits"].sum().items():
                reasons.append({"sex": s, "reason": why, "exits": int(v)})
        return WorkforceData(
            file=self.file, shape="aggregated", grades=tuple(self.grades), year=self.year_value,
            breakdowns=breakdowns, reported=reported, groups=groups, people=None, pay=pay,
            exit_reasons=reasons, rows=n)

    def check_totals(self, frame, is_total, detail, dims: list[str], counts: list[str]) -> None:
        parts_all = frame[~is_total & ~detail]
        for i in frame.index[is_total]:
            row = frame.loc[i]
            mask = self.pd.Series(True, index=parts_all.index)
            for d in dims:
                raw = str(self.df.at[i, d]).casefold()
                if raw in _TOTAL_WORDS:
                    continue
                mask &= parts_all[d] == row[d]
            parts = parts_all[mask]
            line = int(self.lines[i])
            if parts.empty:
                self.problem("this total row covers no other rows; remove it or add the rows "
                             "it adds up", line=line, column=self.columns["sex"])
                continue
            part_lines = [int(self.lines[j]) for j in parts.index]
            shown = ", ".join(map(str, part_lines[:8])) + (", …" if len(part_lines) > 8 else "")
            for c in counts:
                tv = row[c]
                if tv != tv:  # NaN: total not given or already reported bad
                    continue
                if parts[c].isna().any():
                    continue
                sv = parts[c].sum()
                if abs(sv - tv) > 1e-9:
                    self.problem(
                        f"totals do not add up: this total row says {_fmt(tv)} but the rows it "
                        f"covers (lines {shown}) add up to {_fmt(sv)}",
                        line=line, column=self.columns[c], field=c)

    def check_reasons(self, frame, detail, is_total, dims: list[str]) -> None:
        main = frame[~detail & ~is_total]
        det = frame[detail & ~is_total]
        keyed = main.groupby(dims, sort=False)
        main_index = {k if isinstance(k, tuple) else (k,): idx for k, idx in keyed.groups.items()}
        for k, idx in det.groupby(dims, sort=False).groups.items():
            k = k if isinstance(k, tuple) else (k,)
            first = int(self.lines[idx[0]])
            col = self.columns["exits"]
            target = main_index.get(k)
            if target is None:
                self.problem("exit_reason rows for a group with no headcount row; add the "
                             "group's row with its headcount and exits", line=first,
                             column=self.columns["exit_reason"], field="exit_reason")
                continue
            mv = frame.loc[target, "exits"]
            if mv.isna().any() or frame.loc[idx, "exits"].isna().any():
                continue
            if abs(mv.sum() - frame.loc[idx, "exits"].sum()) > 1e-9:
                lines = ", ".join(str(int(self.lines[j])) for j in idx)
                self.problem(
                    f"totals do not add up: exits is {_fmt(mv.sum())} but the exit_reason rows "
                    f"for this group (lines {lines}) add up to "
                    f"{_fmt(frame.loc[idx, 'exits'].sum())}",
                    line=int(self.lines[target[0]]), column=col, field="exits")

    # -- one row per person
    def per_person(self) -> WorkforceData:
        pd = self.pd
        df = self.df
        n = len(df)
        pid = df["person_id"]
        self.report(pid == "", "person_id", lambda v, i: "person_id is empty")
        dup = pid.duplicated(keep="first") & (pid != "")
        if dup.any():
            first_line = dict(zip(pid[~pid.duplicated()].tolist(),
                                  self.lines[~pid.duplicated()].tolist(), strict=True))
            self.report(dup, "person_id", lambda v, i: (
                f"person_id {v!r} is used again (first on line {first_line[v]}); each person "
                "has one row"))
        if "record" in df:
            record = df["record"].str.lower().map(_RECORDS)
            self.report(record.isna(), "record", lambda v, i: (
                f"unknown record {v!r}; write staff or applicant"))
            applicant = record == "applicant"
        else:
            applicant = pd.Series(False, index=df.index)
        sex, _ = self.sex(allow_total=False)
        breakdowns = tuple(b for b in BREAKDOWNS if b in df)
        dims: dict[str, Any] = {"sex": sex}
        for b in breakdowns:
            dims[b], _ = self.breakdown(b, allow_total=False)
        flags = {}
        for c in _PERSON_FLAGS:
            if c not in df:
                continue
            low = df[c].str.lower()
            mapped = low.map(_FLAGS)
            self.report(mapped.isna(), c, lambda v, i: (
                f"{v!r} is not a yes/no flag; write 1 or 0 (or yes/no)"))
            flags[c] = mapped.fillna(False).astype(bool)
            self.report(applicant & flags[c], c, lambda v, i, c=c: (
                f"an applicant row cannot have {c} = {v}; people hired are staff rows"))
        pay = self.number("pay", whole=False) if "pay" in df else None
        if pay is not None:
            self.report(applicant & pay.notna(), "pay", lambda v, i: (
                "an applicant row has no pay; leave it empty"))
        if "promoted" in flags and "eligible_for_promotion" in flags:
            self.report(flags["promoted"] & ~flags["eligible_for_promotion"], "promoted",
                        lambda v, i: "promoted is 1 but eligible_for_promotion is 0")
        if "returned" in flags and "on_leave" in flags:
            self.report(flags["returned"] & ~flags["on_leave"], "returned",
                        lambda v, i: "returned is 1 but on_leave is 0")
        if "exit_reason" in df:
            exited = flags.get("exited", pd.Series(False, index=df.index))
            self.report((df["exit_reason"] != "") & ~exited, "exit_reason", lambda v, i: (
                f"exit_reason {v!r} is given but exited is not 1"))
        self.fail_if_problems()
        staff = ~applicant
        exited = flags.get("exited", pd.Series(False, index=df.index))
        frame = pd.DataFrame(dims)
        nan = float("nan")

        def col(values, present: bool):
            return values.astype("float64") if present else pd.Series(nan, index=df.index)

        frame["headcount"] = (staff & ~exited).astype("float64")
        frame["exits"] = col(staff & exited, "exited" in flags)
        rec = flags.get("recruited")
        frame["recruited"] = col(staff & rec if rec is not None else staff, rec is not None)
        has_applicants = "record" in df and rec is not None
        frame["applicants"] = col(applicant | (staff & rec) if has_applicants else applicant,
                                  has_applicants)
        for name, flag in (("eligible_for_promotion", "eligible_for_promotion"),
                           ("promoted", "promoted"), ("trained", "trained"),
                           ("parental_leave", "on_leave"), ("returned_from_leave", "returned")):
            f = flags.get(flag)
            frame[name] = col(staff & f if f is not None else staff, f is not None)
        keys = ["sex", *breakdowns]
        groups = frame.groupby(keys, sort=False, as_index=False)[list(COUNT_COLUMNS)].sum(
            min_count=1)
        reported = frozenset(c for c in COUNT_COLUMNS if frame[c].notna().any())
        people = None
        has_pay = frozenset()
        if pay is not None:
            keep = staff & ~exited & pay.notna()
            people = frame.loc[keep, keys].copy()
            people["pay"] = pay[keep].astype("float64")
            people = people.reset_index(drop=True)
            if len(people):
                has_pay = frozenset(("mean", "median"))
        reasons = []
        if "exit_reason" in df:
            r = pd.DataFrame({"sex": sex, "reason": df["exit_reason"]})[
                staff & exited & (df["exit_reason"] != "")]
            for (s, why), v in r.groupby(["sex", "reason"], sort=True).size().items():
                reasons.append({"sex": s, "reason": why, "exits": int(v)})
        return WorkforceData(
            file=self.file, shape="per_person", grades=tuple(self.grades), year=self.year_value,
            breakdowns=breakdowns, reported=reported, groups=groups, people=people, pay=has_pay,
            exit_reasons=reasons, rows=n)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


# ------------------------------------------------------------------------------- template

_EXAMPLE_AGGREGATED = {
    "sex": "female", "grade": "professional", "unit": "Planning", "location": "Head office",
    "scope": "national", "age_band": "30-39", "contract": "permanent", "headcount": "42",
    "applicants": "60", "recruited": "5", "eligible_for_promotion": "10", "promoted": "3",
    "exits": "2", "exit_reason": "", "trained": "30", "parental_leave": "4",
    "returned_from_leave": "4", "pay_mean": "2150", "pay_median": "2100",
}
_EXAMPLE_PERSON = {
    "person_id": "P0001", "record": "staff", "sex": "female", "grade": "professional",
    "unit": "Planning", "location": "Head office", "scope": "national", "age_band": "30-39",
    "contract": "permanent", "pay": "2150", "recruited": "0", "eligible_for_promotion": "1",
    "promoted": "1", "exited": "0", "exit_reason": "", "trained": "1", "on_leave": "0",
    "returned": "0",
}


def _template_parts(per_person: bool):
    columns = PERSON_COLUMNS if per_person else AGGREGATED_COLUMNS
    example = _EXAMPLE_PERSON if per_person else _EXAMPLE_AGGREGATED
    shape = ("one row per person employed during the period (plus applicant rows)" if per_person
             else "aggregated rows: one row per group of staff sharing sex, grade, unit and so on")
    intro = [
        f"seal-engine workforce data, {shape}.",
        "Rows starting with # are comments. Remove the # before the example row to keep it.",
        "Only sex and " + ("person_id" if per_person else "headcount") + " are required; "
        "delete the columns you have no data for.",
        "Settings: a '# grades:' line lists the grades from entry to top; add a line such as",
        "'# year: 2025' to say which year the data describes. See docs/workforce.md.",
    ]
    return columns, example, intro


def workforce_template(per_person: bool = False) -> str:
    """A blank workforce CSV: comments describing each column, the ``# grades:`` setting, the
    header and one commented example row."""
    columns, example, intro = _template_parts(per_person)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for line in intro:
        buf.write(f"# {line}\n")
    buf.write("#\n# Columns:\n")
    for c, text in columns.items():
        buf.write(f"# - {c} = {text}\n")
    buf.write(f"#\n# grades: {', '.join(DEFAULT_GRADES)}\n")
    w.writerow(list(columns))
    row = [example[c] for c in columns]
    row[0] = "# " + row[0]
    w.writerow(row)
    return buf.getvalue()


def write_workforce_template(path: str | Path, per_person: bool = False) -> Path:
    """Write a blank workforce file: CSV, or XLSX when ``path`` ends in ``.xlsx`` (then the
    column descriptions are on a second sheet, README)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path.write_text(workforce_template(per_person), encoding="utf-8")
        return path
    openpyxl = _openpyxl()
    columns, example, intro = _template_parts(per_person)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "workforce"
    ws.append([f"# grades: {', '.join(DEFAULT_GRADES)}"])
    ws.append(list(columns))
    row = [example[c] for c in columns]
    row[0] = "# " + row[0]
    ws.append([_xlsx_value(v) for v in row])
    readme = wb.create_sheet("README")
    for line in intro:
        readme.append([line])
    readme.append([])
    readme.append(["column", "required", "what it holds"])
    required = {"person_id", "sex"} if per_person else {"sex", "headcount"}
    for c, text in columns.items():
        readme.append([c, "yes" if c in required else "no", text])
    wb.save(path)
    return path


def _xlsx_value(v: str) -> Any:
    try:
        return int(v)
    except ValueError:
        return v

