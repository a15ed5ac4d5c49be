"""How long the compiled rules take per assessment, against the same rules hand-written in Python.

Both sides evaluate the `met` and `partially_met` rules of every benchmark of the starter standard
for the same assessments (answers normalised once, as scoring does).  The hand-written functions
treat a missing answer as "unknown" just as the compiled rules do, so both do the same work.
Prints the time per assessment of each and, last, `ratio: X.XX` (compiled / hand-written).

    python benchmarks/rules.py [--rounds N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import seal_engine  # noqa: E402
from seal_engine.rules import EvalContext, Missing  # noqa: E402
from seal_engine.scoring import evaluation_context  # noqa: E402

U = None  # unknown, for the hand-written side


def _and(*vals):
    if any(v is False for v in vals):
        return False
    return U if any(v is U for v in vals) else True


def _ge(a, b):
    return U if a is U or b is U else a >= b


def _gt(a, b):
    return U if a is U or b is U else a > b


def hand_written(ctx: EvalContext) -> list:
    a = ctx.answers.get
    ev = ctx.evidence
    out = []
    p = a("ST-LC-01.policy", U)
    out.append(_and(U if p is U else p == "approved", "ST-LC-01.policy_doc" in ev))
    out.append(U if p is U else p in ("draft", "approved"))
    c = a("ST-LC-02.committee", U)
    out.append(_and(c, _ge(a("ST-LC-02.meetings", U), 4), "ST-LC-02.minutes" in ev))
    out.append(c)
    b = a("ST-LC-03.budget", U)
    out.append(_and(_gt(b, 0), _ge(a("ST-LC-03.budget_share", U), 0.01),
                    "ST-LC-03.budget_record" in ev))
    out.append(_gt(b, 0))
    br = a("ST-WE-01.breakdowns", U)
    out.append(_and(U if br is U else "grade" in br, U if br is U else len(br) >= 3))
    out.append(U if br is U else len(br) >= 1)
    sw = a("ST-WE-02.senior_women", U)
    out.append(_ge(sw, 0.30))
    out.append(U if sw is U else sw >= 0.30 - 0.10)
    pol = a("ST-WE-03.policy", U)
    ch = a("ST-WE-03.channels", U)
    anych = U if ch is U else ("confidential_line" in ch or "external" in ch)
    out.append(_and(pol, "ST-WE-03.policy_doc" in ev, anych))
    out.append(pol)
    s = a("ST-WE-04.sessions", U)
    ts = a("ST-WE-04.trained_share", U)
    total = U if s is U else sum(r["participants"] for r in s if r.get("participants") is not None)
    out.append(_and(U if s is U else len(s) >= 2, _ge(total, 50), _ge(ts, 0.80),
                    "ST-WE-04.attendance" in ev))
    out.append(sum(1 for v in (U if s is U else len(s) >= 1, _ge(ts, 0.80 / 2)) if v is True) >= 1)
    m = a("ST-WE-05.measures", U)
    out.append(U if m is U else len(m) >= 3)
    out.append(U if m is U else 1 <= len(m) <= 2)
    return out


def compiled_rules(rules, ctx: EvalContext) -> list:
    out = []
    for met, partial, _applies in rules:
        out.append(met.evaluate(ctx))
        if partial is not None:
            out.append(partial.evaluate(ctx))
    return out


def contexts(standard, n: int) -> list[EvalContext]:
    """Variants of the example: each answer kept, changed or left out at random."""
    rng = random.Random(7)
    base = seal_engine.load_assessment(ROOT / "assessments/starter/riverton-water-agency-2025.yaml")
    out = []
    for _ in range(n):
        a = base.model_copy(deep=True)
        for qid in list(a.answers):
            if rng.random() < 0.2:
                del a.answers[qid]
        a.answers["ST-LC-02.meetings"] = rng.randint(0, 8)
        a.answers["ST-WE-02.senior_women"] = rng.randint(10, 50)
        out.append(evaluation_context(standard, a))
    return out


def _time(fn, ctxs, rounds: int) -> float:
    best = []
    for _ in range(rounds):
        start = time.perf_counter()
        for c in ctxs:
            fn(c)
        best.append((time.perf_counter() - start) / len(ctxs))
    return statistics.median(best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--assessments", type=int, default=2000)
    args = parser.parse_args()
    standard = seal_engine.load_standard(ROOT / "standards/seal-starter.yaml")
    rules = [standard._compiled[b.id] for b in standard.benchmarks()]
    ctxs = contexts(standard, args.assessments)
    # both sides must agree before they are timed
    for c in ctxs:
        got = [None if isinstance(v, Missing) else v for v in compiled_rules(rules, c)]
        assert got == hand_written(c), (got, hand_written(c))
    hand = _time(hand_written, ctxs, args.rounds)
    comp = _time(lambda c: compiled_rules(rules, c), ctxs, args.rounds)
    explain_t = _time(lambda c: [r[0].explain(c) for r in rules], ctxs[:200], 3)
    score_t = _time(lambda c: None, ctxs, 1)  # loop overhead, for reference
    print(f"assessments: {len(ctxs)}, rules per assessment: "
          f"{sum(1 + (p is not None) for _m, p, _a in rules)}")
    print(f"hand-written Python: {hand * 1e6:8.2f} µs per assessment")
    print(f"compiled rules:      {comp * 1e6:8.2f} µs per assessment")
    print(f"explanations (met rules, for reference): {explain_t * 1e6:8.2f} µs per assessment")
    print(f"empty loop (for reference): {score_t * 1e6:8.2f} µs per assessment")
    print(f"ratio: {comp / hand:.2f}")


if __name__ == "__main__":
    main()
