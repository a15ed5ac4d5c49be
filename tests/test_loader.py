"""Loading standards and assessments: every bad input gets one exact, located error."""

from __future__ import annotations

import pytest

import seal_engine
from seal_engine import (
    AssessmentError,
    RuleError,
    SealError,
    StandardError,
    find_standard,
    list_standards,
    normalise_answers,
    score,
)

from .conftest import STARTER, STARTER_EXAMPLE

STARTER_TEXT = STARTER.read_text(encoding="utf-8")
EXAMPLE_TEXT = STARTER_EXAMPLE.read_text(encoding="utf-8")


def _standard(write, old: str, new: str, name: str = "s.yaml"):
    assert old in STARTER_TEXT, old
    return write(name, STARTER_TEXT.replace(old, new, 1))


def _errors(exc) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_starter_loads(sample_standard):
    assert sample_standard.id == "seal-starter"
    assert len(sample_standard.benchmarks()) == 8
    assert [lv.id for lv in sample_standard.levels_in_order()] == [
        "getting_started", "building", "established"]


# ------------------------------------------------------------------ bad standards


BAD_STANDARDS = [
    pytest.param(
        "title: Gender equality starter standard (teaching, not the Seal)",
        "title: [unclosed",
        ["s.yaml:10:12: malformed YAML: did not find expected ',' or ']' (while parsing a flow "
         "sequence at line 9, column 8)"],
        id="malformed-yaml",
    ),
    pytest.param(
        "        weight: 2\n        mandatory_from: getting_started\n        effort: medium\n",
        "        weight: 2\n        wieght: 3\n        mandatory_from: getting_started\n"
        "        effort: medium\n",
        ["s.yaml:84:9: [ST-LC-01] dimensions[0].benchmarks[0].wieght: unknown field 'wieght'; "
         "check its spelling against the schema"],
        id="unknown-key",
    ),
    pytest.param(
        "      - id: ST-LC-02\n",
        "      - id: ST-LC-01\n",
        ["s.yaml:100:9: [ST-LC-01] dimensions[0].benchmarks[1].id: duplicate id 'ST-LC-01': "
         "already used by a benchmark",
         "s.yaml:263:18: [ST-A-02] actions[1].benchmarks[0]: serves unknown benchmark "
         "'ST-LC-02'"],
        id="duplicate-id",
    ),
    pytest.param(
        "    benchmarks: [ST-LC-01]\n    area: policy_standards",
        "    benchmarks: [ST-LC-99]\n    area: policy_standards",
        ["s.yaml:252:18: [ST-A-01] actions[0].benchmarks[0]: serves unknown benchmark "
         "'ST-LC-99'"],
        id="dangling-action-link",
    ),
    pytest.param(
        "mandatory_from: building",
        "mandatory_from: platinum",
        ["s.yaml:104:9: [ST-LC-02] dimensions[0].benchmarks[1].mandatory_from: mandatory_from "
         "names unknown level 'platinum' (levels: building, established, getting_started)"],
        id="dangling-level-link",
    ),
    pytest.param(
        "answer_scale: progress",
        "answer_scale: progres",
        ["s.yaml:89:13: [ST-LC-01.policy] dimensions[0].benchmarks[0].questions[0].answer_scale: "
         "answer_scale 'progres' is not defined in answer_scales"],
        id="dangling-answer-scale",
    ),
    pytest.param(
        "met: answer('ST-WE-02.senior_women') >= leadership_target",
        "met: __import__('os').system('true')",
        ["s.yaml:175:11: [ST-WE-02] dimensions[1].benchmarks[1].rule.met: attribute access "
         "('.') not allowed in rules (rule line 1, character 1)"],
        id="import-in-rule",
    ),
    pytest.param(
        "met: answer('ST-WE-02.senior_women') >= leadership_target",
        "met: __import__('os') == 1",
        ["s.yaml:175:11: [ST-WE-02] dimensions[1].benchmarks[1].rule.met: unknown function "
         "'__import__' (known: all, answer, answered, any, between, column, count, count_rows, "
         "evidence, "
         "first_known, institution, len, max, metric, min, period_end, period_start, sum) "
         "(rule line 1, character 1)"],
        id="dunder-call-in-rule",
    ),
    pytest.param(
        "met: answer('ST-WE-02.senior_women') >= leadership_target",
        "met: answer('ST-WE-02.senior_women') >= leadership_targt",
        ["s.yaml:175:11: [ST-WE-02] dimensions[1].benchmarks[1].rule.met: unknown name "
         "'leadership_targt' (did you mean 'leadership_target'?): names in rules are the "
         "standard's parameters (known: "
         "leadership_target, training_target) or functions called with '(...)' (rule line 1, "
         "character 36)"],
        id="unknown-name-in-rule",
    ),
    pytest.param(
        "met: answer('ST-WE-02.senior_women') >= leadership_target",
        "met: answer('ST-WE-02.senior_women') >= 30",
        ["s.yaml:175:11: [ST-WE-02] dimensions[1].benchmarks[1].rule.met: “What percentage of "
         "senior posts are held by women?” (ST-WE-02.senior_women) is a share between 0 and 1, "
         "but is compared with 30; write 0.3 for 30 % (rule line 1, character 36)"],
        id="percent-literal-in-rule",
    ),
    pytest.param(
        "    order: 2\n    min_score: 70\n",
        "    order: 2\n    min_score: 50\n",
        ["s.yaml:63:5: [building] levels[1].min_score: level 'building' has min_score 50, below "
         "the 60 of lower level 'getting_started'"],
        id="level-ladder-inverted",
    ),
    pytest.param(
        "    order: 3\n    min_score: 80\n",
        "    order: 3\n    min_score: 180\n",
        ["s.yaml:69:5: [established] levels[2].min_score: input should be less than or equal "
         "to 100, got 180"],
        id="threshold-out-of-range",
    ),
    pytest.param(
        "    value: 0.30\n",
        "    value: 30\n",
        ["s.yaml:31:5: [leadership_target] parameters.leadership_target.value: a share is a "
         "fraction between 0 and 1, got 30"],
        id="share-parameter-out-of-range",
    ),
    pytest.param(
        "version: 2\n",
        "version: 2\nversion: 3\n",
        ["s.yaml:9:1: duplicate key 'version'"],
        id="duplicate-key",
    ),
    pytest.param(
        "provider: seal-engine project",
        "provider: !!python/object/apply:os.system ['true']",
        ["s.yaml:17:11: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
         "use plain YAML values"],
        id="python-tag",
    ),
    pytest.param(
        "title: Gender equality starter standard (teaching, not the Seal)\n",
        "",
        ["s.yaml: title: required field 'title' is missing"],
        id="missing-required-field",
    ),
    pytest.param(
        "            type: single_choice\n            answer_scale: progress\n",
        "            type: single_choice\n",
        ["s.yaml:87:13: [ST-LC-01.policy] dimensions[0].benchmarks[0].questions[0]: "
         "a single_choice question needs choices or an answer_scale"],
        id="choice-question-without-choices",
    ),
]


@pytest.mark.parametrize("old, new, expected", BAD_STANDARDS)
def test_bad_standard(write, old, new, expected):
    path = _standard(write, old, new)
    with pytest.raises(StandardError) as info:
        seal_engine.load_standard(path)
    got = [e.replace(str(path.parent) + "/", "") for e in _errors(info)]
    assert got == expected


def test_rule_errors_are_rule_errors(write):
    path = _standard(write, "leadership_target\n", "nope\n")
    with pytest.raises(RuleError):
        seal_engine.load_standard(path)


def test_every_problem_is_reported(write):
    text = STARTER_TEXT.replace("mandatory_from: building", "mandatory_from: x").replace(
        "    benchmarks: [ST-WE-05]", "    benchmarks: [ST-WE-55]")
    with pytest.raises(StandardError) as info:
        seal_engine.load_standard(write("s.yaml", text))
    assert len(info.value.problems) == 2


def test_alias_bomb(write):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = write("bomb.yaml", "\n".join(lines) + "\n")
    with pytest.raises(StandardError) as info:
        seal_engine.load_standard(path)
    (msg,) = _errors(info)
    assert msg.endswith("document expands to more than 200000 values (anchors and aliases too "
                        "deep? raise SEAL_MAX_YAML_NODES if it is genuine)")


def test_huge_file(write, monkeypatch):
    monkeypatch.setenv("SEAL_MAX_FILE_BYTES", "1000")
    path = write("big.yaml", "# " + "x" * 2000 + "\n")
    with pytest.raises(StandardError) as info:
        seal_engine.load_standard(path)
    assert _errors(info) == [f"{path}: file is 2003 bytes, over the limit of 1000 bytes (raise "
                             "SEAL_MAX_FILE_BYTES if it is genuine)"]


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: G\xe9nero".encode("latin-1"))
    with pytest.raises(StandardError, match="file is not UTF-8 text"):
        seal_engine.load_standard(path)


def test_not_a_mapping(write):
    path = write("list.yaml", "- a\n- b\n")
    with pytest.raises(StandardError, match="a standard file must hold a mapping of fields, "
                                            "got list"):
        seal_engine.load_standard(path)


def test_json_standard_and_malformed_json(write, sample_standard):
    good = write("s.json", sample_standard.model_dump_json())
    assert seal_engine.load_standard(good).id == "seal-starter"
    bad = write("b.json", '{"id": "x",\n "id": "y"}')
    with pytest.raises(StandardError, match="duplicate key 'id'"):
        seal_engine.load_standard(bad)
    broken = write("c.json", '{"id": "x",\n')
    with pytest.raises(StandardError) as info:
        seal_engine.load_standard(broken)
    assert _errors(info) == [f"{broken}:2:1: malformed JSON: Expecting property name enclosed in "
                             "double quotes"]


def test_yes_no_stay_strings_in_yaml(sample_standard, write):
    text = EXAMPLE_TEXT.replace("ST-LC-02.committee: yes", "ST-LC-02.committee: 'no'")
    a = seal_engine.load_assessment(write("a.yaml", text))
    assert a.answers["ST-LC-02.committee"] == "no"
    answers, problems = normalise_answers(sample_standard, a)
    assert problems == [] and answers["ST-LC-02.committee"] is False


# ------------------------------------------------------------------ folder standards


def test_folder_standard(tmp_path, sample_standard):
    import yaml

    data = sample_standard.model_dump(mode="json", exclude_defaults=True)
    folder = tmp_path / "std"
    (folder / "dimensions").mkdir(parents=True)
    dims = data.pop("dimensions")
    actions = data.pop("actions")
    (folder / "standard.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    for i, d in enumerate(dims):
        d["type"] = "dimension"
        (folder / "dimensions" / f"{i:02d}.yaml").write_text(yaml.safe_dump(d), encoding="utf-8")
    (folder / "actions.yaml").write_text(
        yaml.safe_dump({"type": "action_library", "actions": actions}), encoding="utf-8")
    s = seal_engine.load_standard(folder)
    assert [b.id for b in s.benchmarks()] == [b.id for b in sample_standard.benchmarks()]
    assert len(s.actions) == len(sample_standard.actions)
    # an error in a part file names that file and line
    part = folder / "dimensions" / "01.yaml"
    part.write_text(part.read_text().replace("weight: 2.0", "weight: -2", 1), encoding="utf-8")
    with pytest.raises(StandardError) as info:
        seal_engine.load_standard(folder)
    (msg,) = _errors(info)
    assert msg.startswith(f"{part}:"), msg
    assert "benchmarks[1].weight: input should be greater than 0, got -2" in msg


def test_folder_without_header(tmp_path):
    with pytest.raises(StandardError, match="folder has no standard.yaml"):
        seal_engine.load_standard(tmp_path)


# ------------------------------------------------------------------ extends


def test_extends_merges_by_id(write):
    write("parent.yaml", STARTER_TEXT)
    child = write("child.yaml", """\
type: standard
id: seal-starter-riverton
version: 1
title: Starter standard, Riverton adaptation
extends: {id: seal-starter, version: 2}
parameters:
  leadership_target: {value: 0.25}
levels:
  - {id: getting_started, min_score: 55}
not_applicable: [ST-LC-03]
dimensions:
  - id: ST-WE
    benchmarks:
      - id: ST-WE-06
        title: A gender focal point in every unit
        questions:
          - {id: ST-WE-06.share, type: percent, text: What share of units have a focal point?}
        rule: {met: "answer('ST-WE-06.share') >= 1"}
""")
    s = seal_engine.load_standard(child)
    assert s.id == "seal-starter-riverton" and s.extends.id == "seal-starter"
    assert s.parameters["leadership_target"].value == 0.25
    assert s.parameters["leadership_target"].unit == "share"  # kept from the parent
    assert {lv.id: lv.min_score for lv in s.levels} == {"getting_started": 55, "building": 70,
                                                       "established": 80}
    assert s.benchmark("ST-LC-03").applicable is False
    assert [b.id for b in s.dimensions[1].benchmarks][-1] == "ST-WE-06"
    assert len(s.benchmarks()) == 9


def test_extends_unknown_parent(write):
    path = write("child.yaml", "type: standard\nid: c\nversion: 1\ntitle: C\n"
                               "extends: {id: nowhere, version: 3}\n")
    with pytest.raises(StandardError) as info:
        seal_engine.load_standard(path)
    (msg,) = _errors(info)
    assert msg.startswith(f"{path}:5:1: extends: standard 'nowhere' was not found on the "
                          "standards path (known: ")
    assert "undp-seal-public-institutions" in msg


def test_standards_search_path(tmp_path, monkeypatch):
    (tmp_path / "mine.yaml").write_text(STARTER_TEXT.replace("id: seal-starter\nversion: 2",
                                                             "id: seal-starter\nversion: 3"))
    monkeypatch.setenv("SEAL_STANDARDS_PATH", str(tmp_path))
    assert find_standard("seal-starter", 3) == tmp_path / "mine.yaml"
    assert find_standard("seal-starter") == tmp_path / "mine.yaml"  # newest
    assert find_standard("seal-starter", 2).name == "seal-starter.yaml"
    ids = {(i.id, i.version) for i in list_standards()}
    assert ("seal-starter", 2) in ids and ("seal-starter", 3) in ids


# ------------------------------------------------------------------ bad assessments


BAD_ANSWERS = [
    pytest.param("ST-LC-02.committee: yes", "ST-LC-02.committee: maybe",
                 ["a.yaml:21:3: [ST-LC-02.committee] answers.ST-LC-02.committee: expected yes or "
                  "no (true/false), got 'maybe'"], id="wrong-answer-type"),
    pytest.param("ST-WE-02.senior_women: 24", "ST-WE-02.senior_women: 124",
                 ["a.yaml:26:3: [ST-WE-02.senior_women] answers.ST-WE-02.senior_women: 124 is "
                  "above the maximum 100 (percentages are written 0-100)"], id="percent-range"),
    pytest.param("ST-LC-02.meetings: 3", "ST-LC-02.meetings: 2.5",
                 ["a.yaml:22:3: [ST-LC-02.meetings] answers.ST-LC-02.meetings: expected a whole "
                  "number, got 2.5"], id="not-an-integer"),
    pytest.param("ST-LC-02.meetings: 3", "ST-LC-02.meetings: '3'",
                 ["a.yaml:22:3: [ST-LC-02.meetings] answers.ST-LC-02.meetings: expected a whole "
                  "number, got '3'"], id="text-in-number"),
    pytest.param("ST-LC-01.policy: approved", "ST-LC-01.policy: aproved",
                 ["a.yaml:19:3: [ST-LC-01.policy] answers.ST-LC-01.policy: 'aproved' is not one "
                  "of the allowed choices ['none', 'draft', 'approved'] (did you mean "
                  "'approved'?)"],
                 id="unknown-choice"),
    pytest.param("ST-WE-01.breakdowns: [grade, unit, location]", "ST-WE-01.breakdowns: grade",
                 ["a.yaml:25:3: [ST-WE-01.breakdowns] answers.ST-WE-01.breakdowns: expected a "
                  "list of choices from ['grade', 'unit', 'location', 'age', 'contract'], got "
                  "'grade'"], id="multi-choice-not-a-list"),
    pytest.param("ST-LC-01.approved_on: 2024-03-08", "ST-LC-01.approved_on: 2024-02-30",
                 ["a.yaml:20:3: [ST-LC-01.approved_on] answers.ST-LC-01.approved_on: expected a "
                  "date as YYYY-MM-DD, got '2024-02-30'"], id="bad-date"),
    pytest.param("participants: 64,", "participants: -64,",
                 ["a.yaml:29:3: [ST-WE-04.sessions] answers.ST-WE-04.sessions: row 1, column "
                  "'participants': -64 is below the minimum 0"], id="table-cell"),
    pytest.param("ST-WE-05.measures:", "ST-WE-55.measures:",
                 ["a.yaml:33:3: [ST-WE-55.measures] answers.ST-WE-55.measures: unknown question "
                  "'ST-WE-55.measures': seal-starter v2 has no such question (did you mean "
                  "'ST-WE-05.measures'?)"],
                 id="unknown-question"),
    pytest.param("requirement: ST-WE-03.policy_doc", "requirement: ST-WE-03.policy_pdf",
                 ["a.yaml:38:6: [ST-WE-03.policy_pdf] evidence[3].requirement: unknown evidence "
                  "requirement 'ST-WE-03.policy_pdf' (did you mean 'ST-WE-03.policy_doc'?)"],
                 id="unknown-evidence"),
]


@pytest.mark.parametrize("old, new, expected", BAD_ANSWERS)
def test_bad_answers(write, sample_standard, old, new, expected):
    assert old in EXAMPLE_TEXT
    path = write("a.yaml", EXAMPLE_TEXT.replace(old, new, 1))
    a = seal_engine.load_assessment(path)
    with pytest.raises(AssessmentError) as info:
        score(sample_standard, a, seal_engine.load_workforce_for(a))
    assert [e.replace(str(path.parent) + "/", "") for e in _errors(info)] == expected


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("period: {start: 2025-01-01, end: 2025-12-31",
         "period: {start: 2025-01-01, end: 2024-12-31",
         "a.yaml:15:1: period: end 2024-12-31 is before start 2025-01-01"),
        ("  scope: national", "  scope: federal",
         "a.yaml:13:3: [RWA] institution.scope: input should be 'national' or 'subnational', "
         "got 'federal'"),
        ("kind: self", "kind: selff",
         "a.yaml:16:1: kind: input should be 'self' or 'external', got 'selff'"),
        ("type: assessment", "type: standard",
         "a.yaml:6:1: type: type is 'standard'; expected 'assessment' (this is a standard; give it "
         "with --standard, or check it with seal validate)"),
    ],
)
def test_bad_assessment_shape(write, old, new, expected):
    path = write("a.yaml", EXAMPLE_TEXT.replace(old, new, 1))
    with pytest.raises(AssessmentError) as info:
        seal_engine.load_assessment(path)
    assert [e.replace(str(path.parent) + "/", "") for e in _errors(info)] == [expected]


def test_all_errors_are_seal_errors():
    for cls in (StandardError, RuleError, AssessmentError):
        assert issubclass(cls, SealError)


def test_bad_measure_is_located(write):
    path = _standard(write, "measure: \"answer('ST-WE-02.senior_women')\"",
                     "measure: \"answer('ST-WE-02.senior')\"")
    with pytest.raises(RuleError) as info:
        seal_engine.load_standard(path)
    (msg,) = _errors(info)
    assert msg.endswith("[ST-A-05] actions[4].indicator.measure: unknown question "
                        "'ST-WE-02.senior' (did you mean 'ST-WE-02.senior_women'?) (rule line "
                        "1, character 8)")
    path = _standard(write, "measure: \"answer('ST-WE-02.senior_women')\"",
                     "measure: \"answer('ST-LC-01.policy')\"", name="t.yaml")
    with pytest.raises(RuleError, match="a measure must give a number, a share or yes/no, but "
                                        "this gives str"):
        seal_engine.load_standard(path)


def test_table_column_with_answer_scale(write, sample_standard):
    path = _standard(write, "              - {id: topic, type: text, title: Topic}",
                     "              - {id: topic, type: text, title: Topic}\n"
                     "              - {id: stage, type: single_choice, answer_scale: progress}")
    s = seal_engine.load_standard(path)
    text = EXAMPLE_TEXT.replace("{topic: Gender basics for all staff,",
                                "{stage: approved, topic: Gender basics for all staff,")
    a = seal_engine.load_assessment(write("a.yaml", text))
    assert normalise_answers(s, a)[1] == []
    bad = seal_engine.load_assessment(write("b.yaml", text.replace("stage: approved",
                                                                   "stage: done")))
    (problem,) = normalise_answers(s, bad)[1]
    assert problem.message == ("row 1, column 'stage': 'done' is not one of the allowed choices "
                               "['none', 'draft', 'approved']")
    wrong = _standard(write, "              - {id: topic, type: text, title: Topic}",
                      "              - {id: stage, type: single_choice, answer_scale: stages}",
                      name="w.yaml")
    with pytest.raises(StandardError, match="answer_scale 'stages' is not defined"):
        seal_engine.load_standard(wrong)


def test_translation_of_unknown_field(write):
    path = write("s.yaml", STARTER_TEXT + "translations:\n  fr:\n    ST-LC-01: {wording: x}\n")
    with pytest.raises(StandardError) as info:
        seal_engine.load_standard(path)
    assert "translations.fr.ST-LC-01.wording" in str(info.value)
    path = write("t.yaml", STARTER_TEXT + "translations:\n  fr:\n    ST-LC-01.policy: "
                 "{title: x}\n")
    with pytest.raises(StandardError, match="a question has no field 'title' to translate"):
        seal_engine.load_standard(path)


def test_percent_written_with_a_percent_sign(write, sample_standard):
    text = EXAMPLE_TEXT.replace("ST-WE-02.senior_women: 24", "ST-WE-02.senior_women: 24.5 %")
    a = seal_engine.load_assessment(write("a.yaml", text))
    answers, problems = normalise_answers(sample_standard, a)
    assert problems == [] and answers["ST-WE-02.senior_women"] == 0.245
    bad = EXAMPLE_TEXT.replace("ST-WE-02.senior_women: 24", "ST-WE-02.senior_women: 24 percent")
    _answers, (problem,) = normalise_answers(
        sample_standard, seal_engine.load_assessment(write("b.yaml", bad)))
    assert problem.message == "expected a percentage between 0 and 100, got '24 percent'"
