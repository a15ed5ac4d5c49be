"""The workforce file format: its columns, the codes its cells may hold and its limits.

Two shapes, told apart by their columns (``docs/workforce.md``): aggregated rows (a
``headcount`` column) and one row per person (a ``person_id`` column).  Everything a parser,
a template or a document needs to know about a column is here, once.
"""

from __future__ import annotations

import re

__all__ = [
    "AGGREGATED_COLUMNS",
    "BREAKDOWNS",
    "COUNT_COLUMNS",
    "DEFAULT_GRADES",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_COUNT",
    "MAX_PAY",
    "MAX_ROWS_PER_CHECK",
    "PAY_COMPONENT_COLUMNS",
    "PERSON_COLUMNS",
    "PERSON_FLAGS",
    "SEX_CODES",
    "norm_column",
    "plural",
    "where_words",
]

#: Grades from entry to top, used unless the file (``# grades:``) or the caller says otherwise.
DEFAULT_GRADES: tuple[str, ...] = ("support", "professional", "manager", "senior")

#: Columns a workforce file can be broken down by; each is also a metric filter.  ``category``
#: is the category of workers of the pay transparency directive (same work or work of equal
#: value); pay gaps by category use it, or ``grade`` when the file has no category column.
BREAKDOWNS: tuple[str, ...] = ("grade", "unit", "location", "scope", "age_band", "contract",
                               "category")

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
#: Sex codes as the data holds them: 0 female, 1 male, 2 other or undisclosed.
SEX_INDEX = {"female": 0, "male": 1, "other": 2}

TOTAL_WORDS = ("total", "all")
SCOPES = {"national": "national", "subnational": "subnational", "sub-national": "subnational",
          "sub national": "subnational"}
FLAGS = {"1": True, "1.0": True, "yes": True, "y": True, "true": True, "x": True,
         "0": False, "0.0": False, "no": False, "n": False, "false": False, "": False}
RECORDS = {"": "staff", "staff": "staff", "applicant": "applicant", "candidate": "applicant"}

#: A check failing on more rows than this lists the first ones, then one summary problem.
MAX_ROWS_PER_CHECK = 20
#: The longest cell read (Excel's own limit for a cell), in characters.
MAX_CELL_CHARS = 32_767
#: The most columns a row may have; a header names at most a few dozen.
MAX_COLUMNS = 200
#: The largest count of people a cell may hold, and the largest pay or hours.
MAX_COUNT = 1_000_000_000
MAX_PAY = 1e13

#: Count columns of aggregated files, in file order (each a whole number, 0 or more).
COUNT_COLUMNS: tuple[str, ...] = (
    "headcount", "applicants", "recruited", "eligible_for_promotion", "promoted", "exits",
    "trained", "parental_leave", "returned_from_leave",
)
AGGREGATED_PAY_COLUMNS = ("pay_mean", "pay_median")
PERSON_FLAGS = ("recruited", "eligible_for_promotion", "promoted", "exited", "trained",
                "on_leave", "returned")
#: Per-person pay columns: amounts (``pay``, or ``basic_pay`` with ``complementary_pay``) and
#: the working time they are compared over (``hours`` or ``fte``).
PAY_COMPONENT_COLUMNS = ("pay", "basic_pay", "complementary_pay")
WORKING_TIME_COLUMNS = ("hours", "fte")

_BREAKDOWN_HELP = {
    "grade": "grade; one of the grades from entry to top (see '# grades:')",
    "unit": "department, directorate or unit (free text)",
    "location": "duty station, office or region (free text)",
    "scope": "national or subnational",
    "age_band": "age band, e.g. <30, 30-39, 40-49, 50+ (free text)",
    "contract": "contract type, e.g. permanent, fixed-term, consultant (free text)",
}
_CATEGORY_HELP = ("category of workers doing the same work or work of equal value, e.g. "
                  "'Inspectors' (free text); pay gaps by category use it, else grade")

#: Columns of an aggregated file and what each holds (``sex`` and ``headcount`` are required).
AGGREGATED_COLUMNS: dict[str, str] = {
    "sex": "female, male or other (F, M, woman, man, undisclosed... accepted); a 'total' row "
           "gives the sum of the rows it covers and is checked against them",
    **_BREAKDOWN_HELP,
    "category": _CATEGORY_HELP,
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
    "pay_mean": "mean gross pay of the group's headcount (any currency and period, the same "
                "for all rows)",
    "pay_median": "median gross pay of the group's headcount",
}

#: Columns of a one-row-per-person file and what each holds (``person_id`` and ``sex`` required).
PERSON_COLUMNS: dict[str, str] = {
    "person_id": "an identifier unique in the file (no names needed) (required)",
    "record": "staff (the default) or applicant: a candidate who applied in the period and was "
              "not hired; people hired are staff rows with recruited = 1",
    "sex": "female, male or other (F, M, woman, man, undisclosed... accepted)",
    **_BREAKDOWN_HELP,
    "category": _CATEGORY_HELP,
    "pay": "the person's gross pay for the period, everything included (any currency; the "
           "same period for all); or give basic_pay and complementary_pay instead",
    "basic_pay": "the ordinary basic wage or salary, gross, for the period",
    "complementary_pay": "complementary or variable components, gross, for the period: "
                         "bonuses, allowances, overtime, benefits in kind at their value; "
                         "0 or empty for none",
    "hours": "hours paid in the same period (e.g. 1720 a year full time): pay is compared per "
             "hour, so part-time staff compare fairly",
    "fte": "full-time equivalent instead of hours (1 full time, 0.5 half time): pay is "
           "compared per full-time equivalent",
    "recruited": "1 if recruited during the period",
    "eligible_for_promotion": "1 if eligible for promotion during the period",
    "promoted": "1 if promoted into the grade shown during the period",
    "exited": "1 if the person left during the period (left out of the headcount)",
    "exit_reason": "why the person left (free text), only when exited = 1",
    "trained": "1 if the person took part in training during the period",
    "on_leave": "1 if the person took parental leave during the period",
    "returned": "1 if the person came back from that leave",
}

ALIASES = {"gender": "sex", "age": "age_band", "contract_type": "contract",
           "category_of_workers": "category", "job_category": "category",
           "base_pay": "basic_pay", "basic_salary": "basic_pay",
           "variable_pay": "complementary_pay",
           "bonus": "complementary_pay", "bonuses": "complementary_pay",
           "paid_hours": "hours", "hours_paid": "hours"}
#: Setting lines before the header: ``# grades: ...``, ``# year: 2025`` and
#: ``# justification: CATEGORY = REASON``.
DIRECTIVE = re.compile(r"^#\s*(grades|year|justification)\s*:(.*)$", re.IGNORECASE | re.DOTALL)


def plural(column: str) -> str:
    """'categories', 'grades': the values of a column, in words."""
    return "categories" if column == "category" else f"{column.replace('_', ' ')}s"


def norm_column(text: str) -> str:
    """A header cell as a column name: lower case, spaces and hyphens as ``_``, aliases
    resolved (``gender`` is ``sex``).  Short cells are remembered (the same few header cells
    in every file of an import)."""
    name = _NAMES.get(text)
    if name is None:
        name = _SPACES.sub("_", text.strip().lower())
        name = ALIASES.get(name, name)
        if len(text) <= 64:
            if len(_NAMES) > 4096:
                _NAMES.clear()
            _NAMES[text] = name
    return name


_SPACES = re.compile(r"[\s\-]+")
_NAMES: dict[str, str] = {}


def where_words(key):
    """A key in words, as a message: "grade 'senior'", "grade 'manager' or 'senior', unit
    'HR'" in English."""
    from ..messages import Ids, say

    if not key:
        return say("where.file")
    parts = [say("where.filter", column=say(f"where.col.{col}"),
                 values=Ids(items=[repr(v) for v in (value if isinstance(value, tuple)
                                                     else (value,))], join="or"))
             for col, value in key]
    return parts[0] if len(parts) == 1 else Ids(items=parts)
