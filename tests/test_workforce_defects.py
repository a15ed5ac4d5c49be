"""Defects of issue 9 in the workforce part, each with a test that failed before the fix:
3.5 suppressed small groups leaking through derived figures, 3.6 invented selection ratios,
3.11 the pay gap's sign, 3.15 "1 men" / "1 women"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine as se
from seal_engine.cli import app
from seal_engine.rules import Missing
from seal_engine.workforce import SUPPRESSED, full_report, parse_workforce

ROOT = Path(__file__).resolve().parent.parent
UNDP = ROOT / "standards" / "undp-seal-public-institutions"
SENIOR = (("grade", "senior"),)


def data_of(text: str, name: str = "w.csv"):
    return parse_workforce(text.encode(), name)


# ------------------------------------------------------------------------------- 3.5

# senior: 1 woman and 3 men, a quarter women; everything about it must stay hidden
SMALL = ("# year: 2025\nsex,grade,headcount,recruited,promoted,exits,exit_reason\n"
         "F,support,40,6,0,4,\nM,support,20,3,0,2,\n"
         "F,manager,12,1,2,1,\nM,manager,18,1,3,2,\n"
         "F,senior,1,0,1,0,\nM,senior,3,1,1,1,\n"
         "M,senior,,,,1,retirement\n")


def _values(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _values(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _values(v)
    else:
        yield obj


def test_nothing_derived_from_a_suppressed_group_is_published():
    data = data_of(SMALL)
    assert data.metric("women_share", SENIOR) == 0.25  # rules see it
    report = full_report(data, by=("grade",), target=0.30)
    senior = next(r for r in report["groups"] if r["grade"] == "senior")
    shown = {k: v for k, v in senior.items() if k not in ("grade", "headcount", "lacking",
                                                          "partial", "parity_needed_sex")}
    assert all(v in (SUPPRESSED, None) for v in shown.values()), shown
    assert senior["parity_needed_sex"] == SUPPRESSED
    # the next smallest row too, or all staff minus the others gives senior's counts
    manager = next(r for r in report["groups"] if r["grade"] == "manager")
    assert manager["women"] == manager["men"] == manager["women_share"] == SUPPRESSED
    # the pipeline: no change and no drop computed with senior
    pipe = report["pipeline"]
    assert pipe["left_out"] == ["manager", "senior"]
    assert pipe["largest_drop"] is None
    assert next(g for g in pipe["grades"] if g["grade"] == "senior")["change"] == SUPPRESSED
    # the projection: nothing about senior (the old table printed its share, 25.0 %)
    for grade in ("senior", "manager"):  # manager: all staff minus it and support gives senior
        proj = next(p for p in report["projection"] if p["grade"] == grade)
        assert set(_values({k: v for k, v in proj.items() if k not in ("grade", "outcome")})) \
            == {SUPPRESSED}, grade
        assert proj["outcome"].startswith(SUPPRESSED)
    # exit reasons of fewer than 5 people
    assert report["exit_reasons"] == [{"sex": "male", "reason": "retirement",
                                       "exits": SUPPRESSED}]
    for fmt in ("table", "json", "csv"):
        text = se.render_report(report, fmt)
        assert "25.0 %" not in text and "0.25" not in text, fmt
        if fmt == "table":  # manager is 12 women of 30: its share is nowhere
            rows = [ln for ln in text.splitlines() if ln.startswith(("manager", "senior"))]
            assert rows and not any("%" in ln for ln in rows), rows
        assert "to senior" not in text and "from senior" not in text


def test_a_projection_resting_on_few_entrants_says_nothing_of_its_years():
    data = data_of("sex,grade,headcount,recruited,promoted,exits\n"
                   "F,senior,10,1,0,0\nM,senior,30,1,0,6\n")
    (row,) = full_report(data, target=0.5)["projection"]
    assert row["women_share"] == 0.25  # 40 people: shown
    assert row["entrants_women_share"] == SUPPRESSED  # 2 entrants
    assert row["years"] == row["year"] == row["long_run_share"] == SUPPRESSED
    assert row["outcome"].startswith(SUPPRESSED)
    assert data.metric("women_share", SENIOR) == 0.25


# ------------------------------------------------------------------------------- 3.6

PEOPLE = ("person_id,record,sex,grade,recruited\n"
          # support: applicant rows exist, 2 of 6 women and 1 of 6 men hired
          "S1,staff,F,support,1\nS2,staff,F,support,1\nS3,staff,M,support,1\n"
          "A1,applicant,F,support,\nA2,applicant,F,support,\nA3,applicant,F,support,\n"
          "A4,applicant,F,support,\nA5,applicant,M,support,\nA6,applicant,M,support,\n"
          "A7,applicant,M,support,\nA8,applicant,M,support,\nA9,applicant,M,support,\n"
          # senior: recruits but no applicant rows
          "T1,staff,F,senior,1\nT2,staff,M,senior,1\nT3,staff,M,senior,0\n")


def test_no_applicant_data_for_a_grade_means_no_selection_ratio():
    data = data_of(PEOPLE)
    senior = data.metric("selection_ratio", SENIOR)
    assert isinstance(senior, Missing)  # it read 1.0, passing a ">= 0.8" rule
    assert senior.reason == ("the workforce file has no applicant rows for grade 'senior' "
                             "(recruits alone do not show how many applied)")
    assert isinstance(data.metric("women_share_applicants", SENIOR), Missing)
    # overall: support only, (2/6) / (1/6)
    assert data.metric("selection_ratio") == pytest.approx((2 / 6) / (1 / 6))
    assert data.metric("women_share_applicants") == pytest.approx(6 / 12)


def test_overall_ratios_say_they_cover_the_grades_with_applicant_data():
    data = data_of(PEOPLE)
    report = full_report(data, by=("grade",), min_group=0)
    first = report["groups"][0]
    assert first["partial"]["selection_ratio"] == (
        "over grade support only: no applicant data for senior")
    text = se.render_report(report, "table")
    assert "Figures over part of the staff:" in text
    assert ("selection ratio (women's hiring rate / men's), all: over grade support only: no "
            "applicant data for senior") in text


def test_aggregated_grades_without_applicants_are_left_out_of_the_overall_ratio():
    data = data_of("sex,grade,headcount,applicants,recruited\n"
                   "F,support,30,20,4\nM,support,30,20,8\nF,senior,5,,1\nM,senior,5,,1\n")
    assert data.metric("selection_ratio") == pytest.approx((4 / 20) / (8 / 20))
    assert data.metric("selection_ratio", SENIOR).reason == (
        "applicant data is not given for every group in grade 'senior'")


def test_a_grade_nobody_applied_to_needs_no_applicant_data():
    data = data_of(PEOPLE.replace("T1,staff,F,senior,1\nT2,staff,M,senior,1\n",
                                  "T1,staff,F,senior,0\nT2,staff,M,senior,0\n"))
    c = se.workforce.compute_metric(data, "selection_ratio")
    assert c.value == pytest.approx(2.0) and c.note is None


# ------------------------------------------------------------------------------- 3.11


def test_the_pay_gap_sign_agrees_everywhere(tmp_path):
    standard = se.load_standard(UNDP)
    questions = standard.questions()
    for qid, words in (("WE-05.gap_mean", "(men's mean pay - women's mean pay) / men's mean "
                                          "pay"),
                       ("WE-05.gap_median", "(men's median pay - women's median pay) / men's "
                                            "median pay")):
        q = questions[qid]
        assert words in q.text and "positive when men earn more" in q.text
        assert (q.min, q.max) == (-100, 100)
    template = se.assessment_template(standard)
    hint = template.split("WE-05.gap_mean: null")[0].rsplit("\n", 2)[-2]
    assert hint.strip() == "#   a percentage, -100 to 100 (negative numbers allowed: see the " \
                           "question)"
    # the metric: positive when men are paid more
    data = data_of("person_id,sex,pay\nW,F,90\nM,M,100\n")
    assert data.metric("pay_gap_mean") == pytest.approx(0.10)
    assert "positive when men are paid more" in se.workforce.METRICS["pay_gap_mean"].help
    # validation takes a negative gap (women paid more) and nothing under -100
    text = (ROOT / "assessments" / "port-aurel-municipality" / "2025.yaml").read_text()
    ok = tmp_path / "ok.yaml"
    ok.write_text(text.replace("WE-05.gap_mean: 1.9", "WE-05.gap_mean: -3"))
    assert se.normalise_answers(standard, se.load_assessment(ok))[0]["WE-05.gap_mean"] == -0.03
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("WE-05.gap_mean: 1.9", "WE-05.gap_mean: -101"))
    (problem,) = se.normalise_answers(standard, se.load_assessment(bad))[1]
    assert problem.message == ("-101 is below the minimum -100 (this percentage is written -100 "
                               "to 100)")


def test_the_measured_gap_is_used_over_the_declared_one_and_plans_start_from_it():
    standard = se.load_standard(UNDP)
    a = se.load_assessment(ROOT / "assessments" / "port-aurel-municipality" / "2025.yaml")
    assert a.answers["WE-05.gap_mean"] == 1.9  # declared: within 5 %
    rows = "".join(f"W{i},F,senior,{2000 + i}\nM{i},M,senior,{2500 + i}\n" for i in range(10))
    measured = data_of("person_id,sex,grade,pay\n" + rows)  # women paid 20 % less
    r = se.score(standard, a, measured)
    we05 = r.benchmark("WE-05")
    assert we05.status.value != "met"
    assert any("unadjusted pay gap (mean) is 20 %; needs at most 5 %" in line
               for line in we05.explanation)  # the measured one, not the declared 1.9 %
    plan = se.draft_plan(standard, a, workforce=measured)
    # the pay gap is A-WE-05b's indicator (the analysis, A-WE-05a, gets an output indicator);
    # its target moves 3 points in the row's four quarters, at the library's pace
    row = next(x for x in plan.rows if x.action == "A-WE-05b")
    assert row.baseline == 20.0 and row.target == 17  # same sign and unit as the answer


def test_an_unjustified_category_gap_fails_the_undp_pay_benchmark():
    standard = se.load_standard(UNDP)
    a = se.load_assessment(ROOT / "assessments" / "port-aurel-municipality" / "2025.yaml")
    rows = "".join(f"W{i},F,{c},{p}\nM{i},M,{c},{q}\n" for i, (c, p, q) in enumerate(
        [("Drivers", 1000, 1000)] * 6 + [("Clerks", 1880, 1600)] * 6 + [("Heads", 3000, 3300)] * 6))
    data = data_of("person_id,sex,category,pay\n" + rows)
    assert abs(data.metric("pay_gap_mean")) <= 0.05  # overall within the limit...
    assert data.metric("category_pay_gap_max") == pytest.approx(280 / 1600)  # ...not by category
    assert se.score(standard, a, data).benchmark("WE-05").status.value != "met"
    justified = data_of("# justification: Clerks = a\n# justification: Heads = b\n"
                        "person_id,sex,category,pay\n" + rows)
    assert justified.metric("category_pay_gap_max") == 0.0
    assert se.score(standard, a, justified).benchmark("WE-05").status.value == "met"


# ------------------------------------------------------------------------------- 3.15


def test_one_woman_one_man_in_words(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("sex,grade,headcount\nF,manager,48\nM,manager,50\nF,senior,51\n"
                    "M,senior,49\n")
    out = CliRunner().invoke(app, ["metrics", str(path)]).output
    assert "1 woman" in out and "1 man" in out
    assert "1 women" not in out and "1 men" not in out
    report = json.loads(CliRunner().invoke(app, ["metrics", str(path), "-f", "json"]).output)
    assert report["groups"][1]["parity_needed"] == 1
