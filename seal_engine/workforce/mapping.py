"""Staff data in the HR system's own shape: a column mapping saying which column of the
institution's export is which field of the workforce file (``docs/workforce.md``), which columns
to leave out, the units of its hours and pay, and codes of its own (``1``/``2`` for sex).

:func:`apply_mapping` turns such an export (CSV or XLSX) into the workforce file the importer
reads, as CSV text: the header renamed, columns left out, hours per week or per month made
hours per year and monthly pay made annual pay (so pay is compared per hour over the same
year), codes replaced.  Rows keep their line numbers (blank lines stand for rows the sheet
skips), so every problem the importer then finds names the line of the export.  The text ends
with a comment line recording the mapping used, which travels with the stored file and is what
the assessor is shown (:func:`mapping_note`).

Nothing here writes or keeps anything; the store keeps one mapping per institution
(:mod:`seal_engine.store.column_mapping`).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ..errors import Problem, WorkforceError
from ..messages import Ids, say
from .columns import AGGREGATED_COLUMNS, PERSON_COLUMNS, SEX_CODES, TOTAL_WORDS, norm_column
from .reading import read_rows

__all__ = ["HOUR_FIELDS", "PAY_FIELDS", "STAFF_FIELDS", "ColumnMapping", "HeaderCheck",
           "apply_mapping", "check_header", "mapping_from_data", "mapping_from_text",
           "mapping_json_schema",
           "mapping_note",
           "suggest_mapping", "unknown_sex_codes"]

#: Every field a column can be mapped to (both shapes of the workforce file).
STAFF_FIELDS: tuple[str, ...] = tuple(dict.fromkeys((*PERSON_COLUMNS, *AGGREGATED_COLUMNS)))
#: Columns whose values are amounts of pay (made annual from monthly).
PAY_FIELDS = ("pay", "basic_pay", "complementary_pay", "pay_mean", "pay_median")
#: Columns whose values are hours of work (made per year).
HOUR_FIELDS = ("hours",)
#: Conversions to a year: weeks and months in a year.
PER_YEAR = {"per_year": 1, "per_month": 12, "per_week": 52}
PAY_PER_YEAR = {"annual": 1, "monthly": 12}
#: The comment line the mapped text ends with, recording the mapping used.
NOTE_PREFIX = "# column mapping"
_NOTE = re.compile(r"^# column mapping(?: version (\d+))?: (\{.*\})\s*$")


class ColumnMapping(BaseModel):
    """How an HR system's export maps onto the workforce file.

    ``columns``: the export's column (as its header writes it; case, spaces and hyphens do not
    matter) to the field it holds, or ``null`` to leave the column out (names, addresses...).
    Columns not named pass through as they are.  ``hours``: the period of the hours column;
    ``pay``: the period of the pay columns.  ``values``: per field, the export's codes and what
    they stand for (e.g. ``sex: {"1": female, "2": male}``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    columns: dict[str, str | None] = Field(default_factory=dict, description=(
        "The export's column (as its header writes it; case, spaces and hyphens do not matter) "
        "to the field of the workforce file it holds, or null to leave the column out."))
    hours: Literal["per_year", "per_month", "per_week"] = Field("per_year", description=(
        "The period of the hours column: made hours per year."))
    pay: Literal["annual", "monthly"] = Field("annual", description=(
        "The period of the pay columns: monthly pay is made annual."))
    values: dict[str, dict[str, str]] = Field(default_factory=dict, description=(
        "Per field, the export's codes and what they stand for, e.g. sex: {'1': female}."))

    @field_validator("columns")
    @classmethod
    def _columns(cls, value: dict[str, str | None]) -> dict[str, str | None]:
        seen: dict[str, str] = {}
        out: dict[str, str | None] = {}
        keys: dict[str, str] = {}
        for source, target in value.items():
            key = norm_key(source)
            if not key:
                raise _refusal("mapping.empty_column")
            if key in keys:
                raise _refusal("mapping.column_twice", column=repr(source),
                               first=repr(keys[key]))
            keys[key] = source
            if target is not None:
                target = target.strip()
                if target not in STAFF_FIELDS:
                    from ..errors import suggestion

                    raise _refusal("mapping.unknown_field", field=repr(target),
                                   column=repr(source), hint=suggestion(target, STAFF_FIELDS),
                                   fields=Ids(items=list(STAFF_FIELDS)))
                if target in seen:
                    raise _refusal("mapping.same_field", column=repr(source),
                                   other=repr(seen[target]), field=repr(target))
                seen[target] = source
            out[source.strip()] = target
        return out

    @field_validator("values")
    @classmethod
    def _values(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for name in value:
            if name not in STAFF_FIELDS:
                raise _refusal("mapping.values_unknown_field", field=repr(name))
        return {k: {str(c).strip(): str(v).strip() for c, v in codes.items()}
                for k, codes in value.items()}

    def target(self, header: str) -> str | None:
        """The field a header cell is mapped to; the header itself (as the importer reads it)
        when the mapping does not name it; ``None`` for a column left out."""
        key = norm_key(header)
        for source, target in self.columns.items():
            if norm_key(source) == key:
                return target
        return header

    def field(self, header: str) -> str | None:
        """The staff data field a header cell holds through this mapping (a known column
        name, alias included, as its field); ``None`` when it is left out or unknown."""
        target = self.target(header)
        if target is None:
            return None
        name = norm_column(target)
        return name if name in STAFF_FIELDS else None

    @property
    def converts(self) -> bool:
        return self.hours != "per_year" or self.pay != "annual" or bool(self.values)


def _refusal(code: str, **params: Any) -> PydanticCustomError:
    """A validator's refusal as pydantic carries it: its type the message code, its context
    the params (:func:`~seal_engine.loader._raw.field_message` turns it back into the
    message, rendered where it is shown), its text the English."""
    from ..messages import render_message, say

    return PydanticCustomError(code, render_message(say(code, **params)), params)


def mapping_from_data(data: Any) -> ColumnMapping:
    """A mapping given as data (the app's mapping step, a request's body): raises
    :class:`WorkforceError` with every problem, its field (``columns.Sexo``) and a message
    code with its params, rendered in the reader's language where it is shown."""
    from .._source import shorten_repr
    from ..loader._raw import field_message, format_path

    try:
        return ColumnMapping.model_validate(data)
    except ValidationError as e:
        raise WorkforceError([
            Problem(field_message(err, shorten_repr),
                    field=format_path(k for k in err["loc"] if isinstance(k, (int, str))))
            for err in e.errors(include_url=False)]) from None


def mapping_json_schema() -> dict:
    """The JSON Schema of a column mapping file (``schemas/column-mapping.schema.json``): the
    model's, with the fields a column may be mapped to (and values given for) listed."""
    schema = ColumnMapping.model_json_schema(mode="validation")
    props = schema["properties"]
    props["columns"]["additionalProperties"] = {"anyOf": [{"enum": list(STAFF_FIELDS)},
                                                          {"type": "null"}]}
    props["values"]["propertyNames"] = {"enum": list(STAFF_FIELDS)}
    return schema


def norm_key(header: str) -> str:
    """A header cell as mappings match it: lower case, runs of spaces, hyphens and
    underscores as one ``_``."""
    return re.sub(r"[\s\-_]+", "_", str(header).strip().lower())


def mapping_from_text(text: str | bytes, name: str) -> ColumnMapping:
    """A mapping file (YAML or JSON, see ``docs/workforce.md``), every problem located by file,
    line and field."""
    from .._source import parse_text, shorten_repr
    from ..loader._raw import field_message, validation_problems

    src = parse_text(text, name)
    if not isinstance(src.data, dict):
        raise WorkforceError(Problem(say("mapping.not_a_mapping"), file=name))
    columns = src.data.get("columns")
    if isinstance(columns, dict):  # each column's problem at its own line
        problems = []
        for key, target in columns.items():
            try:
                ColumnMapping.model_validate({"columns": {key: target}})
            except ValidationError as e:
                file, line, col = src.locate(("columns", key))
                for err in e.errors(include_url=False):
                    problems.append(Problem(field_message(err, shorten_repr),
                                            file=file or name, line=line, column=col,
                                            field=f"columns.{key}"))
        if problems:
            raise WorkforceError(problems)
    try:
        return ColumnMapping.model_validate(src.data)
    except ValidationError as e:
        raise WorkforceError(validation_problems(e, src)) from None


class HeaderCheck(BaseModel):
    """What an export's header holds: its columns, those the importer would refuse, and a
    suggested mapping for them (for the app's mapping step)."""

    columns: list[str]
    unknown: list[str]
    suggested: ColumnMapping


def _header(content: bytes, name: str) -> tuple[int, list[str]] | None:
    rows = read_rows(content, name)
    try:
        for line, cells in rows:
            first = next((c.strip() for c in cells if c.strip()), None)
            if first is None or first.startswith("#"):
                continue
            cells = list(cells)
            while cells and not cells[-1].strip():
                cells.pop()
            return line, cells
    except csv.Error as e:
        raise rows.error(e) from None
    return None


def check_header(content: bytes, name: str, mapping: ColumnMapping | None = None
                 ) -> HeaderCheck:
    """The export's header: its columns, those the importer does not know once ``mapping`` is
    applied, and a suggested mapping (``mapping``'s own choices kept, guesses added for the
    rest)."""
    found = _header(content, name)
    cells = found[1] if found else []
    mapping = mapping or ColumnMapping()
    unknown = []
    for c in cells:
        target = mapping.target(c)
        if target is not None and norm_column(target) not in STAFF_FIELDS:
            unknown.append(c)
    return HeaderCheck(columns=cells, unknown=unknown,
                       suggested=suggest_mapping(cells, mapping))


#: Words HR systems put in their column names, and the field (and unit) they point to.
_HINTS: tuple[tuple[str, str], ...] = (
    (r"^(emp(loyee)?|staff|person|personnel)_?(id|no|number|code)$|^id$", "person_id"),
    (r"gender|^sex", "sex"),
    (r"weekly_hours|hours_per_week|week_hours|monthly_hours|hours|horas", "hours"),
    (r"\bfte\b|full_time_equiv", "fte"),
    (r"bonus|allowance|variable|complement|overtime", "complementary_pay"),
    (r"base_?(salary|pay)|basic|salario_base", "basic_pay"),
    (r"salary|wage|pay|gross", "pay"),
    (r"grade|band|level|rank", "grade"),
    (r"department|directorate|division|unit", "unit"),
    (r"location|duty_station|office|region|site", "location"),
    (r"contract", "contract"),
    (r"age", "age_band"),
    (r"headcount|head_count|staff_count", "headcount"),
    (r"categor|job_family|job_class", "category"),
)


def suggest_mapping(columns: list[str], mapping: ColumnMapping | None = None) -> ColumnMapping:
    """A mapping for ``columns``: ``mapping``'s choices kept; each column the importer would
    refuse guessed from its words (``weekly_hours`` is hours per week, ``monthly_salary`` pay
    by the month), else left out.  A guess is a proposal shown to a person, never applied
    unseen."""
    mapping = mapping or ColumnMapping()
    chosen: dict[str, str | None] = {}
    taken = {t for t in mapping.columns.values() if t}
    hours, pay = mapping.hours, mapping.pay
    for c in columns:
        if not c.strip():
            continue
        target = mapping.target(c)
        if target is None or norm_column(target) in STAFF_FIELDS:
            known = mapping.columns.get(c.strip(), ...)
            if known is not ...:
                chosen[c.strip()] = known
            else:
                taken.add(norm_column(c))
            continue
        key = norm_key(c)
        guess = None
        for pattern, field in _HINTS:
            if re.search(pattern, key) and field not in taken:
                guess = field
                break
        if guess is None:
            close = difflib.get_close_matches(key, [f for f in STAFF_FIELDS if f not in taken], n=1,
                                              cutoff=0.75)
            guess = close[0] if close else None
        if guess is not None:
            taken.add(guess)
            if guess == "hours" and "week" in key:
                hours = "per_week"
            elif guess == "hours" and "month" in key:
                hours = "per_month"
            if guess in PAY_FIELDS and "month" in key:
                pay = "monthly"
        chosen[c.strip()] = guess
    return ColumnMapping(columns={**mapping.columns, **chosen}, hours=hours, pay=pay,
                         values=mapping.values)


def unknown_sex_codes(content: bytes, name: str, mapping: ColumnMapping,
                      limit: int = 12) -> list[str] | None:
    """The codes of the export's sex column that the importer does not know (``1``, ``2``)
    and the mapping does not translate, at most ``limit`` of them, in the order met; ``None``
    when more than that (not codes, then: the importer names them row by row)."""
    rows = read_rows(content, name)
    column, found = None, []
    table = {k.casefold() for k in mapping.values.get("sex", {})}
    known = set(SEX_CODES) | set(TOTAL_WORDS) | {""}
    try:
        for _line, cells in rows:
            first = next((c.strip() for c in cells if c.strip()), None)
            if first is None or first.startswith("#"):
                continue
            if column is None:
                column = next((i for i, c in enumerate(cells) if c.strip() and
                               mapping.field(c) == "sex"), -1)
                if column < 0:
                    return []
                continue
            value = cells[column].strip() if column < len(cells) else ""
            folded = value.casefold()
            if folded in known or folded in table or value in found:
                continue
            found.append(value)
            if len(found) > limit:
                return None
    except csv.Error as e:
        raise rows.error(e) from None
    return found


_COMMA_DECIMAL = re.compile(r"^(-?\d+),(\d+)$")


def _number(text: str) -> float | None:
    t = text.strip()
    if not t:
        return None
    try:
        return float(t)
    except ValueError:
        m = _COMMA_DECIMAL.fullmatch(t)
        return float(f"{m.group(1)}.{m.group(2)}") if m else None


def _shown(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def apply_mapping(content: bytes, name: str, mapping: ColumnMapping, *,
                  version: int | None = None) -> bytes:
    """The export as the workforce file the importer reads (CSV, UTF-8), by ``mapping``
    (``version``: the stored mapping's, recorded in the last line).  Cells that are not numbers
    are left as they are for the importer to report at their line and column."""
    rows = read_rows(content, name)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    header_seen = False
    keep: list[int] = []
    scale: dict[int, float] = {}
    codes: dict[int, dict[str, str]] = {}
    written = 0
    try:
        for line, cells in rows:
            while written < line - 1:
                out.write("\n")
                written += 1
            first = next((c.strip() for c in cells if c.strip()), None)
            if not header_seen and (first is None or first.startswith("#")):
                w.writerow([c for c in cells if c.strip()] if first else [])
                written += 1
                continue
            if not header_seen:
                header_seen = True
                header = []
                for i, c in enumerate(cells):
                    target = mapping.target(c) if c.strip() else c
                    if target is None:
                        continue
                    keep.append(i)
                    header.append(target)
                    field = norm_column(target)
                    if field in PAY_FIELDS and mapping.pay != "annual":
                        scale[len(header) - 1] = PAY_PER_YEAR[mapping.pay]
                    elif field in HOUR_FIELDS and mapping.hours != "per_year":
                        scale[len(header) - 1] = PER_YEAR[mapping.hours]
                    if field in mapping.values:
                        codes[len(header) - 1] = {k.casefold(): v for k, v in
                                                  mapping.values[field].items()}
                w.writerow(header)
                written += 1
                continue
            if cells and cells[0].strip().startswith("#"):
                w.writerow([c for c in cells if c.strip()])
                written += 1
                continue
            row = [cells[i] if i < len(cells) else "" for i in keep]
            for j, factor in scale.items():
                n = _number(row[j])
                if n is not None:
                    row[j] = _shown(n * factor)
            for j, table in codes.items():
                row[j] = table.get(row[j].strip().casefold(), row[j])
            w.writerow(row)
            written += 1
    except csv.Error as e:
        raise rows.error(e) from None
    record = mapping.model_dump(mode="json")
    label = f" version {version}" if version is not None else ""
    w.writerow([f"{NOTE_PREFIX}{label}: "
                f"{json.dumps(record, sort_keys=True, ensure_ascii=False)}"])
    return out.getvalue().encode("utf-8")


def mapping_note(content: bytes) -> tuple[int | None, ColumnMapping] | None:
    """The mapping a stored workforce file was made with (its last line, written by
    :func:`apply_mapping`): ``(version, mapping)``; ``None`` for a file given as it was."""
    tail = bytes(content[-20_000:]).rstrip(b"\r\n")
    last = tail.rsplit(b"\n", 1)[-1].decode("utf-8", "replace").strip()
    if last.startswith('"'):  # written by csv as one quoted cell
        last = next(csv.reader([last]), [""])[0]
    m = _NOTE.match(last)
    if m is None:
        return None
    try:
        mapping = ColumnMapping.model_validate(json.loads(m.group(2)))
    except (ValueError, ValidationError):
        return None
    return (int(m.group(1)) if m.group(1) else None), mapping
