"""No page scores the same answers twice: the store keeps a scored result by what it is
computed from (the standard, the assessment as the engine reads it, the staff file), so a page
reading an assessment several times, and its reruns, reuse it, and any change scores afresh."""

from __future__ import annotations

import pytest

import seal_engine
import seal_engine.store as st
import seal_engine.store.assessments as stored

from .appkit import ML25, NSO25, actor, assessment, open_app, store


@pytest.fixture
def scorings(monkeypatch):
    calls: list[str] = []
    real = seal_engine.score

    def counting(standard, model, *args, **kwargs):
        calls.append(model.model_dump_json())
        return real(standard, model, *args, **kwargs)

    monkeypatch.setattr(seal_engine, "score", counting)
    stored._SCORED.clear()
    return calls


@pytest.mark.parametrize(("role", "page", "code"), [
    ("focal_point", "assessment", ML25), ("focal_point", "results", ML25),
    ("focal_point", "plan", ML25), ("focal_point", "home", ML25),
    ("assessor", "review", NSO25), ("assessor", "results", NSO25)])
def test_a_page_scores_each_view_once_and_a_rerun_nothing(app_db, scorings, role, page, code):
    at = open_app(role, page, a=code)
    assert not at.exception
    assert len(scorings) == len(set(scorings)), "the same answers were scored twice"
    before = len(scorings)
    at.run()
    assert len(scorings) == before, "a rerun with nothing changed scored again"


def test_an_audited_change_scores_afresh(app_db, scorings):
    focal = actor("focal_point")
    aid = assessment(ML25).id
    first = st.score_assessment(store(), focal, aid)
    assert st.score_assessment(store(), focal, aid) is first  # nothing changed
    version = st.get_assessment(store(), focal, aid).answers["LC-04.reviews"].version
    st.save_answer(store(), focal, aid, "LC-04.reviews", 0, version)
    again = st.score_assessment(store(), focal, aid)
    assert again is not first and len(scorings) == 2
