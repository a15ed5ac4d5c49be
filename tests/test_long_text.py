"""Text answers keep everything: a long-text question type (several paragraphs), a limit per
text question (``max_length``, else the type's default), and an answer over it refused with its
length and the limit, never cut."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import seal_engine as se
from seal_engine.answers import normalise_answers
from seal_engine.models import TEXT_LIMITS, Question, QuestionType
from seal_engine.template import assessment_template

from .conftest import ROOT

STANDARD = ROOT / "standards" / "undp-seal-public-institutions"
EXAMPLE = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"


def _text_question(standard) -> Question:
    return next(q for q in standard.questions().values() if q.type is QuestionType.text)


def _with(standard, qid: str, **update):
    """``standard`` with question ``qid`` changed (a copy)."""
    data = standard.model_dump(mode="json", exclude_none=True)
    for dim in data["dimensions"]:
        for b in dim["benchmarks"]:
            for q in b.get("questions", []):
                if q["id"] == qid:
                    q.update(update)
    return type(standard).model_validate(data)


def _problems(standard, qid: str, value):
    a = se.load_assessment(EXAMPLE)
    a = a.model_copy(update={"answers": {**a.answers, qid: value}})
    return [p for p in normalise_answers(standard, a)[1] if p.record_id == qid]


def test_a_text_over_its_limit_is_refused_with_its_length_never_cut():
    standard = se.load_standard(STANDARD)
    q = _text_question(standard)
    assert q.text_limit == TEXT_LIMITS[QuestionType.text]
    limit = q.text_limit
    assert _problems(standard, q.id, "x" * limit) == []
    (problem,) = _problems(standard, q.id, "é" * (limit + 500))
    assert f"{limit + 500:,} characters long" in problem.message
    assert f"at most {limit:,}" in problem.message and "shorten it by 500" in problem.message
    assert problem.field == f"answers.{q.id}"


def test_a_long_text_question_takes_paragraphs_up_to_its_own_limit():
    standard = se.load_standard(STANDARD)
    qid = _text_question(standard).id
    long = _with(standard, qid, type="long_text", max_length=3000)
    q = long.questions()[qid]
    assert q.type is QuestionType.long_text and q.text_limit == 3000
    paragraphs = "First paragraph.\n\nSecond one, " + "y" * 2500
    assert _problems(long, qid, paragraphs) == []
    a = se.load_assessment(EXAMPLE)
    a = a.model_copy(update={"answers": {**a.answers, qid: paragraphs}})
    assert se.score(long, a).level  # scored like any other answer
    (problem,) = _problems(long, qid, "z" * 3001)
    assert "at most 3,000" in problem.message
    # without max_length, the type's default
    default = _with(standard, qid, type="long_text").questions()[qid]
    assert default.text_limit == TEXT_LIMITS[QuestionType.long_text] > TEXT_LIMITS[
        QuestionType.text]


def test_the_blank_assessment_says_long_text_and_its_limit():
    standard = se.load_standard(STANDARD)
    qid = _text_question(standard).id
    text = assessment_template(_with(standard, qid, type="long_text", max_length=3000))
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith(f"{qid}:"))
    hint = lines[at - 1]  # the comment above the answer
    assert "several lines" in hint and "at most 3,000 characters" in hint, hint


@pytest.mark.parametrize("shape, why", [
    ({"type": "yes_no", "max_length": 10}, "takes no max_length"),
    ({"type": "text", "max_length": 0}, "greater than or equal to 1"),
])
def test_max_length_belongs_to_text_questions(shape, why):
    with pytest.raises(ValidationError, match=why):
        Question.model_validate({"id": "X-01.q", "text": "A question?", **shape})


def test_a_table_column_is_never_long_text():
    with pytest.raises(ValidationError, match="cannot be long_text"):
        Question.model_validate({"id": "X-01.t", "type": "table", "text": "Rows",
                                 "columns": [{"id": "note", "type": "long_text"}]})
