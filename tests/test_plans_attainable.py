"""Plans that can be met (issue 18, item 10): a drafted target moves towards what its benchmark
needs no faster than the pace the action library gives the indicator (with its source), with a
milestone each year for a value further away; a difference of shares is in percentage points;
an analysis gets an output indicator, not the outcome it informs; a benchmark not answered yet
gets "answer first", not actions; the SMART check flags a target its time frame cannot reach;
and the Highlands health department, with women over-represented overall but not in
management, is not told to lower women's share of all staff."""

from __future__ import annotations

import json
import math
from itertools import pairwise
from pathlib import Path

import pytest

import seal_engine as se
from seal_engine.compilation import compiled
from seal_engine.plans import ActionPlan, check_plan, draft_plan, render_plan
from seal_engine.plans.model import quarter_index
from seal_engine.rules import compile_rule

from .conftest import PLANS, ROOT

UNDP = ROOT / "standards" / "undp-seal-public-institutions"
HIGHLANDS = ROOT / "assessments" / "highlands-provincial-health" / "2025.yaml"
AVIATION = ROOT / "assessments" / "valdoria-civil-aviation-authority" / "2025.yaml"
# the examples of the Seal for Public Institutions (the starter standard has no paces)
EXAMPLES = sorted(p for p in (ROOT / "assessments").glob("*/*.yaml")
                  if "undp-seal-public-institutions" in p.read_text(encoding="utf-8")[:2000])
OUTCOMES = {"A-WE-02a", "A-WE-03b", "A-WE-04a", "A-WE-05b", "A-WE-17a"}


@pytest.fixture(scope="module")
def undp() -> se.Standard:
    return se.load_standard(UNDP)


def _drafted(path: Path, workforce: bool = True, answers: dict | None = None, **kw):
    a = se.load_assessment(path)
    if answers:
        a = a.model_copy(update={"answers": {**a.answers, **answers}})
    s = se.standard_for(a)
    data = se.load_workforce_for(a) if workforce else None
    return s, a, draft_plan(s, a, workforce=data, **kw)


def _marks(plan: ActionPlan, action: str) -> list[tuple[str, float]]:
    return [(m.quarter, m.target) for m in plan.milestones if m.action == action]


# ---------------------------------------------------------------------------- the library


def test_outcome_indicators_have_a_pace_with_a_source_and_analyses_have_none(undp):
    paced = {a.id: a for a in undp.actions if a.indicator is not None and a.indicator.pace}
    assert OUTCOMES <= set(paced)
    for a in paced.values():
        source = a.indicator.pace.source.lower()
        assert "seed" in source or "choice of this standard" in source, a.id
        assert a.indicator.unit in ("percent", "points", "number", "share"), a.id
        # an analysis, a tracking or a monitoring action delivers an output, not an outcome
        assert a.area.value not in ("data_collection", "monitoring_evaluation"), a.id
    # the differences of shares are in percentage points, never in percent
    assert {a.id: a.indicator.unit for a in undp.actions if a.indicator
            and a.indicator.measure == "metric('pipeline_drop')"} == {"A-WE-04a": "points"}


def test_analysis_actions_have_output_indicators(undp):
    by_id = {a.id: a for a in undp.actions}
    for action in ("A-WE-05a", "A-WE-07a", "A-WE-09a", "A-RI-06a"):
        ind = by_id[action].indicator
        assert (ind.unit, ind.baseline, ind.target, ind.pace) == ("yes_no", 0, 1, None), action
    assert by_id["A-WE-05b"].indicator.text == "Unadjusted pay gap (mean)"


def test_refocus_rules_compile_name_library_actions_and_cite_a_source(undp):
    ids = {a.id for a in undp.actions}
    found = [a for a in undp.actions if a.indicator is not None and a.indicator.refocus]
    assert [a.id for a in found] == ["A-WE-03b"]
    for a in found:
        rf = a.indicator.refocus
        compile_rule(rf.when, compiled(undp).env, expect="bool")
        assert rf.instead and set(rf.instead) <= ids - {a.id}
        assert "choice of this standard" in rf.source.lower()


# ---------------------------------------------------------------------------- the issue's cases


def test_a_pay_analysis_gets_an_output_indicator_and_the_gap_moves_at_its_pace():
    # the Civil Aviation Authority: a measured pay gap of 26.2 %, once aimed at 5 % in two
    # quarters under the pay analysis
    s, _, plan = _drafted(AVIATION)
    rows = {r.action: r for r in plan.rows}
    analysis = rows["A-WE-05a"]
    assert (analysis.unit, analysis.baseline, analysis.target) == ("yes_no", 0, 1)
    gap = rows["A-WE-05b"]
    assert (gap.indicator, gap.unit, gap.baseline) == ("Unadjusted pay gap (mean)", "percent",
                                                       26.2)
    quarters = quarter_index(gap.end) - quarter_index(gap.start) + 1
    assert gap.target == pytest.approx(26.2 - 3 * quarters / 4)  # 3 points a year
    marks = _marks(plan, "A-WE-05b")
    assert marks[-1] == ("2033-Q4", 5.0)  # 21.2 points at 3 a year: the eighth year
    assert "WE-05 needs at most 5 %, 21.2 percentage points from the baseline 26.2 %" in gap.notes
    assert not [r for r in plan.rows if r.indicator == "Unadjusted pay gap (mean)"
                and r.target == 5]
    assert not [i for i in check_plan(plan, s) if i.criterion == "achievable"]


def test_the_pipeline_drop_is_in_percentage_points_with_yearly_milestones():
    # Highlands: a 38.4-point fall from one grade to the next, once aimed at "10 %" in a year
    s, _, plan = _drafted(HIGHLANDS)
    row = {r.action: r for r in plan.rows}["A-WE-04a"]
    assert (row.unit, row.baseline, row.target, row.start, row.end) == (
        "points", 38.4, 33.4, "2026-Q1", "2026-Q4")
    assert _marks(plan, "A-WE-04a") == [
        ("2026-Q4", 33.4), ("2027-Q4", 28.4), ("2028-Q4", 23.4), ("2029-Q4", 18.4),
        ("2030-Q4", 13.4), ("2031-Q4", 10.0)]
    assert "10 %" not in row.notes and "38.4 %" not in row.notes
    assert "at most 10 percentage points, 28.4 percentage points from the baseline 38.4 " \
           "percentage points" in row.notes
    assert "the target for 2026-Q4 is 33.4 percentage points" in row.notes
    text = render_plan(plan, "markdown", s)
    line = next(ln for ln in text.splitlines() if "| A-WE-04a |" in ln)
    assert "| percentage points | 38.4 | 33.4 |" in line


def test_highlands_targets_management_posts_not_women_s_share_of_all_staff():
    s, a, plan = _drafted(HIGHLANDS)
    data = se.load_workforce_for(a)
    # the case: women over-represented overall, under-represented in management
    assert data.metric("women_share") > 0.53
    assert data.metric("women_share", (("grade", "senior"),)) < 0.47
    rows = {r.action: r for r in plan.rows}
    assert not [r for r in plan.rows if r.indicator == "Women's share of all staff"
                and r.target is not None and r.baseline is not None and r.target < r.baseline]
    aside = {x.action: x for x in plan.set_aside}["A-WE-03b"]
    assert aside.reason == "refocused"
    assert aside.instead == ["A-WE-02a", "A-WE-02b", "A-WE-04a"]
    assert "would have women's share of all staff fall from 63 % to 53 %" in aside.note
    assert f"A-WE-02a Targets and succession plans for women in management (row " \
           f"{rows['A-WE-02a'].no}: women's share of senior management posts from 22.7 % to " \
           "27.7 %)" in aside.note
    mgmt = rows["A-WE-02a"]
    assert "management" in mgmt.indicator and mgmt.target > mgmt.baseline
    assert "Women's share of all staff" not in {r.indicator for r in plan.rows}


def test_refocus_holds_only_while_women_are_under_represented_in_management():
    overall = {"WE-03.women_share": 63}
    _, _, plan = _drafted(HIGHLANDS, workforce=False, answers={
        **overall, "WE-02.senior_women": 50, "WE-02.manager_women": 48})
    rows = {r.action: r for r in plan.rows}
    # management at parity: men are the under-represented sex, at the pace of a whole workforce
    assert (rows["A-WE-03b"].baseline, rows["A-WE-03b"].target) == (63, 61)
    _, _, plan = _drafted(HIGHLANDS, workforce=False, answers={
        **overall, "WE-02.senior_women": 50, "WE-02.manager_women": 35})
    assert "A-WE-03b" not in {r.action for r in plan.rows}
    assert {x.action: x.reason for x in plan.set_aside}["A-WE-03b"] == "refocused"


def test_a_benchmark_not_answered_gets_answer_first_not_actions():
    # the Civil Aviation Authority's unfinished draft once got 79 actions
    s, a, plan = _drafted(AVIATION)
    report = se.gap_analysis(s, a, workforce=se.load_workforce_for(a))
    unanswered = [g for g in report.gaps if g.status is se.BenchmarkStatus.not_answered]
    assert len(unanswered) > len(report.gaps) / 2  # mostly unanswered
    assert [(x.benchmark, x.questions) for x in plan.answer_first] == [
        (g.id, g.unanswered) for g in unanswered]
    ids = {g.id for g in unanswered}
    assert not [r.action for r in plan.rows if ids & set(r.benchmarks)]
    assert not ids & set(plan.uncovered)
    assert not [x for x in plan.set_aside if ids & set(x.benchmarks)]
    answered = {g.id for g in report.gaps} - ids
    served = {b for r in plan.rows for b in r.benchmarks}
    assert answered <= served | set(plan.uncovered)
    first = plan.answer_first[0]
    assert first.note.startswith(f"answer {', '.join(first.questions)} first")
    assert any("not answered yet" in n for n in plan.notes)
    text = render_plan(plan, "markdown", s)
    assert "## Answer first" in text and f"- {first.benchmark} " in text


def test_answer_first_in_a_small_standard():
    std = se.load_standard(PLANS / "aims.yaml")
    a = se.parse_assessment({
        "type": "assessment", "id": "t-2025", "standard": {"id": "plans-aims", "version": 1},
        "institution": {"id": "I", "name": "Test", "country": "C", "scope": "national"},
        "period": {"start": "2025-01-01", "end": "2025-12-31", "label": "2025"},
        "answers": {"B2.share": 30, "B3.complaints": 6, "B3.reviews": 1, "B4.tool": "no",
                    "B4.done": 8, "B4.all": 10}})
    plan = draft_plan(std, a)
    assert [(x.benchmark, x.questions) for x in plan.answer_first] == [("B1", ["B1.share"])]
    assert {"A1", "A5"}.isdisjoint(r.action for r in plan.rows)  # B1's actions
    assert {"A2", "A3a", "A3b", "A4b"} <= {r.action for r in plan.rows}


# ---------------------------------------------------------------------------- the SMART check


def _edited(plan: ActionPlan, **row) -> ActionPlan:
    base = plan.rows[0].model_copy(update={"no": 1, "notes": None, **row})
    return plan.model_copy(update={"rows": [base]})


def test_smart_check_flags_a_pay_gap_target_two_quarters_cannot_reach():
    s, _, plan = _drafted(AVIATION)
    bad = _edited(plan, action="A-WE-05a", benchmarks=["WE-05"],
                  indicator="Unadjusted pay gap (mean)", unit="percent", baseline=26.2, target=5,
                  start="2026-Q3", end="2026-Q4")
    found = [i for i in check_plan(bad, s) if i.criterion == "achievable"]
    assert [i.message for i in found] == [
        "the target 5 % is 21.2 percentage points from the baseline 26.2 %, to be reached in 2 "
        "quarters (2026-Q3–2026-Q4); at the standard's pace of at most 3 percentage points a "
        "year for this indicator it can move 1.5 percentage points in that time: aim at 24.7 % "
        "by 2026-Q4 and set a milestone for each later year"]
    # at the pace, nothing to say
    ok = _edited(plan, action="A-WE-05b", benchmarks=["WE-05"], baseline=26.2, target=24.7,
                 indicator="Unadjusted pay gap (mean)", unit="percent", start="2026-Q3",
                 end="2026-Q4")
    assert not [i for i in check_plan(ok, s) if i.criterion == "achievable"]


def test_smart_check_flags_a_pipeline_drop_cut_to_ten_points_in_a_year():
    s, _, plan = _drafted(HIGHLANDS)
    row = {r.action: r for r in plan.rows}["A-WE-04a"]
    bad = plan.model_copy(update={"rows": [row.model_copy(update={"target": 10})]})
    [issue] = [i for i in check_plan(bad, s) if i.criterion == "achievable"]
    assert issue.message.startswith(
        "the target 10 percentage points is 28.4 percentage points from the baseline 38.4 "
        "percentage points, to be reached in 4 quarters (2026-Q1–2026-Q4); at the standard's "
        "pace of at most 5 percentage points a year")
    assert "aim at 33.4 percentage points by 2026-Q4" in issue.message
    assert "%" not in issue.message


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_drafted_example_moves_faster_than_its_library_allows(path, undp):
    s, _, plan = _drafted(path)
    paces = {a.id: a.indicator.pace for a in s.actions if a.indicator and a.indicator.pace}
    assert paces, "the examples' standard gives its outcome indicators a pace"
    for r in plan.rows:
        pace = paces.get(r.action)
        if pace is None or r.baseline is None or r.target is None:
            continue
        quarters = quarter_index(r.end) - quarter_index(r.start) + 1
        assert abs(r.target - r.baseline) <= pace.per_year * quarters / 4 + 1e-9, r
        marks = _marks(plan, r.action)
        values = [r.baseline] + [v for _, v in marks]
        # a milestone each year, never more than a year's pace apart, ending where it aims
        assert all(abs(b - a) <= pace.per_year + 1e-9 for a, b in pairwise(values)), r
        quarters_of = [quarter_index(q) for q, _ in marks]
        assert all(b - a == 4 for a, b in pairwise(quarters_of)), r
        if marks:
            assert math.isclose(marks[-1][1], max(values, key=lambda v: abs(v - r.baseline)))
    assert not [str(i) for i in check_plan(plan, s) if i.criterion == "achievable"]


def test_answer_first_and_milestones_are_kept_in_json():
    _, _, plan = _drafted(AVIATION)
    assert plan.answer_first and plan.milestones
    back = ActionPlan.model_validate(json.loads(render_plan(plan, "json")))
    assert (back.answer_first, back.milestones) == (plan.answer_first, plan.milestones)
