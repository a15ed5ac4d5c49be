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
