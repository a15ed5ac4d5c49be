"""Guidance in the public-institutions standard: every question says how to answer it (what
counts, which period, where the figure is, the edge cases) and every evidence requirement gives
examples of acceptable documents; the questionnaire shows both in full under the question and
the requirement, and the review page shows the examples beside the evidence to judge."""

from __future__ import annotations

import re

import pytest

import seal_engine
import seal_engine.store as st

from .appkit import ML25, NSO25, assessment, no_failure, open_app, store
from .conftest import ROOT
from .test_app_words import codes_in

STANDARD = ROOT / "standards" / "undp-seal-public-institutions"
#: The end of a sentence: a full stop, question or exclamation mark before a space or the end
#: (never the point of "0.3" or of "(4.18)").
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
#: Words that say nothing about how to answer.
FILLER = re.compile(r"\b(answer the question|as appropriate|if applicable|please|"
                    r"lorem|TODO|TBD)\b", re.IGNORECASE)


def _standard():
    return seal_engine.load_standard(STANDARD)


def _questions():
    return [q for b in _standard().benchmarks() for q in b.questions]


def _evidence():
    return [e for b in _standard().benchmarks() for e in b.evidence]


def _sentences(text: str) -> int:
    return len(SENTENCE_END.findall(text.strip()))


def test_the_standard_is_the_one_of_57_benchmarks_and_143_questions():
    s = _standard()
    assert len(list(s.benchmarks())) == 57 and len(_questions()) == 143
    assert all(b.evidence for b in s.benchmarks()), "a benchmark asks for no evidence"


@pytest.mark.parametrize("q", _questions(), ids=lambda q: q.id)
def test_every_question_says_how_to_answer_it(q):
    assert q.help, f"{q.id} has no help"
    text = " ".join(q.help.split())
    assert 1 <= _sentences(text) <= 3, f"{q.id}: {_sentences(text)} sentences: {text!r}"
    assert text.endswith("."), text
    assert len(text) >= 60, f"{q.id}: too short to guide anyone: {text!r}"
    assert not FILLER.search(text), text
    # a focal point reads it on the page: no answer id or choice code to decode
    assert codes_in(text) == [], (q.id, codes_in(text))
    assert text.lower() != " ".join(q.text.split()).lower()


def test_no_two_questions_share_one_help_text():
    seen: dict[str, str] = {}
    for q in _questions():
        key = " ".join(q.help.split()).lower()
        assert key not in seen, f"{q.id} repeats the help of {seen[key]}"
        seen[key] = q.id


@pytest.mark.parametrize("e", _evidence(), ids=lambda e: e.id)
def test_every_evidence_requirement_gives_examples_of_acceptable_documents(e):
    assert e.description, f"{e.id} has no examples"
    text = " ".join(e.description.split())
    assert text.startswith("For example: "), text
    assert 1 <= _sentences(text) <= 2, f"{e.id}: {text!r}"
    assert len(text) >= 60 and not FILLER.search(text), text
    assert codes_in(text) == [], (e.id, codes_in(text))


def test_the_help_refers_to_other_benchmarks_by_their_one_name():
    """Where a help points to another benchmark it names it as every page does,
    'WE-18 (4.18)', and the benchmark exists with that number."""
    refs = {b.id: b.ref for b in _standard().benchmarks()}
    found = 0
    for q in _questions():
        for bid, ref in re.findall(r"\b([A-Z]{2}-\d{2})\b(?: \(([\d.]+)\))?", q.help):
            found += 1
            assert bid in refs and ref == refs[bid], (q.id, bid, ref)
    assert found >= 3


def test_the_lao_adaptation_carries_the_guidance_of_the_questions_it_takes_over():
    lao = seal_engine.load_standard(ROOT / "standards" / "lao-public-service-adaptation")
    parent = _standard().questions()
    taken = [q for q in lao.questions().values() if q.id in parent]
    assert len(taken) == len(parent)
    assert [q.id for q in taken if q.help != parent[q.id].help] == []


# ------------------------------------------------------------------------------ the app


def _captions(at) -> list[str]:
    return [str(c.value).replace("\\", "") for c in at.caption]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_questionnaire_shows_each_questions_help_and_the_evidence_examples(app_db):
    s = _standard()
    at = open_app("focal_point", "assessment", a=ML25, d="LC")
    no_failure(at)
    captions = [_flat(c) for c in _captions(at)]
    lc = next(d for d in s.dimensions if d.id == "LC")
    for b in lc.benchmarks:
        for q in b.questions:
            assert sum(_flat(q.help) in c for c in captions) == 1, f"help of {q.id} not shown once"
        for e in b.evidence:
            assert any(_flat(e.description) in c for c in captions), \
                f"examples of {e.id} not shown"


def test_a_table_questions_help_is_shown_above_its_grid(app_db):
    """A grid fills the width and grows with its rows: its help is read before it, under its
    title, and not repeated below it."""
    q = _standard().questions()["GA-04.sessions"]
    at = open_app("focal_point", "assessment", a=ML25, d="GA")
    no_failure(at)
    captions = [_flat(c) for c in _captions(at)]
    where = [i for i, c in enumerate(captions) if _flat(q.help) in c]
    assert len(where) == 1
    row_hint = next(i for i, c in enumerate(captions) if c.startswith("Add a row"))
    assert where[0] < row_hint  # the first grid's hint comes after its help


def test_the_review_page_shows_the_evidence_examples(app_db):
    aid = assessment(NSO25).id
    item = st.get_assessment(store(), st.SYSTEM, aid).evidence[0]
    benchmark = _standard().benchmark(item.benchmark_id)
    at = open_app("assessor", "review", a=NSO25)
    at.selectbox(key=f"rb:{aid}").set_value(benchmark.id).run()
    no_failure(at)
    captions = [_flat(c) for c in _captions(at)]
    for e in benchmark.evidence:
        assert any(_flat(e.description) in c for c in captions), f"examples of {e.id} not shown"


def test_the_standards_page_shows_each_questions_help_and_the_evidence_examples(app_db):
    """The Standards page, read before answering: under each benchmark of a dimension, every
    question's help and every evidence requirement's examples, each under its title."""
    s = _standard()
    at = open_app("focal_point", "standards")
    no_failure(at)
    for d in s.dimensions:
        at.selectbox(key=f"sd:{s.id}").set_value(d.id).run()
        no_failure(at)
        captions = [_flat(c) for c in _captions(at)]
        lines = [_flat(str(m.value).replace("\\", "")) for m in at.markdown]
        for b in d.benchmarks:
            for q in b.questions:
                assert sum(_flat(q.help) in c for c in captions) == 1, q.id
            for e in b.evidence:
                assert f"- {_flat(e.title)}" in lines, e.id
                assert any(_flat(e.description) in c for c in captions), e.id
