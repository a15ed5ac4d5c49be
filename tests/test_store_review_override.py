"""An assessor's override in the reviewed result: carried as data (a message code and its
params) and written in the reader's language wherever the explanation is shown; the result's
JSON keeps its shape, its explanation an English line for readers of the JSON."""

from __future__ import annotations

import pytest

import seal_engine.store as st
from seal_engine import ScoreResult
from seal_engine.messages import render_message, say

from .conftest import assessment_id, demo_actors

NSO25 = "valdoria-national-statistics-office-2025"
WHY = "The staff file shows fewer women than the answer says."


def _overridden(store):
    """The demo's NSO assessment with one benchmark overridden: its id, the computed and the
    decided status, and the comparison as the assessor reads it."""
    people = demo_actors(store)
    aid = assessment_id(store, NSO25)
    computed = st.compare_results(store, people["assessor"], aid).reviewed_result
    open_ = set(st.review_status(store, people["assessor"], aid).matching(["not_reviewed"]))
    target = next(b for b in computed.benchmarks
                  if b.id in open_ and b.status.value in ("met", "not_met"))
    decided = "not_met" if target.status.value == "met" else "met"
    st.review_benchmark(store, people["assessor"], aid, target.id, "override", 0,
                        status=decided, justification=WHY)
    both = st.compare_results(store, people["assessor"], aid)
    return target, decided, both, people, aid


def test_the_override_is_data_with_both_statuses_and_the_justification(demo_store):
    target, decided, both, _people, _aid = _overridden(demo_store)
    b = both.reviewed_result.benchmark(target.id)
    assert b.status.value == decided
    assert b.override.code == "why.overridden"
    assert b.override.params == {"computed": say(f"status.{target.status.value}"),
                                 "decided": say(f"status.{decided}"), "justification": WHY}
    # the rest of the explanation is the computed one, as it was
    assert b.explanation[1:] == target.explanation
    assert b.explained("es")[1:] == target.explained("es")


@pytest.mark.parametrize("lang", ["en", "es", "fr", "pt"])
def test_an_overridden_benchmark_is_explained_in_the_readers_language(demo_store, lang):
    target, decided, both, _people, _aid = _overridden(demo_store)
    b = both.reviewed_result.benchmark(target.id)
    first = b.explained(lang)[0]
    computed = render_message(say(f"status.{target.status.value}"), lang=lang)
    now = render_message(say(f"status.{decided}"), lang=lang)
    assert f"({computed} → {now})" in first and first.endswith(WHY)
    english = "Overridden by the assessor ("
    assert first.startswith(english) if lang == "en" else english not in first
    if lang != "en":  # every line in the language, the computed ones as they read alone
        assert b.explained(lang)[1:] == target.explained(lang)
        assert render_message(say(f"status.{decided}"), lang=lang) != decided.replace("_", " ")


def test_the_reviewed_json_keeps_its_shape_and_an_english_line(demo_store):
    target, decided, both, _people, _aid = _overridden(demo_store)
    data = both.reviewed_result.to_dict()
    mine = both.self_result.to_dict()
    shown = next(b for b in data["benchmarks"] if b["id"] == target.id)
    assert set(shown) == set(next(b for b in mine["benchmarks"] if b["id"] == target.id))
    assert shown["explanation"][0] == (
        f"Overridden by the assessor ({target.status.value.replace('_', ' ')} → "
        f"{decided.replace('_', ' ')}): {WHY}")
    back = ScoreResult.model_validate(data).benchmark(target.id)
    assert back.override is None  # read back from JSON: the explanation as it is
    assert back.explained("es") == shown["explanation"]


def test_who_may_not_see_the_content_gets_no_override(demo_store):
    target, _decided, _both, people, aid = _overridden(demo_store)
    summary = st.compare_results(demo_store, people["analyst"], aid).reviewed_result
    b = summary.benchmark(target.id)
    assert b.explanation == [] and b.override is None and b.explained("fr") == []


def test_a_verdict_changed_since_read_is_named_in_the_readers_language(demo_store):
    from seal_engine.errors import StaleWriteError

    target, decided, _both, people, aid = _overridden(demo_store)
    with pytest.raises(StaleWriteError) as e:  # read at version 0, now at 1
        st.review_benchmark(demo_store, people["assessor"], aid, target.id, "confirm", 0)
    what = e.value.problems[0].text.params["what"]
    assert what == say("store.rec.verdict", benchmark=target.id, code=NSO25)
    said = e.value.problems[0].render("fr")
    assert render_message(what, lang="fr") in said and "the verdict on" not in said


def test_the_results_report_gives_the_override_in_its_language(demo_store):
    from seal_engine.reports.build import results_from_store

    target, decided, _both, people, aid = _overridden(demo_store)
    report = results_from_store(demo_store, people["assessor"], aid, "fr")
    line = next(b for b in report.benchmarks if b.id == target.id)
    first = str(line.reason[0])
    assert render_message(say(f"status.{decided}"), lang="fr") in first
    assert first.startswith("Statut modifié par l'évaluateur") and WHY in first
