"""Comments and conversations in the app, driven by ``AppTest`` on a copy of the demo: the focal
point writes a comment under an answer and a message under a benchmark of its self-assessment
(sent back for changes); the assessor reads both beside the benchmark on the Review page and
answers; a refused message keeps its text; a decided assessment's conversation is closed."""

from __future__ import annotations

import seal_engine.store as st

from .appkit import ML24, ML25, NSO25, actor, assessment, no_failure, open_app, store, texts


def _first(code: str):
    """The assessment's first benchmark and its dimension."""
    info = st.get_assessment(store(), st.SYSTEM, assessment(code).id)
    standard = st.get_standard(store(), info.standard_id, info.standard_version)
    dim = standard.dimensions[0]
    return info, dim.id, dim.benchmarks[0]


def _opened(at, key: str):
    """The app with the box or thread ``key`` opened (each is made only while it is open, and
    opening it reruns the page)."""
    at.session_state[key] = True
    return at.run()


def _button(at, label: str, key_part: str):
    return next(b for b in at.button if b.label == label and key_part in (b.key or ""))


def test_the_focal_point_asks_under_a_benchmark_and_the_message_is_kept(app_db):
    info, dim, b = _first(ML25)
    at = open_app("focal_point", "assessment", a=ML25, d=dim)
    no_failure(at)
    key = f"th:{info.id}:{b.id}"
    assert "Ask the assessment team or answer them" in texts(at)
    assert not [t for t in at.text_area if t.key == key]  # made once the thread is opened
    _opened(at, f"{key}:shown")
    at.text_area(key=key).input("Is the 2024 monitoring report enough?")
    _button(at, "Send", key).click().run()
    no_failure(at)
    thread = st.list_messages(store(), st.SYSTEM, info.id, b.id)
    assert [(m.side, m.text) for m in thread] == [
        ("institution", "Is the 2024 monitoring report enough?")]
    assert at.text_area(key=key).value == ""  # sent: the box is empty again
    shown = texts(at)
    assert "Is the 2024 monitoring report enough?" in shown
    assert "Conversation with the assessment team · 1 message" in shown
    assert "UTC" in shown  # when, with the zone


def test_a_message_refused_keeps_its_text(app_db):
    info, dim, b = _first(ML25)
    at = open_app("focal_point", "assessment", a=ML25, d=dim)
    key = f"th:{info.id}:{b.id}"
    long = "Our monitoring report explains it. " * 130
    _opened(at, f"{key}:shown")
    at.text_area(key=key).input(long)
    _button(at, "Send", key).click().run()
    assert at.text_area(key=key).value == long
    at.session_state[f"{key}:shown"] = False
    at.run()  # the thread closed and opened again: the text is still there to shorten
    _opened(at, f"{key}:shown")
    assert at.text_area(key=key).value == long
    assert any("Not sent" in e.value and "at most 4,000 are allowed" in e.value
               and "still in the box" in e.value for e in at.error)
    assert st.list_messages(store(), st.SYSTEM, info.id, b.id) == []


def test_a_comment_under_an_answer_is_saved_and_read_by_the_assessor(app_db):
    info, dim, b = _first(ML25)
    q = b.questions[0]
    at = open_app("focal_point", "assessment", a=ML25, d=dim)
    key = f"cm:{info.id}:{q.id}"
    assert not [t for t in at.text_area if t.key == key]  # made once its box is opened
    _opened(at, f"cmp:{info.id}:{q.id}")
    at.text_area(key=key).input("Adopted by decree 14/2024; see the annex.").run()
    no_failure(at)
    comments = st.list_comments(store(), st.SYSTEM, info.id)
    assert comments[q.id].text == "Adopted by decree 14/2024; see the annex."
    assert "Your comment: Adopted by decree 14/2024; see the annex." in texts(at)
    # a new session (a reload) shows it again, from the database
    again = _opened(open_app("focal_point", "assessment", a=ML25, d=dim),
                    f"cmp:{info.id}:{q.id}")
    assert again.text_area(key=key).value == "Adopted by decree 14/2024; see the annex."


def test_the_assessor_reads_comments_and_answers_in_the_review(app_db):
    info, _dim, b = _first(NSO25)
    assert info.state == "under_review"
    focal_of_nso = st.create_user(store(), st.SYSTEM, email="nso@test.seal",
                                  display_name="Nora NSO", password="a test password")
    st.grant_role(store(), st.SYSTEM, focal_of_nso.id, "focal_point",
                  institution_id=info.institution_id)
    nora = st.authenticate(store(), "nso@test.seal", "a test password")
    st.post_message(store(), nora, info.id, b.id, "The survey report is in the annex.")
    at = open_app("assessor", "review", a=NSO25, b=b.id)
    no_failure(at)
    key = f"th:{info.id}:{b.id}"
    assert "Conversation with the institution · 1 message" in texts(at)
    shown = texts(_opened(at, f"{key}:shown"))
    assert "The survey report is in the annex." in shown and "Nora NSO" in shown
    at.text_area(key=key).input("Thank you: found it.")
    _button(at, "Send", key).click().run()
    no_failure(at)
    thread = st.list_messages(store(), nora, info.id, b.id)
    assert [m.side for m in thread] == ["institution", "assessors"]
    assert thread[1].author == actor("assessor").display_name


def test_a_decided_assessments_conversation_is_closed(app_db):
    info, dim, b = _first(ML24)
    assert info.state == "certified"
    at = open_app("focal_point", "assessment", a=ML24, d=dim)
    no_failure(at)
    assert not [t for t in at.text_area if (t.key or "").startswith("th:")]
    assert not [t for t in at.text_area if (t.key or "").startswith("cm:")]
    assert "Ask the assessment team" not in texts(at)
