"""Workforce metrics checked against hand calculations, the published tables and `seal metrics`."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine
from seal_engine import render_report
from seal_engine.cli import app
from seal_engine.rules import Missing
from seal_engine.workforce import (
    METRICS,
    PARITY_BAND,
    REPORT_FIGURES,
    SUPPRESSED,
    compute_metric,
    full_report,
    load_workforce,
    parity_needed_counts,
    pipeline,
    projection,
    workforce_report,
)

FIXTURES = Path(__file__).parent / "fixtures" / "workforce"
DOCS = Path(__file__).parent.parent / "docs" / "workforce.md"
SENIOR = (("grade", "senior"),)


@pytest.fixture(scope="module")
def basic():
    return load_workforce(FIXTURES / "basic.csv")


def data_from(tmp_path: Path, text: str, name: str = "w.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_workforce(path)


# ------------------------------------------------------------------------------- the registry


def test_every_metric_is_computed(basic):
    pay_of_each_person = ("basic_pay_", "bonus_")  # need one row per person: see test_pay.py
    for name, info in METRICS.items():
        value = basic.metric(name)
        if name.startswith(pay_of_each_person):
            assert isinstance(value, Missing), name
        else:
            assert isinstance(value, float), (name, value)
        assert info.kind in ("share", "points", "number"), name
        assert info.help, f"{name} has no help"


def test_every_metric_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for name, info in METRICS.items():
        assert re.search(rf"^\| `{name}` \|", text, re.M), f"docs/workforce.md lacks {name}"
        for f in info.filters:
            assert f"`{f}`" in text


def test_unknown_metric_or_filter(basic):
    with pytest.raises(ValueError, match="unknown metric 'nope'"):
        compute_metric(basic, "nope")
    with pytest.raises(ValueError, match="metric 'pipeline_drop' has no filter 'grade'"):
        compute_metric(basic, "pipeline_drop", SENIOR)


# ------------------------------------------------------------------------------- hand calculations


def test_published_figures_440_women_560_men(basic):
    # basic.csv: 440 women, 560 men (and 5 other or undisclosed, outside the parity maths)
    assert basic.metric("women_share") == pytest.approx(0.44)
    assert basic.metric("parity_needed") == 60  # ceil(1000 / 2) - 440
    row = workforce_report(basic, by=())[0]
    assert row["women_share"] == pytest.approx(0.44)
    assert row["parity"] == "below band"
    assert (row["parity_needed"], row["parity_needed_sex"]) == (60, "women")
    assert row["target"] == "meets"  # 44 % >= 30 %


def test_a_grade_at_48_percent_is_at_parity(tmp_path):
    data = data_from(tmp_path, "sex,grade,headcount\nfemale,manager,48\nmale,manager,52\n"
                               "female,senior,10\nmale,senior,40\n")
    rows = {r["grade"]: r for r in workforce_report(data, target=0.30)}
    assert rows["manager"]["women_share"] == pytest.approx(0.48)
    assert rows["manager"]["parity"] == "in band"  # the parity band: rendered "at parity"
    assert rows["manager"]["parity_needed"] == 2
    assert rows["senior"]["parity"] == "below band"
    assert rows["senior"]["target"] == "below"  # 20 % < 30 %
    rows = {r["grade"]: r for r in workforce_report(data, parity_band=(0.49, 0.51))}
    assert rows["manager"]["parity"] == "below band"
    assert PARITY_BAND == (0.47, 0.53)


@pytest.mark.parametrize(("w", "m", "needed"), [
    (440, 560, (60, "women")),
    (150, 90, (30, "men")),     # the men's figure when W > M
    (5, 6, (0, None)),          # |W - M| <= 1: as near 50/50 as 11 people can be
    (6, 5, (0, None)),
    (5, 8, (2, "women")),       # odd total: ceil(13 / 2) - 5
    (50, 50, (0, None)),
    (0, 3, (2, "women")),
])
def test_parity_needed(w, m, needed):
    assert parity_needed_counts(w, m) == needed


def test_flow_metrics_by_hand(basic):
    # women: applicants 200+300+40+10 = 550, recruited 30+40+4+1 = 75
    # men:   applicants 150+280+60+40 = 530, recruited 20+50+10+6 = 86
    assert basic.metric("women_share_applicants") == pytest.approx(550 / 1080)
    assert basic.metric("women_share_recruited") == pytest.approx(75 / 161)
    assert basic.metric("selection_ratio") == pytest.approx((75 / 550) / (86 / 530))
    # eligible 130 women / 160 men; promoted 32 / 46
    assert basic.metric("women_share_promoted") == pytest.approx(32 / 78)
    assert basic.metric("promotion_ratio") == pytest.approx((32 / 130) / (46 / 160))
    # exits 41 women, 52 men, over those employed during the period (in post + left)
    assert basic.metric("exit_rate_women") == pytest.approx(41 / (440 + 41))
    assert basic.metric("exit_rate_men") == pytest.approx(52 / (560 + 52))
    assert basic.metric("training_share") == pytest.approx(310 / 620)
    assert basic.metric("leave_return_rate_women") == pytest.approx(21 / 24)
    assert basic.metric("leave_return_rate_men") == pytest.approx(6 / 6)


def test_filtered_metrics_by_hand(basic):
    assert basic.metric("women_share", SENIOR) == pytest.approx(24 / 160)
    assert basic.metric("parity_needed", SENIOR) == 56
    assert basic.metric("parity_needed", (("grade", "professional"),)) == 0
    assert basic.metric("parity_needed", (("grade", "support"),)) == 30  # men needed
    assert basic.metric("headcount", (("location", "North"),)) == 645
    assert basic.metric("selection_ratio", SENIOR) == pytest.approx((1 / 10) / (6 / 40))
    key = (("grade", "professional"), ("location", "North"))
    assert basic.metric("women_share", key) == 0.5
    assert basic.metric("women_share", (("grade", "SENIOR"),)) == basic.metric(
        "women_share", SENIOR)


def test_pay_gaps_aggregated_by_hand(basic):
    women_mean = (150 * 1000 + 200 * 2000 + 66 * 3000 + 24 * 5000) / 440
    men_mean = (90 * 1050 + 200 * 2200 + 134 * 3200 + 136 * 5400) / 560
    assert basic.metric("pay_gap_mean") == pytest.approx((men_mean - women_mean) / men_mean)
    # headcount-weighted median of group medians: women 150 @ 950, 200 @ 1900, ... -> 1900
    # (cumulative 150, 350 >= 220); men 90 @ 1000, 200 @ 2100, ... -> 2100 (90, 290 >= 280)
    assert basic.metric("pay_gap_median") == pytest.approx((2100 - 1900) / 2100)
    assert basic.metric("pay_gap_mean", SENIOR) == pytest.approx((5400 - 5000) / 5400)


def test_pay_gaps_per_person_from_individual_pay():
    rows = list(csv.DictReader(line for line in
                               (FIXTURES / "people.csv").read_text().splitlines()
                               if not line.startswith("#")))
    sexes = {"f": "f", "female": "f", "woman": "f", "m": "m", "male": "m", "man": "m"}
    pay = {"f": [], "m": []}
    for r in rows:
        s = sexes.get(r["sex"].lower())
        if r["record"] == "staff" and r["exited"] == "0" and s:
            pay[s].append(float(r["pay"]))
    data = load_workforce(FIXTURES / "people.csv")
    mw, mm = statistics.mean(pay["f"]), statistics.mean(pay["m"])
    dw, dm = statistics.median(pay["f"]), statistics.median(pay["m"])
    assert data.metric("pay_gap_mean") == pytest.approx((mm - mw) / mm)
    assert data.metric("pay_gap_median") == pytest.approx((dm - dw) / dm)


def test_pipeline_by_hand(basic):
    # women's share 62.5 %, 50 %, 33 %, 15 % from entry to top: the largest fall is 18 points
    assert basic.metric("pipeline_drop") == pytest.approx(0.18)
    assert basic.metric("pipeline_drop", (("location", "South"),)) == pytest.approx(0.33 - 0.15)
    p = pipeline(basic)
    assert [g["grade"] for g in p["grades"]] == ["support", "professional", "manager", "senior"]
    assert [g["women_share"] for g in p["grades"]] == pytest.approx([0.625, 0.5, 0.33, 0.15])
    assert p["grades"][0]["change"] is None
    assert p["grades"][1]["change"] == pytest.approx(-0.125)
    assert p["largest_drop"]["from"] == "manager" and p["largest_drop"]["to"] == "senior"
    assert p["largest_drop"]["drop"] == pytest.approx(0.18)


def test_pipeline_that_never_falls(tmp_path):
    data = data_from(tmp_path, "sex,grade,headcount\nF,support,2\nM,support,8\nF,senior,5\n"
                               "M,senior,5\n")
    assert data.metric("pipeline_drop") == 0.0
    assert pipeline(data)["largest_drop"] is None


# ------------------------------------------------------------------------------- missing data


@pytest.mark.parametrize(("text", "name", "key", "reason"), [
    ("sex,grade,headcount\nF,support,3\nM,support,4\n", "women_share", SENIOR,
     "no staff in grade 'senior'"),
    ("sex,grade,headcount\nF,support,3\nM,support,4\n", "women_share", (("grade", "boss"),),
     "no staff in grade 'boss'"),
    ("sex,grade,headcount\nF,support,3\nM,support,4\n", "pay_gap_median", (),
     "the workforce file has no pay data"),
    ("sex,grade,headcount,pay_mean\nF,support,3,10\nM,support,4,12\n", "pay_gap_median", (),
     "the workforce file has no median pay data"),
    ("sex,grade,headcount,pay_mean\nF,support,3,10\nM,support,4,\n", "pay_gap_mean", (),
     "mean pay is not given for every group of men in the workforce file"),
    ("sex,headcount\nF,3\nM,4\n", "women_share", SENIOR,
     "the workforce file has no grade column"),
    ("sex,headcount\nF,3\nM,4\n", "pipeline_drop", (), "the workforce file has no grade column"),
    ("sex,grade,headcount\nF,senior,3\nM,senior,4\n", "pipeline_drop", (),
     "fewer than two grades have staff in the workforce file"),
    ("sex,grade,headcount\nother,senior,3\n", "women_share", SENIOR,
     "no women or men in grade 'senior' (only staff of other or undisclosed sex)"),
    ("sex,headcount,applicants,recruited\nF,3,5,1\nM,4,6,0\n", "selection_ratio", (),
     "no men were recruited in the workforce file, so the ratio has no value"),
    ("sex,headcount,applicants,recruited\nF,3,0,0\nM,4,6,1\n", "selection_ratio", (),
     "no women applied in the workforce file"),
    ("sex,headcount,applicants\nF,3,5\nM,4,6\n", "selection_ratio", (),
     "the workforce file has no recruitment data"),
    ("sex,grade,headcount,trained\nF,senior,3,1\nM,senior,4,\nF,support,3,1\n", "training_share",
     SENIOR, "training data is not given for every group in grade 'senior'"),
    ("sex,grade,headcount,trained\nF,support,3,0\nM,support,4,0\n", "training_share",
     (("grade", "support"),), "no women or men were trained in grade 'support'"),
    ("sex,headcount,parental_leave,returned_from_leave\nF,3,0,0\nM,4,1,1\n",
     "leave_return_rate_women", (), "no women took parental leave in the workforce file"),
    ("sex,headcount\nF,3\nM,4\n", "exit_rate_men", (), "the workforce file has no exit data"),
])
def test_missing_data_gives_a_reason(tmp_path, text, name, key, reason):
    value = data_from(tmp_path, text).metric(name, key)
    assert isinstance(value, Missing)
    assert value.reason == reason


def test_gaps_in_rows_of_other_sex_do_not_block_parity_metrics(tmp_path):
    data = data_from(tmp_path, "sex,headcount,applicants,recruited\nF,3,10,2\nM,4,10,1\n"
                               "other,1,,\n")
    assert data.metric("selection_ratio") == 2.0
    assert data.metric("women_share_applicants") == 0.5


def test_a_filter_on_an_absent_column(tmp_path):
    data = data_from(tmp_path, "sex,headcount\nF,3\nM,4\n")
    assert data.metric("women_share", (("unit", "HR"),)).reason == (
        "the workforce file has no unit column")


def test_values_are_cached(basic, monkeypatch):
    import seal_engine.workforce.metrics as wf

    data = load_workforce(FIXTURES / "basic.csv")
    calls = []
    real = wf.compute_metric

    def counting(*args):
        calls.append(args[1:])
        return real(*args)

    monkeypatch.setattr(wf, "compute_metric", counting)
    for _ in range(3):
        assert data.metric("women_share", SENIOR) == pytest.approx(0.15)
    assert calls == [("women_share", SENIOR)]


# ------------------------------------------------------------------------------- reports


def test_report_rows_and_order(basic):
    rows = workforce_report(basic, by=("grade",))
    assert [r["grade"] for r in rows] == ["all", "support", "professional", "manager", "senior"]
    assert list(rows[0]) == ["grade", *REPORT_FIGURES, "lacking", "partial"]
    senior = rows[-1]
    assert senior["women"] == 24 and senior["men"] == 136 and senior["headcount"] == 160
    assert senior["leave_return_rate_women"] is None  # nobody took leave: lacking, not zero
    assert senior["lacking"]["leave_return_rate_women"]  # ... and the report says why
    rows = workforce_report(basic, by=("location", "grade"))
    assert [(r["location"], r["grade"]) for r in rows] == [
        ("all", "all"), ("North", "support"), ("North", "professional"), ("South", "manager"),
        ("South", "senior")]


def test_report_rejects_unknown_breakdowns(basic):
    with pytest.raises(ValueError, match="cannot break down by 'colour'"):
        workforce_report(basic, by=("colour",))
    with pytest.raises(ValueError, match="the workforce file has no 'unit' column"):
        workforce_report(basic, by=("unit",))


def test_small_groups_are_suppressed_in_reports_but_not_for_rules(tmp_path):
    data = data_from(tmp_path, "sex,grade,headcount,exits\nF,senior,1,0\nM,senior,3,1\n"
                               "F,support,30,3\nM,support,3,1\nF,manager,40,2\nM,manager,40,2\n")
    rows = {r["grade"]: r for r in workforce_report(data)}
    senior = rows["senior"]
    assert senior["headcount"] == 4
    for k in ("women", "men", "women_share", "parity", "parity_needed", "exit_rate_women",
              "exit_rate_men"):
        assert senior[k] == SUPPRESSED, k
    support = rows["support"]  # the next smallest: else all minus the others gives senior
    assert support["women"] == support["women_share"] == SUPPRESSED
    assert support["exit_rate_women"] == SUPPRESSED  # 3 of 33 would give its 30 women back
    manager = rows["manager"]
    assert manager["women_share"] == 0.5
    assert manager["exit_rate_women"] == pytest.approx(2 / 42)  # 40 + 2 women employed
    rows = {r["grade"]: r for r in workforce_report(data, min_group=4)}  # senior is 4: shown
    assert rows["support"]["exit_rate_women"] == pytest.approx(3 / 33)
    assert rows["support"]["exit_rate_men"] == pytest.approx(1 / 4)  # 3 + 1 men employed
    assert data.metric("women_share", SENIOR) == 0.25  # rules see the real value
    rows = {r["grade"]: r for r in workforce_report(data, min_group=0)}
    assert rows["senior"]["women_share"] == 0.25
    p = pipeline(data, min_group=5)
    assert [g["women_share"] for g in p["grades"]] == [SUPPRESSED, 0.5, SUPPRESSED]
    assert p["largest_drop"] is None and p["left_out"] == ["support", "senior"]


def test_projection_by_hand(tmp_path):
    # senior: 20 women, 80 men; 20 men leave (a_m = 20/100), no woman leaves; entrants 50 %
    # women.  Share: 0.2 -> 0.2 + 0.8 * 0.2 * 0.5 = 0.28 -> 0.28 + 0.72 * 0.1 = 0.352
    data = data_from(tmp_path, "# year: 2025\nsex,grade,headcount,recruited,promoted,exits\n"
                               "F,senior,20,10,0,0\nM,senior,80,10,0,20\n")
    (row,) = projection(data, target=0.30)
    assert row["grade"] == "senior"
    assert row["women_share"] == pytest.approx(0.2)
    assert row["leaving_rate_women"] == 0 and row["leaving_rate_men"] == pytest.approx(0.2)
    assert row["entrants_women_share"] == 0.5
    assert row["long_run_share"] == pytest.approx(1.0)
    assert (row["years"], row["year"], row["outcome"]) == (2, 2027, "in 2 years (2027)")
    (row,) = projection(data, target=0.20)
    assert (row["years"], row["year"], row["outcome"]) == (0, 2025, "at or above the target now")


def test_projection_never_at_current_rates(tmp_path):
    data = data_from(tmp_path, "sex,grade,headcount,recruited,promoted,exits\n"
                               "F,senior,20,1,0,2\nM,senior,80,9,0,8\n")
    (row,) = projection(data, target=0.30)
    # a_w = 2/22, a_m = 8/88, entrants 10 % women: the share settles near 10 %
    assert row["long_run_share"] == pytest.approx(0.1)
    assert (row["years"], row["year"], row["outcome"]) == (None, None, "never at current rates")


def test_projection_counts_promotions_up_as_leaving(tmp_path):
    data = data_from(tmp_path, "sex,grade,headcount,recruited,promoted,exits\n"
                               "F,manager,30,0,0,0\nM,manager,70,0,0,0\n"
                               "F,senior,10,0,5,0\nM,senior,90,0,5,0\n")
    rows = {r["grade"]: r for r in projection(data, target=0.30)}
    assert rows["manager"]["leaving_rate_women"] == pytest.approx(5 / 35)
    assert rows["manager"]["leaving_rate_men"] == pytest.approx(5 / 75)
    assert rows["manager"]["outcome"] == "at or above the target now"
    assert rows["senior"]["entrants_women_share"] == 0.5
    assert rows["senior"]["outcome"].startswith("never")  # nobody leaves senior


def test_projection_needs_flows(tmp_path):
    data = data_from(tmp_path, "sex,grade,headcount\nF,senior,20\nM,senior,80\n")
    (row,) = projection(data)
    assert row["outcome"] == "cannot project: the workforce file has no exit data"


def test_full_report_and_renderings(basic):
    report = full_report(basic, by=("grade",), target=0.30)
    assert report["staff"] == {"headcount": 1005, "women": 440, "men": 560, "other": 5}
    assert report["pay_note"].startswith("aggregated file")
    assert [p["outcome"] for p in report["projection"]][-1] == "never at current rates"
    text = render_report(report, "table")
    line = "all            1005    440  560      5   44.0 %  below band  meets"
    assert line in text
    # to 47 %: ceil(470 - 440) = 30 women; adding: ceil(30 / 0.53) = 57; to 50/50: 60 or 120
    assert "all            44.0 %     30 women   57 women  60 women  120 women" in text
    assert "Largest drop: from manager to senior, 18.0 points." in text
    data = json.loads(render_report(report, "json"))
    assert data["groups"][0]["women_share"] == 0.44
    rows = list(csv.DictReader(io.StringIO(render_report(report, "csv"))))
    assert rows[4]["grade"] == "senior" and rows[4]["women_share"] == "0.15"
    with pytest.raises(seal_engine.SealError, match="unknown format .html. for a metrics output"):
        render_report(report, "html")


# ------------------------------------------------------------------------------- seal metrics


runner = CliRunner()


def test_cli_metrics_table():
    result = runner.invoke(app, ["metrics", str(FIXTURES / "basic.csv")])
    assert result.exit_code == 0, result.output
    assert "Representation by grade" in result.output
    line = "senior          160     24  136      0   15.0 %  below band  below"
    assert line in result.output
    # to 47 %: ceil(75.2 - 24) = 52 women; adding: ceil(51.2 / 0.53) = 97; 50/50: 56 or 112
    assert "senior         15.0 %     52 women   97 women  56 women  112 women" in result.output
    assert "never at current rates" in result.output


def test_cli_metrics_json_with_options():
    result = runner.invoke(app, ["metrics", str(FIXTURES / "people.csv"), "--by",
                                 "grade,location", "--target", "50%", "--min-group", "0",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["by"] == ["grade", "location"] and data["target"] == 0.5
    assert data["min_group"] == 0
    assert SUPPRESSED not in result.output
    assert {"grade": "all", "location": "all"}.items() <= data["groups"][0].items()


def test_cli_metrics_csv_and_grades():
    result = runner.invoke(app, ["metrics", str(FIXTURES / "senior-met.csv"), "--format", "csv",
                                 "--grades", "professional,senior"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["grade"] for r in rows] == ["all", "professional", "senior"]
    assert rows[2]["women_share"] == "0.4"


def test_cli_metrics_bad_file_exits_1_with_located_errors():
    result = runner.invoke(app, ["metrics", str(FIXTURES / "bad.csv")])
    assert result.exit_code == 1
    assert f"error: {FIXTURES / 'bad.csv'}:4:1: sex: unknown sex code 'fem'" in result.output
    assert result.output.count("error: ") == 8


@pytest.mark.parametrize(("args", "message"), [
    (["--by", "colour"], "'colour' is not a breakdown"),
    (["--by", "unit"], "the workforce file has no 'unit' column"),
    (["--parity-band", "60,40"], "LOW is above HIGH"),
    (["--parity-band", "47"], "is not LOW,HIGH"),
    (["--target", "130"], "is not between 0 and 100 %"),
    (["--target", "0.3"], "'0.3' means 0.3 % here; percentages are written 0-100, so write 30"),
    (["--grades", "a,b,A"], "names a grade twice"),
])
def test_cli_metrics_bad_arguments_exit_2(args, message):
    result = runner.invoke(app, ["metrics", str(FIXTURES / "basic.csv"), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_table_says_why_figures_are_lacking():
    from typer.testing import CliRunner

    from seal_engine.cli import app

    from .conftest import ROOT

    path = ROOT / "assessments" / "valdoria-civil-aviation-authority" / "workforce-2025.csv"
    out = CliRunner().invoke(app, ["metrics", str(path)]).output
    assert "Why some figures are —:" in out
    assert ("  training data is not given for every group in the workforce file (women's "
            "share of staff trained)") in out


def test_no_figure_resting_on_a_small_group_is_printed_beside_a_suppressed_one():
    from typer.testing import CliRunner

    from seal_engine.cli import app

    from .conftest import ROOT

    path = ROOT / "assessments" / "highlands-provincial-health" / "workforce-2025.csv"
    out = CliRunner().invoke(app, ["metrics", str(path), "--format", "json"]).output
    import json

    report = json.loads(out)
    senior = next(p for p in report["projection"] if p["grade"] == "senior")
    assert senior["entrants_women_share"] == "suppressed"  # 2 entrants
    for row in report["groups"]:
        if row["women_share_recruited"] == "suppressed":
            assert row["selection_ratio"] in ("suppressed", None), row


def test_training_share_gap_is_relative_to_the_workforce(basic):
    gap = basic.metric("training_share_gap")
    assert gap == pytest.approx(basic.metric("training_share") - basic.metric("women_share"))
    assert gap == pytest.approx(0.50 - 0.44)
