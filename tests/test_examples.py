"""The example assessments and the Lao PDR public service adaptation.

- every example validates and gives exactly the level, score and basis its line in
  assessments/README.md says, in the API and as `seal score` prints it;
- an independent count of each example's benchmark statuses (the share of applicable benchmarks
  met, or of weighted points, against each threshold, with every benchmark mandatory up to the
  level met; a not-applicable claim no assessor accepted counts as applicable and not met) gives
  the engine's level;
- a not-applicable claim the institution made itself on a mandatory benchmark earns no level
  until an assessor accepts it, and a benchmark that forbids the claim ignores it;
- the examples reach every outcome of the ladder, the draft is a draft, the workforce files are
  real-sized and the progress pairs progress;
- the level boundaries of the public institutions standard hold exactly at 60, 70 and 80 %:
  starting from the Gold example, answers of non-mandatory benchmarks are removed until the share
  of benchmarks met sits exactly on a threshold, then one benchmark below it;
- the adaptation extends its parent with exactly the intended differences.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine
from seal_engine import BenchmarkStatus as S
from seal_engine.cli import app
from seal_engine.diff import diff_standards

from .conftest import ROOT

ASSESSMENTS = ROOT / "assessments"
README = ASSESSMENTS / "README.md"
ADAPTATION = ROOT / "standards" / "lao-public-service-adaptation"
UNDP = "undp-seal-public-institutions"
GOLD_EXAMPLE = ASSESSMENTS / "port-aurel-municipality" / "2025.yaml"

runner = CliRunner()


# ------------------------------------------------------------------------------ README table


@dataclass(frozen=True)
class Expected:
    file: Path
    institution: str
    scope: str
    standard: str
    version: int
    basis: str  # "benchmarks met" or "weighted points"
    level: str  # a level title, or "no level"
    score: str  # one decimal, as `seal score` prints it


_ROW = re.compile(
    r"^\| `(?P<file>[^`]+)` \| (?P<institution>[^|]+?) \| (?P<scope>national|subnational) "
    r"\| (?P<standard>\S+) v(?P<version>\d+) \| (?P<basis>benchmarks met|weighted points) "
    r"\| (?P<level>[^|]+?) \| (?P<score>\d+\.\d) % \|$"
)
# the basis as the README names it, as the result names it in data, and as `seal score` prints it
BASIS = {"benchmarks met": ("benchmarks_met", "Basis: share of applicable benchmarks met"),
         "weighted points": ("weighted_points", "Basis: weighted points")}


def _readme_rows() -> list[Expected]:
    rows = []
    for line in README.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            rows.append(Expected(ASSESSMENTS / m["file"], m["institution"], m["scope"],
                                 m["standard"], int(m["version"]), m["basis"], m["level"],
                                 m["score"]))
    return rows


ROWS = _readme_rows()
EXAMPLES = sorted(ASSESSMENTS.rglob("*.yaml"))


def _rel(p: Path) -> str:
    return str(p.relative_to(ASSESSMENTS))


def _load(path: Path) -> tuple[seal_engine.Standard, seal_engine.Assessment]:
    a = seal_engine.load_assessment(path)
    s = seal_engine.load_standard(seal_engine.find_standard(a.standard.id, a.standard.version))
    return s, a


def _level_title(s: seal_engine.Standard, level_id: str | None) -> str:
    if level_id is None:
        return "no level"
    return next(lv.title for lv in s.levels if lv.id == level_id)


def test_readme_lists_every_example_once():
    assert len(ROWS) >= 9
    listed = [r.file for r in ROWS]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == EXAMPLES


@pytest.mark.parametrize("row", ROWS, ids=lambda r: _rel(r.file))
def test_example_gives_the_readme_outcome(row: Expected):
    s, a = _load(row.file)
    assert (a.standard.id, a.standard.version) == (row.standard, row.version)
    assert row.institution.startswith(a.institution.name)
    assert a.institution.scope == row.scope
    r = seal_engine.score(s, a, seal_engine.load_workforce_for(a))
    # the percentage from the exact share, as every output prints it (45 of 57 is 78.9 %)
    assert (_level_title(s, r.level), f"{r.points * 100 / r.max_points:.1f}") == (
        row.level, row.score)
    assert r.score == pytest.approx(r.points * 100 / r.max_points, abs=0.005)
    assert r.basis.kind == s.scoring.basis == BASIS[row.basis][0]
    if row.basis == "benchmarks met":  # the programme's basis: each benchmark once, met or not
        assert r.basis.partial_credit == 0
        assert r.score == round(100 * r.basis.met / r.basis.applicable, 2)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: _rel(r.file))
def test_seal_validate_and_score_print_the_readme_outcome(row: Expected):
    v = runner.invoke(app, ["validate", str(row.file)])
    assert v.exit_code == 0, v.output
    r = runner.invoke(app, ["score", str(row.file)])
    assert r.exit_code == 0, r.output
    assert f"Level reached: {row.level}   Overall score: {row.score} %" in r.stdout
    assert BASIS[row.basis][1] in r.stdout
    j = runner.invoke(app, ["score", str(row.file), "--format", "json"])
    assert j.exit_code == 0, j.output
    assert json.loads(j.stdout)["basis"]["kind"] == BASIS[row.basis][0]


# ------------------------------------------------------------------------------ level, recomputed


def _recomputed_level(s: seal_engine.Standard, a: seal_engine.Assessment,
                      r: seal_engine.ScoreResult) -> str | None:
    """The level from the benchmark statuses alone, by the level rule as the programme states it
    (see docs/standards.md), without the engine's points, totals or ladder: the share of
    applicable benchmarks met (or of weighted points, on that basis) at least (or more than) each
    threshold, and every benchmark mandatory at that level or below met.  Not-applicable
    benchmarks leave the denominator, but a claim the institution made and no assessor accepted
    counts as applicable and not met: it never satisfies a mandatory benchmark (domain brief,
    "Level rule") nor lifts the share."""
    credit = {S.met: Fraction(1), S.partially_met: Fraction(s.scoring.partial_credit)}
    got = total = Fraction(0)
    satisfied = set()
    for b in s.benchmarks():
        status = r.benchmark(b.id).status
        pending = (b.id in a.not_applicable and b.allow_not_applicable
                   and not a.claim_accepted(b.id))
        if pending:
            status = S.not_met
        if status is S.not_applicable:
            satisfied.add(b.id)
            continue
        worth = Fraction(b.weight) if s.scoring.basis == "weighted_points" else Fraction(1)
        total += worth
        got += worth * credit.get(status, 0)
        if status is S.met:
            satisfied.add(b.id)
    order = {lv.id: lv.order for lv in s.levels}
    reached = None
    for lv in sorted(s.levels, key=lambda lv: lv.order):
        share = got * 100 / total if total else Fraction(-1)
        passes = share > lv.min_score if s.scoring.threshold_operator == ">" else (
            share >= lv.min_score)
        mandatory = [b.id for b in s.benchmarks()
                     if b.mandatory_from and order[b.mandatory_from] <= lv.order]
        if not passes or not all(b in satisfied for b in mandatory):
            break
        reached = lv.id
    return reached


@pytest.mark.parametrize("path", EXAMPLES, ids=_rel)
def test_the_level_recomputed_from_the_statuses_is_the_engines(path: Path):
    s, a = _load(path)
    r = seal_engine.score(s, a, seal_engine.load_workforce_for(a))
    assert _recomputed_level(s, a, r) == r.level


def test_the_recomputation_counts_a_pending_claim_as_not_met():
    s, a = _load(GOLD_EXAMPLE)
    a.not_applicable["PC-01"] = "Claimed by the test"
    r = seal_engine.score(s, a, seal_engine.load_workforce_for(a))
    assert _recomputed_level(s, a, r) is None


# ------------------------------------------------------------------------------ claims


def _gold_with_claim(bid: str, accepted: bool = False) -> seal_engine.ScoreResult:
    s, a = _load(GOLD_EXAMPLE)
    a.not_applicable[bid] = "The institution says this does not apply to it."
    if accepted:
        a.accepted_claims.append(bid)
    return seal_engine.score(s, a, seal_engine.load_workforce_for(a))


@pytest.mark.parametrize("bid,level", [("PC-01", "bronze"), ("WE-06", "silver"),
                                             ("RI-01", "gold")])
def test_a_self_declared_claim_on_a_mandatory_benchmark_earns_no_level(bid, level):
    """Port Aurel is Gold; claiming that a benchmark mandatory from Bronze, Silver or Gold does
    not apply (a claim the benchmark allows) stops the ladder below that level until an assessor
    accepts the claim."""
    r = _gold_with_claim(bid)
    below = {"bronze": None, "silver": "bronze", "gold": "silver"}[level]
    assert r.benchmark(bid).claim == "pending"
    assert r.level == below
    assert r.next_level.id == level and r.next_level.pending_claims == [bid]
    accepted = _gold_with_claim(bid, accepted=True)
    assert accepted.benchmark(bid).claim == "accepted"
    assert accepted.level == "gold"


@pytest.mark.parametrize("bid", ["WE-10", "LC-03", "WE-18"])
def test_a_claim_on_a_benchmark_every_employer_must_meet_is_refused(bid):
    """The standard forbids the claim (allow_not_applicable: false): scoring refuses it."""
    with pytest.raises(seal_engine.AssessmentError,
                       match=f"{bid} cannot be claimed not applicable"):
        _gold_with_claim(bid)


# ------------------------------------------------------------------------------ the set of examples


def _undp_results():
    out = {}
    for row in ROWS:
        if row.standard == UNDP:
            s, a = _load(row.file)
            out[_rel(row.file)] = (a, seal_engine.score(s, a, seal_engine.load_workforce_for(a)))
    return out


def test_examples_reach_every_outcome_and_every_kind_of_institution():
    results = _undp_results()
    assert {r.level for _a, r in results.values()} == {None, "bronze", "silver", "gold"}
    scopes = {a.institution.scope for a, _r in results.values()}
    assert scopes == {"national", "subnational"}
    names = " ".join(a.institution.name for a, _r in results.values())
    for kind in ("Ministry", "Provincial", "Municipality", "Office", "Authority"):
        assert kind in names
    assert all(a.institution.country == "Republic of Valdoria" for a, _r in results.values())


def test_a_score_above_the_threshold_is_blocked_by_a_mandatory_benchmark():
    _a, r = _undp_results()["valdoria-national-statistics-office/2025.yaml"]
    assert r.level is None and r.score >= 60
    assert r.next_level.id == "bronze" and r.next_level.blocking == ["WE-10"]


def test_the_draft_is_mostly_unanswered():
    drafts = [(a, r) for a, r in _undp_results().values() if a.status == "draft"]
    assert len(drafts) == 1
    a, r = drafts[0]
    applicable = [b for b in r.benchmarks if b.status is not S.not_applicable]
    unanswered = [b for b in applicable if b.status is S.not_answered]
    assert len(unanswered) >= len(applicable) / 2
    assert sum(v is None for v in a.answers.values()) >= 80
    assert r.level is None


@pytest.mark.parametrize("path", [p for p in EXAMPLES if seal_engine.load_assessment(p).workforce],
                         ids=_rel)
def test_workforce_files_are_real_sized(path: Path):
    from seal_engine import load_workforce_for

    data = load_workforce_for(seal_engine.load_assessment(path))
    assert 100 <= data.metric("headcount", ()) <= 3000
    for grade in ("support", "professional", "manager", "senior"):
        assert data.metric("headcount", (("grade", grade),)) > 0
    for flow in ("selection_ratio", "promotion_ratio", "exit_rate_women", "pay_gap_mean"):
        assert isinstance(data.metric(flow, ()), float), flow


def _progress_pairs() -> list[list[Path]]:
    folders = sorted({p.parent for p in EXAMPLES})
    return [sorted(f.glob("*.yaml")) for f in folders if len(list(f.glob("*.yaml"))) > 1]


def test_two_institutions_have_two_periods():
    assert len(_progress_pairs()) >= 2


@pytest.mark.parametrize("files", _progress_pairs(), ids=lambda fs: fs[0].parent.name)
def test_the_later_period_scores_higher(files: list[Path]):
    runs = [_load(f) for f in files]
    runs.sort(key=lambda sa: sa[1].period.start)
    assert len({a.institution.id for _s, a in runs}) == 1
    results = [seal_engine.score(s, a, seal_engine.load_workforce_for(a)) for s, a in runs]
    order = {lv.id: lv.order for lv in runs[0][0].levels}
    for earlier, later in itertools.pairwise(results):
        assert later.period.start > earlier.period.end
        assert later.score > earlier.score
        assert order.get(later.level, 0) > order.get(earlier.level, 0)


# ------------------------------------------------------------------------------ level boundaries


def _removable(s: seal_engine.Standard, r: seal_engine.ScoreResult,
               level: str | None = None) -> list[str]:
    """Benchmarks whose credit can be taken away by removing their answers and evidence: not
    mandatory (or, given a level, mandatory only above it), not decided by workforce data or by
    an applicability condition."""
    order = {lv.id: lv.order for lv in s.levels}
    out = []
    for b in s.benchmarks():
        res = r.benchmark(b.id)
        rule = " ".join(x or "" for x in (b.rule.met, b.rule.partially_met))
        above = b.mandatory_from is None or (
            level is not None and order[b.mandatory_from] > order[level])
        if (above and b.rule.applies_when is None and "metric(" not in rule
                and res.status is not S.not_applicable):
            out.append(b.id)
    return out


def _remove(s: seal_engine.Standard, a: seal_engine.Assessment, ids) -> None:
    for bid in ids:
        b = s.benchmark(bid)
        for q in b.questions:
            a.answers.pop(q.id, None)
        reqs = {e.id for e in b.evidence}
        a.evidence = [e for e in a.evidence if e.requirement not in reqs]


@pytest.fixture(scope="module")
def gold():
    s, a = _load(GOLD_EXAMPLE)
    r = seal_engine.score(s, a, seal_engine.load_workforce_for(a))
    assert r.level == "gold"
    return s, r


def _variant(s, left_out: list[str], remove: list[str]):
    """The Gold example with benchmarks left out (not-applicable claims an assessor accepted) and
    the answers and evidence of others removed."""
    a = seal_engine.load_assessment(GOLD_EXAMPLE)
    a.not_applicable.update({b: "left out by the boundary test" for b in left_out})
    a.accepted_claims.extend(left_out)
    _remove(s, a, remove)
    return seal_engine.score(s, a, seal_engine.load_workforce_for(a))


def _boundary_base(s, r) -> list[str]:
    """Benchmarks the example does not meet, to leave out so that the applicable benchmarks number
    a multiple of 10 and every threshold (60, 70, 80 % of them) is a whole number of benchmarks."""
    unmet = sorted(b for b in _removable(s, r) if r.benchmark(b).status is not S.met)
    n = r.basis.applicable % 10
    assert len(unmet) >= n, "not enough unmet benchmarks to leave out"
    return unmet[:n]


def test_the_standard_has_the_programmes_ladder(gold):
    s, _r = gold
    assert [(lv.id, lv.min_score) for lv in s.levels_in_order()] == [
        ("bronze", 60), ("silver", 70), ("gold", 80)]
    assert (s.scoring.basis, s.scoring.partial_credit, s.scoring.threshold_operator) == (
        "benchmarks_met", 0, ">=")


@pytest.mark.parametrize(
    "level,below", [("gold", "silver"), ("silver", "bronze"), ("bronze", None)])
def test_level_changes_exactly_at_its_threshold(gold, level, below):
    s, r = gold
    left_out = _boundary_base(s, r)
    base = _variant(s, left_out, [])
    assert base.basis.applicable % 10 == 0 and base.level == "gold"
    threshold = next(lv.min_score for lv in s.levels if lv.id == level)
    at = int(threshold * base.basis.applicable / 100)
    # non-mandatory benchmarks first, then those mandatory only above the level tested
    removable = sorted((b for b in _removable(s, base, level) if base.benchmark(b).status is S.met),
                       key=lambda b: s.benchmark(b).mandatory_from is not None)
    order = {lv.id: lv.order for lv in s.levels}
    for met, expected_level in ((at, level), (at - 1, below)):
        ids = removable[:base.basis.met - met]
        assert len(ids) == base.basis.met - met, f"cannot remove {base.basis.met - met} benchmarks"
        res = _variant(s, left_out, ids)
        assert (res.basis.met, res.basis.applicable) == (met, base.basis.applicable)
        assert all(res.benchmark(b).status is not S.met for b in ids)
        assert all(res.benchmark(b.id).status is S.met for b in s.benchmarks()
                   if b.mandatory_from and order[b.mandatory_from] <= order[level])
        assert res.level == expected_level, (met, res.score)
        if met == at:
            assert res.score == threshold
        else:
            assert threshold - 100 / base.basis.applicable <= res.score < threshold


# ------------------------------------------------------------------------------ the adaptation

ADDED = ["LPDR-GA-02", "LPDR-WE-01", "LPDR-WE-02", "LPDR-WE-03", "LPDR-WE-04"]
ANNEX = [f"A-LPDR-NAP-{n:02d}" for n in range(1, 15)]


@pytest.fixture(scope="module")
def adaptation():
    child = seal_engine.load_standard(ADAPTATION)
    parent = seal_engine.load_standard(seal_engine.find_standard(UNDP, 3))
    return parent, child


def test_adaptation_is_found_by_id_and_extends_the_parent(adaptation):
    _parent, child = adaptation
    assert (child.id, child.version) == ("public-service-adaptation-lpdr", 3)
    assert (child.extends.id, child.extends.version) == (UNDP, 3)
    assert seal_engine.find_standard(child.id, 3).resolve() == ADAPTATION.resolve()


def test_adaptation_differences_are_the_intended_ones(adaptation):
    parent, child = adaptation
    d = diff_standards(parent, child)
    assert d.added == ADDED and d.removed == []
    # sources the adaptation restates (its seed instead of the parent's words) are checked below
    changes = {(c.record, c.field): (c.old, c.new) for c in d.changed
               if not c.field.endswith("source")}
    assert changes == {
        ("GA-06", "mandatory_from"): (None, "silver"),
        ("WE-08", "mandatory_from"): (None, "silver"),
        ("WE-12", "mandatory_from"): ("silver", "bronze"),
        ("PC-06", "applicable"): (True, False),
        ("WE-17", "applicable"): (True, False),
        ("parameter recruitment_target", "parameter"): (None, 0.50),
        ("parameter recruitment_target_year", "parameter"): (None, 2030),
        ("parameter recruitment_baseline_year", "parameter"): (None, 2023),
        ("parameter hr_reports_min", "parameter"): (None, 1),
        **{(f"action {a}", "added"): (None, None)
           for a in (*ANNEX, "A-LPDR-WE-04a", "A-LPDR-GA-02a")},
    }
    # the national targets for leadership (25-30 %) and trainees (40 %) are the parent's values,
    # restated with the workshop report as their source
    for name, value in (("leadership_target", 0.30), ("leadership_floor", 0.25),
                        ("trainee_target", 0.40)):
        assert child.parameters[name].value == parent.parameters[name].value == value
        assert child.parameters[name].source.startswith("Workshop report (2023)")

    def ladder(st):
        return [(lv.id, lv.min_score) for lv in st.levels]

    assert ladder(child) == ladder(parent)


def test_adaptation_records_sit_where_they_belong(adaptation):
    _parent, child = adaptation
    dims = {b.id: d.id for d in child.dimensions for b in d.benchmarks}
    assert {b: dims[b] for b in ADDED} == {
        "LPDR-GA-02": "GA", "LPDR-WE-01": "WE", "LPDR-WE-02": "WE", "LPDR-WE-03": "WE",
        "LPDR-WE-04": "WE"}
    assert sorted(child.not_applicable) == ["PC-06", "WE-17"]
    assert [b.id for b in child.benchmarks() if not b.applicable] == ["PC-06", "WE-17"]
    assert {b: child.benchmark(b).mandatory_from for b in ADDED} == {
        "LPDR-GA-02": None, "LPDR-WE-01": "bronze", "LPDR-WE-02": "gold", "LPDR-WE-03": "gold",
        "LPDR-WE-04": None}
    for b in ADDED:
        assert child.actions_for(b), b
    assert child.languages == ["en"]  # the parent's translations only, none of its own
    assert not any(set(ADDED) & set(texts) for texts in child.translations.values())


def test_adaptation_leadership_is_seen_at_both_levels(adaptation):
    _parent, child = adaptation
    national, subnational = child.benchmark("LPDR-WE-02"), child.benchmark("LPDR-WE-03")
    for b, scope in ((national, "national"), (subnational, "subnational")):
        assert f"scope='{scope}'" in b.rule.met and "leadership_target" in b.rule.met
        assert "leadership_floor" in b.rule.partially_met


def test_adaptation_example_shows_the_added_benchmarks(adaptation):
    _parent, child = adaptation
    a = seal_engine.load_assessment(ASSESSMENTS / "valdoria-ministry-of-public-works" / "2025.yaml")
    r = seal_engine.score(child, a, seal_engine.load_workforce_for(a))
    status = {b: r.benchmark(b).status for b in ADDED + ["PC-06", "WE-17", "WE-12", "GA-02"]}
    assert status == {
        "LPDR-GA-02": S.partially_met, "LPDR-WE-01": S.met, "LPDR-WE-02": S.partially_met,
        "LPDR-WE-03": S.not_met, "LPDR-WE-04": S.met, "PC-06": S.not_applicable,
        "WE-17": S.not_applicable, "WE-12": S.met, "GA-02": S.met}
    assert r.level == "bronze"
    assert {"GA-04", "GA-06"} <= set(r.next_level.blocking)


def test_seal_validate_and_diff_print_the_differences():
    v = runner.invoke(app, ["validate", str(ADAPTATION)])
    assert v.exit_code == 0, v.output
    assert "extends undp-seal-public-institutions v3" in v.stdout
    d = runner.invoke(app, ["diff", f"{UNDP}@3", str(ADAPTATION)])
    assert d.exit_code == 0, d.output
    for out in (v.stdout, d.stdout):
        for b in ADDED:
            assert f"+ added benchmark {b}" in out
        assert "+ added parameter recruitment_target = 0.5" in out
        assert "~ WE-17: applicable yes -> no" in out
        assert "~ WE-12: mandatory_from silver -> bronze" in out
        assert "parameter leadership_target: value" not in out
