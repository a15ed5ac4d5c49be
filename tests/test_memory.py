"""Standards, assessments and workforce data from memory; scoring as a pure function; standards
sent to worker processes."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import seal_engine
from seal_engine import AssessmentError, StandardError, WorkforceError

from .conftest import ROOT, STARTER, STARTER_EXAMPLE

UNDP = ROOT / "standards" / "undp-seal-public-institutions"
LAO = ROOT / "standards" / "lao-public-service-adaptation"
LABOUR = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2024.yaml"


def _folder_texts(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*.yaml"))}


def test_parse_standard_from_text_equals_load():
    loaded = seal_engine.load_standard(STARTER)
    parsed = seal_engine.parse_standard(STARTER.read_text(encoding="utf-8"), "starter.yaml")
    assert parsed.model_dump() == loaded.model_dump()
    assert seal_engine.content_hash(parsed) == seal_engine.content_hash(loaded)


def test_parse_standard_folder_as_mapping_of_files():
    loaded = seal_engine.load_standard(UNDP)
    parsed = seal_engine.parse_standard(_folder_texts(UNDP), "undp")
    assert parsed.model_dump() == loaded.model_dump()
    assert seal_engine.content_hash(parsed) == seal_engine.content_hash(loaded)


def test_parse_adaptation_with_a_given_parent():
    parent = seal_engine.parse_standard(_folder_texts(UNDP), "undp")
    child = seal_engine.parse_standard(_folder_texts(LAO), "lao", parents=[parent])
    assert child.model_dump() == seal_engine.load_standard(LAO).model_dump()
    # the parent given is not changed by the merge
    assert parent.model_dump() == seal_engine.load_standard(UNDP).model_dump()


def test_parse_standard_errors_name_the_display_name_and_line():
    text = STARTER.read_text(encoding="utf-8").replace("mandatory_from: building",
                                                       "mandatory_from: platinum", 1)
    with pytest.raises(StandardError) as info:
        seal_engine.parse_standard(text, "upload:starter.yaml")
    assert str(info.value.problems[0]).startswith(
        "upload:starter.yaml:104:9: [ST-LC-02] dimensions[0].benchmarks[1].mandatory_from:")
    with pytest.raises(StandardError) as info:
        seal_engine.parse_standard({"standard.yaml": "type: standard\nid: [a, b]\n",
                                    "d.yaml": "type: dimension\n"}, "pack")
    assert str(info.value.problems[0]) == ("pack/standard.yaml:2:1: id: input should be a valid "
                                           "string, got ['a', 'b']")


def test_parse_assessment_from_text_and_mapping():
    text = STARTER_EXAMPLE.read_text(encoding="utf-8")
    a = seal_engine.parse_assessment(text, "mine.yaml")
    assert a.origin.name == "mine.yaml" and a.origin.path is None
    assert a.model_dump() == seal_engine.load_assessment(STARTER_EXAMPLE).model_dump()
    b = seal_engine.parse_assessment(a.model_dump(mode="json"), "copy")
    assert b.model_dump(mode="json") == a.model_dump(mode="json")
    with pytest.raises(AssessmentError) as info:
        seal_engine.parse_assessment(text.replace("period:", "periode:", 1), "mine.yaml")
    assert str(info.value.problems[0]).startswith("mine.yaml:")


def test_origin_says_where_an_assessment_came_from():
    a = seal_engine.load_assessment(STARTER_EXAMPLE)
    assert a.origin.path == STARTER_EXAMPLE
    file, line, col = a.origin.locate(["answers", "ST-LC-01.policy"])
    assert (file, line) == (str(STARTER_EXAMPLE), 19)
    assert seal_engine.Assessment.model_validate(a.model_dump()).origin is None


def test_score_is_pure_and_takes_workforce_data():
    s = seal_engine.load_standard(UNDP)
    a = seal_engine.load_assessment(LABOUR)
    before = a.model_dump()
    without = seal_engine.score(s, a)  # reads no file: the workforce file is only a name
    data = seal_engine.load_workforce_for(a)
    with_data = seal_engine.score(s, a, data)
    assert a.model_dump() == before
    assert (without.level, f"{without.score:.1f}") != (with_data.level, f"{with_data.score:.1f}")
    # v2 counts the share of applicable benchmarks met: 36 of 57
    assert (with_data.level, f"{with_data.score:.1f}") == ("bronze", "63.2")
    uploaded = seal_engine.parse_workforce(
        (LABOUR.parent / "workforce-2024.csv").read_bytes(), "upload.csv")
    assert seal_engine.score(s, a, uploaded) == with_data


def test_workforce_of_an_assessment_from_text_is_never_a_path():
    text = LABOUR.read_text(encoding="utf-8")
    a = seal_engine.parse_assessment(text, "upload.yaml")
    with pytest.raises(WorkforceError, match="was not read from a file"):
        seal_engine.load_workforce_for(a)


def _score_in_worker(args):
    standard, assessment, data = args
    return seal_engine.score(standard, assessment, data).to_dict()


def test_standards_cross_process_boundaries():
    s = seal_engine.load_standard(UNDP)
    a = seal_engine.load_assessment(LABOUR)
    data = seal_engine.load_workforce_for(a)
    copy = pickle.loads(pickle.dumps(s))
    assert copy._compiled is None and seal_engine.content_hash(copy) == seal_engine.content_hash(s)
    assert seal_engine.score(copy, a, data) == seal_engine.score(s, a, data)
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_score_in_worker, [(s, a, data)] * 3))
    assert results == [seal_engine.score(s, a, data).to_dict()] * 3
