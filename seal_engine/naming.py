"""One name per benchmark, the same everywhere a person reads it: its code and its number in the
standard together, ``PC-06 (3.6)`` (the ``id`` and the ``ref``), and with its title,
``PC-06 (3.6) Gender budget tagging``.  Every page, request, gap row, review and result names a
benchmark through these functions, so that the focal point finds in the questionnaire (numbered
3.6) the benchmark an assessor's request calls PC-06."""

from __future__ import annotations

from typing import Any

__all__ = ["BenchmarkNames", "benchmark_heading", "benchmark_name"]


def benchmark_name(benchmark: Any) -> str:
    """``PC-06 (3.6)``: the code and, when the standard numbers it, the number; ``benchmark``
    is anything with ``id`` and ``ref`` (a :class:`~seal_engine.models.Benchmark`, a gap)."""
    ref = getattr(benchmark, "ref", None)
    return f"{benchmark.id} ({ref})" if ref else str(benchmark.id)


def benchmark_heading(benchmark: Any) -> str:
    """``PC-06 (3.6) Gender budget tagging``: the name and the title."""
    return f"{benchmark_name(benchmark)} {benchmark.title}"


class BenchmarkNames:
    """The names of a standard's benchmarks by id, for records that carry only the id (results,
    verdicts, requests, evidence); an id the standard does not have is shown as it is."""

    def __init__(self, standard: Any):
        self._benchmarks = {b.id: b for b in standard.benchmarks()}

    def __call__(self, benchmark_id: str) -> str:
        """``PC-06 (3.6)``."""
        b = self._benchmarks.get(benchmark_id)
        return benchmark_name(b) if b is not None else str(benchmark_id)

    def heading(self, benchmark_id: str) -> str:
        """``PC-06 (3.6) Gender budget tagging``."""
        b = self._benchmarks.get(benchmark_id)
        return benchmark_heading(b) if b is not None else str(benchmark_id)

    def __contains__(self, benchmark_id: object) -> bool:
        return benchmark_id in self._benchmarks
