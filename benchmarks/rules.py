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
from seal_engine.rules import NOT_ANSWERED, EvalContext, Missing  # noqa: E402
from seal_engine.scoring import evaluation_context  # noqa: E402

def _and(xs):
    """Three-valued 'and' of already-evaluated parts (used where Python needs a value)."""
    unknown = None
    for x in xs:
        if x is False:
            return False
        if type(x) is Missing and unknown is None:
            unknown = x
    return True if unknown is None else unknown


def hand_written(ctx: EvalContext) -> list:
    """The starter standard's 16 rules as a person would write them in plain Python: inline,
    short-circuiting, with the same three-valued results as the compiled rules (an unanswered
    question is a Missing value that propagates; False wins over unknown in 'and', True wins
    in 'or')."""
    M = Missing
    NA = NOT_ANSWERED
    get = ctx.answers.get
    ev = ctx.evidence
    out = []
    # ST-LC-01
    p = get("ST-LC-01.policy", NA)
    c = p if type(p) is M else p == "approved"
    if c is False:
        out.append(False)
    else:
        d = "ST-LC-01.policy_doc" in ev
        out.append(False if not d else c)
    out.append(p if type(p) is M else p in ("draft", "approved"))
    # ST-LC-02
    com = get("ST-LC-02.committee", NA)
    if com is False:
        out.append(False)
    else:
        m = get("ST-LC-02.meetings", NA)
        c2 = m if type(m) is M else m >= 4
        if c2 is False:
            out.append(False)
        elif "ST-LC-02.minutes" not in ev:
            out.append(False)
        else:
            out.append(com if type(com) is M else c2)
    out.append(com)
    # ST-LC-03
    b = get("ST-LC-03.budget", NA)
    c1 = b if type(b) is M else b > 0
    if c1 is False:
        out.append(False)
    else:
        sh = get("ST-LC-03.budget_share", NA)
        c2 = sh if type(sh) is M else sh >= 0.01
        if c2 is False or "ST-LC-03.budget_record" not in ev:
            out.append(False)
        else:
            out.append(c1 if type(c1) is M else c2)
    out.append(c1)
    # ST-WE-01
    br = get("ST-WE-01.breakdowns", NA)
    if type(br) is M:
        out.append(br)
        out.append(br)
    else:
        out.append("grade" in br and len(br) >= 3)
        out.append(len(br) >= 1)
    # ST-WE-02
    sw = get("ST-WE-02.senior_women", NA)
    out.append(sw if type(sw) is M else sw >= 0.30)
    out.append(sw if type(sw) is M else sw >= 0.30 - 0.10)
    # ST-WE-03
    pol = get("ST-WE-03.policy", NA)
    if pol is False or "ST-WE-03.policy_doc" not in ev:
        out.append(False)
    else:
        ch = get("ST-WE-03.channels", NA)
        if type(ch) is M:
            anych = ch
        else:
            anych = "confidential_line" in ch or "external" in ch
        out.append(False if anych is False else pol if type(pol) is M else anych)
    out.append(pol)
    # ST-WE-04
    ses = get("ST-WE-04.sessions", NA)
    ts = get("ST-WE-04.trained_share", NA)
    n = ses if type(ses) is M else len(ses) >= 2
    if n is False:
        out.append(False)
    else:
        total = ses if type(ses) is M else sum(
            r["participants"] for r in ses if r.get("participants") is not None) >= 50
        if total is False:
            out.append(False)
        else:
            t = ts if type(ts) is M else ts >= 0.80
            if t is False or "ST-WE-04.attendance" not in ev:
                out.append(False)
            else:
                out.append(_and((n, total, t)))
    held = 0
    if type(ses) is not M and len(ses) >= 1:
        held += 1
    if type(ts) is not M and ts >= 0.80 / 2:
        held += 1
    out.append(held >= 1)
    # ST-WE-05
    me = get("ST-WE-05.measures", NA)
    out.append(me if type(me) is M else len(me) >= 3)
    out.append(me if type(me) is M else 1 <= len(me) <= 2)
    return out


def compiled_rules(rules, ctx: EvalContext) -> list:
    out = []
    for r in rules:
        out.append(r.met.evaluate(ctx))
        if r.partially_met is not None:
            out.append(r.partially_met.evaluate(ctx))
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
    rules = [seal_engine.compiled(standard).rules[b.id] for b in standard.benchmarks()]
    ctxs = contexts(standard, args.assessments)
    # both sides must agree before they are timed
    for c in ctxs:
        got = [None if isinstance(v, Missing) else v for v in compiled_rules(rules, c)]
        want = [None if isinstance(v, Missing) else v for v in hand_written(c)]
        assert got == want, (got, want)
    hand = _time(hand_written, ctxs, args.rounds)
    comp = _time(lambda c: compiled_rules(rules, c), ctxs, args.rounds)
    explain_t = _time(lambda c: [r.met.explain(c) for r in rules], ctxs[:200], 3)
    score_t = _time(lambda c: None, ctxs, 1)  # loop overhead, for reference
    print(f"assessments: {len(ctxs)}, rules per assessment: "
          f"{sum(1 + (r.partially_met is not None) for r in rules)}")
    print(f"hand-written Python: {hand * 1e6:8.2f} µs per assessment")
    print(f"compiled rules:      {comp * 1e6:8.2f} µs per assessment")
    print(f"explanations (met rules, for reference): {explain_t * 1e6:8.2f} µs per assessment")
    print(f"empty loop (for reference): {score_t * 1e6:8.2f} µs per assessment")
    print(f"ratio: {comp / hand:.2f}")


if __name__ == "__main__":
    main()
