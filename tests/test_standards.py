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
