"""The Lao PDR public service adaptation, version 2, against its source: the report of the
capacity development workshop "Promoting the presence and leadership of women within public
institutions at the national and local levels" (UN DESA, UNDP and MoHA, Vang Vieng, 24-27 October
2023).

- the leadership target is 30 % with nothing credited below 25 % (the report's "at minimum 25-30
  per cent"), at national and at subnational level apart;
- recruitment is 50 % women by 2030 as a dated target with a yearly path: met when on track for
  the year assessed, on the straight line from the institution's 2023 share to 50 % in 2030;
- one gender focal point per ministry, not one per department or district office;
- 40 % women among trainees; every parameter and mandatory choice carries a source;
- the action library is Annex 1, row by row (activities, indicators, dates, bodies, budgets);
- no language the report did not ask for;
- `seal actions` on the Public Works example drafts the annex's activities.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from typer.testing import CliRunner

import seal_engine
from seal_engine import BenchmarkStatus as S
from seal_engine.cli import app

from .conftest import ROOT

ADAPTATION = ROOT / "standards" / "lao-public-service-adaptation"
PUBLIC_WORKS = ROOT / "assessments" / "valdoria-ministry-of-public-works" / "2025.yaml"
REPORT = "Workshop report (2023)"

runner = CliRunner()


@pytest.fixture(scope="module")
def lao() -> seal_engine.Standard:
    return seal_engine.load_standard(ADAPTATION)


@pytest.fixture(scope="module")
def workforce():
    return seal_engine.load_workforce_for(seal_engine.load_assessment(PUBLIC_WORKS))


def _variant(answers: dict[str, str] | None = None, year: int | None = None,
             drop: tuple[str, ...] = ()) -> seal_engine.Assessment:
    """The Public Works assessment with some answer lines replaced (YAML values as written),
    some removed, and the period moved to another calendar year."""
    text = PUBLIC_WORKS.read_text(encoding="utf-8")
    for qid, value in (answers or {}).items():
        text, n = re.subn(rf"^  {re.escape(qid)}: .*$", f"  {qid}: {value}", text, flags=re.M)
        assert n == 1, qid
    for qid in drop:
        text, n = re.subn(rf"^  {re.escape(qid)}: .*\n", "", text, flags=re.M)
        assert n == 1, qid
    if year is not None:
        text, n = re.subn(r"^period: .*$", f"period: {{start: {year}-01-01, end: {year}-12-31, "
                          f"label: '{year}'}}", text, flags=re.M)
        assert n == 1
    return seal_engine.parse_assessment(text, "public-works.yaml")


def _status(lao, a, benchmark: str, workforce=None) -> S:
    return seal_engine.score(lao, a, workforce).benchmark(benchmark).status


# ------------------------------------------------------------------------------ header


def test_version_2_extends_the_parent_version_2(lao):
    assert (lao.id, lao.version) == ("public-service-adaptation-lpdr", 3)
    assert (lao.extends.id, lao.extends.version) == ("undp-seal-public-institutions", 3)
    assert (lao.scoring.basis, lao.scoring.partial_credit, lao.scoring.threshold_operator) == (
        "benchmarks_met", 0, ">=")
    assert [(lv.id, lv.min_score) for lv in lao.levels_in_order()] == [
        ("bronze", 60), ("silver", 70), ("gold", 80)]


def test_no_language_the_report_did_not_ask_for(lao):
    assert lao.languages == ["en"] and lao.locale == "en"
    # only the parent's texts come translated (from its translation files); none of its own
    own = {r for r in lao.records() if r.startswith("LPDR")} | {lao.id}
    assert not any(own & set(texts) for texts in lao.translations.values())
    for path in ADAPTATION.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(fr|lo):", text, flags=re.M), path.name
        assert "é" not in text and "à" not in text, path.name


def test_the_lao_translation_is_documented_as_pending():
    docs = (ROOT / "docs" / "standards.md").read_text(encoding="utf-8")
    section = docs[docs.index("## The Lao PDR public service adaptation"):]
    assert "pending a translator" in section and "French" in section


# ------------------------------------------------------------------------------ targets


def test_leadership_target_30_with_nothing_credited_below_25(lao):
    assert lao.parameters["leadership_target"].value == 0.30
    assert lao.parameters["leadership_floor"].value == 0.25
    for name in ("leadership_target", "leadership_floor"):
        assert "at minimum 25-30 per cent" in lao.parameters[name].source
    for b in ("LPDR-WE-02", "LPDR-WE-03"):
        rule = lao.benchmark(b).rule
        assert "leadership_target" in rule.met and "leadership_floor" in rule.partially_met
        assert "30 %" in lao.benchmark(b).title
    # the parent's WE-02 follows the same parameters: no text says 25 % is enough
    assert "30 %" in lao.benchmark("WE-02").description


@pytest.mark.parametrize(("share", "national", "subnational"), [
    ("30.0", S.met, S.met), ("29.9", S.partially_met, S.partially_met),
    ("25.0", S.partially_met, S.partially_met), ("24.9", S.not_met, S.not_met),
    ("20.0", S.not_met, S.not_met)])
def test_leadership_levels_national_and_subnational_apart(lao, share, national, subnational):
    # declared shares (no workforce data): each level is judged on its own figure
    a = _variant({"LPDR-WE-02.women_leaders": share, "LPDR-WE-03.women_leaders": share})
    r = seal_engine.score(lao, a)
    assert (r.benchmark("LPDR-WE-02").status, r.benchmark("LPDR-WE-03").status) == (
        national, subnational)
    apart = _variant({"LPDR-WE-02.women_leaders": "31.0", "LPDR-WE-03.women_leaders": "15.8"})
    r = seal_engine.score(lao, apart)
    assert (r.benchmark("LPDR-WE-02").status, r.benchmark("LPDR-WE-03").status) == (
        S.met, S.not_met)


def test_partially_met_leadership_earns_no_credit(lao):
    a = _variant({"LPDR-WE-02.women_leaders": "27.0"})
    b = seal_engine.score(lao, a).benchmark("LPDR-WE-02")
    assert b.status is S.partially_met and b.points == 0


def test_forty_percent_women_among_trainees(lao):
    assert lao.parameters["trainee_target"].value == 0.40
    assert "40 per cent target for women's representation at trainings" in (
        lao.parameters["trainee_target"].source)
    assert lao.benchmark("GA-06").mandatory_from == "silver"
    for b in ("GA-06", "LPDR-GA-02"):
        assert "trainee_target" in lao.benchmark(b).rule.met


# ------------------------------------------------------------------------------ recruitment path


def _needed(baseline: float, year: int) -> float:
    """The path, computed apart from the rule: a straight line from the 2023 share to 50 % in
    2030, the baseline before it and 50 % after it, never above 50 %."""
    elapsed = min(max(year - 2023, 0), 7)
    return min(0.50, baseline + (0.50 - baseline) * elapsed / 7)


def test_the_recruitment_target_is_dated_with_its_source(lao):
    p = lao.parameters
    assert (p["recruitment_target"].value, p["recruitment_target_year"].value,
            p["recruitment_baseline_year"].value) == (0.50, 2030, 2023)
    assert "50 per cent by 2030" in p["recruitment_target"].source
    assert "50 per cent by 2030" in p["recruitment_target_year"].source
    assert p["recruitment_baseline_year"].source.startswith("Choice of this standard")
    assert "2023" in lao.benchmark("LPDR-WE-04").questions[0].text


def test_the_path_counts_one_date_per_year_of_its_parameters(lao):
    rule = lao.benchmark("LPDR-WE-04").rule.met
    years = sorted({int(y) for y in re.findall(r"period_end\(\) >= '(\d{4})-01-01'", rule)})
    p = lao.parameters
    assert years == list(range(p["recruitment_baseline_year"].value + 1,
                               p["recruitment_target_year"].value + 1))
    assert rule.count("period_end() >= '2024-01-01'") == 2  # the measured and the declared share


@pytest.mark.parametrize("year", range(2022, 2033))
@pytest.mark.parametrize("baseline", [0.22, 0.10, 0.50, 0.60])
def test_recruitment_is_met_when_on_track_for_the_year_assessed(lao, year, baseline):
    need = _needed(baseline, year)
    on_track = _variant({"LPDR-WE-04.women_recruited_baseline": f"{baseline * 100:.1f}",
                         "LPDR-WE-04.women_recruited": f"{need * 100 + 0.05:.2f}"}, year)
    behind = _variant({"LPDR-WE-04.women_recruited_baseline": f"{baseline * 100:.1f}",
                       "LPDR-WE-04.women_recruited": f"{need * 100 - 0.05:.2f}",
                       "LPDR-WE-04.request_by_sex": "no"}, year)
    assert _status(lao, on_track, "LPDR-WE-04") is S.met
    assert _status(lao, behind, "LPDR-WE-04") is S.not_met
    # the threshold the rule compared with is the path's value for that year
    b = seal_engine.score(lao, behind).benchmark("LPDR-WE-04")
    thresholds = [t for t in _thresholds(b.clauses) if t is not None]
    assert thresholds and all(t == pytest.approx(need) for t in thresholds)


def _thresholds(clauses):
    for c in clauses:
        if c.expression and "women_recruited" in c.expression and c.op == ">=":
            yield c.threshold
        yield from _thresholds(c.clauses)


def test_recruitment_behind_the_path_with_a_staffing_request_shows_progress(lao):
    # 2025 from 22 %: the path needs 30 %
    a = _variant({"LPDR-WE-04.women_recruited": "29.0"})
    assert _status(lao, a, "LPDR-WE-04") is S.partially_met
    # 50 % "now" is not what is asked: 30.8 % in 2025 is on track
    assert _status(lao, _variant(), "LPDR-WE-04") is S.met


def test_recruitment_measured_from_the_workforce_data(lao, workforce):
    # the workforce file: 44 women among 143 recruits (30.8 %)
    assert _status(lao, _variant(), "LPDR-WE-04", workforce) is S.met          # 2025 needs 30 %
    assert _status(lao, _variant(year=2026), "LPDR-WE-04", workforce) is S.partially_met  # 34 %
    assert _status(lao, _variant({"LPDR-WE-04.request_by_sex": "no"}, 2026), "LPDR-WE-04",
                   workforce) is S.not_met


def test_recruitment_without_a_baseline_is_not_answered(lao):
    a = _variant(drop=("LPDR-WE-04.women_recruited_baseline",))
    assert _status(lao, a, "LPDR-WE-04") in (S.not_answered, S.partially_met)
    assert _status(lao, _variant({"LPDR-WE-04.request_by_sex": "no"},
                                 drop=("LPDR-WE-04.women_recruited_baseline",)),
                   "LPDR-WE-04") is S.not_answered


# ------------------------------------------------------------------------------ focal point


def test_one_focal_point_per_ministry(lao):
    assert "LPDR-GA-01" not in {b.id for b in lao.benchmarks()}
    assert not [p for p in lao.parameters if p.startswith("focal_point_coverage")]
    asked = [(b.id, q.text.lower()) for b in lao.benchmarks() for q in b.questions
             if "focal point" in q.text.lower()]
    assert [b for b, text in asked if "appointed" in text] == ["GA-02"]
    for b, text in asked:  # no question counts focal points in departments or local offices
        assert not re.search(r"department|district|provincial|office", text), (b, text)
    ga02 = lao.benchmark("GA-02")
    assert ga02.mandatory_from == "bronze"
    assert "a focal point in each ministry" in ga02.mandatory_source


def test_a_ministry_with_its_one_focal_point_meets_the_requirement(lao):
    # Public Works: one focal point (and an alternate) for the ministry, none in its 21
    # departments or its 3 provincial offices
    r = seal_engine.score(lao, _variant())
    assert r.benchmark("GA-02").status is S.met
    assert "GA-02" not in r.next_level.blocking
    without = seal_engine.score(lao, _variant({"GA-02.focal_point": "no"}))
    assert without.benchmark("GA-02").status is S.not_met and without.level is None


# ------------------------------------------------------------------------------ sources


ADDED_OR_CHANGED = ["GA-02", "GA-06", "LPDR-GA-02", "WE-08", "WE-12", "LPDR-WE-01",
                    "LPDR-WE-02", "LPDR-WE-03", "LPDR-WE-04"]


def test_every_parameter_the_adaptation_sets_quotes_its_source(lao):
    header = yaml.safe_load((ADAPTATION / "standard.yaml").read_text(encoding="utf-8"))
    assert set(header["parameters"]) == {
        "leadership_target", "leadership_floor", "trainee_target", "recruitment_target",
        "recruitment_target_year", "recruitment_baseline_year", "hr_reports_min"}
    for name in header["parameters"]:
        source = lao.parameters[name].source
        assert source, name
        assert source.startswith(REPORT) or source.startswith("Choice of this standard"), name
        assert '"' in source, f"{name}: the source quotes the report"
    assert lao.scoring.source


def test_every_mandatory_choice_of_the_adaptation_quotes_its_source(lao):
    for b in ADDED_OR_CHANGED:
        source = lao.benchmark(b).mandatory_source
        assert source and ("Workshop report (2023)" in source or "workshop report" in source), b
        assert '"' in source, f"{b}: the source quotes the report"
    assert lao.benchmark("LPDR-WE-01").allow_not_applicable is False


# ------------------------------------------------------------------------------ Annex 1

#: Annex 1 of the report, row by row: area, words of the activity, time frame as the annex
#: writes it, responsible party (words it must name), a USD 50,000 budget or not, and the
#: indicator (unit, target).
ANNEX = [
    ("policy_standards", "Develop a strategy to promote gender equality in governance",
     "quarter 1/2024", ["Line ministries", "Agriculture and Forestry"], True, ("number", 3)),
    ("policy_standards", "Re-examine the leadership and management plan",
     "quarter 1, annually", ["Ministry of Home Affairs"], False, ("number", None)),
    ("policy_standards", "Develop standards and conditions for women civil servants",
     "quarter 1/2025", ["Department of Human Resources", "line ministries"], True, ("yes_no", 1)),
    ("sensitization", "Disseminate and publish the strategy and organize training on gender roles",
     "quarter 4/2024", ["Department of Human Resources", "line ministries"], True, ("yes_no", 1)),
    ("capacity_development", "Disseminate and publish the above developed strategies",
     "quarter 4/2024", ["Department of Human Resources", "line ministries"], True, ("yes_no", 1)),
    ("capacity_development", "Leadership training for women in the public sector",
     "quarter 2/2027", ["Institute of Political Administration", "MoHA"], False, ("percent", 70)),
    ("capacity_development", "Gender training for human resources departments at the central level",
     "quarters 1-2", ["NCAWMC", "Lao Women's Union"], False, ("percent", 70)),
    ("capacity_development", "Update knowledge on political theory and governance",
     "quarter 3/2024", ["MoHA", "United Nations"], False, ("number", 30)),
    ("capacity_development", "ICT knowledge for women civil servants",
     "quarters 1-4", ["Ministry of Technology and Communication"], False, ("percent", 40)),
    ("capacity_development", "Upgrade technical knowledge",
     "quarter 4/2024", ["study"], False, ("number", 30)),
    ("capacity_development", "Upgrade ICT knowledge",
     "quarter 3/2025", ["Ministry of Technology and Communication"], False, ("number", 30)),
    ("capacity_development", "Improve foreign language skills",
     "quarter 1/2026", ["Foreign Institute"], False, ("number", 30)),
    ("monitoring_evaluation", "Monitoring and evaluation",
     "quarter 4", ["human resources department of each ministry"], False, ("percent", 70)),
    ("data_collection", "Collect information at the administrative level",
     "quarter 1/2024", ["Ministry of Home Affairs"], False, ("yes_no", 1)),
]
ANNEX_IDS = [f"A-LPDR-NAP-{n:02d}" for n in range(1, len(ANNEX) + 1)]


def test_the_action_library_is_annex_1(lao):
    own = [a for a in lao.actions if a.id.startswith("A-LPDR-")]
    assert [a.id for a in own if a.id.startswith("A-LPDR-NAP-")] == ANNEX_IDS
    # the two others say they are not annex rows
    others = [a for a in own if not a.id.startswith("A-LPDR-NAP-")]
    assert sorted(a.id for a in others) == ["A-LPDR-GA-02a", "A-LPDR-WE-04a"]
    assert all("Not an Annex 1 row" in " ".join(a.description.split()) for a in others)
    # the parent's action for women in management keeps its 30 % target
    assert lao.actions_for("WE-02")[0].indicator.target == 30


@pytest.mark.parametrize(("action_id", "row"), list(zip(ANNEX_IDS, ANNEX, strict=True)),
                         ids=ANNEX_IDS)
def test_each_annex_row_keeps_its_columns(lao, action_id, row):
    area, words, when, bodies, budget, (unit, target) = row
    a = next(x for x in lao.actions if x.id == action_id)
    assert a.area.value == area
    assert words.lower() in a.title.lower()
    description = " ".join(a.description.split())
    assert f"Annex 1 time frame: {when}" in description
    for body in bodies:
        assert body.lower() in a.responsible.lower(), (body, a.responsible)
    assert ("USD 50,000" in (a.resources or "")) is budget
    assert a.indicator is not None and (a.indicator.unit, a.indicator.target) == (unit, target)
    assert a.means_of_verification and a.resources and a.capacities
    for b in a.benchmarks:
        lao.benchmark(b)


def test_annex_indicators_as_the_annex_writes_them(lao):
    actions = {a.id: a for a in lao.actions}
    for n in (6, 7, 13):  # 70 % of participants understanding, by pre/post test where it says
        assert actions[f"A-LPDR-NAP-{n:02d}"].indicator.target == 70
    for n in (6, 7):
        assert "pre- and post-training assessment" in actions[f"A-LPDR-NAP-{n:02d}"].indicator.text
    for n in (6, 8, 10, 11, 12):  # one session of 30 people
        a = actions[f"A-LPDR-NAP-{n:02d}"]
        assert "one session of 30 people" in " ".join(
            (a.indicator.text + " " + a.description).split())
    assert actions["A-LPDR-NAP-09"].indicator.text == "Percentage of women trainees"
    budgets = [a.id for a in lao.actions if "USD 50,000" in (a.resources or "")]
    assert budgets == ["A-LPDR-NAP-01", "A-LPDR-NAP-03", "A-LPDR-NAP-04", "A-LPDR-NAP-05"]


def test_the_annex_dates_run_from_q1_2024_to_q2_2027(lao):
    dated = []
    for a in lao.actions:
        m = re.search(r"Annex 1 time frame: quarter (\d)/(\d{4})", " ".join(a.description.split()))
        if m:
            dated.append((int(m[2]), int(m[1])))
    assert min(dated) == (2024, 1) and max(dated) == (2027, 2)
    assert len(dated) == 10


# ------------------------------------------------------------------------------ the example


def test_public_works_holds_together_on_the_faithful_basis(lao, workforce):
    a = seal_engine.load_assessment(PUBLIC_WORKS)
    assert (a.standard.id, a.standard.version) == ("public-service-adaptation-lpdr", 3)
    r = seal_engine.score(lao, a, workforce)
    counted = [b for b in r.benchmarks if b.status not in (S.not_applicable,)]
    met = [b for b in counted if b.status is S.met]
    assert (len(met), len(counted)) == (37, 60)
    assert r.score == pytest.approx(100 * 37 / 60, abs=0.01)
    assert r.level == "bronze"
    mandatory = {b.id: b.mandatory_from for b in lao.benchmarks()}
    assert all(b.status is S.met for b in r.benchmarks if mandatory[b.id] == "bronze")
    assert set(r.next_level.blocking) == {"LC-06", "GA-04", "GA-06", "PC-03"}
    header = PUBLIC_WORKS.read_text(encoding="utf-8").split("type: assessment")[0]
    assert "37 of its 60 applicable benchmarks met (61.7 %)" in header
    assert "LPDR-GA-01" not in PUBLIC_WORKS.read_text(encoding="utf-8")


def test_seal_actions_drafts_the_annex_activities_for_public_works(lao):
    out = runner.invoke(app, ["actions", str(PUBLIC_WORKS), "-f", "json"])
    assert out.exit_code == 0, out.output
    plan = json.loads(out.stdout)
    rows = {r["action"]: r for r in plan["rows"]}
    assert set(ANNEX_IDS) <= set(rows)
    for action_id, row_of_annex in zip(ANNEX_IDS, ANNEX, strict=True):
        area, words, when, bodies, budget, (unit, target) = row_of_annex
        row = rows[action_id]
        assert row["area"] == area
        assert words.lower() in row["activity"].lower()
        assert f"Annex 1 time frame: {when}" in row["activity"]
        assert all(body.lower() in row["responsible"].lower() for body in bodies)
        assert ("USD 50,000" in row["resources"]) is budget
        assert (row["unit"], row["target"]) == (unit, target)
    # the ICT project's share of women trainees starts from the ministry's own 18 %
    assert rows["A-LPDR-NAP-09"]["baseline"] == 18
    md = runner.invoke(app, ["actions", str(PUBLIC_WORKS)])
    assert md.exit_code == 0, md.output
    for heading in ("Policy & standards", "Sensitization", "Capacity development",
                    "Monitoring & evaluation", "Data collection"):
        assert f"## {heading}" in md.stdout
    assert "Institute of Political Administration" in md.stdout
