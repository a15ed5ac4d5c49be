"""Comments on answers and threads per benchmark, in the store: who may write (the institution's
focal points, the assigned assessors after declaring no conflict), nobody after the decision,
who may read, every write audited by the text's hash (never the text) and sealed with the
assessment; and each user's time zone preference."""

from __future__ import annotations

import pytest

import seal_engine.store as st
from seal_engine.errors import PermissionDeniedError, StoreError, TransitionError

from .conftest import assessment_id, demo_actors

ML24, ML25 = "valdoria-ministry-of-labour-2024", "valdoria-ministry-of-labour-2025"


def _benchmark(store, aid: str) -> str:
    info = st.get_assessment(store, st.SYSTEM, aid)
    return st.get_standard(store, info.standard_id, info.standard_version).benchmarks()[0].id


def _question(store, aid: str) -> str:
    info = st.get_assessment(store, st.SYSTEM, aid)
    return next(iter(st.get_standard(store, info.standard_id, info.standard_version)
                     .questions()))


def _entries(store, action: str) -> list:
    """The audit entries of ``action``, oldest first."""
    return sorted((e for e in st.list_audit(store, st.SYSTEM, limit=1000)
                   if e.action == action), key=lambda e: e.seq)


def test_the_institution_and_its_assessor_talk_in_a_benchmark_thread(demo_store):
    store, who = demo_store, demo_actors(demo_store)
    aid = assessment_id(store, ML25)
    bid = _benchmark(store, aid)
    asked = st.post_message(store, who["focal_point"], aid, bid,
                            "  Is the 2024 monitoring report enough, or do you need 2025's?  ")
    answered = st.post_message(store, who["assessor"], aid, bid,
                               "The 2025 one: the period is 2025.")
    assert (asked.side, answered.side) == ("institution", "assessors")
    assert asked.text == "Is the 2024 monitoring report enough, or do you need 2025's?"
    for reader in ("focal_point", "assessor", "programme_officer"):
        thread = st.list_messages(store, who[reader], aid, bid)
        assert [m.id for m in thread] == [asked.id, answered.id]
        assert thread[0].author == who["focal_point"].display_name and thread[1].side == "assessors"
    assert st.list_messages(store, who["focal_point"], aid, "no-such-benchmark") == []
    assert len(st.list_messages(store, st.SYSTEM, aid)) == 2
    # audited by hash, never the text, and sealed with the assessment
    posts = _entries(store, "thread.post")
    assert [e.payload["message"] for e in posts[-2:]] == [asked.id, answered.id]
    assert all("text" not in e.payload and len(e.payload["text_sha256"]) == 64
               for e in posts)
    assert all(e.entity == f"assessment:{aid}" for e in posts)
    assert st.verify_audit(store).ok


def test_who_may_not_write_or_read(demo_store):
    store, who = demo_store, demo_actors(demo_store)
    aid = assessment_id(store, ML25)
    bid = _benchmark(store, aid)
    # the programme officer reads the threads (they decide on the answers) but writes none
    with pytest.raises(PermissionDeniedError, match="focal points and the assessors"):
        st.post_message(store, who["programme_officer"], aid, bid, "A word from outside")
    for role in ("analyst", "admin"):  # who never reads answers reads no thread either
        with pytest.raises(st.NotFoundError):
            st.list_messages(store, who[role], aid, bid)
        with pytest.raises(st.NotFoundError):
            st.post_message(store, who[role], aid, bid, "Hello")
    with pytest.raises(StoreError, match="empty"):
        st.post_message(store, who["focal_point"], aid, bid, "   ")
    with pytest.raises(StoreError, match="has no benchmark 'XX-99'"):
        st.post_message(store, who["focal_point"], aid, "XX-99", "Hello")
    with pytest.raises(StoreError, match="at most 4,000 are allowed"):
        st.post_message(store, who["focal_point"], aid, bid, "x" * 4001)
    assert st.list_messages(store, st.SYSTEM, aid) == []


def test_an_assessor_writes_only_after_declaring_no_conflict(demo_store):
    store, who = demo_store, demo_actors(demo_store)
    aid = assessment_id(store, "valdoria-civil-aviation-authority-2025")
    other = st.create_user(store, st.SYSTEM, email="second@demo.test", display_name="Second",
                           password="a test password")
    st.grant_role(store, st.SYSTEM, other.id, "assessor")
    second = st.authenticate(store, "second@demo.test", "a test password")
    bid = _benchmark(store, aid)
    with pytest.raises(st.NotFoundError):  # not on the team: the assessment is not theirs
        st.post_message(store, second, aid, bid, "Hello")
    st.assign_assessor(store, st.SYSTEM, aid, other.id)
    with pytest.raises(StoreError, match="declare first"):
        st.post_message(store, second, aid, bid, "Hello")
    st.declare_no_conflict(store, second, aid, "I never worked with the authority.")
    assert st.post_message(store, second, aid, bid, "Hello").side == "assessors"
    del who


def test_nobody_writes_after_the_decision(demo_store):
    store, who = demo_store, demo_actors(demo_store)
    aid = assessment_id(store, ML24)
    assert st.get_assessment(store, st.SYSTEM, aid).state == "certified"
    bid = _benchmark(store, aid)
    for role in ("focal_point", "assessor"):
        with pytest.raises(TransitionError, match="nothing is added after the decision"):
            st.post_message(store, who[role], aid, bid, "One more thing")
    assert st.list_messages(store, who["focal_point"], aid, bid) == []


def test_a_comment_per_answer_kept_versioned_and_removed(demo_store):
    store, who = demo_store, demo_actors(demo_store)
    focal = who["focal_point"]
    aid = assessment_id(store, ML25)
    qid = _question(store, aid)
    v1 = st.save_comment(store, focal, aid, qid, "Adopted by decree; see the annex.", 0)
    assert v1 == 1
    v2 = st.save_comment(store, focal, aid, qid, "Adopted by decree 14/2024.", v1)
    with pytest.raises(st.StaleWriteError, match="Farah Focal"):
        st.save_comment(store, focal, aid, qid, "A stale edit", v1)
    for reader in ("focal_point", "assessor", "programme_officer"):
        comments = st.list_comments(store, who[reader], aid)
        assert comments[qid].text == "Adopted by decree 14/2024."
        assert comments[qid].version == v2 and comments[qid].updated_by == focal.display_name
    with pytest.raises(st.NotFoundError):
        st.list_comments(store, who["analyst"], aid)
    with pytest.raises(PermissionDeniedError, match="focal points edit"):
        st.save_comment(store, who["assessor"], aid, qid, "Not theirs", v2)
    with pytest.raises(StoreError, match="has no question"):
        st.save_comment(store, focal, aid, "XX-99.q", "Hello", 0)
    assert st.save_comment(store, focal, aid, qid, "  ", v2) == 0  # removed
    assert st.list_comments(store, focal, aid) == {}
    actions = [e.action for e in st.list_audit(store, st.SYSTEM, limit=50)
               if e.action.startswith("comment.")]
    assert actions.count("comment.save") == 2 and actions.count("comment.remove") == 1
    assert st.verify_audit(store).ok


def test_comments_only_while_the_answers_may_change(demo_store):
    store, who = demo_store, demo_actors(demo_store)
    aid = assessment_id(store, ML24)  # certified
    with pytest.raises(TransitionError, match="can be edited"):
        st.save_comment(store, who["focal_point"], aid, _question(store, aid), "Late", 0)


def test_each_user_chooses_the_time_zone_times_are_shown_in(demo_store):
    store, who = demo_store, demo_actors(demo_store)
    focal = who["focal_point"]
    assert st.get_preferences(store, focal) == st.Preferences(None, 0)
    v = st.set_time_zone(store, focal, "America/Panama", 0)
    assert st.get_preferences(store, focal) == st.Preferences("America/Panama", v)
    assert st.get_preferences(store, who["assessor"]).time_zone is None  # their own
    with pytest.raises(StoreError, match="not a time zone"):
        st.set_time_zone(store, focal, "Mars/Olympus", v)
    with pytest.raises(PermissionDeniedError):
        st.set_time_zone(store, who["admin"], "UTC", v, user_id=focal.user_id)
    with pytest.raises(PermissionDeniedError):
        st.get_preferences(store, who["admin"], focal.user_id)
    v = st.set_time_zone(store, focal, "UTC", v)  # UTC is kept as no zone
    assert st.get_preferences(store, focal).time_zone is None
    assert st.time_zones()[0] == "UTC" and "Asia/Vientiane" in st.time_zones()
    entry = _entries(store, "user.preferences")[-1]
    assert entry.entity == f"user:{focal.user_id}" and entry.payload["version"] == v
    assert st.verify_audit(store).ok
