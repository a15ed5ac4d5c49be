"""The rule language: every construct, three-valued logic, explanations and rejected input."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from seal_engine import RuleError
from seal_engine.models import Choice, EvidenceRequirement, Parameter, Question, QuestionType
from seal_engine.rules import EvalContext, Missing, RuleEnv, compile_rule, format_value
from seal_engine.workforce import METRICS


def _q(qid, type_, **kw):
    return Question(id=qid, type=QuestionType(type_), text=f"Question {qid}?", **kw)


QUESTIONS = {
    "yn": _q("yn", "yes_no"),
    "choice": _q("choice", "single_choice",
                 choices=[Choice(value=v) for v in ("none", "draft", "approved")]),
    "multi": _q("multi", "multiple_choice", choices=[Choice(value=v) for v in ("a", "b", "c")]),
    "int": _q("int", "integer"),
    "num": _q("num", "number"),
    "pct": _q("pct", "percent"),
    "day": _q("day", "date"),
    "txt": _q("txt", "text"),
    "tab": Question(id="tab", type=QuestionType.table, text="Rows?", columns=[
        {"id": "name", "type": "text"}, {"id": "n", "type": "integer"}]),
}
ENV = RuleEnv(
    questions=QUESTIONS,
    choices={"choice": {"none", "draft", "approved"}, "multi": {"a", "b", "c"}},
    evidence={"doc": EvidenceRequirement(id="doc", title="The document")},
    parameters={
        "target": Parameter(value=0.3, unit="share", title="leadership target"),
        "minimum": Parameter(value=4),
        "flag": Parameter(value=True),
    },
    metrics=METRICS,
)


def ctx(answers=None, evidence=(), metrics=None):
    metrics = metrics or {}

    def metric(name, key):
        return metrics.get((name, key), Missing(f"no data for {name}"))

    return EvalContext(answers or {}, frozenset(evidence), metric)


def ev(text, **kw):
    return compile_rule(text, ENV).evaluate(ctx(**kw))


# ------------------------------------------------------------------ every construct


@pytest.mark.parametrize(
    "text, answers, expected",
    [
        ("answer('yn')", {"yn": True}, True),
        ("not answer('yn')", {"yn": True}, False),
        ("answer('choice') == 'approved'", {"choice": "approved"}, True),
        ("answer('choice') != 'approved'", {"choice": "draft"}, True),
        ("answer('choice') in ('draft', 'approved')", {"choice": "draft"}, True),
        ("answer('choice') not in ['draft', 'approved']", {"choice": "none"}, True),
        ("'b' in answer('multi')", {"multi": ["a", "b"]}, True),
        ("'c' not in answer('multi')", {"multi": ["a", "b"]}, True),
        ("len(answer('multi')) >= 2", {"multi": ["a", "b"]}, True),
        ("answer('int') > 3", {"int": 4}, True),
        ("answer('int') < 3", {"int": 4}, False),
        ("answer('int') <= 4", {"int": 4}, True),
        ("answer('num') + 1 == 3.5", {"num": 2.5}, True),
        ("answer('num') - 1 == 1.5", {"num": 2.5}, True),
        ("answer('num') * 2 == 5", {"num": 2.5}, True),
        ("answer('num') / 2 == 1.25", {"num": 2.5}, True),
        ("-answer('num') < 0", {"num": 2.5}, True),
        ("+answer('num') > 0", {"num": 2.5}, True),
        ("answer('pct') >= target", {"pct": 0.31}, True),
        ("answer('pct') >= target - 0.05", {"pct": 0.26}, True),
        ("answer('int') >= minimum", {"int": 4}, True),
        ("flag", {}, True),
        ("True and true", {}, True),
        ("False or false", {}, False),
        ("answer('day') >= '2024-01-01'", {"day": dt.date(2024, 5, 1)}, True),
        ("answer('day') == '2024-05-01'", {"day": dt.date(2024, 5, 1)}, True),
        ("answer('txt') == 'hello'", {"txt": "hello"}, True),
        ("len(answer('txt')) > 3", {"txt": "hello"}, True),
        ("answered('txt')", {"txt": "x"}, True),
        ("answered('txt')", {}, False),
        ("evidence('doc')", {}, False),
        ("count(answer('yn'), answer('int') > 1, answer('num') > 100) == 2",
         {"yn": True, "int": 2, "num": 1}, True),
        ("all(answer('yn'), answer('int') > 1)", {"yn": True, "int": 2}, True),
        ("any(answer('yn'), answer('int') > 10)", {"yn": False, "int": 2}, False),
        ("min(answer('int'), answer('num')) == 2", {"int": 2, "num": 3}, True),
        ("max(answer('int'), answer('num')) == 3", {"int": 2, "num": 3}, True),
        ("max(column('tab', 'n')) == 7", {"tab": [{"name": "x", "n": 7}, {"name": "y", "n": 1}]},
         True),
        ("min(column('tab', 'n')) == 1", {"tab": [{"name": "x", "n": 7}, {"name": "y", "n": 1}]},
         True),
        ("sum(column('tab', 'n')) == 8", {"tab": [{"name": "x", "n": 7}, {"name": "y", "n": 1}]},
         True),
        ("len(answer('tab')) == 2", {"tab": [{"name": "x", "n": 7}, {"name": "y", "n": 1}]}, True),
        ("between(answer('int'), 1, 3)", {"int": 3}, True),
        ("between(answer('int'), 1, 3)", {"int": 4}, False),
        ("0 < answer('int') < 5", {"int": 4}, True),
        ("0 < answer('int') < 3", {"int": 4}, False),
    ],
)
def test_constructs(text, answers, expected):
    assert ev(text, answers=answers) is expected


def test_evidence_provided():
    assert ev("evidence('doc')", evidence={"doc"}) is True


def test_metric_with_filters():
    metrics = {("women_share", (("grade", "senior"),)): 0.22}
    rule = compile_rule("metric('women_share', grade='senior') >= target", ENV)
    c = ctx(metrics=metrics)
    assert rule.evaluate(c) is False
    (line,) = rule.explain(c)
    assert line == ("✗ women's share of staff (grade senior) is 22 %; needs at least 30 % "
                    "(leadership target)")


# ------------------------------------------------------------------ three-valued logic


@pytest.mark.parametrize(
    "text, answers, expected",
    [
        ("answer('yn')", {}, "missing"),
        ("answer('yn') and answer('int') > 1", {"int": 0}, False),
        ("answer('yn') and answer('int') > 1", {"int": 5}, "missing"),
        ("answer('yn') or answer('int') > 1", {"int": 5}, True),
        ("answer('yn') or answer('int') > 1", {"int": 0}, "missing"),
        ("not answer('yn')", {}, "missing"),
        ("answer('num') / answer('int') > 1", {"num": 1, "int": 0}, "missing"),
        ("any(answer('yn'), answer('int') > 1)", {"int": 5}, True),
        ("all(answer('yn'), answer('int') > 1)", {"int": 0}, False),
        ("count(answer('yn'), answer('int') > 1) >= 1", {"int": 5}, True),
        ("between(answer('int'), 1, 3)", {}, "missing"),
        ("len(answer('multi')) > 0", {}, "missing"),
        ("min(answer('int'), 3) > 0", {}, "missing"),
        ("metric('women_share') > 0.1", {}, "missing"),
    ],
)
def test_missing_values_propagate(text, answers, expected):
    value = ev(text, answers=answers)
    if expected == "missing":
        assert isinstance(value, Missing)
    else:
        assert value is expected


def test_missing_reason_comes_from_the_data():
    rule = compile_rule("metric('pay_gap_median') <= 0.05", ENV)
    value = rule.evaluate(ctx())
    assert isinstance(value, Missing) and value.reason == "no data for pay_gap_median"
    assert rule.explain(ctx()) == [
        "? unadjusted pay gap (median) is unknown (no data for pay_gap_median); needs at most "
        "5 %"]


# ------------------------------------------------------------------ explanations


def test_explanation_lists_clauses_with_values():
    rule = compile_rule("answer('yn') and evidence('doc') and answer('pct') >= target", ENV)
    lines = rule.explain(ctx(answers={"yn": True, "pct": 0.22}))
    assert lines == [
        "✓ “Question yn?” (yn): yes",
        "✗ evidence doc (The document) is missing",
        "✗ “Question pct?” (pct) is 22 %; needs at least 30 % (leadership target)",
    ]


def test_explanation_of_nested_logic_and_count():
    rule = compile_rule("count(answer('yn'), 'a' in answer('multi')) >= 2", ENV)
    lines = rule.explain(ctx(answers={"yn": True, "multi": ["b"]}))
    assert lines == [
        "✗ the number of these 2 conditions that hold is 1; needs at least 2",
        "  ✓ “Question yn?” (yn): yes",
        "  ✗ “Question multi?” (multi) leaves out 'a' (answer: 'b')",
    ]


def test_format_value():
    assert format_value(0.225, "share") == "22.5 %"
    assert format_value(1200) == "1 200"
    assert format_value(True) == "yes"
    assert format_value(Missing("gone")) == "gone"
    assert format_value(["a", "b"]) == "'a', 'b'"


# ------------------------------------------------------------------ rejected at load time


@pytest.mark.parametrize(
    "text, message",
    [
        ("__import__('os')", "unknown function '__import__'"),
        ("answer('yn').real", "attribute access ('.') not allowed in rules (rule line 1, "
                              "character 1)"),
        ("answer('multi')[0] == 'a'", "subscripts ('[...]') not allowed in rules"),
        ("(lambda: 1)()", "lambdas not allowed in rules"),
        ("[x for x in (1, 2)]", "comprehensions not allowed in rules"),
        ("1 if answer('yn') else 0", "conditional expressions ('x if c else y') not allowed"),
        ("foo > 1", "unknown name 'foo': names in rules are the standard's parameters "
                    "(known: flag, minimum, target)"),
        ("answer('nope')", "unknown question 'nope'"),
        ("evidence('nope')", "unknown evidence requirement 'nope'"),
        ("metric('nope') > 1", "unknown metric 'nope'"),
        ("metric('women_share', colour='red') > 0.1",
         "metric 'women_share' has no filter 'colour'"),
        ("answer('yn', 'x')", "answer() takes 1 argument(s), got 2"),
        ("between(answer('int'), 1)", "between() takes 3 argument(s), got 2"),
        ("answer('yn') == 'yes'", "cannot compare a yes/no value (“Question yn?” (yn)) with "
                                  "text 'yes'; a yes/no answer is true or false"),
        ("answer('choice') == 'aproved'", "'aproved' is not a choice of “Question choice?” "
                                          "(choice) (did you mean 'approved'?) (choices: "
                                          "'approved', 'draft', 'none')"),
        ("'z' in answer('multi')", "'z' is not a choice of"),
        ("answer('pct') >= 30", "is a share between 0 and 1, but is compared with 30; "
                                "write 0.3 for 30 %"),
        ("answer('txt') > 3", "'<', '<=', '>' and '>=' need numbers"),
        ("answer('int') and answer('yn')", "'and' joins conditions, but got a number"),
        ("answer('int') + 1", "a rule must be a condition (true or false), but this gives a "
                              "number"),
        ("answer('day') > '2024-13-01'", "'2024-13-01' is not a date"),
        ("answer(qid)", "a question id must be a quoted literal"),
        ("answer('yn') is True", "'is' (use '==') not allowed"),
        ("answer('yn') &", "not a valid expression"),
        ("", "a rule must be a non-empty expression"),
        ("2 ** 3 > 1", "powers ('**') not allowed"),
        ("answer('txt') == None", "'None' is not allowed"),
        ("column('txt', 'n')", "column() needs a table question"),
        ("sum(column('tab', 'zz')) > 1", "table 'tab' has no column 'zz'"),
    ],
)
def test_rejected_rules(text, message):
    with pytest.raises(RuleError) as info:
        compile_rule(text, ENV)
    assert message in str(info.value)


def test_size_bounds():
    long = " and ".join(["answer('yn')"] * 200)
    with pytest.raises(RuleError, match="characters long; at most 2000"):
        compile_rule(long, ENV)
    deep = "(" * 30 + "answer('yn')" + ")" * 30
    compile_rule(deep, ENV)  # parentheses alone do not nest the tree
    nested = "not " * 30 + "answer('yn')"
    with pytest.raises(RuleError, match="nested more than 24 levels"):
        compile_rule(nested, ENV)
    many = " + ".join(["1"] * 300) + " > 1"
    with pytest.raises(RuleError, match="parts; at most 400"):
        compile_rule(many, ENV)


def test_error_carries_location():
    with pytest.raises(RuleError) as info:
        compile_rule("answer('yn') and bogus", ENV, file="s.yaml", line=12, column=14,
                     record_id="LC-01", field_name="dimensions[0].benchmarks[0].rule.met")
    (problem,) = info.value.problems
    assert str(problem) == (
        "s.yaml:12:14: [LC-01] dimensions[0].benchmarks[0].rule.met: unknown name 'bogus': "
        "names in rules are the standard's parameters (known: flag, minimum, target) or "
        "functions called with '(...)' (rule line 1, character 18)")
    assert info.value.path == "s.yaml" and info.value.record_id == "LC-01"


def test_no_eval_of_raw_text(monkeypatch):
    import builtins

    def refuse(*a, **k):
        raise AssertionError("eval must never run")

    monkeypatch.setattr(builtins, "eval", refuse)
    assert ev("answer('int') > 1 and answer('yn')", answers={"int": 2, "yn": True}) is True


_GENERATED = re.compile(
    r"^(def rule\(ctx\):|return v\d+|pass|else:|"
    r"(if|elif) (v\d+ is (not )?(True|False)|type\(v\d+\) is M( and v\d+ is (True|False))?):|"
    r"v\d+ \+= 1|"
    r"_(get|answers|evidence|metric) = ctx\.(answers\.get|answers|evidence|metric)|"
    r"v\d+ = .*)$")
_RIGHT = re.compile(r"^(True|False|v\d+|k\d+|_get\(k\d+, NA\)|k\d+ in _(answers|evidence)|"
                    r"_metric\(k\d+, k\d+\)|k\d+\(ctx\)|"
                    r"(v\d+|k\d+) if type\((v\d+|k\d+)\) is M else .+|"
                    r"DZ if (v\d+|k\d+) == 0 else .+|(v\d+|k\d+) [-+*/] (v\d+|k\d+)|"
                    r"(v\d+|k\d+) (==|!=|<|<=|>|>=|in|not in) (v\d+|k\d+)|not v\d+|-v\d+|"
                    r"len\(v\d+\)|0|(v\d+|k\d+) if type\((v\d+|k\d+)\) is M else "
                    r"fsum\(x for x in v\d+ if isinstance\(x, NUM\)\))$")


@pytest.mark.parametrize("text", [
    "answer('txt') == '__import__(\"os\").system(\"id\")'",
    "answer('int') > 1 and answer('yn') or not evidence('doc')",
    "count(answer('yn'), answer('int') >= 2) >= 1 and len(answer('multi')) / 2 > 0.5",
    "sum(column('tab', 'n')) > 2 and between(answer('num'), 1, 3)",
    "'a' in answer('multi') and metric('women_share', grade='senior') >= target",
])
def test_generated_code_holds_none_of_the_rule_text(text):
    """Rules compile to one generated Python function each; every value of the rule is bound
    as a constant, so its source has only invented names and fixed operators."""
    rule = compile_rule(text, ENV)
    source = rule.fast().__source__
    for line in source.splitlines():
        line = line.strip()
        assert _GENERATED.match(line), line
        if line.startswith("v") and " = " in line:
            assert _RIGHT.match(line.split(" = ", 1)[1]), line
    assert "'" not in source and '"' not in source


def test_first_known_prefers_measured_data():
    rule = compile_rule("first_known(metric('women_share', grade='senior'), answer('pct')) "
                        ">= target", ENV)
    key = (("grade", "senior"),)
    measured = ctx(answers={"pct": 0.5}, metrics={("women_share", key): 0.2})
    assert rule.evaluate(measured) is False  # the data wins over a declared 50 %
    assert rule.explain(measured) == [
        "✗ women's share of staff (grade senior) or, if unknown, “Question pct?” (pct) is 20 %; "
        "needs at least 30 % (leadership target)"]
    assert rule.evaluate(ctx(answers={"pct": 0.5})) is True  # no data: the answer counts
    assert isinstance(rule.evaluate(ctx()), Missing)
    assert rule.uses_metrics is True
    assert compile_rule("answer('yn')", ENV).uses_metrics is False
    with pytest.raises(RuleError, match="first_known\\(\\) needs values of one kind"):
        compile_rule("first_known(answer('txt'), answer('int')) == 1", ENV)


def test_missing_answer_reads_not_answered():
    rule = compile_rule("answer('int') >= minimum", ENV)
    assert rule.explain(ctx()) == ["? “Question int?” (int) is not answered; needs at least 4 "
                                   "(minimum)"]


def test_institution_fields():
    rule = compile_rule("institution('scope') == 'subnational'", ENV)
    c = EvalContext({}, frozenset(), None, {"scope": "subnational"})
    assert rule.evaluate(c) is True
    assert rule.explain(c) == ["✓ the institution's scope is 'subnational'; needs 'subnational'"]
    with pytest.raises(RuleError, match="'federal' is not a choice of the institution's scope"):
        compile_rule("institution('scope') == 'federal'", ENV)
    with pytest.raises(RuleError, match="institution\\(\\) has no field 'budget'"):
        compile_rule("institution('budget') == 'x'", ENV)


def test_rejected_evidence_says_so():
    rule = compile_rule("evidence('doc')", ENV)
    c = EvalContext({}, frozenset(), None, None, frozenset({"doc"}))
    assert rule.explain(c) == ["✗ evidence doc (The document) is rejected"]


def test_arithmetic_reads_as_words():
    rule = compile_rule("answer('num') / answer('int') >= target - 0.05", ENV)
    assert rule.explain(ctx(answers={"num": 1, "int": 4})) == [
        "✓ “Question num?” (num) ÷ “Question int?” (int) is 25 %; needs at least target − 0.05 "
        "(25 %)"]


def test_first_known_of_conditions_lets_data_decide():
    rule = compile_rule("first_known(metric('women_share', grade='senior') >= target, "
                        "answer('pct') >= target and evidence('doc'))", ENV)
    key = (("grade", "senior"),)
    data = ctx(answers={"pct": 0.5}, evidence={"doc"}, metrics={("women_share", key): 0.2})
    assert rule.evaluate(data) is False  # the declared 50 % cannot override the data
    assert rule.explain(data) == [
        "✗ from the workforce data (the declared answer differs: it would hold; the measured "
        "figures are used):",
        "  ✗ women's share of staff (grade senior) is 20 %; needs at least 30 % "
        "(leadership target)"]
    declared = ctx(answers={"pct": 0.5}, evidence={"doc"})
    assert rule.evaluate(declared) is True
    assert rule.explain(declared)[0] == ("✓ no workforce figure for this (no data for "
                                         "women_share), so the declared answer decides:")
    generic = compile_rule("first_known(answer('yn'), answer('int') > 1)", ENV)
    assert generic.explain(ctx(answers={"int": 2}))[0] == (
        "✓ decided by the first of these that is known (item 2 of 2):")


def test_difference_of_shares_reads_in_points():
    rule = compile_rule("metric('exit_rate_women') - metric('exit_rate_men') <= 0.02 and "
                        "metric('pipeline_drop') <= target", ENV)
    c = ctx(metrics={("exit_rate_women", ()): 0.12, ("exit_rate_men", ()): 0.09,
                     ("pipeline_drop", ()): 0.171})
    assert rule.explain(c) == [
        "✗ women's exit rate − men's exit rate is 3 points; needs at most 2 points",
        "✓ largest fall in women's share from one grade to the next is 17.1 points; needs at "
        "most 30 points (leadership target)"]


def test_dates_against_the_assessment_period():
    rule = compile_rule("answer('day') >= period_start() and answer('day') <= period_end()", ENV)
    c = EvalContext({"day": dt.date(2024, 5, 1)}, frozenset(), None, None, frozenset(),
                    (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert rule.evaluate(c) is False
    assert rule.explain(c)[0] == ("✗ “Question day?” (day) is 2024-05-01; needs at least the "
                                  "start of the assessment period (2025-01-01)")
    with pytest.raises(RuleError, match="cannot order a number"):
        compile_rule("answer('int') >= period_end()", ENV)


def test_membership_groups_read_as_one_line():
    rule = compile_rule("any('a' in answer('multi'), 'b' in answer('multi')) and "
                        "all('a' in answer('multi'), 'c' in answer('multi'))", ENV)
    assert rule.explain(ctx(answers={"multi": ["c"]})) == [
        "✗ “Question multi?” (multi) includes none of 'a', 'b' (answer: 'c')",
        "✗ “Question multi?” (multi) does not include all of 'a', 'c' (answer: 'c')"]
    assert rule.explain(ctx(answers={"multi": ["a", "c"]})) == [
        "✓ “Question multi?” (multi) includes at least one of 'a', 'b' (answer: 'a', 'c')",
        "✓ “Question multi?” (multi) includes all of 'a', 'c' (answer: 'a', 'c')"]
    assert rule.explain(ctx()) == [
        "? “Question multi?” (multi) should include at least one of 'a', 'b': not answered",
        "? “Question multi?” (multi) should include all of 'a', 'c': not answered"]


def test_odd_but_valid_rules_read_well():
    assert compile_rule("True", ENV).explain(ctx()) == ["✓ always true"]
    assert compile_rule("false", ENV).explain(ctx()) == ["✗ always false"]
    rule = compile_rule("0 < answer('int') < 5", ENV)
    assert rule.explain(ctx(answers={"int": 3})) == [
        "✓ “Question int?” (int) is 3; needs more than 0",
        "✓ “Question int?” (int) is 3; needs less than 5"]
    eq = compile_rule("answer('yn') == True", ENV)
    assert eq.explain(ctx(answers={"yn": False})) == ["✗ “Question yn?” (yn) is no; needs yes"]


def test_membership_not_known_yet():
    rule = compile_rule("'a' in answer('multi')", ENV)
    assert rule.explain(ctx()) == ["? “Question multi?” (multi) should include 'a': not answered"]


def test_metric_filter_with_several_values():
    rule = compile_rule("metric('women_share', grade=('manager', 'senior')) >= target", ENV)
    key = (("grade", ("manager", "senior")),)
    c = ctx(metrics={("women_share", key): 0.25})
    assert rule.evaluate(c) is False
    assert rule.explain(c) == ["✗ women's share of staff (grade manager or senior) is 25 %; "
                               "needs at least 30 % (leadership target)"]
    with pytest.raises(RuleError, match="or a tuple of them for several values"):
        compile_rule("metric('women_share', grade=('manager', 1.5)) >= 0.3", ENV)


def test_metric_filter_with_a_whole_number():
    rule = compile_rule("metric('women_share', pay_quartile=4) >= 0.3", ENV)
    c = ctx(metrics={("women_share", (("pay_quartile", "4"),)): 0.25})
    assert rule.evaluate(c) is False
    with pytest.raises(RuleError, match="must be a quoted literal"):
        compile_rule("metric('women_share', pay_quartile=True) >= 0.3", ENV)


def test_count_rows_of_a_table():
    q = Question(id="res", type=QuestionType.table, text="Results?", columns=[
        {"id": "name", "type": "text"}, {"id": "improved", "type": "yes_no"},
        {"id": "kind", "type": "single_choice", "choices": [{"value": "a"}, {"value": "b"}]}])
    env = RuleEnv({"res": q}, {}, {}, {}, METRICS)
    rows = [{"name": "x", "improved": True, "kind": "a"}, {"name": "y", "improved": False,
                                                           "kind": "a"}]
    rule = compile_rule("count_rows('res', improved=True) == len(answer('res'))", env)
    assert rule.evaluate(ctx(answers={"res": rows})) is False
    assert rule.explain(ctx(answers={"res": rows})) == [
        "✗ the number of rows of “Results?” (res) with “improved” yes is 1; needs the number "
        "of items in “Results?” (res) (2)"]
    # a choice by its label, and 'none may be' for a count that must be 0
    labelled = Question(id="res", type=QuestionType.table, text="Results?", columns=[
        {"id": "improved", "type": "yes_no", "title": "Improved?"},
        {"id": "kind", "type": "single_choice", "title": "Kind",
         "choices": [{"value": "a_kind", "label": "First kind"}, {"value": "b"}]}])
    env2 = RuleEnv({"res": labelled}, {}, {}, {}, METRICS)
    assert compile_rule("count_rows('res', kind='a_kind', improved=False) == 0", env2).explain(
        ctx(answers={"res": [{"improved": False, "kind": "a_kind"}]})) == [
        "✗ the number of rows of “Results?” (res) with “Kind” “First kind” and “Improved?” no "
        "is 1; none may be"]
    assert compile_rule("count_rows('res', kind='a', improved=False) == 1", env).evaluate(
        ctx(answers={"res": rows})) is True
    assert isinstance(compile_rule("count_rows('res') > 0", env).evaluate(ctx()), Missing)
    for text, message in [
        ("count_rows('res', improved='yes') > 0", "column 'improved' is yes/no"),
        ("count_rows('res', kind='c') > 0", "'c' is not a choice of column 'kind'"),
        ("count_rows('res', colour='red') > 0", "table 'res' has no column 'colour'"),
    ]:
        with pytest.raises(RuleError, match=message):
            compile_rule(text, env)


def _same(a, b) -> bool:
    if isinstance(a, Missing) or isinstance(b, Missing):
        return isinstance(a, Missing) and isinstance(b, Missing) and a.reason == b.reason
    return type(a) is type(b) and a == b


def test_generated_functions_agree_with_the_closures_everywhere():
    """Every rule of every bundled standard, on every example and on random variants of them
    (answers dropped or changed, evidence dropped): the generated function and the tree of
    closures give the same value."""
    import random

    import seal_engine
    from seal_engine.scoring import evaluation_context

    from .conftest import ROOT

    rng = random.Random(11)
    checked = 0
    for path in sorted((ROOT / "assessments").rglob("*.yaml")):
        a = seal_engine.load_assessment(path)
        s = seal_engine.standard_for(a)
        data = seal_engine.load_workforce_for(a)
        c = seal_engine.compiled(s)
        for k in range(12):
            variant = a.model_copy(deep=True)
            if k:
                for qid in list(variant.answers):
                    if rng.random() < 0.3:
                        del variant.answers[qid]
                variant.evidence = [e for e in variant.evidence if rng.random() < 0.6]
            ctx = evaluation_context(s, variant, data if k % 2 == 0 else None)
            rules = [r for b in c.rules.values()
                     for r in (b.met, b.partially_met, b.applies_when) if r is not None]
            rules += list(c.measures.values())
            for r in rules:
                assert _same(r.fast()(ctx), r.evaluate(ctx)), (path, r.text)
                checked += 1
    assert checked > 5000


def test_first_known_says_when_declared_and_measured_disagree():
    rule = compile_rule("first_known(metric('women_share', grade='senior') >= target, "
                        "answer('pct') >= target)", ENV)
    key = (("grade", "senior"),)
    c = ctx(answers={"pct": 0.5}, metrics={("women_share", key): 0.2})
    assert rule.evaluate(c) is False
    assert rule.explain(c)[0] == ("✗ from the workforce data (the declared answer differs: it "
                                  "would hold; the measured figures are used):")
    same = ctx(answers={"pct": 0.1}, metrics={("women_share", key): 0.2})
    assert rule.explain(same)[0] == "✗ from the workforce data:"
