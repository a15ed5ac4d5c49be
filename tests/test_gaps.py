"""Gap analysis: the shortest path to a level, the ranking, what-if, unreachable targets, the
plan's progress on each gap, and `seal gaps`."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine
from seal_engine import BenchmarkStatus as S
from seal_engine import render_gaps
from seal_engine.cli import app
from seal_engine.errors import ScoringError
from seal_engine.gaps import failing_conditions, gap_analysis, shortest_path, what_if
from seal_engine.models import Assessment, Level, Scoring
from seal_engine.plans import PlanStatus, draft_plan

from .conftest import AGENCY, PATH_STD, RIVERTON, ROOT, STARTER

HERE = Path(__file__).parent
ALL = ["M1", "M2", "M3", "P1", "P2", "P3", "P4", "P5", "P6"]


@pytest.fixture(scope="module")
def std():
    return seal_engine.load_standard(PATH_STD)


@pytest.fixture(scope="module")
def starter():
    return seal_engine.load_standard(STARTER)


def make(met=(), partial=(), unanswered=()) -> Assessment:
    """An assessment of the path standard: ``met`` answered yes (with evidence), ``partial``
    drafted, ``unanswered`` left blank, every other benchmark answered no."""
    answers, evidence = {}, []
    for b in ALL:
        if b in unanswered:
            continue
        answers[f"{b}.q"] = b in met
        if b in partial:
            answers[f"{b}.draft"] = True
        if b in met and b in ("M1", "P1"):
            evidence.append({"requirement": f"{b}.doc", "title": f"Proof of {b}",
                             "reference": f"{b.lower()}.pdf"})
    return Assessment.model_validate({
        "id": "t", "standard": {"id": "plans-path", "version": 1},
        "institution": {"id": "T", "name": "Test", "country": "X", "scope": "national"},
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
        "answers": answers, "evidence": evidence})


# ---------------------------------------------------------------------------- shortest path


def test_path_to_silver_is_mandatory_plus_fewest_cheapest_extras(std):
    # 2 of 15 points; Silver needs 10.5.  M2 is mandatory (+1), then 7.5 more: four benchmarks
    # at least (3+2+2+1).  Among the four-benchmark sets, P1+P2+P6+P4 costs least effort (7),
    # ahead of the top four by points P1+P2+P6+P3 (effort 9); P4 beats P5 on standard order.
    result = seal_engine.score(std, make(met=["M1"]))
    p = shortest_path(std, result, "silver")
    assert p.reachable and not p.already_reached
    assert p.mandatory == ["M2"]
    assert p.extra == ["P1", "P2", "P6", "P4"]
    assert p.benchmarks == ["M2", "P1", "P2", "P6", "P4"]
    assert p.points_after == 11
    assert p.score_after == 73.33
    assert p.level_after == "silver"


def test_partially_met_gains_only_the_remaining_points(std):
    # P1 (weight 3) is partially met: it gains 1.5, so the three 2-point benchmarks close the
    # 6-point gap, and P1 is not chosen although it weighs most.
    result = seal_engine.score(std, make(met=["M1"], partial=["P1"]))
    assert result.benchmark("P1").status is S.partially_met
    p = shortest_path(std, result, "silver")
    assert p.mandatory == ["M2"]
    assert p.extra == ["P2", "P6", "P3"]
    assert p.score_after == 70.0


def test_level_title_works_as_target(std):
    result = seal_engine.score(std, make(met=["M1"]))
    assert shortest_path(std, result, "Silver") == shortest_path(std, result, "silver")


def test_path_when_level_already_reached(std):
    result = seal_engine.score(std, make(met=ALL))
    p = shortest_path(std, result, "gold")
    assert p.reachable and p.already_reached and p.benchmarks == []


def test_mandatory_only_path(starter):
    # Riverton is at Getting started with 77 %; Building needs only the mandatory committee
    # benchmark.
    a = seal_engine.load_assessment(RIVERTON)
    result = seal_engine.score(starter, a, seal_engine.load_workforce_for(a))
    p = shortest_path(starter, result, "building")
    assert (p.mandatory, p.extra, p.level_after) == (["ST-LC-02"], [], "building")
    top = shortest_path(starter, result, "established")
    assert top.mandatory == ["ST-LC-02", "ST-WE-02"]
    assert top.extra == []


def test_path_agrees_with_scoring_the_completed_assessment(std):
    # Meeting exactly the path's benchmarks reaches the level when scored for real, and one
    # benchmark fewer does not.
    result = seal_engine.score(std, make(met=["M1"]))
    p = shortest_path(std, result, "silver")
    done = seal_engine.score(std, make(met=["M1", *p.benchmarks]))
    assert done.level == "silver"
    short = seal_engine.score(std, make(met=["M1", *p.benchmarks[:-1]]))
    assert short.level != "silver"


def _reaching_subsets(std, seed: int):
    """A random start, and for each level every subset of the open benchmarks that reaches it
    when scored for real."""
    rng = random.Random(seed)
    met = [b for b in ALL if rng.random() < 0.3]
    partial = [b for b in ALL if b not in met and rng.random() < 0.3]
    result = seal_engine.score(std, make(met=met, partial=partial))
    open_ids = [b.id for b in result.benchmarks if b.status is not S.met]
    order = {lv.id: lv.order for lv in std.levels}
    reached = {
        c: seal_engine.score(std, make(met=met + list(c), partial=partial)).level
        for n in range(len(open_ids) + 1) for c in itertools.combinations(open_ids, n)}
    reaching = {level: [c for c, lv in reached.items() if lv and order[lv] >= order[level]]
                for level in ("bronze", "silver", "gold")}
    return result, reaching


EFFORT = {"low": 1, "medium": 2, "high": 3}


@pytest.mark.parametrize("seed", range(8))
def test_path_is_minimal_by_brute_force(std, seed):
    # Against every subset of the open benchmarks, scored for real: the path has the fewest
    # benchmarks that reach the level, and the least effort among those.
    result, reaching = _reaching_subsets(std, seed)
    effort = {b.id: EFFORT[b.effort] for b in std.benchmarks()}
    for level, subsets in reaching.items():
        p = shortest_path(std, result, level)
        assert subsets, "every level is reachable in this standard"
        fewest = min(len(c) for c in subsets)
        least = min(sum(effort[b] for b in c) for c in subsets if len(c) == fewest)
        if p.already_reached:
            assert fewest == 0
            continue
        assert len(p.benchmarks) == fewest, (level, p)
        assert sum(effort[b] for b in p.benchmarks) == least, (level, p)
        assert tuple(sorted(p.benchmarks)) in {tuple(sorted(c)) for c in subsets}


@pytest.mark.parametrize("seed", range(100, 108))
def test_easiest_path_is_least_effort_by_brute_force(std, seed):
    # The same, choosing by least total effort: no subset that reaches the level costs less.
    result, reaching = _reaching_subsets(std, seed)
    effort = {b.id: EFFORT[b.effort] for b in std.benchmarks()}
    for level, subsets in reaching.items():
        p = shortest_path(std, result, level, prefer="easiest")
        least = min(sum(effort[b] for b in c) for c in subsets)
        if p.already_reached:
            continue
        assert sum(effort[b] for b in p.benchmarks) == least, (level, p)
        assert tuple(sorted(p.benchmarks)) in {tuple(sorted(c)) for c in subsets}
        fewest = shortest_path(std, result, level)
        assert sum(effort[b] for b in fewest.benchmarks) >= least
        assert len(p.benchmarks) >= len(fewest.benchmarks)


# ---------------------------------------------------------------------------- unreachable


def test_unreachable_when_a_mandatory_benchmark_is_ruled_out(std):
    result = seal_engine.score(std, make(met=["M1"]))
    p = shortest_path(std, result, "silver", exclude=["M2"])
    assert not p.reachable
    assert p.reasons == [
        "M2 (Benchmark M2) is mandatory from Silver but is ruled out, so Silver cannot be "
        "reached"]


def test_unreachable_when_points_run_out(std):
    result = seal_engine.score(std, make(met=["M1"]))
    p = shortest_path(std, result, "silver", exclude=["P1", "P2", "P3", "P6"])
    assert not p.reachable
    assert p.mandatory == ["M2"]
    assert p.reasons == [
        "even with every remaining benchmark met the score would be 40 % (6 of 15 points) and "
        "Silver needs at least 70 % (ruled out: P1, P2, P3, P6)"]


def test_unreachable_threshold_even_with_everything(std):
    strict = std.model_copy(update={
        "scoring": Scoring(threshold_operator=">"),
        "levels": [*std.levels[:2], Level(id="gold", title="Gold", order=3, min_score=100)]})
    result = seal_engine.score(std, make(met=["M1"]))
    p = shortest_path(strict, result, "gold")
    assert not p.reachable
    assert p.reasons == [
        "even with every remaining benchmark met the score would be 100 % (15 of 15 points) "
        "and Gold needs more than 100 %"]


def test_unreachable_target_in_the_report(std):
    report = gap_analysis(std, make(met=["M1"]), target="gold", exclude=["M3"])
    assert report.target.level == "gold" and not report.target.reachable
    assert "M3 (Benchmark M3) is mandatory from Gold but is ruled out" in report.target.reasons[0]
    # mandatory benchmarks of the target still come first; the ruled-out one comes last
    assert [g.id for g in report.gaps][:2] == ["M2"] + ["P1"]
    assert report.gaps[-1].id == "M3"
    assert report.gaps[-1].reason == "ruled out by the institution"
    text = render_gaps(report, "table", std)
    assert "Gold: out of reach — M3 (Benchmark M3) is mandatory from Gold but is ruled out" in text


def test_unknown_ids_raise_located_errors(std):
    result = seal_engine.score(std, make(met=["M1"]))
    with pytest.raises(ScoringError, match="'platinum' is not a level of plans-path v1; use one "
                                           "of bronze, silver, gold"):
        shortest_path(std, result, "platinum")
    with pytest.raises(ScoringError) as e:
        gap_analysis(std, make(), assume_met=["M2", "X9"])
    assert e.value.problems[0].record_id == "X9"
    assert e.value.problems[0].field == "assume_met"
    assert "'X9' is not a benchmark of plans-path v1" in str(e.value)


# ---------------------------------------------------------------------------- ranking


def test_ranking_follows_the_paths_level_by_level(std):
    # default target: the next level (Bronze).  Bronze needs 5.5 points: three benchmarks, the
    # cheapest being P1+P2 and one low-effort 1-pointer; M2 wins over P4 and P5 because Silver
    # makes it mandatory anyway.  Then Silver: P6 + P4; then Gold: M3 + P3; then the rest (P5).
    report = gap_analysis(std, make(met=["M1"]))
    assert report.level is None
    assert report.target.level == "bronze"
    assert [p.level for p in report.paths] == ["bronze", "silver", "gold"]
    assert report.paths[0].extra == ["P1", "P2", "M2"]
    assert (report.paths[1].mandatory, report.paths[1].extra) == ([], ["P6", "P4"])
    assert (report.paths[2].mandatory, report.paths[2].extra) == (["M3"], ["P3"])
    assert [g.id for g in report.gaps] == ["P1", "P2", "M2", "P6", "P4", "M3", "P3", "P5"]
    assert [g.priority for g in report.gaps] == list(range(1, 9))
    assert [g.path for g in report.gaps] == ["bronze"] * 3 + ["silver"] * 2 + ["gold"] * 2 + [None]
    assert report.gap("M2").reason == (
        "mandatory from Silver; adds 1 point towards the Bronze threshold (50 %)")
    assert report.gap("M3").reason == "mandatory from Gold"
    assert report.gap("P6").reason == "adds 2 points towards the Silver threshold (70 %)"
    assert report.gap("P5").reason == "not mandatory; adds 1 point to the score"


def test_ranking_with_a_chosen_target(std):
    report = gap_analysis(std, make(met=["M1"]), target="silver")
    assert report.target.benchmarks == ["M2", "P1", "P2", "P6", "P4"]
    assert [g.id for g in report.gaps] == ["M2", "P1", "P2", "P6", "P4", "M3", "P3", "P5"]


def test_rest_is_ranked_by_weight_then_effort(std):
    # Everything needed for Gold met but P1 (w3, high), P3 (w2, high), P6 (w2, medium) and
    # P5 (w1, low): Gold is reached, so they rank by weight, then lower effort.
    report = gap_analysis(std, make(met=["M1", "M2", "M3", "P2", "P4"] + ["P1", "P3", "P6"]))
    assert report.level == "gold"
    assert report.target is None and report.paths == []
    report = gap_analysis(std, make(met=["M1", "M2", "M3", "P2", "P4", "P5"], partial=["P3"]))
    assert report.level == "bronze"
    report = gap_analysis(std, make(met=ALL[:3] + ["P1", "P2", "P4", "P6", "P3"]))
    assert report.level == "gold" and [g.id for g in report.gaps] == ["P5"]
    assert "The highest level is reached" in report.notes[0]


def test_gap_details(std):
    report = gap_analysis(std, make(met=["M1"], partial=["P1"], unanswered=["P5"]), target="silver")
    p1 = report.gap("P1")
    assert (p1.status, p1.points, p1.gain, p1.blocks, p1.effort) == (
        S.partially_met, 1.5, 1.5, "score only", "high")
    # evidence is listed once, under missing_evidence, not among the failing conditions
    assert p1.failing == ["“Is P1 done?” (P1.q): no"]
    assert [e.id for e in p1.missing_evidence] == ["P1.doc"]
    assert [e.id for e in p1.missing_evidence] == ["P1.doc"]
    m2 = report.gap("M2")
    assert m2.blocks == "Silver" and m2.mandatory_from == "silver"
    assert m2.failing == ["“Is M2 done?” (M2.q): no"]
    p5 = report.gap("P5")
    assert p5.status is S.not_answered and p5.unanswered == ["P5.q"]
    assert p5.failing == ["“Is P5 done?” (P5.q): not answered"]
    assert report.without_action == ["P5"]
    assert [a.id for a in report.gap("P4").actions] == ["A-P2"]


def test_failing_clauses_in_words(starter):
    report = gap_analysis(starter, seal_engine.load_assessment(RIVERTON))
    assert report.gap("ST-LC-03").failing == [
        "“What share of the operating budget is that?” (ST-LC-03.budget_share) is 0.4 %; "
        "needs at least 1 %"]
    assert report.gap("ST-LC-02").blocks == "Building"
    assert report.gap("ST-WE-04").blocks == "score only"
    assert [g.id for g in report.gaps] == ["ST-LC-02", "ST-WE-02", "ST-WE-04", "ST-LC-03"]


def test_not_met_and_unanswered_are_gaps_met_and_na_are_not(std):
    report = gap_analysis(std, make(met=["M1", "P2"], unanswered=["P5"]))
    ids = {g.id for g in report.gaps}
    assert "M1" not in ids and "P2" not in ids and "P5" in ids


# ---------------------------------------------------------------------------- what-if


def test_what_if_matches_scoring_the_changed_assessment(std):
    base = make(met=["M1"])
    assumed = what_if(std, base, ["M2", "P1", "P2", "P6", "P4"])
    real = seal_engine.score(std, make(met=["M1", "M2", "P1", "P2", "P6", "P4"]))
    assert assumed.level == real.level == "silver"
    assert (assumed.score, assumed.points, assumed.max_points) == (
        real.score, real.points, real.max_points)
    assert assumed.dimensions == real.dimensions
    assert assumed.next_level == real.next_level
    assert [b.status for b in assumed.benchmarks] == [b.status for b in real.benchmarks]
    assert assumed.benchmark("M2").explanation == [
        "Met (assumed, what-if); was not met with 0 of 1 points."]


def test_what_if_partial_to_met(starter):
    a = seal_engine.load_assessment(RIVERTON)
    r = what_if(starter, a, ["ST-LC-02"])
    assert (r.level, r.score, r.points) == ("building", 81.82, 9.0)
    assert r.next_level.id == "established" and r.next_level.blocking == ["ST-WE-02"]
    r = what_if(starter, a, ["ST-LC-02", "ST-WE-02"])
    assert r.level == "established" and r.next_level is None


def test_what_if_not_enough_without_mandatory(std):
    r = what_if(std, make(met=["M1"]), ["P1", "P2", "P3", "P6", "P4", "P5"])
    assert r.score == 86.67 and r.level == "bronze"
    assert r.next_level.blocking == ["M2"]


def test_what_if_rejects_not_applicable(std):
    a = make(met=["M1"])
    a.not_applicable["P5"] = "no such unit"
    with pytest.raises(ScoringError, match="'P5' is not applicable to t, so it cannot be "
                                           "assumed met"):
        what_if(std, a, ["P5"])


def test_gap_report_with_assumptions(std):
    report = gap_analysis(std, make(met=["M1"]), assume_met=["M2", "P1", "P2", "P6", "P4"])
    assert (report.level_before, report.level) == (None, "silver")
    assert report.assumed_met == ["M2", "P1", "P2", "P6", "P4"]
    assert [g.id for g in report.gaps] == ["M3", "P3", "P5"]
    assert report.target.level == "gold"


# ---------------------------------------------------------------------------- progress


def test_plan_progress_on_each_gap(std):
    a = make(met=["M1"])
    report = gap_analysis(std, a, target="silver")
    plan = draft_plan(std, a, report)
    rows = {r.action: r for r in plan.rows}
    rows["A-M2"] = rows["A-M2"].model_copy(update={
        "status": PlanStatus.done, "progress": 100, "evidence": "attendance-2026.xlsx"})
    rows["A-P1"] = rows["A-P1"].model_copy(update={"status": PlanStatus.in_progress,
                                                   "progress": 40})
    rows["A-P3"] = rows["A-P3"].model_copy(update={"status": PlanStatus.dropped})
    plan = plan.model_copy(update={"rows": [rows[r.action] for r in plan.rows]})
    report = gap_analysis(std, a, target="silver", plan=plan)
    assert report.gap("M2").plan_status == "done"
    assert report.gap("M2").actions[0].evidence == "attendance-2026.xlsx"
    assert report.gap("P1").plan_status == "in_progress"
    assert report.gap("P1").actions[0].progress == 40
    assert report.gap("P2").plan_status == "planned"
    assert report.gap("P3").plan_status == "none"  # its only action was dropped
    assert report.without_action == ["P3", "P5"]
    assert any(n.startswith("M2: every planned action is done") for n in report.notes)
    text = render_gaps(report, "table", std)
    assert "done (A-M2 done)" in text and "Gaps with no action: P3, P5." in text


# ---------------------------------------------------------------------------- rendering


def test_render_formats(starter):
    report = gap_analysis(starter, seal_engine.load_assessment(RIVERTON))
    table = render_gaps(report, "table", starter)
    assert "Building: meet 1 benchmark (mandatory ST-LC-02) → 81.8 %." in table
    # the starter counts weighted points, and the gaps say so
    assert "Score: 77.3 % of points (8.5 of 11)" in table and "+Points" in table
    md = render_gaps(report, "markdown", starter)
    assert md.startswith("# Riverton National Water Agency — gaps against seal-starter v2")
    assert "| 1 | ST-LC-02 | A gender equality committee that meets | partially met |" in md
    data = json.loads(render_gaps(report, "json"))
    assert data["gaps"][0]["id"] == "ST-LC-02" and data["target"]["level"] == "building"


def test_full_standard_when_it_loads(tmp_path):
    folder = ROOT / "standards" / "undp-seal-public-institutions"
    try:
        s = seal_engine.load_standard(folder)
    except (seal_engine.SealError, OSError) as e:  # being written by a colleague
        pytest.skip(f"full standard does not load yet: {e}")
    from seal_engine.plans import read_plan, write_plan
    from seal_engine.template import assessment_template

    examples = [p for p in sorted((ROOT / "assessments").glob("**/*.yaml"))
                if seal_engine.load_assessment(p).standard.id == s.id]
    if examples:
        a = seal_engine.load_assessment(examples[0])
    else:  # a blank assessment: every benchmark is a gap
        blank = tmp_path / "blank.yaml"
        blank.write_text(assessment_template(s), encoding="utf-8")
        a = seal_engine.load_assessment(blank)
    report = gap_analysis(s, a, target="gold")
    assert [g.priority for g in report.gaps] == list(range(1, len(report.gaps) + 1))
    if report.target.reachable:
        done = what_if(s, a, report.target.benchmarks)
        assert done.level == "gold"
    plan = draft_plan(s, a, report)
    assert [r.no for r in plan.rows] == list(range(1, len(plan.rows) + 1))
    for suffix in (".xlsx", ".csv", ".md"):
        assert read_plan(write_plan(plan, tmp_path / f"plan{suffix}", standard=s), s, plan) == plan


# ---------------------------------------------------------------------------- CLI


runner = CliRunner()


def test_cli_gaps_table():
    r = runner.invoke(app, ["gaps", str(RIVERTON)])
    assert r.exit_code == 0, r.output
    assert "Shortest path:" in r.stdout and "ST-LC-02" in r.stdout


def test_cli_gaps_target_assume_and_json():
    r = runner.invoke(app, ["gaps", str(AGENCY), "-s", str(PATH_STD), "--target", "silver",
                            "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["target"]["mandatory"] == ["M2"]
    assert data["target"]["extra"] == ["P1", "P2", "P6", "P4"]
    r = runner.invoke(app, ["gaps", str(AGENCY), "-s", str(PATH_STD),
                            "--assume-met", "M2,P1,P2,P6,P4", "--format", "markdown"])
    assert r.exit_code == 0, r.output
    assert "What-if: assuming M2, P1, P2, P6, P4 met (without: no level)." in r.stdout
    assert "Level: Silver" in r.stdout


def test_cli_gaps_on_the_share_of_benchmarks_met(monkeypatch):
    """On the programme's basis the gaps name it: the score as a share of applicable benchmarks
    met, '+Met' (not '+Points') at any width, and the path's extra benchmarks are there 'to
    reach the threshold'."""
    bronze = ROOT / "assessments" / "highlands-provincial-health" / "2025.yaml"
    for columns in ("250", "60"):  # the wide table and the narrow one
        monkeypatch.setenv("COLUMNS", columns)
        r = runner.invoke(app, ["gaps", str(bronze)])
        assert r.exit_code == 0, r.output
        assert "Level: Bronze Score: 61.4 % of applicable benchmarks met (35 of 57)" in \
            " ".join(r.stdout.split())
        header = next(ln for ln in r.stdout.splitlines() if ln.lstrip().startswith("#  "))
        assert "+Met" in header.split() and "+Points" not in r.stdout
    baseline = ROOT / "assessments" / "highlands-provincial-health" / "2024.yaml"
    text = " ".join(runner.invoke(app, ["gaps", str(baseline)]).stdout.split())
    assert "; to reach the threshold LC-04," in text and "for points" not in text


def test_cli_gaps_bad_arguments():
    r = runner.invoke(app, ["gaps", str(RIVERTON), "--target", "platinum"])
    assert r.exit_code == 2
    assert "'platinum' is not a level of seal-starter v2" in r.output
    r = runner.invoke(app, ["gaps", str(RIVERTON), "--assume-met", "ST-XX-01"])
    assert r.exit_code == 2
    assert "'ST-XX-01' is not a benchmark of seal-starter v2" in r.output


def test_cli_gaps_with_plan(tmp_path):
    r = runner.invoke(app, ["actions", str(RIVERTON), "--format", "csv", "-o",
                            str(tmp_path / "plan.csv")])
    assert r.exit_code == 0, r.output
    text = (tmp_path / "plan.csv").read_text(encoding="utf-8-sig")
    text = text.replace(",ST-A-02,", ",ST-A-02,", 1).replace(
        "2026-Q1,2026-Q1,,Head of the institution,,planned,0,,",
        "2026-Q1,2026-Q1,,Head of the institution,,done,100,minutes-2026.pdf,")
    (tmp_path / "plan.csv").write_text(text, encoding="utf-8-sig")
    r = runner.invoke(app, ["gaps", str(RIVERTON), "--plan", str(tmp_path / "plan.csv")])
    assert r.exit_code == 0, r.output
    assert "done (ST-A-02 done)" in r.stdout


def test_cli_missing_assessment():
    r = runner.invoke(app, ["gaps", "no-such-file.yaml"])
    assert r.exit_code == 1
    assert "error:" in r.stderr


def _c(state, text, kind="condition", *clauses, evidence=None):
    from seal_engine.models import Clause

    return Clause(state=state, kind=kind, text=text, clauses=list(clauses), evidence=evidence)


def test_failing_lists_innermost_failing_clauses_once():
    share = _c("fails", "“Share?” (A.s) is 20 %; needs at least 30 %")
    clauses = [
        _c("holds", "“Policy?” (A.q): yes"),
        _c("fails", "all of these hold:", "all",
           _c("holds", "“Declared?” (A.d): yes"), share,
           _c("fails", "evidence A.e (Stats) is missing", evidence="A.e")),
        share,
        _c("holds", "at least one of these holds:", "any", _c("fails", "“Other?” (A.o): no")),
    ]
    assert failing_conditions(clauses) == ["“Share?” (A.s) is 20 %; needs at least 30 %"]


def test_alternatives_are_shown_together():
    clauses = [_c("fails", "none of these holds:", "any",
                  _c("fails", "“Complaints?” (C.n) is 6; needs 0"),
                  _c("fails", "closed ÷ received is 50 %; needs at least 80 %"))]
    assert failing_conditions(clauses) == [
        "either “Complaints?” (C.n) is 6; needs 0, or closed ÷ received is 50 %; needs at least "
        "80 %"]


def test_gaps_never_give_one_alternative_as_if_required():
    """WE-11: no complaints, or at least 80 % of them closed in time.  Highlands 2025 received
    6 complaints and closed 3 in time, so both alternatives fail (the Ministry of Labour, the
    example here before, closes 8 of 9 in time since the examples moved to v2: WE-11 is met)."""
    path = ROOT / "assessments" / "highlands-provincial-health" / "2025.yaml"
    r = runner.invoke(app, ["gaps", str(path)])
    assert r.exit_code == 0, r.output
    lines = [ln.strip() for ln in r.stdout.splitlines()]
    assert "- “How many harassment complaints were received in the past 12 months?” " \
           "(WE-11.received) is 6; needs 0" not in lines
    assert any(ln.startswith("- either “How many harassment complaints were received in the "
                             "past 12 months?” (WE-11.received) is 6; needs 0, or ")
               for ln in lines)
