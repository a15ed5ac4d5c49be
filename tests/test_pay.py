"""Pay transparency (issues 14 and 18): every indicator of Article 9 of Directive (EU) 2023/970
and the Article 10 trigger, checked against figures worked out by hand from
tests/fixtures/workforce/pay.csv, a file of 20 people small enough to follow on paper, and (on
annual pay and per hour) from tests/fixtures/workforce/pay-annual-hourly.csv.

The file, per hour (pay for the period / hours paid; W2 and W6 work half time):

    women  W1 12.5  W2 12.5  W3 15.625  W4 10  W5 20.625  W6 20.625  W7 20  W8 32.5
    men    M1 12.5  M2 15  M3 12.5  M4 15.75  M5 22.5  M6 22.5  M7 22.5  M8 35  M9 32.5
           M10 21.25
    complementary pay per hour, those receiving some:
    women  W3 0.625  W5 1.875  W6 1.875  W8 2.5            (W1, W2, W7 0; W4 empty)
    men    M2 1.25  M4 0.75  M5 2.5  M6 1.25  M7 3.75  M8 3.75  M10 0.625   (M1, M3, M9 0)

X1 (undisclosed) and E1 (left during the period) are in no pay figure.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine
from seal_engine import WorkforceError, pay_report, render_report, write_report
from seal_engine.cli import app
from seal_engine.rules import Missing, compile_rule
from seal_engine.workforce import (
    JOINT_ASSESSMENT_COVERS,
    METRICS,
    SUPPRESSED,
    load_workforce,
    quartile_bands,
    read_justifications,
)

FIXTURES = Path(__file__).parent / "fixtures" / "workforce"
PAY = FIXTURES / "pay.csv"
runner = CliRunner()

# by hand, per hour
WOMEN = [12.5, 12.5, 15.625, 10, 20.625, 20.625, 20, 32.5]
MEN = [12.5, 15, 12.5, 15.75, 22.5, 22.5, 22.5, 35, 32.5, 21.25]
MEAN_W, MEAN_M = 144.375 / 8, 212 / 10
MEDIAN_W = (15.625 + 20) / 2  # 10, 12.5, 12.5, 15.625 | 20, 20.625, 20.625, 32.5
MEDIAN_M = (21.25 + 22.5) / 2  # five below, five above
BONUS_W = [0.625, 1.875, 1.875, 2.5]
BONUS_M = [1.25, 0.75, 2.5, 1.25, 3.75, 3.75, 0.625]


@pytest.fixture(scope="module")
def data():
    return load_workforce(PAY)


def gap(m: float, w: float) -> float:
    return (m - w) / m


def test_hand_figures_are_the_file():
    assert sum(WOMEN) == 144.375 and sum(MEN) == 212
    assert sum(BONUS_W) == 6.875 and sum(BONUS_M) == 13.875


def test_a_mean_gap_per_hour(data):
    assert data.pay_basis == "hour"
    assert data.metric("pay_gap_mean") == pytest.approx(gap(21.2, 18.046875))
    assert data.metric("pay_gap_mean") == pytest.approx(0.1487323, abs=1e-7)


def test_c_median_gap(data):
    assert data.metric("pay_gap_median") == pytest.approx(gap(21.875, 17.8125))
    assert data.metric("pay_gap_median") == pytest.approx(gap(MEDIAN_M, MEDIAN_W))


def test_pay_for_the_period_shows_what_hours_correct(data):
    # annual totals: women 20000, 10000, 25000, 16000, 33000, 16500, 32000, 52000 = 204500
    # men 20000, 24000, 20000, 25200, 36000, 36000, 36000, 56000, 52000, 34000 = 339200
    assert data.metric("pay_gap_mean_annual") == pytest.approx(gap(33920, 204500 / 8))
    # women sorted: 10000, 16000, 16500, 20000 | 25000, 32000, 33000, 52000 -> 22500
    # men sorted: 20000, 20000, 24000, 25200, 34000 | 36000, 36000, 36000, 52000, 56000 -> 35000
    assert data.metric("pay_gap_median_annual") == pytest.approx(gap(35000, 22500))
    assert data.metric("pay_gap_mean_annual") > data.metric("pay_gap_mean")  # part-timers


def test_b_d_complementary_gaps_compare_those_receiving_it(data):
    assert data.metric("bonus_gap_mean") == pytest.approx(gap(13.875 / 7, 6.875 / 4))
    # medians: women 0.625, 1.875 | 1.875, 2.5 -> 1.875; men 0.625, 0.75, 1.25, [1.25], ...
    assert data.metric("bonus_gap_median") == pytest.approx(gap(1.25, 1.875))
    assert data.metric("bonus_gap_median") == pytest.approx(-0.5)  # women receive more


def test_e_share_receiving_complementary_pay(data):
    assert data.metric("bonus_share_women") == 4 / 8  # W4's empty cell is none
    assert data.metric("bonus_share_men") == 7 / 10


def test_f_quartile_bands_with_ties(data):
    # 18 women and men in bands of whole people: band q holds the places after
    # floor((q-1)*18/4) up to floor(q*18/4), i.e. 4, 5, 4 and 5 people.  Ranked: 10 W4 |
    # 12.5 x4 (W W M M) | 15 M | 15.625 W | 15.75 M | 20 W | 20.625 W W | 21.25 M | 22.5 M M M
    # | 32.5 W M | 35 M.
    # Band 1 (places 1-4): W4 and 3 places of the 12.5 block, round(3 * 2/4 = 1.5) = 2 women
    # (halves up) -> 3 women, 1 man.  Band 2 (5-9): the block's last place (a man), M2, W3,
    # M4, W7 -> 2 women of 5.  Band 3 (10-13): W5, W6, M10, one 22.5 man -> 2 of 4.
    # Band 4 (14-18): two 22.5 men, W8, M9, M8 -> 1 of 5.
    expected = [3 / 4, 2 / 5, 2 / 4, 1 / 5]
    for q, share in enumerate(expected, start=1):
        assert data.metric("women_share", (("pay_quartile", str(q)),)) == pytest.approx(share)
    both = (("pay_quartile", ("3", "4")),)  # any of: the top half
    assert data.metric("women_share", both) == pytest.approx(3 / 9)


def test_quartile_bands_are_whole_people_whatever_the_row_order():
    # four people with the same pay: the block's women spread evenly over its places
    assert quartile_bands([7, 7], [7, 7]) == [(1, 0), (0, 1), (1, 0), (0, 1)]
    # 1 W | 2 x4 (W W M M) | 3 W | 5 M | 9 W; bands of 2: the block's first place is a woman
    # (round(1 * 2/4) = 1, half up), its first three hold round(1.5) = 2 women
    assert quartile_bands([1, 2, 2, 3, 9], [2, 2, 5]) == [(2, 0), (1, 1), (1, 1), (1, 1)]
    # n = 7: places 1 | 2-3 | 4-5 | 6-7
    assert [w + m for w, m in quartile_bands([1, 2, 3], [4, 5, 6, 7])] == [1, 2, 2, 2]


def test_a_quartile_that_does_not_exist(data):
    value = data.metric("women_share", (("pay_quartile", "5"),))
    assert isinstance(value, Missing) and "pay quartiles are 1" in value.reason


def test_g_category_gaps_basic_and_complementary_apart(data):
    clerks, inspectors = (("category", "Clerks"),), (("category", "inspectors"),)
    # Clerks per hour: women 12.5, 12.5, 15.625, 10; men 12.5, 15, 12.5, 15.75
    assert data.metric("pay_gap_mean", clerks) == pytest.approx(gap(55.75 / 4, 50.625 / 4))
    # basic per hour: women 12.5, 12.5, 15, 10; men 12.5, 13.75, 12.5, 15
    assert data.metric("basic_pay_gap_mean", clerks) == pytest.approx(gap(53.75 / 4, 50 / 4))
    # complementary, those receiving: women W3 0.625; men M2 1.25, M4 0.75
    assert data.metric("bonus_gap_mean", clerks) == pytest.approx(gap(1.0, 0.625))
    # Inspectors: women 20.625, 20.625, 20; men 22.5, 22.5, 22.5, 21.25
    assert data.metric("pay_gap_mean", inspectors) == pytest.approx(gap(88.75 / 4, 61.25 / 3))
    # basic: women 18.75, 18.75, 20; men 20, 21.25, 18.75, 20.625
    assert data.metric("basic_pay_gap_mean", inspectors) == pytest.approx(
        gap(80.625 / 4, 57.5 / 3))
    assert data.metric("bonus_gap_mean", inspectors) == pytest.approx(gap(8.125 / 4, 1.875))
    # the largest unjustified category gap is the Clerks'
    assert data.metric("category_pay_gap_max") == pytest.approx(gap(55.75 / 4, 50.625 / 4))


def test_per_breakdown_figures(data):
    managers = (("grade", "manager"),)  # W8 32.5; M8 35, M9 32.5
    assert data.metric("pay_gap_mean", managers) == pytest.approx(gap(33.75, 32.5))
    assert data.metric("bonus_share_men", managers) == 0.5


def test_the_report_in_the_directive_order_with_a_small_category_suppressed(data):
    report = pay_report(data, min_group=3)
    assert [i.article for i in report.indicators] == [
        "9(1)(a)", "9(1)(b)", "9(1)(c)", "9(1)(d)", "9(1)(e)", "9(1)(f)", "9(1)(g)"]
    everyone = report.groups[0]
    assert (everyone.women, everyone.men) == (8, 10)
    assert everyone.on("hourly").pay_gap_mean == pytest.approx(gap(MEAN_M, MEAN_W))
    cats = {c.category: c for c in report.categories}
    assert list(cats) == ["Clerks", "Inspectors", "Directors"]
    directors = cats["Directors"]  # 1 woman and 2 men: under the limit of 3
    assert directors.status == "not published"
    for f in directors.figures:
        for k in ("pay_gap_mean", "basic_pay_gap_mean", "bonus_gap_mean", "bonus_share_women"):
            assert getattr(f, k) == SUPPRESSED, k
    assert "gap" not in directors.why.split("must")[0] or "%" not in directors.why
    clerks = cats["Clerks"].on("hourly")
    assert clerks.bonus_gap_mean == SUPPRESSED  # 1 woman and 2 men receive it
    assert clerks.basic_pay_gap_mean == pytest.approx(gap(53.75 / 4, 50 / 4))
    assert report.joint_pay_assessment.not_published == ["Directors"]
    text = render_report(report, "table")
    marks = ["(a) the gender pay gap", "(b) the gender pay gap in", "(c) the median",
             "(d) the median", "(e) the proportion", "(f) the proportion", "(g) the gender",
             "(a)-(e) by all staff", "(f) Women and men", "(g) Pay gap by category",
             "Article 10: joint pay assessment"]
    assert [text.index(m) for m in marks] == sorted(text.index(m) for m in marks)
    assert "Directors   hourly      1    2  suppressed" in text


def test_article_10_flags_categories_at_the_threshold_and_says_why(data):
    report = pay_report(data, min_group=3)
    a = report.joint_pay_assessment
    assert a.needed is True
    assert [c.category for c in a.categories] == ["Clerks", "Inspectors"]
    why = a.categories[0].why
    assert "women are paid 9.2 % less than men per hour on average" in why
    assert "no justification by objective, gender-neutral criteria is recorded" in why
    assert a.covers == list(JOINT_ASSESSMENT_COVERS) and len(a.covers) == 7
    higher = pay_report(data, min_group=3, threshold=0.085)  # the threshold is a parameter
    assert [c.category for c in higher.joint_pay_assessment.categories] == ["Clerks"]
    assert {c.category: c.status for c in higher.categories}["Inspectors"] == (
        "below threshold")
    none = pay_report(data, min_group=3, threshold=0.10)
    assert none.joint_pay_assessment.needed is False
    assert none.joint_pay_assessment.covers == []


def test_a_gap_either_way_is_flagged(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("person_id,sex,category,pay\n" + "".join(
        f"W{i},F,Nurses,{110 + i}\nM{i},M,Nurses,{100 + i}\n" for i in range(5)))
    report = pay_report(load_workforce(path))
    (nurses,) = report.categories
    assert nurses.on("annual").pay_gap_mean == pytest.approx(gap(102, 112))  # women paid more
    assert nurses.status == "flagged" and "women are paid 9.8 % more" in nurses.why


def test_justifications_in_the_file_and_beside_it(tmp_path, data):
    text = PAY.read_text(encoding="utf-8").replace(
        "# year: 2025\n", "# year: 2025\n# justification: inspectors = field allowance of the "
        "inspection service, paid by days in the field\n")
    path = tmp_path / "pay.csv"
    path.write_text(text, encoding="utf-8")
    justified = load_workforce(path)
    assert justified.justifications == {
        "Inspectors": "field allowance of the inspection service, paid by days in the field"}
    a = pay_report(justified, min_group=3).joint_pay_assessment
    assert [c.category for c in a.categories] == ["Clerks"]
    assert [c.model_dump() for c in a.justified] == [
        {"category": "Inspectors", "justification": justified.justifications["Inspectors"]}]
    # rules see it too: the Clerks' gap is still the largest unjustified one
    assert justified.metric("category_pay_gap_max") == pytest.approx(gap(55.75 / 4, 50.625 / 4))
    side = tmp_path / "reasons.csv"
    side.write_text("category,justification\nClerks,\"seniority steps, the same scale for all\"\n",
                    encoding="utf-8")
    given = read_justifications(side.read_bytes(), str(side), justified)
    b = pay_report(justified, min_group=3, justifications=given).joint_pay_assessment
    assert b.needed is False and len(b.justified) == 2


@pytest.mark.parametrize(("line", "message"), [
    ("# justification: Drivers = shifts\n",
     "'# justification:' names 'Drivers', which is not a category in the file (categories: "
     "Clerks, Inspectors, Directors)"),
    ("# justification: Clerks\n", "'# justification:' must name a category and the reason"),
])
def test_a_bad_justification_line_is_located(tmp_path, line, message):
    path = tmp_path / "pay.csv"
    path.write_text(PAY.read_text(encoding="utf-8").replace("# year: 2025\n",
                                                            "# year: 2025\n" + line))
    with pytest.raises(WorkforceError) as e:
        load_workforce(path)
    (problem,) = e.value.problems
    assert problem.line == 7 and problem.message.startswith(message)


def test_a_bad_justification_file_is_located(data):
    content = b"category,justification\nClerks,\nNurses,too many\nClerks,ok\nClerks,again\n"
    with pytest.raises(WorkforceError) as e:
        read_justifications(content, "reasons.csv", data)
    assert [str(p) for p in e.value.problems] == [
        "reasons.csv:2:2: justification: justification is empty; say which objective, "
        "gender-neutral criteria explain the gap",
        f"reasons.csv:3:1: category: 'Nurses' is not a category of {PAY} (categories: Clerks, "
        "Inspectors, Directors)",
        "reasons.csv:5:1: category: 'Clerks' is justified twice (also line 4)",
    ]


def test_rules_reach_the_pay_metrics(data):
    env = seal_engine.compiled(seal_engine.load_standard(
        Path(__file__).parent.parent / "standards" / "seal-starter.yaml")).env
    from seal_engine.rules import EvalContext

    ctx = EvalContext(answers={}, evidence=set(), metric=data.metric)
    rule = compile_rule("metric('bonus_gap_median') < 0 and metric('women_share', "
                        "pay_quartile=4) < 0.25", env)
    assert rule.evaluate(ctx) is True
    assert compile_rule("metric('women_share', pay_quartile=4, category='Clerks') > 0",
                        env).evaluate(ctx) is True


def test_every_pay_metric_is_in_the_registry_and_documented():
    text = (Path(__file__).parent.parent / "docs" / "workforce.md").read_text(encoding="utf-8")
    for name in ("pay_gap_mean", "pay_gap_median", "pay_gap_mean_annual", "basic_pay_gap_mean",
                 "bonus_gap_mean", "bonus_gap_median", "bonus_share_women", "bonus_share_men",
                 "category_pay_gap_max"):
        assert name in METRICS and f"`{name}`" in text
    assert "pay_quartile" in METRICS["women_share"].filters


def test_aggregated_files_give_what_they_can(tmp_path):
    report = pay_report(load_workforce(FIXTURES / "basic.csv"))
    # the file's pay_mean is of its own period: neither annual nor hourly can be told
    assert [b.key for b in report.bases] == ["period"]
    (everyone,) = report.groups[0].figures
    assert isinstance(everyone.pay_gap_mean, float)
    assert everyone.bonus_gap_mean is None and "one row per person" in everyone.lacking[
        "bonus_gap_mean"]
    assert everyone.quartiles == [] and "one row per person" in report.note
    assert [c.category for c in report.categories] == [
        "support", "professional", "manager", "senior"]  # grades, when no category column
    assert report.joint_pay_assessment.basis == "period"


def test_pay_per_fte_and_pay_alone(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("person_id,sex,pay,fte\nW1,F,1500,0.5\nW2,F,3000,1\nM1,M,3200,1\n"
                    "M2,M,1600,0.5\n")
    data = load_workforce(path)
    assert data.pay_basis == "fte"
    assert data.metric("pay_gap_mean") == pytest.approx(gap(3200, 3000))
    assert isinstance(data.metric("basic_pay_gap_mean"), Missing)  # pay is not split


@pytest.mark.parametrize(("header", "row", "message"), [
    ("person_id,sex,pay,basic_pay", "P1,F,1,1", "1:4: the header has both pay and basic_pay"),
    ("person_id,sex,complementary_pay", "P1,F,1", "1:3: complementary_pay needs a basic_pay "
     "column"),
    ("person_id,sex,pay,hours,fte", "P1,F,1,1,1", "1:5: the header has both hours and fte"),
    ("person_id,sex,pay,hours", "P1,F,100,", "2:4: hours: hours is empty but the person has pay"),
    ("person_id,sex,pay,hours", "P1,F,100,0", "2:4: hours: hours is 0 but the person has pay"),
    ("person_id,sex,pay,hours", "P1,F,100,9000", "2:4: hours: 9000 hours is more than a year "
     "has (8784)"),
    ("person_id,sex,pay,fte", "P1,F,100,1720", "2:4: fte: 1720 is not a full-time equivalent"),
    ("person_id,sex,basic_pay,complementary_pay", "P1,F,,300", "2:3: basic_pay: basic_pay is "
     "empty but complementary_pay is given"),
    ("person_id,sex,pay", "P1,F,\"1,234.50\"", "2:3: pay: '1,234.50' is not a number; write a "
     "number such as 1250.50, with a point for decimals and no thousands separators"),
    ("person_id,sex,pay", "P1,F,€1200", "2:3: pay: '€1200' is not a number"),
    ("person_id,sex,pay", "P1,F," + "9" * 5000, "2:3: pay: '9999"),
    ("person_id,record,sex,pay,hours", "A1,applicant,F,,40", "2:5: hours: an applicant row has "
     "no hours; leave it empty"),
])
def test_pay_columns_are_checked_and_located(tmp_path, header, row, message):
    path = tmp_path / "w.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(WorkforceError) as e:
        load_workforce(path)
    assert any(str(p).startswith(f"{path}:{message}") for p in e.value.problems), [
        str(p) for p in e.value.problems]


def test_decimal_commas_in_semicolon_files(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("person_id;sex;pay;hours\nW1;F;1250,50;160\nM1;M;1300;160\n")
    assert load_workforce(path).metric("pay_gap_mean") == pytest.approx(gap(1300, 1250.5))


# --------------------------------------------------------- annual pay and pay per hour (issue 18)
# tests/fixtures/workforce/pay-annual-hourly.csv, every figure worked out by hand, on annual pay
# (basic_pay + complementary_pay, for 2025) and per hour (/ hours paid; W2 and W5 half time):
#
#           annual  per hour  compl. (annual, per hour)      category
#   W1      24000   15        0                              Clerks
#   W2      12000   15        0                              Clerks
#   W3      24800   15.5      800    0.5                     Clerks
#   W4      33600   21        1600   1                       Inspectors
#   W5      16800   21        800    1                       Inspectors
#   W6      28800   18        empty                          Inspectors
#   W7      52000   32.5      4000   2.5                     Directors
#   M1      24000   15        0                              Clerks
#   M2      27200   17        1600   1                       Clerks
#   M3      24400   15.25     400    0.25                    Clerks
#   M4      35200   22        3200   2                       Inspectors
#   M5      33600   21        0                              Inspectors
#   M6      33600   21        1600   1                       Inspectors
#   M7      56000   35        4000   2.5                     Directors
#
# X1 (undisclosed) and E1 (left) are in no pay figure.

HELD_OUT = FIXTURES / "pay-annual-hourly.csv"
A_W = [24000, 12000, 24800, 33600, 16800, 28800, 52000]  # sum 192000
A_M = [24000, 27200, 24400, 35200, 33600, 33600, 56000]  # sum 234000
H_W = [15, 15, 15.5, 21, 21, 18, 32.5]  # sum 138
H_M = [15, 17, 15.25, 22, 21, 21, 35]  # sum 146.25


@pytest.fixture(scope="module")
def held_out():
    return pay_report(load_workforce(HELD_OUT), min_group=2)


def test_pay_level_is_annual_and_hourly_and_says_how_hourly_pay_is_worked_out(held_out):
    assert [b.key for b in held_out.bases] == ["annual", "hourly"]  # Art. 3(1)(b)'s order
    annual, hourly = held_out.bases
    assert annual.columns == ["basic_pay", "complementary_pay"] and annual.lacking is None
    assert hourly.columns == ["basic_pay", "complementary_pay", "hours"]
    assert "annual pay / the hours paid" in hourly.derivation
    assert "Art. 3(1)(b)" in held_out.pay_level
    for g in held_out.groups:
        assert [f.basis for f in g.figures] == ["annual", "hourly"]
    assert (held_out.women_with_pay, held_out.men_with_pay) == (7, 7)


def test_a_c_mean_and_median_gaps_on_annual_pay_and_per_hour(held_out):
    assert sum(A_W) == 192000 and sum(A_M) == 234000  # the hand figures are the file's
    assert sum(H_W) == 138 and sum(H_M) == 146.25
    everyone = held_out.groups[0]
    annual, hourly = everyone.on("annual"), everyone.on("hourly")
    assert annual.pay_gap_mean == pytest.approx(42000 / 234000)  # 17.9 %: part-timers
    assert hourly.pay_gap_mean == pytest.approx(8.25 / 146.25)  # 5.6 %
    # medians, the 4th of 7: annual 24800 and 33600; per hour 18 and 21
    assert annual.pay_gap_median == pytest.approx(8800 / 33600)
    assert hourly.pay_gap_median == pytest.approx(3 / 21)


def test_b_d_complementary_gaps_on_annual_amounts_among_recipients_then_per_hour(held_out):
    everyone = held_out.groups[0]
    annual, hourly = everyone.on("annual"), everyone.on("hourly")
    # recipients: women W3 800, W4 1600, W5 800, W7 4000 (mean 1800, median 1200);
    # men M2 1600, M3 400, M4 3200, M6 1600, M7 4000 (mean 2160, median 1600)
    assert annual.bonus_gap_mean == pytest.approx(360 / 2160)
    assert annual.bonus_gap_median == pytest.approx(400 / 1600)
    # per hour: women 0.5, 1, 1, 2.5 (mean 1.25, median 1); men 1, 0.25, 2, 1, 2.5 (1.35, 1)
    assert hourly.bonus_gap_mean == pytest.approx(0.1 / 1.35)
    assert hourly.bonus_gap_median == pytest.approx(0.0)  # W5's half-time allowance


def test_e_share_receiving_is_the_same_on_both_bases(held_out):
    for f in held_out.groups[0].figures:
        assert f.bonus_share_women == pytest.approx(4 / 7)  # W6's empty cell is none
        assert f.bonus_share_men == pytest.approx(5 / 7)


def test_f_quartile_bands_of_whole_people_on_annual_pay_and_per_hour(held_out):
    # 14 people: bands of places 1-3, 4-7, 8-10, 11-14 (floor(q * 14 / 4) = 3, 7, 10, 14).
    # Annual ranking: 12000 W2 | 16800 W5 | 24000 W1 M1 | 24400 M3 | 24800 W3 | 27200 M2 |
    # 28800 W6 | 33600 W4 M5 M6 | 35200 M4 | 52000 W7 | 56000 M7.  Band 1 takes one place of
    # the 24000 block: round(1 * 1/2) = 1 woman (half up).  Band 3 takes two places of the
    # 33600 block: round(2 * 1/3) = 1 woman.
    annual = [(3, 3, 0), (4, 1, 3), (3, 2, 1), (4, 1, 3)]  # (people, women, men)
    # Per hour: 15 W1 W2 M1 | 15.25 M3 | 15.5 W3 | 17 M2 | 18 W6 | 21 W4 W5 M5 M6 | 22 M4 |
    # 32.5 W7 | 35 M7.  Band 3 takes three places of the 21 block: round(3 * 2/4) = 2 women.
    hourly = [(3, 2, 1), (4, 2, 2), (3, 2, 1), (4, 1, 3)]
    everyone = held_out.groups[0]
    for basis, bands in (("annual", annual), ("hourly", hourly)):
        got = everyone.on(basis).quartiles
        assert [q.quartile for q in got] == [1, 2, 3, 4]
        assert [q.people for q in got] == [p for p, _w, _m in bands]
        assert [q.women_share for q in got] == pytest.approx([w / p for p, w, _m in bands])
        assert [q.men_share for q in got] == pytest.approx([m / p for p, _w, m in bands])
    data = load_workforce(HELD_OUT)  # the bands rules see are the hourly ones
    assert data.metric("women_share", (("pay_quartile", "4"),)) == pytest.approx(1 / 4)


def test_f_quartile_bands_do_not_depend_on_the_order_of_the_rows(tmp_path, held_out):
    lines = HELD_OUT.read_text(encoding="utf-8").splitlines()
    head = [i for i, line in enumerate(lines) if line.startswith("person_id")][0]
    path = tmp_path / "shuffled.csv"
    path.write_text("\n".join(lines[:head + 1] + lines[:head:-1]) + "\n", encoding="utf-8")
    again = pay_report(load_workforce(path), min_group=2)
    assert again.model_dump(exclude={"file"}) == held_out.model_dump(exclude={"file"})


def test_g_categories_on_annual_pay_and_per_hour_basic_and_complementary_apart(held_out):
    cats = {c.category: c for c in held_out.categories}
    clerks, inspectors = cats["Clerks"], cats["Inspectors"]
    assert (clerks.women, clerks.men, inspectors.women, inspectors.men) == (3, 3, 3, 3)
    # Clerks, all pay: annual 60800 vs 75600; per hour 45.5 vs 47.25 (sums of three each)
    assert clerks.on("annual").pay_gap_mean == pytest.approx(14800 / 75600)
    assert clerks.on("hourly").pay_gap_mean == pytest.approx(1.75 / 47.25)
    # basic pay: annual 60000 vs 73600; per hour 45 vs 46
    assert clerks.on("annual").basic_pay_gap_mean == pytest.approx(13600 / 73600)
    assert clerks.on("hourly").basic_pay_gap_mean == pytest.approx(1 / 46)
    # complementary, recipients: W3 alone (1 woman < 2): suppressed on both bases
    assert clerks.on("annual").bonus_gap_mean == SUPPRESSED
    assert clerks.on("hourly").bonus_gap_mean == SUPPRESSED
    assert clerks.on("annual").bonus_share_women == pytest.approx(1 / 3)
    # Inspectors: annual 79200 vs 102400; per hour 60 vs 64
    assert inspectors.on("annual").pay_gap_mean == pytest.approx(23200 / 102400)
    assert inspectors.on("hourly").pay_gap_mean == pytest.approx(4 / 64)
    assert inspectors.on("annual").basic_pay_gap_mean == pytest.approx(20800 / 97600)
    assert inspectors.on("hourly").basic_pay_gap_mean == pytest.approx(3 / 61)
    # recipients W4 1600, W5 800 vs M4 3200, M6 1600; per hour 1, 1 vs 2, 1
    assert inspectors.on("annual").bonus_gap_mean == pytest.approx(1200 / 2400)
    assert inspectors.on("hourly").bonus_gap_mean == pytest.approx(0.5 / 1.5)
    assert inspectors.on("hourly").bonus_share_men == pytest.approx(2 / 3)  # M5 has none
    directors = cats["Directors"]  # one woman, one man: under the limit of 2
    assert directors.status == "not published"
    assert all(getattr(f, k) == SUPPRESSED for f in directors.figures
               for k in ("pay_gap_mean", "basic_pay_gap_mean", "bonus_gap_mean"))


def test_article_10_is_tested_per_hour_and_the_annual_gap_is_said(held_out):
    a = held_out.joint_pay_assessment
    assert a.basis == "hourly" and a.needed is True
    assert [(c.category, c.basis) for c in a.categories] == [("Inspectors", "hourly")]
    assert a.categories[0].pay_gap_mean == pytest.approx(0.0625)
    assert a.categories[0].why.startswith(
        "women are paid 6.2 % less than men per hour on average (mean pay gap 6.2 %), at least "
        "the 5 % of Article 10; on annual pay the gap is 22.7 %")
    clerks = next(c for c in held_out.categories if c.category == "Clerks")
    assert clerks.status == "below threshold"  # 3.7 % per hour, 19.6 % on annual pay
    assert "(3.7 %); on annual pay it is 19.6 %, the difference coming from the hours paid" in (
        clerks.why)
    assert a.not_published == ["Directors"]
    assert a.article == "10" and a.definition.startswith("Art. 10(1)")
    assert "within six months" in a.definition


def test_every_definition_cites_its_article_in_the_report_and_the_docs(held_out):
    assert [(i.article, i.letter) for i in held_out.indicators] == [
        (f"9(1)({k})", k) for k in "abcdefg"]
    for i in held_out.indicators:
        assert i.definition.startswith(f"Art. {i.article}:"), i.definition
    assert held_out.quartile_rule.startswith("Art. 9(1)(f)")
    text = render_report(held_out, "table")
    for k in "abcdefg":
        assert f"Art. 9(1)({k}):" in text
    assert "Art. 10(1):" in text and "Art. 3(1)(b)" in text
    docs = " ".join((Path(__file__).parent.parent / "docs" / "workforce.md").read_text(
        encoding="utf-8").split())
    for k in "abcdefg":
        assert f"Art. 9(1)({k})" in docs, k
    for words in ("Art. 3(1)(b)", "Art. 10(1)", "round(k × w ÷ b)", "halves rounded up",
                  "annual pay ÷ hours", "fte × the hours of a full-time post"):
        assert words in docs, words


def test_json_csv_and_xlsx_give_the_same_figures(tmp_path, held_out):
    openpyxl = pytest.importorskip("openpyxl")
    doc = json.loads(render_report(held_out, "json"))
    rows = list(csv.DictReader(io.StringIO(render_report(held_out, "csv"))))
    write_report(held_out, tmp_path / "r.xlsx")
    sheet = list(openpyxl.load_workbook(tmp_path / "r.xlsx")["Data"].iter_rows(values_only=True))
    head = list(sheet[0])
    assert head == list(rows[0].keys())
    cells = [dict(zip(head, ["" if v is None else v for v in r], strict=True)) for r in sheet[1:]]
    assert len(cells) == len(rows)

    def pick(table, article, basis, **kw):
        (hit,) = [r for r in table if r["article"] == article and r["basis"] == basis
                  and r["group"] == "all staff"
                  and all(str(r[k]) == str(v) for k, v in kw.items())]
        return hit["value"]

    everyone = {f["basis"]: f for f in doc["groups"][0]["figures"]}
    for basis in ("annual", "hourly"):
        for article, key, kw in (("9(1)(a)", "pay_gap_mean", {}),
                                 ("9(1)(b)", "bonus_gap_mean", {}),
                                 ("9(1)(c)", "pay_gap_median", {}),
                                 ("9(1)(d)", "bonus_gap_median", {}),
                                 ("9(1)(e)", "bonus_share_women", {"sex": "women"})):
            want = everyone[basis][key]
            assert float(pick(rows, article, basis, **kw)) == want
            assert pick(cells, article, basis, **kw) == want
        band4 = everyone[basis]["quartiles"][3]["women_share"]
        assert float(pick(rows, "9(1)(f)", basis, pay_band=4, sex="women")) == band4
        assert pick(cells, "9(1)(f)", basis, pay_band=4, sex="women") == band4
    assert everyone["annual"]["pay_gap_mean"] == round(42000 / 234000, 4)
    (inspectors,) = [c for c in doc["categories"] if c["category"] == "Inspectors"]
    inspectors = {f["basis"]: f for f in inspectors["figures"]}
    for basis in ("annual", "hourly"):
        want = inspectors[basis]["basic_pay_gap_mean"]
        got = [r for r in rows if r["category"] == "Inspectors" and r["basis"] == basis
               and r["indicator"] == "gap in basic pay (mean)"]
        assert [float(r["value"]) for r in got] == [want]
    flagged = [(r["category"], r["basis"]) for r in rows if r["status"] == "flagged"]
    assert flagged == [("Inspectors", "hourly")]


def test_text_and_workbook_show_both_bases(tmp_path, held_out):
    openpyxl = pytest.importorskip("openpyxl")
    text = render_report(held_out, "table")
    assert "annual pay" in text and "per hour" in text
    lines = [line.split() for line in text.splitlines()]
    assert ["annual", "7", "7", "17.9", "%", "16.7", "%", "26.2", "%", "25.0", "%", "57.1", "%",
            "71.4", "%"] in lines
    assert ["hourly", "7", "7", "5.6", "%", "7.4", "%", "14.3", "%", "0.0", "%", "57.1", "%",
            "71.4", "%"] in lines
    write_report(held_out, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["Pay report"]
    rows = [[c for c in r if c is not None] for r in ws.iter_rows(values_only=True)]
    annual = next(r for r in rows if r[:2] == ["all staff", "annual"])
    hourly = next(r for r in rows if r[:2] == ["all staff", "hourly"])
    assert annual[4] == pytest.approx(42000 / 234000) and hourly[4] == pytest.approx(
        8.25 / 146.25)


def test_hourly_pay_from_fte_cancels_the_full_time_hours(tmp_path):
    path = tmp_path / "fte.csv"
    # per FTE: women 3000, 3000 (half time on 1500), 2400; men 3200, 3000, 3600
    path.write_text("person_id,sex,pay,fte\nW1,F,3000,1\nW2,F,1500,0.5\nW3,F,2400,1\n"
                    "M1,M,3200,1\nM2,M,1500,0.5\nM3,M,3600,1\n")
    r = pay_report(load_workforce(path), min_group=0)
    hourly = r.basis("hourly")
    assert hourly.columns == ["pay", "fte"] and hourly.lacking is None
    assert "cancel out of every gap and share" in hourly.derivation
    f = r.groups[0]
    # per hour = per FTE / the full-time hours, the same for all: the gap is the per-FTE one
    assert f.on("hourly").pay_gap_mean == pytest.approx((9800 - 8400) / 9800)
    assert f.on("hourly").pay_gap_median == pytest.approx((3200 - 3000) / 3200)
    assert f.on("annual").pay_gap_mean == pytest.approx((8300 - 6900) / 8300)
    assert f.on("annual").bonus_gap_mean is None  # pay is not split
    assert "does not split" in f.on("annual").lacking["bonus_gap_mean"]


def test_without_hours_there_is_no_hourly_figure_and_article_10_uses_annual_pay(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("person_id,sex,category,pay\n" + "".join(
        f"W{i},F,Nurses,{110 + i}\nM{i},M,Nurses,{100 + i}\n" for i in range(5)))
    r = pay_report(load_workforce(path))
    hourly = r.basis("hourly")
    assert "no hours (or fte) column" in hourly.lacking
    f = r.groups[0].on("hourly")
    assert f.pay_gap_mean is None and f.quartiles == []
    assert f.lacking["pay_gap_mean"] == hourly.lacking
    assert r.groups[0].on("annual").pay_gap_mean == pytest.approx((102 - 112) / 102)
    (nurses,) = r.categories
    assert nurses.basis == "annual" and r.joint_pay_assessment.basis == "annual"
    assert nurses.status == "flagged"
    assert "women are paid 9.8 % more than men in annual pay on average" in nurses.why
    text = render_report(r, "table")
    assert "Pay per hour: — the workforce file has no hours (or fte) column" in text


# ------------------------------------------------------------------------------- seal metrics


def test_cli_pay_report_table_json_csv(tmp_path):
    out = runner.invoke(app, ["metrics", str(PAY), "--pay-report", "--min-group", "3"])
    assert out.exit_code == 0, out.output
    assert "Article 10: joint pay assessment" in out.output
    assert "- Clerks: women are paid 9.2 % less" in out.output
    data = json.loads(runner.invoke(app, ["metrics", str(PAY), "--pay-report", "-f", "json",
                                          "--by", "grade"]).output)
    assert [g["group"]["grade"] for g in data["groups"]] == ["all", "officer", "manager"]
    assert [f["basis"] for f in data["groups"][0]["figures"]] == ["annual", "hourly"]
    assert data["groups"][0]["figures"][1]["pay_gap_mean"] == round(gap(MEAN_M, MEAN_W), 4)
    assert data["groups"][0]["figures"][0]["pay_gap_mean"] == round(gap(33920, 204500 / 8), 4)
    rows = list(csv.DictReader(io.StringIO(runner.invoke(
        app, ["metrics", str(PAY), "--pay-report", "-f", "csv", "--min-group", "0"]).output)))
    articles = [r["article"] for r in rows]
    assert articles == sorted(articles, key=lambda a: (a == "10", a))  # directive order
    first, second = rows[:2]
    assert (first["article"], first["group"], first["basis"], float(first["value"])) == (
        "9(1)(a)", "all staff", "annual", round(gap(33920, 204500 / 8), 4))
    assert (second["article"], second["basis"], float(second["value"])) == (
        "9(1)(a)", "hourly", round(gap(MEAN_M, MEAN_W), 4))
    band4 = [r for r in rows if r["article"] == "9(1)(f)" and r["pay_band"] == "4"
             and r["basis"] == "hourly"]
    assert [(r["sex"], float(r["value"])) for r in band4] == [("women", 0.2), ("men", 0.8)]
    flagged = [r["category"] for r in rows if r["status"] == "flagged"]
    assert flagged == ["Clerks", "Inspectors"]
    assert {r["basis"] for r in rows if r["article"] == "10"} == {"hourly"}


def test_cli_pay_report_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "pay.xlsx"
    result = runner.invoke(app, ["metrics", str(PAY), "--pay-report", "--min-group", "3", "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Pay report", "Data"]
    ws = wb["Pay report"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    texts = [str(c.value) for c in cells]
    assert texts[0].startswith("Pay transparency report")
    annual, hourly = [c for c in cells if c.column == 5 and isinstance(c.value, float)][:2]
    assert annual.value == pytest.approx(gap(33920, 204500 / 8))
    assert hourly.value == pytest.approx(gap(MEAN_M, MEAN_W)) and hourly.number_format == "0.0%"
    assert any(t.startswith("A joint pay assessment is needed") for t in texts)
    data = list(wb["Data"].iter_rows(values_only=True))
    assert data[0][:5] == ("article", "indicator", "group", "category", "basis")
    result = runner.invoke(app, ["metrics", str(PAY), "--pay-report", "-f", "xlsx"])
    assert result.exit_code == 2 and "cannot go to the terminal" in result.output


def test_cli_pay_report_with_a_justifications_file(tmp_path):
    side = tmp_path / "reasons.csv"
    side.write_text("category,justification\nClerks,seniority steps\nInspectors,field days\n")
    out = runner.invoke(app, ["metrics", str(PAY), "--pay-report", "--min-group", "3",
                              "--justifications", str(side)])
    assert out.exit_code == 0, out.output
    assert ("No category of workers has an unjustified mean pay gap per hour of 5 % or more"
            in " ".join(out.output.split()))
    bad = runner.invoke(app, ["metrics", str(PAY), "--justifications", str(side)])
    assert bad.exit_code == 2 and "add --pay-report" in bad.output


def test_cli_xlsx_is_for_the_pay_report(tmp_path):
    result = runner.invoke(app, ["metrics", str(PAY), "-o", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 2 and "for the pay report" in result.output


def test_write_report_writes_every_format(tmp_path, data):
    report = pay_report(data)
    for name in ("r.json", "r.csv", "r.txt"):
        write_report(report, tmp_path / name)
    assert json.loads((tmp_path / "r.json").read_text())["threshold"] == 0.05
    assert (tmp_path / "r.csv").read_text().startswith("article,indicator,group")
    assert (tmp_path / "r.txt").read_text().startswith("Pay transparency report")


def test_the_bundled_example_shows_the_report_the_readmes_describe():
    root = Path(__file__).parent.parent
    a = seal_engine.load_assessment(root / "assessments" / "valdoria-ministry-of-labour" /
                                    "2025.yaml")
    data = seal_engine.load_workforce_for(a)
    assert data.shape == "per_person" and data.pay_basis == "hour" and "basic" in data.pay
    figures = {m: round(data.metric(m) * 100, 1) for m in (
        "pay_gap_mean", "pay_gap_mean_annual", "bonus_share_women", "bonus_share_men")}
    assert figures == {"pay_gap_mean": 14.0, "pay_gap_mean_annual": 18.6,
                       "bonus_share_women": 30.3, "bonus_share_men": 56.2}
    report = pay_report(data)
    a10 = report.joint_pay_assessment
    assert [c.category for c in a10.categories] == ["Labour inspectors"]
    assert "5.8 % less" in a10.categories[0].why
    assert [c.category for c in a10.justified] == ["Drivers and messengers"]
    everyone = report.groups[0]
    assert round(everyone.on("annual").pay_gap_mean * 100, 1) == 18.6
    assert round(everyone.on("hourly").pay_gap_mean * 100, 1) == 14.0
    for doc in ("README.md", "assessments/README.md"):
        text = " ".join((root / doc).read_text(encoding="utf-8").split())
        for words in ("14.0 %", "18.6 %", "5.8 %", "--pay-report"):
            assert words in text, (doc, words)
    assert a.answers["WE-05.gap_mean"] == figures["pay_gap_mean"]  # declared as measured
