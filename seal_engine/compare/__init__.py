"""Comparing institutions: the government's view of many scored assessments.

Modules by job:

* ``models`` - the shapes (pydantic): :class:`ScoredRow` (one scored assessment, compact),
  :class:`StandardShape`, :class:`Comparison` and its parts;
* ``rows`` - rows from results, and the staff counts of the parity dashboard;
* ``tally`` - the mergeable partial aggregates (:class:`Latest`, :class:`Tally`);
* ``build`` - the comparison from rows (:func:`compare_portfolio`);
* ``executors`` - where batches run: this process, a process pool, a Dask cluster;
* ``files`` - many files scored (:func:`score_many`) and compared (:func:`compare_files`);
* ``generate`` - synthetic portfolios (:func:`generate_portfolio`).

The comparison from the database is :func:`seal_engine.store.compare_stored` (aggregated in
SQL).  Rendering for people is in :mod:`seal_engine.render`.
"""

from .build import compare_portfolio, standards_note_in
from .files import Scored, compare_files, score_many
from .models import BASES, GROUP_FIELDS, Comparison, ScoredRow, StandardShape
from .rows import shape_of
from .tally import Latest, Tally

__all__ = ["BASES", "GROUP_FIELDS", "Comparison", "Latest", "Scored", "ScoredRow",
           "StandardShape", "Tally", "compare_files", "compare_portfolio", "score_many",
           "shape_of", "standards_note_in"]
