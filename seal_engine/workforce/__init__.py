"""Sex-disaggregated workforce data: the file format, its importer, the metrics rules read, the
published tables and the pay transparency report.

Modules by job, each importing only those above it:

* ``columns`` - the file format: columns, sex codes, flags, limits;
* ``reading`` - rows of a CSV or XLSX file, streamed and bounded;
* ``metrics`` - the metric registry (:data:`METRICS`) and the computations, on the group tables
  of a data set;
* ``data`` - :class:`WorkforceData`, small group tables in plain Python (its ``metric`` asks
  ``metrics``);
* ``parser`` - checking every row, with the builders of the two shapes (``aggregated`` and
  ``per_person``) building the data;
* ``load`` - from a file or from bytes: the settings lines and the header, then the rows in
  chunks to the builder of the file's shape;
* ``report`` - the tables ``seal metrics`` publishes, small groups suppressed;
* ``pay`` - the indicators of the EU pay transparency directive and its joint pay assessment;
* ``template`` - blank files to start from.

Rendering them for people (text, CSV, JSON, XLSX) is in :mod:`seal_engine.render`.  Nothing here
imports pandas or openpyxl, but writing an XLSX template.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

# the package's names, imported from their module when first asked for: reading the metric
# registry (what compiling a standard needs) imports neither the loader nor the reports
_WHERE = {
    "AGGREGATED_COLUMNS": "columns",
    "ARTICLE_9": "pay",
    "BREAKDOWNS": "columns",
    "COUNT_COLUMNS": "columns",
    "DEFAULT_GRADES": "columns",
    "DEFAULT_MIN_GROUP": "report",
    "DEFAULT_THRESHOLD": "pay",
    "GroupTable": "data",
    "JOINT_ASSESSMENT_COVERS": "pay",
    "MAX_ROWS_PER_CHECK": "columns",
    "METRICS": "metrics",
    "MetricInfo": "metrics",
    "PARITY_BAND": "report",
    "PERSON_COLUMNS": "columns",
    "PayTable": "data",
    "REPORT_FIGURES": "report",
    "SEX_CODES": "columns",
    "SUPPRESSED": "report",
    "TEMPLATE_COLUMNS": "template",
    "WorkforceData": "data",
    "compute_metric": "metrics",
    "full_report": "report",
    "load_workforce": "load",
    "parity_needed_counts": "metrics",
    "parse_workforce": "load",
    "pay_report": "pay",
    "pipeline": "report",
    "projection": "report",
    "quartile_bands": "metrics",
    "read_justifications": "pay",
    "workforce_report": "report",
    "workforce_template": "template",
    "write_workforce_template": "template",
}


def __getattr__(name: str) -> _Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module("." + module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if _TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from .columns import (
        AGGREGATED_COLUMNS,
        BREAKDOWNS,
        COUNT_COLUMNS,
        DEFAULT_GRADES,
        MAX_ROWS_PER_CHECK,
        PERSON_COLUMNS,
        SEX_CODES,
    )
    from .data import GroupTable, PayTable, WorkforceData
    from .load import load_workforce, parse_workforce
    from .metrics import METRICS, MetricInfo, compute_metric, parity_needed_counts, quartile_bands
    from .pay import (
        ARTICLE_9,
        DEFAULT_THRESHOLD,
        JOINT_ASSESSMENT_COVERS,
        pay_report,
        read_justifications,
    )
    from .report import (
        DEFAULT_MIN_GROUP,
        PARITY_BAND,
        REPORT_FIGURES,
        SUPPRESSED,
        full_report,
        pipeline,
        projection,
        workforce_report,
    )
    from .template import TEMPLATE_COLUMNS, workforce_template, write_workforce_template


__all__ = [
    "AGGREGATED_COLUMNS",
    "ARTICLE_9",
    "BREAKDOWNS",
    "COUNT_COLUMNS",
    "DEFAULT_GRADES",
    "DEFAULT_MIN_GROUP",
    "DEFAULT_THRESHOLD",
    "GroupTable",
    "JOINT_ASSESSMENT_COVERS",
    "MAX_ROWS_PER_CHECK",
    "METRICS",
    "MetricInfo",
    "PARITY_BAND",
    "PERSON_COLUMNS",
    "PayTable",
    "REPORT_FIGURES",
    "SEX_CODES",
    "SUPPRESSED",
    "TEMPLATE_COLUMNS",
    "WorkforceData",
    "compute_metric",
    "full_report",
    "load_workforce",
    "parity_needed_counts",
    "parse_workforce",
    "pay_report",
    "pipeline",
    "projection",
    "quartile_bands",
    "read_justifications",
    "workforce_report",
    "workforce_template",
    "write_workforce_template",
]
