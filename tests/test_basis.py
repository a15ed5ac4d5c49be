"""The level basis as data: the share of applicable benchmarks met (each benchmark once, no credit
for "partially met") or weighted points, named in every result; mandatory means met (a claim the
institution made itself never satisfies a mandatory benchmark); results levels as a second
grouping; benchmarks that may not be claimed not applicable."""

from __future__ import annotations

import json

import pytest

import seal_engine
from seal_engine import Assessment, parse_standard, score
from seal_engine.errors import AssessmentError, StandardError
from seal_engine.models import BenchmarkStatus as S

STANDARD = """
type: standard
id: basis-test
version: 1
title: Basis test
{scoring}
levels:
  - {{id: bronze, title: Bronze, order: 1, min_score: 60}}
  - {{id: silver, title: Silver, order: 2, min_score: 70}}
results_levels:
  - {{id: leadership, title: Leadership and political commitment}}
  - {{id: organisation, title: Organisational management}}
dimensions:
  - id: D1
    title: First
    results_level: leadership
    benchmarks:
      - id: B1
        title: Heavy and mandatory
        weight: 3
        mandatory_from: bronze
        allow_not_applicable: false
        questions: [{{id: B1.q, type: yes_no, text: B1?}}]
        rule: {{met: "answer('B1.q')"}}
      - id: B2
        title: Partly there
        questions: [{{id: B2.q, type: yes_no, text: B2?}},
                    {{id: B2.draft, type: yes_no, text: Draft?, required: false}}]
        rule: {{met: "answer('B2.q')", partially_met: "answer('B2.draft')"}}
  - id: D2
    title: Second
    results_level: organisation
    benchmarks:
      - id: B3
        title: Third
        mandatory_from: silver
        questions: [{{id: B3.q, type: yes_no, text: B3?}}]
        rule: {{met: "answer('B3.q')"}}
      - id: B4
        title: Fourth
        questions: [{{id: B4.q, type: yes_no, text: B4?}}]
        rule: {{met: "answer('B4.q')"}}
      - id: B5
        title: Fifth
        questions: [{{id: B5.q, type: yes_no, text: B5?}}]
        rule: {{met: "answer('B5.q')"}}
"""


def standard(scoring: str = ""):
    return parse_standard(STANDARD.format(scoring=scoring), "basis-test.yaml")


def assessment(answers, na=None, **extra) -> Assessment:
    return Assessment.model_validate({
        "id": "t-2025", "standard": {"id": "basis-test", "version": 1},
        "institution": {"id": "T", "name": "Test Office", "country": "Testland",
                        "scope": "national"},
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
        "answers": answers, "not_applicable": na or {}, **extra})


ANSWERS = {"B1.q": True, "B2.q": False, "B2.draft": True, "B3.q": True, "B4.q": True,
           "B5.q": False}


def test_the_default_basis_is_the_share_of_benchmarks_met_each_once():
    # 3 of 5 met = 60 %: the weight of B1 and the partly met B2 change nothing
    r = score(standard(), assessment(ANSWERS))
    assert r.basis.kind == "benchmarks_met" and r.basis.partial_credit == 0
    assert (r.basis.applicable, r.basis.met, r.basis.partially_met) == (5, 3, 1)
    assert r.score == 60.0 and (r.points, r.max_points) == (3, 5)
    assert r.benchmark("B2").status is S.partially_met and r.benchmark("B2").points == 0
    assert r.level == "bronze"


def test_weighted_points_is_a_basis_a_standard_states():
    r = score(standard("scoring: {basis: weighted_points, partial_credit: 0.5}"),
              assessment(ANSWERS))
    # B1 worth 3, B2 half of 1: (3 + 0.5 + 1 + 1) / 7
    assert r.basis.kind == "weighted_points" and r.max_points == 7
    assert r.score == pytest.approx(78.57, abs=0.01) and r.level == "silver"


def test_the_score_json_names_its_basis():
    data = score(standard(), assessment(ANSWERS)).to_dict()
    assert data["basis"] == {"kind": "benchmarks_met", "partial_credit": 0.0,
                             "threshold_operator": ">=", "applicable": 5, "met": 3,
                             "partially_met": 1}
    json.dumps(data)


def test_quick_and_explained_scores_agree_on_basis_and_claims():
    std = standard()
    a = assessment(ANSWERS, na={"B3": "no such service"})
    full, quick = score(std, a), score(std, a, explain=False)
    assert full.basis == quick.basis and full.level == quick.level
    assert [(b.status, b.points, b.claim) for b in full.benchmarks] == \
        [(b.status, b.points, b.claim) for b in quick.benchmarks]


def test_a_self_declared_claim_never_satisfies_a_mandatory_benchmark():
    std = standard()
    answers = dict(ANSWERS, **{"B2.q": True, "B5.q": True})
    del answers["B3.q"]
    a = assessment(answers, na={"B3": "we run no such service"})
    r = score(std, a)
    # 4 met and B3 (mandatory from Silver) only claimed: the claim stays in the count as not
    # met until an assessor accepts it (4 of 5 = 80 %), and it blocks Silver
    assert r.score == 80.0 and r.level == "bronze" and r.basis.applicable == 5
    assert r.benchmark("B3").claim == "pending"
    assert r.next_level.id == "silver" and r.next_level.pending_claims == ["B3"]
    assert any("pending the assessor" in line for line in r.benchmark("B3").explanation)
    accepted = score(std, a.model_copy(update={"accepted_claims": ["B3"]}))
    assert accepted.level == "silver" and accepted.benchmark("B3").claim == "accepted"
    assert accepted.score == 100.0 and accepted.basis.applicable == 4


def test_gaps_put_a_pending_mandatory_claim_before_the_level_it_blocks():
    std = standard()
    answers = dict(ANSWERS, **{"B2.q": True, "B5.q": True})
    del answers["B3.q"]
    report = seal_engine.gap_analysis(std, assessment(answers, na={"B3": "no such service"}))
    first = report.gaps[0]
    assert first.id == "B3" and "pending the assessor's decision on the claim" in first.reason
    assert report.target.level == "silver" and report.target.mandatory == ["B3"]


def test_a_standard_can_forbid_the_claim_for_a_benchmark():
    with pytest.raises(AssessmentError) as e:
        score(standard(), assessment(ANSWERS, na={"B1": "we have no staff"}))
    problem = e.value.problems[0]
    assert problem.record_id == "B1" and problem.field == "not_applicable.B1"
    assert "cannot be claimed not applicable" in str(problem)


def test_an_accepted_claim_must_be_a_claim():
    with pytest.raises(AssessmentError, match="B4 is listed as an accepted claim"):
        score(standard(), assessment(ANSWERS, accepted_claims=["B4"]))


def test_results_levels_group_the_dimensions():
    r = score(standard(), assessment(ANSWERS))
    assert [(g.id, g.dimensions, g.score) for g in r.results_levels] == [
        ("leadership", ["D1"], 50.0), ("organisation", ["D2"], pytest.approx(66.67))]
    assert r.results_levels[0].counts[S.partially_met] == 1


def test_an_unknown_results_level_is_named_with_its_place():
    text = STANDARD.format(scoring="").replace("results_level: organisation",
                                               "results_level: organization")
    with pytest.raises(StandardError) as e:
        parse_standard(text, "basis-test.yaml")
    problem = e.value.problems[0]
    assert problem.field == "dimensions[1].results_level" or "results_level" in problem.field
    assert "organization" in str(problem) and problem.file == "basis-test.yaml"
    assert problem.line is not None


def test_a_score_is_printed_from_its_exact_share_and_never_seems_to_reach_a_threshold():
    assert seal_engine.shown_decimals(78.947368, 80) == 1
    assert seal_engine.shown_decimals(69.96, 70) == 2
    assert seal_engine.shown_decimals(69.9996, 70) == 4
    assert seal_engine.shown_decimals(70.0, 70) == 1
    # 45 of 57 is 78.947 %: stored rounded to 78.95, printed 78.9 % from the share (not 79.0)
    r = score(standard(), assessment(ANSWERS))
    r = r.model_copy(update={"points": 45.0, "max_points": 57.0, "score": 78.95,
                             "basis": r.basis.model_copy(update={"met": 45, "applicable": 57})})
    out = seal_engine.render_score(r, "table", standard())
    assert "Overall score: 78.9 % of applicable benchmarks met (45 of 57)" in out
