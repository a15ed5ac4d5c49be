"""The store's refusals are message codes with params: a refused transition, a role's refusal
and a stale write, raised through the services, read in English as before and in Spanish,
French and Portuguese with no message left in English."""

from __future__ import annotations

import pytest

import seal_engine.store as st
from seal_engine.errors import PermissionDeniedError, StaleWriteError, TransitionError
from seal_engine.messages import has_translation, rendered_log
from seal_engine.messages import store as store_messages

from .conftest import assessment_id, demo_actors

LANGS = ("es", "fr", "pt")


def _read_in(error, lang: str) -> str:
    """Every problem of ``error`` rendered in ``lang``; fails on any message (the problem's
    and every message inside it) the language's catalogue does not translate."""
    with rendered_log() as log:
        text = "\n".join(p.render(lang) for p in error.problems)
    assert log, "nothing was rendered through the catalogue"
    shown = [code for code, shown_lang, _text, _en in log if shown_lang == lang]
    assert shown and [code for code in shown if not has_translation(code, lang)] == []
    return text


def _refused_transition(store):
    assessor = demo_actors(store)["assessor"]
    aid = assessment_id(store, "port-aurel-municipality-2025")  # certified
    version = st.find_assessment(store, st.SYSTEM, aid).version
    with pytest.raises(TransitionError) as e:
        st.start_review(store, assessor, aid, version)
    return e.value


def test_a_refused_transition_reads_as_before_in_english(demo_store):
    e = _refused_transition(demo_store)
    assert [p.text.code for p in e.problems] == ["store.transition_state"]
    assert str(e) == ("[port-aurel-municipality-2025] cannot start review assessment "
                      "port-aurel-municipality-2025: it is certified, and this is done only "
                      "from: submitted")


@pytest.mark.parametrize("lang", LANGS)
def test_a_refused_transition_in_each_language(demo_store, lang):
    text = _read_in(_refused_transition(demo_store), lang)
    assert "port-aurel-municipality-2025" in text
    assert "cannot" not in text and "certified" not in text
    word = {"es": "certificada", "fr": "certifiée", "pt": "certificada"}[lang]
    assert word in text


def test_a_refused_transition_in_spanish_words(demo_store):
    text = _read_in(_refused_transition(demo_store), "es")
    assert text == ("[port-aurel-municipality-2025] no es posible iniciar la revisión de la "
                    "evaluación port-aurel-municipality-2025: está certificada, y esto solo se "
                    "hace desde estos estados: enviada a revisión")


def _denied(store):
    analyst = demo_actors(store)["analyst"]
    with pytest.raises(PermissionDeniedError) as e:
        st.create_institution(store, analyst, code="NEW-1", name="New", country="Valdoria",
                              scope="national")
    return e.value


@pytest.mark.parametrize("lang", LANGS)
def test_what_a_role_may_not_do_in_each_language(demo_store, lang):
    e = _denied(demo_store)
    assert e.problems[0].text.code == "store.denied"
    assert "may not add institutions" in str(e)
    text = _read_in(e, lang)
    assert "add institutions" not in text
    assert {"es": "agregar instituciones", "fr": "ajouter des institutions",
            "pt": "adicionar instituições"}[lang] in text


def _stale(store):
    focal = demo_actors(store)["focal_point"]
    aid = assessment_id(store, "valdoria-ministry-of-labour-2025")  # sent back for changes
    info = st.get_assessment(store, focal, aid)
    qid = next(iter(info.answers))
    with pytest.raises(StaleWriteError) as e:
        st.save_answer(store, focal, aid, qid, info.answers[qid].value, expected_version=999)
    return e.value, qid


@pytest.mark.parametrize("lang", LANGS)
def test_a_stale_write_in_each_language(demo_store, lang):
    e, qid = _stale(demo_store)
    assert e.problems[0].text.code in ("store.changed_since_read", "store.removed_since_read")
    assert f"answer {qid} of valdoria-ministry-of-labour-2025" in str(e)
    text = _read_in(e, lang)
    assert qid in text and "answer " not in text and "reload it" not in text


def test_every_state_and_transition_has_words():
    from seal_engine.lifecycle import State, transition

    codes = set(store_messages.MESSAGES)
    assert {f"state.{s.value}" for s in State} <= codes
    for name in ("record_baseline", "submit", "start_review", "request_changes", "recommend",
                 "recommend_refusal", "return_to_team", "certify", "refuse"):
        transition(name)  # a transition of the lifecycle table
        assert f"act.{name}" in codes
