"""How long the compiled rules take per assessment, against the same rules hand-written in Python.

Both sides evaluate the `met` and `partially_met` rules of every benchmark of the starter standard
for the same assessments (answers normalised once, as scoring does), one function per rule
called in a loop.  The hand-written functions are plain inline Python with the same three-valued
results and the same short-circuits as the compiled rules, so both do the same work.  Rounds are
interleaved; times are this process's CPU time.  Prints the time per assessment of each and,
last, `ratio: X.XX` (compiled / hand-written).

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
from seal_engine.rules import NOT_ANSWERED, EvalContext, Missing  # noqa: E402
from seal_engine.scoring import evaluation_context  # noqa: E402

M = Missing
NA = NOT_ANSWERED


# The starter standard's 16 rules as a person would write them in plain Python, one function a
# rule as a rule engine keeps them: inline, short-circuiting, with the same three-valued results
# as the compiled rules (an unanswered question is a Missing value that propagates; False wins
# over unknown in 'and', True wins in 'or').


def lc01_met(ctx):
    p = ctx.answers.get("ST-LC-01.policy", NA)
    c = p if type(p) is M else p == "approved"
    if c is False or "ST-LC-01.policy_doc" not in ctx.evidence:
        return False
    return c


def lc01_partial(ctx):
    p = ctx.answers.get("ST-LC-01.policy", NA)
    return p if type(p) is M else p in ("draft", "approved")


def lc02_met(ctx):
    get = ctx.answers.get
    com = get("ST-LC-02.committee", NA)
    if com is False:
        return False
    m = get("ST-LC-02.meetings", NA)
    c2 = m if type(m) is M else m >= 4
    if c2 is False or "ST-LC-02.minutes" not in ctx.evidence:
        return False
    return com if type(com) is M else c2


def lc02_partial(ctx):
    return ctx.answers.get("ST-LC-02.committee", NA)


def lc03_met(ctx):
    get = ctx.answers.get
    b = get("ST-LC-03.budget", NA)
    c1 = b if type(b) is M else b > 0
    if c1 is False:
        return False
    sh = get("ST-LC-03.budget_share", NA)
    c2 = sh if type(sh) is M else sh >= 0.01
    if c2 is False or "ST-LC-03.budget_record" not in ctx.evidence:
        return False
    return c1 if type(c1) is M else c2


def lc03_partial(ctx):
    b = ctx.answers.get("ST-LC-03.budget", NA)
    return b if type(b) is M else b > 0


def we01_met(ctx):
    br = ctx.answers.get("ST-WE-01.breakdowns", NA)
    return br if type(br) is M else ("grade" in br and len(br) >= 3)


def we01_partial(ctx):
    br = ctx.answers.get("ST-WE-01.breakdowns", NA)
    return br if type(br) is M else len(br) >= 1


def we02_met(ctx):
    sw = ctx.answers.get("ST-WE-02.senior_women", NA)
    return sw if type(sw) is M else sw >= 0.30


def we02_partial(ctx):
    sw = ctx.answers.get("ST-WE-02.senior_women", NA)
    return sw if type(sw) is M else sw >= 0.30 - 0.10


def we03_met(ctx):
    get = ctx.answers.get
    pol = get("ST-WE-03.policy", NA)
    if pol is False or "ST-WE-03.policy_doc" not in ctx.evidence:
        return False
    ch = get("ST-WE-03.channels", NA)
    anych = ch if type(ch) is M else ("confidential_line" in ch or "external" in ch)
    if anych is False:
        return False
    return pol if type(pol) is M else anych


def we03_partial(ctx):
    return ctx.answers.get("ST-WE-03.policy", NA)


def we04_met(ctx):
    get = ctx.answers.get
    ses = get("ST-WE-04.sessions", NA)
    n = ses if type(ses) is M else len(ses) >= 2
    if n is False:
        return False
    total = ses if type(ses) is M else sum(
        r["participants"] for r in ses if r.get("participants") is not None) >= 50
    if total is False:
        return False
    ts = get("ST-WE-04.trained_share", NA)
    t = ts if type(ts) is M else ts >= 0.80
    if t is False or "ST-WE-04.attendance" not in ctx.evidence:
        return False
    for v in (n, total, t):
        if type(v) is M:
            return v
    return True


def we04_partial(ctx):
    get = ctx.answers.get
    ses = get("ST-WE-04.sessions", NA)
    ts = get("ST-WE-04.trained_share", NA)
    held = 0
    if type(ses) is not M and len(ses) >= 1:
        held += 1
    if type(ts) is not M and ts >= 0.80 / 2:
        held += 1
    return held >= 1


def we05_met(ctx):
    me = ctx.answers.get("ST-WE-05.measures", NA)
    return me if type(me) is M else len(me) >= 3


def we05_partial(ctx):
    me = ctx.answers.get("ST-WE-05.measures", NA)
    return me if type(me) is M else 1 <= len(me) <= 2


HAND = [lc01_met, lc01_partial, lc02_met, lc02_partial, lc03_met, lc03_partial, we01_met,
        we01_partial, we02_met, we02_partial, we03_met, we03_partial, we04_met, we04_partial,
        we05_met, we05_partial]


def hand_written(ctx: EvalContext) -> list:
    return [f(ctx) for f in HAND]


def compiled_rules(functions, ctx: EvalContext) -> list:
    return [f(ctx) for f in functions]


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


def _once(fn, ctxs) -> float:
    """CPU time of this process per context (other work on the machine weighs little)."""
    start = time.process_time()
    for c in ctxs:
        fn(c)
    return (time.process_time() - start) / len(ctxs)


def _interleaved(fns, ctxs, rounds: int) -> list[float]:
    """The median time per assessment of each function, their rounds interleaved so that the
    machine's load falls on all of them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            times[i].append(_once(fn, ctxs))
    return [statistics.median(t) for t in times]


def _time(fn, ctxs, rounds: int) -> float:
    return statistics.median(_once(fn, ctxs) for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--assessments", type=int, default=2000)
    args = parser.parse_args()
    standard = seal_engine.load_standard(ROOT / "standards/seal-starter.yaml")
    rules = [seal_engine.compiled(standard).rules[b.id] for b in standard.benchmarks()]
    functions = [f for r in rules for f in (r.met.fast(), r.partially_met.fast())]
    closures = [f for r in rules for f in (r.met._root.fn, r.partially_met._root.fn)]
    ctxs = contexts(standard, args.assessments)
    # both sides must agree before they are timed
    for c in ctxs:
        got = [None if isinstance(v, Missing) else v for v in compiled_rules(functions, c)]
        want = [None if isinstance(v, Missing) else v for v in hand_written(c)]
        assert got == want, (got, want)
    hand, comp, tree = _interleaved(
        [hand_written, lambda c: compiled_rules(functions, c),
         lambda c: compiled_rules(closures, c)], ctxs, args.rounds)
    explain_t = _time(lambda c: [r.met.explain(c) for r in rules], ctxs[:200], 3)
    score_t = _time(lambda c: None, ctxs, 1)  # loop overhead, for reference
    print(f"assessments: {len(ctxs)}, rules per assessment: "
          f"{sum(1 + (r.partially_met is not None) for r in rules)}")
    print(f"hand-written Python: {hand * 1e6:8.2f} µs per assessment")
    print(f"compiled rules:      {comp * 1e6:8.2f} µs per assessment")
    print(f"the tree of closures (explanations use it): {tree * 1e6:8.2f} µs per assessment")
    print(f"explanations (met rules, for reference): {explain_t * 1e6:8.2f} µs per assessment")
    print(f"empty loop (for reference): {score_t * 1e6:8.2f} µs per assessment")
    print(f"ratio: {comp / hand:.2f}")


if __name__ == "__main__":
    main()
