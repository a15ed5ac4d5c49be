"""What a stored result keeps for the comparison beside its ``result_benchmark`` rows (the
``statuses`` and ``dimension_points`` columns of ``result_assessment``), worked out from the
benchmarks' statuses and points: when a result is written, and again by the audit verification
to check the columns against the sealed rows."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..compare.models import STATUS_CODES

__all__ = ["LETTER", "dimension_points_text", "same_points", "status_letters", "summary_of"]

#: Status value -> letter.
LETTER: dict[str, str] = {s.value: c for s, c in STATUS_CODES.items()}


def status_letters(pairs: Iterable[tuple[str, str]]) -> str:
    """One letter per benchmark, the benchmarks in the order of their ids: ``pairs`` of
    (benchmark id, status value)."""
    return "".join(LETTER[status] for _bid, status in sorted(pairs))


def dimension_points_text(sums: dict[str, list[float]]) -> str:
    """Dimension id -> [points, max points], as compact JSON in the order of the ids."""
    return json.dumps({d: [float(p), float(m)] for d, (p, m) in sorted(sums.items())},
                      separators=(",", ":"))


def summary_of(benchmarks: Iterable) -> tuple[str, str]:
    """``(statuses, dimension_points)`` of a result's ``result_benchmark`` rows (objects with
    ``benchmark_id``, ``dimension_id``, ``status``, ``points`` and ``max_points``)."""
    pairs, sums = [], {}
    for b in benchmarks:
        pairs.append((b.benchmark_id, b.status))
        acc = sums.setdefault(b.dimension_id, [0.0, 0.0])
        acc[0] += b.points
        acc[1] += b.max_points
    return status_letters(pairs), dimension_points_text(sums)


def same_points(a: str | None, b: str | None) -> bool:
    """Whether two ``dimension_points`` texts hold the same sums (to rounding: the engine sums
    a dimension in the standard's order, the check in the order of the ids)."""
    if a is None or b is None:
        return a == b
    x, y = json.loads(a), json.loads(b)
    return x.keys() == y.keys() and all(
        abs(p - q) <= 1e-9 * max(1.0, abs(p), abs(q))
        for d in x for p, q in zip(x[d], y[d], strict=True))
