"""The explanations of every bundled example assessment as data, for
``tests/test_perf_explain.py``: each benchmark's status, its first line's message and every clause
with its state, kind, message (code and parameters), the value seen, what it needs and a
comparison's figures.  ``python tests/_explained_snapshot.py OUT.json`` writes them (to compare
the explanations of two versions of the code)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def examples() -> list[Path]:
    return sorted(p for p in (ROOT / "assessments").rglob("*.yaml")
                  if p.parent.parent.name == "assessments" or p.parent.name == "assessments"
                  or p.parent.name == "starter")


def loaded() -> list[tuple]:
    """Each example as (its standard, the assessment, its staff data), loaded."""
    import seal_engine

    out = []
    for path in examples():
        a = seal_engine.load_assessment(path)
        out.append((seal_engine.standard_for(a), a, seal_engine.load_workforce_for(a)))
    return out


def data(value):
    """A message, its parameters or a value as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {"@": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = data(getattr(value, f.name))
        return out
    if hasattr(value, "code") and hasattr(value, "params"):
        return {"@": "Message", "code": value.code, "params": data(dict(value.params))}
    if isinstance(value, dict):
        return {str(k): data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [data(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)


def clause(c) -> dict:
    return {"state": c.state, "kind": c.kind, "message": data(c.message), "value": c.value,
            "needs": c.needs, "evidence": c.evidence, "expression": c.expression, "op": c.op,
            "actual": c.actual, "threshold": c.threshold,
            "clauses": [clause(k) for k in c.clauses]}


def snapshot() -> dict:
    import seal_engine

    out = {}
    for path in examples():
        a = seal_engine.load_assessment(path)
        s = seal_engine.standard_for(a)
        r = seal_engine.score(s, a, seal_engine.load_workforce_for(a))
        out[str(path.relative_to(ROOT))] = {
            b.id: {"status": str(b.status.value), "why": data(b.why),
                   "lines": len(b.explanation),
                   "clauses": [clause(c) for c in b.clauses],
                   "partial": [clause(c) for c in b.partial_clauses]}
            for b in r.benchmarks}
    return out


if __name__ == "__main__":  # pragma: no cover - a tool for comparing two versions
    Path(sys.argv[1]).write_text(json.dumps(snapshot(), sort_keys=True, ensure_ascii=False)
                                 + "\n", encoding="utf-8")
