"""Hostile and malformed standards and assessments: a located error for each, never another
exception, a hang or a read of a file that was not given (issue 10, the loader's classes)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seal_engine as se
from seal_engine import AssessmentError, RuleError, SealError, StandardError

from .conftest import ROOT, STARTER, STARTER_EXAMPLE

BASE = STARTER_EXAMPLE.read_text(encoding="utf-8")
STD = STARTER.read_text(encoding="utf-8")


def _problems(call) -> list[str]:
    with pytest.raises(SealError) as info:
        call()
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(("old", "new", "expected"), [
    # class 7: tags with bad values, nesting, recursion
    ("ST-LC-02.committee: yes", "ST-LC-02.committee: !!bool maybe",
     "a.yaml:21:23: bad value 'maybe' for !!bool"),
    ("ST-LC-02.meetings: 3", 'ST-LC-02.meetings: !!int ""', "a.yaml:22:22: bad value '' for !!int"),
    ("ST-LC-02.meetings: 3", "ST-LC-02.meetings: !!timestamp soon",
     "a.yaml:22:22: bad value 'soon' for !!timestamp"),
    ("ST-LC-02.meetings: 3", "ST-LC-02.meetings: &x [*x]",
     "a.yaml:22:22: an alias refers to the list or mapping that contains it"),
    ("ST-LC-02.meetings: 3", "ST-LC-02.meetings: " + "[" * 80 + "]" * 80,
     "the document is nested more than 64 levels deep"),
    ("ST-LC-03.budget: 120000", "ST-LC-03.budget: " + "9" * 5000,
     "a.yaml:23:20: the number 999999999999… has 5000 digits; at most 30 are allowed"),
    # class 8: YAML 1.1 numbers, non-finite numbers
    ("ST-LC-02.meetings: 3", "ST-LC-02.meetings: 010",
     "a.yaml:22:22: '010' would be read as an octal number; write 10"),
    ("ST-LC-02.meetings: 3", "ST-LC-02.meetings: 1:20",
     "a.yaml:22:22: '1:20' would be read as a base-60 number"),
    ("ST-LC-03.budget: 120000", "ST-LC-03.budget: 1_2_0_0_0_0",
     "a.yaml:23:20: '1_2_0_0_0_0' would be read as 120000"),
    ("ST-LC-03.budget: 120000", "ST-LC-03.budget: .inf", "a.yaml:23:20: '.inf' is not a number"),
    ("ST-LC-03.budget: 120000", "ST-LC-03.budget: .NaN", "a.yaml:23:20: '.NaN' is not a number"),
    # class 9: control bytes and absurd periods, located
    ("ST-LC-02.meetings: 3", "ST-LC-02.meetings: 3\x00",
     "a.yaml:22:23: malformed YAML: a NUL byte"),
    ("Riverton National", "Riverton\x1b National",
     "a.yaml:11:17: malformed YAML: the control character #x001b is not allowed"),
    ("period: {start: 2025-01-01, end: 2025-12-31", "period: {start: 0001-01-01, end: 9999-12-31",
     "a.yaml:15:1: period: the period 0001-01-01 to 9999-12-31 is 10005 years long"),
])
def test_hostile_assessment_text_gives_one_located_error(write, old, new, expected):
    assert old in BASE
    path = write("a.yaml", BASE.replace(old, new, 1))
    problems = _problems(lambda: se.score(*_load(path)))
    assert any(p.endswith(expected) or expected in p for p in problems), problems
    assert all(p.startswith(str(path)) for p in problems)


def _load(path):
    a = se.load_assessment(path)
    return se.standard_for(a), a


def test_an_alias_bomb_is_bounded_and_its_message_short(write):
    bomb = "  x0: &a0 [" + ", ".join(["lol"] * 30) + "]\n" + "".join(
        f"  x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 30) + "]\n" for i in range(1, 6))
    path = write("a.yaml", BASE.replace("answers:\n", "answers:\n" + bomb, 1))
    problems = _problems(lambda: se.load_assessment(path))
    assert "document expands to more than 200000 values" in problems[0]
    assert len(problems[0]) < 300


@pytest.mark.parametrize(("text", "expected"), [
    ('{"a": ' + "[" * 10_000 + "]" * 10_000 + "}", "the document is nested 10001 levels deep"),
    ('{"id": ' + "9" * 5000 + "}", "a.json:1:8: the number 999999999999… has 5000 digits"),
    ('{"id": NaN}', "a.json:1:8: NaN is not a number JSON allows"),
    ('{"id": "x",\n "id": "y"}', "duplicate key 'id'"),
])
def test_hostile_json(text, expected):
    problems = _problems(lambda: se.parse_assessment(text, "a.json"))
    assert any(expected in p for p in problems), problems


def test_json_assessment_errors_have_a_line_and_column():
    data = json.loads(json.dumps(se.load_assessment(STARTER_EXAMPLE).model_dump(mode="json")))
    data["institution"]["scope"] = "nationalx"
    text = json.dumps(data, indent=2)
    (problem,) = _problems(lambda: se.parse_assessment(text, "a.json"))
    assert problem.startswith("a.json:") and ":" in problem.split(": [")[0][7:]
    line = int(problem.split(":")[1])
    assert '"scope": "nationalx"' in text.splitlines()[line - 1]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("met: len(answer('ST-WE-05.measures')) >= 3", "met: max(answer('ST-WE-05.measures')) == 'x'",
     "max() needs numbers, but “Which of these measures does the institution offer?” "
     "(ST-WE-05.measures) holds text"),
    ("sum(column('ST-WE-04.sessions', 'participants'))",
     "sum(column('ST-WE-04.sessions', 'topic'))",
     "sum() needs numbers, but the “Topic” column of “List the gender training sessions held "
     "in the period.” (ST-WE-04.sessions) holds text"),
    ("        weight: 2\n        mandatory_from: getting_started", "        weight: .inf\n"
     "        mandatory_from: getting_started", "'.inf' is not a number a figure can have"),
    ("        weight: 2\n        mandatory_from: getting_started", "        weight: 1e300\n"
     "        mandatory_from: getting_started", "input should be less than or equal to 1000"),
    ("id: seal-starter", "id: [a, b]", "id: input should be a valid string, got ['a', 'b']"),
])
def test_hostile_standards(write, old, new, expected):
    assert old in STD, old
    path = write("s.yaml", STD.replace(old, new, 1))
    problems = _problems(lambda: se.load_standard(path))
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(str(path)) for p in problems)


def test_wrong_types_in_folder_standards_and_adaptations(tmp_path):
    folder = tmp_path / "std"
    folder.mkdir()
    (folder / "standard.yaml").write_text(STD.split("dimensions:")[0] + "dimensions: 5\n")
    (folder / "d.yaml").write_text("type: dimension\nid: D\ntitle: D\nbenchmarks: []\n")
    with pytest.raises(StandardError, match="dimensions must be a list"):
        se.load_standard(folder)
    (tmp_path / "other").mkdir()
    child = tmp_path / "other" / "child.yaml"
    child.write_text("type: standard\nid: c\nversion: 1\ntitle: C\n"
                     "extends: {id: seal-starter, version: 2}\ndimensions: 5\n")
    problems = _problems(lambda: se.load_standard(child))
    assert any("dimensions: input should be a valid list" in p for p in problems), problems


def test_a_broken_file_on_the_standards_path_does_not_stop_other_commands(tmp_path,
                                                                           monkeypatch):
    (tmp_path / "broken.yaml").write_text("type: standard\nid: [x\n")
    (tmp_path / "deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000)
    monkeypatch.setenv("SEAL_STANDARDS_PATH", str(tmp_path))
    assert {i.id for i in se.list_standards()} >= {"seal-starter"}
    a = se.load_assessment(STARTER_EXAMPLE)
    assert se.score(se.standard_for(a), a).level == "getting_started"


@pytest.mark.parametrize("name", ["/proc/self/mem", "/proc/kmsg", "../../../../etc/passwd",
                                  "/etc/passwd", ".", "link.csv"])
def test_an_assessment_cannot_make_the_engine_read_any_file(write, name, tmp_path):
    path = write("a.yaml", BASE + f"workforce: {name}\n")
    (tmp_path / "link.csv").symlink_to("/etc/passwd")
    problems = _problems(lambda: se.load_workforce_for(se.load_assessment(path)))
    assert len(problems) == 1 and problems[0].startswith(f"{path}:40:1: ")
    assert "workforce" in problems[0]


# ------------------------------------------------------------------ generated corpus

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**40, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["yes", "no", "010", "1:20", "1_0", ".inf", "2024-02-30", "approved",
                     "!!python/object:os.system", "\x00", "${HOME}", "../x"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(["answers", "evidence", "not_applicable", "period", "standard",
                            "institution", "id", "kind", "status", "workforce", "type", "extra"]),
       value=_VALUES)
def test_no_generated_assessment_escapes_as_another_exception(key, value):
    data = se.load_assessment(STARTER_EXAMPLE).model_dump(mode="json")
    data[key] = value
    for source, name in ((data, "a"), (json.dumps(data, default=str), "a.json")):
        try:
            a = se.parse_assessment(source, name)
            se.score(se.load_standard(STARTER), a)
        except (AssessmentError, SealError):
            pass


_YAML_NOISE = st.sampled_from([
    "&a ", "*a", "!!str ", "!!int ", "!!bool ", "!!timestamp ", "!!binary ", "!!set ",
    "!!python/name:os.system ", "<<: ", "? ", "{", "}", "[", "]", "'", '"', "|", ">", "%YAML 1.1\n",
    "---\n", "...\n", "\t", "\x00", "\x1b", "\u2028", "\ufeff", "0o17", "0x1F", "1e999", "~",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.integers(min_value=0, max_value=len(BASE)), noise=_YAML_NOISE,
       repeat=st.integers(min_value=1, max_value=3))
def test_no_yaml_mutation_escapes_as_another_exception(position, noise, repeat):
    text = BASE[:position] + noise * repeat + BASE[position:]
    try:
        a = se.parse_assessment(text, "a.yaml")
        se.score(se.load_standard(STARTER), a)
    except SealError as e:
        assert all(p.file == "a.yaml" for p in e.problems), e.problems


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.integers(min_value=0, max_value=len(STD)), noise=_YAML_NOISE)
def test_no_standard_mutation_escapes_as_another_exception(position, noise):
    try:
        se.parse_standard(STD[:position] + noise + STD[position:], "s.yaml")
    except (StandardError, RuleError, SealError):
        pass


def test_limits_are_documented():
    docs = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    for words in ("SEAL_MAX_FILE_BYTES", "SEAL_MAX_YAML_NODES", "SEAL_MAX_DATA_BYTES",
                  "64 levels", "30 digits", "SEAL_WORKFORCE_PATH", "5 years"):
        assert words in docs, words
