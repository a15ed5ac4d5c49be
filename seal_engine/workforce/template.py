"""Blank workforce files to start from: CSV, or an XLSX workbook with a README sheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .columns import AGGREGATED_COLUMNS, DEFAULT_GRADES, PERSON_COLUMNS

__all__ = ["TEMPLATE_COLUMNS", "workforce_template", "write_workforce_template"]

_EXAMPLE_AGGREGATED = {
    "sex": "female", "grade": "professional", "unit": "Planning", "location": "Head office",
    "scope": "national", "age_band": "30-39", "contract": "permanent",
    "category": "Planning officers", "headcount": "42", "applicants": "60", "recruited": "5",
    "eligible_for_promotion": "10", "promoted": "3", "exits": "2", "exit_reason": "",
    "trained": "30", "parental_leave": "4", "returned_from_leave": "4", "pay_mean": "2150",
    "pay_median": "2100",
}
_EXAMPLE_PERSON = {
    "person_id": "P0001", "record": "staff", "sex": "female", "grade": "professional",
    "unit": "Planning", "location": "Head office", "scope": "national", "age_band": "30-39",
    "contract": "permanent", "category": "Planning officers", "basic_pay": "25800",
    "complementary_pay": "1200", "hours": "1720", "recruited": "0",
    "eligible_for_promotion": "1", "promoted": "1", "exited": "0", "exit_reason": "",
    "trained": "1", "on_leave": "0", "returned": "0",
}
#: Columns of the per-person template: pay split as the directive asks, compared per hour
#: (``pay`` and ``fte`` are the alternatives, described in the comments).
_PERSON_TEMPLATE = tuple(c for c in PERSON_COLUMNS if c not in ("pay", "fte"))
TEMPLATE_COLUMNS = {False: tuple(AGGREGATED_COLUMNS), True: _PERSON_TEMPLATE}


def _template_parts(per_person: bool):
    described = PERSON_COLUMNS if per_person else AGGREGATED_COLUMNS
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
    if per_person:
        intro += [
            "Pay: basic_pay and complementary_pay (or pay alone, everything included) for the",
            "period, and hours paid in it (or fte) so that part-time staff compare per hour.",
            "A category's pay gap justified by objective, gender-neutral criteria: a line such as",
            "'# justification: Drivers = night-shift allowance of the collective agreement'.",
        ]
    return described, TEMPLATE_COLUMNS[per_person], example, intro


def workforce_template(per_person: bool = False) -> str:
    """A blank workforce CSV: comments describing each column, the ``# grades:`` setting, the
    header and one commented example row."""
    described, columns, example, intro = _template_parts(per_person)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for line in intro:
        buf.write(f"# {line}\n")
    buf.write("#\n# Columns:\n")
    for c, text in described.items():
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
    from .._cells import openpyxl, xlsx_value

    module = openpyxl()
    described, columns, example, intro = _template_parts(per_person)
    wb = module.Workbook()
    ws = wb.active
    ws.title = "workforce"
    ws.append([xlsx_value(f"# grades: {', '.join(DEFAULT_GRADES)}")])
    ws.append([xlsx_value(c) for c in columns])
    row = [example[c] for c in columns]
    row[0] = "# " + row[0]
    ws.append([_number_or_text(v) for v in row])
    for cell in ws[2]:
        cell.font = module.styles.Font(bold=True)
    ws.freeze_panes = "A3"
    readme = wb.create_sheet("README")
    for line in intro:
        readme.append([xlsx_value(line)])
    readme.append([])
    readme.append(["column", "required", "what it holds"])
    required = {"person_id", "sex"} if per_person else {"sex", "headcount"}
    for c, text in described.items():
        readme.append([c, "yes" if c in required else "no", xlsx_value(text)])
    readme.column_dimensions["A"].width = 24
    readme.column_dimensions["C"].width = 100
    wb.save(path)
    return path


def _number_or_text(v: str) -> Any:
    from .._cells import xlsx_value

    try:
        return int(v)
    except ValueError:
        return xlsx_value(v)
