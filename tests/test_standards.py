"""Every shipped standard loads, has unique ids and resolving links, and every example scores."""

from __future__ import annotations

import pytest

import seal_engine
from seal_engine.loader import list_standards
from seal_engine.settings import bundled_dir

from .conftest import ROOT

SHIPPED = list_standards(bundled_dir("standards"))
EXAMPLES = sorted((ROOT / "assessments").rglob("*.yaml"))


def test_something_is_shipped():
    assert len(SHIPPED) >= 1 and EXAMPLES


@pytest.fixture(scope="module", params=SHIPPED, ids=lambda i: f"{i.id}@{i.version}")
def shipped(request):
    return seal_engine.load_standard(request.param.path)


def test_loads_with_unique_ids(shipped):
    ids = [d.id for d in shipped.dimensions]
    for b in shipped.benchmarks():
        ids.append(b.id)
        ids.extend(q.id for q in b.questions)
        ids.extend(e.id for e in b.evidence)
    ids.extend(a.id for a in shipped.actions)
    ids.extend(lv.id for lv in shipped.levels)
    assert len(ids) == len(set(ids))


def test_every_benchmark_has_an_action(shipped):
    served = {b for a in shipped.actions for b in a.benchmarks}
    missing = [b.id for b in shipped.benchmarks() if b.id not in served]
    assert missing == []


def test_levels_form_a_ladder(shipped):
    ladder = shipped.levels_in_order()
    assert [lv.min_score for lv in ladder] == sorted(lv.min_score for lv in ladder)


def test_header_fields(shipped):
    assert shipped.version >= 1 and shipped.locale and shipped.title
    assert shipped.validity_years


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_scores(path):
    a = seal_engine.load_assessment(path)
    s = seal_engine.load_standard(seal_engine.find_standard(a.standard.id, a.standard.version))
    r = seal_engine.score(s, a, seal_engine.load_workforce_for(a))
    assert 0 <= r.score <= 100


def _as_json(data):
    import json

    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("info", SHIPPED, ids=lambda i: f"{i.id}@{i.version}")
def test_shipped_standard_matches_the_json_schema(info):
    import json

    import jsonschema

    schema = json.loads((ROOT / "schemas" / "standard.schema.json").read_text())
    raw = seal_engine.compiled(seal_engine.load_standard(info.path)).raw
    jsonschema.validate(_as_json(raw.data), schema)  # the assembled (and merged) data


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_matches_the_json_schema(path):
    import json

    import jsonschema

    from seal_engine._source import read_source

    schema = json.loads((ROOT / "schemas" / "assessment.schema.json").read_text())
    jsonschema.validate(_as_json(read_source(path).data), schema)


# ------------------------------------------------------------------------------ sources and basis

PUBLIC = "undp-seal-public-institutions"
PRIVATE = "undp-seal-private-enterprises"
# The programme's standards: every certifiable shipped standard (the public and private Seal and
# the public Seal's national adaptations); the starter teaches the format and cannot certify.
PROGRAMME = [i for i in SHIPPED if seal_engine.load_standard(i.path).certifiable]


def _load_id(std_id: str) -> seal_engine.Standard:
    info = max((i for i in SHIPPED if i.id == std_id), key=lambda i: i.version)
    return seal_engine.load_standard(info.path)


def _mandatory(s: seal_engine.Standard) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {lv.id: [] for lv in s.levels}
    for b in s.benchmarks():
        if b.mandatory_from:
            out[b.mandatory_from].append(b.id)
    return out


def test_the_programme_standards_are_shipped():
    assert {PUBLIC, PRIVATE} <= {i.id for i in PROGRAMME}
    assert "seal-starter" not in {i.id for i in PROGRAMME}


@pytest.mark.parametrize("info", PROGRAMME, ids=lambda i: f"{i.id}@{i.version}")
def test_every_number_and_mandatory_choice_of_a_programme_standard_has_a_source(info):
    """An assessor must be able to defend each figure: every parameter, level threshold and
    mandatory benchmark names where it comes from (a seed, a programme page, a directive
    article, or 'choice of this standard' with the reason), and so does the basis."""
    s = seal_engine.load_standard(info.path)
    assert s.scoring.source
    assert [p for p, v in s.parameters.items() if not (v.source or "").strip()] == []
    assert [lv.id for lv in s.levels if not (lv.source or "").strip()] == []
    assert [b.id for b in s.benchmarks()
            if b.mandatory_from and not (b.mandatory_source or "").strip()] == []
    for name, p in s.parameters.items():
        if p.source.lower().startswith("choice of this standard"):
            # the reason follows the words
            assert len(p.source) > len("choice of this standard") + 15, name


@pytest.mark.parametrize("info", PROGRAMME, ids=lambda i: f"{i.id}@{i.version}")
def test_a_programme_standard_counts_the_share_of_benchmarks_met(info):
    """The programme states its levels as a share of its benchmarks: each applicable benchmark
    counts once, "partially met" earns nothing, and the comparison is the one it states."""
    s = seal_engine.load_standard(info.path)
    assert (s.scoring.basis, s.scoring.partial_credit) == ("benchmarks_met", 0)
    op = ">" if s.id == PRIVATE else ">="
    assert s.scoring.threshold_operator == op
    assert [(lv.id, lv.min_score) for lv in s.levels_in_order()] == [
        ("bronze", 60), ("silver", 70), ("gold", 80)]
    assert s.version >= 2


def test_public_standard_mandatory_sets_follow_the_programme():
    s = _load_id(PUBLIC)
    m = _mandatory(s)
    # the foundations (policy, plan, the head's commitment, committee, focal point, data by sex,
    # the pay gap calculated, the harassment policy) at Bronze
    assert set(m["bronze"]) == {"LC-01", "LC-02", "LC-03", "GA-01", "GA-02", "PC-01", "WE-01",
                                "WE-10", "WE-18"}
    # implementation and monitoring at Silver, among them targets and indicators, complaints
    # handled and work-life balance
    assert {"PC-04", "WE-15", "LC-04", "GA-04", "PC-03", "WE-06", "WE-11"} <= set(m["silver"])
    # demonstrated results at Gold: women in leadership, the pay gap at most 5 % or justified,
    # results for women, the plan implemented, progress on senior posts
    assert set(m["gold"]) == {"WE-02", "WE-05", "RI-01", "RI-02", "RI-03"}
    assert (len(m["bronze"]), len(m["silver"]), len(m["gold"])) == (9, 11, 5)
    # calculating the gap (Bronze) and keeping it small (Gold) are two benchmarks
    assert "pay_gap_limit" in s.benchmark("WE-05").rule.met
    assert "pay_gap_limit" not in s.benchmark("WE-18").rule.met
    assert "WE-05.justified" in s.benchmark("WE-05").rule.met


def test_public_standard_every_benchmark_says_why_it_is_or_is_not_mandatory():
    s = _load_id(PUBLIC)
    assert [b.id for b in s.benchmarks() if not (b.mandatory_source or "").strip()] == []


def test_public_standard_forbids_claims_on_what_every_employer_must_have():
    s = _load_id(PUBLIC)
    refused = {b.id for b in s.benchmarks() if not b.allow_not_applicable}
    assert {"WE-10", "LC-03", "LC-01", "GA-01", "WE-18"} <= refused
    # every benchmark that forbids the claim is mandatory somewhere
    assert all(s.benchmark(b).mandatory_from for b in refused)


def test_public_standard_uses_the_seeds_figures():
    p = _load_id(PUBLIC).parameters
    assert p["focal_point_time"].value == 0.20 and "20%" in p["focal_point_time"].source
    assert p["trainee_target"].value == 0.40 and "40 per cent" in p["trainee_target"].source
    assert p["panel_target"].value == 1.0 and "100% of entities" in p["panel_target"].source
    assert p["pay_gap_limit"].value == 0.05 and "2023/970" in p["pay_gap_limit"].source
    assert (p["leadership_target"].value, p["leadership_floor"].value) == (0.30, 0.25)
    assert "25-30 per cent" in p["leadership_target"].source


def test_public_standard_maps_dimensions_to_the_programmes_results_levels():
    s = _load_id(PUBLIC)
    assert [rl.title for rl in s.results_levels] == [
        "Leadership and political commitment", "Management of the public-policy cycle",
        "Organisational and institutional management"]
    assert all(rl.source for rl in s.results_levels)
    ids = {rl.id for rl in s.results_levels}
    assert all(d.results_level in ids and d.source for d in s.dimensions)
    assert {d.results_level for d in s.dimensions} == ids
    assert {d.id: d.results_level for d in s.dimensions} == {
        "LC": "leadership", "GA": "organisational", "PC": "policy_cycle", "WE": "organisational",
        "CK": "organisational", "PA": "policy_cycle", "RI": "policy_cycle"}


def test_public_standard_weights_are_gone():
    """On the share of benchmarks met a weight would not count: version 2 has none."""
    s = _load_id(PUBLIC)
    assert {b.weight for b in s.benchmarks()} == {1.0}
    assert all(s.credit_of(b) == 1 for b in s.benchmarks())


def test_the_starter_is_not_the_seal():
    s = _load_id("seal-starter")
    assert s.certifiable is False
    seal_names = {"bronze", "silver", "gold"}
    assert not {lv.id for lv in s.levels} & seal_names
    assert not {lv.title.lower() for lv in s.levels} & seal_names
    assert [lv.title for lv in s.levels_in_order()] == ["Getting started", "Building",
                                                        "Established"]
    assert s.scoring.basis == "weighted_points" and s.scoring.source
    assert s.version >= 2


def test_the_template_shows_every_field_of_a_standard():
    """standards/_template.yaml documents every field a standard, its scoring, parameters, levels,
    results levels, dimensions and benchmarks can have, and loads."""
    import re

    from seal_engine import models

    text = (ROOT / "standards" / "_template.yaml").read_text(encoding="utf-8")
    for model in (models.Standard, models.Scoring, models.Parameter, models.Level,
                  models.ResultsLevel, models.Dimension, models.Benchmark):
        missing = [f for f in model.model_fields
                   if not re.search(rf"(^|[\s{{,#]){f}:", text, re.MULTILINE)]
        assert missing == [], model.__name__
    s = seal_engine.load_standard(ROOT / "standards" / "_template.yaml")
    assert s.scoring.basis == "benchmarks_met" and s.scoring.source
