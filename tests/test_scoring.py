"""Scoring: every status, points, dimension scores and the level boundaries."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import seal_engine
from seal_engine import BenchmarkStatus as S
from seal_engine import score
from seal_engine.models import Assessment

from .conftest import RIVERTON, STARTER

LADDER = Path(__file__).parent / "fixtures" / "ladder.yaml"
IDS = [f"B{i}" for i in range(1, 11)]


@pytest.fixture(scope="module")
def ladder():
    return seal_engine.load_standard(LADDER)


def make(yes=(), no=(), partial=(), na=None, evidence=False) -> Assessment:
    answers = {}
    for b in yes:
        if b != "B10":
            answers[f"{b}.q"] = True
    for b in no:
        if b != "B10":
            answers[f"{b}.q"] = False
    for b in partial:
        answers[f"{b}.q"] = False
        answers[f"{b}.draft"] = True
    return Assessment.model_validate({
        "id": "t", "standard": {"id": "ladder", "version": 1},
        "institution": {"id": "X", "name": "Test Office", "country": "Testland",
                        "scope": "national"},
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
        "answers": answers,
        "evidence": [{"requirement": "B10.doc", "title": "Report", "reference": "report.pdf"}]
        if evidence else [],
        "not_applicable": na or {},
    })


def test_every_status(ladder):
    a = make(yes=["B1"], partial=["B2"], no=["B3"], na={"B5": "no such service"})
    r = score(ladder, a, seal_engine.load_workforce_for(a))
    st = {b.id: b.status for b in r.benchmarks}
    assert st["B1"] is S.met
    assert st["B2"] is S.partially_met
    assert st["B3"] is S.not_met
    assert st["B5"] is S.not_applicable and r.benchmark("B5").claim == "pending"
    assert st["B6"] is S.not_answered
    assert st["B10"] is S.not_met  # no questions: missing evidence is a plain 'not met'
    b = r.benchmark("B2")
    assert (b.points, b.max_points) == (0.5, 1.0)
    # a claim no assessor accepted stays in the count, as not met
    assert (r.benchmark("B5").points, r.benchmark("B5").max_points) == (0, 1)
    assert r.benchmark("B5").explanation == [
        "Not applicable (the institution's claim, pending the assessor's decision: counted as "
        "not met until an assessor accepts it): no such service"]
    assert r.benchmark("B6").explanation[0] == "Not answered: answer B6.q."
    assert r.benchmark("B3").explanation == ["Not met: 1 condition fails.", "✗ “B3?” (B3.q): no"]
    assert r.benchmark("B1").explanation == ["Met: the rule holds.", "✓ “B1?” (B1.q): yes"]


def test_applies_when_parameter(ladder):
    small = copy.deepcopy(ladder)
    small.parameters["small_unit"].value = True
    small._compiled = None
    r = score(small, make(yes=IDS))
    assert r.benchmark("B4").status is S.not_applicable
    assert r.benchmark("B4").explanation[0] == ("Not applicable: the standard's condition for it "
                                                "does not hold.")
    assert score(ladder, make(yes=IDS)).benchmark("B4").status is S.met


def test_dimension_scores_and_counts(ladder):
    r = score(ladder, make(yes=["B1", "B2", "B6"], partial=["B3"] and [], no=["B7"]))
    d1, d2 = r.dimensions
    assert d1.points == 2 and d1.max_points == 5 and d1.score == 40.0
    assert d2.points == 1 and d2.max_points == 5 and d2.score == 20.0
    assert d2.counts[S.met] == 1 and d2.counts[S.not_met] == 2 and d2.counts[S.not_answered] == 2
    assert r.score == 30.0 and r.points == 3 and r.max_points == 10


def _level(ladder, **kw):
    return score(ladder, make(**kw)).level


@pytest.mark.parametrize(
    "n_yes, partial, level",
    [
        (5, 1, None),  # 55 %: just below bronze
        (6, 0, "bronze"),  # 60 %: just at bronze
        (6, 1, "bronze"),  # 65 %
        (7, 0, "silver"),  # 70 %: just at silver
        (7, 1, "silver"),  # 75 %: just below gold
        (8, 0, "gold"),  # 80 %: just at gold
        (10, 0, "gold"),
    ],
)
def test_level_boundaries(ladder, n_yes, partial, level):
    # B1..B3 are the mandatory ones: always met here so only the score decides
    yes = IDS[:n_yes]
    part = IDS[n_yes:n_yes + partial]
    no = IDS[n_yes + partial:]
    assert _level(ladder, yes=yes, partial=part, no=no, evidence="B10" in yes) == level


def test_strict_operator(ladder):
    strict = copy.deepcopy(ladder)
    strict.scoring.threshold_operator = ">"
    yes = IDS[:6]
    assert score(strict, make(yes=yes, no=IDS[6:])).level is None
    r = score(strict, make(yes=yes, partial=["B7"], no=IDS[7:]))
    assert r.level == "bronze"


def test_partial_credit_setting(ladder):
    custom = copy.deepcopy(ladder)
    custom.scoring.partial_credit = 0.25
    r = score(custom, make(yes=["B1"], partial=["B2"]))
    assert r.benchmark("B2").points == 0.25


def test_mandatory_blocks_even_with_points(ladder):
    r = score(ladder, make(yes=IDS[1:], no=["B1"], evidence=True))
    assert r.score == 90.0 and r.level is None
    assert r.next_level.id == "bronze" and r.next_level.blocking == ["B1"]
    assert r.next_level.points_needed == 0
    r = score(ladder, make(yes=[i for i in IDS if i != "B2"], no=["B2"], evidence=True))
    assert r.level == "bronze" and r.next_level.id == "silver"
    assert r.next_level.blocking == ["B2"]
    # a partially met mandatory benchmark still blocks
    r = score(ladder, make(yes=[i for i in IDS if i != "B3"], partial=["B3"], evidence=True))
    assert r.level == "silver" and r.next_level.blocking == ["B3"]


def test_not_applicable_leaves_denominator(ladder):
    # an accepted claim leaves the count: 6 met of 9 applicable = 66.7 % -> bronze
    accepted_b10 = make(yes=IDS[:6], no=IDS[6:9], na={"B10": "not relevant"}).model_copy(
        update={"accepted_claims": ["B10"]})
    r = score(ladder, accepted_b10)
    assert r.max_points == 9 and r.score == pytest.approx(66.67) and r.level == "bronze"
    # a claim no assessor accepted stays in the count as not met: 6 of 10 = 60 %
    pending = score(ladder, make(yes=IDS[:6], no=IDS[6:9], na={"B10": "not relevant"}))
    assert pending.max_points == 10 and pending.score == pytest.approx(60.0)
    assert pending.basis.applicable == 10
    # a mandatory benchmark the institution claims does not apply blocks the level until an
    # assessor accepts the claim (or the claim is the assessors' own, in an external assessment)
    claimed = make(yes=IDS[1:7], no=IDS[7:], na={"B1": "reason"})
    mandatory_na = score(ladder, claimed)
    assert mandatory_na.level is None and mandatory_na.score == pytest.approx(60.0)
    assert mandatory_na.next_level.blocking == ["B1"]
    assert mandatory_na.next_level.pending_claims == ["B1"]
    assert mandatory_na.benchmark("B1").claim == "pending"
    accepted = claimed.model_copy(update={"accepted_claims": ["B1"]})
    assert score(ladder, accepted).level == "bronze"
    assert score(ladder, accepted).benchmark("B1").claim == "accepted"
    external = claimed.model_copy(update={"kind": "external"})
    assert score(ladder, external).level == "bronze"


def test_next_level_points_needed(ladder):
    r = score(ladder, make(yes=IDS[:5], no=IDS[5:]))
    assert r.level is None
    assert r.next_level.id == "bronze" and r.next_level.points_needed == 1.0
    top = score(ladder, make(yes=IDS, evidence=True))
    assert top.level == "gold" and top.next_level is None


def test_nothing_answered(ladder):
    r = score(ladder, make())
    assert r.level is None and r.score == 0
    assert all(b.status in (S.not_answered, S.not_met) for b in r.benchmarks)


def test_result_contract(sample_standard):
    from .conftest import STARTER_EXAMPLE

    r = score(sample_standard, seal_engine.load_assessment(STARTER_EXAMPLE)).to_dict()
    assert {"standard", "institution", "level", "score", "basis", "dimensions",
            "results_levels", "benchmarks", "next_level"} <= set(r)
    assert r["standard"] == {"id": "seal-starter", "version": 2}
    assert r["level"] == "getting_started" and r["score"] == 77.27
    # every result names the basis it was counted on (the starter: weighted points, half credit)
    assert r["basis"] == {"kind": "weighted_points", "partial_credit": 0.5,
                          "threshold_operator": ">=", "applicable": 8, "met": 4,
                          "partially_met": 4}
    assert r["results_levels"] == []  # the starter maps no dimension to a results level
    assert set(r["dimensions"][0]) >= {"id", "title", "score", "counts"}
    assert set(r["dimensions"][0]["counts"]) == {s.value for s in S}
    assert set(r["benchmarks"][0]) >= {"id", "dimension", "status", "points", "max_points",
                                       "claim", "explanation"}
    assert r["benchmarks"][0]["claim"] is None  # no not-applicable claim in this assessment
    assert r["next_level"] == {"id": "building", "title": "Building", "min_score": 70.0,
                               "points_needed": 0.0, "blocking": ["ST-LC-02"],
                               "pending_claims": []}


def test_result_validates_against_schema(sample_standard):
    import json

    import jsonschema

    from .conftest import ROOT, STARTER_EXAMPLE

    schema = json.loads((ROOT / "schemas" / "result.schema.json").read_text())
    r = score(sample_standard, seal_engine.load_assessment(STARTER_EXAMPLE)).to_dict()
    jsonschema.validate(r, schema)


def test_data_decides_a_benchmark_with_no_answers(sample_standard, write):
    std = write("s.yaml", """\
type: standard
id: data-only
version: 1
title: Data only
levels: [{id: bronze, title: Bronze, order: 1, min_score: 50}]
dimensions:
  - id: D
    title: D
    benchmarks:
      - id: W1
        title: Women in senior posts
        questions: [{id: W1.declared, type: percent, text: Declared share?}]
        rule:
          met: first_known(metric('women_share', grade='senior'), answer('W1.declared')) >= 0.3
""")
    s = seal_engine.load_standard(std)
    a = Assessment.model_validate({
        "id": "t", "standard": {"id": "data-only", "version": 1},
        "institution": {"id": "X", "name": "X", "country": "Y", "scope": "national"},
        "period": {"start": "2025-01-01", "end": "2025-12-31"}})

    class Data:  # anything with metric(name, key) stands for workforce data
        def metric(self, name, key):
            return 0.2 if (name, key) == ("women_share", (("grade", "senior"),)) else None

    assert score(s, a, Data()).benchmark("W1").status is S.not_met
    assert score(s, a, seal_engine.load_workforce_for(a)).benchmark("W1").status is S.not_answered


def test_each_benchmark_carries_its_clause_tree():
    s = seal_engine.load_standard(STARTER)
    a = seal_engine.load_assessment(RIVERTON)
    r = score(s, a).benchmark("ST-LC-02")
    assert r.status is S.partially_met
    states = [(c.state, c.value, c.needs) for c in r.clauses]
    assert ("fails", "3", "needs at least 4") in states
    assert [c.evidence for c in r.clauses if c.evidence] == ["ST-LC-02.minutes"]
    assert r.partial_clauses and all(c.state == "holds" for c in r.partial_clauses)
    # the explanation in words is rendered from the tree
    assert r.explanation[1:1 + len(r.clauses)] == [c.lines()[0] for c in r.clauses]
    quick = score(s, a, explain=False).benchmark("ST-LC-02")
    assert (quick.status, quick.points, quick.clauses, quick.explanation) == (
        S.partially_met, r.points, [], [])


@pytest.mark.parametrize("reference", [None, "", "   "])
def test_evidence_without_a_reference_is_not_provided(reference):
    s = seal_engine.load_standard(STARTER)
    a = seal_engine.load_assessment(RIVERTON)
    before = score(s, a).benchmark("ST-LC-01")
    assert before.status is S.met
    data = a.model_dump()
    for item in data["evidence"]:
        if item["requirement"] == "ST-LC-01.policy_doc":
            item["reference"] = reference
    after = score(s, Assessment.model_validate(data)).benchmark("ST-LC-01")
    assert after.status is not S.met
    assert ("✗ evidence ST-LC-01.policy_doc (The signed policy document) is listed "
            "without a file, link or reference, so it is not provided") in after.explanation


def test_strict_threshold_at_exactly_the_threshold(write):
    """With '>' a score of exactly 60 % reaches nothing; it says 'more than' and how many
    points one benchmark would add to pass."""
    text = LADDER.read_text(encoding="utf-8")
    assert "threshold_operator" not in text
    # the ladder states its scoring in flow style (weighted points, half credit): add the
    # operator inside that mapping, or a scoring mapping of its own if there is none
    if "scoring: {" in text:
        text = text.replace("scoring: {", "scoring: {threshold_operator: '>', ", 1)
    elif "scoring:" in text:
        text = text.replace("scoring:", "scoring:\n  threshold_operator: '>'", 1)
    else:
        text += "scoring: {threshold_operator: '>'}\n"
    strict = write("strict.yaml", text)
    s = seal_engine.load_standard(strict)
    assert (s.scoring.threshold_operator, s.scoring.basis) == (">", "weighted_points")
    yes = [i for i in IDS if i not in ("B2", "B3", "B4", "B5")]  # 6 of 10 equal weights
    r = score(s, make(yes=yes, no=["B2", "B3", "B4", "B5"], evidence="B10" in yes))
    assert r.score == 60.0 and r.level is None
    assert r.next_level.points_needed > 0
    out = seal_engine.render_score(r, "table", s)
    assert "(needs more than 60 %)" in out


def test_quick_scoring_gives_the_same_results_on_every_example():
    import random

    from .conftest import ROOT

    rng = random.Random(3)
    for path in sorted((ROOT / "assessments").rglob("*.yaml")):
        a = seal_engine.load_assessment(path)
        s = seal_engine.standard_for(a)
        data = seal_engine.load_workforce_for(a)
        for k in range(6):
            v = a.model_copy(deep=True)
            if k:
                v.answers = {q: x for q, x in v.answers.items() if rng.random() < 0.7}
            full = score(s, v, data if k % 2 else None)
            quick = score(s, v, data if k % 2 else None, explain=False)
            strip = {"explanation", "clauses", "partial_clauses"}
            assert quick.model_dump(exclude={"benchmarks": {"__all__": strip}}) == \
                full.model_dump(exclude={"benchmarks": {"__all__": strip}}), path
            # the results are valid models, though built without validation
            assert type(quick).model_validate(quick.model_dump()).model_dump() == \
                quick.model_dump()
