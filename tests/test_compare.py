"""The government view on a generated portfolio, checked against an independent pandas
computation: scores recomputed with explanations (the engine's other code path), workforce
files read by pandas itself, and the selection, counts, rates and pivots done in pandas."""

from __future__ import annotations

import math
import random
from fractions import Fraction
from pathlib import Path

import pytest

import seal_engine as se
from seal_engine.compare.build import select
from seal_engine.compare.tally import Latest, Tally

pd = pytest.importorskip("pandas")

LEVEL_ORDER = {"bronze": 1, "silver": 2, "gold": 3, None: 0, "none": 0}
UNDP2 = "undp-seal-public-institutions@3"  # the bundled version; generate writes a v4 beside it
# the programme's basis: share of applicable benchmarks met, no partial credit, "at least"
PROGRAMME_BASIS = ("benchmarks_met", 0.0, ">=")
# a seed whose portfolio has every level, drafts, reviewed results and all three standards
SEED = 17


@pytest.fixture(scope="session")
def portfolio(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("portfolio") / "p"
    se.generate_portfolio(folder, 24, seed=SEED, years=(2023, 2024, 2025))
    return folder


@pytest.fixture(scope="session")
def scored(portfolio):
    """Every row score_many gives, and the shapes of the standards."""
    shapes: dict = {}
    items = list(se.score_many([portfolio], workers=1, parity=True, shapes=shapes))
    assert [i.error for i in items if i.error is not None] == []
    return [i.row for i in items], shapes


def _assessment_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if "standards" not in p.parts)


@pytest.fixture(scope="session")
def truth(portfolio):
    """The independent computation: one record per assessment and one per benchmark, and the
    workforce files read with pandas.  Only the benchmark statuses come from the engine (scored
    with explanations: its other code path); pandas counts each score, dimension score,
    results-level score and level from them itself, on the programme's basis and by the
    standard's published ladder (``_programme_basis``).  The engine's own figures are kept
    beside them (``engine_*``) to be checked against pandas."""
    recs, bench, staff, ladders = [], [], [], []
    for path in _assessment_files(portfolio):
        a = se.load_assessment(path)
        s = se.standard_for(a)
        key = f"{s.id} v{s.version}"
        assert (s.scoring.basis, s.scoring.partial_credit,
                s.scoring.threshold_operator) == PROGRAMME_BASIS, key
        r = se.score(s, a, se.load_workforce_for(a))  # with explanations: the other code path
        order = {lv.id: lv.order for lv in s.levels}
        ladders += [{"standard": key, "level": lv.id, "order": lv.order,
                     "min_score": lv.min_score} for lv in s.levels]
        results_level = {d.id: d.results_level for d in s.dimensions}
        recs.append({"assessment": a.id, "inst": a.institution.id, "name": a.institution.name,
                     "scope": a.institution.scope, "country": a.institution.country,
                     "period": r.period.label, "end": r.period.end,
                     "kind": "reviewed" if a.kind == "external" else "self",
                     "draft": a.status == "draft", "engine_level": r.level or "none",
                     "engine_score": r.score, "standard": key,
                     "engine_dims": [d.score for d in r.dimensions],
                     "engine_results_levels": [g.score for g in r.results_levels]})
        for b in r.benchmarks:
            sb = s.benchmark(b.id)
            bench.append({
                "assessment": a.id, "bid": b.id, "status": b.status.value, "dim": b.dimension,
                "results_level": results_level[b.dimension],
                "mandatory": order[sb.mandatory_from] if sb.mandatory_from else math.inf,
                # the institution's own not-applicable claim, no assessor has accepted yet
                "pending": (b.id in a.not_applicable and sb.allow_not_applicable
                            and not a.claim_accepted(b.id))})
        if a.workforce:
            frame = pd.read_csv(path.parent / a.workforce, comment="#")
            frame["assessment"] = a.id
            staff.append(frame)
    df, bench = pd.DataFrame(recs), pd.DataFrame(bench)
    df = df.merge(_programme_basis(bench, pd.DataFrame(ladders).drop_duplicates(),
                                   df[["assessment", "standard"]]), on="assessment")
    return df, bench, pd.concat(staff, ignore_index=True)


def _percent(met: pd.Series, applies: pd.Series) -> pd.Series:
    """met / applicable x 100, rounded to 2 decimals; NaN when none applies."""
    return pd.Series([round(m * 100 / n, 2) if n else math.nan
                      for m, n in zip(met, applies, strict=True)], index=met.index)


def _programme_basis(bench, ladders, standards):
    """Each assessment's score, dimension and results-level scores and level, in pandas, as the
    programme counts them: the share of applicable benchmarks met, each counted once, "partially
    met" earning nothing; a level needs at least its threshold and every benchmark mandatory at
    it or below met, or not applicable by the standard or an assessor (an institution's own
    claim no assessor accepted counts as applicable and not met, so it leaves the level
    unreached and does not lift the share); levels are climbed from the bottom."""
    b = bench.assign(applies=(bench.status != "not_applicable") | bench.pending,
                     met=bench.status == "met")
    counts = b.groupby("assessment")[["met", "applies"]].sum()
    out = pd.DataFrame({"score": _percent(counts.met, counts.applies)})
    for col, prefix in (("dim", "dim_"), ("results_level", "rl_")):
        part = b.groupby(["assessment", col])[["met", "applies"]].sum()
        out = out.join(_percent(part.met, part.applies).unstack(col).add_prefix(prefix))
    done = b.met | (~b.applies & ~b.pending)
    first_blocked = b[~done].groupby("assessment").mandatory.min()
    lad = standards.merge(ladders, on="standard").join(counts, on="assessment")
    lad["reached"] = ((lad.applies > 0) & (lad.met * 100 >= lad.min_score * lad.applies)
                      & (lad.order < lad.assessment.map(first_blocked).fillna(math.inf)))
    lad = lad.sort_values(["assessment", "order"])
    lad["climbed"] = lad.groupby("assessment").reached.cummin().astype(bool)
    top = lad[lad.climbed].groupby("assessment").tail(1).set_index("assessment").level
    out["level"] = top.reindex(out.index).fillna("none")
    return out.reset_index()


def _is_mean(got: float, values: pd.Series) -> None:
    """``got`` is the mean of ``values`` (NaN skipped) rounded to 2 decimals: within half a
    hundredth of the exact mean, either way on an exact tie (x.xx5), whatever the rounding rule."""
    exact = sum(Fraction(str(v)) for v in values.dropna()) / int(values.notna().sum())
    assert got == round(got, 2) and abs(Fraction(str(got)) - exact) <= Fraction(1, 200), (
        got, float(exact))


def _latest(df, prefer_reviewed=True):
    """Each institution's shown result and the one of its period before, in pandas."""
    df = df[~df.draft].copy()
    df["pref"] = (df.kind == "reviewed").astype(int) if prefer_reviewed else 0
    df["pend"] = df.groupby(["inst", "period"]).end.transform("max")
    best = df.sort_values(["pref", "end", "assessment"]).groupby(["inst", "period"]).tail(1)
    best = best.sort_values(["pend", "period"])
    latest = best.groupby("inst").tail(1)
    before = best.drop(latest.index).groupby("inst").tail(1)
    return latest, before


def test_the_portfolio_has_what_it_promises(truth, scored):
    df, _bench, _staff = truth
    assert set(df.level.map(LEVEL_ORDER)) == {0, 1, 2, 3}  # every level and none
    assert set(df.scope) == {"national", "subnational"}
    assert df.draft.any() and (df.kind == "reviewed").any()
    assert set(df.standard) == {"undp-seal-public-institutions v3",
                                "undp-seal-public-institutions v4",
                                "public-service-adaptation-lpdr v3"}
    assert (df.groupby("inst").period.nunique() > 1).any()
    rows, _shapes = scored
    for row in rows[:5]:  # the rows built without validation are valid
        se.ScoredRow.model_validate(row.model_dump())


def test_rows_agree_with_scoring_with_explanations(truth, scored):
    df, bench, _staff = truth
    rows, shapes = scored
    by_id = df.set_index("assessment")
    for row in rows:
        t = by_id.loc[row.assessment]
        # the fast path, the path with explanations and pandas on the programme's basis agree
        assert (row.level or "none", row.score) == (t.level, t.score) == (t.engine_level,
                                                                           t.engine_score)
        assert row.dimensions == t.engine_dims and row.results_levels == t.engine_results_levels
        shape = shapes[row.standard_key]
        mine = [t[f"dim_{d}"] for d, _t in shape.dimensions] + [
            t[f"rl_{rid}"] for rid, _t, _d in shape.results_levels]
        assert [*row.dimensions, *row.results_levels] == [None if math.isnan(v) else v
                                                          for v in mine]
        statuses = bench[bench.assessment == row.assessment].status.tolist()
        assert [se.BenchmarkStatus(s) for s in statuses] == [
            {"M": "met", "P": "partially_met", "N": "not_met", "A": "not_applicable",
             "U": "not_answered"}[c] for c in row.statuses]
        assert len(shape.benchmarks) == len(row.statuses)


def test_levels_scores_and_pass_rates_match_pandas(truth, scored):
    df, bench, _staff = truth
    rows, shapes = scored
    c = se.compare_portfolio(rows, shapes, by=["country"])
    assert se.Comparison.model_validate(c.model_dump()) == c  # built without re-validation
    latest, _before = _latest(df)
    assert c.institutions == len(latest)
    assert c.assessments == int((~df.draft).sum())
    assert c.left_out == {"drafts": int(df.draft.sum())}
    overall = c.distribution[0]
    expected = latest.level.value_counts().to_dict()
    assert overall.levels == expected
    _is_mean(overall.mean_score, latest.score)
    for g in c.distribution[1:]:
        part = latest[latest.country == g.group["country"]]
        assert g.levels == part.level.value_counts().to_dict()
        _is_mean(g.mean_score, part.score)
    for g in c.scopes:
        part = latest[latest.scope == g.group["scope"]]
        assert g.institutions == len(part)
        _is_mean(g.mean_score, part.score)
    # the benchmarks every standard shown has, and their pass rates over those shown
    sets = bench.merge(df[["assessment", "standard"]]).groupby("standard").bid.apply(set)
    shown = sets[sorted(set(latest.standard))]
    shared = set.intersection(*shown)
    assert set(c.shared_benchmarks) == shared and c.standards_note
    b = bench[bench.assessment.isin(latest.assessment) & bench.bid.isin(shared)]
    applies = b[b.status != "not_applicable"]
    rate = (applies.status == "met").groupby(applies.bid).mean()
    got = {r.id: r.pass_rate for r in c.benchmarks}
    assert got.keys() == shared
    for bid, value in rate.items():
        assert got[bid] == pytest.approx(value)
    rates = [r.pass_rate for r in c.benchmarks]
    assert rates == sorted(rates)  # lowest first
    # where each is met least: the country with the lowest pass rate
    with_country = applies.merge(latest[["assessment", "country"]])
    by_country = (with_country.status == "met").groupby([with_country.bid,
                                                          with_country.country]).mean()
    for r in c.benchmarks:
        if r.lowest is not None:
            assert r.lowest.pass_rate == pytest.approx(by_country[r.id].min())


def test_ranking_and_matrix_match_a_pandas_pivot(truth, scored):
    df, _bench, _staff = truth
    rows, shapes = scored
    c = se.compare_portfolio(rows, shapes, standard=UNDP2)
    one = df[df.standard == "undp-seal-public-institutions v3"]
    latest, _ = _latest(one)
    dims = [d for d, _t in c.dimensions]
    pivot = latest.set_index("assessment")[[f"dim_{d}" for d in dims]]
    assert len(c.ranking) == len(latest)
    assert c.standards_note is None and len(c.standards) == 1
    for r in c.ranking:
        expected = pivot.loc[r.assessment].tolist()
        assert [None if v is None else v for v in r.dimensions] == [
            None if (isinstance(v, float) and math.isnan(v)) else v for v in expected]
    keys = [(LEVEL_ORDER[r.level], r.score) for r in c.ranking]
    assert keys == sorted(keys, reverse=True)
    assert [r.rank for r in c.ranking][0] == 1
    for d in dims:
        _is_mean(c.distribution[0].dimensions[d], pivot[f"dim_{d}"])
    # the second grouping: the programme's results levels, per row and their means (percent)
    rls = [rid for rid, _t in c.results_levels]
    assert rls == ["leadership", "policy_cycle", "organisational"]
    rl_pivot = latest.set_index("assessment")[[f"rl_{rid}" for rid in rls]]
    for r in c.ranking:
        assert r.results_levels == [None if math.isnan(v) else v
                                    for v in rl_pivot.loc[r.assessment].tolist()]
    for rid in rls:
        _is_mean(c.distribution[0].results_levels[rid], rl_pivot[f"rl_{rid}"])
    assert [(s.score_basis, s.partial_credit) for s in c.standards] == [
        PROGRAMME_BASIS[:2]]


def test_parity_dashboard_matches_the_workforce_files_read_by_pandas(truth, scored):
    df, _bench, staff = truth
    rows, shapes = scored
    c = se.compare_portfolio(rows, shapes, min_group=5)
    latest, _ = _latest(df)
    s = staff[staff.assessment.isin(latest.assessment)]
    by_sex = s.groupby("sex").headcount.sum()
    first = c.parity.portfolio[0]
    assert (first.breakdown, first.women, first.men) == ("all", by_sex["female"],
                                                        by_sex["male"])
    assert first.other == by_sex.get("other", 0)
    assert first.women_share == pytest.approx(by_sex["female"] / (by_sex["female"]
                                                                  + by_sex["male"]))
    grade = s.pivot_table(index="grade", columns="sex", values="headcount", aggfunc="sum",
                          fill_value=0)
    figures = {f.value: f for f in c.parity.portfolio if f.breakdown == "grade"}
    assert [f.value for f in c.parity.portfolio if f.breakdown == "grade"] == [
        "support", "professional", "manager", "senior"]
    for g, f in figures.items():
        w, m = grade.loc[g, "female"], grade.loc[g, "male"]
        assert (f.women, f.men) == (w, m)
        need = max(0, math.ceil((w + m) / 2) - w) or max(0, math.ceil((w + m) / 2) - m)
        assert f.needed == (0 if abs(w - m) <= 1 else need)  # one apart: as near as can be
        assert f.parity == ("below band" if w / (w + m) < 0.47 else
                            "above band" if w / (w + m) > 0.53 else "in band")
        floor = math.ceil(0.47 * (w + m) - w - 1e-9)  # women to reach 47 %, same headcount
        if f.parity == "below band" and abs(w - m) > 1:
            assert (f.band_needed, f.band_needed_sex) == (floor, "women")
    # per institution: each location and age band as pandas sums it, small groups suppressed
    for inst in c.parity.institutions:
        aid = latest[latest.inst == inst.institution].assessment.iloc[0]
        mine = s[s.assessment == aid]
        for f in inst.figures:
            if f.breakdown == "all":
                part = mine
            elif f.breakdown in ("location", "age_band", "contract", "grade"):
                part = mine[mine[f.breakdown] == f.value]
            else:  # pragma: no cover - the generated files have no other breakdown
                pytest.fail(f.breakdown)
            w = int(part[part.sex == "female"].headcount.sum())
            m = int(part[part.sex == "male"].headcount.sum())
            if w + m < 5:
                assert f.women == f.women_share == "suppressed"
            elif f.women == "suppressed":  # the next smallest, so that it cannot be derived
                same = [g for g in inst.figures if g.breakdown == f.breakdown]
                small = [g for g in same if g.women == "suppressed"]
                assert len(small) == 2 and f.headcount == max(g.headcount for g in small)
            else:
                assert (f.women, f.men) == (w, m)
    assert c.parity.band_kind == "parity"
    assert c.parity.at_parity == sum(
        1 for i in c.parity.institutions if i.figures[0].parity == "in band")


def test_change_between_periods_matches_pandas(truth, scored):
    df, bench, _staff = truth
    rows, shapes = scored
    c = se.compare_portfolio(rows, shapes)
    latest, before = _latest(df)
    pairs = latest.merge(before, on="inst", suffixes=("", "_before"))
    assert len(c.changes) == len(pairs) > 0
    got = {ch.institution: ch for ch in c.changes}
    for _i, p in pairs.iterrows():
        ch = got[p.inst]
        assert (ch.before_period, ch.after_period) == (p.period_before, p.period)
        assert ch.change == pytest.approx(round(p.score - p.score_before, 2))
        old = bench[bench.assessment == p.assessment_before].set_index("bid").status
        new = bench[bench.assessment == p.assessment].set_index("bid").status
        common = old.index.intersection(new.index)
        moved = {b for b in common if old[b] != new[b]}
        assert {b.id for b in ch.benchmarks} == moved
        assert ch.newly_met == sum(1 for b in moved if new[b] == "met")
        assert (ch.note is not None) == (p.standard != p.standard_before)


def test_periods_and_basis_choose_what_is_shown(truth, scored):
    df, _bench, _staff = truth
    rows, shapes = scored
    c = se.compare_portfolio(rows, shapes, periods=["2023", "2024"], basis="self")
    only = df[df.period.isin(["2023", "2024"]) & (df.kind == "self")]
    latest, _ = _latest(only, prefer_reviewed=False)
    assert c.institutions == len(latest)
    assert {r.kind for r in c.ranking} == {"self"} and c.reviewed == 0
    assert "Self-assessed results only" in c.basis_note
    reviewed = se.compare_portfolio(rows, shapes, basis="reviewed")
    assert {r.kind for r in reviewed.ranking} == {"reviewed"}
    assert reviewed.institutions == df[(df.kind == "reviewed") & ~df.draft].inst.nunique()
    mixed = se.compare_portfolio(rows, shapes)
    assert mixed.reviewed and mixed.self_assessed and "Mixed" in mixed.basis_note
    with pytest.raises(se.SealError, match="unknown basis"):
        se.compare_portfolio(rows, shapes, basis="both")
    with pytest.raises(se.SealError, match="cannot compare by 'colour'"):
        se.compare_portfolio(rows, shapes, by=["colour"])


def test_partials_merge_to_the_whole_in_any_grouping(scored):
    rows, shapes = scored
    whole = se.compare_portfolio(rows, shapes, by=["scope", "standard"])
    rng = random.Random(3)
    for _ in range(3):
        shuffled = rows[:]
        rng.shuffle(shuffled)
        cuts = sorted(rng.sample(range(1, len(rows)), 4))
        parts = [shuffled[i:j] for i, j in zip([0, *cuts], [*cuts, len(rows)], strict=True)]
        sels = [select(p) for p in parts]
        left = sels[0].merge(sels[1]).merge(sels[2].merge(sels[3].merge(sels[4])))
        from seal_engine.compare.build import finish

        got = finish(left, shapes, by=["scope", "standard"], periods=(), basis="preferred")
        assert got == whole
    # Latest and Tally: identity and commutativity
    latest = Latest.of(rows)
    assert Latest().merge(latest).pairs() == latest.pairs() == latest.merge(Latest()).pairs()
    a, b = Latest.of(rows[:20]), Latest.of(rows[20:])
    assert sorted(a.merge(b).pairs(), key=str) == sorted(b.merge(a).pairs(), key=str)
    current = [p[0] for p in latest.pairs()]
    views = [(None, r.dimensions) for r in current]
    shared = frozenset(b[0] for b in next(iter(shapes.values())).benchmarks)
    dims = [d for d, _t in next(iter(shapes.values())).dimensions]
    t1 = Tally.of(current[:9], views[:9], ["country"], shapes, dims, shared)
    t2 = Tally.of(current[9:], views[9:], ["country"], shapes, dims, shared)
    whole_t = Tally.of(current, views, ["country"], shapes, dims, shared)
    for merged in (t1.merge(t2), t2.merge(t1)):
        assert merged.parity == whole_t.parity
        assert merged.groups.keys() == whole_t.groups.keys()
        for k, g in whole_t.groups.items():
            m = merged.groups[k]
            assert m[0:3] == g[0:3] and m[6] == g[6]
            assert m[3] == pytest.approx(g[3])


def test_compare_files_gives_the_same_on_all_cores(portfolio, scored):
    rows, shapes = scored
    expected = se.compare_portfolio(rows, shapes, by=["country"])
    got = se.compare_files([portfolio], by=["country"], workers=2)
    assert got.model_dump(exclude={"source"}) == expected.model_dump(exclude={"source"})
    assert got.source == f"files: {portfolio}"


def test_a_bad_file_is_located_and_the_rest_compared(portfolio, tmp_path):
    import shutil

    folder = tmp_path / "p"
    shutil.copytree(portfolio, folder)
    bad = next(iter(_assessment_files(folder)))
    bad.write_text(bad.read_text(encoding="utf-8").replace("kind: self", "kind: selfish", 1),
                   encoding="utf-8")
    with pytest.raises(se.SealError) as info:
        se.compare_files([folder], workers=1)
    assert str(bad) in str(info.value)
    errors: list = []
    c = se.compare_files([folder], workers=1, errors=errors)
    assert [e.file for e in errors] == [str(bad)] and c.institutions > 0
    with pytest.raises(se.SealError, match="no such file or folder"):
        se.compare_files([tmp_path / "nowhere"])


def test_generation_is_reproducible_and_valid(portfolio, tmp_path):
    again = tmp_path / "again"
    report = se.generate_portfolio(again, 24, seed=SEED, years=(2023, 2024, 2025))
    files = sorted(p.relative_to(portfolio) for p in portfolio.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for f in files:
        assert (portfolio / f).read_bytes() == (again / f).read_bytes(), f
    assert report.assessments == len(_assessment_files(again))
    checked = list(se.check_paths([again]))
    assert [str(o) for _p, o in checked if isinstance(o, se.SealError)] == []
    other = se.generate_portfolio(tmp_path / "other", 24, seed=SEED + 1,
                                  years=(2023, 2024, 2025))
    assert other.model_dump(exclude={"folder", "seed"}) != report.model_dump(
        exclude={"folder", "seed"}) or (tmp_path / "other" / f).read_bytes() != (
        again / f).read_bytes()
    with pytest.raises(se.SealError, match="not empty"):
        se.generate_portfolio(again, 3, seed=1)
    names = {se.load_assessment(p).institution.country for p in _assessment_files(again)}
    assert names <= {"Republic of Valdoria", "Republic of Norvania",
                     "Federal Republic of Estrelia", "Kingdom of Orlesia", "Republic of Marevia",
                     "Free State of Brevonia"}
